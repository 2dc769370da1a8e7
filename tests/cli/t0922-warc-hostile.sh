#!/bin/sh
# Hostile and damaged WARC files given to 'source add --record': each is
# refused with a clear message and exit 2, in seconds, and nothing changes.
# A gzip bomb, endless headers, a negative or huge Content-Length, a
# truncated gzip member, a payload that inflates past the snapshot limit,
# more records than the limit, and digests that do not match the payload.
. "$TOP/tests/cli/lib.sh"
command -v python3 >/dev/null || { echo "no python3 (apt-get install python3)"; exit 77; }
cd "$TMP" || exit 1
U=http://example.org/page
python3 - "$U" <<'PY' || fail "cannot make the test files"
import base64, hashlib, sys, zlib
u = sys.argv[1].encode()
def digest(b):
    return b"sha1:" + base64.b32encode(hashlib.sha1(b).digest())
def record(block, uri=u, typ=b"response", extra=b"", length=None, blockdigest=None):
    body = block.split(b"\r\n\r\n", 1)[1] if typ == b"response" else block
    h = (b"WARC/1.0\r\nWARC-Type: " + typ + b"\r\nWARC-Target-URI: " + uri +
         b"\r\nWARC-Date: 2026-01-02T03:04:05Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n" +
         b"WARC-Block-Digest: " + (blockdigest or digest(block)) + b"\r\n" +
         b"WARC-Payload-Digest: " + digest(body) + b"\r\n" + extra +
         b"Content-Length: " + (length or str(len(block)).encode()) + b"\r\n\r\n")
    return h + block + b"\r\n\r\n"
def gz(b):
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    return c.compress(b) + c.flush()
def put(name, data):
    open(name, "wb").write(data)
page = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nFour boats arrived in March."
good = record(page)
put("good.warc.gz", gz(good))
put("notwarc.warc", b"<html><p>not an archive</p></html>\n")
put("negative.warc", good.replace(b"Content-Length: %d" % len(page), b"Content-Length: -5"))
put("huge.warc", good.replace(b"Content-Length: %d" % len(page), b"Content-Length: 99999999999"))
put("endless.warc", b"WARC/1.0\r\n" + b"X-Filler: " + b"a" * 60 + b"\r\n" * 1 +
    (b"X-Filler: " + b"a" * 60 + b"\r\n") * 200000)
put("truncated.warc.gz", gz(good)[:-20])
# A gzip bomb: one member whose record of zeros inflates past the limit.
c = zlib.compressobj(9, zlib.DEFLATED, 31)
head = c.compress(b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: x\r\n"
                  b"Content-Length: 4000000000\r\n\r\n") + c.flush(zlib.Z_FULL_FLUSH)
zeros = bytes(1 << 20)
first = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
piece = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
put("bomb.warc.gz", head + first + piece * 1100)
# A body in Content-Encoding gzip of 65 MiB of zeros.
put("payload-bomb.warc", record(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" +
                                 gz(bytes(65 << 20))))
many = b"".join(record(b"x", uri=b"http://example.org/%d" % i, typ=b"resource")
                for i in range(100001))
put("many.warc", many)
put("block-digest.warc", good.replace(b"Four boats", b"Nine boats"))
put("payload-digest.warc", record(page, blockdigest=None).replace(
    digest(page.split(b"\r\n\r\n", 1)[1]), digest(b"something else")))
PY

R=$TMP/repo
cl init "$R"
before=$(state "$R")
refused() {
	f=$1 code=$2; shift 2
	start=$(date +%s)
	run "$code" "$CLAIMLOG" -C "$R" source add "$f" --record "$U" --id page --title Page
	[ $(( $(date +%s) - start )) -lt 30 ] || fail "$f took more than 30 seconds"
	for m in "$@"; do err_has "$m"; done
	unchanged "$R" "$before"
}
refused notwarc.warc 2 "'notwarc.warc': record 1 of the WARC file does not start with a WARC/1.x version line"
refused negative.warc 2 "record 1 of the WARC file has a bad Content-Length '-5'"
refused huge.warc 2 "the WARC record for '$U' is over the snapshot limit of 64 MiB"
refused endless.warc 2 "record 1 of the WARC file has a header block over the limit of 64 KiB"
refused truncated.warc.gz 2 "the WARC file is truncated"
refused bomb.warc.gz 2 "the WARC file inflates past the limit of 1024 MiB"
refused payload-bomb.warc 2 "the payload of the WARC record for '$U' is over the snapshot limit of 64 MiB"
refused many.warc 2 "the WARC file holds more than 100000 records"
refused block-digest.warc 2 "the WARC record for '$U' does not match its block digest (sha1:" \
	"the file is damaged or was altered"
refused payload-digest.warc 2 "does not match its payload digest"
mkdir dir.warc
refused dir.warc 2 "'dir.warc' is not a regular file"
refused missing.warc.gz 2 "cannot open 'missing.warc.gz'"

# The good file is taken, so the refusals above were the files' faults.
cl -C "$R" source add good.warc.gz --record "$U" --id page --title Page
out_has "added source page (28 bytes"
exit 0
