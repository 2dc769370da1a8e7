#!/bin/sh
# Each subcommand's --help shows its own usage, not every subcommand's:
# 'claimlog claim add --help' is claim add's; 'claimlog claim --help'
# still lists them all; 'claimlog help CMD SUB' shows the same; a usage
# error of a subcommand shows that subcommand's usage.
. "$TOP/tests/cli/lib.sh"

# CMD: its subcommands.
check() {
	cmd=$1; shift
	cl $cmd --help
	cp "$TMP/out" "$TMP/all"
	for sub in "$@"; do
		grep -q "claimlog $cmd \[*$sub[] ]" "$TMP/all" || fail "'$cmd --help' lacks '$sub'"
	done
	for sub in "$@"; do
		cl $cmd $sub --help
		cp "$TMP/out" "$TMP/one"
		head -n 1 "$TMP/one" | grep -q "^usage: claimlog $cmd \[*$sub[] ]" ||
			fail "'$cmd $sub --help' does not open with its usage: $(head -n 1 "$TMP/one")"
		for other in "$@"; do
			[ "$other" = "$sub" ] && continue
			! grep -q "claimlog $cmd \[*$other[] ]" "$TMP/one" ||
				fail "'$cmd $sub --help' shows '$cmd $other'"
		done
		[ "$(wc -l <"$TMP/one")" -lt "$(wc -l <"$TMP/all")" ] ||
			fail "'$cmd $sub --help' is as long as '$cmd --help'"
		cl help $cmd $sub
		cmp -s "$TMP/out" "$TMP/one" || fail "'help $cmd $sub' differs from '$cmd $sub --help'"
		cl $cmd $sub -h
		cmp -s "$TMP/out" "$TMP/one" || fail "'$cmd $sub -h' differs from --help"
	done
}
check claim add set retract rename remove
check evidence add set remove
check source add refresh update cite show list text
check conflict add resolve
check entity add alias list
check remote list add remove set-url

# What each says is its own: the prose of 'add' is not in 'set'.
cl claim add --help
out_has "'add' records a claim with its first evidence entry"
lacks "$TMP/out" "'retract' marks"
lacks "$TMP/out" "verdict"
cl claim set --help
out_has "'set' changes one field"
out_has "published fact-check verdict"
lacks "$TMP/out" "'add' records"
cl source refresh --help
out_has "'refresh' fetches a source's URL again"
lacks "$TMP/out" "web"
lacks "$TMP/out" "--encoding"
cl source add --help
out_has "or: claimlog source add URL --id ID"
out_has "'add' takes a FILE named *.warc or *.warc.gz"
out_has "the encoding --encoding names"
lacks "$TMP/out" "'text' prints"
cl source text --help
out_has "'text' prints the text that quotes are matched in"
lacks "$TMP/out" "--encoding"
# A command of one usage prints it all.
cl hooks install --help
out_has "usage: claimlog hooks install [--force]"
out_has "An existing hook is kept unless --force is given."
cl evidence add --help
out_has "usage: claimlog evidence add CLAIM --source SRC --quote TEXT"
out_has "'add' adds an evidence entry to CLAIM"
lacks "$TMP/out" "'set' changes"
cl evidence set --help
out_has "usage: claimlog evidence set CLAIM N FIELD VALUE"
out_has "checked again as a new one"
lacks "$TMP/out" "'add' adds"
cl claim rename --help
out_has "'rename' gives a claim a new id"
lacks "$TMP/out" "'remove' removes"

# Placeholders are no subcommands: a revision named A still sees all of diff's.
cl diff A --help
out_has "or: claimlog diff A..B"
out_has "or: claimlog diff A [--json]"

# A usage error of a subcommand shows that subcommand's usage.
run 2 "$CLAIMLOG" claim retract
err_has "claim retract needs CLAIM and --reason TEXT"
err_has "usage: claimlog claim retract CLAIM --reason TEXT"
lacks "$TMP/err" "claimlog claim add"
run 2 "$CLAIMLOG" conflict add c1 --frob
err_has "unknown option '--frob'"
err_has "usage: claimlog conflict add CLAIM OTHER [--note TEXT]"
lacks "$TMP/err" "conflict resolve"
# An unknown subcommand: every usage, to choose from.
run 2 "$CLAIMLOG" claim frob
err_has "unknown claim command 'frob'"
err_has "or: claimlog claim retract"
run 2 "$CLAIMLOG" help claim frob
err_has "unknown claim command 'frob'"
exit 0
