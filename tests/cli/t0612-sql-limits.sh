#!/bin/sh
# 'claimlog sql' on a query from someone else (docs/index.md, "Limits"):
# fts3_tokenizer() and load_extension() refused, a clock (10 s, or
# --timeout) and a memory budget (256 MiB), each with a clear message.
. "$TOP/tests/cli/lib.sh"
make_repo
cl -C "$R" claim add --id base --statement "The base claim." --source harbour-report \
	--quote "four patrol boats"
before=$(state "$R")

# fts3_tokenizer(): one argument gives away a pointer, two install one.
run 2 "$CLAIMLOG" -C "$R" sql "SELECT fts3_tokenizer('simple')"
err_has "not authorized to use function: fts3_tokenizer"
lacks "$TMP/out" "x"
run 2 "$CLAIMLOG" -C "$R" sql "SELECT hex(FTS3_TOKENIZER('porter'))"
err_has "not authorized to use function: FTS3_TOKENIZER"
run 2 "$CLAIMLOG" -C "$R" sql "SELECT fts3_tokenizer('mine', x'0000000000000000')"
err_has "fts3_tokenizer"
run 2 "$CLAIMLOG" -C "$R" sql "SELECT load_extension('/tmp/x.so')"
err_has "load_extension"
# Ordinary functions still work.
cl -C "$R" sql "SELECT upper(id), length(statement) FROM claims"
out_has "BASE	15"

# A query that never ends: stopped at --timeout, and at 10 s by default.
FOREVER="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
start=$(date +%s)
run 2 "$CLAIMLOG" -C "$R" sql --timeout 1 "$FOREVER"
took=$(( $(date +%s) - start ))
err_has "the query ran longer than 1 seconds and was stopped (give --timeout SECONDS"
[ "$took" -lt 8 ] || fail "--timeout 1 took $took s"
start=$(date +%s)
run 2 "$CLAIMLOG" -C "$R" sql "$FOREVER"
took=$(( $(date +%s) - start ))
err_has "the query ran longer than 10 seconds"
[ "$took" -ge 9 ] && [ "$took" -lt 30 ] || fail "the default stop took $took s"
# A query that ends in time is not stopped.
cl -C "$R" sql --timeout 30 "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 1000) SELECT sum(x) FROM c"
out_has "500500"
for bad in 0 -1 abc 1e9 ""; do
	run 2 "$CLAIMLOG" -C "$R" sql --timeout "$bad" "SELECT 1"
	err_has "is not a number of seconds over 0 and up to 3600"
done

# Memory: twenty 15 MB strings at once are over the 256 MiB budget.
q="SELECT "
i=1; while [ $i -le 20 ]; do q="$q printf('%.*c', 15000000, 'x') || '$i' AS c$i,"; i=$((i + 1)); done
run 2 "$CLAIMLOG" -C "$R" sql "${q%,}"
err_has "the query needs more than 256 MiB of memory and was stopped"
[ ! -s "$TMP/out" ] || fail "a partial answer was printed"
# One string over 16 MiB is refused by sqlite's own length limit.
run 2 "$CLAIMLOG" -C "$R" sql "SELECT zeroblob(20000000)"
err_has "over 16 MiB"
# The index is as it was, and answers again.
cl -C "$R" sql "SELECT count(*) AS n FROM claims"
out_has "1"
unchanged "$R" "$before"
exit 0
