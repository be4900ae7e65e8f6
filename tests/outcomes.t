#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# outcomes.t: every "~~~ if OUTCOME" branch that today's kernel never takes
# is rendered once, and must fit.  The old kernels' answers (EIDRM for a
# stale identifier before Linux 4.2, a refused shmat of a doomed segment)
# are made by errinject: a seccomp filter in the tutor's own process tree
# answers that one call with the old errno.  A collision at the server's
# key is made for real, with another program's queue in --shared mode.  The
# lesson is walked with "next" alone, so every question is skipped and its
# call still made.  In the step concerned, the call must show the errno,
# the branch written for it must be shown, the other branches of the step
# must not, and the tutor must not say it did not foresee the answer.
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

# The input that walks lesson FILE to its recap with "next" alone: one per
# step, and two more per question (the first says it is open, the second
# skips it and makes its call).
walk() {
	local q s
	q=$(grep -cE '^~~~ (quiz|predict)$' "$1")
	s=$(grep -c '^## ' "$1")
	yes next | head -n $((2 * q + s - 1))
	echo quit
}

# check_step LESSON STEP ERRNO STATUS OUT: check step LESSON.STEP of the
# transcript OUT (which exited with STATUS) as described above.
check_step() {
	local lesson=$1 step=$2 errno=$3 want=$4 out=$5 name=$6 file section status
	file=$(ls "$srcdir"/lessons/0"$lesson"-*.md)
	section="$out.section"
	status=$(cat "$out.status")
	[ "$status" = "$want" ]; ok $? "$name: exit status $want (got $status)"
	awk -v a="Step $lesson.$step " -v b="Step $lesson.$((step + 1)) " \
		'index($0, a) == 1 { on = 1 } index($0, b) == 1 { on = 0 } on' "$out" > "$section"
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

# check LESSON STEP ERRNO STATUS RULE...: walk lesson LESSON under
# errinject's RULEs, expect exit STATUS, check step LESSON.STEP.
check() {
	local lesson=$1 step=$2 errno=$3 want=$4 out file
	shift 4
	file=$(ls "$srcdir"/lessons/0"$lesson"-*.md)
	out="$TEST_TMP/out.$lesson.$step.$errno"
	walk "$file" | in_fresh_ns $(neutral_env) "$ERRINJECT" "$@" -- "$IPCTUTOR" --reproducible "$lesson" > "$out" 2>&1
	echo $? > "$out.status"
	check_step "$lesson" "$step" "$errno" "$want" "$out" "$lesson.$step $errno ($*)"
}

# Before Linux 4.2 a stale identifier whose slot held a newer object gave
# EIDRM.  Reproducible runs give the same identifiers every time: the old
# queue (or set) is 0.
check 4 2 EIDRM 0 msgsnd:0:EIDRM
check 4 4 EIDRM 0 msgsnd:0:EIDRM
check 5 4 EIDRM 0 msgsnd:0:EIDRM
check 6 7 EIDRM 0 semop:0:EIDRM
check 8 4 EIDRM 0 msgsnd:0:EIDRM
# 3.4: the tutor's own IPC_STAT on the old queue, after its IPC_STAT in
# step 3.2 and the new server's IPC_STAT and IPC_RMID of it in 3.3.
check 3 4 EIDRM 0 msgctl:0:EIDRM:3:1
# 6.8: a kernel that refuses to attach a doomed segment (after the server's
# and the client's two attachments).  The step's expectations then fail, so
# the lesson exits 3: what a learner on such a kernel would see.
check 6 8 EINVAL 3 shmat:0:EINVAL:3:1
check 6 8 EIDRM 3 shmat:0:EIDRM:3:1

# 1.3: another program's queue (mode 0644) at the server's key, in the
# namespace the tutor shares (--shared): the server leaves it alone and
# gives up with EEXIST, and the step's expectations fail (exit 3).
out="$TEST_TMP/out.1.3.EEXIST"
walk "$(ls "$srcdir"/lessons/01-*.md)" > "$TEST_TMP/walk1.in"
in_fresh_ns bash -c '
	run=$1/run; mkdir -p "$run"; keyfile=$run/ipctutor-$(id -u).key; : > "$keyfile"
	perl -MIPC::SysV=ftok,IPC_CREAT -e "defined msgget(ftok(\$ARGV[0], 84), IPC_CREAT | 0644) or die \"msgget: \$!\n\"" "$keyfile" || exit 99
	env IPCTUTOR_RUNDIR="$run" $2 "$3" --reproducible --shared 1 < "$1/walk1.in" > "$4" 2>&1
	echo $? > "$4.status"
	ipcrm --all=msg
' _ "$TEST_TMP" "$(neutral_env)" "$IPCTUTOR" "$out"
check_step 1 3 EEXIST 3 "$out" "1.3 EEXIST (another program's queue at the key)"
done_testing
