/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * tracecmd.h: "ipctutor trace [--reproducible] -- PROG [ARGS...]": any
 * program's System V IPC calls, shown as the lessons show calls, with the
 * same one-line explanations; and the display of one traced event, shared
 * with the exercise checker.
 */
#ifndef IPCTUTOR_TRACECMD_H
#define IPCTUTOR_TRACECMD_H

#include "tracer.h"

/* Show EV under "[pid N]" (or the masked name with --reproducible):
 * calls with their meaning, forks, signals and ends as strace writes
 * them. */
void tracecmd_show(const struct tracer_event *ev);

/* The exit status a shell would give for wait status STATUS. */
int tracecmd_exit_status(int status);

/* The subcommand; ARGV[0] is "trace". */
int tracecmd_main(int argc, char **argv);

#endif
