/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * progress.h: the learner's progress, kept in $XDG_STATE_HOME/ipctutor/
 * (~/.local/state/ipctutor/ by default) as a small text file.  A change is
 * written at once but made durable (fsync) only at the end of a lesson, at
 * quit and at a signal (see progress.c).
 */
#ifndef IPCTUTOR_PROGRESS_H
#define IPCTUTOR_PROGRESS_H

/* The state directory (created when missing), or NULL when neither
 * XDG_STATE_HOME nor HOME is set. Malloc'd. */
char *progress_state_dir(void);

/* After progress_state_dir found none: why, as one sentence. */
const char *progress_state_why(void);

/* Load session.progress from session.progress_path and return, through
 * SLUG (malloc'd) and STEP, where the learner stopped (SLUG NULL when
 * nowhere).  A file that cannot be parsed is renamed to PATH.corrupt and
 * reported in one sentence; the tutor then starts fresh. */
void progress_load(char **slug, int *step);

/* Write session.progress and the position if they changed, without
 * waiting for the disk; a failure is reported once. */
void progress_save(void);

/* The same, made durable: the end of a lesson, quit, a signal. */
void progress_sync(void);

/* Until this is called (at the first prompt) nothing is written; what
 * changed before is written by the next save or sync. */
void progress_start_writing(void);

/* Forget everything and remove the file. */
void progress_reset(void);

#endif
