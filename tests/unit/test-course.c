/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * test-course.c: unit tests for the lazily read course (course.c) in a
 * directory of its own: two lessons with one number (the later one is
 * reported and left out, after both were parsed to settle it), a lesson
 * that does not parse giving way to one that does, and a lesson's path and
 * slug taken while it is only named and used after it was parsed (they
 * must stay where they were: under AddressSanitizer a lesson parsed in
 * place that drops its old names is a use after free).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "course.h"
#include "lesson.h"
#include "util.h"
#include "tap.h"

static const char good[] = "# A lesson\n\n## A step\n\nSome text.\n";
static const char broken[] = "no title here\n";

static int reports;
static char last_report[512];

static void
report(const char *message)
{
	diag("course_load: %s", message);
	snprintf(last_report, sizeof last_report, "%s", message);
	reports++;
}

/* Write TEXT to DIR/NAME; 0 or -1. */
static int
put(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	int r = f != NULL && fputs(text, f) >= 0 ? 0 : -1;

	if (f != NULL && fclose(f) != 0)
		r = -1;
	free(path);
	return r;
}

static void
drop(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);

	unlink(path);
	free(path);
}

/* Two good lessons with number 1: both are parsed to settle it, one is
 * kept, the other reported by its path.  The kept lesson's path and slug,
 * taken before anything was parsed, are still its own afterwards. */
static void
test_duplicate(const char *dir)
{
	struct course course;
	const char *path, *slug;
	char *want_path;

	if (!ok(put(dir, "01-first.md", good) == 0 && put(dir, "01-second.md", good) == 0, "two lessons numbered 1"))
		return;
	reports = 0;
	last_report[0] = '\0';
	is_int(course_load(dir, &course, report), 0, "course_load");
	is_int(reports, 1, "one report");
	ok(strstr(last_report, "two lessons with the same number or name") != NULL
	   && strstr(last_report, "/01-") != NULL, "it names the lesson left out");
	is_int((long long)course.nlessons, 1, "one lesson kept");
	if (course.nlessons == 1) {
		path = course.lessons[0]->path;
		slug = course.lessons[0]->slug;
		ok(course_lesson(&course, 0) != NULL, "the kept lesson parses");
		want_path = xasprintf("%s/01-%s.md", dir, slug);
		is_str(path, want_path, "its path, taken before, still reads");
		ok(strcmp(slug, "first") == 0 || strcmp(slug, "second") == 0, "its slug, taken before, still reads");
		ok(strstr(last_report, strcmp(slug, "first") == 0 ? "01-second.md" : "01-first.md") != NULL,
		   "the report names the other one");
		free(want_path);
	}
	course_free(&course);
	drop(dir, "01-first.md");
	drop(dir, "01-second.md");
}

/* A lesson that does not parse gives way to one with its number that does,
 * whichever comes first. */
static void
test_broken_gives_way(const char *dir)
{
	struct course course;
	const char *slug;

	if (!ok(put(dir, "02-bad.md", broken) == 0 && put(dir, "02-fine.md", good) == 0, "a broken and a good lesson 2"))
		return;
	reports = 0;
	is_int(course_load(dir, &course, report), 0, "course_load");
	is_int(reports, 1, "one report: the broken lesson");
	ok(strstr(last_report, "02-bad.md") != NULL, "it names the broken lesson");
	is_int((long long)course.nlessons, 1, "one lesson kept");
	if (course.nlessons == 1) {
		slug = course.lessons[0]->slug;
		ok(course_find(&course, "2") == course.lessons[0], "lesson 2 is found");
		is_str(slug, "fine", "the good one, its slug taken before it was parsed");
		is_int(course.lessons[0]->state, LESSON_PARSED, "parsed");
	}
	course_free(&course);
	drop(dir, "02-bad.md");
	drop(dir, "02-fine.md");
}

/* Named first, parsed when asked for: the names stay, the content comes. */
static void
test_lazy(const char *dir)
{
	struct course course;
	const char *path, *slug;

	if (!ok(put(dir, "03-lazy.md", good) == 0, "one lesson 3"))
		return;
	reports = 0;
	is_int(course_load(dir, &course, NULL), 0, "course_load without a reporter");
	if (course.nlessons == 1) {
		is_int(course.lessons[0]->state, LESSON_NAMED, "only named at first");
		path = course.lessons[0]->path;
		slug = course.lessons[0]->slug;
		ok(course_lesson(&course, 0) != NULL && course.lessons[0]->nsteps == 1, "parsed when needed");
		ok(course.lessons[0]->path == path && course.lessons[0]->slug == slug, "path and slug stay in place");
		is_str(slug, "lazy", "the slug still reads");
	}
	course_free(&course);
	drop(dir, "03-lazy.md");
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/test-course.XXXXXX", tmp != NULL && *tmp != '\0' ? tmp : "/tmp");

	if (mkdtemp(dir) == NULL) {
		ok(0, "a temporary directory in %s", dir);
		free(dir);
		return tap_done();
	}
	test_duplicate(dir);
	test_broken_gives_way(dir);
	test_lazy(dir);
	rmdir(dir);
	free(dir);
	return tap_done();
}
