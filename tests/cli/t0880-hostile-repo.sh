#!/bin/sh
# A hostile repository (docs/reliability.md, "Hostile repositories"): links
# to a folder, a file and /dev/zero outside it, a submodule, a stored
# snapshot gone, one claim id in two folders.  'pull' refuses the links and
# changes nothing; on a plain 'git clone' of it (as CI checks out a pull
# request) every command finishes with clear findings, nothing from outside
# the repository shows in any output, and the good claim stays usable.
. "$TOP/tests/cli/lib.sh"
command -v timeout >/dev/null || { echo "timeout(1) is missing"; exit 77; }

# The check of lib.sh itself: a message "unknown error" fails a test.
( run 0 sh -c 'echo "claimlog: unknown error" >&2' ) 2>/dev/null &&
	fail "lib.sh let 'unknown error' pass"

MARK=MARKER-7f3a91-from-outside-the-repository
make_repo
cl -C "$R" claim add --id good --statement "The coast guard has four patrol boats." \
	--source harbour-report --quote "four patrol boats"
cl -C "$R" source add "$FIX/aid-news.txt" --id leaky --title "Leaky"
V=$TMP/victim
git clone -q "$R" "$V" || fail "cannot clone"
git -C "$V" config user.name "Victim" && git -C "$V" config user.email "v@example.org"
good=$(cd "$R" && "$CLAIMLOG" path good)
leaky=$(cd "$R" && "$CLAIMLOG" path leaky)
news=$(cd "$R" && "$CLAIMLOG" path harbour-news)

# Outside the repository: a secret, and a folder with a claim file.
mkdir -p "$TMP/outside/claims"
echo "$MARK" > "$TMP/secret.txt"
sed "s/The coast guard has four patrol boats\./$MARK/; s/id=\"good\"/id=\"evil\"/" \
	"$R/$good" > "$TMP/outside/claims/evil.xml"
sed 's/id="evil"/id="leak"/' "$TMP/outside/claims/evil.xml" > "$TMP/outside/leak.xml"
grep -q "$MARK" "$TMP/outside/leak.xml" || fail "the outside claim lacks the marker"

# The attack, committed with plain git on the remote.
ln -s "$TMP/outside/claims" "$R/claims/zz"				# a linked folder
mkdir -p "$R/claims/01" "$R/claims/02" "$R/claims/ff"
ln -s "$TMP/outside/leak.xml" "$R/claims/01/leak.xml"			# a linked claim
ln -s /dev/zero "$R/claims/02/zero.xml"				# endless
rm "$R/${leaky%.xml}.txt"
ln -s "$TMP/secret.txt" "$R/${leaky%.xml}.txt"				# a linked snapshot
ln -s "$TMP/secret.txt" "$R/entities.xml"				# linked entities
git -C "$R" rm -q "${news%.xml}.html"					# a snapshot gone
sed 's/The coast guard has four patrol boats\./A second file for good./' "$R/$good" \
	> "$R/claims/ff/good.xml"					# one id, two files
git -C "$R" add -A
git -C "$R" update-index --add --cacheinfo \
	"160000,$(git -C "$R" rev-parse HEAD),sources/sub"		# a submodule
git -C "$R" commit -q -m "hostile" || fail "cannot commit the attack"
[ "$(git -C "$R" ls-tree -r HEAD | grep -c '^120000')" = 5 ] || fail "the links were not committed"
# (Over-limit and quadratic-shaped files are the business of t0870 and t0850.)

# pull refuses, names each path, and changes nothing.
before=$(state "$V")
run 2 timeout 20 "$CLAIMLOG" -C "$V" pull
err_has "cannot pull from remote 'origin'"
err_has "claims/zz (a symbolic link)"
err_has "claims/01/leak.xml (a symbolic link)"
err_has "claims/02/zero.xml (a symbolic link)"
err_has "${leaky%.xml}.txt (a symbolic link)"
err_has "entities.xml (a symbolic link)"
err_has "sources/sub (a submodule)"
err_has "nothing was changed"
lacks "$TMP/err" "$MARK"
unchanged "$V" "$before"
[ ! -e "$V/claims/zz" ] && [ ! -e "$V/claims/ff" ] || fail "pull wrote files"
cl -C "$V" show good
out_has "The coast guard has four patrol boats."

# The same repository checked out by git, links and all.
G=$TMP/checkout
git clone -q "$R" "$G" || fail "cannot clone the hostile repository"
[ -L "$G/claims/01/leak.xml" ] || fail "git did not check out the links"
: > "$TMP/seen"
# hostile CODE ARGS... : claimlog on the checkout, in 20 s, its output kept.
hostile() {
	want=$1; shift
	run "$want" timeout 20 "$CLAIMLOG" -C "$G" "$@"
	cat "$TMP/out" "$TMP/err" >> "$TMP/seen"
}

