#!/bin/sh
# A short libFuzzer run of every fuzz target, with AddressSanitizer and
# UndefinedBehaviorSanitizer, when clang is at hand ('make fuzz' runs
# them for FUZZ_SECONDS each).  CLAIMLOG_FUZZ_SECONDS sets the time per
# target (default 5).  Builds build-fuzz (about a minute the first time).
. "$TOP/tests/cli/lib.sh"
command -v clang >/dev/null || { echo "clang not found: no fuzz smoke run"; exit 77; }
secs=${CLAIMLOG_FUZZ_SECONDS:-5}
make -C "$TOP" -s fuzz-build >"$TMP/build" 2>&1 || fail "make fuzz-build: $(tail -20 "$TMP/build")"
for src in "$TOP"/tests/fuzz/fuzz_*.c; do
	t=$(basename "$src" .c)
	mkdir -p "$TMP/corpus/$t" "$TMP/crash"
	"$TOP/build-fuzz/fuzz/$t" -max_total_time="$secs" -max_len=65536 \
		-artifact_prefix="$TMP/crash/" "$TMP/corpus/$t" "$TOP/tests/fuzz/corpus/$t" \
		>"$TMP/out" 2>"$TMP/err" ||
		fail "$t: $(grep -A30 -m1 'ERROR\|invariant' "$TMP/err" | head -40)"
	echo "$t: $(grep -o 'Done [0-9]* runs' "$TMP/err")" >&2
done
exit 0
