#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# book.t: the committed book is what `make book` makes today (same lessons,
# same translations, same kernel: byte for byte), its HTML passes the tidy
# validator without a warning, and each page holds every chapter and shows
# every picture, which exists.
source "$(dirname "$0")/lib/common.sh"

for tool in cmark tidy; do
	if ! command -v $tool > /dev/null; then
		echo "1..0 # SKIP $tool is not installed (make deps, or make book, installs it)"
		exit 0
	fi
done
# The committed book was made by root.  An ordinary user makes it as root
# of a user namespace of its own, so that every creator uid in the
# transcripts is the same whoever runs the test.
as_root=()
if [ "$(id -u)" != 0 ]; then
	if ! unshare -r true 2> /dev/null; then
		echo "1..0 # SKIP the book is made by root, and user namespaces are not allowed here"
		exit 0
	fi
	as_root=(unshare -r)
fi

langs=$(cd "$srcdir/book" && for d in */; do [ -f "$d/README.md" ] && echo "${d%/}"; done)
[ -n "$langs" ]; ok $? "the book has languages: $(echo $langs)"
env -u XDG_RUNTIME_DIR LC_ALL=C HOME="$TEST_TMP" "${as_root[@]}" "$srcdir/book/build.sh" "$IPCTUTOR" "$IPCTUTOR_LESSONS" "$TEST_TMP/book" $langs \
	2> "$TEST_TMP/build.err"
ok $? "the book builds"
diag < "$TEST_TMP/build.err"
for ll in $langs; do
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
	done
done
done_testing
