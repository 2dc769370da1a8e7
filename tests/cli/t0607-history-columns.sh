#!/bin/sh
# The history's changes are stored small (schema 8: claim_changes and
# source_changes, ids as 20-byte blobs, a path of the usual shape as a
# number); the view `changes` gives `claimlog sql` the documented
# columns and values (docs/index.md): here every row of it equals what
# was written, worked out with plain git, through an add, an edit, a
# move to a hand-made folder, claimlog's rename, a removal, files whose
# folder only looks like a fan-out (upper-case hex, not hex, two levels,
# two hex digits that are not the id's), a source edited, and a claim
# and a source of the same id; and `log` without an id, which finds each
# commit's changes through commit_changes, lists every row.
. "$TOP/tests/cli/lib.sh"
make_repo
add() {
	cl -C "$R" claim add --id "$1" --statement "Claim $1." \
		--source harbour-report --quote "the coast guard took delivery of four patrol boats"
}
commit() { git -C "$R" add -A claims sources && git -C "$R" commit -q -m "$1"; }
add boats
P=$(cd "$R" && "$CLAIMLOG" path boats)
cl -C "$R" claim set boats statement "Claim boats, edited."
add gone
G=$(cd "$R" && "$CLAIMLOG" path gone)
add harbour-news
H=$(cd "$R" && "$CLAIMLOG" path harbour-news)
# Folders that look like a fan-out and are not all one: kept as text,
# or as a number that gives back the same spelling.
odd() {	# FOLDER ID
	mkdir -p "$R/claims/$1"
	sed "s/\"boats\"/\"$2\"/" "$R/$P" > "$R/claims/$1/$2.xml"
}
odd AB odd-up
odd zz odd-zz
odd ab/cd odd-deep
odd 0f odd-0f
commit "odd folders"
mkdir -p "$R/claims/hand"
git -C "$R" mv "$P" claims/hand/boats.xml
git -C "$R" commit -q -m "move boats by hand"
cl -C "$R" claim rename gone kept
K=$(cd "$R" && "$CLAIMLOG" path kept)
git -C "$R" rm -q "$R/$K"
git -C "$R" commit -q -m "remove kept"
S=$(git -C "$R" ls-files 'sources/*/harbour-news.xml')
sed -i 's|</title>|</title><!-- edited -->|' "$R/$S"
commit "edit source harbour-news"
grep -q edited "$R/$S" || fail "the source was not edited"

# The expected rows, from git: commit, kind, id, change, old path, new
# path, and the blobs git has at those paths.
blob() { [ -n "$2" ] && git -C "$R" rev-parse "$1:$2"; }
row() {	# COMMIT KIND ID CHANGE OLD NEW
	c=$(git -C "$R" rev-parse "$1")
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$c" "$2" "$3" "$4" "$5" "$6" \
		"$(blob "$c~1" "$5")" "$(blob "$c" "$6")"
}
src() { git -C "$R" ls-files "sources/*/$1.xml"; }
{
	row HEAD~10 source harbour-report A "" "$(src harbour-report)"
	row HEAD~9 source harbour-news A "" "$(src harbour-news)"
	row HEAD~8 claim boats A "" "$P"
	row HEAD~7 claim boats M "$P" "$P"
	row HEAD~6 claim gone A "" "$G"
	row HEAD~5 claim harbour-news A "" "$H"
	row HEAD~4 claim odd-0f A "" claims/0f/odd-0f.xml
	row HEAD~4 claim odd-deep A "" claims/ab/cd/odd-deep.xml
	row HEAD~4 claim odd-up A "" claims/AB/odd-up.xml
	row HEAD~4 claim odd-zz A "" claims/zz/odd-zz.xml
	row HEAD~3 claim boats R "$P" claims/hand/boats.xml
	row HEAD~2 claim kept R "$G" "$K"
	row HEAD~1 claim kept D "$K" ""
	row HEAD source harbour-news M "$S" "$S"
} > "$TMP/want"
[ "$(git -C "$R" rev-list --count HEAD)" = 11 ] || fail "the history is not the one planned"
cl -C "$R" sql "SELECT c.oid, h.kind, h.id, h.change, h.old_path, h.new_path,
	h.old_blob, h.new_blob FROM changes h JOIN commits c ON c.n = h.commit_n
	ORDER BY h.commit_n, h.kind, h.id"
