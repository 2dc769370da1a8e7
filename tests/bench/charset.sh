#!/bin/sh
# charset.sh CLAIMLOG - the cost of a snapshot in another encoding
# (docs/performance.md, "Text in other encodings"): one Serbian Cyrillic
# text, 34 MB in windows-1251 and the same text in UTF-8 (60 MB, near the
# 64 MiB snapshot limit), each the snapshot of one source with one quote;
# `verify` on each, and iconv(1) decoding the windows-1251 file, side by
# side.  Median of five runs.
# Files go to $BENCH_DIR/charset (default /tmp/claimlog-bench/charset).
set -e
cl=${1:?usage: sh tests/bench/charset.sh path/to/claimlog}
case $cl in /*) ;; *) cl=$PWD/$cl ;; esac
dir=${BENCH_DIR:-/tmp/claimlog-bench}/charset
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"
python3 - <<'PY'
line = "Нови Сад је други град по величини у Србији, а Ђорђе и Љубица живе у Чачку. " * 4 + "\n"
text = line * (60_000_000 // len(line.encode("utf-8"))) + "Крај текста.\n"
open("w1251.txt", "w", encoding="cp1251").write(text)
open("utf8.txt", "w", encoding="utf-8").write(text)
PY
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# time5 LABEL CMD...: the median wall time and largest RSS of five runs.
time5() {
	label=$1; shift
	: >times
	for i in 1 2 3 4 5; do
		/usr/bin/time -f "%e %M" -a -o times "$@" >/dev/null
	done
	printf '  %-44s %6s s  %7s KB\n' "$label" "$(cut -d' ' -f1 times | median)" \
		"$(cut -d' ' -f2 times | sort -n | tail -1)"
}
for f in w1251 utf8; do
	"$cl" init "r-$f" >/dev/null
	enc=; [ $f = w1251 ] && enc="--encoding windows-1251"
	# shellcheck disable=SC2086
	"$cl" -C "r-$f" source add "$f.txt" --id big --title Big $enc >/dev/null
	"$cl" -C "r-$f" claim add --id c --statement S --source big --quote "Крај текста" >/dev/null
done
echo "$(wc -c <w1251.txt) bytes of windows-1251, $(wc -c <utf8.txt) of UTF-8:"
time5 "iconv -f windows-1251 -t utf-8 (decode only)" iconv -f WINDOWS-1251 -t UTF-8 w1251.txt
time5 "claimlog verify, windows-1251 snapshot" "$cl" -C r-w1251 verify
time5 "claimlog verify, UTF-8 snapshot" "$cl" -C r-utf8 verify
