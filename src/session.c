/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * session.c: the one state of a tutor session (see session.h), and the two
 * questions every layer above asks of it: which lesson is current, and what
 * the learner did in a lesson so far.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "session.h"
#include "util.h"

struct session session;

struct lesson *
session_lesson(void)
{
	if (session.lesson < 0)
		return NULL;
	return course_lesson(&session.course, (size_t)session.lesson);
}

struct lesson_progress *
session_progress(const struct lesson *lesson)
{
	for (size_t i = 0; i < session.nprogress; i++)
		if (strcmp(session.progress[i].slug, lesson->slug) == 0)
			return &session.progress[i];
	session.progress = xreallocarray(session.progress, session.nprogress + 1, sizeof *session.progress);
	struct lesson_progress *p = &session.progress[session.nprogress++];
	memset(p, 0, sizeof *p);
	snprintf(p->slug, sizeof p->slug, "%s", lesson->slug);
	return p;
}
