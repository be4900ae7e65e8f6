/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * test-catalog-formats.c: the check _() makes on a translation
 * (i18n_translation_usable) against the catalogs the program ships.  It
 * runs on every sentence of the program, so a rule too strict for our own
 * text would show that sentence in English without a word.  Every msgid of
 * src/ with a '%' must be a format the check can read, and every
 * translation of one in po/LL.po must pass it and read, as glibc's own
 * parser sees it, the msgid's arguments (the catalog harness's witness).
 * Lesson prose (lessons/, exercises/) goes through gettext alone and is
 * not a format: left out.
 */
#define _GNU_SOURCE
#include <stdio.h>

#include "../fuzz/harness.h"   /* fuzz_same_arguments */
#include "tap.h"

/* One entry of a PO file, as far as this test needs it. */
struct entry {
	struct strbuf msgid, msgstr;
	int from_src;    /* a "#: src/..." reference */
	int fuzzy;
};

/* Append the C-quoted string that starts at the '"' in LINE to SB. */
static void
add_quoted(struct strbuf *sb, const char *line)
{
	const char *p = strchr(line, '"');

	if (p == NULL)
		return;
	for (p++; *p != '\0' && *p != '"'; p++) {
		if (*p != '\\' || p[1] == '\0') {
			strbuf_addc(sb, *p);
			continue;
		}
		p++;
		strbuf_addc(sb, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p == 'r' ? '\r' : *p);
	}
}

/* Check ENTRY: its msgid is a format the check reads, and its translation
 * (if any, and not fuzzy) passes.  Counts into *CHECKED, failures into
 * *BAD with a diagnostic naming FILE. */
static void
check_entry(const char *file, const struct entry *e, int *checked, int *bad)
{
	if (!e->from_src || e->msgid.len == 0 || (strchr(e->msgid.buf, '%') == NULL && strchr(e->msgstr.buf, '%') == NULL))
		return;
	(*checked)++;
	if (!i18n_translation_usable(e->msgid.buf, e->msgid.buf)) {
		diag("%s: the check cannot read the msgid \"%s\": its translations are never shown", file, e->msgid.buf);
		(*bad)++;
	} else if (e->msgstr.len > 0 && !e->fuzzy && !i18n_translation_usable(e->msgid.buf, e->msgstr.buf)) {
		diag("%s: the translation \"%s\" of \"%s\" is refused", file, e->msgstr.buf, e->msgid.buf);
		(*bad)++;
	} else if (e->msgstr.len > 0 && !e->fuzzy && !fuzz_same_arguments(e->msgid.buf, e->msgstr.buf)) {
		diag("%s: glibc reads other arguments for \"%s\" than for \"%s\"", file, e->msgstr.buf, e->msgid.buf);
		(*bad)++;
	}
}

/* Check every entry of the PO file po/NAME; one test line. */
static void
check_po(const char *srcdir, const char *name)
{
	char *path = xasprintf("%s/po/%s", srcdir, name), *save = NULL;
	struct strbuf text = STRBUF_INIT;
	struct entry e;
	struct strbuf *into = NULL;
	int checked = 0, bad = 0, in_msgstr = 0;

	strbuf_init(&e.msgid);
	strbuf_init(&e.msgstr);
	e.from_src = e.fuzzy = 0;
	if (read_file(path, &text, 16 << 20) != 0) {
		ok(0, "%s can be read", name);
		free(path);
		return;
	}
	for (char *line = strtok_r(text.buf, "\n", &save);; line = strtok_r(NULL, "\n", &save)) {
		int starts = line == NULL || strncmp(line, "#:", 2) == 0 || strncmp(line, "#,", 2) == 0
			     || strncmp(line, "msgid ", 6) == 0;
		if (starts && in_msgstr) {   /* the entry before is complete */
			check_entry(name, &e, &checked, &bad);
			strbuf_reset(&e.msgid);
			strbuf_reset(&e.msgstr);
			e.from_src = e.fuzzy = in_msgstr = 0;
			into = NULL;
		}
		if (line == NULL)
			break;
		if (strncmp(line, "#:", 2) == 0) {
			e.from_src |= strstr(line, " src/") != NULL;
		} else if (strncmp(line, "#,", 2) == 0) {
			e.fuzzy |= strstr(line, "fuzzy") != NULL;
		} else if (strncmp(line, "msgid ", 6) == 0) {
			add_quoted(into = &e.msgid, line);
		} else if (strncmp(line, "msgstr ", 7) == 0 || strncmp(line, "msgstr[0] ", 10) == 0) {
			add_quoted(into = &e.msgstr, line);   /* a plural's first form: against the singular */
			in_msgstr = 1;
		} else if (line[0] == '"') {
			if (into != NULL)
				add_quoted(into, line);
		} else if (line[0] != '#') {   /* msgctxt, msgid_plural, msgstr[1]...: not kept */
			into = NULL;
			in_msgstr |= strncmp(line, "msgstr", 6) == 0;
		}
	}
	ok(checked > 0 && bad == 0, "%s: every program sentence with a conversion passes the format check (%d, %d refused)", name,
	   checked, bad);
	strbuf_free(&e.msgid);
	strbuf_free(&e.msgstr);
	strbuf_free(&text);
	free(path);
}

int
main(void)
{
	const char *srcdir = getenv("srcdir") ? getenv("srcdir") : ".";
	char *path = xasprintf("%s/po/LINGUAS", srcdir), *save = NULL;
	struct strbuf linguas = STRBUF_INIT;

	check_po(srcdir, "ipctutor.pot");
	if (read_file(path, &linguas, 1 << 16) == 0) {
		for (char *l = strtok_r(linguas.buf, " \t\n", &save); l != NULL; l = strtok_r(NULL, " \t\n", &save)) {
			if (l[0] == '#')
				continue;
			char *po = xasprintf("%s.po", l);
			check_po(srcdir, po);
			free(po);
		}
	}
	strbuf_free(&linguas);
	free(path);
	return tap_done();
}
