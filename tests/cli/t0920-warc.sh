#!/bin/sh
# source add FILE.warc[.gz] --record URL, on the WARC files that
# 'wget --warc-file' writes (gzip, and plain with --no-warc-compression)
# of a page served by a 'python3 -m http.server' the test starts: the
# record's payload is the snapshot, the fetch and the record are recorded,
# a quote from it verifies; without --record, or with a URL the file does
# not hold, the URLs it holds are listed and nothing changes.
. "$TOP/tests/cli/lib.sh"
command -v wget >/dev/null || { echo "no wget (apt-get install wget)"; exit 77; }
command -v python3 >/dev/null || { echo "no python3 (apt-get install python3)"; exit 77; }

mkdir "$TMP/site"
printf '<!DOCTYPE html>\n<html><head><title>Harbour news</title></head><body>\n<p>The coast guard received four new boats in March 2021.</p>\n</body></html>\n' \
	>"$TMP/site/news.html"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$TMP/site" >"$TMP/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$TMP"' EXIT
trap 'exit 1' HUP INT TERM
i=0
while ! grep -q "port [0-9]" "$TMP/server.log" && [ $i -lt 100 ] && kill -0 $pid 2>/dev/null; do
	sleep 0.1; i=$((i + 1))
done
port=$(sed -n 's/.* port \([0-9]*\) .*/\1/p' "$TMP/server.log" | head -n 1)
[ -n "$port" ] || fail "python3 -m http.server does not start: $(cat "$TMP/server.log")"
page=http://127.0.0.1:$port/news.html
cd "$TMP" || exit 1
wget -q --warc-file=cap "$page" -O got.html || fail "wget --warc-file failed"
wget -q --no-warc-compression --warc-file=plain "$page" -O /dev/null ||
	fail "wget --no-warc-compression failed"
kill $pid
[ -s cap.warc.gz ] && [ -s plain.warc ] || fail "wget wrote no WARC files"
# The ids wget gave the response records, to find in the source records.
rid() { sed -n '/^WARC-Type: response/,/^\r*$/s/^WARC-Record-ID: \(.*\)\r*$/\1/p' | tr -d '\r'; }
id_gz=$(zcat cap.warc.gz | rid)
id_plain=$(rid <plain.warc)
[ -n "$id_gz" ] && [ -n "$id_plain" ] || fail "no response record in wget's files"

R=$TMP/repo
cl init "$R"
before=$(state "$R")

# Without --record: the pages the file holds, not wget's own metadata.
run 2 "$CLAIMLOG" -C "$R" source add cap.warc.gz --id news --title "Harbour news"
err_has "'cap.warc.gz' is a WARC file; name the page to take with --record URL"
err_has "holds 1 page: '$page'"
lacks "$TMP/err" "metadata://"
unchanged "$R" "$before"
# A URL the file does not hold.
run 2 "$CLAIMLOG" -C "$R" source add cap.warc.gz --id news --title "Harbour news" \
	--record "http://127.0.0.1:$port/other.html"
err_has "holds no response or resource record for 'http://127.0.0.1:$port/other.html'; it holds '$page'"
unchanged "$R" "$before"
# A file that is not a WARC, taken as one with --record.
run 2 "$CLAIMLOG" -C "$R" source add got.html --id news --title "Harbour news" --record "$page"
err_has "'got.html': record 1 of the WARC file does not start with a WARC/1.x version line"
unchanged "$R" "$before"

# The gzip file: the payload stored beside the record, the fetch recorded.
cl -C "$R" source add cap.warc.gz --record "$page" --id news --title "Harbour news"
out_has "added source news ("
out_has "from the WARC record for $page)"
cl -C "$R" path news
rec=$R/$(cat "$TMP/out")
cmp -s "$R/$(dirname "$(cat "$TMP/out")")/news.html" site/news.html ||
	fail "the snapshot is not the page as served"
