#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# leak.t: end the tutor every way it can end — quit, end of input, SIGINT,
# SIGTERM, SIGHUP, SIGABRT, SIGKILL — in both namespace modes, while it has
# a server, a client asleep in msgrcv, a queue of its own and an attached
# segment; then check that nothing is left.
#   --shared: the objects live in this test's namespace, so it must list
#     none afterwards (for SIGKILL, the guardian's work).
#   private: the tutor's namespace must be gone (no process holds it), which
#     is what makes the kernel destroy its objects.
# In both, every process the tutor started must have exited: waitall waits
# for all descendants, bounded by a deadline that only catches failure.
# And the last resort: when the guardian dies too, the next start removes
# what the state file names, and says so.
source "$(dirname "$0")/../lib/common.sh"

rerun_in_fresh_ns

scenario() {  # scenario MODE ENDING WANTED-STATUS
	local mode=$1 ending=$2 want=$3 name="$1 mode, $2" shared=()
	[ "$mode" = shared ] && shared=(--shared)
	rm -f "$TEST_TMP/pid"
	spawn run $(neutral_env) "$WAITALL" --pidfile "$TEST_TMP/pid" --timeout 30 -- \
		"$IPCTUTOR" --reproducible "${shared[@]}"
	send run key "server start" "client open" "client recv" \
		"msgget IPC_PRIVATE IPC_CREAT|0600" "shmget IPC_PRIVATE 4096 IPC_CREAT|0600" \
		"shmat {id}" "explain EPIPE"
	wait_for run "EPIPE (Broken pipe)"; ok $? "$name: the tutor set up its objects"
	local tutor ns during nsfd
	tutor=$(cat "$TEST_TMP/pid")
	ns=$(readlink "/proc/$tutor/ns/ipc")
	# Held open while we look: a gone namespace's number is soon reused
	# by any new one on the machine (tutors make one per rebuilt world).
	exec {nsfd}< "/proc/$tutor/ns/ipc"
	if [ "$mode" = shared ]; then
		during=$(ipc_objects | wc -l)
	else
		during=$(nsenter --ipc="/proc/$tutor/ns/ipc" cat /proc/sysvipc/msg /proc/sysvipc/shm 2>/dev/null | awk '$1 != "key"' | wc -l)
	fi
	[ "$during" -ge 2 ]; ok $? "$name: objects exist while it runs ($during)"

	case $ending in
	quit) send run quit ;;
	eof) ;;
	*) kill -s "$ending" "$tutor" ;;
	esac
	finish run
	[ "$status" = "$want" ]; ok $? "$name: exit status $want (got $status), every process gone"
	[ "$status" = 124 ] && diag < "$TEST_TMP/run.log"
	if [ "$mode" = shared ]; then
		[ "$(ipc_objects | wc -l)" = 0 ]; ok $? "$name: no object left in the namespace"
		ipc_objects | diag
	else
		holders=$(ns_holders "$ns")
		[ -z "$holders" ]; ok $? "$name: its private namespace is gone${holders:+ (held by$holders)}"
	fi
	exec {nsfd}<&-
	case $ending in
	quit|eof) grep -q "objects left behind: 0" "$TEST_TMP/run.log"; ok $? "$name: it says objects left behind: 0" ;;
	esac
}

ulimit -c 0
for mode in private shared; do
	scenario "$mode" quit 0
	scenario "$mode" eof 0
	scenario "$mode" INT $((128 + 2))
	scenario "$mode" TERM $((128 + 15))
	scenario "$mode" HUP $((128 + 1))
	scenario "$mode" ABRT $((128 + 6))
	scenario "$mode" KILL $((128 + 9))
done
# The guardian killed too (kill -9 of everything): the state file is the
# last resort, read at the next start.
state=$TEST_TMP/state
mkdir -p "$state"
spawn tutor env XDG_STATE_HOME="$state" HOME="$state" LC_ALL=C "$IPCTUTOR" --shared
tutor=$tutor_pid
send tutor "msgget IPC_PRIVATE IPC_CREAT|0600" "explain EPERM"
wait_for tutor "EPERM (Operation"
# The guardian is the tutor's child that leads its own session.  Killed
# first, it dies with the SIGKILL pending before it could see the tutor go.
for child in $(cat /proc/$tutor/task/*/children); do
	[ "$(awk '{print $6}' "/proc/$child/stat")" = "$child" ] && kill -KILL "$child"
done
stop tutor KILL
[ "$(ipc_objects | wc -l)" = 1 ]; ok $? "with its guardian killed too, the tutor's queue is left"
printf 'quit\n' | env XDG_STATE_HOME="$state" HOME="$state" LC_ALL=C "$IPCTUTOR" --shared > "$TEST_TMP/recovered" 2>&1
grep -q "Removed message queue [0-9]*, left behind by an earlier session that was killed" "$TEST_TMP/recovered"
ok $? "the next start removes it and says so"
[ "$(ipc_objects | wc -l)" = 0 ]; ok $? "and nothing is left"
done_testing
