#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# width.t: what the learner reads fits an 80-column terminal in every
# language: the C excerpts with their translated comments (shown indented
# by 4 columns, so 76 are theirs; tabs and CJK characters measured as a
# terminal shows them); every lesson walked (the golden inputs) in every
# language, call lines wrapped at argument boundaries and the ipcs tables
# fitting.
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

# The learner's typed lines are echoed as typed: only the tutor's count.
for lang in en $LINGUAS; do
	: > "$TEST_TMP/walk"
	for in in "$srcdir"/tests/golden/[0-9][0-9]-*.in; do
		n=$(basename "$in"); n=${n%%-*}
		in_fresh_ns $(neutral_env) "$IPCTUTOR" --reproducible --lang "$lang" "$n" < "$in" 2>&1 |
			grep -v '^ipctutor [0-9.]*> ' >> "$TEST_TMP/walk"
	done
	w=$(widest "$TEST_TMP/walk")
	[ "$w" -le 80 ]; ok $? "$lang: every lesson walked fits 80 columns: widest $w"
	[ "$w" -le 80 ] || LC_ALL=C.UTF-8 awk 'length($0) > 80' "$TEST_TMP/walk" | head -5 | diag
done
grep -q '^             = -1 EEXIST' "$TEST_TMP/walk"
ok $? "a call line too long is continued under the call, broken before its result"
done_testing
