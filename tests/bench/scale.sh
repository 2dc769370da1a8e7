#!/bin/sh
# scale.sh BUILD - issue 17's table: every claimlog command at 10k, 100k
# and 1M claims, side by side with its peer (git) in the same run, as
# ratios, so that how each cost grows with the repository can be read off
# it.  BUILD is the build folder (or its claimlog binary); it needs
# claimlog and libclaimlog.a (for tests/bench/gen_repo.c).
#
#   BENCH_SIZES="10000 100000"   the sizes (default 10000 100000 1000000)
#   BENCH_DIR=DIR                where repositories are kept (default
#                                /tmp/claimlog-bench); the table goes to
#                                DIR/scale.md as well as to stdout
#   BENCH_TIMEOUT=SECONDS        give up a slow import after this (3600)
#   BENCH_TABLE_ONLY=1           measure nothing: print the table of the
#                                figures kept in DIR/scale-SIZE.tsv (and
#                                .txt) by earlier runs, one size each
#
# Each size's repository (CLAIMS claims, CLAIMS/100 sources but at most
# 2,000, CLAIMS/5 commits but at most 20,000) is generated once by
# gen_repo | git fast-import, repack -adf and checkout, as
# bench_history.sh does, into DIR/repo-CLAIMS-COMMITS-SOURCES, and kept;
# how long that took is kept beside it in DIR/gen-10k.log (100k, 1m) and
# printed.  Every measure then runs in a copy made with 'cp -al' (hard
# links: git and claimlog replace files by rename, never in place), so
# the generated repository stays as it was; the copy is removed at the end.
#
# Quick commands are the median of 7 runs, slower ones of 3, and a command
# that takes over 20 s is run once; ours and the peer take turns, so that
# both see the same load.  Every command must succeed, and the peer must
# do the same thing (the same log lines, the same tree after an import,
# a clean 'git status' after a claimlog commit), or the script stops.
set -eu
build=${1:?usage: sh tests/bench/scale.sh BUILD}
case $build in /*) ;; *) build=$PWD/$build ;; esac
[ -f "$build" ] && build=$(dirname "$build")
CL=$build/claimlog
top=$(cd "$(dirname "$0")/../.." && pwd)
W=${BENCH_DIR:-/tmp/claimlog-bench}
sizes=${BENCH_SIZES:-10000 100000 1000000}
tmo=${BENCH_TIMEOUT:-3600}
word=dofendal	# a rare word of gen_repo's vocabulary (about 1 claim in 800)
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME="Bench Author" \
	GIT_AUTHOR_EMAIL=bench@example.org GIT_COMMITTER_NAME="Bench Author" \
	GIT_COMMITTER_EMAIL=bench@example.org NO_COLOR=1
tunables=glibc.malloc.top_pad=268435456:glibc.malloc.trim_threshold=268435456

die() { echo "scale.sh: $*" >&2; exit 1; }
ms() { date +%s%N | cut -c1-13; }
label() { case $1 in 1000000) echo 1M ;; *000) echo "$(($1 / 1000))k" ;; *) echo "$1" ;; esac; }

# run_ms CMD...: the milliseconds of one run, output discarded; stops the
# script when CMD fails.
run_ms() {
	t0=$(ms)
	"$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; die "failed: $*"; }
	echo $(($(ms) - t0))
}

# pair OURS PEER: runs the commands OURS and PEER (PEER may be -) in
# turns, 7 times when one run of both takes under 2 s, 3 times under
# 20 s, else once; prints "OURS_MS PEER_MS RUNS", medians.  Call it as
# r=$(pair ...), so that a failure stops the script: 'set -- $(pair ...)'
# would hide it.
pair() {
	: >"$work/o"; : >"$work/p"
	n=0 max=7
	while [ "$n" -lt "$max" ]; do
		o=$(run_ms "$1"); echo "$o" >>"$work/o"
		p=0; [ "$2" = - ] || p=$(run_ms "$2"); echo "$p" >>"$work/p"
		n=$((n + 1))
		if [ "$n" = 1 ]; then
			[ $((o + p)) -lt 20000 ] || max=1
			[ $((o + p)) -lt 2000 ] || [ "$max" = 1 ] || max=3
		fi
	done
	echo "$(median <"$work/o") $(median <"$work/p") $n"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# row NAME PEER OURS_MS PEER_MS RUNS: one figure for the table.
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$size" "$3" "$4" "$5" >>"$rows"; }

# The repository of one size, generated when missing.
generate() {
	gl=$W/gen-$(label "$1" | tr M m).log
	[ -d "$R/.git" ] && return 0
	[ -x "$bin/gen_repo" ] || {
		libs=$(cat "$build/libs")	# written by make beside libclaimlog.a
		cc -O2 -std=c11 -D_GNU_SOURCE -I"$top/include" -I"$top/src" \
			"$top/tests/bench/gen_repo.c" "$build/libclaimlog.a" $libs -o "$bin/gen_repo"
	}
	echo "generating $R" >&2
	rm -rf "$R.tmp"
	git init -q -b main "$R.tmp"
	{
		t0=$(ms)
		"$bin/gen_repo" "$1" "$2" "$3" |
			GLIBC_TUNABLES=$tunables git -C "$R.tmp" fast-import --quiet
		echo "fast-import: $(($(ms) - t0)) ms"
		t0=$(ms); git -C "$R.tmp" repack -adfq; echo "repack -adf: $(($(ms) - t0)) ms"
		t0=$(ms); git -C "$R.tmp" checkout -q main; echo "checkout: $(($(ms) - t0)) ms"
	} >"$gl.tmp"
	mv "$R.tmp" "$R"
	mv "$gl.tmp" "$gl"
}

# gen_figure: "fast-import A s, repack B s, checkout C s" from the log
# of the generation, if one was kept.
gen_figure() {
	[ -f "$gl" ] || { echo "generated earlier, time not kept"; return; }
	awk -F': ' '/ ms$/ { sub(/ ms$/, "", $2); t += $2; s = s sprintf("%s%s %.0f s", s ? ", " : "", $1, $2 / 1000) }
		END { printf "%.0f s (%s)", t / 1000, s }' "$gl"
}

# The copy this size's measures work in, with git's index refreshed (the
# hard links changed every file's ctime) and without claimlog's index.
copy() {
	rm -rf "$C"
	cp -al "$R" "$C"
	# Reflogs are appended to in place: the copy's must be its own.
	rm -rf "$C/.git/claimlog" "$C/.git/logs"
	[ -d "$R/.git/logs" ] && cp -r "$R/.git/logs" "$C/.git/logs"
	cd "$C"
	# bench_history.sh's commits, if it left any, are not part of it.
	tip=$(git rev-list --max-count=1 --grep='^bench:' --invert-grep HEAD)
	[ "$tip" = "$(git rev-parse HEAD)" ] || git reset -q --hard "$tip"
	git update-index -q --refresh >/dev/null || true
	[ -z "$(git status --porcelain)" ] || die "$C: the copy is not clean"
	nclaims=$(git ls-files claims | grep -c '\.xml$')
	[ "$nclaims" = "$size" ] || die "$C: $nclaims claims, not $size"
}

# Builds from nothing: the state index (claims, sources, full text) by a
# 'search', then the history by a 'log'.  Their references read what they
# must read: every blob of HEAD (git grep WORD HEAD), every commit's
# changed paths (git log --raw).
idx() { rm -f "$IDX" "$IDX-wal" "$IDX-shm"; }
state_build() { idx; "$CL" search "$word"; }
state_peer() { git grep -c "$word" HEAD; }
hist_build() { "$CL" log claim-000000; }
hist_peer() { git log --raw -r --no-renames --format=%H; }
builds() {
	: >"$work/sb"; : >"$work/sp"; : >"$work/hb"; : >"$work/hp"
	n=0 max=3
	while [ "$n" -lt "$max" ]; do
		run_ms state_build >>"$work/sb"
		run_ms hist_build >>"$work/hb"
		run_ms state_peer >>"$work/sp"
		run_ms hist_peer >>"$work/hp"
		n=$((n + 1))
		[ "$n" != 1 ] || [ "$(cat "$work/sb")" -lt 20000 ] || max=1
	done
	row "index build from nothing" "\`git grep -c WORD HEAD\` (reads every blob)" \
		"$(median <"$work/sb")" "$(median <"$work/sp")" "$n"
	row "history build, every commit" "\`git log --raw -r\` (diffs every commit)" \
		"$(median <"$work/hb")" "$(median <"$work/hp")" "$n"
	row "index file size (MB)" "\`du -sb .git/objects/pack\`" \
		"$(du -sb "$IDX" | awk '{ printf "%.0f", $1 / 1e6 }')" \
		"$(du -sb .git/objects/pack | awk '{ printf "%.0f", $1 / 1e6 }')" 1
}

# A claim's log, against git log with a commit-graph and changed-path
# Bloom filters, on the claim with the longest history that never moved.
log_ours() { "$CL" log "$id"; }
log_peer() { git log --format=%H -- "$path"; }
logs() {
	id=$("$CL" sql "SELECT id FROM changes WHERE kind = 'claim' AND id NOT IN
		(SELECT id FROM changes WHERE change = 'R') GROUP BY id
		ORDER BY count(*) DESC, id LIMIT 1" | sed -n 2p)
	path=$("$CL" path "$id")
	git commit-graph write --reachable --changed-paths >/dev/null 2>&1
	a=$("$CL" log "$id" --oneline | wc -l)
	b=$(git log --format=%H -- "$path" | wc -l)
	[ "$a" = "$b" ] || die "log $id: $a commits, git log: $b"
	r=$(pair log_ours log_peer)
	set -- $r
	row "\`log ID\`" "\`git log --format=%H -- PATH\`, commit-graph with Bloom filters" "$@"
	logn="log ID: $id, $a commits"
}

version_ours() { "$CL" --version; }
version_peer() { git --version; }
search_ours() { "$CL" search "$word"; }
search_peer() { git grep -l "$word"; }
contested() { "$CL" contested; }
queries() {
	r=$(pair version_ours version_peer)
	set -- $r
	row "\`--version\` (start-up)" "\`git --version\`" "$@"
	[ "$("$CL" search "$word" | grep -c '^claim ')" -gt 0 ] || die "search $word: nothing found"
	r=$(pair search_ours search_peer)
	set -- $r
	row "\`search\` a rare word" "\`git grep -l WORD\` (work tree)" "$@"
	r=$(pair contested -)
	set -- $r
	row "\`contested\`" "" "$@"
}

# Full verify (which exits 1 on this data's findings: its quotes are
# random words) against a full read of the same files, with peak memory.
verify_ours() {
	/usr/bin/time -f %M -o "$work/mem" "$CL" verify >"$work/verify" 2>&1 || [ $? = 1 ]
	grep -q "in $size claims" "$work/verify" || { tail -3 "$work/verify" >&2; return 1; }
	tail -n 1 "$work/mem" >>"$work/om"
}
verify_peer() {
	/usr/bin/time -f %M -o "$work/mem" git grep -c "$word" >/dev/null
	tail -n 1 "$work/mem" >>"$work/pm"
}
verifies() {
	: >"$work/om"; : >"$work/pm"
	r=$(pair verify_ours verify_peer)
	set -- $r
	row "full \`verify\`" "\`git grep -c WORD\` (work tree)" "$@"
	row "full \`verify\`, peak memory (MB)" "\`git grep -c WORD\`" \
		"$(median <"$work/om" | awk '{ printf "%.0f", $1 / 1024 }')" \
		"$(median <"$work/pm" | awk '{ printf "%.0f", $1 / 1024 }')" "$3"
}

# Edits: one claimlog commit against 'git add FILE && git commit' of the
# same kind of one-file change (another file, so both change something).
# Then git must see a clean work tree.  Paths are looked up before, so
# that the peer's time holds no claimlog start-up.
# The edits are numbered in a file, as each runs in a subshell of its own.
next() { k=$(($(cat "$work/k") + 1)); echo "$k" >"$work/k"; }
set_ours() {
	next
	"$CL" claim set claim-000002 note "bench note $k"
}
set_peer() {
	k=$(cat "$work/k")
	{ cat "$f3"; echo "<!-- bench $k -->"; } >"$f3.new" && mv "$f3.new" "$f3"
	git add "$f3" && git commit -q -m "bench: edit $k"
}
add_ours() {
	next
	"$CL" claim add --id "bench-add-$k" --statement "Bench claim $k." \
		--source source-00000 --quote "$quote"
}
add_peer() {
	k=$(cat "$work/k")
	g=$(dirname "$f3")/bench-peer-$k.xml
	sed "s/claim-000003/bench-peer-$k/" "$f3" >"$g"
	git add "$g" && git commit -q -m "bench: add $k"
}
edits() {
	echo 0 >"$work/k"
	f3=$("$CL" path claim-000003)
	r=$(pair set_ours set_peer)
	set -- $r
	[ -z "$(git status --porcelain)" ] || die "claim set: git status is not clean"
	row "\`claim set\` (one edit, one commit)" "\`git add FILE && git commit\`" "$@"
	quote=$(git ls-files sources | grep 'source-00000\.txt$' | xargs cat | cut -d' ' -f1-6 | head -1)
	r=$(pair add_ours add_peer)
	set -- $r
	[ -z "$(git status --porcelain)" ] || die "claim add: git status is not clean"
	row "\`claim add\`" "\`git add FILE && git commit\` of a new file" "$@"
}

# Bulk import: tests/bench/bench_import.sh when there is one (it prints
# "import N claims: X ms; fast-import + checkout: Y ms; ratio R"), else
# the claims of this size's repository exported as JSON Lines and
# imported into a repository holding only its sources (the first commit),
# against 'git fast-import' of the commit that import made, then
# 'git reset --hard', from the same start.
imports() {
	if [ -f "$top/tests/bench/bench_import.sh" ]; then
		line=$(BENCH_DIR=$W/import CLAIMLOG=$CL sh "$top/tests/bench/bench_import.sh" "$size" | tail -1)
		o=$(echo "$line" | sed -n 's/.*claims: \([0-9]*\) ms.*/\1/p')
		p=$(echo "$line" | sed -n 's/.*checkout: \([0-9]*\) ms.*/\1/p')
		[ -n "$o" ] && [ -n "$p" ] || die "bench_import.sh: unexpected output: $line"
		row "\`import\` (JSON Lines, quotes checked; bench_import.sh's data)" \
			"\`git fast-import\` + \`git reset --hard\`" "$o" "$p" "${RUNS:-3}"
		return
	fi
	# gen_repo's quotes are random words, which import refuses: each
	# becomes six words of its source's snapshot.
	"$CL" export --format jsonl | python3 -c '
