#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# guardian.t: a --shared tutor killed with SIGKILL at its readline prompt
# (the terminal without echo, the foreground taken by the tutor's own
# process group, as under `make run`) leaves the terminal as it found it:
# its guardian puts echo back and gives the foreground back to the group
# that had it.  A shell on a pseudo-terminal (ptydrive) runs the tutor
# under waitall, which returns once the guardian too has ended; the shell
# then says what the terminal looks like.
source "$(dirname "$0")/../lib/common.sh"

rerun_in_fresh_ns

pidfile=$TEST_TMP/tutor.pid
# The shell: run the tutor (its pid in $pidfile), then report the echo flag
# and whether the shell's group (fields 5 and 8 of /proc/PID/stat: the
# group and the terminal's foreground group) has the terminal again.
shell='"$WAITALL" --pidfile "$1" -- "$IPCTUTOR" --shared --reproducible
echo "ECHO=$(stty -a | tr " ;" "\n\n" | grep -x -- "-\?echo")"
read -r -a stat < /proc/$$/stat
[ "${stat[4]}" = "${stat[7]}" ] && echo "FG=mine" || echo "FG=${stat[7]} not ${stat[4]}"'
pty_drive "SIGKILL at the prompt: the guardian puts echo back and the foreground" 200 \
	env IPCTUTOR="$IPCTUTOR" WAITALL="$WAITALL" bash -c "$shell" _ "$pidfile" <<S
expect ipctutor 1.1> 
signal KILL $pidfile
expect ECHO=echo
expect FG=mine
wait-exit 0
S

done_testing
