#!/bin/sh
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# build.sh: make the book for the languages given, into OUTDIR (book/ for
# `make book`, a scratch directory for the freshness test).  Per language:
# README.md (the front page), one NN-slug.md chapter per lesson (made by the
# tutor itself: ipctutor --book), the drawings with their words translated, and ipctutor.html, the whole book on one
# printable page: a title page, the contents (with page numbers when
# printed by a renderer that knows CSS target-counter, such as WeasyPrint),
# the front page's text and the chapters (cmark plus book/template.html).
# What differs from machine to machine (the kernel, restartcost's figures)
# comes from book/recorded-run.txt, so the book is the same for every user
# on every kernel that answers alike.  Usage:
#     build.sh IPCTUTOR LESSONDIR OUTDIR LANG...
set -eu
tutor=$1 lessons=$2 out=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
IPCTUTOR_BOOK_RECORD=$here/recorded-run.txt
export IPCTUTOR_BOOK_RECORD

for ll in "$@"; do
	dir=$out/$ll
	mkdir -p "$dir"
	"$tutor" --lessons "$lessons" --lang "$ll" --book index > "$dir/README.md"
	# The drawings, with their words in this language.
	for svg in "$here"/*.svg; do
		"$tutor" --lang "$ll" --book svg < "$svg" > "$dir/$(basename "$svg")"
	done
	chapters=$(mktemp) toc=$(mktemp) front=$(mktemp)
	for f in "$lessons"/[0-9][0-9]-*.md; do
		name=$(basename "$f" .md)
		"$tutor" --lessons "$lessons" --lang "$ll" --book "${name%%-*}" > "$dir/$name.md"
		{
			echo "<section class=\"chapter\" id=\"$name\">"
			# Sections get ids (s2-4 for 2.4), for the contents.
			# Links to other chapters point into this page.
			sed -E 's/\]\(([0-9][0-9]-[a-z0-9-]+|glossary)\.md\)/](#\1)/g' "$dir/$name.md" | cmark --unsafe |
				sed -E 's,^<h2>([0-9]+)\.([0-9]+) ,<h2 id="s\1-\2">\1.\2 ,'
			echo '</section>'
		} >> "$chapters"
	done
	# The glossary, and the index: for each word the book's glossary
	# names, the sections of the chapters (their text and transcripts)
	# where it stands, as a word of its own.
	words=$("$tutor" --lessons "$lessons" --lang "$ll" --book glossary | tee "$dir/glossary.md.tmp" |
		sed -n 's/^<!-- index: \(.*\) -->$/\1/p')
	index=$(mktemp)
	for f in "$dir"/[0-9][0-9]-*.md; do
		awk -v file="$(basename "$f")" -v words="$words" '
			BEGIN { n = split(words, w, " ") }
			/^## [0-9]+\.[0-9]+ / { split($2, num, "."); section = $2; next }
			section != "" {
				for (i = 1; i <= n; i++)
					if (!((w[i], section) in seen) && match($0, "(^|[^A-Za-z0-9_])" w[i] "([^A-Za-z0-9_]|$)")) {
						seen[w[i], section] = 1
						printf "%s\t%s\t%s\n", w[i], section, file
					}
			}' "$f"
	done | LC_ALL=C sort -t "$(printf '\t')" -k1,1 -s | awk -F '\t' '
		$1 != word { if (word != "") print line; word = $1; line = "- `" $1 "`: " ; sep = "" }
		{ s = $2; gsub(/\./, "-", s); line = line sep "[" $2 "](" $3 "#s" s ")"; sep = ", " }
		END { if (word != "") print line }' > "$index"
	awk -v index_file="$index" '/^<!-- index:/ { while ((getline l < index_file) > 0) print l; next } { print }' \
		"$dir/glossary.md.tmp" > "$dir/glossary.md"
	rm -f "$dir/glossary.md.tmp" "$index"
	{
		echo '<section class="chapter" id="glossary">'
		sed -E 's/\]\(([0-9][0-9]-[a-z0-9-]+)\.md(#[a-z0-9-]+)?\)/](\2)/g; s/\]\(\)/](#)/g' "$dir/glossary.md" |
			cmark --unsafe
		echo '</section>'
	} >> "$chapters"
	# The contents: each chapter and its sections, linked.
	awk '
		function flush() { if (entry == "") return; print entry (subs != "" ? "<ol>\n" subs "</ol>" : "") "</li>"; entry = subs = "" }
		/^<section class="chapter" id="/ { split($0, a, "\""); chapter = a[4] }
		/^<h1>/ { flush(); sub(/^<h1>/, ""); sub(/<\/h1>$/, "")
			  entry = sprintf("<li><a href=\"#%s\">%s</a>", chapter, $0) }
		/^<h2 id="s/ { split($0, a, "\""); sub(/^<h2 id="[^"]*">/, ""); sub(/<\/h2>$/, "")
			  subs = subs sprintf("<li><a href=\"#%s\">%s</a></li>\n", a[2], $0) }
		END { flush() }
	' "$chapters" > "$toc"
	# The front page's text, without its title (on the title page) and
	# its list of chapters (the contents replace it).
	cmark < "$dir/README.md" | awk '/^<h1>/ { next } /^<h2>/ { exit } { print }' > "$front"
	title=$(sed -n '1s/^# //p' "$dir/README.md")
	contents=$(sed -n 's/^## //p' "$dir/README.md" | head -n 1)
	awk -v lang="$(echo "$ll" | tr _ -)" -v title="$title" -v contents="$contents" \
	    -v toc="$toc" -v front="$front" -v chapters="$chapters" '
		function copy(file,   line) { while ((getline line < file) > 0) print line; close(file) }
		/@TOC@/ { copy(toc); next }
		/@FRONT@/ { copy(front); next }
		/@CHAPTERS@/ { copy(chapters); next }
		{ gsub(/@LANG@/, lang); gsub(/@TITLE@/, title); gsub(/@CONTENTS@/, contents); print }
	' "$here/template.html" > "$dir/ipctutor.html"
	rm -f "$chapters" "$toc" "$front"
done
# The stylesheet, beside the languages' folders.
[ "$(cd "$out" && pwd)" = "$here" ] || cp "$here/book.css" "$out/"