import json, subprocess, sys
snap = {}
for p in subprocess.run(["git", "ls-files", "sources/*.txt"], capture_output=True, text=True).stdout.split():
    snap[p.rsplit("/", 1)[1][:-4]] = open(p).read().split()
for n, line in enumerate(sys.stdin):
    c = json.loads(line)
    for i, ev in enumerate(c["evidence"]):
        w = snap[ev["source"]]
        k = (n * 7 + i * 13) % (len(w) - 6)
        ev["quote"] = " ".join(w[k:k + 6])
    sys.stdout.write(json.dumps(c) + "\n")
' >"$work/claims.jsonl"
	git branch -f bench-sources "$(git rev-list --max-parents=0 HEAD)"
	git clone -q --no-local -b bench-sources "$C" "$work/base"
	git branch -D -q bench-sources
	rm -rf "$work/imp" "$work/peer"
	cp -a "$work/base" "$work/imp"
	cp -a "$work/base" "$work/peer"
	sync
	t0=$(ms)
	if timeout "$tmo" "$CL" -C "$work/imp" import "$work/claims.jsonl" >/dev/null 2>"$work/err"; then
		o=$(($(ms) - t0))
		git -C "$work/imp" fast-export --reencode=no --reference-excluded-parents bench-sources^..bench-sources >"$work/stream"
		sync
		t0=$(ms)
		git -C "$work/peer" fast-import --quiet <"$work/stream"
		git -C "$work/peer" reset -q --hard
		p=$(($(ms) - t0))
		[ "$(git -C "$work/imp" rev-parse 'HEAD^{tree}')" = "$(git -C "$work/peer" rev-parse 'HEAD^{tree}')" ] ||
			die "import: the trees differ"
		row "\`import\` (JSON Lines, quotes checked)" "\`git fast-import\` + \`git reset --hard\`" "$o" "$p" 1
	elif [ $? = 124 ]; then
		row "\`import\` (JSON Lines, quotes checked)" "\`git fast-import\` + \`git reset --hard\`" ">$((tmo * 1000))" "" 1
	else
		cat "$work/err" >&2; die "import failed"
	fi
	rm -rf "$work/base" "$work/imp" "$work/peer" "$work/claims.jsonl" "$work/stream"
}

