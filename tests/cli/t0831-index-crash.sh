#!/bin/sh
# The index (.git/claimlog/index.sqlite) after crashes: writers killed
# while they commit (and update the index), and an index file that a
# crash left corrupt, are caught up or rebuilt by the next command, which
# then answers as of HEAD.
. "$TOP/tests/cli/lib.sh"
"$CLAIMLOG" sql --help >/dev/null 2>&1 || { echo "no 'claimlog sql' yet"; exit 77; }
make_repo
Q="four patrol boats"
rand() { od -An -N2 -tu2 /dev/urandom | tr -d ' '; }
cl -C "$R" claim add --id base --statement "The base claim." --source harbour-report --quote "$Q"
cl -C "$R" sql "SELECT count(*) FROM claims"
[ -f "$R/.git/claimlog/index.sqlite" ] || fail "no index built"

# check_index WHEN: the index agrees with HEAD on claims and commits.
check_index() {
	run 0 "$CLAIMLOG" -C "$R" sql "SELECT count(*) FROM claims"
	want=$(git -C "$R" ls-tree -r --name-only HEAD claims | wc -l)
	[ "$(tail -n 1 "$TMP/out")" = "$want" ] ||
		fail "$1: the index has $(tail -n 1 "$TMP/out") claims, HEAD $want"
	run 0 "$CLAIMLOG" -C "$R" sql "SELECT count(*) FROM commits"
	[ "$(tail -n 1 "$TMP/out")" = "$(git -C "$R" rev-list --count HEAD)" ] ||
		fail "$1: the index has $(tail -n 1 "$TMP/out") commits"
}

i=0
while [ $i -lt 20 ]; do
	"$CLAIMLOG" -C "$R" claim add --id "k$i" --statement "Claim $i." \
		--source harbour-report --quote "$Q" >/dev/null 2>&1 &
	pid=$!
	sleep "0.$(printf '%03d' $(($(rand) % 100)))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	check_index "after kill $i"
	i=$((i + 1))
done

# A torn or overwritten index file is rebuilt.
head -c 3000 "$R/.git/claimlog/index.sqlite" > "$TMP/torn"
cp "$TMP/torn" "$R/.git/claimlog/index.sqlite"
rm -f "$R/.git/claimlog/index.sqlite-wal" "$R/.git/claimlog/index.sqlite-shm"
check_index "a torn index"
printf 'not a database at all' > "$R/.git/claimlog/index.sqlite"
check_index "a garbage index"
# Up to 21 claims quote the same words: ask for all of them.
cl -C "$R" search patrol --claims -n 50
out_has base
exit 0
