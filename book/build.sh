#!/bin/sh
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# build.sh: make the book for the languages given, into OUTDIR (book/ for
# `make book`, a scratch directory for the freshness test).  Per language:
# README.md (the front page), one NN-slug.md chapter per lesson (made by the
# tutor itself: ipctutor --book), and ipctutor.html, the whole book on one
# printable page (cmark plus book/template.html).  Usage:
#     build.sh IPCTUTOR LESSONDIR OUTDIR LANG...
set -eu
tutor=$1 lessons=$2 out=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)

for ll in "$@"; do
	dir=$out/$ll
	mkdir -p "$dir"
	"$tutor" --lessons "$lessons" --lang "$ll" --book index > "$dir/README.md"
	body=$(mktemp)
	{
		echo '<section class="front">'
		sed -E 's/\]\(([0-9][0-9]-[a-z0-9-]+)\.md\)/](#\1)/' "$dir/README.md" | cmark --unsafe
		echo '</section>'
	} > "$body"
	for f in "$lessons"/[0-9][0-9]-*.md; do
		name=$(basename "$f" .md)
		"$tutor" --lessons "$lessons" --lang "$ll" --book "${name%%-*}" > "$dir/$name.md"
		{
			echo "<section class=\"chapter\" id=\"$name\">"
			cmark < "$dir/$name.md"
			echo '</section>'
		} >> "$body"
	done
	title=$(sed -n '1s/^# //p' "$dir/README.md")
	awk -v lang="$ll" -v title="$title" -v body="$body" '
		/@BODY@/ { while ((getline line < body) > 0) print line; next }
		{ gsub(/@LANG@/, lang); gsub(/@TITLE@/, title); print }
	' "$here/template.html" > "$dir/ipctutor.html"
	rm -f "$body"
	cp "$here"/*.svg "$here/book.css" "$out/" 2>/dev/null || true
done
