#!/bin/sh
# layers.sh TOP [BUILD] - check that each folder of src/ uses only the
# folders below it (CONTRIBUTING.md, "The map"), and that each outside
# library is used in one folder.  Edges are read from the #include lines
# of src/ and include/, and, when BUILD is given, from the symbols that
# each object of BUILD/src takes from another folder's objects (nm), so
# that a function declared by hand is an edge too.  Prints every edge
# against the order and exits 1, or exits 0 in silence.
set -u
TOP=${1:?usage: layers.sh TOP [BUILD]}
BUILD=${2:-}
cd "$TOP" || exit 2

# The folders, lowest first.
ORDER="util model format store index check query io report cli"

# The folder whose code each public header declares.  A new header goes
# here, or this check fails.
public_layer() {
	case $1 in
	error.h|limits.h|alloc.h|buf.h|strlist.h|match.h) echo util ;;
	value.h|claim.h|entity.h|diff.h|semantic.h|layout.h|pages.h) echo model ;;
	repo.h|history.h|remote.h) echo store ;;
	index.h) echo index ;;
	verify.h) echo check ;;
	import.h|export.h) echo io ;;
	report.h) echo report ;;
	init.h|query.h|edit.h) echo query ;;
	claimlog.h) echo report ;;
	*) echo "?" ;;
	esac
}

# The one folder that may include each outside library's headers.
library_layer() {
	case $1 in
	git2.h|git2/*) echo store ;;
	sqlite3.h) echo index ;;
	libxml/*) echo format ;;
	utf8proc.h) echo util ;;
	poppler*|glib*|cairo*|zlib.h|iconv.h) echo format ;;
	curl/*) echo store ;;
	*) echo "" ;;
	esac
}

rank() {
	n=0
	for l in $ORDER; do
		[ "$l" = "$1" ] && { echo $n; return; }
		n=$((n + 1))
	done
	echo 99
}

bad=0
edge() { echo "layers: $*"; bad=1; }

# check_include FILE LAYER HEADER
check_include() {
	f=$1 layer=$2 h=$3
	case $h in
	claimlog.h|claimlog/*.h)
		to=$(public_layer "${h#claimlog/}")
		[ "$to" = "?" ] && { edge "$f: $h belongs to no folder (add it to tests/layers.sh)"; return; } ;;
	*/*)
		to=${h%%/*}
		[ "$(rank "$to")" = 99 ] && { edge "$f: \"$h\" names no folder of src/"; return; } ;;
	*)
		[ -f "$(dirname "$f")/$h" ] ||
			edge "$f: \"$h\" is not in the file's folder; name it as FOLDER/$h"
		return ;;
	esac
	[ "$(rank "$to")" -le "$(rank "$layer")" ] ||
		edge "$f ($layer) includes $h ($to), a folder above it"
}

for f in $(find src include -name '*.[ch]' | LC_ALL=C sort); do
	case $f in
	src/*) layer=${f#src/}; layer=${layer%%/*} ;;
	include/claimlog.h) layer=report ;;
	include/claimlog/*) layer=$(public_layer "${f#include/claimlog/}")
		[ "$layer" = "?" ] && { edge "$f belongs to no folder (add it to tests/layers.sh)"; continue; } ;;
	esac
	[ "$(rank "$layer")" = 99 ] && { edge "$f: src/$layer is not in the order"; continue; }
	for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
		check_include "$f" "$layer" "$h"
	done
	for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*<\([^>]*\)>.*/\1/p' "$f"); do
		own=$(library_layer "$h")
		[ -z "$own" ] || [ "$own" = "$layer" ] ||
			edge "$f ($layer) includes <$h>, which only src/$own may use"
	done
done

# Symbols: which folder defines each, and which folder takes it.
if [ -n "$BUILD" ]; then
	syms=${TMPDIR:-/tmp}/layers.$$
	for c in $(find src -name '*.c' | LC_ALL=C sort); do
		o=$BUILD/${c%.c}.o
		[ -f "$o" ] || continue
		layer=${o#"$BUILD"/src/}; layer=${layer%%/*}
		nm "$o" | awk -v l="$layer" -v o="$o" '$1 ~ /^[UTDBR]$/ {print l, o, "U", $2}
			NF == 3 && $2 ~ /^[TDBR]$/ {print l, o, "D", $3}'
	done >"$syms"
	ranks=$(n=0; for l in $ORDER; do printf '%s=%s ' "$l" $n; n=$((n + 1)); done)
	awk -v ranks="$ranks" '
		BEGIN { n = split(ranks, r, " "); for (i = 1; i <= n; i++) { split(r[i], kv, "="); rank[kv[1]] = kv[2] } }
		$3 == "D" { def[$4] = $1 }
		$3 == "U" { use[NR] = $0 }
		END {
			for (i in use) {
				split(use[i], u, " ")
				if (!(u[4] in def)) continue
				if (rank[def[u[4]]] > rank[u[1]]) {
					printf "layers: %s (%s) calls %s of src/%s, a folder above it\n", u[2], u[1], u[4], def[u[4]]
				}
			}
		}' "$syms" | LC_ALL=C sort >"$syms.up"
	[ -s "$syms" ] || edge "no objects in $BUILD/src: build first"
	[ -s "$syms.up" ] && { cat "$syms.up"; bad=1; }
	rm -f "$syms" "$syms.up"
fi
exit $bad
