#!/bin/sh
# bench_startup.sh BUILD [REPO...] - process start-up, side by side with
# git in the same run (docs/performance.md, "Start-up"):
#   claimlog --version against git --version;
#   for each REPO (a benchmark repository of gen_repo, e.g.
#   /tmp/claimlog-bench/repo-100000-20000-1000): claimlog log ID, warm,
#   against git log --format=%H -- PATH with a commit-graph and
#   changed-path Bloom filters (git commit-graph write --reachable
#   --changed-paths), the fair comparison.
# BUILD is a build folder (or its claimlog); BASE="OTHER_BUILD..." adds
# rows for other builds (say, before a change, or make STATIC=1's).  Each REPO is used
# through a hard-linked copy (cp -al) in $TMPDIR, never written itself;
# the copy is removed at the end; the index is built by BUILD (BASE
# builds must read it).  Figures: the median and least
# wall-clock time and the median CPU time of RUNS runs (default 21), by
# tests/bench/bench_run.c.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:?usage: bench_startup.sh BUILD [REPO...]}
shift
[ -f "$build" ] && build=$(dirname "$build")
build=$(cd "$build" && pwd)
CL=$build/claimlog
runs=${RUNS:-21}
W=$(mktemp -d "${TMPDIR:-/tmp}/bench-startup.XXXXXX")
trap 'rm -rf "$W"' EXIT
cc -O2 -o "$W/bench_run" "$top/tests/bench/bench_run.c"
export GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1

# row NAME CMD...: "NAME: median M ms (least L), CPU C ms"; $med, $cpu set.
row() {
	name=$1; shift
	set -- $("$W/bench_run" "$runs" "$@")
	med=$1 cpu=$3
	printf '%-44s median %6.2f ms (least %6.2f), CPU %6.2f ms\n' "$name" "$1" "$2" "$3"
}
ratio() { awk "BEGIN { printf \"%.2f\", $1 / ($2 > 0 ? $2 : 0.01) }"; }

echo "load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) processors; $runs runs each"
row "git --version" git --version
gm=$med gc=$cpu
row "claimlog --version" "$CL" --version
echo "  claimlog / git: $(ratio "$med" "$gm") wall, $(ratio "$cpu" "$gc") CPU;" \
	"$(ldd "$CL" | wc -l) shared libraries"
for b in ${BASE:-}; do
	row "claimlog --version ($b)" "$b/claimlog" --version
	echo "  claimlog / git: $(ratio "$med" "$gm") wall, $(ratio "$cpu" "$gc") CPU"
done

for repo in "$@"; do
	R=$W/repo
	cp -al "$repo" "$R"
	rm -rf "$R/.git/claimlog" "$R/.git/objects/info/commit-graph" \
		"$R/.git/objects/info/commit-graphs"
	cd "$R"
	# The claim with the longest history that never moved (no --follow).
	id=$("$CL" sql "SELECT id FROM changes WHERE kind = 'claim' AND id NOT IN
		(SELECT id FROM changes WHERE change = 'R') GROUP BY id
		ORDER BY count(*) DESC, id LIMIT 1" | sed -n 2p)
	path=$("$CL" path "$id")
	"$CL" log "$id" >/dev/null
	git commit-graph write --reachable --changed-paths >/dev/null 2>&1
	n=$(git log --format=%H -- "$path" | wc -l)
	[ "$n" = "$("$CL" log "$id" --oneline | wc -l)" ] ||
		echo "bench: warning: the log of $id differs from git log" >&2
	echo "$(basename "$repo"): claim $id, $n commits"
	row "git log --format=%H -- PATH (commit-graph)" git log --format=%H -- "$path"
	gm=$med gc=$cpu
	row "claimlog log ID" "$CL" log "$id"
	echo "  git / claimlog: $(ratio "$gm" "$med") wall, $(ratio "$gc" "$cpu") CPU"
	row "claimlog log ID --oneline" "$CL" log "$id" --oneline
	echo "  git / claimlog: $(ratio "$gm" "$med") wall, $(ratio "$gc" "$cpu") CPU"
	for b in ${BASE:-}; do
		row "claimlog log ID ($b)" "$b/claimlog" log "$id"
		echo "  git / claimlog: $(ratio "$gm" "$med") wall, $(ratio "$gc" "$cpu") CPU"
		row "claimlog log ID --oneline ($b)" "$b/claimlog" log "$id" --oneline
		echo "  git / claimlog: $(ratio "$gm" "$med") wall, $(ratio "$gc" "$cpu") CPU"
	done
	cd "$top"
	rm -rf "$R"
done
