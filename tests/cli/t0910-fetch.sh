#!/bin/sh
# 'source add URL' over http against a server of the test's own: the page,
# its HTTP facts, a title and date from its meta, redirects, charsets, gzip;
# and every refusal (404, a redirect loop or to file://, a slow server, a
# body over the limit, a gzip bomb, a URL that is not http) changes nothing.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/fetch-lib.sh"
start_server web
U=http://127.0.0.1:$PORT
make_repo
before=$(state "$R")

# Refusals first: each says why, and nothing changes.
refused() {
	code=$1 why=$2; shift 2
	run "$code" "$CLAIMLOG" -C "$R" source add "$@"
	err_has "$why"
	unchanged "$R" "$before"
}
refused 2 "cannot fetch '$U/missing': the server answered 404 Not Found" "$U/missing" --id m
refused 2 "the server answered 500" "$U/error" --id m
refused 2 "a redirect loop: $U/loop-a -> $U/loop-b -> $U/loop-a" "$U/loop-a" --id m
refused 2 "it redirects to 'file:///etc/passwd', which is not http or https" "$U/to-file" --id m
refused 2 "'file:///etc/passwd' is not an http or https URL" file:///etc/passwd --id m
refused 2 "'ftp://127.0.0.1/x' is not an http or https URL" ftp://127.0.0.1/x --id m
refused 2 "url 'http://127.0.0.1:$PORT/a b' " "http://127.0.0.1:$PORT/a b" --id m
refused 2 "the page is larger than the limit of 64 MiB" "$U/big" --id m
refused 2 "the page is larger than the limit of 64 MiB" "$U/big-unsized" --id m
refused 2 "the page is larger than the limit of 64 MiB once decoded" "$U/bomb" --id m
refused 2 "content-coding 'br', which claimlog cannot decode" "$U/brotli" --id m
refused 2 "the body is not what its content-coding says" "$U/badgzip" --id m
refused 2 "the page at '$U/notitle' has no title claimlog can read; give one with --title" \
	"$U/notitle" --id m
refused 2 "source 'harbour-report' exists already" "$U/article" --id harbour-report
refused 2 "--retrieved is the time of the fetch" "$U/article" --id m --retrieved 2020
refused 2 "--url is the URL fetched for a URL: leave it out" "$U/article" --id m --url "$U/x"
refused 2 "the answer's headers are larger than the limit of 256 KiB" "$U/bigheaders" --id m
# A slow server: the limit is CLAIMLOG_FETCH_TIMEOUT seconds.
t0=$(date +%s)
CLAIMLOG_FETCH_TIMEOUT=1 refused 2 "cannot fetch '$U/slow': Operation timed out" "$U/slow" --id m
err_has "CLAIMLOG_FETCH_TIMEOUT sets it"
[ $(($(date +%s) - t0)) -le 5 ] || fail "the timeout of 1 s took $(($(date +%s) - t0)) s"
CLAIMLOG_FETCH_TIMEOUT=soon refused 2 "CLAIMLOG_FETCH_TIMEOUT 'soon' is not a number of seconds" \
	"$U/plain" --id m --title M
# Nothing listens: a clear reason.
refused 2 "cannot fetch 'http://127.0.0.1:1/x'" http://127.0.0.1:1/x --id m

