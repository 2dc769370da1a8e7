#!/bin/sh
# tests/layers.sh ('make layers') passes on the tree, and fails, naming
# the edge, on each kind of upward use planted in a copy: an include of a
# higher folder's header, an outside library used outside its folder, a
# public header that belongs to no folder, and a call to a higher folder
# made through a hand-written declaration (seen only by nm).
. "$TOP/tests/cli/lib.sh"
command -v nm >/dev/null || { echo "skip: nm is not installed"; exit 77; }
cp -R "$TOP/src" "$TOP/include" "$TMP/"
mkdir -p "$TMP/tests" && cp "$TOP/tests/layers.sh" "$TMP/tests/"
layers() { run "$1" sh "$TMP/tests/layers.sh" "$TMP" ${2:-}; }
layers 0
[ -s "$TMP/out" ] && fail "layers.sh printed something on a clean tree"
sed -i '0,/^#include "util\/common.h"/s||#include "util/common.h"\n#include "index/index_int.h"|' \
	"$TMP/src/store/lock.c"
layers 1
out_has 'src/store/lock.c (store) includes index/index_int.h (index), a folder above it'
cp "$TOP/src/store/lock.c" "$TMP/src/store/lock.c"
printf '#include <sqlite3.h>\n' >>"$TMP/src/model/value.c"
layers 1
out_has 'src/model/value.c (model) includes <sqlite3.h>, which only src/index may use'
cp "$TOP/src/model/value.c" "$TMP/src/model/value.c"
printf '#include "claimlog/widget.h"\n' >>"$TMP/src/cli/main.c"
layers 1
out_has 'claimlog/widget.h belongs to no folder'
cp "$TOP/src/cli/main.c" "$TMP/src/cli/main.c"
layers 0
# A call seen only in the objects: a declaration written by hand.
mkdir -p "$TMP/build/src/store" "$TMP/build/src/index"
printf 'int clg_index_open(void);\nint f(void);\nint f(void) { return clg_index_open(); }\n' \
	>"$TMP/src/store/planted.c"
printf 'int clg_index_open(void);\nint clg_index_open(void) { return 0; }\n' >"$TMP/src/index/index.c"
cc -c -o "$TMP/build/src/store/planted.o" "$TMP/src/store/planted.c" || fail "cc failed"
cc -c -o "$TMP/build/src/index/index.o" "$TMP/src/index/index.c" || fail "cc failed"
layers 1 "$TMP/build"
out_has 'build/src/store/planted.o (store) calls clg_index_open of src/index, a folder above it'
exit 0
