#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# check.t: "ipctutor check N FILE" against the exercises' real scenarios.
# Every reference solution passes; every untouched starting file fails
# with a reason the learner can act on; and a catalogue of classic wrong
# programs (tests/exercises/wrong/) fails each for the RIGHT reason.
# Nothing is left in the test's namespace afterwards.
source "$(dirname "$0")/../lib/common.sh"

# The deadline of each wait: generous for a busy machine, short (2 s) only
# where the program is meant to wait for ever.
exercise_env 10
wrong="$srcdir/tests/exercises/wrong"

need_cc "the exercises"
check() {  # check N FILE: run the check in a fresh namespace, output in $TEST_TMP/out
	in_fresh_ns "$IPCTUTOR" check "$1" "$2" > "$TEST_TMP/out" 2>&1
}
if ! check 1 "$srcdir/exercises/01-lookup-client/solution.c" && grep -q "not allowed" "$TEST_TMP/out"; then
	echo "1..0 # SKIP ptrace is not allowed here"
	exit 0
fi

# expect_fail N FILE REASON DESCRIPTION: fails (status 1), REASON (a
# fixed string) among the FAIL lines.
expect_fail() {
	check "$1" "$2"
	local status=$?
	# The verdicts are wrapped: join each FAIL paragraph to one line.
	awk '/^  (✗|✓|-) / { if (v) print v; v = $0; next } /^    / && v { sub(/^ +/, " "); v = v $0; next } { if (v) print v; v = "" } END { if (v) print v }' \
		"$TEST_TMP/out" > "$TEST_TMP/verdicts"
	[ "$status" = 1 ] && grep -F "FAIL" "$TEST_TMP/verdicts" | grep -qF -- "$3"
	local s=$?
	ok $s "$4"
	[ $s = 0 ] || { echo "# status $status, wanted a FAIL with: $3"; diag < "$TEST_TMP/verdicts"; }
}

