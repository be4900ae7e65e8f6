/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * cmd.h: the command table.  One table drives dispatch (in the tutor and in
 * server and client processes), argument checks, "help", Tab completion and
 * the command list of the manual page, so a command is described once.
 */
#ifndef IPCTUTOR_CMD_H
#define IPCTUTOR_CMD_H

#include <stddef.h>

#include "play.h"

/* Where a command may run. */
enum {
	CMD_TUTOR = 1,   /* typed at the prompt */
	CMD_AGENT = 2,   /* inside a server or client process ("client msgsnd ...") */
	CMD_HIDDEN = 4,  /* internal: not listed, not completed */
	CMD_VERB = 8,    /* a server or client verb ("client send"), listed under them */
};

/* What an argument position completes to. */
enum arg_kind {
	ARG_NONE, ARG_TEXT, ARG_ID, ARG_KEY, ARG_FLAGS_GET, ARG_FLAGS_MSG, ARG_FLAGS_SEM,
	ARG_FLAGS_SHM, ARG_CTL, ARG_LESSON, ARG_COMMAND, ARG_EXPLAIN, ARG_ACTOR_VERB, ARG_MODE,
};

struct command {
	const char *name;
	const char *synopsis;      /* N_(): argument names, e.g. "KEY [FLAGS]" */
	const char *help;          /* N_(): one sentence */
	const char *group;         /* N_(): heading in "help" */
	int min_args, max_args;    /* not counting the name */
	int (*run)(struct play_ctx *ctx, int argc, char **argv);
	unsigned flags;
	enum arg_kind args[4];
};

/* Run one line typed at the prompt (or read in batch mode) in the tutor.
 * Bad input gets one sentence; nothing is lost.  Returns 0, or -1 when the
 * line was refused (for the batch exit status). */
int cmd_execute(char *line);

/* Run one line inside a server or client process. */
void cmd_execute_in_agent(struct play_ctx *ctx, char *line);

/* Split LINE into words in place: blanks separate, "double quotes" group
 * (with \" and \\ inside).  Returns the word count, or -1 for an unclosed
 * quote.  At most MAX words; more is -2. */
int cmd_split(char *line, char **argv, int max);

/* Look a command up by exact name. */
const struct command *cmd_find(const char *name);

/* Check ARGC against the command's limits; say what it takes if not. */
int cmd_check_args(struct play_ctx *ctx, const struct command *cmd, int argc);

/* Refuse to remove an existing object this tutor did not create: for a
 * msgctl/semctl/shmctl line with rmid.  0 = go ahead, -1 = refused. */
int cmd_guard_remove(struct play_ctx *ctx, int argc, char **argv);

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
