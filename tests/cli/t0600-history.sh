#!/bin/sh
# log, diff, blame and show ID@REV on a history of edits, a retraction, a
# move to a hand-made folder (made with plain git) and merges (made with
# plain git), checked against what git says about the same history.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
# git runs the claim-aware merge driver by name.
PATH=$(dirname "$CLAIMLOG"):$PATH
export PATH
make_repo
tip() { git -C "$R" rev-parse HEAD; }

cl -C "$R" claim add --id boats-delivered \
	--statement "The coast guard received four patrol boats in March 2021." \
	--source harbour-report --quote "the coast guard took delivery of four patrol boats" \
	--subject "Ruritanian coast guard" --property "patrol boats delivered" \
	--value 4 --unit boats --as-of 2021-03 --tag boats
C1=$(tip)
cl -C "$R" claim set boats-delivered value 5
C2=$(tip)
cl -C "$R" evidence add boats-delivered --source harbour-news \
	--quote "put the contract at €48 million" --stance mentions
C3=$(tip)
cl -C "$R" claim add --id boats-three --statement "Three patrol boats arrived in April 2021." \
	--source harbour-news --quote "received three patrol boats in April 2021" \
	--subject "Ruritanian coast guard" --property "patrol boats delivered" \
	--value 3 --unit boats
C4=$(tip)
cl -C "$R" conflict add boats-delivered boats-three --note "four or three"
C5=$(tip)
cl -C "$R" claim retract boats-three --reason "The article was corrected."
C6=$(tip)
P1=$(cd "$R" && "$CLAIMLOG" path boats-delivered)

# A move to a hand-made folder, with plain git: the index catches up.
mkdir -p "$R/claims/hand"
git -C "$R" mv "$P1" claims/hand/boats-delivered.xml
git -C "$R" commit -q -m "move boats-delivered by hand"
C7=$(tip)
cl -C "$R" claim set boats-delivered status supported
C8=$(tip)
git -C "$R" show --name-only --format= HEAD | grep -qx claims/hand/boats-delivered.xml ||
	fail "claimlog did not write the claim where it was moved"

# log: newest first, field by field, the move followed.
cl -C "$R" log boats-delivered
out_has "status contested -> supported"
out_has "claim boats-delivered: renamed $P1 -> claims/hand/boats-delivered.xml"
out_has "conflict added with claim boats-three: note four or three"
out_has "evidence added from source harbour-news: \"put the contract at €48 million\" (mentions, author)"
out_has "value 4 boats -> 5 boats"
out_has "claim boats-delivered: added"
cl -C "$R" log boats-delivered --json
jq -r '.[].commit' "$TMP/out" > "$TMP/ours"
git -C "$R" log --format=%H --follow -- claims/hand/boats-delivered.xml > "$TMP/git"
cmp -s "$TMP/ours" "$TMP/git" || { diff "$TMP/ours" "$TMP/git"; fail "log differs from git log --follow"; }
[ "$(sed -n 1p "$TMP/ours")" = "$C8" ] && [ "$(sed -n '$p' "$TMP/ours")" = "$C1" ] ||
	fail "log is not newest first"
jq -e --arg c "$C2" '.[] | select(.commit == $c) | .records[0].changes ==
	[{"change": "changed", "field": "value", "item": null, "part": null,
	  "before": "4 boats", "after": "5 boats", "text": "value 4 boats -> 5 boats"}]' \
	"$TMP/out" >/dev/null || fail "log --json field changes"
jq -e --arg c "$C7" '.[] | select(.commit == $c) | .records[0] |
	.change == "renamed" and .changes == [] and .new_path == "claims/hand/boats-delivered.xml"' \
	"$TMP/out" >/dev/null || fail "log --json rename"

# The retraction, and a source's log.
cl -C "$R" log boats-three
out_has "status contested -> retracted"
out_has 'reason set to "The article was corrected."'
out_has "status open -> contested"
cl -C "$R" log harbour-news --oneline
[ "$(wc -l < "$TMP/out")" = 1 ] || fail "a source's log"
cl -C "$R" log -n 2 --oneline
[ "$(wc -l < "$TMP/out")" = 2 ] && contains "$TMP/out" "$(echo "$C8" | cut -c1-12)" ||
	fail "log -n 2"

