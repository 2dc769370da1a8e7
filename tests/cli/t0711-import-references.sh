#!/bin/sh
# Import of references as reference managers really write them: LaTeX of
# every class, dates in the month field and dates that are not dates,
# crossref, biblatex names and subtitles, undefined macros, brace-less
# comments, two keys that make one id, a key-less entry, and --skip-invalid.
. "$TOP/tests/cli/lib.sh"
cl init "$TMP/refs"
R=$TMP/refs
src() { cl -C "$R" source show "$1" --json; }

# One entry without a title: by default nothing is imported.
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" import "$FIX/refs-difficult.bib"
err_has "refs-difficult.bib:54: BibTeX entry 'notitle2017' has no title"
err_has "1 bad record; nothing was imported"
unchanged "$R" "$before"
run 2 "$CLAIMLOG" -C "$R" import --dry-run "$FIX/refs-difficult.bib"
err_has "refs-difficult.bib:54: BibTeX entry 'notitle2017' has no title"
unchanged "$R" "$before"

# --skip-invalid: the good ones go in, the bad one is named, exit 1.
run 1 "$CLAIMLOG" -C "$R" import --skip-invalid --dry-run "$FIX/refs-difficult.bib"
out_has "would import 8 sources and 0 claims"
err_has "1 bad record would be left out"
unchanged "$R" "$before"
run 1 "$CLAIMLOG" -C "$R" import --skip-invalid "$FIX/refs-difficult.bib"
out_has "imported 8 sources"
err_has "refs-difficult.bib:54: BibTeX entry 'notitle2017' has no title"
err_has "1 bad record left out"
# What was read otherwise than written is said, with its line.
err_has "claimlog: warning: "
err_has "refs-difficult.bib:37: undefined @string macro 'undefinedmacro' (read as empty, as BibTeX does)"
err_has "refs-difficult.bib:44: BibTeX entry 'Unkonw': unknown LaTeX command \\frobnicate (the text of its argument kept)"
err_has "refs-difficult.bib:44: BibTeX entry 'Unkonw' would have the id 'unkonw' of the one on line 40"
err_has "refs-difficult.bib:48: BibTeX entry without a citation key: its id is 'mendeley2018-"
[ "$(git -C "$R" rev-list --count HEAD)" = 1 ] || fail "the good entries are one commit"
git -C "$R" show --stat HEAD > "$TMP/stat"
lacks "$TMP/stat" "notitle2017"

src greek2019
jq -e '.title == "The Φ and φ of Δ-coast: p ≤ 0.05, a⋅b" and .published == "2019-09-02"
	and .publisher == "Coastal Studies Press"' "$TMP/out" >/dev/null ||
	fail "Greek, relations, operators, a day in the month field: $(cat "$TMP/out")"
src chem2020
jq -e '.title == "Cu₂O films / x^y in LaTeX: abc: A Second Look"
	and .authors == ["Jean de Dupont"] and .url == "https://coast.example/~user/paper"' \
	"$TMP/out" >/dev/null || fail "subscripts, symbols, environments, names: $(cat "$TMP/out")"
src atlas2001ch3
jq -e '.title == "Chapter Three: Tides" and .authors == ["Pat Roe", "Jan Doe"]
	and .publisher == "Harbour Press" and .published == "2001"' "$TMP/out" >/dev/null ||
	fail "crossref: $(cat "$TMP/out")"
src medieval
jq -e '.published == null and .publisher == null
	and (.note | contains("Its date '"'"'{13th Century}'"'"' was not understood"))' \
	"$TMP/out" >/dev/null || fail "a year that is no date: $(cat "$TMP/out")"
src unkonw
jq -e '.title == "First of two keys"' "$TMP/out" >/dev/null || fail "first key"
id=$(cd "$R" && ls sources/*/ | grep '^unkonw-' | sed 's/\.xml$//')
[ -n "$id" ] || fail "the second key has an id of its own"
src "$id"
jq -e '.title == "Second of two keys kept"' "$TMP/out" >/dev/null || fail "second key"
id=$(cd "$R" && ls sources/*/ | grep '^mendeley2018-' | sed 's/\.xml$//')
src "$id"
jq -e '.title == "An entry without a key" and .authors == ["Max Mendeley"]' \
	"$TMP/out" >/dev/null || fail "key-less entry"
cl -C "$R" verify
git -C "$R" fsck --strict 2>&1 | grep -v '^Checking' && fail "fsck" || true

# --skip-invalid with claims: a claim that declares a conflict with a claim
# left out is left out too, and says why; the rest go in.
make_repo
cat > "$TMP/claims.jsonl" <<'JSONL'
{"id": "good", "statement": "Four boats.", "evidence": [{"source": "harbour-report", "quote": "took delivery of four patrol boats"}]}
{"id": "bad", "statement": "No such source.", "evidence": [{"source": "nowhere", "quote": "x"}]}
{"id": "leans", "statement": "Leans on the bad one.", "conflicts": [{"with": "bad"}], "evidence": [{"source": "harbour-report", "quote": "took delivery of four patrol boats"}]}
JSONL
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" import "$TMP/claims.jsonl"
unchanged "$R" "$before"
run 1 "$CLAIMLOG" -C "$R" import --skip-invalid "$TMP/claims.jsonl"
err_has "claims.jsonl:2: claim 'bad': evidence 1: unknown source 'nowhere'"
err_has "claims.jsonl:3: claim 'leans': conflict with unknown claim 'bad'"
err_has "2 bad records left out"
cl -C "$R" show good
run 2 "$CLAIMLOG" -C "$R" show leans
