#!/bin/sh
# The semantic rules: conflicting values (with entities, tolerances,
# precision and time series), declared and resolved conflicts,
# arithmetic, dates, independent origins; show and contested.
. "$TOP/tests/cli/lib.sh"
R=$TMP/repo
cl init "$R"
cl -C "$R" source add "$FIX/aid-monitor.txt" --id monitor --title "Aid Monitor Bulletin" \
	--published 2024-03 --retrieved 2024-04-02
cl -C "$R" source add "$FIX/aid-news.txt" --id news --title "Ruritania Daily" \
	--published 2024-05 --cites monitor
cl -C "$R" entity add "People's Republic of China" --alias China --alias PRC

# rules: the rule ids verify reports, one a line.
rules() {
	"$CLAIMLOG" -C "$R" verify --format json > "$TMP/v.json"
	jq -r '.findings[].rule' "$TMP/v.json" | sort -u
}
has() { rules | grep -qx "$1" || { cat "$TMP/v.json"; fail "$1 did not fire"; }; }
hasnt() { ! rules | grep -qx "$1" || { cat "$TMP/v.json"; fail "$1 fired"; }; }
msg() { jq -r --arg r "$1" '.findings[] | select(.rule == $r) | .message' "$TMP/v.json"; }

# Percent of parts: 6.6 of 56 is 11.8%, so "about 12%" holds.
cl -C "$R" claim add --id aid-share --statement "China delivered about 12% of its pledged aid." \
	--source monitor --quote "delivered 6.6 million euros, about 12% of the pledge" \
	--subject China --property "share of pledged aid delivered" --value 12 --unit % \
	--approx --as-of 2024 --percent-of 6.6/56
hasnt CL021
hasnt CL018
# Another spelling of the same entity, a value that cannot also hold.
cl -C "$R" claim add --id aid-share-news --statement "China delivered 15% of its pledged aid." \
	--source news --quote "China has delivered just 15% of the 56 million euros" \
	--subject PRC --property "Share of pledged aid delivered" --value 15 --unit % \
	--as-of 2024-05 --origin monitor
has CL018
msg CL018 | grep -q "values '15 %' and 'about 12 %' cannot both be true" || fail "CL018 message: $(msg CL018)"
hasnt CL019
cl -C "$R" conflict add aid-share aid-share-news --note "12% or 15%"
hasnt CL018
has CL019
# Both rest on the bulletin: one independent origin for the contested claim.
cl -C "$R" evidence add aid-share --source news --quote "citing the Aid Monitor Bulletin" \
	--stance supports --origin monitor
has CL029
msg CL029 | grep -q "claim 'aid-share' rests on a single independent origin (source:monitor) through 2 evidence entries" ||
	fail "CL029 message: $(msg CL029)"
cl -C "$R" show aid-share
out_has "2 evidence entries, 1 independent origin:"
out_has "with aid-share-news (declared and detected): 12% or 15%"
cl -C "$R" show aid-share --json
jq -e '.corroboration == {"evidence": 2, "independent_origins": 1} and .origins == ["source:monitor"]' \
	"$TMP/out" >/dev/null || fail "show --json corroboration"
cl -C "$R" contested
out_has "aid-share vs aid-share-news: declared, unresolved"
out_has "2 evidence entries, 1 independent origin"
cl -C "$R" contested --json
jq -e '.conflicts | length == 1 and .[0].declared and (.[0].a.origins | length) == 1 and .[0].detected != null' \
	"$TMP/out" >/dev/null || fail "contested --json"
cl -C "$R" conflict resolve aid-share aid-share-news --prefer aid-share \
	--rationale "The bulletin's own figures give 11.8%."
hasnt CL019
has CL020

# A time series is not a conflict; a value in another year is fine.
cl -C "$R" claim add --id eu-2022 --statement "The EU delivered 30 million euros in 2022." \
	--source monitor --quote "The EU delivered 30 million euros in 2022" \
	--subject EU --property "aid delivered" --value "30 million" --unit EUR --as-of 2022
cl -C "$R" claim add --id eu-2023 --statement "The EU delivered 45 million euros in 2023." \
	--source monitor --quote "45 million euros in 2023" \
	--subject EU --property "aid delivered" --value "45 million" --unit EUR --as-of 2023
hasnt CL018
# Sums.
cl -C "$R" claim add --id eu-total --statement "EU aid totalled 75 million euros." \
	--source monitor --quote "a total of 75 million euros over the two years" \
	--subject EU --property "aid delivered 2022-2023" --value 75 --unit "million EUR" \
	--sum-of 30+45
hasnt CL022
cl -C "$R" claim set eu-total value 80
has CL022
msg CL022 | grep -q "30+45 = 75, and the claim says 80" || fail "CL022 message: $(msg CL022)"
cl -C "$R" claim set eu-total value 75
# Percent versus percentage points.
cl -C "$R" claim add --id unemployment-drop --statement "Unemployment fell 2 points." \
	--source monitor --quote "a drop of 2 percentage points" --subject Ruritania \
	--property "unemployment change" --value -2 --unit pp --change 10/8
hasnt CL023
cl -C "$R" claim set unemployment-drop unit %
has CL023
msg CL023 | grep -q "percentage points (pp), not a change in percent" || fail "CL023 message: $(msg CL023)"
cl -C "$R" claim set unemployment-drop unit pp
# Spans of years, counted to the document's date.
cl -C "$R" claim add --id port-years --statement "The port authority has operated for 13 years." \
	--source monitor --quote "has operated for 13 years, since 2011" --subject "port authority" \
	--property "years in operation" --value 13 --unit years --years-since 2011
hasnt CL024
cl -C "$R" claim set port-years value 12
has CL024
msg CL024 | grep -q "2024 - 2011 = 13 years" || fail "CL024 message: $(msg CL024)"
cl -C "$R" claim set port-years value 13

# Dates at their precision: June 2020 and 2020 agree, June and July do not.
cl -C "$R" claim add --id railway-june --statement "The railway opened in June 2020." \
	--source monitor --quote "the railway opened in June 2020" --speaker "Ana Petrović" \
	--subject railway --property "opening date" --value 2020-06
cl -C "$R" claim add --id railway-2020 --statement "The railway opened in 2020." \
	--source news --quote "The railway opened in July 2020." --subject railway \
	--property "opening date" --value 2020
hasnt CL018
cl -C "$R" claim set railway-2020 value 2020-07
has CL018
msg CL018 | grep -q "dates '2020-0[67]' and '2020-0[67]' differ at their precision" || fail "date conflict message"
cl -C "$R" claim retract railway-2020 --reason "Superseded."
hasnt CL018
# An event after the source's publication, unless it is a forecast.
cl -C "$R" claim add --id terminal --statement "The terminal opens in June 2026." \
	--source monitor --quote "expected to open in June 2026" --subject terminal \
	--property "opening date" --value 2026-06
has CL025
cl -C "$R" claim set terminal tag forecast
hasnt CL025
# A value that looks like a date without a year is flagged, never guessed.
cl -C "$R" claim add --id undated --statement "Something happened on 15 June." \
	--source monitor --quote "June" --subject thing --property "date said" \
	--value "15 June"
has CL027
# Sources: retrieved before published, published in the future.
cl -C "$R" source add "$FIX/harbour-report.txt" --id early --title "Early" \
	--published 2022-05 --retrieved 2022-01-10
has CL028
cl -C "$R" source add "$FIX/harbour-bulletin.xml" --id future --title "From the future" \
	--published 2999-01
has CL026
exit 0
