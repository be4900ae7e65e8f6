#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# tutor.t: the real readline prompt through a pseudo-terminal (ptydrive):
# the prompt, Tab completion of commands and flags, history (in the session
# and saved for the next), Ctrl-C discarding the line, Ctrl-D quitting with
# the cleanup, and a hangup (terminal closed) cleaning up too.  The
# environment is neutral, as in GDB's testsuite: TERM=dumb, an inputrc
# without bracketed paste, a fresh HOME.
source "$(dirname "$0")/../lib/common.sh"

rerun_in_fresh_ns

HOME_DIR=$TEST_TMP/home
mkdir -p "$HOME_DIR"
# drive NAME [TUTOR-OPTIONS...] < SCRIPT: run the tutor on a pty.
drive() {
	local name=$1
	shift
	pty_drive "$name" 200 "$IPCTUTOR" --reproducible "$@"
}

drive "prompt, Tab completion and Ctrl-D" <<'S'
expect ipctutor 1.1> 
send msgg\t
expect msgget 
send IPC_PRIV\t
expect IPC_PRIVATE 
send IPC_CREAT|IPC_E\t
expect IPC_CREAT|IPC_EXCL
send |0600\r
expect = 0
expect ipctutor 1.1> 
send explain EID\t
expect explain EIDRM
send \r
expect immediate restart signal
expect ipctutor 1.1> 
send \x04
expect objects left behind: 0
wait-exit 0
S

drive "history: Ctrl-P brings the last line back, and it is saved" <<'S'
expect ipctutor 1.1> 
send explain ENOSPC\r
expect per IPC namespace
expect ipctutor 1.1> 
send \x10\r
expect per IPC namespace
expect ipctutor 1.1> 
send quit\r
wait-exit 0
S
grep -qx 'explain ENOSPC' "$HOME_DIR/.local/state/ipctutor/history"
ok $? "the history file keeps the lines for the next session"

drive "Ctrl-C discards the line and gives the prompt back" <<'S'
expect ipctutor 1.1> 
send msgget not-a-key
send \x03
expect ^C
expect ipctutor 1.1> 
send explain EEXIST\r
expect IPC_CREAT|IPC_EXCL found
expect-not is not a key
send quit\r
wait-exit 0
S

drive "the progress file brings the learner back where they stopped" <<'S'
expect Welcome back
expect ipctutor 1.1> 
send next\r
expect ipctutor 1.2?> 
send quit\r
wait-exit 0
S

drive "a hangup (terminal closed) ends it like quit, by SIGHUP" --shared <<'S'
expect ipctutor 1.2?> 
send server start\r
expect IPC_CREAT|IPC_EXCL|0600) = 
expect ipctutor 1.2?> 
hangup
wait-exit signal HUP
S
[ "$(ipc_objects | wc -l)" = 0 ]
ok $? "after the hangup no object is left in the namespace"

drive "a long churn shows its progress, and Ctrl-C stops it cleanly" 1.1 <<'S'
expect ipctutor 1.1> 
send churn 5000000\r
expect cycles · 
send \x03
expect Stopped after
expect ipctutor 1.1> 
send lang fr\r
expect parle
send quit\r
wait-exit 0
S

drive "resize" 1.1 <<'S'
expect ipctutor 1.1> 
winsize 24 40
send explain EIDRM\r
expect wait gives EINVAL instead.
expect ipctutor 1.1> 
send quit\r
wait-exit 0
S
# In the log, the explanation after the resize: no line of prose wider than
# 40 columns (words are never cut, and none here is that long).
sed -n '/explain EIDRM/,/ipctutor 1.1> quit/p' "$TEST_TMP/resize.log" | tr -d '\r' | grep -v 'ipctutor 1.1>' > "$TEST_TMP/resized"
[ "$(wc -l < "$TEST_TMP/resized")" -ge 5 ] &&
	perl -CSD -ne 'chomp; $n++ if length > 40; END { exit($n ? 1 : 0) }' "$TEST_TMP/resized"
ok $? "a resized terminal (SIGWINCH): the next output wraps within the new 40 columns"

drive "an open question changes the prompt" 1.7 <<'S'
expect ipctutor 1.7?> 
send 2\r
expect Right.
expect ipctutor 1.7?> 
send quit\r
wait-exit 0
S
done_testing
