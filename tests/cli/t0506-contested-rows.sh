#!/bin/sh
# contested makes the claims it shows from the index's rows (claims,
# evidence, conflicts, tags), not from their files, but for those whose
# rows leave something out (claims.file_only): a review, alternatives, a
# resolution other than "refuted", tags out of order.  Its output is the
# same as without an index, and the column the same whether the index was
# updated commit by commit (set, undo, pull) or built from nothing.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
R=$TMP/repo
cl init "$R"
cl -C "$R" source add "$FIX/aid-monitor.txt" --id monitor --title "Aid Monitor Bulletin"
cl -C "$R" source add "$FIX/aid-news.txt" --id news --title "Ruritania Daily"
MQ="delivered 6.6 million euros, about 12% of the pledge"
NQ="China has delivered just 15% of the 56 million euros"
add() { # ID SOURCE QUOTE [OPTIONS...]
	id=$1 src=$2 q=$3
	shift 3
	cl -C "$R" claim add --id "$id" --statement "Claim $id." --source "$src" --quote "$q" "$@"
}
share() { # ID VALUE [OPTIONS...]: a claim on China's share of its aid
	id=$1 v=$2
	shift 2
	add "$id" monitor "$MQ" --subject China --property "share delivered" --value "$v" \
		--unit % --as-of 2024 "$@"
}
# Two values that cannot both be true, one with tags out of order.
share a1 12 --approx --tag zeta --tag alpha --note "the bulletin's figure"
share a2 15 --tag alpha --tag beta
# Evidence with everything the rows hold.
cl -C "$R" evidence add a2 --source news --quote "$NQ" --speaker "officials" \
	--attribution quoted --stance disputes --prefix "China has" --locator "p. 1" \
	--origin monitor
# Declared conflicts, resolved each way.
add ref-a monitor "$MQ"
add ref-b news "$NQ"
cl -C "$R" conflict add ref-a ref-b --note "which share"
cl -C "$R" conflict resolve ref-a ref-b --prefer ref-a --rationale "the bulletin counts"
add sup-a monitor "$MQ"
add sup-b news "$NQ"
cl -C "$R" conflict add sup-a sup-b
cl -C "$R" conflict resolve sup-a sup-b --prefer sup-b --superseded --rationale "later"
add both-a monitor "$MQ"
add both-b news "$NQ"
cl -C "$R" conflict add both-a both-b
cl -C "$R" conflict resolve both-a both-b --both-true --rationale "each at its date"
add open-a monitor "$MQ" --percent-of 6.6/56 --subject China --property "pct" --value 11.8
add open-b news "$NQ"
cl -C "$R" conflict add open-a open-b --note "not settled"
# Contested outside any conflict: one with a review, one plain, one with
# an alternative that a merge recorded (written by hand).
add rev monitor "$MQ" --status contested
cl -C "$R" claim set rev verdict "Mostly false"
cl -C "$R" claim set rev review-rating 2
add plain news "$NQ" --status contested --tag one
add alt news "$NQ" --status contested
f=$R/$(cd "$R" && "$CLAIMLOG" path alt)
sed -i 's|</claim>|  <alternative field="note">the other side</alternative>\n</claim>|' "$f"
git -C "$R" commit -qam "a merge's alternative, by hand"
# Claims no conflict involves.
add aside-1 monitor "$MQ" --tag x
add aside-2 news "$NQ"

flags() { # "id file_only" a line each, from the index
	"$CLAIMLOG" -C "$R" sql "SELECT id, file_only FROM claims ORDER BY id" | tail -n +2 | tr '\t' ' '
}
# same: contested (text and JSON) through the index as commits left it,
# without an index, and through an index built from nothing, all alike;
# the column alike in both indexes.  The updated index is put back.
same() {
	cl -C "$R" contested
	cp "$TMP/out" "$TMP/rows.txt"
	cl -C "$R" contested --json
	cp "$TMP/out" "$TMP/rows.json"
	flags > "$TMP/flags.updated"
	mv "$R/.git/claimlog" "$TMP/kept"
	cl -C "$R" contested
	cmp -s "$TMP/out" "$TMP/rows.txt" || {
		diff "$TMP/out" "$TMP/rows.txt" >&2
		fail "$1: contested differs from the rows"
	}
	cl -C "$R" contested --json
	cmp -s "$TMP/out" "$TMP/rows.json" || {
		diff "$TMP/out" "$TMP/rows.json" >&2
		fail "$1: contested --json differs from the rows"
	}
	cl -C "$R" list
	[ "$(flags)" = "$(cat "$TMP/flags.updated")" ] ||
		fail "$1: file_only built: $(flags), updated: $(cat "$TMP/flags.updated")"
	cl -C "$R" contested --json
	cmp -s "$TMP/out" "$TMP/rows.json" || fail "$1: contested --json differs once built"
	rm -rf "$R/.git/claimlog"
	mv "$TMP/kept" "$R/.git/claimlog"
}
cl -C "$R" list
[ "$(flags | tr '\n' ,)" = "a1 1,a2 0,alt 1,aside-1 0,aside-2 0,both-a 1,both-b 0,open-a 0,open-b 0,plain 0,ref-a 0,ref-b 0,rev 1,sup-a 1,sup-b 0," ] ||
	fail "file_only: $(flags | tr '\n' ,)"
