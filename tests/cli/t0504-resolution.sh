#!/bin/sh
# conflict resolve says what it found: --prefer A (B refuted),
# --prefer A --superseded (B was right at its own date, A replaces it) or
# --both-true (each was right at its as-of date).  The kind is in the file,
# valid against the schema, and shown by show, contested, verify (CL020),
# the exports, import and the report; bad combinations change nothing.
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
	--subject "Quay Street fire" --property deaths --value 3 --unit deaths --as-of 2025-03-14
cl -C "$R" claim add --id hospital-deaths --statement "Four people died in the fire." \
	--source hospital --quote "Four people have died as a result of the warehouse fire" \
	--subject "Quay Street fire" --property deaths --value 4 --unit deaths --as-of 2025-03-14
cl -C "$R" conflict add police-deaths hospital-deaths --note "3 at 9:00, 4 at 18:00"
git -C "$R" tag declared
FILE=$R/$("$CLAIMLOG" -C "$R" path police-deaths)

# rules: the rule ids of a full verify, one a line; msg RULE: their messages.
rules() {
	"$CLAIMLOG" -C "$R" verify --format json > "$TMP/v.json" || fail "verify failed"
	jq -r '.findings[].rule' "$TMP/v.json" | sort -u
}
msg() { jq -r --arg r "$1" '.findings[] | select(.rule == $r) | .message' "$TMP/v.json"; }
status() { "$CLAIMLOG" -C "$R" show "$1" --json | jq -r .status; }
rules | grep -qx CL019 || fail "no CL019 before the resolution"
msg CL019 | grep -qF "(or --both-true, when each was right at its own date)" || fail "CL019: $(msg CL019)"

# Bad combinations: usage errors, and nothing changes.
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" conflict resolve police-deaths hospital-deaths --both-true \
	--prefer hospital-deaths --rationale "x"
err_has "--both-true prefers neither claim; give it without --prefer and --superseded"
run 2 "$CLAIMLOG" -C "$R" conflict resolve police-deaths hospital-deaths --both-true \
	--superseded --rationale "x"
err_has "--both-true prefers neither claim"
run 2 "$CLAIMLOG" -C "$R" conflict resolve police-deaths hospital-deaths --superseded \
	--rationale "x"
err_has "--superseded needs --prefer ID, the claim that supersedes the other"
run 2 "$CLAIMLOG" -C "$R" conflict resolve police-deaths hospital-deaths --rationale "x"
err_has "conflict resolve needs --prefer ID or --both-true, and --rationale"
run 2 "$CLAIMLOG" -C "$R" conflict resolve police-deaths hospital-deaths --both-true
err_has "conflict resolve needs --prefer ID or --both-true, and --rationale"
run 2 "$CLAIMLOG" -C "$R" conflict add police-deaths hospital-deaths --both-true
err_has "go with 'conflict resolve'"
run 2 "$CLAIMLOG" -C "$R" conflict resolve police-deaths hospital-deaths --prefer nobody \
	--superseded --rationale "x"
err_has "--prefer must be 'police-deaths' or 'hospital-deaths', not 'nobody'"
unchanged "$R" "$before"

# --prefer A --superseded: B is superseded, not refuted.
cl -C "$R" conflict resolve police-deaths hospital-deaths --prefer hospital-deaths \
	--superseded --rationale "The police counted at 9:00; a fourth victim died in hospital."
out_has "conflict resolve police-deaths hospital-deaths: prefer hospital-deaths, the other superseded"
[ "$(status police-deaths)" = superseded ] || fail "police-deaths is $(status police-deaths)"
[ "$(status hospital-deaths)" = supported ] || fail "hospital-deaths is $(status hospital-deaths)"
contains "$FILE" '<resolution kind="superseded" preferred="hospital-deaths" by="Test Author &lt;author@example.org&gt;"'
if command -v xmllint >/dev/null; then
	xmllint --noout --relaxng "$TOP/docs/schema/claim.rng" "$FILE" 2>"$TMP/xmllint" ||
		fail "the resolution is not valid: $(cat "$TMP/xmllint")"
fi
rules > "$TMP/rules"
lacks "$TMP/rules" CL018
lacks "$TMP/rules" CL019
msg CL020 | grep -qF "conflict between 'police-deaths' and 'hospital-deaths' resolved in favour of 'hospital-deaths', which supersedes 'police-deaths' by Test Author" ||
	fail "CL020: $(msg CL020)"
cl -C "$R" show police-deaths
out_has "claim police-deaths [superseded]"
out_has "resolved in favour of 'hospital-deaths', which supersedes 'police-deaths' (Test Author"
cl -C "$R" show police-deaths --json
jq -e '.status == "superseded" and .conflicts[0].resolution.kind == "superseded" and
	.conflicts[0].resolution.preferred == "hospital-deaths" and
	.related_conflicts[0].resolution_kind == "superseded"' "$TMP/out" >/dev/null ||
	fail "show --json"
