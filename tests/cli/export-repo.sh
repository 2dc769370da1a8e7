# export-repo.sh - sourced by the t07xx tests after lib.sh: a repository
# with two sources, claims that support and dispute each other, a quoted
# speaker, a cited origin, a conflict and a review verdict.
make_repo
cl -C "$R" claim add --id boats-delivered \
	--statement "The coast guard received four patrol boats in March 2021." \
	--source harbour-report --quote "the coast guard took delivery of four patrol boats" \
	--locator Deliveries --subject "Ruritanian coast guard" \
	--property "patrol boats delivered" --value 4 --unit boats --as-of 2021-03
cl -C "$R" claim add --id boats-double-capacity \
	--statement "The minister said the boats double patrol capacity." \
	--source harbour-report --speaker "Ana Petrović" \
	--quote '"These boats double our capacity to patrol the northern coast."'
cl -C "$R" claim add --id advance-payment \
	--statement "12 million euros were paid in advance." --source harbour-report \
	--quote "12 million euros were paid in advance" --subject "boat contract" \
	--property "advance payment" --value 12000000 --unit EUR --origin fn1
cl -C "$R" claim add --id boats-three --statement "Three patrol boats arrived in April 2021." \
	--source harbour-news --quote "received three patrol boats in April 2021" \
	--attribution hedged --subject "Ruritanian coast guard" \
	--property "patrol boats delivered" --value 3 --unit boats --as-of 2021-04
cl -C "$R" evidence add boats-three --source harbour-report \
	--quote "took delivery of four patrol boats" --stance disputes
cl -C "$R" evidence add boats-delivered --source harbour-news \
	--quote "put the contract at €48 million" --stance mentions
cl -C "$R" conflict add boats-delivered boats-three --note "four in March or three in April"
cl -C "$R" claim set boats-three verdict "Mostly false"
cl -C "$R" claim set boats-three review-scale 1..5
cl -C "$R" claim set boats-three review-rating 2
cl -C "$R" claim set boats-three review-by "Harbour Fact Check"
cl -C "$R" claim set boats-three review-date 2021-05-02
cl -C "$R" claim set boats-three review-url "https://factcheck.example/boats-three"
