#!/bin/sh
# verify --format sarif writes artifact URIs as RFC 3986 uri-references: a
# claim file named 'claims/zz/odd namé.xml' is 'claims/zz/odd%20nam%C3%A9.xml',
# and the whole log is valid against the official SARIF 2.1.0 schema.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
make_repo
cl -C "$R" claim add --id boats --statement "Four patrol boats arrived." \
	--source harbour-report --quote "the coast guard took delivery of four patrol boats"
# A file of odd name (a copy of another claim: CL002 and CL003 name it).
mkdir -p "$R/claims/zz"
cp "$R/$("$CLAIMLOG" -C "$R" path boats)" "$R/claims/zz/odd namé.xml"
printf '<claim id="broken">' > "$R/claims/zz/50% #1?.xml"
run 1 "$CLAIMLOG" -C "$R" verify --format sarif
cp "$TMP/out" "$TMP/log.sarif"
jq -r '.runs[0].results[].locations[0].physicalLocation.artifactLocation.uri' \
	"$TMP/log.sarif" | sort -u > "$TMP/uris"
contains "$TMP/uris" "claims/zz/odd%20nam%C3%A9.xml"
contains "$TMP/uris" "claims/zz/50%25%20%231%3F.xml"
lacks "$TMP/uris" "odd nam"
# Every URI is the path, percent-encoded: decoded, it is a file of the repository.
while read -r uri; do
	path=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$uri")
	[ -e "$R/$path" ] || fail "'$uri' names no file ('$path')"
done < "$TMP/uris"
sarif_valid "$TMP/log.sarif"

# The check can fail: the raw name is not a uri-reference.
SCHEMA=$TOP/../shared/standards/sarif/sarif-schema-2.1.0.json
if [ -f "$SCHEMA" ] && /usr/bin/python3 -c 'import jsonschema, rfc3987' 2>/dev/null; then
	sed 's/odd%20nam%C3%A9/odd nam\xc3\xa9/' "$TMP/log.sarif" > "$TMP/raw.sarif"
	! /usr/bin/python3 "$TOP/tests/cli/sarif-check.py" "$SCHEMA" "$TMP/raw.sarif" 2>"$TMP/err" ||
		fail "the schema check accepts a raw file name"
	err_has "is not a 'uri-reference'"
else
	echo "note: the SARIF schema or python3-jsonschema with rfc3987 is missing; the negative check is skipped"
fi
exit 0