for dir in "$srcdir"/exercises/[0-9][0-9]-*/; do
	name=$(basename "$dir") n=$((10#${name%%-*}))
	check "$n" "$dir/solution.c"
	status=$?
	[ "$status" = 0 ] && ! grep -q "FAIL" "$TEST_TMP/out"
	s=$?
	ok $s "exercise $n ($name): the reference solution passes"
	[ $s = 0 ] || diag < "$TEST_TMP/out"
	cp "$TEST_TMP/out" "$TEST_TMP/solution-$n.out"
done
# A call asleep in the kernel is shown at once, and its end as resumed,
# as strace and the lessons show them: exercise 5's client sleeps in
# msgrcv until the crashed server's queue is removed.
grep -qE '^  \[pid [0-9]+\] msgrcv\(0,  <unfinished \.\.\.>$' "$TEST_TMP/solution-5.out" &&
	tr -s '\n ' '  ' < "$TEST_TMP/solution-5.out" | grep -qE '\[pid [0-9]+\] <\.\.\. msgrcv resumed>[^[]* = -1 EIDRM'
ok $? "a client asleep in msgrcv is shown <unfinished ...> at once, then <... msgrcv resumed>" || diag < "$TEST_TMP/solution-5.out"

# Exercise 2 says so: System V IPC calls are never restarted after a
# handler, so a server whose handler has SA_RESTART passes too.
sed 's/^\tsa.sa_handler = on_stop;$/&\n\tsa.sa_flags = SA_RESTART;/' "$srcdir/exercises/02-clean-server/solution.c" > "$TEST_TMP/restart.c"
grep -q "SA_RESTART;" "$TEST_TMP/restart.c" && check 2 "$TEST_TMP/restart.c" && ! grep -q "FAIL" "$TEST_TMP/out" &&
	unwrap_calls < "$TEST_TMP/out" | grep -q "msgrcv resumed>.* = -1 EINTR"
ok $? "exercise 2 with SA_RESTART passes too: msgrcv still returns EINTR" || diag < "$TEST_TMP/out"

expect_fail 1 "$srcdir/exercises/01-lookup-client/start.c" "it never called msgget" "untouched start 1: it never looks the key up"
expect_fail 2 "$srcdir/exercises/02-clean-server/start.c" "SIGTERM killed it: catch it with sigaction" "untouched start 2: SIGTERM kills it"
expect_fail 3 "$srcdir/exercises/03-recovering-server/start.c" "it ended before serving (it exited with status 1)" "untouched start 3: it gives up at the leftover queue"
expect_fail 4 "$srcdir/exercises/04-stale-client/start.c" "treated EINVAL as fatal" "untouched start 4: EINVAL is fatal to it"
expect_fail 5 "$srcdir/exercises/05-asleep-client/start.c" "treated EIDRM as fatal" "untouched start 5: EIDRM is fatal to it"
expect_fail 6 "$srcdir/exercises/06-shm-client/start.c" "no shmdt of the old segment" "untouched start 6: it keeps the old segment"
expect_fail 7 "$srcdir/exercises/07-crash-detect/start.c" "it waited with no time limit (semop)" "untouched start 7: no time limit"
# Asleep in semop with the server dead and the semaphore held: nothing
# will wake it, so it is stopped at once, not at the deadline (10 s here).
grep -F "FAIL" "$TEST_TMP/verdicts" | grep -qF "it waits in semop for a semaphore nobody will give back"
ok $? "... and it is stopped at once: nothing will wake it in semop"

expect_fail 4 "$wrong/eidrm-only-client.c" "your client treated EINVAL as fatal: since Linux 4.2 a stale identifier gives EINVAL" \
	"the EIDRM-only client: EINVAL treated as fatal"
expect_fail 3 "$wrong/no-excl-server.c" "it adopted the old queue" "the server without IPC_EXCL adopts the leftover queue"
expect_fail 3 "$wrong/no-excl-server.c" "it answered the request of a client that is gone" "... and serves its stale message"
skipped_other_user="SKIP Your server leaves another user's queue alone and gives up: it needs a queue owned by another user, which only the machine's root can make (check as root to include it)"
if [ "$(id -u)" = 0 ]; then
	expect_fail 3 "$wrong/removes-others-server.c" "it removed a queue created by uid 65534" \
		"the server that removes another user's queue"
	# Root of a user namespace only cannot make another user's queue:
	# the check says what it skips and why, in words a learner follows.
	unshare -U -r -i "$IPCTUTOR" check 3 "$wrong/removes-others-server.c" > "$TEST_TMP/out" 2>&1
	tr -s '\n ' ' ' < "$TEST_TMP/out" | grep -qF "$skipped_other_user"
	ok $? "root of a user namespace: the check skips planting another user's queue, and says why" || tail -8 "$TEST_TMP/out" | diag
else
	check 3 "$wrong/removes-others-server.c"
	# Not root, or root of a user namespace only (an ordinary user's run):
	# the check says that it skips this requirement, and why, in a
	# sentence that may be wrapped.
	if tr -s '\n ' ' ' < "$TEST_TMP/out" | grep -qF "$skipped_other_user"; then
		skip 1 "not root: another user's queue cannot be planted (the check says so)"
	else
		ok 1 "not root: the check says that it skips planting another user's queue, as non-root"
		diag < "$TEST_TMP/out"
	fi
fi
expect_fail 4 "$wrong/no-relookup-client.c" "it tried the stale identifier again" "the client that never looks the key up again"
expect_fail 1 "$wrong/wrong-project-client.c" "the tutor's server is running under key 0x54" "the client with another project id: the server's key named..."
grep -F "FAIL" "$TEST_TMP/verdicts" | grep -qE "your program asked msgget for key 0x74[0-9a-f]{6}: the project id given to ftok is 't' \(0x74\), the server's is 'T' \(0x54\)"
ok $? "... the key it asked for, and why: the project id"
expect_fail 1 "$wrong/wrong-path-client.c" "the path given to ftok names another file than the key file" "the client that gives ftok another path: why its key differs"
# Each scenario in a fresh IPC namespace: the queue this client makes in
# the first (no server) is not there in the second, where the tutor's
# server makes its own, again identifier 0.
expect_fail 1 "$wrong/creating-client.c" "it gave IPC_CREAT" "the client that creates the server's queue: IPC_CREAT named"
[ "$(grep -c 'msgget(0x[0-9a-f]*, IPC_CREAT|0600) = 0$' "$TEST_TMP/out")" = 2 ]
ok $? "... and the second scenario runs in a fresh namespace: its msgget gives 0 again" || diag < "$TEST_TMP/out"
# With no server its msgrcv sleeps for ever: shown at once, and the check
# stops it at once, saying why (not at the deadline, 10 s here).
grep -qE '^  \[pid [0-9]+\] msgrcv\(0,  <unfinished \.\.\.>$' "$TEST_TMP/out" &&
	grep -F "FAIL" "$TEST_TMP/verdicts" | grep -qF "it waits in msgrcv for an answer no server will send"
ok $? "... its msgrcv with no server: shown unfinished, and stopped at once with the reason"
expect_fail 1 "$wrong/crash-client.c" "it was killed by SIGSEGV (signal 11): it crashed" "the client that crashes: the signal named"
expect_fail 1 "$wrong/no-compile-client.c" "the compiler refused it" "the client that does not compile"
grep -q "error: expected" "$TEST_TMP/out"; ok $? "... with the compiler's own message"
expect_fail 1 "$wrong/forks-client.c" "it started more than 16 processes" "the client that forks a hundred children"
IPCTUTOR_CHECK_SECONDS=2 expect_fail 1 "$wrong/never-ends-client.c" "it did not end within 2 seconds, so the checker stopped it" "the client that never ends"

CC=/nonexistent/cc in_fresh_ns "$IPCTUTOR" check 1 "$srcdir/exercises/01-lookup-client/solution.c" > "$TEST_TMP/out" 2>&1
[ $? = 2 ] && tr -s '\n ' '  ' < "$TEST_TMP/out" | grep -q "No C compiler was found (/nonexistent/cc): install one, on Debian with apt-get install gcc"
ok $? "no compiler: one sentence naming the package, status 2"

# check --watch: a check at once, and another at each save of the file.
# The test reads the output through a FIFO, line by line, until the
# sentence that ends a check (a generous read time-out, not a timer).
mkdir -p "$TEST_TMP/w" && cp "$srcdir/exercises/01-lookup-client/solution.c" "$TEST_TMP/w/mine.c"
mkfifo "$TEST_TMP/watch.fifo"
ns=(unshare -i); [ "$(id -u)" = 0 ] || ns=(unshare -r -i)
# waitall: at the end, wait for the watcher and every process it started.
"$WAITALL" --pidfile "$TEST_TMP/watch.pid" -- "${ns[@]}" "$IPCTUTOR" check 1 "$TEST_TMP/w/mine.c" --watch \
	> "$TEST_TMP/watch.fifo" 2>&1 &
waiter=$!
exec 3< "$TEST_TMP/watch.fifo"
until_watching() {  # read the output up to the next "Watching for the next save"
	local line
	while IFS= read -r -t 60 line <&3; do
		echo "$line" >> "$TEST_TMP/watch.out"
		case $line in *"Watching for the next save"*) return 0 ;; esac
	done
	return 1
}
until_watching && grep -q "Every requirement passed" "$TEST_TMP/watch.out"
ok $? "check --watch: the first check runs at once (the solution passes)"
: > "$TEST_TMP/watch.out"
cp "$srcdir/exercises/01-lookup-client/start.c" "$TEST_TMP/w/mine.c"
until_watching && grep -q "FAIL" "$TEST_TMP/watch.out"
ok $? "check --watch: saving the file checks it again (the starting file fails)"
kill "$(cat "$TEST_TMP/watch.pid")"
exec 3<&-
wait "$waiter"

# A watcher ends by itself, with one sentence, when the folder of its file
# goes and when nobody reads its output any more.  waitall's deadline
# (60 s, status 124) only catches a watcher that does not end: it is then
# killed with everything it started, so no watcher outlives the test.
start_watcher() {  # start_watcher FILE: its output on fd 3, errors in watch.err
	"$WAITALL" --timeout 60 -- "${ns[@]}" "$IPCTUTOR" check 1 "$1" --watch > "$TEST_TMP/watch.fifo" 2> "$TEST_TMP/watch.err" &
	waiter=$!
	exec 3< "$TEST_TMP/watch.fifo"
	: > "$TEST_TMP/watch.out"
}
mkdir -p "$TEST_TMP/w2" && cp "$srcdir/exercises/01-lookup-client/solution.c" "$TEST_TMP/w2/mine.c"
start_watcher "$TEST_TMP/w2/mine.c"
until_watching
rm -r "$TEST_TMP/w2"
while IFS= read -r -t 60 line <&3; do echo "$line" >> "$TEST_TMP/watch.out"; done
exec 3<&-
wait "$waiter"
status=$?
[ "$status" = 0 ] && tr -s "\n " "  " < "$TEST_TMP/watch.out" | grep -qF "The folder $TEST_TMP/w2 was deleted or moved, so check --watch stops watching."
ok $? "check --watch ends by itself, saying why, when its file's folder is deleted (status $status)" || diag < "$TEST_TMP/watch.out"
mkdir -p "$TEST_TMP/w2" && cp "$srcdir/exercises/01-lookup-client/solution.c" "$TEST_TMP/w2/mine.c"
start_watcher "$TEST_TMP/w2/mine.c"
until_watching
exec 3<&-
wait "$waiter"
status=$?
[ "$status" = 0 ] && grep -q "the output of check --watch is gone, so it stops watching" "$TEST_TMP/watch.err"
ok $? "check --watch ends by itself, saying why on stderr, when nobody reads its output (status $status)" || diag < "$TEST_TMP/watch.err"
grep -Eq "^01-lookup-client done [0-9]+ 0$" "$XDG_STATE_HOME/ipctutor/exercises"
ok $? "progress: the exercise is recorded with its checks"

# The catalogue, the copy that never overwrites, the solution after a pass.
"$IPCTUTOR" exercises > "$TEST_TMP/list" 2>&1
[ "$(grep -cE '^ +[0-9]+  (done|tried|new) ' "$TEST_TMP/list")" -ge 7 ] && grep -qE '^ +1  done ' "$TEST_TMP/list"
ok $? "exercises lists at least 7, exercise 1 done"
(cd "$TEST_TMP/w" && "$IPCTUTOR" exercise 4 > out1 && echo "// mine" >> ipctutor-exercises/04-stale-client.c &&
	"$IPCTUTOR" exercise 4 > out2 && grep -q "already there" out2 && tail -1 ipctutor-exercises/04-stale-client.c | grep -q "// mine" &&
	head -c 300 ipctutor-exercises/04-stale-client.c | grep -q "Exercise 4")
ok $? "exercise N copies start.c to ipctutor-exercises/, and never over the learner's file"
mkdir "$TEST_TMP/gone" && (cd "$TEST_TMP/gone" && rmdir "$TEST_TMP/gone" && "$IPCTUTOR" exercise 2 > "$TEST_TMP/nofolder" 2>&1)
[ $? = 1 ] && tr -s '\n ' '  ' < "$TEST_TMP/nofolder" | grep -q "Cannot make the folder ipctutor-exercises: .* Change to a folder you can write (cd ~ for your home) and type ipctutor exercise 2 again."
ok $? "exercise N where no folder can be made: why, and what to do"
# A folder named with ".." (as the one beside an uninstalled program is,
# build/../exercises) is shown normalised, wherever the program was built
# (check-asan builds it in build/asan/).  The sentence may wrap before the
# path in a deep folder: join its lines.
IPCTUTOR_EXERCISES="$srcdir/tests/../exercises" "$IPCTUTOR" solution 1 > "$TEST_TMP/sol" 2>&1 &&
	tr -s '\n ' '  ' < "$TEST_TMP/sol" | grep -q "A reference solution (/.*/01-lookup-client/solution.c)" &&
	! grep -q '/\.\./' "$TEST_TMP/sol"
ok $? "the solution's path is shown without ../" || head -3 "$TEST_TMP/sol" | diag
"$IPCTUTOR" solution 1 > "$TEST_TMP/sol" 2>&1 && grep -q "A reference solution" "$TEST_TMP/sol"
ok $? "solution N after a pass shows the reference solution"
XDG_STATE_HOME="$TEST_TMP/fresh" "$IPCTUTOR" solution 3 > "$TEST_TMP/sol" 2>&1
[ $? = 1 ] && tr -s "\n " "  " < "$TEST_TMP/sol" | grep -q "after 3 checks (you have made 0)"
ok $? "solution N before a pass or 3 checks: not yet, and why"

# The next command is named as the learner types it where they are: at a
# shell (the subcommands) with the program's name, at the tutor's prompt
# without it.
tr -s '\n ' '  ' < "$TEST_TMP/solution-1.out" | grep -qF "Well done: ipctutor solution 1 shows the reference solution"
ok $? "at a shell, a pass names ipctutor solution N" || tail -3 "$TEST_TMP/solution-1.out" | diag
check 1 "$srcdir/exercises/01-lookup-client/start.c"
tr -s '\n ' '  ' < "$TEST_TMP/out" | grep -qF "ipctutor hint 1 gives a hint; ipctutor check 1 again after editing."
ok $? "at a shell, a failure names ipctutor hint N and ipctutor check N" || tail -3 "$TEST_TMP/out" | diag
(cd "$TEST_TMP/w" && rm -f ipctutor-exercises/03-*.c && "$IPCTUTOR" exercise 3 > "$TEST_TMP/ex3" 2>&1)
tr -s '\n ' '  ' < "$TEST_TMP/ex3" > "$TEST_TMP/ex3.flat"
grep -qF "do the TODOs, then type ipctutor check 3." "$TEST_TMP/ex3.flat" &&
	grep -qF 'Type `ipctutor exercise 3` and complete `create_queue`, then `ipctutor check 3`.' "$TEST_TMP/ex3.flat" &&
	! grep -qF "{ipctutor}" "$TEST_TMP/ex3.flat"
ok $? "at a shell, exercise N's text and its last sentence name ipctutor exercise N, ipctutor check N" || tail -12 "$TEST_TMP/ex3" | diag
(cd "$TEST_TMP/w" && rm -f ipctutor-exercises/03-*.c &&
	printf 'exercise 3\ncheck 1 %s\ncheck 1 %s\nquit\n' "$srcdir/exercises/01-lookup-client/start.c" \
		"$srcdir/exercises/01-lookup-client/solution.c" |
	in_fresh_ns env NO_COLOR=1 TERM=dumb "$IPCTUTOR" > "$TEST_TMP/prompt" 2>&1)
tr -s '\n ' '  ' < "$TEST_TMP/prompt" > "$TEST_TMP/prompt.flat"
grep -qF "do the TODOs, then type check 3." "$TEST_TMP/prompt.flat" &&
	grep -qF 'Type `exercise 3` and complete `create_queue`, then `check 3`.' "$TEST_TMP/prompt.flat" &&
	grep -qF "(see FAIL above). hint 1 gives a hint; check 1 again after editing." "$TEST_TMP/prompt.flat" &&
	grep -qF "Well done: solution 1 shows the reference solution" "$TEST_TMP/prompt.flat" &&
	! grep -qF "ipctutor check 3" "$TEST_TMP/prompt.flat"
ok $? "at the tutor's prompt, the same sentences name check N, hint N, solution N without ipctutor" || tail -30 "$TEST_TMP/prompt" | diag

# Everything runs in namespaces of the check's own: nothing here, and no
# process of a learner's program left.
in_fresh_ns bash -c '"$1" check 2 "$2" > /dev/null 2>&1; cat /proc/sysvipc/msg /proc/sysvipc/sem /proc/sysvipc/shm | grep -vc "^ *key"' _ \
	"$IPCTUTOR" "$srcdir/exercises/02-clean-server/start.c" > "$TEST_TMP/left"
[ "$(cat "$TEST_TMP/left")" = 0 ]; ok $? "no IPC object is left in the namespace the check ran from"
! pgrep -f "$TEST_TMP" > /dev/null; ok $? "no process of a checked program is left"
done_testing
