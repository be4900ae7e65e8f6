/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * waitall.c: run a command and wait for it AND every process it started,
 * however deep, to exit: it makes itself a child subreaper, so orphans are
 * reparented to it and it can reap them.  The leak tests use it to know
 * that the tutor's server, clients and guardian are all gone (and the
 * guardian's cleanup done) without sleeping for a guessed time.
 *
 * usage: waitall [--pidfile F] [--timeout S] -- COMMAND [ARGS...]
 * Writes the command's pid to F.  Exits with the command's status, or 128+N
 * if it died of signal N; prints "waitall: N descendants outlived it" on
 * standard error when processes were still running after the command
 * ended.  If anything is still alive after S seconds (default 30), it
 * kills the lot and exits 124.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void
on_alarm(int sig)
{
	(void)sig;
	kill(0, SIGKILL);
	_exit(124);
}

int
main(int argc, char **argv)
{
	const char *pidfile = NULL;
	int timeout = 30, i, status = 0, result = 0, outlived = 0;
	pid_t child, pid;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--pidfile") == 0 && i + 1 < argc)
			pidfile = argv[++i];
		else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
			timeout = atoi(argv[++i]);
		else {
			fprintf(stderr, "usage: waitall [--pidfile F] [--timeout S] -- COMMAND [ARGS...]\n");
			return 2;
		}
	}
	if (i + 1 >= argc) {
		fprintf(stderr, "usage: waitall [--pidfile F] [--timeout S] -- COMMAND [ARGS...]\n");
		return 2;
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	signal(SIGALRM, on_alarm);
	child = fork();
	if (child < 0)
		return 2;
	if (child == 0) {
		signal(SIGALRM, SIG_DFL);
		execvp(argv[i + 1], argv + i + 1);
		_exit(127);
	}
	if (pidfile != NULL) {
		FILE *f = fopen(pidfile, "w");
		if (f != NULL) {
			fprintf(f, "%ld\n", (long)child);
			fclose(f);
		}
	}
	alarm((unsigned)timeout);   /* bounds failure only */
	int child_done = 0;
	while ((pid = waitpid(-1, &status, 0)) != -1 || errno == EINTR) {
		if (pid == -1)
			continue;
		if (pid == child) {
			child_done = 1;
			result = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		} else if (child_done) {
			outlived++;
		}
	}
	if (outlived > 0)
		fprintf(stderr, "waitall: %d descendants outlived it\n", outlived);
	return result;
}
