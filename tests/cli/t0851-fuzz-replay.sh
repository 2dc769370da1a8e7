#!/bin/sh
# Every saved fuzz input replayed, without clang: the seed corpora and
# each crash found so far (tests/fuzz/crashes/<target>/, the regression
# tests of the fixed crashes), through the targets built with the
# ordinary compiler and tests/fuzz/replay.c.
. "$TOP/tests/cli/lib.sh"
bin=$(dirname "$CLAIMLOG")/tests/fuzz
n=0
for src in "$TOP"/tests/fuzz/fuzz_*.c; do
	t=$(basename "$src" .c)
	[ -x "$bin/$t" ] || fail "$bin/$t is not built (make units)"
	"$bin/$t" "$TOP/tests/fuzz/corpus/$t" "$TOP/tests/fuzz/crashes/$t" >"$TMP/out" 2>"$TMP/err" ||
		fail "$t: a saved input fails: $(tail -c 2000 "$TMP/err")"
	n=$((n + 1))
done
[ $n -ge 5 ] || fail "only $n fuzz targets"
exit 0
