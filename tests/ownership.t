#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# ownership.t: in the host namespace (--shared) the tutor removes an object
# only when a call of this session created it, in this namespace — never
# one that existed (ipcmk, another tutor of the same user, a state file of
# another namespace) — and everything it did create goes, whatever the
# flags and however it ends (quit, kill -9 at the worst moment).  Runs in
# an IPC namespace of its own, which stands in for the host's.
source "$(dirname "$0")/lib/common.sh"

if [ -z "${IPCTUTOR_IN_FRESH_NS:-}" ]; then
	export IPCTUTOR_IN_FRESH_NS=1
	in_fresh_ns bash "$0"
	exit $?
fi

home=$TEST_TMP/home
state=$home/.local/state/ipctutor
mkdir -p "$state"
shared_env() { echo env -u XDG_STATE_HOME -u XDG_RUNTIME_DIR -u LANGUAGE -u LANG HOME="$home" LC_ALL=C NO_COLOR=1 TERM=dumb; }
after=explain\ EPERM
proof="EPERM (Operation not permitted)"

# start NAME: a --shared tutor under waitall reading FIFO fd (3 + 2n),
# writing fd (4 + 2n); returns once it answers.  Sets pid_NAME.
start() {
	local name=$1 in=$2 out=$3 dir line
	dir=$(mktemp -d "$TEST_TMP/$name.XXXXXX")
	mkfifo "$dir/in" "$dir/out"
	$(shared_env) setsid "$WAITALL" --pidfile "$dir/pid" --timeout 60 -- \
		"$IPCTUTOR" --reproducible --shared < "$dir/in" > "$dir/out" 2>&1 &
	eval "waiter_$name=\$!"
	eval "exec $in> \"\$dir/in\" $out< \"\$dir/out\""
	echo "$after" >&"$in"
	until_line "$out" "$proof"
	eval "pid_$name=\$(cat \"\$dir/pid\")"
}
# until_line FD TEXT: read FD until a line holds TEXT (deadline 20 s).
until_line() {
	local line
	while IFS= read -r -t 20 line <&"$1"; do
		printf '%s\n' "$line" >> "$TEST_TMP/log"
		[[ $line == *"$2"* ]] && return 0
	done
	return 1
}
queues() { awk '$1 != "key" { print $2 }' /proc/sysvipc/msg; }
count() { ipc_objects | wc -l; }

# --- (a) two tutors of one user: the second recovers nothing of the first's
start A 3 4
printf 'msgget IPC_PRIVATE IPC_CREAT|0600\n%s\n' "$after" >&3; until_line 4 "$proof"
qa=$(queues)
printf '%s\nquit\n' "$after" | $(shared_env) "$IPCTUTOR" --shared > "$TEST_TMP/b.out" 2>&1
[ "$(queues)" = "$qa" ] && [ -n "$qa" ] && ! grep -q "Removed" "$TEST_TMP/b.out"
ok $? "(a) a second --shared tutor of the same user leaves the first's live queue alone"

# --- (d) two tutors' servers: each its own key file ---------------------------
printf 'server start\n%s\n' "$after" >&3; until_line 4 "$proof"
before=$(count)
printf 'server start\n%s\nquit\n' "$after" | $(shared_env) "$IPCTUTOR" --shared > "$TEST_TMP/d.out" 2>&1
[ "$(count)" = "$before" ] && ! grep -q "left over from a crashed server" "$TEST_TMP/d.out"
ok $? "(d) a second tutor's server start does not recover the first's live server queue"
echo quit >&3; exec 3>&-; cat <&4 > /dev/null; exec 4<&-; wait "$waiter_A"
[ "$(count)" = 0 ]; ok $? "  and the first tutor removes its own at quit"

# --- (b) state files of another namespace, and of the old kind ----------------
q=$(ipcmk -Q | awk '{print $NF}')
printf '0 %s\n' "$q" > "$state/objects"     # an old state file: no session, no namespace
printf 'ipctutor-objects 2 4026531839 999999 1\n0 %s 0\n' "$q" > "$state/objects.999999"
printf '%s\nquit\n' "$after" | $(shared_env) "$IPCTUTOR" --shared > "$TEST_TMP/b2.out" 2>&1
[ "$(queues)" = "$q" ] && ! grep -q "Removed" "$TEST_TMP/b2.out"
ok $? "(b) a state file of another namespace (or without one) removes nothing (ipcmk's queue stays)"
ipcrm -q "$q"; rm -f "$state"/objects*

# --- (c) IPC_CREAT without IPC_EXCL never adopts an existing object ----------
# Another program of the same user made a queue with a key (ipcmk's are
# random, perhaps negative as /proc prints them: a fixed one here).
key=0x1234abcd
q=$(perl -e 'my $q = msgget(hex($ARGV[0]), 01000 | 0644); defined $q or die "msgget: $!"; print $q' "$key")
printf 'msgget %s IPC_CREAT|0600\nipcs\nmsgctl %s rmid\nquit\n' "$key" "$q" | $(shared_env) "$IPCTUTOR" --shared > "$TEST_TMP/c.out" 2>&1
[ "$(queues)" = "$q" ] && grep -q "= $q\$" "$TEST_TMP/c.out" && ! grep -q "^  \* .* $q " "$TEST_TMP/c.out" \
	&& grep -q "Object $q was not created by this tutor" "$TEST_TMP/c.out"
