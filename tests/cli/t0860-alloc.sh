#!/bin/sh
# Allocation failures: for N = 1, 2, ... the Nth allocation fails
# (CLAIMLOG_FAIL_ALLOC=N) in the main commands, up to the number of
# allocations a command makes.  Each run must either fail cleanly (exit
# 2 or 3 with a message, no crash) or, when the failure was absorbed,
# give exactly the normal result; and leave the repository sound (git
# fsck, every claim parses) and leak nothing: under 'make check'
# LeakSanitizer fails a leaking run (exit 23), here valgrind checks a
# sample.  N is dense up to 24, then grows by a quarter each step;
# CLAIMLOG_SLOW=1 tries every N.
#
# libgit2 1.5 and libxml2 2.9 themselves crash on some failed allocations
# (libgit2 in its config reader and writer, libxml2 compiling a schema's
# regular expressions).  A crash whose innermost frame outside the C
# library gdb places in one of them is counted and reported, not failed:
# it is not claimlog's to fix, and the repository must still be sound
# after it.  Any other crash fails.  gdb looks at the first two crashes
# of each command (every one with CLAIMLOG_SLOW=1).  Their error paths
# also leak what they had allocated: tests/lsan-oom.supp and
# tests/valgrind-oom.supp leave those out, claimlog's own leaks count.
. "$TOP/tests/cli/lib.sh"
export LSAN_OPTIONS="suppressions=$TOP/tests/lsan-oom.supp"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
make_repo
Q="four patrol boats"
cl -C "$R" claim add --id base --statement "The base claim." --source harbour-report --quote "$Q"
base=$(git -C "$R" rev-parse HEAD)
slow=${CLAIMLOG_SLOW:-}
[ "$slow" = 0 ] && slow=
vg= vgmax=1
command -v valgrind >/dev/null && vg=1
[ -n "$slow" ] && vgmax=2
runs=0 absorbed=0 third=0
have_gdb=
command -v gdb >/dev/null && have_gdb=1

# Whether the crash of CMD at allocation $n is inside libgit2 or libxml2.
third_party() {
	[ -n "$have_gdb" ] || return 1
	CLAIMLOG_FAIL_ALLOC=$n gdb -batch -ex run -ex bt --args "$@" >"$TMP/gdb" 2>&1
	crash_in_library "$TMP/gdb"
}

next() {
	if [ -n "$slow" ] || [ "$1" -lt 24 ]; then echo $(($1 + 1)); else echo $(($1 + $1 / 4)); fi
}

# Put the repository back as it was before a write command.
restore() {
	git -C "$R" reset -q --hard "$base" && git -C "$R" clean -qfdx
	rm -rf "$TMP/fresh"
}

# check NAME WRITES CMD...: fail each allocation of CMD in turn.
check() {
	name=$1 writes=$2; shift 2
	restore
	CLAIMLOG_ALLOC_REPORT=1 "$@" >"$TMP/want" 2>"$TMP/err" || fail "$name: $(cat "$TMP/err")"
	total=$(sed -n 's/^claimlog: \([0-9]*\) allocations$/\1/p' "$TMP/err")
	[ -n "$total" ] || fail "$name: no allocation count"
	n=1 sampled=0 crashes=0
	while [ $n -le "$total" ]; do
		restore
		runs=$((runs + 1))
		CLAIMLOG_FAIL_ALLOC=$n "$@" >"$TMP/out" 2>"$TMP/err"
		rc=$?
		# AddressSanitizer reports a crash itself and exits 1; the innermost
		# frame that is neither the sanitizer's, the C library's nor the
		# allocation wrapper's names the culprit.
		if grep -q '^SUMMARY: AddressSanitizer: SEGV' "$TMP/err"; then
			grep '^    #[0-9]' "$TMP/err" |
				grep -v 'libsanitizer\|asan_\|libc\.so\|src/util/alloc\.c' |
				head -1 | grep -q 'libgit2\.so\|libxml2\.so' ||
				fail "$name, allocation $n: crash: $(grep -A12 ERROR: "$TMP/err")"
			rc=asan third=$((third + 1))
		fi
		case $rc in
		asan) ;;
		0) absorbed=$((absorbed + 1))
		   cmp -s "$TMP/out" "$TMP/want" ||
			fail "$name, allocation $n: a failure was absorbed, but the output differs" ;;
		2|3) grep -q '^claimlog: ..' "$TMP/err" ||
			fail "$name, allocation $n: exit $rc without a message" ;;
		139|134) third=$((third + 1)) crashes=$((crashes + 1))
		   if [ -n "$slow" ] || [ $crashes -le 2 ]; then
			restore
			third_party "$@" || fail "$name, allocation $n: exit $rc" \
				"(crash): $(head -c 2000 "$TMP/gdb")"
			echo "$name, allocation $n: crash in a library: $frame" >&2
		   fi ;;
		*) fail "$name, allocation $n: exit $rc (crash or leak): $(head -c 2000 "$TMP/err")" ;;
		esac
		if [ -n "$writes" ]; then
			git -C "$R" fsck --strict >/dev/null 2>&1 || fail "$name, allocation $n: git fsck"
			"$CLAIMLOG" -C "$R" list >/dev/null 2>"$TMP/err" ||
				fail "$name, allocation $n: list: $(cat "$TMP/err")"
		fi
		# valgrind on a failure well past start-up (two when slow), for leaks.
		if [ -n "$vg" ] && [ $sampled -lt $vgmax ] &&
		   [ $n -gt $((total / (3 - sampled))) ]; then
			sampled=$((sampled + 1))
			restore
			CLAIMLOG_FAIL_ALLOC=$n valgrind -q --leak-check=full \
				--errors-for-leak-kinds=definite --error-exitcode=99 \
				--suppressions="$TOP/tests/valgrind-oom.supp" \
				"$@" >/dev/null 2>"$TMP/vg"
			[ $? = 99 ] && fail "$name, allocation $n: valgrind: $(head -c 3000 "$TMP/vg")"
		fi
		n=$(next $n)
	done
	echo "$name: $total allocations" >&2
}

check init "" "$CLAIMLOG" init "$TMP/fresh"
check "source add" 1 "$CLAIMLOG" -C "$R" source add "$FIX/aid-news.txt" --id aid-news \
	--title "Aid news" --published 2023
check "claim add" 1 "$CLAIMLOG" -C "$R" claim add --id added --statement "Added." \
	--source harbour-report --quote "$Q" --subject "coast guard" --property boats --value 4
check "evidence add" 1 "$CLAIMLOG" -C "$R" evidence add base --source harbour-news \
	--quote "received three patrol boats"
check "claim set" 1 "$CLAIMLOG" -C "$R" claim set base note "A note."
check undo 1 "$CLAIMLOG" -C "$R" undo
sed 's/four patrol boats/4 patrol boats/' "$FIX/harbour-report.txt" >"$TMP/report-v2.txt"
check "source update" 1 "$CLAIMLOG" -C "$R" source update harbour-report "$TMP/report-v2.txt"
check show "" "$CLAIMLOG" -C "$R" show base
check list "" "$CLAIMLOG" -C "$R" list --json
echo "$runs runs, $absorbed failures absorbed with the normal result," \
	"$third crashes inside libgit2 or libxml2" >&2
exit 0
