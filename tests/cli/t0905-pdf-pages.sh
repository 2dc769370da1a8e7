#!/bin/sh
# The page of a quote in a PDF: found by claimlog from where the quote
# anchors (p. 2, or pp. 2–3 across a page break), shown by show, verify,
# report and every export (Web Annotation: the PDF's URL with #page=N);
# a --locator that names another page is refused with both pages named,
# and nothing changes; one without a page is accepted; CL035 for a
# record edited by hand.  The PDF is the test generator's report
# (tests/pdf/mkpdf.c): page 1 with a ligature and a hyphenated word,
# page 2 in two columns, a sentence that runs from page 2 onto page 3,
# a running header and footer, and a last page that is an image.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
MKPDF=${MKPDF:-$(dirname "$CLAIMLOG")/tests/mkpdf}
[ -x "$MKPDF" ] || { echo "$MKPDF is not built (make units builds it)"; exit 77; }
"$MKPDF" report "$TMP/report.pdf" || fail "mkpdf report"
R=$TMP/repo
cl init "$R"
cl -C "$R" source add "$TMP/report.pdf" --id review --title "Widget Safety Review 2024" \
	--url https://reports.example/widgets.pdf --published 2024-01

# Quotes on page 1 (the ligature, the hyphenated word), 2 (a column) and 2-3.
cl -C "$R" claim add --id audit --statement "Inspections fell by a third." \
	--source review --quote "financial audit found that inspections fell by a third"
cl -C "$R" claim add --id info --statement "Information came late." \
	--source review --quote "the information they received from manufacturers was often late"
cl -C "$R" claim add --id incidents --statement "1,204 incidents in 2022." \
	--source review --quote "1,204 incidents involving widgets in 2022" --locator "page 2"
cl -C "$R" claim add --id bridge --statement "The bridge widget is unsafe." \
	--source review --quote "the committee concluded that the bridge widget was unsafe" \
	--locator "pp. 3-4, para 2"

# show: the page beside the source; a locator that says just that is not repeated.
cl -C "$R" show audit
out_has "1. review, p. 1: supports"
cl -C "$R" show incidents
out_has "1. review, page 2: supports"
lacks "$TMP/out" "p. 2"
cl -C "$R" show bridge
out_has "1. review, pp. 2–3, pp. 3-4, para 2: supports"
cl -C "$R" show --json bridge
jq -e '.evidence_pages == [{"first": 2, "last": 3, "pages": "pp. 2–3"}]' "$TMP/out" >/dev/null ||
	fail "show --json: evidence_pages"

# A locator that names another page is refused, naming both; nothing changes.
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" claim add --id wrong --statement "x" --source review \
	--quote "recalls took on average 41 days" --locator "p. 3"
err_has "the locator 'p. 3' names p. 3, but the quote is on p. 1 of source 'review'"
unchanged "$R" "$before"
run 2 "$CLAIMLOG" -C "$R" evidence add audit --source review \
	--quote "bridge widget was unsafe for heavy loads" --locator "pages 1 to 2"
err_has "names pp. 1–2, but the quote is on p. 3"
unchanged "$R" "$before"
# Locators without a page, or a page run that holds the quote, are accepted.
cl -C "$R" evidence add audit --source review --quote "recalls took on average 41 days" \
	--locator "§ 4"
cl -C "$R" evidence add info --source review --quote "recalls took on average 41 days" \
	--locator "p. iv"
cl -C "$R" evidence add incidents --source review \
	--quote "Hospital records show 63 serious injuries" --locator "pp. 1–2"

