#!/bin/sh
# 'source refresh ID': the page fetched again; unchanged, nothing is
# written; changed, a new source ID.v2 (then .v3) that <revises> the one
# before, in one commit, while the claims keep quoting ID; 'source show'
# names the newer version and verify tells which quotes still hold in it
# (CL036).  What cannot be refreshed changes nothing.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/fetch-lib.sh"
start_server web
U=http://127.0.0.1:$PORT
make_repo
page=$TMP/web/page.html
cat >"$page" <<'HTML'
<html><head><title>Port report</title></head><body>
<p>Four patrol boats arrived on Monday.</p>
<p>The port was closed for two days.</p>
</body></html>
HTML
cl -C "$R" source add "$U/file/page.html" --id port --author "A. Writer" --language en
cl -C "$R" claim add --id boats --statement "Four boats arrived." --source port \
	--quote "Four patrol boats arrived on Monday"
cl -C "$R" claim add --id closed --statement "The port was closed." --source port \
	--quote "closed for two days"

# Unchanged: said, nothing written.
before=$(state "$R")
cl -C "$R" source refresh port
out_has "source port unchanged: $U/file/page.html gives the same bytes"
unchanged "$R" "$before"

# What cannot be refreshed.
run 2 "$CLAIMLOG" -C "$R" source refresh harbour-report
err_has "source 'harbour-report' has no http or https URL to fetch again"
run 2 "$CLAIMLOG" -C "$R" source refresh nosuch
err_has "nosuch"
run 2 "$CLAIMLOG" -C "$R" source refresh
err_has "source refresh needs an ID"
mv "$page" "$page.away"
run 2 "$CLAIMLOG" -C "$R" source refresh port
err_has "the server answered 404"
mv "$page.away" "$page"
unchanged "$R" "$before"

# Changed: a new version in one commit.
sed -i 's/closed for two days/closed for three days/' "$page"
head=$(git -C "$R" rev-parse HEAD)
cl -C "$R" source refresh port
out_has "source port changed: recorded the new version port.v2"
[ "$(git -C "$R" rev-list --count "$head..HEAD")" = 1 ] || fail "refresh is not one commit"
git -C "$R" log -1 --format=%s | grep -qx "source refresh port: new version port.v2" ||
	fail "commit summary: $(git -C "$R" log -1 --format=%s)"
cl -C "$R" source show port.v2 --json
jq -e '.capture.file == "port.v2.warc.gz" and .capture.target == "'"$U"'/file/page.html" and
	.revises == "port" and .title == "Port report" and .authors == ["A. Writer"]
	and .language == "en" and .url == "'"$U"'/file/page.html" and .http.status == 200
	and .snapshot == "port.v2.html"' "$TMP/out" >/dev/null ||
	fail "the new version is not as expected: $(cat "$TMP/out")"
cl -C "$R" source show port
out_has "newer:     port.v2"
cl -C "$R" source show port.v2
out_has "revises:   port"
# The claims still quote port.
cl -C "$R" show boats --json
grep -q '"source": "port"' "$TMP/out" || fail "the claim no longer quotes port"
# CL036: which quotes still hold in the newest version.
cl -C "$R" verify --all
out_has "CL036"
out_has "quote from 'port' still holds in its newer version 'port.v2'"
out_has "quote from 'port' is no longer in its newer version 'port.v2': \"closed for two days\""
lacks "$TMP/out" "no claim uses source 'port.v2'"
cl -C "$R" verify --format json
jq -e '[.findings[] | select(.rule == "CL036")] | length == 2' "$TMP/out" >/dev/null ||
	fail "verify --json lacks the two CL036 findings: $(cat "$TMP/out")"

# Unchanged against the newest version; then changed again: port.v3 revises port.v2.
cl -C "$R" source refresh port
out_has "source port.v2 unchanged"
sed -i 's/Four patrol boats/Five patrol boats/' "$page"
cl -C "$R" source refresh port
out_has "source port.v2 changed: recorded the new version port.v3"
cl -C "$R" source show port.v3 --json
jq -e '.revises == "port.v2"' "$TMP/out" >/dev/null || fail "port.v3 does not revise port.v2"
cl -C "$R" verify --all
out_has "quote from 'port' is no longer in its newer version 'port.v3': \"Four patrol boats"
git -C "$R" fsck --strict --no-dangling --no-progress || fail "fsck"
exit 0
