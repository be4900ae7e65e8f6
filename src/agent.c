/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * agent.c: server and client processes (see agent.h).
 *
 * The protocol is one line per record, child to tutor:
 *   C <call>       a system call (trace_encode)     N <text>  a note
 *   E <text>       a bad-input sentence             V <name> <value>
 *   R <kind> <id>  an object this process created   X <kind> <id>  removed
 *   B <nr> <head>  about to make system call NR, which may block; HEAD is
 *                  the call's text so far ("msgrcv(3, ")
 *   Q              it gives up and exits after this command
 *   D              the command is finished
 * Each record is written with one write(2) of less than PIPE_BUF bytes, so
 * records never interleave.  The tutor reads with poll() and a deadline;
 * only while an agent has announced a blocking call does it look at
 * /proc/PID/stat and /proc/PID/syscall between short polls of the pipe, to
 * see the moment the agent is asleep in that call.  Then the call is shown
 * at once as strace shows it, "msgrcv(3, <unfinished ...>", and its result
 * when the kernel wakes the agent as "<... msgrcv resumed>{1, ...) = 5".
 * Ctrl-C at the tutor interrupts such a call: the agent catches SIGINT with
 * a handler that does nothing, so the call returns EINTR.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"
#include "proc.h"
#include "i18n.h"
#include "ipc.h"
#include "util.h"

#define MAX_AGENTS 8
/* A record: a tag, a TAB, then a call's line (at most TRACE_LINE_MAX) or a
 * sentence; and the newline.  Below PIPE_BUF, so one write is one record. */
#define RECORD_MAX (TRACE_LINE_MAX + 16)
_Static_assert(RECORD_MAX <= PIPE_BUF, "a record is written in one piece");
#define DEADLINE_MS 10000   /* bounds failure only: a healthy agent answers in microseconds */
#define BLOCK_CHECK_MS 1    /* poll slice while watching for "asleep in the call" */
#define STATE_CHECK_MS 100  /* poll slice between looks at the agent's state */

struct agent {
	char name[16];
	pid_t pid;
	int to_child;       /* command lines */
	int from_child;     /* records */
	int busy;           /* a command was sent and is not done */
	int quitting;       /* it said it exits after this command */
	long blocking_nr;   /* announced system call, or -1 */
	char head[CALL_TEXT_MAX];  /* its text so far */
	int unfinished;     /* "<unfinished ...>" shown for it */
	struct strbuf in;   /* partial record */
	int status;         /* wait status, once it has ended */
	enum agent_result unresponsive;  /* AGENT_STOPPED or AGENT_TIMEOUT while it
				    does not answer; AGENT_DONE otherwise */
};

static struct agent agents[MAX_AGENTS];
static agent_exec_fn exec_line;
static const struct play_sink *view;
static int guardian;
static int signal_fd = -1;

void
agent_watch_signals(int fd)
{
	signal_fd = fd;
}

void
agent_setup(agent_exec_fn exec, const struct play_sink *v, int guardian_fd)
{
	exec_line = exec;
	view = v;
	guardian = guardian_fd;
}

/* ---- the child side ------------------------------------------------- */

static int record_fd = -1;

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

/* The child: a fresh signal state, its own process group (so Ctrl-C at
 * the tutor's prompt does not reach it), death with the tutor, then a loop
 * of command lines until the pipe closes. */
