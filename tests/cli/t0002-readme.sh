#!/bin/sh
# The README's tour runs as written: every '$ ' line of its code blocks, in
# order, in one shell started at the top of the project; each exits 0 (or
# the code its '# exits N' comment gives) and prints the first line the
# README shows for it.
. "$TOP/tests/cli/lib.sh"
awk '
	/^    \$ / { if (cmd != "") print cmd "\t" first; cmd = substr($0, 7); first = ""; next }
	/^    / && cmd != "" { line = substr($0, 5); if (first == "" && line != "..." && line != "") first = line; next }
	/^$/ { next }
	{ if (cmd != "") print cmd "\t" first; cmd = "" }
	END { if (cmd != "") print cmd "\t" first }
' "$TOP/README.md" > "$TMP/tour"
[ "$(wc -l < "$TMP/tour")" -ge 15 ] || fail "the tour has too few commands"
# The tour's web server listens on 8765; here on a free port, so that two
# suites on one machine do not meet, and its 'sleep 1' becomes a wait until
# the server answers, so that a loaded machine does not fail the step.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') ||
	fail "cannot find a free port"
wait_server="i=0; until python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", $port), 1)' 2>/dev/null; do i=\$((i + 1)); [ \$i -lt 300 ] || break; sleep 0.1; done"
{
	echo "cd '$TOP' || exit 99"
	# The tour's own PATH names build/; run this build's binary instead.
	echo "mkdir -p '$TMP/bin' && ln -sf '$CLAIMLOG' '$TMP/bin/claimlog'"
	n=0
	while IFS='	' read -r cmd first; do
		n=$((n + 1))
		want=0
		case $cmd in *"# exits "*) want=${cmd##*# exits } ;; esac
		printf '%s\n' "$cmd" | sed 's/^export TOP=\$PWD PATH=\$PWD\/build:\$PATH/export TOP=$PWD PATH='"$(printf '%s' "$TMP/bin" | sed 's/[\/&]/\\&/g')"':$PATH/' > "$TMP/cmd.$n"
		sed -i "s/8765/$port/g" "$TMP/cmd.$n"
		[ "$cmd" != "sleep 1" ] || printf '%s\n' "$wait_server" > "$TMP/cmd.$n"
		printf '%s\n' "$first" | sed "s/8765/$port/g" > "$TMP/first.$n"
		echo ". '$TMP/cmd.$n' > '$TMP/out.$n' 2>&1; rc=\$?"
		echo "[ \$rc = $want ] || { echo \"step $n exited \$rc, not $want: \$(cat '$TMP/cmd.$n')\"; cat '$TMP/out.$n'; exit 1; }"
		[ -z "$first" ] ||
			echo "grep -qxF -f '$TMP/first.$n' '$TMP/out.$n' || { echo \"step $n did not print: \$(cat '$TMP/first.$n')\"; cat '$TMP/out.$n'; exit 1; }"
	done < "$TMP/tour"
} > "$TMP/tour.sh"
[ -d "$TOP/../shared/seeds" ] || echo "note: ../shared/seeds is absent; the tour's quotes of the dataset are not checked"
sh "$TMP/tour.sh" || fail "the README tour does not run as written"
exit 0
