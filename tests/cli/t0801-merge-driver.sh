#!/bin/sh
# claimlog merge-driver from plain git: 'claimlog init' sets it up, and
# git merges claims field by field, never with conflict markers.
. "$TOP/tests/cli/lib.sh"
PATH=$(cd "$(dirname "$CLAIMLOG")" && pwd):$PATH
export PATH
make_repo
A=$R
cl -C "$A" claim add --id boats --statement "Four boats arrived." \
	--source harbour-report --quote "four patrol boats" --subject "coast guard" \
	--property "boats delivered" --value 4 --unit boats
[ "$(git -C "$A" config merge.claimlog.driver)" = "claimlog merge-driver %O %A %B %P" ] ||
	fail "init did not set merge.claimlog.driver"
contains "$A/.git/info/attributes" "claims/** merge=claimlog"
contains "$A/.git/info/attributes" "sources/**/*.xml merge=claimlog"
contains "$A/.git/info/attributes" "entities.xml merge=claimlog"
cl init "$A"
[ "$(grep -c merge=claimlog "$A/.git/info/attributes")" = 3 ] || fail "init repeated the attributes"
git init -q --bare -b main "$TMP/remote.git"
git -C "$A" remote add origin "$TMP/remote.git"
git -C "$A" push -q origin main
git clone -q "$TMP/remote.git" "$TMP/b"
B=$TMP/b
cl -C "$B" init
p=$(cd "$A" && "$CLAIMLOG" path boats)

# Evidence added on both sides: adjacent lines, a conflict for git's line
# merge, a clean merge for the driver.
cl -C "$A" evidence add boats --source harbour-news --quote "received three patrol boats"
git -C "$A" push -q origin main
cl -C "$B" evidence add boats --source harbour-report --quote "took delivery of four patrol boats"
cl -C "$B" claim set boats note "Checked."
git -C "$B" pull -q --no-rebase --no-edit origin main >"$TMP/out" 2>&1 ||
	fail "git pull did not merge cleanly: $(cat "$TMP/out")"
cl -C "$B" show boats --json
jq -e '(.evidence | length) == 3 and .note == "Checked." and .status == "open"' \
	"$TMP/out" >/dev/null || fail "merged claim: $(cat "$TMP/out")"
git -C "$B" push -q origin main
git -C "$A" pull -q --no-rebase --no-edit origin main

# The same field two ways: recorded inside the claim, not as markers.
cl -C "$A" claim set boats value 6
git -C "$A" push -q origin main
cl -C "$B" claim set boats value 7
git -C "$B" pull -q --no-rebase --no-edit origin main >"$TMP/out" 2>&1 ||
	fail "git pull: $(cat "$TMP/out")"
out_has "field value changed on both sides; both values kept as alternatives"
contains "$B/$p" '<alternative field="value">6</alternative>'
contains "$B/$p" '<status>contested</status>'
! grep -q '<<<<<<<\|>>>>>>>' "$B/$p" || fail "conflict markers in a claim"
cl -C "$B" show boats
out_has "claim boats [contested]"

# What the driver cannot merge is a conflict for git, with ours left as is.
cp "$B/$p" "$TMP/ours.xml"
printf '' > "$TMP/base.xml"
echo "<claim" > "$TMP/theirs.xml"
run 1 "$CLAIMLOG" merge-driver "$TMP/base.xml" "$TMP/ours.xml" "$TMP/theirs.xml" "$p"
err_has "$p"
cmp -s "$B/$p" "$TMP/ours.xml" || fail "the driver changed OURS on a failed merge"
# Other files sent to the driver get git's line merge.
printf '1\n2\n3\n4\n5\n' > "$TMP/o.txt"
printf '1\nTWO\n3\n4\n5\n' > "$TMP/a.txt"
printf '1\n2\n3\n4\nFIVE\n' > "$TMP/b.txt"
cl merge-driver "$TMP/o.txt" "$TMP/a.txt" "$TMP/b.txt" claims/README
[ "$(tr '\n' ' ' < "$TMP/a.txt")" = "1 TWO 3 4 FIVE " ] || fail "line merge: $(cat "$TMP/a.txt")"
run 2 "$CLAIMLOG" merge-driver "$TMP/base.xml" "$TMP/ours.xml"
err_has "usage: claimlog merge-driver"
cl merge-driver --help
out_has "usage: claimlog merge-driver"

git -C "$B" fsck --strict 2>&1 >/dev/null || fail "git fsck"
[ -z "$(git -C "$B" status --porcelain)" ] || fail "work tree not clean"
exit 0
