#!/bin/sh
# claim rename OLD NEW: one commit that moves the file to NEW's default
# path and rewrites every reference (conflict, preferred claim, evidence
# origin) in the same commit; log, blame and show NEW@REV follow it;
# verify and contested keep working; bad inputs change nothing.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
make_repo
count() { git -C "$R" rev-list --count HEAD; }

cl -C "$R" claim add --id boats-delivered \
	--statement "The coast guard received four patrol boats in March 2021." \
	--source harbour-report --quote "the coast guard took delivery of four patrol boats" \
	--subject "Ruritanian coast guard" --property "patrol boats delivered" \
	--value 4 --unit boats --as-of 2021-03
cl -C "$R" claim add --id boats-three --statement "Three patrol boats arrived in April 2021." \
	--source harbour-news --quote "received three patrol boats in April 2021" \
	--subject "Ruritanian coast guard" --property "patrol boats delivered" \
	--value 3 --unit boats --as-of 2021-04
# A claim whose evidence cites the first claim as its origin.
cl -C "$R" claim add --id contract --statement "The contract was worth 48 million euros." \
	--source harbour-news --quote "put the contract at €48 million" \
	--attribution cited --origin boats-delivered
cl -C "$R" conflict add boats-three boats-delivered --note "four in March or three in April"
cl -C "$R" conflict resolve boats-three boats-delivered --prefer boats-delivered \
	--rationale "the annual report counts deliveries"
cl -C "$R" claim set boats-delivered note "checked with the ministry"
old_path=$(cd "$R" && "$CLAIMLOG" path boats-delivered)
before_rename=$(git -C "$R" rev-parse HEAD)

# The rename: one commit, the file moved, every reference rewritten.
n=$(count)
cl -C "$R" claim rename boats-delivered boats-march
out_has "renamed claim boats-delivered to boats-march; references rewritten in boats-three, contract"
[ "$(count)" = $((n + 1)) ] || fail "rename is not one commit"
[ "$(git -C "$R" log -1 --format=%s)" = "claim rename boats-delivered boats-march" ] ||
	fail "summary: $(git -C "$R" log -1 --format=%s)"
git -C "$R" show --name-status --format= HEAD >"$TMP/names"
contains "$TMP/names" "$old_path"
cl -C "$R" path boats-march
new_path=$(cat "$TMP/out")
case $new_path in claims/??/boats-march.xml) ;; *) fail "new path $new_path" ;; esac
contains "$TMP/names" "$new_path"
[ ! -e "$R/$old_path" ] || fail "old file left in the work tree"
[ -z "$(git -C "$R" status --porcelain)" ] || fail "work tree not clean"
grep -q 'id="boats-march"' "$R/$new_path" || fail "id not rewritten in the file"
git -C "$R" grep -q boats-delivered HEAD -- claims && fail "a reference to the old id is left"
cl -C "$R" show boats-three --json
jq -e '.conflicts[0].with == "boats-march" and .conflicts[0].resolution.preferred == "boats-march"' \
	"$TMP/out" >/dev/null || fail "conflict not rewritten: $(cat "$TMP/out")"
cl -C "$R" show contract --json
jq -e '.evidence[0].origin == "boats-march"' "$TMP/out" >/dev/null || fail "origin not rewritten"

# verify and contested keep working.
cl -C "$R" verify
cl -C "$R" contested
out_has "boats-march"
lacks "$TMP/out" "boats-delivered"

# log follows the rename back to the claim's first commit.
cl -C "$R" log boats-march --oneline
[ "$(wc -l <"$TMP/out")" = 5 ] || fail "log boats-march has not 5 commits"
out_has "claim rename boats-delivered boats-march"
out_has "claim add boats-delivered:"
cl -C "$R" log boats-march
out_has "claim boats-march: renamed $old_path -> $new_path"
out_has 'note set to "checked with the ministry"'
cl -C "$R" log boats-march --json
jq -e 'length == 5 and .[0].records[0].change == "renamed" and .[4].records[0].id == "boats-delivered"' \
	"$TMP/out" >/dev/null || fail "log --json across the rename"
cl -C "$R" log boats-march -n 2 --oneline
[ "$(wc -l <"$TMP/out")" = 2 ] || fail "-n 2 across the rename"

# blame: each field to the commit that set it, before the rename.
add=$(git -C "$R" log --format=%h --grep='^claim add boats-delivered' | cut -c1-12)
cl -C "$R" blame boats-march
grep -q "^statement .*$add" "$TMP/out" || fail "blame statement not the claim add commit"
grep -q '^note .*claim set\|^note ' "$TMP/out" || fail "blame note"

# show NEW@REV: the claim as it was under its old id.
cl -C "$R" show "boats-march@$before_rename"
out_has "claim boats-delivered"
out_has "note: checked with the ministry"
err_has "claim 'boats-march' was named 'boats-delivered' in revision '$before_rename'"
cl -C "$R" show "boats-march@HEAD~3" --json
jq -e '.id == "boats-delivered"' "$TMP/out" >/dev/null || fail "show NEW@REV --json"
cl -C "$R" show "boats-delivered@$before_rename"
out_has "claim boats-delivered"
run 2 "$CLAIMLOG" -C "$R" show boats-delivered
run 2 "$CLAIMLOG" -C "$R" show "boats-march@$(git -C "$R" rev-list --max-parents=0 HEAD)"
err_has "no claim or source 'boats-march' in revision"

# Renamed twice: the log still goes back to the start.
cl -C "$R" claim rename boats-march boats-2021-03
cl -C "$R" log boats-2021-03 --oneline
[ "$(wc -l <"$TMP/out")" = 6 ] || fail "log after two renames"
cl -C "$R" show "boats-2021-03@$before_rename"
out_has "claim boats-delivered"

# Bad inputs: clear messages, exit 2, nothing changed.
before=$(state "$R")
bad() {
	run 2 "$CLAIMLOG" -C "$R" claim rename "$@"
	unchanged "$R" "$before"
}
bad nosuch other
err_has "no claim 'nosuch' to rename"
bad boats-2021-03 boats-three
err_has "claim 'boats-three' exists already (choose a free id"
bad boats-2021-03 boats-2021-03
err_has "claim 'boats-2021-03' has that id already"
bad boats-2021-03 'Bad Id'
bad boats-2021-03 ../escape
bad boats-2021-03
err_has "claim rename needs OLD NEW"

# A new id that an origin would read as a citation key or a source is refused.
cl -C "$R" show contract --json
jq -e '.evidence[0].origin == "boats-2021-03"' "$TMP/out" >/dev/null || fail "origin after two renames"
before=$(state "$R")
bad boats-2021-03 harbour-report
err_has "evidence 1 of claim 'contract' names claim 'boats-2021-03' as its origin, and 'harbour-report' is a source"
