#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# hardening.t: bad input that a golden script cannot hold (bytes, sizes,
# a broken environment) and objects that are not the tutor's.  Each case
# expects one clear sentence, the session going on (a later command still
# answers), a meaningful exit status, and nothing left behind.
source "$(dirname "$0")/lib/common.sh"

rerun_in_fresh_ns

tutor() { $(neutral_env) "$IPCTUTOR" --reproducible "$@"; }
after=explain\ EPERM   # a command whose answer proves the session went on
proof="EPERM (Operation not permitted)"

# --- bytes and sizes -------------------------------------------------------
printf 'msgget 1\0 0\n%s\nquit\n' "$after" | tutor > "$TEST_TMP/nul" 2>&1
st=$?
grep -q "contains a NUL byte; nothing was run" "$TEST_TMP/nul" && grep -qF "$proof" "$TEST_TMP/nul" && [ $st = 1 ]
ok $? "a NUL byte: one sentence, the session goes on, exit 1"

printf 'msgget \xff\xfe 0\n%s\nquit\n' "$after" | tutor > "$TEST_TMP/utf8" 2>&1
st=$?
grep -q "not valid UTF-8" "$TEST_TMP/utf8" && grep -qF "$proof" "$TEST_TMP/utf8" && [ $st = 1 ]
ok $? "invalid UTF-8: one sentence, the session goes on, exit 1"

{ printf 'explain '; head -c 1048576 /dev/zero | tr '\0' x; printf '\n%s\nquit\n' "$after"; } | tutor > "$TEST_TMP/long" 2>&1
st=$?
grep -q "more than the 4096 a command may have" "$TEST_TMP/long" && grep -qF "$proof" "$TEST_TMP/long" && [ $st = 1 ]
ok $? "a one-megabyte line: one sentence, the session goes on, exit 1"

# --- a broken environment --------------------------------------------------
home=$TEST_TMP/home-corrupt
mkdir -p "$home/.local/state/ipctutor"
printf 'not a progress file\n\x01\x02\n' > "$home/.local/state/ipctutor/progress"
printf '%s\nquit\n' "$after" | env -u XDG_STATE_HOME HOME="$home" LC_ALL=C "$IPCTUTOR" --reproducible > "$TEST_TMP/corrupt" 2>&1
st=$?
grep -q "progress file is damaged (line 1); it was set aside" "$TEST_TMP/corrupt" && [ -f "$home/.local/state/ipctutor/progress.corrupt" ] \
	&& grep -q "Lesson 1:" "$TEST_TMP/corrupt" && [ $st = 1 ]
ok $? "a corrupt progress file: one sentence, set aside, a fresh start"
grep -q "^ipctutor-progress 1" "$home/.local/state/ipctutor/progress"
ok $? "  and a good progress file is written in its place"

printf '%s\nquit\n' "$after" | env -u HOME -u XDG_STATE_HOME LC_ALL=C "$IPCTUTOR" --reproducible > "$TEST_TMP/nohome" 2>&1
grep -q "Progress is not saved: neither XDG_STATE_HOME nor HOME is set" "$TEST_TMP/nohome" && grep -qF "$proof" "$TEST_TMP/nohome"
ok $? "HOME unset: one sentence, the session goes on"

printf 'x' > "$TEST_TMP/statefile"
printf '%s\nquit\n' "$after" | env XDG_STATE_HOME="$TEST_TMP/statefile" HOME="$TEST_TMP/statefile" LC_ALL=C "$IPCTUTOR" --reproducible > "$TEST_TMP/nostate" 2>&1
grep -q "Progress is not saved" "$TEST_TMP/nostate" && grep -qF "$proof" "$TEST_TMP/nostate"
ok $? "a state directory that cannot be made: one sentence, the session goes on"

printf '%s\nquit\n' "$after" | env -u TERM $(neutral_env | sed 's/TERM=dumb//') "$IPCTUTOR" > "$TEST_TMP/noterm" 2>&1
grep -qF "$proof" "$TEST_TMP/noterm"
ok $? "TERM unset: it works"

