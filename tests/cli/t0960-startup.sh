#!/bin/sh
# Start-up (docs/performance.md, "Start-up"): poppler-glib and libcurl are
# not linked but opened when a PDF is read or a URL fetched, with a clear
# error and nothing changed when they cannot be; libgit2's certificate
# authorities are read when a transfer starts, not by every command.
. "$TOP/tests/cli/lib.sh"
make_repo
cl -C "$R" claim add --id base --statement "The base claim." --source harbour-report \
	--quote "four patrol boats"

# Neither library is linked.
if command -v ldd >/dev/null; then
	ldd "$CLAIMLOG" >"$TMP/ldd" 2>&1 || fail "ldd cannot read $CLAIMLOG: $(cat "$TMP/ldd")"
	lacks "$TMP/ldd" libpoppler
	lacks "$TMP/ldd" libcurl
	lacks "$TMP/ldd" libglib
fi

# What a command opens: --version, help and log open neither library, nor
# the certificate authorities.
CA=/etc/ssl/certs/ca-certificates.crt
opens() {
	strace -f -e trace=open,openat -o "$TMP/trace" "$@" >"$TMP/out" 2>"$TMP/err" ||
		fail "exit $?: $*"
}
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
	for cmd in "--version" "help" "-C $R log base" "-C $R show base"; do
		# shellcheck disable=SC2086
		opens "$CLAIMLOG" $cmd
		grep -q 'libpoppler\|libcurl\|libglib' "$TMP/trace" &&
			fail "'claimlog $cmd' opens poppler, glib or curl: $(grep 'poppler\|curl\|glib' "$TMP/trace")"
		grep -qF "$CA" "$TMP/trace" && fail "'claimlog $cmd' reads $CA"
	done
	# A push over https reads the system's list first (libgit2 on mbedTLS
	# reads that file; nothing listens on the port).
	if ldd "$CLAIMLOG" 2>/dev/null | grep -q mbedtls && [ -f "$CA" ]; then
		cl -C "$R" remote add web https://localhost:1/claims.git
		strace -f -e trace=open,openat -o "$TMP/trace" "$CLAIMLOG" -C "$R" push web \
			>"$TMP/out" 2>"$TMP/err" && fail "a push to a closed port succeeded"
		grep -qF "$CA" "$TMP/trace" || fail "a push over https does not read $CA"
		cl -C "$R" remote remove web
	fi
fi

# A missing library: a clear error naming the package, and nothing changed.
before=$(state "$R")
printf '%%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%%%EOF\n' >"$TMP/doc.pdf"
run 3 env CLAIMLOG_POPPLER_LIB="$TMP/missing/libpoppler-glib.so.8" \
	"$CLAIMLOG" -C "$R" source add "$TMP/doc.pdf" --id doc --title Doc
err_has "reading PDF needs libpoppler-glib8, which cannot be loaded"
err_has "apt-get install libpoppler-glib8"
unchanged "$R" "$before"
run 3 env CLAIMLOG_CURL_LIB="$TMP/missing/libcurl.so.4" \
	"$CLAIMLOG" -C "$R" source add http://127.0.0.1:1/page --id page
err_has "fetching a URL needs libcurl4, which cannot be loaded"
err_has "apt-get install libcurl4"
unchanged "$R" "$before"
# A library without the functions claimlog calls (libz is no poppler).
run 3 env CLAIMLOG_POPPLER_LIB=libz.so.1 \
	"$CLAIMLOG" -C "$R" source add "$TMP/doc.pdf" --id doc --title Doc
err_has "'libz.so.1' has no poppler_get_version()"
unchanged "$R" "$before"
# The libraries found, the same PDF is read (and refused for what it is).
run 2 "$CLAIMLOG" -C "$R" source add "$TMP/doc.pdf" --id doc --title Doc
lacks "$TMP/err" "needs libpoppler"
unchanged "$R" "$before"
exit 0
