#!/bin/sh
# Values that differ by one are a conflict: 3 against 4 deaths is CL018 in
# verify and a pair in contested, with and without the index; a round
# figure, an "about" and a decimal keep the tolerance they are written
# with (docs/rules.md, "How values are compared").
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
R=$TMP/repo
cl init "$R"
cl -C "$R" source add "$FIX/fire-police.txt" --id police --title "Police statement" \
	--published 2025-03-14
cl -C "$R" source add "$FIX/fire-hospital.txt" --id hospital --title "Hospital update" \
	--published 2025-03-14
cl -C "$R" claim add --id police-deaths --statement "Three people died in the fire." \
	--source police --quote "Three people died in the fire" \
	--subject "Quay Street fire" --property "deaths" --value 3 --unit deaths \
	--as-of 2025-03-14
cl -C "$R" claim add --id hospital-deaths --statement "Four people died in the fire." \
	--source hospital --quote "Four people have died as a result of the warehouse fire" \
	--subject "Quay Street fire" --property "Deaths" --value 4 --unit deaths \
	--as-of 2025-03-14

# cl018: the CL018 messages of a full verify, one a line.
cl018() {
	"$CLAIMLOG" -C "$R" verify --format json > "$TMP/v.json" || fail "verify failed"
	jq -r '.findings[] | select(.rule == "CL018") | .message' "$TMP/v.json"
}

cl018 > "$TMP/found"
[ "$(wc -l < "$TMP/found")" = 1 ] || fail "3 and 4 deaths: $(cat "$TMP/found")"
contains "$TMP/found" "values '4 deaths' and '3 deaths' cannot both be true"
cl -C "$R" verify
out_has "warning CL018 value-conflict: claims 'hospital-deaths' and 'police-deaths' on Quay Street fire / Deaths"

# contested finds the pair, without an index and through one, the same.
rm -rf "$R/.git/claimlog"
cl -C "$R" contested --json
cp "$TMP/out" "$TMP/without.json"
[ ! -f "$R/.git/claimlog/index.sqlite" ] || fail "contested built an index"
jq -e '.conflicts | length == 1 and (.[0].declared | not) and
	(.[0].detected | test("cannot both be true"))' "$TMP/out" >/dev/null ||
	fail "contested --json without the index"
cl -C "$R" list
[ -f "$R/.git/claimlog/index.sqlite" ] || fail "list built no index"
cl -C "$R" contested --json
cmp -s "$TMP/out" "$TMP/without.json" || fail "contested differs with the index"
cl -C "$R" contested
out_has "hospital-deaths vs police-deaths: detected"
lacks "$TMP/out" "no contested claims"
# verify --since reads through the index: it sees the pair as well.
cl -C "$R" verify --since HEAD~1 --format json
jq -e '[.findings[] | select(.rule == "CL018")] | length == 1' "$TMP/out" >/dev/null ||
	fail "verify --since with the index misses the conflict"

# The table: each pair of values, and whether it is a conflict.
while IFS='|' read -r a b unit verdict; do
	cl -C "$R" claim set police-deaths value "$a"
	cl -C "$R" claim set hospital-deaths value "$b"
	cl -C "$R" claim set police-deaths unit "$unit"
	cl -C "$R" claim set hospital-deaths unit "$unit"
	n=$(cl018 | wc -l)
	rm -rf "$R/.git/claimlog"
	cl -C "$R" contested --json
	m=$(jq '.conflicts | length' "$TMP/out")
	cl -C "$R" list
	cl -C "$R" contested --json
	k=$(jq '.conflicts | length' "$TMP/out")
	case $verdict in
	conflict) [ "$n $m $k" = "1 1 1" ] || fail "$a and $b $unit: CL018 $n, contested $m and $k, want a conflict" ;;
	agree) [ "$n $m $k" = "0 0 0" ] || fail "$a and $b $unit: CL018 $n, contested $m and $k, want agreement" ;;
	esac
done <<'TABLE'
3|5|deaths|conflict
14|15|deaths|conflict
12|13|deaths|conflict
20|21|deaths|conflict
0|1|deaths|conflict
2.5|2.6|tonnes|conflict
2.50|2.6|tonnes|conflict
200|201|deaths|conflict
1000|1001|deaths|conflict
3|three|deaths|agree
200,000|201,000|people|agree
200,000|210,000|people|conflict
about 200|210|deaths|agree
about 200|260|deaths|conflict
12|12.4|%|agree
1.2 million|1,150,000|people|agree
1.2 million|1,260,000|people|conflict
TABLE

# The pair is a series once the as-of dates differ: 3 at 9:00, 4 later.
cl -C "$R" claim set police-deaths value 3
cl -C "$R" claim set hospital-deaths value 4
cl -C "$R" claim set police-deaths unit deaths
cl -C "$R" claim set hospital-deaths unit deaths
[ "$(cl018 | wc -l)" = 1 ] || fail "3 and 4 deaths again"
cl -C "$R" claim set hospital-deaths as-of 2025-03-15
[ "$(cl018 | wc -l)" = 0 ] || fail "values at two dates are a series"
cl -C "$R" contested
out_has "no contested claims"
git -C "$R" fsck --strict >/dev/null 2>&1 || fail "git fsck"
exit 0
