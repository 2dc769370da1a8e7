#!/bin/sh
# remote, push and pull: two clones and a bare remote; the claim-aware
# merge; pulls that cannot merge change nothing.
. "$TOP/tests/cli/lib.sh"
make_repo
A=$R
Q="the coast guard took delivery of four patrol boats"
cl -C "$A" claim add --id boats --statement "Four boats arrived." \
	--source harbour-report --quote "$Q" --subject "coast guard" \
	--property "boats delivered" --value 4 --unit boats

# A bare remote; bad remotes are refused.
git init -q --bare -b main "$TMP/remote.git"
cl -C "$A" remote add origin "$TMP/remote.git"
out_has "added remote origin"
run 2 "$CLAIMLOG" -C "$A" remote add origin "$TMP/elsewhere.git"
err_has "remote 'origin' exists already"
run 2 "$CLAIMLOG" -C "$A" remote add "bad name" "$TMP/remote.git"
err_has "'bad name' is not a valid remote name"
run 2 "$CLAIMLOG" -C "$A" push nowhere
err_has "no remote 'nowhere'"
cl -C "$A" remote --json
jq -e '.[0].name == "origin" and (.[0].url | endswith("remote.git"))' "$TMP/out" \
	>/dev/null || fail "remote --json"
cl -C "$A" push
out_has "pushed to origin"
[ "$(git -C "$TMP/remote.git" rev-parse main)" = "$(git -C "$A" rev-parse HEAD)" ] ||
	fail "the remote is not at A's commit"

# B: a fresh claims repository that pulls everything (a fast-forward).
B=$TMP/b
cl init "$B"
cl -C "$B" remote add origin "$TMP/remote.git"
cl -C "$B" pull
out_has "fast-forwarded"
cl -C "$B" show boats
out_has "value:    4 boats"
[ -z "$(git -C "$B" status --porcelain)" ] || fail "B's work tree is not clean after pull"
cl -C "$B" pull
out_has "already up to date"

# Different fields, and evidence added on both sides: a clean merge.
cl -C "$A" claim set boats value 5
cl -C "$A" evidence add boats --source harbour-news --quote "received three patrol boats"
cl -C "$A" push
cl -C "$B" claim set boats note "Checked against the registry."
cl -C "$B" evidence add boats --source harbour-report --quote "four patrol boats" \
	--locator p.2
run 1 "$CLAIMLOG" -C "$B" push
err_has "run 'claimlog pull origin' first"
cl -C "$B" pull
out_has "1 file merged claim by claim"
lacks "$TMP/out" "changed two ways"
cl -C "$B" show boats --json
jq -e '.value.text == "5" and .note == "Checked against the registry." and
	(.evidence | length) == 3 and .status == "open"' "$TMP/out" >/dev/null ||
	fail "the merge lost a change: $(cat "$TMP/out")"
[ "$(git -C "$B" rev-list --parents -1 HEAD | wc -w)" = 3 ] || fail "not a merge commit"
[ -z "$(git -C "$B" status --porcelain)" ] || fail "B's work tree is not clean after a merge"
cl -C "$B" push
cl -C "$A" pull
out_has "fast-forwarded"

# The same field changed two ways: both values kept, the claim contested.
cl -C "$A" claim set boats value 6
cl -C "$A" push
cl -C "$B" claim set boats value 7
cl -C "$B" pull
out_has "claim boats: field value changed on both sides; both values kept as alternatives (see 'claimlog show boats')"
lacks "$TMP/out" "1 field changed two ways"
p=$(cd "$B" && "$CLAIMLOG" path boats)
contains "$B/$p" '<value type="quantity" unit="boats">7</value>'
contains "$B/$p" '<alternative field="value">6</alternative>'
contains "$B/$p" '<status>contested</status>'
! grep -q '^<<<<<<<\|^=======\|^>>>>>>>' "$B/$p" || fail "conflict markers in a claim"
cl -C "$B" list --status contested
out_has boats
# Settling it is setting the field.
cl -C "$B" claim set boats value 6
cl -C "$B" claim set boats status open
lacks "$B/$p" "<alternative"
cl -C "$B" push
cl -C "$A" pull

# A conflict that is not a claim's: the pull stops and changes nothing.
echo "A's notes" > "$A/NOTES.md"
git -C "$A" add NOTES.md && git -C "$A" commit -qm "A's notes"
cl -C "$A" push
echo "B's notes" > "$B/NOTES.md"
git -C "$B" add NOTES.md && git -C "$B" commit -qm "B's notes"
before=$(state "$B")
run 1 "$CLAIMLOG" -C "$B" pull
err_has "NOTES.md: changed on both sides"
err_has "nothing was changed"
unchanged "$B" "$before"
git -C "$B" merge -q origin/main >/dev/null 2>&1
echo "Both notes" > "$B/NOTES.md"
git -C "$B" add NOTES.md && git -C "$B" commit -qm "merge notes"
cl -C "$B" push
cl -C "$A" pull

# A source changed two ways cannot be recorded: it stops too.
ps=$(cd "$A" && "$CLAIMLOG" path harbour-news)
sed -i 's|<title>.*</title>|<title>Coast guard boats</title>|' "$A/$ps"
git -C "$A" commit -qam "retitle" && cl -C "$A" push
sed -i 's|<title>.*</title>|<title>New boats for the coast guard</title>|' "$B/$ps"
git -C "$B" commit -qam "retitle differently"
before=$(state "$B")
run 1 "$CLAIMLOG" -C "$B" pull
err_has "'title' was changed two different ways"
unchanged "$B" "$before"
git -C "$B" reset -q --hard origin/main

# A local change in the way of the pull: refused, nothing changed.
cl -C "$A" claim set boats unit vessels
cl -C "$A" push
echo "<!-- mine -->" >> "$B/$p"
before=$(state "$B")
run 2 "$CLAIMLOG" -C "$B" pull
err_has "local changes would be overwritten by the pull"
err_has "$p"
unchanged "$B" "$before"
git -C "$B" checkout -q -- "$p"
cl -C "$B" pull
cl -C "$B" show boats
out_has "6 vessels"

# A remote whose folder does not exist: said so, with what to do.
cl -C "$B" remote add gone "$TMP/no-such-remote.git"
run 2 "$CLAIMLOG" -C "$B" pull gone
err_has "claimlog: remote 'gone' is the folder '$TMP/no-such-remote.git', which does not exist"

for r in "$A" "$B" "$TMP/remote.git"; do
	git -C "$r" fsck --strict 2>&1 >/dev/null || fail "git fsck $r"
done
exit 0
