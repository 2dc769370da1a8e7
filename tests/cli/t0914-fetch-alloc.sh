#!/bin/sh
# 'source add URL' and 'source refresh' when an allocation fails
# (CLAIMLOG_FAIL_ALLOC=N, through curl's, zlib's and libxml2's allocations
# too): each run ends with exit 0 and the page recorded, or with exit 2 or
# 3, a message, and the repository as it was.  N is dense up to 24, then
# grows by a quarter each step (every N with CLAIMLOG_SLOW=1); crashes
# inside libgit2 or libxml2 are counted, not failed, as in t0860.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/fetch-lib.sh"
# As in t0860: libgit2's and libxml2's error paths leak what they had
# allocated when an allocation fails; claimlog's own leaks still count.
export LSAN_OPTIONS="suppressions=$TOP/tests/lsan-oom.supp"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
# Every N takes long: the server must outlive the sweep.
[ -n "${CLAIMLOG_SLOW:-}" ] && export FETCH_SECONDS=7200
start_server web
U=http://127.0.0.1:$PORT
make_repo
printf '<html><head><title>Port</title></head><body><p>Four boats.</p></body></html>\n' \
	>"$TMP/web/p.html"
cl -C "$R" source add "$U/file/p.html" --id port
base=$(git -C "$R" rev-parse HEAD)
before=$(state "$R")
restore() { git -C "$R" reset -q --hard "$base" && git -C "$R" clean -qfdx; }
third=0

# Whether the crash of CMD at allocation $n is inside libgit2 or libxml2,
# which crash on some failed allocations themselves (as t0860 finds).
third_party() {
	command -v gdb >/dev/null || return 1
	CLAIMLOG_FAIL_ALLOC=$n gdb -batch -ex run -ex bt --args "$@" >"$TMP/gdb" 2>&1
	crash_in_library "$TMP/gdb"
}

# sweep NAME CMD...: fail each allocation of CMD in turn (sampled).
sweep() {
	name=$1; shift
	restore
	CLAIMLOG_ALLOC_REPORT=1 "$@" >"$TMP/want" 2>"$TMP/err" || fail "$name: $(cat "$TMP/err")"
	total=$(sed -n 's/^claimlog: \([0-9]*\) allocations$/\1/p' "$TMP/err")
	[ -n "$total" ] && [ "$total" -gt 100 ] || fail "$name: no allocation count"
	n=1 crashes=0
	while [ $n -le "$total" ]; do
		restore
		CLAIMLOG_FAIL_ALLOC=$n "$@" >"$TMP/out" 2>"$TMP/err"
		rc=$?
		# Under AddressSanitizer a crash exits 1; as in t0860, the innermost
		# frame that is not the sanitizer's, libc's or the allocator's names it.
		if grep -q '^SUMMARY: AddressSanitizer: SEGV' "$TMP/err"; then
			grep '^    #[0-9]' "$TMP/err" |
				grep -v 'libsanitizer\|asan_\|libc\.so\|src/util/alloc\.c' |
				head -1 | grep -q 'libgit2\.so\|libxml2\.so' ||
				fail "$name, allocation $n: crash: $(grep -A12 ERROR: "$TMP/err")"
			rc=asan third=$((third + 1))
		fi
		case $rc in
		asan) ;;
		0) cmp -s "$TMP/out" "$TMP/want" ||
			fail "$name, allocation $n: a failure was absorbed, but the output differs" ;;
		2|3)
			[ -s "$TMP/err" ] || fail "$name, allocation $n: exit $rc and no message"
			! grep -q "unknown error" "$TMP/err" || fail "$name, allocation $n: 'unknown error'"
			unchanged "$R" "$before" ;;
		139|134)
			third=$((third + 1)) crashes=$((crashes + 1))
			# gdb names the culprit of the first two (of all with CLAIMLOG_SLOW=1).
			if [ -n "${CLAIMLOG_SLOW:-}" ] || [ $crashes -le 2 ]; then
				restore
				third_party "$@" || fail "$name, allocation $n: exit $rc" \
					"(crash): $(head -c 2000 "$TMP/gdb")"
			fi ;;
		*) fail "$name, allocation $n: exit $rc: $(head -c 600 "$TMP/err")" ;;
		esac
		if [ -n "${CLAIMLOG_SLOW:-}" ] || [ $n -lt 24 ]; then n=$((n + 1)); else n=$((n + n / 4)); fi
	done
}
sweep "source add URL" "$CLAIMLOG" -C "$R" source add "$U/article" --id art
sed -i 's/Four boats/Five boats/' "$TMP/web/p.html"
sweep "source refresh" "$CLAIMLOG" -C "$R" source refresh port
restore
[ $third = 0 ] || echo "note: $third crashes inside libgit2 or libxml2 on a failed allocation (not claimlog's)"
git -C "$R" fsck --strict --no-dangling --no-progress || fail "fsck"
exit 0
