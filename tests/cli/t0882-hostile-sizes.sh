#!/bin/sh
# A pulled repository may hold a blob of hundreds of megabytes that git
# stores in a few hundred kilobytes.  claimlog reads a blob's size from its
# header before the blob (clg_store_blob_lookup), so the index build,
# history, review and pull refuse it by name without inflating it: each
# command below runs with 200 MB of address space (a 256 MiB claim), and
# the good claim stays usable.
. "$TOP/tests/cli/lib.sh"

make_repo
cl -C "$R" claim add --id good --statement "The coast guard has four patrol boats." \
	--source harbour-report --quote "four patrol boats"

# A 256 MiB claim file, written to git's objects only (not to the work tree,
# whose files claimlog sizes with stat before reading).
big=$({ printf '<?xml version="1.0" encoding="UTF-8"?>\n<claim id="big">\n<statement>'
	head -c 268435456 /dev/zero | tr '\0' a
	printf '</statement>\n</claim>\n'; } | git -C "$R" hash-object -w --stdin) ||
	fail "cannot write the blob"
git -C "$R" update-index --add --cacheinfo "100644,$big,claims/zz/big.xml" &&
	git -C "$R" commit -qm "a big claim" || fail "cannot commit"
git -C "$R" rm -q --cached claims/zz/big.xml && git -C "$R" commit -qm "gone again" ||
	fail "cannot remove"
[ "$(du -sk "$R/.git/objects" | cut -f1)" -lt 20000 ] || fail "the blob is not small in git"

limited() { ( ulimit -v 200000; "$@" ); }
cd "$R" || fail "no repository"

# The index build of the commit that holds it, and its history.
git checkout -q HEAD~1 2>/dev/null || fail "cannot check out"
run 0 limited "$CLAIMLOG" list
err_has "is 268435545 bytes; the limit is 1048576"
out_has "good"
run 0 limited "$CLAIMLOG" log big
out_has "cannot compare: blob $big is 268435545 bytes; the limit is 1048576"
git checkout -q main || fail "cannot go back"

# A review of the change that adds it, as CI runs on a pull request: the
# file is named among the claims and in the findings, and the review goes on.
run 1 limited "$CLAIMLOG" review HEAD~2..HEAD~1
out_has "cannot read \`claims/zz/big.xml\`: 'claims/zz/big.xml' is 268435545 bytes; the limit is 1048576"
out_has "| error | CL001 schema | \`claims/zz/big.xml\`"
run 0 limited "$CLAIMLOG" review HEAD~1..HEAD
out_has "cannot read \`claims/zz/big.xml\`"

# A broken claim beside a good one: the review lists both.
mkdir -p claims/zz && printf '<?xml version="1.0"?>\n<claim id="bad"><statement>x</claim>\n' > claims/zz/bad.xml
"$CLAIMLOG" claim add --id other --statement "The port has two tugs." \
	--source harbour-report --quote "four patrol boats" >/dev/null 2>&1 || fail "cannot add"
git add claims/zz/bad.xml && git commit -qm "a broken claim" || fail "cannot commit"
run 1 "$CLAIMLOG" review HEAD~2..HEAD
out_has "added \`other\`"
out_has "cannot read \`claims/zz/bad.xml\`: claims/zz/bad.xml:2: not well-formed XML"
out_has "| error | CL001 schema | \`claims/zz/bad.xml:2\`"

# pull: a remote that brings it again is refused by name, by the object's
# header, before git merges the trees (which would read it whole) or
# anything is checked out; a merge and a fast-forward change nothing.
for how in merge fast-forward; do
	V=$TMP/victim-$how
	git clone -q "$R" "$V" || fail "cannot clone"
	git -C "$V" config user.name Victim && git -C "$V" config user.email v@example.org
	[ $how = fast-forward ] ||
		"$CLAIMLOG" -C "$V" claim set good note "A note." >/dev/null 2>&1 || fail "cannot edit"
done
git update-index --add --cacheinfo "100644,$big,claims/zz/big.xml" &&
	git commit -qm "the big claim again" || fail "cannot commit it again"
for how in merge fast-forward; do
	V=$TMP/victim-$how
	before=$(state "$V")
	run 2 "$CLAIMLOG" -C "$V" pull
	err_has "cannot pull from remote 'origin': it would bring 1 record file over the limit of 1048576 bytes:"
	err_has "claims/zz/big.xml (268435545 bytes)"
	unchanged "$V" "$before"
done
