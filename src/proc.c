/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * proc.c: the table of the tutor's unreaped children (see proc.h), and the
 * only kill() and waitpid() of the program.  The table is a small array
 * that grows: a handful of children at a time (agents, the guardian, the
 * class board's helpers, a measurement's server and client, a check's
 * server, client and compiler), and every process of a traced program.
 * It is read and written in ordinary code only, never in a signal handler.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc.h"
#include "util.h"

static pid_t *children;   /* the unreaped children, in no order */
static size_t nchildren, capacity;

static long
slot_of(pid_t pid)
{
	if (pid <= 0)
		return -1;
	for (size_t i = 0; i < nchildren; i++)
		if (children[i] == pid)
			return (long)i;
	return -1;
}

static void
remember(pid_t pid)
{
	if (slot_of(pid) >= 0)
		return;
	if (nchildren == capacity) {
		capacity = capacity ? 2 * capacity : 16;
		children = xreallocarray(children, capacity, sizeof *children);
	}
	children[nchildren++] = pid;
}

void
proc_forget(pid_t pid)
{
	long slot = slot_of(pid);

	if (slot >= 0)
		children[slot] = children[--nchildren];
}

/* Forget PID when STATUS, a report of waitpid about it, says it ended. */
static void
forget_ended(pid_t pid, int status)
{
	if (pid > 0 && (WIFEXITED(status) || WIFSIGNALED(status)))
		proc_forget(pid);
}

pid_t
proc_fork(void)
{
	pid_t pid;

	/* Room first, so that the child is never forked without a slot. */
	if (nchildren == capacity) {
		capacity = capacity ? 2 * capacity : 16;
		children = xreallocarray(children, capacity, sizeof *children);
	}
	pid = fork();
	if (pid == 0)
		nchildren = 0;
	else if (pid > 0)
		remember(pid);
	return pid;
}

int
proc_adopt(pid_t pid)
{
	if (pid <= 0) {
		errno = EINVAL;
		return -1;
	}
	remember(pid);
	return 0;
}

int
proc_kill(pid_t pid, int sig)
{
	if (slot_of(pid) < 0) {
		errno = ESRCH;
		return -1;
	}
	return kill(pid, sig);
}

int
proc_kill_group(pid_t pgid, int sig)
{
	/* The leader is unreaped, so its pid, which names the group, is not
	 * free for the kernel to give away; and it must still lead it (a
	 * program may move itself to another group). */
	if (slot_of(pgid) < 0 || getpgid(pgid) != pgid) {
		errno = ESRCH;
		return -1;
	}
	return kill(-pgid, sig);
}

pid_t
proc_wait(pid_t pid, int *status, int options)
{
	int st = 0;
	pid_t r;

	if (slot_of(pid) < 0) {
		errno = ECHILD;
		return -1;
	}
	while ((r = waitpid(pid, &st, options)) < 0 && errno == EINTR)
		;
	if (r == pid)
		forget_ended(pid, st);
	else if (r < 0 && errno == ECHILD)
		proc_forget(pid);   /* reaped behind our back: not ours any more */
	if (status != NULL)
		*status = st;
	return r;
}

pid_t
proc_reap(pid_t pid, int *status)
{
	return proc_wait(pid, status, 0);
}

pid_t
proc_wait_group(pid_t pgid, int *status, int options)
{
	int st = 0;
	pid_t r;

	if (pgid <= 1) {
		errno = EINVAL;
		return -1;
	}
	r = waitpid(-pgid, &st, options);
	forget_ended(r, st);
	if (status != NULL)
		*status = st;
	return r;
}

int
proc_ended(pid_t pid, int *status)
{
	siginfo_t si;

	if (slot_of(pid) < 0) {
		errno = ECHILD;
		return -1;
	}
	memset(&si, 0, sizeof si);
	while (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) != 0)
		if (errno != EINTR)
			return -1;
	if (si.si_pid != pid)
		return 0;
	if (status != NULL)
		*status = si.si_code == CLD_EXITED ? (si.si_status & 0xff) << 8
			  : (si.si_status & 0x7f) | (si.si_code == CLD_DUMPED ? 0x80 : 0);
	return 1;
}
