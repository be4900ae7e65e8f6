#!/bin/sh
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# selftest.t: proves that tests/lib/ptydrive works, against ordinary programs
# (an interactive bash, sh, cat), before the tests of ipctutor's own prompt
# rely on it.  Every step kind is exercised, and so are the ways a script
# fails, since a driver that cannot fail proves nothing.  Prints TAP; run it
# with `prove -v tests/pty/selftest.t`, with the driver in $PTYDRIVE
# (default build/ptydrive).

PTYDRIVE=${PTYDRIVE:-build/ptydrive}
OPTS=				# extra ptydrive options for the next run()
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
test_number=0

# The interactive bash below prompts "ptd$ " and reads no start-up files.
export TERM=dumb PS1='ptd$ ' HISTFILE=/dev/null INPUTRC=/dev/null

if [ ! -x "$PTYDRIVE" ]; then
	echo "1..0 # SKIP $PTYDRIVE is not built"
	exit 0
fi

# run COMMAND [ARGS...]: play the script on stdin against COMMAND, with the
# options in $OPTS; sets $rc and leaves stdout and stderr in $tmp/out and
# $tmp/err.  timeout(1) makes sure a broken driver cannot hang the suite.
run() {
	cat > "$tmp/script"
	# shellcheck disable=SC2086 # $OPTS is a list of words
	timeout 60 "$PTYDRIVE" $OPTS "$tmp/script" -- "$@" \
	    > "$tmp/out" 2> "$tmp/err"
	rc=$?
}

# report DESCRIPTION STATUS: one TAP line, passing if STATUS is 0; a failure
# shows the script and what the driver printed.
report() {
	test_number=$((test_number + 1))
	if [ "$2" -eq 0 ]; then
		echo "ok $test_number - $1"
		return
	fi
	echo "not ok $test_number - $1"
	echo "# ptydrive exit status: $rc"
	for file in script out err; do
		echo "# --- $file:"
		sed 's/^/#   /' "$tmp/$file"
	done
}

# has FILE TEXT: whether FILE (out or err) has a line containing TEXT.
has() {
	grep -qF -- "$2" "$tmp/$1"
}

interactive_bash="bash --norc --noprofile -i"

# --- usage and script errors are exit status 2, found before anything runs
"$PTYDRIVE" > "$tmp/out" 2> "$tmp/err" < /dev/null
rc=$?
[ "$rc" -eq 2 ] && has err usage:
report "no arguments is a usage error" $?

run touch "$tmp/should-not-exist" <<'SCRIPT'
expect something
frobnicate the widget
SCRIPT
[ "$rc" -eq 2 ] && has err 'line 2: unknown step "frobnicate"' &&
    [ ! -e "$tmp/should-not-exist" ]
report "an unknown step is a script error, found before the command runs" $?

run true <<'SCRIPT'
send \q
SCRIPT
[ "$rc" -eq 2 ] && has err 'unknown escape'
report "an unknown escape is a script error" $?

run true <<'SCRIPT'
hangup
send too late\r
SCRIPT
[ "$rc" -eq 2 ] && has err 'only wait-exit may follow hangup'
report "nothing but wait-exit may follow hangup" $?

# --- talk to an interactive shell
run $interactive_bash <<'SCRIPT'
# the prompt, a command's echo, then its output (not in the echo)
expect ptd$ 
send echo hello-$((6*7))\r
expect echo hello-$((6*7))
expect hello-42
expect ptd$ 
send stty size\r
expect 24 80
expect ptd$ 
send exit 3\r
wait-exit 3
SCRIPT
[ "$rc" -eq 0 ] && has out 'ptydrive: exit 3'
report "bash: prompt, echo, output, default size 24x80, exit status" $?

OPTS="--timeout 10"
run $interactive_bash <<'SCRIPT'
expect ptd$ 
# The marker comes from the job itself, so bash has made it the terminal's
# foreground job by then and \x03 cannot land in bash's fork-to-exec window.
send sh -c 'echo sleep-$((1))-start; exec sleep 60'; echo not-$((1))-interrupted\r
expect sleep-1-start
send \x03
# sleep 60 is longer than --timeout: only an interrupt brings the prompt
expect ptd$ 
send echo alive-$((1+1))\r
expect alive-2
expect-not not-1-interrupted
send exit\r
wait-exit 0
SCRIPT
[ "$rc" -eq 0 ]
report "\\x03 interrupts sleep and the shell survives" $?

OPTS="--rows 30 --cols 100"
run $interactive_bash <<'SCRIPT'
expect ptd$ 
send stty size\r
expect 30 100
expect ptd$ 
winsize 40 132
send stty size\r
expect 40 132
SCRIPT
[ "$rc" -eq 0 ]
report "--rows/--cols set the size, winsize changes it" $?

