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

rerun_in_fresh_ns

spawn teacher $(neutral_env) "$IPCTUTOR" --reproducible --lead
send teacher "explain EPERM"
wait_for teacher "EPERM (Operation"; ok $? "the teacher's tutor leads"
[ -f "$IPCTUTOR_RUNDIR/ipctutor-class.key" ]; ok $? "the class key file is in IPCTUTOR_RUNDIR"
[ "$(ipc_objects | wc -l)" = 2 ]; ok $? "its board is up: a segment and a semaphore set"
awk '$1 != "key" { print $3 }' /proc/sysvipc/shm | grep -qx 644; ok $? "the segment is read-only for others (0644)"

spawn learner $(neutral_env) "$IPCTUTOR" --reproducible --follow
send learner "explain EPERM"
wait_for learner "EPERM (Operation"; ok $? "the learner's tutor follows"

send teacher "goto 3.2"
wait_for learner "Following the teacher to 3.2."; ok $? "the teacher jumps to 3.2: the learner goes along"
wait_for learner "Step 3.2 ("; ok $? "  and sees step 3.2"
send teacher next next next   # step 3.2 asks a question: the second next skips it, the third goes on
wait_for learner "Following the teacher to 3.3."; ok $? "the teacher goes on: so does the learner"

send learner unfollow
wait_for learner "You go on alone"; ok $? "unfollow: the learner goes on alone"
send teacher next
send learner "explain EEXIST"
wait_for learner "IPC_CREAT|IPC_EXCL found"
! grep -q "Following the teacher to 3.4" "$TEST_TMP/learner.log"; ok $? "  and the teacher's next move does not take it along"
send learner follow
wait_for learner "Following the teacher to 3.4."; ok $? "follow: the learner catches up with the move it missed"
wait_for learner "Step 3.4 ("; ok $? "  and sees step 3.4"

send teacher quit
finish teacher
[ "$status" = 0 ]; ok $? "the teacher quits"
wait_for learner "The teacher stopped leading"; ok $? "the learner is told the teacher stopped leading"
wait_for learner "answered E"
tr '\n' ' ' < "$TEST_TMP/learner.log" | grep -q "semop answered EIDRM"; ok $? "  by EIDRM: its listener was asleep in semop when the board went"
send learner quit
finish learner
[ "$status" = 0 ]; ok $? "the learner quits"
[ "$(ipc_objects | wc -l)" = 0 ]; ok $? "nothing is left"
done_testing
