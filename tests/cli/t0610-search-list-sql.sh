#!/bin/sh
# search (ranked, highlighted, accents ignored), list with its filters,
# and read-only SQL on the index, checked against the files git holds.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
make_repo

cl -C "$R" claim add --id boats-delivered \
	--statement "The coast guard received four patrol boats in March 2021." \
	--source harbour-report --quote "the coast guard took delivery of four patrol boats" \
	--subject "Ruritanian coast guard" --property "Patrol boats delivered" \
	--value 4 --unit boats --as-of 2021-03 --tag boats
cl -C "$R" claim add --id boats-double-capacity \
	--statement "The minister said the boats double patrol capacity." \
	--source harbour-report --speaker "Ana Petrović" \
	--quote '"These boats double our capacity to patrol the northern coast."'
cl -C "$R" claim add --id container-growth \
	--statement "Container traffic grew by 12 percent in 2021." \
	--source harbour-report --quote "Container traffic grew by 12 percent in 2021" \
	--subject "Port of Ruritania" --property "container traffic growth" \
	--value 12 --unit % --as-of 2021 --tag traffic
cl -C "$R" claim add --id boats-three --statement "Three patrol boats arrived in April 2021." \
	--source harbour-news --quote "received three patrol boats in April 2021" \
	--subject "RCG" --property "patrol boats delivered" --value 3 --unit boats
cl -C "$R" conflict add boats-delivered boats-three --note "four in March or three in April"
cl -C "$R" entity add "Ruritanian coast guard" --alias "RCG"

# search: best first, matches marked, every word needed.
cl -C "$R" search patrol boats
[ "$(sed -n 1p "$TMP/out" | cut -d' ' -f1)" = claim ] || fail "claims with the words in the statement first"
out_has "[patrol] [boats]"
cl -C "$R" search patrol boats --json
jq -e 'length >= 4 and (map(.id) | index("container-growth")) == null and
	.[0].score >= .[-1].score' "$TMP/out" >/dev/null || fail "search ranking"
jq -e '[.[] | select(.kind == "source" and .id == "harbour-report")] | length == 1' \
	"$TMP/out" >/dev/null || fail "the source's snapshot text is searched"
cl -C "$R" search petrovic --json
jq -e 'map(.id) | index("boats-double-capacity") != null' "$TMP/out" >/dev/null ||
	fail "accents are ignored"
cl -C "$R" search "contain*" --claims --json
jq -e 'map(.id) == ["container-growth"]' "$TMP/out" >/dev/null || fail "prefix search"
cl -C "$R" search boats --sources --json
jq -e 'all(.[]; .kind == "source")' "$TMP/out" >/dev/null || fail "--sources"
cl -C "$R" search boats -n 1 --json
jq -e 'length == 1' "$TMP/out" >/dev/null || fail "-n 1"
cl -C "$R" search --fts "container OR minister" --claims --json
jq -e 'map(.id) | sort == ["boats-double-capacity", "container-growth"]' "$TMP/out" \
	>/dev/null || fail "--fts OR"
cl -C "$R" search '12%' --claims --json
jq -e 'map(.id) == ["container-growth"]' "$TMP/out" >/dev/null || fail "punctuation in a word"
# Without --fts, FTS5 syntax means nothing: a stray quote is a character.
run 1 "$CLAIMLOG" -C "$R" search 'say "hello'
err_has "nothing matches"
run 1 "$CLAIMLOG" -C "$R" search zeppelin
err_has "nothing matches 'zeppelin'"
run 2 "$CLAIMLOG" -C "$R" search --fts 'boats AND ('
err_has "cannot search for 'boats AND ('"
run 2 "$CLAIMLOG" -C "$R" search
err_has "search needs the words"
run 2 "$CLAIMLOG" -C "$R" search x --claims --sources
err_has "not both"

# list filters, each against the files.
cl -C "$R" list
[ "$(wc -l < "$TMP/out")" = "$(git -C "$R" ls-files claims | wc -l)" ] || fail "list shows every claim"
cl -C "$R" list --status contested --json
jq -e 'map(.id) | sort == ["boats-delivered", "boats-three"]' "$TMP/out" >/dev/null ||
	fail "list --status"
