#!/bin/sh
# Report: the pages, their links, contested claims first, quotes in
# context, escaping, no external assets, and the folder it refuses.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/export-repo.sh"
cl -C "$R" claim add --id hostile --source harbour-report \
	--statement 'A <script>alert("x")</script> & <img src=https://evil.example/x.png> claim' \
	--quote "Some observers are said to doubt these figures" --attribution hedged
cl -C "$R" conflict resolve boats-delivered boats-three --prefer boats-delivered \
	--rationale "The authority's report is primary."
# Whatever a resolution does to the statuses, set the ones this test reads.
cl -C "$R" claim set boats-delivered status supported
"$CLAIMLOG" -C "$R" claim set boats-three status contested >/dev/null || fail "claim set status"
before=$(state "$R")

cl -C "$R" report -o "$TMP/site" --title "Harbour claims"
out_has "wrote 8 pages to $TMP/site/index.html"
for p in index.html claims/boats-delivered.html claims/boats-three.html claims/hostile.html \
	claims/advance-payment.html claims/boats-double-capacity.html \
	sources/harbour-report.html sources/harbour-news.html; do
	[ -s "$TMP/site/$p" ] || fail "no page $p"
done
# Every element that is opened is closed, in order (HTML5 void elements aside).
python3 - "$TMP/site" <<'PY' || fail "a page has unbalanced tags"
import html.parser, pathlib, sys
VOID = {"meta", "br", "img", "link", "input", "hr", "path", "rect"}
class Check(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        pass
    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()
for f in pathlib.Path(sys.argv[1]).rglob("*.html"):
    c = Check()
    c.feed(f.read_text(encoding="utf-8"))
    assert not c.stack, (str(f), c.stack)
PY
unchanged "$R" "$before"

# The overview: counts, and contested claims before the others.
I=$TMP/site/index.html
contains "$I" "<h1>Harbour claims</h1>"
contains "$I" "<li><b>5</b> claims</li>"
contains "$I" "<li><b>1</b> contested</li>"
contains "$I" "<li><b>1</b> resolved conflicts</li>"
contains "$I" "<li><b>1</b> fact-checked</li>"
c=$(grep -n 'href="claims/boats-three.html"' "$I" | cut -d: -f1)
o=$(grep -n 'id="claims"' "$I" | cut -d: -f1)
[ "$c" -lt "$o" ] || fail "the contested claim is not listed first"

# A claim page: the quote in its context, the chain, the conflict, the graph, history.
P=$TMP/site/claims/boats-double-capacity.html
contains "$P" 'transport, Ana Petrović, said:'
contains "$P" '<mark>“These boats double our capacity to patrol the northern coast.”</mark>'
contains "$P" '<li>said by Ana Petrović</li>'
contains "$P" '<svg class="graph"'
contains "$P" 'History</h2>'
contains "$P" 'claim add boats-double-capacity'
P=$TMP/site/claims/advance-payment.html
contains "$P" '<li>origin: Ministry of Transport press release, 2021-03-15'
P=$TMP/site/claims/boats-three.html
contains "$P" 'Fact-check: <strong>Mostly false</strong> (2 on a scale from 1 to 5)'
contains "$P" '<code>boats-delivered</code> is preferred by Test Author &lt;author@example.org&gt;'
contains "$P" "The authority&#39;s report is primary."
contains "$P" 'Other claims about the patrol boats delivered of Ruritanian coast guard'
contains "$P" '1 quote disputes it.'
contains "$P" 'conflict add boats-delivered boats-three'
contains "$TMP/site/claims/boats-delivered.html" 'conflict resolve boats-delivered boats-three'

# Everything from the repository is escaped; nothing is loaded from anywhere.
P=$TMP/site/claims/hostile.html
contains "$P" 'A &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=https://evil.example/x.png&gt; claim'
for f in "$TMP/site/index.html" "$TMP/site"/claims/*.html "$TMP/site"/sources/*.html; do
	lacks "$f" "<script"
	lacks "$f" "<img"
	lacks "$f" "<link"
	! grep -qE '(src|href)="(https?:)?//' "$f" || grep -qE 'href="https://(factcheck|fc)\.example' "$f" ||
		fail "$f refers to another site"
	contains "$f" "default-src 'none'"
done
# Relative links all lead to pages that exist.
( cd "$TMP/site" && for f in index.html claims/*.html sources/*.html; do
	grep -oE 'href="[^"#:]+\.html"' "$f" | sed 's/href="//; s/"$//' | while read -r l; do
		[ -f "$(dirname "$f")/$l" ] || { echo "$f: $l"; exit 1; }
	done || exit 1
done ) || fail "a link leads nowhere"

# An older revision, and writing over an earlier report.
cl -C "$R" report -o "$TMP/site" --rev HEAD~14
out_has "wrote 4 pages"
[ ! -f "$TMP/site/claims/hostile.html" ] || fail "a page of the earlier report was left"
contains "$TMP/site/index.html" "revision <code>HEAD~14</code>"

# A folder with other files is refused, and nothing is written.
mkdir "$TMP/mine" && echo keep > "$TMP/mine/notes.txt"
run 2 "$CLAIMLOG" -C "$R" report -o "$TMP/mine"
err_has "holds files that are not a claimlog report; give an empty or new folder"
[ "$(ls "$TMP/mine")" = notes.txt ] || fail "the report wrote into a foreign folder"
run 2 "$CLAIMLOG" -C "$R" report
err_has "report needs -o DIR"
run 2 "$CLAIMLOG" -C "$R" report -o "$TMP/x" --rev nowhere
err_has "unknown revision 'nowhere'"
[ ! -e "$TMP/x" ] || fail "a failed report left a folder"
unchanged "$R" "$before"
exit 0