printf '%s\nquit\n' "$after" | tutor > /dev/full 2> "$TEST_TMP/full"
st=$?
grep -q "write error: No space left on device" "$TEST_TMP/full" && [ $st = 1 ]
ok $? "standard output full (/dev/full): the write error is reported, exit 1"

printf '%s\nquit\n' "$after" | tutor >&- 2> "$TEST_TMP/closed"
st=$?
grep -q "write error" "$TEST_TMP/closed" && [ $st = 1 ]
ok $? "standard output closed: the write error is reported, exit 1"

printf '%s\nquit\n' "$after" | $(neutral_env) "$IPCTUTOR" --lessons "$TEST_TMP/none" > "$TEST_TMP/nolessons" 2>&1
grep -q "cannot read the lessons in $TEST_TMP/none" "$TEST_TMP/nolessons" && grep -qF "$proof" "$TEST_TMP/nolessons"
ok $? "a missing lesson directory: one sentence, the playground works"

printf '%s\nquit\n' "$after" | $(neutral_env) "$IPCTUTOR" --lessons "$TEST_TMP/statefile" > "$TEST_TMP/notdir" 2>&1
grep -q "cannot read the lessons" "$TEST_TMP/notdir" && grep -qF "$proof" "$TEST_TMP/notdir"
ok $? "a lesson directory that is not one: one sentence, the playground works"

bad=$TEST_TMP/badlessons
mkdir -p "$bad"
cp "$srcdir"/lessons/0*.md "$bad/"
printf '# Broken\n\n## Step\n\n~~~ frob\nx\n~~~\n' > "$bad/09-broken.md"
sed '/^~~~ run$/q' "$srcdir/lessons/02-server-crash.md" > "$bad/02-server-crash.md"   # cut inside a block
printf 'lessons\nquit\n' | $(neutral_env) "$IPCTUTOR" --lessons "$bad" > "$TEST_TMP/badlessons.out" 2>&1
grep -q "09-broken.md:5: unknown block" "$TEST_TMP/badlessons.out" && grep -q "02-server-crash.md:[0-9]*:" "$TEST_TMP/badlessons.out" \
	&& grep -q "stale-id" "$TEST_TMP/badlessons.out" && ! grep -q "server-crash —" "$TEST_TMP/badlessons.out"
ok $? "a malformed and a truncated lesson: reported as file:line, the others load"

printf 'help\nquit\n' | $(neutral_env) "$IPCTUTOR" --width 20 > "$TEST_TMP/narrow" 2>&1
# Lines over 20 columns that could have been broken (a single word longer
# than the width cannot).
wide=$(grep -vE '^(ipctutor |  (you|server|client) |             [^ ])' "$TEST_TMP/narrow" | perl -CSD -ne 'chomp; $n++ if length > 20 && /\S\s+\S/; END { print $n + 0 }')
[ "$wide" = 0 ]; ok $? "a 20-column terminal: prose stays within 20 columns ($wide lines over)"

# An unprivileged learner: no CAP_SYS_ADMIN, so the private namespace comes
# with a user namespace of its own (where the distribution allows it).
# Root runs it as uid 65534, on a copy that user can reach.
other_user_copy; other_why=$why
if [ -n "$other_why" ]; then
	skip 1 "$other_why"
else
printf 'msgget IPC_PRIVATE IPC_CREAT|0600\nipcs\nquit\n' |
	"${OTHER[@]}" env -u HOME LC_ALL=C "$OTHER_IPCTUTOR" --reproducible 1.1 > "$TEST_TMP/nobody" 2>&1
st=$?
if grep -q "No private IPC namespace could be had" "$TEST_TMP/nobody"; then
	grep -q "uses the host's; the tutor removes only what it created" "$TEST_TMP/nobody" && [ $st = 0 ]
	ok $? "unprivileged, user namespaces disabled: one sentence, the host namespace with the guard # SKIP no user namespaces here"
