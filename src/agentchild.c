/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * agentchild.c: the process side of a server or client (see agent.c for
 * the tutor's side and the protocol).  The child resets its signals, takes
 * a process group of its own (so Ctrl-C at the tutor's prompt does not
 * reach it) and dies with the tutor; then it waits for the line that
 * names it ("server", "client"), so that a process can be started before
 * it is needed, and runs command lines, writing what happened as records,
 * until its pipe closes.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agentchild.h"
#include "ipc.h"
#include "util.h"

/* A record: a tag, a TAB, then a call's line (at most TRACE_LINE_MAX) or a
 * sentence; and the newline.  Below PIPE_BUF, so one write is one record. */
#define RECORD_MAX (TRACE_LINE_MAX + 16)
_Static_assert(RECORD_MAX <= PIPE_BUF, "a record is written in one piece");

static int record_fd = -1;
static int guardian = -1;

/* Write one record; on a broken pipe the tutor is gone and so are we. */
static void
send_record(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
send_record(const char *fmt, ...)
{
	char buf[RECORD_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof buf - 1)
		n = (int)sizeof buf - 2;
	for (int i = 0; i < n; i++)
		if (buf[i] == '\n')
			buf[i] = ' ';
	buf[n++] = '\n';
	if (write(record_fd, buf, (size_t)n) != n)
		_exit(EXIT_FAILURE);
}

static void
sink_call(struct play_ctx *ctx, const struct call *call)
{
	char enc[TRACE_LINE_MAX];

	(void)ctx;
	trace_encode(call, enc, sizeof enc);
	send_record("C\t%s", enc);
}

static void
sink_note(struct play_ctx *ctx, const char *text)
{
	(void)ctx;
	send_record("N\t%s", text);
}

static void
sink_error(struct play_ctx *ctx, const char *text)
{
	(void)ctx;
	send_record("E\t%s", text);
}

static void
sink_var(struct play_ctx *ctx, const char *name, const char *value)
{
	(void)ctx;
	send_record("V\t%s\t%s", name, value);
}

/* The guardian heard of the object from the get call itself (see
 * ipc_after_create); the tutor hears of it here. */
static void
sink_created(struct play_ctx *ctx, enum ipc_kind kind, int id)
{
	(void)ctx;
	send_record("R\t%d\t%d", (int)kind, id);
}

static void
sink_removed(struct play_ctx *ctx, enum ipc_kind kind, int id)
{
	(void)ctx;
	if (guardian >= 0)
		dprintf(guardian, "- %d %d\n", (int)kind, id);
	send_record("X\t%d\t%d", (int)kind, id);
}

static const struct play_sink pipe_sink = {
	sink_call, sink_note, sink_error, sink_var, sink_created, sink_removed,
};

static void
announce(long nr, const char *head)
{
	send_record("B\t%ld\t%s", nr, head);
}

/* SIGINT in a server or client: nothing to do but interrupt its call. */
static void
on_interrupt(int sig)
{
	(void)sig;
}

void
agent_child_main(int commands, int records, pid_t parent, agent_exec_fn exec, int guardian_fd)
{
	struct actor_state state;
	char name[16] = "";
	struct play_ctx ctx = { name, 1, &state, &pipe_sink, records, -1 };
	FILE *in;
	char *line = NULL;
	size_t cap = 0;
	int devnull;

	child_start(parent, 1);
	signal(SIGPIPE, SIG_IGN);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_interrupt;   /* no SA_RESTART: the call gives EINTR */
	sigaction(SIGINT, &sa, NULL);
	setpgid(0, 0);
	devnull = open("/dev/null", O_RDWR);
	if (devnull >= 0) {
		dup2(devnull, STDIN_FILENO);
		dup2(devnull, STDOUT_FILENO);
		close(devnull);
	}
	record_fd = records;
	guardian = guardian_fd;
	ipc_before_blocking = announce;
	actor_state_init(&state);
	in = fdopen(commands, "r");
	if (in == NULL)
		_exit(EXIT_FAILURE);
	/* The first line names it; a spare that is never named ends here. */
	if (getline(&line, &cap, in) > 0)
		snprintf(name, sizeof name, "%.*s", (int)strcspn(line, "\n"), line);
	while (name[0] != '\0' && getline(&line, &cap, in) > 0) {
		line[strcspn(line, "\n")] = '\0';
		exec(&ctx, line);
		if (ctx.exit_status >= 0)
			send_record("Q");
		send_record("D");
		if (ctx.exit_status >= 0) {
			coverage_flush();
			_exit(ctx.exit_status);
		}
	}
	coverage_flush();
	_exit(EXIT_SUCCESS);
}
