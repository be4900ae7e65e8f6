/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * cmd.h: the tutor's own commands (next, back, again, goto, lessons, hint,
 * answer, reset, lang, save, follow, unfollow, quit, help), at the top of
 * the house.  Their table and the playground's below (playground.h)
 * together drive "help", Tab completion and the command list of the
 * manual page, so a command is described once.
 */
#ifndef IPCTUTOR_CMD_H
#define IPCTUTOR_CMD_H

#include <stddef.h>

#include "command.h"

/* Run one line typed at the prompt (or read in batch mode): the tutor's
 * own words first (an empty line is next, a bare number answers the open
 * question, "yes" confirms a reset), then a row of the tutor's table or,
 * below it, of the playground's (play_dispatch).  Bad input gets one
 * sentence; nothing is lost.  Returns 0, or -1 when the line was refused
 * (for the batch exit status). */
int cmd_execute(char *line);

/* Print "help" or "help COMMAND". */
int cmd_help(struct play_ctx *ctx, int argc, char **argv);

/* Completion candidates for the word TEXT (which starts at offset START of
 * LINE): calls ADD for each.  Used by readline and by --complete.  Returns
 * 1 when the word is a flag expression, which may go on after a '|' (so no
 * space should follow a completion), else 0. */
int cmd_complete(const char *line, size_t start, const char *text,
		  void (*add)(const char *candidate, void *arg), void *arg);

/* The command list of the manual page, in roff. */
void cmd_print_man(void);

#endif
