/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * code.c: the comments of a lesson's C excerpt (a "~~~ c" block), which
 * are prose like the rest of the lesson: the parser finds them (comment.c:
 * their words, one line however many lines they span, become a message of
 * the catalog), and the tutor and the book show the excerpt with each
 * comment in the learner's language.  The code itself is never touched: a comment
 * without a translation keeps its lines as written, and a translated one
 * keeps the code before and after it, and its indentation.
 */
#define _GNU_SOURCE
#include <libintl.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "render.h"
#include "util.h"

/* The widest a translated comment's line may be. */
#define CODE_WIDTH (80 - VERBATIM_INDENT)

/* Bytes of the UTF-8 character at S (1 for a stray byte). */
static size_t
utf8_length(const char *s)
{
	unsigned char u = (unsigned char)s[0];
	size_t n = u < 0xc0 ? 1 : u < 0xe0 ? 2 : u < 0xf0 ? 3 : 4;

	for (size_t i = 1; i < n; i++)
		if (s[i] == '\0')
			return i;
	return n;
}

/* Is S a CJK punctuation mark (U+3000..U+303F, U+FF00..U+FFEF) other than
 * an opening bracket, which never starts a line? */
static int
closing_punctuation(const char *s)
{
	static const char *const opening[] = { "（", "〈", "《", "「", "『", "【", "〔", "［", "｛" };
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < sizeof opening / sizeof opening[0]; i++)
		if (strncmp(s, opening[i], strlen(opening[i])) == 0)
			return 0;
	return (u[0] == 0xe3 && u[1] == 0x80) || (u[0] == 0xef && u[1] >= 0xbc && u[1] <= 0xbf);
}

/* Display columns of S[0..N) as a terminal shows it at the start of a
 * line: a tab goes to the next multiple of 8, a CJK character takes two. */
static int
columns(const char *s, size_t n)
{
	int col = 0;

	for (size_t i = 0; i < n;) {
		size_t len = utf8_length(s + i);
		if (s[i] == '\t')
			col = (col / 8 + 1) * 8;
		else
			col += display_width(s + i, len);
		i += len;
	}
	return col;
}

/* Start a continuation line of comment C in LINE: "//" again for a line
 * comment; else the indentation of the comment's own second line, or
 * spaces up to its text when it had one line. */
static void
continuation(struct strbuf *line, const struct block *b, const struct code_comment *c,
	     const char *first, const char *open, size_t indent)
{
	if (c->line_comment) {
		strbuf_addn(line, first, c->open);
		strbuf_adds(line, open);
	} else if (c->last > c->first) {
		strbuf_addn(line, b->lines[c->first + 1].text, indent);
	} else {
		for (size_t k = 0; k < c->open + 3; k++)
			strbuf_addc(line, k < c->open && first[k] == '\t' ? '\t' : ' ');
	}
}

/* Comment C of B in its translation T, into OUT as lines: the code before
 * it, the comment wrapped to the width its lines had (at least
 * CODE_WIDTH columns, what fits 80 columns under the tutor's indent of
 * VERBATIM_INDENT), continued with the indentation of its second line,
 * and the code after it.  Columns are counted as a terminal shows them
 * (tabs, CJK characters), and the close of the comment and the code after
 * it go with the last word. */
static void
translated_comment(const struct block *b, const struct code_comment *c, const char *t,
		   void (*fn)(const char *line, void *), void *arg)
{
	const char *first = b->lines[c->first].text, *last = b->lines[c->last].text;
	const char *open = c->line_comment ? "// " : "/* ", *shut = c->line_comment ? "" : " */";
	int width = CODE_WIDTH;
	size_t indent = 0;
	int tail = columns(shut, strlen(shut)) + columns(last + c->close, strlen(last + c->close));
	struct strbuf line = STRBUF_INIT;

	for (size_t l = c->first; l <= c->last; l++) {
		int w = columns(b->lines[l].text, strlen(b->lines[l].text));
		if (w > width)
			width = w;
	}
	if (c->last > c->first)
		indent = strspn(b->lines[c->first + 1].text, " \t");
	strbuf_init(&line);
	strbuf_addn(&line, first, c->open);
	strbuf_adds(&line, open);
	for (const char *word = t; *word != '\0';) {
		int space = 0;
		size_t n;

		while (*word == ' ') {
			space = 1;
			word++;
		}
		if (*word == '\0')
			break;
		/* A word: up to a blank, or one wide (CJK) character, after
		 * which a line may break too. */
		n = utf8_length(word);
		if (display_width(word, n) < 2)
			while (word[n] != '\0' && word[n] != ' ' && display_width(word + n, utf8_length(word + n)) < 2)
				n += utf8_length(word + n);
		/* What cannot go to the next line goes with the word: the end
		 * of the comment, a closing CJK punctuation mark. */
		int after = word[n + strspn(word + n, " ")] == '\0' ? tail : 0;
		if (closing_punctuation(word + n))
			after += columns(word + n, utf8_length(word + n));
		if (columns(line.buf, line.len) + space + columns(word, n) + after > width
		    && line.len > c->open + 3 && !closing_punctuation(word)) {
			while (line.len > 0 && line.buf[line.len - 1] == ' ')
				line.buf[--line.len] = '\0';
			fn(line.buf, arg);
			strbuf_reset(&line);
			continuation(&line, b, c, first, open, indent);
			space = 0;
		}
		if (space)
			strbuf_addc(&line, ' ');
		strbuf_addn(&line, word, n);
		word += n;
	}
	strbuf_adds(&line, shut);
	strbuf_adds(&line, last + c->close);
	fn(line.buf, arg);
	strbuf_free(&line);
}

void
code_lines(const struct block *b, void (*fn)(const char *line, void *), void *arg)
{
	size_t k = 0;

	for (size_t l = 0; l < b->nlines; l++) {
		const struct code_comment *c = k < b->ncomments && b->comments[k].first == l ? &b->comments[k] : NULL;
		const char *t = c != NULL ? gettext(c->text.text) : NULL;

		/* Only a line with one comment and the translation of it
		 * changes; every other line is shown as written. */
		if (c == NULL || t == c->text.text || strcmp(t, c->text.text) == 0
		    || (k + 1 < b->ncomments && b->comments[k + 1].first == c->last)) {
			while (k < b->ncomments && b->comments[k].last <= l)
				k++;
			fn(b->lines[l].text, arg);
			continue;
		}
		translated_comment(b, c, t, fn, arg);
		l = c->last;
		k++;
	}
}
