/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * course.c: a parsed lesson's life around the parser (lesson.c, which also
 * frees what it made): read from its file, its prose walked (for
 * translation counts and the catalog); and the course, every
 * lessons/NN-slug.md of a directory in order, found by number or name,
 * read lazily (see course.h): the course holds one struct lesson per file
 * from the start, so pointers to lessons stay valid, and parsing a lesson
 * fills its struct in place.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "course.h"
#include "i18n.h"
#include "lesson.h"
#include "util.h"

struct lesson *
lesson_load(const char *path, char *err, size_t errlen)
{
	struct strbuf sb = STRBUF_INIT;
	struct lesson *lesson;

	if (read_file(path, &sb, 1 << 20) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		strbuf_free(&sb);
		return NULL;
	}
	lesson = lesson_parse(path, sb.buf, sb.len, err, errlen);
	strbuf_free(&sb);
	return lesson;
}

/* Call FN for the translatable prose of one block. */
static void
block_each_prose(const struct block *b, void (*fn)(const struct prose *, void *), void *arg)
{
	if (b->type == BLOCK_PARAGRAPH || b->type == BLOCK_ITEM)
		fn(&b->prose, arg);
	for (size_t i = 0; i < b->nparas; i++)
		fn(&b->paras[i], arg);
	for (size_t i = 0; i < b->nchoices; i++) {
		if (b->type == BLOCK_QUIZ)
			fn(&b->choices[i].text, arg);
		if (b->choices[i].why.text != NULL)
			fn(&b->choices[i].why, arg);
	}
	for (size_t i = 0; i < b->nhints; i++)
		fn(&b->hints[i], arg);
	for (size_t i = 0; i < b->ncomments; i++)
		fn(&b->comments[i].text, arg);
}

void
lesson_each_prose(const struct lesson *lesson, void (*fn)(const struct prose *, void *), void *arg)
{
	fn(&lesson->title, arg);
	for (size_t i = 0; i < lesson->nintro; i++)
		block_each_prose(&lesson->intro[i], fn, arg);
	for (size_t s = 0; s < lesson->nsteps; s++) {
		fn(&lesson->steps[s].title, arg);
		for (size_t i = 0; i < lesson->steps[s].nblocks; i++)
			block_each_prose(&lesson->steps[s].blocks[i], fn, arg);
	}
}

static int
by_number(const void *a, const void *b)
{
	const struct lesson *x = *(struct lesson *const *)a, *y = *(struct lesson *const *)b;
	return (x->number > y->number) - (x->number < y->number);
}

/* Is NAME a lesson file name: two digits, a dash, a slug, ".md"? */
static int
is_lesson_name(const char *name)
{
	size_t n = strlen(name);
	return n > 6 && isdigit((unsigned char)name[0]) && isdigit((unsigned char)name[1])
		&& name[2] == '-' && strcmp(name + n - 3, ".md") == 0;
}

/* Tell the course's reporter, if it has one, about MESSAGE. */
static void
tell(const struct course *course, const char *message)
{
	if (course->report != NULL)
		course->report(message);
}

static void
report_duplicate(const struct course *course, const struct lesson *l)
{
	char err[512];

	snprintf(err, sizeof err, _("%s: two lessons with the same number or name"), l->path);
	tell(course, err);
}

/* A hash of a slug (FNV-1a), so that looking for a taken slug compares
 * numbers and calls strcmp only when they match. */
static unsigned long
slug_hash(const char *slug)
{
	unsigned long h = 14695981039346656037UL;

	for (; *slug; slug++)
		h = (h ^ (unsigned char)*slug) * 1099511628211UL;
	return h;
}

/* The lesson of the course with L's number or slug, or NULL.  HASHES[i]
 * is the slug hash of the course's lesson i; the course is sorted by
 * number, so a taken number is the last one's. */
static struct lesson **
taken(const struct course *course, const unsigned long *hashes, const struct lesson *l, unsigned long hash)
{
	size_t n = course->nlessons;

	if (n > 0 && course->lessons[n - 1]->number == l->number)
		return &course->lessons[n - 1];
	for (size_t i = 0; i < n; i++)
		if (hashes[i] == hash && strcmp(course->lessons[i]->slug, l->slug) == 0)
			return &course->lessons[i];
	return NULL;
}

/* DIR/NAME, malloc'd (called for every file: no printf). */
static char *
join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *path = xmalloc(a + b + 2);

	memcpy(path, dir, a);
	path[a] = '/';
	memcpy(path + a + 1, name, b);
	path[a + 1 + b] = '\0';
	return path;
}

static void parse_in_place(struct course *course, struct lesson *l);

/* L has the number or slug of *KEPT: the rare case where names are not
 * enough.  A lesson that does not parse gives way (reported as such);
 * if both parse, L is the duplicate. */
static void
settle(struct course *course, struct lesson **kept, struct lesson *l)
{
	parse_in_place(course, l);
	if (l->state == LESSON_PARSED) {
		if ((*kept)->state == LESSON_NAMED)
			parse_in_place(course, *kept);
		if ((*kept)->state == LESSON_BROKEN) {
			struct lesson *t = *kept;
			*kept = l;
			l = t;
		} else {
			report_duplicate(course, l);
		}
	}
	lesson_free(l);
}

