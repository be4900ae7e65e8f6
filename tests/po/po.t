#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# po.t: the translations follow the text.
#  - po/ipctutor.pot is what `make pot` makes from today's sources and
#    lessons (only its date may differ): a changed paragraph is re-extracted.
#  - every po/LL.po passes msgfmt --check and holds every message of the
#    template (msgcmp): nothing goes stale silently.
#  - the pseudo-language en@pseudo wraps every message in ⟦ ⟧; a walk
#    through lesson 1 and the playground in it must show no prose paragraph
#    that does not start with ⟦ (after a bullet or a speaker): every sentence
#    the tutor prints goes through gettext.
source "$(dirname "$0")/../lib/common.sh"

diff -u -I '^"POT-Creation-Date:' "$srcdir/po/ipctutor.pot" "$BUILD/po/all.pot" > "$TEST_TMP/pot.diff"
ok $? "po/ipctutor.pot is up to date (make pot)"
head -30 "$TEST_TMP/pot.diff" | diag

for po in "$srcdir"/po/*.po; do
	[ -f "$po" ] || continue
	ll=$(basename "$po" .po)
	msgfmt --check -o /dev/null "$po" 2> "$TEST_TMP/$ll.err"; ok $? "$ll.po passes msgfmt --check"
	diag < "$TEST_TMP/$ll.err"
	msgcmp "$po" "$srcdir/po/ipctutor.pot" 2> "$TEST_TMP/$ll.cmp"; ok $? "$ll.po holds every message of the template"
	head -10 "$TEST_TMP/$ll.cmp" | diag
done

# Lines that are not prose: prompts, calls (and their continuation lines,
# indented 13 columns), commands, code, rules, tables.
not_prose() {
	grep -vE '^(ipctutor [^ ]*> |  (you|server|client|client2) +|» |    [^ ⟦]|             [^ ]|[═─]+$|  [* ] |    key |$)'
}
for script in 01-create-open playground badinput; do
	in="$srcdir/tests/golden/$script.in"
	lesson=()
	case $script in [0-9][0-9]-*) lesson=("${script%%-*}") ;; esac
	in_fresh_ns $(neutral_env) "$IPCTUTOR" --reproducible --lang en@pseudo "${lesson[@]}" < "$in" > "$TEST_TMP/$script.pseudo" 2>&1
	# Join wrapped paragraphs: a line that opens ⟦ without closing it goes
	# on until the line that closes it.
	awk '{ line = line (line == "" ? "" : " ") $0; depth += gsub(/⟦/, "⟦") - gsub(/⟧/, "⟧"); if (depth <= 0) { print line; line = ""; depth = 0 } }' \
		"$TEST_TMP/$script.pseudo" | not_prose |
		grep -vE '^ *(↳ |- |\? |[0-9]+\) |(you|server|client|client2): )?⟦' > "$TEST_TMP/$script.bare"
	[ ! -s "$TEST_TMP/$script.bare" ]; ok $? "$script: every prose line goes through gettext"
	head -20 "$TEST_TMP/$script.bare" | diag
done
done_testing
