#!/bin/sh
# A full verify writes its findings in sorted runs to a temporary file
# when they are many (src/check/findings.c) and merges them as it prints:
# the output must be the one of findings held in memory, byte for byte,
# in every format.  CLAIMLOG_VERIFY_RUN_BYTES=1 makes each finding a run
# of its own, 700 a few per run; 0 holds them all in memory, as before.
# Claims whose checks need no other claim are checked as they are read
# and kept slim: the findings must be those of claims kept whole.  The repository has findings in many
# claims (quotes not found, value conflicts across claims) and the rules
# that look across claims, as t0425's.  A temporary folder that cannot be
# written is a clear error, and nothing is left in $TMPDIR.
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
. "$TOP/tests/cli/verify-lib.sh"
verify_repo

# Thirty more claims, each with a quote not found and a value that
# conflicts with the others: findings in many files, made in two phases.
# The odd ones keep boats-delivered's conflict with an unknown claim, so
# they are kept whole; the even ones are slim.
p=$(cd "$R" && "$CLAIMLOG" path boats-delivered)
mkdir -p "$R/claims/zz"
i=10
while [ $i -lt 40 ]; do
	drop=
	[ $((i % 2)) = 0 ] && drop='s#<conflict with="ghost-claim"/>##;'
	sed "$drop s/boats-delivered/boats-copy-$i/g; s#<value\([^>]*\)>4<#<value\1>$i<#; s/the navy took four boats/the navy took $i boats/" \
		"$R/$p" >"$R/claims/zz/boats-copy-$i.xml"
	i=$((i + 1))
done
grep -c ghost-claim "$R"/claims/zz/boats-copy-*.xml | grep -c ':0$' | grep -qx 15 ||
	fail "expected 15 copies without the conflict"

# The checks a full run makes as each claim is read, for a claim it then
# keeps slim (src/check/pack.c): arithmetic, dates, no evidence.
Q="delivered 6.6 million euros, about 12% of the pledge"
cl -C "$R" claim add --id share-wrong --statement "China delivered 50%." --source monitor \
	--quote "$Q" --subject China --property "share wrong" --value 50 --unit % --percent-of 6.6/56
cl -C "$R" claim add --id after-pub --statement "Pledged in 2025." --source monitor \
	--quote "$Q" --subject China --property pledged --value 56 --as-of 2025
cl -C "$R" claim add --id no-year --statement "On March 5." --source monitor \
	--quote "$Q" --subject China --property "delivered on" --value "March 5"
p=$(cd "$R" && "$CLAIMLOG" path after-pub)
sed 's/after-pub/future-date/g; s#<as-of>2025</as-of>#<as-of>2999</as-of>#' "$R/$p" \
	>"$R/claims/zz/future-date.xml"
sed 's/after-pub/no-evidence/g; /<evidence/,/<\/evidence>/d' "$R/$p" >"$R/claims/zz/no-evidence.xml"
# The old way: every claim kept whole (no text cached, so no quote is
# anchored as its claim is read) and every finding held in memory.
for fmt in json text; do
	CLAIMLOG_VERIFY_TEXT_CACHE=0 CLAIMLOG_VERIFY_RUN_BYTES=0 run 1 "$CLAIMLOG" -C "$R" \
		verify --all --format "$fmt"
	mv "$TMP/out" "$TMP/whole.$fmt"
done

# Held in memory and sorted at the end, as without a store (0).
mkdir "$TMP/tmpdir"
for fmt in json text sarif; do
	TMPDIR="$TMP/tmpdir" CLAIMLOG_VERIFY_RUN_BYTES=0 run 1 "$CLAIMLOG" -C "$R" \
		verify --all --format "$fmt"
	mv "$TMP/out" "$TMP/memory.$fmt"
done
# Runs of one finding, of a few, and the default: one run, never written.
for bytes in 1 700 ""; do
	for fmt in json text sarif; do
		TMPDIR="$TMP/tmpdir" CLAIMLOG_VERIFY_RUN_BYTES=$bytes run 1 "$CLAIMLOG" -C "$R" \
			verify --all --format "$fmt"
		cmp -s "$TMP/out" "$TMP/memory.$fmt" ||
			fail "$fmt differs with runs of $bytes bytes: $(diff "$TMP/memory.$fmt" "$TMP/out" | head -20)"
	done
done
for fmt in json text; do
	cmp -s "$TMP/whole.$fmt" "$TMP/memory.$fmt" ||
		fail "$fmt differs from claims kept whole: $(diff "$TMP/whole.$fmt" "$TMP/memory.$fmt" | head -20)"
done
[ -z "$(ls -A "$TMP/tmpdir")" ] || fail "left in TMPDIR: $(ls -A "$TMP/tmpdir")"
# Without --all, info findings are left out of the text the same way.
CLAIMLOG_VERIFY_RUN_BYTES=1 run 1 "$CLAIMLOG" -C "$R" verify
mv "$TMP/out" "$TMP/runs.txt"
CLAIMLOG_VERIFY_RUN_BYTES=0 run 1 "$CLAIMLOG" -C "$R" verify
cmp -s "$TMP/out" "$TMP/runs.txt" || fail "text without --all differs"

# The expected shape: sorted by file, then line; many files; the counts.
jq -e '[.findings[] | [.file, .line]] as $k | $k == ($k | sort)' "$TMP/memory.json" \
	>/dev/null || fail "findings are not in file and line order"
jq -e '[.findings[] | select(.rule == "CL008") | .file] | unique | length >= 31' \
	"$TMP/memory.json" >/dev/null || fail "CL008 in too few files: $(jq -c '[.findings[].file]' "$TMP/memory.json")"
jq -e '[.findings[] | select(.rule == "CL018")] | length >= 30' "$TMP/memory.json" \
	>/dev/null || fail "too few value conflicts"
jq -e '.summary.claims == 42 and (.summary.errors == ([.findings[] | select(.severity == "error")] | length))' \
	"$TMP/memory.json" >/dev/null || fail "summary: $(jq -c .summary "$TMP/memory.json")"
for rule in CL003 CL008 CL010 CL011 CL013 CL014 CL015 CL017 CL018 CL019 CL021 CL025 \
	CL026 CL027 CL029; do
	jq -e --arg r "$rule" '[.findings[] | select(.rule == $r)] | length > 0' \
		"$TMP/memory.json" >/dev/null || fail "$rule did not fire"
done

# A temporary folder that cannot be written: a clear error, exit 3.
TMPDIR="$TMP/missing" CLAIMLOG_VERIFY_RUN_BYTES=1 run 3 "$CLAIMLOG" -C "$R" verify
err_has "cannot make a temporary file in '$TMP/missing' for verify's findings"
err_has "set TMPDIR"
exit 0
