#!/bin/sh
# update.sh [BUILD] - write tests/golden/SHA256SUMS (and SHA256SUMS-seeds
# when ../shared/seeds is at hand) from the build's claimlog.  Only the
# checksums are kept: the outputs quote the seed documents, whose text the
# project does not commit.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$TOP/${1:-build}/claimlog
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
sums() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum); }
sh "$TOP/tests/golden/outputs.sh" "$BIN" "$TOP" "$T/o"
sums "$T/o" >"$TOP/tests/golden/SHA256SUMS"
if [ -d "$TOP/../shared/seeds" ]; then
	sh "$TOP/tests/golden/outputs.sh" "$BIN" "$TOP" "$T/s" "$TOP/../shared/seeds"
	sums "$T/s" >"$TOP/tests/golden/SHA256SUMS-seeds"
fi
