#!/bin/sh
# contested through the index: it detects value conflicts from the values
# the index holds and reads in full only the claims it shows; without an
# index it reads every claim.  Both ways must print the same, committed
# claims and uncommitted edits alike.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
R=$TMP/repo
cl init "$R"
cl -C "$R" source add "$FIX/aid-monitor.txt" --id monitor --title "Aid Monitor Bulletin" \
	--published 2024-03
cl -C "$R" source add "$FIX/aid-news.txt" --id news --title "Ruritania Daily" \
	--published 2024-05
cl -C "$R" entity add "People's Republic of China" --alias China --alias PRC
cl -C "$R" claim add --id aid-share --statement "China delivered about 12% of its pledged aid." \
	--source monitor --quote "delivered 6.6 million euros, about 12% of the pledge" \
	--subject China --property "share of pledged aid delivered" --value 12 --unit % \
	--approx --as-of 2024
# Another spelling of the subject and a figure that cannot also be true.
cl -C "$R" claim add --id aid-share-prc --statement "The PRC delivered 15% of its aid." \
	--source news --quote "China has delivered just 15% of the 56 million euros" \
	--subject PRC --property "Share of pledged aid delivered" --value 15 --unit % \
	--as-of 2024
# A retracted figure takes part in no conflict.
cl -C "$R" claim add --id aid-share-old --statement "China delivered 40% of its aid." \
	--source news --quote "China has delivered just 15% of the 56 million euros" \
	--subject China --property "share of pledged aid delivered" --value 40 --unit % \
	--as-of 2024
cl -C "$R" claim set aid-share-old status retracted
cl -C "$R" claim add --id railway-june --statement "The railway opened in June 2020." \
	--source monitor --quote "the railway opened in June 2020"
cl -C "$R" claim add --id railway-july --statement "The railway opened in July 2020." \
	--source news --quote "The railway opened in July 2020."
cl -C "$R" conflict add railway-july railway-june --note "June or July"
cl -C "$R" claim add --id echo --statement "Officials repeat the bulletin's figure." \
	--source news --quote "citing the Aid Monitor Bulletin"
cl -C "$R" claim set echo status contested

# Claims no conflict involves, that the index spares reading.
for i in 1 2 3 4 5 6 7 8; do
	cl -C "$R" claim add --id "aside-$i" --statement "An aside, number $i." \
		--source monitor --quote "the railway opened in June 2020"
done

# both: contested --json without an index, then with one; they must agree.
both() {
	rm -rf "$R/.git/claimlog"
	cl -C "$R" contested --json
	cp "$TMP/out" "$TMP/without.json"
	[ ! -f "$R/.git/claimlog/index.sqlite" ] || fail "contested built an index"
	cl -C "$R" list
	[ -f "$R/.git/claimlog/index.sqlite" ] || fail "list built no index"
	cl -C "$R" contested --json
	cmp -s "$TMP/out" "$TMP/without.json" || {
		diff "$TMP/without.json" "$TMP/out" >&2
		fail "contested differs with the index"
	}
	cl -C "$R" contested
	cp "$TMP/out" "$TMP/text"
}
# pairs: the conflicts, "a b declared|detected" a line each.
pairs() {
	jq -r '.conflicts[] | "\(.a.id) \(.b.id) \(if .declared then "declared" else "detected" end)"' \
		"$TMP/without.json"
}

both
[ "$(pairs)" = "$(printf 'railway-july railway-june declared\naid-share-prc aid-share detected')" ] ||
	fail "pairs: $(pairs)"
jq -e '[.contested[].id] == ["echo"]' "$TMP/without.json" >/dev/null || fail "lone contested"
# Claims shown in full: evidence and origins.
jq -e '.conflicts[1].b.evidence[0].quote | test("about 12%")' "$TMP/without.json" >/dev/null ||
	fail "no evidence for aid-share"
contains "$TMP/text" "note: June or July"
contains "$TMP/text" "values '15 %' and 'about 12 %' cannot both be true"

# Which claim files each way opens: all 14, or none (the 5 it shows
# are made from the index's rows).
opened() {
	# LeakSanitizer (make check) cannot run under ptrace.
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
	strace -f -e trace=openat,openat2 -o "$TMP/trace" "$CLAIMLOG" -C "$R" contested >/dev/null ||
		fail "contested under strace"
	# Files of the work tree are opened beneath it (openat2, relative paths).
	n=$(grep -c '["/]claims/[^"]*\.xml"' "$TMP/trace")
	[ "$n" = "$1" ] || { grep claims/ "$TMP/trace" >&2; fail "opened $n claim files, not $1"; }
}
if command -v strace >/dev/null; then
	# A file written in the second git's index was is compared by its
	# content, as git does ("racily clean"): age the index past that.
	sleep 1
	touch "$R/.git/index"
	opened 0
	rm -rf "$R/.git/claimlog"
	opened 14
else
	echo "strace is not installed: not counting the files read" >&2
fi

# Edits not committed: a value changed into agreement, a new claim file
# that contradicts, a claim in a conflict deleted, a claim declaring a
# conflict in a hand-made folder.
sed -i 's|>15<|>12.4<|' "$R/$(cd "$R" && "$CLAIMLOG" path aid-share-prc)"
sed 's|aid-share-prc|aid-share-new|; s|>12.4<|>30<|' \
	"$R/$(cd "$R" && "$CLAIMLOG" path aid-share-prc)" > "$R/claims/aid-share-new.xml"
rm "$R/$(cd "$R" && "$CLAIMLOG" path railway-june)"
mkdir -p "$R/claims/hand"
sed 's|railway-july|railway-august|; s|July|August|' \
	"$R/$(cd "$R" && "$CLAIMLOG" path railway-july)" > "$R/claims/hand/railway-august.xml"
sed -i 's|<with>railway-june</with>|<with>railway-july</with>|; s|with="railway-june"|with="railway-july"|' \
	"$R/claims/hand/railway-august.xml"
grep -q 'railway-july' "$R/claims/hand/railway-august.xml" || fail "the edit did not apply"
both
[ "$(pairs)" = "$(printf 'railway-august railway-july declared\naid-share-prc aid-share-new detected\naid-share aid-share-new detected')" ] ||
	fail "pairs after the edits: $(pairs)"
lacks "$TMP/text" "railway-june"

# A broken claim file is left out either way, with the same warning, and
# the conflicts are listed as before (t0508 has more of it).
cp "$TMP/text" "$TMP/text.before"
echo "<claim" > "$R/claims/zz-broken.xml"
rm -rf "$R/.git/claimlog"
run 0 "$CLAIMLOG" -C "$R" contested
cmp -s "$TMP/out" "$TMP/text.before" || fail "another listing without the index"
cp "$TMP/err" "$TMP/err.without"
git -C "$R" add -A && git -C "$R" commit -qm "everything, the broken file too"
cl -C "$R" list
run 0 "$CLAIMLOG" -C "$R" contested
cmp -s "$TMP/out" "$TMP/text.before" || fail "another listing with the index"
cmp -s "$TMP/err" "$TMP/err.without" || fail "another message with the index: $(cat "$TMP/err")"
err_has "warning: skipping 'claims/zz-broken.xml'"
