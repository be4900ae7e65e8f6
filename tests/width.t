#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# width.t: what the learner reads fits an 80-column terminal in every
# language: the C excerpts with their translated comments (shown indented
# by 4 columns, so 76 are theirs; tabs and CJK characters measured as a
# terminal shows them).
source "$(dirname "$0")/lib/common.sh"

# widest FILE: the display width of the widest line (tabs expanded, CJK
# characters two columns).
widest() { LC_ALL=C.UTF-8 wc -L < "$1"; }

for lang in en $LINGUAS; do
	: > "$TEST_TMP/code"
	for md in "$srcdir"/lessons/[0-9][0-9]-*.md; do
		n=$(basename "$md"); n=${n%%-*}
		grep -q '^~~~ c' "$md" || continue
		in_fresh_ns $(neutral_env) "$IPCTUTOR" --lang "$lang" --book "$((10#$n))" 2> /dev/null |
			awk '/^```c/ { c = 1; next } /^```/ { c = 0 } c' >> "$TEST_TMP/code"
	done
	w=$(widest "$TEST_TMP/code")
	[ -s "$TEST_TMP/code" ] && [ "$w" -le 76 ]
	ok $? "$lang: the C excerpts fit 76 columns (80 under the tutor's indent): widest $w"
done
done_testing
