#!/bin/sh
# Every quote of the bundled dataset is in its seed document, and every
# seed is unchanged (sha256 and size), checked against ../shared/seeds.
. "$TOP/tests/cli/lib.sh"
SEEDS=$TOP/../shared/seeds
if [ ! -d "$SEEDS" ]; then
	echo "skip: $SEEDS is absent, so the dataset's quotes were not checked against the seeds"
	exit 77
fi
CLAIMLOG_SNAPSHOTS=$SEEDS run 0 "$CLAIMLOG" -C "$TOP" verify --format json
cp "$TMP/out" "$TMP/v.json"
for rule in CL005 CL006 CL007 CL008 CL009 CL011; do
	jq -e --arg r $rule '[.findings[].rule] | index($r) == null' "$TMP/v.json" >/dev/null ||
		fail "$rule: $(jq -r --arg r $rule '.findings[] | select(.rule == $r) | .message' "$TMP/v.json" | head -3)"
done
total=$(jq '[.[] | .evidence | length] | add' "$("$CLAIMLOG" -C "$TOP" list --json > "$TMP/l.json"; echo "$TMP/l.json")")
jq -e --argjson n "$total" '.summary.quotes == $n and $n >= 80' "$TMP/v.json" >/dev/null ||
	fail "not every quote was anchored ($total evidence entries)"
echo "$total quotes anchored in their seeds"
exit 0