OPTS="--timeout 10"
run sh -c 'trap "echo winch; stty size" WINCH; echo ready
    while :; do read -r line; done' <<'SCRIPT'
expect ready
winsize 33 111
expect winch
expect 33 111
SCRIPT
[ "$rc" -eq 0 ]
report "winsize sends SIGWINCH to the command" $?

run $interactive_bash <<'SCRIPT'
expect ptd$ 
hangup
wait-exit
SCRIPT
[ "$rc" -eq 0 ] && grep -Eqx 'ptydrive: (signal HUP|exit [0-9]+)' "$tmp/out"
report "hangup ends the shell, wait-exit reports how" $?

# --- the command's surroundings
OPTS=
PTYDRIVE_PROBE=xyz run env PTYDRIVE_PROBE=xyz sh -c '
    echo "probe=$PTYDRIVE_PROBE term=$TERM"
    if : < /dev/tty; then echo ctty-yes; fi
    set -- $(cat /proc/$$/stat)
    if [ "$6" = "$$" ]; then echo leader-yes; fi' <<'SCRIPT'
expect probe=xyz term=dumb
expect ctty-yes
expect leader-yes
wait-exit 0
SCRIPT
[ "$rc" -eq 0 ] && has out 'ptydrive: exit 0'
report "environment kept; session leader with the pty as controlling tty" $?

cat > "$tmp/script" <<'SCRIPT'
expect ready
signal INT
wait-exit signal INT
SCRIPT
# Not run(): timeout(1) would catch SIGINT itself, so the trap goes after it.
timeout 60 sh -c 'trap "" INT; exec "$@"' sh "$PTYDRIVE" --timeout 5 \
    "$tmp/script" -- sh -c 'echo ready; exec cat' > "$tmp/out" 2> "$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && has out 'ptydrive: signal INT'
report "the command gets SIGINT back even if ptydrive ignored it" $?

run sh -c 'echo ready; exec cat' <<'SCRIPT'
expect ready
signal TERM
wait-exit signal TERM
SCRIPT
[ "$rc" -eq 0 ] && has out 'ptydrive: signal TERM'
report "signal TERM, wait-exit signal TERM" $?

run sh -c 'seq 1 300000; echo big-$((1))-done; exec cat' <<'SCRIPT'
expect big-1-done
send after the flood\r
expect after the flood
SCRIPT
[ "$rc" -eq 0 ]
report "a command writing a lot never blocks; end of script kills it" $?

printf 'expect hi-there\nwait-exit 0\n' |
    timeout 60 "$PTYDRIVE" --log "$tmp/log" - -- sh -c 'echo hi-there' \
    > "$tmp/out" 2> "$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && grep -q hi-there "$tmp/log"
report "a script on stdin, --log keeps what the terminal said" $?

run no-such-command-ptydrive <<'SCRIPT'
expect cannot run
wait-exit 127
SCRIPT
[ "$rc" -eq 0 ]
report "a command that cannot be run exits 127 with a message" $?

run sh -c 'echo alpha beta gamma' <<'SCRIPT'
expect beta
wait-exit 0
# all the output is in; only what follows "beta" counts
expect-not alpha
expect-not delta
SCRIPT
[ "$rc" -eq 0 ]
report "expect-not passes for text before the match or absent" $?

# --- the ways a script fails: exit status 1 and a message
run sh -c 'echo alpha beta gamma' <<'SCRIPT'
expect beta
wait-exit 0
expect-not gamma
SCRIPT
[ "$rc" -eq 1 ] && has err 'line 3: unwanted "gamma"'
report "expect-not fails for text after the match" $?

OPTS="--timeout 1"
started=$(date +%s)
run cat <<'SCRIPT'
send hello\tworld\r
expect never-appears
SCRIPT
elapsed=$(($(date +%s) - started))
[ "$rc" -eq 1 ] &&
    has err 'ptydrive: line 2: timed out waiting for "never-appears"' &&
    has err 'hello\tworld\r\n' && [ "$elapsed" -lt 10 ]
report "expect times out (--timeout 1), showing the output escaped" $?

run cat <<'SCRIPT'
wait-exit
SCRIPT
[ "$rc" -eq 1 ] && has err 'did not exit within 1000 ms'
report "wait-exit fails if the command does not end in time" $?

OPTS=
run sh -c 'exit 3' <<'SCRIPT'
wait-exit 4
SCRIPT
[ "$rc" -eq 1 ] && has out 'ptydrive: exit 3' && has err 'expected exit 4'
report "wait-exit fails on the wrong exit status" $?

run sh -c 'echo bye' <<'SCRIPT'
expect bye
expect more
SCRIPT
[ "$rc" -eq 1 ] && has err 'output ended while waiting for "more"'
report "expect fails at once when the output ends" $?

echo "1..$test_number"
