#!/bin/sh
# build.sh - rebuild the bundled dataset (claims of the five seed documents).
# usage: CLAIMLOG=path/to/claimlog SEEDS=path/to/seeds sh docs/dataset/build.sh REPO
set -e
cl() { "$CLAIMLOG" -C "$REPO" "$@"; }

# The claims, evidence, conflicts and entities of the five documents in SEEDS
# (see docs/dataset/NOTES.md for the choices made and the doubtful points).
# Sources are recorded as external snapshots: only their metadata, hash and
# the short quotes below enter the repository, never the articles' text.
# Locators: "para N" counts the body paragraphs of an article (not its title,
# date line, headings, captions or reference list); the CSIS report, a PDF
# extraction without page numbers, is located by section, footnote (fn N) or
# infographic.  Check the quotes with: python3 docs/dataset/check_quotes.py

REPO=${1:?"usage: CLAIMLOG=path/to/claimlog SEEDS=path/to/seeds sh $0 REPO"}
: "${CLAIMLOG:?set CLAIMLOG to the claimlog binary}"
: "${SEEDS:?set SEEDS to the directory of the seed documents}"
[ -d "$REPO/.git" ] || "$CLAIMLOG" init "$REPO"

# ---------------------------------------------------------------- sources

cl source add "$SEEDS/000_e7760427c521e611.txt" \
	--external \
	--id nis-outpost-2025 \
	--title "Niš – Russian (… and Chinese) Outpost in the Balkans" \
	--published 2025-11-25 \
	--language en \
	--note "Dated 25.11.2025 on its first line; no author or publisher is named in the text."

cl source add "$SEEDS/001_cd8162e5bf8866d1.txt" \
	--external \
	--id specialeurasia-crossroads-2022 \
	--title "Serbia at the crossroads between the Chinese dragon and the Russian bear: new tensions in the Balkans?" \
	--author "Luca Urciuolo" \
	--publisher SpecialEurasia \
	--published 2022 \
	--language en \
	--note "Geopolitical Report ISSN 2785-2598, Volume 19 Issue 7. No date is printed; the latest event is 10 April 2022 and all ten references are from 2022 or earlier, hence 2022." \
	--cites "ref1=Vuk Vuksanovic (2022) Serbia's Arms Deals Show It's Tilting Away From Russia and Toward China, Foreign Policy." \
	--cites "ref2=Stetson Payne, Tyler Rogoway (2022) Half A Dozen Chinese Y-20 Cargo Jets Popped Up Over Europe Last Night (Updated), The War Zone." \
	--cites "ref3=Smriti Chaudhary (2020) Did Russian S-400 Got Dumped For Chinese Air Defence System By An Aspiring EU Nation?, EurAsian Times." \
	--cites "ref4=Jack Davies (2022) We Finally Know the Deadly Surprise Chinese Military Airlift Was Delivering Right to the Heart of Europe, The Western Journal." \
	--cites "ref5=СРНА (2022) Селаковић: Не уводимо санкције Русији, али је приоритет бржи пут у ЕУ, Глас Српске." \
	--cites "ref6=Alessandro Ferro (2022) Missili cinesi nel cuore dell'Europa: la mossa che preoccupa la Nato, Il Giornale." \
	--cites "ref7=Xinhua (2022) Xi meets Serbian president, hails ironclad friendship between China, Serbia, China Daily." \
	--cites "ref8=Branislav Urosevic (2022) Serbia to sign free trade deal with China by year-end – Vucic, SeeNews." \
	--cites "ref9=Vuk Vuksanovic (2022) With All Eyes on Russia, Serbia Nourishes Ties With China, The Diplomat."

cl source add "$SEEDS/002_f46cf923a10fd029.txt" \
	--external \
	--id vasilj-russia-serbia-2025 \
	--title "Russian-Serbian ties: secret services, economy and military" \
	--author "Eduard Vasilj" \
	--published 2025 \
	--language en \
	--note "No date is printed; the text reports events of 9 October and 22 October 2025, hence 2025. No publisher is named (\"Read more\" links and an author note only)."

cl source add "$SEEDS/003_bb0fb65586c83805.txt" \
	--external \
	--id csis-serbia-china-2020 \
	--title "Chinese economic activity in Serbia (CSIS report, second in a series)" \
	--publisher CSIS \
	--published 2020 \
	--language en \
	--note "Text extracted from a PDF; the title page is missing, so the title is descriptive (the text calls itself \"the second in a series\" and cites \"previous CSIS research\"). The latest dated reference is of 22 September 2020 (fn 96), hence 2020. Footnotes are keyed fnN." \
	--cites "fn2=Andrew Konitzer, \"Serbia Between East and West: Bratstvo, Balancing, and Business on Europe's Frontier,\" National Council for Eurasian and East European Research, July 6, 2010." \
	--cites "fn3=\"Political Relations Between the Republic of Serbia and the European Union,\" Ministry of Foreign Affairs of the Republic of Serbia; National Democratic Institute, Western Balkans Between East and West: Public Opinion Research (Washington, DC: 2018)." \
	--cites "fn4=Christopher Hartwell and Katarzyna Sidlo, Serbia's Cooperation with China, The European Union, Russia, and the United States of America (Brussels: European Parliament Directorate General for External Policies, November 2017)." \
	--cites "fn5=Samuel Ramani, \"China's Growing Ties With Serbia,\" Diplomat, February 29, 2016." \
	--cites "fn10=Svetlana Bozic Kraincanic and Mila Durdevic, \"Infografike,\" Radio Slobodna Evropa, June 4, 2020; on an earlier 2020 poll: International Republican Institute, Western Balkans Regional Poll (Washington, DC: 2020)." \
	--cites "fn11=Vuk Velebit, \"China Has Overtaken Russia as Serbia's Great Ally,\" Balkan Insight, July 8, 2020." \
	--cites "fn12=\"President Vucic: There is no Russian trace in the protests in Belgrade,\" MBS News, July 13, 2020." \
	--cites "fn15=Vuk Vuksanovic, \"From Russia With Love? Serbia's Lukewarm Reception of Russian Aid and Its Geopolitical Implications,\" LSE Ideas, June 2020." \
	--cites "fn16=\"Russian company U Gold dissatisfied with Serbia decision to sell copper company RTB Bor to Chinese Zijin,\" Mining SEE, September 17, 2018." \
	--cites "fn18=Republicki Zavod za Statistiku Srbije, Trendovi I Kvartal 2020 (Beograd, Srbija: Republika Srbija, 2020), 13-14." \
	--cites "fn23=Ben Wescott and Richard Roth, \"UN Members Issue Dueling Statements over China's Treatment of Uyghurs in Xinjiang,\" CNN, October 29, 2019; Catherine Putz, \"Which Countries Are For or Against China's Xinjiang Policies?\" Diplomat, July 15, 2019." \
	--cites "fn25=Stuart Lau, \"EU Parliament Mulling UN Court Action Against China's National Security Law for Hong Kong,\" South China Morning Post, June 12, 2020; \"Serbia Backs China Over Hong Kong,\" Euractiv, June 4, 2020." \
	--cites "fn28=Mu Xuequan, \"China Supports Settlement of Kosovo Issue through Dialogue: Envoy,\" Xinhua, June 11, 2019." \
	--cites "fn40=Balkans Investigative Reporting Network, phone interview with author, June 23, 2020." \
	--cites "fn59=Barbara Surk, \"As China Moves In, Serbia Reaps Benefits, With Strings Attached,\" New York Times, September 9, 2017." \
	--cites "fn60=Edit Inotai, \"Budapest to Belgrade: All Aboard the Secret Express,\" Balkan Insight, April 22, 2020; Nick Miller, \"'Why Are They Giving Us the Money?' Behind China's Plans to 'Rescue' a Decrepit Rail Link,\" Sydney Morning Herald, June 20, 2018." \
	--cites "fn63=Ibid. (fn 62: OECD, The COVID-19 Crisis in Serbia, Paris: OECD, 2020)." \
	--cites "fn68=Surk, \"As China Moves In, Serbia Reaps Benefits.\" (fn 59: New York Times, September 9, 2017)." \
	--cites "fn71=\"Shodan,\" Shodan, https://www.shodan.io/." \
	--cites "fn83=\"Huawei Backs Development of AI Platform in Serbia,\" Emerging Europe, November 7, 2019." \
	--cites "fn87=Kurt Bassuener, Pushing on an Open Door: Foreign Authoritarian Influence in the Western Balkans; [Alek]sandar Vasovic, \"Serbian purchase of missile defence system shows ties deepening with China,\" Reuters, August 3, 2020 (partly lost in the PDF extraction)." \
	--cites "fn91=\"Huawei and Serbia Strengthen Cooperation and Talent Cultivation in ICT,\" Huawei, September 2, 2015." \
	--cites "fn96=Majda Ruge and Stefan Vladisavljev, \"Serbia's 5G Deal with Washington: The Art of Muddling through,\" ECFR, September 22, 2020; Zhang Hui, \"Serbia vows to deepen telecommunication cooperation with China despite agreement signed in Washington,\" Global Times, September 18, 2020." \
	--cites "fn102=\"Huawei knows everything about cameras in Belgrade - and they are glad to share!,\" Share Foundation, March 29, 2019; \"Serbia,\" Freedom House." \
	--cites "fn104=Dusan Stojanovic, \"Chinese Snooping Tech Spreads to Nations Vulnerable to Abuse,\" Associated Press, October 16, 2019." \
	--cites "fn105=Stojkovski, \"Big Brother Comes to Belgrade.\" (fn 85: Bojan Stojkovski, Foreign Policy, June 18, 2019)." \
	--cites "fn111=\"Huawei Safe City Solution: Safeguards Serbia,\" Huawei (archived page)."

cl source add "$SEEDS/004_d37b4f459062b908.txt" \
	--external \
	--id serbia-us-china-2025 \
	--title "Serbia between the United States and China" \
	--published 2025 \
	--language en \
	--note "Untitled in the text (the title is descriptive) and no author or publisher is named. The year is not printed either: the SCO summit \"in early September\", the Trump administration's tariffs and Marco Rubio as a U.S. official place it in 2025."

# ---------------------------------------------------------------- entities
# One entity written several ways across (or within) the documents.
cl entity add "Niš" --alias Nis
cl entity add "Aleksandar Vučić" --alias Vucic
cl entity alias "Aleksandar Vučić" "Vucić"
cl entity alias "Aleksandar Vučić" "Vučić"
cl entity add "Russian-Serbian Humanitarian Center" --alias "Russian Humanitarian Centre in Niš"
cl entity alias "Russian-Serbian Humanitarian Center" "Niš center"
cl entity add "Constantine the Great Airport" --alias "Niš Airport"
cl entity add "Belgrade–Budapest railway" --alias "Budapest-Belgrade rail line"
cl entity alias "Belgrade–Budapest railway" "Belgrade-Budapest high-speed railway"
cl entity add "China Shandong International Economic and Technical Cooperation Group" --alias "Shandong International Economic and Technical Cooperation Group"
cl entity add "Shandong Hi-Speed Group" --alias "Shandong High-Speed Group"
cl entity alias "Shandong Hi-Speed Group" SDHS
cl entity add "HBIS Group" --alias HBIS
cl entity add "Zijin Mining" --alias Zijin
cl entity add "RTB Bor" --alias "Bor copper mine"
cl entity add FK-3 --alias HQ-22
cl entity add "People's Liberation Army Air Force" --alias PLAAF
cl entity add "Serbian Air Force" --alias "Serbia's air force"
cl entity add NATO --alias "North Atlantic Pact"
cl entity add 17+1 --alias 16+1
cl entity add Uyghurs --alias Uighur
cl entity add "Serbian Progressive Party" --alias SNS

# ---------------------------------------------------------------- 000: "Niš – Russian (… and Chinese) Outpost in the Balkans" (25.11.2025)

cl claim add --id nis-centre-age-13-years \
	--statement "As of November 2025 the Russian-Serbian Humanitarian Center in Niš had existed for 13 years." \
	--source nis-outpost-2025 \
	--quote "For 13 years, a Russian-Serbian Humanitarian Center has existed in Niš" \
	--locator "para 1" \
	--attribution author \
	--subject "Russian-Serbian Humanitarian Center" \
	--property "years in existence" \
	--value 13 \
	--unit years \
	--as-of 2025-11-25 \
	--years-since 2012 \
	--tag nis-centre \
	--note "The founding agreement was signed in 2012 (para 5): 2025 - 2012 = 13." \
	-m "From nis-outpost-2025, para 1."

cl claim add --id nis-centre-founding-agreement-2012 \
	--statement "Ivica Dačić, then Serbia's interior minister, signed the founding agreement of the Niš humanitarian center with Russia in 2012." \
	--source nis-outpost-2025 \
	--quote "Ivica Dačić, who signed the founding agreement for the humanitarian center with Russia (then interior minister) in 2012" \
	--locator "para 5" \
	--attribution author \
	--subject "Russian-Serbian Humanitarian Center" \
	--property "founding agreement signed" \
	--value 2012 \
	--tag nis-centre \
	-m "From nis-outpost-2025, para 5."

