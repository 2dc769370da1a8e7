#!/bin/sh
# Allocation failures: for N = 1, 2, ... the Nth allocation fails
# (CLAIMLOG_FAIL_ALLOC=N) in the main commands, until the command
# succeeds.  Each failure must be a clean error (exit 2 or 3 with a
# message; no crash), leave the repository sound (git fsck, every claim
# parses), and leak nothing: under 'make check' LeakSanitizer fails any
# leaking run (exit 23); here valgrind checks a sample of N.
# By default N is dense up to 60, then grows by an eighth each step;
# CLAIMLOG_SLOW=1 tries every N.
. "$TOP/tests/cli/lib.sh"
make_repo
Q="four patrol boats"
cl -C "$R" claim add --id base --statement "The base claim." --source harbour-report --quote "$Q"
slow=${CLAIMLOG_SLOW:-}
[ "$slow" = 0 ] && slow=
vg=
command -v valgrind >/dev/null && vg=1
runs=0

# next N: every N when slow, else dense then geometric.
next() {
	if [ -n "$slow" ] || [ "$1" -lt 60 ]; then echo $(($1 + 1)); else echo $(($1 + $1 / 8)); fi
}

# check NAME WRITES CMD...: fail allocations in CMD until it succeeds.
check() {
	name=$1 writes=$2; shift 2
	n=1 sampled=0
	while :; do
		runs=$((runs + 1))
		CLAIMLOG_FAIL_ALLOC=$n "$@" >"$TMP/out" 2>"$TMP/err"
		rc=$?
		[ $rc = 0 ] && break
		case $rc in
		2|3) grep -q '^claimlog: ..' "$TMP/err" ||
			fail "$name, allocation $n: exit $rc without a message" ;;
		*) fail "$name, allocation $n: exit $rc (crash or leak): $(head -c 2000 "$TMP/err")" ;;
		esac
		if [ -n "$writes" ]; then
			git -C "$R" fsck --strict >/dev/null 2>&1 || fail "$name, allocation $n: git fsck"
			"$CLAIMLOG" -C "$R" list >/dev/null 2>"$TMP/err" ||
				fail "$name, allocation $n: list: $(cat "$TMP/err")"
		fi
		# valgrind on two failures past start-up, for leaks.
		if [ -n "$vg" ] && [ $sampled -lt 2 ] && [ $n -gt 200 ] && [ $((n % 7)) = $sampled ]; then
			sampled=$((sampled + 1))
			CLAIMLOG_FAIL_ALLOC=$n valgrind -q --leak-check=full \
				--errors-for-leak-kinds=definite --error-exitcode=99 \
				"$@" >/dev/null 2>"$TMP/vg"
			[ $? = 99 ] && fail "$name, allocation $n: valgrind: $(head -c 3000 "$TMP/vg")"
		fi
		n=$(next $n)
		[ $n -lt 200000 ] || fail "$name never succeeded"
	done
	echo "$name: succeeded at allocation $n" >&2
}

check init "" "$CLAIMLOG" init "$TMP/fresh"
check "source add" 1 "$CLAIMLOG" -C "$R" source add "$FIX/aid-news.txt" --id aid-news \
	--title "Aid news" --published 2023
check "claim add" 1 "$CLAIMLOG" -C "$R" claim add --id added --statement "Added." \
	--source harbour-report --quote "$Q" --subject "coast guard" --property boats --value 4
check "evidence add" 1 "$CLAIMLOG" -C "$R" evidence add base --source harbour-news \
	--quote "received three patrol boats"
check "claim set" 1 "$CLAIMLOG" -C "$R" claim set base note "A note."
check show "" "$CLAIMLOG" -C "$R" show base
check list "" "$CLAIMLOG" -C "$R" list --json
[ -z "$(git -C "$R" status --porcelain)" ] ||
	fail "work tree and HEAD disagree: $(git -C "$R" status --porcelain | head -5)"
echo "$runs runs" >&2
exit 0
