#!/bin/sh
# docs/rules.md documents exactly the rules the binary knows: a section with
# an anchor, a heading with the rule's name, and its default severity and
# summary as the binary states them (SARIF links to docs/rules.md#ID); and
# it names no rule the binary does not have.
. "$TOP/tests/cli/lib.sh"
DOC=$TOP/docs/rules.md
[ -f "$DOC" ] || fail "docs/rules.md is missing"
R=$TMP/repo
cl init "$R"
cl -C "$R" verify --format sarif
sarif_valid "$TMP/out"
jq -r '.runs[0].tool.driver.rules[] |
	[.id, .name, (.defaultConfiguration.level | sub("^note$"; "info")), .shortDescription.text] |
	@tsv' "$TMP/out" > "$TMP/rules.tsv" || fail "SARIF rules cannot be read"
jq -r '.runs[0].tool.driver.rules[] | .help.text | match("docs/rules.md#CL[0-9]{3}") | .string' "$TMP/out" |
	wc -l | grep -qx "$(jq '.runs[0].tool.driver.rules | length' "$TMP/out")" ||
	fail "a rule's help does not point into docs/rules.md"
[ "$(wc -l < "$TMP/rules.tsv")" -ge 29 ] || fail "the binary lists fewer than 29 rules"
rm -f "$TMP/out" "$TMP/err"	# keep failure messages below short

# Each rule: one anchor, the heading right after it, severity and summary.
tab=$(printf '\t')
while IFS="$tab" read -r id name level summary; do
	[ "$(grep -c "^<a id=\"$id\"></a>\$" "$DOC")" = 1 ] ||
		fail "docs/rules.md needs exactly one anchor <a id=\"$id\"></a>"
	grep -A1 "^<a id=\"$id\"></a>\$" "$DOC" | grep -qx "## $id $name" ||
		fail "docs/rules.md: the anchor of $id is not followed by '## $id $name'"
	grep -qxF "Default: **$level**. Summary: $summary." "$DOC" ||
		fail "docs/rules.md: $id lacks 'Default: **$level**. Summary: $summary.'"
done < "$TMP/rules.tsv"

# Every rule id the page names exists in the binary.
cut -f1 "$TMP/rules.tsv" | sort > "$TMP/known"
grep -o 'CL[0-9][0-9][0-9]' "$DOC" | sort -u > "$TMP/named"
unknown=$(comm -23 "$TMP/named" "$TMP/known")
[ -z "$unknown" ] || fail "docs/rules.md names rules the binary does not know: $unknown"
# ... and every section is one the binary knows (no stale sections).
grep -o '^## CL[0-9][0-9][0-9]' "$DOC" | cut -c4- | sort > "$TMP/sections"
[ "$(cat "$TMP/sections")" = "$(cat "$TMP/known")" ] ||
	fail "docs/rules.md sections differ from the binary's rules"
exit 0
