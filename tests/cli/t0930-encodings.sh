#!/bin/sh
# Text and HTML snapshots in other encodings (issue 15): decoded for
# quoting while the hash stays on the original bytes.  Evidence, in this
# order: a byte order mark, --encoding, the HTML <meta charset>, else
# UTF-8.  Fixtures are Serbian sentences, Latin and Cyrillic, turned into
# each encoding by iconv(1) here.
. "$TOP/tests/cli/lib.sh"
command -v iconv >/dev/null || { echo "iconv(1) not found: no encoding fixtures"; exit 77; }
R=$TMP/repo
cl init "$R"
F=$TMP/fix
mkdir -p "$F"
LAT='Čačak leži na Zapadnoj Moravi, a Šabac i Žabalj su đački gradovi.'
CYR='Нови Сад је други град по величини у Србији, а Ђорђе и Љубица живе у Чачку.'
enc() { printf '%s\n' "$2" | iconv -f UTF-8 -t "$1" >"$3" || fail "iconv -t $1"; }

# add_and_quote FILE ID QUOTE [OPTION...]: add the file as source ID,
# check its hash and stored copy are the file's own bytes, quote QUOTE.
add_and_quote() {
	f=$1 id=$2 q=$3
	shift 3
	cl -C "$R" source add "$f" --id "$id" --title "$id" "$@"
	sha=$(sha256sum "$f" | cut -d' ' -f1)
	out_has "sha256 $(printf %.12s "$sha")"
	cl -C "$R" path "$id"
	p=$(cat "$TMP/out")
	stored=$(ls "$R/${p%.xml}".* | grep -v '\.xml$')
	cmp -s "$stored" "$f" || fail "$id: the stored snapshot is not the original bytes"
	cl -C "$R" claim add --id "q-$id" --statement "From $id." --source "$id" --quote "$q"
}

# Declared with --encoding: windows-1250 and ISO-8859-2 (Latin),
# windows-1251 and ISO-8859-5 (Cyrillic).
enc WINDOWS-1250 "$LAT" "$F/lat-1250.txt"
enc ISO-8859-2 "$LAT" "$F/lat-8859-2.txt"
enc WINDOWS-1251 "$CYR" "$F/cyr-1251.txt"
enc ISO-8859-5 "$CYR" "$F/cyr-8859-5.txt"
add_and_quote "$F/lat-1250.txt" lat-1250 "Šabac i Žabalj su đački gradovi" --encoding windows-1250
add_and_quote "$F/lat-8859-2.txt" lat-8859-2 "Čačak leži na Zapadnoj Moravi" --encoding ISO-8859-2
add_and_quote "$F/cyr-1251.txt" cyr-1251 "Ђорђе и Љубица живе у Чачку" --encoding windows-1251
add_and_quote "$F/cyr-8859-5.txt" cyr-8859-5 "Нови Сад је други град" --encoding iso-8859-5
cl -C "$R" path cyr-1251
contains "$R/$(cat "$TMP/out")" "<encoding>windows-1251</encoding>"
cl -C "$R" source show lat-8859-2
out_has "encoding:  ISO-8859-2"
cl -C "$R" source show lat-8859-2 --json
jq -e '.encoding == "ISO-8859-2"' "$TMP/out" >/dev/null || fail "source show --json: encoding"
# A quote in the wrong script is not found (the text really is decoded).
run 2 "$CLAIMLOG" -C "$R" evidence add q-cyr-1251 --source cyr-1251 --quote "Čačku"
err_has "quote not found"

# Byte order marks: UTF-16LE, UTF-16BE and UTF-8, no --encoding needed.
{ printf '\377\376'; printf '%s\n' "$CYR" | iconv -f UTF-8 -t UTF-16LE; } >"$F/cyr-16le.txt"
{ printf '\376\377'; printf '%s\n' "$LAT" | iconv -f UTF-8 -t UTF-16BE; } >"$F/lat-16be.txt"
{ printf '\357\273\277'; printf '%s\n' "$LAT"; } >"$F/lat-bom8.txt"
add_and_quote "$F/cyr-16le.txt" cyr-16le "други град по величини"
add_and_quote "$F/lat-16be.txt" lat-16be "Šabac i Žabalj"
add_and_quote "$F/lat-bom8.txt" lat-bom8 "Čačak leži"

# HTML: <meta charset> and <meta http-equiv="Content-Type" content="...">.
{ printf '<!DOCTYPE html>\n<html><head><meta charset="windows-1250">'
  printf '<title>Gradovi</title></head><body><p>%s</p></body></html>\n' "$LAT"; } |
	iconv -f UTF-8 -t WINDOWS-1250 >"$F/lat.html"
{ printf '<html><head><!-- <meta charset="utf-8"> is a comment -->\n'
  printf '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=ISO-8859-5">\n'
  printf '</head><body><div>%s</div></body></html>\n' "$CYR"; } |
	iconv -f UTF-8 -t ISO-8859-5 >"$F/cyr.html"
