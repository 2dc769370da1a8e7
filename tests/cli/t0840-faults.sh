#!/bin/sh
# I/O failures injected with libfiu at open, write, fsync and rename: each
# command exits 0 or with a clean error (2 or 3, never a signal), and the
# repository stays sound: git fsck passes, every claim parses, a command
# that succeeded left its claim in HEAD, and the next write brings the
# work tree back in line with HEAD.
. "$TOP/tests/cli/lib.sh"
command -v fiu-run >/dev/null || { echo "fiu-run not found (apt-get install fiu-utils libfiu-dev)"; exit 77; }
# fiu-run preloads its library, which an ASan build (make check) refuses
# or crashes with; the plain build of 'make test' runs this test.
! ldd "$CLAIMLOG" 2>/dev/null | grep -q libasan ||
	{ echo "an ASan build: libfiu's preloaded library does not mix with it"; exit 77; }
make_repo
Q="four patrol boats"
runs=${CLAIMLOG_FAULT_RUNS:-10}
failed=0 total=0

for point in posix/io/oc/open:0.05 posix/io/rw/write:0.05 posix/io/sync/fsync:0.5 \
		posix/io/dir/rename:0.3; do
	name=${point%:*} p=${point#*:}
	i=0
	while [ $i -lt $runs ]; do
		id="f$total"
		fiu-run -x -c "enable_random name=$name,probability=$p" \
			"$CLAIMLOG" -C "$R" claim add --id "$id" --statement "Claim $id." \
			--source harbour-report --quote "$Q" >"$TMP/out" 2>"$TMP/err"
		rc=$?
		case $rc in
		0) git -C "$R" ls-tree -r --name-only HEAD claims | grep -q "/$id.xml$" ||
			fail "$name: exit 0 but claim $id is not in HEAD" ;;
		2|3) failed=$((failed + 1))
		   grep -q '^claimlog: ' "$TMP/err" || [ ! -s "$TMP/err" ] ||
			fail "$name: an error without a message: $(cat "$TMP/err")" ;;
		*) fail "$name: exit $rc (a crash?): $(cat "$TMP/err")" ;;
		esac
		git -C "$R" fsck --strict >/dev/null 2>&1 || fail "git fsck after $name ($id)"
		run 0 "$CLAIMLOG" -C "$R" list
		i=$((i + 1)) total=$((total + 1))
	done
done
[ $failed -gt 0 ] || fail "no injected fault made a command fail"
# Every claim in HEAD parses, and a write without faults completes any
# work-tree update a fault interrupted.
cl -C "$R" claim add --id after --statement "After the faults." --source harbour-report --quote "$Q"
[ -z "$(git -C "$R" status --porcelain)" ] ||
	fail "work tree and HEAD disagree: $(git -C "$R" status --porcelain | head -5)"
cl -C "$R" list
[ "$(wc -l < "$TMP/out")" = "$(git -C "$R" ls-tree -r --name-only HEAD claims | wc -l)" ] ||
	fail "list and HEAD disagree"
echo "$total runs, $failed failed cleanly"
exit 0