# A page with og:title and article:published_time.
cl -C "$R" source add "$U/article" --id boats-article
out_has "added source boats-article"
out_has "fetched $U/article: 200, text/html, no redirect"
out_has "title taken from the page (og:title): Four patrol boats arrive in the harbour"
out_has "published date taken from the page (article:published_time): 2026-11-30"
[ ! -s "$TMP/err" ] || fail "a fetch that worked wrote to stderr: $(cat "$TMP/err")"
cl -C "$R" source show boats-article --json
jq -e '.title == "Four patrol boats arrive in the harbour" and .published == "2026-11-30"
	and .url == "'"$U"'/article" and .http.status == 200 and .http.url == "'"$U"'/article"
	and .http.content_type == "text/html; charset=utf-8" and .http.etag == "\"v1-article\""
	and .http.last_modified == "Mon, 30 Nov 2026 07:00:00 GMT" and (.http.date | length > 0)
	and (.http.at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$"))
	and .retrieved == (.http.at | .[0:10]) and .media_type == "text/html"
	and .snapshot == "boats-article.html" and .encoding == null' "$TMP/out" >/dev/null ||
	fail "the fetched source's record is not as expected: $(cat "$TMP/out")"
# The snapshot is the page's bytes; quotes are checked against it.
python3 - "$TOP/tests/cli/fetch-server.py" "$R/$(cd "$R" && "$CLAIMLOG" path boats-article)" <<'PY' ||
import importlib.util, os, sys
spec = importlib.util.spec_from_file_location("srv", sys.argv[1])
srv = importlib.util.module_from_spec(spec); spec.loader.exec_module(srv)
snap = os.path.join(os.path.dirname(sys.argv[2]), "boats-article.html")
sys.exit(open(snap, "rb").read() != srv.ARTICLE)
PY
	fail "the stored snapshot is not the page as served"
cl -C "$R" claim add --id boats --statement "Four patrol boats arrived." \
	--source boats-article --quote "four patrol boats arrived on Monday"
cl -C "$R" verify
cl -C "$R" source show boats-article
out_has "fetched:   200 $U/article at "
git -C "$R" log -1 --format=%s | grep -q "^claim add" || fail "no commit for the claim"
[ "$(git -C "$R" log --format=%s | grep -c '^source add boats-article')" = 1 ] ||
	fail "the fetch is not one commit"

# A <title> (blanks collapsed) and a JSON-LD datePublished; --title given wins.
cl -C "$R" source add "$U/jsonld" --id budget
out_has "title taken from the page (<title>): Budget figures for 2026"
out_has "published date taken from the page (JSON-LD datePublished): 2026-10-02"
cl -C "$R" source add "$U/jsonld" --id budget2 --title "Mine" --published 2026-10
lacks "$TMP/out" "taken from the page"
cl -C "$R" source show budget2 --json
jq -e '.title == "Mine" and .published == "2026-10"' "$TMP/out" >/dev/null || fail "given title lost"

# Redirects are followed and the final URL kept; url stays as given.
cl -C "$R" source add "$U/r1" --id plain --title "Plain"
out_has "redirected to $U/plain"
cl -C "$R" source show plain --json
jq -e '.url == "'"$U"'/r1" and .http.url == "'"$U"'/plain" and .media_type == "text/plain"' \
	"$TMP/out" >/dev/null || fail "redirect not recorded: $(cat "$TMP/out")"

# gzip: the snapshot is the decoded payload, its hash that of the payload.
cl -C "$R" source add "$U/gzip" --id zipped --title "Zipped"
cl -C "$R" source show zipped --json
zsum=$(printf 'Four patrol boats arrived, said the gzip page.\n' | sha256sum | cut -c1-64)
jq -e '.sha256 == "'"$zsum"'" and .size == 47' "$TMP/out" >/dev/null ||
	fail "the gzip page's snapshot is not its payload: $(cat "$TMP/out")"

# A charset in Content-Type other than UTF-8 is the source's encoding.
cl -C "$R" source add "$U/cp1251" --id cyr --title "Cyrillic"
cl -C "$R" source show cyr --json
jq -e '.encoding == "windows-1251"' "$TMP/out" >/dev/null || fail "charset not recorded"
cl -C "$R" claim add --id cyr-boats --statement "Four boats." --source cyr \
	--quote "Четыре патрульных катера"
# A charset only in the page's <meta>: its title and text decoded alike.
cl -C "$R" source add "$U/meta-1250" --id meta1250
out_has "title taken from the page (og:title): Četiri čamca stigla"
cl -C "$R" claim add --id cetiri --statement "Four boats." --source meta1250 \
	--quote "Četiri patrolna čamca"

cl -C "$R" source add "$U/latin2-ascii" --id latin2 --title L2
cl -C "$R" source show latin2 --json
jq -e '.encoding == "iso-8859-2" and .http.content_type == "text/plain;charset=ISO-8859-2"' \
	"$TMP/out" >/dev/null || fail "the charset is not the source's encoding: $(cat "$TMP/out")"
cl -C "$R" source add "$U/utf8-quoted" --id utf8 --title U8
cl -C "$R" source show utf8 --json
jq -e '.encoding == null and .media_type == "text/plain"' "$TMP/out" >/dev/null ||
	fail "a quoted UTF-8 charset is not UTF-8: $(cat "$TMP/out")"
# application/xhtml+xml is read as HTML.
cl -C "$R" source add "$U/xhtml" --id xhtml
out_has "title taken from the page (<title>): X"
cl -C "$R" source show xhtml --json
jq -e '.media_type == "text/html" and .snapshot == "xhtml.html"' "$TMP/out" >/dev/null ||
	fail "XHTML is not read as HTML: $(cat "$TMP/out")"

# An external snapshot: only the record.
cl -C "$R" source add "$U/plain" --id plain-ext --title "Plain" --external
out_has "external snapshot"
[ -z "$(find "$R/sources" -name 'plain-ext.txt')" ] || fail "--external stored a copy"

# Proxies from the environment are used (this server answers as one).
http_proxy=$U run 0 "$CLAIMLOG" -C "$R" source add "http://example.invalid/plain" --id proxied2 --title P
grep -qx "http://example.invalid/plain" "$TMP/web/proxied" || fail "http_proxy was not used"
git -C "$R" fsck --strict --no-dangling --no-progress || fail "fsck"
exit 0
