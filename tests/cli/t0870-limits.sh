#!/bin/sh
# The documented limits (docs/reliability.md): input over a limit gets a
# clear error and changes nothing.
. "$TOP/tests/cli/lib.sh"
make_repo
Q="four patrol boats"
cl -C "$R" claim add --id base --statement "The base claim." --source harbour-report --quote "$Q"
before=$(state "$R")

# A quote (or prefix) over 4096 bytes.
long=$(head -c 4097 /dev/zero | tr '\0' 'a')
run 2 "$CLAIMLOG" -C "$R" claim add --id long --statement "Long." --source harbour-report \
	--quote "$long"
err_has "the limit is 4096"
run 2 "$CLAIMLOG" -C "$R" evidence add base --source harbour-report --quote "patrol boats" \
	--prefix "$long"
err_has "the limit is 4096"
# An id over 80 characters.
run 2 "$CLAIMLOG" -C "$R" claim add --id "$(head -c 81 /dev/zero | tr '\0' 'x')" \
	--statement "Long id." --source harbour-report --quote "$Q"
err_has "the limit is 80"
unchanged "$R" "$before"

# Files: over 1 MiB, nested over 16 deep, more than 1000 evidence entries.
p=$(cd "$R" && "$CLAIMLOG" path base)
cp "$R/$p" "$TMP/base.xml"
{ echo '<?xml version="1.0" encoding="UTF-8"?>'; echo '<claim id="base"><statement>'
  head -c 1100000 /dev/zero | tr '\0' 'a'; echo '</statement><evidence source="s"><quote>q</quote></evidence></claim>'
} > "$R/$p"
run 2 "$CLAIMLOG" -C "$R" show base
err_has "the limit is 1048576"
{ echo '<?xml version="1.0" encoding="UTF-8"?>'; printf '<claim id="base"><statement>'
  i=0; while [ $i -lt 20 ]; do printf '<b>'; i=$((i + 1)); done
  printf 'x'
  i=0; while [ $i -lt 20 ]; do printf '</b>'; i=$((i + 1)); done
  echo '</statement></claim>'
} > "$R/$p"
run 2 "$CLAIMLOG" -C "$R" show base
err_has "nested more than 16 deep"
{ echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<claim id="base"><statement>Many.</statement>'
  i=0; while [ $i -lt 1001 ]; do
	echo "<evidence source=\"harbour-report\"><quote>q$i</quote></evidence>"; i=$((i + 1))
  done
  echo '</claim>'
} > "$R/$p"
run 2 "$CLAIMLOG" -C "$R" show base
err_has "1001 evidence entries; the limit is 1000"
# More than 1000 tags (each new tag is compared with every one before), and
# more elements than RelaxNG checks in good time (its cost grows with their
# square: 40,000 conflicts took 16 s): each refused at once.
{ echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<claim id="base"><statement>Many.</statement>'
  echo '<evidence source="harbour-report"><quote>four patrol boats</quote></evidence>'
  seq 1 1500 | sed 's|.*|<tag>t&</tag>|'
  echo '</claim>'
} > "$R/$p"
run 2 timeout 20 "$CLAIMLOG" -C "$R" show base
err_has "claim 'base' has more than 1000 tags; the limit is 1000"
{ echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<claim id="base"><statement>Many.</statement>'
  echo '<evidence source="harbour-report"><quote>four patrol boats</quote></evidence>'
  seq 1 40000 | sed 's|.*|<conflict with="c&"/>|'
  echo '</claim>'
} > "$R/$p"
run 2 timeout 20 "$CLAIMLOG" -C "$R" show base
err_has ":4018: a claim has more than 4016 elements; the limit is 4000 evidence entries, tags, conflicts and alternatives together"
cp "$TMP/base.xml" "$R/$p"
cl -C "$R" show base
exit 0