# verify: a normalized match says its page.
cl -C "$R" verify --all
out_has "after normalization at byte"
out_has "bytes, pp. 2–3)"
lacks "$TMP/out" CL035
# CL035 for a record edited by hand.
f=$(cd "$R" && ls claims/*/incidents.xml)
sed 's|<locator>page 2</locator>|<locator>p. 7</locator>|' "$R/$f" > "$TMP/x" && cp "$TMP/x" "$R/$f"
grep -q "<locator>p. 7</locator>" "$R/$f" || fail "the record was not edited"
cl -C "$R" verify
out_has "warning CL035 locator-page-mismatch: locator 'p. 7' names p. 7, but the quote is on p. 2 of source 'review'"
cl -C "$R" verify --format json
jq -e '[.findings[] | select(.rule == "CL035")] | length == 1' "$TMP/out" >/dev/null ||
	fail "verify --format json: one CL035"
git -C "$R" checkout -q -- "$f"

# Web Annotation: the PDF's address with #page=N (RFC 8118), and the selectors.
cl -C "$R" export --format annotation bridge audit
cp "$TMP/out" "$TMP/anno.json"
jq -e '[.[].target.source] == ["https://reports.example/widgets.pdf#page=1",
	"https://reports.example/widgets.pdf#page=1", "https://reports.example/widgets.pdf#page=2"]' \
	"$TMP/anno.json" >/dev/null || fail "annotation: target sources $(jq -c '[.[].target.source]' "$TMP/anno.json")"
jq -e '.[2].target.selector | map(.type) == ["TextQuoteSelector", "TextPositionSelector"]' \
	"$TMP/anno.json" >/dev/null || fail "annotation: selectors"
# CSV and PROV: the page where the locator goes; JSON Lines: evidence_pages; DOT: the edge.
cl -C "$R" export --format csv audit bridge
out_has "financial audit found that inspections fell by a third,,,p. 1,supports"
out_has "recalls took on average 41 days,,,\"p. 1, § 4\",supports"
out_has "the bridge widget was unsafe,,,\"pp. 3-4, para 2\",supports"
cl -C "$R" export --format prov-xml audit
out_has "<clg:locator>p. 1</clg:locator>"
cl -C "$R" export --format prov-n audit
out_has 'clg:locator="p. 1"'
cl -C "$R" export --format jsonl
jq -s -e 'map({(.id): .evidence_pages}) | add == {"audit": [{"first": 1, "last": 1, "pages": "p. 1"},
	{"first": 1, "last": 1, "pages": "p. 1"}], "bridge": [{"first": 2, "last": 3, "pages": "pp. 2–3"}],
	"incidents": [{"first": 2, "last": 2, "pages": "p. 2"}, {"first": 2, "last": 2, "pages": "p. 2"}],
	"info": [{"first": 1, "last": 1, "pages": "p. 1"}, {"first": 1, "last": 1, "pages": "p. 1"}]}' \
	"$TMP/out" >/dev/null || fail "jsonl: evidence_pages"
cl -C "$R" export --format dot bridge
out_has '"source-review" -> "evidence-bridge-1" [label="quoted in, pp. 2–3"];'
cl -C "$R" claim set bridge verdict "True"
cl -C "$R" claim set bridge review-url "https://checks.example/bridge"
cl -C "$R" export --format claimreview bridge
jq -e '.[0].itemReviewed.appearance[0].url == "https://reports.example/widgets.pdf#page=2"' \
	"$TMP/out" >/dev/null || fail "claimreview: appearance url"

# report: the page of each quote, linked to that page of the PDF as quoted.
cl -C "$R" report -o "$TMP/site"
cmp -s "$TMP/site/sources/review.pdf" "$TMP/report.pdf" || fail "report: the PDF is not copied"
contains "$TMP/site/claims/bridge.html" 'Page: <a href="../sources/review.pdf#page=2">pp. 2–3</a>'
contains "$TMP/site/claims/audit.html" 'Page: <a href="../sources/review.pdf#page=1">p. 1</a>'
contains "$TMP/site/sources/review.html" '<a href="review.pdf">The PDF as quoted</a>'

# An external PDF without an address: the page on its IRI, a link to nothing.
cp "$TMP/report.pdf" "$TMP/copy.pdf"
mkdir "$TMP/snap" && cp "$TMP/report.pdf" "$TMP/snap/"
cl -C "$R" source add "$TMP/copy.pdf" --id review-copy --title "A copy" --external
cl -C "$R" claim add --id copy --statement "y" --source review-copy \
	--quote "yearly inspection of every model" --locator "p. 3"
cl -C "$R" --snapshots "$TMP/snap" export --format annotation copy
jq -e '.[0].target.source == "urn:claimlog:source-review-copy#page=3"' "$TMP/out" >/dev/null ||
	fail "annotation of an external PDF: $(jq -c '.[0].target.source' "$TMP/out")"
cl -C "$R" --snapshots "$TMP/snap" report -o "$TMP/site"
[ ! -e "$TMP/site/sources/review-copy.pdf" ] || fail "report: an external PDF was copied"
contains "$TMP/site/claims/copy.html" "Page: p. 3</p>"

# Plain text with form feeds has no pages: any locator is accepted.
printf 'first page words\n\fsecond page words\n' > "$TMP/feeds.txt"
cl -C "$R" source add "$TMP/feeds.txt" --id feeds --title "Form feeds"
cl -C "$R" claim add --id feeds --statement "z" --source feeds --quote "second page words" \
	--locator "p. 9"
cl -C "$R" show feeds
out_has "1. feeds, p. 9: supports"
cl -C "$R" show --json feeds
jq -e 'has("evidence_pages") | not' "$TMP/out" >/dev/null || fail "show --json: pages of plain text"

# import refuses a row whose locator names another page, and changes nothing.
cl -C "$R" export --format csv audit
sed 's/,p\. 1,supports/,p. 2,supports/' "$TMP/out" | sed 's/^audit,/audit2,/' > "$TMP/rows.csv"
grep -q ',p. 2,supports' "$TMP/rows.csv" || fail "the rows were not edited"
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" import "$TMP/rows.csv"
err_has "names p. 2, but the quote is on p. 1"
unchanged "$R" "$before"
