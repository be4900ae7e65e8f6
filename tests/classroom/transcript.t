#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# transcript.t: the session written down for grading.  Lesson 1 is run in
# batch mode with its prediction at 1.2 right, its quiz wrong at the first
# try, "save FILE" on the way (after the prediction), and --transcript
# FILE for the whole session; both files must be Markdown holding the
# commands typed, the calls made, the grading of the answers and the score.
source "$(dirname "$0")/../lib/common.sh"

rerun_in_fresh_ns

T=$TEST_TMP
printf '%s\n' next 2 next "save $T/mid.md" next next next next 1 2 2 next \
	"save $T/no-such-dir/x.md" quit |
	$(neutral_env) "$IPCTUTOR" --reproducible --transcript "$T/all.md" > "$T/out" 2>&1
status=$?
[ "$status" = 1 ]; ok $? "the session ends with status 1 (one line was refused: the unwritable save)"
grep -q "The transcript could not be written to" "$T/out"
ok $? "save to a missing directory says so in one sentence"
grep -q "Transcript saved to $T/mid.md" "$T/out"; ok $? "save FILE says where it wrote"

for f in mid all; do
	head -1 "$T/$f.md" | grep -qx "# ipctutor transcript"; ok $? "$f.md: a Markdown title"
	grep -q '^» `next`$' "$T/$f.md"; ok $? "$f.md: the commands typed"
	grep -Eq '^  (server|client|you) +msgget\(' "$T/$f.md"; ok $? "$f.md: the calls made"
	grep -q '^## Score$' "$T/$f.md"; ok $? "$f.md: a score section"
	[ "$(grep -c '^~~~$' "$T/$f.md")" -ge 2 ] && [ $(( $(grep -c '^~~~$' "$T/$f.md") % 2 )) = 0 ]
	ok $? "$f.md: every output block is closed"
	! grep -q $'\033' "$T/$f.md"; ok $? "$f.md: no terminal escapes"
done
grep -q '^» `save '"$T"'/mid.md`$' "$T/all.md"; ok $? "all.md: the save command itself"
grep -q '^» `1`$' "$T/all.md" && grep -q '^» `2`$' "$T/all.md"; ok $? "all.md: the quiz answers"
grep -q '^| create-open | 8 | [a-z]* | 3 | 2 |$' "$T/all.md"; ok $? "all.md: the score: 8 steps seen, 3 questions, 2 right"
grep -q '^Questions answered right: 2 of 3.$' "$T/all.md"; ok $? "all.md: the total"
grep -q '^| create-open | [0-9]* | no | 1 | 1 |$' "$T/mid.md"; ok $? "mid.md: the score so far"
grep -q "objects left behind: 0" "$T/all.md"; ok $? "all.md: the cleanup at the end"
done_testing
