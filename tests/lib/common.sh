# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# common.sh: what every shell test shares: where the built programs are, a
# neutral environment (no terminal colour, a fresh HOME, the C locale), a
# private IPC namespace to run in, processes driven through FIFOs, a copy
# of the tutor for another user, and a few TAP helpers.  Tests are run by
# prove from `make check`, which sets IPCTUTOR, PTYDRIVE and BUILD.
#
# A test touches no file outside its own temporary folder $TEST_TMP (and
# $OTHER_DIR, see other_user_copy): even the tutor's key files go to
# $TEST_TMP/run, through IPCTUTOR_RUNDIR.

: "${srcdir:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${BUILD:=$srcdir/build}"
: "${IPCTUTOR:=$BUILD/ipctutor}"
: "${PTYDRIVE:=$BUILD/ptydrive}"
: "${WAITALL:=$BUILD/waitall}"
: "${STALEPROBE:=$BUILD/staleprobe}"
: "${NOPTRACE:=$BUILD/noptrace}"
: "${IPCTUTOR_LESSONS:=$srcdir/lessons}"
: "${IPCTUTOR_LOCALEDIR:=$BUILD/locale}"
export IPCTUTOR_LESSONS IPCTUTOR_LOCALEDIR

TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ipctutor-test.XXXXXX")
OTHER_DIR=
trap 'rm -rf "$TEST_TMP" ${OTHER_DIR:+"$OTHER_DIR"}' EXIT
export IPCTUTOR_RUNDIR=$TEST_TMP/run
mkdir -p "$IPCTUTOR_RUNDIR"

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

# rerun_in_fresh_ns: the first line of a test that needs an IPC namespace
# of its own (its objects, its ipcs): run this test file again in a fresh
# namespace, and exit with its status.  The second run goes on.
rerun_in_fresh_ns() {
	if [ -z "${IPCTUTOR_IN_FRESH_NS:-}" ]; then
		export IPCTUTOR_IN_FRESH_NS=1
		in_fresh_ns bash "$0"
		exit $?
	fi
}

# other_user_copy: prepare to run the tutor as another user (uid 65534).
# Only real root can switch users (root of a user namespace cannot); the
# other user may not reach our build (a clone in a 0700 home), so it gets
# a copy of the tutor, the lessons and the catalogs in $OTHER_DIR, a 0755
# temporary folder of its own (removed at exit), with a HOME and a run
# folder it owns.  Sets OTHER (the command prefix: setpriv ... env ...) and
# OTHER_IPCTUTOR; or returns 1 with the reason in $why.
other_user_copy() {
	why=
	if [ "$(id -u)" != 0 ]; then
		why="needs root to run the tutor as another user"
	elif ! setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		why="needs real root to run the tutor as another user (this is root of a user namespace)"
	fi
	[ -z "$why" ] || return 1
	OTHER_DIR=$(mktemp -d /tmp/ipctutor-other.XXXXXX) || { why="no folder in /tmp"; return 1; }
	chmod 755 "$OTHER_DIR"
	cp "$IPCTUTOR" "$OTHER_DIR/ipctutor"
	cp -r "$IPCTUTOR_LESSONS" "$OTHER_DIR/lessons"
	cp -r "$IPCTUTOR_LOCALEDIR" "$OTHER_DIR/locale" 2>/dev/null || mkdir "$OTHER_DIR/locale"
	mkdir -m 1777 "$OTHER_DIR/run"
	mkdir "$OTHER_DIR/home"
	chown 65534:65534 "$OTHER_DIR/home"
	OTHER_IPCTUTOR=$OTHER_DIR/ipctutor
	OTHER=(setpriv --reuid=65534 --regid=65534 --clear-groups
		env HOME="$OTHER_DIR/home" IPCTUTOR_LESSONS="$OTHER_DIR/lessons"
		IPCTUTOR_LOCALEDIR="$OTHER_DIR/locale" IPCTUTOR_RUNDIR="$OTHER_DIR/run")
	if ! "${OTHER[@]}" test -x "$OTHER_IPCTUTOR"; then
		why="uid 65534 cannot reach $OTHER_DIR"
		return 1
	fi
}

