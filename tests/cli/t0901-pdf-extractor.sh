#!/bin/sh
# CL034 extractor-changed (issue 15): a quote of a PDF source that is not
# found, when the source was recorded with another version of poppler than
# the one running, is reported as such rather than as a plain CL008; a quote
# that is found is fine whatever the version; turned off, CL008 stands.
. "$TOP/tests/cli/lib.sh"
MKPDF=$(dirname "$CLAIMLOG")/tests/mkpdf
[ -x "$MKPDF" ] || { echo "skip: $MKPDF is not built (make units builds it)"; exit 77; }
"$MKPDF" report "$TMP/report.pdf" || fail "mkpdf report"
R=$TMP/repo
cl init "$R"
cl -C "$R" source add "$TMP/report.pdf" --id widget-review --title "Widget Safety Review"
cl -C "$R" claim add --id widget-unsafe --statement "The bridge widget is unsafe." \
	--source widget-review --quote "the bridge widget was unsafe for heavy loads"
cl -C "$R" path widget-review
src=$R/$(cat "$TMP/out")
cl -C "$R" path widget-unsafe
claim=$R/$(cat "$TMP/out")
now=$(sed -n 's/.*<extractor name="poppler" version="\([^"]*\)".*/\1/p' "$src")
[ -n "$now" ] || fail "the record names no poppler version"

commit() { git -C "$R" commit -qam "$1" || fail "git commit: $1"; }

# Recorded with a made-up older version: a quote that is found is fine.
sed -i "s/version=\"$now\"/version=\"0.1.0\"/" "$src"
commit "as if recorded with poppler 0.1.0"
cl -C "$R" verify
out_has "0 errors, 0 warnings"

# A quote that is not in the text: CL034 names both versions, not CL008.
sed -i 's/was unsafe for heavy loads/was perfectly safe/' "$claim"
commit "a quote the text does not hold"
run 1 "$CLAIMLOG" -C "$R" verify
out_has "error CL034 extractor-changed: quote not found in source 'widget-review' as poppler $now gives its text; the source was recorded with poppler 0.1.0, whose text may differ"
out_has "claimlog source text widget-review"
lacks "$TMP/out" "CL008"
run 1 "$CLAIMLOG" -C "$R" verify --format json
grep -q '"rule": *"CL034"' "$TMP/out" || fail "JSON lacks CL034"

# Turned off, the quote is still not found: CL008.
git -C "$R" config claimlog.rule.CL034 off
run 1 "$CLAIMLOG" -C "$R" verify
out_has "error CL008 quote-not-found: quote not found in source 'widget-review'"
git -C "$R" config --unset claimlog.rule.CL034

# Recorded with this version: a plain CL008.
sed -i "s/version=\"0.1.0\"/version=\"$now\"/" "$src"
commit "recorded with this poppler"
run 1 "$CLAIMLOG" -C "$R" verify
out_has "error CL008 quote-not-found"
lacks "$TMP/out" "CL034"

# Another extractor's name counts as a change too.
sed -i 's/<extractor name="poppler"/<extractor name="pdfminer"/' "$src"
commit "recorded with another extractor"
run 1 "$CLAIMLOG" -C "$R" verify
out_has "the source was recorded with pdfminer $now"
exit 0
