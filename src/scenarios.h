/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * scenarios.h: what "check N" does for each exercise, and what it
 * requires (see checker.h for the engine).
 */
#ifndef IPCTUTOR_SCENARIOS_H
#define IPCTUTOR_SCENARIOS_H

struct check;

/* The number of exercises with a scenario. */
#define SCENARIO_COUNT 7

/* Play exercise NUMBER's scenario; the verdicts are counted in C. */
void scenario_run(struct check *c, int number);

#endif