int
course_load(const char *dir, struct course *course, void (*report)(const char *message))
{
	DIR *d = opendir(dir);
	struct dirent *e;
	unsigned long *hashes;
	size_t cap = 0;

	memset(course, 0, sizeof *course);
	course->report = report;
	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		struct lesson *l;

		if (!is_lesson_name(e->d_name))
			continue;
		l = xcalloc(1, sizeof *l);
		l->state = LESSON_NAMED;
		l->path = join(dir, e->d_name);
		lesson_name(l->path, &l->number, &l->slug);
		if (course->nlessons == cap) {
			cap = cap ? 2 * cap : 16;
			course->lessons = xreallocarray(course->lessons, cap, sizeof *course->lessons);
		}
		course->lessons[course->nlessons++] = l;
	}
	closedir(d);
	if (course->nlessons > 1)
		qsort(course->lessons, course->nlessons, sizeof *course->lessons, by_number);
	/* One lesson per number and slug. */
	size_t n = course->nlessons;
	hashes = xcalloc(n + 1, sizeof *hashes);
	course->nlessons = 0;
	for (size_t i = 0; i < n; i++) {
		struct lesson *l = course->lessons[i];
		unsigned long h = slug_hash(l->slug);
		struct lesson **kept = taken(course, hashes, l, h);
		if (l->number == 0) {
			report_duplicate(course, l);
			lesson_free(l);
		} else if (kept != NULL) {
			settle(course, kept, l);
			hashes[kept - course->lessons] = slug_hash((*kept)->slug);
		} else {
			hashes[course->nlessons] = h;
			course->lessons[course->nlessons++] = l;
		}
	}
	free(hashes);
	return 0;
}

void
course_free(struct course *course)
{
	for (size_t i = 0; i < course->nlessons; i++)
		lesson_free(course->lessons[i]);
	free(course->lessons);
	memset(course, 0, sizeof *course);
}

/* Parse L in place; LESSON_PARSED or LESSON_BROKEN afterwards.  L keeps
 * the path and slug it was named with (the parser's copies, equal to
 * them, are dropped): a pointer taken to them before the lesson was
 * needed, such as the path a duplicate is reported with, stays valid. */
static void
parse_in_place(struct course *course, struct lesson *l)
{
	char err[512];
	struct lesson *parsed = lesson_load(l->path, err, sizeof err);
	char *path = l->path, *slug = l->slug;

	if (parsed == NULL) {
		l->state = LESSON_BROKEN;
		tell(course, err);
		return;
	}
	free(parsed->path);
	free(parsed->slug);
	*l = *parsed;
	l->path = path;
	l->slug = slug;
	free(parsed);
}

struct lesson *
course_lesson(struct course *course, size_t i)
{
	struct lesson *l;

	if (i >= course->nlessons)
		return NULL;
	l = course->lessons[i];
	if (l->state == LESSON_NAMED)
		parse_in_place(course, l);
	return l->state == LESSON_PARSED ? l : NULL;
}

int
course_usable(struct course *course, size_t i)
{
	for (; i < course->nlessons; i++)
		if (course_lesson(course, i) != NULL)
			return (int)i;
	return -1;
}

int
course_index(const struct course *course, const struct lesson *lesson)
{
	for (size_t i = 0; i < course->nlessons; i++)
		if (course->lessons[i] == lesson)
			return (int)i;
	return -1;
}

struct lesson *
course_find(struct course *course, const char *name)
{
	size_t digits = strspn(name, "0123456789");

	/* Decimal, also with a leading zero: "08" is lesson 8. */
	if (digits > 0 && digits <= 2 && name[digits] == '\0') {
		long number = strtol(name, NULL, 10);
		for (size_t i = 0; i < course->nlessons; i++)
			if (course->lessons[i]->number == number)
				return course_lesson(course, i);
		return NULL;
	}
	for (size_t i = 0; i < course->nlessons; i++)
		if (strcmp(course->lessons[i]->slug, name) == 0)
			return course_lesson(course, i);
	return NULL;
}

static void
count_translated(const struct prose *prose, void *arg)
{
	size_t *c = arg;   /* c[0]: translated, c[1]: all */

	c[0] += gettext(prose->text) != prose->text;
	c[1]++;
}

const char *
prose_translate(const struct prose *prose)
{
	static char *marked;
	const char *t = gettext(prose->text);

	if (t != prose->text || i18n_is_english())
		return t;
	/* Not translated yet: the English text, marked as such. */
	free(marked);
	/* TRANSLATORS: put before a lesson paragraph that has no translation
	   yet, so the learner knows why it is in English. */
	marked = xasprintf(_("[en] %s"), prose->text);
	return marked;
}

void
lesson_translation_count(const struct lesson *lesson, size_t *translated, size_t *total)
{
	size_t c[2] = { 0, 0 };

	lesson_each_prose(lesson, count_translated, c);
	*translated = c[0];
	*total = c[1];
}
