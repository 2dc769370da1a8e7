#!/bin/sh
# The bundled dataset (claims/, sources/, entities.xml of the project):
# every file validates, every reference resolves, no error-level finding,
# at least 80 claims over all five seed documents.  Runs without the seeds.
. "$TOP/tests/cli/lib.sh"
run 0 "$CLAIMLOG" -C "$TOP" verify --format json
cp "$TMP/out" "$TMP/v.json"
jq -e '.summary.errors == 0' "$TMP/v.json" >/dev/null || fail "the dataset has errors"
for rule in CL001 CL002 CL003 CL004 CL013 CL016 CL017; do
	jq -e --arg r $rule '[.findings[].rule] | index($r) == null' "$TMP/v.json" >/dev/null ||
		fail "the dataset has $rule findings"
done
jq -e '.summary.claims >= 80 and .summary.sources == 5' "$TMP/v.json" >/dev/null ||
	fail "the dataset has fewer than 80 claims or not 5 sources"
run 0 "$CLAIMLOG" -C "$TOP" list --json
for src in nis-outpost-2025 specialeurasia-crossroads-2022 vasilj-russia-serbia-2025 \
	   csis-serbia-china-2020 serbia-us-china-2025; do
	n=$(jq --arg s $src '[.[] | select(any(.evidence[]; .source == $s))] | length' "$TMP/out")
	[ "$n" -ge 10 ] || fail "source $src has only $n claims"
done
# Never the articles' text: every source is an external snapshot.
run 0 "$CLAIMLOG" -C "$TOP" source list --json
jq -e 'all(.[]; .external and .sha256 != null)' "$TMP/out" >/dev/null ||
	fail "a source of the dataset keeps its text in the repository"
[ -z "$(find "$TOP/sources" -type f ! -name '*.xml')" ] || fail "a snapshot file is in sources/"
exit 0
