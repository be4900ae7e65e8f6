/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * lint.h: --lint beyond the parser: a lesson that loads must be a lesson
 * that runs.  Every run line and every prediction's run: line is checked
 * against the playground's command table — the command exists, takes that
 * many arguments, a server or client verb suits its process, a flag
 * expression is one the call accepts — and each {placeholder} in it must be
 * a value some earlier line of the lesson sets.
 */
#ifndef IPCTUTOR_LINT_H
#define IPCTUTOR_LINT_H

#include <stdio.h>

#include "lesson.h"

/* Check LESSON's run lines; write "FILE:LINE: reason" to REPORT for each
 * problem.  Returns the number of problems. */
int lint_run_lines(const struct lesson *lesson, FILE *report);

#endif
