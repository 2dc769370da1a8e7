#!/bin/sh
# Import in bulk: a few thousand generated claims land right (count, a
# sample, conflicts that name claims later in the batch, the git index
# git itself reads as clean), and an id repeated far apart in one file is
# still refused (the batch is looked up through a map, not searched).
. "$TOP/tests/cli/lib.sh"
make_repo
N=3000

# Claim i: its own statement, value and tag; every 500th conflicts with the next one.
gen() {
	awk -v n="$1" 'BEGIN {
		for (i = 1; i <= n; i++) {
			c = (i % 500 == 0 && i < n) ? sprintf("{\"with\": \"bulk-%d\"}", i + 1) : ""
			printf "{\"id\": \"bulk-%d\", \"statement\": \"Claim number %d.\", " \
				"\"subject\": \"entity %d\", \"property\": \"count\", " \
				"\"value\": {\"type\": \"quantity\", \"text\": \"%d\", \"unit\": \"boats\"}, " \
				"\"evidence\": [{\"source\": \"harbour-report\", " \
				"\"quote\": \"Container traffic grew by 12 percent\"}], " \
				"\"conflicts\": [%s], \"tags\": [\"t%d\"]}\n", i, i, i, i, c, i % 7
		}
	}'
}
gen $N > "$TMP/bulk.jsonl"

# The same id on line 10 and line 2500: refused, with both places; nothing changes.
{ sed -n '1,2499p' "$TMP/bulk.jsonl"; sed -n '10p' "$TMP/bulk.jsonl"; } > "$TMP/dup.jsonl"
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" import "$TMP/dup.jsonl"
err_has "dup.jsonl:2500: claim 'bulk-10' is on $TMP/dup.jsonl:10 already"
err_has "1 bad record; nothing was imported"
unchanged "$R" "$before"
# And across two files.
sed -n '2000p' "$TMP/bulk.jsonl" > "$TMP/again.jsonl"
run 2 "$CLAIMLOG" -C "$R" import "$TMP/bulk.jsonl" "$TMP/again.jsonl"
err_has "again.jsonl:1: claim 'bulk-2000' is on $TMP/bulk.jsonl:2000 already"
unchanged "$R" "$before"

# The same pack whatever the threads: imported on one core and on all of
# them, each blob and tree is at the same offset with the same compressed
# size (the commits differ by their time only), and the pack's index,
# which claimlog writes itself, is byte for byte what git index-pack makes.
rm -rf "$TMP/one" "$TMP/all"
cp -a "$R" "$TMP/one" && cp -a "$R" "$TMP/all"
run 0 taskset -c 0 "$CLAIMLOG" -C "$TMP/one" import "$TMP/bulk.jsonl"
cl -C "$TMP/all" import "$TMP/bulk.jsonl"
objects() {
	git verify-pack -v "$1"/.git/objects/pack/pack-*.idx | grep -E '^[0-9a-f]{40} (blob|tree) '
}
objects "$TMP/one" > "$TMP/objects-one" || fail "git verify-pack, one core"
objects "$TMP/all" > "$TMP/objects-all" || fail "git verify-pack, all cores"
[ "$(wc -l < "$TMP/objects-one")" -gt $N ] || fail "the pack lacks objects"
cmp -s "$TMP/objects-one" "$TMP/objects-all" || fail "the pack differs with the threads"
cp "$TMP"/all/.git/objects/pack/pack-*.pack "$TMP/again.pack"
git index-pack -o "$TMP/again.idx" "$TMP/again.pack" >/dev/null || fail "git index-pack"
cmp -s "$TMP/again.idx" "$TMP"/all/.git/objects/pack/pack-*.idx || fail "the pack index differs from git's"
git -C "$TMP/all" fsck --strict --full 2>&1 || fail "git fsck --strict --full"

n=$(git -C "$R" rev-list --count HEAD)
cl -C "$R" import "$TMP/bulk.jsonl"
out_has "imported $N claims"
[ "$(git -C "$R" rev-list --count HEAD)" = $((n + 1)) ] || fail "the import is not one commit"
[ "$(git -C "$R" ls-tree -r --name-only HEAD claims | wc -l)" = $N ] || fail "$N files in the commit"
[ "$(find "$R/claims" -name '*.xml' | wc -l)" = $N ] || fail "$N files in the work tree"
find "$R/claims" -name '*.tmp-*' | grep -q . && fail "temporary files left"
git -C "$R" fsck --strict 2>&1 || fail "git fsck --strict"

# The git index: the commit's blobs, and stat data that match the files
# (diff-files does not refresh: an entry whose stat data differ shows).
git -C "$R" ls-files -s claims | awk '{ print $2, $4 }' > "$TMP/index"
git -C "$R" ls-tree -r HEAD claims | awk '{ print $3, $4 }' > "$TMP/tree"
cmp -s "$TMP/index" "$TMP/tree" || fail "the git index differs from the commit"
[ -z "$(git -C "$R" diff-files --name-only)" ] || fail "stat data in the git index are stale"
[ -z "$(git -C "$R" status --porcelain)" ] || fail "work tree not clean"

# A sample, as claimlog reads it back.
for i in 1 1500 2999 $N; do
	cl -C "$R" show "bulk-$i" --json
	jq -e --arg i "$i" '.statement == "Claim number \($i)." and .subject == "entity \($i)"
		and .value.text == $i and .value.unit == "boats"
		and .tags == ["t\($i | tonumber % 7)"]
		and .evidence[0].source == "harbour-report"' "$TMP/out" >/dev/null ||
		fail "claim bulk-$i: $(cat "$TMP/out")"
done
cl -C "$R" show bulk-1500 --json
jq -e '.conflicts | map(.with) == ["bulk-1501"]' "$TMP/out" >/dev/null ||
	fail "a conflict with a claim later in the batch: $(cat "$TMP/out")"
cl -C "$R" verify
