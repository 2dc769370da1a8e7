#!/bin/sh
# claimlog remote remove and set-url; push and pull to a remote whose path
# does not exist say so and what to do; claimlog help COMMAND.
. "$TOP/tests/cli/lib.sh"
make_repo
git init -q --bare "$TMP/one.git"
git init -q --bare "$TMP/two.git"
cl -C "$R" remote add origin "$TMP/one.git"
cl -C "$R" remote add backup "$TMP/two.git"

# set-url: the remote now points elsewhere, and push goes there.
cl -C "$R" remote set-url origin "$TMP/two.git"
out_has "remote origin is now $TMP/two.git"
cl -C "$R" remote list
out_has "origin	$TMP/two.git"
cl -C "$R" push
[ "$(git -C "$TMP/two.git" rev-parse main)" = "$(git -C "$R" rev-parse HEAD)" ] ||
	fail "push did not go to the new URL"
[ -z "$(git -C "$TMP/one.git" for-each-ref)" ] || fail "push went to the old URL"

# remove: gone from the list, with its remote-tracking branches.
cl -C "$R" pull backup
git -C "$R" rev-parse -q --verify refs/remotes/backup/main >/dev/null ||
	fail "pull left no remote-tracking branch"
cl -C "$R" remote remove backup
out_has "removed remote backup"
cl -C "$R" remote list
lacks "$TMP/out" backup
! git -C "$R" rev-parse -q --verify refs/remotes/backup/main >/dev/null ||
	fail "remove left the remote-tracking branch"

# Bad input: a clear error and nothing changed.
before=$(state "$R")
cfg=$(cat "$R/.git/config")
run 2 "$CLAIMLOG" -C "$R" remote remove nope
err_has "no remote 'nope'"
run 2 "$CLAIMLOG" -C "$R" remote set-url nope "$TMP/one.git"
err_has "no remote 'nope'"
run 2 "$CLAIMLOG" -C "$R" remote set-url origin ""
err_has "remote 'origin' needs a URL"
run 2 "$CLAIMLOG" -C "$R" remote set-url "bad name" "$TMP/one.git"
err_has "'bad name' is not a valid remote name"
run 2 "$CLAIMLOG" -C "$R" remote remove
err_has "remote remove needs NAME"
run 2 "$CLAIMLOG" -C "$R" remote set-url origin
err_has "remote set-url needs NAME and URL"
unchanged "$R" "$before"
[ "$(cat "$R/.git/config")" = "$cfg" ] || fail "a failed command changed .git/config"

# A path that does not exist: said as such, not "unsupported URL protocol".
cl -C "$R" remote set-url origin "$TMP/nowhere/claims.git"
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" push
err_has "remote 'origin' is the folder '$TMP/nowhere/claims.git', which does not exist"
err_has "git init --bare $TMP/nowhere/claims.git"
lacks "$TMP/err" "unsupported URL protocol"
run 2 "$CLAIMLOG" -C "$R" pull
err_has "which does not exist"
cl -C "$R" remote set-url origin "file://$TMP/nowhere/claims.git"
run 2 "$CLAIMLOG" -C "$R" push
err_has "remote 'origin' is the folder '$TMP/nowhere/claims.git'"
unchanged "$R" "$before"

# help COMMAND is COMMAND --help; help alone lists the commands.
cl help remote
out_has "usage: claimlog remote [list] [--json]"
"$CLAIMLOG" remote --help > "$TMP/direct"
cmp -s "$TMP/out" "$TMP/direct" || fail "help remote differs from remote --help"
cl help
out_has "commands:"
out_has "  help "
run 2 "$CLAIMLOG" help frobnicate
err_has "'frobnicate' is not a command"
exit 0