sed 1d "$TMP/out" > "$TMP/got"
cmp -s "$TMP/want" "$TMP/got" || { diff "$TMP/want" "$TMP/got"; fail "the view differs from git"; }

# The view's values are text, as before schema 8; NULL on the absent side.
cl -C "$R" sql "SELECT DISTINCT typeof(kind), typeof(id), typeof(commit_n),
	typeof(change), typeof(old_path), typeof(new_path), typeof(old_blob),
	typeof(new_blob) FROM changes ORDER BY 5, 6"
[ "$(sed 1d "$TMP/out" | tr '\t\n' ' ')" = "$(printf '%s ' \
	"text text integer text null text null text" \
	"text text integer text text null text null" \
	"text text integer text text text text text")" ] || fail "the view's types"
# SELECT * without ORDER BY: in the order of the key (kind, id,
# commit_n), as before schema 7.
cl -C "$R" sql "SELECT * FROM changes"
sed 1d "$TMP/out" | cut -f 1-3 > "$TMP/got"
[ "$(wc -l < "$TMP/got")" = 14 ] || fail "not every row"
sort -t '	' -k1,1 -k2,2 -k3,3n "$TMP/got" | cmp -s - "$TMP/got" || fail "rows out of key order"
# A claim and a source of one id stay apart.
cl -C "$R" sql "SELECT kind, change FROM changes WHERE kind = 'source' AND id = 'harbour-news'"
[ "$(sed 1d "$TMP/out" | tr '\t\n' '  ')" = "source A source M " ] || fail "the source's rows"
cl -C "$R" sql "SELECT kind, change FROM changes WHERE kind = 'claim' AND id = 'harbour-news'"
[ "$(sed 1d "$TMP/out" | tr '\t\n' '  ')" = "claim A " ] || fail "the claim's rows"

# What is stored: blobs of 20 bytes, the usual shape (two lower-case hex
# digits, the row's id) as a number, any other path as text.
cl -C "$R" sql "SELECT id, typeof(new_path), length(new_blob) FROM claim_changes
	WHERE change = 0 ORDER BY id"
cat > "$TMP/want" <<EOF
id	typeof(new_path)	length(new_blob)
boats	integer	20
gone	integer	20
harbour-news	integer	20
odd-0f	integer	20
odd-deep	text	20
odd-up	text	20
odd-zz	text	20
EOF
cmp -s "$TMP/want" "$TMP/out" || { diff "$TMP/want" "$TMP/out"; fail "the stored form"; }

# log reads the stored form: the paths and blobs git has.
cl -C "$R" log boats --json
[ "$(jq -r '.[0].records[0] | "\(.change) \(.old_path) \(.new_path)"' "$TMP/out")" = \
	"renamed $P claims/hand/boats.xml" ] || fail "log: the move"
[ "$(jq -r '.[-1].records[0] | "\(.change) \(.old_path) \(.new_path)"' "$TMP/out")" = \
	"added null $P" ] || fail "log: the add"
cl -C "$R" log kept --json
[ "$(jq -r '[.[].records[0].change] | join(" ")' "$TMP/out")" = "deleted renamed added" ] ||
	fail "log: the rename followed"
cl -C "$R" show boats@HEAD~8
out_has "Claim boats."
# Every commit, newest first: claims before sources within one.
cl -C "$R" log --json -n 3
[ "$(jq -r '[.[] | .records[] | "\(.id)"] | join(" ")' "$TMP/out")" = \
	"harbour-news kept kept" ] || fail "log without an id: $(cat "$TMP/out")"
# ... and all of them: each commit's ids (commit_changes) name every row.
cl -C "$R" log --json
jq -r '.[] | .commit as $c | .records[] | "\($c) \(.id)"' "$TMP/out" > "$TMP/ours"
cl -C "$R" sql "SELECT c.oid, h.id FROM changes h JOIN commits c ON c.n = h.commit_n
	ORDER BY c.n DESC, h.kind, h.id"
sed 1d "$TMP/out" | tr '\t' ' ' > "$TMP/want"
cmp -s "$TMP/want" "$TMP/ours" || { diff "$TMP/want" "$TMP/ours"; fail "log without an id"; }
cl -C "$R" sql "SELECT count(*) FROM commit_changes"
[ "$(sed 1d "$TMP/out")" = 11 ] || fail "a row of commit_changes a commit"
echo ok
