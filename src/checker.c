/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * checker.c: the engine of "check N" (see checker.h): compile, a private
 * namespace in a child process, the learner's program under the tracer
 * with limits (a deadline of its own, CPU time, memory, processes), the
 * tutor's server and client as real processes.  What it decides, verdict.c
 * says; the scenarios themselves are in scenarios.c.  Every process is
 * forked, signalled and reaped through proc.h.
 *
 * Where the kernel refuses ptrace, the program still runs through the
 * scenario, untraced: what the engine sees without the trace (how the
 * program ended) is graded, and each requirement of the scenario, which
 * reads the program's calls, is shown as not judged.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "checker.h"
#include "compile.h"
#include "i18n.h"
#include "ns.h"
#include "play.h"
#include "proc.h"
#include "render.h"
#include "tracecmd.h"
#include "util.h"
#include "verdict.h"

#define MAX_PROCESSES 16
#define CPU_SECONDS 5
#define MEMORY_BYTES (512UL << 20)

struct check {
	char dir[PATH_MAX];       /* private folder: program, key file, logs */
	char keyfile[PATH_MAX + 16];
	char program[PATH_MAX + 16];
	char self[PATH_MAX];      /* this program, to start the tutor's server and client */
	int seconds;              /* the deadline of each wait */
	int private_userns;       /* in a user namespace: no other uid to plant */
	key_t key;
	/* the current run of the learner's program */
	struct tracer *t;
	int input;                /* write end of its standard input, or -1 */
	int ended, status, stopped;
	int run;                  /* runs so far */
	struct strbuf output;     /* what earlier runs printed */
	/* every call of every run */
	struct tracer_event *calls;
	size_t ncalls, cap;
	/* the tutor's server */
	pid_t server;
	int server_shm;           /* it is the shared-memory server */
	int client;               /* the learner writes a client (check_client_program) */
	int untraced;             /* ptrace was refused: the program ran untraced */
	enum sysv_call hopeless;  /* the call the program was stopped in at once, or SV_NONE */
	struct verdicts v;        /* the requirements reported so far */
};

/* ---- verdicts (said by verdict.c) ---------------------------------- */

void
check_part(struct check *c, const char *text)
{
	(void)c;
	verdict_part(text);
}

static void end_server(struct check *c, int sig);

void
check_scenario(struct check *c, const char *text)
{
	if (c->t != NULL)
		check_finish(c);
	end_server(c, SIGKILL);
	/* A fresh namespace: what the earlier scenario made stays in the old
	 * one, which goes when its last process does.  Should the kernel
	 * refuse, the objects are removed instead. */
	if (ns_renew() != 0)
		ns_empty();
	if (text != NULL)
		check_part(c, text);
}

void
check_require(struct check *c, int ok, const char *text, const char *reason)
{
	if (c->untraced)
		check_skip(c, text, _("without tracing, your program's calls cannot be seen, so this is not judged"));
	else
		verdict_give(&c->v, ok, text, reason);
}

void
check_skip(struct check *c, const char *text, const char *why)
{
	verdict_skip(&c->v, text, why);
}

/* ---- the learner's program ------------------------------------------ */

static void
on_event(void *arg, const struct tracer_event *ev)
{
	struct check *c = arg;

	tracecmd_show(ev);
	if (ev->type != TEV_CALL)
		return;
	/* glibc's semop() is a semtimedop without a time limit. */
	struct tracer_event *e;
	if (c->ncalls == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 32;
		c->calls = xreallocarray(c->calls, c->cap, sizeof *c->calls);
	}
	e = &c->calls[c->ncalls++];
	*e = *ev;
	if (e->which == SV_SEMTIMEDOP && e->args[3] == 0)
		e->which = SV_SEMOP;
}

static char *
output_path(const struct check *c)
{
	return xasprintf("%s/output-%d", c->dir, c->run);
}

void
check_start(struct check *c, int with_input)
{
	char *argv[] = { c->program, c->keyfile, NULL };
	struct tracer_limits limits = { MAX_PROCESSES, CPU_SECONDS, MEMORY_BYTES, -1, -1, -1 };
	char why[256], *path;
	int in[2] = { -1, -1 };

	c->run++;
	path = output_path(c);
	limits.stdout_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	limits.stderr_fd = limits.stdout_fd;
	free(path);
	if (with_input && pipe2(in, O_CLOEXEC) == 0)
		limits.stdin_fd = in[0];
	else
		limits.stdin_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	c->ended = c->stopped = 0;
	c->status = 0;
	c->t = tracer_start(argv, &limits, on_event, c, why, sizeof why);
	if (c->t != NULL && !tracer_traced(c->t) && !c->untraced) {
		render_error("%s", why);   /* once: "Tracing is not allowed here..." */
		c->untraced = 1;
	}
	if (limits.stdin_fd >= 0)
		close(limits.stdin_fd);
	close(limits.stdout_fd);
	c->input = in[1];
	if (c->t == NULL) {
		render_error("%s", why);
		if (c->input >= 0)
			close(c->input);
		c->input = -1;
		c->ended = 1;
	}
}

