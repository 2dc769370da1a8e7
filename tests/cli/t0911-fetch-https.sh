#!/bin/sh
# 'source add https://...' against a TLS server of the test's own: its
# self-signed certificate is refused until trusted through GIT_SSL_CAINFO
# or git config http.sslCAInfo (as push and pull trust it), and a refusal
# changes nothing.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/fetch-lib.sh"
python3 -c 'import ssl' 2>/dev/null || { echo "no python3 with ssl (apt-get install python3)"; exit 77; }
make_cert server
make_cert other
start_server tls tls
U=https://localhost:$PORT
make_repo
before=$(state "$R")

run 2 "$CLAIMLOG" -C "$R" source add "$U/article" --id a
err_has "cannot fetch '$U/article': the https certificate of 'localhost' is not trusted"
err_has "name its file with git config http.sslCAInfo or GIT_SSL_CAINFO"
unchanged "$R" "$before"
run 2 env GIT_SSL_CAINFO="$TMP/other.pem" "$CLAIMLOG" -C "$R" source add "$U/article" --id a
err_has "the https certificate of 'localhost' is not trusted"
err_has "now $TMP/other.pem"
unchanged "$R" "$before"
run 2 env GIT_SSL_CAINFO="$TMP/missing.pem" "$CLAIMLOG" -C "$R" source add "$U/article" --id a
err_has "cannot read the certificate authorities in '$TMP/missing.pem' (named by GIT_SSL_CAINFO)"
unchanged "$R" "$before"

# Trusted through git config, then through GIT_SSL_CAINFO (which wins).
git -C "$R" config http.sslCAInfo "$TMP/server.pem"
before=$(state "$R")
run 2 env GIT_SSL_CAINFO="$TMP/other.pem" "$CLAIMLOG" -C "$R" source add "$U/article" --id a
err_has "not trusted"
unchanged "$R" "$before"
cl -C "$R" source add "$U/article" --id a
out_has "title taken from the page (og:title): Four patrol boats arrive in the harbour"
git -C "$R" config --unset http.sslCAInfo
run 0 env GIT_SSL_CAINFO="$TMP/server.pem" "$CLAIMLOG" -C "$R" source add "$U/r1" --id p --title P
out_has "redirected to $U/plain"
cl -C "$R" source show p --json
jq -e '.http.url == "'"$U"'/plain" and .http.status == 200' "$TMP/out" >/dev/null ||
	fail "the https fetch is not recorded: $(cat "$TMP/out")"
# GIT_SSL_NO_VERIFY and http.sslVerify turn nothing off.
git -C "$R" config http.sslVerify false
before=$(state "$R")
run 2 env GIT_SSL_NO_VERIFY=1 "$CLAIMLOG" -C "$R" source add "$U/plain" --id q --title Q
err_has "not trusted"
unchanged "$R" "$before"
exit 0
