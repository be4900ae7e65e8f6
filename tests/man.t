#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# man.t: the manual pages.  The English page documents every long option
# that --help lists; each language of po/LINGUAS has a complete manual
# catalog (po/man/LL.po) and a built page; every page renders without a
# warning from man/groff; and, where po4a is installed, the committed
# po/man/ files are what `make man-po` makes from src/ipctutor.1.in.
source "$(dirname "$0")/lib/common.sh"

page=$BUILD/ipctutor.1
[ -f "$page" ]; ok $? "the English page is built"
for opt in $("$IPCTUTOR" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
	grep -qF -- "$(echo "$opt" | sed 's/-/\\-/g')" "$page"
	ok $? "the manual documents $opt"
done
for section in ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
	grep -q "^\.SH $section" "$page"; ok $? "the manual has $section"
done
for ref in msgop msgctl semop shmop ipc_namespaces; do
	grep -q "^\.BR $ref (" "$page"; ok $? "SEE ALSO names $ref"
done
langs=$(cat "$srcdir/po/LINGUAS")
for ll in $langs; do
	msgfmt --check --statistics -o /dev/null "$srcdir/po/man/$ll.po" > "$TEST_TMP/$ll.stat" 2>&1
	ok $? "po/man/$ll.po passes msgfmt --check"
	! grep -qE 'fuzzy|untranslated' "$TEST_TMP/$ll.stat"
	ok $? "po/man/$ll.po is complete: $(cat "$TEST_TMP/$ll.stat")"
	[ -f "$BUILD/man/$ll/ipctutor.1" ]; ok $? "the $ll page is built"
done
if command -v man > /dev/null; then
	for p in "$page" "$BUILD"/man/*/ipctutor.1; do
		LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$p" 2>&1 > /dev/null | head -5 > "$TEST_TMP/warn"
		[ ! -s "$TEST_TMP/warn" ]; ok $? "${p#"$BUILD"/} renders without a warning"
		diag < "$TEST_TMP/warn"
	done
else
	ok 0 "the pages render # SKIP man is not installed"
fi
if command -v po4a > /dev/null; then
	mkdir -p "$TEST_TMP/tree/src" "$TEST_TMP/tree/po"
	cp "$srcdir/src/ipctutor.1.in" "$TEST_TMP/tree/src/"
	cp -r "$srcdir/po/man" "$TEST_TMP/tree/po/"
	(cd "$TEST_TMP/tree" && po4a -q po/man/po4a.cfg) > "$TEST_TMP/po4a.out" 2>&1
	ok $? "po4a runs"
	diag < "$TEST_TMP/po4a.out"
	diff -r -I '^"POT-Creation-Date' "$srcdir/po/man" "$TEST_TMP/tree/po/man" > "$TEST_TMP/man.diff"
	ok $? "po/man/ is up to date with src/ipctutor.1.in (make man-po)"
	head -20 "$TEST_TMP/man.diff" | diag
else
	ok 0 "po/man/ is up to date # SKIP po4a is not installed"
fi
done_testing
