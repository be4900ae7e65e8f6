#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# terms.t: one word for one thing in each language.  The tutor's "hint"
# (the command, a question's hints, an exercise's hints) is called the same
# everywhere in a catalog: Tipp, indice, pista, 提示.  A message that
# speaks of hints may not use a rival word for it (de Hinweis; fr astuce,
# conseil; es consejo, sugerencia; zh_CN 暗示, 线索).  Lesson 7's "a
# hint, not a proof" is the ordinary word, not the tutor's hint.
source "$(dirname "$0")/../lib/common.sh"

if ! command -v msggrep > /dev/null; then
	echo "1..0 # SKIP no msggrep (gettext) to read the catalogs"
	exit 0
fi
while read -r ll rivals; do
	msggrep --no-wrap -K -E -e '\bhints?\b' "$srcdir/po/$ll.po" 2> /dev/null |
		awk '/^msgid / { proof = /a hint, not a proof/ } /^msgstr / && !proof' |
		grep -iE "$rivals" > "$TEST_TMP/$ll.rivals"
	[ ! -s "$TEST_TMP/$ll.rivals" ]
	ok $? "$ll: the messages about hints use one word for a hint (none of: $rivals)" || diag < "$TEST_TMP/$ll.rivals"
done <<'TERMS'
de Hinweis
fr astuce|conseil
es consejo|sugerencia
zh_CN 暗示|线索
TERMS
done_testing
