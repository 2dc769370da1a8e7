#!/bin/sh
# Inputs shaped to be slow are read in bounded time (each within a generous
# 'timeout 10'; the benchmark in tests/bench/parse.sh measures them), a file
# over a cap gets a clear error and changes nothing, and HTML text is what a
# reader of the page saw: deep nesting refused rather than text lost
# (CL031 for a stored snapshot), hidden text not quotable (CL032).
. "$TOP/tests/cli/lib.sh"
command -v timeout >/dev/null || { echo "timeout is not installed"; exit 77; }
make_repo
T="timeout 10"

# entities.xml with 2,000 entities x 12 aliases (26k names), in reverse
# order: each read took two minutes.
awk 'BEGIN { print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"; print "<entities>"
	for (i = 1999; i >= 0; i--) {
		printf "<entity name=\"Place %04d\">", i
		for (k = 0; k < 12; k++) printf "<alias>P%d-%04d</alias>", k, i
		print "</entity>" }
	print "</entities>" }' > "$R/entities.xml"
git -C "$R" add entities.xml && git -C "$R" commit -qm "a gazetteer" || fail "commit"
run 0 $T "$CLAIMLOG" -C "$R" entity list
[ "$(wc -l < "$TMP/out")" = 2000 ] || fail "entity list: not 2000 entities"
head -1 "$TMP/out" | grep -q "^Place 0000" || fail "entity list: not sorted"
run 0 $T "$CLAIMLOG" -C "$R" entity add "Place 2000" --alias "P0-2000"
run 2 $T "$CLAIMLOG" -C "$R" entity add "Place 2001" --alias "p11-1234"
err_has "'p11-1234' already names the entity 'Place 1234'"
run 0 $T "$CLAIMLOG" -C "$R" verify

# A claim file with 50,000 attributes on one element (21 s a read): refused
# before libxml2 reads it, with the file and line.
cl -C "$R" claim add --id base --statement "The base claim." --source harbour-report \
	--quote "four patrol boats"
p=$(cd "$R" && "$CLAIMLOG" path base)
cp "$R/$p" "$TMP/base.xml"
awk 'BEGIN { print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	printf "<claim id=\"base\""; for (i = 0; i < 50000; i++) printf " a%d=\"1\"", i
	print "><statement>s</statement></claim>" }' > "$R/$p"
run 2 $T "$CLAIMLOG" -C "$R" show base
err_has "$p:2: an element has 50001 attributes; the limit is 32"
run 1 $T "$CLAIMLOG" -C "$R" verify
out_has "an element has 50001 attributes"
cp "$TMP/base.xml" "$R/$p"

# HTML: 100,000 attributes on one element (over two minutes) is refused at
# once, 254 elements in html and body (256 levels) are read to the last
# word, 140 unclosed <div><font> pairs are refused rather than read without
# their last sentence.  Nothing changes when a source is refused.
awk 'BEGIN { printf "<html><body><p"; for (i = 0; i < 100000; i++) printf " a%d=1", i
	print ">Text.</p></body></html>" }' > "$TMP/attrs.html"
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 254; i++) printf "<div>"
	printf "The deepest sentence."; for (i = 0; i < 254; i++) printf "</div>"
	print "</body></html>" }' > "$TMP/deep256.html"
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 140; i++) printf "<div><font>"
	print "<p>The last sentence.</p></body></html>" }' > "$TMP/deep.html"
before=$(state "$R")
run 2 $T "$CLAIMLOG" -C "$R" source add "$TMP/attrs.html" --id attrs --title "Attributes"
err_has "snapshot '$TMP/attrs.html': line 1: an HTML element has 100000 attributes; the limit is 256"
run 2 $T "$CLAIMLOG" -C "$R" source add "$TMP/deep.html" --id deep --title "Deep"
err_has "HTML elements nested more than 256 deep"
unchanged "$R" "$before"
run 0 $T "$CLAIMLOG" -C "$R" source add "$TMP/deep256.html" --id deep256 --title "Deep"
cl -C "$R" claim add --id deepest --statement "Deep." --source deep256 \
	--quote "The deepest sentence."

# A stored snapshot that has become too deep (arriving by pull, say): a
# verify finding, CL031, not a quote silently not found.
sp=$(cd "$R" && "$CLAIMLOG" path deep256)
snap=$(dirname "$R/$sp")/deep256.html
cp "$TMP/deep.html" "$snap"
sum=$(sha256sum "$snap" | cut -c1-64)
size=$(wc -c < "$snap" | tr -d ' ')
sed -i "s/sha256=\"[0-9a-f]*\" size=\"[0-9]*\"/sha256=\"$sum\" size=\"$size\"/" "$R/$sp"
run 1 $T "$CLAIMLOG" -C "$R" verify
out_has "error CL031 snapshot-unreadable: snapshot of source 'deep256' cannot be read:"
out_has "HTML elements nested more than 256 deep"
out_has "its quotes were not checked"
lacks "$TMP/out" "CL007"
git -C "$R" checkout -q -- . || fail "checkout"

