#!/bin/sh
# run.sh CLAIMLOG - the benchmarks of docs/performance.md (not part of
# 'make test'): the verifier on 100k claims and 10k sources, then history
# and search on 100k claims and 20k commits, then worst-case inputs for the
# readers (parse.sh), the PDF text, and last issue 17's table of every
# command at 10k, 100k and 1M claims with its peer (scale.sh; it
# generates the 1M repository once, about 20 minutes).  Repositories go
# to $BENCH_DIR (default /tmp/claimlog-bench); they take a few GB and
# minutes to make.
set -e
cl=${1:?usage: sh tests/bench/run.sh path/to/claimlog}
case $cl in /*) ;; *) cl=$PWD/$cl ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${BENCH_DIR:-/tmp/claimlog-bench}
mkdir -p "$dir"
[ -d "$dir/verify/.git" ] || python3 "$top/tests/bench/gen_verify.py" "$dir/verify"
echo "verify, 100k claims and 10k sources, warm:"
(cd "$dir/verify" && "$cl" verify >/dev/null && /usr/bin/time -f "  %e s wall, %U s user, %S s sys, %M KB" "$cl" verify >/dev/null)
echo "verify --since HEAD~1 (a commit of 10 claims), the index built first:"
(cd "$dir/verify" && "$cl" list --status open >/dev/null &&
 /usr/bin/time -f "  %e s wall, %U s user, %S s sys, %M KB" "$cl" verify --since HEAD~1 >/dev/null)
echo "verify --since HEAD~1..HEAD (the commit as committed):"
(cd "$dir/verify" && /usr/bin/time -f "  %e s wall, %U s user, %S s sys, %M KB" "$cl" verify --since HEAD~1..HEAD >/dev/null)
sh "$top/tests/bench/bench_history.sh" "$(dirname "$cl")"
sh "$top/tests/bench/parse.sh" "$cl"
sh "$top/tests/bench/bench_pdf.sh" "$(dirname "$cl")"
sh "$top/tests/bench/scale.sh" "$(dirname "$cl")"
