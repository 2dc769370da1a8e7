#!/bin/sh
# 'undo': the last claimlog commit on the branch taken back by a new
# commit (history kept) that restores the files it changed: a claim added,
# set, retracted; evidence added; a source added (record and snapshot);
# an entity; a source update (its claims and new version).  Undo of an
# undo redoes.  Refused, changing nothing: a commit not made by claimlog,
# a merge, a branch without commits, a detached HEAD, uncommitted changes
# to a file it would restore.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
R=$TMP/repo

# Nothing to undo yet.
cl init "$R"
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" undo
err_has "nothing to undo: the branch has no commit yet"
unchanged "$R" "$before"

make_repo
count() { git -C "$R" rev-list --count HEAD; }
tree() { git -C "$R" rev-parse HEAD^{tree}; }

# Undo of a claim added: its file goes, in a new commit.
t0=$(tree)
cl -C "$R" claim add --id boats --statement "Four boats arrived." --source harbour-report \
	--quote "took delivery of four patrol boats"
added=$(git -C "$R" rev-parse HEAD)
path=$(git -C "$R" ls-files 'claims/*/boats.xml')
n=$(count)
cl -C "$R" undo
out_has "undid $(echo "$added" | cut -c1-12) \"claim add boats: Four boats arrived.\"; 'claimlog undo' again redoes it"
out_has "removed  $path"
[ "$(count)" = $((n + 1)) ] || fail "undo is not one new commit"
[ "$(tree)" = "$t0" ] || fail "the tree is not as before the claim"
[ ! -e "$R/$path" ] || fail "claim file left in the work tree"
[ "$(git -C "$R" log -1 --format=%s)" = "undo: claim add boats: Four boats arrived." ] ||
	fail "undo summary"
git -C "$R" log -1 --format=%B >"$TMP/msg"
contains "$TMP/msg" "This undoes commit $added."
contains "$TMP/msg" "Claimlog-Command: undo"
git -C "$R" status --porcelain | grep -q . && fail "work tree not clean"
run 2 "$CLAIMLOG" -C "$R" show boats
cl -C "$R" list
lacks "$TMP/out" "boats"

# Undo of the undo: a redo, the claim back.
cl -C "$R" undo
out_has "redid \"claim add boats: Four boats arrived.\""
out_has "restored $path"
[ "$(git -C "$R" log -1 --format=%s)" = "redo: claim add boats: Four boats arrived." ] ||
	fail "redo summary"
cl -C "$R" show boats
cl -C "$R" list
out_has "boats"
# and the undo of a redo is an undo again.
cl -C "$R" undo
[ "$(git -C "$R" log -1 --format=%s)" = "undo: claim add boats: Four boats arrived." ] ||
	fail "undo of redo summary"
cl -C "$R" undo
cl -C "$R" show boats

# Undo of claim set and claim retract: the value before comes back.
cl -C "$R" claim set boats statement "Five boats arrived."
cl -C "$R" undo
cl -C "$R" show --json boats
[ "$(jq -r .statement "$TMP/out")" = "Four boats arrived." ] || fail "claim set not undone"
cl -C "$R" claim retract boats --reason "wrong count"
cl -C "$R" undo
cl -C "$R" show --json boats
[ "$(jq -r .status "$TMP/out")" = open ] || fail "retract not undone"

# Undo of claim remove and claim rename: the claim back under its id.
t3=$(tree)
cl -C "$R" claim remove boats --reason "entered by mistake"
run 2 "$CLAIMLOG" -C "$R" show boats
cl -C "$R" undo
out_has "restored $path"
[ "$(tree)" = "$t3" ] || fail "claim remove not undone"
cl -C "$R" show boats
cl -C "$R" claim rename boats boats-2021
cl -C "$R" undo
[ "$(tree)" = "$t3" ] || fail "claim rename not undone"
cl -C "$R" show boats
run 2 "$CLAIMLOG" -C "$R" show boats-2021

# Undo of evidence added.
cl -C "$R" evidence add boats --source harbour-news --quote "received three patrol boats" \
	--stance disputes
cl -C "$R" undo --json
[ "$(jq -r .command "$TMP/out")" = "evidence add" ] || fail "json command"
[ "$(jq -r '.paths[0]' "$TMP/out")" = "$path" ] || fail "json paths"
[ "$(jq -r .commit "$TMP/out")" = "$(git -C "$R" rev-parse HEAD)" ] || fail "json commit"
cl -C "$R" show --json boats
[ "$(jq '.evidence | length' "$TMP/out")" = 1 ] || fail "evidence not undone"

