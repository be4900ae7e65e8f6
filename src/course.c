/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * course.c: a parsed lesson's life around the parser (lesson.c): read from
 * its file, its prose walked (for translation counts and the catalog),
 * freed; and the course, every lessons/NN-slug.md of a directory in order,
 * found by number or name (see lesson.h).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void
prose_free(struct prose *prose)
{
	free(prose->text);
	free(prose->note);
}

static void
block_free(struct block *b)
{
	prose_free(&b->prose);
	for (size_t i = 0; i < b->nlines; i++)
		free(b->lines[i].text);
	free(b->lines);
	for (size_t i = 0; i < b->noutcomes; i++)
		free(b->outcomes[i]);
	free(b->outcomes);
	for (size_t i = 0; i < b->nparas; i++)
		prose_free(&b->paras[i]);
	free(b->paras);
	for (size_t i = 0; i < b->nchoices; i++) {
		prose_free(&b->choices[i].text);
		prose_free(&b->choices[i].why);
	}
	free(b->choices);
	for (size_t i = 0; i < b->nhints; i++)
		prose_free(&b->hints[i]);
	free(b->hints);
	free(b->predict_run.text);
	for (size_t i = 0; i < b->ncomments; i++)
		prose_free(&b->comments[i].text);
	free(b->comments);
}

void
lesson_free(struct lesson *lesson)
{
	if (lesson == NULL)
		return;
	for (size_t i = 0; i < lesson->nintro; i++)
		block_free(&lesson->intro[i]);
	free(lesson->intro);
	for (size_t s = 0; s < lesson->nsteps; s++) {
		struct step *st = &lesson->steps[s];
		prose_free(&st->title);
		for (size_t i = 0; i < st->nblocks; i++)
			block_free(&st->blocks[i]);
		free(st->blocks);
	}
	free(lesson->steps);
	prose_free(&lesson->title);
	free(lesson->path);
	free(lesson->slug);
	free(lesson);
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

int
course_load(const char *dir, struct course *course, void (*report)(const char *message))
{
	DIR *d = opendir(dir);
	struct dirent *e;

	memset(course, 0, sizeof *course);
	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		char err[512], *path;
		struct lesson *l;

		if (!is_lesson_name(e->d_name))
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		l = lesson_load(path, err, sizeof err);
		free(path);
		if (l == NULL) {
			report(err);
			continue;
		}
		if (course_find(course, l->slug) != NULL || l->number == 0) {
			snprintf(err, sizeof err, _("%s: two lessons with the same number or name"), l->path);
			report(err);
			lesson_free(l);
			continue;
		}
		course->lessons = xreallocarray(course->lessons, course->nlessons + 1, sizeof *course->lessons);
		course->lessons[course->nlessons++] = l;
	}
	closedir(d);
	if (course->nlessons > 1)
		qsort(course->lessons, course->nlessons, sizeof *course->lessons, by_number);
	for (size_t i = 1; i < course->nlessons; i++)
		if (course->lessons[i]->number == course->lessons[i - 1]->number) {
			char err[512];
			snprintf(err, sizeof err, _("%s: two lessons with the same number or name"),
				 course->lessons[i]->path);
			report(err);
			lesson_free(course->lessons[i]);
			memmove(&course->lessons[i], &course->lessons[i + 1],
				(course->nlessons - i - 1) * sizeof *course->lessons);
			course->nlessons--;
			i--;
		}
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

struct lesson *
course_find(const struct course *course, const char *name)
{
	size_t digits = strspn(name, "0123456789");

	/* Decimal, also with a leading zero: "08" is lesson 8. */
	if (digits > 0 && digits <= 2 && name[digits] == '\0') {
		long number = strtol(name, NULL, 10);
		for (size_t i = 0; i < course->nlessons; i++)
			if (course->lessons[i]->number == number)
				return course->lessons[i];
		return NULL;
	}
	for (size_t i = 0; i < course->nlessons; i++)
		if (strcmp(course->lessons[i]->slug, name) == 0)
			return course->lessons[i];
	return NULL;
}
