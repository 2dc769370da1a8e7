#!/bin/sh
# Messages that used to mislead (issue 18), each with its new wording and,
# for a refusal, nothing changed: a prefix folder that is a symbolic link
# in the last commit, CL018 after a duplicate id, pull's alternatives.
. "$TOP/tests/cli/lib.sh"
make_repo
Q="the coast guard took delivery of four patrol boats"

# A prefix folder committed as a symbolic link, a real folder in the work
# tree (the link replaced by hand): libgit2 said "D/F conflict when
# updating tree" (exit 3).
cl -C "$R" path c1
hh=$(dirname "$(cat "$TMP/out")")
mkdir "$TMP/elsewhere"
ln -s "$TMP/elsewhere" "$R/$hh"
git -C "$R" add "$hh" && git -C "$R" commit -qm "a linked prefix folder" ||
	fail "cannot commit the link"
rm "$R/$hh" && mkdir "$R/$hh"
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" claim add --id c1 --statement "Four boats." \
	--source harbour-report --quote "$Q"
err_has "cannot write '$hh/c1.xml': the folder '$hh' is a symbolic link in the last commit, and claimlog does not write through links (make it a real folder: git rm '$hh'"
lacks "$TMP/err" "D/F conflict"
unchanged "$R" "$before"
[ -z "$(ls "$TMP/elsewhere")" ] || fail "written through the link"
# The link in the work tree too: refused before anything is written.
rmdir "$R/$hh" && ln -s "$TMP/elsewhere" "$R/$hh"
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" claim add --id c1 --statement "Four boats." \
	--source harbour-report --quote "$Q"
err_has "is a symbolic link or lies in a linked folder"
err_has "or the linked folder with a real one"
unchanged "$R" "$before"
[ -z "$(ls "$TMP/elsewhere")" ] || fail "written through the link"
# Doing what the message says makes it work.
git -C "$R" rm -q "$hh" || fail "git rm"
git -C "$R" commit -qm "the link removed" || fail "git commit"
cl -C "$R" claim add --id c1 --statement "Four boats." --source harbour-report --quote "$Q"
out_has "added claim c1"

# A duplicate id: CL018 told to declare a conflict of the claim with
# itself ('conflict add c1 c1'); it now names both files and CL003.
make_repo_dup() {
	D=$TMP/dup
	cl init "$D"
	cl -C "$D" source add "$FIX/harbour-report.txt" --id harbour-report --title "Report"
	cl -C "$D" claim add --id boats --statement "Four boats." --source harbour-report \
		--quote "$Q" --subject "coast guard" --property "boats delivered" --value 4
	cl -C "$D" path boats
	p=$(cat "$TMP/out")
	mkdir -p "$D/claims/zz"
	sed 's/>4</>5</' "$D/$p" >"$D/claims/zz/boats.xml"
	git -C "$D" add -A && git -C "$D" commit -qm "a copy" || fail "commit the copy"
}
make_repo_dup
run 1 "$CLAIMLOG" -C "$D" verify
out_has "CL003 duplicate-id: claim 'boats' is also in"
out_has "CL018 value-conflict: the two files of claim 'boats' ('$p' and 'claims/zz/boats.xml') on coast guard / boats delivered disagree: values '4' and '5' cannot both be true; the duplicate id is the problem (CL003): keep one file, or give the other claim an id of its own"
lacks "$TMP/out" "conflict add boats boats"
# Two claims of different ids still get the advice to declare it.
cl -C "$D" claim add --id boats-news --statement "Three boats." --source harbour-report \
	--quote "four patrol boats" --subject "coast guard" --property "boats delivered" --value 3
run 1 "$CLAIMLOG" -C "$D" verify
out_has "'claimlog conflict add boats-news boats'"

# pull: a field changed on both sides was "1 field changed two ways"
# while the claim showed two alternatives; now it says which and where.
A=$TMP/a B=$TMP/b
git init -q --bare -b main "$TMP/remote.git"
cl init "$A"
cl -C "$A" source add "$FIX/harbour-report.txt" --id harbour-report --title "Report"
cl -C "$A" claim add --id boats --statement "Four boats." --source harbour-report \
	--quote "$Q" --subject "coast guard" --property "boats delivered" --value 4 --unit boats
cl -C "$A" remote add origin "$TMP/remote.git"
cl -C "$A" push
cl init "$B"
cl -C "$B" remote add origin "$TMP/remote.git"
cl -C "$B" pull
cl -C "$A" claim set boats value 6
cl -C "$A" claim set boats unit vessels
cl -C "$A" push
cl -C "$B" claim set boats value 7
cl -C "$B" claim set boats unit ships
cl -C "$B" pull
out_has "claim boats: field value changed on both sides; both values kept as alternatives (see 'claimlog show boats')"
out_has "claim boats: field unit changed on both sides; both values kept as alternatives (see 'claimlog show boats')"
lacks "$TMP/out" "changed two ways"
[ "$(grep -c "^claim boats: field" "$TMP/out")" = 2 ] || fail "one line a field"
git -C "$B" log -1 --format=%B >"$TMP/out"
out_has "claim boats: field value changed on both sides"
cl -C "$B" show boats --json
jq -e '.status == "contested"' "$TMP/out" >/dev/null || fail "not contested"
exit 0