cl -C "$R" list --has-conflict
[ "$(wc -l < "$TMP/out")" = 2 ] || fail "list --has-conflict"
cl -C "$R" list --subject "ruritanian COAST guard"
# "RCG" is another spelling of the entity: both claims are about it.
[ "$(wc -l < "$TMP/out")" = 2 ] && out_has boats-three || fail "list --subject with an alias"
cl -C "$R" list --property "patrol boats delivered"
[ "$(wc -l < "$TMP/out")" = 2 ] || fail "list --property ignores case"
cl -C "$R" list --speaker "ana petrović"
[ "$(wc -l < "$TMP/out")" = 1 ] && out_has boats-double-capacity || fail "list --speaker"
cl -C "$R" list --tag traffic
[ "$(wc -l < "$TMP/out")" = 1 ] && out_has container-growth || fail "list --tag"
cl -C "$R" list --source harbour-news
[ "$(wc -l < "$TMP/out")" = 1 ] || fail "list --source"
cl -C "$R" list --since 2000 --until 9999-12-31
[ "$(wc -l < "$TMP/out")" = 4 ] || fail "list --since --until"
cl -C "$R" list --until 2000-01-01
[ ! -s "$TMP/out" ] || fail "list --until before any commit"
cl -C "$R" list --status open --tag boats
[ ! -s "$TMP/out" ] || fail "filters combine"
run 2 "$CLAIMLOG" -C "$R" list --status sure
err_has "unknown status 'sure'"
run 2 "$CLAIMLOG" -C "$R" list --since "last week"
err_has "--since: invalid date 'last week'"
run 2 "$CLAIMLOG" -C "$R" list --source nowhere
err_has "unknown source 'nowhere'"

# sql: the index agrees with git.
cl -C "$R" sql "SELECT count(*) AS n FROM claims" --json
jq -e --argjson n "$(git -C "$R" ls-files 'claims/*.xml' | wc -l)" '.[0].n == $n' \
	"$TMP/out" >/dev/null || fail "sql count of claims"
cl -C "$R" sql "SELECT count(*) FROM commits"
[ "$(sed -n 2p "$TMP/out")" = "$(git -C "$R" rev-list --count HEAD)" ] || fail "sql commits"
cl -C "$R" sql "SELECT id, status FROM claims WHERE status = 'contested' ORDER BY id"
[ "$(cat "$TMP/out")" = "$(printf 'id\tstatus\nboats-delivered\tcontested\nboats-three\tcontested')" ] ||
	fail "sql text output"
cl -C "$R" sql "SELECT c.id, e.speaker FROM claims c JOIN evidence e ON e.claim = c.n WHERE e.speaker IS NOT NULL" --json
jq -e '. == [{"id": "boats-double-capacity", "speaker": "Ana Petrović"}]' "$TMP/out" \
	>/dev/null || fail "sql join"
cl -C "$R" sql "SELECT id FROM search WHERE search MATCH 'traffic'"
out_has container-growth
cl -C "$R" sql "PRAGMA table_info(claims)"
out_has statement
# Read-only: writes are refused and change nothing.
cl -C "$R" sql "SELECT count(*) FROM claims"
count=$(cat "$TMP/out")
for q in "DELETE FROM claims" "INSERT INTO tags VALUES (1, 'x')" "DROP TABLE claims" \
	"UPDATE claims SET status = 'open'" "ATTACH DATABASE '$TMP/x.db' AS x" \
	"PRAGMA user_version = 7" "CREATE TABLE t(x)" "BEGIN" \
	"SELECT 1; DELETE FROM claims" "SELECT load_extension('x')"; do
	run 2 "$CLAIMLOG" -C "$R" sql "$q"
done
[ ! -e "$TMP/x.db" ] || fail "ATTACH created a file"
cl -C "$R" sql "SELECT count(*) FROM claims"
[ "$(cat "$TMP/out")" = "$count" ] || fail "a refused write changed the index"
run 2 "$CLAIMLOG" -C "$R" sql "DELETE FROM claims"
err_has "only reads"
run 2 "$CLAIMLOG" -C "$R" sql "SELEC 1"
err_has "bad query"
run 2 "$CLAIMLOG" -C "$R" sql ""
err_has "sql needs one query"
for c in search sql list; do
	cl -C "$R" $c --help
	out_has "usage: claimlog $c"
done
# The index is derived: never committed, the tree stays clean.
[ -f "$R/.git/claimlog/index.sqlite" ] || fail "no index file"
[ -z "$(git -C "$R" status --porcelain)" ] || fail "work tree not clean"
exit 0
