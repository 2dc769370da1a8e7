#!/bin/sh
# bench_edit.sh REPO [RUNS] - one-file edits, side by side in one run:
# `git add FILE && git commit` of one edited claim file against claimlog's
# `claim set` and `claim add`, each the median of RUNS (default 5), taken in
# turns; and `git status` before and after.  Works on a hard-linked copy of
# REPO (a repository made by gen_repo.c), which is not changed; with
# BENCH_STATE=1 the state index is built first, so that the commit hook
# updates it.  CLAIMLOG is the binary (default build/claimlog).
set -eu
src=$(cd "$1" && pwd)
runs=${2:-5}
CLAIMLOG=${CLAIMLOG:-$(pwd)/build/claimlog}
copy=${BENCH_COPY:-/tmp/bench-edit.$$}
export GIT_AUTHOR_NAME="Bench Author" GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME="Bench Author" GIT_COMMITTER_EMAIL=bench@example.org
export GIT_CONFIG_NOSYSTEM=1

# Files git or libgit2 change in place (reflogs are appended to,
# COMMIT_EDITMSG rewritten) must not be shared with REPO; everything else
# is replaced by rename.
cp -al "$src" "$copy"
trap 'rm -rf "$copy" "$copy".*' EXIT
rm -rf "$copy/.git/logs" "$copy/.git/claimlog" "$copy/.git/COMMIT_EDITMSG"
[ -d "$src/.git/logs" ] && cp -r "$src/.git/logs" "$copy/.git/logs"
cd "$copy"
git config gc.auto 0

ms() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
status_ms() {
	t0=$(ms); out=$(git status --porcelain); t1=$(ms)
	[ -z "$out" ] || { echo "git status is not clean: $out" >&2; exit 1; }
	echo $((t1 - t0))
}

if [ "${BENCH_STATE:-0}" = 1 ]; then
	t0=$(ms); "$CLAIMLOG" list --limit 1 >/dev/null 2>&1 || "$CLAIMLOG" list >/dev/null; t1=$(ms)
	echo "state index built in $((t1 - t0)) ms"
fi
# Claims spread over the fan-out folders, and a source with a quote from one.
git ls-files claims >"$copy.list"
step=$(($(wc -l <"$copy.list") / (2 * runs + 1)))
files=$(awk -v s="$step" 'NR % s == 0' "$copy.list" | head -n $((2 * runs)))
text=$(git ls-files sources | grep '\.txt$' | head -n 1)
source=$(basename "$text" .txt)
quote=$(head -c 2000 "$text" | tr -s ' \n' '  ' | cut -d' ' -f5-12)

echo "$(git ls-files | wc -l) files, git index $(($(stat -c %s .git/index) / 1048576)) MB, load $(cut -d' ' -f1-3 /proc/loadavg)"
status_ms >/dev/null	# the first one warms the caches
echo "git status before: $(status_ms) ms"
: >"$copy.git"; : >"$copy.set"; : >"$copy.add"
i=0
for f in $files; do
	i=$((i + 1))
	[ $i -le "$runs" ] || break
	g=$(echo "$files" | sed -n "$((runs + i))p")
	sed "s|</statement>| (edited $i)</statement>|" "$g" >"$g.new" && mv "$g.new" "$g"
	t0=$(ms); git add "$g" && git commit -q -m "edit $i"; t1=$(ms)
	echo $((t1 - t0)) >>"$copy.git"
	id=$(basename "$f" .xml)
	t0=$(ms); "$CLAIMLOG" claim set "$id" note "bench run $i" >/dev/null; t1=$(ms)
	echo $((t1 - t0)) >>"$copy.set"
	t0=$(ms)
	"$CLAIMLOG" claim add --id "bench-add-$$-$i" --statement "A claim added by the benchmark." \
		--source "$source" --quote "$quote" >/dev/null
	t1=$(ms)
	echo $((t1 - t0)) >>"$copy.add"
done
echo "git status after: $(status_ms) ms (clean)"
g=$(median <"$copy.git"); s=$(median <"$copy.set"); a=$(median <"$copy.add")
echo "median of $runs: git add + git commit $g ms; claim set $s ms ($(echo "$s $g" | awk '{ printf "%.2f", $1 / $2 }')x); claim add $a ms ($(echo "$a $g" | awk '{ printf "%.2f", $1 / $2 }')x)"
echo "all: git $(tr '\n' ' ' <"$copy.git")/ set $(tr '\n' ' ' <"$copy.set")/ add $(tr '\n' ' ' <"$copy.add")"
rm -f "$copy.git" "$copy.set" "$copy.add" "$copy.list"