# ns_holders NS: the processes of this test (descendants of its shell)
# whose IPC namespace is NS (a link such as ipc:[4026532177]), as
# "PID:NAME" words.  Only this test's: once a namespace is gone, the kernel
# gives its number to the next new one, which may be another test's.
ns_holders() {
	local p q
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/ns/ipc" 2>/dev/null)" = "$1" ] || continue
		q=${p#/proc/}
		while [ -n "$q" ] && [ "$q" -gt 1 ] && [ "$q" != $$ ]; do
			q=$(awk '/^PPid:/ { print $2 }' "/proc/$q/status" 2>/dev/null)
		done
		[ "$q" = $$ ] && printf ' %s:%s' "${p#/proc/}" "$(cat "$p/comm" 2>/dev/null)"
	done
}

# unwrap_calls: a transcript with each call line the tutor wrapped (its
# continuation lines are indented 13 columns) joined back into one line, as
# strace prints it: two spaces before what came back after a result
# ("= 0  {key=..."), one space elsewhere.
unwrap_calls() {
	awk '/^             [^ ]/ && n { c = $0; sub(/^ +/, "", c); prev = prev (prev ~ / = [^ ()]+$/ ? "  " : " ") c; next }
	     { if (n) print prev; prev = $0; n = 1 }
	     END { if (n) print prev }'
}

# ---- processes driven through FIFOs ----------------------------------------

# spawn NAME COMMAND...: start COMMAND with its standard input and output
# on FIFOs; sets NAME_pid, NAME_in (a descriptor to write lines to) and
# NAME_out (one to read its output from); what is read goes to
# $TEST_TMP/NAME.log.
spawn() {
	local name=$1 d fdin fdout
	shift
	d=$(mktemp -u "$TEST_TMP/$name.XXXXXX")
	mkfifo "$d.in" "$d.out"
	"$@" < "$d.in" > "$d.out" 2>&1 &
	printf -v "${name}_pid" %s $!
	exec {fdin}> "$d.in" {fdout}< "$d.out"
	printf -v "${name}_in" %s "$fdin"
	printf -v "${name}_out" %s "$fdout"
	: > "$TEST_TMP/$name.log"
}

# send NAME LINE...: write each LINE to NAME's standard input.
send() {
	local fd=${1}_in
	shift
	printf '%s\n' "$@" >&"${!fd}"
}

# wait_for NAME TEXT: read NAME's output until a line contains TEXT (a
# deadline of 20 s only catches failure).  The matching line is in $got.
wait_for() {
	local fd=${1}_out line
	while IFS= read -r -t 20 line <&"${!fd}"; do
		printf '%s\n' "$line" >> "$TEST_TMP/$1.log"
		if [[ $line == *"$2"* ]]; then
			got=$line
			return 0
		fi
	done
	return 1
}

# finish NAME: close NAME's input, read the rest of its output, wait for
# its exit; the status is in $status.  When the test has just killed NAME,
# bash learns of its death while reading the rest and keeps a "Killed"
# notice for later; `jobs` says it here, where it goes to /dev/null.
finish() {
	local pid=${1}_pid in=${1}_in out=${1}_out line fd
	{
		fd=${!in}
		exec {fd}>&-
		fd=${!out}
		while IFS= read -r line <&"$fd"; do
			printf '%s\n' "$line"
		done >> "$TEST_TMP/$1.log"
		[ -z "$line" ] || printf '%s' "$line" >> "$TEST_TMP/$1.log"
		exec {fd}<&-
		wait "${!pid}"
		status=$?
		jobs > /dev/null   # the pending notice, said here
	} 2> /dev/null
}

