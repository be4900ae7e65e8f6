#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# lint.t: every lesson passes the tutor's own parser (the lesson linter),
# and has what every lesson promises: a title, steps, a hint in every step
# that runs something, at least two graded questions of which one is a
# "predict the kernel", and a recap.  Also: the build has no warnings left
# in its compiler output, and the manual page lists every command.
source "$(dirname "$0")/lib/common.sh"

for f in "$srcdir"/lessons/[0-9][0-9]-*.md; do
	name=$(basename "$f" .md)
	"$IPCTUTOR" --lint "$f" 2> "$TEST_TMP/lint.err"; ok $? "$name: passes the lesson parser"
	diag < "$TEST_TMP/lint.err"
	questions=$(grep -cE '^~~~ (quiz|predict)$' "$f")
	[ "$questions" -ge 2 ]; ok $? "$name: at least two graded questions ($questions)"
	grep -q '^~~~ predict$' "$f"; ok $? "$name: a predict-the-kernel question"
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
