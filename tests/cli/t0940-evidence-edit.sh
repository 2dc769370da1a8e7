#!/bin/sh
# evidence set CLAIM N FIELD VALUE and evidence remove CLAIM N: one commit
# each, a message that says what changed, the new entry checked like a new
# one (its quote in the source, a PDF locator against the page), and every
# bad input refused with nothing changed.
. "$TOP/tests/cli/lib.sh"
make_repo
count() { git -C "$R" rev-list --count HEAD; }

cl -C "$R" claim add --id boats --statement "Four patrol boats arrived in March 2021." \
	--source harbour-report --quote "the coast guard took delivery of four patrol boats"
cl -C "$R" evidence add boats --source harbour-news \
	--quote "put the contract at €48 million" --stance mentions

# stance: one commit, the message names entry, claim and both values.
n=$(count)
cl -C "$R" evidence set boats 2 stance disputes
out_has "evidence 2 of claim boats: stance mentions -> disputes"
[ "$(count)" = $((n + 1)) ] || fail "evidence set is not one commit"
[ "$(git -C "$R" log -1 --format=%s)" = "evidence set boats 2: stance mentions -> disputes" ] ||
	fail "commit summary: $(git -C "$R" log -1 --format=%s)"
cl -C "$R" show boats --json
jq -e '.evidence[1].stance == "disputes" and .evidence[0].stance == "supports"' \
	"$TMP/out" >/dev/null || fail "stance not set on entry 2 only"

# The same value again changes nothing.
n=$(count)
cl -C "$R" evidence set boats 2 stance disputes
out_has "evidence 2 of claim boats unchanged"
[ "$(count)" = "$n" ] || fail "an unchanged entry made a commit"

# A corrected quote is checked in the source, and then stored.
cl -C "$R" evidence set boats 1 quote "In March 2021 the coast guard took delivery of four patrol boats"
out_has 'evidence 1 of claim boats: quote the coast guard took delivery of four pa... -> In March 2021 the coast guard took deliv...'
cl -C "$R" show boats --json
jq -e '.evidence[0].quote == "In March 2021 the coast guard took delivery of four patrol boats"' \
	"$TMP/out" >/dev/null || fail "quote not changed"

# Optional fields: set, then cleared with an empty value.
cl -C "$R" evidence set boats 1 locator Deliveries
out_has "locator (none) -> Deliveries"
cl -C "$R" evidence set boats 1 speaker "Ana Petrović"
cl -C "$R" evidence set boats 1 attribution quoted
cl -C "$R" show boats --json
jq -e '.evidence[0].locator == "Deliveries" and .evidence[0].speaker == "Ana Petrović" and .evidence[0].attribution == "quoted"' \
	"$TMP/out" >/dev/null || fail "locator, speaker, attribution"
cl -C "$R" evidence set boats 1 locator ""
out_has "locator Deliveries -> (none)"
cl -C "$R" show boats --json
jq -e '.evidence[0].locator == null' "$TMP/out" >/dev/null ||
	fail "locator not cleared"
cl -C "$R" evidence set boats 1 prefix "In March 2021"
cl -C "$R" evidence set boats 1 prefix ""
# An origin that is a citation key of the source.
cl -C "$R" evidence set boats 1 origin fn1
cl -C "$R" evidence set boats 1 attribution cited
cl -C "$R" show boats --json
jq -e '.evidence[0].origin == "fn1" and .evidence[0].attribution == "cited"' "$TMP/out" >/dev/null || fail "origin"

# Bad inputs: a clear message, exit 2, nothing changed.
before=$(state "$R")
bad() {
	run 2 "$CLAIMLOG" -C "$R" evidence "$@"
	unchanged "$R" "$before"
}
bad set boats 3 stance supports
err_has "claim 'boats' has no evidence entry '3' (it has 2, numbered from 1"
bad set boats 0 stance supports
err_has "no evidence entry '0'"
bad set boats x stance supports
err_has "no evidence entry 'x'"
bad set boats -1 stance supports
bad set boats 1 colour red
err_has "unknown evidence field 'colour' (use quote, prefix, suffix, locator, speaker, attribution, stance or origin)"
bad set boats 1 source harbour-news
err_has "unknown evidence field 'source'"
bad set boats 1 stance maybe
err_has "unknown stance 'maybe' (use supports, disputes or mentions)"
bad set boats 1 attribution rumour
err_has "unknown attribution 'rumour'"
bad set boats 1 quote ""
err_has "the quote of an evidence entry cannot be empty"
bad set boats 1 stance ""
err_has "the stance of an evidence entry cannot be empty"
bad set boats 1 quote "four patrol boats sank"
err_has "quote not found in source 'harbour-report'"
bad set boats 1 origin nokey
err_has "origin 'nokey' is neither a citation of source 'harbour-report', a source nor a claim"
bad set boats 2 quote "In March 2021 the coast guard took delivery of four patrol boats"
err_has "quote not found in source 'harbour-news'"
bad set nosuch 1 stance supports
err_has "nosuch"
bad set boats 1 stance
err_has "evidence set needs CLAIM N FIELD VALUE"
bad set 'Bad/Id' 1 stance supports
bad remove boats 5
err_has "claim 'boats' has no evidence entry '5'"
bad remove boats
err_has "evidence remove needs CLAIM N"

# remove: one commit; the last entry cannot go.
n=$(count)
cl -C "$R" evidence remove boats 2
out_has "removed evidence 2 of claim boats (1 entry left)"
[ "$(count)" = $((n + 1)) ] || fail "evidence remove is not one commit"
git -C "$R" log -1 --format=%s | grep -q '^evidence remove boats 2: from harbour-news' ||
	fail "remove summary: $(git -C "$R" log -1 --format=%s)"
cl -C "$R" show boats --json
jq -e '(.evidence | length) == 1 and .evidence[0].source == "harbour-report"' \
	"$TMP/out" >/dev/null || fail "entry 2 not removed"
before=$(state "$R")
bad remove boats 1
err_has "evidence 1 is the only entry of claim 'boats', and a claim needs evidence"
err_has "'claimlog claim remove boats --reason TEXT'"

# A second entry of the same quote and source is refused, as 'evidence add' does.
cl -C "$R" evidence add boats --source harbour-report --quote "four patrol boats"
before=$(state "$R")
bad set boats 2 quote "In March 2021 the coast guard took delivery of four patrol boats"
err_has "evidence 1 of claim 'boats' has this quote from source 'harbour-report' already"

# The work tree is clean and verify agrees with what was written.
[ -z "$(git -C "$R" status --porcelain)" ] || fail "work tree not clean"
cl -C "$R" verify

# A PDF: a new locator is checked against the page the quote is on.
MKPDF=${MKPDF:-$(dirname "$CLAIMLOG")/tests/mkpdf}
if [ -x "$MKPDF" ]; then
	"$MKPDF" report "$TMP/report.pdf" || fail "mkpdf report"
	cl -C "$R" source add "$TMP/report.pdf" --id review --title "Widget Safety Review 2024"
	cl -C "$R" claim add --id incidents --statement "1,204 incidents in 2022." \
		--source review --quote "1,204 incidents involving widgets in 2022"
	cl -C "$R" evidence set incidents 1 locator "page 2"
	before=$(state "$R")
	bad set incidents 1 locator "page 5"
	err_has "the locator 'page 5' names p. 5, but the quote is on p. 2 of source 'review'"
else
	echo "note: $MKPDF is not built; the PDF locator check was skipped"
fi
