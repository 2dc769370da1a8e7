#!/bin/sh
# What claimlog prints for the bundled dataset is byte for byte what it
# printed when tests/golden/SHA256SUMS was written (verify, contested,
# list, show of every claim and source, every export, the report): a
# change of structure must not change an output.  With the seed documents
# at hand, again with their text (SHA256SUMS-seeds).  A change meant to
# alter an output runs 'sh tests/golden/update.sh' and shows the diff.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
check() { # SUMS OUT
	(cd "$2" && sha256sum --quiet -c "$1") >"$TMP/sums.out" 2>&1 ||
		fail "outputs differ from $1: $(grep -v ': OK$' "$TMP/sums.out" | head -n 20)"
	n=$(cd "$2" && find . -type f | wc -l)
	[ "$n" = "$(wc -l <"$1")" ] || fail "$n outputs, $1 lists $(wc -l <"$1")"
}
sh "$TOP/tests/golden/outputs.sh" "$CLAIMLOG" "$TOP" "$TMP/o" || fail "outputs.sh failed"
check "$TOP/tests/golden/SHA256SUMS" "$TMP/o"
if [ -d "$TOP/../shared/seeds" ]; then
	sh "$TOP/tests/golden/outputs.sh" "$CLAIMLOG" "$TOP" "$TMP/s" "$TOP/../shared/seeds" ||
		fail "outputs.sh failed with the seeds"
	check "$TOP/tests/golden/SHA256SUMS-seeds" "$TMP/s"
else
	echo "note: ../shared/seeds is absent; the outputs with the seeds' text not compared"
fi
exit 0
