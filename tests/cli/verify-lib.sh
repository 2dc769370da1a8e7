# verify-lib.sh - sourced by the verify tests (t0425, t0426) after lib.sh:
# verify_repo makes $R, a repository with findings of every kind a full
# verify reports: quotes not in their sources, one found only once
# normalized, value conflicts across claims, a reference to a retracted
# claim, unknown ids, a duplicate claim, and the rules that look across
# claims (origins, declared conflicts, independence).
verify_repo() {
	make_repo
	cl -C "$R" source add "$FIX/aid-monitor.txt" --id monitor --title "Aid Monitor Bulletin" \
		--published 2024-03 --retrieved 2024-04-02
	cl -C "$R" source add "$FIX/aid-news.txt" --id news --title "Ruritania Daily" \
		--published 2024-05 --cites monitor
	cl -C "$R" source add "$FIX/port-quotes.txt" --id unused --title "Unused"
	cl -C "$R" claim add --id boats-delivered --statement "Four patrol boats arrived." \
		--source harbour-report --quote "the coast guard took delivery of four patrol boats" \
		--subject "coast guard" --property boats --value 4
	cl -C "$R" claim add --id boats-three --statement "Three patrol boats arrived in April." \
		--source harbour-news --quote "received three patrol boats in April 2021" \
		--subject "coast guard" --property boats --value 3
	cl -C "$R" claim add --id boats-minister --statement "The minister praised the boats." \
		--source harbour-report --speaker "Ana Petrović" \
		--quote "These boats double our capacity to patrol the northern coast."
	cl -C "$R" claim add --id aid-share --statement "China delivered about 12% of its pledged aid." \
		--source monitor --quote "delivered 6.6 million euros, about 12% of the pledge" \
		--subject China --property "share of pledged aid delivered" --value 12 --unit % \
		--approx --as-of 2024 --percent-of 6.6/56
	cl -C "$R" claim add --id aid-share-news --statement "China delivered 15% of its pledged aid." \
		--source news --quote "China has delivered just 15% of the 56 million euros" \
		--subject China --property "share of pledged aid delivered" --value 15 --unit % \
		--as-of 2024-05 --origin monitor
	cl -C "$R" conflict add aid-share aid-share-news --note "12% or 15%"
	cl -C "$R" evidence add aid-share --source news --quote "citing the Aid Monitor Bulletin" \
		--stance supports --origin monitor
	cl -C "$R" claim add --id boats-five --statement "Five boats." \
		--source harbour-report --quote "These boats double our capacity to patrol the northern coast." \
		--subject "coast guard" --property boats --value 5
	cl -C "$R" claim set boats-three reason "it was four"
	cl -C "$R" claim set boats-three status retracted
	# By hand: a quote not in its source, one that matches only once
	# normalized, a reference to a retracted claim, unknown ids, a duplicate.
	p=$(cd "$R" && "$CLAIMLOG" path boats-delivered)
	sed 's/the coast guard took delivery of four patrol boats/the navy took four boats/; s#</claim>#<conflict with="ghost-claim"/></claim>#' \
		"$R/$p" >"$R/$p.new" &&
		mv "$R/$p.new" "$R/$p"
	p=$(cd "$R" && "$CLAIMLOG" path boats-minister)
	sed 's/These boats double/These  boats   double/; s#</evidence>#<origin>boats-three</origin></evidence>#; s/Ana Petrović/Somebody Else/' \
		"$R/$p" >"$R/$p.new" && mv "$R/$p.new" "$R/$p"
	mkdir -p "$R/claims/mine" && cp "$R/$(cd "$R" && "$CLAIMLOG" path aid-share)" "$R/claims/mine/aid-share.xml"
}