static void __attribute__((noreturn))
child_main(const char *name, int commands, int records, pid_t parent)
{
	struct actor_state state;
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
	ipc_before_blocking = announce;
	actor_state_init(&state);
	in = fdopen(commands, "r");
	if (in == NULL)
		_exit(EXIT_FAILURE);
	while (getline(&line, &cap, in) > 0) {
		line[strcspn(line, "\n")] = '\0';
		exec_line(&ctx, line);
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

/* ---- the tutor side ------------------------------------------------- */

struct agent *
agent_find(const char *name)
{
	for (int i = 0; i < MAX_AGENTS; i++)
		if (agents[i].pid > 0 && strcmp(agents[i].name, name) == 0)
			return &agents[i];
	return NULL;
}

int
agent_status(const struct agent *a)
{
	return a->status;
}

pid_t
agent_pid(const struct agent *a)
{
	return a->pid;
}

const char *
agent_name(const struct agent *a)
{
	return a->name;
}

int
agent_is_blocked(const struct agent *a)
{
	return a->busy && a->unresponsive == AGENT_DONE;
}

long
agent_blocked_in(const struct agent *a)
{
	return agent_is_blocked(a) ? a->blocking_nr : -1;
}

size_t
agent_count(void)
{
	size_t n = 0;
	for (int i = 0; i < MAX_AGENTS; i++)
		n += agents[i].pid > 0;
	return n;
}

struct agent *
agent_spawn(const char *name)
{
	struct agent *a = NULL;
	int down[2], up[2];
	pid_t parent = getpid(), pid;

	for (int i = 0; i < MAX_AGENTS && a == NULL; i++)
		if (agents[i].pid <= 0)
			a = &agents[i];
	if (a == NULL) {
		errno = EAGAIN;
		return NULL;
	}
	if (pipe2(down, O_CLOEXEC) != 0)
		return NULL;
	if (pipe2(up, O_CLOEXEC) != 0) {
		close(down[0]);
		close(down[1]);
		return NULL;
	}
	fflush(stdout);
	pid = proc_fork();
	if (pid < 0) {
		int e = errno;
		close(down[0]); close(down[1]); close(up[0]); close(up[1]);
		errno = e;
		return NULL;
	}
	if (pid == 0) {
		/* Other agents' pipes must not stay open here: their ends
		 * would hide those agents' deaths from the tutor. */
		for (int i = 0; i < MAX_AGENTS; i++)
			if (agents[i].pid > 0) {
				close(agents[i].to_child);
				close(agents[i].from_child);
			}
		close(down[1]);
		close(up[0]);
		child_main(name, down[0], up[1], parent);
	}
	close(down[0]);
	close(up[1]);
	memset(a, 0, sizeof *a);
	snprintf(a->name, sizeof a->name, "%s", name);
	a->pid = pid;
	a->to_child = down[1];
	a->from_child = up[0];
	fcntl(a->from_child, F_SETFL, O_NONBLOCK);
	a->blocking_nr = -1;
	strbuf_init(&a->in);
	return a;
}

/* A is asleep in the call it announced: show it at once, unfinished. */
static void
show_unfinished(struct agent *a)
{
	struct play_ctx as = { a->name, 0, NULL, view, -1, -1 };
	struct call call;

	if (a->unfinished || a->head[0] == '\0')
		return;
	trace_unfinished(a->head, &call);
	view->call(&as, &call);
	a->unfinished = 1;
}

/* Show one complete record from A. */
static void
handle_record(struct agent *a, char *rec)
{
	char *field = strchr(rec, '\t');
	char *arg = field ? field + 1 : rec + strlen(rec);
	struct play_ctx as = { a->name, 0, NULL, view, -1, -1 };   /* shown as A */
	struct call call;

	switch (rec[0]) {
	case 'C':
		if (trace_decode(arg, &call) == 0) {
			if (a->unfinished)
				trace_resumed(a->head, &call);
			view->call(&as, &call);
		}
		a->blocking_nr = -1;
		a->unfinished = 0;
		break;
	case 'N':
		view->note(&as, arg);
		break;
	case 'E':
		view->error(&as, arg);
		break;
	case 'V': {
		char *value = strchr(arg, '\t');
		if (value != NULL) {
			*value++ = '\0';
			view->var(&as, arg, value);
		}
		break;
	}
	case 'R':
	case 'X': {
		int kind, id;
		if (sscanf(arg, "%d\t%d", &kind, &id) == 2 && kind >= 0 && kind < KIND_COUNT)
			(rec[0] == 'R' ? view->created : view->removed)(&as, (enum ipc_kind)kind, id);
		break;
	}
	case 'B': {
		char *head = NULL;
		a->blocking_nr = strtol(arg, &head, 10);
		snprintf(a->head, sizeof a->head, "%s", head != NULL && *head == '\t' ? head + 1 : "");
		a->unfinished = 0;
		break;
	}
	case 'Q':
		a->quitting = 1;
		break;
	case 'D':
		a->busy = 0;
		a->blocking_nr = -1;
		a->unresponsive = AGENT_DONE;   /* it answers again */
		break;
	default:
		break;
	}
}

/* Read what is available from A (its pipe is non-blocking) and handle the
 * complete records.  Returns 0, or -1 at end of file: the agent is gone. */
static int
drain(struct agent *a)
{
	char buf[4096];

	for (;;) {
		ssize_t n = read(a->from_child, buf, sizeof buf);
		char *nl;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
		if (n == 0)
			return -1;
		strbuf_addn(&a->in, buf, (size_t)n);
		while ((nl = memchr(a->in.buf, '\n', a->in.len)) != NULL) {
			size_t len = (size_t)(nl - a->in.buf);
			char *rec = xstrndup(a->in.buf, len);
			memmove(a->in.buf, nl + 1, a->in.len - len);
			a->in.len -= len + 1;
			handle_record(a, rec);
			free(rec);
		}
	}
}

/* Does the system call ACTUAL, seen in /proc, carry out the announced
 * ANNOUNCED?  glibc makes semop() through semtimedop. */
static int
same_call(long announced, long actual)
{
	return actual == announced || (announced == SYS_semop && actual == SYS_semtimedop);
}

/* Is A asleep inside system call NR?  Asks the kernel: state 'S' in
 * /proc/PID/stat and NR as the first field of /proc/PID/syscall. */
static int
asleep_in(const struct agent *a, long nr)
{
	long actual = process_asleep_in(a->pid);

	return actual >= 0 && same_call(nr, actual);
}

static void reap(struct agent *a, int *status);

/* Wait until A is done with its command or asleep in the call it
 * announced; show its records meanwhile.  A stopped agent (state T in
 * /proc/PID/stat) cannot answer: say so at once (AGENT_STOPPED); one that
 * runs and says nothing until the deadline is busy (AGENT_TIMEOUT).  Both
 * mark it unresponsive.  A pending SIGTERM, SIGHUP or SIGQUIT ends the
 * wait (AGENT_INTERRUPTED) so that the main loop ends the tutor. */
static enum agent_result
wait_agent(struct agent *a)
{
	long deadline = now_ms() + DEADLINE_MS;
	int sfd = signal_fd;

	while (a->busy) {
		struct pollfd pfd[2] = { { a->from_child, POLLIN, 0 }, { sfd, POLLIN, 0 } };
		long left = deadline - now_ms();
		int watching = a->blocking_nr >= 0;

		if (termination_pending())
			return AGENT_INTERRUPTED;
		if (process_state(a->pid) == 'T' && poll(pfd, 1, 0) <= 0) {
			a->unresponsive = AGENT_STOPPED;
			return AGENT_STOPPED;
		}
		if (left <= 0) {
			a->unresponsive = AGENT_TIMEOUT;
			return AGENT_TIMEOUT;
		}
		if (watching && asleep_in(a, a->blocking_nr)) {
			/* Asleep, but maybe it wrote first: look once more. */
			if (poll(pfd, 1, 0) <= 0) {
				show_unfinished(a);
				return AGENT_BLOCKED;
			}
		}
		int slice = watching ? BLOCK_CHECK_MS : (int)(left < STATE_CHECK_MS ? left : STATE_CHECK_MS);
		int r = poll(pfd, sfd >= 0 ? 2 : 1, slice);
		if (r < 0 && errno != EINTR)
			return AGENT_TIMEOUT;
		/* Another signal (SIGINT, SIGWINCH) waits for the main loop:
		 * stop polling the signalfd, which stays readable, this time. */
		if (r > 0 && (pfd[1].revents & POLLIN) && !termination_pending())
			sfd = -1;
		if (r > 0 && pfd[0].revents != 0 && drain(a) < 0) {
			reap(a, NULL);
			return AGENT_DIED;
		}
	}
	return AGENT_DONE;
}

/* A was marked unresponsive: has it answered since?  Shows what it wrote.
 * One that was stopped and is continued is given its normal time to finish
 * its earlier command.  Returns AGENT_DONE when it is ready for a command. */
static enum agent_result
recheck_agent(struct agent *a)
{
	struct pollfd pfd = { a->from_child, POLLIN, 0 };

	if (poll(&pfd, 1, 0) > 0 && drain(a) < 0) {
		reap(a, NULL);
		return AGENT_DIED;
	}
	if (a->busy && a->unresponsive == AGENT_STOPPED && process_state(a->pid) != 'T') {
		enum agent_result r = wait_agent(a);
		if (r != AGENT_DONE && r != AGENT_STOPPED && r != AGENT_TIMEOUT)
			return r;
	}
	return a->busy ? AGENT_UNRESPONSIVE : AGENT_DONE;
}

enum agent_result
agent_run(struct agent *a, const char *line)
{
	size_t len = strlen(line);
	char *buf;
	ssize_t n;

	if (a->unresponsive != AGENT_DONE) {
		enum agent_result r = recheck_agent(a);
		if (r != AGENT_DONE)
			return r;
	}
	buf = xasprintf("%s\n", line);
	n = write(a->to_child, buf, len + 1);
	free(buf);
	if (n != (ssize_t)len + 1) {
		reap(a, NULL);
		return AGENT_DIED;
	}
	a->busy = 1;
	a->blocking_nr = -1;
	enum agent_result r = wait_agent(a);
	if (r == AGENT_DONE && a->quitting) {
		reap(a, &a->status);
		return AGENT_DIED;
	}
	return r;
}

/* Forget A after its process ended; collect its status. */
static void
reap(struct agent *a, int *status)
{
	int st = 0;

	if (a->pid <= 0)
		return;
	proc_reap(a->pid, &st);
	drain(a);   /* dead: its last records are all in the pipe */
	close(a->to_child);
	close(a->from_child);
	strbuf_free(&a->in);
	a->pid = 0;
	a->busy = 0;
	a->status = st;
	if (status != NULL)
		*status = st;
}

int
agent_kill(struct agent *a)
{
	int status = 0;

	proc_kill(a->pid, SIGKILL);
	reap(a, &status);
	return status;
}

int
agent_finish(struct agent *a)
{
	int status = 0;

	close(a->to_child);
	a->to_child = open("/dev/null", O_WRONLY | O_CLOEXEC);
	/* Asleep in a call, or not answering, or stopped (it would never
	 * read the end of its pipe): killed. */
	if (a->busy || process_state(a->pid) == 'T')
		proc_kill(a->pid, SIGKILL);
	reap(a, &status);
	return status;
}

void
agent_settle(void)
{
	for (int i = 0; i < MAX_AGENTS; i++) {
		struct agent *a = &agents[i];
		if (a->pid <= 0 || !a->busy)
			continue;
		struct pollfd pfd = { a->from_child, POLLIN, 0 };
		if (poll(&pfd, 1, 0) > 0 && drain(a) < 0) {
			reap(a, NULL);
			continue;
		}
		/* Woken (it is no longer asleep in its call): wait for it to
		 * report and settle again. */
		if (a->busy && a->unresponsive == AGENT_DONE
		    && (a->blocking_nr < 0 || !asleep_in(a, a->blocking_nr)))
			wait_agent(a);
	}
}

size_t
agent_pollfds(struct pollfd *fds, size_t max)
{
	size_t n = 0;

	for (int i = 0; i < MAX_AGENTS && n < max; i++)
		if (agents[i].pid > 0 && agents[i].busy)
			fds[n++] = (struct pollfd){ agents[i].from_child, POLLIN, 0 };
	return n;
}

void
agent_readable(int fd)
{
	for (int i = 0; i < MAX_AGENTS; i++)
		if (agents[i].pid > 0 && agents[i].from_child == fd && drain(&agents[i]) < 0)
			reap(&agents[i], NULL);
}

int
agent_interrupt_blocked(void)
{
	int n = 0;

	for (int i = 0; i < MAX_AGENTS; i++) {
		struct agent *a = &agents[i];
		if (a->pid <= 0 || !a->busy || a->blocking_nr < 0 || proc_kill(a->pid, SIGINT) != 0)
			continue;
		n++;
		/* Show its answer now, not at some later poll: wait until it
		 * is done, or asleep in another call it announces. */
		a->blocking_nr = -1;
		if (wait_agent(a) == AGENT_DONE && a->quitting)
			reap(a, &a->status);
	}
	return n;
}

void
agent_end_all(void)
{
	/* An idle agent is told to end (its pipe closes, it exits by itself);
	 * one asleep in a call is killed. */
	for (int i = 0; i < MAX_AGENTS; i++)
		if (agents[i].pid > 0)
			agent_finish(&agents[i]);
}
