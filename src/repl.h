/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * repl.h: the input loop.  On a terminal: readline in callback mode, with
 * history and Tab completion.  Otherwise: plain lines, each echoed after
 * the prompt so the output reads as a transcript.  Either way the loop
 * polls standard input, a signalfd (so termination signals are handled in
 * ordinary code, never in a handler) and the pipes of waiting server and
 * client processes.
 */
#ifndef IPCTUTOR_REPL_H
#define IPCTUTOR_REPL_H

/* Block the signals the loop reads; call before any child is started, so
 * children inherit a known mask (they reset it). */
void repl_block_signals(void);

/* Run until quit, end of input, or a termination signal.  Returns 0, or
 * the number of the signal that ended the session. */
int repl_run(int interactive);

/* For the --complete test hook: print the completions of LINE's last word. */
void repl_print_completions(const char *line);

#endif