# pty_drive NAME ROWS COMMAND... < SCRIPT: play the ptydrive SCRIPT
# against COMMAND on a ROWSx80 pseudo-terminal, in a neutral environment
# (HOME $TEST_TMP/home, TERM=dumb, the tests' inputrc, no make variables);
# one TAP line NAME, and on failure the output and the end of the log.
pty_drive() {
	local name=$1 rows=$2 status
	shift 2
	mkdir -p "$TEST_TMP/home"
	env -u XDG_STATE_HOME -u XDG_RUNTIME_DIR -u LANGUAGE -u LANG -u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
		HOME="$TEST_TMP/home" LC_ALL=C TERM=dumb INPUTRC="$srcdir/tests/lib/inputrc" \
		"$PTYDRIVE" --rows "$rows" --cols 80 --timeout 20 --log "$TEST_TMP/$name.log" - -- "$@" \
		> "$TEST_TMP/$name.out" 2>&1
	status=$?
	ok $status "$name" && return 0
	diag < "$TEST_TMP/$name.out"
	tail -c 1500 "$TEST_TMP/$name.log" | diag
	return 1
}

# pty_run NAME COMMAND... < SCRIPT: as pty_drive, on a terminal of
# PTY_ROWS x PTY_COLS (24x80 unless set), with a fresh HOME of its own and
# no TAP line: returns ptydrive's status, and on failure shows the output
# and the end of the log ($TEST_TMP/NAME.log) as diagnostics.
pty_run() {
	local name=$1 status
	shift
	mkdir -p "$TEST_TMP/home-$name"
	env -u XDG_STATE_HOME -u XDG_RUNTIME_DIR -u LANGUAGE -u LANG -u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
		HOME="$TEST_TMP/home-$name" LC_ALL=C TERM=dumb INPUTRC="$srcdir/tests/lib/inputrc" \
		"$PTYDRIVE" --rows "${PTY_ROWS:-24}" --cols "${PTY_COLS:-80}" --timeout 20 \
		--log "$TEST_TMP/$name.log" - -- "$@" > "$TEST_TMP/$name.out" 2>&1
	status=$?
	if [ $status -ne 0 ]; then
		diag < "$TEST_TMP/$name.out"
		tail -c 1500 "$TEST_TMP/$name.log" | diag
	fi
	return $status
}

# stop NAME SIGNAL: send SIGNAL to NAME, then finish it ($status).  One
# command, so that the notice bash keeps when it learns that NAME was
# killed is said inside finish, to /dev/null, and not after the kill.
stop() {
	kill -s "$2" "$(eval echo "\$${1}_pid")"
	finish "$1"
}

# ---- TAP --------------------------------------------------------------------

# The System V objects the current namespace lists, one per line.
ipc_objects() {
	cat /proc/sysvipc/msg /proc/sysvipc/sem /proc/sysvipc/shm 2>/dev/null | awk '$1 != "key"'
}

tap_n=0
tap_failed=0
ok() {  # ok CONDITION-STATUS DESCRIPTION; returns CONDITION-STATUS
	tap_n=$((tap_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
		return 1
	fi
}
diag() { { cat; echo; } | sed '/^$/d; s/^/# /'; }
skip() {  # skip COUNT REASON: COUNT tests that cannot run here, and why
	local i
	for ((i = 0; i < $1; i++)); do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n # SKIP $2"
	done
}
done_testing() { echo "1..$tap_n"; [ "$tap_failed" = 0 ]; }

# need_cc WHAT: without a C compiler the whole file skips, saying it had
# nothing to compile WHAT with.
need_cc() {
	command -v cc > /dev/null && return 0
	echo "1..0 # SKIP no C compiler (cc) to compile $1"
	exit 0
}

# exercise_env SECONDS: the exercises of this tree, a deadline of SECONDS
# for each wait of a check, and a HOME and state folder of the test's own.
exercise_env() {
	export IPCTUTOR_EXERCISES="$srcdir/exercises" IPCTUTOR_CHECK_SECONDS=$1
	export HOME="$TEST_TMP/home" XDG_STATE_HOME="$TEST_TMP/state"
	mkdir -p "$HOME"
}
