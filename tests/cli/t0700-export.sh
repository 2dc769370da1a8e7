#!/bin/sh
# Export: PROV-XML against the official prov.xsd, PROV-N, ClaimReview with
# Google's required and recommended fields, Web Annotation selectors that
# point at the quote, CSV (RFC 4180) and JSON Lines validity, DOT, --rev,
# and the errors.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/export-repo.sh"
STD=$TOP/../shared/standards
# A statement that needs CSV quoting: a comma, a quote, a line break.
cl -C "$R" claim add --id quoting --source harbour-report \
	--statement 'The report says "12 percent", not 15,
and repeats it.' --quote "Container traffic grew by 12 percent in 2021"
before=$(state "$R")

# PROV-XML: well-formed, the expected entities and relations, and valid.
cl -C "$R" export --format prov-xml -o "$TMP/prov.xml"
xmllint --noout --nonet "$TMP/prov.xml" || fail "PROV-XML is not well-formed"
contains "$TMP/prov.xml" '<prov:entity prov:id="repo:claim-boats-three">'
contains "$TMP/prov.xml" '<prov:agent prov:id="repo:agent-ana-petrovic">'
contains "$TMP/prov.xml" '<prov:entity prov:id="repo:cite-harbour-report-fn1">'
contains "$TMP/prov.xml" '<prov:influencer prov:ref="repo:evidence-boats-three-2"/>'
contains "$TMP/prov.xml" '<prov:type xsi:type="xsd:QName">clg:Disputes</prov:type>'
[ "$(grep -c '<prov:wasQuotedFrom>' "$TMP/prov.xml")" = 7 ] || fail "expected 7 quotations"
if [ -f "$STD/prov/schemas/prov.xsd" ]; then
	xmllint --noout --nonet --schema "$STD/prov/schemas/prov.xsd" "$TMP/prov.xml" \
		2>"$TMP/xsd" || { cat "$TMP/xsd"; fail "PROV-XML does not validate against prov.xsd"; }
	# The validator does refuse what is not PROV.
	sed 's/<prov:generatedEntity /<prov:entity /' "$TMP/prov.xml" > "$TMP/bad.xml"
	! xmllint --noout --nonet --schema "$STD/prov/schemas/prov.xsd" "$TMP/bad.xml" 2>/dev/null ||
		fail "prov.xsd accepted a broken document"
else
	echo "note: $STD is absent; PROV-XML was not validated against prov.xsd"
fi
cl -C "$R" export --format prov-xml --base "https://fc.example/claims/" boats-three
out_has 'xmlns:repo="https://fc.example/claims/"'
lacks "$TMP/out" 'claim-advance-payment'

# PROV-N: one document; every identifier a relation uses is declared.
cl -C "$R" export --format prov-n -o "$TMP/prov.provn"
head -1 "$TMP/prov.provn" | grep -qx document || fail "PROV-N does not start with document"
tail -1 "$TMP/prov.provn" | grep -qx endDocument || fail "PROV-N does not end with endDocument"
contains "$TMP/prov.provn" 'wasDerivedFrom(repo:claim-boats-delivered, repo:evidence-boats-delivered-1, [prov:type='"'"'clg:Supports'"'"'])'
contains "$TMP/prov.provn" 'prov:label="The report says \"12 percent\", not 15,\nand repeats it."'
grep -oE '^  (was[A-Za-z]+|hadPrimarySource)\(repo:[^,]+, repo:[^,)]+' "$TMP/prov.provn" |
	sed 's/^[^(]*(//; s/, /\n/' | sort -u > "$TMP/used"
grep -oE '^  (entity|agent)\(repo:[^,)]+' "$TMP/prov.provn" | sed 's/^[^(]*(//' | sort -u > "$TMP/declared"
[ -s "$TMP/used" ] || fail "no relations in PROV-N"
[ -z "$(comm -23 "$TMP/used" "$TMP/declared")" ] || fail "undeclared: $(comm -23 "$TMP/used" "$TMP/declared")"

# ClaimReview: the fields Google requires and recommends, like the schema.org example.
cl -C "$R" export --format claimreview -o "$TMP/cr.json"
jq -e 'length == 1 and (.[0] | ."@context" == "https://schema.org" and ."@type" == "ClaimReview"
	and .claimReviewed == "Three patrol boats arrived in April 2021."
	and .url == "https://factcheck.example/boats-three"
	and .reviewRating.alternateName == "Mostly false" and .reviewRating.ratingValue == 2
	and .reviewRating.bestRating == 5 and .reviewRating.worstRating == 1
	and .author.name == "Harbour Fact Check" and .datePublished == "2021-05-02"
	and .itemReviewed."@type" == "Claim" and .itemReviewed.datePublished == "2021-04-20"
	and (.itemReviewed.appearance | length) == 1
	and .itemReviewed.firstAppearance.name == "Coast guard gets new boats")' "$TMP/cr.json" \
	>/dev/null || fail "ClaimReview lacks a required or recommended field"
