#!/bin/sh
# 'source list': sorted by id, in aligned columns (id, published, title);
# --json as before (every source, valid JSON).  'source add --media-type'
# with a type claimlog does not read is refused, listing the types it
# reads, and nothing changes.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
make_repo
printf 'One line of text.\n' >"$TMP/a.txt"
printf 'Another line of text.\n' >"$TMP/b.txt"
printf 'A third line of text.\n' >"$TMP/c.txt"
cl -C "$R" source add "$TMP/a.txt" --id zeta --title "Last by id" --published 2020
cl -C "$R" source add "$TMP/b.txt" --id a-rather-long-source-id --title "First by id"
cl -C "$R" source add "$TMP/c.txt" --id m --title "Short id" --published 2019-07-01
cl -C "$R" source list
cat >"$TMP/want" <<'TXT'
a-rather-long-source-id  -           First by id
harbour-news             2021-04-20  Coast guard gets new boats
harbour-report           2022-02     Harbour Authority of Ruritania: Annual Report 2021
m                        2019-07-01  Short id
zeta                     2020        Last by id
TXT
diff "$TMP/want" "$TMP/out" >"$TMP/diff" || fail "source list: $(cat "$TMP/diff")"
# The order is the ids', not the files' (sources/<hh>/ folders).
git -C "$R" ls-files 'sources/*.xml' | sed 's|.*/||; s|\.xml$||' >"$TMP/files"
cut -d' ' -f1 "$TMP/out" >"$TMP/ids"
sort "$TMP/ids" | cmp -s - "$TMP/ids" || fail "not sorted"
cmp -s "$TMP/files" "$TMP/ids" && echo "note: file order happens to be id order"
# JSON: every source, each as 'source show --json' gives it.
cl -C "$R" source list --json
[ "$(jq length "$TMP/out")" = 5 ] || fail "json count"
jq -e 'map(.id) | sort == ["a-rather-long-source-id","harbour-news","harbour-report","m","zeta"]' \
	"$TMP/out" >/dev/null || fail "json ids"
jq -c '.[] | select(.id == "zeta")' "$TMP/out" >"$TMP/zeta-list"
cl -C "$R" source show --json zeta
jq -c . "$TMP/out" | cmp -s - "$TMP/zeta-list" || fail "json record differs from source show"
# A source file that cannot be read is told and left out; the others are listed.
bad=$(git -C "$R" ls-files 'sources/*/m.xml')
printf '<source' >"$R/$bad"
cl -C "$R" source list
err_has "warning: skipping '$bad'"
lacks "$TMP/out" "Short id"
out_has "zeta                     2020        Last by id"
git -C "$R" checkout -q -- "$bad"

# An unknown media type: refused with the known ones, nothing changed.
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" source add "$TMP/a.txt" --id foo --title Foo --media-type foo/bar
err_has "unknown media type 'foo/bar': claimlog reads application/pdf, text/html, application/xml, text/plain (leave --media-type out to tell it from the file)"
unchanged "$R" "$before"
run 2 "$CLAIMLOG" -C "$R" source add "$TMP/a.txt" --id foo --title Foo --media-type ""
err_has "unknown media type ''"
run 2 "$CLAIMLOG" -C "$R" source add http://127.0.0.1:9/x --id foo --media-type text/htm
err_has "unknown media type 'text/htm'"
unchanged "$R" "$before"
# A known one is taken.
cl -C "$R" source add "$TMP/a.txt" --id plain --title Plain --media-type text/plain
cl -C "$R" source show --json plain
[ "$(jq -r .media_type "$TMP/out")" = text/plain ] || fail "media type not kept"
exit 0
