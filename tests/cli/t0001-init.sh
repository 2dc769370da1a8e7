#!/bin/sh
# claimlog init: a git repository with claims/ and sources/; idempotent.
. "$TOP/tests/cli/lib.sh"

cl init "$TMP/r"
out_has "Initialized empty claims repository"
[ -d "$TMP/r/.git" ] && [ -d "$TMP/r/claims" ] && [ -d "$TMP/r/sources" ] ||
	fail "init did not create the layout"
[ "$(git -C "$TMP/r" symbolic-ref HEAD)" = refs/heads/main ] || fail "branch is not main"
cl init "$TMP/r"
out_has "Prepared existing git repository"
git init -q "$TMP/plain"
cl -C "$TMP/plain" init
[ -d "$TMP/plain/claims" ] || fail "init in an existing git repository"

# --help everywhere, and a man page that documents every command.
cmds=$("$CLAIMLOG" --help | sed -n 's/^  \([a-z-]*\) .*/\1/p')
[ "$(echo "$cmds" | wc -l)" -ge 20 ] || fail "claimlog --help lists too few commands"
for c in $cmds; do
	cl $c --help
	out_has "usage: claimlog $c"
	grep -q "^\.SS.*$c" "$TOP/docs/claimlog.1" || fail "man page lacks '$c'"
done
cl --version
out_has "claimlog "
run 2 "$CLAIMLOG" frobnicate
err_has "'frobnicate' is not a command"
exit 0
