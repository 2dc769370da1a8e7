#!/bin/sh
# claim remove ID --reason TEXT: for a claim entered by mistake; one
# commit whose message carries the reason; refused while other claims
# refer to it, naming each reference; distinct from retract; 'log ID'
# still shows its history, ending with the removal.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
make_repo
count() { git -C "$R" rev-list --count HEAD; }

cl -C "$R" claim add --id boats --statement "Four patrol boats arrived in March 2021." \
	--source harbour-report --quote "the coast guard took delivery of four patrol boats"
cl -C "$R" claim add --id boats-typo --statement "Four patrol baots arrived." \
	--source harbour-report --quote "four patrol boats"
cl -C "$R" claim add --id boats-three --statement "Three patrol boats arrived in April 2021." \
	--source harbour-news --quote "received three patrol boats in April 2021"
cl -C "$R" claim add --id contract --statement "The contract was worth 48 million euros." \
	--source harbour-news --quote "put the contract at €48 million" \
	--attribution cited --origin boats
cl -C "$R" conflict add boats-three boats --note "four or three"
path=$(cd "$R" && "$CLAIMLOG" path boats-typo)

# Refused while referred to: each reference named, nothing changed.
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" claim remove boats --reason "entered twice"
err_has "claim 'boats' is referred to by other claims: conflict in boats-three and origin of evidence 1 of contract"
err_has "'claimlog claim retract boats --reason TEXT'"
unchanged "$R" "$before"

# Bad inputs.
bad() {
	run 2 "$CLAIMLOG" -C "$R" claim remove "$@"
	unchanged "$R" "$before"
}
bad boats-typo
err_has "claim remove needs CLAIM and --reason TEXT"
bad boats-typo --reason ""
err_has "claim remove needs CLAIM and --reason TEXT"
bad nosuch --reason "typo"
err_has "nosuch"
bad 'Bad/Id' --reason "typo"

# The removal: one commit, the reason in its message, the file gone.
n=$(count)
cl -C "$R" claim remove boats-typo --reason "a typo of boats, entered by mistake"
out_has "removed claim boats-typo"
[ "$(count)" = $((n + 1)) ] || fail "claim remove is not one commit"
[ "$(git -C "$R" log -1 --format=%s)" = "claim remove boats-typo: a typo of boats, entered by mistake" ] ||
	fail "summary: $(git -C "$R" log -1 --format=%s)"
git -C "$R" log -1 --format=%b | grep -qx "Reason: a typo of boats, entered by mistake" ||
	fail "no reason in the commit body"
[ "$(git -C "$R" show --name-status --format= HEAD)" = "D	$path" ] || fail "not only $path removed"
[ ! -e "$R/$path" ] || fail "file left in the work tree"
[ -z "$(git -C "$R" status --porcelain)" ] || fail "work tree not clean"
run 2 "$CLAIMLOG" -C "$R" show boats-typo
cl -C "$R" list --json
jq -e 'map(.id) | index("boats-typo") == null' "$TMP/out" >/dev/null || fail "still listed"
cl -C "$R" verify

# Its history stays, ending with the removal.
cl -C "$R" log boats-typo --oneline
[ "$(wc -l <"$TMP/out")" = 2 ] || fail "log boats-typo"
head -1 "$TMP/out" | grep -q "claim remove boats-typo" || fail "log does not end with the removal"
cl -C "$R" log boats-typo
out_has "claim boats-typo: deleted"
cl -C "$R" show "boats-typo@HEAD~1"
out_has "claim boats-typo"

# Distinct from retract, which keeps the claim.
cl -C "$R" claim retract boats-three --reason "the count was wrong"
cl -C "$R" show boats-three --json
jq -e '.status == "retracted"' "$TMP/out" >/dev/null || fail "retract"

# A claim that declares a conflict may go; the message says the conflict goes too.
cl -C "$R" claim add --id boats-again --statement "Four boats." \
	--source harbour-report --quote "four patrol boats built in Valdoria"
cl -C "$R" conflict add boats-again contract --note "not the same"
cl -C "$R" path boats-again
run 2 "$CLAIMLOG" -C "$R" claim remove contract --reason "typo"
err_has "conflict in boats-again"
cl -C "$R" claim remove boats-again --reason "entered by mistake"
err_has "claim 'boats-again' declared a conflict with 'contract', which goes with it"
cl -C "$R" verify

# A removal that a kill interrupted after the branch moved (the journal
# left, the file still in the work tree and the git index) is completed
# by the next command; a path the journal lists without the removal mark
# that HEAD lacks (a file of the user's) is left alone.
cl -C "$R" claim add --id gone --statement "Gone." --source harbour-report --quote "four patrol boats built"
gpath=$(cd "$R" && "$CLAIMLOG" path gone)
cp "$R/$gpath" "$TMP/gone.xml"
cl -C "$R" claim remove gone --reason "test"
[ ! -d "$R/${gpath%/*}" ] || fail "an emptied folder was left"
mkdir -p "$R/${gpath%/*}"
cp "$TMP/gone.xml" "$R/$gpath"
git -C "$R" add "$gpath"
mkdir -p "$R/claims/zz"
echo mine >"$R/claims/zz/mine.txt"
printf -- '-%s\nclaims/zz/mine.txt\n' "$gpath" >"$R/.git/claimlog/pending"
cl -C "$R" claim set boats note "after the kill"
[ ! -e "$R/$gpath" ] || fail "the interrupted removal was not completed"
[ -z "$(git -C "$R" ls-files "$gpath")" ] || fail "the removed file is still in the git index"
[ -f "$R/claims/zz/mine.txt" ] || fail "a file without the removal mark was removed"
[ ! -e "$R/.git/claimlog/pending" ] || fail "journal left"
