#!/bin/sh
# warc.sh BUILD [RECORDS] - reading a web archive (docs/performance.md,
# "Web archives"; not part of 'make test').  Generates (in $BENCH_DIR/warc,
# default /tmp/claimlog-bench/warc) a WARC file of RECORDS (default 20,000)
# pages, each a request and a response record of its own gzip member, as
# wget and Browsertrix write them, and times, median of 5 runs:
#
#   claimlog   'source add big.warc.gz --record URL' of the last page, so
#              that every record is walked (and the whole file hashed)
#   warcio     Webrecorder's warcio (node, BUILD/node) indexing the file
#              ('warcio index'), the peer tool's walk of the same records
#   zcat       'zcat big.warc.gz >/dev/null', the floor: inflating alone
set -eu
build=${1:?usage: warc.sh BUILD [RECORDS]}
n=${2:-20000}
case $build in /*) ;; *) build=$PWD/$build ;; esac
[ -f "$build" ] && build=$(dirname "$build")
dir=${BENCH_DIR:-/tmp/claimlog-bench}/warc
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org
mkdir -p "$dir"
cd "$dir"
if [ ! -s big.warc.gz ] || [ "$(cat big.n 2>/dev/null)" != "$n" ]; then
	python3 - "$n" <<'PY'
import base64, hashlib, sys, zlib
n = int(sys.argv[1])
def digest(b): return b"sha1:" + base64.b32encode(hashlib.sha1(b).digest())
def record(typ, uri, block, ct, payload=None):
    h = (b"WARC/1.1\r\nWARC-Type: " + typ + b"\r\nWARC-Target-URI: " + uri +
         b"\r\nWARC-Date: 2026-01-02T03:04:05Z\r\nWARC-Record-ID: <urn:uuid:%08d-0000-4000-8000-000000000000>\r\n" % record.i +
         b"Content-Type: " + ct + b"\r\nWARC-Block-Digest: " + digest(block) + b"\r\n" +
         (b"WARC-Payload-Digest: " + digest(payload) + b"\r\n" if payload is not None else b"") +
         b"Content-Length: %d\r\n\r\n" % len(block))
    record.i += 1
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(h + block + b"\r\n\r\n") + c.flush()
record.i = 0
with open("big.warc.gz", "wb") as f:
    for i in range(n):
        uri = b"https://news.example.org/%d/article.html" % i
        body = (b"<!DOCTYPE html><html><head><title>Article %d</title></head><body>" % i +
                b"".join(b"<p>Paragraph %d of article %d: the coast guard took delivery of "
                         b"patrol boats, the ministry said.</p>\n" % (k, i) for k in range(40)) +
                b"</body></html>\n")
        resp = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                b"Content-Length: %d\r\n\r\n" % len(body)) + body
        req = b"GET /%d/article.html HTTP/1.1\r\nHost: news.example.org\r\n\r\n" % i
        f.write(record(b"request", uri, req, b"application/http;msgtype=request"))
        f.write(record(b"response", uri, resp, b"application/http;msgtype=response", body))
PY
	echo "$n" >big.n
fi
last=https://news.example.org/$((n - 1))/article.html
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
t() { s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
rm -rf repo && "$build/claimlog" init repo >/dev/null
echo "WARC file: $n pages, $(du -k big.warc.gz | cut -f1) KiB gzip, $(zcat big.warc.gz | wc -c | awk '{ printf "%.0f", $1 / 1048576 }') MiB inflated"
i=0
while [ $i -lt 5 ]; do
	t "$build/claimlog" -C repo source add big.warc.gz --record "$last" --id "p$i" --title P \
		--external >>cl.t
	i=$((i + 1))
done
printf 'claimlog source add --record (last page)  %s s\n' "$(median <cl.t)"
W=$build/node/node_modules/warcio/dist/cli.js
if [ -f "$W" ]; then
	i=0
	while [ $i -lt 5 ]; do t node "$W" index big.warc.gz >>w.t; i=$((i + 1)); done
	printf 'warcio index (node)                      %s s\n' "$(median <w.t)"
fi
i=0
while [ $i -lt 5 ]; do t sh -c 'zcat big.warc.gz' >>z.t; i=$((i + 1)); done
printf 'zcat                                     %s s\n' "$(median <z.t)"
rm -f cl.t w.t z.t
