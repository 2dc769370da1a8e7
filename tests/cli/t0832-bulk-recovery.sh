#!/bin/sh
# A bulk commit (an import of more than 64 claims) killed after its branch
# moved and before the work tree and git index held it: the journal lists
# its paths, the git index lacks them, the work tree too, and index.lock
# is left behind, old or just written.  The next command, run at once,
# brings all of them back in line with HEAD, every path of the batch in
# the git index.  An index.lock that a live process holds is left alone.
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

# The state the kill leaves, with index.lock `age` seconds old.
crash() {
	cp "$TMP/paths" "$R/.git/claimlog/pending"
	(cd "$R" && xargs git update-index --force-remove < "$TMP/paths" && head -35 "$TMP/paths" | xargs rm)
	echo "DIRC partial" > "$R/.git/index.lock"
	[ -n "$(git -C "$R" status --porcelain)" ] || fail "the crash state was not made"
	touch -d "$1 seconds ago" "$R/.git/index.lock"
}

recovered() {
	[ -z "$(git -C "$R" status --porcelain)" ] ||
		fail "$1: work tree and HEAD disagree: $(git -C "$R" status --porcelain | head -5)"
	[ "$(git -C "$R" ls-files claims | grep -c '/b-')" = 70 ] ||
		fail "$1: the git index lacks claims of the batch"
	[ ! -e "$R/.git/claimlog/pending" ] || fail "$1: the journal is still there"
	while read -r f; do
		git -C "$R" show "HEAD:$f" | cmp -s "$R/$f" - || fail "$1: $f differs from HEAD"
	done < "$TMP/paths"
}

crash 60
run 0 "$CLAIMLOG" -C "$R" list
recovered "an old index.lock"
# A lock younger than a second may be git's at work: the reader waits for it to age.
crash 0
run 0 "$CLAIMLOG" -C "$R" list
recovered "an index.lock just left"

# A git command holding index.lock: the reader leaves the journal for later.
crash 60
sh -c 'exec 9<"$1"; exec sleep 5' sh "$R/.git/index.lock" &
holder=$!
sleep 0.2
run 0 "$CLAIMLOG" -C "$R" list
[ -e "$R/.git/index.lock" ] || fail "a held index.lock was removed"
[ -e "$R/.git/claimlog/pending" ] || fail "the journal was dropped while index.lock was held"
kill $holder; wait $holder 2>/dev/null
run 0 "$CLAIMLOG" -C "$R" list
recovered "after the holder ended"
exit 0
