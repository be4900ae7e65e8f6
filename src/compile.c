/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * compile.c: the compiler step of "check N" (see compile.h): run $CC (or
 * cc) -Wall -Wextra on the learner's file with its output in a log, show
 * that log, and say in one sentence when no compiler is installed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compile.h"
#include "i18n.h"
#include "proc.h"
#include "render.h"
#include "util.h"

/* Run ARGV with output into the file OUT; its wait status, or -1 with
 * errno set when it could not be started at all. */
static int
run_quietly(char *const argv[], const char *out_path)
{
	int errpipe[2], status, err = 0;
	pid_t pid;

	if (pipe2(errpipe, O_CLOEXEC) != 0)
		return -1;
	fflush(NULL);
	pid = proc_fork();
	if (pid == 0) {
		int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd >= 0) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		execvp(argv[0], argv);
		err = errno;
		(void)!write(errpipe[1], &err, sizeof err);
		_exit(127);
	}
	close(errpipe[1]);
	if (pid < 0 || read(errpipe[0], &err, sizeof err) == (ssize_t)sizeof err) {
		close(errpipe[0]);
		if (pid > 0)
			proc_reap(pid, NULL);
		errno = pid < 0 ? errno : err;
		return -1;
	}
	close(errpipe[0]);
	if (proc_reap(pid, &status) != pid)
		return -1;
	return status;
}

int
compile_program(const char *file, const char *program, const char *dir)
{
	const char *env = getenv("CC");
	char *cc = xstrdup(env != NULL && env[0] != '\0' ? env : "cc"), *source = xstrdup(file);
	char *log = xasprintf("%s/cc.log", dir), *out_path = xstrdup(program);
	char *argv[] = { cc, "-Wall", "-Wextra", "-O1", "-o", out_path, source, NULL };
	struct strbuf sb = STRBUF_INIT;
	int status, result = 0;

	render_paragraph(_("Compiling with the system compiler:"), NULL, 0, "▸ ");
	char *shown = xasprintf("%s -Wall -Wextra -O1 -o PROGRAM %s", cc, file);
	render_wrapped(2, shown);
	free(shown);
	out_flush();
	status = run_quietly(argv, log);
	if (status == -1 && errno == ENOENT) {
		render_error(_("No C compiler was found (%s): install one, on Debian with apt-get install gcc, then check again."),
			     cc);
		result = 2;
	} else if (status == -1) {
		render_error(_("The compiler could not be started: %s."), strerror(errno));
		result = 2;
	} else {
		if (read_file(log, &sb, 1 << 20) == 0 && sb.len > 0)
			out("%s%s", sb.buf, sb.buf[sb.len - 1] == '\n' ? "" : "\n");
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			result = 1;
	}
	strbuf_free(&sb);
	free(log);
	free(cc);
	free(source);
	free(out_path);
	return result;
}