if [ -f "$STD/claimreview/eg-0324.jsonld" ]; then
	# Every top-level field of the complete example but the optional ones is there.
	jq -r 'keys[]' "$STD/claimreview/eg-0324.jsonld" | grep -vx image > "$TMP/want"
	jq -r '.[0] | keys[]' "$TMP/cr.json" > "$TMP/have"
	[ -z "$(comm -23 "$TMP/want" "$TMP/have")" ] || fail "ClaimReview lacks $(comm -23 "$TMP/want" "$TMP/have")"
fi
# A claim with a speaker has it as the claim's author.
cl -C "$R" claim set boats-double-capacity verdict True
cl -C "$R" claim set boats-double-capacity review-url https://fc.example/capacity
cl -C "$R" export --format claimreview boats-double-capacity
jq -e '.[0].itemReviewed.author == {"@type": "Person", "name": "Ana Petrović"}' "$TMP/out" \
	>/dev/null || fail "the speaker is not the claim's author"
before=$(state "$R")

# Web Annotation: one per quote, with both selectors pointing at the quote.
cl -C "$R" export --format annotation -o "$TMP/anno.json"
jq -e 'length == 7 and all(.[]; ."@context" == "http://www.w3.org/ns/anno.jsonld"
	and .type == "Annotation" and .motivation == "linking"
	and (.target.selector | map(.type) == ["TextQuoteSelector", "TextPositionSelector"]))' \
	"$TMP/anno.json" >/dev/null || fail "annotations lack their selectors"
python3 - "$TMP/anno.json" "$FIX/harbour-report.txt" "$STD/web-annotation/context/anno.jsonld" <<'PY' || fail "a TextPositionSelector misses its quote"
import json, os, sys
annos = json.load(open(sys.argv[1]))
text = open(sys.argv[2], encoding="utf-8").read()
checked = 0
for a in annos:
    if a["target"]["source"] != "urn:claimlog:source-harbour-report":
        continue
    q, p = a["target"]["selector"]
    assert text[p["start"]:p["end"]] == q["exact"], (p, q["exact"])
    assert text[:p["start"]].endswith(q["prefix"]) and text[p["end"]:].startswith(q["suffix"])
    checked += 1
