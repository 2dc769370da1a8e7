#!/bin/sh
# push and pull over ssh, against an sshd of the test's own on 127.0.0.1:
# a key file (CLAIMLOG_SSH_KEY), the ssh agent, and host keys checked
# against ~/.ssh/known_hosts (plain and hashed).
. "$TOP/tests/cli/lib.sh"
# Under 'make check': full stacks, so tests/lsan.supp can name libgit2's leak.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0
export ASAN_OPTIONS
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$SSHD" ] && command -v ssh-keygen >/dev/null && command -v ssh-keyscan >/dev/null ||
	{ echo "no sshd (apt-get install openssh-server)"; exit 77; }
S=$TMP/sshd
mkdir -p "$S" "$HOME/.ssh"
ssh-keygen -q -t ed25519 -N '' -f "$S/hostkey"
ssh-keygen -q -t ed25519 -N '' -f "$S/userkey"
cp "$S/userkey.pub" "$S/authorized_keys"
port=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 20000))
cat > "$S/config" <<EOT
Port $port
ListenAddress 127.0.0.1
HostKey $S/hostkey
AuthorizedKeysFile $S/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PidFile $S/pid
StrictModes no
UsePAM no
EOT
[ "$(id -u)" = 0 ] && mkdir -p /run/sshd
"$SSHD" -f "$S/config" -E "$S/log" || { echo "sshd does not start: $(cat "$S/log")"; exit 77; }
trap 'kill $(cat "$S/pid" 2>/dev/null) 2>/dev/null; [ -n "${SSH_AGENT_PID:-}" ] && kill $SSH_AGENT_PID; rm -rf "$TMP"' EXIT
i=0
while [ ! -s "$S/pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
unset SSH_AUTH_SOCK

make_repo
git init -q --bare -b main "$TMP/remote.git"
url="ssh://$(id -un)@127.0.0.1:$port$TMP/remote.git"
cl -C "$R" remote add origin "$url"

# An unknown host key: refused, with what to do.
CLAIMLOG_SSH_KEY=$S/userkey run 3 "$CLAIMLOG" -C "$R" push
err_has "the ssh host key of '[127.0.0.1]:$port' is not in ~/.ssh/known_hosts"
ssh-keyscan -p $port 127.0.0.1 > "$HOME/.ssh/known_hosts" 2>/dev/null
# No key the server accepts.
run 3 "$CLAIMLOG" -C "$R" push
err_has "no ssh key was accepted"
# A key file.
CLAIMLOG_SSH_KEY=$S/userkey cl -C "$R" push
[ "$(git -C "$TMP/remote.git" rev-parse main)" = "$(git -C "$R" rev-parse HEAD)" ] ||
	fail "the push over ssh did not arrive"

# The agent, and a hashed known_hosts.
ssh-keygen -q -H -f "$HOME/.ssh/known_hosts" >/dev/null 2>&1
eval "$(ssh-agent -s)" >/dev/null
ssh-add -q "$S/userkey" 2>/dev/null
cl init "$TMP/b"
cl -C "$TMP/b" remote add origin "$url"
cl -C "$TMP/b" pull
out_has "fast-forwarded"
cl -C "$TMP/b" show harbour-report
cl -C "$TMP/b" claim add --id over-ssh --statement "Sent over ssh." \
	--source harbour-report --quote "four patrol boats"
cl -C "$TMP/b" push
CLAIMLOG_SSH_KEY=$S/userkey cl -C "$R" pull
cl -C "$R" show over-ssh
exit 0
