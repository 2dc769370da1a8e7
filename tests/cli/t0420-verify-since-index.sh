#!/bin/sh
# verify --since with the index reads only what a change touches; without
# it, every claim.  Both must find the same things: each change below is
# checked both ways, and the findings it should bring are asserted.
. "$TOP/tests/cli/lib.sh"
R=$TMP/repo
cl init "$R"
cl -C "$R" source add "$FIX/aid-monitor.txt" --id monitor --title "Aid Monitor Bulletin" \
	--published 2024-03
cl -C "$R" source add "$FIX/aid-news.txt" --id news --title "Ruritania Daily" \
	--published 2024-05 --cites monitor
cl -C "$R" entity add "People's Republic of China" --alias China --alias PRC
cl -C "$R" claim add --id aid-share --statement "China delivered about 12% of its pledged aid." \
	--source monitor --quote "delivered 6.6 million euros, about 12% of the pledge" \
	--subject China --property "share of pledged aid delivered" --value 12 --unit % \
	--approx --as-of 2024
# The same figure under another spelling of the subject: no conflict yet.
cl -C "$R" claim add --id aid-share-prc --statement "The PRC delivered about 12% of its aid." \
	--source news --quote "China has delivered just 15% of the 56 million euros" \
	--subject PRC --property "Share of pledged aid delivered" --value 12.4 --unit % \
	--as-of 2024
cl -C "$R" claim add --id railway-june --statement "The railway opened in June 2020." \
	--source monitor --quote "the railway opened in June 2020"
cl -C "$R" claim add --id railway-july --statement "The railway opened in July 2020." \
	--source news --quote "The railway opened in July 2020."
cl -C "$R" conflict add railway-july railway-june --note "June or July"
cl -C "$R" claim add --id aid-echo --statement "Officials repeat the bulletin's figure." \
	--source news --quote "citing the Aid Monitor Bulletin" --origin aid-share
# A broken file no change touches: --since reports it neither way.
mkdir -p "$R/claims/zz"
echo "<claim" > "$R/claims/zz/broken.xml"
git -C "$R" add -A && git -C "$R" commit -qm "a broken file"
git -C "$R" tag base

# since REV: the findings of 'verify --since REV', with and without the index.
since() {
	rm -rf "$R/.git/claimlog"
	run "$1" "$CLAIMLOG" -C "$R" verify --since "$2" --format json
	jq 'del(.summary.files_read)' "$TMP/out" > "$TMP/without.json"
	# Every claim and source was read.
	jq -e --argjson n "$(cd "$R" && ls claims/*/*.xml sources/*/*.xml | wc -l)" \
		'.summary.files_read == $n' "$TMP/out" >/dev/null || fail "files read"
	run 0 "$CLAIMLOG" -C "$R" list --status open
	[ -f "$R/.git/claimlog/index.sqlite" ] || fail "list built no index"
	run "$1" "$CLAIMLOG" -C "$R" verify --since "$2" --format json
	jq 'del(.summary.files_read)' "$TMP/out" > "$TMP/with.json"
	cmp -s "$TMP/with.json" "$TMP/without.json" || {
		diff "$TMP/without.json" "$TMP/with.json" >&2
		fail "--since $2 finds other things with the index"
	}
}
# read N: verify read N files.
read_files() {
	jq -e --argjson n "$1" '.summary.files_read == $n' "$TMP/out" >/dev/null ||
		fail "$(jq .summary "$TMP/out") read other than $1 files"
}
finds() {
	jq -e --arg r "$1" --arg o "$2" \
		'[.findings[] | select(.rule == $r and .object == $o)] | length > 0' \
		"$TMP/out" >/dev/null || { cat "$TMP/out" >&2; fail "no $1 for $2"; }
}
checked() {
	jq -e --argjson n "$1" '.summary.claims == $n' "$TMP/out" >/dev/null ||
		fail "$(jq .summary "$TMP/out") checks other than $1 claims"
}

# A changed value now contradicts a claim on another spelling of its
# subject; the claim resting on it is checked again.
git -C "$R" checkout -q -b value base
sed -i 's|<value type="quantity" unit="%" approximate="true">12</value>|<value type="quantity" unit="%">15</value>|' \
	"$R/$(cd "$R" && "$CLAIMLOG" path aid-share)"
grep -q '>15<' "$R/$(cd "$R" && "$CLAIMLOG" path aid-share)" || fail "the edit did not apply"
git -C "$R" commit -qam "15%"
since 0 base
finds CL018 aid-share
checked 2
read_files 5
# The same change as committed: BASE..TIP reads the commit, not the work
# tree, through the index when it describes TIP, else every file of TIP.
echo "<claim" > "$R/claims/uncommitted.xml"
run 0 "$CLAIMLOG" -C "$R" verify --since base..value --format json
jq 'del(.summary.files_read)' "$TMP/out" > "$TMP/range.json"
cmp -s "$TMP/range.json" "$TMP/without.json" || fail "--since base..value differs"
read_files 5
git -C "$R" checkout -q base
run 0 "$CLAIMLOG" -C "$R" verify --since base..value --format json
jq 'del(.summary.files_read)' "$TMP/out" > "$TMP/range.json"
cmp -s "$TMP/range.json" "$TMP/without.json" || fail "--since base..value from base differs"
read_files 8
for bad in ..value base.. base..value..x; do
	run 2 "$CLAIMLOG" -C "$R" verify --since $bad
	err_has "--since takes REV or BASE..TIP, not '$bad'"
