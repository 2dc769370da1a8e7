#!/bin/sh
# 'source update ID FILE': a new version of a document recorded from a
# file, ID.v2 (then the next free .vN) that <revises> the newest version,
# in one commit; every quote of ID and its versions is checked against it:
# those that anchor (on the page their locator names, in a PDF) move to
# the new version, the others stay and are listed with what to do; the old
# record and snapshot stay.  The same bytes write nothing; bad input
# changes nothing.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
R=$TMP/repo
cl init "$R"
cat >"$TMP/art.txt" <<'TXT'
The port handled 12 million tonnes of cargo in 2021.
The mayor said the harbour will grow next year.
Four patrol boats arrived on Monday.
TXT
cat >"$TMP/art-corrected.txt" <<'TXT'
The port handled 12 million tonnes of cargo in 2021.
The mayor said the harbour might grow next year.
Four patrol boats arrived on Monday.
Correction: an earlier version misquoted the mayor.
TXT
cl -C "$R" source add "$TMP/art.txt" --id art --title "Port news" --author "A. Writer" \
	--publisher "Harbour Times" --published 2021-05 --language en
cl -C "$R" claim add --id tonnes --statement "12 Mt in 2021." --source art \
	--quote "handled 12 million tonnes of cargo"
cl -C "$R" claim add --id grow --statement "The harbour will grow." --source art \
	--quote "the harbour will grow"
cl -C "$R" evidence add grow --source art --quote "Four patrol boats arrived"
commits=$(git -C "$R" rev-list --count HEAD)
old_path=$(git -C "$R" ls-files 'sources/*/art.xml')
old_snap=$(git -C "$R" ls-files 'sources/*/art.txt')

# Quotes that anchor move; the one the correction changed stays, with what to do.
cl -C "$R" source update art "$TMP/art-corrected.txt" --retrieved 2021-06-02 \
	--note "corrected by the paper"
out_has "recorded $TMP/art-corrected.txt as source art.v2, a new version of art"
out_has "2 of 3 quotes moved to art.v2"
out_has "moved: claim grow evidence 2 (was art)"
out_has "moved: claim tonnes evidence 1 (was art)"
out_has "stays: claim grow evidence 1 on art: not found in art.v2: add it as art.v2 has it with 'claimlog evidence add grow --source art.v2 --quote ...' and remove this entry ('claimlog evidence remove grow 1'), or keep it on art"
# One commit, whose summary says it.
[ "$(git -C "$R" rev-list --count HEAD)" = $((commits + 1)) ] || fail "not one commit"
[ "$(git -C "$R" log -1 --format=%s)" = \
  "source update art: new version art.v2, 2 of 3 quotes moved" ] || fail "summary"
git -C "$R" log -1 --format=%B | grep -qx "Claimlog-Command: source update" ||
	fail "no Claimlog-Command trailer"
git -C "$R" show --stat --format= HEAD >"$TMP/stat"
contains "$TMP/stat" "art.v2.xml"
contains "$TMP/stat" "art.v2.txt"
contains "$TMP/stat" "tonnes.xml"
contains "$TMP/stat" "grow.xml"
# The claims' evidence names the new version where the quote moved.
cl -C "$R" show --json grow
[ "$(jq -r '.evidence[0].source' "$TMP/out")" = art ] || fail "grow 1 moved"
[ "$(jq -r '.evidence[1].source' "$TMP/out")" = art.v2 ] || fail "grow 2 not moved"
cl -C "$R" show --json tonnes
[ "$(jq -r '.evidence[0].source' "$TMP/out")" = art.v2 ] || fail "tonnes not moved"
# The new version: the old one's metadata, its own snapshot, <revises>.
cl -C "$R" source show --json art.v2
[ "$(jq -r '.revises' "$TMP/out")" = art ] || fail "no revises"
[ "$(jq -r '.title' "$TMP/out")" = "Port news" ] || fail "title"
[ "$(jq -r '.publisher' "$TMP/out")" = "Harbour Times" ] || fail "publisher"
[ "$(jq -r '.published' "$TMP/out")" = 2021-05 ] || fail "published"
[ "$(jq -r '.retrieved' "$TMP/out")" = 2021-06-02 ] || fail "retrieved"
[ "$(jq -r '.note' "$TMP/out")" = "corrected by the paper" ] || fail "note"
[ "$(jq -r '.authors[0]' "$TMP/out")" = "A. Writer" ] || fail "authors"
cl -C "$R" source text art.v2
out_has "Correction: an earlier version misquoted the mayor."
# The old version stays reachable: its record and snapshot, unchanged.
git -C "$R" diff --quiet HEAD~1 HEAD -- "$old_path" "$old_snap" || fail "old version changed"
[ -f "$R/$old_path" ] && [ -f "$R/$old_snap" ] || fail "old version gone"
cl -C "$R" source show art
out_has "newer:     art.v2"
cl -C "$R" verify
git -C "$R" fsck --strict >/dev/null 2>&1 || fail "fsck"
git -C "$R" status --porcelain | grep -q . && fail "work tree not clean"