cl claim add --id nis-centre-russian-staff \
	--statement "The Niš center employs 25 Russian specialists." \
	--source nis-outpost-2025 \
	--quote "The center currently employs 25 Russian specialists." \
	--locator "para 2" \
	--attribution author \
	--subject "Russian-Serbian Humanitarian Center" \
	--property "russian specialists employed" \
	--value 25 \
	--unit people \
	--as-of 2025-11-25 \
	--tag nis-centre \
	-m "From nis-outpost-2025, para 2."

cl claim add --id nis-centre-intelligence-base \
	--statement "The Russian-Serbian Humanitarian Center in Niš is a Russian intelligence base (an allegation, not an established fact)." \
	--source nis-outpost-2025 \
	--quote "Western NGOs have been claiming from the very beginning that it is a Russian intelligence base" \
	--locator "para 1" \
	--attribution hedged \
	--stance mentions \
	--subject "Russian-Serbian Humanitarian Center" \
	--property function \
	--value "Russian intelligence base" \
	--status contested \
	--reason "Reported by 000 and 002 only as an allegation or suspicion; 000 says the critics have presented no evidence of espionage." \
	--tag nis-centre \
	--tag intelligence \
	--note "000 attributes the claim to Western NGOs and, in para 6, says no evidence has been presented." \
	-m "From nis-outpost-2025, para 1."
cl evidence add nis-centre-intelligence-base \
	--source nis-outpost-2025 \
	--quote "critics of the Russian-Serbian Humanitarian Center have not presented evidence of its espionage activities" \
	--locator "para 6" \
	--attribution author \
	--stance disputes

cl claim add --id nis-centre-eavesdropping \
	--statement "According to media reports, Russians at the Niš center eavesdrop on and monitor American military facilities in the Balkans." \
	--source nis-outpost-2025 \
	--quote "According to media reports, from the territory of the Russian-Serbian Humanitarian Center in Niš, the Russians eavesdrop on and monitor American military facilities in the Balkans." \
	--locator "para 1" \
	--attribution hedged \
	--stance mentions \
	--tag nis-centre \
	--tag intelligence \
	--note "Unnamed media reports; the same article says no evidence of espionage has been presented (para 6)." \
	-m "From nis-outpost-2025, para 1."

cl claim add --id nis-centre-distance-bondsteel \
	--statement "The Niš center is about 100 km from the American military base Bondsteel in Kosovo." \
	--source nis-outpost-2025 \
	--quote "about 100 km – to the American military base Bondsteel in Kosovo." \
	--locator "para 6" \
	--attribution author \
	--subject "Russian-Serbian Humanitarian Center" \
	--property "distance to camp bondsteel" \
	--value 100 \
	--unit km \
	--approx \
	--tag nis-centre \
	--note "Outside the seeds: a great-circle estimate from coordinates (Niš 43.32N 21.90E, Camp Bondsteel 42.36N 21.25E) gives about 120 km; unverified here." \
	-m "From nis-outpost-2025, para 6."

cl claim add --id nis-centre-diplomatic-status-not-granted \
	--statement "Belgrade has not granted the diplomatic status Russia requests for the Niš center." \
	--source nis-outpost-2025 \
	--quote "The request for diplomatic status is a subject of politicization, but Belgrade has not yet given in to Russia's demands." \
	--locator "para 5" \
	--attribution author \
	--subject "Russian-Serbian Humanitarian Center" \
	--property "diplomatic status" \
	--value "not granted" \
	--as-of 2025-11-25 \
	--tag nis-centre \
	-m "From nis-outpost-2025, para 5."

cl claim add --id dacic-western-pressure-nis-centre \
	--statement "Ivica Dačić said Western, especially US, pressure over the center's status exists because Americans see special status as a potential risk." \
	--source nis-outpost-2025 \
	--quote "pressure from the \"West\" (especially the United States) regarding the center's status exists because the Americans perceive the granting of special status as a potential risk." \
	--locator "para 5" \
	--speaker "Ivica Dačić" \
	--attribution quoted \
	--tag nis-centre \
	-m "From nis-outpost-2025, para 5."

cl claim add --id nis-centre-closure-talk-2022 \
	--statement "In 2022, after the war in Ukraine began, there was unofficial talk that Serbia would change the Niš center's status and then close it; it was never officially confirmed." \
	--source nis-outpost-2025 \
	--quote "In 2022, after the start of the war in Ukraine, there was unofficial talk that the Serbian authorities were planning to change the status of the Niš center" \
	--locator "para 7" \
	--attribution hedged \
	--as-of 2022 \
	--tag nis-centre \
	--note "The same sentence adds that \"no official confirmation was received\"." \
	-m "From nis-outpost-2025, para 7."

cl claim add --id passy-spy-base-120km \
	--statement "Solomon Passy, a former Bulgarian foreign minister, said Russia has \"a spy base in Niš, 120 kilometers west of Bulgaria\"." \
	--source nis-outpost-2025 \
	--quote "if they (the Russians) have a spy base in Niš, 120 kilometers west of Bulgaria." \
	--locator "para 8" \
	--speaker "Solomon Passy" \
	--attribution quoted \
	--subject "Niš" \
	--property "distance from bulgaria" \
	--value 120 \
	--unit km \
	--tag nis-centre \
	--note "Outside the seeds: Niš lies well under 120 km in a straight line from the nearest Bulgarian border (roughly 60-80 km); the figure may be a road distance. Unverified here." \
	-m "From nis-outpost-2025, para 8."

cl claim add --id nis-airport-mou-2025-06 \
	--statement "In June 2025 Serbia's construction and transport ministry signed an MoU with China Shandong International Economic and Technical Cooperation Group for the second phase of expanding Niš's Constantine the Great Airport." \
	--source nis-outpost-2025 \
	--quote "In June 2025, the Serbian Ministry of Construction, Transport and Infrastructure signed a memorandum of understanding with the Chinese company \"China Shandong International Economic and Technical Cooperation Group Ltd\"" \
	--locator "para 10" \
	--attribution author \
	--subject "Constantine the Great Airport" \
	--property "expansion memorandum signed (second phase)" \
	--value 2025-06 \
	--tag infrastructure \
	--tag nis \
	-m "From nis-outpost-2025, para 10."

cl claim add --id nis-airport-no-public-tender \
	--statement "The Chinese company for the Niš airport expansion was chosen without public procurement, under a Serbian-Chinese intergovernmental agreement on infrastructure." \
	--source nis-outpost-2025 \
	--quote "is not through a public procurement or competition, but on the basis of an Agreement on Economic and Technical Cooperation" \
	--locator "para 10" \
	--attribution author \
	--subject "Constantine the Great Airport" \
	--property "contractor selection" \
	--value "intergovernmental agreement, no public tender" \
	--tag infrastructure \
	--tag nis \
	--tag procurement \
	-m "From nis-outpost-2025, para 10."

cl claim add --id nis-airport-passengers \
	--statement "Niš Airport, Serbia's second largest, has handled around 400,000 passengers a year over the past two years." \
	--source nis-outpost-2025 \
	--quote "Over the past two years, Niš Airport, Serbia's second largest, has handled around 400,000 passengers annually." \
	--locator "para 11" \
	--attribution author \
	--subject "Constantine the Great Airport" \
	--property "passengers per year" \
	--value "400,000" \
	--unit passengers \
	--approx \
	--as-of 2024/2025 \
	--tag nis \
	--tag infrastructure \
	-m "From nis-outpost-2025, para 11."

cl claim add --id belgrade-budapest-serbian-section-183km \
	--statement "The Serbian section of the Belgrade–Budapest high-speed railway is 183 km long." \
	--source nis-outpost-2025 \
	--quote "The Serbian section, 183 kilometers long, is built to European standards" \
	--locator "para 13" \
	--attribution author \
	--subject "Belgrade–Budapest railway" \
	--property "length of serbian section" \
	--value 183 \
	--unit km \
	--tag infrastructure \
	--tag railway \
	-m "From nis-outpost-2025, para 13."

cl claim add --id belgrade-budapest-chinese-financing \
	--statement "The Serbian section of the Belgrade–Budapest railway is built with Chinese money (loans) and technology." \
	--source nis-outpost-2025 \
	--quote "is built to European standards, but with money and technology from China." \
	--locator "para 13" \
	--attribution author \
	--subject "Belgrade–Budapest railway" \
	--property "financing of serbian section" \
	--value "Chinese financing" \
	--tag infrastructure \
	--tag railway \
	--tag loans \
	-m "From nis-outpost-2025, para 13."

cl claim add --id fruska-gora-tunnel-cost \
	--statement "The Fruška Gora tunnel, the longest in Serbia, costs 606 million euros." \
	--source nis-outpost-2025 \
	--quote "as well as the €606 million Fruška Gora tunnel, the longest in the country." \
	--locator "para 15" \
	--attribution author \
	--subject "Fruška Gora tunnel" \
	--property cost \
	--value "606 million" \
	--unit EUR \
	--tag infrastructure \
	--note "Built, per the same sentence, by companies such as China Road and Bridge Corporation and Shandong High-Speed Group." \
	-m "From nis-outpost-2025, para 15."

cl claim add --id lajkovac-valjevo-road-chinese-builders \
	--statement "China Road and Bridge Corporation and Shandong High-Speed Group are building the Lajkovac-Valjevo road." \
	--source nis-outpost-2025 \
	--quote "China Road and Bridge Corporation and the aforementioned Shandong High-Speed Group are building the Lajkovac-Valevo road" \
	--locator "para 15" \
	--attribution author \
	--subject "Shandong Hi-Speed Group" \
	--property "road project in serbia" \
	--value "Lajkovac-Valjevo road" \
	--tag infrastructure \
	--tag companies \
	--note "The text spells the town \"Valevo\"; the road from Lajkovac leads to Valjevo." \
	-m "From nis-outpost-2025, para 15."

cl claim add --id serbia-key-bri-node \
	--statement "Serbia is a key node (link) of China's Belt and Road Initiative in Southeast Europe." \
	--source nis-outpost-2025 \
	--quote "making the country a key node of the Belt and Road Initiative in Southeast Europe." \
	--locator "para 14" \
	--attribution author \
	--subject Serbia \
	--property "role in the belt and road initiative" \
	--value "key node" \
	--as-of 2020 \
	--tag bri \
	-m "From nis-outpost-2025, para 14."

cl claim add --id serbia-eu-membership-23-years \
	--statement "As of November 2025 Serbia had been striving for EU membership for 23 years." \
	--source nis-outpost-2025 \
	--quote "but for 23 years it has been striving for EU membership." \
	--locator "para 1" \
	--attribution author \
	--subject Serbia \
	--property "years striving for eu membership" \
	--value 23 \
	--unit years \
	--as-of 2025-11-25 \
	--tag eu \
	--note "Implies a start around 2002; 001 dates the formal EU application to 2009 (not a contradiction: striving is not applying)." \
	-m "From nis-outpost-2025, para 1."

cl claim add --id serbia-not-nato-member \
	--statement "Serbia is not a NATO member." \
	--source nis-outpost-2025 \
	--quote "Serbia is not a NATO member state" \
	--locator "para 1" \
	--attribution author \
	--subject Serbia \
	--property "nato member" \
	--value no \
	--as-of 2025 \
	--tag nato \
	-m "From nis-outpost-2025, para 1."

cl claim add --id serbia-surrounded-by-nato \
	--statement "Serbia is surrounded by NATO member states." \
	--source nis-outpost-2025 \
	--quote "country, surrounded by NATO member states: Hungary, Romania, Bulgaria, North Macedonia, Montenegro." \
	--locator "para 1" \
	--attribution author \
	--subject Serbia \
	--property neighbours \
	--value "NATO member states" \
	--as-of 2022 \
	--tag nato \
	--tag geography \
	--note "000 lists five NATO neighbours. Outside the seeds: Serbia also borders Croatia (NATO), Bosnia and Herzegovina (not NATO) and Kosovo, so \"surrounded\" is approximate." \
	-m "From nis-outpost-2025, para 1."

cl claim add --id us-sanctions-shrink-russian-energy-role \
	--statement "US sanctions are drastically shrinking Russia's influence in Serbia's energy sector." \
	--source nis-outpost-2025 \
	--quote "Due to the US sanctions policy, Russia's influence in the Serbian energy sector is drastically shrinking." \
	--locator "para 22" \
	--attribution author \
	--subject Russia \
	--property "influence in serbia's energy sector" \
	--value "shrinking under US sanctions" \
	--as-of 2025-11 \
	--tag energy \
	--tag sanctions \
	-m "From nis-outpost-2025, para 22."

cl claim add --id china-russia-complementary-in-serbia \
	--statement "China and Russia avoid competing with each other in Serbia and the Balkans; their interests complement each other." \
	--source nis-outpost-2025 \
	--quote "For now, the two great powers are avoiding competing projects and undermining each other's initiatives." \
	--locator "para 20" \
	--attribution author \
	--subject "China and Russia in Serbia" \
	--property "relation between their activities" \
	--value "complementary, avoiding competition" \
	--tag china-russia \
	-m "From nis-outpost-2025, para 20."
