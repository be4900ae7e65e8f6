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

# finish_and_check MODE ENDING NAME: end the tutor, check what is left.
finish_and_check() {
	local mode=$1 ending=$2 name=$3 ns st want
	ns=$(readlink "/proc/$tutor/ns/ipc")
	case $ending in
	quit) echo quit >&3; want=0 ;;
	eof) want=0 ;;
	*) kill -s "$ending" "$tutor"; want=$((128 + $(kill -l "$ending"))) ;;
	esac
	exec 3>&-
	cat <&4 > /dev/null
	exec 4<&-
	wait "$waiter"
	st=$?
	if [ "$mode" = shared ]; then
		left=$(ipc_objects | wc -l)
		[ "$st" = "$want" ] && [ "$left" = 0 ]
		ok $? "$name: exit $st, nothing left ($left), every process gone"
		ipcrm --all 2>/dev/null
	else
		holders=0
		for p in /proc/[0-9]*; do [ "$(readlink "$p/ns/ipc" 2>/dev/null)" = "$ns" ] && holders=$((holders + 1)); done
		[ "$st" = "$want" ] && [ "$holders" = 0 ]
		ok $? "$name: exit $st, its namespace is gone, every process gone"
	fi
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
