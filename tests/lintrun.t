#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# lintrun.t: --lint checks every run line against the playground's command
# table (issue 11): a lesson that loads must be a lesson that runs.  Each
# broken line is reported as FILE:LINE: reason and --lint fails; the good
# lesson passes.
source "$(dirname "$0")/lib/common.sh"

# lesson NAME RUN-LINE...: a small lesson whose step 2 runs the lines.
lesson() {
	local f="$TEST_TMP/$1.md"
	shift
	{
		echo "# A test lesson"
		echo
		echo "## Make the key"
		echo
		echo "~~~ run"
		echo "key"
		echo "server start"
		echo "~~~"
		echo
		echo "## Try"
		echo
		echo "~~~ run"
		printf '%s\n' "$@"
		echo "~~~"
	} > "$f"
	echo "$f"
}

good=$(lesson 01-good "client open" "client send hi" "msgget {key} IPC_CREAT|0600" "msgctl {qid} stat" \
	"server restart" "client msgsnd {old_qid} late" "server recv")
"$IPCTUTOR" --lint "$good" 2> "$TEST_TMP/good.err"
ok $? "a lesson whose run lines all run passes --lint"
diag < "$TEST_TMP/good.err"

# bad NAME LINE REASON-PATTERN: the line (line 13 of its lesson) fails.
bad() {
	local f
	f=$(lesson "$1" "$2")
	"$IPCTUTOR" --lint "$f" 2> "$TEST_TMP/$1.err"
	local status=$?
	[ "$status" = 1 ] && grep -q "^$f:13: .*$3" "$TEST_TMP/$1.err"
	ok $? "--lint fails on \"$2\" with FILE:13: $3"
	[ "$status" = 1 ] || diag < "$TEST_TMP/$1.err"
}
bad 02-misspelled "clinet open" '"clinet" is no playground command'
bad 03-flag "msgget {key} IPC_CRAET" '"IPC_CRAET" is not a flag expression msgget accepts'
bad 04-placeholder "msgctl {nokey} stat" '{nokey} is set by no earlier line'
bad 05-old "msgctl {old_qid} stat" '{old_qid} is set by no earlier line'
bad 06-verb "client crash" 'client cannot do "crash"'
bad 07-arity "msgsnd {qid}" 'msgsnd takes from 2 to 3 arguments, not 1'
bad 08-server-open "server open" 'server cannot do "open"'
done_testing