# The table: one line per measure, for each size "ours / peer = ratio",
# and how much ours grew from one size to the next (10x the claims).
fmt() {
	awk -v v="$1" -v mb="$2" 'BEGIN {
		if (v == "") print "—"; else if (mb) printf "%d MB", v
		else if (v ~ /^>/) printf "> %d s", substr(v, 2) / 1000
		else if (v < 1000) printf "%d ms", v; else if (v < 10000) printf "%.2f s", v / 1000
		else printf "%.1f s", v / 1000 }'
}
table() {
	printf '| command | peer |'
	for s in $sizes; do printf ' %s: ours / peer = ratio |' "$(label "$s")"; done
	printf ' growth of ours, ×10 claims |\n|---|---|'
	for s in $sizes; do printf -- '---|'; done
	printf -- '---|\n'
	cut -f1 "$rows" | awk '!seen[$0]++' | while IFS= read -r name; do
		peer=$(awk -F'\t' -v n="$name" '$1 == n && $2 != "" { print $2; exit }' "$rows")
		printf '| %s | %s |' "$name" "${peer:-—}"
		mb=0; case $name in *MB*) mb=1 ;; esac
		prev=
		grow=
		for s in $sizes; do
			line=$(awk -F'\t' -v n="$name" -v s="$s" '$1 == n && $3 == s' "$rows")
			o=$(echo "$line" | cut -f4) p=$(echo "$line" | cut -f5) r=$(echo "$line" | cut -f6)
			if [ -z "$line" ]; then printf ' |'; prev=; continue; fi
			printf ' %s' "$(fmt "$o" $mb)"
			case $o in ''|'>'*) ;; *) if [ -n "$p" ] && [ "$p" != 0 ]; then
				printf ' / %s = %s' "$(fmt "$p" $mb)" "$(awk -v o="$o" -v p="$p" 'BEGIN { printf "%.2f", o / p }')"
			fi ;; esac
			[ "$r" -gt 1 ] 2>/dev/null && printf ' (%s runs)' "$r"
			printf ' |'
			case $o in ''|'>'*) prev= ;; *)
				[ -n "$prev" ] && [ "$prev" != 0 ] && grow="$grow${grow:+, }$(awk -v a="$prev" -v b="$o" 'BEGIN { printf "×%.1f", b / a }')"
				prev=$o ;; esac
		done
		printf ' %s |\n' "${grow:-—}"
	done
}

