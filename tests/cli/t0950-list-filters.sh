#!/bin/sh
# list --attribution, --stance, --origin (on one same evidence entry), and
# --speaker and --subject through entity aliases; bad values refused.
. "$TOP/tests/cli/lib.sh"
make_repo

cl -C "$R" claim add --id boats-four --statement "Four patrol boats arrived." \
	--source harbour-report --quote "took delivery of four patrol boats" \
	--subject "Ruritanian coast guard"
cl -C "$R" claim add --id capacity --statement "The boats double patrol capacity." \
	--source harbour-report --speaker "Ana Petrović" \
	--quote "These boats double our capacity to patrol the northern coast."
cl -C "$R" claim add --id advance --statement "12 million euros were paid in advance." \
	--source harbour-report --quote "12 million euros were paid in advance" --origin fn1 \
	--subject "RCG"
cl -C "$R" claim add --id doubts --statement "Container traffic grew by 12 percent." \
	--source harbour-report --quote "Some observers are said to doubt these figures" \
	--attribution hedged --stance disputes
cl -C "$R" evidence add boats-four --source harbour-news \
	--quote "received three patrol boats in April 2021" --stance disputes \
	--attribution hedged
cl -C "$R" entity add "Ana Petrović" --alias "Minister Petrovic" --alias "A. Petrović"
cl -C "$R" entity add "Ruritanian coast guard" --alias "RCG"

ids() { cut -d' ' -f1 "$TMP/out" | tr '\n' ' '; }

cl -C "$R" list --attribution quoted
[ "$(ids)" = "capacity " ] || fail "--attribution quoted: $(ids)"
cl -C "$R" list --attribution cited
[ "$(ids)" = "advance " ] || fail "--attribution cited: $(ids)"
cl -C "$R" list --attribution author
[ "$(ids)" = "boats-four " ] || fail "--attribution author: $(ids)"
cl -C "$R" list --stance disputes
[ "$(ids)" = "boats-four doubts " ] || fail "--stance disputes: $(ids)"
cl -C "$R" list --stance mentions
[ -s "$TMP/out" ] && fail "--stance mentions should list nothing"
cl -C "$R" list --origin fn1
[ "$(ids)" = "advance " ] || fail "--origin fn1: $(ids)"
cl -C "$R" list --origin fn2
[ -s "$TMP/out" ] && fail "--origin fn2 should list nothing"

# The evidence filters hold for one same entry: boats-four has an entry by
# the author and a hedged one that disputes, but none by the author that disputes.
cl -C "$R" list --attribution author --stance disputes
[ -s "$TMP/out" ] && fail "evidence filters on different entries matched: $(ids)"
cl -C "$R" list --attribution hedged --stance disputes
[ "$(ids)" = "boats-four doubts " ] || fail "--attribution hedged --stance disputes: $(ids)"
cl -C "$R" list --attribution hedged --stance disputes --source harbour-report
[ "$(ids)" = "doubts " ] || fail "--attribution hedged --source: $(ids)"
# ... and combine with the other filters.
cl -C "$R" list --stance disputes --source harbour-news
[ "$(ids)" = "boats-four " ] || fail "--stance with --source: $(ids)"
cl -C "$R" list --stance disputes --subject "Ruritanian coast guard" --json
jq -e 'length == 1 and .[0].id == "boats-four"' "$TMP/out" >/dev/null ||
	fail "--stance --subject --json"

# --speaker through the entity: its name or any alias finds every spelling.
for name in "Ana Petrović" "minister petrovic" "A. Petrović"; do
	cl -C "$R" list --speaker "$name"
	[ "$(ids)" = "capacity " ] || fail "--speaker '$name': $(ids)"
done
cl -C "$R" list --speaker "Someone Else"
[ -s "$TMP/out" ] && fail "--speaker of nobody matched"
# --subject through the entity, from an alias as from the name.
cl -C "$R" list --subject RCG
[ "$(ids)" = "advance boats-four " ] || fail "--subject RCG: $(ids)"
cl -C "$R" list --subject "ruritanian coast guard"
[ "$(ids)" = "advance boats-four " ] || fail "--subject name: $(ids)"

# Bad values: a clear error naming the accepted ones, exit 2, nothing changed.
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" list --attribution anonymous
err_has "unknown attribution 'anonymous' (use author, quoted, cited or hedged)"
run 2 "$CLAIMLOG" -C "$R" list --stance agrees
err_has "unknown stance 'agrees' (use supports, disputes or mentions)"
run 2 "$CLAIMLOG" -C "$R" list --origin
err_has "option '--origin' needs a value"
unchanged "$R" "$before"
exit 0