# Hidden text: the sentence a reader saw can be quoted, the one with the
# hidden word cannot; a quote that matches only with hidden text is CL032.
printf '%s\n' '<html><body><p>Visible <span style="display:none">NOT </span>sentence four.</p>' \
	'<p>Second <span hidden>SECRET </span>line <span aria-hidden="true">ARIA </span>here.</p>' \
	'<div style="Visibility : hidden !important">Ghost text.</div></body></html>' > "$TMP/hidden.html"
cl -C "$R" source add "$TMP/hidden.html" --id hidden --title "Hidden"
cl -C "$R" claim add --id seen --statement "Seen." --source hidden --quote "Visible sentence four."
cl -C "$R" evidence add seen --source hidden --quote "Second line here."
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" claim add --id unseen --statement "Unseen." --source hidden \
	--quote "Visible NOT sentence four."
err_has "quote not found in source 'hidden'"
run 2 "$CLAIMLOG" -C "$R" evidence add seen --source hidden --quote "Ghost text."
err_has "quote not found in source 'hidden'"
unchanged "$R" "$before"
cl -C "$R" verify
p=$(cd "$R" && "$CLAIMLOG" path seen)
sed -i 's|<quote>Visible sentence four.</quote>|<quote>Visible NOT sentence four.</quote>|' "$R/$p"
run 1 "$CLAIMLOG" -C "$R" verify
out_has "error CL032 quote-in-hidden-text: quote from 'hidden' matches only with text the page hides from readers"
out_has '"Visible NOT sentence four." (quote what a reader of the page sees)'
lacks "$TMP/out" "CL008"
# A quote found nowhere, hidden or not, is still CL008.
sed -i 's|<quote>Visible NOT sentence four.</quote>|<quote>Invisible sentence five.</quote>|' "$R/$p"
run 1 "$CLAIMLOG" -C "$R" verify
out_has "CL008 quote-not-found"
lacks "$TMP/out" "CL032"

# BibTeX: @string macros that double at each step (900 bytes took 57 s and
# 8.9 GB) stop at 64 KiB a value; a file's expansions stop at 8 MiB in all;
# 20,000 macros with 20,000 references are looked up by hash.
awk 'BEGIN { print "@string{m0 = \"xxxxxxxxxxxxxxxx\"}"
	for (i = 1; i < 40; i++) printf "@string{m%d = m%d # m%d}\n", i, i - 1, i - 1
	print "@article{k1, title = m39, author = {A. Author}, year = 2020}" }' > "$TMP/nested.bib"
awk 'BEGIN { printf "@string{big = \""; for (i = 0; i < 4096; i++) printf "0123456789abcdef"
	print "\"}"
	for (i = 0; i < 200; i++) printf "@misc{b%d, title = big, author = {A}, year = 2020}\n", i }' \
	> "$TMP/budget.bib"
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "@string{s%d = \"w%d \"}\n", i, i
	for (i = 0; i < 2000; i++) { printf "@misc{k%d, title = ", i
		for (j = 0; j < 10; j++) printf "%ss%d", j ? " # " : "", (i * 7 + j) % 20000
		print ", author = {A}, year = 2020}" } }' > "$TMP/many.bib"
before=$(state "$R")
run 2 $T "$CLAIMLOG" -C "$R" import --dry-run "$TMP/nested.bib"
err_has "nested.bib:14: @string: a value is longer than 65536 bytes (the limit), with @string macros expanded"
run 2 $T "$CLAIMLOG" -C "$R" import "$TMP/nested.bib"
err_has "a value is longer than 65536 bytes"
run 2 $T "$CLAIMLOG" -C "$R" import "$TMP/budget.bib"
err_has "@string macros expand to more than 8 MiB in this file (the limit)"
unchanged "$R" "$before"
run 0 $T "$CLAIMLOG" -C "$R" import --dry-run "$TMP/many.bib"
out_has "would import 2000 sources"

# LaTeX nested to the 64 KiB value cap: 7,000 \bar{ doubled the title at
# each level (27 s and 2 GB before), 7,000 \emph{ read each group again.
for cmd in bar emph; do
	awk -v c="$cmd" 'BEGIN { printf "@misc{deep, title = {$"
		for (i = 0; i < 7000; i++) printf "\\%s{", c
		printf "x"; for (i = 0; i < 7000; i++) printf "}"
		print "$}, year = 2020}" }' > "$TMP/$cmd.bib"
	run 2 $T "$CLAIMLOG" -C "$R" import "$TMP/$cmd.bib"
	err_has "$cmd.bib:1: BibTeX entry 'deep': LaTeX commands nested more than 32 deep (the limit)"
done
unchanged "$R" "$before"
exit 0