void
check_input(struct check *c, const char *text)
{
	if (c->input >= 0 && write(c->input, text, strlen(text)) < 0) {
		close(c->input);
		c->input = -1;
	}
}

/* Handle the tracer's reports for up to MS milliseconds. */
static void
pump(struct check *c, int ms)
{
	if (c->t != NULL && !c->ended && tracer_wait(c->t, ms)) {
		c->ended = 1;
		c->status = tracer_status(c->t);
	}
}

int
check_ended(struct check *c, int *status)
{
	pump(c, 0);
	if (c->ended && status != NULL)
		*status = c->status;
	return c->ended;
}

int
check_wait_asleep(struct check *c, long nr, enum sysv_call which, int min_calls)
{
	long deadline = now_ms() + c->seconds * 1000L;

	while (now_ms() < deadline) {
		pump(c, 1);
		if (c->ended)
			return 0;
		/* Untraced, no call is counted: the sleep alone decides. */
		int n = c->untraced ? min_calls : 0;
		for (size_t i = 0; which != SV_NONE && i < c->ncalls; i++)
			n += c->calls[i].which == which && c->calls[i].err == 0;
		if (n >= min_calls && tracer_asleep_in(c->t, nr) != 0)
			return 1;
	}
	return 0;
}

static void
show_output(struct check *c)
{
	struct strbuf sb = STRBUF_INIT;
	char *path = output_path(c);

	if (read_file(path, &sb, 1 << 20) == 0 && sb.len > 0) {
		out(_("  What your program printed:\n"));
		for (char *line = strtok(sb.buf, "\n"); line != NULL; line = strtok(NULL, "\n"))
			out("  | %s\n", line);
		read_file(path, &sb, 1 << 20);
		strbuf_addn(&c->output, sb.buf, sb.len);
	}
	strbuf_free(&sb);
	free(path);
}

static int serving(long nr, int shm);

void
check_client_program(struct check *c)
{
	c->client = 1;
}

/* Is the learner's client past all hope: every process asleep in a call
 * with no time limit, and nobody left to end it (the tutor's server idle
 * in its own wait, or none)?  The call, or SV_NONE.  The program is seen
 * asleep before and after the server is seen idle: a server woken by the
 * program's request is running, and its answer would wake the program. */
static enum sysv_call
past_hope(struct check *c)
{
	enum sysv_call w;

	if (!c->client || c->t == NULL || (w = tracer_all_asleep(c->t)) == SV_NONE)
		return SV_NONE;
	if (c->server > 0 && !serving(process_asleep_in(c->server), c->server_shm))
		return SV_NONE;
	return tracer_all_asleep(c->t) == w ? w : SV_NONE;
}

int
check_finish(struct check *c)
{
	long deadline = now_ms() + c->seconds * 1000L;
	size_t seen_at = (size_t)-1;
	int left_behind = 0;      /* stopped: its first process had ended, a child had not */

	if (c->input >= 0) {
		close(c->input);
		c->input = -1;
	}
	c->hopeless = SV_NONE;
	/* The scenario has nothing more to do: wait for the end, but stop a
	 * client seen past hope twice in a row with no call in between. */
	while (!c->ended && now_ms() < deadline) {
		long left = deadline - now_ms();
		pump(c, c->client && left > 10 ? 10 : (int)left);
		if (c->ended)
			break;
		enum sysv_call w = past_hope(c);
		if (w == SV_NONE)
			seen_at = (size_t)-1;
		else if (seen_at == c->ncalls) {
			c->hopeless = w;
			break;
		} else
			seen_at = c->ncalls;
	}
	if (c->t != NULL && !c->ended) {
		c->stopped = 1;
		left_behind = tracer_first_ended(c->t);
		tracer_kill(c->t);
		c->ended = 1;
		c->status = tracer_status(c->t);
	}
	show_output(c);
	if (c->t != NULL) {
		struct ending e = { tracer_fork_limit_hit(c->t), c->stopped, c->hopeless, left_behind, c->status,
				    c->seconds, MAX_PROCESSES, CPU_SECONDS };
		verdict_ending(&c->v, &e);
		tracer_free(c->t);
		c->t = NULL;
	}
	return c->status;
}

void
check_signal(struct check *c, int sig)
{
	if (c->t != NULL && !c->ended)
		proc_kill(tracer_pid(c->t), sig);
}

size_t
check_ncalls(const struct check *c)
{
	return c->ncalls;
}

