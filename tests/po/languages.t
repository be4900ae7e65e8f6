#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# languages.t: each translation in po/LINGUAS, for real.
#  - complete: msgfmt --statistics counts no fuzzy and no untranslated;
#  - faithful: every `code span` of a message is in its translation;
#  - every lesson walks through in that language, in its own locale built
#    into the build tree (LOCPATH), exits 0, and shows no "[en]" paragraph
#    and no line of English prose (a prose line of the English transcript
#    found verbatim in the translated one);
#  - wrapping keeps every prose line within the width, measured in display
#    columns (a Chinese character takes two);
#  - --lang works on a machine with only the C locales.
source "$(dirname "$0")/../lib/common.sh"

: "${LINGUAS:=$(cat "$srcdir/po/LINGUAS" 2>/dev/null)}"
if [ -z "$LINGUAS" ]; then
	echo "1..0 # SKIP no translation in po/LINGUAS"
	exit 0
fi

locale_of() { case $1 in *_*) echo "$1.UTF-8" ;; *) echo "$1_$(echo "$1" | tr a-z A-Z).UTF-8" ;; esac; }

# Lines that are not prose: prompts, calls, commands, code, rules, tables.
not_prose() {
	grep -vE '^(ipctutor [^ ]*> |  (you|server|client|client2) +|» |    [^ ]|[═─]+$|  [* ] |    |$)'
}

# Display width of the longest prose line of a file (Perl knows East Asian
# widths and combining marks).
widest() {
	not_prose < "$1" | perl -CSD -Mutf8 -ne 'chomp; my $w = 0;
		for my $c (split //) { $w += $c =~ /\p{Mn}/ ? 0 : $c =~ /[\p{EA=W}\p{EA=F}]/ ? 2 : 1 }
		$max = $w if $w > $max; END { print $max + 0, "\n" }'
}

for ll in $LINGUAS; do
	po=$srcdir/po/$ll.po
	stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1)
	echo "$stats" | grep -qE 'fuzzy|untranslated'
	[ $? != 0 ]; ok $? "$ll: complete ($stats)"

	msgcat --no-wrap "$po" | perl -ne '
		if (/^msgid "(.*)"$/) { $id = $1 } elsif (/^msgstr "(.*)"$/) { $str = $1;
			for my $span ($id =~ /(`[^`]+`)/g) { print "$span\n" if index($str, $span) < 0 && $str ne "" } }' \
		> "$TEST_TMP/$ll.spans"
	[ ! -s "$TEST_TMP/$ll.spans" ]; ok $? "$ll: every code span is kept"
	head -5 "$TEST_TMP/$ll.spans" | diag

	loc=$(locale_of "$ll")
	for in in "$srcdir"/tests/golden/0*.in; do
		name=$(basename "$in" .in)
		out=$TEST_TMP/$ll-$name.out
		in_fresh_ns $(neutral_env) LOCPATH="$BUILD/locales" LC_ALL="$loc" \
			"$IPCTUTOR" --reproducible "${name%%-*}" < "$in" > "$out" 2>&1
		ok $? "$ll: lesson $name runs to the end"
		! grep -q '\[en\] ' "$out"; ok $? "$ll: lesson $name has no untranslated paragraph"
		# English prose lines of four words or more, found verbatim.
		not_prose < "$srcdir/tests/golden/$name.out" | grep -E '([A-Za-z]+ ){4}' | sort -u > "$TEST_TMP/en.lines"
		not_prose < "$out" | sort -u | comm -12 - "$TEST_TMP/en.lines" > "$TEST_TMP/$ll-$name.english"
		[ ! -s "$TEST_TMP/$ll-$name.english" ]; ok $? "$ll: lesson $name shows no English prose"
		head -5 "$TEST_TMP/$ll-$name.english" | diag
	done
	for width in 40 80; do
		in_fresh_ns $(neutral_env) LOCPATH="$BUILD/locales" LC_ALL="$loc" \
			"$IPCTUTOR" --reproducible --width "$width" 1 < "$srcdir/tests/golden/01-create-open.in" > "$TEST_TMP/$ll-w$width" 2>&1
		w=$(widest "$TEST_TMP/$ll-w$width")
		[ "$w" -le "$width" ]; ok $? "$ll: at width $width the widest prose line takes $w columns"
	done
	first=$(printf 'quit\n' | $(neutral_env) LOCPATH=/nonexistent "$IPCTUTOR" --lang "$ll" 2>&1 | head -1)
	english=$(printf 'quit\n' | $(neutral_env) "$IPCTUTOR" 2>&1 | head -1)
	[ -n "$first" ] && [ "$first" != "$english" ]; ok $? "$ll: --lang $ll works with only the C locales"
done
done_testing
