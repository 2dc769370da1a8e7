#!/bin/sh
# bench_history.sh BUILD [CLAIMS COMMITS SOURCES] - the history and search
# benchmark of docs/performance.md (not part of 'make test').  BUILD is
# the build folder (or its claimlog binary): it needs claimlog and
# libclaimlog.a.
#
# Generates (once, kept in $BENCH_DIR, default /tmp/claimlog-bench) a
# repository of 100,000 claims, 1,000 sources and 20,000 commits with
# tests/bench/gen_repo.c and 'git fast-import', repacked as the
# fast-import manual advises, then measures, in a copy (cp -al) removed at
# the end:
#
#   state build    the index of the claims and sources from nothing
#   history build  the history of every commit from nothing
#   log            a claim's log, warm, against 'git log -- PATH'
#   catch-up       after a one-claim commit made with plain git
#   hook           a 'claimlog claim set' with and without the index
#   search         a rare word, a common word, two words
#
# Each is measured twice: as whole claimlog commands (wall-clock, process
# start-up included; the fast ones the median of 7 runs), and inside one
# process by tests/bench/bench_index.c (the median of 21 runs), which
# leaves out the start-up of a process.
set -eu
build=${1:?usage: bench_history.sh BUILD [CLAIMS COMMITS SOURCES]}
claims=${2:-100000}
commits=${3:-20000}
sources=${4:-1000}
top=$(cd "$(dirname "$0")/../.." && pwd)
case $build in /*) ;; *) build=$PWD/$build ;; esac
[ -f "$build" ] && build=$(dirname "$build")
CL=$build/claimlog
W=${BENCH_DIR:-/tmp/claimlog-bench}
R=$W/repo-$claims-$commits-$sources
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME="Bench Author" \
	GIT_AUTHOR_EMAIL=bench@example.org GIT_COMMITTER_NAME="Bench Author" \
	GIT_COMMITTER_EMAIL=bench@example.org NO_COLOR=1
# git fast-import allocates in many small steps; keep glibc from handing
# memory back to the kernel after each (ten times faster here).
tunables=glibc.malloc.top_pad=268435456:glibc.malloc.trim_threshold=268435456

ms() { date +%s%N | cut -c1-13; }
# time_ms CMD...: milliseconds of one run, output discarded.
time_ms() {
	t0=$(ms)
	"$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; exit 1; }
	echo $(($(ms) - t0))
}
# cpu_ms CMD...: the mean CPU time (user + system) of 7 runs, from the
# shell's 'times', which less load on the machine changes less.
# 'times' must run in this shell, not in a $(...) of its own.
children_ms() {
	sed -n 2p "$W/times" | awk '{ for (i = 1; i <= 2; i++) { split($i, a, "m");
		sub("s", "", a[2]); t += a[1] * 60000 + a[2] * 1000 } printf "%d", t }'
}
cpu_ms() {
	times > "$W/times"
	c0=$(children_ms)
	for i in 1 2 3 4 5 6 7; do "$@" >/dev/null 2>&1; done
	times > "$W/times"
	echo $((($(children_ms) - c0) / 7))
}
# median_ms CMD...: the median of 7 runs.
median_ms() {
	for i in 1 2 3 4 5 6 7; do time_ms "$@"; done | sort -n | sed -n 4p
}

mkdir -p "$W"
libs=$(cat "$build/libs")	# written by make beside libclaimlog.a
for p in gen_repo bench_index; do
	cc -O2 -std=c11 -D_GNU_SOURCE -I"$top/include" -I"$top/src" "$top/tests/bench/$p.c" \
		"$build/libclaimlog.a" $libs -o "$W/$p"
done
if [ ! -d "$R/.git" ]; then
	echo "generating $claims claims, $sources sources, $commits commits in $R"
	rm -rf "$R.tmp"
	git init -q -b main "$R.tmp"
	t0=$(ms)
	"$W/gen_repo" "$claims" "$commits" "$sources" |
		GLIBC_TUNABLES=$tunables git -C "$R.tmp" fast-import --quiet
	echo "  fast-import: $(($(ms) - t0)) ms"
	t0=$(ms)
	git -C "$R.tmp" repack -adfq
	echo "  repack -adf: $(($(ms) - t0)) ms"
	t0=$(ms)
	git -C "$R.tmp" checkout -q main
	echo "  checkout: $(($(ms) - t0)) ms"
	mv "$R.tmp" "$R"
fi
# Everything below commits, resets and builds an index: in a copy, so
# that the generated repository stays as it was (scale.sh shares it).
# Hard links are safe (git and claimlog replace files by rename), but for
# the reflogs, which git appends to in place; the copy's ctimes changed,
# so its git index is refreshed first.
C=$W/work-$$
trap 'rm -rf "$C"' EXIT
cp -al "$R" "$C"
rm -rf "$C/.git/claimlog" "$C/.git/logs"
cp -r "$R/.git/logs" "$C/.git/"
git -C "$C" update-index -q --refresh || true
R=$C
IDX=$R/.git/claimlog/index.sqlite
cd "$R"
git reset -q --hard "$(git rev-list --max-count=1 --grep='^bench:' --invert-grep HEAD)"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "repository: $(git ls-files 'claims/*' | grep -c '\.xml$') claims, $(git rev-list --count HEAD) commits, $(du -sh .git/objects | cut -f1) of objects"

# Builds from nothing: in one process, then as commands.  The state
# build is repeated ($BENCH_RUNS times, 5 unless set), as a shared
# virtual machine makes one run vary by a fifth.
runs=${BENCH_RUNS:-5}
: > "$W/state"
for i in $(seq "$runs"); do
	rm -f "$IDX" "$IDX-wal" "$IDX-shm"
	"$W/bench_index" "$R" state | awk '{ print $2, $7 }' >> "$W/state"
done
sort -n "$W/state" | awk -v n="$runs" -v c="$claims" '
	{ t[NR] = $1; cpu[NR] = $2 }
	END { m = t[int((n + 1) / 2)]; printf "in-process state build, %d runs: median %.0f ms (%d claims/s), best %.0f ms (%d claims/s), worst %.0f ms; CPU of the median %.0f ms\n",
		n, m, c * 1000 / m, t[1], c * 1000 / t[1], t[n], cpu[int((n + 1) / 2)] }'
rm -f "$IDX" "$IDX-wal" "$IDX-shm"
"$W/bench_index" "$R" build | while read -r what t rest; do
	case $what in
	history) echo "in-process history build: $t ms, $rest: $(awk "BEGIN { printf \"%d\", $commits * 1000 / $t }") commits/s" ;;
	esac
done
for i in 1 2 3; do
	rm -f "$IDX" "$IDX-wal" "$IDX-shm"
	time_ms "$CL" search dofendal
done | sort -n > "$W/state"
state=$(sed -n 2p "$W/state")
echo "state build (claimlog search, from nothing; median of 3): $state ms, $((claims * 1000 / state)) claims/s (runs: $(tr '\n' ' ' < "$W/state"))"
# The claim with the longest history that never moved (git log needs no --follow).
id=$("$CL" sql "SELECT id FROM changes WHERE kind = 'claim' AND id NOT IN
	(SELECT id FROM changes WHERE change = 'R') GROUP BY id
	ORDER BY count(*) DESC, id LIMIT 1" | sed -n 2p)
rm -f "$IDX" "$IDX-wal" "$IDX-shm"
"$CL" search dofendal >/dev/null
hist=$(time_ms "$CL" log "$id")
echo "history build (claimlog log, from nothing): $hist ms, $((commits * 1000 / hist)) commits/s"
echo "index file: $(du -h "$IDX" | cut -f1)"

path=$("$CL" path "$id")
n=$("$CL" log "$id" --oneline | wc -l)
[ "$n" = "$(git log --format=%H -- "$path" | wc -l)" ] ||
	echo "bench: warning: log of $id differs from git log" >&2
ours=$(median_ms "$CL" log "$id")
git_ms=$(median_ms git log --format=%H -- "$path")
echo "claimlog log $id ($n commits, field changes included): $ours ms;" \
	"git log --format=%H -- $path: $git_ms ms:" \
	"$(awk "BEGIN { printf \"%.1f\", $git_ms / ($ours > 0 ? $ours : 1) }") times faster"
ours=$(cpu_ms "$CL" log "$id")
git_ms=$(cpu_ms git log --format=%H -- "$path")
echo "  in CPU time: claimlog log $ours ms, git log $git_ms ms:" \
	"$(awk "BEGIN { printf \"%.1f\", $git_ms / ($ours > 0 ? $ours : 1) }") times less"
if [ -n "${BENCH_COMMIT_GRAPH:-}" ]; then
	git commit-graph write --reachable --changed-paths >/dev/null 2>&1
	echo "  git log with a commit-graph and changed-path filters: $(median_ms git log --format=%H -- "$path") ms"
	rm -f .git/objects/info/commit-graph
fi
echo "claimlog --version (process start-up): $(median_ms "$CL" --version) ms, $(cpu_ms "$CL" --version) ms of CPU"
echo "search as a command: rare word $(median_ms "$CL" search dofendal) ms," \
	"common word $(median_ms "$CL" search kaka) ms, two words $(median_ms "$CL" search kaka roro) ms;" \
	"CPU: $(cpu_ms "$CL" search dofendal), $(cpu_ms "$CL" search kaka), $(cpu_ms "$CL" search kaka roro) ms"
"$W/bench_index" "$R" query "$id" dofendal kaka "kaka roro" | sed 's/^/in-process /'

# A one-claim commit made with plain git, then the catch-up.
sed -i 's|</statement>| (bench)</statement>|' "$path"
git commit -q -am "bench: one claim by hand"
"$W/bench_index" "$R" catchup | sed 's/^/in-process /'
sed -i 's| (bench)</statement>|</statement>|' "$path"
git commit -q -am "bench: one claim by hand, back"
echo "catch-up as a command (claimlog search): $(time_ms "$CL" search dofendal) ms"

# Commands that read through the index at this size: the conflicts of
# the whole repository, a claim at an older revision, the review of a
# ten-commit change (which exits 1 on this data's findings).
review() { "$CL" review HEAD~10..HEAD || [ $? = 1 ]; }
echo "contested (all conflicts): $(median_ms "$CL" contested) ms;" \
	"show $id@HEAD~5: $(median_ms "$CL" show "$id@HEAD~5") ms," \
	"@HEAD~5000: $(median_ms "$CL" show "$id@HEAD~5000") ms;" \
	"review HEAD~10..HEAD: $(median_ms review) ms"

# The commit hook: claim set with the index there, and without it.
with=$(time_ms "$CL" claim set "$id" note "bench with the index")
mv "$IDX" "$IDX.aside"
without=$(time_ms "$CL" claim set "$id" note "bench without the index")
mv "$IDX.aside" "$IDX"
echo "claim set with the index (its hook included): $with ms; without an index: $without ms"
git reset -q --hard HEAD~4
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