const struct tracer_event *
check_call(const struct check *c, size_t i)
{
	return &c->calls[i];
}

long
check_find(const struct check *c, size_t from, enum sysv_call which, int err)
{
	for (size_t i = from; i < c->ncalls; i++)
		if (c->calls[i].which == which && (err < 0 || c->calls[i].err == err))
			return (long)i;
	return -1;
}

/* Occurrences of TEXT in S. */
static int
occurrences(const char *s, const char *text)
{
	int n = 0;

	for (const char *p = s; p != NULL && (p = strstr(p, text)) != NULL; p += strlen(text))
		n++;
	return n;
}

int
check_output_count(const struct check *c, const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	char *path = output_path(c);
	int n = c->output.buf != NULL ? occurrences(c->output.buf, text) : 0;

	/* The current run's output, while it runs (check_finish adds it to
	 * the earlier runs' when it ends). */
	if (c->t != NULL && read_file(path, &sb, 1 << 20) == 0)
		n += occurrences(sb.buf, text);
	strbuf_free(&sb);
	free(path);
	return n;
}

int
check_output_has(const struct check *c, const char *text)
{
	return check_output_count(c, text) > 0;
}

/* ---- the tutor's processes ------------------------------------------ */

/* Start this program with ARGV (after argv[0]), output to LOG. */
static pid_t
start_tutor(struct check *c, char *const argv[], const char *log)
{
	pid_t parent = getpid(), pid;
	char *path = xasprintf("%s/%s", c->dir, log);
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

	free(path);
	fflush(NULL);
	pid = proc_fork();
	if (pid == 0) {
		child_start(parent, 1);
		setpgid(0, 0);
		if (fd >= 0) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		int null = open("/dev/null", O_RDONLY);
		if (null >= 0)
			dup2(null, STDIN_FILENO);
		execv(c->self, argv);
		_exit(127);
	}
	if (fd >= 0)
		close(fd);
	return pid;
}

/* Wait for PID to end, handling the tracer meanwhile; its status, or -1
 * at the deadline (it is then killed). */
static int
wait_tutor(struct check *c, pid_t pid)
{
	long deadline = now_ms() + c->seconds * 1000L;
	int status;

	while (now_ms() < deadline) {
		pid_t r = proc_wait(pid, &status, WNOHANG);
		if (r == pid)
			return status;
		if (r < 0)
			return -1;
		if (c->t != NULL && !c->ended)
			pump(c, 1);
		else
			poll(NULL, 0, 1);
	}
	proc_kill(pid, SIGKILL);
	proc_reap(pid, NULL);
	return -1;
}

/* Is a server asleep in system call NR serving?  The queue server waits
 * in msgrcv, the shared-memory server in poll. */
static int
serving(long nr, int shm)
{
	if (!shm)
		return nr == SYS_msgrcv;
#ifdef SYS_poll
	if (nr == SYS_poll)
		return 1;
#endif
	return nr == SYS_ppoll;
}

int
check_server_start(struct check *c, int shm)
{
	char *argv[] = { c->self, "server", shm ? "--shm" : NULL, NULL };
	long deadline = now_ms() + c->seconds * 1000L;
	int status;

	c->server = start_tutor(c, argv, "server.log");
	c->server_shm = shm;
	if (c->server < 0) {
		render_error(_("The tutor's server could not be started: %s."), strerror(errno));
		return -1;
	}
	/* Serving: asleep in msgrcv, or in poll with --shm. */
	while (now_ms() < deadline) {
		if (serving(process_asleep_in(c->server), shm))
			return 0;
		if (proc_wait(c->server, &status, WNOHANG) == c->server) {
			c->server = 0;
			render_error(_("The tutor's server could not start (see its log in the check's folder)."));
			return -1;
		}
		if (c->t != NULL && !c->ended)
			pump(c, 1);
		else
			poll(NULL, 0, 1);
	}
	render_error(_("The tutor's server did not start serving in time."));
	return -1;
}

pid_t
check_server_pid(const struct check *c)
{
	return c->server;
}

static void
end_server(struct check *c, int sig)
{
	if (c->server <= 0)
		return;
	proc_kill(c->server, sig);
	if (sig == SIGTERM)
		proc_kill(c->server, SIGCONT);
	wait_tutor(c, c->server);
	c->server = 0;
}

void
check_server_crash(struct check *c)
{
	char *text = xasprintf(_("The checker crashes the tutor's server: kill -9 %ld."), (long)c->server);

	render_paragraph(text, NULL, 2, NULL);
	free(text);
	end_server(c, SIGKILL);
}

void
check_server_freeze(struct check *c)
{
	if (c->server > 0)
		proc_kill(c->server, SIGSTOP);
}

void
check_server_stop(struct check *c)
{
	end_server(c, SIGTERM);
}