add_and_quote "$F/lat.html" lat-html "a Šabac i Žabalj su đački gradovi"
add_and_quote "$F/cyr.html" cyr-html "Ђорђе и Љубица"
cl -C "$R" path lat-html
lacks "$R/$(cat "$TMP/out")" "<encoding>"
cl -C "$R" verify
out_has "0 errors"

# A byte order mark decides: --encoding of the same family is taken (the
# mark gives the byte order), any other is refused, and nothing changes.
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" source add "$F/cyr-16le.txt" --id bom-vs-enc --title T \
	--encoding windows-1251
err_has "starts with a UTF-16LE byte order mark, which decides its encoding; drop --encoding windows-1251"
unchanged "$R" "$before"
cl -C "$R" source add "$F/cyr-16le.txt" --id bom-and-enc --title T --encoding utf-16be
cl -C "$R" claim add --id q-bom-and-enc --statement S --source bom-and-enc --quote "Нови Сад"

# An unknown --encoding: refused, saying what is accepted.
before=$(state "$R")
run 2 "$CLAIMLOG" -C "$R" source add "$F/lat-1250.txt" --id unknown-enc --title T \
	--encoding klingon-8
err_has "unknown encoding 'klingon-8'"
err_has "any name iconv knows ('iconv --list')"
run 2 "$CLAIMLOG" -C "$R" source add "$F/lat-1250.txt" --id unknown-enc --title T \
	--encoding 'UTF-8//IGNORE'
err_has "is not the name of a character encoding"
unchanged "$R" "$before"

# Not UTF-8 and nothing declared: the message names --encoding.
run 2 "$CLAIMLOG" -C "$R" source add "$F/lat-1250.txt" --id undeclared --title T
err_has "snapshot '$F/lat-1250.txt': not UTF-8"
err_has "declares no encoding; give it with --encoding NAME, e.g. --encoding windows-1250"
lacks "$TMP/err" "convert the text to UTF-8"
printf '%s\n' "$LAT" | iconv -f UTF-8 -t UTF-16LE >"$F/no-bom-16.txt"
run 2 "$CLAIMLOG" -C "$R" source add "$F/no-bom-16.txt" --id undeclared --title T
err_has "e.g. --encoding utf-16le"
cp "$F/lat-1250.txt" "$F/lat-1250.html"
run 2 "$CLAIMLOG" -C "$R" source add "$F/lat-1250.html" --id undeclared --title T
err_has "declares no encoding"
unchanged "$R" "$before"

# Bytes the declared encoding does not have: an error at their offset.
printf 'Ovo je \201 pogre\232no.\n' >"$F/bad-1250.txt"
run 2 "$CLAIMLOG" -C "$R" source add "$F/bad-1250.txt" --id bad --title T --encoding windows-1250
err_has "byte 7 (0x81) is not valid windows-1250, the encoding given for the source"
{ printf '\377\376'; printf 'ab' | iconv -f UTF-8 -t UTF-16LE; printf 'c'; } >"$F/odd-16.txt"
run 2 "$CLAIMLOG" -C "$R" source add "$F/odd-16.txt" --id bad --title T
err_has "the text ends inside a character at byte 6 (UTF-16LE, the encoding its byte order mark names)"
printf '<meta charset="utf-8"><p>Ovo je \232 pogre\232no.</p>\n' >"$F/bad-utf8.html"
run 2 "$CLAIMLOG" -C "$R" source add "$F/bad-utf8.html" --id bad --title T
err_has "invalid UTF-8 at byte 32"
err_has "the encoding its <meta charset> declares"
printf '<meta charset="x-klingon"><p>Ovo.</p>\n' >"$F/klingon.html"
run 2 "$CLAIMLOG" -C "$R" source add "$F/klingon.html" --id bad --title T
err_has "its <meta charset> declares: unknown encoding 'x-klingon'"
unchanged "$R" "$before"

# The index: full-text search finds a word of the windows-1251 source,
# also after its snapshot alone changed (the index reads the encoding it
# stored, not the record).
cl -C "$R" search величини
out_has "source cyr-1251"
cl -C "$R" path cyr-1251
p=$(cat "$TMP/out")
enc WINDOWS-1251 "Крагујевац лежи на Лепеници." "$R/${p%.xml}.txt"
git -C "$R" commit -qam "snapshot changed" || fail "git commit"
cl -C "$R" search Крагујевац
out_has "source cyr-1251"
# verify: the bytes are the snapshot, but not text in the encoding the
# record names (edited by hand): CL031 (no text), not CL007 (changed).
cl -C "$R" path lat-1250
p=$(cat "$TMP/out")
sed -i 's|<encoding>windows-1250</encoding>|<encoding>utf-8</encoding>|' "$R/$p"
git -C "$R" commit -qam "encoding edited" || fail "git commit"
run 1 "$CLAIMLOG" -C "$R" verify
out_has "error CL031 snapshot-unreadable: snapshot of source 'lat-1250' cannot be read: snapshot '"
out_has "gives no text: "
lacks "$TMP/out" "of source 'lat-1250' has changed"
exit 0
