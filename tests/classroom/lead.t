#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# lead.t: a teacher leads and a learner follows, two real tutors on one
# machine (here: one fresh IPC namespace, their "host").  The learner's
# tutor moves when the teacher's moves; unfollow stops that; when the
# teacher quits, its board is removed and the learner's listener, asleep
# in semop, is told EIDRM.  Nothing is left afterwards.
source "$(dirname "$0")/../lib/common.sh"

if [ -z "${IPCTUTOR_IN_FRESH_NS:-}" ]; then
	export IPCTUTOR_IN_FRESH_NS=1
	in_fresh_ns bash "$0"
	exit $?
fi

# wait_for FD TEXT LOG: read lines from FD until one holds TEXT (20 s).
wait_for() {
	local line
	while IFS= read -r -t 20 line <&"$1"; do
		printf '%s\n' "$line" >> "$3"
		[[ $line == *"$2"* ]] && return 0
	done
	return 1
}

d=$TEST_TMP
mkfifo "$d/t.in" "$d/t.out" "$d/l.in" "$d/l.out"
rm -f /tmp/ipctutor-class.key
$(neutral_env) "$IPCTUTOR" --reproducible --lead < "$d/t.in" > "$d/t.out" 2>&1 &
teacher=$!
exec 3> "$d/t.in" 4< "$d/t.out"
echo "explain EPERM" >&3
wait_for 4 "EPERM (Operation" "$d/t.log"; ok $? "the teacher's tutor leads"
[ "$(ipc_objects | wc -l)" = 2 ]; ok $? "its board is up: a segment and a semaphore set"
awk '$1 != "key" { print $3 }' /proc/sysvipc/shm | grep -qx 644; ok $? "the segment is read-only for others (0644)"

$(neutral_env) "$IPCTUTOR" --reproducible --follow < "$d/l.in" > "$d/l.out" 2>&1 &
learner=$!
exec 5> "$d/l.in" 6< "$d/l.out"
echo "explain EPERM" >&5
wait_for 6 "EPERM (Operation" "$d/l.log"; ok $? "the learner's tutor follows"

echo "goto 3.2" >&3
wait_for 6 "Following the teacher to 3.2." "$d/l.log"; ok $? "the teacher jumps to 3.2: the learner goes along"
wait_for 6 "Step 3.2 (" "$d/l.log"; ok $? "  and sees step 3.2"
printf 'next\nnext\nnext\n' >&3   # step 3.2 asks a question: the second next skips it, the third goes on
wait_for 6 "Following the teacher to 3.3." "$d/l.log"; ok $? "the teacher goes on: so does the learner"

echo "unfollow" >&5
wait_for 6 "You go on alone" "$d/l.log"; ok $? "unfollow: the learner goes on alone"
echo "next" >&3
echo "explain EEXIST" >&5
wait_for 6 "IPC_CREAT|IPC_EXCL found" "$d/l.log"
! grep -q "Following the teacher to 3.4" "$d/l.log"; ok $? "  and the teacher's next move does not take it along"

echo quit >&3
wait "$teacher"; ok $? "the teacher quits"
wait_for 6 "The teacher stopped leading" "$d/l.log"; ok $? "the learner is told the teacher stopped leading"
wait_for 6 "answered E" "$d/l.log"
tr '\n' ' ' < "$d/l.log" | grep -q "semop answered EIDRM"; ok $? "  by EIDRM: its listener was asleep in semop when the board went"
echo quit >&5
wait "$learner"; ok $? "the learner quits"
exec 3>&- 4<&- 5>&- 6<&-
[ "$(ipc_objects | wc -l)" = 0 ]; ok $? "nothing is left"
done_testing