# diff between revisions, against git diff --name-status.
cl -C "$R" diff "$C1" "$C3"
out_has "claim boats-delivered: modified"
out_has "    value 4 boats -> 5 boats"
out_has "    evidence added from source harbour-news"
cl -C "$R" diff "$C1..$C3"
contains "$TMP/out" "value 4 boats -> 5 boats"
cl -C "$R" diff "$C3" "$C8" --json
jq -r '.records[] | [.change, (.new_path // .old_path)] | @tsv' "$TMP/out" | sort > "$TMP/ours"
git -C "$R" diff --no-renames --name-status "$C3" "$C8" -- claims sources |
	grep '\.xml$' | awk '{print $2}' | sort > "$TMP/gitpaths"
# The move is one renamed record for us, a deletion and an addition for git.
[ "$(cut -f2 "$TMP/ours" | sort)" = "$(grep -v "^$P1\$" "$TMP/gitpaths")" ] ||
	{ cat "$TMP/ours" "$TMP/gitpaths"; fail "diff records differ from git's"; }
grep -q "^renamed	claims/hand/boats-delivered.xml" "$TMP/ours" || fail "diff rename"
grep -q "^added	$(cd "$R" && "$CLAIMLOG" path boats-three)" "$TMP/ours" || fail "diff added"
cl -C "$R" diff "$C6" "$C7"
out_has "claim boats-delivered: renamed $P1 -> claims/hand/boats-delivered.xml"
[ "$(wc -l < "$TMP/out")" = 1 ] || fail "a pure move has no field changes"
cl -C "$R" diff "$C8" "$C8"
[ ! -s "$TMP/out" ] || fail "diff of a commit with itself"

# show ID@REV, against git show REV:PATH.
cl -C "$R" show "boats-delivered@$C1" --json
jq -e '.value.text == "4" and (.evidence | length) == 1 and .status == "open"' "$TMP/out" \
	>/dev/null || fail "show @C1"
git -C "$R" show "$C1:$P1" | grep -q '>4</value>' || fail "git disagrees on C1"
cl -C "$R" show "boats-delivered@$C2"
out_has "value:    5 boats (quantity)"
cl -C "$R" show "boats-three@HEAD~1"
out_has "claim boats-three [retracted]"
cl -C "$R" show "boats-three@$C4"
out_has "claim boats-three [open]"
cl -C "$R" show "harbour-news@$C1"
out_has "source harbour-news (at $C1)"
out_has "  title: Coast guard gets new boats"
cl -C "$R" show "harbour-news@$C1" --json
jq -e '.id == "harbour-news"' "$TMP/out" >/dev/null || fail "show source@REV --json"

# A merge with plain git of two branches that changed different claims.
git -C "$R" checkout -q -b side
cl -C "$R" claim set boats-three note "Checked against the port log."
S1=$(tip)
git -C "$R" checkout -q main
cl -C "$R" claim set boats-delivered value 6
C9=$(tip)
git -C "$R" merge -q --no-edit side >/dev/null || fail "git merge side"
M1=$(tip)
# Then both change the same claim in different fields: the merge is a
# version neither side had.
git -C "$R" checkout -q -b side2
cl -C "$R" claim set boats-delivered statement "Four patrol boats reached the coast guard in March 2021."
S2=$(tip)
git -C "$R" checkout -q main
cl -C "$R" claim set boats-delivered note "See the delivery annex."
C10=$(tip)
git -C "$R" merge -q --no-edit side2 >/dev/null || fail "git merge side2"
M2=$(tip)
grep -q "Four patrol boats reached" "$R/claims/hand/boats-delivered.xml" &&
	grep -q "delivery annex" "$R/claims/hand/boats-delivered.xml" || fail "merge result"

cl -C "$R" log boats-delivered --json
jq -r '.[].commit' "$TMP/out" | sort > "$TMP/ours"
git -C "$R" log --format=%H -- claims/hand/boats-delivered.xml "$P1" | sort > "$TMP/git"
cmp -s "$TMP/ours" "$TMP/git" || { diff "$TMP/ours" "$TMP/git"; fail "log after merges differs from git log"; }
jq -e --arg m "$M2" '.[0].commit == $m and .[0].merge' "$TMP/out" >/dev/null ||
	fail "the resolving merge is not first"