mkdir -p "$W"
work=$(mktemp -d "$W/scale-work.XXXXXX")
bin=$build/bench
mkdir -p "$bin"
trap 'cd /; rm -rf "$work"' EXIT
machine="machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ { print $2 }') GB"
version="$(git --version), $("$CL" --version | head -1) ($(git -C "$top" rev-parse --short HEAD))"
echo "$machine; $version" >&2
# Each size's figures are kept in DIR/scale-SIZE.tsv and .txt, so that
# BENCH_TABLE_ONLY=1 can print the table of sizes measured one by one.
for size in $sizes; do
	[ -z "${BENCH_TABLE_ONLY:-}" ] || break
	commits=$((size / 5)); [ "$commits" -le 20000 ] || commits=20000
	srcs=$((size / 100)); [ "$srcs" -le 2000 ] || srcs=2000
	R=$W/repo-$size-$commits-$srcs
	C=$work/repo-$size
	IDX=$C/.git/claimlog/index.sqlite
	rows=$work/rows-$size
	: >"$rows"
	generate "$size" "$commits" "$srcs"
	echo "$(label "$size"): $R, generated in $(gen_figure)" >&2
	t0=$(ms)
	copy
	l0=$(cut -d' ' -f1-3 /proc/loadavg)
	echo "$(label "$size"): copy ready in $(($(ms) - t0)) ms, load $l0" >&2
	builds
	logs
	queries
	verifies
	edits
	imports
	cd "$W"
	rm -rf "$C"
	l1=$(cut -d' ' -f1-3 /proc/loadavg)
	echo "$(label "$size"): done, load $l1" >&2
	mv "$rows" "$W/scale-$size.tsv"
	echo "- $(label "$size"): $size claims, $srcs sources, $commits commits, generated in $(gen_figure);" \
		"$logn; measured $(date -u '+%Y-%m-%d %H:%M') UTC with $version; load average $l0 at the start, $l1 at the end" >"$W/scale-$size.txt"
done
rows=$work/rows
: >"$rows"
{
	echo "$machine"
	have=
	for s in $sizes; do
		[ -f "$W/scale-$s.tsv" ] || continue
		cat "$W/scale-$s.txt"
		cat "$W/scale-$s.tsv" >>"$rows"
		have="$have $s"
	done
	echo
	sizes=$have
	table
} | tee "$W/scale.md"