# The same bytes as the newest version: said, nothing written.
before=$(state "$R")
cl -C "$R" source update art "$TMP/art-corrected.txt"
out_has "source art unchanged: $TMP/art-corrected.txt has the same bytes as art.v2; nothing recorded"
unchanged "$R" "$before"

# A third version: the quotes now on art.v2 move on; .v3 after .v2, and an
# id taken by hand (art.v4) is passed over.
cl -C "$R" source add "$TMP/art.txt" --id art.v4 --title "Someone else's copy"
printf 'The port handled 12 million tonnes of cargo in 2021.\nFour patrol boats arrived on Monday.\n' \
	>"$TMP/art3.txt"
cl -C "$R" source update art "$TMP/art3.txt" --json
[ "$(jq -r '.id' "$TMP/out")" = art.v3 ] || fail "not art.v3"
[ "$(jq -r '.revises' "$TMP/out")" = art.v2 ] || fail "v3 revises"
[ "$(jq '[.quotes[] | select(.moved)] | length' "$TMP/out")" = 2 ] || fail "json moved"
[ "$(jq -r '.quotes[0].claim + " " + (.quotes[0].evidence|tostring) + " " + .quotes[0].from' \
	"$TMP/out")" = "grow 1 art" ] || fail "json order"
printf 'The port handled 12 million tonnes of cargo in 2021.\n' >"$TMP/art5.txt"
cl -C "$R" source update art.v3 "$TMP/art5.txt"
out_has "as source art.v5, a new version of art.v3"
cl -C "$R" source show --json art.v5
[ "$(jq -r '.revises' "$TMP/out")" = art.v3 ] || fail "v5 revises"

# Bad input: said, nothing changed.
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" source update nosuch "$TMP/art.txt"
err_has "nosuch"
unchanged "$R" "$before"
run 2 "$CLAIMLOG" -C "$R" source update art "$TMP/missing.txt"
err_has "missing.txt"
unchanged "$R" "$before"
run 2 "$CLAIMLOG" -C "$R" source update art "$TMP"
unchanged "$R" "$before"
run 2 "$CLAIMLOG" -C "$R" source update art "$TMP/art.txt" --retrieved yesterday
err_has "yesterday"
unchanged "$R" "$before"
run 2 "$CLAIMLOG" -C "$R" source update art
err_has "source update needs ID and FILE"
run 2 "$CLAIMLOG" -C "$R" source update art "$TMP/art.txt" extra
run 2 "$CLAIMLOG" -C "$R" source update art "$TMP/art.txt" --bogus
run 2 "$CLAIMLOG" -C "$R" source update ../x "$TMP/art.txt"
unchanged "$R" "$before"
printf 'bad \377 bytes\n' >"$TMP/bad.txt"
run 2 "$CLAIMLOG" -C "$R" source update art "$TMP/bad.txt"
unchanged "$R" "$before"
cl -C "$R" source update --help
out_has "usage: claimlog source"

# A PDF: a cover page added moves every page by one; the quote without a
# locator moves, the one whose locator names the old page stays and says
# which page, and the changed one stays.
MKPDF=${MKPDF:-$(dirname "$CLAIMLOG")/tests/mkpdf}
[ -x "$MKPDF" ] || { echo "$MKPDF is not built (make units builds it)"; exit 77; }
"$MKPDF" report "$TMP/report.pdf" || fail "mkpdf report"
"$MKPDF" revised "$TMP/revised.pdf" || fail "mkpdf revised"
P=$TMP/pdfrepo
cl init "$P"
cl -C "$P" source add "$TMP/report.pdf" --id review --title "Widget Safety Review 2024"
cl -C "$P" claim add --id audit --statement "Inspections fell." --source review \
	--quote "financial audit found that inspections fell by a third"
cl -C "$P" claim add --id incidents --statement "1,204 incidents." --source review \
	--quote "1,204 incidents involving widgets in 2022" --locator "page 2"
cl -C "$P" claim add --id recalls --statement "41 days." --source review \
	--quote "recalls took on average 41 days"
cl -C "$P" source update review "$TMP/revised.pdf"
out_has "1 of 3 quotes moved to review.v2"
out_has "moved: claim audit evidence 1 (was review)"
out_has "stays: claim incidents evidence 1 on review: in review.v2 the quote is on p. 3, but its locator 'page 2' names p. 2: add it to review.v2 with 'claimlog evidence add incidents --source review.v2 --quote ... --locator \"p. 3\"'"
out_has "stays: claim recalls evidence 1 on review: not found in review.v2"
cl -C "$P" show audit
out_has "1. review.v2, p. 2: supports"
cl -C "$P" source show review.v2
out_has "pages:     5"
cl -C "$P" verify
exit 0
