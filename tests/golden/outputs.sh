#!/bin/sh
# outputs.sh CLAIMLOG TOP OUT [SEEDS] - write into OUT what claimlog prints
# for the bundled dataset: verify, contested, show of every claim and
# source, every export and the report.  The dataset is committed into a
# new repository at a fixed date, so commit ids are the same on every run.
# t0890 compares OUT with tests/golden/SHA256SUMS (and SHA256SUMS-seeds when
# the seed documents are at hand); after a change that is meant to alter
# an output, or the dataset, run 'sh tests/golden/update.sh' and review
# the diff.
set -eu
CLAIMLOG=$1 TOP=$2 OUT=$3 SEEDS=${4:-}
R=$OUT.repo
rm -rf "$R" "$OUT"
mkdir -p "$R" "$OUT"
export GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1 LC_ALL=C.UTF-8 TZ=UTC
export GIT_AUTHOR_NAME="Golden" GIT_AUTHOR_EMAIL="golden@example.org"
export GIT_COMMITTER_NAME="Golden" GIT_COMMITTER_EMAIL="golden@example.org"
export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"
cp -R "$TOP/claims" "$TOP/sources" "$TOP/entities.xml" "$R/"
git -C "$R" init -q -b main
git -C "$R" add -A
git -C "$R" commit -q -m "The bundled dataset"
cl() { "$CLAIMLOG" -C "$R" ${SEEDS:+--snapshots "$SEEDS"} "$@"; }
# Exit codes are part of the output.
cap() { name=$1; shift; rc=0; cl "$@" >"$OUT/$name" 2>"$OUT/$name.err" || rc=$?;
	echo "exit $rc" >>"$OUT/$name.err"; }
cap verify.json verify --format json
cap verify.sarif verify --format sarif
cap verify.txt verify
cap contested.json contested --json
cap contested.txt contested
cap list.json list --json
cap source-list.json source list --json
for f in prov-xml prov-n claimreview annotation csv jsonl dot; do
	cap export.$f export --format $f
done
cl list --json | jq -r '.[].id' | while read -r id; do
	cap "show-$id.json" show "$id" --json
	cap "show-$id.txt" show "$id"
done
cl source list --json | jq -r '.[].id' | while read -r id; do
	cap "source-$id.txt" show "$id"
done
cl report -o "$OUT/report" >/dev/null 2>&1
rm -rf "$R"
