#!/bin/sh
# PDF sources (issue 15): 'source add' records the PDF itself, its text is
# taken page by page by poppler with running headers and footers away,
# quotes anchor across a page break, a hyphenated line end and a
# ligature; the text cache; 'source text'; scans, encrypted, truncated
# and broken PDFs refused with nothing written; poppler prints nothing.
# The PDFs are drawn by tests/pdf/mkpdf.c (make units builds it).
. "$TOP/tests/cli/lib.sh"
MKPDF=$(dirname "$CLAIMLOG")/tests/mkpdf
[ -x "$MKPDF" ] || { echo "skip: $MKPDF is not built (make units builds it)"; exit 77; }
P=$TMP/pdf
mkdir -p "$P"
"$MKPDF" report "$P/report.pdf" || fail "mkpdf report"
"$MKPDF" scan "$P/scan.pdf" || fail "mkpdf scan"
make_repo

# The PDF itself is the snapshot: its bytes, its hash, its pages.
cl -C "$R" source add "$P/report.pdf" --id widget-review --title "Widget Safety Review" \
	--publisher "Northfield Institute"
out_has "added source widget-review"
out_has "4 pages, text by poppler"
cl -C "$R" path widget-review
rec=$R/$(cat "$TMP/out")
cmp -s "${rec%.xml}.pdf" "$P/report.pdf" || fail "the PDF is not kept beside the record"
contains "$rec" "sha256=\"$(sha256sum "$P/report.pdf" | cut -d' ' -f1)\""
contains "$rec" "size=\"$(wc -c < "$P/report.pdf" | tr -d ' ')\""
contains "$rec" "<media-type>application/pdf</media-type>"
contains "$rec" '<extractor name="poppler" version="'
contains "$rec" 'pages="4"'
cl -C "$R" source show widget-review
out_has "pages:     4"
out_has "text by:   poppler"

# 'source text': the pages, a form feed between two, headers and footers away.
cl -C "$R" source text widget-review
[ "$(tr -cd '\f' < "$TMP/out" | wc -c)" = 3 ] || fail "not 4 pages joined by 3 form feeds"
out_has "Widget Safety Review"
grep -q "Review 2024" "$TMP/out" && fail "running header kept"
grep -q "Page [0-9] of 4" "$TMP/out" && fail "running footer kept"
cl -C "$R" source text widget-review --page 2
# Two columns: the left one first, whole, then the right one.
head -n 1 "$TMP/out" | grep -q "^Left column" || fail "page 2 does not start with the left column"
left=$(grep -n "one shop out of every nine" "$TMP/out" | cut -d: -f1)
right=$(grep -n "^Right column" "$TMP/out" | cut -d: -f1)
[ -n "$left" ] && [ -n "$right" ] && [ "$left" -lt "$right" ] || fail "columns out of order"
tr -d '\n' < "$TMP/out" | grep -q "$(printf '\f')" && fail "a form feed inside a page"
cl -C "$R" source text widget-review --page 3
out_has "bridge widget was unsafe"
cl -C "$R" source text widget-review --page 4
[ -s "$TMP/out" ] && fail "the scanned page gave text"
run 2 "$CLAIMLOG" -C "$R" source text widget-review --page 5
err_has "source 'widget-review' has 4 pages: there is no page 5"
for bad in 0 -1 two 2x ""; do
	run 2 "$CLAIMLOG" -C "$R" source text widget-review --page "$bad"
	err_has "--page takes a page number from 1"
done
run 2 "$CLAIMLOG" -C "$R" source text nosuch
# Any source type: HTML gives its text, without pages.
cl -C "$R" source text harbour-news
out_has "Coast guard"
lacks "$TMP/out" "<p>"
lacks "$TMP/out" "<script"
run 2 "$CLAIMLOG" -C "$R" source text harbour-news --page 1
err_has "whose text has no pages: --page is for a PDF"
cl -C "$R" source text harbour-report
cmp -s "$TMP/out" "$FIX/harbour-report.txt" || fail "plain text not printed as it is"

