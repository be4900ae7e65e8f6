#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# random.t: kill -9 at random moments, in the host namespace (here: a fresh
# IPC namespace that stands in for it), then check that nothing is left
# once every process of the run is gone (the guardian's cleanup included).
# The moments are random but repeatable: a PRNG seeded with LEAK_SEED
# chooses the scenario and which line of output the kill follows — never a
# time.  LEAK_RUNS runs (default 120).  Scenarios: a --shared tutor at a
# random lesson step doing every kind of creation (churn included); the
# same as a --lead teacher (the kill may hit the tutor or its board's
# publisher); the classroom server with a client, where the next server
# recovers what the killed one left.
source "$(dirname "$0")/../lib/common.sh"

if [ -z "${IPCTUTOR_IN_FRESH_NS:-}" ]; then
	export IPCTUTOR_IN_FRESH_NS=1
	in_fresh_ns bash ${LEAK_TRACE:+-x} "$0"
	exit $?
fi

: "${LEAK_SEED:=12}" "${LEAK_RUNS:=120}"
RANDOM=$LEAK_SEED
echo "# seed $LEAK_SEED, $LEAK_RUNS runs"

work='server start
client open
client send hello
msgget IPC_PRIVATE 0
shmget IPC_PRIVATE 4096 0
shmat {id}
semget IPC_PRIVATE 1 0
msgget {key} IPC_CREAT|0600
client msgget IPC_PRIVATE 0600
churn 200
client recv
server crash
server start
ipcs
quit'
positions=()
for f in "$srcdir"/lessons/[0-9][0-9]-*.md; do
	n=$(basename "$f" | cut -c1-2)
	for s in $(seq 1 "$(grep -c '^## ' "$f")"); do positions+=("$n.$s"); done
done

# run_killed LINE CMD...: run CMD (a tutor) under waitall with WORK as its
# input, kill -9 its process VICTIM (tutor or publisher) after LINE lines
# of output (or at the end of its output), wait for all of it.
run_killed() {
	local line=$1 victim=$2 dir n=0 text pid
	shift 2
	dir=$(mktemp -d "$TEST_TMP/run.XXXXXX")
	mkfifo "$dir/out"
	printf '%s\n' "$work" > "$dir/in"
	setsid "$WAITALL" --pidfile "$dir/pid" --timeout 60 -- "$@" < "$dir/in" > "$dir/out" 2>&1 &
	local waiter=$!
	exec 4< "$dir/out"
	while [ $n -lt "$line" ] && IFS= read -r -t 20 text <&4; do n=$((n + 1)); done
	pid=$(cat "$dir/pid")
	if [ "$victim" = publisher ]; then
		for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
			[ "$(tr '\0' ' ' < "/proc/$child/cmdline" 2>/dev/null)" = "$* " ] && pid=$child
		done
	fi
	kill -KILL "$pid" 2>/dev/null
	cat <&4 > /dev/null
	exec 4<&-
	wait "$waiter"
	rm -rf "$dir"
}

for i in $(seq 1 "$LEAK_RUNS"); do
	scenario=$((RANDOM % 4))
	line=$((1 + RANDOM % 60))
	pos=${positions[$((RANDOM % ${#positions[@]}))]}
	case $scenario in
	0|1) name="--shared at $pos, kill -9 after line $line"
	     run_killed "$line" tutor $(neutral_env) "$IPCTUTOR" --shared "$pos" ;;
	2)   victim=$([ $((RANDOM % 2)) = 0 ] && echo tutor || echo publisher)
	     name="--lead --shared at $pos, kill -9 of the $victim after line $line"
	     rm -f "$IPCTUTOR_RUNDIR/ipctutor-class.key"
	     run_killed "$line" "$victim" $(neutral_env) "$IPCTUTOR" --lead --shared "$pos" ;;
	3)   name="the classroom server, kill -9 after line $line, then a new server and SIGTERM"
	     run=$TEST_TMP/rt; mkdir -p "$run"; chmod 700 "$run"
	     cenv=(env HOME="$TEST_TMP" XDG_RUNTIME_DIR="$run" LC_ALL=C)
	     mkfifo "$TEST_TMP/s.out"
	     "${cenv[@]}" "$IPCTUTOR" server < /dev/null > "$TEST_TMP/s.out" 2>&1 &
	     server=$!
	     exec 4< "$TEST_TMP/s.out"
	     n=0 client=
	     line=$((1 + line % 14))   # it prints 14 lines serving the client's three requests
	     while IFS= read -r -t 20 text <&4; do
		     n=$((n + 1))
		     if [[ $text == *"Serving on queue"* ]] && [ -z "$client" ]; then
			     printf 'a\nb\nc\n' | "${cenv[@]}" setsid "$WAITALL" --timeout 30 -- "$IPCTUTOR" client > /dev/null 2>&1 &
			     client=$!
		     fi
		     [ $n -ge "$line" ] && break
	     done
	     kill -KILL "$server"; cat <&4 > /dev/null; exec 4<&-; { wait "$server"; } 2> /dev/null
	     mkfifo "$TEST_TMP/s2.out"
	     "${cenv[@]}" "$IPCTUTOR" server < /dev/null > "$TEST_TMP/s2.out" 2>&1 &
	     server=$!
	     exec 4< "$TEST_TMP/s2.out"
	     while IFS= read -r -t 20 text <&4; do [[ $text == *"Serving on queue"* ]] && break; done
	     [ -n "$client" ] && wait "$client"   # served by the new server, it ends
	     kill -TERM "$server"; cat <&4 > /dev/null; exec 4<&-; wait "$server"
	     rm -f "$TEST_TMP/s.out" "$TEST_TMP/s2.out" ;;
	esac
	left=$(ipc_objects | wc -l)
	[ "$left" = 0 ]; ok $? "$name: $left objects left"
	if [ "$left" != 0 ]; then
		ipc_objects | diag
		ipcrm --all 2>/dev/null
	fi
done
rm -f "$IPCTUTOR_RUNDIR/ipctutor-class.key"
done_testing