cl evidence add china-russia-complementary-in-serbia \
	--source nis-outpost-2025 \
	--quote "In the case of Niš airport, the interests of both countries complement each other." \
	--locator "para 19" \
	--attribution author \
	--stance supports

# ---------------------------------------------------------------- 001: SpecialEurasia, "Serbia at the crossroads between the Chinese dragon and the Russian bear" (2022)

cl claim add --id fk3-delivery-2022-04-10 \
	--statement "On 10 April 2022 six Chinese Y-20 cargo jets landed at Belgrade's Nikola Tesla airport delivering FK-3 surface-to-air missile systems to the Serbian military." \
	--source specialeurasia-crossroads-2022 \
	--quote "On April 10th, 2022, six Chinese Y-20 cargo jets landed at Nikola Tesla International Airport in Belgrade, delivering FK-3 surface-to-air missile systems to the Serbian military." \
	--locator "para 3" \
	--attribution cited \
	--origin ref2 \
	--subject "Serbian Armed Forces" \
	--property "fk-3 delivery date" \
	--value 2022-04-10 \
	--tag military \
	--tag air-defence \
	--tag fk-3 \
	-m "From specialeurasia-crossroads-2022, para 3."

cl claim add --id fk3-chosen-over-s300 \
	--statement "Serbia reportedly chose the Chinese FK-3 over its approximate Russian counterpart, the S-300." \
	--source specialeurasia-crossroads-2022 \
	--quote "Serbia reportedly chose them over its approximate Russian counterpart, the S-300." \
	--locator "para 3" \
	--attribution hedged \
	--tag military \
	--tag air-defence \
	--tag fk-3 \
	--note "\"reportedly\": the article does not say who reported it." \
	-m "From specialeurasia-crossroads-2022, para 3."

cl claim add --id ch92a-delivery-2020-06 \
	--statement "Serbia's air force received its CH-92A combat drones from China in June 2020, the first Chinese military drones deployed by a European country." \
	--source specialeurasia-crossroads-2022 \
	--quote "in June 2020, Serbia became the first European nation to deploy Chinese uncrewed aerial vehicles when Serbia's air force received six CH-92A combat drones armed with laser-guided missiles." \
	--locator "para 5" \
	--attribution cited \
	--origin ref3 \
	--subject "Serbian Air Force" \
	--property "ch-92a drones delivered (date)" \
	--value 2020-06 \
	--tag military \
	--tag drones \
	-m "From specialeurasia-crossroads-2022, para 5."

cl claim add --id ch92a-drones-count \
	--statement "Serbia's air force received six CH-92A combat drones armed with laser-guided missiles." \
	--source specialeurasia-crossroads-2022 \
	--quote "Serbia's air force received six CH-92A combat drones armed with laser-guided missiles." \
	--locator "para 5" \
	--attribution cited \
	--origin ref3 \
	--subject "Serbian Air Force" \
	--property "ch-92a drones delivered" \
	--value 6 \
	--unit drones \
	--as-of 2020-06 \
	--tag military \
	--tag drones \
	-m "From specialeurasia-crossroads-2022, para 5."

cl claim add --id arms-from-russia-and-china \
	--statement "Serbia has been equipping its armed forces with Russian and Chinese arms, including warplanes and battle tanks." \
	--source specialeurasia-crossroads-2022 \
	--quote "boosting its armed forces with Russian and Chinese arms, including warplanes, battle tanks" \
	--locator "para 5" \
	--attribution author \
	--subject Serbia \
	--property "arms suppliers" \
	--value "Russia and China" \
	--as-of 2022 \
	--tag military \
	-m "From specialeurasia-crossroads-2022, para 5."

cl claim add --id fk3-missiles-per-battery \
	--statement "An FK-3 battery has one radar vehicle and three launchers with four missiles each, i.e. 12 missiles." \
	--source specialeurasia-crossroads-2022 \
	--quote "one battery consists of a vehicle with radar and three launch vehicles, each of which has four missiles" \
	--locator "para 6" \
	--attribution author \
	--subject FK-3 \
	--property "missiles per battery" \
	--value 12 \
	--unit missiles \
	--sum-of 4+4+4 \
	--tag military \
	--tag fk-3 \
	--note "Three launchers with four missiles each; the next sentence gives the same total (\"12 missiles\")." \
	-m "From specialeurasia-crossroads-2022, para 6."
cl evidence add fk3-missiles-per-battery \
	--source specialeurasia-crossroads-2022 \
	--quote "One battery can operate simultaneously with 12 missiles of 6 targets." \
	--locator "para 6" \
	--attribution author \
	--stance supports

cl claim add --id fk3-is-hq22 \
	--statement "The FK-3 is also known as the HQ-22, developed by Jiangnan Space Industry (\"Base 061\")." \
	--source specialeurasia-crossroads-2022 \
	--quote "The other name of the missile system is HQ-22, developed by Jiangnan Space Industry" \
	--locator "para 6" \
	--attribution author \
	--subject FK-3 \
	--property "chinese designation" \
	--value HQ-22 \
	--tag military \
	--tag fk-3 \
	-m "From specialeurasia-crossroads-2022, para 6."

cl claim add --id vucic-fk3-deterrent \
	--statement "Aleksandar Vučić said the missile deliveries were not a threat but a \"powerful deterrent\"." \
	--source specialeurasia-crossroads-2022 \
	--quote "Vučić affirmed that these missile deliveries should not be seen as a threat but only as a \"powerful deterrent\"" \
	--locator "para 6" \
	--speaker "Aleksandar Vučić" \
	--attribution quoted \
	--tag military \
	--tag fk-3 \
	--note "The article gives ref [4] (The Western Journal, 2022) for this paragraph." \
	-m "From specialeurasia-crossroads-2022, para 6."

cl claim add --id serbia-no-sanctions-on-russia \
	--statement "Serbia has not imposed sanctions on Russia." \
	--source specialeurasia-crossroads-2022 \
	--quote "We are not imposing sanctions on the Russian Federation, but our priority objective is a faster European path" \
	--locator "para 7" \
	--speaker "Nikola Selaković" \
	--attribution quoted \
	--subject Serbia \
	--property "sanctions on russia" \
	--value "not imposed" \
	--as-of 2022 \
	--tag sanctions \
	--tag russia \
	--note "Foreign minister Nikola Selaković on RTS (ref [5]); 002 and 004 say the same in 2025." \
	-m "From specialeurasia-crossroads-2022, para 7."

cl claim add --id vulin-nato-1999-crime \
	--statement "Aleksandar Vulin said the 1999 NATO bombing was a crime against a sovereign nation that seriously violated international law." \
	--source specialeurasia-crossroads-2022 \
	--quote "was a crime against a sovereign nation and its people and seriously violated international law" \
	--locator "para 9" \
	--speaker "Aleksandar Vulin" \
	--attribution quoted \
	--tag nato-1999 \
	--note "Vulin was Minister of Internal Affairs; the article gives ref [6] (Il Giornale, 2022)." \
	-m "From specialeurasia-crossroads-2022, para 9."

cl claim add --id serbia-eu-application-2009 \
	--statement "Serbia applied to join the EU in 2009." \
	--source specialeurasia-crossroads-2022 \
	--quote "especially after Belgrade applied to join the EU in 2009." \
	--locator "para 10" \
	--attribution author \
	--subject Serbia \
	--property "eu membership application" \
	--value 2009 \
	--tag eu \
	-m "From specialeurasia-crossroads-2022, para 10."

cl claim add --id serbia-joined-bri-2019 \
	--statement "Serbia joined the Belt and Road Initiative in 2019, six years after the 2013 declaration." \
	--source specialeurasia-crossroads-2022 \
	--quote "Six years later, Serbia joined the Belt and Road Initiative" \
	--locator "para 10" \
	--attribution author \
	--subject Serbia \
	--property "joined the belt and road initiative" \
	--value 2019 \
	--status open \
	--reason "The year is derived from \"six years later\" than 2013; the other seeds give no year, and CSIS treats Serbia as a key BRI link already before 2019." \
	--tag bri \
	--note "Outside the seeds (unverified here): Serbia is usually said to have signed a BRI memorandum in 2015." \
	-m "From specialeurasia-crossroads-2022, para 10."

cl claim add --id huawei-safe-city-belgrade \
	--statement "Huawei installed security cameras with facial recognition in Belgrade (the \"Safe City\" system)." \
	--source specialeurasia-crossroads-2022 \
	--quote "installing security cameras equipped with a facial recognition system in Belgrade" \
	--locator "para 10" \
	--attribution author \
	--subject Huawei \
	--property "project in belgrade" \
	--value "facial-recognition cameras (Safe City)" \
	--as-of 2020 \
	--tag huawei \
	--tag surveillance \
	--tag digital \
	-m "From specialeurasia-crossroads-2022, para 10."

cl claim add --id huawei-smart-city-nis \
	--statement "Huawei is creating a \"smart city\" system in Niš." \
	--source specialeurasia-crossroads-2022 \
	--quote "creating a \"smart city\" in Niš" \
	--locator "para 10" \
	--attribution author \
	--subject Huawei \
	--property "project in niš" \
	--value "smart city" \
	--as-of 2020 \
	--tag huawei \
	--tag digital \
	--tag nis \
	-m "From specialeurasia-crossroads-2022, para 10."

cl claim add --id huawei-kragujevac-data-centre \
	--statement "Huawei is involved in the (state) data centre in Kragujevac." \
	--source specialeurasia-crossroads-2022 \
	--quote "and managing a data centre in Kragujevac." \
	--locator "para 10" \
	--attribution author \
	--subject Huawei \
	--property "project in kragujevac" \
	--value "data centre" \
	--as-of 2020 \
	--tag huawei \
	--tag digital \
	--note "001 says Huawei manages it; CSIS says the state-owned centre uses equipment and expertise provided by Huawei." \
	-m "From specialeurasia-crossroads-2022, para 10."

cl claim add --id huawei-out-of-5g \
	--statement "As of 2022 Serbia's 5G network remained out of Huawei's reach." \
	--source specialeurasia-crossroads-2022 \
	--quote "The country's 5G Internet network remains out of Huawei's reach." \
	--locator "para 11" \
	--attribution author \
	--subject Huawei \
	--property "role in serbia's 5g network" \
	--value none \
	--as-of 2022 \
	--tag huawei \
	--tag 5g \
	--note "CSIS (2020) says Huawei's 5G equipment was being tested in Serbia; not a contradiction (testing is not a network)." \
	-m "From specialeurasia-crossroads-2022, para 11."

cl claim add --id us-5g-agreement-2020-09 \
	--statement "In September 2020 Serbia signed a US-brokered agreement to keep \"untrusted\"/\"unreliable\" vendors out of its 5G networks." \
	--source specialeurasia-crossroads-2022 \
	--quote "because of the U.S.-brokered September 2020 agreement, the Serbian government is still postponing its bidding tender for the 5G spectrum" \
	--locator "para 21" \
	--attribution author \
	--subject Serbia \
	--property "us 5g vendor agreement signed" \
	--value 2020-09 \
	--tag 5g \
	--tag usa \
	-m "From specialeurasia-crossroads-2022, para 21."
cl evidence add us-5g-agreement-2020-09 \
	--source specialeurasia-crossroads-2022 \
	--quote "Two years ago, Vučić signed an agreement with the United States that \"unreliable\" suppliers should not access this sector." \
	--locator "para 11" \
	--attribution author \
	--stance supports

cl claim add --id us-5g-agreement-years-before-article \
	--statement "The 5G agreement with the United States was signed two years before the article (2020 to 2022)." \
	--source specialeurasia-crossroads-2022 \
	--quote "Two years ago, Vučić signed an agreement with the United States" \
	--locator "para 11" \
	--attribution author \
	--subject Serbia \
	--property "years since the us 5g agreement" \
	--value 2 \
	--unit years \
	--as-of 2022 \
	--years-since 2020 \
	--tag 5g \
	--tag usa \
	-m "From specialeurasia-crossroads-2022, para 11."

cl claim add --id vucic-beijing-olympics-2022-02 \
	--statement "In early February 2022 Vučić attended the opening of the Beijing Winter Olympics and celebrated an \"iron-clad friendship\" with Xi Jinping." \
	--source specialeurasia-crossroads-2022 \
	--quote "In early February, Vucić attended the inauguration of the Beijing Winter Olympic Games" \
	--locator "para 13" \
	--attribution cited \
	--origin ref7 \
	--subject "Aleksandar Vučić" \
	--property "attended beijing winter olympics opening" \
	--value 2022-02 \
	--tag china \
	-m "From specialeurasia-crossroads-2022, para 13."

cl claim add --id serbia-china-fta-trade-target \
	--statement "Serbian leaders announced a free trade agreement with China by the end of 2022, to raise bilateral trade to \$8 billion a year and later \$10 billion." \
	--source specialeurasia-crossroads-2022 \
	--quote "would sign a free trade agreement to increase bilateral trade to \$8 billion a year and later \$10 billion." \
	--locator "para 13" \
	--attribution cited \
	--origin ref8 \
	--subject "Serbia–China trade" \
	--property "announced annual trade target" \
	--value "8 billion" \
	--unit USD \
	--as-of 2022 \
	--tag china \
	--tag trade \
	--note "A target announced by the Serbian leadership, not an outcome; the later target is \$10 billion." \
	-m "From specialeurasia-crossroads-2022, para 13."

