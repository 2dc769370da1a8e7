#!/bin/sh
# The history build on packed repositories: trees read straight from the
# pack files through deep delta chains (git repack --depth), objects
# partly packed and partly loose, a claims folder large enough that equal
# runs of entries are skipped by comparing bytes, a record moved and
# renamed across commits, and a damaged pack.  Each time the changes
# table must say what git diff-tree says of every commit.
. "$TOP/tests/cli/lib.sh"
make_repo
cl -C "$R" claim add --id boats-delivered \
	--statement "The coast guard received four patrol boats in March 2021." \
	--source harbour-report --quote "the coast guard took delivery of four patrol boats" \
	--subject "Ruritanian coast guard" --property "patrol boats delivered" --value 4 --unit boats
P=$(cd "$R" && "$CLAIMLOG" path boats-delivered)

# 120 claims in one folder (copies of one claim under other ids), added
# 40 to a commit, then edited one at a time with plain git.
mkdir -p "$R/claims/bulk"
for k in 1 2 3; do
	i=1
	while [ $i -le 40 ]; do
		id=bulk-$k-$i
		sed "s/boats-delivered/$id/g" "$R/$P" > "$R/claims/bulk/$id.xml"
		i=$((i + 1))
	done
	git -C "$R" add claims/bulk
	git -C "$R" commit -q -m "bulk $k"
done
for i in 3 17 29 40 1 22; do
	sed -i "s/four patrol boats/four patrol boats ($i)/" "$R/claims/bulk/bulk-2-$i.xml"
	git -C "$R" commit -q -am "edit bulk-2-$i"
done
git -C "$R" rm -q claims/bulk/bulk-1-5.xml
git -C "$R" commit -q -m "remove bulk-1-5"
# Moved to another folder (same id), then renamed across two commits.
mkdir -p "$R/claims/hand"
git -C "$R" mv claims/bulk/bulk-3-7.xml claims/hand/bulk-3-7.xml
git -C "$R" commit -q -m "move bulk-3-7"
git -C "$R" mv claims/bulk/bulk-3-8.xml claims/hand/renamed-3-8.xml
git -C "$R" commit -q -m "rename bulk-3-8"

# What git says each commit did to the record files, one "C S PATH" a line.
git_changes() {
	git -C "$R" rev-list --reverse HEAD | while read -r c; do
		git -C "$R" diff-tree -r --no-renames --name-status --root "$c" -- claims sources |
			awk -v c="$c" 'NF == 2 && $2 ~ /\.xml$/ && $2 !~ /\.snapshot\.xml$/ {
				print c, ($1 == "M" ? "M" : $1), $2 }'
	done | sort
}
# The same from the index: a rename is its old file gone and its new come.
index_changes() {
	run 0 "$CLAIMLOG" -C "$R" sql "SELECT c.oid, x.change, x.old_path, x.new_path
		FROM changes x JOIN commits c ON c.n = x.commit_n"
	awk -F '\t' 'NR > 1 {
		if ($2 == "A") print $1, "A", $4
		else if ($2 == "D") print $1, "D", $3
		else if ($2 == "M") print $1, "M", $4
		else if ($3 == $4) print $1, "M", $4
		else { print $1, "D", $3; print $1, "A", $4 } }' "$TMP/out" | sort
}
check() {
	rm -rf "$R/.git/claimlog"
	git_changes > "$TMP/git"
	index_changes > "$TMP/ours"
	[ -s "$TMP/git" ] || fail "no changes from git ($1)"
	cmp -s "$TMP/git" "$TMP/ours" || { diff "$TMP/git" "$TMP/ours"; fail "changes differ from git ($1)"; }
}
check loose
git -C "$R" repack -adfq --depth=50 --window=250
[ -z "$(find "$R/.git/objects" -path '*/pack' -prune -o -type f -print | grep -v info/)" ] ||
	fail "objects left loose after repack"
check packed
# More commits on top, loose, beside the pack.
for i in 2 9; do
	sed -i "s/four patrol boats/four patrol boats (again $i)/" "$R/claims/bulk/bulk-1-$i.xml"
	git -C "$R" commit -q -am "edit bulk-1-$i"
done
check "packed and loose"
# The log of a claim in the pack, and after catching up.
cl -C "$R" log bulk-2-17 --oneline
[ "$(wc -l < "$TMP/out")" = 2 ] || fail "log of bulk-2-17 in a packed repository"
cl -C "$R" log bulk-3-7 --oneline
[ "$(wc -l < "$TMP/out")" = 2 ] || fail "log follows bulk-3-7 moved to claims/hand/"
# A new id given with plain git is a new claim (claimlog's own 'claim
# rename' is followed: t0941).
cl -C "$R" log renamed-3-8 --oneline
[ "$(wc -l < "$TMP/out")" = 1 ] || fail "log of renamed-3-8"

# A damaged pack: the build fails with libgit2's message.
chmod u+w "$R"/.git/objects/pack/*.pack
pack=$(ls "$R"/.git/objects/pack/*.pack)
size=$(wc -c < "$pack")
# Zero the middle half of the pack, where the trees and blobs are.
dd if=/dev/zero of="$pack" bs=1 seek=$((size / 4)) count=$((size / 2)) conv=notrunc 2>/dev/null
rm -rf "$R/.git/claimlog"
run 3 "$CLAIMLOG" -C "$R" log bulk-2-17
err_has "cannot read a tree"
err_has "invalid pack"
echo ok
