#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# book-print.t: each language's book, printed as a reader would print it,
# cuts no line.  WeasyPrint prints book/LL/ipctutor.html to PDF (A4, the
# @page rules of book/book.css), pdftotext reads back where every word
# landed, and no word may stand outside the page's text area (18 mm
# margins: 51.02 points, half a point of slack).  The contents must show a
# page number for every chapter (CSS target-counter).  Without WeasyPrint
# and poppler-utils (Debian: apt-get install weasyprint poppler-utils
# fonts-wqy-microhei) the whole test is skipped.
source "$(dirname "$0")/lib/common.sh"

if ! command -v weasyprint > /dev/null || ! command -v pdftotext > /dev/null; then
	echo "1..0 # SKIP weasyprint and pdftotext (poppler-utils) are not installed"
	exit 0
fi
margin=51.02
langs=$(cd "$srcdir/book" && for d in */; do [ -f "$d/ipctutor.html" ] && echo "${d%/}"; done)
chapters=$(ls "$srcdir"/lessons/[0-9][0-9]-*.md | wc -l)
for ll in $langs; do
	pdf=$TEST_TMP/$ll.pdf
	weasyprint -q "$srcdir/book/$ll/ipctutor.html" "$pdf" 2> "$TEST_TMP/$ll.err"
	ok $? "book/$ll prints (WeasyPrint)"
	diag < "$TEST_TMP/$ll.err"
	pdftotext -bbox "$pdf" "$TEST_TMP/$ll.bbox"
	awk -F'"' -v m="$margin" '
		/<page / { page++; width = $2 + 0 }
		/<word / && ($2 + 0 < m - 0.5 || $6 + 0 > width - m + 0.5) {
			w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w)
			printf "page %d: \"%s\" from x=%.1f to x=%.1f\n", page, w, $2, $6
		}
	' "$TEST_TMP/$ll.bbox" > "$TEST_TMP/$ll.cut"
	[ ! -s "$TEST_TMP/$ll.cut" ]
	ok $? "book/$ll: no word printed outside the text area ($(grep -c '<page ' "$TEST_TMP/$ll.bbox") A4 pages)"
	head -10 "$TEST_TMP/$ll.cut" | diag
	numbered=$(pdftotext -layout -f 2 -l 3 "$pdf" - | grep -cE '^[^ ].*[.…] *[0-9]+$')
	[ "$numbered" -ge "$chapters" ]
	ok $? "book/$ll: the contents give the page of each of the $chapters chapters ($numbered found)"
done
done_testing
