#!/bin/sh
# Every capture by URL is also kept as a WARC file beside the record
# (<id>.warc.gz, <capture> in the record): Webrecorder's warcio (npm,
# installed by 'make test') reads it with its digests right, and claimlog
# takes the same page back from it ('source add FILE.warc.gz --record').
# A gzip page is kept as it came, its payload decoded for the snapshot.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/fetch-lib.sh"
B=$(cd "$(dirname "$CLAIMLOG")" && pwd)
W=$B/node/node_modules/warcio
start_server web
U=http://127.0.0.1:$PORT
make_repo

cl -C "$R" source add "$U/redirect" --id art
out_has "capture kept as art.warc.gz"
cl -C "$R" source add "$U/gzip" --id zipped --title Zipped
p=$(cd "$R" && "$CLAIMLOG" path art)
warc=$R/${p%/*}/art.warc.gz
zwarc=$R/$(cd "$R" && "$CLAIMLOG" path zipped | sed 's,/[^/]*$,,')/zipped.warc.gz
[ -f "$warc" ] && [ -f "$zwarc" ] || fail "no WARC file beside the records"
git -C "$R" ls-files --error-unmatch "${p%/*}/art.warc.gz" >/dev/null 2>&1 ||
	fail "the WARC file is not committed"
cl -C "$R" source show art --json
jq -e --arg sum "$(sha256sum "$warc" | cut -c1-64)" --arg size "$(wc -c <"$warc")" \
	'.capture.file == "art.warc.gz" and .capture.target == "'"$U"'/article"
	and (.capture.record_id | test("^<urn:uuid:[0-9a-f-]{36}>$"))
	and .capture.date == .http.at and .capture.sha256 == $sum
	and .capture.size == ($size | tonumber)' "$TMP/out" >/dev/null ||
	fail "the capture is not recorded as expected: $(cat "$TMP/out")"
rid=$(jq -r .capture.record_id "$TMP/out")
zcat "$warc" >"$TMP/warc.txt" || fail "the WARC file is not gzip"
contains "$TMP/warc.txt" "WARC-Record-ID: $rid"
contains "$TMP/warc.txt" "WARC-Payload-Digest: sha1:"
contains "$TMP/warc.txt" "GET /article HTTP/1.1"
contains "$TMP/warc.txt" "Accept-Encoding: gzip, deflate"
contains "$TMP/warc.txt" "claimlog-redirect: $U/redirect -> $U/article"
zcat "$zwarc" >"$TMP/zwarc.txt"
contains "$TMP/zwarc.txt" "Content-Encoding: gzip"
contains "$TMP/zwarc.txt" "claimlog-content-coding: gzip"

# claimlog reads the page back from its own capture: the same payload.
for id in art zipped; do
	cl -C "$R" source show $id --json
	expect=$(jq -r .sha256 "$TMP/out")
	target=$(jq -r .capture.target "$TMP/out")
	file=$R/$(cd "$R" && "$CLAIMLOG" path $id | sed 's,/[^/]*$,,')/$id.warc.gz
	cl -C "$R" source add "$file" --record "$target" --id "$id-again" --title again
	cl -C "$R" source show "$id-again" --json
	[ "$(jq -r .sha256 "$TMP/out")" = "$expect" ] ||
		fail "the WARC capture of $id does not give its snapshot back ($expect)"
done

# Webrecorder's warcio reads it, digests and all.
command -v node >/dev/null || { echo "no node (apt-get install nodejs)"; exit 77; }
[ -d "$W" ] || { echo "npm package warcio is not in $B/node ('make test' installs it)"; exit 77; }
for f in "$warc" "$zwarc"; do
	run 0 node "$TOP/tests/cli/warcio-check.cjs" "$W" "$f"
	out_has "response $U/"
	out_has "payload=ok"
	lacks "$TMP/out" "MISMATCH"
done
exit 0
