/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * pot.c: lesson prose as a PO template (see pot.h).  Identical paragraphs
 * in several places become one entry with several references.  A msgid
 * with {name} placeholders is flagged python-brace-format, so that
 * msgfmt --check rejects a translation that loses or renames one.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson.h"
#include "pot.h"
#include "util.h"

struct entry {
	const char *msgid;
	struct strbuf refs;
	const char *note;
};

struct collection {
	struct entry *v;
	size_t n;
	const char *path;
};

static void
collect(const struct prose *prose, void *arg)
{
	struct collection *c = arg;
	struct entry *e = NULL;

	for (size_t i = 0; i < c->n && e == NULL; i++)
		if (strcmp(c->v[i].msgid, prose->text) == 0)
			e = &c->v[i];
	if (e == NULL) {
		c->v = xreallocarray(c->v, c->n + 1, sizeof *c->v);
		e = &c->v[c->n++];
		e->msgid = prose->text;
		e->note = prose->note;
		strbuf_init(&e->refs);
	}
	strbuf_addf(&e->refs, " %s:%d", c->path, prose->line);
}

/* Does TEXT hold a {name} placeholder? */
static int
has_placeholder(const char *text)
{
	const char *open = strchr(text, '{');
	return open != NULL && strchr(open, '}') != NULL;
}

static void
print_quoted(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
	putchar('"');
}

int
pot_write(int nfiles, char **files)
{
	struct lesson **lessons = xcalloc((size_t)nfiles, sizeof *lessons);
	struct collection c = { NULL, 0, NULL };
	int status = 0;

	for (int i = 0; i < nfiles; i++) {
		char err[512];
		lessons[i] = lesson_load(files[i], err, sizeof err);
		if (lessons[i] == NULL) {
			fprintf(stderr, "%s\n", err);
			status = 1;
			continue;
		}
		c.path = files[i];
		lesson_each_prose(lessons[i], collect, &c);
	}
	printf("msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n");
	for (size_t i = 0; i < c.n; i++) {
		struct entry *e = &c.v[i];
		printf("\n");
		if (e->note != NULL)
			printf("#. %s\n", e->note);
		printf("#:%s\n", e->refs.buf);
		if (has_placeholder(e->msgid))
			printf("#, python-brace-format\n");
		printf("msgid ");
		print_quoted(e->msgid);
		printf("\nmsgstr \"\"\n");
		strbuf_free(&e->refs);
	}
	free(c.v);
	for (int i = 0; i < nfiles; i++)
		lesson_free(lessons[i]);
	free(lessons);
	return status;
}
