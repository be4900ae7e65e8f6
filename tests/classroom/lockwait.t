#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# lockwait.t: "ipctutor server" finds its key file locked (fcntl) by
# another process of the user.  It says what it waits for, naming the
# process, instead of hanging silently; SIGTERM while it waits in fcntl
# F_SETLKW ends it at once, in one sentence.  The test synchronises on
# the server's output and on /proc/PID/wchan (it is asleep in the lock
# wait), never on time.
source "$(dirname "$0")/../lib/common.sh"

rerun_in_fresh_ns

keyfile=$IPCTUTOR_RUNDIR/ipctutor-$(id -u).key
: > "$keyfile"; chmod 600 "$keyfile"

# The holder: a write lock on the whole key file until its input ends.
spawn holder perl -e '
	use Fcntl; use IO::Handle;
	open(my $f, "+<", $ARGV[0]) or die "open: $!";
	my $fl = pack("s s x4 q q i x4", F_WRLCK, 0, 0, 0, 0);
	fcntl($f, F_SETLK, $fl) or die "fcntl: $!";
	print "locked $$\n"; STDOUT->flush; <STDIN>;' "$keyfile"
wait_for holder "locked"; ok $? "another process holds a write lock on the key file"

spawn server env -u LANGUAGE -u LANG HOME="$TEST_TMP" LC_ALL=C NO_COLOR=1 TERM=dumb "$IPCTUTOR" server
wait_for server "holds a lock on the key file"
ok $? "the server says what it waits for"
[[ $got == *"Process $holder_pid holds a lock"* ]]
ok $? "  naming the process that holds the lock ($holder_pid)"
tries=0   # until the server sleeps in the lock wait (bounded: only a failure waits long)
until grep -qE "setlk|lock" "/proc/$server_pid/wchan" 2>/dev/null || [ $((tries += 1)) -gt 20000 ]; do :; done
stop server TERM
[ "$tries" -le 20000 ] && [ "$status" = 1 ] && grep -q "SIGTERM: the server stops before it has started" "$TEST_TMP/server.log"
ok $? "SIGTERM in the lock wait ends the server at once, in one sentence (status $status)"
[ "$tap_failed" = 0 ] || diag < "$TEST_TMP/server.log"
[ "$(ipc_objects | wc -l)" = 0 ]; ok $? "  it made nothing"
finish holder

done_testing
