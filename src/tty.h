/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * tty.h: the terminal the learner types on.  The tutor takes the terminal's
 * foreground for a process group of its own while it runs, so that Ctrl-C
 * reaches the tutor alone and not the make(1) or shell that started it, and
 * gives the foreground back when it leaves.  Also the pager: a step longer
 * than the terminal stops with a one-line "more" prompt.
 */
#ifndef IPCTUTOR_TTY_H
#define IPCTUTOR_TTY_H

#include <stddef.h>

/* On a terminal (standard input): move into a process group of our own
 * and make it the terminal's foreground.  Does nothing otherwise, or when
 * the tutor already leads the foreground group. */
void tty_take_foreground(void);

/* Give the foreground back to the group that had it (no-op if
 * tty_take_foreground did nothing).  Safe to call more than once. */
void tty_give_back(void);

/* The pager.  While on (interactive sessions only), output that fills the
 * terminal's height since the last tty_pager_reset() stops at a one-line
 * prompt and waits for a key: Enter or space goes on, q (or Ctrl-C) shows
 * the rest without stopping again. */
void tty_pager_enable(int on);
void tty_pager_reset(void);

/* The terminal may have changed size (SIGWINCH): the pager asks it again
 * before its next count. */
void tty_resize(void);

/* Is the pager counting?  Then the output layer hands its text to
 * tty_pager_output, which passes it on to EMIT piece by piece and stops at
 * the "more" prompt after the row that fills the screen. */
int tty_pager_active(void);
void tty_pager_output(const char *text, size_t len, void (*emit)(const char *text, size_t len));

#endif
