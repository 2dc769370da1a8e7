#!/bin/sh
# A Web Annotation's TextQuoteSelector carries the source's characters: an
# evidence entry's own prefix and suffix, typed with straight quotes and
# one space, are exported as the source has them (curly quotes, the blank
# line), so that prefix, exact and suffix follow one another in the source.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
R=$TMP/repo
cl init "$R"
cl -C "$R" source add "$FIX/port-quotes.txt" --id port --title "Port of Valdoria: traffic in 2021" \
	--published 2022-01 --url "https://port.example/traffic-2021"
# The quote is in the text twice; the context typed by hand picks the first.
cl -C "$R" claim add --id traffic-grew --statement "Container traffic grew by a fifth in 2021." \
	--source port --quote "Container traffic grew by a fifth," \
	--prefix '110 "' --suffix '" said the harbour'
cl -C "$R" verify --format json
jq -e '[.findings[] | select(.rule == "CL009" or .rule == "CL008")] | length == 0' "$TMP/out" >/dev/null ||
	fail "the context does not pick the quote"
cl -C "$R" export --format annotation -o "$TMP/anno.json"
jq -r '.[0].target.selector[] | select(.type == "TextQuoteSelector") | .prefix' "$TMP/anno.json" > "$TMP/prefix"
jq -r '.[0].target.selector[] | select(.type == "TextQuoteSelector") | .suffix' "$TMP/anno.json" > "$TMP/suffix"
jq -r '.[0].target.selector[] | select(.type == "TextQuoteSelector") | .exact' "$TMP/anno.json" > "$TMP/exact"
printf '110\n\n\342\200\234\n' > "$TMP/want-prefix"
printf '\342\200\235 said the harbour\n' > "$TMP/want-suffix"
cmp -s "$TMP/prefix" "$TMP/want-prefix" || fail "prefix is '$(cat "$TMP/prefix")', not the source's '110\\n\\n“'"
cmp -s "$TMP/suffix" "$TMP/want-suffix" || fail "suffix is '$(cat "$TMP/suffix")', not the source's '” said the harbour'"
[ "$(cat "$TMP/exact")" = "Container traffic grew by a fifth," ] || fail "exact: $(cat "$TMP/exact")"
# prefix + exact + suffix is one stretch of the source, at the position given.
python3 - "$TMP/anno.json" "$FIX/port-quotes.txt" <<'PY' || fail "the selectors do not follow one another in the source"
import json, sys
anno = json.load(open(sys.argv[1], encoding="utf-8"))[0]
text = open(sys.argv[2], encoding="utf-8").read()
sel = {s["type"]: s for s in anno["target"]["selector"]}
q, pos = sel["TextQuoteSelector"], sel["TextPositionSelector"]
whole = q["prefix"] + q["exact"] + q["suffix"]
at = text.find(whole)
assert at >= 0, whole
assert text.find(whole, at + 1) < 0
assert at + len(q["prefix"]) == pos["start"], (at, pos)
assert text[pos["start"]:pos["end"]] == q["exact"]
PY
# The evidence itself keeps what was typed: JSON Lines and CSV export it as given.
cl -C "$R" export --format jsonl
jq -e '.evidence[0].prefix == "110 \"" and .evidence[0].suffix == "\" said the harbour"' "$TMP/out" >/dev/null ||
	fail "jsonl changed the evidence's own context"

# The second place, picked by its own context, and with its own characters.
cl -C "$R" claim add --id headline --statement "The report's headline was the growth." \
	--source port --quote "Container traffic grew by a fifth," \
	--prefix 'the port counted 98 ships, and "' --suffix '" was the headline'
cl -C "$R" export --format annotation -o "$TMP/anno.json" headline
jq -r '.[0].target.selector[] | select(.type == "TextQuoteSelector") | .prefix' "$TMP/anno.json" > "$TMP/prefix"
jq -r '.[0].target.selector[] | select(.type == "TextQuoteSelector") | .suffix' "$TMP/anno.json" > "$TMP/suffix"
printf 'the port counted 98 ships, and \342\200\234\n' > "$TMP/want-prefix"
printf '\342\200\235 was\nthe headline\n' > "$TMP/want-suffix"
cmp -s "$TMP/prefix" "$TMP/want-prefix" || fail "second prefix: $(cat "$TMP/prefix")"
cmp -s "$TMP/suffix" "$TMP/want-suffix" || fail "second suffix: $(cat "$TMP/suffix")"
exit 0