same "at first"
cl -C "$R" contested
out_has "a2 vs a1: detected, not declared"
cl -C "$R" contested --json
jq -e '[.conflicts[] | .a.id + "-" + .b.id] == ["open-a-open-b", "sup-a-sup-b", "ref-a-ref-b", "both-a-both-b", "a2-a1"]' \
	"$TMP/out" >/dev/null || fail "pairs: $(jq -c '[.conflicts[] | [.a.id, .b.id]]' "$TMP/out")"
jq -e '[.contested[].id] == ["alt", "plain", "rev"]' "$TMP/out" >/dev/null || fail "lone"
jq -e '(.conflicts[4].b.tags == ["zeta", "alpha"]) and (.conflicts[4].a.evidence[1].speaker == "officials")
	and (.conflicts[4].a.evidence[1].prefix == "China has") and (.conflicts[4].b.value.approximate)
	and (.conflicts[1].resolution.kind == "superseded") and (.conflicts[3].resolution.kind == "both-true")
	and (.conflicts[0].a.derived.kind == "percent-of") and (.contested[2].review.verdict == "Mostly false")
	and (.contested[0].alternatives[0].value == "the other side")' "$TMP/out" >/dev/null ||
	fail "what the claims hold: $(cat "$TMP/out")"

# Which claim files contested opens: those whose rows are not enough.
if command -v strace >/dev/null; then
	sleep 1
	touch "$R/.git/index"
	ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
	strace -f -e trace=openat,openat2 -o "$TMP/trace" "$CLAIMLOG" -C "$R" contested >/dev/null ||
		fail "contested under strace"
	opened=$(grep -o 'claims/[^"]*\.xml"' "$TMP/trace" | sed 's|.*/||; s|\.xml"||' | sort |
		tr '\n' ' ')
	[ "$opened" = "a1 alt both-a rev sup-a " ] || fail "opened: $opened"
else
	echo "strace is not installed: not counting the files read" >&2
fi

# Commits change the column: a review added and removed, tags put in order.
cl -C "$R" claim set plain verdict "True"
same "a review added"
[ "$(flags | grep '^plain ')" = "plain 1" ] || fail "plain after its review: $(flags)"
cl -C "$R" claim set plain verdict ""
same "a review removed"
[ "$(flags | grep '^plain ')" = "plain 0" ] || fail "plain without its review: $(flags)"
cl -C "$R" claim set a1 untag zeta
same "tags in order"
[ "$(flags | grep '^a1 ')" = "a1 0" ] || fail "a1 with its tags in order: $(flags)"
cl -C "$R" undo
same "undo"
[ "$(flags | grep '^a1 ')" = "a1 1" ] || fail "a1 after undo: $(flags)"

# Not committed: an edited file is read, whatever its row says.
sed -i 's|<tag>zeta</tag>||' "$R/$(cd "$R" && "$CLAIMLOG" path a1)"
same "an edit"
cl -C "$R" contested --json
jq -e '.conflicts[4].b.tags == ["alpha"]' "$TMP/out" >/dev/null || fail "the edit is not shown"
git -C "$R" checkout -q -- claims

# Pull: another clone gives rev's review up and an alternative to plain.
git init -q --bare -b main "$TMP/hub.git"
cl -C "$R" remote add origin "$TMP/hub.git"
cl -C "$R" push
git clone -q "$TMP/hub.git" "$TMP/other"
cl -C "$TMP/other" claim set rev verdict ""
f=$TMP/other/$(cd "$TMP/other" && "$CLAIMLOG" path plain)
sed -i 's|</claim>|  <alternative field="note">n</alternative>\n</claim>|' "$f"
git -C "$TMP/other" commit -qam "an alternative, by hand"
git -C "$TMP/other" push -q origin HEAD:main
cl -C "$R" pull
same "pull"
[ "$(flags | grep -E '^(plain|rev) ' | tr '\n' ,)" = "plain 1,rev 0," ] ||
	fail "after the pull: $(flags)"
exit 0