else
	grep -q "msgget(IPC_PRIVATE, IPC_CREAT|0600) = 0" "$TEST_TMP/nobody" && grep -q "objects left behind: 0" "$TEST_TMP/nobody" && [ $st = 0 ]
	ok $? "unprivileged: a private namespace through a user namespace (identifiers from 0)"
fi
fi

# --- limits and a kernel without System V IPC -------------------------------
echo 1 > /proc/sys/kernel/msgmni
printf 'msgget IPC_PRIVATE IPC_CREAT|0600\nmsgget IPC_PRIVATE IPC_CREAT|0600\nquit\n' | tutor --shared > "$TEST_TMP/enospc" 2>&1
grep -q "= -1 ENOSPC" "$TEST_TMP/enospc" && grep -q "reached its limit" "$TEST_TMP/enospc" && [ "$(ipc_objects | wc -l)" = 0 ]
ok $? "msgmni exhausted: ENOSPC, explained; nothing left"
echo 32000 > /proc/sys/kernel/msgmni

printf 'ipcs\n%s\nquit\n' "$after" | unshare -m sh -c 'mount -t tmpfs none /proc/sysvipc && exec "$@"' _ $(neutral_env) "$IPCTUTOR" --reproducible --shared > "$TEST_TMP/nosysvipc" 2>&1
grep -q "/proc/sysvipc is missing" "$TEST_TMP/nosysvipc" && grep -qF "$proof" "$TEST_TMP/nosysvipc"
ok $? "no /proc/sysvipc (a kernel without System V IPC): one sentence, the session goes on"

# --- objects that are not the tutor's ----------------------------------------
# A real ftok collision: on a fresh tmpfs, inode numbers go up one by one,
# so the file made 65536 files after ours has the same low 16 bits, and
# ftok gives both the same key.
mnt=$TEST_TMP/tmpfs
mkdir -p "$mnt"
collide() {
	mount -t tmpfs none "$mnt" || return 1
	: > "$mnt/ours"
	mkdir "$mnt/d"
	(cd "$mnt/d" && seq 1 65537 | xargs touch)
	a=$(stat -c %i "$mnt/ours")
	theirs=$(find "$mnt/d" -inum $((a + 65536)))
	echo "inodes $a and $(stat -c %i "$theirs")" >&2
	# Another user's program makes its queue with the key of ITS file.
	key=$(perl -e 'printf "%d", (((stat $ARGV[0])[1] & 0xffff) | (((stat $ARGV[0])[0] & 0xff) << 16) | (ord("T") << 24))' "$theirs")
	setpriv --reuid=65534 --regid=65534 --clear-groups perl -e 'msgget($ARGV[0], 01000 | 0600) >= 0 or die "msgget: $!"' "$key" || return 1
	printf 'key %s\nserver start\nipcs\nmsgctl %s rmid\nquit\n' "$mnt/ours" \
		"$(awk '$1 != "key" { print $2 }' /proc/sysvipc/msg | head -1)" |
		$(neutral_env) "$IPCTUTOR" --shared > "$TEST_TMP/collision" 2>&1
	umount "$mnt"
}
if [ -n "$other_why" ]; then
	skip 3 "$other_why"
else
unshare -m bash -c "$(declare -f collide neutral_env); mnt=$mnt TEST_TMP=$TEST_TMP IPCTUTOR=$IPCTUTOR srcdir=$srcdir collide" 2> "$TEST_TMP/collide.err"
grep -q "Not ours (creator uid 65534" "$TEST_TMP/collision"
ok $? "an ftok collision with another user's queue: the server says it is not ours"
grep -q "was not created by this tutor, so it is left alone" "$TEST_TMP/collision"
ok $? "  and msgctl rmid on it is refused in one sentence"
[ "$(ipc_objects | awk '{print $9}')" = 65534 ]
ok $? "  and the other user's queue is still there, untouched"
diag < "$TEST_TMP/collide.err"
fi
ipcrm --all=msg 2>/dev/null
[ "$(ipc_objects | wc -l)" = 0 ]; ok $? "nothing else is left"
done_testing