# Undo of a source added: record and snapshot go; of an entity: entities.xml back.
t1=$(tree)
cl -C "$R" source add "$FIX/port-quotes.txt" --id quotes --title "Port quotes"
cl -C "$R" undo
[ "$(tree)" = "$t1" ] || fail "source add not undone"
git -C "$R" ls-files | grep -q 'quotes\.' && fail "source files left in the git index"
find "$R/sources" -name 'quotes.*' | grep -q . && fail "source files left in the work tree"
cl -C "$R" entity add "Harbour Authority" --alias HAR
cl -C "$R" undo
[ "$(tree)" = "$t1" ] || fail "entity add not undone"
cl -C "$R" verify

# Undo of a source update: the claims quote the old version again, the new one goes.
printf 'Coast guard gets new boats\nThe coast guard received four new patrol boats.\n' >"$TMP/news2.txt"
cl -C "$R" source add "$TMP/news2.txt" --id news --title "News"
cl -C "$R" claim add --id news-boats --statement "Boats." --source news --quote "four new patrol boats"
t2=$(tree)
printf 'Coast guard gets new boats\nThe coast guard received four new patrol boats on Monday.\n' \
	>"$TMP/news3.txt"
cl -C "$R" source update news "$TMP/news3.txt"
out_has "1 of 1 quote moved to news.v2"
cl -C "$R" undo
out_has "\"source update news: new version news.v2, 1 of 1 quote moved\""
[ "$(tree)" = "$t2" ] || fail "source update not undone"
cl -C "$R" show --json news-boats
[ "$(jq -r '.evidence[0].source' "$TMP/out")" = news ] || fail "quote not back on news"
run 2 "$CLAIMLOG" -C "$R" source show news.v2
git -C "$R" fsck --strict >/dev/null 2>&1 || fail "fsck"

# Refused: uncommitted changes to a file undo would restore (then a change
# elsewhere is no obstacle).
cl -C "$R" claim set boats statement "Six boats."
echo "<!-- mine -->" >>"$R/$path"
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" undo
err_has "cannot undo: '$path' has changes not committed that undo would overwrite"
unchanged "$R" "$before"
git -C "$R" checkout -q -- "$path"
# ... and a file not in git where undo would put one back.
cl -C "$R" claim add --id extra --statement "Extra." --source harbour-report \
	--quote "took delivery of four patrol boats"
extra=$(git -C "$R" ls-files 'claims/*/extra.xml')
cl -C "$R" undo
mkdir -p "$R/$(dirname "$extra")"
echo "mine" >"$R/$extra"
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" undo
err_has "cannot undo: '$extra' has changes not committed that undo would overwrite; commit them, or put them aside ('git stash -u'), first"
unchanged "$R" "$before"
rm "$R/$extra"
cl -C "$R" undo
cl -C "$R" show extra
cl -C "$R" undo
echo "notes" >"$R/NOTES.txt"
cl -C "$R" undo
[ -f "$R/NOTES.txt" ] || fail "an unrelated file was touched"
rm "$R/NOTES.txt"

# Refused: a commit made with git.
git -C "$R" commit -q --allow-empty -m "by hand"
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" undo
err_has "('by hand') was not made by claimlog (it has no 'Claimlog-Command:' trailer)"
unchanged "$R" "$before"
git -C "$R" reset -q --hard HEAD^

# Refused: a merge.
branch=$(git -C "$R" symbolic-ref --short HEAD)
git -C "$R" checkout -q -b side HEAD^
git -C "$R" commit -q --allow-empty -m side
git -C "$R" checkout -q "$branch"
git -C "$R" merge -q --no-ff --no-edit side
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" undo
err_has "is a merge: undo does not take back a merge"
unchanged "$R" "$before"
git -C "$R" reset -q --hard HEAD^

# Refused: a detached HEAD; bad options.
git -C "$R" checkout -q --detach
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" undo
err_has "HEAD is detached"
unchanged "$R" "$before"
git -C "$R" checkout -q "$branch"
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" undo --bogus
err_has "unknown option '--bogus'"
run 2 "$CLAIMLOG" -C "$R" undo HEAD
unchanged "$R" "$before"
cl -C "$R" undo --help
out_has "usage: claimlog undo"
cl -C "$R" help undo
out_has "usage: claimlog undo"
exit 0
