#!/bin/sh
# Safe output (docs/export.md, docs/reliability.md): CSV cells that a
# spreadsheet would run are guarded and import back as they were;
# JSON-LD cannot end its script element; only http and https URLs are
# stored or linked; the context of quotes from external snapshots stays
# out of the report and the annotation export unless asked for.
. "$TOP/tests/cli/lib.sh"
make_repo
Q="four patrol boats"

# CSV: formulas are guarded, --raw keeps them, import reads both back.
cl -C "$R" claim add --id formula --statement '=HYPERLINK("https://evil.example","Click")' \
	--source harbour-report --quote "$Q" --note "+1 more" --subject "-minus" \
	--property "@at" --tag t1
cl -C "$R" claim add --id quoted --statement "'=already quoted" --source harbour-report \
	--quote "$Q" --note "'plain quote" --subject "''+two quotes"
cl -C "$R" claim add --id plain --statement "Plain, with a comma." --source harbour-report --quote "$Q"
cl -C "$R" export --format csv -o "$TMP/safe.csv"
contains "$TMP/safe.csv" "formula,\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Click\"\")\""
contains "$TMP/safe.csv" ",'-minus,'@at,"
contains "$TMP/safe.csv" ",'+1 more,"
contains "$TMP/safe.csv" "quoted,''=already quoted,"
contains "$TMP/safe.csv" ",'''+two quotes,"
contains "$TMP/safe.csv" ",'plain quote,"
lacks "$TMP/safe.csv" "''plain quote"
# No cell starts with a formula character.
tr ',' '\n' < "$TMP/safe.csv" | sed 's/^"//' | grep -q '^[=+@-]' && fail "an unguarded cell"
cl -C "$R" export --format csv --raw -o "$TMP/raw.csv"
contains "$TMP/raw.csv" "formula,\"=HYPERLINK("
contains "$TMP/raw.csv" ",-minus,@at,"
contains "$TMP/raw.csv" "quoted,'=already quoted,"
cl -C "$R" export --format jsonl -o "$TMP/before.jsonl"
cl init "$TMP/copy"
cl -C "$TMP/copy" source add "$FIX/harbour-report.txt" --id harbour-report --title "Harbour report"
cl -C "$TMP/copy" import "$TMP/safe.csv"
cl -C "$TMP/copy" export --format jsonl -o "$TMP/after.jsonl"
cmp "$TMP/before.jsonl" "$TMP/after.jsonl" || fail "CSV import did not give back the values"
jq -e -s '.[0].statement == "=HYPERLINK(\"https://evil.example\",\"Click\")" and .[2].statement == "'"'"'=already quoted"
	and .[2].note == "'"'"'plain quote" and .[2].subject == "'"''"'+two quotes"' "$TMP/after.jsonl" >/dev/null ||
	fail "values after the round trip: $(cat "$TMP/after.jsonl")"

# JSON-LD: a statement with </script> cannot end the script element.
cl -C "$R" claim set plain statement 'Boats </script><script>alert(1)</script> & <!-- more'
cl -C "$R" claim set plain verdict "False"
cl -C "$R" claim set plain review-url https://fc.example/plain
cl -C "$R" export --format claimreview plain -o "$TMP/review.json"
lacks "$TMP/review.json" "</script"
lacks "$TMP/review.json" "<!--"
contains "$TMP/review.json" '\u003c/script\u003e'
jq -e '.[0].claimReviewed // .claimReviewed // ([.. | .claimReviewed? | select(.)] | .[0]) | contains("</script><script>alert(1)</script> & <!--")' \
	"$TMP/review.json" >/dev/null || fail "the statement as JSON reads it: $(cat "$TMP/review.json")"
cl -C "$R" export --format annotation plain -o "$TMP/ann.json"
lacks "$TMP/ann.json" "</script"
jq . "$TMP/ann.json" >/dev/null || fail "annotation JSON"

# URLs: only http and https are stored, from any writer.
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" source add "$FIX/aid-news.txt" --id js --title "JS" --url "javascript:alert(1)"
err_has "url 'javascript:alert(1)' is not an http or https URL"
run 2 "$CLAIMLOG" -C "$R" source add "$FIX/aid-news.txt" --id js --title "JS" --url "JavaScript:alert(1)"
err_has "is not an http or https URL"
run 2 "$CLAIMLOG" -C "$R" source add "$FIX/aid-news.txt" --id js --title "JS" --url "https://"
err_has "has no host"
run 2 "$CLAIMLOG" -C "$R" source add "$FIX/aid-news.txt" --id js --title "JS" --url "https://a.example/x y"
err_has "holds a space"
run 2 "$CLAIMLOG" -C "$R" claim set plain review-url "javascript:alert(1)"
err_has "review-url 'javascript:alert(1)' is not an http or https URL"
run 2 "$CLAIMLOG" -C "$R" claim set plain review-url "data:text/html,<script>alert(1)</script>"
err_has "is not an http or https URL"
printf '@misc{jsref,\n  title = {A page},\n  url = {javascript:alert(1)},\n  year = {2020}\n}\n' > "$TMP/js.bib"
run 2 "$CLAIMLOG" -C "$R" import "$TMP/js.bib"
err_has "js.bib:1: BibTeX entry 'jsref': source 'jsref': url 'javascript:alert(1)' is not an http or https URL"
err_has "nothing was imported"
printf '[{"id": "jscsl", "type": "webpage", "title": "A page", "URL": "javascript:alert(1)"}]\n' > "$TMP/js.json"
run 2 "$CLAIMLOG" -C "$R" import "$TMP/js.json"
err_has "url 'javascript:alert(1)' is not an http or https URL"
printf '{"id": "jsl", "statement": "S.", "review": {"verdict": "False", "url": "javascript:alert(1)"}, "evidence": [{"source": "harbour-report", "quote": "four patrol boats"}]}\n' > "$TMP/js.jsonl"
run 2 "$CLAIMLOG" -C "$R" import "$TMP/js.jsonl"
err_has "js.jsonl:1:"
err_has "review-url 'javascript:alert(1)' is not an http or https URL"
unchanged "$R" "$before"
# A DOI becomes an https address.
printf '@article{doiref,\n  title = {A paper},\n  doi = {10.1234/abc},\n  year = {2020}\n}\n' > "$TMP/doi.bib"
cl -C "$R" import "$TMP/doi.bib"
cl -C "$R" source show doiref --json
jq -e '.url == "https://doi.org/10.1234/abc"' "$TMP/out" >/dev/null || fail "DOI as https"

