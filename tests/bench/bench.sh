#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# bench.sh: `make bench`.  Measures on the machine at hand and prints, for
# each comparison, the median of both sides and the ratio of each pair of
# runs as min–median–max.  The two sides of a comparison run alternately
# (A B A B ...), so that the machine's drift hits both alike:
#   1. exec to first prompt through a pseudo-terminal, and exec to exit of
#      `ipctutor 1 </dev/null`, against a floor program that links
#      readline and gettext and shows a prompt;
#   2. start-up with 90 lessons against 9 (the nine copied ten times);
#   3. peak memory (VmHWM) after 10,000 playground commands against 1,000;
#   4. one step at a pty with the state folder on disk against tmpfs;
#   5. a class on one machine: a teacher with --lead, LEARNERS learners
#      with --follow (default 100), inside its own `unshare -i`, CLASSRUNS
#      times (default 3), the teacher's moves CLASSBENCH_PAUSE_MS apart
#      (default 500: the teacher talks; 0: back to back);
#   6. the batch walk-through of every lesson, restartcost and churn.
# RUNS (default 21) sets the repetitions.  Nothing here is a pass/fail
# test: these machines are noisy, so the figures are reported, with the
# goals of issue 17 beside them, not asserted.
set -euo pipefail
: "${BUILD:=build}" "${RUNS:=21}" "${LEARNERS:=100}" "${ROUNDS:=3}"
tutor=$PWD/$BUILD/ipctutor tool=$BUILD/bench/benchtool floor=$BUILD/bench/floor
work=$(mktemp -d) shm=$(mktemp -d -p /dev/shm)
trap 'rm -rf "$work" "$shm"' EXIT
export HOME=$work/home LC_ALL=C TERM=dumb IPCTUTOR_LESSONS=$PWD/lessons IPCTUTOR_LOCALEDIR=$PWD/$BUILD/locale
unset XDG_STATE_HOME XDG_RUNTIME_DIR
mkdir -p "$HOME"

field() { sed -n "s/\(^\|.* \)$1=\([^ ]*\).*/\2/p" | head -1; }
in_ns() { if [ "$(id -u)" = 0 ]; then unshare -i "$@"; else unshare -r -i "$@"; fi; }
# row LABEL UNIT RESULT METRIC GOAL: "A  B  ratio median (min–max)"
row() {
	local r=$3 m=$4 ratio
	ratio=$(echo "$r" | field "${m}_ratio")
	printf '%-40s %9.2f %-3s %9.2f %-3s  %s (%s–%s)  %s\n' "$1" "$(echo "$r" | field "${m}_a")" "$2" \
		"$(echo "$r" | field "${m}_b")" "$2" "$(echo "$ratio" | cut -d/ -f2)" \
		"$(echo "$ratio" | cut -d/ -f1)" "$(echo "$ratio" | cut -d/ -f3)" "$5"
}

echo "ipctutor benchmark: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
echo "Linux $(uname -r), $(df -T "$work" | awk 'NR == 2 {print $2}') state folder vs tmpfs, RUNS=$RUNS, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
printf '%-40s %13s %13s  %-20s  %s\n' "measure" "A" "B" "B/A median (min–max)" "goal"

# 1. Start: the floor (A) against the tutor (B).
r=$("$tool" prompt "$RUNS" "floor> " "ipctutor 1.1> " -- "$floor" -- "$tutor" 1)
row "first prompt on a pty: floor, tutor" ms "$r" ms "≤ 1.5"
row "  peak memory then (VmHWM)" KiB "$r" kib ""
r=$("$tool" exit "$RUNS" /dev/null /dev/null -- "$floor" -- "$tutor" 1)
row "exec to exit, </dev/null: floor, tutor" ms "$r" ms "≤ 1.5"
row "  CPU time (user + system) of that" ms "$r" cpu ""

# 2. 9 lessons (A) against 90 (B): each of the nine ten times, renumbered.
mkdir -p "$work/l9" "$work/l90"
cp lessons/[0-9][0-9]-*.md "$work/l9/"
for k in 0 1 2 3 4 5 6 7 8 9; do
	i=0
	for f in lessons/[0-9][0-9]-*.md; do
		i=$((i + 1)) slug=$(basename "$f" .md)
		cp "$f" "$work/l90/$(printf %02d $((k * 9 + i)))-${slug#??-}-$k.md"
	done
done
mkdir -p "$work/h9" "$work/h90"
r=$("$tool" exit "$RUNS" /dev/null /dev/null -- HOME="$work/h9" IPCTUTOR_LESSONS="$work/l9" "$tutor" 1 \
	-- HOME="$work/h90" IPCTUTOR_LESSONS="$work/l90" "$tutor" 1)
row "start to exit: 9 lessons, 90 lessons" ms "$r" ms "≤ 1.15"
row "  CPU time (user + system) of that" ms "$r" cpu ""
r=$("$tool" prompt "$RUNS" "ipctutor 1.1> " "ipctutor 1.1> " -- HOME="$work/h9" IPCTUTOR_LESSONS="$work/l9" "$tutor" 1 \
	-- HOME="$work/h90" IPCTUTOR_LESSONS="$work/l90" "$tutor" 1)
row "first prompt: 9 lessons, 90 lessons" ms "$r" ms "≤ 1.15"

