#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# classroom.t: "ipctutor server" and "ipctutor client" as separate
# processes, in this test's own IPC namespace (which stands for the host's
# namespace of a lab machine).  The server is crashed with SIGKILL and
# restarted; the client must say "server restarted: old ID X, new ID Y"
# and go on, whether its next call finds the stale identifier (EINVAL) or
# it was asleep in the queue when the new server removed it (EIDRM).  The
# --naive client must fail as the classic example does; the --shm variant
# must notice the restart through its semaphore; a second server, and
# another user's server, must not disturb a running one; Ctrl-C must leave
# nothing behind.  Synchronisation is on output lines and process exits.
source "$(dirname "$0")/../lib/common.sh"

rerun_in_fresh_ns

# The key file is in $RUN: our own, or one the other user can reach too.
other_user_copy
RUN=${OTHER_DIR:-$TEST_TMP}/run
ENV=(env -u LANGUAGE -u LANG -u LC_MESSAGES -u IPCTUTOR_RUNDIR HOME="$TEST_TMP" XDG_RUNTIME_DIR="$RUN"
	LC_ALL=C NO_COLOR=1 TERM=dumb)

# check STATUS DESCRIPTION NAME: ok, and on failure show NAME's log.
check() {
	ok "$1" "$2"
	[ "$1" = 0 ] || diag < "$TEST_TMP/$3.log"
}

# calls NAME: NAME's log with its wrapped call lines joined.
calls() { unwrap_calls < "$TEST_TMP/$1.log"; }

# ---- message queue: crash, restart, the client carries on ----------------

spawn server "${ENV[@]}" "$IPCTUTOR" server
wait_for server "Serving on queue"; check $? "the server starts and serves" server
first_qid=$(sed -n 's/.*Serving on queue \([0-9]*\).*/\1/p' <<< "$got")

spawn client "${ENV[@]}" "$IPCTUTOR" client
wait_for client "msgget("; check $? "the client looks the key up" client
send client hello
wait_for client "answer: sequence number 1"; check $? "the client gets sequence number 1" client
send client ""
wait_for client "answer: sequence number 2"; check $? "an empty line sends a request too: 2" client

stop server KILL
[ "$status" = 137 ]; check $? "kill -9 crashes the server (status $status)" server
[ "$(ipc_objects | wc -l)" = 1 ]; check $? "its queue is left behind" server

spawn server "${ENV[@]}" "$IPCTUTOR" server
wait_for server "Serving on queue"; check $? "the restarted server serves" server
second_qid=$(sed -n 's/.*Serving on queue \([0-9]*\).*/\1/p' <<< "$got")
grep -q "EEXIST" "$TEST_TMP/server.log" && calls server | grep -q "msgctl($first_qid, IPC_STAT" \
	&& calls server | grep -q "msgctl($first_qid, IPC_RMID, NULL) = 0"
check $? "it finds, checks and removes the stale queue $first_qid" server
[ -n "$second_qid" ] && [ "$second_qid" != "$first_qid" ]; check $? "it gets a new ID ($second_qid)" server

send client again
wait_for client "server restarted:"; check $? "the client notices the restart" client
[ "$got" = "server restarted: old ID $first_qid, new ID $second_qid" ]
check $? "it reports: $got" client
calls client | grep -q "msgsnd($first_qid, .* EINVAL"; check $? "its call on the stale ID got EINVAL" client
wait_for client "answer: sequence number 1"; check $? "and it carries on: the new server answers 1" client