jq -e --arg m "$M1" 'all(.[]; .commit != $m)' "$TMP/out" >/dev/null ||
	fail "a merge that took the claim from one side is listed"
cl -C "$R" log boats-three --json
jq -r '.[].commit' "$TMP/out" | sort > "$TMP/ours"
git -C "$R" log --format=%H -- "$(cd "$R" && "$CLAIMLOG" path boats-three)" | sort > "$TMP/git"
cmp -s "$TMP/ours" "$TMP/git" || fail "log of boats-three differs from git log"
jq -e --arg s "$S1" '.[0].commit == $s' "$TMP/out" >/dev/null || fail "side commit first"

# blame: each field names the commit that set its value, merges included.
cl -C "$R" blame boats-delivered --json
blame_of() { jq -r --arg f "$1" '.fields[] | select(.field == $f) | .commit' "$TMP/out" | head -n 1; }
[ "$(blame_of value)" = "$C9" ] || fail "blame value: $(blame_of value), expected $C9"
[ "$(blame_of status)" = "$C8" ] || fail "blame status"
[ "$(blame_of statement)" = "$S2" ] || fail "blame statement: the side commit, not the merge"
[ "$(blame_of note)" = "$C10" ] || fail "blame note"
[ "$(blame_of subject)" = "$C1" ] || fail "blame subject"
[ "$(blame_of conflict)" = "$C5" ] || fail "blame conflict"
jq -e --arg c "$C3" '.fields[] | select(.field == "evidence" and .item == "harbour-news") |
	.commit == $c and .author == "Test Author"' "$TMP/out" >/dev/null || fail "blame evidence"
jq -e '[.fields[] | select(.commit == null)] == []' "$TMP/out" >/dev/null ||
	fail "a field without a commit"
cl -C "$R" blame boats-delivered
out_has "value"
out_has "$(echo "$C9" | cut -c1-12)"
out_has "6 boats"
# git agrees: the value line last changed in C9.
git -C "$R" blame --porcelain -L '/<value /,+1' claims/hand/boats-delivered.xml |
	sed -n 1p | grep -q "^$C9" || fail "git blame disagrees on the value"
cl -C "$R" blame harbour-report --json
jq -e '.kind == "source" and (.fields | map(.field) | index("title")) != null' "$TMP/out" \
	>/dev/null || fail "blame of a source"

# diff A...B: from the fork point.
cl -C "$R" diff "$C10...side2"
out_has "statement \"The coast guard received four patrol boats in March 2021.\" -> \"Four patrol boats reached the coast guard in March 2021.\""
lacks "$TMP/out" "note"

# Bad input: clear errors, nothing changed.
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" log no-such-claim
err_has "no claim or source 'no-such-claim'"
run 2 "$CLAIMLOG" -C "$R" log "Bad Id"
err_has "claim id 'Bad Id'"
run 2 "$CLAIMLOG" -C "$R" log -n 0
err_has "-n needs a positive number"
run 2 "$CLAIMLOG" -C "$R" log a b
err_has "unexpected argument 'b'"
run 2 "$CLAIMLOG" -C "$R" diff no-such-rev HEAD
err_has "unknown revision 'no-such-rev'"
run 2 "$CLAIMLOG" -C "$R" diff
err_has "diff needs two revisions"
run 2 "$CLAIMLOG" -C "$R" diff "A..B" C
err_has "give A B or A..B, not both"
run 2 "$CLAIMLOG" -C "$R" blame no-such-claim
err_has "no claim or source 'no-such-claim'"
run 2 "$CLAIMLOG" -C "$R" blame
err_has "blame needs an ID"
run 2 "$CLAIMLOG" -C "$R" show "boats-delivered@no-such-rev"
err_has "unknown revision 'no-such-rev'"
run 2 "$CLAIMLOG" -C "$R" show "boats-delivered@"
err_has "names no revision after '@'"
run 2 "$CLAIMLOG" -C "$R" show "boats-three@$C1"
err_has "no claim or source 'boats-three' in revision '$C1'"
unchanged "$R" "$before"
for c in log diff blame; do
	cl -C "$R" $c --help
	out_has "usage: claimlog $c"
done
git -C "$R" fsck --strict >/dev/null 2>&1 || fail "git fsck"
exit 0
