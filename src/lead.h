/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * lead.h: --lead and --follow, a teacher's position published on a
 * read-only shared segment with a semaphore that announces each move (see
 * lead.c and the appendix lesson).  Both starts must come before the tutor
 * enters its private IPC namespace: the board lives in the host's.
 */
#ifndef IPCTUTOR_LEAD_H
#define IPCTUTOR_LEAD_H

/* Teacher: start the publisher and put the board up.  0, or -1 when the
 * board could not be made (another teacher's board at the class key). */
int lead_start(void);

/* Teacher: publish a move to lesson SLUG, step index STEP. */
void lead_publish(const char *slug, int step);

/* Learner: start the listener.  0 or -1. */
int follow_start(void);

/* Learner: the listener's pipe for the input loop, or -1. */
int follow_fd(void);

/* Learner: stop or start following (the listener keeps listening). */
void follow_set(int on);
int follow_active(void);

/* Learner: the teacher's latest move the listener reported, followed or
 * not, into SLUG (of SIZE bytes) and *STEP.  1, or 0 if none yet. */
int follow_last(char *slug, size_t size, int *step);

/* Learner: read the listener's reports; GO moves the tutor, SAY tells the
 * learner about the board.  -1 when the listener has ended. */
int follow_readable(void (*go)(const char *slug, int step), void (*say)(const char *text));

#endif
