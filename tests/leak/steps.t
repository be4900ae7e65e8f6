#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# steps.t: at every step of every lesson (the tutor started at LESSON.STEP
# replays the earlier steps, so the stage is set as the lesson has it:
# servers, waiting clients, doomed segments), end the tutor in both
# namespace modes — by quit, end of input, SIGINT, SIGTERM, SIGHUP, SIGABRT
# or SIGKILL, the ending turning from step to step — and check that
# nothing is left and every process is gone.  (Ctrl-C and Ctrl-D at a real
# prompt are in tests/pty/tutor.t.)
source "$(dirname "$0")/../lib/common.sh"

rerun_in_fresh_ns

# start_at POSITION [OPTIONS]: the tutor under waitall (spawned as "run");
# returns once it has set the stage of POSITION and answered a command.
# Sets $tutor.
start_at() {
	local pos=$1
	shift
	rm -f "$TEST_TMP/pid"
	spawn run $(neutral_env) "$WAITALL" --pidfile "$TEST_TMP/pid" --timeout 30 -- \
		"$IPCTUTOR" --reproducible "$@" "$pos"
	send run "explain EPERM"
	wait_for run "EPERM (Operation not permitted)"
	tutor=$(cat "$TEST_TMP/pid")
}

# finish_and_check MODE ENDING NAME: end the tutor, check what is left.
finish_and_check() {
	local mode=$1 ending=$2 name=$3 ns st want nsfd
	ns=$(readlink "/proc/$tutor/ns/ipc")
	# Hold the namespace open while looking: a namespace's number is
	# reused by the next one made anywhere on the machine once it is
	# gone (and tutors make a new one whenever they rebuild a step's
	# world), so only a held one is surely still this tutor's.
	exec {nsfd}< "/proc/$tutor/ns/ipc"
	case $ending in
	quit) send run quit; want=0 ;;
	eof) want=0 ;;
	*) kill -s "$ending" "$tutor"; want=$((128 + $(kill -l "$ending"))) ;;
	esac
	finish run
	st=$status
	if [ "$mode" = shared ]; then
		left=$(ipc_objects | wc -l)
		[ "$st" = "$want" ] && [ "$left" = 0 ]
		ok $? "$name: exit $st, nothing left ($left), every process gone"
		ipcrm --all 2>/dev/null
	else
		holders=$(ns_holders "$ns")
		[ "$st" = "$want" ] && [ -z "$holders" ]
		ok $? "$name: exit $st, its namespace is gone, every process gone" ||
			echo "$ns is held by:$holders" | diag
	fi
	exec {nsfd}<&-
}

# Every step in both modes; the way it ends turns with each step, so that
# every ending meets many different stages (a waiting client, a doomed
# segment, a crashed server...).
endings=(KILL quit TERM eof HUP INT ABRT)
i=0
for f in "$srcdir"/lessons/[0-9][0-9]-*.md; do
	n=$(basename "$f" | cut -c1-2)
	steps=$(grep -c '^## ' "$f")
	for s in $(seq 1 "$steps"); do
		e=${endings[$((i % 7))]}
		start_at "$n.$s" --shared
		finish_and_check shared "$e" "lesson $n step $s, --shared, $e"
		e=${endings[$(((i + 3) % 7))]}
		start_at "$n.$s"
		finish_and_check private "$e" "lesson $n step $s, private, $e"
		i=$((i + 1))
	done
done

done_testing
