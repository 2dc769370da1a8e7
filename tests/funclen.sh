#!/bin/sh
# funclen.sh [MAX] [FILE...] - the functions of src/ longer than MAX lines
# (80): "file:line name length".  A longer function says why above it, in
# a comment that begins "Long:"; those are listed with "(said why)".
MAX=${1:-80}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- $(find src -name '*.c' | LC_ALL=C sort)
for f in "$@"; do
	awk -v max="$MAX" -v file="$f" '
		/^\/\*/ { comment = ""; incomment = 1 }
		incomment { comment = comment $0 "\n"; if ($0 ~ /\*\//) { incomment = 0; last = NR } ; next }
		/^[a-zA-Z].*\(/ && !/;[[:space:]]*$/ { head = NR; name = $0; sub(/\(.*/, "", name); n = split(name, w, /[ *]+/); name = w[n]; why = (last == NR - 1 && comment ~ /Long:/) }
		/^\{/ && head { start = head }
		/^\}/ && start {
			len = NR - start + 1
			if (len > max) printf "%s:%d %s %d%s\n", file, start, name, len, why ? " (said why)" : ""
			start = 0; head = 0
		}' "$f"
done
