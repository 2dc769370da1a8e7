#!/bin/sh
# Writers killed with SIGKILL at random moments, 200 times: after each
# kill git fsck passes, every claim parses (list, show, verify), a bulk
# import of 70 claims (one commit, packed in memory) is in HEAD whole or
# not at all, and the next command brings the work tree and index back in
# line with HEAD.  CLAIMLOG_KILLS changes the count.
. "$TOP/tests/cli/lib.sh"
make_repo
kills=${CLAIMLOG_KILLS:-200}
Q="four patrol boats"
cl -C "$R" claim add --id base --statement "The base claim." --source harbour-report \
	--quote "$Q" --subject "coast guard" --property boats --value 4 --unit boats

rand() { od -An -N2 -tu2 /dev/urandom | tr -d ' '; }
has_verify=
"$CLAIMLOG" verify --help >/dev/null 2>&1 && has_verify=1

i=0 landed=0
while [ $i -lt $kills ]; do
	case $((i % 4)) in
	0) set -- claim add --id "k$i" --statement "Claim $i." --source harbour-report --quote "$Q" ;;
	1) set -- claim set base note "note $i" ;;
	2) set -- evidence add base --source harbour-news --quote "received three patrol boats" \
		--locator "para $i" ;;
	3) { echo "id,statement,source,quote"
	     j=0
	     while [ $j -lt 70 ]; do echo "b$i-$j,Bulk claim $j.,harbour-report,$Q"; j=$((j + 1)); done
	   } > "$TMP/bulk.csv"
	   set -- import "$TMP/bulk.csv" ;;
	esac
	"$CLAIMLOG" -C "$R" "$@" >/dev/null 2>&1 &
	pid=$!
	# 0 to 100 ms: before, during and after the commit.
	sleep "0.$(printf '%03d' $(($(rand) % 100)))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null && landed=$((landed + 1))
	git -C "$R" fsck --strict >/dev/null 2>&1 || fail "git fsck after kill $i ($*)"
	if [ $((i % 4)) = 3 ]; then
		n=$(git -C "$R" ls-tree -r --name-only HEAD claims | grep -c "/b$i-")
		[ "$n" = 0 ] || [ "$n" = 70 ] || fail "kill $i: $n of 70 claims of a batch in HEAD"
	fi
	# list reads and parses every claim file.
	run 0 "$CLAIMLOG" -C "$R" list
	[ $((i % 10)) = 0 ] && run 0 "$CLAIMLOG" -C "$R" show base
	if [ -n "$has_verify" ] && [ $((i % 20)) = 0 ]; then
		"$CLAIMLOG" -C "$R" verify >"$TMP/out" 2>"$TMP/err"
		[ $? -le 1 ] || fail "verify after kill $i"
		lacks "$TMP/out" "not well-formed"
	fi
	i=$((i + 1))
done
# The reader above finished any interrupted work-tree update.
[ -z "$(git -C "$R" status --porcelain)" ] ||
	fail "work tree and HEAD disagree: $(git -C "$R" status --porcelain | head -5)"
for f in $(git -C "$R" ls-tree -r --name-only HEAD claims); do
	cmp -s "$R/$f" - <<EOT || fail "$f differs from HEAD"
$(git -C "$R" show "HEAD:$f")
EOT
done
echo "$kills kills, $landed commands finished before the kill"
exit 0
