/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * command.h: one row of a command table.  Two tables use it: the
 * playground's (playground.c: the calls, the server and client processes
 * and their verbs, ipcs, explain, the experiments) and the tutor's own
 * (cmd.c: next, back, goto, help...).  A row says everything about a
 * command once: its name, its arguments for help and for Tab, its limits,
 * the function that runs it and where it may run.
 */
#ifndef IPCTUTOR_COMMAND_H
#define IPCTUTOR_COMMAND_H

#include "play.h"

/* Where a command may run, and what kind of row it is. */
enum {
	CMD_TUTOR = 1,    /* typed at the prompt (or a lesson's run line) */
	CMD_AGENT = 2,    /* inside a server or client process ("client msgsnd ...") */
	CMD_HIDDEN = 4,   /* internal: not listed, not completed */
	CMD_VERB = 8,     /* a server or client verb ("client send"), listed under them */
	CMD_SERVER = 16,  /* a verb the tutor carries out for the server ("server crash") */
	CMD_CLIENT = 32,  /* a verb the tutor carries out for a client ("client open") */
	CMD_ACTOR = 64,   /* "server", "client", "client2": the rest of the line is a verb */
};

/* What an argument position completes to.  A flag expression completes
 * to the flags its call accepts: one kind per call's flag context. */
enum arg_kind {
	ARG_NONE, ARG_TEXT, ARG_ID, ARG_KEY, ARG_CTL, ARG_LESSON, ARG_COMMAND, ARG_EXPLAIN,
	ARG_ACTOR_VERB, ARG_MODE,
	ARG_FLAGS_GET, ARG_FLAGS_MSGSND, ARG_FLAGS_MSGRCV, ARG_FLAGS_SEMOP, ARG_FLAGS_SHMAT,
};

struct command {
	const char *name;
	const char *synopsis;      /* N_(): argument names, e.g. "KEY [FLAGS]" */
	const char *help;          /* N_(): one sentence */
	const char *group;         /* N_(): heading in "help" */
	int min_args, max_args;    /* not counting the name */
	/* Runs the command where the line is executed (the tutor, or a server
	 * or client process); ARGV[0] is the command's name. */
	int (*run)(struct play_ctx *ctx, int argc, char **argv);
	unsigned flags;
	enum arg_kind args[4];
	/* A verb the tutor carries out itself for the process ACTOR ("server",
	 * "client", "client2"), e.g. start or crash: ARGV[0] is the verb.  NULL
	 * for a verb that runs inside the process (run). */
	int (*drive)(struct play_ctx *ctx, const char *actor, int argc, char **argv);
};

#endif
