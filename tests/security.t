#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# security.t: the tutor never hurts what is not its own — no process it did
# not fork, no file it was not asked to write, no object it did not create —
# and a hostile environment (a failing fork, planted links and FIFOs,
# another user's files, a hostile catalog, terminal escapes) gets one
# sentence, never a hang or a crash.  Each case runs where it can do no
# harm: a private PID, mount or IPC namespace; another user through setpriv.
source "$(dirname "$0")/lib/common.sh"

if [ -z "${IPCTUTOR_IN_FRESH_NS:-}" ]; then
	export IPCTUTOR_IN_FRESH_NS=1
	in_fresh_ns bash "$0"
	exit $?
fi

tutor() { $(neutral_env) "$IPCTUTOR" --reproducible "$@"; }
after=explain\ EPERM   # a command whose answer proves the session went on
proof="EPERM (Operation not permitted)"
root=$([ "$(id -u)" = 0 ] && echo 1)

# --- 1. only its own children are signalled ---------------------------------
# fork fails (a pids cgroup allows no new process) while restartcost runs,
# in a PID namespace of its own with a bystander process: the bystander
# lives, the tutor says why the measurement stopped.
cg=/sys/fs/cgroup/pids/ipctutor-test.$$
if [ -n "$root" ] && mkdir "$cg" 2>/dev/null; then
	printf 'restartcost 2\n%s\nquit\n' "$after" > "$TEST_TMP/rc.in"
	TEST_TMP=$TEST_TMP unshare -p -f --mount-proc bash -c '
		cg=$1; shift
		echo 0 > "$cg/cgroup.procs"
		sleep infinity &   # the bystander: any process the tutor did not fork
		bystander=$!
		read -r n < "$cg/pids.current"
		echo $((n + 1)) > "$cg/pids.max"   # room for the tutor, none for its children
		"$@" < "$TEST_TMP/rc.in" > "$TEST_TMP/rc.out" 2>&1
		echo max > "$cg/pids.max"
		kill -0 "$bystander" 2>/dev/null && echo "bystander alive" >> "$TEST_TMP/rc.out"
		kill "$bystander"
	' _ "$cg" $(neutral_env) "$IPCTUTOR" --reproducible
	rmdir "$cg"
	grep -q "bystander alive" "$TEST_TMP/rc.out"
	ok $? "fork fails in restartcost: no kill(-1), a bystander process lives"
	grep -q "could not start its server" "$TEST_TMP/rc.out" && grep -qF "$proof" "$TEST_TMP/rc.out"
	ok $? "  one sentence says why, and the session goes on"
	[ "$tap_failed" = 0 ] || diag < "$TEST_TMP/rc.out"
else
	ok 0 "fork fails in restartcost # SKIP needs root and a pids cgroup"
	ok 0 "  one sentence # SKIP needs root and a pids cgroup"
fi

# --- 2. the transcript's temporary file follows no planted link --------------
# In a folder of another user (who may plant names there), the tutor as
# root saves a transcript; the attacker has linked the old temporary name
# (FILE.tmp.PID, the pid being 1 in a PID namespace of its own) to a
# victim file.
if [ -n "$root" ]; then
	chmod 711 "$TEST_TMP"
	attic=$TEST_TMP/attic
	mkdir "$attic" && chown 65534:65534 "$attic"
	echo "precious" > "$TEST_TMP/victim"
	setpriv --reuid=65534 --regid=65534 --clear-groups ln -s "$TEST_TMP/victim" "$attic/out.md.tmp.1"
	printf 'save %s\nquit\n' "$attic/out.md" > "$TEST_TMP/save.in"
	unshare -p -f --mount-proc $(neutral_env) "$IPCTUTOR" --reproducible < "$TEST_TMP/save.in" > "$TEST_TMP/save.out" 2>&1
	[ "$(cat "$TEST_TMP/victim")" = precious ] && grep -q "^# ipctutor transcript" "$attic/out.md"
	ok $? "save into another user's folder: a planted link at the temporary name is not followed"
