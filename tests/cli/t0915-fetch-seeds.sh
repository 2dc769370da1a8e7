#!/bin/sh
# A web page of the seeds' kind, added by URL: each seed article
# (../shared/seeds) is served as an HTML page with its title in og:title,
# by the test's own server; 'source add URL' records it, takes its title
# from the page, and a claim quoting its words (a quote of the bundled
# dataset, and one made here) verifies.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/fetch-lib.sh"
SEEDS=$TOP/../shared/seeds
[ -f "$SEEDS/001_cd8162e5bf8866d1.txt" ] || { echo "no seed documents in $SEEDS"; exit 77; }
start_server web
U=http://127.0.0.1:$PORT
cl init "$TMP/r"
R=$TMP/r
for seed in "$SEEDS"/00[0-4]_*.txt; do
	name=$(basename "$seed" .txt)
	python3 - "$seed" "$TMP/web/$name.html" <<'PY'
import html, sys
lines = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
title = lines[0]
body = "".join("<p>%s</p>\n" % html.escape(l) for l in lines)
page = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        '<title>Site | %s</title>\n<meta property="og:title" content="%s">\n'
        '</head><body><article>\n%s</article></body></html>\n'
        % (html.escape(title), html.escape(title, quote=True), body))
open(sys.argv[2], "w", encoding="utf-8").write(page)
PY
	id=seed-$(echo "$name" | cut -c1-3)
	cl -C "$R" source add "$U/file/$name.html" --id "$id"
	out_has "title taken from the page (og:title): $(grep -v '^[[:space:]]*$' "$seed" | head -n 1 | tr -s ' ' | sed 's/^ *//; s/ *$//' | cut -c1-40)"
	# Some words of its fifth non-blank line, as a fact-checker would quote them.
	quote=$(grep -v '^[[:space:]]*$' "$seed" | sed -n 5p | cut -d' ' -f1-8)
	cl -C "$R" claim add --id "c-$id" --statement "From $id." --source "$id" --quote "$quote"
done
# A quote of the bundled dataset from the Balkan report (seed 001).
cl -C "$R" claim add --id dataset-quote --statement "Serbia and China." --source seed-001 \
	--quote "A “new” partnership has recently resurfaced between two antagonists of NATO"
cl -C "$R" verify
out_has "0 errors, 0 warnings"
exit 0
