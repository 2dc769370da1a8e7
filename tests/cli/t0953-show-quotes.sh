#!/bin/sh
# show: a quote (or a statement) holding line breaks is printed with each
# line under the first character of the one before, not from column 0;
# a long line is not wrapped (it can be searched for and copied whole).
. "$TOP/tests/cli/lib.sh"
make_repo

nl='
'
cl -C "$R" claim add --id boats --statement "Four boats${nl}arrived in March." \
	--source harbour-report \
	--quote "In March 2021 the coast guard took delivery of four patrol boats${nl}built in Valdoria. The minister of transport, Ana Petrović, said:"
cl -C "$R" evidence add boats --source harbour-report \
	--quote "Container traffic grew by 12 percent in 2021, to 1.2 million containers. Some observers are said to doubt these figures." \
	--stance mentions
cl -C "$R" show boats
cat >"$TMP/want" <<'END'
  1. harbour-report: supports; author
     "In March 2021 the coast guard took delivery of four patrol boats
      built in Valdoria. The minister of transport, Ana Petrović, said:"
  2. harbour-report: mentions; author
     "Container traffic grew by 12 percent in 2021, to 1.2 million containers. Some observers are said to doubt these figures."
END
sed -n '/^  1\. /,$p' "$TMP/out" >"$TMP/got"
cmp -s "$TMP/want" "$TMP/got" || { diff "$TMP/want" "$TMP/got" >&2; fail "quotes not indented"; }
[ "$(sed -n 2,3p "$TMP/out")" = "  Four boats${nl}  arrived in March." ] ||
	fail "statement lines: $(sed -n 2,3p "$TMP/out")"
! grep -q '^built in Valdoria' "$TMP/out" || fail "a quote's line at column 0"
! grep -q '^arrived' "$TMP/out" || fail "a statement's line at column 0"

# The same in a past revision, and the quote itself kept as it was.
cl -C "$R" show boats@HEAD~1
out_has '     "In March 2021 the coast guard took delivery of four patrol boats'
out_has '      built in Valdoria. The minister of transport, Ana Petrović, said:"'
cl -C "$R" show boats --json
jq -e '.evidence[0].quote | contains("patrol boats\nbuilt in Valdoria")' "$TMP/out" \
	>/dev/null || fail "the quote changed: $(cat "$TMP/out")"
exit 0
