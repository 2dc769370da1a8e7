#!/bin/sh
# push and pull over https, against git-http-backend behind a TLS server of
# the test's own (https-server.py) on 127.0.0.1: HTTP basic authentication
# (CLAIMLOG_USERNAME with CLAIMLOG_PASSWORD or CLAIMLOG_TOKEN), and a
# self-signed certificate trusted only through git config http.sslCAInfo
# or GIT_SSL_CAINFO.
. "$TOP/tests/cli/lib.sh"
BACKEND=$(git --exec-path)/git-http-backend
command -v python3 >/dev/null && python3 -c 'import ssl' 2>/dev/null ||
	{ echo "no python3 with ssl (apt-get install python3)"; exit 77; }
command -v openssl >/dev/null || { echo "no openssl (apt-get install openssl)"; exit 77; }
[ -x "$BACKEND" ] || { echo "no git-http-backend at '$BACKEND' (apt-get install git)"; exit 77; }
# Only what the test sets counts; never a prompt for a password.
unset GIT_SSL_CAINFO GIT_SSL_NO_VERIFY CLAIMLOG_PASSWORD CLAIMLOG_TOKEN GIT_ASKPASS SSH_ASKPASS
export GIT_TERMINAL_PROMPT=0 CLAIMLOG_USERNAME=alice
PW='open sesame:42'
S=$TMP/https
mkdir -p "$S/root"

# The server's certificate, self-signed, and another that did not sign it.
# libgit2's TLS library here (mbedTLS 2.28) matches host names only, not
# IP addresses, so the URL names localhost.
for c in server other; do
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		-days 2 -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
		-keyout "$S/$c.key" -out "$S/$c.pem" 2>"$S/openssl.log" ||
		fail "openssl cannot make a certificate: $(cat "$S/openssl.log")"
done

git init -q --bare -b main "$S/root/claims.git"
git -C "$S/root/claims.git" config http.receivepack true
HTTPS_USER=alice HTTPS_PASSWORD=$PW HTTPS_SECONDS=120 python3 "$TOP/tests/cli/https-server.py" \
	"$S/root" "$S/server.pem" "$S/server.key" "$S/port" 2>"$S/log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$TMP"' EXIT
trap 'exit 1' HUP INT TERM
i=0
while [ ! -s "$S/port" ] && [ $i -lt 100 ] && kill -0 $pid 2>/dev/null; do
	sleep 0.1; i=$((i + 1))
done
[ -s "$S/port" ] || fail "the https server does not start: $(cat "$S/log")"
url=https://localhost:$(cat "$S/port")/claims.git
remote=$S/root/claims.git
empty() { [ -z "$(git -C "$remote" for-each-ref)" ] || fail "the remote changed"; }
same() { [ "$(git -C "$remote" rev-parse main)" = "$(git -C "$1" rev-parse HEAD)" ] ||
	fail "the remote's main is not $1's HEAD"; }
fsck() { git -C "$1" fsck --strict --no-dangling --no-progress >"$TMP/fsck" 2>&1 && [ ! -s "$TMP/fsck" ] ||
	fail "git fsck in $1: $(cat "$TMP/fsck")"; }

make_repo
A=$R
cl -C "$A" claim add --id boats --statement "Four boats arrived." \
	--source harbour-report --quote "four patrol boats"
cl -C "$A" remote add origin "$url"
before=$(state "$A")
refs=$(git -C "$A" for-each-ref)

