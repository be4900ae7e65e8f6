#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# narrow.t: the tutor on a narrow terminal, a phone's or a split pane's.
# The whole course is walked through a pseudo-terminal whose size is set
# with TIOCSWINSZ (ptydrive --cols), 40 and 57 columns, in English and in
# Chinese (two columns a character), with `ipcs` at every step, and no
# line the tutor writes may be wider than the terminal, as the terminal
# counts it (wc -L under a UTF-8 locale: wcwidth, carriage returns).  The
# lines the learner typed are theirs and are not counted.  Then the
# pager's prompt at 40x24, and a terminal resized in the middle of a
# session (SIGWINCH): the next table, call and code follow the new width.
source "$(dirname "$0")/../lib/common.sh"

rerun_in_fresh_ns

# The prompt, as it starts the lines the learner typed.
PROMPT='ipctutor [0-9]+\.[0-9]+\??> '

# walk_input IN: the golden input IN with `ipcs` before each `next`.
walk_input() {
	awk '/^next$/ { print "ipcs" } { print }' "$1"
}

# script_for TRANSCRIPT: a ptydrive script that types, at each prompt of a
# batch TRANSCRIPT, what the batch run read there.
script_for() {
	grep -E "^$PROMPT" "$1" | while IFS= read -r line; do
		prompt=${line%%> *}
		printf 'expect %s> \nsend %s\\r\n' "$prompt" "${line#*> }"
	done
	echo 'wait-exit 0'
}

# tutor_lines LOG: the lines of a terminal log the tutor wrote (not those
# the learner typed after a prompt).
tutor_lines() {
	grep -avE "$PROMPT" "$1"
}

# widest FILE: the display width of its widest line, as a terminal shows it.
widest() { LC_ALL=C.UTF-8 wc -L < "$1"; }

# show_wide FILE WIDTH: the lines wider than WIDTH, for the diagnostics.
show_wide() {
	tr -d '\r' < "$1" | while IFS= read -r l; do
		[ "$(printf '%s\n' "$l" | LC_ALL=C.UTF-8 wc -L)" -gt "$2" ] && printf '%s\n' "$l"
	done | head -5 | diag
}

for lang in en zh_CN; do
	for cols in 40 57; do
		: > "$TEST_TMP/walk"
		lines=0 failed=
		for in in "$srcdir"/tests/golden/[0-9][0-9]-*.in; do
			n=$(basename "$in" .in); n=${n%%-*}
			walk_input "$in" > "$TEST_TMP/walk.in"
			# The batch run, at the same width, says what to type where.
			in_fresh_ns $(neutral_env) "$IPCTUTOR" --reproducible --lang "$lang" --width "$cols" "$n" \
				< "$TEST_TMP/walk.in" > "$TEST_TMP/batch" 2>&1
			script_for "$TEST_TMP/batch" > "$TEST_TMP/script"
			PTY_COLS=$cols PTY_ROWS=500 pty_run "walk-$lang-$cols-$n" \
				"$IPCTUTOR" --reproducible --lang "$lang" "$n" < "$TEST_TMP/script" ||
				failed="$failed $n"
			tutor_lines "$TEST_TMP/walk-$lang-$cols-$n.log" >> "$TEST_TMP/walk"
		done
		lines=$(wc -l < "$TEST_TMP/walk")
		[ -z "$failed" ] && [ "$lines" -gt 1000 ]
		ok $? "$lang, $cols columns: every lesson walked on the terminal, ipcs at each step ($lines lines${failed:+; failed:$failed})"
		w=$(widest "$TEST_TMP/walk")
		[ "$w" -le "$cols" ]
		ok $? "$lang, $cols columns: no line wider than the terminal (widest $w)" || show_wide "$TEST_TMP/walk" "$cols"
	done
done
# What the narrow walk must have shown, not only fitted.
grep -aq '^  \* key: 0x54xxxxxx  id: ' "$TEST_TMP/walk-en-40-02.log"
ok $? "40 columns: ipcs lists each object as heading: value pairs, key and id first"
grep -aq '^    key  *id  *slot  *seq  *perms  *uid  *semaphores' "$TEST_TMP/walk-en-57-06.log"
ok $? "57 columns: a table that fits stays a table"
grep -aq '↪ ' "$TEST_TMP/walk-en-40-02.log"
ok $? "40 columns: a C line too long is continued after a mark"
grep -aq '^             = -1 EINVAL' "$TEST_TMP/walk-en-40-04.log" &&
	grep -aq '^             (Invalid argument)' "$TEST_TMP/walk-en-40-04.log"
ok $? "40 columns: a result too wide breaks before the errno's text, never inside a word"

# The pager at 40x24: its prompt fits the row it is wiped from.
PTY_COLS=40 PTY_ROWS=24 pty_run "pager" "$IPCTUTOR" --reproducible 2.4 <<'S'
expect -- more --
send \r
expect -- more --
send q
expect ipctutor 2.4> 
send quit\r
wait-exit 0
S
ok $? "40x24: a step longer than the screen pauses with the short prompt"
w=$(tutor_lines "$TEST_TMP/pager.log" > "$TEST_TMP/pager"; widest "$TEST_TMP/pager")
[ "$w" -le 40 ]
ok $? "40x24: no line wider than the terminal, the pager's prompt included (widest $w)"

# Resized in the middle of a session: the same views, at 80 then at 40.
PTY_COLS=80 PTY_ROWS=500 pty_run "resize" "$IPCTUTOR" --reproducible 2.4 <<'S'
expect ipctutor 2.4> 
send ipcs\r
expect last-receiver
expect ipctutor 2.4> 
winsize 500 40
send ipcs\r
expect last-receiver: 
expect ipctutor 2.4> 
send again\r
expect ipctutor 2.4> 
send quit\r
wait-exit 0
S
ok $? "a session resized from 80 to 40 columns goes on"
awk '/ipctutor 2.4> ipcs/ { n++ } n == 1' "$TEST_TMP/resize.log" > "$TEST_TMP/before"
awk '/ipctutor 2.4> ipcs/ { n++ } n == 2' "$TEST_TMP/resize.log" | tutor_lines /dev/stdin > "$TEST_TMP/after"
grep -aq '^    key  *id  *slot  *seq' "$TEST_TMP/before"
ok $? "at 80 columns: ipcs is the whole table"
w=$(widest "$TEST_TMP/after")
[ "$w" -le 40 ] && grep -aq '^  \* key: ' "$TEST_TMP/after" && grep -aq '↪ ' "$TEST_TMP/after"
ok $? "after SIGWINCH to 40 columns: ipcs stacks, the step's code and calls fit (widest $w)" ||
	show_wide "$TEST_TMP/after" 40
done_testing
