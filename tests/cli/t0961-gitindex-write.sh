#!/bin/sh
# claimlog writes git's index itself after a commit (src/store/gitindex_write.c):
# after claim add, set, rename and remove, in git index versions 2, 3 and 4
# with a cache tree, git sees a clean work tree and an index equal to the
# one git itself would write (entries, stat data, a valid checksum, a cache
# tree that is right wherever it says it is valid); a file that changed
# racily is still seen as changed; a damaged or missing git index is
# refused before anything is committed.
. "$TOP/tests/cli/lib.sh"
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
make_repo
CHECK=$TOP/tests/cli/gitindex-check.py

# After a claimlog commit: git status clean, nothing staged, the git index
# sound and holding HEAD, and the stat data what git itself records (a
# refresh by git changes nothing).
clean() {
	st=$(git -C "$R" status --porcelain) || fail "$1: git status failed"
	[ -z "$st" ] || fail "$1: git status shows: $st"
	git -C "$R" diff --cached --quiet || fail "$1: git diff --cached is not empty"
	python3 "$CHECK" "$R" >"$TMP/check" || fail "$1: $(cat "$TMP/check")"
	git -C "$R" ls-files --debug >"$TMP/before"
	git -C "$R" ls-files -s >"$TMP/staged"
	# What git writes from HEAD and the files, in a copy.
	rm -rf "$TMP/copy" && cp -a "$R" "$TMP/copy"
	git -C "$TMP/copy" read-tree HEAD && git -C "$TMP/copy" update-index -q --refresh
	git -C "$TMP/copy" ls-files -s >"$TMP/want"
	cmp -s "$TMP/staged" "$TMP/want" || fail "$1: ls-files -s differs from git's own"
	git -C "$R" update-index -q --really-refresh 2>/dev/null
	git -C "$R" ls-files --debug >"$TMP/after"
	cmp -s "$TMP/before" "$TMP/after" || fail "$1: git's refresh changed the stat data: $(diff "$TMP/before" "$TMP/after" | head -n 6)"
}
# The cache tree fully valid: every node checked and none invalidated.
tree_valid() {
	python3 "$CHECK" "$R" >"$TMP/check" || fail "$1: $(cat "$TMP/check")"
	grep -Eq 'tree ([1-9][0-9]*) valid \1$' "$TMP/check" ||
		fail "$1: cache tree not fully valid: $(cat "$TMP/check")"
}
version() { od -An -tu1 -j7 -N1 "$R/.git/index" | tr -d ' '; }
# Put the git index in version $v (git itself writes 3 only for extended
# entries: a version 2 file is a version 3 one with another number).
to_version() {
	if [ $v = 3 ]; then
		python3 -c "import hashlib, sys; f = sys.argv[1]; d = bytearray(open(f, 'rb').read()); d[4:8] = (3).to_bytes(4, 'big'); d[-20:] = hashlib.sha1(d[:-20]).digest(); open(f + '.new', 'wb').write(d)" "$R/.git/index" &&
		mv "$R/.git/index.new" "$R/.git/index"
	else
		git -C "$R" update-index --index-version $v
	fi
}
# cmd ARGS...: a claimlog commit on a git index of version $v, kept.
cmd() {
	to_version
	cl -C "$R" "$@"
	[ "$(version)" = $v ] || fail "git index version $v became $(version): $*"
	clean "v$v $*"
}

for v in 2 3 4; do
	git -C "$R" write-tree >/dev/null	# a fully valid cache tree
	cmd claim add --id boats-$v --statement "Four patrol boats arrived in March 2021." \
		--source harbour-report --quote "the coast guard took delivery of four patrol boats"
	cmd claim add --id boats-more-$v --statement "Three patrol boats arrived in April 2021." \
		--source harbour-news --quote "received three patrol boats in April 2021"
	git -C "$R" write-tree >/dev/null
	cmd claim set boats-$v note "checked with the ministry"
	tree_valid "v$v claim set"
	cmd claim rename boats-$v boats-march-$v
	cmd claim remove boats-more-$v --reason "entered twice"
done

# Commits in a row: each one resumes the checksum from the checkpoints the
# one before kept (taken every 64 bytes here, every megabyte by default),
# and the file must still hash as git expects.
export CLAIMLOG_GITINDEX_CHUNK=64
for v in 2 4; do
	to_version
	cl -C "$R" claim set boats-march-$v note "checkpoints 1"
	for step in 2 3 4; do
		cl -C "$R" claim set boats-march-$v note "checkpoints $step"
		python3 "$CHECK" "$R" >"$TMP/check" || fail "v$v commit $step in a row: $(cat "$TMP/check")"
	done
	cl -C "$R" claim add --id boats-row-$v --statement "Four patrol boats arrived." \
		--source harbour-report --quote "the coast guard took delivery of four patrol boats"
	cl -C "$R" claim set boats-row-$v note "after an add"
	cl -C "$R" claim remove boats-row-$v --reason "entered twice"
	clean "v$v commits in a row"
	[ "$(head -n 1 "$R/.git/claimlog/gitindex-sums")" = "claimlog gitindex sums 1 64" ] ||
		fail "no checkpoints kept: $(head -n 1 "$R/.git/claimlog/gitindex-sums")"
done
unset CLAIMLOG_GITINDEX_CHUNK