# An untrusted certificate: refused with what to do, nothing changed.
run 3 env CLAIMLOG_PASSWORD="$PW" "$CLAIMLOG" -C "$A" push
err_has "cannot push to 'origin': the https certificate of 'localhost' is not trusted"
err_has "name its file with git config http.sslCAInfo or GIT_SSL_CAINFO"
empty
# A certificate authority that did not sign it is no better.
run 3 env GIT_SSL_CAINFO="$S/other.pem" CLAIMLOG_PASSWORD="$PW" "$CLAIMLOG" -C "$A" push
err_has "the https certificate of 'localhost' is not trusted"
run 3 env GIT_SSL_CAINFO="$S/other.pem" CLAIMLOG_PASSWORD="$PW" "$CLAIMLOG" -C "$A" pull
err_has "cannot fetch from 'origin': the https certificate of 'localhost' is not trusted"
# A file that is missing or holds no certificate is bad input.
run 2 env GIT_SSL_CAINFO="$S/missing.pem" "$CLAIMLOG" -C "$A" push
err_has "cannot read the certificate authorities in '$S/missing.pem' (named by GIT_SSL_CAINFO)"
git -C "$A" config http.sslCAInfo "$S/port"
run 2 "$CLAIMLOG" -C "$A" push
err_has "'$S/port' (named by git config http.sslCAInfo) holds no certificate authority"
empty

# Trusted through git config; the password still has to be right.
git -C "$A" config http.sslCAInfo "$S/server.pem"
run 3 env CLAIMLOG_PASSWORD=wrong "$CLAIMLOG" -C "$A" push
err_has "cannot push to 'origin': the remote refused the user name and password"
run 3 "$CLAIMLOG" -C "$A" push
err_has "the remote asks for a user name and password: set CLAIMLOG_USERNAME"
run 3 env CLAIMLOG_PASSWORD=wrong "$CLAIMLOG" -C "$A" pull
err_has "cannot fetch from 'origin': the remote refused the user name and password"
empty
unchanged "$A" "$before"
[ "$(git -C "$A" for-each-ref)" = "$refs" ] || fail "a failed push or pull moved a ref"
run 0 env CLAIMLOG_PASSWORD="$PW" "$CLAIMLOG" -C "$A" push
out_has "pushed to origin"
lacks "$TMP/err" "$PW"
same "$A"
fsck "$remote"
p=$(cd "$A" && "$CLAIMLOG" path boats)
[ "$(git -C "$remote" show "main:$p")" = "$(cat "$A/$p")" ] || fail "the claim did not arrive"
! grep -rqF "$PW" "$A/.git/config" || fail "the password was written to git config"

# B trusts it through GIT_SSL_CAINFO, with a token; pulls, adds, pushes.
B=$TMP/b
cl init "$B"
cl -C "$B" remote add origin "$url"
export GIT_SSL_CAINFO="$S/server.pem"
run 0 env CLAIMLOG_TOKEN="$PW" "$CLAIMLOG" -C "$B" pull
out_has "fast-forwarded"
cl -C "$B" show boats
out_has "Four boats arrived."
cl -C "$B" claim add --id over-https --statement "Sent over https." \
	--source harbour-report --quote "four patrol boats"
run 0 env CLAIMLOG_TOKEN="$PW" "$CLAIMLOG" -C "$B" push
same "$B"
# GIT_SSL_CAINFO overrides http.sslCAInfo, as in git.
run 3 env GIT_SSL_CAINFO="$S/other.pem" CLAIMLOG_PASSWORD="$PW" "$CLAIMLOG" -C "$A" pull
err_has "not trusted"
unset GIT_SSL_CAINFO
run 0 env CLAIMLOG_PASSWORD="$PW" "$CLAIMLOG" -C "$A" pull
out_has "fast-forwarded"
cl -C "$A" show over-https
[ "$(git -C "$A" rev-parse HEAD)" = "$(git -C "$B" rev-parse HEAD)" ] || fail "A is not at B's commit"
same "$A"
for r in "$remote" "$A" "$B"; do fsck "$r"; done

# Plain git clones the same over the same server.
GIT_SSL_CAINFO="$S/server.pem" git clone -q "https://alice:open%20sesame%3A42@localhost:${url#https://localhost:}" \
	"$TMP/plain" 2>"$TMP/err" || fail "plain git cannot clone over https"
[ "$(git -C "$TMP/plain" rev-parse HEAD)" = "$(git -C "$B" rev-parse HEAD)" ] ||
	fail "plain git's clone is not at B's commit"
exit 0
