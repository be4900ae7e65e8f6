/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * contrast.c: "contrast pipe" and "contrast socket" — what a connection
 * tells you that System V IPC does not.  A peer process holds one end and
 * is killed with SIGKILL; then the tutor reads (end of file: 0) and writes
 * (EPIPE) on its own end, and for the socket also polls (POLLHUP).  The
 * calls are real and printed like the others; descriptors are named by
 * role, not number, since their numbers mean nothing here.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "contrast.h"
#include "i18n.h"
#include "reproducible.h"
#include "play.h"
#include "render.h"
#include "proc.h"
#include "util.h"

/* Fork a peer that keeps KEEP open and waits to be killed; the tutor then
 * kills it and reaps it.  Returns 0, or -1 if fork failed. */
static int
peer_dies(struct play_ctx *ctx, int keep, int other)
{
	pid_t parent = getpid(), pid;
	int status;

	out_flush();   /* the child must not inherit unwritten output */
	pid = proc_fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		child_start(parent, 1);
		close(other);
		for (;;)
			pause();   /* waits for SIGKILL, not for time */
	}
	close(keep);
	char pidtext[24];
	snprintf(pidtext, sizeof pidtext, "%ld", (long)pid);
	repro_pid(pid, "peer");
	play_note(ctx, _("The peer process (pid %s) holds the other end; now it is killed with SIGKILL."),
		  pidtext);
	proc_kill(pid, SIGKILL);
	proc_reap(pid, &status);
	return 0;
}

/* Read and write on FD after the peer died; label the calls with WHAT. */
static void
probe(struct play_ctx *ctx, int rfd, int wfd, const char *what, int with_poll)
{
	char buf[64], text[96];
	struct call call;
	ssize_t n;

	if (rfd >= 0) {
		n = read(rfd, buf, sizeof buf);
		snprintf(text, sizeof text, "read(%s, ..., %zu)", what, sizeof buf);
		trace_record(&call, CALL_OTHER, text, n, errno);
		play_call(ctx, &call);
	}
	if (wfd >= 0) {
		n = write(wfd, "ping", 4);
		snprintf(text, sizeof text, "write(%s, \"ping\", 4)", what);
		trace_record(&call, CALL_OTHER, text, n, errno);
		play_call(ctx, &call);
	}
	if (with_poll) {
		struct pollfd pfd = { rfd, POLLIN, 0 };
		int r = poll(&pfd, 1, 0);
		snprintf(text, sizeof text, "poll([{fd=%s, events=POLLIN}], 1, 0)", what);
		trace_record(&call, CALL_OTHER, text, r, errno);
		snprintf(call.data, sizeof call.data, "[{revents=%s%s}]", (pfd.revents & POLLIN) ? "POLLIN|" : "",
			 (pfd.revents & POLLHUP) ? "POLLHUP" : "0");
		play_call(ctx, &call);
	}
}

static int
contrast_pipe(struct play_ctx *ctx)
{
	int fds[2];

	/* The peer writes: when it dies, the reader sees end of file. */
	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0 || peer_dies(ctx, fds[1], fds[0]) != 0)
		return -1;
	probe(ctx, fds[0], -1, "pipe", 0);
	close(fds[0]);
	/* The peer reads: when it dies, the writer gets EPIPE. */
	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0 || peer_dies(ctx, fds[0], fds[1]) != 0)
		return -1;
	probe(ctx, -1, fds[1], "pipe", 0);
	close(fds[1]);
	return 0;
}

static int
contrast_socket(struct play_ctx *ctx)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv) != 0
	    || peer_dies(ctx, sv[1], sv[0]) != 0)
		return -1;
	probe(ctx, sv[0], -1, "socket", 1);
	probe(ctx, -1, sv[0], "socket", 0);
	close(sv[0]);
	return 0;
}

int
contrast_command(struct play_ctx *ctx, int argc, char **argv)
{
	int r;

	(void)argc;
	signal(SIGPIPE, SIG_IGN);
	if (strcmp(argv[1], "pipe") == 0)
		r = contrast_pipe(ctx);
	else if (strcmp(argv[1], "socket") == 0)
		r = contrast_socket(ctx);
	else {
		play_error(ctx, _("contrast takes pipe or socket."));
		return -1;
	}
	if (r != 0)
		play_error(ctx, _("Could not set up the contrast: %s."), strerror(errno));
	return r;
}