cl claim add --id vucic-kissed-chinese-flag \
	--statement "During the Covid-19 pandemic (2020) Vučić kissed the Chinese flag in gratitude for China's medical aid." \
	--source specialeurasia-crossroads-2022 \
	--quote "While Vucic kissed the Chinese flag in gratitude for Beijing's medical aid" \
	--locator "para 14" \
	--attribution author \
	--subject "Aleksandar Vučić" \
	--property "kissed the chinese flag" \
	--value 2020 \
	--tag covid \
	--tag china \
	-m "From specialeurasia-crossroads-2022, para 14."

cl claim add --id china-replacing-russia-as-partner \
	--statement "Since 2020 Serbia has gradually replaced Russia with China as its main non-Western partner (\"best friend in the East\")." \
	--source specialeurasia-crossroads-2022 \
	--quote "Since at least 2020 and the start of the COVID-19 pandemic, Serbia has gradually replaced Russia with China as its best friend in the East." \
	--locator "para 14" \
	--attribution author \
	--subject Serbia \
	--property "main non-western partner" \
	--value "China (replacing Russia)" \
	--as-of 2020 \
	--tag china-russia \
	-m "From specialeurasia-crossroads-2022, para 14."
cl evidence add china-replacing-russia-as-partner \
	--source specialeurasia-crossroads-2022 \
	--quote "replacing Russia with China as Serbia's primary non-Western partner." \
	--locator "para 2" \
	--attribution cited \
	--stance supports \
	--origin ref1

cl claim add --id covid-protests-blamed-on-russia \
	--statement "Serbia's pro-government side linked the violent 2020 anti-lockdown protests to pro-Russian forces." \
	--source specialeurasia-crossroads-2022 \
	--quote "the pro-government media accused pro-Russian forces of instigating the demonstrations" \
	--locator "para 14" \
	--attribution author \
	--as-of 2020 \
	--tag covid \
	--tag russia \
	-m "From specialeurasia-crossroads-2022, para 14."

cl claim add --id serbia-russia-partnership-opportunistic \
	--statement "The Serbian-Russian partnership is opportunistic, a relationship of convenience." \
	--source specialeurasia-crossroads-2022 \
	--quote "Despite all the Slavic and Orthodox ties talks, the Serbo-Russian partnership is opportunistic." \
	--locator "para 15" \
	--attribution author \
	--subject "Serbia–Russia relationship" \
	--property nature \
	--value opportunistic \
	--tag russia \
	-m "From specialeurasia-crossroads-2022, para 15."

cl claim add --id serbia-depends-on-russian-energy \
	--statement "Serbia depends on Russian gas and energy." \
	--source specialeurasia-crossroads-2022 \
	--quote "Moreover, Serbia is dependent on Russian gas." \
	--locator "para 17" \
	--attribution author \
	--subject Serbia \
	--property "energy dependence on russia" \
	--value dependent \
	--as-of 2022 \
	--tag energy \
	--tag russia \
	-m "From specialeurasia-crossroads-2022, para 17."

cl claim add --id russia-gas-deal-2021-11 \
	--statement "In November 2021 Belgrade and Moscow agreed a favourable gas price for Serbia for six months." \
	--source specialeurasia-crossroads-2022 \
	--quote "In November 2021, Belgrade and Moscow agreed on a six-month beneficial gas price for Belgrade" \
	--locator "para 17" \
	--attribution cited \
	--origin ref9 \
	--subject "Serbia–Russia gas deal" \
	--property "duration of the preferential price" \
	--value 6 \
	--unit months \
	--as-of 2021-11 \
	--tag energy \
	--tag russia \
	-m "From specialeurasia-crossroads-2022, para 17."

cl claim add --id russia-backs-serbia-on-kosovo \
	--statement "Russia backs Serbia on Kosovo in the UN." \
	--source specialeurasia-crossroads-2022 \
	--quote "Serbia is still dependent on Russian backing in the U.N. in the Kosovo dispute." \
	--locator "para 16" \
	--attribution author \
	--subject Russia \
	--property "position on kosovo" \
	--value "supports Serbia" \
	--as-of 2022 \
	--tag kosovo \
	--tag russia \
	-m "From specialeurasia-crossroads-2022, para 16."

cl claim add --id eu-serbia-largest-economic-partner \
	--statement "The EU is Serbia's largest (primary) economic partner." \
	--source specialeurasia-crossroads-2022 \
	--quote "Its primary economic partner is the EU." \
	--locator "para 16" \
	--attribution author \
	--subject Serbia \
	--property "largest economic partner" \
	--value "European Union" \
	--as-of 2022 \
	--tag eu \
	--tag trade \
	-m "From specialeurasia-crossroads-2022, para 16."

# ---------------------------------------------------------------- 002: Eduard Vasilj, "Russian-Serbian ties: secret services, economy and military" (2025)

cl claim add --id serbia-russia-deeply-rooted \
	--statement "The relationship between Serbia and Russia is deeply rooted in a historical continuity beyond traditional diplomacy." \
	--source vasilj-russia-serbia-2025 \
	--quote "The relationship between Serbia and Russia is deeply rooted in a historical continuity that goes beyond traditional diplomacy." \
	--locator "para 1" \
	--attribution author \
	--subject "Serbia–Russia relationship" \
	--property nature \
	--value "deeply rooted historical alliance" \
	--tag russia \
	-m "From vasilj-russia-serbia-2025, para 1."

cl claim add --id belgrade-liberated-red-army-1944 \
	--statement "Belgrade was liberated by the Red Army in 1944." \
	--source vasilj-russia-serbia-2025 \
	--quote "the liberation of Belgrade by the Red Army in 1944" \
	--locator "para 1" \
	--attribution author \
	--subject Belgrade \
	--property "liberated by the red army" \
	--value 1944 \
	--tag russia \
	--tag history \
	-m "From vasilj-russia-serbia-2025, para 1."

cl claim add --id nis-oil-gazprom-neft-2008 \
	--statement "Gazprom Neft took over the Serbian oil company NIS (Naftna Industrija Srbije) in 2008." \
	--source vasilj-russia-serbia-2025 \
	--quote "Gazprom Neft's takeover of the Serbian oil company NIS (Naftna Industrija Srbije) in 2008" \
	--locator "para 3" \
	--attribution author \
	--subject "Naftna Industrija Srbije" \
	--property "taken over by gazprom neft" \
	--value 2008 \
	--tag energy \
	--tag russia \
	-m "From vasilj-russia-serbia-2025, para 3."

cl claim add --id us-sanctions-nis-2025-10-09 \
	--statement "US sanctions against the oil company NIS have been in force since 9 October 2025." \
	--source vasilj-russia-serbia-2025 \
	--quote "US sanctions against NIS have been in force since 9 October 2025." \
	--locator "para 3" \
	--attribution author \
	--subject "Naftna Industrija Srbije" \
	--property "us sanctions in force since" \
	--value 2025-10-09 \
	--tag energy \
	--tag sanctions \
	-m "From vasilj-russia-serbia-2025, para 3."

cl claim add --id serbia-russia-trade-2021 \
	--statement "Serbian-Russian bilateral trade reached nearly 3 billion US dollars by 2021." \
	--source vasilj-russia-serbia-2025 \
	--quote "reaching nearly US\$3 billion by 2021." \
	--locator "para 4" \
	--attribution author \
	--subject "Serbia–Russia trade" \
	--property "bilateral trade" \
	--value "3 billion" \
	--unit USD \
	--approx \
	--as-of 2021 \
	--tag trade \
	--tag russia \
	-m "From vasilj-russia-serbia-2025, para 4."

cl claim add --id mig29-from-russia \
	--statement "Serbia has procured 14 MiG-29 jets from Russia." \
	--source vasilj-russia-serbia-2025 \
	--quote "Serbia has procured various Russian weapon systems, including: - 14 MiG-29 jets" \
	--locator "para 6" \
	--attribution author \
	--subject Serbia \
	--property "mig-29 jets procured from russia" \
	--value 14 \
	--unit aircraft \
	--tag military \
	--tag russia \
	-m "From vasilj-russia-serbia-2025, para 6."

cl claim add --id kh31-smuggled \
	--statement "Russian Kh-31 missiles were smuggled into Serbia via NATO and EU airspace despite sanctions." \
	--source vasilj-russia-serbia-2025 \
	--quote "Kh-31 missiles, smuggled in via NATO and EU airspace despite existing sanctions" \
	--locator "para 6 (list)" \
	--attribution author \
	--tag military \
	--tag russia \
	--tag sanctions \
	--note "A serious allegation that the article states without giving a source." \
	-m "From vasilj-russia-serbia-2025, para 6 (list)."

cl claim add --id tor-m2km-expected \
	--statement "Russia's Tor M2KM air defence system is expected to be delivered to Serbia despite the embargo." \
	--source vasilj-russia-serbia-2025 \
	--quote "the Russian Tor M2KM air defence system is expected to be delivered despite the embargo" \
	--locator "para 7" \
	--attribution author \
	--status open \
	--reason "A forecast (\"is expected\"); the article does not say by whom." \
	--tag military \
	--tag russia \
	--tag air-defence \
	-m "From vasilj-russia-serbia-2025, para 7."

cl claim add --id serbia-pfp-since-2006 \
	--statement "Serbia has been a member of NATO's Partnership for Peace since 14 December 2006." \
	--source vasilj-russia-serbia-2025 \
	--quote "since 14 December 2006, Serbia has been an official member of the Partnership for Peace (PfP) initiative" \
	--locator "para 8" \
	--attribution author \
	--subject Serbia \
	--property "joined partnership for peace" \
	--value 2006-12-14 \
	--tag nato \
	-m "From vasilj-russia-serbia-2025, para 8."

cl claim add --id serbia-only-formal-security-ties-russia \
	--statement "Serbia is the only country in the region with formal cooperation agreements with Russian security structures." \
	--source vasilj-russia-serbia-2025 \
	--quote "Serbia is the only country in the region with formal cooperation agreements with Russian security structures." \
	--locator "para 10" \
	--attribution author \
	--tag intelligence \
	--tag russia \
	-m "From vasilj-russia-serbia-2025, para 10."

cl claim add --id moldova-suspects-trained-in-serbia \
	--statement "Two pro-Russian suspects said they and around 200 other people had three days of paramilitary training in Serbia." \
	--source vasilj-russia-serbia-2025 \
	--quote "Two pro-Russian suspects stated that they and around 200 other people had undergone three days of paramilitary training in Serbia." \
	--locator "para 11" \
	--speaker "Two pro-Russian suspects" \
	--attribution quoted \
	--subject "Moldova pre-election arrests" \
	--property "people trained in serbia (per suspects)" \
	--value 200 \
	--unit people \
	--approx \
	--as-of 2025-09 \
	--tag intelligence \
	--tag moldova \
	--note "Statements of suspects, not established facts." \
	-m "From vasilj-russia-serbia-2025, para 11."

cl claim add --id paris-pig-heads-serbian-involvement \
	--statement "Serbian involvement was suspected in the September 2025 pig heads placed at Paris mosques; further suspects were arrested in Belgrade." \
	--source vasilj-russia-serbia-2025 \
	--quote "Serbian involvement was also suspected; further members were arrested in Belgrade." \
	--locator "para 11" \
	--attribution hedged \
	--as-of 2025-09 \
	--tag intelligence \
	--note "\"was also suspected\": the article does not say by whom." \
	-m "From vasilj-russia-serbia-2025, para 11."

cl claim add --id russians-moved-to-serbia \
	--statement "Around 200,000 Russians are said to have moved to Serbia since the start of the war in Ukraine." \
	--source vasilj-russia-serbia-2025 \
	--quote "Since the start of the war in Ukraine, around 200,000 Russians are said to have moved to Serbia" \
	--locator "para 12" \
	--attribution hedged \
	--subject Serbia \
	--property "russians who moved to serbia since 2022" \
	--value "200,000" \
	--unit people \
	--approx \
	--as-of 2022/2025 \
	--tag russia \
	--note "\"are said to\": no source is given." \
	-m "From vasilj-russia-serbia-2025, para 12."

cl claim add --id us-tariff-serbia-35pct \
	--statement "The US imposed punitive tariffs of 35% on Serbia, the highest rate in Europe after Switzerland." \
	--source vasilj-russia-serbia-2025 \
	--quote "The US has imposed punitive tariffs of 35%, the highest rate in Europe after Switzerland" \
	--locator "para 16" \
	--attribution author \
	--subject Serbia \
	--property "us tariff rate" \
	--value 35 \
	--unit "%" \
	--as-of 2025 \
	--tag usa \
	--tag trade \
	-m "From vasilj-russia-serbia-2025, para 16."

