# lib.sh - sourced by the CLI tests: a temporary home and repository,
# a fixed author, and assertions.  A test exits 0 (pass), 77 (skip) or
# anything else (fail).
set -u
: "${CLAIMLOG:?set CLAIMLOG to the claimlog binary}"
: "${TOP:?set TOP to the project's top folder}"
FIX=$TOP/tests/fixtures
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export HOME=$TMP GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1 LC_ALL=C.UTF-8
export GIT_AUTHOR_NAME="Test Author" GIT_AUTHOR_EMAIL="author@example.org"
export GIT_COMMITTER_NAME="Test Author" GIT_COMMITTER_EMAIL="author@example.org"
unset CLAIMLOG_SNAPSHOTS

fail() {
	echo "FAIL: $*" >&2
	[ -f "$TMP/out" ] && { echo "--- stdout:"; cat "$TMP/out"; } >&2
	[ -f "$TMP/err" ] && { echo "--- stderr:"; cat "$TMP/err"; } >&2
	exit 1
}

# run EXPECTED_EXIT CMD... : run with stdout in $TMP/out, stderr in $TMP/err.
# Every message must say what went wrong: "unknown error" (an error code
# returned without clg_error_set()) fails any test, whatever the exit.
run() {
	want=$1; shift
	"$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	! grep -q "unknown error" "$TMP/err" || fail "stderr says 'unknown error': $*"
	[ "$got" = "$want" ] || fail "exit $got, expected $want: $*"
}

cl() { run 0 "$CLAIMLOG" "$@"; }

contains() { grep -qF -- "$2" "$1" || fail "'$1' lacks: $2"; }
lacks() { ! grep -qF -- "$2" "$1" || fail "'$1' should not have: $2"; }
out_has() { contains "$TMP/out" "$1"; }
err_has() { contains "$TMP/err" "$1"; }

# The state a failed command must leave alone: HEAD, the work tree, the index.
state() {
	{ git -C "$1" rev-parse -q --verify HEAD || echo unborn
	  git -C "$1" status --porcelain --untracked-files=all
	  find "$1" -path "$1/.git" -prune -o -type f -print | sort | xargs cat 2>/dev/null | cksum
	} 2>&1
}
unchanged() {
	[ "$(state "$1")" = "$2" ] || fail "repository changed by a failed command"
}

# A repository with the fixture sources.
make_repo() {
	R=$TMP/repo
	cl init "$R"
	cl -C "$R" source add "$FIX/harbour-report.txt" --id harbour-report \
		--title "Harbour Authority of Ruritania: Annual Report 2021" \
		--publisher "Harbour Authority of Ruritania" --published 2022-02 \
		--language en --cites "fn1=Ministry of Transport press release, 2021-03-15"
	cl -C "$R" source add "$FIX/harbour-news.html" --id harbour-news \
		--title "Coast guard gets new boats" --published 2021-04-20
}

# A repository $R with the source 'monitor' (aid-monitor.txt), for the
# contested tests; 'share_claim ID SUBJECT VALUE' adds a claim quoting it
# on SUBJECT's share of its aid delivered (%, as of 2024).
monitor_repo() {
	R=$TMP/repo
	cl init "$R"
	cl -C "$R" source add "$FIX/aid-monitor.txt" --id monitor --title "Aid Monitor Bulletin"
}
share_claim() {
	cl -C "$R" claim add --id "$1" --statement "Claim $1." --source monitor \
		--quote "delivered 6.6 million euros, about 12% of the pledge" \
		--subject "$2" --property "share delivered" --value "$3" --unit % --as-of 2024
}

# sarif_valid FILE: FILE is valid against the official SARIF 2.1.0 schema
# ($TOP/../shared/standards/sarif), formats such as uri-reference checked
# (tests/cli/sarif-check.py).  Without the schema, or without a python3
# that has jsonschema and rfc3987 (make deps installs them), it says so
# and passes.
sarif_valid() {
	sarif_schema=$TOP/../shared/standards/sarif/sarif-schema-2.1.0.json
	if [ ! -f "$sarif_schema" ]; then
		echo "note: $sarif_schema is absent; SARIF not checked against its schema"
		return 0
	fi
	for sarif_py in /usr/bin/python3 python3; do
		command -v "$sarif_py" >/dev/null 2>&1 || continue
		"$sarif_py" "$TOP/tests/cli/sarif-check.py" "$sarif_schema" "$1" 2>"$TMP/sarif.err"
		case $? in
		0) return 0 ;;
		77) continue ;;
		*) fail "$1 is not valid SARIF 2.1.0: $(head -n 5 "$TMP/sarif.err")" ;;
		esac
	done
	echo "note: no python3 with jsonschema and rfc3987; SARIF not checked against its schema"
}

# crash_in_library GDB_OUTPUT: whether the innermost frame of the
# backtrace that is not the C library's is in libgit2 or libxml2, which
# crash on some failed allocations themselves (t0860, t0914): in their
# shared objects, or, linked in (make's STATIC), a function of their
# static archives that claimlog's own code (built with -g: "at src/...")
# is not.
crash_in_library() {
	frame=$(grep '^#[0-9]' "$1" | grep -v 'libc\.so\|__GI_\|/malloc/\|libc_' | head -1)
	case $frame in
	*libgit2.so*|*libxml2.so*) return 0 ;;
	*" at "*|"") return 1 ;;
	esac
	# gcc's clones keep the function's name: "git_config_free.part ()".
	fn=$(printf '%s\n' "$frame" | sed -n 's/.* in \([A-Za-z_][A-Za-z0-9_]*\)[.a-z0-9]* (.*/\1/p')
	[ -n "$fn" ] || return 1
	for a in libgit2.a libxml2.a; do
		a=$(cc -print-file-name=$a)
		[ -f "$a" ] && nm --defined-only "$a" 2>/dev/null |
			grep -q " [tT] $fn\(\.[.a-z0-9]*\)\?\$" && return 0
	done
	return 1
}
