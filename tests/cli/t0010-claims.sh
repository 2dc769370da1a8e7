#!/bin/sh
# Sources and claims: add, evidence, set, retract, show, list, path; the
# result read with plain git.
. "$TOP/tests/cli/lib.sh"
make_repo

# A snapshot kept in the repository, beside its record.
cl -C "$R" path harbour-report
p=$(cat "$TMP/out")
case $p in sources/??/harbour-report.xml) ;; *) fail "unexpected path $p" ;; esac
[ -f "$R/${p%.xml}.txt" ] || fail "snapshot not stored beside the record"
cmp -s "$R/${p%.xml}.txt" "$FIX/harbour-report.txt" || fail "snapshot differs"
sha=$(sha256sum "$FIX/harbour-report.txt" | cut -d' ' -f1)
contains "$R/$p" "sha256=\"$sha\""
contains "$R/$p" "<cite key=\"fn1\">Ministry of Transport press release, 2021-03-15</cite>"

# An exact quote; a quoted speaker; structured value.
cl -C "$R" claim add --id boats-delivered \
	--statement "The coast guard received four patrol boats in March 2021." \
	--source harbour-report --quote "the coast guard took delivery of four patrol boats" \
	--locator Deliveries --subject "Ruritanian coast guard" \
	--property "patrol boats delivered" --value 4 --unit boats --as-of 2021-03 \
	--tag boats -m "From the annual report."
out_has "added claim boats-delivered"
# A quote typed with straight quotes matches the curly ones of the text.
cl -C "$R" claim add --id boats-double-capacity \
	--statement "The minister said the boats double patrol capacity." \
	--source harbour-report --speaker "Ana Petrović" \
	--quote '"These boats double our capacity to patrol the northern coast."'
# A quote across a PDF-style hyphenated line break.
cl -C "$R" claim add --id advance-payment \
	--statement "12 million euros were paid in advance." --source harbour-report \
	--quote "12 million euros were paid in advance" --subject "boat contract" \
	--property "advance payment" --value 12000000 --unit EUR --origin fn1
# Evidence from an HTML source (entities decoded, scripts dropped).
cl -C "$R" claim add --id boats-three --statement "Three patrol boats arrived in April 2021." \
	--source harbour-news --quote "received three patrol boats in April 2021" \
	--attribution hedged --subject "Ruritanian coast guard" \
	--property "patrol boats delivered" --value 3 --unit boats --as-of 2021-04
cl -C "$R" evidence add boats-delivered --source harbour-news \
	--quote "put the contract at €48 million" --stance mentions
out_has "(2 entries)"
run 2 "$CLAIMLOG" -C "$R" evidence add boats-delivered --source harbour-news \
	--quote "never delivered"
err_has "quote not found in source 'harbour-news'"

# show, as text and JSON.
cl -C "$R" show boats-delivered
out_has "claim boats-delivered [open]"
out_has "value:    4 boats (quantity)"
out_has "2 evidence entries, 1 independent origin:"
out_has '"the coast guard took delivery of four patrol boats"'
cl -C "$R" show boats-double-capacity --json
jq -e '.evidence[0].attribution == "quoted" and .evidence[0].speaker == "Ana Petrović"' \
	"$TMP/out" >/dev/null || fail "show --json attribution"
cl -C "$R" show advance-payment --json
jq -e '.evidence[0].origin == "fn1" and .evidence[0].attribution == "cited" and .value.unit == "EUR"' \
	"$TMP/out" >/dev/null || fail "show --json origin"
cl -C "$R" show harbour-news
out_has "source harbour-news"

# set and retract; the canonical writer gives a one-line diff.
cl -C "$R" claim set boats-delivered value 5
git -C "$R" show --format= HEAD > "$TMP/diff"
[ "$(grep -c '^[-+] ' "$TMP/diff")" = 2 ] || { cat "$TMP/diff"; fail "a one-field change is not a one-line diff"; }
contains "$TMP/diff" '-  <value type="quantity" unit="boats">4</value>'
contains "$TMP/diff" '+  <value type="quantity" unit="boats">5</value>'
cl -C "$R" claim set boats-delivered value 5
out_has "unchanged"
cl -C "$R" conflict add boats-delivered boats-three --note "four in March or three in April"
cl -C "$R" show boats-three
out_has "claim boats-three [contested]"
cl -C "$R" conflict resolve boats-delivered boats-three --prefer boats-delivered \
	--rationale "The authority's own report is primary."
cl -C "$R" show boats-delivered --json
jq -e '.conflicts[0].resolution.preferred == "boats-delivered" and .conflicts[0].resolution.by == "Test Author <author@example.org>"' \
	"$TMP/out" >/dev/null || fail "resolution not recorded"
cl -C "$R" claim retract advance-payment --reason "The report was corrected."
cl -C "$R" show advance-payment
out_has "claim advance-payment [retracted]"
out_has "reason:   The report was corrected."

# list and its filters.
cl -C "$R" list
[ "$(wc -l < "$TMP/out")" = 4 ] || fail "list shows $(wc -l < "$TMP/out") claims, not 4"
cl -C "$R" list --status retracted
[ "$(wc -l < "$TMP/out")" = 1 ] && out_has advance-payment || fail "list --status"
cl -C "$R" list --source harbour-news --json
jq -e 'length == 2' "$TMP/out" >/dev/null || fail "list --source"

# Entities.
cl -C "$R" entity add "Ruritanian coast guard" --alias "Coast Guard of Ruritania"
cl -C "$R" entity alias "Ruritanian coast guard" "RCG"
cl -C "$R" entity list --json
jq -e '.[0].aliases == ["Coast Guard of Ruritania", "RCG"]' "$TMP/out" >/dev/null ||
	fail "entity aliases"
run 2 "$CLAIMLOG" -C "$R" entity add "rcg"
err_has "'rcg' is already a spelling of the entity 'Ruritanian coast guard'"

# Plain git agrees: one commit per change, authored, fsck-clean, clean tree.
[ "$(git -C "$R" rev-list --count HEAD)" = 13 ] || fail "expected 13 commits, got $(git -C "$R" rev-list --count HEAD)"
git -C "$R" log -1 --format=%an%n%s HEAD~12 > "$TMP/log"
contains "$TMP/log" "Test Author"
git -C "$R" log --format=%B -1 "$(git -C "$R" log --format=%H --grep='claim add boats-delivered')" > "$TMP/log"
contains "$TMP/log" "From the annual report."
git -C "$R" fsck --strict 2>&1 || fail "git fsck --strict"
[ -z "$(git -C "$R" status --porcelain)" ] || fail "work tree not clean: $(git -C "$R" status --porcelain)"
exit 0