cl claim add --id novi-sad-collapse-deaths \
	--statement "16 people died in the collapse in Novi Sad on 1 November 2024." \
	--source vasilj-russia-serbia-2025 \
	--quote "a bus station roof in Novi Sad on 1 November 2024, in which 16 people died." \
	--locator "para 19" \
	--attribution author \
	--subject "2024 Novi Sad collapse" \
	--property deaths \
	--value 16 \
	--unit people \
	--tag novi-sad \
	-m "From vasilj-russia-serbia-2025, para 19."

cl claim add --id novi-sad-collapse-bus-station-roof \
	--statement "The structure that collapsed in Novi Sad was a bus station roof." \
	--source vasilj-russia-serbia-2025 \
	--quote "the collapse of a bus station roof in Novi Sad" \
	--locator "para 19" \
	--attribution author \
	--subject "2024 Novi Sad collapse" \
	--property structure \
	--value "bus station roof" \
	--tag novi-sad \
	-m "From vasilj-russia-serbia-2025, para 19."

cl claim add --id eu-parliament-resolution-2025-10-22 \
	--statement "On 22 October 2025 the European Parliament sent a strong signal against Vučić's government, accusing it of suppressing protests, intimidating the media and undermining democratic institutions." \
	--source vasilj-russia-serbia-2025 \
	--quote "On 22 October 2025, the European Parliament sent a strong signal against Vučić's government." \
	--locator "para 24" \
	--attribution author \
	--subject "European Parliament" \
	--property "criticised the serbian government" \
	--value 2025-10-22 \
	--tag eu \
	-m "From vasilj-russia-serbia-2025, para 24."

cl claim add --id von-der-leyen-costa-democratic-serbia \
	--statement "On 11 December Ursula von der Leyen and António Costa declared on X that the EU expects a democratic Serbia." \
	--source vasilj-russia-serbia-2025 \
	--quote "On 11 December, Ursula von der Leyen and European Council President António Costa declared on X that the EU expects a democratic Serbia in the future." \
	--locator "para 24" \
	--speaker "Ursula von der Leyen" \
	--attribution quoted \
	--status open \
	--reason "The year of \"11 December\" is not given; in the text it follows an event of 22 October 2025." \
	--tag eu \
	-m "From vasilj-russia-serbia-2025, para 24."

# ---------------------------------------------------------------- 003: CSIS report on Chinese economic activity in Serbia (2020)

cl claim add --id poll-2005-rely-on-china \
	--statement "In a 2005 study only 3% of Serbian respondents said Serbia should rely on China for its foreign policy (32% said the EU, 34% Russia)." \
	--source csis-serbia-china-2020 \
	--quote "only 3 percent of respondents said China, compared to 32 percent in favor of reliance on the European Union and 34 percent on Russia." \
	--locator "Political Impacts" \
	--attribution cited \
	--origin fn2 \
	--subject "Serbian public" \
	--property "should rely on china in foreign policy" \
	--value 3 \
	--unit "%" \
	--as-of 2005 \
	--tag polls \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id poll-2018-favourable-china \
	--statement "In a 2018 poll 56% of Serbians held favourable opinions of China." \
	--source csis-serbia-china-2020 \
	--quote "in a more recent opinion poll in 2018, 56 percent of Serbians polled held favorable opinions of China" \
	--locator "Political Impacts" \
	--attribution cited \
	--origin fn3 \
	--subject "Serbian public" \
	--property "favourable opinion of china" \
	--value 56 \
	--unit "%" \
	--as-of 2018 \
	--tag polls \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id poll-2018-favourable-eu \
	--statement "In the 2018 poll 27% of Serbians held favourable opinions of the EU." \
	--source csis-serbia-china-2020 \
	--quote "more than twice as many as those with favorable opinions of the European Union (27 percent)" \
	--locator "Political Impacts" \
	--attribution cited \
	--origin fn3 \
	--subject "Serbian public" \
	--property "favourable opinion of the eu" \
	--value 27 \
	--unit "%" \
	--as-of 2018 \
	--tag polls \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id poll-2018-favourable-russia \
	--statement "In the 2018 poll 60% of Serbians held favourable opinions of Russia." \
	--source csis-serbia-china-2020 \
	--quote "only slightly fewer than those with favorable opinions of Russia (60 percent)." \
	--locator "Political Impacts" \
	--attribution cited \
	--origin fn3 \
	--subject "Serbian public" \
	--property "favourable opinion of russia" \
	--value 60 \
	--unit "%" \
	--as-of 2018 \
	--tag polls \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id eu-foreign-policy-alignment-2012 \
	--statement "In 2012 Serbia aligned with 99% of EU foreign policy declarations." \
	--source csis-serbia-china-2020 \
	--quote "Serbia's alignment with EU foreign policy declarations decreased from 99 percent alignment in 2012 to 59 percent in 2016" \
	--locator "Political Impacts" \
	--attribution cited \
	--origin fn4 \
	--subject Serbia \
	--property "alignment with eu foreign policy declarations" \
	--value 99 \
	--unit "%" \
	--as-of 2012 \
	--tag eu \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id eu-foreign-policy-alignment-2016 \
	--statement "In 2016 Serbia aligned with 59% of EU foreign policy declarations." \
	--source csis-serbia-china-2020 \
	--quote "decreased from 99 percent alignment in 2012 to 59 percent in 2016, including on matters related to China." \
	--locator "Political Impacts" \
	--attribution cited \
	--origin fn4 \
	--subject Serbia \
	--property "alignment with eu foreign policy declarations" \
	--value 59 \
	--unit "%" \
	--as-of 2016 \
	--tag eu \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id chinese-embassy-bombing-1999 \
	--statement "The Chinese Embassy in Belgrade was accidentally bombed in 1999 by U.S. forces conducting NATO operations." \
	--source csis-serbia-china-2020 \
	--quote "the accidental bombing of the Chinese Embassy in Belgrade in 1999 by U.S. forces conducting NATO operations" \
	--locator "Political Impacts" \
	--attribution cited \
	--origin fn5 \
	--subject "Chinese Embassy in Belgrade" \
	--property "bombed by nato forces" \
	--value 1999 \
	--tag nato-1999 \
	--note "CSIS calls the bombing \"accidental\"; in 001 a Chinese embassy official speaks of \"barbaric atrocities\" (about the 1999 bombing as a whole)." \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id china-covid-lab-five-days \
	--statement "China claims one of its coronavirus labs in Serbia became operational in only five days." \
	--source csis-serbia-china-2020 \
	--quote "one of which it claims became operational in only five days." \
	--locator "Political Impacts" \
	--speaker China \
	--attribution quoted \
	--stance mentions \
	--subject "Chinese covid-19 lab in Serbia" \
	--property "days to become operational" \
	--value 5 \
	--unit days \
	--as-of 2020 \
	--tag covid \
	--note "CSIS reports this as China's claim (\"it claims\") without endorsing it." \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id china-covid-medical-aid \
	--statement "In 2020 China sent medical equipment and experts to Serbia, greeted by Vučić in person at the airport." \
	--source csis-serbia-china-2020 \
	--quote "China sent medical equipment and experts to Serbia, as they did several other European countries, which Vučić personally greeted at the airport" \
	--locator "Political Impacts" \
	--attribution author \
	--as-of 2020 \
	--tag covid \
	--tag china \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id poll-2020-03-china-biggest-donor \
	--statement "In a March 2020 poll about 40% of people in Serbia believed China is the country's biggest donor." \
	--source csis-serbia-china-2020 \
	--quote "a March 2020 poll showed that 40 percent of people in Serbia believed China is the biggest donor to the country" \
	--locator "Political Impacts" \
	--attribution cited \
	--origin fn10 \
	--subject "Serbian public" \
	--property "share naming china as the biggest donor" \
	--value 40 \
	--unit "%" \
	--approx \
	--as-of 2020-03 \
	--tag polls \
	--tag aid \
	--note "The infographic gives 39.9% (\"4 out of 10 Serbians\")." \
	-m "From csis-serbia-china-2020, Political Impacts."
cl evidence add poll-2020-03-china-biggest-donor \
	--source csis-serbia-china-2020 \
	--quote "4 out of 10 Serbians think China is Serbia's biggest foreign aid donor" \
	--locator "infographic \"EU Far Outspends China on Foreign Aid to Serbia\"" \
	--attribution author \
	--stance supports

cl claim add --id poll-2020-03-eu-biggest-donor \
	--statement "In the March 2020 poll only 17.6% believed the EU is Serbia's largest donor." \
	--source csis-serbia-china-2020 \
	--quote "while only 17.6 percent believed the European Union is the largest donor." \
	--locator "Political Impacts" \
	--attribution cited \
	--origin fn10 \
	--subject "Serbian public" \
	--property "share naming the eu as the biggest donor" \
	--value 17.6 \
	--unit "%" \
	--as-of 2020-03 \
	--tag polls \
	--tag aid \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id poll-iri-2020-china-donor \
	--statement "In an earlier 2020 poll (IRI) 20% ranked China as Serbia's biggest donor, behind the EU (28%) and Russia (27%)." \
	--source csis-serbia-china-2020 \
	--quote "in which people ranked the European Union first (28 percent), Russia second (27 percent), and China third (20 percent) in donor size." \
	--locator "fn 10" \
	--attribution cited \
	--origin fn10 \
	--subject "Serbian public" \
	--property "share naming china as the biggest donor" \
	--value 20 \
	--unit "%" \
	--as-of 2020 \
	--tag polls \
	--tag aid \
	--note "In the footnote CSIS says the order \"was reversed in an earlier poll in 2020\"; the month is not given. The percentages are read as the share naming each donor first." \
	-m "From csis-serbia-china-2020, fn 10."

cl claim add --id eu-largest-donor \
	--statement "The EU is by far Serbia's largest donor." \
	--source csis-serbia-china-2020 \
	--quote "In reality, the European Union is Serbia's largest donor by far" \
	--locator "Political Impacts" \
	--attribution author \
	--subject "European Union" \
	--property "rank among donors to serbia" \
	--value 1 \
	--as-of 2020 \
	--tag aid \
	--tag eu \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id china-donor-rank-fifth \
	--statement "China is only the fifth largest donor to Serbia, behind the EU, Germany, the United States and the United Nations." \
	--source csis-serbia-china-2020 \
	--quote "with China falling in fifth place, behind the support provided by Germany, the United States, and the United Nations." \
	--locator "Political Impacts" \
	--attribution author \
	--subject China \
	--property "rank among donors to serbia" \
	--value 5 \
	--as-of 2020 \
	--tag aid \
	-m "From csis-serbia-china-2020, Political Impacts."
cl evidence add china-donor-rank-fifth \
	--source csis-serbia-china-2020 \
	--quote "the EU is by far the largest donor in Serbia and China is not even in the top four." \
	--locator "infographic \"EU Far Outspends China on Foreign Aid to Serbia\"" \
	--attribution author \
	--stance supports

cl claim add --id china-aid-delivered-share \
	--statement "By estimate, China has delivered only about 12% of the aid it pledged to Serbia since 2009 (6.6 of 56 million euros)." \
	--source csis-serbia-china-2020 \
	--quote "China has only delivered about 12 percent of its pledged aid to Serbia since 2009 (€6.6 of €56 million.)" \
	--locator "infographic \"EU Far Outspends China on Foreign Aid to Serbia\"" \
	--attribution hedged \
	--subject China \
	--property "share of pledged aid delivered to serbia" \
	--value 12 \
	--unit "%" \
	--approx \
	--as-of 2009/2020 \
	--percent-of 6.6/56 \
	--tag aid \
	--note "\"According to estimates\" (infographic; sources: RFE/RL, Institute for European Affairs, Serbia's European Integration Ministry). 6.6/56 = 11.8%." \
	-m "From csis-serbia-china-2020, infographic \"EU Far Outspends China on Foreign Aid to Serbia\"."