hostile 1 verify
for p in claims/zz claims/01/leak.xml claims/02/zero.xml "${leaky%.xml}.txt" entities.xml; do
	out_has "$p"
	grep -A1 -x "$p" "$TMP/out" | grep -q "error CL030 not-a-regular-file: '$p'" ||
		fail "verify lacks CL030 for $p"
done
out_has "CL003 duplicate-id"
out_has "CL005 snapshot-missing"
lacks "$TMP/out" "evil"
hostile 1 verify --format json
jq -e '[.findings[] | select(.rule == "CL030")] | length == 5' "$TMP/out" >/dev/null ||
	fail "verify --format json lacks the five CL030 findings"

hostile 0 show good
out_has "The coast guard has four patrol boats."
hostile 2 show leak
err_has "claims/01/leak.xml"
hostile 2 show evil
err_has "claims/zz"

hostile 0 list
out_has "good"
lacks "$TMP/out" "leak"
# The index is built here, from the commit: it tells what it leaves out.
err_has "skipping 'claims/01/leak.xml' of the commit: a symbolic link or submodule"
err_has "skipping 'claims/zz' of the commit"
hostile 0 list
lacks "$TMP/err" "skipping"	# told once, as it arrived
hostile 0 search patrol
out_has "good"
hostile 0 sql "select count(*) from claims"
hostile 0 blame good
hostile 0 source list
out_has "harbour-report"
out_has "harbour-news"
out_has "leaky"
hostile 0 report -o "$TMP/report"
err_has "claim 'good' is in two files"
err_has "claims/ff/good.xml"
hostile 0 export --format jsonl
err_has "claim 'good' is in two files, '$good' and 'claims/ff/good.xml': using the first"
out_has "The coast guard has four patrol boats."
lacks "$TMP/out" "A second file for good."
[ "$(wc -l < "$TMP/out")" = 1 ] || fail "export should give one claim"
hostile 0 export --format csv -o "$TMP/export.csv"

# Nothing from outside in any output, report page or export.
lacks "$TMP/seen" "$MARK"
! grep -rqF "$MARK" "$TMP/report" "$TMP/export.csv" || fail "the marker reached a file written"
grep -q "skipping 'claims/zz'" "$TMP/seen" || fail "no command told it skipped claims/zz"

# A write never goes through a linked folder: the commit is refused first.
hh=$(printf %s newclaim | sha256sum | cut -c1-2)
mkdir "$TMP/outside2"
rm -rf "${G:?}/claims/$hh"
ln -s "$TMP/outside2" "$G/claims/$hh"
before=$(state "$G")
run 2 "$CLAIMLOG" -C "$G" claim add --id newclaim --statement "New." \
	--source harbour-report --quote "four patrol boats"
err_has "'claims/$hh/newclaim.xml' is a symbolic link or lies in a linked folder"
[ -z "$(ls -A "$TMP/outside2")" ] || fail "a file was written through the link"
unchanged "$G" "$before"

# A stored snapshot gone: the index still builds, its commands still run
# (they once exited 2 with "unknown error").
cl -C "$V" source add "$FIX/aid-monitor.txt" --id monitor --title "Monitor"
m=$(cd "$V" && "$CLAIMLOG" path monitor)
git -C "$V" rm -q "${m%.xml}.txt" || fail "no stored snapshot to remove"
git -C "$V" commit -q -m "snapshot gone" || fail "cannot commit"
rm -f "$V/.git/claimlog/index.sqlite"
cl -C "$V" list
out_has "good"
rm -f "$V/.git/claimlog/index.sqlite"
cl -C "$V" search patrol
out_has "good"
rm -f "$V/.git/claimlog/index.sqlite"
cl -C "$V" sql "select id from sources where id = 'monitor'"
out_has "monitor"
rm -f "$V/.git/claimlog/index.sqlite"
cl -C "$V" blame good

# A journal's temporary file left by a killed writer: kept while a writer
# holds the lock, removed by the next command that can take it.
touch "$V/.git/claimlog/pending.tmp-k1ll3d"
if command -v flock >/dev/null; then
	flock "$V/.git/claimlog/lock" sleep 3 &
	sleep 1
	cl -C "$V" list
	[ -e "$V/.git/claimlog/pending.tmp-k1ll3d" ] || fail "a temporary file in use was removed"
	wait
fi
cl -C "$V" list
[ ! -e "$V/.git/claimlog/pending.tmp-k1ll3d" ] || fail "the leftover temporary file stayed"
git -C "$V" fsck --strict >/dev/null 2>&1 || fail "git fsck failed"
exit 0