int
check_tutor_client(struct check *c, int shm, int *answered)
{
	char *argv[] = { c->self, "client", "--count=1", shm ? "--shm" : NULL, NULL };
	struct strbuf sb = STRBUF_INIT;
	char *path = xasprintf("%s/client.log", c->dir);
	int status;
	pid_t pid;

	unlink(path);
	pid = start_tutor(c, argv, "client.log");
	status = pid < 0 ? -1 : wait_tutor(c, pid);
	*answered = read_file(path, &sb, 1 << 20) == 0 && strstr(sb.buf, "answer:") != NULL;
	strbuf_free(&sb);
	free(path);
	return status < 0 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int
check_key(const struct check *c)
{
	return c->key;
}

int
check_can_plant_other_user(const struct check *c)
{
	return geteuid() == 0 && !c->private_userns;
}

/* ---- compiling and running ------------------------------------------ */

/* Remove the check's folder and what is in it (no subfolders). */
static void
remove_folder(const char *dir)
{
	static const char *const names[] = { "program", "cc.log", "server.log", "client.log", "ipctutor.key" };
	char path[PATH_MAX + 32];

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	for (int i = 1; i < 64; i++) {
		snprintf(path, sizeof path, "%s/output-%d", dir, i);
		unlink(path);
	}
	rmdir(dir);
}

/* In the check's own process: a private namespace, then the scenario. */
static int
run_in_namespace(struct check *c, int number, scenario_fn *scenario, const char *prefix)
{
	char why[128];
	enum ns_mode mode = ns_enter_private(why, sizeof why);

	if (mode == NS_HOST) {
		render_error(_("No private IPC namespace can be had here (%s), so a program cannot be checked safely."),
			     why);
		return 2;
	}
	c->private_userns = mode == NS_PRIVATE_USERNS;
	/* The program's orphans come to this process, not to init, so that
	 * the tracer reaps them with the rest of the group: no zombie of a
	 * checked program outlives the check, whatever init does. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	/* The tutor's server and client make their key from the key file in
	 * $XDG_RUNTIME_DIR (unless IPCTUTOR_RUNDIR names another folder): the
	 * check's own, which the learner's program gets as its argument. */
	unsetenv("IPCTUTOR_RUNDIR");
	setenv("XDG_RUNTIME_DIR", c->dir, 1);
	c->key = ftok(c->keyfile, KEY_PROJECT);
	scenario(c, number);
	if (c->t != NULL)
		check_finish(c);
	end_server(c, SIGKILL);
	return verdict_summary(&c->v, c->untraced, number, prefix);
}

int
checker_check(int number, const char *file, scenario_fn *scenario, const char *prefix)
{
	const char *tmp = getenv("TMPDIR"), *seconds = getenv("IPCTUTOR_CHECK_SECONDS");
	struct check c;
	int status = 0, fd, result;
	ssize_t n;
	pid_t pid;

	memset(&c, 0, sizeof c);
	c.input = -1;
	c.seconds = 5;
	if (seconds != NULL) {
		long s = strtol(seconds, NULL, 10);
		if (s >= 1 && s <= 600)
			c.seconds = (int)s;
	}
	if (access(file, R_OK) != 0) {
		render_error(_("Cannot read %s: %s."), file, strerror(errno));
		return 2;
	}
	n = readlink("/proc/self/exe", c.self, sizeof c.self - 1);
	if (n <= 0) {
		render_error(_("Cannot find the program itself: %s."), strerror(errno));
		return 2;
	}
	c.self[n] = '\0';
	snprintf(c.dir, sizeof c.dir, "%s/ipctutor-check.XXXXXX", tmp != NULL && tmp[0] == '/' ? tmp : "/tmp");
	if (mkdtemp(c.dir) == NULL) {
		render_error(_("Cannot make a folder for the check: %s."), strerror(errno));
		return 2;
	}
	snprintf(c.program, sizeof c.program, "%s/program", c.dir);
	snprintf(c.keyfile, sizeof c.keyfile, "%s/ipctutor.key", c.dir);
	fd = open(c.keyfile, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	result = compile_program(file, c.program, c.dir);
	if (result == 1)
		verdict_give(&c.v, 0, _("Your program compiles"),
			     _("the compiler refused it: its messages are above, with the line of each problem"));
	if (result != 0) {
		remove_folder(c.dir);
		return result;
	}
	out_flush();
	pid = proc_fork();
	if (pid == 0) {
		child_start(getppid(), 1);
		result = run_in_namespace(&c, number, scenario, prefix);
		out_flush();
		_exit(result);
	}
	if (pid > 0 && proc_reap(pid, &status) != pid)
		pid = -1;
	remove_folder(c.dir);
	if (pid < 0 || !WIFEXITED(status))
		return 2;
	return WEXITSTATUS(status);
}
