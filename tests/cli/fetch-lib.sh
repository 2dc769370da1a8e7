# fetch-lib.sh - sourced after lib.sh by the tests of 'source add URL'
# (t091x): start_server NAME [tls] starts tests/cli/fetch-server.py on
# 127.0.0.1, serving $TMP/NAME, and sets $PORT; the servers stop when the
# test ends.  Never the network: proxies from the caller's environment are
# unset, and the tests name 127.0.0.1 or localhost only.
command -v python3 >/dev/null || { echo "no python3 (apt-get install python3)"; exit 77; }
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
unset GIT_SSL_CAINFO GIT_SSL_NO_VERIFY CLAIMLOG_FETCH_TIMEOUT
PIDS=
trap 'for p in $PIDS; do kill $p 2>/dev/null; done; rm -rf "$TMP"' EXIT
trap 'exit 1' HUP INT TERM

start_server() {
	mkdir -p "$TMP/$1"
	if [ "${2:-}" = tls ]; then
		FETCH_SECONDS=${FETCH_SECONDS:-120} python3 "$TOP/tests/cli/fetch-server.py" "$TMP/$1" \
			"$TMP/$1.port" "$TMP/server.pem" "$TMP/server.key" 2>"$TMP/$1.log" &
	else
		FETCH_SECONDS=${FETCH_SECONDS:-120} python3 "$TOP/tests/cli/fetch-server.py" "$TMP/$1" \
			"$TMP/$1.port" 2>"$TMP/$1.log" &
	fi
	PIDS="$PIDS $!"
	i=0
	while [ ! -s "$TMP/$1.port" ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ -s "$TMP/$1.port" ] || fail "the test server does not start: $(cat "$TMP/$1.log")"
	PORT=$(cat "$TMP/$1.port")
}

# make_cert NAME: a self-signed certificate for localhost and 127.0.0.1.
make_cert() {
	command -v openssl >/dev/null || { echo "no openssl (apt-get install openssl)"; exit 77; }
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		-days 2 -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
		-keyout "$TMP/$1.key" -out "$TMP/$1.pem" 2>"$TMP/openssl.log" ||
		fail "openssl cannot make a certificate: $(cat "$TMP/openssl.log")"
}
