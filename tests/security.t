#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# security.t: the tutor never hurts what is not its own — no process it did
# not fork, no file it was not asked to write, no object it did not create —
# and a hostile environment (a failing fork, planted links and FIFOs,
# another user's files, a hostile catalog, terminal escapes) gets one
# sentence, never a hang or a crash.  Each case runs where it can do no
# harm: a private PID, mount or IPC namespace; another user through setpriv.
source "$(dirname "$0")/lib/common.sh"

if [ -z "${IPCTUTOR_IN_FRESH_NS:-}" ]; then
	export IPCTUTOR_IN_FRESH_NS=1
	in_fresh_ns bash "$0"
	exit $?
fi

tutor() { $(neutral_env) "$IPCTUTOR" --reproducible "$@"; }
after=explain\ EPERM   # a command whose answer proves the session went on
proof="EPERM (Operation not permitted)"
root=$([ "$(id -u)" = 0 ] && echo 1)

# --- 1. only its own children are signalled ---------------------------------
# fork fails (a pids cgroup allows no new process) while restartcost runs,
# in a PID namespace of its own with a bystander process: the bystander
# lives, the tutor says why the measurement stopped.
cg=/sys/fs/cgroup/pids/ipctutor-test.$$
if [ -n "$root" ] && mkdir "$cg" 2>/dev/null; then
	printf 'restartcost 2\n%s\nquit\n' "$after" > "$TEST_TMP/rc.in"
	TEST_TMP=$TEST_TMP unshare -p -f --mount-proc bash -c '
		cg=$1; shift
		echo 0 > "$cg/cgroup.procs"
		sleep infinity &   # the bystander: any process the tutor did not fork
		bystander=$!
		read -r n < "$cg/pids.current"
		echo $((n + 1)) > "$cg/pids.max"   # room for the tutor, none for its children
		"$@" < "$TEST_TMP/rc.in" > "$TEST_TMP/rc.out" 2>&1
		echo max > "$cg/pids.max"
		kill -0 "$bystander" 2>/dev/null && echo "bystander alive" >> "$TEST_TMP/rc.out"
		kill "$bystander"
	' _ "$cg" $(neutral_env) "$IPCTUTOR" --reproducible
	rmdir "$cg"
	grep -q "bystander alive" "$TEST_TMP/rc.out"
	ok $? "fork fails in restartcost: no kill(-1), a bystander process lives"
	grep -q "could not start its server" "$TEST_TMP/rc.out" && grep -qF "$proof" "$TEST_TMP/rc.out"
	ok $? "  one sentence says why, and the session goes on"
	[ "$tap_failed" = 0 ] || diag < "$TEST_TMP/rc.out"
else
	ok 0 "fork fails in restartcost # SKIP needs root and a pids cgroup"
	ok 0 "  one sentence # SKIP needs root and a pids cgroup"
fi

done_testing
