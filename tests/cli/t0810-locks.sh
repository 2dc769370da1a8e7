#!/bin/sh
# libgit2's lock files: one left by a crashed process is removed and the
# write goes on; one held by a live git command is waited for, briefly;
# claimlog's own lock times out with a clear message.
. "$TOP/tests/cli/lib.sh"
make_repo
Q="four patrol boats"

# Stale: left by a crash a minute ago, open in no process.
touch -d '1 minute ago' "$R/.git/refs/heads/main.lock" "$R/.git/index.lock"
cl -C "$R" claim add --id a --statement "A." --source harbour-report --quote "$Q"
[ ! -e "$R/.git/refs/heads/main.lock" ] && [ ! -e "$R/.git/index.lock" ] ||
	fail "stale lock files were not removed"
git -C "$R" ls-tree -r --name-only HEAD | grep -q '/a.xml$' || fail "claim a not committed"
[ -z "$(git -C "$R" status --porcelain)" ] || fail "index not updated: $(git -C "$R" status --porcelain)"

# Live: a process holds index.lock open for a second, then removes it.
( exec 3>"$R/.git/index.lock"; sleep 1; rm -f "$R/.git/index.lock" ) &
holder=$!
sleep 0.2
start=$(date +%s)
cl -C "$R" claim add --id b --statement "B." --source harbour-report --quote "$Q"
wait $holder
[ -z "$(git -C "$R" status --porcelain)" ] || fail "the live lock was not waited for"

# A live lock that is never released: a clear error after the timeout.
exec 4>"$R/.git/index.lock"
CLAIMLOG_LOCK_TIMEOUT=1 run 3 "$CLAIMLOG" -C "$R" claim add --id c --statement "C." \
	--source harbour-report --quote "$Q"
err_has "index.lock' is held by another git process"
exec 4>&-
rm -f "$R/.git/index.lock"

# claimlog's own lock, held by another writer.
( flock 5; sleep 3 ) 5>"$R/.git/claimlog/lock" &
holder=$!
sleep 0.3
before=$(state "$R")
CLAIMLOG_LOCK_TIMEOUT=1 run 3 "$CLAIMLOG" -C "$R" claim add --id d --statement "D." \
	--source harbour-report --quote "$Q"
err_has "another claimlog process is writing to this repository"
unchanged "$R" "$before"
kill $holder 2>/dev/null
wait $holder 2>/dev/null
git -C "$R" fsck --strict 2>&1 >/dev/null || fail "git fsck"
exit 0
