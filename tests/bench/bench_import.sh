#!/bin/sh
# bench_import.sh [N...] - 'claimlog import' of N claims from JSON Lines,
# quotes checked, side by side with its peer: 'git fast-import' of the same
# files (the import commit, as 'git fast-export' writes it) and 'git reset
# --hard' to check them out.  Both start from a copy of the same repository
# holding only the sources, so both write the same objects, the same work
# tree files and the same git index.  One line per size:
#
#   import N claims: X ms; fast-import + checkout: Y ms; ratio R
#
# (then, in parentheses, the CPU time, user and system, of each side, and
# the load average: on a shared machine the CPU times compare better).
# The data is gen_verify.py's (N claims quoting one line each of N/100
# sources of 10 KB, at most 2,000), exported with 'claimlog export --format
# jsonl'.  Generated data is kept in $BENCH_DIR between runs (default
# /tmp/claimlog-bench-import); RUNS (default 3) runs of each side, the
# middle one is printed.  CLAIMLOG is the binary (default build/claimlog),
# TOP the source tree (default: this script's).
set -eu
top=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
claimlog=${CLAIMLOG:-$top/build/claimlog}
dir=${BENCH_DIR:-/tmp/claimlog-bench-import}
runs=${RUNS:-3}
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org \
	GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org CI=1
mkdir -p "$dir"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The claims in files of at most 60 MB (import reads a file of up to 64 MiB),
# part-00.jsonl and on, all given to one import.
split_input() {
	rm -f "$1"/part-*.jsonl
	split -C 60000000 -d --additional-suffix=.jsonl "$1/claims.jsonl" "$1/part-"
}

# $dir/data-N: the claims as JSON Lines, and base/, a repository with the sources only.
prepare() {
	n=$1 d=$dir/data-$1
	[ -f "$d/done" ] && return 0
	rm -rf "$d" && mkdir -p "$d"
	s=$((n / 100)); [ "$s" -gt 2000 ] && s=2000; [ "$s" -lt 10 ] && s=10
	python3 "$top/tests/bench/gen_verify.py" "$d/gen" "$n" "$s" >/dev/null
	(cd "$d/gen" && "$claimlog" export --format jsonl >"$d/claims.jsonl")
	split_input "$d"
	git init -q -b main "$d/base"
	cp -r "$d/gen/sources" "$d/base/sources"
	git -C "$d/base" add -A && git -C "$d/base" commit -qm sources
	rm -rf "$d/gen"
	touch "$d/done"
}

# Run $2 of each side; prints "IMPORT_MS IMPORT_CPU_MS PEER_MS PEER_CPU_MS".
# The copies stay until every run of the size is done: ext4 skips inodes
# freed in the last minute or so when it makes a file, and a side that ran
# just after a removal of 100,000 files would pay for it.
run_once() {
	d=$dir/data-$1 r=$dir/run-$1-$2
	rm -rf "$r" && mkdir -p "$r"
	cp -a "$d/base" "$r/imp" && cp -a "$d/base" "$r/peer"
	sync
	/usr/bin/time -f "%e %U %S" -o "$r/time-imp" sh -c 'cd "$1" && shift && "$@" >/dev/null' \
		- "$r/imp" "$claimlog" import "$d"/part-*.jsonl
	git -C "$r/imp" fast-export --reencode=no --reference-excluded-parents main^..main >"$r/stream"
	sync
	/usr/bin/time -f "%e %U %S" -o "$r/time-peer" sh -c \
		'git -C "$1" fast-import --quiet <"$2" && git -C "$1" reset -q --hard' - "$r/peer" "$r/stream"
	# Both must end with the same tree, the same files checked out.
	[ "$(git -C "$r/imp" rev-parse 'main^{tree}')" = "$(git -C "$r/peer" rev-parse 'main^{tree}')" ] || {
		echo "bench_import: trees differ at $1" >&2; exit 1; }
	cat "$r/time-imp" "$r/time-peer" | awk '{ printf "%d %d ", $1 * 1000, ($2 + $3) * 1000 }'
	echo
}

for n in ${*:-10000 100000}; do
	prepare "$n"
	[ -f "$dir/data-$n/part-00.jsonl" ] || split_input "$dir/data-$n"
	i=0
	: >"$dir/times-$n"
	while [ "$i" -lt "$runs" ]; do
		run_once "$n" "$i" >>"$dir/times-$n"
		i=$((i + 1))
	done
	rm -rf "$dir/run-$n-"*
	col() { cut -d' ' -f"$1" "$dir/times-$n" | median; }
	echo "import $n claims: $(col 1) ms; fast-import + checkout: $(col 3) ms; ratio $(echo "$(col 1) $(col 3)" |
		awk '{ printf "%.2f", $1 / $2 }') (CPU: $(col 2) ms and $(col 4) ms, ratio $(echo "$(col 2) $(col 4)" |
		awk '{ printf "%.2f", $1 / $2 }'); load $(cut -d' ' -f1 /proc/loadavg))"
done
