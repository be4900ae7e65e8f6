/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * code.h: the comments of a lesson's C excerpt, translated like its prose
 * (see code.c); the parser finds them (comment.c).
 */
#ifndef IPCTUTOR_CODE_H
#define IPCTUTOR_CODE_H

#include "lesson.h"

/* Call FN for each line of the excerpt B as the learner sees it: the code
 * as written, each comment in the current language when it has a
 * translation (wrapped again if it grew). */
void code_lines(const struct block *b, void (*fn)(const char *line, void *), void *arg);

#endif
