#!/bin/sh
# A bulk commit (an import of more than 64 claims) killed after its branch
# moved and before the work tree and git index held it: the journal lists
# its paths, the git index lacks them, the work tree too, and index.lock
# is left behind.  The next command brings all of them back in line with
# HEAD, every path of the batch in the git index.
. "$TOP/tests/cli/lib.sh"
make_repo
Q="four patrol boats"
{ echo "id,statement,source,quote"
  j=0
  while [ $j -lt 70 ]; do echo "b-$j,Bulk claim $j.,harbour-report,$Q"; j=$((j + 1)); done
} > "$TMP/bulk.csv"
cl -C "$R" import "$TMP/bulk.csv"
git -C "$R" ls-tree -r --name-only HEAD claims | grep '/b-' > "$TMP/paths"
[ "$(wc -l < "$TMP/paths")" = 70 ] || fail "the import did not commit 70 claims"

# The state the kill leaves.
cp "$TMP/paths" "$R/.git/claimlog/pending"
(cd "$R" && xargs git update-index --force-remove < "$TMP/paths" && head -35 "$TMP/paths" | xargs rm)
: > "$R/.git/index.lock"
[ -n "$(git -C "$R" status --porcelain)" ] || fail "the crash state was not made"
touch -d '1 minute ago' "$R/.git/index.lock"

run 0 "$CLAIMLOG" -C "$R" list
[ -z "$(git -C "$R" status --porcelain)" ] ||
	fail "work tree and HEAD disagree: $(git -C "$R" status --porcelain | head -5)"
[ "$(git -C "$R" ls-files claims | grep -c '/b-')" = 70 ] || fail "the git index lacks claims of the batch"
[ ! -e "$R/.git/claimlog/pending" ] || fail "the journal is still there"
while read -r f; do
	git -C "$R" show "HEAD:$f" | cmp -s "$R/$f" - || fail "$f differs from HEAD"
done < "$TMP/paths"
exit 0
