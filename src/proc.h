/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * proc.h: the only way the tutor forks, signals and reaps its processes.
 * A pid may be signalled only while it is one this process forked and has
 * not reaped yet: a failed fork (-1), 0, a negative process group, a pid
 * already reaped (and perhaps reused by the kernel for someone else's
 * process) are refused, so that no error path can turn into kill(-1, ...)
 * — which, for root, is every process on the machine.
 *
 * The same holds for the processes the kernel attaches to the exercise
 * tracer (the children a traced program forks: they are ours until the
 * tracer has waited for their end, which no one else can reap before),
 * and for a whole process group, which is signalled only while its leader
 * is one of ours and not reaped: until then the group's number cannot
 * pass to anyone else's group.
 */
#ifndef IPCTUTOR_PROC_H
#define IPCTUTOR_PROC_H

#include <sys/types.h>

/* fork(), remembering the child.  In the child, the table starts empty:
 * a child signals only its own children.  Returns as fork() does. */
pid_t proc_fork(void);

/* Remember PID, a process the kernel has just made this process's child
 * or ptrace tracee without proc_fork (a traced program's fork, reported
 * by PTRACE_EVENT_FORK or by its first stop), as proc_fork would have.
 * Only for a pid reported by the kernel and not yet seen to end.  0, or
 * -1 with errno EINVAL for a pid <= 0. */
int proc_adopt(pid_t pid);

/* Forget PID without waiting for it: a traced thread whose pid vanished
 * when another thread of its process called execve (the kernel reports
 * no end for it). */
void proc_forget(pid_t pid);

/* Send SIG to PID if it is a child forked with proc_fork and not yet
 * reaped.  Returns 0, or -1 with errno ESRCH for any other pid. */
int proc_kill(pid_t pid, int sig);

/* Send SIG to the process group PGID, kill(-PGID, SIG), if PGID is a
 * child of ours not yet reaped (a zombie counts) that still leads its
 * group.  Returns 0, or -1 with errno ESRCH for any other group (its
 * leader reaped: signal the members one by one with proc_kill). */
int proc_kill_group(pid_t pgid, int sig);

/* waitpid(PID, STATUS, 0) for a known child, retried on EINTR; the pid is
 * forgotten once reaped.  Returns PID, or -1 (errno ECHILD for a pid that
 * is not ours). */
pid_t proc_reap(pid_t pid, int *status);

/* waitpid(PID, STATUS, OPTIONS) for a known child, retried on EINTR:
 * OPTIONS may hold WNOHANG, WUNTRACED, __WALL.  A pid reported ended
 * (exited or killed) is forgotten.  Returns as waitpid does, or -1 with
 * errno ECHILD for a pid that is not ours. */
pid_t proc_wait(pid_t pid, int *status, int options);

/* waitpid(-PGID, STATUS, OPTIONS): the next report of any child or
 * tracee in the process group PGID, which must be > 1 (waitpid(-1) would
 * be any child at all).  The pid reported ended is forgotten.  Returns as
 * waitpid does (EINTR is not retried), or -1 with errno EINVAL. */
pid_t proc_wait_group(pid_t pgid, int *status, int options);

/* Has PID, a known child, ended?  1 with its wait status in *STATUS, 0
 * while it runs, -1 when it is not ours.  It is not reaped (waitid with
 * WNOWAIT): the pid, and the group it leads, stay ours until proc_reap. */
int proc_ended(pid_t pid, int *status);

#endif