# Extended entries (version 3): an intent-to-add file stays as it was.
echo "to do" >"$R/notes.txt"
git -C "$R" update-index --index-version 2
git -C "$R" add -N notes.txt
[ "$(version)" = 3 ] || fail "git add -N wrote version $(version)"
cl -C "$R" claim set boats-march-3 note "beside an intent-to-add entry"
[ "$(version)" = 3 ] || fail "version 3 became $(version)"
[ "$(git -C "$R" status --porcelain)" = " A notes.txt" ] ||
	fail "git status beside an intent-to-add entry: $(git -C "$R" status --porcelain)"
git -C "$R" ls-files --stage notes.txt | grep -q "^100644 e69de29bb2d1d6434b8b29ae775ad8c2e48c5391 0	notes.txt" ||
	fail "the intent-to-add entry changed: $(git -C "$R" ls-files --stage notes.txt)"
git -C "$R" rm -q --cached notes.txt && rm "$R/notes.txt"
git -C "$R" fsck --no-dangling >"$TMP/fsck" 2>&1 || fail "git fsck: $(cat "$TMP/fsck")"

# Racy git: a file changed in the same instant as the git index was written
# (same size, same mtime, ctime not trusted) looks clean by its stat data.
# A newer git index must not make git believe it: the entry is smudged.
git -C "$R" config core.trustctime false
f=$(cd "$R" && "$CLAIMLOG" path boats-march-2)
touch -d @1700000000 "$R/$f"
git -C "$R" update-index --refresh >/dev/null
sed 's/March/Marsh/' "$R/$f" >"$TMP/racy" && cat "$TMP/racy" >"$R/$f"	# in place: same inode
touch -d @1700000000 "$R/$f" "$R/.git/index"
# (diff-files looks without writing: git status would smudge the entry itself.)
[ "$(git -C "$R" diff-files --name-only)" = "$f" ] || fail "git does not see the racy change"
cl -C "$R" claim set boats-march-3 note "a change elsewhere"
[ "$(git -C "$R" status --porcelain)" = " M $f" ] ||
	fail "the racily changed '$f' looks clean after claimlog wrote the git index"
git -C "$R" checkout -q -- "$f"
git -C "$R" config --unset core.trustctime

# A claim outside its canonical folder is found by asking each folder for
# its file name (folders without subfolders are not read): in a nested
# hand-made folder, the first in sorted order when in two.
cl -C "$R" claim add --id boats-hand --statement "Four patrol boats arrived." \
	--source harbour-report --quote "the coast guard took delivery of four patrol boats"
old=$(cd "$R" && "$CLAIMLOG" path boats-hand)
mkdir -p "$R/claims/hand/2021/b" "$R/claims/hand/2021/a"
git -C "$R" mv "$old" claims/hand/2021/b/boats-hand.xml
git -C "$R" commit -q -m "by hand"
cl -C "$R" path boats-hand
out_has "claims/hand/2021/b/boats-hand.xml"
cl -C "$R" claim set boats-hand note "found by hand"
[ "$(git -C "$R" show --name-only --format= HEAD)" = claims/hand/2021/b/boats-hand.xml ] ||
	fail "claim set wrote $(git -C "$R" show --name-only --format= HEAD)"
clean "claim set in a hand-made folder"
run 2 "$CLAIMLOG" -C "$R" claim add --id boats-hand --statement "Again." \
	--source harbour-report --quote "the coast guard took delivery of four patrol boats"
err_has "claim 'boats-hand' exists already"
cp "$R/claims/hand/2021/b/boats-hand.xml" "$R/claims/hand/2021/a/boats-hand.xml"
cl -C "$R" path boats-hand
out_has "claims/hand/2021/a/boats-hand.xml"
rm "$R/claims/hand/2021/a/boats-hand.xml"
ln -s "$TMP" "$R/claims/hand/linked"
cl -C "$R" path nosuch
err_has "skipping 'claims/hand/linked'"
rm "$R/claims/hand/linked"

# A damaged git index is refused before the commit, and left as it was.
damage() {	# damage NAME PYTHON-EXPRESSION-OVER-d
	cp "$R/.git/index" "$TMP/good-index"
	python3 -c "import sys; d = bytearray(open(sys.argv[1], 'rb').read()); $2; open(sys.argv[1] + '.new', 'wb').write(d)" "$R/.git/index"
	mv "$R/.git/index.new" "$R/.git/index"
	cp "$R/.git/index" "$TMP/bad-index"
	head=$(git -C "$R" rev-parse HEAD)
	run 3 "$CLAIMLOG" -C "$R" claim set boats-march-4 note "on a damaged index"
	err_has "git index"
	[ "$(git -C "$R" rev-parse HEAD)" = "$head" ] || fail "$1: a commit landed"
	cmp -s "$R/.git/index" "$TMP/bad-index" || fail "$1: the git index was changed"
	[ ! -e "$R/.git/index.lock" ] || fail "$1: index.lock left behind"
	cp "$TMP/good-index" "$R/.git/index"
}
damage "bad checksum" "d[100] ^= 1"
err_has "nothing was changed"
damage "truncated" "del d[len(d) // 2:]"
damage "not an index" "d[0:4] = b'XXXX'"
rm "$R/.git/index"
head=$(git -C "$R" rev-parse HEAD)
run 3 "$CLAIMLOG" -C "$R" claim set boats-march-4 note "without a git index"
err_has "is missing; nothing was changed (run 'git reset'"
[ "$(git -C "$R" rev-parse HEAD)" = "$head" ] || fail "missing index: a commit landed"
git -C "$R" reset -q
cl -C "$R" claim set boats-march-4 note "after git reset"
clean "after git reset"
exit 0
