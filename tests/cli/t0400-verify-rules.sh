#!/bin/sh
# claimlog verify: each integrity rule fires on a repository broken for it,
# and a good repository gives no finding at all.
. "$TOP/tests/cli/lib.sh"
make_repo
cl -C "$R" claim add --id boats-delivered --statement "Four patrol boats arrived." \
	--source harbour-report --quote "the coast guard took delivery of four patrol boats"
cl -C "$R" claim add --id boats-three --statement "Three patrol boats arrived in April." \
	--source harbour-news --quote "received three patrol boats in April 2021"
cl -C "$R" claim add --id boats-minister --statement "The minister praised the boats." \
	--source harbour-report --speaker "Ana Petrović" \
	--quote "These boats double our capacity to patrol the northern coast."

# A good repository: no finding of any kind, exit 0, in every format.
cl -C "$R" verify --all
out_has "0 errors, 0 warnings, 0 info in 3 claims, 2 sources and 3 quotes"
cl -C "$R" verify --format json
jq -e '.findings == [] and .summary.claims == 3 and .summary.quotes == 3' "$TMP/out" >/dev/null ||
	fail "good repository has findings"
cl -C "$R" verify --format sarif
jq -e '.version == "2.1.0" and .runs[0].tool.driver.name == "claimlog" and
	(.runs[0].tool.driver.rules | length) > 16 and .runs[0].results == []' "$TMP/out" >/dev/null ||
	fail "SARIF of a good repository"
sarif_valid "$TMP/out"
good=$(state "$R")

# fires RULE [EXIT] : verify reports RULE (exit EXIT, default 1) and names a file.
fires() {
	run "${2:-1}" "$CLAIMLOG" -C "$R" verify --format json
	jq -e --arg r "$1" '[.findings[] | select(.rule == $r and .file != null and .message != "")] | length > 0' \
		"$TMP/out" >/dev/null || fail "$1 did not fire"
}
claim=$(cd "$R" && "$CLAIMLOG" path boats-delivered)
news=$(cd "$R" && "$CLAIMLOG" path harbour-news)
report=$(cd "$R" && "$CLAIMLOG" path harbour-report)
restore() { git -C "$R" checkout -q -- . && git -C "$R" clean -qfd && unchanged "$R" "$good"; }

# CL001: not well-formed; the finding has the line.
printf '<?xml version="1.0"?>\n<claim id="broken">\n<statement>x\n</claim>\n' > "$R/claims/broken.xml"
fires CL001
jq -e '.findings[] | select(.rule == "CL001") | .file == "claims/broken.xml" and .line >= 4' \
	"$TMP/out" >/dev/null || fail "CL001 without file and line"
restore
# CL002: the id differs from the file name.
sed 's/id="boats-delivered"/id="other"/' "$R/$claim" > "$R/claims/renamed.xml"
fires CL002
restore
# CL003: the same id twice.
mkdir "$R/claims/mine" && cp "$R/$claim" "$R/claims/mine/boats-delivered.xml"
fires CL003
restore
# CL004: an unknown source.
sed -i 's/source="harbour-report"/source="ghost"/' "$R/$claim"
fires CL004
restore
# CL005: a snapshot kept in the repository is gone.
rm "$R/${report%.xml}.txt"
fires CL005
restore
# CL007: a snapshot changed.
echo "one more line" >> "$R/${report%.xml}.txt"
fires CL007
restore
# CL008: a misquote, with the line of the evidence.
sed -i 's/took delivery of four/took delivery of five/' "$R/$claim"
fires CL008
jq -e '.findings[] | select(.rule == "CL008") | .line == 5 and .object == "boats-delivered"' \
	"$TMP/out" >/dev/null || fail "CL008 location"
restore
# CL011: a speaker who is not in the text.
sed -i 's/Ana Petrović/John Smith/' "$R/$(cd "$R" && "$CLAIMLOG" path boats-minister)"
fires CL011 0
restore
# CL013: no evidence.
printf '<?xml version="1.0"?>\n<claim id="bare">\n  <statement>Nothing.</statement>\n</claim>\n' \
	> "$R/claims/bare.xml"
fires CL013
restore
# CL016: an origin that names nothing; CL017: a conflict with no claim.
sed -i 's|</evidence>|  <origin>fn9</origin>\n  </evidence>\n  <conflict with="ghost"/>|' "$R/$claim"
fires CL016
fires CL017
restore

# Rules that need commits: ambiguous and normalized quotes, an external
# snapshot, cycles, unused sources, a retracted claim relied upon.
cl -C "$R" claim add --id patrol --statement "Patrols." --source harbour-report --quote "patrol"
err_has "occurs 2 times"
fires CL009 0
cl -C "$R" claim add --id curly --statement "Curly quotes." --source harbour-report \
	--quote "said: \"These boats"
fires CL010 0
cl -C "$R" source add "$FIX/harbour-bulletin.xml" --id bulletin --title "Bulletin" \
	--external --cites harbour-news
fires CL006 0
fires CL015 0
cl -C "$R" source cite harbour-news bulletin
fires CL012 0
jq -e '.findings[] | select(.rule == "CL012") | .message | contains("bulletin -> harbour-news -> bulletin")' \
	"$TMP/out" >/dev/null || fail "CL012 message"
cl -C "$R" claim add --id relies --statement "Relies on another claim." \
	--source harbour-report --quote "four patrol boats" --origin boats-delivered
cl -C "$R" claim retract boats-delivered --reason "Withdrawn."
fires CL014 0

# Severities from git config; a bad value is refused.
git -C "$R" config claimlog.rule.CL015 error
fires CL015 1
git -C "$R" config claimlog.rule.CL015 off
run 0 "$CLAIMLOG" -C "$R" verify --format json
jq -e '[.findings[].rule] | index("CL015") == null' "$TMP/out" >/dev/null || fail "CL015 not off"
git -C "$R" config claimlog.rule.CL015 loud
run 2 "$CLAIMLOG" -C "$R" verify
err_has "git config claimlog.rule.CL015 is 'loud'; use error, warning, info or off"
run 2 "$CLAIMLOG" -C "$R" verify --format xml
err_has "unknown format 'xml'"
exit 0