# Instructions, which a busy machine does not change: valgrind's count.
if command -v valgrind >/dev/null; then
	ir() {  # ir [NAME=VALUE]... COMMAND...: instructions executed
		local vars=()
		while [[ $1 == *=* ]]; do vars+=("$1"); shift; done
		env "${vars[@]}" valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" </dev/null 2>&1 >/dev/null \
			| sed -n 's/.*refs: *//p' | tr -d ,
	}
	f=$(ir "$floor") t9=$(ir HOME="$work/h9" IPCTUTOR_LESSONS="$work/l9" "$tutor" 1) \
		t90=$(ir HOME="$work/h90" IPCTUTOR_LESSONS="$work/l90" "$tutor" 1)
	printf '%-40s %9s     %9s      %s\n' "instructions to exit: floor, tutor" "$f" "$t9" \
		"$(echo "$t9 $f" | awk '{printf "%.2f", $1/$2}')"
	printf '%-40s %9s     %9s      %s\n' "instructions to exit: 9, 90 lessons" "$t9" "$t90" \
		"$(echo "$t90 $t9" | awk '{printf "%.2f", $1/$2}')"
fi

# 3. Memory after 1,000 (A) and 10,000 (B) playground commands.
commands() {
	for ((i = 0; i < $1 / 5; i++)); do
		printf 'msgget 0x1234 IPC_CREAT|0600\nmsgsnd {id} hello\nmsgrcv {id} 0 IPC_NOWAIT\nmsgctl {id} stat\nipcs\n'
	done
	echo quit
}
commands 1000 >"$work/c1000" && commands 10000 >"$work/c10000"
r=$("$tool" exit "$(((RUNS + 4) / 5))" "$work/c1000" "$work/c10000" -- "$tutor" 1 -- "$tutor" 1)
row "peak memory: 1,000 and 10,000 commands" KiB "$r" kib "≤ 1.2"

# 4. One step at a pty, the state folder on tmpfs (A) and on disk (B):
# steps 1.3 to 1.7 (step 1.2 holds Enter with its question), Enter each
# time; a run's figure is its median step.
mkdir -p "$work/disk" "$shm/home"
r=$("$tool" step "$RUNS" "ipctutor 1.%d" 3 7 "" -- HOME="$shm/home" "$tutor" 1.3 -- HOME="$work/disk" "$tutor" 1.3)
row "one step on a pty: tmpfs, disk" ms "$r" ms "≤ 1.2"

# 5. A class on one machine, in its own IPC namespace, CLASSRUNS times
# (default 3): the first move of a class differs from the rest, and a
# busy machine from one run to the next.
mkdir -p "$work/class"
echo
: "${CLASSRUNS:=3}"
lasts="" worsts="" eachs="" missed=0
for ((k = 1; k <= CLASSRUNS; k++)); do
	rm -rf "$work/class" && mkdir -p "$work/class"
	c=$(in_ns "$BUILD/bench/classbench" "$LEARNERS" "$ROUNDS" "$work/class" -- "$tutor")
	[ "$k" = 1 ] && echo "a class: 1 teacher (--lead), $(echo "$c" | field learners) learners (--follow), $(echo "$c" | field moves) moves a run, ${CLASSBENCH_PAUSE_MS:-500} ms apart, $CLASSRUNS runs"
	printf '  run %d: last learner %s ms median, %s ms worst; %s missed; load %s\n' "$k" \
		"$(echo "$c" | field last_median_ms)" "$(echo "$c" | field last_worst_ms)" "$(echo "$c" | field missed)" \
		"$(cut -d' ' -f1 /proc/loadavg)"
	lasts="$lasts $(echo "$c" | field last_median_ms)" worsts="$worsts $(echo "$c" | field last_worst_ms)"
	eachs="$eachs $(echo "$c" | field each_median_ms)" missed=$((missed + $(echo "$c" | field missed)))
done
med() { echo "$@" | tr ' ' '\n' | grep . | sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
printf '  %-50s %s ms (median of the runs), %s ms (worst of all)   goal ≤ 50\n' "teacher's move to the last learner showing it" \
	"$(med $lasts)" "$(echo $worsts | tr ' ' '\n' | sort -g | tail -1)"
printf '  %-50s %s ms (median of the runs)\n' "teacher's move to a learner showing it" "$(med $eachs)"
printf '  %-50s %s   goal 0\n' "moves missed (all runs)" "$missed"
printf '  %-50s %s KiB proportional (Pss), %s KiB resident\n' "memory per learner (tutor, listener, 2 spares)" \
	"$(echo "$c" | field pss_kib_per_learner)" "$(echo "$c" | field rss_kib_per_learner)"
printf '  %-50s %s shm, %s sem, %s msg   goal 1, 1, 0\n' "objects in the class's host namespace" \
	"$(echo "$c" | field host_shm)" "$(echo "$c" | field host_sem)" "$(echo "$c" | field host_msg)"

# 6. The rest: every lesson in batch, restartcost, churn.
echo
total=0
for in in tests/golden/0*.in; do
	n=$(basename "$in" .in)
	r=$("$tool" exit 3 "$in" "$in" -- "$tutor" --reproducible "${n%%-*}" -- "$tutor" --reproducible "${n%%-*}")
	total=$(echo "$total $(echo "$r" | field ms_a)" | awk '{print $1 + $2}')
done
printf '%-40s %9.1f ms\n' "every lesson in batch (sum of medians)" "$total"
printf 'restartcost 500\nquit\n' | "$tutor" --width 200 1.1 2>&1 | sed -n 's/^ *↳ //p' | grep -E 'restarts|median' | sed 's/^/  /'
raw=$(in_ns "$tool" churn 1000000 | field per_second)
mine=$(printf 'churn 1000000\nquit\n' | "$tutor" 1.1 2>&1 | sed -n 's/.*s, \([0-9]*\) cycles per second.*/\1/p')
printf '%-40s %9s per s, raw msgget+IPC_RMID %s per s, ratio %s\n' "churn (create+remove a queue)" "$mine" "$raw" \
	"$(echo "$mine $raw" | awk '{printf "%.2f", $1/$2}')"
