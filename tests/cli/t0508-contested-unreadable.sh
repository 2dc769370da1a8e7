#!/bin/sh
# A claim file that cannot be read does not stop 'contested' or 'show' (as
# it does not stop report or export): it is named in a warning and left out, and
# the other conflicts are listed, with the index and without.  A committed
# file that does not parse, an uncommitted edit that breaks a good claim,
# and a committed broken file fixed in the work tree (read as it is now,
# no warning) are each seen so.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
monitor_repo
share_claim three China 3
share_claim four China 4
share_claim fine Laos 12
share_claim other Laos 30
path() { echo "$R/$(cd "$R" && "$CLAIMLOG" path "$1")"; }

# contested with the index and without: the same pairs (each sorted, then
# the list), the same warnings.
both() { # WANT_PAIRS WANT_WARNING (empty: none) [COUNT of warnings, 1]
	for how in index files; do
		[ $how = files ] && mv "$R/.git/claimlog" "$TMP/kept"
		[ $how = index ] && cl -C "$R" list >/dev/null 2>&1
		run 0 "$CLAIMLOG" -C "$R" contested --json
		[ $how = files ] && rm -rf "$R/.git/claimlog" && mv "$TMP/kept" "$R/.git/claimlog"
		got=$(jq -r '.conflicts[] | [.a.id, .b.id] | sort | join(" ")' "$TMP/out" | sort | tr '\n' ,)
		[ "$got" = "$1" ] || fail "with $how: pairs '$got', not '$1'"
		if [ -n "$2" ]; then
			err_has "$2"
			[ "$(grep -c "skipping" "$TMP/err")" = "${3:-1}" ] || fail "with $how: warned $(grep -c skipping "$TMP/err") times"
		else
			[ ! -s "$TMP/err" ] || fail "with $how: stderr: $(cat "$TMP/err")"
		fi
	done
}
both "fine other,four three," ""

# A committed claim file that is not well-formed.
mkdir -p "$R/claims/zz"
printf '<?xml version="1.0"?>\n<claim id="broken"><statement>x</claim>\n' > "$R/claims/zz/broken.xml"
git -C "$R" add claims/zz/broken.xml && git -C "$R" commit -qm broken || fail "cannot commit"
both "fine other,four three," \
	"warning: skipping 'claims/zz/broken.xml': claims/zz/broken.xml:2: not well-formed XML"
# show, which without an index reads every claim for those that name the
# one it shows, tells of the broken file and leaves it out too.
mv "$R/.git/claimlog" "$TMP/kept"
run 0 "$CLAIMLOG" -C "$R" show three
out_has "claim three [open]"
err_has "warning: skipping 'claims/zz/broken.xml': claims/zz/broken.xml:2: not well-formed XML"
rm -rf "$R/.git/claimlog" && mv "$TMP/kept" "$R/.git/claimlog"

# An uncommitted edit that breaks a good claim: its pair goes, the other
# stays; the committed broken file is named too.
f=$(path fine)
cp "$f" "$TMP/fine.xml"
printf '<claim id="fine">\n' > "$f"
both "four three," "warning: skipping '${f#$R/}': ${f#$R/}:2: " 2
cp "$TMP/fine.xml" "$f"

# The committed broken file fixed in the work tree: read as it is now.
sed 's/"fine"/"broken"/; s/Claim fine\./Claim broken./; s/>12</>3</; s/Laos/China/' \
	"$TMP/fine.xml" > "$R/claims/zz/broken.xml"
both "broken four,fine other,four three," ""
exit 0
