/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * comment.c: finds the comments of a lesson's C excerpt (a "~~~ c" block)
 * for the parser: each comment's words, one line however many lines it
 * spans, become prose like the rest of the lesson (a message of the
 * catalog), and where it stands is kept so that code.c can show the
 * excerpt with the comment translated.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "comment.h"
#include "util.h"

/* Where a comment starts in LINE from byte FROM ("/ *" or "//"), outside
 * string and character literals; -1 if none. */
static long
comment_start(const char *line, size_t from)
{
	char quote = 0;

	for (size_t i = from; line[i] != '\0'; i++) {
		if (quote != 0) {
			if (line[i] == '\\' && line[i + 1] != '\0')
				i++;
			else if (line[i] == quote)
				quote = 0;
		} else if (line[i] == '"' || line[i] == '\'') {
			quote = line[i];
		} else if (line[i] == '/' && (line[i + 1] == '*' || line[i + 1] == '/')) {
			return (long)i;
		}
	}
	return -1;
}

/* Append the N bytes at S to WORDS, blanks squeezed to one space. */
static void
add_words(struct strbuf *words, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int blank = s[i] == ' ' || s[i] == '\t';
		if (blank && (words->len == 0 || words->buf[words->len - 1] == ' '))
			continue;
		strbuf_addc(words, blank ? ' ' : s[i]);
	}
}

void
code_find_comments(const struct block_line *lines, size_t nlines, struct code_comment **comments, size_t *ncomments)
{
	for (size_t l = 0; l < nlines; l++) {
		const char *line = lines[l].text;
		long start = comment_start(line, 0);

		while (start >= 0) {
			struct code_comment c = { { NULL, lines[l].line, NULL }, l, l, (size_t)start, 0, 0 };
			struct strbuf words = STRBUF_INIT;
			const char *text = line + start + 2, *end;

			strbuf_init(&words);
			if (line[start + 1] == '/') {
				c.line_comment = 1;
				add_words(&words, text, strlen(text));
				c.close = strlen(line);
			} else {
				/* Up to the closing star-slash, on this line or a later one. */
				while ((end = strstr(text, "*/")) == NULL && c.last + 1 < nlines) {
					add_words(&words, text, strlen(text));
					strbuf_addc(&words, ' ');
					c.last++;
					text = lines[c.last].text;
				}
				if (end == NULL) {
					strbuf_free(&words);
					return;  /* not closed: no comment the tutor can translate */
				}
				add_words(&words, text, (size_t)(end - text));
				c.close = (size_t)(end + 2 - lines[c.last].text);
			}
			while (words.len > 0 && words.buf[words.len - 1] == ' ')
				words.buf[--words.len] = '\0';
			if (words.len > 0 && strpbrk(words.buf, "abcdefghijklmnopqrstuvwxyz") != NULL) {
				c.text.text = xstrdup(words.buf);
				*comments = xreallocarray(*comments, *ncomments + 1, sizeof **comments);
				(*comments)[(*ncomments)++] = c;
			}
			strbuf_free(&words);
			l = c.last;
			line = lines[l].text;
			start = c.line_comment ? -1 : comment_start(line, c.close);
		}
	}
}