# A crash while the client waits: its request sits in the dead server's
# queue, the client asleep in msgrcv, shown at once as unfinished (it must
# not look hung); the restart wakes it with EIDRM.
stop server KILL
send client "while nobody serves"
wait_for client "msgsnd($second_qid"; check $? "the client sends to the dead server's queue" client
wait_for client "msgrcv($second_qid,  <unfinished ...>"
check $? "its msgrcv is shown at once: $got" client
# The line is printed just before the call: restart only once the kernel
# has the client asleep in msgrcv (else it would find the queue gone: EINVAL).
wait_asleep_in_msgrcv() {
	local pid t=0
	pid=$(pgrep -P "$client_pid" -x ipctutor 2>/dev/null | head -1); [ -n "$pid" ] || pid=$client_pid
	until grep -q msgrcv "/proc/$pid/wchan" 2>/dev/null; do
		t=$((t + 1)); [ $t -lt 200000 ] || return 1
	done
}
wait_asleep_in_msgrcv; check $? "the kernel has the client asleep in msgrcv" client
spawn server "${ENV[@]}" "$IPCTUTOR" server
wait_for server "Serving on queue"; check $? "a third server starts" server
third_qid=$(sed -n 's/.*Serving on queue \([0-9]*\).*/\1/p' <<< "$got")
wait_for client "<... msgrcv resumed>"; check $? "the kernel wakes it: <... msgrcv resumed>" client
wait_for client "server restarted:"; check $? "the waiting client notices the restart" client
[ "$got" = "server restarted: old ID $second_qid, new ID $third_qid" ]; check $? "it reports: $got" client
calls client | grep -A1 -F "msgrcv($second_qid,  <unfinished ...>" | tail -1 | grep -q "<\.\.\. msgrcv resumed>.* = -1 EIDRM"
check $? "its wait ended with EIDRM when the new server removed the queue" client
calls client | grep -A1 -F "msgrcv($second_qid,  <unfinished ...>" | tail -1 | diag
wait_for client "answer: sequence number 1"; check $? "it sends the request again and gets 1" client

# Only one server per user: the second refuses and disturbs nothing.
spawn twin "${ENV[@]}" "$IPCTUTOR" server
finish twin
[ "$status" = 1 ] && grep -q "Another server of yours is running" "$TEST_TMP/twin.log"
check $? "a second server refuses to start (status $status)" twin
send client after-twin
wait_for client "answer: sequence number 2"; check $? "the first server still serves" client

# Another user, sharing the key file, cannot remove our server's queue.
if [ -n "$OTHER_DIR" ]; then
	stop server KILL
	chmod 666 "$RUN/ipctutor.key"   # a key that collides, as ftok keys can
	spawn other "${OTHER[@]}" "${ENV[@]}" HOME="$OTHER_DIR/home" "$OTHER_IPCTUTOR" server
	finish other
	[ "$status" = 1 ] && grep -q "EACCES" "$TEST_TMP/other.log" && ! grep -q "IPC_RMID" "$TEST_TMP/other.log" \
		&& [ "$(ipc_objects | wc -l)" = 1 ]
	check $? "another user's server leaves our stale queue alone (status $status)" other
	spawn server "${ENV[@]}" "$IPCTUTOR" server
	wait_for server "Serving on queue"; check $? "our own server recovers it" server
	send client "back"
	wait_for client "answer: sequence number 1"; check $? "and the client carries on" client
else
	skip 3 "$why"
fi

# Ctrl-C: the server removes its queue; the client ends at end of input.
stop server INT
[ "$status" = 0 ] && grep -q "SIGINT: the server stops cleanly" "$TEST_TMP/server.log" \
	&& calls server | grep -Eq "msgctl\([0-9]+, IPC_RMID, NULL\) = 0"
check $? "Ctrl-C stops the server cleanly (status $status) and removes its queue" server
finish client
[ "$status" = 0 ]; check $? "the client ends at end of input (status $status)" client
[ "$(ipc_objects | wc -l)" = 0 ]; ok $? "no object is left"
ipc_objects | diag

# ---- the naive client ----------------------------------------------------

spawn server "${ENV[@]}" "$IPCTUTOR" server
wait_for server "Serving on queue"; check $? "naive: the server starts" server
spawn naive "${ENV[@]}" "$IPCTUTOR" client --naive
send naive hello
wait_for naive "answer: sequence number 1"; check $? "naive: the client gets an answer" naive
stop server KILL
spawn server "${ENV[@]}" "$IPCTUTOR" server
wait_for server "Serving on queue"; check $? "naive: the server restarts" server
send naive hello
finish naive
[ "$status" = 1 ] && grep -q "ipctutor: msgsnd: Invalid argument" "$TEST_TMP/naive.log" \
	&& ! grep -q "server restarted" "$TEST_TMP/naive.log"
