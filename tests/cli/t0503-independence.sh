#!/bin/sh
# Copies of one snapshot are one origin: the same file added under three
# source ids warns at 'source add' (and is still added), is CL033 in
# verify, and counts once in show, contested, CL029 and the report.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
R=$TMP/repo
cl init "$R"
cl -C "$R" source add "$FIX/fire-hospital.txt" --id hospital --title "Hospital update" \
	--published 2025-03-14
lacks "$TMP/err" "warning"
cl -C "$R" claim add --id deaths --statement "Four people died in the fire." \
	--source hospital --quote "Four people have died as a result of the warehouse fire"

# The same file twice more, under other ids: a warning naming the first.
cl -C "$R" source add "$FIX/fire-hospital.txt" --id hospital-mirror \
	--title "Hospital update (mirror)" --published 2025-03-14
out_has "added source hospital-mirror"
err_has "claimlog: warning: source 'hospital-mirror' has the same snapshot as source 'hospital' (sha256 "
cl -C "$R" source add "$FIX/fire-hospital.txt" --id agency-copy --title "Agency copy" \
	--published 2025-03-14
err_has "claimlog: warning: source 'agency-copy' has the same snapshot as sources 'hospital' and 'hospital-mirror' (sha256 "
[ "$(git -C "$R" ls-files 'sources/*.xml' | wc -l)" = 3 ] || fail "the copies were not added"
cl -C "$R" source show agency-copy

for s in hospital-mirror agency-copy; do
	cl -C "$R" evidence add deaths --source "$s" \
		--quote "Four people have died as a result of the warehouse fire"
done
cl -C "$R" show deaths
out_has "3 evidence entries, 1 independent origin:"
cl -C "$R" show deaths --json
jq -e '.corroboration == {"evidence": 3, "independent_origins": 1} and
	.origins == ["source:agency-copy"]' "$TMP/out" >/dev/null || fail "show --json origins"

# verify: CL033 on each copy but the first by id, naming it.
cl -C "$R" verify --format json
jq -r '.findings[] | select(.rule == "CL033") | .object + ": " + .message' "$TMP/out" > "$TMP/cl033"
[ "$(wc -l < "$TMP/cl033")" = 2 ] || fail "CL033: $(cat "$TMP/cl033")"
contains "$TMP/cl033" "hospital: source 'hospital' has the same snapshot as source 'agency-copy' (sha256 "
contains "$TMP/cl033" "hospital-mirror: source 'hospital-mirror' has the same snapshot as source 'agency-copy'"
jq -e '.summary.errors == 0' "$TMP/out" >/dev/null || fail "CL033 is not a warning"

# An important claim on three copies rests on one origin: CL029.
cl -C "$R" claim set deaths tag important
cl -C "$R" verify --format json
jq -r '.findings[] | select(.rule == "CL029") | .message' "$TMP/out" > "$TMP/cl029"
contains "$TMP/cl029" "important claim 'deaths' rests on a single independent origin (source:agency-copy) through 3 evidence entries"

# contested counts the same.
cl -C "$R" source add "$FIX/fire-police.txt" --id police --title "Police statement" \
	--published 2025-03-14
lacks "$TMP/err" "warning"
cl -C "$R" claim add --id deaths-police --statement "Three people died in the fire." \
	--source police --quote "Three people died in the fire"
cl -C "$R" conflict add deaths deaths-police --note "3 or 4"
cl -C "$R" contested
out_has "3 evidence entries, 1 independent origin"
cl -C "$R" contested --json
jq -e '[.conflicts[0].a, .conflicts[0].b] | map(select(.id == "deaths")) | .[0].origins == ["source:agency-copy"]' \
	"$TMP/out" >/dev/null || fail "contested --json origins"

# The report: three quotes, one line of evidence.
cl -C "$R" report -o "$TMP/site"
P=$TMP/site/claims/deaths.html
[ -f "$P" ] || fail "no report page for the claim"
contains "$P" "3 supporting quotes, resting on 1 independent line of evidence"

# A different document is another origin, and draws no warning.
cl -C "$R" evidence add deaths --source police --quote "Three people died in the fire" \
	--stance supports
cl -C "$R" show deaths
out_has "4 evidence entries, 2 independent origins:"
cl -C "$R" verify --format json
jq -e '[.findings[] | select(.rule == "CL033")] | length == 2' "$TMP/out" >/dev/null ||
	fail "a different snapshot was taken for a copy"
git -C "$R" fsck --strict >/dev/null 2>&1 || fail "git fsck"
exit 0