done
run 2 "$CLAIMLOG" -C "$R" verify --since base..nowhere
err_has "nowhere"
rm "$R/claims/uncommitted.xml"
git -C "$R" checkout -q value

# A snapshot changed in the work tree, not committed: every claim citing
# it is checked.
git -C "$R" checkout -q -b snapshot base
rm -rf "$R/.git/claimlog"
echo "An added line." >> "$R/$(dirname "$(cd "$R" && "$CLAIMLOG" path monitor)")/monitor.txt"
since 1 HEAD
finds CL007 monitor
checked 2
read_files 4
git -C "$R" checkout -q -- .

# A deleted claim: those resting on it or in conflict with it.
git -C "$R" checkout -q -b deleted base
git -C "$R" rm -q "$(cd "$R" && "$CLAIMLOG" path railway-june)" \
	"$(cd "$R" && "$CLAIMLOG" path aid-share)"
git -C "$R" commit -qm "drop two claims"
since 1 base
finds CL017 railway-july
finds CL016 aid-echo
checked 2
read_files 3

# A citation cycle through an unchanged source, and a duplicate id in a
# hand-made folder.
git -C "$R" checkout -q -b cycle base
cl -C "$R" source cite monitor news
mkdir -p "$R/claims/hand"
cp "$R/$(cd "$R" && "$CLAIMLOG" path railway-july)" "$R/claims/hand/railway-july.xml"
git -C "$R" add -A && git -C "$R" commit -qm "cycle and duplicate"
since 1 base
finds CL012 news
finds CL003 railway-july
read_files 7
# show finds the same conflicts through the index as by reading every
# claim, uncommitted edits included.
# (Without the index, show reads every claim, and a broken one stops it.)
git -C "$R" checkout -q value
git -C "$R" rm -q claims/zz/broken.xml && git -C "$R" commit -qm "drop the broken file"
# show_both ARG: show ARG without the index, then with it; they must agree.
show_both() {
	rm -rf "$R/.git/claimlog"
	cl -C "$R" show "$1"
	mv "$TMP/out" "$TMP/show-without"
	cl -C "$R" list --status open
	cl -C "$R" show "$1"
	cmp -s "$TMP/out" "$TMP/show-without" || {
		diff "$TMP/show-without" "$TMP/out" >&2
		fail "show $1 differs with the index"
	}
}
sed -i 's|>12.4<|>17<|' "$R/$(cd "$R" && "$CLAIMLOG" path aid-share-prc)"
show_both aid-share
show_both railway-june
cl -C "$R" show aid-share
out_has "values '17 %' and '15 %' cannot both be true"
cl -C "$R" show railway-june
out_has "with railway-july (declared): June or July"
git -C "$R" checkout -q -- .
# show ID@REV through the index too: the claims that differ between REV
# and HEAD are read as REV has them.  At HEAD~1 the figures disagree; at
# HEAD, which the index describes, they agree.
sed -i 's|>12.4<|>15<|' "$R/$(cd "$R" && "$CLAIMLOG" path aid-share-prc)"
git -C "$R" commit -qam "15% twice"
for at in aid-share@HEAD~1 aid-share-prc@HEAD~1 aid-share@HEAD railway-june@HEAD~1; do
	show_both $at
done
out_has "with railway-july (declared): June or July"
cl -C "$R" show aid-share@HEAD~1
out_has "values '12.4 %' and '15 %' cannot both be true"
cl -C "$R" show aid-share@HEAD
lacks "$TMP/out" "cannot both be true"
# base has a broken claim file, which HEAD has not: read as base has it,
# it is named both ways, in a warning (show leaves out a file that cannot
# be read, as contested does: tests/cli/t0508).
run 0 "$CLAIMLOG" -C "$R" show railway-june@base
err_has "warning: skipping 'claims/zz/broken.xml'"
rm -rf "$R/.git/claimlog"
run 0 "$CLAIMLOG" -C "$R" show railway-june@base
err_has "warning: skipping 'claims/zz/broken.xml'"
git -C "$R" reset -q --hard HEAD~1
cl -C "$R" list --status open
# Through the index, show reads only those claims: a broken file elsewhere
# no longer stops it, at HEAD or at a revision where it is the same.
echo "<claim" > "$R/claims/zz-broken.xml"
git -C "$R" add -A && git -C "$R" commit -qm "a broken file again"
cl -C "$R" claim set railway-july note "Checked against the timetable."
cl -C "$R" show aid-share
cl -C "$R" show aid-share@HEAD~1
# Without the index every claim is read: the broken file is named in a
# warning and left out, and show goes on.
rm -rf "$R/.git/claimlog"
run 0 "$CLAIMLOG" -C "$R" show aid-share
err_has "warning: skipping 'claims/zz-broken.xml'"
out_has "claim aid-share [open]"
run 0 "$CLAIMLOG" -C "$R" show aid-share@HEAD~1
err_has "warning: skipping 'claims/zz-broken.xml'"

# Entities changed: any claim may be touched, so all are checked.
git -C "$R" checkout -q -b entities base
cl -C "$R" entity alias "People's Republic of China" "Beijing"
since 0 base
checked 5
exit 0
