#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# book.t: the committed book is what `make book` makes today (same lessons,
# same translations, same kernel: byte for byte), for root and for an
# ordinary user alike (uid 65534, when the test runs as root); no
# transcript shows a uid, no transcript line is wider than the book's 96
# columns, no section is a stub; its HTML passes the tidy validator without
# a warning, and each page holds every chapter and shows every picture,
# which exists and, in a translation, is labelled in its language.
source "$(dirname "$0")/lib/common.sh"

for tool in cmark tidy; do
	if ! command -v $tool > /dev/null; then
		echo "1..0 # SKIP $tool is not installed (make deps, or make book, installs it)"
		exit 0
	fi
done
# English first: the other languages are compared with it.
langs=$(cd "$srcdir/book" && echo en; for d in */; do [ -f "$d/README.md" ] && [ "$d" != en/ ] && echo "${d%/}"; done)
en_links=
[ -n "$langs" ]; ok $? "the book has languages: $(echo $langs)"
env -u XDG_RUNTIME_DIR LC_ALL=C HOME="$TEST_TMP" "$srcdir/book/build.sh" "$IPCTUTOR" "$IPCTUTOR_LESSONS" "$TEST_TMP/book" $langs \
	2> "$TEST_TMP/build.err"
ok $? "the book builds"
diag < "$TEST_TMP/build.err"
# The same book for another user: root runs it as uid 65534, on a copy
# of the tutor, the lessons and the book's frame that user can reach.
if other_user_copy; then
	cp -r "$srcdir/book" "$OTHER_DIR/book"
	mkdir -m 0777 "$OTHER_DIR/user"
	"${OTHER[@]}" env -u XDG_RUNTIME_DIR LC_ALL=C "$OTHER_DIR/book/build.sh" "$OTHER_IPCTUTOR" \
		"$OTHER_DIR/lessons" "$OTHER_DIR/user" $langs 2> "$TEST_TMP/user.err"
	ok $? "the book builds as uid 65534"
	diag < "$TEST_TMP/user.err"
	diff -r -x '*.svg' -x '*.css' "$TEST_TMP/book" "$OTHER_DIR/user" > "$TEST_TMP/user.diff"
	ok $? "uid 65534 makes the same book as root"
	head -20 "$TEST_TMP/user.diff" | diag
else
	skip 2 "$why"
fi
for ll in $langs; do
	# Inside ```text blocks: the transcripts.
	awk '/^```text$/ { t = 1; next } /^```$/ { t = 0 } t' "$srcdir/book/$ll"/[0-9][0-9]-*.md > "$TEST_TMP/$ll.transcripts"
	widest=$(LC_ALL=C.UTF-8 wc -L < "$TEST_TMP/$ll.transcripts")
	[ "$widest" -le 96 ]; ok $? "book/$ll: no transcript line is wider than 96 columns (widest: $widest)"
	# cuid=N in IPC_STAT results, "uid N" in notes, and a number in the
	# owner column of the ipcs view (after the four-digit mode).
	grep -nE 'cuid=[0-9]|uid [0-9]|^  [* ] (0x[0-9a-fx]+|IPC_PRIVATE) +[0-9]+ +[0-9]+ +[0-9]+ +[0-7]{4} +[0-9]' \
		"$TEST_TMP/$ll.transcripts" > "$TEST_TMP/$ll.uid"
	[ ! -s "$TEST_TMP/$ll.uid" ]; ok $? "book/$ll: no transcript shows the uid of the user who made it"
	head -5 "$TEST_TMP/$ll.uid" | diag
	# A stub: a section whose text, up to the next heading, is shorter
	# than 200 bytes (one sentence and a hint).
	LC_ALL=C awk 'FNR == 1 { flush(); file = FILENAME }
	     function flush() { if (head != "" && bytes < 200) print file ": " head; head = ""; bytes = 0 }
	     /^## [0-9]/ { flush(); head = $0; next }
	     /^## / { flush(); next }
	     { bytes += length($0) }
	     END { flush() }' "$srcdir/book/$ll"/[0-9][0-9]-*.md > "$TEST_TMP/$ll.stubs"
	[ ! -s "$TEST_TMP/$ll.stubs" ]; ok $? "book/$ll: no section of a chapter is a stub"
	diag < "$TEST_TMP/$ll.stubs"
	# References to other lessons are links, as many in each language.
	links=$(cat "$srcdir/book/$ll"/[0-9][0-9]-*.md | grep -oE '\]\([0-9][0-9]-[a-z0-9-]+\.md\)' | wc -l)
	[ -z "$en_links" ] && en_links=$links
	[ "$links" -gt 0 ] && [ "$links" = "$en_links" ]
	ok $? "book/$ll: references to other lessons are links ($links, English $en_links)"
	# The C excerpts: the same code, the comments in this language.
	awk '/^```c$/ { c = 1; next } /^```$/ { c = 0 } c' "$srcdir/book/$ll"/[0-9][0-9]-*.md > "$TEST_TMP/$ll.c"
	if [ "$ll" = en ]; then
		ok 0 "book/en: the C excerpts as written"
	else
		! cmp -s "$TEST_TMP/en.c" "$TEST_TMP/$ll.c"
		ok $? "book/$ll: the comments of the C excerpts are translated"
	fi
	grep -q '<section class="chapter" id="glossary">' "$srcdir/book/$ll/ipctutor.html"
	ok $? "book/$ll has the glossary and index"
	diff -r "$srcdir/book/$ll" "$TEST_TMP/book/$ll" > "$TEST_TMP/$ll.diff"
	ok $? "book/$ll is up to date (make book)"
	head -20 "$TEST_TMP/$ll.diff" | diag
	html=$srcdir/book/$ll/ipctutor.html
	tidy -q -e "$html" > "$TEST_TMP/$ll.tidy" 2>&1
	ok $? "book/$ll/ipctutor.html passes tidy"
	diag < "$TEST_TMP/$ll.tidy"
	for f in "$srcdir"/lessons/[0-9][0-9]-*.md; do
		name=$(basename "$f" .md)
		grep -q "<section class=\"chapter\" id=\"$name\">" "$html"; ok $? "book/$ll has the chapter $name"
	done
	for img in $(grep -o 'src="[^"]*"' "$html" | sed 's/src="//; s/"$//' | sort -u); do
		[ -f "$srcdir/book/$ll/$img" ]; ok $? "book/$ll shows $img, which exists"
		# A translation's drawings carry its words, not the English ones.
		if [ "$ll" != en ]; then
			! cmp -s "$srcdir/book/$img" "$srcdir/book/$ll/$img"
			ok $? "book/$ll/$img is labelled in $ll"
		fi
	done
done
done_testing
