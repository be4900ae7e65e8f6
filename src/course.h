/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * course.h: the course, every lessons/NN-slug.md of a directory, sorted by
 * number.  Lessons are read lazily: loading the course reads the directory
 * only (a lesson's number and slug are in its file name), and a lesson is
 * parsed the first time it is needed, so start-up does not grow with the
 * number of lessons.  A lesson that does not parse is reported then, once,
 * and from then on treated as absent.
 */
#ifndef IPCTUTOR_COURSE_H
#define IPCTUTOR_COURSE_H

#include <stddef.h>

#include "lesson.h"

struct course {
	struct lesson **lessons;   /* sorted by number; LESSON_NAMED until needed */
	size_t nlessons;
	void (*report)(const char *message);
};

/* Name every lesson of DIR (nothing is parsed yet).  Two files with the
 * same number or slug are reported through REPORT (one call per problem,
 * message already formatted) and the later one is left out; REPORT also
 * hears later of each lesson that does not parse.  Returns 0, or -1 when
 * DIR cannot be read (errno set). */
int course_load(const char *dir, struct course *course,
		void (*report)(const char *message));
void course_free(struct course *course);

/* Lesson I, parsed (now, if it was not yet), or NULL if it does not parse
 * or I is out of range. */
struct lesson *course_lesson(struct course *course, size_t i);

/* The index of the first lesson from I on that parses, or -1. */
int course_usable(struct course *course, size_t i);

/* Find a lesson by number ("3") or slug ("stale-id"), parsed; NULL if
 * there is none or it does not parse. */
struct lesson *course_find(struct course *course, const char *name);

/* The index of LESSON in the course, or -1. */
int course_index(const struct course *course, const struct lesson *lesson);

#endif
