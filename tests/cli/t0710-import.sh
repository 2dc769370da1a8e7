#!/bin/sh
# Import: references from BibTeX and CSL-JSON (our fixtures, and the real
# Zotero exports in ../shared when present), claims from CSV and JSON
# Lines as one commit, and all-or-nothing batches that name every bad row.
. "$TOP/tests/cli/lib.sh"
ZOT=$TOP/../shared/standards/csl/zotero
cl init "$TMP/refs"
R=$TMP/refs
src() { cl -C "$R" source show "$1" --json; }

# Our own exports: accents, braces, "and" lists, @string, Latin-1, CSL names and dates.
cl -C "$R" import "$FIX/refs-zotero.bib" "$FIX/refs-latin1.bib" "$FIX/refs.csl.json"
out_has "imported 7 sources"
[ "$(git -C "$R" rev-list --count HEAD)" = 1 ] || fail "an import is one commit"
src petrovic_boats_2021
jq -e '.title == "Boats, Budgets and the Northern Coast – an Interview"
	and .authors == ["Ana Petrović", "Jan Škoda", "Jörg Müller-Lüdenscheidt", "Jean Philippe"]
	and .published == "2021-04-20" and .publisher == "Ruritanian Review"
	and .url == "https://doi.org/10.1234/rr.2021.7" and .external' "$TMP/out" >/dev/null ||
	fail "BibTeX entry: $(cat "$TMP/out")"
src harbourreport2021
jq -e '.authors == ["Harbour Authority of Ruritania"] and .published == "2022-02"
	and .publisher == "Harbour Authority of Ruritania Press" and .language == "en"
	and .retrieved == "2022-03-01"' "$TMP/out" >/dev/null || fail "literal name, @string, month"
src anon2020
jq -e '.title == "Notes on patrol capacity, 50 % & more" and .published == "2020"' \
	"$TMP/out" >/dev/null || fail "escapes and a year range"
src mueller1999
jq -e '.title == "Études et réflexions sur la côte" and .authors == ["Jürgen Müller", "Renée François"]' \
	"$TMP/out" >/dev/null || fail "Latin-1 BibTeX"
src coastguard2021
jq -e '.title == "Coast guard gets new boats" and .authors == ["Harbour News Desk"]
	and .published == "2021-04-20" and .retrieved == "2021-05-01" and .language == "en-GB"' \
	"$TMP/out" >/dev/null || fail "CSL-JSON item"
src 42
jq -e '.authors == ["Vincent van Gogh", "Martin Luther King, Jr."] and .published == "1999-05"' \
	"$TMP/out" >/dev/null || fail "CSL particles, suffix, raw date"
