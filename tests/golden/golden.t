#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# golden.t: every tests/golden/*.in is piped to the tutor in a fresh IPC
# namespace, with --reproducible and the C locale, and the transcript must
# equal the .out beside it, byte for byte.  Each run must also exit 0 (or
# the status in NAME.status, for scripts of bad input) and
# end with "objects left behind: 0", and the namespace the test itself runs
# in must list no object afterwards.  NN-slug.in starts at lesson NN.
# IPCTUTOR_UPDATE_GOLDEN=1 rewrites the .out files (review the diff!).
source "$(dirname "$0")/../lib/common.sh"

run_one() {  # run_one INPUT -> transcript on stdout, status in $status
	local in=$1 base lesson=()
	base=$(basename "$in" .in)
	case $base in [0-9][0-9]-*) lesson=("${base%%-*}") ;; esac
	$(neutral_env) ${IPCTUTOR_WRAPPER:-} "$IPCTUTOR" --reproducible "${lesson[@]}" < "$in" 2>&1
}

export -f run_one neutral_env
for in in "$srcdir"/tests/golden/*.in; do
	name=$(basename "$in" .in)
	out=${in%.in}.out
	got="$TEST_TMP/$name.out"
	in_fresh_ns bash -c 'source "$1"; run_one "$2" > "$3"; echo $? > "$3.status"; cat /proc/sysvipc/msg /proc/sysvipc/sem /proc/sysvipc/shm | awk "\$1 != \"key\"" > "$3.left"' \
		_ "$srcdir/tests/lib/common.sh" "$in" "$got"
	want=0
	[ -f "${in%.in}.status" ] && want=$(cat "${in%.in}.status")
	[ "$(cat "$got.status")" = "$want" ]; ok $? "$name: exit status $want"
	grep -q "objects left behind: 0" "$got"; ok $? "$name: objects left behind: 0"
	[ ! -s "$got.left" ]; ok $? "$name: the namespace is empty afterwards"
	if [ "${IPCTUTOR_UPDATE_GOLDEN:-0}" = 1 ]; then
		cp "$got" "$out"
	fi
	if [ -f "$out" ]; then
		diff -u "$out" "$got" > "$got.diff"; ok $? "$name: transcript matches $name.out"
		[ -s "$got.diff" ] && head -60 "$got.diff" | diag
	else
		ok 1 "$name: $name.out exists (make it with IPCTUTOR_UPDATE_GOLDEN=1)"
	fi
done
done_testing
