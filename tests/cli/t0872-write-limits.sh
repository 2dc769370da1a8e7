#!/bin/sh
# Write limits equal read limits (docs/reliability.md): every writer
# refuses, before it writes, a record the reader would refuse, names the
# field or the line, and changes nothing.
. "$TOP/tests/cli/lib.sh"
# run, but a failure shows only the start of the (long) command line.
runq() {
	want=$1; shift
	"$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	[ "$got" = "$want" ] || fail "exit $got, expected $want: $(echo "$*" | cut -c1-160)"
}
make_repo
Q="four patrol boats"
big() { head -c "$1" /dev/zero | tr '\0' "$2"; }
# One argument may be 128 KiB at most (Linux): many of them make a big record.
A=$(big 120000 a) B=$(big 80000 b)
big 2097152 c > "$TMP/2m"
big 600000 d > "$TMP/600k"
files_fit() {
	git -C "$R" ls-files -z | (cd "$R" && xargs -0 wc -c) | awk '$2 != "total" && $1 > 1048576 { print; bad = 1 } END { exit bad }' ||
		fail "a file over 1 MiB is in the repository"
}

# claim add: nine fields that fit one by one, 1.1 MB together.
before=$(state "$R")
runq 2 "$CLAIMLOG" -C "$R" claim add --id wide --statement "$B" --source harbour-report --quote "$Q" \
	--tag "1$A" --tag "2$A" --tag "3$A" --tag "4$A" --tag "5$A" --tag "6$A" --tag "7$A" --tag "8$A" --tag "9$A"
err_has "would be 11"
err_has "bytes, over the limit of 1048576 bytes for a record file"
unchanged "$R" "$before"
# Eight fit (just under 1 MiB); claim set and evidence add cannot grow it past.
runq 0 "$CLAIMLOG" -C "$R" claim add --id wide --statement "$B" --source harbour-report --quote "$Q" \
	--tag "1$A" --tag "2$A" --tag "3$A" --tag "4$A" --tag "5$A" --tag "6$A" --tag "7$A" --tag "8$A"
files_fit
before=$(state "$R")
runq 2 "$CLAIMLOG" -C "$R" claim set wide tag "9$A"
err_has "over the limit of 1048576 bytes for a record file"
runq 2 "$CLAIMLOG" -C "$R" claim set wide note "$B"
err_has "over the limit of 1048576 bytes"
runq 2 "$CLAIMLOG" -C "$R" evidence add wide --source harbour-news \
	--quote "three patrol boats" --speaker "$B"
err_has "over the limit of 1048576 bytes"
unchanged "$R" "$before"
cl -C "$R" show wide --json
jq -e '.tags | length == 8' "$TMP/out" >/dev/null || fail "the claim as it was"

# source add: the record (not the snapshot) over the limit.
runq 2 "$CLAIMLOG" -C "$R" source add "$FIX/aid-news.txt" --id big-source --title "$B" \
	--author "1$A" --author "2$A" --author "3$A" --author "4$A" --author "5$A" \
	--author "6$A" --author "7$A" --author "8$A" --author "9$A"
err_has "would be 11"
err_has "over the limit of 1048576 bytes for a record file"
unchanged "$R" "$before"

# JSON Lines: a 2 MB statement refuses the whole import, with its line.
{ echo '{"id": "small", "statement": "Small.", "evidence": [{"source": "harbour-report", "quote": "four patrol boats"}]}'
  printf '{"id": "large", "statement": "%s", "evidence": [{"source": "harbour-report", "quote": "four patrol boats"}]}\n' "$(cat "$TMP/2m")"
} > "$TMP/big.jsonl"
run 2 "$CLAIMLOG" -C "$R" import "$TMP/big.jsonl"
err_has "big.jsonl:2: claim 'large': statement is 2097152 bytes, over the limit of 1048576 bytes"
err_has "nothing was imported"
unchanged "$R" "$before"
# Two fields that fit apart but not together, with the line named.
{ echo '{"id": "small", "statement": "Small.", "evidence": [{"source": "harbour-report", "quote": "four patrol boats"}]}'
  printf '{"id": "pair", "statement": "%s", "note": "%s", "evidence": [{"source": "harbour-report", "quote": "four patrol boats"}]}\n' \
	"$(cat "$TMP/600k")" "$(cat "$TMP/600k")"
} > "$TMP/pair.jsonl"
run 2 "$CLAIMLOG" -C "$R" import "$TMP/pair.jsonl"
err_has "pair.jsonl:2: claim 'pair' would be a file of 12"
err_has "bytes, over the limit of 1048576 bytes"
unchanged "$R" "$before"

# CSV: the same, named by its line.
{ echo "id,statement,source,quote"
  echo "fine,Fine.,harbour-report,$Q"
  echo "long,$(cat "$TMP/2m"),harbour-report,$Q"
} > "$TMP/big.csv"
run 2 "$CLAIMLOG" -C "$R" import "$TMP/big.csv"
err_has "big.csv:3: statement is 2097152 bytes, over the limit"
unchanged "$R" "$before"

# BibTeX and CSL-JSON: a reference whose record would be over the limit.
# (A BibTeX value stops at 64 KiB before that: docs/reliability.md.)
printf '@book{huge2020,\n  title = {%s},\n  year = {2020}\n}\n' "$(cat "$TMP/2m")" > "$TMP/huge.bib"
run 2 "$CLAIMLOG" -C "$R" import "$TMP/huge.bib"
err_has "huge.bib:1: BibTeX entry 'huge2020': a value is longer than 65536 bytes"
printf '[{"id": "huge", "type": "book", "title": "%s"}]\n' "$(cat "$TMP/2m")" > "$TMP/huge.json"
run 2 "$CLAIMLOG" -C "$R" import "$TMP/huge.json"
err_has "the record would be"
err_has "over the limit of 1048576 bytes for a record file"
unchanged "$R" "$before"

# entities.xml a few bytes under the limit (read in linear time now):
# one more entity would make it a file claimlog cannot read, so it is refused.
awk 'BEGIN { print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"; print "<entities>"
	for (i = 0; i < 43680; i++) printf "<entity name=\"E%05d\"/>\n", i
	print "</entities>" }' > "$R/entities.xml"
[ "$(wc -c < "$R/entities.xml")" -le 1048576 ] || fail "the gazetteer is over the limit already"
git -C "$R" add entities.xml && git -C "$R" commit -qm "a large gazetteer"
cl -C "$R" entity list
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" entity add "One Entity Too Many For The File" --alias "Another Long Alias Of It"
err_has "over the limit of 1048576 bytes"
unchanged "$R" "$before"
files_fit
git -C "$R" fsck --strict >/dev/null 2>&1 || fail "git fsck"
exit 0