src undated
out_has "Its date 'sometime in spring' was not understood."
# The record's hash is that of the entry, as the file has it.
p=$(cd "$R" && ls sources/*/coastguard2021.xml)
python3 -c 'import json, sys
s = open(sys.argv[1], encoding="utf-8").read()
start = s.index("{")
end = json.JSONDecoder().raw_decode(s, start)[1]
sys.stdout.write(s[start:end] + "\n")' "$FIX/refs.csl.json" > "$TMP/entry"
sha=$(sha256sum "$TMP/entry" | cut -d' ' -f1)
contains "$R/$p" "<snapshot sha256=\"$sha\" size=\"$(wc -c < "$TMP/entry" | tr -d ' ')\" name=\"refs.csl.json\"/>"

# A second import of the same export: existing sources are refused, or left alone.
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" import "$FIX/refs.csl.json"
err_has "refs.csl.json:2: source 'coastguard2021' exists already (give --skip-existing"
err_has "refs.csl.json:11: source 'undated' exists already"
err_has "3 bad records; nothing was imported"
cl -C "$R" import --skip-existing "$FIX/refs.csl.json"
out_has "imported 0 sources (3 existing sources left alone)"
unchanged "$R" "$before"

# A bad entry: every one is named with its line, and nothing changes.
run 2 "$CLAIMLOG" -C "$R" import "$FIX/refs-bad.bib"
err_has "refs-bad.bib:6: BibTeX entry 'untitled2019' has no title"
err_has "refs-bad.bib:11: BibTeX entry 'broken2018': the entry is never closed"
err_has "2 bad records; nothing was imported"
run 2 "$CLAIMLOG" -C "$R" import "$FIX/harbour-report.txt"
err_has "cannot tell the format of"
printf '[{"id": "x", "title": "T"},]' > "$TMP/bad.json"
run 2 "$CLAIMLOG" -C "$R" import "$TMP/bad.json"
err_has "bad.json:1:28: trailing comma before ']'"
unchanged "$R" "$before"

# Claims in bulk: a repository with sources, then CSV and JSON Lines.
make_repo
cat > "$TMP/claims.csv" <<'CSV'
id,statement,source,quote,stance,speaker,value,unit,subject,property,tags
boats,Four patrol boats were delivered.,harbour-report,took delivery of four patrol boats,,,4,boats,coast guard,boats delivered,boats;deliveries
boats,,harbour-news,received three patrol boats in April 2021,disputes,,,,,,
capacity,"The minister said the boats ""double"" capacity.",harbour-report,These boats double our capacity,,Ana Petrović,,,,,
CSV
before=$(state "$R")
n=$(git -C "$R" rev-list --count HEAD)
cl -C "$R" import "$TMP/claims.csv"
out_has "imported 2 claims"
[ "$(git -C "$R" rev-list --count HEAD)" = $((n + 1)) ] || fail "a batch is one commit"
cl -C "$R" show boats --json
jq -e '(.evidence | map(.stance)) == ["supports", "disputes"] and .tags == ["boats", "deliveries"]
	and .value.text == "4"' "$TMP/out" >/dev/null || fail "CSV rows of one claim"
cl -C "$R" show capacity --json
jq -e '.statement == "The minister said the boats \"double\" capacity." and
	.evidence[0].attribution == "quoted"' "$TMP/out" >/dev/null || fail "CSV quoting"

# A batch with bad rows: each is reported with its line; nothing changes.
cat > "$TMP/bad.csv" <<'CSV'
id,statement,source,quote,status
fine,A fine claim.,harbour-report,Container traffic grew by 12 percent,
nosource,No such source.,no-such-source,anything,
notfound,A quote that is not there.,harbour-report,the boats sank,
badstatus,A bad status.,harbour-report,Container traffic grew,maybe
boats,Taken already.,harbour-report,Container traffic grew,
"multi
line",A bad id.,harbour-report,Container traffic grew,
short,Too few fields.,harbour-report
CSV
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" import "$TMP/bad.csv"
err_has "bad.csv:3: unknown source 'no-such-source'"
err_has "bad.csv:4: quote not found in source 'harbour-report': \"the boats sank\""
err_has "bad.csv:5: unknown status 'maybe'"
err_has "bad.csv:6: claim 'boats' exists already"
err_has "bad.csv:7: claim id 'multi"
err_has "bad.csv:9: 3 fields; the header has 5"
err_has "6 bad records; nothing was imported"
lacks "$TMP/err" "bad.csv:2:"
unchanged "$R" "$before"
printf 'id,statment,source,quote\n' > "$TMP/typo.csv"
run 2 "$CLAIMLOG" -C "$R" import "$TMP/typo.csv"
err_has "typo.csv:1: unknown column 'statment'"
printf 'id,statement,source,quote\nx,"open quote,harbour-report,q\n' > "$TMP/open.csv"
run 2 "$CLAIMLOG" -C "$R" import "$TMP/open.csv"
err_has "open.csv:2: a quoted field opened on line 2 is never closed"
unchanged "$R" "$before"

# JSON Lines: what export writes, import reads back to the same claims.
cl -C "$R" export --format jsonl -o "$TMP/all.jsonl"
mv "$R" "$TMP/first"
make_repo
cl -C "$R" import "$TMP/all.jsonl"
cl -C "$R" export --format jsonl -o "$TMP/again.jsonl"
cmp "$TMP/all.jsonl" "$TMP/again.jsonl" || fail "JSON Lines does not round-trip"
before=$(state "$R")
{ echo '{"id": "j1", "statement": "S.", "evidence": [{"source": "harbour-report", "quote": "Container traffic grew"}]}'
  echo '{"id": "j2", "statement": "S.", "evidence": []}'
  echo '{"id": "j3", "statment": "typo"}'
  echo '{"id": "j4", "statement": "S.", "evidence": [{"source": "harbour-report", "quote": "Container traffic grew"}], "conflicts": [{"with": "nobody"}]}'
  echo '{"id": "j5", "statement": 5}'
  echo 'not json'; } > "$TMP/bad.jsonl"
run 2 "$CLAIMLOG" -C "$R" import "$TMP/bad.jsonl"
err_has "bad.jsonl:2: claim 'j2': \"evidence\" must be an array of at least one"
err_has "bad.jsonl:3: claim 'j3': unknown field \"statment\""
err_has "bad.jsonl:4: claim 'j4': conflict with unknown claim 'nobody'"
err_has "bad.jsonl:5: claim 'j5': \"statement\" is a number, not a string"
err_has "bad.jsonl:6:1: expected a value, found 'n'"
lacks "$TMP/err" "bad.jsonl:1:"
unchanged "$R" "$before"

# A bulk batch (more than 64 files: one in-memory pack) is one commit too.
{ echo "id,statement,source,quote"
  i=0; while [ $i -lt 150 ]; do
	echo "bulk-$i,Claim number $i.,harbour-report,Container traffic grew by 12 percent"; i=$((i + 1)); done
} > "$TMP/bulk.csv"
n=$(git -C "$R" rev-list --count HEAD)
cl -C "$R" import "$TMP/bulk.csv"
out_has "imported 150 claims"
[ "$(git -C "$R" rev-list --count HEAD)" = $((n + 1)) ] || fail "the bulk batch is not one commit"
[ "$(git -C "$R" show --stat --format= HEAD | grep -c 'claims/')" = 150 ] || fail "150 files"
git -C "$R" fsck --strict 2>&1 || fail "git fsck --strict"
[ -z "$(git -C "$R" status --porcelain)" ] || fail "work tree not clean"

# The real Zotero exports.
if [ ! -d "$ZOT" ]; then
	echo "note: $ZOT is absent; the Zotero exports were not imported"
	exit 0
fi
cl init "$TMP/zot"
R=$TMP/zot
cl -C "$R" import "$ZOT/export-bibtex/BibTeX name escaping has a million inconsistencies #438.bibtex" \
	"$ZOT/export-bibtex/Braces around author last name when exporting BibTeX #565.bibtex" \
	"$ZOT/export-bibtex/Author multi-character initial gets shortened #2419.bibtex" \
	"$ZOT/export-bibtex/BBT does not escape # in first argument of href in note #2617-note.bibtex" \
	"$ZOT/export-csl-json/Better CSL JSON does not include authority field #2019.csl.json" \
	"$ZOT/export-csl-json/Export library to Better CSL JSONYAML failed when standard items included. #2212.csl.json" \
	"$ZOT/export-csl-json/Date export to Better CSL-JSON #360 #811.csl.json" \
	"$ZOT/export-csl-json/Setting the item type via the cheater syntax #587.csl.json"
out_has "imported 32 sources"
src van_gogh2014
jq -e '.title == "Why Is Apple Launching a New Version of the iPod?" and .authors == ["Vincent van Gögh"]
	and .published == "2014"' "$TMP/out" >/dev/null || fail "#438: $(cat "$TMP/out")"
src desw98
jq -e '.title == "Aspect Shift and Coercion" and .authors == ["Henriëtte de Swart"]
	and .published == "1998" and .publisher == "Natural Language & Linguistic Theory"
	and .url == "https://doi.org/10.1023/A:1005916004600" and .retrieved == "2015-10-09"' \
	"$TMP/out" >/dev/null || fail "#565: $(cat "$TMP/out")"
src astrakharchik2007
jq -e '.authors == ["G. E. Astrakharchik", "Philippe Boronat", "J. Casulleras",
	"IJsbrand Kurbakov", "Yu. E. Lozovik"] and .published == "2007-06"' "$TMP/out" >/dev/null ||
	fail "#2419: $(cat "$TMP/out")"
src thekey
jq -e '.title == "TheTitle" and .authors == ["TheAuthor"] and .url == "https://www.example.com/#foo"' \
	"$TMP/out" >/dev/null || fail "#2617: $(cat "$TMP/out")"
src whitestate1966
jq -e '.title == "White v. State" and .published == "1966-10-19" and .authors == []' \
	"$TMP/out" >/dev/null || fail "#2019: $(cat "$TMP/out")"
cl -C "$R" source list --json
jq -e 'map(select(.title == "水中總有機碳檢測方法－過氧焦硫酸鹽紫外光氧化／紅外線測定法"))[0] |
	.publisher == "行政院環保署環境檢驗所" and .published == "2000-12-22" and .language == "zh-tw"' \
	"$TMP/out" >/dev/null || fail "#2212"
src doe12_edtf_2011
jq -e '.published == "2011-05"' "$TMP/out" >/dev/null || fail "EDTF month with circa"
src doe13_season_2017
jq -e '.published == "2017"' "$TMP/out" >/dev/null || fail "a season is its year"
src t2
out_has "Its date '13th cent' was not understood."
src ratliff_mystery_1999
jq -e '.published == "1999-04" and .language == "en-US"' "$TMP/out" >/dev/null || fail "#587"
# Entries without a title: refused, each with its line.
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" import "$ZOT/export-bibtex/Do not caps-protect name fields #384 #565 #566.bibtex"
err_has "#566.bibtex:1: BibTeX entry 'al-hakim' has no title"
err_has "#566.bibtex:6: BibTeX entry 'beauvoir' has no title"
unchanged "$R" "$before"
# Every BibTeX and CSL-JSON export of the folder is read without a failure of the importer.
for f in "$ZOT"/export-bibtex/* "$ZOT"/export-csl-json/*; do
	"$CLAIMLOG" -C "$R" import --dry-run --skip-existing "$f" >/dev/null 2>"$TMP/err"
	rc=$?
	[ $rc = 0 ] || [ $rc = 2 ] || fail "import of $f: exit $rc: $(cat "$TMP/err")"
done
exit 0