# A record already in the repository with such a URL (committed with git):
# read as before, but never written as a link.
p=$(cd "$R" && "$CLAIMLOG" path harbour-report)
grep -q '<url>' "$R/$p" && fail "the fixture already has a url"
# The schema fixes the order of elements; put url where it belongs.
python3 - "$R/$p" <<'PY' || fail "could not edit the record"
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = re.sub(r'(<title>[^<]*</title>)', r'\1<url>javascript:alert(document.cookie)</url>', s, count=1)
open(p, "w", encoding="utf-8").write(s)
PY
pr=$(cd "$R" && "$CLAIMLOG" path plain)
python3 - "$R/$pr" <<'PY' || fail "could not edit the claim"
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("https://fc.example/plain", "javascript:alert(2)")
open(p, "w", encoding="utf-8").write(s)
PY
git -C "$R" commit -qam "hostile urls" || fail "commit"
cl -C "$R" source show harbour-report
out_has "javascript:alert(document.cookie)"
cl -C "$R" report -o "$TMP/site"
grep -rqi 'href="javascript' "$TMP/site" && fail "a javascript: link in the report"
grep -rhoi 'href="[^"]*"' "$TMP/site" | grep -vi '^href="\(https\?://\|\.\./\|sources/\|claims/\|#\|index\.html\|[a-z0-9._-]*\.html\)' &&
	fail "a link that is neither http(s) nor relative"
contains "$TMP/site/sources/harbour-report.html" "javascript:alert(document.cookie)"
contains "$TMP/site/claims/plain.html" "javascript:alert(2)"
cl -C "$R" export --format annotation -o "$TMP/ann2.json"
lacks "$TMP/ann2.json" "javascript:"
for f in prov-n prov-xml; do
	cl -C "$R" export --format $f -o "$TMP/prov.$f"
	lacks "$TMP/prov.$f" "javascript:"
done
run 2 "$CLAIMLOG" -C "$R" export --format claimreview plain
err_has "review-url 'javascript:alert(2)' is not an http or https address"

# External snapshots: no context from them unless asked for.
cl init "$TMP/ext"
E=$TMP/ext
mkdir "$TMP/snaps"
cp "$FIX/informant-memo.txt" "$TMP/snaps/"
cl -C "$E" --snapshots "$TMP/snaps" source add "$FIX/informant-memo.txt" --id memo --title "Memo" --external
cl -C "$E" --snapshots "$TMP/snaps" claim add --id six --statement "Six boats." --source memo \
	--quote "six patrol boats in total"
cl -C "$E" --snapshots "$TMP/snaps" report -o "$TMP/r1"
contains "$TMP/r1/claims/six.html" "six patrol boats in total"
lacks "$TMP/r1/claims/six.html" "Markovic"
contains "$TMP/r1/claims/six.html" "without its context"
cl -C "$E" --snapshots "$TMP/snaps" export --format annotation -o "$TMP/a1.json"
lacks "$TMP/a1.json" "Markovic"
jq -e '[.. | .exact? | select(.)] | index("six patrol boats in total") != null' "$TMP/a1.json" >/dev/null ||
	fail "the quote stays: $(cat "$TMP/a1.json")"
cl -C "$E" --snapshots "$TMP/snaps" report -o "$TMP/r2" --context external
contains "$TMP/r2/claims/six.html" "Markovic"
cl -C "$E" --snapshots "$TMP/snaps" export --format annotation --context external -o "$TMP/a2.json"
contains "$TMP/a2.json" "Markovic"
git -C "$E" config claimlog.context external
cl -C "$E" --snapshots "$TMP/snaps" report -o "$TMP/r3"
contains "$TMP/r3/claims/six.html" "Markovic"
cl -C "$E" --snapshots "$TMP/snaps" report -o "$TMP/r4" --context internal
lacks "$TMP/r4/claims/six.html" "Markovic"
# A snapshot kept in the repository keeps its context.
contains "$TMP/site/claims/formula.html" "class=\"ctx\""
# Bad values: a clear error, nothing written.
run 2 "$CLAIMLOG" -C "$E" report -o "$TMP/r5" --context everything
err_has "--context 'everything' is neither 'internal' nor 'external'"
[ ! -e "$TMP/r5" ] || fail "a report was written"
git -C "$E" config claimlog.context sometimes
run 2 "$CLAIMLOG" -C "$E" export --format annotation
err_has "git config claimlog.context 'sometimes' is neither"
exit 0