# Quotes anchor across the page break (and the header and footer between),
# across a hyphenated line end, and over the ligature U+FB01 typed as "fi".
cl -C "$R" claim add --id widget-unsafe --statement "The committee found the bridge widget unsafe." \
	--source widget-review \
	--quote "the committee concluded that the bridge widget was unsafe for heavy loads"
cl -C "$R" evidence add widget-unsafe --source widget-review \
	--quote "the information they received from manufacturers was often late"
cl -C "$R" evidence add widget-unsafe --source widget-review \
	--quote "Its financial audit found that inspections fell by a third"
cl -C "$R" evidence add widget-unsafe --source widget-review \
	--quote "in one shop out of every nine"
run 2 "$CLAIMLOG" -C "$R" evidence add widget-unsafe --source widget-review \
	--quote "Widget Safety Review 2024"
err_has "quote not found in source 'widget-review'"
cl -C "$R" verify
out_has "0 errors, 0 warnings"

# The text cache: beside the index, never committed, rebuilt when missing,
# not trusted when its text does not match its header.
sha=$(sha256sum "$P/report.pdf" | cut -d' ' -f1)
cache=$(ls "$R"/.git/claimlog/text/"$sha"-poppler-*.txt) || fail "no text cache file"
head -n 1 "$cache" | grep -qx "claimlog-text 1" || fail "cache file has no header"
[ -z "$(git -C "$R" status --porcelain)" ] || fail "the cache shows in git status"
git -C "$R" ls-files | grep -q "claimlog/text" && fail "the cache is committed"
cl -C "$R" source text widget-review
cp "$TMP/out" "$TMP/text1"
rm -f "$cache"
cl -C "$R" source text widget-review
cmp -s "$TMP/out" "$TMP/text1" || fail "text differs after the cache was deleted"
[ -f "$cache" ] || fail "cache not rebuilt"
sed -i 's/bridge widget/BRIDGE WIDGET/' "$cache"
cl -C "$R" source text widget-review
cmp -s "$TMP/out" "$TMP/text1" || fail "a corrupt cache file was trusted"
grep -q "BRIDGE WIDGET" "$cache" && fail "a corrupt cache file was not rewritten"
printf 'claimlog-text 1\n' > "$cache"
cl -C "$R" verify
out_has "0 errors, 0 warnings"
rm -rf "$R/.git/claimlog/text"
cl -C "$R" search "withdrawn"
out_has "widget-review"

# A longer PDF: every page's header and footer go.
"$MKPDF" bench "$P/long.pdf" 40 || fail "mkpdf bench"
cl -C "$R" source add "$P/long.pdf" --id long --title "Forty pages"
out_has "40 pages"
rm -rf "$R/.git/claimlog/text"
cl -C "$R" source text long
[ "$(tr -cd '\f' < "$TMP/out" | wc -c)" = 39 ] || fail "not 40 pages"
grep -q "Widget Safety Review 2024" "$TMP/out" && fail "running header kept in the long PDF"
grep -q "Page [0-9]* of 40" "$TMP/out" && fail "running footer kept in the long PDF"
grep -q "that in and and 1.0" "$TMP/out" || fail "the long PDF lacks a line of its right column"
# Its pages are read on one thread per processor: on one, the same text.
cp "$TMP/out" "$TMP/long-threads"
if command -v taskset >/dev/null 2>&1; then
	rm -rf "$R/.git/claimlog/text"
	run 0 taskset -c 0 "$CLAIMLOG" -C "$R" source text long
	cmp -s "$TMP/out" "$TMP/long-threads" || fail "one thread and several give different text"
fi

# --external keeps the hash only; the copy is found in --snapshots.
cl -C "$R" source add "$P/report.pdf" --id widget-review-ext --title "Widget Safety Review" \
	--external
