#!/bin/sh
# The index is derived: deleted, truncated or filled with garbage it is
# built again with the same answers; commits made with plain git are
# caught up on; a rewritten history or another branch is followed; a
# broken index never fails a claimlog commit; readers run in parallel; a
# claim that cannot be read for a moment (an I/O error) fails the build,
# and is not kept in the index as a claim that does not parse.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
IDX=$TMP/repo/.git/claimlog/index.sqlite

# A repository without commits has an empty index.
cl init "$TMP/empty"
cl -C "$TMP/empty" list
[ ! -s "$TMP/out" ] || fail "list in an empty repository"
cl -C "$TMP/empty" sql "SELECT count(*) FROM claims"
[ "$(sed -n 2p "$TMP/out")" = 0 ] || fail "sql in an empty repository"
run 1 "$CLAIMLOG" -C "$TMP/empty" search boats
run 2 "$CLAIMLOG" -C "$TMP/empty" log boats

make_repo
cl -C "$R" claim add --id boats-delivered \
	--statement "The coast guard received four patrol boats in March 2021." \
	--source harbour-report --quote "the coast guard took delivery of four patrol boats" \
	--subject "Ruritanian coast guard" --property "patrol boats delivered" --value 4 --unit boats
cl -C "$R" claim set boats-delivered value 5
cl -C "$R" claim add --id container-growth \
	--statement "Container traffic grew by 12 percent in 2021." \
	--source harbour-report --quote "Container traffic grew by 12 percent in 2021"

# Everything a reader can ask, to compare after each repair.
answers() {
	{ "$CLAIMLOG" -C "$R" log boats-delivered --json
	  "$CLAIMLOG" -C "$R" log --json
	  "$CLAIMLOG" -C "$R" search boats --json
	  "$CLAIMLOG" -C "$R" list --json
	  "$CLAIMLOG" -C "$R" blame boats-delivered --json
	  "$CLAIMLOG" -C "$R" sql "SELECT * FROM claims ORDER BY id" --json
	  "$CLAIMLOG" -C "$R" sql "SELECT oid FROM commits ORDER BY n"
	} 2>&1
}
answers > "$TMP/want"
grep -q "value 4 boats -> 5 boats" "$TMP/want" || fail "no history in the answers"
[ -f "$IDX" ] || fail "no index file"

# A new file is built with sqlite's rollback journal and then put in
# WAL mode, where readers never wait for a writer; one left in another
# mode is put back by the next command.
journal_mode() {
	mode=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode" + sys.argv[2]).fetchone()[0])' "$IDX" "${2:-}")
	[ "$mode" = "$1" ] || fail "journal mode $mode, not $1"
}
journal_mode wal
journal_mode delete " = DELETE"
[ ! -f "$IDX-wal" ] || fail "the test could not leave WAL mode"
cl -C "$R" list
journal_mode wal

rm -f "$IDX"
answers > "$TMP/got"
cmp -s "$TMP/want" "$TMP/got" || fail "answers differ after deleting the index"
[ -f "$IDX" ] || fail "the index was not built again"
journal_mode wal

# Garbage over the whole file, then over its middle, then cut short.
head -c 20000 /dev/urandom > "$IDX"
answers > "$TMP/got"
cmp -s "$TMP/want" "$TMP/got" || { diff "$TMP/want" "$TMP/got" | head; fail "answers differ after garbage"; }
size=$(wc -c < "$IDX")
dd if=/dev/urandom of="$IDX" bs=1024 seek=8 count=16 conv=notrunc 2>/dev/null
answers > "$TMP/got"
cmp -s "$TMP/want" "$TMP/got" || { diff "$TMP/want" "$TMP/got" | head; fail "answers differ after damage in the middle"; }
truncate -s $((size / 3)) "$IDX"
answers > "$TMP/got"
cmp -s "$TMP/want" "$TMP/got" || { diff "$TMP/want" "$TMP/got" | head; fail "answers differ after truncation"; }
: > "$IDX"
answers > "$TMP/got"
cmp -s "$TMP/want" "$TMP/got" || fail "answers differ after emptying the file"

# A broken index never fails a commit; the next reader repairs it.
head -c 5000 /dev/urandom > "$IDX"
cl -C "$R" claim set boats-delivered value 6
cl -C "$R" log boats-delivered
out_has "value 5 boats -> 6 boats"
rm -f "$IDX"
mkdir "$IDX"
cl -C "$R" claim set boats-delivered value 7
rmdir "$IDX"
cl -C "$R" log boats-delivered
out_has "value 6 boats -> 7 boats"