ok $? "(c) msgget KEY IPC_CREAT|0600 on ipcmk's queue: not marked, not removable, still there after quit"
ipcrm -q "$q"

# --- (e) the rmid guard fails closed ------------------------------------------
q=$(ipcmk -Q | awk '{print $NF}')
printf 'msgctl %s rmid\nquit\n' "$q" | unshare -m sh -c 'mount -t tmpfs none /proc/sysvipc && exec "$@"' _ \
	$(shared_env) "$IPCTUTOR" --shared > "$TEST_TMP/e.out" 2>&1
[ "$(queues)" = "$q" ] && grep -q "cannot tell whether object $q is its own" "$TEST_TMP/e.out"
ok $? "(e) /proc/sysvipc unreadable: msgctl rmid of another's queue is refused, the queue stays"
ipcrm -q "$q"

# --- issue 15: every object a call created, whatever the flags ---------------
four='msgget IPC_PRIVATE 0
shmget IPC_PRIVATE 4096 0
semget IPC_PRIVATE 1 0
client msgget IPC_PRIVATE 0600'
printf '%s\nipcs\nquit\n' "$four" | $(shared_env) "$IPCTUTOR" --shared > "$TEST_TMP/15.out" 2>&1
[ "$(count)" = 0 ] && grep -q "objects left behind: 0" "$TEST_TMP/15.out"
ok $? "IPC_PRIVATE without IPC_CREAT (tutor and client): all four removed at quit"
[ "$(grep -c '^  \* ' "$TEST_TMP/15.out")" = 4 ]
ok $? "  and ipcs marks all four with *"
ipcrm --all 2>/dev/null

start K 5 6
printf '%s\n%s\n' "$four" "$after" >&5; until_line 6 "$proof"
[ "$(count)" = 4 ]; ok $? "kill -9 after the four calls: they exist while it runs"
kill -KILL "$pid_K"; exec 5>&-; cat <&6 > /dev/null; exec 6<&-; wait "$waiter_K"
[ "$(count)" = 0 ]; ok $? "  none left once the guardian is done"
ipcrm --all 2>/dev/null

# The guardian killed too: the next start recovers them from the state file.
start G 5 6
printf '%s\n%s\n' "$four" "$after" >&5; until_line 6 "$proof"
for child in $(cat /proc/"$pid_G"/task/*/children); do
	[ "$(awk '{print $6}' "/proc/$child/stat")" = "$child" ] && kill -KILL "$child"
done
kill -KILL "$pid_G"; exec 5>&-; cat <&6 > /dev/null; exec 6<&-; wait "$waiter_G"
left=$(count)
printf 'quit\n' | $(shared_env) "$IPCTUTOR" --shared > "$TEST_TMP/rec.out" 2>&1
[ "$left" = 4 ] && [ "$(count)" = 0 ] && [ "$(grep -c "left behind by an earlier session" "$TEST_TMP/rec.out")" = 4 ]
ok $? "guardian killed too: the next start removes all four ($left) and says so"
ipcrm --all 2>/dev/null

# --- 12.5: killed between the kernel's answer and the tutor hearing it -------
# strace holds the tutor in msgget's exit for as long as it takes us to see
# the new queue in /proc and SIGKILL the tutor: the worst moment, made
# certain.
if command -v strace > /dev/null; then
	dir=$(mktemp -d "$TEST_TMP/w.XXXXXX")
	mkfifo "$dir/in" "$dir/out"
	$(shared_env) setsid "$WAITALL" --pidfile "$dir/pid" --timeout 60 -- strace -qq -o /dev/null -e trace=msgget \
		-e inject=msgget:delay_exit=30000000 "$IPCTUTOR" --shared < "$dir/in" > "$dir/out" 2>&1 &
	waiter=$!
	exec 5> "$dir/in" 6< "$dir/out"
	echo "$after" >&5; until_line 6 "$proof"
	echo "msgget IPC_PRIVATE IPC_CREAT|0600" >&5
	tutor=$(cat /proc/"$(cat "$dir/pid")"/task/*/children | tr -d " ")
	tries=0   # until the kernel made it (bounded: only a failure waits long)
	while [ "$(count)" = 0 ] && [ $((tries += 1)) -lt 2000 ]; do read -r -t 0.01 <&6; done
	kill -KILL "$tutor"
	exec 5>&-; cat <&6 > /dev/null; exec 6<&-; wait "$waiter"
	[ "$(count)" = 0 ] && [ "$tries" -lt 2000 ]
	ok $? "kill -9 while msgget returns: the guardian removes the queue all the same"
	ipcrm --all 2>/dev/null
else
	ok 0 "kill -9 while msgget returns # SKIP strace is not installed"
fi

done_testing