else
	ok 0 "save and a planted link # SKIP needs root to be another user"
fi

# --- 3. save writes regular files only ----------------------------------------
# Never the machine's /dev/null: on a tutor without the fix, save replaces
# what it is given with a regular file.  As root the device is a node of
# our own (the same major and minor as /dev/null) in the test's folder;
# otherwise a second FIFO stands in and the device case is skipped.
if [ -n "$root" ] && mknod "$TEST_TMP/null" c 1 3 2>/dev/null; then
	device=$TEST_TMP/null
else
	mkfifo "$TEST_TMP/null"; device=
fi
mkfifo "$TEST_TMP/fifo"
echo "the target" > "$TEST_TMP/target"
ln -s "$TEST_TMP/target" "$TEST_TMP/link"
printf 'save %s\nsave %s\nsave %s\nsave ""\n%s\nquit\n' "$TEST_TMP/null" "$TEST_TMP/fifo" "$TEST_TMP/link" "$after" |
	tutor > "$TEST_TMP/regular.out" 2>&1
{ [ -z "$device" ] || [ -c "$device" ]; } && { [ -n "$device" ] || [ -p "$TEST_TMP/null" ]; } \
	&& [ -p "$TEST_TMP/fifo" ] && [ -L "$TEST_TMP/link" ] && [ "$(cat "$TEST_TMP/target")" = "the target" ]
ok $? "save to a ${device:+device, a }FIFO, a symbolic link: each left as it was"
[ -n "$device" ] || ok 0 "save to a device # SKIP mknod needs root"
[ "$(grep -c "is not a regular file" "$TEST_TMP/regular.out")" = 3 ] && grep -q "needs a file name" "$TEST_TMP/regular.out" \
	&& grep -qF "$proof" "$TEST_TMP/regular.out"
ok $? "  one sentence each (and one for save \"\"), the session goes on"
tutor --transcript "$TEST_TMP/null" < /dev/null > "$TEST_TMP/regular2.out" 2>&1
st=$?
{ [ -z "$device" ] || [ -c "$device" ]; } && [ $st = 2 ] && grep -q "$TEST_TMP/null is not a regular file" "$TEST_TMP/regular2.out"
ok $? "--transcript to a $([ -n "$device" ] && echo device || echo FIFO): refused at the start in one sentence, exit 2"

# A regular file that exists is replaced only when asked (save --replace).
echo "mine" > "$TEST_TMP/mine.md"
printf 'save %s\nsave --force %s\n%s\nsave --replace %s\nquit\n' "$TEST_TMP/mine.md" "$TEST_TMP/mine.md" "$after" "$TEST_TMP/mine.md" |
	tutor > "$TEST_TMP/replace.out" 2>&1
tr '\n' ' ' < "$TEST_TMP/replace.out" > "$TEST_TMP/replace.joined"   # the tutor wraps long lines
grep -qF "$TEST_TMP/mine.md already exists and was left as it is: save --replace $TEST_TMP/mine.md overwrites it." "$TEST_TMP/replace.joined" \
	&& grep -q "save takes one file name, or --replace and a file name" "$TEST_TMP/replace.joined" && grep -qF "$proof" "$TEST_TMP/replace.out"
ok $? "save onto an existing file: refused in one sentence that says how to replace it (save --replace)"
grep -q "^# ipctutor transcript" "$TEST_TMP/mine.md" && [ "$(grep -c "Transcript saved to" "$TEST_TMP/replace.out")" = 1 ]
ok $? "  save --replace overwrites it (the first two left it as it was)"
[ "$tap_failed" = 0 ] || diag < "$TEST_TMP/replace.out"

