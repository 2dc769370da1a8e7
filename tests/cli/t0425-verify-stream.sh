#!/bin/sh
# A full verify anchors each claim's quotes as it reads the claim, from
# the texts of its sources kept in a cache, and then keeps only what the
# rules over the whole set need (src/check/pack.c).  The findings must be
# those of the old order, where every quote waited for the quotes pass:
# CLAIMLOG_VERIFY_TEXT_CACHE=0 keeps no text, so nothing is anchored early.
# The repository has quote findings (found, not found, normalized,
# speaker) and the rules that look across claims (duplicate id, unknown
# and retracted references, unused source, value conflicts, declared
# conflicts, single origin), several claims per source.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
. "$TOP/tests/cli/verify-lib.sh"
verify_repo

run 1 "$CLAIMLOG" -C "$R" verify --format json
mv "$TMP/out" "$TMP/stream.json"
CLAIMLOG_VERIFY_TEXT_CACHE=0 run 1 "$CLAIMLOG" -C "$R" verify --format json
mv "$TMP/out" "$TMP/wait.json"
cmp -s "$TMP/stream.json" "$TMP/wait.json" ||
	fail "findings differ when quotes are anchored as claims are read: $(diff "$TMP/wait.json" "$TMP/stream.json" | head -20)"
# The same with one worker thread, and in text.
CLAIMLOG_VERIFY_TEXT_CACHE=0 run 1 "$CLAIMLOG" -C "$R" verify
mv "$TMP/out" "$TMP/wait.txt"
run 1 "$CLAIMLOG" -C "$R" verify
cmp -s "$TMP/out" "$TMP/wait.txt" || fail "text findings differ"
for rule in CL003 CL008 CL010 CL011 CL014 CL015 CL017 CL018 CL019 CL029; do
	jq -e --arg r "$rule" '[.findings[] | select(.rule == $r)] | length > 0' \
		"$TMP/stream.json" >/dev/null || fail "$rule did not fire: $(jq -c '[.findings[].rule]' "$TMP/stream.json")"
done
jq -e '.summary.quotes == 9 and .summary.claims == 7' "$TMP/stream.json" >/dev/null ||
	fail "summary: $(jq -c .summary "$TMP/stream.json")"
exit 0
