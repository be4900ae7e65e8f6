#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# paths.t: the terminal on the learner's side of every path (issue 11).
# Ctrl-C at the prompt says how to leave and, under `make run`, reaches the
# tutor alone: make exits 0 after quit and the shell that started it goes
# on.  Ctrl-C while a process is asleep in a call interrupts the call
# (EINTR).  A call that blocks is shown at once as "<unfinished ...>" and
# completed as "<... msgrcv resumed>".  A step longer than the terminal
# stops at a one-line "more" prompt at 80x24.
source "$(dirname "$0")/../lib/common.sh"

rerun_in_fresh_ns

HOME_DIR=$TEST_TMP/home
mkdir -p "$HOME_DIR"
# drive NAME ROWS COMMAND... < SCRIPT: run COMMAND on a ROWSx80 pty.
drive() { pty_drive "$@"; }

# The project's run target, as `make run` starts the tutor (its build
# prerequisites left out: the tutor is built already).
cat > "$TEST_TMP/Makefile" <<MK
run:
	IPCTUTOR_LESSONS="$IPCTUTOR_LESSONS" IPCTUTOR_LOCALEDIR="$IPCTUTOR_LOCALEDIR" "$IPCTUTOR" \$(ARGS)
MK

drive "under make run: Ctrl-C at the prompt says how to leave; quit; make exits 0; the shell goes on" 200 \
	sh -c 'make -s -f "$1" run ARGS="--reproducible 1.1"; echo "make exited $?"; echo "the shell is still here"' \
	sh "$TEST_TMP/Makefile" <<'S'
expect ipctutor 1.1> 
send msgget half-typed
send \x03
expect ^C
expect To leave, type quit
expect ipctutor 1.1> 
send \x03
expect To leave, type quit
expect ipctutor 1.1> 
send quit\r
expect objects left behind: 0
expect make exited 0
expect the shell is still here
wait-exit 0
S

drive "a blocked call is shown at once, and Ctrl-C interrupts it with EINTR" 200 \
	"$IPCTUTOR" --reproducible 1.1 <<'S'
expect ipctutor 1.1> 
send server start\r
expect IPC_CREAT|IPC_EXCL|0600) = 
expect ipctutor 1.1> 
send server recv\r
expect   server msgrcv(0,  <unfinished ...>
expect ipctutor 1.1> 
send \x03
expect   server <... msgrcv resumed>{...}, 128, 0, 0)
expect              = -1 EINTR (
expect the kernel interrupted
expect ipctutor 1.1> 
send server recv\r
expect <unfinished ...>
expect ipctutor 1.1> 
send client open\r
expect ipctutor 1.1> 
send client send wake-up\r
expect   server <... msgrcv resumed>{1, "wake-up"}, 128, 0, 0) = 7
expect ipctutor 1.1> 
send quit\r
wait-exit 0
S

drive "Tab completes a prediction's outcome names" 200 \
	"$IPCTUTOR" --reproducible 1.7 <<'S'
expect ipctutor 1.7?> 
send 2\r
expect Right.
expect ipctutor 1.7?> 
send EE\t
expect EEXIST
send \r
expect You predicted EEXIST and the kernel answered EEXIST: right.
expect ipctutor 1.7> 
send quit\r
wait-exit 0
S

drive "a step longer than 24 rows stops at a more prompt; Enter goes on, q shows the rest" 24 \
	"$IPCTUTOR" --reproducible 2.4 <<'S'
expect -- more: 
send \r
expect ipctutor 2.4> 
send again\r
expect -- more: 
send q
expect ipctutor 2.4> 
send quit\r
wait-exit 0
S
# At 24 rows, the first "more" prompt comes after at most 23 rows of text:
# the heading stays on the screen.
tr -d '\r' < "$TEST_TMP/a step longer than 24 rows stops at a more prompt; Enter goes on, q shows the rest.log" |
	awk '/-- more: / { print NR; exit }' > "$TEST_TMP/more-at"
[ -s "$TEST_TMP/more-at" ] && [ "$(cat "$TEST_TMP/more-at")" -le 24 ]
ok $? "the first more prompt is on row 24 or above (row $(cat "$TEST_TMP/more-at"))"

[ "$(ipc_objects | wc -l)" = 0 ]
ok $? "no object is left in the namespace"
done_testing
