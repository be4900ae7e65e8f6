/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * proc.c: the table of the tutor's unreaped children (see proc.h).  A
 * fixed array: the tutor has a handful of children at a time (agents,
 * the guardian, the class board's helpers, a measurement's server and
 * client), and a full table makes proc_fork fail like fork would.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc.h"

#define PROC_MAX 64

static pid_t children[PROC_MAX];   /* 0: a free slot */

static int
slot_of(pid_t pid)
{
	if (pid <= 0)
		return -1;
	for (int i = 0; i < PROC_MAX; i++)
		if (children[i] == pid)
			return i;
	return -1;
}

pid_t
proc_fork(void)
{
	int slot;
	pid_t pid;

	for (slot = 0; slot < PROC_MAX && children[slot] != 0; slot++)
		;
	if (slot == PROC_MAX) {
		errno = EAGAIN;
		return -1;
	}
	pid = fork();
	if (pid == 0)
		memset(children, 0, sizeof children);
	else if (pid > 0)
		children[slot] = pid;
	return pid;
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

pid_t
proc_reap(pid_t pid, int *status)
{
	int slot = slot_of(pid), st = 0;
	pid_t r;

	if (slot < 0) {
		errno = ECHILD;
		return -1;
	}
	while ((r = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
		;
	if (r == pid || errno == ECHILD)
		children[slot] = 0;
	if (status != NULL)
		*status = st;
	return r;
}
