#!/bin/sh
# Two writers at once: they serialize on claimlog's lock and nothing is lost.
. "$TOP/tests/cli/lib.sh"
make_repo
base=$(git -C "$R" rev-list --count HEAD)
writer() {
	i=0
	while [ $i -lt 15 ]; do
		"$CLAIMLOG" -C "$R" claim add --id "w$1-$i" --statement "Writer $1, claim $i." \
			--source harbour-report --quote "four patrol boats" >/dev/null || exit 1
		i=$((i + 1))
	done
}
writer a & pa=$!
writer b & pb=$!
wait $pa || fail "writer a failed"
wait $pb || fail "writer b failed"
[ "$(git -C "$R" rev-list --count HEAD)" = $((base + 30)) ] || fail "commits were lost"
n=$(git -C "$R" ls-tree -r --name-only HEAD claims | grep -c '/w[ab]-')
[ "$n" = 30 ] || fail "only $n of 30 claim files are in HEAD"
git -C "$R" fsck --strict || fail "fsck"
[ -z "$(git -C "$R" status --porcelain)" ] || fail "work tree not clean"
exit 0
