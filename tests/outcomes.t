#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# outcomes.t: every "~~~ if OUTCOME" branch that today's kernel never takes
# is rendered once, and must fit.  The old kernels' answers (EIDRM for a
# stale identifier before Linux 4.2, a refused shmat of a doomed segment)
# are made by errinject: a seccomp filter in the tutor's own process tree
# answers that one call with the old errno.  A collision at the server's
# key is made for real.  In the step concerned, the call must show the
# errno, the branch written for it must be shown, the other branches of the
# step must not, and the tutor must not say it did not foresee the answer.
source "$(dirname "$0")/lib/common.sh"
: "${ERRINJECT:=$BUILD/errinject}"

# The first words of each "~~~ if" block of step STEP of lesson file FILE,
# as "OUTCOMES<TAB>words" (OUTCOMES comma-separated).
if_blocks() {
	awk -v want="$2" '
		/^## / { step++ }
		step == want && /^~~~ if / { o = $3; for (i = 4; i <= NF; i++) o = o "," $i; grab = 1; next }
		grab && NF { printf "%s\t%s %s %s %s\n", o, $1, $2, $3, $4; grab = 0 }
	' "$1"
}

# check LESSON STEP ERRNO STATUS INPUT [RULE...]: run lesson LESSON with
# the script INPUT (one command a line) under the rules, expect exit
# STATUS, and check step LESSON.STEP as described above.
check() {
	local lesson=$1 step=$2 errno=$3 want=$4 input=$5 file out section name status
	shift 5
	file=$(ls "$srcdir"/lessons/0"$lesson"-*.md)
	name="$lesson.$step $errno${1:+ ($*)}"
	out="$TEST_TMP/out.$lesson.$step.$errno"
	section="$out.section"
	local run=("$IPCTUTOR" --reproducible "$lesson")
	[ $# -gt 0 ] && run=("$ERRINJECT" "$@" -- "${run[@]}")
	in_fresh_ns $(neutral_env) "${run[@]}" < "$input" > "$out" 2>&1
	status=$?
	[ "$status" = "$want" ]; ok $? "$name: exit status $want (got $status)"
	awk -v a="Step $lesson.$step of" -v b="Step $lesson.$((step + 1)) of" \
		'index($0, a) { on = 1 } index($0, b) { on = 0 } on' "$out" > "$section"
	grep -q "= -1 $errno " "$section"; ok $? "$name: the call shows $errno"
	! grep -q "did not foresee" "$section"; ok $? "$name: the lesson foresaw $errno"
	while IFS=$'\t' read -r outcomes words; do
		if [[ ",$outcomes," == *",$errno,"* ]]; then
			grep -qF "$words" "$section"; ok $? "$name: the branch for $outcomes is shown"
		else
			! grep -qF "$words" "$section"; ok $? "$name: the branch for $outcomes is not shown"
		fi
	done < <(if_blocks "$file" "$step")
	[ -s "$section" ] || diag < "$out"
}

golden() { ls "$srcdir"/tests/golden/0"$1"-*.in; }

# Before Linux 4.2 a stale identifier whose slot held a newer object gave
# EIDRM.  Reproducible runs give the same identifiers every time: the old
# queue (or set) is 0.
check 4 2 EIDRM 0 "$(golden 4)" msgsnd:0:EIDRM
check 4 4 EIDRM 0 "$(golden 4)" msgsnd:0:EIDRM
check 5 4 EIDRM 0 "$(golden 5)" msgsnd:0:EIDRM
check 6 7 EIDRM 0 "$(golden 6)" semop:0:EIDRM
check 8 4 EIDRM 0 "$(golden 8)" msgsnd:0:EIDRM
# 3.4: the tutor's own IPC_STAT on the old queue, after the new server's
# IPC_STAT and IPC_RMID of it and the tutor's IPC_STAT in step 3.2.
check 3 4 EIDRM 0 "$(golden 3)" msgctl:0:EIDRM:3:1
# 6.8: a kernel that refuses to attach a doomed segment (after the server's
# and the client's two attachments).  The step's expectations then fail, so
# the lesson exits 3: that is what a learner on such a kernel would see.
check 6 8 EINVAL 3 "$(golden 6)" shmat:0:EINVAL:3:1
check 6 8 EIDRM 3 "$(golden 6)" shmat:0:EIDRM:3:1
# 1.3: another program's queue at the server's key, for real: the server
# leaves it alone and gives up with EEXIST (the step then expects more).
printf '%s\n' next 2 'msgget {key} IPC_CREAT|0644' next quit > "$TEST_TMP/collide.in"
check 1 3 EEXIST 3 "$TEST_TMP/collide.in"
done_testing
