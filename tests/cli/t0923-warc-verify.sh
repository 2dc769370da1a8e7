#!/bin/sh
# A WARC file kept beside a source's record (<capture file="...">, as a
# capture by URL writes it) is checked by verify like a snapshot: missing
# is CL005, changed (hash or size) is CL007, each message naming the file.
. "$TOP/tests/cli/lib.sh"
B=$(cd "$(dirname "$CLAIMLOG")" && pwd)
[ -x "$B/tests/test_warc" ] || { echo "no $B/tests/test_warc (make units)"; exit 77; }
"$B/tests/test_warc" --write "$TMP/c.warc.gz" >/dev/null || fail "test_warc --write failed"
R=$TMP/repo
cl init "$R"
cl -C "$R" source add "$TMP/c.warc.gz" --record https://example.org/a --id a --title A
cl -C "$R" path a
rec=$(cat "$TMP/out")
dir=$R/$(dirname "$rec")
# Keep the WARC beside the record, as 'source add URL' does.
cp "$TMP/c.warc.gz" "$dir/a.warc.gz"
sed -i 's| name="c.warc.gz"| file="a.warc.gz" name="c.warc.gz"|' "$R/$rec"
contains "$R/$rec" 'file="a.warc.gz" name="c.warc.gz"'
git -C "$R" add -A && git -C "$R" commit -q -m "keep the WARC" || fail "git commit"
cl -C "$R" verify
out_has "0 errors"

# Changed: one byte more.
printf x >>"$dir/a.warc.gz"
run 1 "$CLAIMLOG" -C "$R" verify
out_has "CL007 snapshot-changed: WARC file '$(dirname "$rec")/a.warc.gz' of source 'a' has changed"
out_has "the record says $(sha256sum "$TMP/c.warc.gz" | cut -c1-12)..., $(wc -c <"$TMP/c.warc.gz") bytes"
# Missing.
rm "$dir/a.warc.gz"
run 1 "$CLAIMLOG" -C "$R" verify
out_has "CL005 snapshot-missing:"
out_has "a.warc.gz"
out_has "(restore the WARC file from git, or record the source again)"
git -C "$R" checkout -q -- "$(dirname "$rec")/a.warc.gz"
cl -C "$R" verify
out_has "0 errors"
exit 0
