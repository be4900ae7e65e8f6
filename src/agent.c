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
 * Before any of that, the tutor writes one line: the process's name.  So a
 * process may be forked ahead of need, a "spare" (agent_prepare): a class
 * of a hundred followers each starting a server at the teacher's move
 * would otherwise fork a hundred tutors at once.
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
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"
#include "agentchild.h"
#include "proc.h"
#include "i18n.h"
#include "ipc.h"
#include "util.h"

#define MAX_AGENTS 8
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

/* Processes forked before they are needed (agent_prepare), each waiting
 * for the line that names it.  One forked before the tutor entered a new
 * IPC namespace is in the old one: never named, it is ended when the
 * tutor has time (the next agent_prepare), not in the middle of a move. */
#define MAX_SPARES 2
struct spare {
	pid_t pid;
	int to_child, from_child;
	ino_t ns;           /* its IPC namespace (the tutor's when forked) */
};
static struct spare spares[MAX_SPARES];
static int nspares;
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

/* Fork a server or client process that waits for the line naming it;
 * its pipes in *TO_CHILD and *FROM_CHILD (non-blocking).  Returns its pid
 * or -1 (errno set). */
static pid_t
fork_agent(int *to_child, int *from_child)
{
	int down[2], up[2];
	pid_t parent = getpid(), pid;

	if (pipe2(down, O_CLOEXEC) != 0)
		return -1;
	if (pipe2(up, O_CLOEXEC) != 0) {
		close(down[0]);
		close(down[1]);
		return -1;
	}
	fflush(stdout);
	pid = proc_fork();
	if (pid < 0) {
		int e = errno;
		close(down[0]); close(down[1]); close(up[0]); close(up[1]);
		errno = e;
		return -1;
	}
	if (pid == 0) {
		/* Other agents' pipes, and the spares', must not stay open
		 * here: their ends would hide those processes' deaths (and a
		 * spare's end of file) from the tutor. */
		for (int i = 0; i < MAX_AGENTS; i++)
			if (agents[i].pid > 0) {
				close(agents[i].to_child);
				close(agents[i].from_child);
			}
		for (int i = 0; i < nspares; i++) {
			close(spares[i].to_child);
			close(spares[i].from_child);
		}
		close(down[1]);
		close(up[0]);
		agent_child_main(down[0], up[1], parent, exec_line, guardian);
	}
	close(down[0]);
	close(up[1]);
	fcntl(up[0], F_SETFL, O_NONBLOCK);
	*to_child = down[1];
	*from_child = up[0];
	return pid;
}

/* The tutor's IPC namespace, by its inode (0 if /proc cannot tell). */
static ino_t
ipc_ns(void)
{
	struct stat st;

	return stat("/proc/self/ns/ipc", &st) == 0 ? st.st_ino : 0;
}

/* End spare S: its pipe closes before it was named, so it exits. */
static void
end_spare(struct spare *s)
{
	close(s->to_child);
	proc_reap(s->pid, NULL);
	close(s->from_child);
}

/* Take a spare that is ready to be named into *S: in the tutor's
 * namespace, alive, and silent as a spare is.  Others are ended. */
static int
take_spare(struct spare *s)
{
	ino_t ns = ipc_ns();

	while (nspares > 0) {
		*s = spares[--nspares];
		struct pollfd p = { s->from_child, POLLIN, 0 };
		if (s->ns == ns && ns != 0 && poll(&p, 1, 0) == 0)
			return 1;
		end_spare(s);
	}
	return 0;
}

void
agent_prepare(int n)
{
	struct spare keep[MAX_SPARES], s;
	int k = 0;

	while (k < n && k < MAX_SPARES && take_spare(&s))
		keep[k++] = s;
	while (nspares > 0)   /* more than N */
		end_spare(&spares[--nspares]);
	while (k > 0)
		spares[nspares++] = keep[--k];
	while (nspares < n && nspares < MAX_SPARES) {
		s.ns = ipc_ns();
		if ((s.pid = fork_agent(&s.to_child, &s.from_child)) < 0)
			return;
		spares[nspares++] = s;
	}
}

int
agent_spares(void)
{
	return nspares;
}

struct agent *
agent_spawn(const char *name)
{
	struct agent *a = NULL;
	struct spare s;

	for (int i = 0; i < MAX_AGENTS && a == NULL; i++)
		if (agents[i].pid <= 0)
			a = &agents[i];
	if (a == NULL) {
		errno = EAGAIN;
		return NULL;
	}
	if (!take_spare(&s) && (s.pid = fork_agent(&s.to_child, &s.from_child)) < 0)
		return NULL;
	/* Its name: one short line into an empty pipe.  A process that has
	 * died since is found out at its first command. */
	dprintf(s.to_child, "%s\n", name);
	memset(a, 0, sizeof *a);
	snprintf(a->name, sizeof a->name, "%s", name);
	a->pid = s.pid;
	a->to_child = s.to_child;
	a->from_child = s.from_child;
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
 * /proc/PID/stat) cannot answer: say so as soon as it has been silent for
 * a moment, BLOCK_CHECK_MS (AGENT_STOPPED); one that runs and says
 * nothing until the deadline is busy (AGENT_TIMEOUT).  Both mark it
 * unresponsive.  A pending SIGTERM, SIGHUP or SIGQUIT ends the wait
 * (AGENT_INTERRUPTED) so that the main loop ends the tutor. */
static enum agent_result
wait_agent(struct agent *a)
{
	long deadline = now_ms() + DEADLINE_MS;
	int sfd = signal_fd, silent = 0;

	while (a->busy) {
		struct pollfd pfd[2] = { { a->from_child, POLLIN, 0 }, { sfd, POLLIN, 0 } };
		long left = deadline - now_ms();
		int watching = a->blocking_nr >= 0;

		if (termination_pending())
			return AGENT_INTERRUPTED;
		/* A healthy agent answers in microseconds: the kernel is asked
		 * whether it is stopped only after a slice without a word (a
		 * look at /proc costs more than most commands). */
		if (silent && process_state(a->pid) == 'T' && poll(pfd, 1, 0) <= 0) {
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
		int slice = watching || !silent ? BLOCK_CHECK_MS : (int)(left < STATE_CHECK_MS ? left : STATE_CHECK_MS);
		int r = poll(pfd, sfd >= 0 ? 2 : 1, slice);
		if (r < 0 && errno != EINTR)
			return AGENT_TIMEOUT;
		silent = r == 0 || !(pfd[0].revents & (POLLIN | POLLHUP | POLLERR));
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
	 * one asleep in a call is killed.  Spares stay (see agent_prepare). */
	for (int i = 0; i < MAX_AGENTS; i++)
		if (agents[i].pid > 0)
			agent_finish(&agents[i]);
}
