#!/bin/sh
# Report in a real browser: every page loads in headless Chromium without
# a console message, its content renders, the Content Security Policy
# blocks what a hostile page would load, and a phone-sized screenshot is
# taken.  Skips when Chromium is not installed (apt-get install chromium).
. "$TOP/tests/cli/lib.sh"
BROWSER=$(command -v chromium || command -v chromium-browser) || {
	echo "chromium is not installed (apt-get install chromium); the report was not rendered"
	exit 77
}
. "$TOP/tests/cli/export-repo.sh"
cl -C "$R" report -o "$TMP/site"

# browse URL OUT [ARGS]: the DOM to OUT, the browser's log to OUT.log.
browse() {
	url=$1 out=$2; shift 2
	timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$TMP/profile" --enable-logging=stderr \
		--v=0 --hide-scrollbars "$@" "$url" >"$out" 2>"$out.log" ||
		fail "$BROWSER failed on $url: $(tail -5 "$out.log")"
}

# One browser loads every page in a frame of its own; its log names the
# page of each console message.  Two pages of the test's own make sure
# that the check sees a console error and the policy's refusal.
printf '<!DOCTYPE html><html><body><p>x</p><script>nosuchfunction();</script></body></html>' \
	> "$TMP/broken.html"
sed 's|<main id="main" tabindex="-1">|&<img src="https://example.invalid/x.png" alt="">|' \
	"$TMP/site/index.html" > "$TMP/site/hostile.html"
pages=0
{ echo '<!DOCTYPE html><html><body>'
  for p in "$TMP/broken.html" "$TMP/site/hostile.html" "$TMP/site/index.html" \
	"$TMP/site"/claims/*.html "$TMP/site"/sources/*.html; do
	echo "<iframe src=\"file://$p\" width=\"400\" height=\"300\"></iframe>"
	pages=$((pages + 1))
  done
  echo '</body></html>'; } > "$TMP/all.html"
[ $pages = 9 ] || fail "expected 7 pages of the report, found $((pages - 2))"
browse "file://$TMP/all.html" "$TMP/all.dom" --dump-dom
grep 'CONSOLE' "$TMP/all.dom.log" > "$TMP/console" || true
grep -q "Uncaught ReferenceError.*source: file://$TMP/broken.html" "$TMP/console" ||
	fail "console errors are not seen: $(cat "$TMP/all.dom.log")"
grep -q "https://example.invalid/x.png.*Content Security Policy.*source: file://$TMP/site/hostile.html" \
	"$TMP/console" || fail "the Content Security Policy does not block remote images"
! grep -v "source: file://$TMP/broken.html\|source: file://$TMP/site/hostile.html" "$TMP/console" ||
	fail "a page of the report logged to the console"
rm "$TMP/site/hostile.html"

# A page as the browser renders it: the quote, the graph, the keyboard's way in.
browse "file://$TMP/site/claims/boats-double-capacity.html" "$TMP/dom" --dump-dom
! grep -q 'CONSOLE' "$TMP/dom.log" || fail "$(grep CONSOLE "$TMP/dom.log")"
contains "$TMP/dom" '<mark>“These boats double our capacity to patrol the northern coast.”</mark>'
contains "$TMP/dom" '<svg class="graph"'
contains "$TMP/dom" '<a class="skip" href="#main">Skip to the content</a>'
contains "$TMP/dom" '<main id="main" tabindex="-1">'
! grep -qE 'tabindex="[1-9]' "$TMP/site/index.html" "$TMP/site"/*/*.html ||
	fail "a positive tabindex breaks the tab order"

# Screenshots at a phone's size: the overview and a claim.
for p in index claims/boats-three; do
	browse "file://$TMP/site/$p.html" "$TMP/shot.out" --window-size=412,915 \
		--screenshot="$TMP/shot.png"
	python3 - "$TMP/shot.png" <<'PY' || fail "no screenshot of $p"
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (412, 915), (w, h)
assert len(data) > 5000, len(data)
PY
done
exit 0
