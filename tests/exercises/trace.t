#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# trace.t: "ipctutor trace -- PROG" shows every System V IPC call of a
# program of our own (tests/exercises/traceme.c), traced from outside with
# ptrace: the calls of the forked child under its own [pid], a stale
# identifier (EINVAL), EAGAIN, a deferred shared-memory removal; the
# program's own output passes through and its exit status comes back.
source "$(dirname "$0")/../lib/common.sh"

cc -O1 -o "$TEST_TMP/traceme" "$srcdir/tests/exercises/traceme.c"
ok $? "the test program compiles"

in_fresh_ns "$IPCTUTOR" trace --reproducible -- "$TEST_TMP/traceme" > "$TEST_TMP/out" 2> "$TEST_TMP/err"
status=$?
if grep -q "not allowed" "$TEST_TMP/err"; then
	echo "1..0 # SKIP ptrace is not allowed here: $(cat "$TEST_TMP/err")"
	exit 0
fi
[ "$status" = 3 ]; ok $? "trace exits with the program's status (3), got $status"

expect() {  # expect LINE DESCRIPTION: LINE must be in the output, as is
	unwrap_calls < "$TEST_TMP/out" | grep -qxF -- "$1"
	local s=$?
	ok $s "$2"
	[ $s = 0 ] || { echo "# wanted: $1"; diag < "$TEST_TMP/out"; }
}
expect "  [pid#1] msgget(0x7e570001, IPC_CREAT|IPC_EXCL|0600) = 0" "msgget with its flags and result"
expect '  [pid#1] msgsnd(0, {1, "hello"}, 5, 0) = 0' "msgsnd with the message read from the program"
expect "  [pid#1] fork() = pid#2" "the fork"
expect '  [pid#2] msgrcv(0, {1, "hello"}, 32, 0, 0) = 5' "the child's msgrcv, under the child's pid"
expect "  [pid#2] +++ exited with 0 +++" "the child's end"
expect "  [pid#1] msgctl(0, IPC_RMID, NULL) = 0" "msgctl IPC_RMID"
expect '  [pid#1] msgsnd(0, {1, "hello"}, 5, 0) = -1 EINVAL (Invalid argument)' "the stale identifier gives EINVAL"
grep -q "Linux answers EINVAL" "$TEST_TMP/out"; ok $? "with the lessons' explanation of a stale identifier"
expect "  [pid#1] semget(0x7e570001, 1, IPC_CREAT|0600) = 0" "semget"
expect "  [pid#1] semop(0, [{sem_num=0, sem_op=-1, sem_flg=IPC_NOWAIT}], 1) = -1 EAGAIN (Resource temporarily unavailable)" \
	"semop with IPC_NOWAIT on a zero semaphore gives EAGAIN"
expect "  [pid#1] shmat(0, NULL, 0) = ADDR1" "shmat"
expect "  [pid#1] shmctl(0, IPC_RMID, NULL) = 0" "shmctl IPC_RMID while attached"
unwrap_calls < "$TEST_TMP/out" | grep -qF "  [pid#1] shmctl(0, IPC_STAT, {...}) = 0  {key=IPC_PRIVATE, cuid=\$UID, mode=0600|SHM_DEST, shm_segsz=4096, shm_nattch=1"
ok $? "IPC_STAT after the removal: key IPC_PRIVATE, creator \$UID (reproducible), SHM_DEST, still attached once"
# Without --reproducible the creator is the number the program's own
# namespace gives it (0 in the user namespace of an ordinary user's run).
in_fresh_ns bash -c 'echo "uid=$(id -u)"; exec "$1" trace -- "$2"' _ "$IPCTUTOR" "$TEST_TMP/traceme" > "$TEST_TMP/real" 2>&1
uid=$(sed -n '1s/^uid=//p' "$TEST_TMP/real")
unwrap_calls < "$TEST_TMP/real" | grep -qF "IPC_STAT, {...}) = 0  {key=IPC_PRIVATE, cuid=$uid, mode=0600|SHM_DEST,"
ok $? "without --reproducible: the creator's uid as the program's namespace gives it ($uid)" || diag < "$TEST_TMP/real"
expect "  [pid#1] shmdt(ADDR1) = 0" "shmdt"
expect "  [pid#1] shmctl(0, IPC_STAT, {...}) = -1 EINVAL (Invalid argument)" "after the last detach the segment is gone"
expect "child received 5 bytes" "the child's own output passes through"
expect "done" "the program's own output passes through"
expect "  [pid#1] +++ exited with 3 +++" "the program's end"
[ "$(grep -c 'msgget\|msgsnd\|msgrcv\|msgctl\|semget\|semop\|semctl\|shmget\|shmat\|shmdt\|shmctl' "$TEST_TMP/out")" = 14 ]
ok $? "all 14 calls are shown, no more"

# A static binary is traced the same way (from outside: nothing to preload).
if cc -static -O1 -o "$TEST_TMP/traceme-static" "$srcdir/tests/exercises/traceme.c" 2>/dev/null; then
	in_fresh_ns "$IPCTUTOR" trace --reproducible -- "$TEST_TMP/traceme-static" > "$TEST_TMP/static" 2>&1
	diff <(grep -v 'pid#1\] --- SIG' "$TEST_TMP/out") <(grep -v 'pid#1\] --- SIG' "$TEST_TMP/static") > /dev/null
	ok $? "a static binary gives the same trace"
else
	ok 0 "# SKIP no static C library to link a static test program"
fi

# A program killed by a signal: named, and 128+N as exit status.
in_fresh_ns "$IPCTUTOR" trace -- sh -c 'kill -SEGV $$' > "$TEST_TMP/segv" 2>&1
status=$?
[ "$status" = 139 ] && grep -q "+++ killed by SIGSEGV" "$TEST_TMP/segv"
ok $? "a program killed by SIGSEGV: named, exit status 139 (got $status)"

"$IPCTUTOR" trace -- "$TEST_TMP/no-such-program" > "$TEST_TMP/none" 2>&1
status=$?
tr -s '\n ' '  ' < "$TEST_TMP/none" | grep -qF "The program $TEST_TMP/no-such-program could not be started: No such file"
s=$?
[ "$status" = 127 ] && [ $s = 0 ]
ok $? "a missing program: one sentence that names it, status 127 (got $status)" || diag < "$TEST_TMP/none"
"$IPCTUTOR" trace -- "$(printf './no\033]0;title\007such')" > "$TEST_TMP/none" 2>&1
[ $? = 127 ] && tr -s '\n ' '  ' < "$TEST_TMP/none" | grep -qF 'The program ./no\x1b]0;title\x07such could not be started' && ! grep -q "$(printf '\033')" "$TEST_TMP/none"
ok $? "a missing program's name is shown escaped (no terminal control reaches the screen)" || diag < "$TEST_TMP/none"

"$IPCTUTOR" trace > /dev/null 2>&1
[ $? = 2 ]; ok $? "trace without a program is a usage error (2)"
done_testing
