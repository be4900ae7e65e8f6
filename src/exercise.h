/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * exercise.h: the exercises, where the learner writes the server and the
 * client.  Each is a folder exercises/NN-slug/ with README.md (the text,
 * in the lessons' strict Markdown, translated through the same catalog;
 * its ~~~ hint blocks are the escalating hints), start.c and solution.c.
 * The commands, at the prompt and as subcommands: exercises, exercise N,
 * check N [FILE] [--watch], hint N... (exercise hints), solution N.
 * Progress (new, tried, done, attempts, hints seen) is kept in the state
 * directory, in the file "exercises".
 */
#ifndef IPCTUTOR_EXERCISE_H
#define IPCTUTOR_EXERCISE_H

/* Is WORD one of the exercise subcommands (exercises, exercise, check,
 * solution, hint, trace)?  Each answers --help with its usage. */
int exercise_is_subcommand(const char *word);

/* The exercise subcommands, for --help. */
void exercise_help(void);

/* Run a subcommand; ARGV[0] is its name.  Returns the exit status. */
int exercise_main(int argc, char **argv);

/* The same commands at the prompt: ARGV[0] is the command name. */
int exercise_command(int argc, char **argv);

struct play_ctx;

/* The same commands at the prompt, as a row of the tutor's table runs
 * them ("check N --watch" is for the shell only). */
int exercise_play_command(struct play_ctx *ctx, int argc, char **argv);

/* "done", "tried" or "new" (translated) for exercise NUMBER, or NULL when
 * there is no such exercise. */
const char *exercise_state(int number);

#endif
