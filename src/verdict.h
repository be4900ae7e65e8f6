/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * verdict.h: how "check N" reports (the checker's engine, checker.c,
 * decides; this file says it): a heading per part of a scenario, one PASS,
 * FAIL or SKIP line per requirement with its reason, the verdict on how
 * the learner's program ended (stopped, crashed, too many processes), and
 * the closing sentence that says what to type next.  It counts what it
 * reports; it knows nothing of processes or namespaces.
 */
#ifndef IPCTUTOR_VERDICT_H
#define IPCTUTOR_VERDICT_H

#include "tracer.h"

/* The requirements reported so far. */
struct verdicts {
	int passed, failed, skipped;
};

/* How the learner's program ended, as the engine saw it. */
struct ending {
	int fork_limit_hit;       /* it started more than max_processes */
	int stopped;              /* the checker stopped it */
	enum sysv_call hopeless;  /* stopped at once, asleep in this call (or SV_NONE) */
	int left_behind;          /* stopped: its first process had ended, a child had not */
	int status;               /* its wait status */
	int seconds;              /* the deadline it had */
	int max_processes, cpu_seconds;   /* its limits */
};

/* A heading for the next part of a scenario. */
void verdict_part(const char *text);
/* One requirement: PASS, or FAIL with REASON (both translated already). */
void verdict_give(struct verdicts *v, int ok, const char *text, const char *reason);
/* A requirement that was not judged, with why. */
void verdict_skip(struct verdicts *v, const char *text, const char *why);
/* The verdict on how the program ended, when that is a failure; nothing
 * when it ended by itself without crashing. */
void verdict_ending(struct verdicts *v, const struct ending *e);
/* The closing sentence of the check of exercise NUMBER, which names the
 * commands to type next as the learner types them where they are (PREFIX
 * "ipctutor " at a shell, "" at the tutor's prompt).  UNTRACED: only how
 * the program ended could be judged.  Returns the check's status: 0 every
 * requirement passed, 1 one failed, 2 not fully judged. */
int verdict_summary(const struct verdicts *v, int untraced, int number, const char *prefix);

#endif
