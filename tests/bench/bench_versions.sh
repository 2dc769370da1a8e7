#!/bin/sh
# bench_versions.sh BUILD [CLAIMS] - 'source update' and 'undo' on a
# repository where CLAIMS claims (default 2,000) quote one source of as
# many lines, beside git doing the nearest thing: 'git revert' for undo,
# and for source update 'git add' and 'git commit' of the new snapshot and
# of the claim files rewritten by sed (what a user would do by hand,
# without any quote checked); then the undo of a one-claim 'claim set'
# beside 'git revert' of the same.  Not part of 'make test'.  The median of 3.
set -eu
build=${1:?usage: bench_versions.sh BUILD [CLAIMS]}
n=${2:-2000}
case $build in /*) ;; *) build=$PWD/$build ;; esac
[ -f "$build" ] && build=$(dirname "$build")
CL=$build/claimlog
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export HOME=$W GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME="Bench Author" \
	GIT_AUTHOR_EMAIL=bench@example.org GIT_COMMITTER_NAME="Bench Author" \
	GIT_COMMITTER_EMAIL=bench@example.org NO_COLOR=1

# The document: line i says "fact number i holds"; version 2 changes every tenth.
awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++) printf "Line %d: fact number %d holds.\n", i, i }' >"$W/doc.txt"
awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++) printf "Line %d: fact number %d %s.\n", i, i, i % 10 ? "holds" : "held" }' >"$W/doc2.txt"
{
	echo "id,statement,source,quote"
	awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++) printf "c%d,Fact %d.,doc,fact number %d holds\n", i, i, i }'
} >"$W/claims.csv"

ms() { echo "$1 $2" | awk '{ printf "%.0f\n", ($2 - $1) * 1000 }'; }
now() { date +%s.%N; }
median() { sort -n | sed -n 2p; }

fresh() {
	rm -rf "$W/r"
	"$CL" init "$W/r" >/dev/null
	"$CL" -C "$W/r" source add "$W/doc.txt" --id doc --title "The document" >/dev/null
	"$CL" -C "$W/r" import --format csv "$W/claims.csv" >/dev/null
}

for k in 1 2 3; do
	fresh
	t0=$(now); "$CL" -C "$W/r" source update doc "$W/doc2.txt" >"$W/out"; t1=$(now)
	ms "$t0" "$t1" >>"$W/update"
	t0=$(now); "$CL" -C "$W/r" undo >/dev/null; t1=$(now)
	ms "$t0" "$t1" >>"$W/undo"
	"$CL" -C "$W/r" claim set c1 statement "Fact one." >/dev/null
	t0=$(now); "$CL" -C "$W/r" undo >/dev/null; t1=$(now)
	ms "$t0" "$t1" >>"$W/undo1"
	"$CL" -C "$W/r" claim set c1 statement "Fact one." >/dev/null
	t0=$(now); git -C "$W/r" revert --no-edit HEAD >/dev/null; t1=$(now)
	ms "$t0" "$t1" >>"$W/revert1"
	# git by hand: the same files changed, no quote checked.
	fresh
	snap=$(git -C "$W/r" ls-files 'sources/*/doc.txt')
	t0=$(now)
	cp "$W/doc2.txt" "$W/r/${snap%doc.txt}doc.v2.txt"
	git -C "$W/r" ls-files 'claims/' | (cd "$W/r" && xargs sed -i 's/source="doc"/source="doc.v2"/')
	git -C "$W/r" add -A && git -C "$W/r" commit -qm "by hand"
	t1=$(now)
	ms "$t0" "$t1" >>"$W/byhand"
	t0=$(now); git -C "$W/r" revert --no-edit HEAD >/dev/null; t1=$(now)
	ms "$t0" "$t1" >>"$W/revert"
done
head -2 "$W/out"
echo "claims: $n"
echo "source update: $(median <"$W/update") ms    by hand (cp, sed, git add, git commit): $(median <"$W/byhand") ms"
echo "undo of it:    $(median <"$W/undo") ms    git revert --no-edit HEAD: $(median <"$W/revert") ms"
echo "undo of a claim set: $(median <"$W/undo1") ms    git revert --no-edit HEAD: $(median <"$W/revert1") ms"