cl claim add --id russia-believed-largest-donor \
	--statement "Russia is Serbia's largest donor: a belief the Serbian public previously held and that CSIS calls mistaken." \
	--source csis-serbia-china-2020 \
	--quote "the Serbian public previously believed, mistakenly, that Russia was Serbia's largest donor." \
	--locator "Political Impacts" \
	--attribution cited \
	--stance disputes \
	--origin fn11 \
	--tag aid \
	--tag polls \
	--note "Reported by CSIS as a mistaken public belief." \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id vucic-china-most-honest-friend \
	--statement "Vučić has called China Serbia's \"most honest and trustworthy friend\"." \
	--source csis-serbia-china-2020 \
	--quote "Vučić's characterizations of China as Serbia's \"most honest and trustworthy friend\"" \
	--locator "Political Impacts" \
	--speaker "Aleksandar Vučić" \
	--attribution quoted \
	--tag china \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id vucic-denied-russian-trail \
	--statement "Vučić denied suggesting a \"Russian trail\" behind the protests; his meeting with the Russian ambassador was cancelled." \
	--source csis-serbia-china-2020 \
	--quote "President Vučić denied that he was suggesting a \"Russian trail,\" but his meeting with the Russian ambassador was abruptly canceled." \
	--locator "Political Impacts" \
	--attribution cited \
	--origin fn12 \
	--as-of 2020-07 \
	--tag covid \
	--tag russia \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id bor-acquired-by-zijin \
	--statement "The Chinese company Zijin Mining acquired the copper mining and smelting complex in Bor (RTB Bor), preferred over a Russian competitor in the tender." \
	--source csis-serbia-china-2020 \
	--quote "a Chinese company, Zijin Mining, was even preferred over a Russian competitor in a tender process for the acquisition of a copper mining and smelting complex in Bor." \
	--locator "Political Impacts" \
	--attribution cited \
	--origin fn16 \
	--subject "RTB Bor" \
	--property "acquired by" \
	--value "Zijin Mining" \
	--tag mining \
	--tag companies \
	--note "fn 16 dates the sale decision to 2018 (Mining SEE, September 17, 2018)." \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id construction-gdp-contribution-2018q1 \
	--statement "Construction spending contributed 26.8% of GDP growth in the first quarter of 2018." \
	--source csis-serbia-china-2020 \
	--quote "Construction spending's contribution to GDP growth went from 26.8 percent in the first quarter of 2018 to 48.3 percent in the last quarter of 2019." \
	--locator "Political Impacts" \
	--attribution cited \
	--origin fn18 \
	--subject Serbia \
	--property "construction share of gdp growth" \
	--value 26.8 \
	--unit "%" \
	--as-of 2018-01/2018-03 \
	--tag economy \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id construction-gdp-contribution-2019q4 \
	--statement "Construction spending contributed 48.3% of GDP growth in the last quarter of 2019." \
	--source csis-serbia-china-2020 \
	--quote "to 48.3 percent in the last quarter of 2019." \
	--locator "Political Impacts" \
	--attribution cited \
	--origin fn18 \
	--subject Serbia \
	--property "construction share of gdp growth" \
	--value 48.3 \
	--unit "%" \
	--as-of 2019-10/2019-12 \
	--tag economy \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id xinjiang-serbia-only-supporter \
	--statement "In 2019, 16 of the 17+1 countries stayed neutral on Xinjiang and Serbia was the only one that supported China's policies." \
	--source csis-serbia-china-2020 \
	--quote "16 of the 17+1 countries remained neutral, leaving Serbia as the only country in the group that expressed support for China's policies." \
	--locator "Political Impacts" \
	--attribution cited \
	--origin fn23 \
	--subject 17+1 \
	--property "countries neutral on xinjiang" \
	--value 16 \
	--unit countries \
	--as-of 2019 \
	--tag human-rights \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id vucic-letter-hong-kong-2020-05 \
	--statement "In May 2020 Vučić sent Xi Jinping a letter backing China's national security measures for Hong Kong." \
	--source csis-serbia-china-2020 \
	--quote "Vučić sent a letter to Xi Jinping backing China's decision." \
	--locator "Political Impacts" \
	--attribution cited \
	--origin fn25 \
	--subject "Aleksandar Vučić" \
	--property "letter to xi backing hong kong measures" \
	--value 2020-05 \
	--tag human-rights \
	--tag china \
	--note "\"In May 2020\" opens the same sentence." \
	-m "From csis-serbia-china-2020, Political Impacts."

cl claim add --id china-does-not-recognize-kosovo \
	--statement "China does not recognise Kosovo's independence and supports Serbia's position on Kosovo." \
	--source csis-serbia-china-2020 \
	--quote "Beijing does not recognize Kosovo's independence." \
	--locator "Political Impacts" \
	--attribution author \
	--subject China \
	--property "position on kosovo" \
	--value "supports Serbia" \
	--as-of 2019 \
	--tag kosovo \
	-m "From csis-serbia-china-2020, Political Impacts."
# A 2019 statement (fn 28: Xinhua, June 11, 2019).
cl evidence add china-does-not-recognize-kosovo \
	--source csis-serbia-china-2020 \
	--quote "China respects Serbia's sovereignty and territorial integrity, understands its legitimate concerns with regard to the Kosovo issue" \
	--locator "Political Impacts" \
	--speaker "China's deputy permanent representative to the United Nations" \
	--attribution quoted \
	--stance supports

cl claim add --id corridor11-contract-2009-no-tender \
	--statement "In 2009 Shandong International Economic and Technical Cooperation Group won the Corridor 11 highway contract through an interstate agreement without a public tender." \
	--source csis-serbia-china-2020 \
	--quote "In 2009, a Chinese firm, Shandong International Economic and Technical Cooperation Group, obtained a contract through an interstate agreement for which there was no public tender." \
	--locator "Political Impacts, Propping up Patronage Networks" \
	--attribution author \
	--subject "China Shandong International Economic and Technical Cooperation Group" \
	--property "corridor 11 contract" \
	--value 2009 \
	--tag infrastructure \
	--tag procurement \
	--note "Same company and the same mechanism (no public tender) as the 2025 Niš airport deal in 000." \
	-m "From csis-serbia-china-2020, Political Impacts, Propping up Patronage Networks."

cl claim add --id corridor11-veselinovic-75m \
	--statement "Ivan Angelovski (BIRN) said a company of Zvonko Veselinović received 75 million dollars for a small part of Corridor 11, \"a huge red flag\"." \
	--source csis-serbia-china-2020 \
	--quote "company receiving 75 million dollars to take a small part in building a small part of the corridor is a huge red flag" \
	--prefix "Reporting Network: \"[Veselinović's]" \
	--locator "Political Impacts, Propping up Patronage Networks" \
	--speaker "Ivan Angelovski" \
	--attribution quoted \
	--subject "Zvonko Veselinović's company" \
	--property "corridor 11 subcontract value" \
	--value "75 million" \
	--unit USD \
	--tag infrastructure \
	--tag procurement \
	--note "Phone interview (fn 40); the same words are repeated as a pull quote." \
	-m "From csis-serbia-china-2020, Political Impacts, Propping up Patronage Networks."

cl claim add --id chinese-contractor-share-93pct \
	--statement "93% of projects with Chinese funding or investment in the Western Balkans (January 2012 to January 2020) had a Chinese contractor or supplier." \
	--source csis-serbia-china-2020 \
	--quote "93 percent of projects with Chinese funding or investment in the Western Balkans between January 2012 and January 2020 had a Chinese contractor or supplier." \
	--locator "Economic Impacts" \
	--attribution author \
	--subject "Chinese-funded projects in the Western Balkans" \
	--property "share with a chinese contractor or supplier" \
	--value 93 \
	--unit "%" \
	--as-of 2012-01/2020-01 \
	--tag infrastructure \
	--tag loans \
	--note "CSIS's own research." \
	-m "From csis-serbia-china-2020, Economic Impacts."

cl claim add --id smederevo-acquired-by-hbis \
	--statement "China's HBIS Group acquired Serbia's only steel mill, in Smederevo, in 2016 and made it the country's largest exporter." \
	--source csis-serbia-china-2020 \
	--quote "Since acquiring Serbia's only steel mill in Smederevo in 2016, China's HBIS Group has turned it into the country's largest exporter." \
	--locator "Economic Impacts" \
	--attribution author \
	--subject "Smederevo steel mill" \
	--property "acquired by" \
	--value "HBIS Group" \
	--tag steel \
	--tag companies \
	-m "From csis-serbia-china-2020, Economic Impacts."

cl claim add --id smederevo-safety-standards \
	--statement "HBIS's Smederevo mill has reportedly suffered from falling safety standards and inadequate maintenance." \
	--source csis-serbia-china-2020 \
	--quote "HBIS's steel mill in Smederevo has reportedly been plagued by falling safety standards and inadequate maintenance." \
	--locator "Economic Impacts, Sustainability Risks" \
	--attribution hedged \
	--tag steel \
	--tag labour \
	--note "\"reportedly\", citing the New York Times (fn 68)." \
	-m "From csis-serbia-china-2020, Economic Impacts, Sustainability Risks."

cl claim add --id belgrade-budapest-exim-loans \
	--statement "Serbia's section of the Budapest-Belgrade railway is funded with 1.3 billion dollars of China Exim Bank loans." \
	--source csis-serbia-china-2020 \
	--quote "The project is being funded with \$1.3 billion in loans from China Exim Bank covering 85 percent of the project costs" \
	--locator "Economic Impacts, Sustainability Risks" \
	--attribution cited \
	--origin fn59 \
	--subject "Belgrade–Budapest railway" \
	--property "chinese loans for serbian section" \
	--value "1.3 billion" \
	--unit USD \
	--tag railway \
	--tag loans \
	-m "From csis-serbia-china-2020, Economic Impacts, Sustainability Risks."

cl claim add --id belgrade-budapest-loan-share \
	--statement "China Exim Bank loans cover 85% of the cost of Serbia's section of the railway; the Serbian government pays the rest." \
	--source csis-serbia-china-2020 \
	--quote "covering 85 percent of the project costs, with the remainder to be paid for by the government of Serbia." \
	--locator "Economic Impacts, Sustainability Risks" \
	--attribution cited \
	--origin fn59 \
	--subject "Belgrade–Budapest railway" \
	--property "share of serbian section costs covered by chinese loans" \
	--value 85 \
	--unit "%" \
	--tag railway \
	--tag loans \
	-m "From csis-serbia-china-2020, Economic Impacts, Sustainability Risks."

cl claim add --id belgrade-budapest-profitability \
	--statement "Some projections suggest the railway could take 130 to 2,500 years to become profitable." \
	--source csis-serbia-china-2020 \
	--quote "With some projections suggesting that the rail could take anywhere from 130 to 2,500 years to become profitable" \
	--locator "Economic Impacts, Sustainability Risks" \
	--attribution cited \
	--origin fn60 \
	--tag railway \
	--note "\"some projections suggesting\": a range, recorded without a value." \
	-m "From csis-serbia-china-2020, Economic Impacts, Sustainability Risks."

cl claim add --id debt-to-gdp-rise-2020 \
	--statement "Serbia's debt-to-GDP ratio was expected to rise by 10 percentage points in 2020, from 52% to 62%." \
	--source csis-serbia-china-2020 \
	--quote "Serbia's debt-to-GDP ratio is expected to increase by 10 percent in 2020, from 52 percent to 62 percent" \
	--locator "Economic Impacts, Sustainability Risks" \
	--attribution cited \
	--origin fn63 \
	--subject Serbia \
	--property "expected change in debt-to-gdp ratio" \
	--value 10 \
	--unit pp \
	--as-of 2020 \
	--change 52/62 \
	--tag economy \
	--tag debt \
	--note "The text says \"10 percent\"; its own figures (52% to 62%) make it 10 percentage points, a 19% relative rise." \
	-m "From csis-serbia-china-2020, Economic Impacts, Sustainability Risks."

cl claim add --id hikvision-cameras-900 \
	--statement "As of June 2020 there were nearly 900 internet-connected Hikvision surveillance cameras in Serbia (per Shodan)." \
	--source csis-serbia-china-2020 \
	--quote "There were nearly 900 internet-connected surveillance cameras manufactured by Hikvision, China's largest camera maker, across Serbia as of June 2020" \
	--locator "The Second Wave: Digital Infrastructure" \
	--attribution cited \
	--origin fn71 \
	--subject Serbia \
	--property "internet-connected hikvision cameras" \
	--value 900 \
	--unit cameras \
	--approx \
	--as-of 2020-06 \
	--tag surveillance \
	--tag digital \
	-m "From csis-serbia-china-2020, The Second Wave: Digital Infrastructure."

cl claim add --id huawei-80pct-telecom-users \
	--statement "Huawei claimed to serve 80% of Serbia's telecom users in 2015." \
	--source csis-serbia-china-2020 \
	--quote "it claimed to serve 80 percent of the country's telecom users in 2015." \
	--locator "The Second Wave, Setting Standards" \
	--speaker Huawei \
	--attribution quoted \
	--stance mentions \
	--subject Huawei \
	--property "share of serbian telecom users served" \
	--value 80 \
	--unit "%" \
	--as-of 2015 \
	--status contested \
	--reason "CSIS calls the statistic questionable, like other marketing claims." \
	--tag huawei \
	--tag digital \
	--note "A Huawei press claim (fn 91)." \
	-m "From csis-serbia-china-2020, The Second Wave, Setting Standards."
cl evidence add huawei-80pct-telecom-users \
	--source csis-serbia-china-2020 \
	--quote "Although that statistic is questionable, like other marketing claims" \
	--locator "The Second Wave, Setting Standards" \
	--attribution author \
	--stance disputes

cl claim add --id safe-city-deterred-protests \
	--statement "Belgrade's Safe City system has reportedly deterred anti-government protests, and images of protesters were allegedly leaked to pro-government outlets." \
	--source csis-serbia-china-2020 \
	--quote "has reportedly deterred anti-government protests, and images of protestors were allegedly leaked to pro-government outlets." \
	--locator "The Second Wave, Risks to Civil Liberties" \
	--attribution hedged \
	--tag surveillance \
	--tag huawei \
	--note "\"reportedly\" / \"allegedly\" (AP, fn 104)." \
	-m "From csis-serbia-china-2020, The Second Wave, Risks to Civil Liberties."

