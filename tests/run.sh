#!/bin/sh
# run.sh BUILD - run the unit tests and the CLI tests of a build directory,
# and end with one line "N passed, N failed, N skipped".
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0 skip=0 failed=
for t in "$top/$build"/tests/test_*; do
	[ -x "$t" ] || continue
	if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed ${t##*/}"; fi
done
for t in "$top"/tests/cli/t[0-9]*.sh; do
	[ -f "$t" ] || continue
	name=${t##*/}
	start=$(date +%s)
	out=$(CLAIMLOG="$top/$build/claimlog" TOP="$top" sh "$t" 2>&1)
	rc=$?
	secs=$(( $(date +%s) - start ))
	if [ $rc = 0 ]; then
		pass=$((pass + 1)); echo "ok   $name (${secs} s)"
	elif [ $rc = 77 ]; then
		skip=$((skip + 1)); echo "skip $name: $(printf '%s\n' "$out" | tail -n 1)"
	else
		fail=$((fail + 1)); failed="$failed $name"
		echo "FAIL $name"
		# The assertion first: a long output would push it out of the tail.
		printf '%s\n' "$out" | grep '^FAIL: ' | sed 's/^/    /'
		printf '%s\n' "$out" | tail -n 30 | sed 's/^/    /'
	fi
done
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