out_has "external snapshot, 4 pages"
cl -C "$R" path widget-review-ext
[ -e "$R/$(dirname "$(cat "$TMP/out")")/widget-review-ext.pdf" ] && fail "--external kept the PDF"
run 2 "$CLAIMLOG" -C "$R" source text widget-review-ext
err_has "no copy of the snapshot of source 'widget-review-ext'"
cl -C "$R" --snapshots "$P" source text widget-review-ext --page 3
out_has "bridge widget was unsafe"

# --media-type application/pdf for a file whose name does not say it.
cp "$P/report.pdf" "$P/report.bin"
cl -C "$R" source add "$P/report.bin" --id widget-bin --title "Widget Safety Review" \
	--media-type application/pdf
out_has "4 pages"
# ... and without it: a file that starts with %PDF- is a PDF.
cp "$P/report.pdf" "$P/report-copy"
cl -C "$R" source add "$P/report-copy" --id widget-noext --title "Widget Safety Review"
out_has "4 pages"

# Refused, with a message that says what to do, and nothing written.
refused() {
	before=$(state "$R")
	G_MESSAGES_DEBUG=all run 2 "$CLAIMLOG" -C "$R" source add "$1" --id refused --title T
	err_has "$2"
	[ "$(wc -l < "$TMP/err")" = 1 ] || fail "more than one line on stderr for $1"
	unchanged "$R" "$before"
}
refused "$P/scan.pdf" "PDF has no text: it looks like a scan; run OCR first, e.g. ocrmypdf"
head -c 6000 "$P/report.pdf" > "$P/truncated.pdf"
refused "$P/truncated.pdf" "PDF is truncated"
{ head -c 6000 "$P/report.pdf"; printf '\n%%%%EOF\n'; } > "$P/broken.pdf"
refused "$P/broken.pdf" "PDF is broken and cannot be read"
printf 'not a PDF at all\n%%%%EOF\n' > "$P/fake.pdf"
refused "$P/fake.pdf" "not a PDF"
"$MKPDF" blank "$P/blank.pdf" 10001 || fail "mkpdf blank"
refused "$P/blank.pdf" "PDF has 10001 pages, more than the limit of 10000"
if command -v qpdf >/dev/null 2>&1; then
	qpdf --encrypt user owner 256 -- "$P/report.pdf" "$P/encrypted.pdf" ||
		fail "qpdf --encrypt"
	refused "$P/encrypted.pdf" "PDF is encrypted and needs a password"
	# Encrypted for permissions only, with an empty user password: readable.
	qpdf --encrypt "" owner 256 -- "$P/report.pdf" "$P/owner-only.pdf"
	cl -C "$R" source add "$P/owner-only.pdf" --id widget-owner --title T
	out_has "4 pages"
else
	echo "note: qpdf is absent (make test installs it); encrypted PDFs not tried"
fi

# poppler's own messages never reach the terminal: a content stream with
# unknown operators and a cross-reference table that is wrong.
{
	printf '%%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n'
	printf '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n'
	printf '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] '
	printf '/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n'
	printf '4 0 obj\n<< /Length 66 >>\nstream\n'
	printf 'BT /F1 12 Tf 20 200 Td (Hello from a noisy page) Tj ET foo bar 1 qq\n'
	printf 'endstream\nendobj\n'
	printf '5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n'
	printf 'xref\n0 6\n0000000000 65535 f \n0000000099 00000 n \n'
	printf 'trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n12\n%%%%EOF\n'
} > "$P/noisy.pdf"
G_MESSAGES_DEBUG=all run 0 "$CLAIMLOG" -C "$R" source add "$P/noisy.pdf" --id noisy --title N
[ -s "$TMP/err" ] && fail "poppler printed on stderr"
cl -C "$R" source text noisy
out_has "Hello from a noisy page"
exit 0