cl claim add --id share-foundation-testing-ground \
	--statement "The Share Foundation says Serbia is an ideal testing ground in Europe for Huawei surveillance technology." \
	--source csis-serbia-china-2020 \
	--quote "Serbia is an ideal testing ground for [Huawei surveillance technology] on the whole continent of Europe." \
	--prefix "be uncovered.110 \"" \
	--locator "The Second Wave, Risks to Civil Liberties (pull quote)" \
	--speaker "Share Foundation" \
	--attribution quoted \
	--tag surveillance \
	--tag huawei \
	--note "Phone interview with the authors (fn 103); also in the body text a page earlier." \
	-m "From csis-serbia-china-2020, The Second Wave, Risks to Civil Liberties (pull quote)."

cl claim add --id joint-patrols-for-chinese-tourists \
	--statement "The joint Serbian-Chinese police patrols were there to assist the rising number of Chinese tourists (a claim CSIS doubts)." \
	--source csis-serbia-china-2020 \
	--quote "joint patrols were also claimed to be there to assist with the rising number of Chinese tourists in the region" \
	--locator "The Second Wave, Risks to Civil Liberties" \
	--attribution hedged \
	--stance disputes \
	--tag police \
	--note "CSIS: the patrols took place in cities such as Novi Sad and Smederevo, \"not known for tourism as much as Chinese investment\"." \
	-m "From csis-serbia-china-2020, The Second Wave, Risks to Civil Liberties."

cl claim add --id huawei-safe-city-crime-reduction \
	--statement "Huawei says the Belgrade Safe City system helped solve criminal cases and reduced crime in its first five months." \
	--source csis-serbia-china-2020 \
	--quote "the system helped solve multiple criminal cases and resulted in an overall reduction of crime rates in the first five months of the project." \
	--locator "The Second Wave, Risks to Civil Liberties" \
	--speaker Huawei \
	--attribution quoted \
	--stance mentions \
	--status contested \
	--reason "CSIS: the claims are impossible to verify without public data and questionable given Huawei's record." \
	--tag surveillance \
	--tag huawei \
	--note "From a Huawei case study (fn 111)." \
	-m "From csis-serbia-china-2020, The Second Wave, Risks to Civil Liberties."
cl evidence add huawei-safe-city-crime-reduction \
	--source csis-serbia-china-2020 \
	--quote "These claims are impossible to verify without publicly available data on the systems' performance." \
	--locator "The Second Wave, Risks to Civil Liberties" \
	--attribution author \
	--stance disputes

cl claim add --id china-crowding-out-russia \
	--statement "China is crowding out Russian influence in Serbia, which is slowly becoming a Chinese client state." \
	--source csis-serbia-china-2020 \
	--quote "Serbia is slowly evolving into a Chinese client state, hedging against and crowding out Russian influence" \
	--locator Recommendations \
	--attribution author \
	--subject "China and Russia in Serbia" \
	--property "relation between their activities" \
	--value "China crowding out Russia" \
	--tag china-russia \
	-m "From csis-serbia-china-2020, Recommendations."

# ---------------------------------------------------------------- 004: "Serbia between the United States and China" (2025)

cl claim add --id serbia-chinese-drones \
	--statement "Serbia has procured Chinese military drones (CH-92A, and per 004 also CH-95)." \
	--source serbia-us-china-2025 \
	--quote "Serbia has procured significant Chinese military hardware, including FK-3 surface-to-air missile systems, CH-92A and CH-95 drones" \
	--locator "para 5" \
	--attribution author \
	--subject Serbia \
	--property "chinese military drones procured" \
	--value "CH-92A, CH-95" \
	--as-of 2020 \
	--tag military \
	--tag drones \
	--note "001 names six CH-92A (June 2020); CSIS (2020) says \"military drones\"; only 004 names the CH-95." \
	-m "From serbia-us-china-2025, para 5."

cl claim add --id serbia-fk3-procured \
	--statement "Serbia has procured Chinese FK-3 surface-to-air missile systems." \
	--source serbia-us-china-2025 \
	--quote "Serbia has procured significant Chinese military hardware, including FK-3 surface-to-air missile systems" \
	--locator "para 5" \
	--attribution author \
	--subject Serbia \
	--property "chinese surface-to-air missile system procured" \
	--value FK-3 \
	--as-of 2020 \
	--tag military \
	--tag air-defence \
	--tag fk-3 \
	-m "From serbia-us-china-2025, para 5."

cl claim add --id serbia-hq9-procured \
	--statement "Serbia has procured Chinese HQ-9 air defence technologies." \
	--source serbia-us-china-2025 \
	--quote "CH-92A and CH-95 drones, and HQ-9 air defense technologies." \
	--locator "para 5" \
	--attribution author \
	--subject Serbia \
	--property "chinese hq-9 air defence procured" \
	--value yes \
	--status open \
	--reason "Not corroborated by the other seeds: 001 identifies the FK-3 as the HQ-22, a different system from the HQ-9, and names no other Chinese air-defence system." \
	--tag military \
	--tag air-defence \
	-m "From serbia-us-china-2025, para 5."

cl claim add --id first-european-joint-exercises-pla \
	--statement "Serbia is the first European country to hold joint military exercises with China's People's Liberation Army." \
	--source serbia-us-china-2025 \
	--quote "Belgrade has become the first European country to conduct joint military exercises with the Chinese People's Liberation Army." \
	--locator "para 5" \
	--attribution author \
	--tag military \
	-m "From serbia-us-china-2025, para 5."

cl claim add --id serbia-china-gateway-to-europe \
	--statement "Serbia serves China as a gateway to Europe and the EU market." \
	--source serbia-us-china-2025 \
	--quote "In this sense, Serbia is increasingly seen in Beijing as a \"gateway to Europe.\"" \
	--locator "para 4" \
	--attribution author \
	--subject Serbia \
	--property "role for china" \
	--value "gateway to Europe" \
	--as-of 2020 \
	--tag bri \
	--tag china \
	-m "From serbia-us-china-2025, para 4."

cl claim add --id chinese-profits-1bn \
	--statement "Chinese companies reportedly extract more than one billion euros a year in profits from Serbia." \
	--source serbia-us-china-2025 \
	--quote "Chinese companies reportedly extract more than one billion euros in annual profits from Serbia." \
	--locator "para 4" \
	--attribution hedged \
	--subject "Chinese companies in Serbia" \
	--property "annual profits" \
	--value "1 billion" \
	--unit EUR \
	--as-of 2025 \
	--tag economy \
	--note "\"reportedly\", and a lower bound (\"more than\"); no source is given." \
	-m "From serbia-us-china-2025, para 4."

cl claim add --id chinese-loans-chinese-contractors \
	--statement "Chinese-financed infrastructure in Serbia is typically financed by Chinese loans and built by Chinese contractors." \
	--source serbia-us-china-2025 \
	--quote "often financed through Chinese loans and built by Chinese contractors such as PowerChina." \
	--locator "para 3" \
	--attribution author \
	--tag infrastructure \
	--tag loans \
	-m "From serbia-us-china-2025, para 3."

cl claim add --id cui-miller-escape \
	--statement "Cui Guanghai and John Miller, wanted by the US for espionage and arms-technology trafficking, escaped house arrest in Belgrade." \
	--source serbia-us-china-2025 \
	--quote "disappeared from house arrest in Belgrade after removing their electronic monitoring devices." \
	--locator "para 7" \
	--attribution author \
	--tag intelligence \
	--tag usa \
	-m "From serbia-us-china-2025, para 7."

cl claim add --id sino-serbian-joint-patrols \
	--statement "Serbian and Chinese police have carried out joint patrols in Serbian cities." \
	--source serbia-us-china-2025 \
	--quote "including joint patrols in Serbian cities aimed at protecting Chinese citizens." \
	--locator "para 8" \
	--attribution author \
	--subject "Serbian-Chinese joint police patrols" \
	--property "took place" \
	--value yes \
	--as-of 2019 \
	--tag police \
	--note "004 gives the aim as protecting Chinese citizens; CSIS says Chinese officers trained Serbian police on the Safe City system, and doubts the tourism rationale." \
	-m "From serbia-us-china-2025, para 8."

cl claim add --id vucic-sco-summit-2025-09 \
	--statement "Vučić attended the Shanghai Cooperation Organization summit in early September (2025) and met the Chinese president." \
	--source serbia-us-china-2025 \
	--quote "Serbian President Aleksandar Vučić attended the Shanghai Cooperation Organization summit in early September" \
	--locator "para 9" \
	--attribution author \
	--subject "Aleksandar Vučić" \
	--property "attended sco summit" \
	--value 2025-09 \
	--tag china \
	--note "The year is not printed; 2025 is the year of the document." \
	-m "From serbia-us-china-2025, para 9."

cl claim add --id vucic-sco-aims-speculation \
	--statement "Observers speculate Vučić sought new Chinese investments and loans at the SCO summit." \
	--source serbia-us-china-2025 \
	--quote "Observers speculate that Vučić aimed to secure new Chinese investments in Serbia and obtain additional loans." \
	--locator "para 9" \
	--attribution hedged \
	--tag china \
	--tag loans \
	--note "\"Observers speculate\": unnamed." \
	-m "From serbia-us-china-2025, para 9."

cl claim add --id us-tariffs-among-highest \
	--statement "Serbia faces some of the highest tariffs imposed by the Trump administration." \
	--source serbia-us-china-2025 \
	--quote "Serbia continues to face some of the highest tariffs imposed by the Trump administration" \
	--locator "para 10" \
	--attribution author \
	--as-of 2025 \
	--tag usa \
	--tag trade \
	-m "From serbia-us-china-2025, para 10."

cl claim add --id novi-sad-collapse-railway-station-canopy \
	--statement "The structure that collapsed in Novi Sad was the railway station canopy." \
	--source serbia-us-china-2025 \
	--quote "following the collapse of the Novi Sad railway station canopy" \
	--locator "para 11" \
	--attribution author \
	--subject "2024 Novi Sad collapse" \
	--property structure \
	--value "railway station canopy" \
	--tag novi-sad \
	-m "From serbia-us-china-2025, para 11."

cl claim add --id novi-sad-canopy-rebuilt-by-chinese-company \
	--statement "The Novi Sad railway station canopy that collapsed had been rebuilt by a Chinese company." \
	--source serbia-us-china-2025 \
	--quote "which killed 16 people and had been rebuilt by a Chinese company." \
	--locator "para 11" \
	--attribution author \
	--subject "2024 Novi Sad collapse" \
	--property "structure rebuilt by" \
	--value "a Chinese company" \
	--tag novi-sad \
	--tag companies \
	-m "From serbia-us-china-2025, para 11."

cl claim add --id serbia-eu-candidate \
	--statement "Serbia is a candidate for EU membership." \
	--source serbia-us-china-2025 \
	--quote "Serbia is not only a candidate for European Union membership" \
	--locator "para 1" \
	--attribution author \
	--subject Serbia \
	--property "eu membership status" \
	--value candidate \
	--as-of 2020 \
	--tag eu \
	-m "From serbia-us-china-2025, para 1."

# ---------------------------------------------------------------- Agreements: the same claim found in another document (one claim, several evidence entries)
# 002 reports a suspicion ("considered a possible"), not evidence.
cl evidence add nis-centre-intelligence-base \
	--source vasilj-russia-serbia-2025 \
	--quote "the Russian Humanitarian Centre in Niš has long been considered a possible observation or operational base." \
	--locator "para 10" \
	--attribution hedged \
	--stance supports
cl evidence add serbia-not-nato-member \
	--source vasilj-russia-serbia-2025 \
	--quote "without being a member of NATO." \
	--locator "para 8" \
	--attribution author \
	--stance supports
cl evidence add serbia-surrounded-by-nato \
	--source specialeurasia-crossroads-2022 \
	--quote "the E.U. and NATO geographically encircle the country." \
	--locator "para 16" \
	--attribution author \
	--stance supports
cl evidence add serbia-surrounded-by-nato \
	--source vasilj-russia-serbia-2025 \
	--quote "surrounded by NATO and EU countries with no direct access to Russia" \
	--locator "para 20" \
	--attribution author \
	--stance supports
cl evidence add serbia-surrounded-by-nato \
	--source serbia-us-china-2025 \
	--quote "given that Serbia is surrounded by NATO member states while itself declaring military neutrality." \
	--locator "para 6" \
	--attribution author \
	--stance supports
cl evidence add serbia-key-bri-node \
	--source csis-serbia-china-2020 \
	--quote "as a key link in China's Belt and Road Initiative (BRI) that connects the Mediterranean and Central Europe" \
	--locator "Political Impacts" \
	--attribution author \
	--stance supports
# CSIS: the loans cover 85% of the cost; the Serbian government pays the rest.
cl evidence add belgrade-budapest-chinese-financing \
	--source csis-serbia-china-2020 \
	--quote "The project is being funded with \$1.3 billion in loans from China Exim Bank" \
	--locator "Economic Impacts, Sustainability Risks" \
	--attribution cited \
	--stance supports \
	--origin fn59
cl evidence add us-sanctions-shrink-russian-energy-role \
	--source vasilj-russia-serbia-2025 \
	--quote "US sanctions against NIS have been in force since 9 October 2025." \
	--locator "para 3" \
	--attribution author \
	--stance mentions
