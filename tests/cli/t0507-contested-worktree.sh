#!/bin/sh
# contested compares the work tree with HEAD on a thread of its own while
# it reads the index (clg_repo_changes_start): an edited claim, a new
# claim file, a deleted one and a racily clean one (its stat data as the
# git index has it, its mtime not older than the git index: compared by
# content) are all seen, as without an index.  (The thread's errors:
# tests/unit/test_worktree.c.)
. "$TOP/tests/cli/lib.sh"
command -v jq >/dev/null || { echo "jq is not installed"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
monitor_repo
share_claim ed-a China 12
share_claim ed-b China 12
share_claim gone-a Laos 12
share_claim gone-b Laos 30
share_claim racy-a Peru 12
share_claim racy-b Peru 12
cl -C "$R" list
pairs() { # contested --json with the index, "a b" a line each; the same without, else it fails
	cl -C "$R" contested --json
	cp "$TMP/out" "$TMP/with.json"
	mv "$R/.git/claimlog" "$TMP/kept"
	cl -C "$R" contested --json
	mv "$TMP/kept" "$R/.git/claimlog"
	cmp -s "$TMP/out" "$TMP/with.json" || {
		diff "$TMP/out" "$TMP/with.json" >&2
		fail "contested differs with the index"
	}
	jq -r '.conflicts[] | "\(.a.id) \(.b.id)"' "$TMP/with.json" | tr '\n' ,
}
path() { echo "$R/$(cd "$R" && "$CLAIMLOG" path "$1")"; }
[ "$(pairs)" = "gone-a gone-b," ] || fail "at first: $(pairs)"

# Edited in place (same size), new, deleted.
sed -i 's|>12<|>17<|' "$(path ed-b)"
sed 's|ed-b|ed-new|' "$(path ed-b)" > "$R/claims/ed-new.xml"
sed -i 's|>17<|>19<|' "$R/claims/ed-new.xml"
rm "$(path gone-b)"
got=$(pairs)
for want in "ed-a ed-b" "ed-a ed-new" "ed-b ed-new"; do
	case ",$got" in *",$want,"*) ;; *) fail "'$want' missing: $got" ;; esac
done
case "$got" in *gone*) fail "a deleted claim is shown: $got" ;; esac
git -C "$R" checkout -q -- claims
rm "$R/claims/ed-new.xml"
[ "$(pairs)" = "gone-a gone-b," ] || fail "after the checkout: $(pairs)"

# Racily clean: the file changed (same size), the git index has its stat
# data but the old blob, and is not newer than the file.  Only its
# content tells; git says the same.
f=$(path racy-b)
old=$(git -C "$R" rev-parse "HEAD:${f#"$R/"}")
sed -i 's|>12<|>13<|' "$f"
git -C "$R" add -- "${f#"$R/"}"
python3 - "$R/.git/index" "${f#"$R/"}" "$old" <<'EOF' || fail "cannot forge the git index"
import hashlib, struct, sys
name, path, blob = sys.argv[1], sys.argv[2].encode(), bytes.fromhex(sys.argv[3])
data = bytearray(open(name, 'rb').read())
sig, version, count = struct.unpack('>4sII', data[:12])
assert sig == b'DIRC' and version in (2, 3), version
p = 12
for i in range(count):
    flags, = struct.unpack('>H', data[p + 60:p + 62])
    head = 62 + (2 if flags & 0x4000 else 0)
    nul = data.index(b'\0', p + head)
    if data[p + head:nul] == path:
        data[p + 40:p + 60] = blob
        break
    p += (nul - p + 8) // 8 * 8
else:
    sys.exit('no entry ' + path.decode())
data[-20:] = hashlib.sha1(bytes(data[:-20])).digest()
open(name, 'wb').write(bytes(data))
EOF
touch -r "$f" "$R/.git/index"
[ "$(git -C "$R" diff --name-only)" = "${f#"$R/"}" ] || fail "git does not see the racy edit"
[ "$(pairs)" = "gone-a gone-b,racy-a racy-b," ] || fail "the racy edit: $(pairs)"
git -C "$R" reset -q --hard

exit 0
