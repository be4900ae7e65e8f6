#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# groupkill.t: the checker ends the learner's whole process group, and
# signals nothing that is not its own.  The program checked
# (tests/exercises/wrong/orphan-client.c) forks a child that ignores
# SIGTERM and sleeps for ever in a read from a pipe; after the check that
# child must be gone (/proc says so), traced (its calls followed) and
# untraced (where the kernel refuses ptrace, tests/lib/noptrace.c).  A
# bystander in the test's own process group, which is also the tutor's,
# logs every signal it catches: it must catch none, and still run.
source "$(dirname "$0")/../lib/common.sh"

exercise_env 2
program="$srcdir/tests/exercises/wrong/orphan-client.c"

need_cc "the program checked"

# The bystander: catches the signals a careless kill would send, logs
# them, and reads a FIFO until the test closes it.  It has set its
# handlers when it opens the FIFO, and the test's open waits for that.
mkfifo "$TEST_TMP/hold"
perl -e 'for my $s (qw(HUP INT QUIT USR1 USR2 ALRM TERM CONT TSTP PIPE)) {
		$SIG{$s} = sub { open my $f, ">>", $ARGV[0]; print $f "$s\n"; close $f } }
	open my $h, "<", $ARGV[1] or die; while (1) { my $n = sysread $h, my $b, 1; last if defined $n && $n == 0 }' \
	"$TEST_TMP/caught" "$TEST_TMP/hold" &
bystander=$!
exec 4> "$TEST_TMP/hold"
[ "$(ps -o pgid= -p "$bystander" | tr -d ' ')" = "$(ps -o pgid= -p $$ | tr -d ' ')" ]
ok $? "the bystander is in the test's process group, where the tutor runs too"

# gone PID: no such process, not even a zombie (the checker is the
# subreaper of the program's orphans, and reaps them).
gone() {
	[ ! -e "/proc/$1" ]
}

# check_children WHERE PREFIX...: check the program (with PREFIX before
# the tutor), then every child it said it forked must be gone.
check_children() {
	local where=$1 pids pid alive=
	shift
	# Without the FIFO: a child left alive must not keep the bystander.
	in_fresh_ns "$@" "$IPCTUTOR" check 1 "$program" > "$TEST_TMP/out" 2>&1 4>&-
	pids=$(sed -n 's/^  | child \([0-9][0-9]*\)$/\1/p' "$TEST_TMP/out")
	[ "$(echo "$pids" | wc -w)" = 2 ]
	ok $? "$where: the program ran twice, and each run forked its child" || diag < "$TEST_TMP/out"
	for pid in $pids; do
		gone "$pid" || alive="$alive $pid"
	done
	[ -z "$alive" ]
	ok $? "$where: after the check, no child is left (alive:${alive:- none})" || ps -o pid,pgid,stat,wchan,cmd -p "${alive# }" | diag
}

check_children traced
tr -s '\n ' '  ' < "$TEST_TMP/out" | grep -qF "FAIL Your program ends by itself: its first process ended, but a process it started did not end within 2 seconds, so the checker stopped it (a child left behind"
ok $? "traced: the child kept the program alive until the checker stopped it, and the reason says so" || diag < "$TEST_TMP/out"
grep -qE '^  \[pid [0-9]+\] fork\(\) = [0-9]+$' "$TEST_TMP/out"
ok $? "traced: the fork is shown"

# Under AddressSanitizer the leak check at exit needs ptrace (see noptrace.t).
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$NOPTRACE" true
case $? in
0)
	check_children "ptrace refused" env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$NOPTRACE"
	grep -q "Tracing is not allowed here" "$TEST_TMP/out"
	ok $? "ptrace refused: the check says so" || diag < "$TEST_TMP/out"
	;;
*) skip 3 "no seccomp filter can be installed here to refuse ptrace" ;;
esac

# Nothing else was signalled: the bystander caught nothing, is not
# stopped, and still runs; then it ends when its FIFO closes.
[ ! -s "$TEST_TMP/caught" ]
ok $? "the bystander caught no signal" || diag < "$TEST_TMP/caught"
state=$(awk '{ print $3 }' "/proc/$bystander/stat" 2>/dev/null)
[ "$state" = S ] || [ "$state" = R ]
ok $? "the bystander still runs, not stopped (state ${state:-gone})"
exec 4>&-
wait "$bystander"
ok $? "the bystander ends when the test lets it"
done_testing