cl -C "$R" contested
out_has "police-deaths vs hospital-deaths: declared, resolved: superseded"
out_has "resolution: in favour of 'hospital-deaths', which supersedes 'police-deaths'"
cl -C "$R" contested --json
jq -e '.conflicts[0].resolution.kind == "superseded"' "$TMP/out" >/dev/null || fail "contested --json"
cl -C "$R" list --status superseded
out_has "police-deaths"
cl -C "$R" report -o "$TMP/site"
contains "$TMP/site/claims/police-deaths.html" "is preferred and supersedes the other, which was right at its own date"
contains "$TMP/site/index.html" "retracted 0, superseded 1."
# JSON Lines: the kind is exported and imported back.
cl -C "$R" export --format jsonl -o "$TMP/all.jsonl"
grep -q '"resolution": *{"kind": *"superseded"' "$TMP/all.jsonl" ||
	jq -e 'select(.id == "police-deaths") | .conflicts[0].resolution.kind == "superseded"' \
		"$TMP/all.jsonl" >/dev/null || fail "jsonl lacks the kind"
R2=$TMP/again
cl init "$R2"
cl -C "$R2" source add "$FIX/fire-police.txt" --id police --title "Police statement" \
	--published 2025-03-14
cl -C "$R2" source add "$FIX/fire-hospital.txt" --id hospital --title "Hospital update" \
	--published 2025-03-14
cl -C "$R2" import "$TMP/all.jsonl"
cl -C "$R2" export --format jsonl -o "$TMP/again.jsonl"
cmp -s "$TMP/all.jsonl" "$TMP/again.jsonl" || fail "the resolution's kind does not round-trip"
# A kind that does not fit its preferred claim is refused, and nothing changes.
cl -C "$R2" claim retract police-deaths --reason "for the test"
before=$(state "$R2")
jq -c 'select(.id == "police-deaths") | .id = "p2" | .conflicts[0].resolution.kind = "both-true"' \
	"$TMP/all.jsonl" > "$TMP/bad.jsonl"
run 2 "$CLAIMLOG" -C "$R2" import "$TMP/bad.jsonl"
err_has "a resolution of kind both-true prefers no claim; drop \"preferred\""
jq -c 'select(.id == "police-deaths") | .id = "p3" | .conflicts[0].resolution.kind = "maybe"' \
	"$TMP/all.jsonl" > "$TMP/bad.jsonl"
run 2 "$CLAIMLOG" -C "$R2" import "$TMP/bad.jsonl"
err_has "unknown kind of resolution 'maybe' (use refuted, superseded or both-true)"
unchanged "$R2" "$before"

# --both-true: neither is refuted; both keep their status; no CL018/CL019.
git -C "$R" reset -q --hard declared
cl -C "$R" conflict resolve police-deaths hospital-deaths --both-true \
	--rationale "3 dead at 9:00 and 4 at 18:00: each was right when it was said."
out_has "conflict resolve police-deaths hospital-deaths: both true"
cl -C "$R" diff HEAD~1 HEAD
out_has "conflict with claim hospital-deaths: resolution set to both true (Test Author"
[ "$(status police-deaths)" = contested ] || fail "police-deaths is $(status police-deaths)"
[ "$(status hospital-deaths)" = contested ] || fail "hospital-deaths is $(status hospital-deaths)"
contains "$FILE" '<resolution kind="both-true" by="Test Author'
lacks "$FILE" 'preferred='
if command -v xmllint >/dev/null; then
	xmllint --noout --relaxng "$TOP/docs/schema/claim.rng" "$FILE" 2>"$TMP/xmllint" ||
		fail "the resolution is not valid: $(cat "$TMP/xmllint")"
fi
rules > "$TMP/rules"
lacks "$TMP/rules" CL018
lacks "$TMP/rules" CL019
msg CL020 | grep -qF "resolved as both true, each at its as-of date by Test Author" || fail "CL020: $(msg CL020)"
cl -C "$R" show hospital-deaths
out_has "resolved as both true, each at its as-of date"
cl -C "$R" contested
out_has "police-deaths vs hospital-deaths: declared, resolved: both true"
cl -C "$R" contested --json
jq -e '.conflicts[0].resolution.kind == "both-true" and .conflicts[0].resolution.preferred == null' \
	"$TMP/out" >/dev/null || fail "contested --json both-true"
cl -C "$R" report -o "$TMP/site"
contains "$TMP/site/claims/police-deaths.html" "Resolved: both were right, each at its as-of date"
cl -C "$R" export --format jsonl -o "$TMP/both.jsonl"
jq -e 'select(.id == "police-deaths") | .conflicts[0].resolution.kind == "both-true"' \
	"$TMP/both.jsonl" >/dev/null || fail "jsonl both-true"

# --prefer alone, as before: B refuted, and no kind attribute in the file.
git -C "$R" reset -q --hard declared
cl -C "$R" conflict resolve police-deaths hospital-deaths --prefer hospital-deaths \
	--rationale "The hospital's count is the official one."
[ "$(status police-deaths)" = refuted ] || fail "police-deaths is $(status police-deaths)"
contains "$FILE" '<resolution preferred="hospital-deaths"'
lacks "$FILE" "<resolution kind="
rules >/dev/null
msg CL020 | grep -qF "resolved in favour of 'hospital-deaths' by Test Author" || fail "CL020: $(msg CL020)"

# A file with an unknown kind is invalid, and verify says so.
sed 's/<resolution preferred=/<resolution kind="maybe" preferred=/' "$FILE" > "$TMP/x" && cp "$TMP/x" "$FILE"
run 1 "$CLAIMLOG" -C "$R" verify --format json
jq -e '[.findings[] | select(.rule == "CL001")] | length == 1' "$TMP/out" >/dev/null ||
	fail "an unknown kind of resolution is not CL001"
git -C "$R" checkout -q -- .
git -C "$R" fsck --strict >/dev/null 2>&1 || fail "git fsck"
exit 0
