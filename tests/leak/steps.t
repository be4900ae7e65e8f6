#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# steps.t: at every step of every lesson (the tutor started at LESSON.STEP
# replays the earlier steps, so the stage is set as the lesson has it:
# servers, waiting clients, doomed segments), end the tutor the hardest
# ways — SIGKILL in --shared mode, where only the guardian can clean up,
# and SIGTERM in the private namespace — and check that nothing is left and
# every process is gone.
source "$(dirname "$0")/../lib/common.sh"

if [ -z "${IPCTUTOR_IN_FRESH_NS:-}" ]; then
	export IPCTUTOR_IN_FRESH_NS=1
	in_fresh_ns bash "$0"
	exit $?
fi

# start_at POSITION [OPTIONS]: the tutor under waitall, reading a FIFO we
# hold; returns once it shows the prompt of POSITION.  Sets $waiter,
# $tutor, $dir.
start_at() {
	local pos=$1 line
	shift
	dir=$(mktemp -d "$TEST_TMP/run.XXXXXX")
	mkfifo "$dir/in" "$dir/out"
	$(neutral_env) "$WAITALL" --pidfile "$dir/pid" --timeout 30 -- \
		"$IPCTUTOR" --reproducible "$@" "$pos" < "$dir/in" > "$dir/out" 2>&1 &
	waiter=$!
	exec 3> "$dir/in" 4< "$dir/out"
	echo "explain EPERM" >&3
	while IFS= read -r -t 20 line <&4; do
		[[ $line == *"EPERM (Operation not permitted)"* ]] && break
	done
	tutor=$(cat "$dir/pid")
}

finish() {  # finish SIGNAL: end the tutor, drain, reap everything
	kill -s "$1" "$tutor"
	exec 3>&-
	cat <&4 > /dev/null
	exec 4<&-
	wait "$waiter"
}

for f in "$srcdir"/lessons/[0-9][0-9]-*.md; do
	n=$(basename "$f" | cut -c1-2)
	steps=$(grep -c '^## ' "$f")
	for s in $(seq 1 "$steps"); do
		start_at "$n.$s" --shared
		finish KILL
		st=$?
		left=$(ipc_objects | wc -l)
		[ "$st" = 137 ] && [ "$left" = 0 ]
		ok $? "lesson $n step $s, --shared, SIGKILL: nothing left ($left), every process gone"
		ipcrm --all 2>/dev/null

		start_at "$n.$s"
		ns=$(readlink "/proc/$tutor/ns/ipc")
		finish TERM
		st=$?
		holders=0
		for p in /proc/[0-9]*; do [ "$(readlink "$p/ns/ipc" 2>/dev/null)" = "$ns" ] && holders=$((holders + 1)); done
		[ "$st" = 143 ] && [ "$holders" = 0 ]
		ok $? "lesson $n step $s, private, SIGTERM: its namespace is gone"
	done
done

done_testing