assert checked == 5, checked
# Every term used is defined by the W3C context.
if os.path.exists(sys.argv[3]):
    ctx = json.load(open(sys.argv[3]))["@context"]
    def terms(v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k != "@context":
                    yield k
                    if k in ("type", "motivation", "purpose"):
                        yield x
                    yield from terms(x)
        elif isinstance(v, list):
            for x in v:
                yield from terms(x)
    missing = {t for t in terms(annos) if t not in ctx}
    assert not missing, missing
PY
jq -e '.[] | select(.id == "urn:claimlog:evidence-boats-double-capacity-1") |
	.target.selector[0].exact == "“These boats double our capacity to patrol the northern coast.”"' \
	"$TMP/anno.json" >/dev/null || fail "a normalized match does not give the source's own text"
# Without a copy of the snapshot: the quote selector only, and a note.
rm "$R"/sources/*/harbour-news.html
cl -C "$R" export --format annotation boats-three
err_has "1 source or snapshot could not be read"
jq -e '[.[] | .target.selector | length] == [1, 2]' "$TMP/out" >/dev/null ||
	fail "a quote without a snapshot should have only its TextQuoteSelector"
git -C "$R" checkout -q -- sources

# CSV: RFC 4180, one row per evidence entry, read back by Python's csv.
cl -C "$R" export --format csv -o "$TMP/claims.csv"
python3 - "$TMP/claims.csv" <<'PY' || fail "CSV is not RFC 4180 or lacks rows"
import csv, sys
raw = open(sys.argv[1], "rb").read()
# Records end in CRLF; the one bare LF is inside the quoted statement.
assert raw.count(b"\r\n") == 8 and raw.count(b"\n") == 9, "CRLF"
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0][:4] == ["id", "statement", "status", "reason"], rows[0]
assert len(rows) == 1 + 7, len(rows)
assert all(len(r) == len(rows[0]) for r in rows)
q = [r for r in rows if r[0] == "quoting"][0]
assert q[1] == 'The report says "12 percent", not 15,\nand repeats it.', q[1]
assert [r[17] for r in rows if r[0] == "boats-three"] == ["supports", "disputes"]
PY

# JSON Lines: one valid claim per line, as 'show --json' has it.
cl -C "$R" export --format jsonl -o "$TMP/claims.jsonl"
[ "$(wc -l < "$TMP/claims.jsonl")" = 5 ] || fail "JSON Lines: expected 5 lines"
jq -e -s 'length == 5 and .[3].id == "boats-three" and .[3].review.verdict == "Mostly false"
	and .[3].conflicts == [] and .[1].conflicts[0].with == "boats-three"' \
	"$TMP/claims.jsonl" >/dev/null || fail "JSON Lines content"
# The fields of 'show --json' mean the same (it may have more).
cl -C "$R" show boats-delivered --json
sed -n 2p "$TMP/claims.jsonl" > "$TMP/line"
jq -e -n --slurpfile a "$TMP/line" --slurpfile b "$TMP/out" '$a[0] as $a | $b[0] as $b |
	all($a | keys[]; $a[.] == $b[.])' >/dev/null ||
	fail "JSON Lines differs from 'show --json'"

cl -C "$R" show boats-three
out_has "verdict:  Mostly false (Harbour Fact Check)"
cl -C "$R" show boats-three --json
jq -e '.review == {"verdict": "Mostly false", "rating": "2", "worst": "1", "best": "5",
	"by": "Harbour Fact Check", "date": "2021-05-02", "url": "https://factcheck.example/boats-three"}' \
	"$TMP/out" >/dev/null || fail "show --json lacks the review"

# DOT: the provenance graph, drawn by Graphviz when it is installed.
cl -C "$R" export --format dot -o "$TMP/graph.dot"
contains "$TMP/graph.dot" '"source-harbour-report" -> "evidence-boats-three-2" [label="quoted in"];'
contains "$TMP/graph.dot" '"cite-harbour-report-fn1" -> "evidence-advance-payment-1"'
contains "$TMP/graph.dot" '"agent-ana-petrovic" -> "evidence-boats-double-capacity-1" [label="said"];'
contains "$TMP/graph.dot" '"claim-boats-delivered" -> "claim-boats-three" [label="conflicts"'
if command -v dot >/dev/null; then
	dot -Tsvg "$TMP/graph.dot" > "$TMP/graph.svg" || fail "Graphviz refuses the DOT"
	xmllint --noout "$TMP/graph.svg" || fail "Graphviz gave no SVG"
else
	echo "note: Graphviz is not installed; the DOT was not drawn"
fi

# --rev: the claims as they were.
cl -C "$R" export --format jsonl --rev HEAD~13
[ "$(wc -l < "$TMP/out")" = 3 ] || fail "--rev HEAD~13 should export 3 claims"
unchanged "$R" "$before"

# Errors: clear, exit 2, nothing changed.
run 2 "$CLAIMLOG" -C "$R" export --format pdf
err_has "unknown format 'pdf' (use prov-xml"
run 2 "$CLAIMLOG" -C "$R" export
err_has "export needs --format FORMAT"
run 2 "$CLAIMLOG" -C "$R" export --format csv no-such-claim
err_has "unknown claim 'no-such-claim'"
run 2 "$CLAIMLOG" -C "$R" export --format claimreview boats-delivered
err_has "claim 'boats-delivered' has no review verdict (set it with 'claimlog claim set boats-delivered verdict TEXT')"
run 2 "$CLAIMLOG" -C "$R" export --format prov-xml --base "not an iri"
err_has "base 'not an iri' is not an absolute IRI"
run 2 "$CLAIMLOG" -C "$R" export --format csv --rev no-such-rev
err_has "unknown revision 'no-such-rev'"
unchanged "$R" "$before"
run 2 "$CLAIMLOG" -C "$R" claim set quoting review-url https://fc.example/q
err_has "claim 'quoting' has no review verdict; set it first with 'claimlog claim set quoting verdict TEXT'"
run 2 "$CLAIMLOG" -C "$R" claim set boats-three review-rating 9
err_has "review rating 9 is outside the scale 1..5"
run 2 "$CLAIMLOG" -C "$R" claim set boats-three review-scale 5
err_has "review scale '5' is not WORST..BEST"
run 2 "$CLAIMLOG" -C "$R" claim set boats-three review-date yesterday
err_has "invalid date 'yesterday'"
unchanged "$R" "$before"
# A review without its url cannot be a ClaimReview.
cl -C "$R" claim set quoting verdict False
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" export --format claimreview
err_has "claim 'quoting': a ClaimReview needs the url of the published review (set it with 'claimlog claim set quoting review-url URL')"
# Clearing the verdict removes the whole review.
cl -C "$R" claim set boats-three verdict ""
lacks "$R/$(cd "$R" && ls claims/*/boats-three.xml)" "<review"
git -C "$R" fsck --strict 2>&1 || fail "git fsck --strict"
exit 0
