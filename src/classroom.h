/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * classroom.h: the two- and three-terminal mode.  "ipctutor server" is the
 * lesson's server as a foreground program in the host IPC namespace,
 * "ipctutor client" sends it requests and survives its restarts (or, with
 * --naive, fails as the classic example does), and "ipctutor watch" shows
 * the kernel's objects for a projector.  Each prints every call it makes,
 * the way the tutor prints them.
 */
#ifndef IPCTUTOR_CLASSROOM_H
#define IPCTUTOR_CLASSROOM_H

/* Is WORD one of the subcommands: "server", "client", "watch"? */
int classroom_is_subcommand(const char *word);

/* The subcommands' part of ipctutor --help: one line each, from the same
 * table that runs them. */
void classroom_help(void);

/* Run the subcommand ARGV[0] with its options ARGV[1..ARGC).  Returns the
 * exit status: 0, 1 (the server gave up, the naive client failed), 2 (bad
 * options). */
int classroom_main(int argc, char **argv);

#endif
