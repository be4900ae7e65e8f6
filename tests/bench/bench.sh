#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# bench.sh: `make bench`.  Measures, as medians of repeated runs on the
# machine at hand, and prints next to each the floor it is compared with:
#   1. exec to first prompt through a pseudo-terminal, ipctutor vs a floor
#      program that links readline and gettext and shows a prompt;
#   2. peak memory (VmHWM) at the first prompt and over a whole lesson;
#   3. the batch walk-through of every lesson, real crashes included;
#   4. restart recovery over a queue and over a UNIX socket (restartcost);
#   5. the churn loop against the raw msgget+IPC_RMID rate.
# RUNS (default 21) sets the repetitions.  Nothing here is a pass/fail
# test: these machines are noisy, so the figures are reported, not asserted.
set -euo pipefail
: "${BUILD:=build}" "${RUNS:=21}"
tutor=$BUILD/ipctutor tool=$BUILD/bench/benchtool floor=$BUILD/bench/floor
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home LC_ALL=C TERM=dumb IPCTUTOR_LESSONS=$PWD/lessons IPCTUTOR_LOCALEDIR=$PWD/$BUILD/locale
unset XDG_STATE_HOME XDG_RUNTIME_DIR

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
in_ns() { if [ "$(id -u)" = 0 ]; then unshare -i "$@"; else unshare -r -i "$@"; fi; }

echo "ipctutor benchmark: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), Linux $(uname -r), $RUNS runs each"
echo

f=$("$tool" prompt "$RUNS" "floor> " -- "$floor")
t=$("$tool" prompt "$RUNS" "ipctutor 1.1> " -- "$tutor")
fm=$(echo "$f" | field median_ms) tm=$(echo "$t" | field median_ms)
printf '%-44s %8s ms   floor %6s ms   ratio %s\n' "first prompt (median)" "$tm" "$fm" "$(echo "$tm $fm" | awk '{printf "%.2f", $1/$2}')"
printf '%-44s %8s KiB  floor %6s KiB\n' "peak memory at the first prompt (VmHWM)" "$(echo "$t" | field peak_kib)" "$(echo "$f" | field peak_kib)"

total=0 peak=0
for in in tests/golden/0*.in; do
	n=$(basename "$in" .in)
	r=$("$tool" run "$RUNS" "$in" -- "$tutor" --reproducible "${n%%-*}")
	ms=$(echo "$r" | field median_ms) kib=$(echo "$r" | field peak_kib)
	total=$(echo "$total $ms" | awk '{print $1 + $2}')
	peak=$(echo "$peak $kib" | awk '{print ($2 > $1) ? $2 : $1}')
done
printf '%-44s %8.1f ms\n' "every lesson in batch, start to finish (sum)" "$total"
printf '%-44s %8s KiB\n' "peak memory over a whole lesson (ru_maxrss)" "$peak"

echo
printf 'restartcost 500\nquit\n' | "$tutor" --width 200 1.1 2>&1 | sed -n 's/^ *↳ //p' | grep -E 'restarts|median' | sed 's/^/  /'

echo
raw=$(in_ns "$tool" churn 1000000 | field per_second)
mine=$(printf 'churn 1000000\nquit\n' | "$tutor" 1.1 2>&1 | sed -n 's/.*s, \([0-9]*\) cycles per second.*/\1/p')
printf '%-44s %8s per s   raw %s per s   ratio %s\n' "churn (create+remove a queue)" "$mine" "$raw" \
	"$(echo "$mine $raw" | awk '{printf "%.2f", $1/$2}')"