check $? "naive: it exits with \"Invalid argument\" (status $status), as the classic example does" naive

# --count for scripts: three requests, no input needed.
spawn counted "${ENV[@]}" "$IPCTUTOR" client --count 3
finish counted
[ "$status" = 0 ] && grep -q "answer: sequence number 3" "$TEST_TMP/counted.log"
check $? "client --count 3 sends three requests" counted
stop server TERM
[ "$status" = 0 ] && [ "$(ipc_objects | wc -l)" = 0 ]; check $? "SIGTERM stops the server cleanly too" server

# ---- shared memory and its semaphore -------------------------------------

spawn server "${ENV[@]}" "$IPCTUTOR" server --shm
wait_for server "Serving: segment"; check $? "shm: the server starts" server
first_shm=$(sed -n 's/.*Serving: segment \([0-9]*\).*/\1/p' <<< "$got")
spawn client "${ENV[@]}" "$IPCTUTOR" client --shm
send client one
wait_for client "answer: sequence number 1"; check $? "shm: the client gets 1" client
send client two
wait_for client "answer: sequence number 2"; check $? "shm: and 2" client
stop server KILL
spawn server "${ENV[@]}" "$IPCTUTOR" server --shm
wait_for server "Serving: segment"; check $? "shm: the server restarts" server
second_shm=$(sed -n 's/.*Serving: segment \([0-9]*\).*/\1/p' <<< "$got")
calls server | grep -q "shmctl($first_shm, IPC_RMID, NULL) = 0"; check $? "shm: it removes the old segment" server

"${ENV[@]}" "$IPCTUTOR" watch --once > "$TEST_TMP/watch.log" 2>&1
grep -Eq "^ +IPC_PRIVATE +$first_shm .* dest " "$TEST_TMP/watch.log"
check $? "watch --once shows the old segment marked dest, with key 0 (IPC_PRIVATE)" watch
grep -Eq "^ +0x[0-9a-f]+ +$second_shm " "$TEST_TMP/watch.log"; check $? "and the new one" watch
! grep -q "marks the objects this tutor created" "$TEST_TMP/watch.log"
check $? "watch has no legend about objects the tutor created (it creates none)" watch
[ "$(LC_ALL=C.UTF-8 wc -L < "$TEST_TMP/watch.log")" -le 80 ]; check $? "watch fits 80 columns" watch
"${ENV[@]}" "$IPCTUTOR" client > "$TEST_TMP/otherkind.log" 2>&1 < /dev/null
status=$?
[ "$status" = 1 ] && grep -q "is the shared memory kind" "$TEST_TMP/otherkind.log" && ! grep -q "No server is running" "$TEST_TMP/otherkind.log"
check $? "a queue client at an shm server's key says a server of the other kind is there (status $status)" otherkind

send client three
wait_for client "server restarted:"; check $? "shm: the client notices the restart" client
[ "$got" = "server restarted: old ID $first_shm, new ID $second_shm" ]; check $? "it reports: $got" client
calls client | grep -q "semop(.* EINVAL" && calls client | grep -q "shmctl($first_shm, IPC_STAT.*SHM_DEST" \
	&& calls client | grep -q 'read .*"2"'
check $? "shm: EINVAL on semop; the old segment, SHM_DEST, still reads 2" client
wait_for client "answer: sequence number 1"; check $? "shm: and it carries on with the new segment" client
stop server INT
finish client
[ "$status" = 0 ] && [ "$(ipc_objects | wc -l)" = 0 ]; ok $? "shm: Ctrl-C and end of input leave nothing"
ipc_objects | diag

# ---- bad use --------------------------------------------------------------

"${ENV[@]}" "$IPCTUTOR" client > "$TEST_TMP/noserver.log" 2>&1 < /dev/null
status=$?
[ "$status" = 1 ] && grep -q "No server is running at key" "$TEST_TMP/noserver.log"
check $? "a client without a server says so (status $status)" noserver
"${ENV[@]}" "$IPCTUTOR" watch --naive > "$TEST_TMP/badopt.log" 2>&1
[ $? = 2 ]; check $? "watch --naive is refused with status 2" badopt
done_testing
