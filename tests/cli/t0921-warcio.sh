#!/bin/sh
# The WARC files claimlog writes (clg_warc_write(), through the unit test
# program 'test_warc --write') are read by Webrecorder's warcio (npm,
# installed by 'make test' into BUILD/node): every record parses and the
# block and payload digests match what warcio reads; a changed byte is
# caught; claimlog reads the file back.  wget's WARC files pass the same
# check, so the checker is not claimlog's own view of the format.
. "$TOP/tests/cli/lib.sh"
B=$(cd "$(dirname "$CLAIMLOG")" && pwd)
W=$B/node/node_modules/warcio
command -v node >/dev/null || { echo "no node (apt-get install nodejs)"; exit 77; }
[ -d "$W" ] || { echo "npm package warcio is not in $B/node ('make test' installs it; or npm install --prefix $B/node warcio)"; exit 77; }
[ -x "$B/tests/test_warc" ] || { echo "no $B/tests/test_warc (make units)"; exit 77; }
check() { run "$1" node "$TOP/tests/cli/warcio-check.cjs" "$W" "$2"; }

"$B/tests/test_warc" --write "$TMP/c.warc.gz" >"$TMP/id" || fail "test_warc --write failed"
id=$(cat "$TMP/id")
check 0 "$TMP/c.warc.gz"
[ "$(wc -l <"$TMP/out")" = 4 ] || fail "warcio reads $(wc -l <"$TMP/out") records, not 4"
out_has "warcinfo - length="
out_has "request https://example.org/a length=38 block=ok"
out_has "response https://example.org/a length=164 block=ok payload=ok status=200"
out_has "metadata https://example.org/a length=24 block=ok"
# Each record is a gzip member of its own: gzip sees 4 members.
[ "$(python3 -c 'import sys,zlib
d=open(sys.argv[1],"rb").read(); n=0
while d:
    z=zlib.decompressobj(31); z.decompress(d); d=z.unused_data; n+=1
print(n)' "$TMP/c.warc.gz")" = 4 ] || fail "not one gzip member per record"
# The checker fails when a byte of the payload changes.
zcat "$TMP/c.warc.gz" | sed 's/Body text/Body test/' >"$TMP/bad.warc"
check 1 "$TMP/bad.warc"
out_has "response https://example.org/a length=164 block=MISMATCH payload=MISMATCH"

# claimlog takes the page back, with the id of the record written.
R=$TMP/repo
cl init "$R"
cl -C "$R" source add "$TMP/c.warc.gz" --record https://example.org/a --id a --title A
cl -C "$R" source show a --json
[ "$(jq -r '.capture.record_id, .encoding, .http.etag' "$TMP/out" | tr '\n' ' ')" = \
	"$id windows-1250 \"x1\" " ] || fail "the record read back differs: $(cat "$TMP/out")"

# wget's files pass warcio's check too.
if command -v wget >/dev/null; then
	mkdir "$TMP/site" && echo "hello" >"$TMP/site/a.txt"
	python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$TMP/site" >"$TMP/server.log" 2>&1 &
	pid=$!
	trap 'kill $pid 2>/dev/null; rm -rf "$TMP"' EXIT
	i=0
	while ! grep -q "port [0-9]" "$TMP/server.log" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	port=$(sed -n 's/.* port \([0-9]*\) .*/\1/p' "$TMP/server.log" | head -n 1)
	(cd "$TMP" && wget -q --warc-file=w "http://127.0.0.1:$port/a.txt" -O /dev/null) ||
		fail "wget failed"
	kill $pid
	check 0 "$TMP/w.warc.gz"
	out_has "response http://127.0.0.1:$port/a.txt length="
	lacks "$TMP/out" "MISMATCH"
fi
exit 0
