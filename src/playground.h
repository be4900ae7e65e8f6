/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * playground.h: everything a lesson step, an exercise check, a server or
 * client process or the learner can run, behind one call: play_execute().
 * Its table holds the system calls, the server and client processes with
 * their verbs (each a row with its arity), ipcs, explain and the
 * experiments.  The tutor's own commands (next, goto, help... in cmd.c)
 * stand above it and hand it every line that is not theirs; nothing here
 * knows the tutor.
 */
#ifndef IPCTUTOR_PLAYGROUND_H
#define IPCTUTOR_PLAYGROUND_H

#include <stddef.h>

#include "command.h"

/* The most words a command line may have, the command's name included. */
#define PLAY_MAX_WORDS 16

/* Connect the tutor's display to the server and client processes, which
 * run their lines with play_execute_in_agent; GUARDIAN_FD as for agents. */
void play_setup(int guardian_fd);

/* At exit, or to clear the stage: stop every server and client process,
 * then remove every object this tutor created, showing the calls when
 * SHOW_CALLS. */
void play_shutdown(int show_calls);

/* Keep N server or client processes (at most 2) forked ahead of need, in
 * the current namespace (0: none, as at exit): a class's follower does,
 * so that a hundred of them starting a server at the teacher's move do
 * not fork a hundred tutors at that moment.  play_shutdown leaves them. */
void play_prepare(int processes);
/* How many play_prepare has ready (or had, before a new namespace). */
int play_prepared(void);

/* Run one playground command line in the tutor, as CTX (a lesson's run
 * line, an exercise's step).  The cross-cutting work is done here, once, as
 * git's dispatcher does: bytes no command can use, splitting and quoting,
 * {placeholder} expansion, the argument count, the guard against removing
 * another's object, and letting server and client processes settle after
 * the command.  Bad input gets one sentence.  A comment (#...) or an empty
 * line does nothing.  Returns 0, or -1 when the line was refused. */
int play_execute(struct play_ctx *ctx, char *line);

/* Run one line inside a server or client process. */
void play_execute_in_agent(struct play_ctx *ctx, char *line);

/* The steps of play_execute, for the tutor's dispatcher (cmd.c), which
 * looks at a line itself before it becomes a command. */

/* 0 if LINE could be a command; else one sentence and -1 (too long,
 * invalid UTF-8, a control character). */
int play_line_acceptable(struct play_ctx *ctx, const char *line);

/* Split LINE into at most PLAY_MAX_WORDS words in ARGV; one sentence and
 * -1 for an unclosed quote or too many words. */
int play_words(struct play_ctx *ctx, char *line, char **argv);

/* Run the words ARGV as a row of ABOVE (the tutor's table, NABOVE rows,
 * looked at first) or of the playground's table: everything play_execute
 * does after splitting. */
int play_dispatch(struct play_ctx *ctx, int argc, char **argv, const struct command *above,
		  size_t nabove);

/* Say that NAME is no command that may run at WHERE (CMD_TUTOR,
 * CMD_AGENT, CMD_VERB), with the nearest name in ABOVE or the playground's
 * table if one is near. */
void play_unknown(struct play_ctx *ctx, const char *name, unsigned where,
		  const struct command *above, size_t nabove);

/* The playground's table, in the order "help" lists it, and two of its
 * headings that the tutor's "help" also uses. */
extern const struct command play_commands[];
extern const size_t play_ncommands;
extern const char play_group_look[];
extern const char play_group_verbs[];

/* Look a playground command up by exact name. */
const struct command *play_find(const char *name);

#endif