# --- 5. nothing left after kill -9: churn, the class board, the server ------
# (The kill -9 inside a get call, and issue 15's four calls: ownership.t.)
# churn in --shared, killed in its fifth cycle: strace holds the tutor in
# the fifth msgget's return, the queue made, until we SIGKILL it.
if command -v strace > /dev/null; then
	dir=$(mktemp -d "$TEST_TMP/churn.XXXXXX")
	mkfifo "$dir/in" "$dir/out"
	$(neutral_env) setsid "$WAITALL" --pidfile "$dir/pid" --timeout 60 -- strace -qq -o /dev/null -e trace=msgget \
		-e inject=msgget:delay_exit=30000000:when=5 "$IPCTUTOR" --shared < "$dir/in" > "$dir/out" 2>&1 &
	waiter=$!
	exec 3> "$dir/in" 4< "$dir/out"
	echo "$after" >&3
	while IFS= read -r -t 20 line <&4; do [[ $line == *"$proof"* ]] && break; done
	echo "churn 1000" >&3
	tries=0   # until the fifth queue exists (bounded: only a failure waits long)
	while [ "$(ipc_objects | wc -l)" = 0 ] && [ $((tries += 1)) -lt 2000 ]; do read -r -t 0.01 <&4; done
	kill -KILL "$(cat /proc/"$(cat "$dir/pid")"/task/*/children | tr -d ' ')"
	exec 3>&-; cat <&4 > /dev/null; exec 4<&-; wait "$waiter"
	[ "$tries" -lt 2000 ] && [ "$(ipc_objects | wc -l)" = 0 ]
	ok $? "churn in --shared, kill -9 in its fifth cycle: nothing left once the guardian is done"
	ipcrm --all 2>/dev/null
else
	ok 0 "churn in --shared, kill -9 # SKIP strace is not installed"
fi