sha=$(sha256sum site/news.html | cut -d' ' -f1)
contains "$rec" "<snapshot sha256=\"$sha\" size=\"$(wc -c <site/news.html)\" file=\"news.html\"/>"
contains "$rec" "<url>$page</url>"
contains "$rec" "<media-type>text/html</media-type>"
lacks "$rec" "<encoding>"
contains "$rec" "<http status=\"200\" url=\"$page\" at=\""
contains "$rec" "content-type=\"text/html\" date=\""
contains "$rec" "last-modified=\""
wsha=$(sha256sum cap.warc.gz | cut -d' ' -f1)
id_xml=$(printf '%s' "$id_gz" | sed 's/</\&lt;/; s/>/\&gt;/')
contains "$rec" "<capture record-id=\"$id_xml\" target=\"$page\" date=\""
contains "$rec" "name=\"cap.warc.gz\" sha256=\"$wsha\" size=\"$(wc -c <cap.warc.gz)\"/>"
warc_date=$(zcat cap.warc.gz | sed -n '/^WARC-Type: response/,/^\r*$/s/^WARC-Date: \(.*\)\r*$/\1/p' | tr -d '\r')
contains "$rec" "<retrieved>$(echo "$warc_date" | cut -c1-10)</retrieved>"
contains "$rec" "at=\"$warc_date\""
cl -C "$R" source show news --json
[ "$(jq -r '.http.status, .capture.record_id, .capture.name' "$TMP/out" | tr '\n' ' ')" = \
	"200 $id_gz cap.warc.gz " ] || fail "source show --json lacks the capture"
cl -C "$R" source show news
out_has "capture:   $id_gz in cap.warc.gz, $warc_date"

# The plain file, external: the same payload (a copy of one document).
cl -C "$R" source add plain.warc --record "$page" --id news-plain --title "Harbour news" --external
err_has "has the same snapshot as source 'news'"
cl -C "$R" path news-plain
[ ! -e "$R/$(dirname "$(cat "$TMP/out")")/news-plain.html" ] || fail "an external snapshot was stored"
contains "$R/$(cat "$TMP/out")" "record-id=\"$(printf '%s' "$id_plain" | sed 's/</\&lt;/; s/>/\&gt;/')\""

# A quote from the captured page verifies.
cl -C "$R" claim add --id boats --statement "Four boats arrived in March 2021." \
	--source news --quote "received four new boats in March 2021"
cl -C "$R" verify
out_has "0 errors"
# An external page is found in its WARC file, by name, in a snapshot folder.
cl -C "$R" claim add --id boats-plain --statement "Four boats arrived in March 2021." \
	--source news-plain --quote "received four new boats in March 2021"
cl -C "$R" verify
out_has "CL006 snapshot-unavailable: no copy of the snapshot of source 'news-plain'"
mkdir "$TMP/keep" && cp plain.warc "$TMP/keep/"
cl -C "$R" --snapshots "$TMP/keep" verify
out_has "0 errors, 1 warning"
out_has "CL033 duplicate-snapshot"
lacks "$TMP/out" "CL006"
# The WARC file under that name holding another page is a changed snapshot.
sed 's/four new boats/five new boats/' plain.warc >"$TMP/keep/plain.warc"
run 1 "$CLAIMLOG" -C "$R" --snapshots "$TMP/keep" verify
out_has "does not match its block digest"
python3 - "$TMP/keep/plain.warc" <<'PY' || fail "cannot rewrite the WARC file"
import re, sys
d = open(sys.argv[1], "rb").read()
d = re.sub(rb"WARC-(Block|Payload)-Digest: [^\r]*\r\n", b"", d)
open(sys.argv[1], "wb").write(d)
PY
run 1 "$CLAIMLOG" -C "$R" --snapshots "$TMP/keep" verify
out_has "CL007 snapshot-changed: WARC file '$TMP/keep/plain.warc' holds another page for '$page' than source 'news-plain' recorded"
git -C "$R" fsck --strict --no-progress >"$TMP/fsck" 2>&1 || fail "git fsck: $(cat "$TMP/fsck")"
[ "$(git -C "$R" log --format=%s | grep -c '^source add news')" = 2 ] || fail "two sources, two commits"
exit 0
