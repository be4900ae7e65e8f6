/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * transcript.h: the session written down for grading, in Markdown: each
 * command the learner typed, everything the tutor printed after it (calls,
 * results, explanations, quiz answers and their grading), and a table of
 * the score at the end.  "save FILE" at the prompt writes it so far;
 * --transcript FILE writes it when the session ends.
 */
#ifndef IPCTUTOR_TRANSCRIPT_H
#define IPCTUTOR_TRANSCRIPT_H

#include "play.h"

/* Start recording everything out() prints (main, before the first step). */
void transcript_start(void);

/* A line the learner typed is about to run (cmd_execute). */
void transcript_command(const char *line);

/* Write the transcript so far, with the score, to PATH (atomically).
 * 0, or -1 with errno set. */
int transcript_save(const char *path);

/* Why PATH cannot take a transcript, as one sentence (malloc'd), or NULL
 * when it can: an empty name, or something that is not a regular file,
 * which is never replaced. */
char *transcript_refusal(const char *path);

/* "save FILE" at the prompt. */
int save_command(struct play_ctx *ctx, int argc, char **argv);

#endif
