#!/bin/sh
# The CI gate: a branch with a bad submission (a misquote, a changed
# snapshot, a missing source) fails 'review' and 'verify --since' with the
# right findings; a good one passes and is summarised.
. "$TOP/tests/cli/lib.sh"
make_repo
cl -C "$R" claim add --id boats-delivered --statement "Four patrol boats arrived." \
	--source harbour-report --quote "the coast guard took delivery of four patrol boats"
git -C "$R" tag base

# A good submission: a new source, a new claim, new evidence for an old claim.
git -C "$R" checkout -q -b good
cl -C "$R" source add "$FIX/harbour-bulletin.xml" --id bulletin --title "Port bulletin" \
	--published 2021-04
cl -C "$R" claim add --id boats-valdoria --statement "The boats were built in Valdoria." \
	--source bulletin --quote "The boats were built in Valdoria"
cl -C "$R" evidence add boats-delivered --source bulletin \
	--quote "Four patrol boats arrived in March 2021."
cl -C "$R" claim set boats-delivered status supported
cl -C "$R" review base..good
out_has ":white_check_mark: **0 errors, 0 warnings**"
out_has "- added \`bulletin\`: Port bulletin (stored snapshot"
out_has "- added \`boats-valdoria\` (1 evidence): The boats were built in Valdoria."
out_has "- changed \`boats-delivered\`: status open -> supported"
out_has "- \`boats-delivered\` (supported) is **supported** by \`bulletin\`: \"Four patrol boats arrived in March 2021.\""
cl -C "$R" verify --since base

# A bad submission, made by hand and committed with plain git.
git -C "$R" checkout -q -b bad base
claim=$(cd "$R" && "$CLAIMLOG" path boats-delivered)
news=$(cd "$R" && "$CLAIMLOG" path harbour-news)
echo "<p>An added paragraph.</p>" >> "$R/${news%.xml}.html"
sed -i 's/took delivery of four/took delivery of five/' "$R/$claim"
mkdir -p "$R/claims/new"
sed -e 's/boats-delivered/ghost-claim/' -e 's/source="harbour-report"/source="missing-source"/' \
	"$R/$claim" > "$R/claims/new/ghost-claim.xml"
git -C "$R" add -A && git -C "$R" commit -qm "a careless submission"
run 1 "$CLAIMLOG" -C "$R" review base..bad
out_has ":x: **"
for rule in "CL007 snapshot-changed" "CL008 quote-not-found" "CL004 unknown-source"; do
	out_has "| error | $rule |"
done
out_has "- added \`ghost-claim\`"
out_has "- changed \`boats-delivered\`: evidence from source harbour-report: quote"
out_has "The change adds no evidence to existing claims."
# The same report through the index, which describes HEAD once built
# (how much less it reads is measured in docs/performance.md).
cp "$TMP/out" "$TMP/review-without"
[ ! -f "$R/.git/claimlog/index.sqlite" ] || fail "an index before list"
cl -C "$R" list
run 1 "$CLAIMLOG" -C "$R" review base..bad
cmp -s "$TMP/out" "$TMP/review-without" || {
	diff "$TMP/review-without" "$TMP/out" >&2
	fail "review differs with the index"
}
run 1 "$CLAIMLOG" -C "$R" verify --since base --format json
for rule in CL004 CL007 CL008; do
	jq -e --arg r $rule '[.findings[].rule] | index($r) != null' "$TMP/out" >/dev/null ||
		fail "verify --since base lacks $rule"
done
# Only what the change touches is checked: the untouched claim stays out.
jq -e '.summary.claims == 2' "$TMP/out" >/dev/null || fail "scope of --since"
# Deleting a source that a claim still cites is caught by --since too.
git -C "$R" checkout -q -b deleted base
git -C "$R" rm -q "$(cd "$R" && "$CLAIMLOG" path harbour-report)"
git -C "$R" commit -qm "drop the report"
run 1 "$CLAIMLOG" -C "$R" verify --since base --format json
jq -e '[.findings[] | select(.rule == "CL004" and .object == "boats-delivered")] | length == 1' \
	"$TMP/out" >/dev/null || fail "deleting a cited source is not seen by --since"
git -C "$R" checkout -q bad
run 2 "$CLAIMLOG" -C "$R" review base
err_has "review needs a range BASE..HEAD"
run 2 "$CLAIMLOG" -C "$R" review base..nowhere
err_has "unknown revision 'nowhere'"

# The pre-commit hook stops a commit that brings an error.
git -C "$R" checkout -q good
PATH=$(dirname "$CLAIMLOG"):$PATH
export PATH
cl -C "$R" hooks install
run 2 "$CLAIMLOG" -C "$R" hooks install
err_has "exists already"
sed -i 's/built in Valdoria/built in Narnia/' "$R/$(cd "$R" && "$CLAIMLOG" path boats-valdoria)"
git -C "$R" add -A
run 1 git -C "$R" commit -qm "misquote"
err_has "CL008 quote-not-found"
git -C "$R" checkout -q -- . && git -C "$R" reset -q --hard
exit 0
