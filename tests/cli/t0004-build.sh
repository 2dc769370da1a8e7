#!/bin/sh
# The Makefile on a copy of this build's folder: nothing changed, nothing
# is done; a static archive that changed (an upgrade of libgit2, say)
# relinks claimlog when it is linked in; flags that changed (OPT here)
# compile again what was compiled with others (BUILD/flags); a header
# changed after the copy compiles again what includes it (the .d files
# name their objects by $(BUILD), not by the folder they were made in).
. "$TOP/tests/cli/lib.sh"
B=$(cd "$(dirname "$CLAIMLOG")" && pwd)
command -v make >/dev/null || { echo "make is not installed"; exit 77; }
[ -f "$B/flags" ] && [ -f "$B/libclaimlog.a" ] ||
	{ echo "$B is not a build folder of this Makefile"; exit 77; }
C=$TMP/build
mkdir "$C"
cp -a "$B/src" "$B/gen" "$B/flags" "$B/libs" "$B/libclaimlog.a" "$B/claimlog" "$C/"
cd "$TOP" || fail "no $TOP"
mk() { make --no-print-directory BUILD="$C" "$@" >"$TMP/out" 2>&1 || fail "make $*: $(cat "$TMP/out")"; }
# Whether the last make compiled or linked nothing.
idle() { ! grep -q '^\(cc\|gcc\|clang\|ar\) ' "$TMP/out"; }

mk "$C/claimlog"
idle || {
	echo "$B was built with other flags than make's defaults (make check's?): not tried"
	exit 77
}
if grep -q -- -DCLG_TLS_WRAP "$C/flags"; then
	archive=$(cc -print-file-name=libgit2.a)
	[ -f "$archive" ] || fail "linked in, but no $archive"
	mk -W "$archive" "$C/claimlog"
	out_has "-o $C/claimlog"
	"$C/claimlog" --version >/dev/null || fail "the relinked claimlog does not run"
else
	echo "note: $B links libgit2 shared (STATIC=0): the relink is not tried"
fi
mk OPT="-O1 -g" "$C/src/util/buf.o"
out_has "-O1 -g"
out_has "src/util/buf.c"
grep -q -- "-O1 -g" "$C/flags" || fail "BUILD/flags does not hold the new flags"
mk OPT="-O1 -g" "$C/src/util/buf.o"
idle || fail "compiled again with the same flags: $(cat "$TMP/out")"
# An object and its .d made here, then the folder copied: a header
# changed after the copy compiles the object again in the copy.
rm -f "$C/src/util/buf.o" "$C/src/util/buf.d"
mk OPT="-O1 -g" "$C/src/util/buf.o"
cp -a "$C" "$TMP/copy"
C=$TMP/copy
mk OPT="-O1 -g" -W include/claimlog/buf.h "$C/src/util/buf.o"
out_has "src/util/buf.c"
exit 0
