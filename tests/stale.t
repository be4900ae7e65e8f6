#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# stale.t: the stale-identifier lesson reports the kernel's real answer.
# staleprobe asks the kernel directly (in a namespace of its own) what a
# stale identifier gets when its slot is empty and when the slot holds a
# newer queue; then lesson 4 runs, and in its two stale steps the client's
# msgsnd must show that same errno, and the lesson must show the
# explanation written for that errno and not the other one.
source "$(dirname "$0")/lib/common.sh"

lesson=$(ls "$srcdir"/lessons/04-*.md)
input=$(ls "$srcdir"/tests/golden/04-*.in)
read -r _ empty < <(in_fresh_ns "$STALEPROBE" | grep '^empty')
read -r _ reused < <(in_fresh_ns "$STALEPROBE" | grep '^reused')
[ -n "$empty" ] && [ -n "$reused" ]; ok $? "the kernel answers a stale id with $empty (empty slot) and $reused (reused slot)"

in_fresh_ns $(neutral_env) "$IPCTUTOR" --reproducible 4 < "$input" > "$TEST_TMP/out" 2>&1
ok $? "lesson 4 runs to the end"

# The first words of each "~~~ if OUTCOME" block of step N of the lesson,
# as "OUTCOME<TAB>words".
if_blocks() {
	awk -v want="$1" '
		/^## / { step++ }
		step == want && /^~~~ if / { outcome = $3; grab = 1; next }
		grab && NF { printf "%s\t%s %s %s %s\n", outcome, $1, $2, $3, $4; grab = 0 }
	' "$lesson"
}

check_step() {  # check_step STEP-NUMBER TITLE-WORDS EXPECTED-ERRNO
	local n=$1 errno=$3 section="$TEST_TMP/step$1"
	awk -v a="Step 4.$n (" -v b="Step 4.$((n + 1)) (" 'index($0, a) { on = 1 } index($0, b) { on = 0 } on' \
		"$TEST_TMP/out" > "$section"
	grep -q "client msgsnd(.* = -1 $errno " "$section"
	ok $? "step 4.$n ($2): the client's msgsnd shows $errno, as the kernel said"
	while IFS=$'\t' read -r outcome words; do
		if [ "$outcome" = "$errno" ]; then
			grep -qF "$words" "$section"; ok $? "step 4.$n: the explanation for $outcome is shown"
		else
			! grep -qF "$words" "$section"; ok $? "step 4.$n: the explanation for $outcome is not shown"
		fi
	done < <(if_blocks "$n")
}

check_step 2 "empty slot" "$empty"
check_step 4 "reused slot" "$reused"
done_testing
