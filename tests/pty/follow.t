#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# follow.t: a learner who follows on a terminal and types nothing sees
# every move of the teacher.  The pager counts the rows of one move, as it
# counts those of one typed command, so moves that add up to more than the
# terminal's height never stop at a "more" prompt that nobody answers.
# The teacher is a batch tutor; the learner's tutor runs on a pty of 40
# rows.  The teacher moves only once the learner has shown the previous
# move: the pty script ends a "gate" process, which the test waits for.
source "$(dirname "$0")/../lib/common.sh"

rerun_in_fresh_ns

spawn teacher $(neutral_env) "$IPCTUTOR" --reproducible --lead
send teacher "explain EPERM"
wait_for teacher "EPERM (Operation"; ok $? "the teacher's tutor leads"

moves=(1.2 1.3 1.4 1.5)
gates=()
for i in "${!moves[@]}"; do
	sleep infinity &   # a gate, not a timer: the pty script ends it
	gates+=($!)
	echo $! > "$TEST_TMP/gate$i.pid"
done
{
	echo "expect ipctutor 1.1> "
	for i in "${!moves[@]}"; do
		echo "signal TERM $TEST_TMP/gate$i.pid"
		echo "expect Following the teacher to ${moves[$i]}."
		echo "expect ipctutor ${moves[$i]}"
	done
	echo "send quit\\r"
	echo "wait-exit 0"
} > "$TEST_TMP/follower.script"

# The learner's tutor on its pty; when the script ends, well or not, no
# gate is left to wait for.
home=$(mktemp -d "$TEST_TMP/home.XXXXXX")
(
	env -u XDG_STATE_HOME -u XDG_RUNTIME_DIR -u LANGUAGE -u LANG -u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
		HOME="$home" LC_ALL=C TERM=dumb INPUTRC="$srcdir/tests/lib/inputrc" \
		"$PTYDRIVE" --rows 40 --cols 80 --timeout 20 --log "$TEST_TMP/follower.log" "$TEST_TMP/follower.script" \
		-- "$IPCTUTOR" --reproducible --follow > "$TEST_TMP/follower.out" 2>&1
	s=$?
	kill "${gates[@]}" 2>/dev/null
	exit $s
) &
follower=$!

# Each move once the learner is ready for it.
for i in "${!moves[@]}"; do
	wait "${gates[$i]}"
	kill -0 "$follower" 2>/dev/null || break
	send teacher "goto ${moves[$i]}"
done
wait "$follower"
status=$?
ok $status "the follower, typing nothing, sees each of ${#moves[@]} moves (more rows than its terminal's 40) to its prompt"
[ $status = 0 ] || { diag < "$TEST_TMP/follower.out"; tail -c 1500 "$TEST_TMP/follower.log" | diag; }
! grep -q -- "-- more" "$TEST_TMP/follower.log"
ok $? "  and never stops at the pager's more prompt"

send teacher quit
finish teacher
[ "$status" = 0 ]; ok $? "the teacher quits"
[ "$(ipc_objects | wc -l)" = 0 ]; ok $? "nothing is left"
done_testing
