#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# follow-world.t: a follower moved past a question it never answered
# lands in the same world as a learner who walked there.  The teacher goes
# to 1.2 (a prediction: the client's msgget is still to be made) and on to
# 1.3 while the learner's question stays open; the follower then finishes
# step 1.2 quietly (the prediction's call made, no rebuild) and runs 1.3.
# What the follower then sees (the objects, their identifiers and keys, the
# values the lesson set, the processes and what they hold) must be what a
# learner sees who walked 1.1 to 1.3 by next and answers.  Then on past
# the two questions of 1.7, and into lesson 2.  Real processes; every wait is on
# output.
source "$(dirname "$0")/../lib/common.sh"

rerun_in_fresh_ns

# children PID: PID's child processes, one pid a line.
children() { tr ' ' '\n' < "/proc/$1/task/$1/children" | grep .; }
# wait_children PID N: until /proc says PID has N children, looking again
# every few milliseconds (a deadline of 20 s only catches failure).
wait_children() {
	local deadline=$((SECONDS + 20)) tick
	exec {tick}<> <(:)
	while [ "$(children "$1" | wc -l)" != "$2" ] && [ "$SECONDS" -lt "$deadline" ]; do
		read -r -t 0.005 -u "$tick" _ || :
	done
	exec {tick}<&-
	[ "$(children "$1" | wc -l)" = "$2" ]
}

# The world at a step, as the learner can look at it.
look=(ipcs "explain {qid}" "explain {client_qid}" "msgctl {client_qid} stat" "client send ping" "server recv"
      "ipcs" "# looked")
# world FILE: the lines from the first look to its end, pids left out
# (the processes are others, each started in its turn).
world() {
	sed -n '/> ipcs$/,/> # looked$/p' "$1" | sed -E 's/pid [0-9]+/pid N/g; s/^ipctutor [0-9.]+\?*> /> /'
}

# The straight walk: next and answers, in a tutor of its own.
{ echo next; echo 2; echo next; printf '%s\n' "${look[@]}"; echo quit; } |
	in_fresh_ns $(neutral_env) "$IPCTUTOR" --reproducible 1.1 > "$TEST_TMP/walk.out" 2>&1
grep -q "^ipctutor 1.3> # looked" "$TEST_TMP/walk.out"
ok $? "a learner walks 1.1 to 1.3 by next, answering 1.2's question, and looks"
world "$TEST_TMP/walk.out" > "$TEST_TMP/walk.world"

spawn teacher $(neutral_env) "$IPCTUTOR" --reproducible --lead 1.1
send teacher "explain EPERM"
wait_for teacher "EPERM (Operation"; ok $? "the teacher leads from 1.1"
spawn learner $(neutral_env) "$IPCTUTOR" --reproducible --follow
wait_for learner "Step 1.1 ("; ok $? "the follower starts at the teacher's step"
# A second follower, with real pids, for the processes it prepares.
spawn other $(neutral_env) "$IPCTUTOR" --follow
wait_for other "Step 1.1 ("
# Its listener is the child in the machine's namespace (here the test's),
# started before the tutor entered its own.
listener=$(for c in $(children "$other_pid"); do
	[ "$(readlink "/proc/$c/ns/ipc")" = "$(readlink /proc/$$/ns/ipc)" ] && echo "$c"; done)
send teacher "goto 1.2"
wait_for learner "Step 1.2 ("
wait_for learner "Answer with the number"; ok $? "the teacher goes to 1.2: the follower's question is open"
wait_for other "Step 1.2 ("
wait_children "$other_pid" 3; ok $? "once quiet after the move, a follower has two processes ready besides its listener"
spares=$(children "$other_pid" | grep -vx "$listener" | sort)
send teacher "goto 1.3"
wait_for learner "Step 1.3 ("; ok $? "the teacher goes on to 1.3, the question still open: the follower goes along"
wait_for other "server process started"
send other "client stop" "# stopped"   # the client was started quietly: its pid, said as it ends
wait_for other "> # stopped"
started=$(grep -oE "(server process started: pid|client \(pid) [0-9]+" "$TEST_TMP/other.log" | grep -oE "[0-9]+$" | sort)
[ -n "$spares" ] && [ "$started" = "$spares" ]
ok $? "  its client and its server are the two processes it had ready ($(echo $started); ready: $(echo $spares))"
send learner "${look[@]}"
wait_for learner "> # looked"; ok $? "the follower looks at its world"
world "$TEST_TMP/learner.log" > "$TEST_TMP/follow.world"
[ -s "$TEST_TMP/walk.world" ] && diff "$TEST_TMP/walk.world" "$TEST_TMP/follow.world" > "$TEST_TMP/diff"
ok $? "the follower's world at 1.3 is the one the learner who walked there sees"
diag < "$TEST_TMP/diff"
! grep -q "This step expected" "$TEST_TMP/learner.log"; ok $? "  and no step found what it did not expect"

# Processes made ready in a namespace the tutor has left are never used:
# a new one is forked (here the follower goes back alone, and at once
# starts a server of its own, before it is quiet again).
wait_children "$other_pid" 4   # its listener, its server, two made ready again
ready=$(children "$other_pid" | sort)
send other "goto 1.1" "server start" "ipcs" "# fresh"
wait_for other "> # fresh"
server=$(grep -o "server process started: pid [0-9]*" "$TEST_TMP/other.log" | tail -1 | grep -o "[0-9]*$")
[ -n "$server" ] && ! echo "$ready" | grep -qx "$server" && tail -n 12 "$TEST_TMP/other.log" | grep -Eq "^ +\* 0x[0-9a-f]{8} +0 "
ok $? "  a process made ready in the namespace before a rebuild is not started there: a new one is, its queue 0"

send teacher "goto 1.7"
wait_for learner "Step 1.7 ("
# 1.7 asks two questions, each warned of and then skipped by the teacher;
# the follower leaves both open and finishes the step quietly.
send teacher "next" "next" "next" "next" "next"
wait_for learner "Step 1.8 ("; ok $? "on past 1.7's two open questions to 1.8"
send teacher "next"
wait_for learner "Step 2.1 ("; ok $? "and into lesson 2"
send learner "ipcs" "# done"
wait_for learner "> # done"
! grep -q "This step expected" "$TEST_TMP/learner.log"; ok $? "  and no step found what it did not expect"

send teacher quit
finish teacher
wait_for learner "The teacher stopped leading"
wait_for other "The teacher stopped leading"
send other quit
finish other
send learner quit
finish learner
[ "$status" = 0 ] || [ "$status" = 1 ]; ok $? "the follower quits (exit $status: 1 for the lines refused while looking)"
[ "$(ipc_objects | wc -l)" = 0 ]; ok $? "nothing is left"
done_testing
