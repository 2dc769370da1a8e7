#!/bin/sh
# The history build of a long walk (64 commits or more) compares every
# version of a folder in a row, folder after folder (store/history.c,
# clg_history_batch_*): its tables must be what a catch-up of a few
# commits at a time (commit after commit) makes, and what git diff-tree
# says, through a commit that adds, removes, renames and edits claims in
# one folder, a claim renamed by 'claim rename', a folder moved, a
# folder in a folder, and a merge.  A damaged pack stops it, with the
# index as it was.
. "$TOP/tests/cli/lib.sh"
make_repo
cl -C "$R" claim add --id boats-delivered \
	--statement "The coast guard received four patrol boats in March 2021." \
	--source harbour-report --quote "the coast guard took delivery of four patrol boats" \
	--subject "Ruritanian coast guard" --property "patrol boats delivered" --value 4 --unit boats
P=$(cd "$R" && "$CLAIMLOG" path boats-delivered)
# A claim `$2` in folder `$1` (under claims/), from the one above.
put() { mkdir -p "$R/claims/$1"; sed "s/boats-delivered/$2/g" "$R/$P" > "$R/claims/$1/$2.xml"; }
edit() { sed -i "s/four patrol boats/four patrol boats ($2)/" "$R/claims/$1"; }
commit() { git -C "$R" add -A claims && git -C "$R" commit -q -m "$1"; }
# Bring the history up to date: a catch-up of fewer than 64 commits
# goes commit after commit.
catch_up() { cl -C "$R" log boats-delivered --oneline; }

catch_up
for f in aa bb; do
	for k in 1 2; do
		i=1
		while [ $i -le 20 ]; do put $f $f-$k-$i; i=$((i + 1)); done
		commit "add $f-$k"
	done
done
put aa/deep aa-deep-1
put aa/deep aa-deep-2
commit "add aa/deep"
catch_up
i=1
while [ $i -le 40 ]; do
	n=$(((i - 1) % 20 + 1)) k=$(((i - 1) / 20 + 1))
	edit aa/aa-$k-$n.xml $i
	commit "edit aa-$k-$n"
	edit bb/bb-$k-$n.xml $i
	commit "edit bb-$k-$n"
	[ $((i % 20)) = 0 ] && catch_up
	i=$((i + 1))
done
# One commit: two added, two removed, one renamed with plain git (a new
# id), one edited, in aa; and one in aa/deep edited.
put aa aa-new-1
put aa aa-new-2
git -C "$R" rm -q claims/aa/aa-1-3.xml claims/aa/aa-2-4.xml
git -C "$R" mv claims/aa/aa-1-5.xml claims/aa/aa-1-5-moved.xml
edit aa/aa-1-6.xml again
edit aa/deep/aa-deep-1.xml again
commit "add, remove, rename and edit in aa"
# claimlog's own rename: one change of the new id.
git -C "$R" mv claims/aa/aa-2-7.xml claims/aa/aa-2-7b.xml
sed -i "s/aa-2-7/aa-2-7b/g" "$R/claims/aa/aa-2-7b.xml"
commit "claim rename aa-2-7 aa-2-7b"
# A folder moved, then a merge of two branches.
git -C "$R" mv claims/bb claims/cc
commit "move bb to cc"
catch_up
git -C "$R" checkout -q -b side
edit aa/aa-2-9.xml side
commit "side: edit aa-2-9"
git -C "$R" checkout -q main
edit cc/bb-1-9.xml main
commit "main: edit bb-1-9"
git -C "$R" merge -q --no-ff -m "merge side" side
catch_up
[ "$(git -C "$R" rev-list --count HEAD)" -ge 90 ] || fail "too few commits for a long walk"

# Every change with its commit's id, one line each.
dump() {
	run 0 "$CLAIMLOG" -C "$R" sql "SELECT c.oid, x.kind, x.id, x.change,
		x.old_path, x.new_path, x.old_blob, x.new_blob
		FROM changes x JOIN commits c ON c.n = x.commit_n ORDER BY 1, 2, 3"
	cp "$TMP/out" "$1"
}
dump "$TMP/catch-up"
grep -q "	claim	aa-2-7b	R	claims/aa/aa-2-7.xml	claims/aa/aa-2-7b.xml	" "$TMP/catch-up" ||
	fail "claim rename not followed"
[ "$(grep -c "	R	claims/bb/bb-.*	claims/cc/bb-" "$TMP/catch-up")" = 40 ] ||
	fail "the folder moved is not 40 claims renamed"
check() {
	rm -rf "$R/.git/claimlog"
	dump "$TMP/full"
	cmp -s "$TMP/catch-up" "$TMP/full" || {
		diff "$TMP/catch-up" "$TMP/full"; fail "a full build differs from catching up ($1)"; }
}
check loose

# What git says each commit but the merge did to the record files.
git -C "$R" rev-list --no-merges HEAD | while read -r c; do
	git -C "$R" diff-tree -r --no-renames --name-status --root "$c" -- claims |
		awk -v c="$c" 'NF == 2 && $2 ~ /\.xml$/ && $2 !~ /\.snapshot\.xml$/ {
			print c, $1, $2 }'
done | sort > "$TMP/git"
awk -F '\t' 'NR > 1 && $2 == "claim" {
	if ($4 == "A") print $1, "A", $6
	else if ($4 == "D") print $1, "D", $5
	else if ($4 == "M") print $1, "M", $6
	else { print $1, "D", $5; print $1, "A", $6 } }' "$TMP/full" |
	grep -v "^$(git -C "$R" rev-parse HEAD) " | sort > "$TMP/ours"
cmp -s "$TMP/git" "$TMP/ours" || { diff "$TMP/git" "$TMP/ours"; fail "changes differ from git"; }
# The merge changed what differs from both parents: nothing.
lacks "$TMP/full" "$(git -C "$R" rev-parse HEAD)"

git -C "$R" repack -adfq --depth=50 --window=250
check packed

# A damaged pack: a catch-up of 70 commits stops with a message,
# and leaves the index as it was: with the pack whole again, the next
# catch-up makes the same tables.
git -C "$R" reset -q --hard HEAD~70
rm -rf "$R/.git/claimlog"
catch_up
git -C "$R" reset -q --hard ORIG_HEAD
pack=$(ls "$R"/.git/objects/pack/*.pack)
chmod u+w "$pack"
cp "$pack" "$TMP/pack"
size=$(wc -c < "$pack")
dd if=/dev/zero of="$pack" bs=1 seek=$((size / 4)) count=$((size / 2)) conv=notrunc 2>/dev/null
run 3 "$CLAIMLOG" -C "$R" log boats-delivered
# Which damage is met first depends on the pack's layout (its commits'
# times): a header libgit2 refuses, or a stream zlib cannot inflate.
grep -q "invalid pack\|error inflating zlib stream" "$TMP/err" ||
	fail "the damaged pack: $(cat "$TMP/err")"
cp "$TMP/pack" "$pack"
dump "$TMP/after"
cmp -s "$TMP/full" "$TMP/after" || { diff "$TMP/full" "$TMP/after"; fail "the index after a failed build"; }
echo ok
