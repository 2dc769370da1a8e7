#!/bin/sh
# bench_pdf.sh BUILD [PAGES] - the PDF benchmark of docs/performance.md
# (issue 15; not part of 'make test'): the text of a generated PAGES-page
# (300) two-column PDF, taken by claimlog ('source text' with the text
# cache removed before each run, so poppler extracts every page: process
# start-up, opening the repository, reading and hashing the PDF included)
# side by side with poppler's own pdftotext on the same file, in the same
# run, alternately, 7 times each; the medians of wall-clock and CPU time,
# their ratios, and the warm 'source text' (from the cache).  claimlog reads
# the pages on one thread per processor: where taskset is, both tools are
# also run on one processor (taskset -c 0).  BUILD is the build folder (or
# its claimlog binary); it needs claimlog and tests/mkpdf.
set -eu
build=${1:?usage: bench_pdf.sh BUILD [PAGES]}
pages=${2:-300}
case $build in /*) ;; *) build=$PWD/$build ;; esac
[ -f "$build" ] && build=$(dirname "$build")
CL=$build/claimlog
command -v pdftotext >/dev/null || { echo "bench_pdf: pdftotext is absent (poppler-utils)"; exit 1; }
[ -x "$build/tests/mkpdf" ] || { echo "bench_pdf: $build/tests/mkpdf is not built (make units)"; exit 1; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org \
	GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org HOME=$W
"$build/tests/mkpdf" bench "$W/bench.pdf" "$pages"
"$CL" init "$W/r" >/dev/null
"$CL" -C "$W/r" source add "$W/bench.pdf" --id bench --title Bench >/dev/null

# run_ms FILE CMD...: append to FILE the milliseconds of one run, wall
# and CPU (user + system), output discarded.
run_ms() {
	f=$1; shift
	/usr/bin/time -o "$W/time" -f "%e %U %S" "$@" >/dev/null 2>&1 ||
		{ echo "bench_pdf: failed: $*" >&2; exit 1; }
	awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$W/time" >> "$f"
}
# median FILE COLUMN
median() { cut -d' ' -f"$2" "$1" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

load=$(cut -d' ' -f1 /proc/loadavg)
: > "$W/cl"; : > "$W/pt"; : > "$W/warm"; : > "$W/cl1"; : > "$W/pt1"
for i in 1 2 3 4 5 6 7; do
	run_ms "$W/cl" sh -c "rm -rf '$W/r/.git/claimlog/text' && '$CL' -C '$W/r' source text bench"
	run_ms "$W/pt" pdftotext "$W/bench.pdf" "$W/out.txt"
	run_ms "$W/warm" "$CL" -C "$W/r" source text bench
	if command -v taskset >/dev/null; then
		run_ms "$W/cl1" taskset -c 0 sh -c "rm -rf '$W/r/.git/claimlog/text' && '$CL' -C '$W/r' source text bench"
		run_ms "$W/pt1" taskset -c 0 pdftotext "$W/bench.pdf" "$W/out.txt"
	fi
done
c=$(median "$W/cl" 1); p=$(median "$W/pt" 1); w=$(median "$W/warm" 1)
cc=$(median "$W/cl" 2); pc=$(median "$W/pt" 2)
echo "PDF text, $pages pages ($(wc -c < "$W/bench.pdf") bytes), median of 7, $(nproc) processors:"
echo "  load average before: $load"
echo "  claimlog source text, cold cache: $c ms wall, $cc ms CPU"
echo "  pdftotext:                        $p ms wall, $pc ms CPU"
echo "  ratio claimlog / pdftotext:       $(awk -v c="$c" -v p="$p" 'BEGIN { printf "%.2f", c / p }') wall, $(awk -v c="$cc" -v p="$pc" 'BEGIN { printf "%.2f", c / p }') CPU"
echo "  claimlog source text, from cache: $w ms wall"
if [ -s "$W/cl1" ]; then
	c1=$(median "$W/cl1" 1); p1=$(median "$W/pt1" 1)
	echo "  on one processor (taskset -c 0):  claimlog $c1 ms, pdftotext $p1 ms wall, ratio $(awk -v c="$c1" -v p="$p1" 'BEGIN { printf "%.2f", c / p }')"
fi
echo "  load average after: $(cut -d' ' -f1 /proc/loadavg)"
