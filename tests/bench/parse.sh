#!/bin/sh
# parse.sh CLAIMLOG - inputs built to be worst cases for the readers, at
# their limits (docs/performance.md, "Worst-case inputs"): each is read
# five times, and the median wall time and the largest peak RSS are
# printed, with xmllint reading the same file where it can.  Files go to
# $BENCH_DIR/parse (default /tmp/claimlog-bench/parse); a few MB, seconds.
set -e
cl=${1:?usage: sh tests/bench/parse.sh path/to/claimlog}
case $cl in /*) ;; *) cl=$PWD/$cl ;; esac
dir=${BENCH_DIR:-/tmp/claimlog-bench}/parse
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"

# The files.
awk 'BEGIN { print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"; print "<entities>"
	for (i = 1999; i >= 0; i--) {
		printf "<entity name=\"Place %04d\">", i
		for (k = 0; k < 12; k++) printf "<alias>P%d-%04d</alias>", k, i
		print "</entity>" }
	print "</entities>" }' > entities-26k.xml
# As many names as 1 MiB holds (43k), in reverse order.
awk 'BEGIN { print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"; print "<entities>"
	for (i = 42999; i >= 0; i--) printf "<entity name=\"E%05d\"/>\n", i
	print "</entities>" }' > entities-43k.xml
awk 'BEGIN { print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	printf "<claim id=\"x\""; for (i = 0; i < 50000; i++) printf " a%d=\"1\"", i
	print "><statement>s</statement></claim>" }' > claim-50k-attrs.xml
# Under the cap: 1 MiB of elements with 32 attributes each.
awk 'BEGIN { print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"; print "<claim id=\"x\">"
	for (e = 0; e < 3300; e++) { printf "<tag"
		for (i = 0; i < 32; i++) printf " a%d=\"1\"", i
		print ">t</tag>" }
	print "</claim>" }' > claim-32-attrs-each.xml
awk 'BEGIN { printf "<html><body><p"; for (i = 0; i < 100000; i++) printf " a%d=1", i
	print ">Text.</p></body></html>" }' > html-100k-attrs.html
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 254; i++) printf "<div>"
	printf "The deepest sentence."; for (i = 0; i < 254; i++) printf "</div>"
	print "</body></html>" }' > html-256-deep.html
# Under the cap: 4 MiB of elements with 256 attributes each.
awk 'BEGIN { printf "<html><body>"
	for (e = 0; e < 1400; e++) { printf "<p"
		for (i = 0; i < 256; i++) printf " a%d=1", i
		print ">words</p>" }
	print "</body></html>" }' > html-256-attrs-each.html
awk 'BEGIN { print "@string{m0 = \"xxxxxxxxxxxxxxxx\"}"
	for (i = 1; i < 40; i++) printf "@string{m%d = m%d # m%d}\n", i, i - 1, i - 1
	print "@article{k1, title = m39, author = {A. Author}, year = 2020}" }' > bib-nested.bib
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "@string{s%d = \"w%d \"}\n", i, i
	for (i = 0; i < 2000; i++) { printf "@misc{k%d, title = ", i
		for (j = 0; j < 10; j++) printf "%ss%d", j ? " # " : "", (i * 7 + j) % 20000
		print ", author = {A}, year = 2020}" } }' > bib-20k-macros.bib

"$cl" init repo >/dev/null
git -C repo commit -q --allow-empty -m empty

# time NAME CMD...: five runs; the median wall time, the largest peak RSS.
time_it() {
	name=$1; shift
	: > times
	for i in 1 2 3 4 5; do
		s=$(date +%s%N)
		/usr/bin/time -f "%M" -o rss "$@" >/dev/null 2>&1 || true
		e=$(date +%s%N)
		echo "$(( (e - s) / 1000000 )) $(cat rss)" >> times
	done
	ms=$(cut -d' ' -f1 times | sort -n | sed -n 3p)
	kb=$(cut -d' ' -f2 times | sort -n | tail -1)
	printf '  %-48s %6s ms %8s KB\n' "$name" "$ms" "$kb"
}

# peer NAME CMD...: xmllint on the same file, once, for at most 30 s.
peer() {
	name=$1; shift
	command -v xmllint >/dev/null || return 0
	s=$(date +%s%N)
	/usr/bin/time -f "%M" -o rss timeout 30 "$@" >/dev/null 2>&1 && rc=0 || rc=$?
	e=$(date +%s%N)
	if [ "$rc" = 124 ]; then
		printf '  %-48s %9s (stopped)\n' "$name" "> 30 s"
	else
		printf '  %-48s %6s ms %8s KB\n' "$name" "$(( (e - s) / 1000000 ))" "$(cat rss)"
	fi
}

echo "worst-case inputs (median of 5 runs, wall; peak RSS), load $(cut -d' ' -f1 /proc/loadavg):"
cp entities-26k.xml repo/entities.xml
time_it "entities.xml, 26k names: entity list" "$cl" -C repo entity list
peer "  xmllint --noout" xmllint --noout entities-26k.xml
cp entities-43k.xml repo/entities.xml
time_it "entities.xml, 43k names reversed: entity list" "$cl" -C repo entity list
peer "  xmllint --noout" xmllint --noout entities-43k.xml
rm repo/entities.xml
mkdir -p repo/claims/2d
cp claim-50k-attrs.xml repo/claims/2d/x.xml
time_it "claim, 50k attributes (refused): show" "$cl" -C repo show x
peer "  xmllint --noout" xmllint --noout claim-50k-attrs.xml
cp claim-32-attrs-each.xml repo/claims/2d/x.xml
time_it "claim, 1 MiB of 32 attributes each: show" "$cl" -C repo show x
peer "  xmllint --noout" xmllint --noout claim-32-attrs-each.xml
rm -r repo/claims/2d
time_it "HTML, 100k attributes (refused): source add" \
	"$cl" -C repo source add html-100k-attrs.html --id a --title A
peer "  xmllint --html --noout" \
	xmllint --html --noout html-100k-attrs.html
time_it "HTML, 256 levels: source add" sh -c \
	"'$cl' -C repo source add html-256-deep.html --id d --title D && git -C repo reset -q --hard HEAD~1"
peer "  xmllint --html --noout" \
	xmllint --html --noout html-256-deep.html
time_it "HTML, 4 MiB of 256 attributes each: source add" sh -c \
	"'$cl' -C repo source add html-256-attrs-each.html --id e --title E && git -C repo reset -q --hard HEAD~1"
peer "  xmllint --html --noout" \
	xmllint --html --noout html-256-attrs-each.html
time_it "BibTeX, @string doubling 39 times (refused)" "$cl" -C repo import --dry-run bib-nested.bib
time_it "BibTeX, 20k macros, 20k references" "$cl" -C repo import --dry-run bib-20k-macros.bib
