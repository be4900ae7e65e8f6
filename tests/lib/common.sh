# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# common.sh: what every shell test shares: where the built programs are, a
# neutral environment (no terminal colour, a fresh HOME, the C locale), a
# private IPC namespace to run in, and a few TAP helpers.  Tests are run by
# prove from `make check`, which sets IPCTUTOR, PTYDRIVE and BUILD.

: "${srcdir:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${BUILD:=$srcdir/build}"
: "${IPCTUTOR:=$BUILD/ipctutor}"
: "${PTYDRIVE:=$BUILD/ptydrive}"
: "${IPCTUTOR_LESSONS:=$srcdir/lessons}"
: "${IPCTUTOR_LOCALEDIR:=$BUILD/locale}"
export IPCTUTOR_LESSONS IPCTUTOR_LOCALEDIR

TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ipctutor-test.XXXXXX")
trap 'rm -rf "$TEST_TMP"' EXIT

# A neutral environment for one run: fresh HOME, no runtime dir, no colour.
neutral_env() {
	local home
	home=$(mktemp -d "$TEST_TMP/home.XXXXXX")
	echo env -u XDG_STATE_HOME -u XDG_RUNTIME_DIR -u LANGUAGE -u LANG -u LC_MESSAGES \
		HOME="$home" LC_ALL=C NO_COLOR=1 TERM=dumb INPUTRC="$srcdir/tests/lib/inputrc"
}

# Run a command in a fresh IPC namespace of its own (root: unshare -i;
# otherwise with a user namespace).
in_fresh_ns() {
	if [ "$(id -u)" = 0 ]; then
		unshare -i "$@"
	else
		unshare -r -i "$@"
	fi
}

# The System V objects the current namespace lists, one per line.
ipc_objects() {
	cat /proc/sysvipc/msg /proc/sysvipc/sem /proc/sysvipc/shm 2>/dev/null | awk '$1 != "key"'
}

tap_n=0
tap_failed=0
ok() {  # ok CONDITION-STATUS DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}
diag() { { cat; echo; } | sed '/^$/d; s/^/# /'; }
done_testing() { echo "1..$tap_n"; [ "$tap_failed" = 0 ]; }
: "${WAITALL:=$BUILD/waitall}"
: "${STALEPROBE:=$BUILD/staleprobe}"
