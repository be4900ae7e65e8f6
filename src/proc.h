/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * proc.h: the only way the tutor forks, signals and reaps its processes.
 * A pid may be signalled only while it is one this process forked and has
 * not reaped yet: a failed fork (-1), 0, a negative process group, a pid
 * already reaped (and perhaps reused by the kernel for someone else's
 * process) are refused, so that no error path can turn into kill(-1, ...)
 * — which, for root, is every process on the machine.
 */
#ifndef IPCTUTOR_PROC_H
#define IPCTUTOR_PROC_H

#include <sys/types.h>

/* fork(), remembering the child.  In the child, the table starts empty:
 * a child signals only its own children.  Returns as fork() does. */
pid_t proc_fork(void);

/* Send SIG to PID if it is a child forked with proc_fork and not yet
 * reaped.  Returns 0, or -1 with errno ESRCH for any other pid. */
int proc_kill(pid_t pid, int sig);

/* waitpid(PID, STATUS, 0) for a known child, retried on EINTR; the pid is
 * forgotten once reaped.  Returns PID, or -1 (errno ECHILD for a pid that
 * is not ours). */
pid_t proc_reap(pid_t pid, int *status);

#endif
