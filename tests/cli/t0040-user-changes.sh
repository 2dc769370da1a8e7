#!/bin/sh
# claimlog commits only the paths it changed: the user's staged and
# unstaged changes are left as they were.
. "$TOP/tests/cli/lib.sh"
make_repo
echo "draft notes" > "$R/notes.md"
git -C "$R" add notes.md
p=$(cd "$R" && "$CLAIMLOG" path harbour-news)
echo "<!-- local edit -->" >> "$R/$p"
cl -C "$R" claim add --id boats-three --statement "Three boats." --source harbour-news \
	--quote "received three patrol boats"
git -C "$R" show --name-only --format= HEAD > "$TMP/files"
[ "$(wc -l < "$TMP/files")" = 1 ] && contains "$TMP/files" "boats-three.xml" ||
	fail "the commit holds more than the claim: $(cat "$TMP/files")"
git -C "$R" status --porcelain > "$TMP/status"
contains "$TMP/status" "A  notes.md"
contains "$TMP/status" " M $p"
exit 0
