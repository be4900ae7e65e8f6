#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# lint.t: every lesson passes the tutor's own parser (the lesson linter),
# and has what every lesson promises: a title, steps, a hint in every step
# that runs something, at least two graded questions of which two are
# "predict the kernel", a hint of its own after every question, a reason
# (why:) under every choice, and a recap.  Also: the build has no warnings left
# in its compiler output, and the manual page lists every command.
source "$(dirname "$0")/lib/common.sh"

for f in "$srcdir"/lessons/[0-9][0-9]-*.md; do
	name=$(basename "$f" .md)
	"$IPCTUTOR" --lint "$f" 2> "$TEST_TMP/lint.err"; ok $? "$name: passes the lesson parser"
	diag < "$TEST_TMP/lint.err"
	questions=$(grep -cE '^~~~ (quiz|predict)$' "$f")
	[ "$questions" -ge 2 ]; ok $? "$name: at least two graded questions ($questions)"
	predictions=$(grep -c '^~~~ predict$' "$f")
	[ "$predictions" -ge 2 ]; ok $? "$name: at least two predict-the-kernel questions ($predictions)"
	# Questions not followed (blank lines aside) by a hint block of their own.
	awk '/^~~~ (quiz|predict)$/ { q = NR; inq = 1; next }
	     inq && /^~~~$/ { inq = 0; wait = 1; next }
	     wait && /^$/ { next }
	     wait { if ($0 != "~~~ hint") print "line " q; wait = 0 }
	     END { if (wait) print "line " q }' "$f" > "$TEST_TMP/qnohint"
	[ ! -s "$TEST_TMP/qnohint" ]; ok $? "$name: every question has a hint of its own"
	diag < "$TEST_TMP/qnohint"
	# Choices without a "  why: " line right under them.
	awk '/^~~~ (quiz|predict)$/ { inq = 1; next }
	     inq && /^~~~$/ { if (pending) print pending; inq = 0; pending = ""; next }
	     inq && /^- / { if (pending) print pending; pending = "line " NR; next }
	     inq && /^  why: / { pending = ""; next }' "$f" > "$TEST_TMP/nowhy"
	[ ! -s "$TEST_TMP/nowhy" ]; ok $? "$name: every choice has its reason"
	diag < "$TEST_TMP/nowhy"
	grep -qi '^## Recap' "$f"; ok $? "$name: a recap"
	# Steps with a run block but no hint.
	awk '/^## /{ if (run && !hint) print step; step=$0; run=0; hint=0 }
	     /^~~~ run$/{ run=1 } /^~~~ hint$/{ hint=1 }
	     END { if (run && !hint) print step }' "$f" > "$TEST_TMP/nohint"
	[ ! -s "$TEST_TMP/nohint" ]; ok $? "$name: every step that runs commands has a hint"
	diag < "$TEST_TMP/nohint"
done

for c in $("$IPCTUTOR" --complete "" ); do
	grep -q "^\.B $c\b" "$BUILD/ipctutor.1"; ok $? "the manual page lists $c"
done
done_testing