# --lead: the publisher (the tutor's helper that holds the board) killed.
dir=$(mktemp -d "$TEST_TMP/lead.XXXXXX")
mkfifo "$dir/in" "$dir/out"
rm -f "$IPCTUTOR_RUNDIR/ipctutor-class.key"
$(neutral_env) setsid "$WAITALL" --pidfile "$dir/pid" --timeout 60 -- "$IPCTUTOR" --lead < "$dir/in" > "$dir/out" 2>&1 &
waiter=$!
exec 3> "$dir/in" 4< "$dir/out"
echo "$after" >&3
while IFS= read -r -t 20 line <&4; do [[ $line == *"$proof"* ]] && break; done
during=$(ipc_objects | wc -l)
for child in $(cat /proc/"$(cat "$dir/pid")"/task/*/children); do
	[ "$(tr '\0' ' ' < "/proc/$child/cmdline")" = "$IPCTUTOR --lead " ] && kill -KILL "$child"
done
echo quit >&3; exec 3>&-; cat <&4 > /dev/null; exec 4<&-; wait "$waiter"
[ "$during" = 2 ] && [ "$(ipc_objects | wc -l)" = 0 ]
ok $? "--lead, its publisher killed with SIGKILL: the board ($during objects) does not outlive it"
ipcrm --all 2>/dev/null; rm -f "$IPCTUTOR_RUNDIR/ipctutor-class.key"

# The classroom server and a message longer than a request (E2BIG).
run=$TEST_TMP/run; mkdir -p "$run"; chmod 700 "$run"
dir=$(mktemp -d "$TEST_TMP/e2big.XXXXXX")
mkfifo "$dir/out"
env HOME="$TEST_TMP" XDG_RUNTIME_DIR="$run" LC_ALL=C "$IPCTUTOR" server > "$dir/out" 2>&1 < /dev/null &
server=$!
exec 4< "$dir/out"
while IFS= read -r -t 20 line <&4; do [[ $line == *"Serving on queue"* ]] && break; done
qid=$(sed -n 's/.*Serving on queue \([0-9]*\).*/\1/p' <<< "$line")
perl -e 'msgsnd($ARGV[0], pack("l! a*", 1, "x" x 200), 0) or die "msgsnd: $!"' "$qid"
printf 'hello\n' | env HOME="$TEST_TMP" XDG_RUNTIME_DIR="$run" LC_ALL=C setsid -w "$WAITALL" --timeout 20 -- \
	"$IPCTUTOR" client > "$dir/client" 2>&1
grep -q "answer: sequence number" "$dir/client"
ok $? "a 200-byte message on the classroom server's queue: cut (MSG_NOERROR), the server goes on serving"
kill -TERM "$server"; cat <&4 > "$dir/server.log"; exec 4<&-; wait "$server"
[ "$(ipc_objects | wc -l)" = 0 ]; ok $? "  and at SIGTERM it leaves nothing"
ipcrm --all 2>/dev/null

# --- 6. files that would hang the start ---------------------------------------
home=$TEST_TMP/home-fifo
mkdir -p "$home/.local/state/ipctutor"
mkfifo "$home/.local/state/ipctutor/progress"
printf '%s\nquit\n' "$after" | env -u XDG_STATE_HOME HOME="$home" LC_ALL=C setsid -w "$WAITALL" --timeout 20 -- \
	"$IPCTUTOR" --reproducible > "$TEST_TMP/fifoprog.out" 2>&1
st=$?
[ $st = 1 ] && grep -qF "$proof" "$TEST_TMP/fifoprog.out" && [ -p "$home/.local/state/ipctutor/progress.corrupt" ]
ok $? "a FIFO as the progress file: no hang, set aside, the session goes on"

# --- 7. crashes: a read-only attachment, hostile language codes and catalogs -
printf 'shmget IPC_PRIVATE 4096 IPC_CREAT|0600\nshmat {id} SHM_RDONLY\nshmwrite hello\nclient shmat {id} SHM_RDONLY\nclient shmwrite hello\nclient shmread\n%s\nquit\n' "$after" |
	tutor > "$TEST_TMP/rdonly.out" 2>&1
st=$?
[ $st = 1 ] && [ "$(grep -c "attached read-only (SHM_RDONLY)" "$TEST_TMP/rdonly.out")" = 2 ] && grep -qF "$proof" "$TEST_TMP/rdonly.out" \
	&& grep -q 'client read ADDR' "$TEST_TMP/rdonly.out"
ok $? "shmwrite into a SHM_RDONLY attachment (tutor and client): one sentence, no SIGSEGV"

# A catalog that msgfmt -c would refuse: conversions of other types, a %n.
evil=$TEST_TMP/evil
mkdir -p "$evil/xx/LC_MESSAGES" "$evil/locale"
cp -r "$IPCTUTOR_LOCALEDIR"/. "$evil/locale/"
mkdir -p "$evil/locale/xx/LC_MESSAGES"
cat > "$evil/xx.po" <<'PO'
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"

msgid "Unknown command \"%s\": help lists the commands."
msgstr "%n%n%n%n %s"

msgid "Transcript saved to %s (Markdown)."
msgstr "%d %d %d %d %s"

msgid "From now on the tutor speaks {language}."
msgstr "HOSTILE %s%s%s%n"

msgid "Language: {language}. lang LL switches, e.g. lang fr; lang en goes back to English."
msgstr "Sprache: {language}."
PO
msgfmt -o "$evil/locale/xx/LC_MESSAGES/ipctutor.mo" "$evil/xx.po"
cp "$evil/locale/xx/LC_MESSAGES/ipctutor.mo" "$evil/xx/LC_MESSAGES/ipctutor.mo"
printf 'frobnicate\nsave %s\nlang\n%s\nquit\n' "$TEST_TMP/t.md" "$after" |
	IPCTUTOR_LOCALEDIR=$evil/locale $(neutral_env) "$IPCTUTOR" --reproducible --lang xx > "$TEST_TMP/evil.out" 2>&1
st=$?
[ $st = 1 ] && grep -q 'Unknown command "frobnicate": help lists' "$TEST_TMP/evil.out" && grep -q "Transcript saved to $TEST_TMP/t.md" "$TEST_TMP/evil.out" \
	&& grep -q "Sprache: xx" "$TEST_TMP/evil.out" && grep -qF "$proof" "$TEST_TMP/evil.out"
ok $? "a catalog with %n and mistyped conversions: those entries are not used, the others are"

refused=0
for code in ../../tmp/x "" fr/../../x "de;rm" "x"; do
	tutor --lang "$code" < /dev/null > "$TEST_TMP/lang.out" 2>&1
	st=$?
	[ $st = 2 ] && grep -q "is not a language code" "$TEST_TMP/lang.out" && refused=$((refused + 1))
done
[ $refused = 5 ]; ok $? "--lang ../../tmp/x, '', fr/../../x, 'de;rm', x: refused in one sentence, exit 2"
printf 'lang %s\nlang ""\n%s\nquit\n' "../../$evil/xx" "$after" | tutor > "$TEST_TMP/lang2.out" 2>&1
[ "$(grep -c "is not a language code" "$TEST_TMP/lang2.out")" = 2 ] && grep -qF "$proof" "$TEST_TMP/lang2.out"
ok $? "lang ../../DIR at the prompt: refused in one sentence, the session goes on"
printf 'frobnicate\n%s\nquit\n' "$after" | env LANGUAGE="../../../../../../..$evil/xx" $(neutral_env | sed 's/-u LANGUAGE//; s/LC_ALL=C/LC_ALL=C.UTF-8/') \
	"$IPCTUTOR" --reproducible > "$TEST_TMP/language.out" 2>&1
grep -q 'Unknown command "frobnicate": help lists' "$TEST_TMP/language.out" && grep -qF "$proof" "$TEST_TMP/language.out"
ok $? "LANGUAGE=../../…: that catalog is not loaded"
if [ -f /usr/share/locale/tr/LC_MESSAGES/libc.mo ]; then
	printf 'msgctl 12345 stat\nquit\n' | tutor --lang tr > "$TEST_TMP/tr.out" 2>&1
	grep -q "continuing in English" "$TEST_TMP/tr.out" && grep -q "EINVAL (Invalid argument)" "$TEST_TMP/tr.out"
	ok $? "--lang tr (the C library speaks Turkish, ipctutor does not): English, strerror too"
else
	ok 0 "--lang tr # SKIP the C library has no Turkish messages here"
fi

# --- 8. progress that cannot be read is set aside, never overwritten --------
home=$TEST_TMP/home-big
state=$home/.local/state/ipctutor
mkdir -p "$state"
{ echo "ipctutor-progress 1"; head -c 70000 /dev/zero | tr '\0' '#'; echo; } > "$state/progress"
echo "an earlier damaged file" > "$state/progress.corrupt"
sum=$(md5sum < "$state/progress")
printf '%s\nquit\n' "$after" | env -u XDG_STATE_HOME HOME="$home" LC_ALL=C "$IPCTUTOR" --reproducible > "$TEST_TMP/big.out" 2>&1
[ "$(md5sum < "$state/progress.corrupt.2")" = "$sum" ] && [ "$(cat "$state/progress.corrupt")" = "an earlier damaged file" ] \
	&& grep -q "^ipctutor-progress 1" "$state/progress" && grep -q "could not be read (File too large); it was set aside" "$TEST_TMP/big.out"
ok $? "a progress file over 64 KiB: set aside beside the earlier one, both kept"
# Only real root can be uid 65534 (an ordinary user's run is root of a
# user namespace), and that user gets a copy it can reach (our build may
# sit in a 0700 folder).
if [ -n "$root" ] && other_user_copy; then
	home=$TEST_TMP/home-sudo
	state=$home/.local/state/ipctutor
	mkdir -p "$state"
	printf 'ipctutor-progress 1\nposition 02-server-crash 3\n' > "$state/progress"
	chmod 600 "$state/progress"
	chown -R 65534:65534 "$home"
	chown 0:0 "$state" "$state/progress"   # as after "sudo ipctutor" made them
	chmod 755 "$state"
	chmod 711 "$TEST_TMP"
	printf '%s\nquit\n' "$after" | "${OTHER[@]}" HOME="$home" \
		env -u XDG_STATE_HOME LC_ALL=C "$OTHER_IPCTUTOR" --reproducible > "$TEST_TMP/sudo.out" 2>&1
	grep -q "position 02-server-crash 3" "$state/progress" && grep -q "nor set aside, so it is left as it is" "$TEST_TMP/sudo.out" \
		&& grep -qF "$proof" "$TEST_TMP/sudo.out"
	ok $? "a root-owned progress file (after sudo): left as it is, said in one sentence"
else
	ok 0 "a root-owned progress file # SKIP ${why:-needs root to make one}"
fi

# --- 9. input echoed back with its control characters escaped ----------------
printf 'msgget \033[31mred\302\233x\n\342\200\256evil\177\nsave %s\nquit\n' "$TEST_TMP/a$(printf '\342\200\256')b" |
	tutor > "$TEST_TMP/esc.out" 2>&1
! grep -q "$(printf '\033')" "$TEST_TMP/esc.out" && ! grep -q "$(printf '\302\233')" "$TEST_TMP/esc.out" \
	&& ! grep -q "$(printf '\342\200\256')" "$TEST_TMP/esc.out" && ! grep -q "$(printf '\177')" "$TEST_TMP/esc.out"
ok $? "no raw ESC, C1, DEL or U+202E in the output"
grep -qF 'msgget \x1b[31mred\u009bx' "$TEST_TMP/esc.out" && grep -qF 'Unknown command "\u202eevil\x7f"' "$TEST_TMP/esc.out" \
	&& grep -qF 'Transcript saved to '"$TEST_TMP"'/a\u202eb' "$TEST_TMP/esc.out"
ok $? "  the echo, Unknown command and save show them escaped"
rm -rf "$TEST_TMP"/a*

# --- the wrong messages ---------------------------------------------------------
printf 'semget IPC_PRIVATE 3 IPC_CREAT|0600\nsemctl {id} 1 setval 5\nsemctl {id} 0 getall\nsemctl {id} 65535 getval\nshmget IPC_PRIVATE 4096 IPC_CREAT|0600\nshmat {id} SHM_REMAP\nshmctl 4242 stat\nquit\n' |
	tutor > "$TEST_TMP/msg.out" 2>&1
grep -q "GETALL, \[...\]) = 0  \[0, 5, 0\]" "$TEST_TMP/msg.out"
ok $? "semctl ID 0 getall: the values, not EFAULT"
[ "$(grep -c "The object exists, so EINVAL is about another argument" "$TEST_TMP/msg.out")" = 2 ] \
	&& grep -A1 "shmctl(4242" "$TEST_TMP/msg.out" | grep -q "No object has this identifier"
ok $? "EINVAL for semctl ID 65535 and SHM_REMAP: not \"no object has this identifier\" (which stays for a missing one)"
printf 'x' > "$TEST_TMP/notadir"
printf 'quit\n' | env XDG_STATE_HOME="$TEST_TMP/notadir" HOME="$TEST_TMP/notadir" LC_ALL=C "$IPCTUTOR" --width 1000 > "$TEST_TMP/state.out" 2>&1
grep -q "its folder $TEST_TMP/notadir/ipctutor cannot be made (Not a directory)" "$TEST_TMP/state.out" \
	&& ! grep -q "neither XDG_STATE_HOME nor HOME" "$TEST_TMP/state.out"
ok $? "a state folder that cannot be made: says so, not \"neither XDG_STATE_HOME nor HOME is set\""
# 140 messages of 120 bytes fill a queue (16384 bytes): the client sleeps in msgsnd.
for i in $(seq 1 140); do echo "client msgsnd 0 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"; done > "$TEST_TMP/full2.in"
{ echo "msgget IPC_PRIVATE IPC_CREAT|0600"; cat "$TEST_TMP/full2.in"; echo "client send x"; echo quit; } | tutor > "$TEST_TMP/full.out" 2>&1
grep -q "asleep in msgsnd on a full queue; wake it by receiving a message" "$TEST_TMP/full.out" \
	&& ! grep -q "by sending a message" "$TEST_TMP/full.out"
ok $? "a client asleep in msgsnd (full queue): wake it by receiving, not by sending"

done_testing
