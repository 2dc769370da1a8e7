#!/bin/sh
# contested reads the conflicts that detection found from the index
# (table `detected`), which each commit keeps up to date: a 'claim set'
# that makes two values disagree, or agree again, and an entities.xml
# that makes two subjects one show in the next contested, as they do
# without an index.  An index of the previous schema (4, without the
# table) is built again, not misread.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
R=$TMP/repo
cl init "$R"
cl -C "$R" source add "$FIX/aid-monitor.txt" --id monitor --title "Aid Monitor Bulletin"
add() { # ID SUBJECT VALUE
	cl -C "$R" claim add --id "$1" --statement "$2 delivered $3% of its aid." \
		--source monitor --quote "delivered 6.6 million euros, about 12% of the pledge" \
		--subject "$2" --property "share of pledged aid delivered" --value "$3" \
		--unit % --as-of 2024
}
add share-a China 12
add share-b China 12
add share-c PRC 30
add share-d Ruritania 5
cl -C "$R" list
[ -f "$R/.git/claimlog/index.sqlite" ] || fail "list built no index"
# ids: each line's two ids in the order of their names (a pair's first
# claim is the one whose file comes first).
ids() { awk '{ print ($1 < $2) ? $1 " " $2 : $2 " " $1 }'; }
detected() { # the pairs the index holds, "a b" a line each
	"$CLAIMLOG" -C "$R" sql "SELECT a, b FROM detected ORDER BY key, a, b" |
		tail -n +2 | sed 's|claims/[^/]*/||g; s|\.xml||g' | tr '\t' ' ' | ids
}
# pairs: contested --json with the index, "a b" a line each; the same
# without the index, else it fails.
pairs() {
	cl -C "$R" contested --json
	cp "$TMP/out" "$TMP/with.json"
	mv "$R/.git/claimlog" "$TMP/kept"
	cl -C "$R" contested --json
	rm -rf "$R/.git/claimlog"
	mv "$TMP/kept" "$R/.git/claimlog"
	cmp -s "$TMP/out" "$TMP/with.json" || {
		diff "$TMP/out" "$TMP/with.json" >&2
		fail "contested differs with the index"
	}
	jq -r '.conflicts[] | "\(.a.id) \(.b.id)"' "$TMP/with.json" | ids
}
[ -z "$(pairs)" ] || fail "pairs at first: $(pairs)"
[ -z "$(detected)" ] || fail "detected at first: $(detected)"

# A commit that makes two values disagree: the next contested shows it,
# from the pair that the commit's update of the index stored.
cl -C "$R" claim set share-b value 15
[ "$(detected)" = "share-a share-b" ] || fail "detected after set: $(detected)"
[ "$(pairs)" = "share-a share-b" ] || fail "pairs after set: $(pairs)"
cl -C "$R" contested
contains "$TMP/out" "values '12 %' and '15 %' cannot both be true"
# Agreement again, and a retracted claim, take the pair away.
cl -C "$R" claim set share-b value 12
[ -z "$(detected)" ] || fail "detected after agreeing: $(detected)"
[ -z "$(pairs)" ] || fail "pairs after agreeing: $(pairs)"
cl -C "$R" claim set share-d value 50
cl -C "$R" claim set share-b subject Ruritania
[ "$(detected)" = "share-b share-d" ] || fail "detected after a new subject: $(detected)"
cl -C "$R" claim set share-d status retracted
[ -z "$(detected)" ] || fail "detected after retracting: $(detected)"
[ -z "$(pairs)" ] || fail "pairs after retracting: $(pairs)"

# entities.xml makes China and PRC one subject: every group again.
cl -C "$R" entity add "People's Republic of China" --alias China --alias PRC
[ "$(detected)" = "share-a share-c" ] || fail "detected with the entity: $(detected)"
[ "$(pairs)" = "share-a share-c" ] || fail "pairs with the entity: $(pairs)"

# Not committed: the group of an edited file is compared again.
sed -i 's|>30<|>12<|' "$R/$(cd "$R" && "$CLAIMLOG" path share-c)"
[ -z "$(pairs)" ] || fail "pairs with an edit: $(pairs)"
[ "$(detected)" = "share-a share-c" ] || fail "an edit changed the index: $(detected)"
git -C "$R" checkout -q -- claims

# An index of schema 4 (no table `detected`) is deleted and built again.
if command -v sqlite3 >/dev/null; then
	version=$(sqlite3 "$R/.git/claimlog/index.sqlite" "PRAGMA user_version")
	sqlite3 "$R/.git/claimlog/index.sqlite" "PRAGMA journal_mode = DELETE;" \
		"DROP TABLE detected; PRAGMA user_version = 4;" >/dev/null ||
		fail "cannot make an index of schema 4"
	[ "$(pairs)" = "share-a share-c" ] || fail "pairs from an old index: $(pairs)"
	[ "$(sqlite3 "$R/.git/claimlog/index.sqlite" "PRAGMA user_version")" = "$version" ] ||
		fail "the old index was not built again"
	[ "$(detected)" = "share-a share-c" ] || fail "detected after the rebuild: $(detected)"
else
	echo "sqlite3 is not installed: an index of schema 4 not tried" >&2
fi
exit 0
