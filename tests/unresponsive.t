#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# unresponsive.t: a server or client process that does not answer (here:
# stopped by SIGSTOP) is named in one sentence at once, read from
# /proc/PID/stat, not after a deadline; later commands to it are refused at
# once until it answers again; and SIGTERM ends the tutor, with its
# cleanup, while a process of its own does not answer.
source "$(dirname "$0")/lib/common.sh"
rerun_in_fresh_ns

tutor() { $(neutral_env) "$IPCTUTOR" "$@"; }

# --- a stopped client: one sentence at once, refused, then answers again ----
spawn t tutor
send t "client msgget 0x1234 IPC_CREAT|0600"
wait_for t "client process started: pid"
pid=${got##*pid }
pid=${pid%.*}
wait_for t "msgget(0x1234, IPC_CREAT|0600) = "
kill -STOP "$pid"
send t "client msgget 0x1234 0"
wait_for t "client (pid $pid) is stopped (SIGSTOP) and does not answer"
ok $? "a stopped client is named stopped, in one sentence"
send t "client msgget 0x1235 IPC_CREAT|0600"
wait_for t "client (pid $pid) still does not answer"
ok $? "  the next command to it is refused at once"
kill -CONT "$pid"
send t "client msgget 0x1236 IPC_CREAT|0600"
wait_for t "msgget(0x1236, IPC_CREAT|0600) = "
ok $? "  continued, it answers again"
send t quit
finish t
grep -q "0x1235" "$TEST_TMP/t.log" && ! grep -q "msgget(0x1235" "$TEST_TMP/t.log"
ok $? "  the refused command was never run"
grep -q "objects left behind: 0" "$TEST_TMP/t.log" && [ -z "$(ipc_objects)" ]
ok $? "  quit removes what it made"
[ "$tap_failed" = 0 ] || diag < "$TEST_TMP/t.log"

# --- SIGTERM while a process of the tutor's does not answer -------------------
spawn u tutor
send u "client msgget 0x2234 IPC_CREAT|0600"
wait_for u "client process started: pid"
pid=${got##*pid }
pid=${pid%.*}
wait_for u "msgget(0x2234, IPC_CREAT|0600) = "
kill -STOP "$pid"
send u "client msgget 0x2234 0"
stop u TERM   # waits for the tutor's exit; no timer
grep -q "objects left behind: 0" "$TEST_TMP/u.log" && [ -z "$(ipc_objects)" ]
ok $? "SIGTERM with a stopped client: the tutor ends and cleans up"
! kill -0 "$pid" 2>/dev/null
ok $? "  the stopped client is gone too"
[ "$tap_failed" = 0 ] || diag < "$TEST_TMP/u.log"

done_testing
