#!/bin/sh
# Every bad input gets a clear error, the right exit code, and changes
# nothing: no partial file, no commit.
. "$TOP/tests/cli/lib.sh"
make_repo
before=$(state "$R")

# bad EXIT MESSAGE ARGS... : the command fails so and leaves the repository alone.
bad() {
	code=$1 msg=$2; shift 2
	run "$code" "$CLAIMLOG" -C "$R" "$@"
	err_has "$msg"
	unchanged "$R" "$before"
}
add() {
	c=$1 m=$2
	shift 2
	bad "$c" "$m" claim add --statement "A statement." --source harbour-report \
		--quote "four patrol boats" "$@"
}

# Bad ids.
add 2 "claim id 'Boats' is not a slug" --id Boats
add 2 "claim id 'a/b' is not a slug" --id a/b
add 2 "claim id '..' is not a slug" --id ..
add 2 "claim id is empty" --id ""
add 2 "is 81 characters long; the limit is 80" --id "$(printf 'a%.0s' $(seq 81))"
bad 2 "source id 'Bad Id' is not a slug" source add "$FIX/harbour-report.txt" --id "Bad Id" --title T
# Unknown source, empty quote, quote not in the snapshot.
bad 2 "unknown source 'nowhere'" claim add --id x --statement S --source nowhere --quote q
bad 2 "the quote is empty" claim add --id x --statement S --source harbour-report --quote ""
add 2 "quote not found in source 'harbour-report'" --id x --quote "five patrol boats"
# Invalid dates.
add 2 "month 13" --id x --subject s --property p --value 1 --as-of 2020-13-45
bad 2 "published: " source add "$FIX/harbour-bulletin.xml" --id b --title T --published 2021-02-30
# Invalid UTF-8, in an argument and in a snapshot.
add 2 "invalid UTF-8" --id x --statement "$(printf 'bad \377 byte')"
printf 'caf\303\251 and \300\257 overlong\n' > "$TMP/bad-utf8.txt"
bad 2 "not UTF-8 (byte 10: overlong encoding) and it declares no encoding; give it with --encoding NAME" source add "$TMP/bad-utf8.txt" --id bad-utf8 --title T
# A snapshot over the limit (64 MiB).
truncate -s 65M "$TMP/huge.txt"
bad 2 "larger than the limit of 64 MiB" source add "$TMP/huge.txt" --id huge --title T
# Existing ids.
bad 2 "source 'harbour-report' exists already" source add "$FIX/harbour-report.txt" --id harbour-report --title T
# A value without subject, an unknown status, a bad attribution.
add 2 "has a value but no subject" --id x --value 3
add 2 "unknown status 'maybe'" --id x --status maybe
add 2 "unknown attribution 'rumour'" --id x --attribution rumour
add 2 "a quoted attribution needs the speaker" --id x --attribution quoted
# Usage errors.
bad 2 "claim add needs --id" claim add --statement S
bad 2 "unknown option '--frob'" claim add --frob

# Files that are not acceptable: written by hand into claims/, then read.
mkdir -p "$R/claims/zz"
for f in claim-malformed.xml:"not well-formed XML" claim-invalid.xml:"not valid against the schema" \
	 doctype.xml:"a DOCTYPE is not allowed" billion-laughs.xml:"a DOCTYPE is not allowed"; do
	file=${f%%:*} msg=${f#*:}
	id=$(sed -n 's/.*<claim id="\([^"]*\)".*/\1/p' "$FIX/$file")
	cp "$FIX/$file" "$R/claims/zz/$id.xml"
	run 2 "$CLAIMLOG" -C "$R" show "$id"
	err_has "claims/zz/$id.xml"
	err_has "$msg"
	lacks "$TMP/err" "root:"
	# and a write to it fails the same way, committing nothing
	head=$(git -C "$R" rev-parse HEAD)
	run 2 "$CLAIMLOG" -C "$R" claim set "$id" note "x"
	err_has "$msg"
	[ "$(git -C "$R" rev-parse HEAD)" = "$head" ] || fail "a commit was made"
	rm "$R/claims/zz/$id.xml"
done
# A file whose id is not its name.
sed 's/id="boats-delivered"/id="other-name"/' "$FIX/claim-valid.xml" > "$R/claims/zz/boats-delivered.xml"
run 2 "$CLAIMLOG" -C "$R" show boats-delivered
err_has "holds claim 'other-name', not 'boats-delivered'"
rm -r "$R/claims/zz"
unchanged "$R" "$before"

# No repository.
mkdir "$TMP/empty"
run 3 "$CLAIMLOG" -C "$TMP/empty" list
err_has "is not in a claims repository (create one with 'claimlog init')"

# A lock held by another writer: wait, then fail cleanly.
if command -v flock >/dev/null; then
	flock "$R/.git/claimlog/lock" sleep 4 &
	sleep 0.5
	CLAIMLOG_LOCK_TIMEOUT=1 run 3 "$CLAIMLOG" -C "$R" claim add --id x --statement S \
		--source harbour-report --quote "four patrol boats"
	err_has "another claimlog process is writing to this repository"
	unchanged "$R" "$before"
	wait
fi
exit 0
