#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# noptrace.t: where the kernel refuses ptrace (tests/lib/noptrace.c
# installs the seccomp filter container runtimes use: ptrace fails with
# EPERM), "trace" and "check" say so in one sentence and still run the
# program: trace passes its output and exit status through; check runs it
# through the scenario, grades how it ended, and shows each requirement
# that reads the calls as not judged (exit status 2, or 1 on a failure).
source "$(dirname "$0")/../lib/common.sh"

exercise_env 10
sentence="Tracing is not allowed here (ptrace: Operation not permitted), so the calls cannot be shown."

need_cc "the test programs"
# Under AddressSanitizer (make check-asan), the leak check at exit stops
# the program's threads with ptrace, which the filter refuses: it is off
# for these runs.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
"$NOPTRACE" true 2> "$TEST_TMP/why"
if [ $? = 77 ]; then
	echo "1..0 # SKIP $(cat "$TEST_TMP/why")"
	exit 0
fi
"$NOPTRACE" grep -q '^Seccomp:[[:space:]]*2$' /proc/self/status
ok $? "the helper runs its command under a seccomp filter"

cc -O1 -o "$TEST_TMP/traceme" "$srcdir/tests/exercises/traceme.c"
in_fresh_ns "$NOPTRACE" "$IPCTUTOR" trace -- "$TEST_TMP/traceme" > "$TEST_TMP/out" 2> "$TEST_TMP/err"
status=$?
[ "$(cat "$TEST_TMP/err")" = "ipctutor: $sentence" ]
ok $? "trace: one sentence says that tracing is not allowed, and why" || diag < "$TEST_TMP/err"
[ "$status" = 3 ] && grep -qx "child received 5 bytes" "$TEST_TMP/out" && grep -qx "done" "$TEST_TMP/out"
ok $? "trace: the program runs all the same: its output, its exit status (3, got $status)" || diag < "$TEST_TMP/out"
! grep -q "msgget\|msgsnd\|semop\|shmat" "$TEST_TMP/out"
ok $? "trace: and no call is shown as if it had been seen"

# unwrapped OUT: the check's output with its wrapped paragraphs joined.
unwrapped() { tr -s '\n ' '  ' < "$TEST_TMP/out"; }
in_fresh_ns "$NOPTRACE" "$IPCTUTOR" check 1 "$srcdir/exercises/01-lookup-client/solution.c" > "$TEST_TMP/out" 2>&1
status=$?
unwrapped | grep -qF "$sentence"
ok $? "check: the same sentence" || diag < "$TEST_TMP/out"
grep -qx "  | server not running" "$TEST_TMP/out" && grep -qx "  | answer: 1" "$TEST_TMP/out"
ok $? "check: the program runs through the scenario, with and without the tutor's server"
unwrapped | grep -qF "SKIP Your client gets the server's answer and exits with status 0: without tracing, your program's calls cannot be seen, so this is not judged" &&
	! grep -q "PASS\|FAIL" "$TEST_TMP/out"
ok $? "check: a requirement that reads the calls is not judged, neither passed nor failed"
[ "$status" = 2 ] && unwrapped | grep -qF "Without tracing, only how your program ended could be judged."
ok $? "check: status 2, and what could be judged (got $status)"

in_fresh_ns "$NOPTRACE" "$IPCTUTOR" check 1 "$srcdir/tests/exercises/wrong/crash-client.c" > "$TEST_TMP/out" 2>&1
status=$?
[ "$status" = 1 ] && unwrapped | grep -qF "FAIL Your program runs without crashing: it was killed by SIGSEGV (signal 11): it crashed"
ok $? "check: how the program ended is still graded: a crash fails (status $status)" || diag < "$TEST_TMP/out"
in_fresh_ns bash -c '"$1" "$2" check 1 "$3" > /dev/null 2>&1; cat /proc/sysvipc/msg /proc/sysvipc/sem /proc/sysvipc/shm | grep -vc "^ *key"' _ \
	"$NOPTRACE" "$IPCTUTOR" "$srcdir/exercises/01-lookup-client/solution.c" > "$TEST_TMP/left"
[ "$(cat "$TEST_TMP/left")" = 0 ]; ok $? "check: no IPC object is left"
done_testing