# 002 (also late 2025) still sees Russia "deeply entrenched" in Serbian energy.
cl evidence add us-sanctions-shrink-russian-energy-role \
	--source vasilj-russia-serbia-2025 \
	--quote "Russia remains deeply entrenched in energy, infrastructure, security apparatus and military cooperation." \
	--locator "para 17" \
	--attribution author \
	--stance disputes
cl evidence add china-replacing-russia-as-partner \
	--source csis-serbia-china-2020 \
	--quote "China is dislodging Russia in Serbian public preferences" \
	--locator "Political Impacts" \
	--attribution cited \
	--stance supports \
	--origin fn11
# CSIS also says that "Russia's historical, cultural, and military ties with Serbia are deeper".
cl evidence add serbia-russia-partnership-opportunistic \
	--source csis-serbia-china-2020 \
	--quote "Vučić's ties with Putin, primarily of convenience, are not as deep as is often said." \
	--locator "Political Impacts" \
	--attribution cited \
	--stance supports \
	--origin fn15
# CSIS: Vučić blamed foreign security services and denied meaning Russia (fn 12).
cl evidence add covid-protests-blamed-on-russia \
	--source csis-serbia-china-2020 \
	--quote "President Vučić remarked that the protests were fueled by \"influence from foreign security services,\" which was interpreted by the Kremlin as blaming Russia." \
	--locator "Political Impacts" \
	--attribution author \
	--stance mentions
cl evidence add vucic-kissed-chinese-flag \
	--source csis-serbia-china-2020 \
	--quote "Vučić demonstrated devotion to China by publicly kissing the Chinese flag" \
	--locator "Political Impacts" \
	--attribution author \
	--stance supports
cl evidence add china-covid-medical-aid \
	--source specialeurasia-crossroads-2022 \
	--quote "in gratitude for Beijing's medical aid" \
	--locator "para 14" \
	--attribution author \
	--stance supports
cl evidence add huawei-safe-city-belgrade \
	--source csis-serbia-china-2020 \
	--quote "The Safe City system in Belgrade includes hundreds of cameras with facial recognition capabilities" \
	--locator "The Second Wave, Risks to Civil Liberties" \
	--attribution author \
	--stance supports
cl evidence add huawei-safe-city-belgrade \
	--source csis-serbia-china-2020 \
	--quote "Huawei's \"Safe City\" and \"Smart City\" systems have been deployed in Belgrade and Nis, respectively" \
	--locator "The Second Wave, Risks to Civil Liberties" \
	--attribution cited \
	--stance supports \
	--origin fn102
cl evidence add huawei-smart-city-nis \
	--source csis-serbia-china-2020 \
	--quote "Huawei's \"Safe City\" and \"Smart City\" systems have been deployed in Belgrade and Nis, respectively" \
	--locator "The Second Wave, Risks to Civil Liberties" \
	--attribution cited \
	--stance supports \
	--origin fn102
# CSIS: a state-owned data center with Huawei equipment; 001 says Huawei manages it.
cl evidence add huawei-kragujevac-data-centre \
	--source csis-serbia-china-2020 \
	--quote "uses equipment and expertise provided by Huawei." \
	--locator "The Second Wave, Security Risks" \
	--attribution cited \
	--stance supports \
	--origin fn83
cl evidence add us-5g-agreement-2020-09 \
	--source csis-serbia-china-2020 \
	--quote "through a commitment signed by Belgrade and Pristina in September to prohibit or remove 5G equipment from \"untrusted vendors,\"" \
	--locator "The Second Wave, Setting Standards" \
	--attribution cited \
	--stance supports \
	--origin fn96
cl evidence add serbia-no-sanctions-on-russia \
	--source vasilj-russia-serbia-2025 \
	--quote "Serbia remains a NATO partner through PfP without imposing sanctions on Russia." \
	--locator "para 15" \
	--attribution author \
	--stance supports
cl evidence add serbia-no-sanctions-on-russia \
	--source serbia-us-china-2025 \
	--quote "The EU frequently criticizes Serbia for failing to align with European foreign policy, especially in relation to sanctions on Russia." \
	--locator "para 13" \
	--attribution author \
	--stance supports
cl evidence add serbia-depends-on-russian-energy \
	--source vasilj-russia-serbia-2025 \
	--quote "Russia thus not only controls a large part of Serbia's oil and gas value chain" \
	--locator "para 3" \
	--attribution author \
	--stance supports
cl evidence add serbia-depends-on-russian-energy \
	--source serbia-us-china-2025 \
	--quote "Belgrade has also maintained strong ties with Russia, particularly in the energy sector" \
	--locator "para 13" \
	--attribution author \
	--stance mentions
cl evidence add russia-backs-serbia-on-kosovo \
	--source vasilj-russia-serbia-2025 \
	--quote "Russia directly supports Serbia on the Kosovo issue and blocks international recognition of its independence." \
	--locator "para 13" \
	--attribution author \
	--stance supports
cl evidence add eu-serbia-largest-economic-partner \
	--source vasilj-russia-serbia-2025 \
	--quote "as its largest trading partner" \
	--locator "para 21" \
	--attribution author \
	--stance supports
cl evidence add eu-serbia-largest-economic-partner \
	--source serbia-us-china-2025 \
	--quote "the European Union, its largest economic partner and source of financial aid." \
	--locator "para 12" \
	--attribution author \
	--stance supports
cl evidence add eu-largest-donor \
	--source vasilj-russia-serbia-2025 \
	--quote "as the primary source of structural and pre-accession funding." \
	--locator "para 21" \
	--attribution author \
	--stance supports
# 004 names the EU as a source of financial aid without ranking donors.
cl evidence add eu-largest-donor \
	--source serbia-us-china-2025 \
	--quote "the European Union, its largest economic partner and source of financial aid." \
	--locator "para 12" \
	--attribution author \
	--stance mentions
cl evidence add arms-from-russia-and-china \
	--source vasilj-russia-serbia-2025 \
	--quote "Serbia has procured various Russian weapon systems, including:" \
	--locator "para 6" \
	--attribution author \
	--stance supports
cl evidence add arms-from-russia-and-china \
	--source serbia-us-china-2025 \
	--quote "Serbia has procured significant Chinese military hardware" \
	--locator "para 5" \
	--attribution author \
	--stance supports
# CSIS gives no year.
cl evidence add belgrade-liberated-red-army-1944 \
	--source csis-serbia-china-2020 \
	--quote "for the anniversary of the Soviet liberation of Belgrade" \
	--locator "Political Impacts" \
	--attribution author \
	--stance supports
cl evidence add serbia-chinese-drones \
	--source specialeurasia-crossroads-2022 \
	--quote "Serbia's air force received six CH-92A combat drones armed with laser-guided missiles." \
	--locator "para 5" \
	--attribution cited \
	--stance supports \
	--origin ref3
cl evidence add serbia-chinese-drones \
	--source csis-serbia-china-2020 \
	--quote "military deals between China and Serbia have included the sale of IT equipment, military drones, and surface-to-air missiles." \
	--locator "The Second Wave, Security Risks" \
	--attribution cited \
	--stance supports \
	--origin fn87
cl evidence add serbia-fk3-procured \
	--source specialeurasia-crossroads-2022 \
	--quote "delivering FK-3 surface-to-air missile systems to the Serbian military." \
	--locator "para 3" \
	--attribution cited \
	--stance supports \
	--origin ref2
# CSIS does not name the system; fn 87 is Reuters, 3 August 2020, on a "purchase of missile defence system".
cl evidence add serbia-fk3-procured \
	--source csis-serbia-china-2020 \
	--quote "military deals between China and Serbia have included the sale of IT equipment, military drones, and surface-to-air missiles." \
	--locator "The Second Wave, Security Risks" \
	--attribution cited \
	--stance supports \
	--origin fn87
cl evidence add bor-acquired-by-zijin \
	--source serbia-us-china-2025 \
	--quote "The acquisition of the Bor copper mine by Zijin Mining" \
	--locator "para 2" \
	--attribution author \
	--stance supports
cl evidence add smederevo-acquired-by-hbis \
	--source serbia-us-china-2025 \
	--quote "the purchase of the Smederevo steel mill by HBIS" \
	--locator "para 2" \
	--attribution author \
	--stance supports
cl evidence add sino-serbian-joint-patrols \
	--source csis-serbia-china-2020 \
	--quote "Chinese police officers patrolled the streets alongside their Serbian counterparts when training them on how to use it." \
	--locator "The Second Wave, Risks to Civil Liberties" \
	--attribution cited \
	--stance supports \
	--origin fn105
cl evidence add china-does-not-recognize-kosovo \
	--source serbia-us-china-2025 \
	--quote "on Chinese diplomatic support in the United Nations, especially regarding the sensitive issue of Kosovo." \
	--locator "para 12" \
	--attribution author \
	--stance supports
cl evidence add us-tariffs-among-highest \
	--source vasilj-russia-serbia-2025 \
	--quote "The US has imposed punitive tariffs of 35%, the highest rate in Europe after Switzerland" \
	--locator "para 16" \
	--attribution author \
	--stance supports
cl evidence add novi-sad-collapse-deaths \
	--source serbia-us-china-2025 \
	--quote "the collapse of the Novi Sad railway station canopy, which killed 16 people" \
	--locator "para 11" \
	--attribution author \
	--stance supports
cl evidence add serbia-china-gateway-to-europe \
	--source nis-outpost-2025 \
	--quote "part of a corridor providing access for Chinese goods to the heart of Europe." \
	--locator "para 11" \
	--attribution author \
	--stance supports
cl evidence add serbia-china-gateway-to-europe \
	--source specialeurasia-crossroads-2022 \
	--quote "confirms Belgrade as a reference point for the penetration of Beijing into the \"Old Continent.\"" \
	--locator "para 10" \
	--attribution author \
	--stance supports
cl evidence add serbia-china-gateway-to-europe \
	--source csis-serbia-china-2020 \
	--quote "Serbia could provide China with greater access to the EU market" \
	--locator "Economic Impacts" \
	--attribution author \
	--stance supports
cl evidence add chinese-loans-chinese-contractors \
	--source csis-serbia-china-2020 \
	--quote "In return for Chinese financing, China requires the involvement of its own companies, labor force, standards, and materials" \
	--locator "Economic Impacts" \
	--attribution author \
	--stance supports
cl evidence add chinese-loans-chinese-contractors \
	--source nis-outpost-2025 \
	--quote "a point where Chinese loans, construction companies, and long-term interests converge" \
	--locator "para 14" \
	--attribution author \
	--stance mentions
cl evidence add serbia-eu-candidate \
	--source csis-serbia-china-2020 \
	--quote "As an EU candidate country" \
	--locator "Economic Impacts" \
	--attribution author \
	--stance supports
cl evidence add serbia-eu-candidate \
	--source vasilj-russia-serbia-2025 \
	--quote "Vučić benefits from Serbia's permanent candidate status" \
	--locator "para 22" \
	--attribution author \
	--stance supports
cl evidence add eu-parliament-resolution-2025-10-22 \
	--source vasilj-russia-serbia-2025 \
	--quote "the government was accused of brutally suppressing protests, intimidating the media and undermining democratic institutions." \
	--locator "para 24" \
	--attribution author \
	--stance supports

# ---------------------------------------------------------------- disagreements
cl conflict add novi-sad-collapse-bus-station-roof novi-sad-collapse-railway-station-canopy \
	--note "002 says a bus station roof collapsed, 004 the railway station canopy; both give 16 deaths, so they describe the same event (1 November 2024, per 002). Outside the seeds, the collapse was of the railway station canopy, so 002 is likely wrong."
cl conflict add serbia-russia-partnership-opportunistic serbia-russia-deeply-rooted \
	--note "An assessment conflict: 001 (2022, with CSIS 2020: \"ties of convenience\") calls the Serbian-Russian partnership opportunistic; 002 (2025) calls the relationship deeply rooted in historical continuity. Both can hold in part (historical depth, present-day opportunism), but the two authors characterise it differently."
cl conflict add poll-2020-03-china-biggest-donor poll-iri-2020-china-donor \
	--note "Two 2020 polls disagree on how many Serbians think China is the biggest donor: about 40% (March 2020, RFE/RL infographic) vs 20% in an earlier 2020 IRI poll. CSIS itself notes the order was reversed in the earlier poll (fn 10); different pollsters and questions, and the IRI poll is undated within 2020."
cl conflict add china-russia-complementary-in-serbia china-crowding-out-russia \
	--note "An assessment conflict: 000 (2025) says China and Russia avoid competing in Serbia and complement each other; CSIS (2020) says China is crowding out Russian influence (and that Zijin beat a Russian bidder for Bor). Five years apart, so the relation may have changed."

# ---------------------------------------------------------------- later review
cl claim set serbia-chinese-drones status supported
cl claim set serbia-chinese-drones reason "Three documents (001, CSIS, 004) independently report Chinese military drones procured by Serbia."
cl claim set serbia-fk3-procured status supported
cl claim set serbia-fk3-procured reason "Three documents (001, CSIS, 004) report the Chinese surface-to-air missile purchase; 001 and 004 name the FK-3."