# Commits made with plain git are caught up on.
p=$(cd "$R" && "$CLAIMLOG" path container-growth)
sed -i 's/grew by 12 percent/grew by 14 percent/' "$R/$p"
git -C "$R" commit -q -am "container growth corrected by hand"
byhand=$(git -C "$R" rev-parse HEAD)
cl -C "$R" log container-growth --json
jq -e --arg c "$byhand" '.[0].commit == $c and (.[0].records[0].changes[0].text |
	startswith("statement \"Container traffic grew by 12 percent"))' "$TMP/out" >/dev/null ||
	fail "a commit made with git is not in the log"
cl -C "$R" search 14 percent --json
jq -e 'map(.id) | index("container-growth") != null' "$TMP/out" >/dev/null ||
	fail "search does not see a commit made with git"
# A file that does not parse, committed with git: noted, never fatal.
mkdir -p "$R/claims/hand"
printf '<claim id="broken"><statement>unclosed</claim>\n' > "$R/claims/hand/broken.xml"
git -C "$R" add claims/hand/broken.xml
git -C "$R" commit -q -m "a broken claim"
cl -C "$R" list
err_has "claims/hand/broken.xml"
out_has "boats-delivered"
cl -C "$R" log broken
out_has "claim broken: added"
cl -C "$R" search coast --claims
git -C "$R" rm -q claims/hand/broken.xml
git -C "$R" commit -q -m "remove the broken claim"
cl -C "$R" log broken
out_has "claim broken: deleted"

# History rewritten: the index follows what git now says.
git -C "$R" reset -q --hard HEAD~3
cl -C "$R" sql "SELECT oid FROM commits ORDER BY n DESC"
sed 1d "$TMP/out" > "$TMP/ours"
git -C "$R" rev-list --topo-order HEAD > "$TMP/git"
cmp -s "$TMP/ours" "$TMP/git" || fail "commits after a reset differ from git"
cl -C "$R" log container-growth --json
jq -e --arg c "$byhand" 'all(.[]; .commit != $c)' "$TMP/out" >/dev/null ||
	fail "a commit dropped by reset is still in the log"
run 1 "$CLAIMLOG" -C "$R" search 14 percent --json --claims
jq -e 'length == 0' "$TMP/out" >/dev/null || fail "search still sees a dropped commit"
# Another branch.
git -C "$R" checkout -q -b older HEAD~4
cl -C "$R" list
[ "$(wc -l < "$TMP/out")" = "$(git -C "$R" ls-files 'claims/*.xml' | wc -l)" ] ||
	fail "list on another branch"
git -C "$R" checkout -q main

# Readers in parallel on a missing index: one builds, all answer alike.
rm -f "$IDX"
for i in 1 2 3 4; do
	"$CLAIMLOG" -C "$R" list --json > "$TMP/par$i" 2>&1 &
done
wait
for i in 2 3 4; do
	cmp -s "$TMP/par1" "$TMP/par$i" ||
		fail "parallel readers disagree: $(diff "$TMP/par1" "$TMP/par$i" | head -5)"
done
jq -e 'length == 2' "$TMP/par1" >/dev/null || fail "parallel list"
[ -z "$(git -C "$R" status --porcelain)" ] || fail "the index shows in git status"
# A claim's blob that cannot be read (a folder where the loose object
# was: read() fails as an I/O error would): the build fails with exit 3,
# an error of the system (libgit2 fails to read the object's header), and
# keeps nothing; once the object is back, the claim is listed.
blob=$(git -C "$R" rev-parse HEAD:"$(git -C "$R" ls-tree -r --name-only HEAD claims | grep /container-growth.xml)")
obj=$R/.git/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)
[ -f "$obj" ] || fail "the claim's blob is not a loose object"
mv "$obj" "$TMP/object"
mkdir "$obj"
rm -f "$IDX"
run 3 "$CLAIMLOG" -C "$R" list
err_has "cannot read a blob"
rmdir "$obj"
mv "$TMP/object" "$obj"
cl -C "$R" list
out_has container-growth
[ ! -s "$TMP/err" ] || fail "list after the object came back: $(cat "$TMP/err")"
exit 0
