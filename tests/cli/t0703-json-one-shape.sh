#!/bin/sh
# One record to JSON: 'list --json', 'show --json', 'contested --json'
# and the JSON Lines export write a claim in the same bytes, but that the
# export escapes '<', '>' and '&' (as \u003c, \u003e, \u0026) and the
# command line does not; with every member set and those characters in
# each text.
. "$TOP/tests/cli/lib.sh"
make_repo
Q="four patrol boats"
cl -C "$R" claim add --id a1 --statement 'A <b> & "c" </script> tab	end' \
	--source harbour-report --quote "$Q" --prefix "delivery of " --suffix " built" \
	--locator "p <1> &" --speaker "Sp <&>" --attribution quoted --origin fn1 \
	--subject "S <&>" --property "P <&>" --value 4 --unit "boats <&>" --approx \
	--as-of 2021-03 --tag "t<1>" --tag "t&2" --note "N <&> \"q\""
cl -C "$R" claim add --id a2 --statement 'B <&>' --source harbour-report --quote "$Q" \
	--origin "free <origin> & text" --status supported --reason "R <&>"
cl -C "$R" claim add --id a3 --statement 'C <&>' --source harbour-report --quote "$Q" \
	--percent-of 6.6/56
cl -C "$R" claim set a1 verdict "False <&>"
cl -C "$R" claim set a1 review-by "Rev <&>"
cl -C "$R" claim set a1 review-url "https://x.example/a?b=1&c=2"
cl -C "$R" conflict add a1 a2 --note "Conf <&>"
cl -C "$R" conflict resolve a1 a2 --prefer a2 --superseded --rationale "Rat <&> \"x\""

cl -C "$R" export --format jsonl -o "$TMP/claims.jsonl"
lacks "$TMP/claims.jsonl" "<"
lacks "$TMP/claims.jsonl" ">"
lacks "$TMP/claims.jsonl" "&"
contains "$TMP/claims.jsonl" '"statement": "A \u003cb\u003e \u0026 \"c\" \u003c/script\u003e tab\tend"'
contains "$TMP/claims.jsonl" '"resolution": {"kind": "superseded", "preferred": "a2", "rationale": "Rat \u003c\u0026\u003e \"x\""'
# The same lines with the three characters as they are (no record here
# holds a backslash, so no \u003c can be one written by the user).
sed 's/\\u003c/</g; s/\\u003e/>/g; s/\\u0026/\&/g' "$TMP/claims.jsonl" > "$TMP/plain.jsonl"

# list --json: the objects, one a line after "[" and before "]".
cl -C "$R" list --json
sed 's/^\[//; s/^ //; s/,$//; s/\]$//' "$TMP/out" > "$TMP/list.jsonl"
cmp "$TMP/plain.jsonl" "$TMP/list.jsonl" || fail "list --json and export jsonl differ: $(diff "$TMP/plain.jsonl" "$TMP/list.jsonl")"

# show --json: the claim's members, then what show adds.
for id in a1 a2 a3; do
	cl -C "$R" show --json $id
	line=$(grep "\"id\": \"$id\"" "$TMP/plain.jsonl")
	case $(cat "$TMP/out") in
	"${line%\}}, \"origins\": "*) ;;
	*) fail "show --json $id does not start with the claim of the export: $line" ;;
	esac
	jq -e . "$TMP/out" >/dev/null || fail "show --json $id is not JSON"
done

# contested --json: the resolution and both sides, as the records have them.
cl -C "$R" contested --json
out_has '"resolution": {"kind": "superseded", "preferred": "a2", "rationale": "Rat <&> \"x\""'
a1=$(grep '"id": "a1"' "$TMP/plain.jsonl")
out_has "\"a\": ${a1%\}}, \"origins\": "
jq -e '.conflicts[0].a.review.verdict == "False <&>"' "$TMP/out" >/dev/null || fail "contested --json"
