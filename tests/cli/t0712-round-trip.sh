#!/bin/sh
# One model, one answer: what claimlog writes, it reads back.  CSV and
# JSON Lines exports of the test repository and of the bundled dataset
# import into a fresh repository and export again byte for byte; an
# origin that names a claim and a merge's alternatives survive the trip;
# a value conflict nobody declared is on the report's contested list.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/export-repo.sh"

# More of what a claim can hold: an origin naming a claim, tags, a note,
# a resolved conflict, and an alternative a merge recorded.
cl -C "$R" claim add --id boats-cited --statement "A paper says six boats came in March." \
	--source harbour-news --quote "received three patrol boats in April 2021" \
	--origin boats-three --subject "Ruritanian coast guard" \
	--property "patrol boats delivered" --value 6 --unit boats --as-of 2021-03
cl -C "$R" claim set boats-cited tag boats
cl -C "$R" claim set boats-cited note "Cites the hedged claim."
cl -C "$R" conflict resolve boats-delivered boats-three --prefer boats-delivered \
	--rationale "the report counts deliveries"
f=$R/$(cd "$R" && ls claims/*/boats-cited.xml)
sed -i 's|</claim>|  <alternative field="value">5</alternative>\n</claim>|' "$f"
git -C "$R" commit -qam "a merge's alternative, by hand"
cl -C "$R" show boats-cited --json
jq -e '.alternatives == [{"field": "value", "value": "5"}]' "$TMP/out" >/dev/null ||
	fail "the alternative is in the claim: $(cat "$TMP/out")"

# trip REPO SOURCES-FROM FORMAT: export, import into a fresh repository
# that has the same sources, export again; the two exports are identical.
trip() {
	cl -C "$1" export --format "$3" -o "$TMP/one.$3"
	rm -rf "$TMP/fresh"
	cl init "$TMP/fresh"
	cp -R "$2/sources" "$TMP/fresh/"
	[ -f "$2/entities.xml" ] && cp "$2/entities.xml" "$TMP/fresh/"
	git -C "$TMP/fresh" add -A && git -C "$TMP/fresh" commit -qm "the sources"
	cl -C "$TMP/fresh" import "$TMP/one.$3"
	cl -C "$TMP/fresh" export --format "$3" -o "$TMP/two.$3"
	cmp -s "$TMP/one.$3" "$TMP/two.$3" ||
		fail "$3 of $1 does not read back: $(diff "$TMP/one.$3" "$TMP/two.$3" | head -20)"
}
trip "$R" "$R" jsonl
jq -s -e 'map(select(.id == "boats-cited"))[0] | .alternatives ==
	[{"field": "value", "value": "5"}] and .evidence[0].origin == "boats-three"' \
	"$TMP/two.jsonl" >/dev/null ||
	fail "JSON Lines keeps the alternatives and the origin: $(grep boats-cited "$TMP/two.jsonl")"
cl -C "$TMP/fresh" show boats-cited --json
jq -e '.alternatives == [{"field": "value", "value": "5"}]' "$TMP/out" >/dev/null ||
	fail "the imported claim has its alternative"
trip "$R" "$R" csv
grep -q '^boats-cited,.*,boats-three,' "$TMP/two.csv" || fail "CSV keeps the origin that names a claim"

# The bundled dataset, with its seeds when they are at hand (quotes checked).
[ -d "$TOP/../shared/seeds" ] && export CLAIMLOG_SNAPSHOTS="$TOP/../shared/seeds"
trip "$TOP" "$TOP" jsonl
[ "$(wc -l < "$TMP/two.jsonl")" -ge 100 ] || fail "the dataset has its claims"
trip "$TOP" "$TOP" csv

# An undeclared value conflict is contested in the report as in 'contested'.
cl -C "$R" contested
out_has "boats-cited"
cl -C "$R" report -o "$TMP/site"
sed -n '/id="contested"/,/id="claims"/p' "$TMP/site/index.html" > "$TMP/contested.html"
contains "$TMP/contested.html" 'href="claims/boats-cited.html"'
contains "$TMP/contested.html" "undeclared value conflict"
contains "$TMP/site/claims/boats-cited.html" "Detected, not declared"
exit 0
