/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * restartcost.c: "restartcost [N]" measures what a server restart costs a
 * waiting client, N times, with real processes, for a System V message
 * queue and for a UNIX-domain stream socket (the connection-oriented
 * alternative).  One cycle:
 *   - a server is up and a client waits for it (msgrcv, or read on its
 *     connection), asleep in the kernel;
 *   - the server is killed with SIGKILL (time 0);
 *   - queue: a new server runs the recovery pattern; its IPC_RMID of the old
 *     queue wakes the client with EIDRM (detected), the new queue exists
 *     (recreated), the client looks the key up and a message gets through
 *     (reconnected);
 *   - socket: the client's read returns 0 at once (detected), the new
 *     server binds and listens (recreated), the client connects and a byte
 *     gets through (reconnected).
 * Each process takes its timestamps with CLOCK_MONOTONIC (one clock for the
 * whole machine) and sends them on a pipe; the driver waits on pipes and
 * on the kernel's word that the client is asleep, never on a timer.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "render.h"
#include "restartcost.h"
#include "proc.h"
#include "util.h"

#define CYCLES_DEFAULT 200
#define CYCLES_MAX 100000

enum phase { DETECTED, RECREATED, RECONNECTED, PHASES };

struct message {
	long mtype;
	char mtext[8];
};

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Fork a child that runs FN(ARG, REPORT_FD) and dies with its parent.
 * Returns its pid, or -1 when fork failed (errno set). */
static pid_t
spawn(void (*fn)(void *, int), void *arg, int report_fd)
{
	pid_t parent = getpid(), pid;

	out_flush();   /* the child must not inherit unwritten output */
	pid = proc_fork();
	if (pid != 0)
		return pid;
	child_start(parent, 1);
	fn(arg, report_fd);
	coverage_flush();
	_exit(0);
}

static void
report(int fd, long long value)
{
	if (write(fd, &value, sizeof value) != sizeof value)
		_exit(1);
}

/* Read one timestamp (or -1 when the writer is gone). */
static long long
take(int fd)
{
	long long v;
	ssize_t n;

	while ((n = read(fd, &v, sizeof v)) < 0 && errno == EINTR)
		;
	return n == sizeof v ? v : -1;
}

/* Wait until PID sleeps in system call NR (or one of NR2), as agent.c does:
 * the kernel's own account, checked between yields. */
static int
wait_asleep(pid_t pid, long nr, long nr2)
{
	long long deadline = now_ns() + 10000000000LL;   /* bounds failure only */

	for (;;) {
		long n = process_asleep_in(pid);
		if (n >= 0 && (n == nr || n == nr2))
			return 1;
		if (now_ns() >= deadline)
			return 0;
		sched_yield();
	}
}

/* ---- System V message queue ----------------------------------------- */

static key_t queue_key;

/* A server: the recovery pattern, then it reports "ready" and waits. */
static void
queue_server(void *arg, int fd)
{
	int id = msgget(queue_key, IPC_CREAT | IPC_EXCL | 0600);
	struct message m;

	(void)arg;
	if (id < 0 && errno == EEXIST) {
		int old = msgget(queue_key, 0);
		msgctl(old, IPC_RMID, NULL);
		id = msgget(queue_key, IPC_CREAT | IPC_EXCL | 0600);
	}
	report(fd, now_ns());
	while (id >= 0 && msgrcv(id, &m, sizeof m.mtext, 2, 0) >= 0)
		;   /* serves type-2 requests until killed */
}

/* The client: open the queue, wait in msgrcv; on EIDRM report, look the
 * key up again and get one message through. */
static void
queue_client(void *arg, int fd)
{
	struct message m = { 2, "hello" };
	int id = msgget(queue_key, 0);

	(void)arg;
	report(fd, 0);   /* "I hold the identifier" */
	for (;;) {
		if (msgrcv(id, &m, sizeof m.mtext, 1, 0) >= 0)
			continue;
		if (errno != EIDRM && errno != EINVAL)
			_exit(1);
		report(fd, now_ns());                 /* detected */
		while ((id = msgget(queue_key, 0)) < 0)
			sched_yield();                /* the new queue exists in a moment */
		m.mtype = 2;
		if (msgsnd(id, &m, 5, 0) == 0)
			report(fd, now_ns());         /* reconnected */
		return;
	}
}

/* ---- UNIX-domain socket --------------------------------------------- */

static struct sockaddr_un sock_addr;

static void
socket_server(void *arg, int fd)
{
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), c;
	char buf[8];

	(void)arg;
	unlink(sock_addr.sun_path);
	if (s < 0 || bind(s, (struct sockaddr *)&sock_addr, sizeof sock_addr) != 0 || listen(s, 4) != 0)
		_exit(1);
	report(fd, now_ns());
	while ((c = accept(s, NULL, NULL)) >= 0)
		while (read(c, buf, sizeof buf) > 0)
			;
}

static int
connect_once(void)
{
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (s >= 0 && connect(s, (struct sockaddr *)&sock_addr, sizeof sock_addr) == 0)
		return s;
	if (s >= 0)
		close(s);
	return -1;
}

static void
socket_client(void *arg, int fd)
{
	char buf[8];
	int s;

	(void)arg;
	while ((s = connect_once()) < 0)
		sched_yield();   /* the server listens already; a refusal is rare */
	report(fd, 0);
	while (read(s, buf, sizeof buf) > 0)
		;
	report(fd, now_ns());                         /* detected: end of file */
	close(s);
	/* Until the new server listens and takes a byte: a connection made
	 * in the instant the old socket file still stood can be refused or
	 * reset, and a real client simply tries again. */
	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		while ((s = connect_once()) < 0)
			sched_yield();
		if (write(s, "hello", 5) == 5)
			break;
		close(s);
	}
	report(fd, now_ns());                         /* reconnected */
}

/* ---- the driver ----------------------------------------------------- */

struct variant {
	const char *name;
	void (*server)(void *, int);
	void (*client)(void *, int);
	long asleep_nr, asleep_nr2;
};

/* One cycle of V; fills T[phase] in nanoseconds after the kill.  The
 * server SERVER (already up) is replaced: *SERVER is the new one. */
static int
one_cycle(const struct variant *v, pid_t *server, long long t[PHASES])
{
	int cp[2], sp[2];
	pid_t client;
	long long killed, ready;

	if (pipe2(cp, O_CLOEXEC) != 0)
		return -1;
	if (pipe2(sp, O_CLOEXEC) != 0) {
		close(cp[0]);
		close(cp[1]);
		return -1;
	}
	client = spawn(v->client, NULL, cp[1]);
	close(cp[1]);
	if (client < 0 || take(cp[0]) != 0 || !wait_asleep(client, v->asleep_nr, v->asleep_nr2)) {
		if (client > 0) {
			proc_kill(client, SIGKILL);
			proc_reap(client, NULL);
		}
		close(cp[0]); close(sp[0]); close(sp[1]);
		return -1;
	}
	killed = now_ns();
	proc_kill(*server, SIGKILL);
	proc_reap(*server, NULL);
	*server = spawn(v->server, NULL, sp[1]);
	close(sp[1]);
	ready = *server < 0 ? -1 : take(sp[0]);
	t[DETECTED] = take(cp[0]) - killed;
	t[RECREATED] = ready - killed;
	/* Without a new server the client never gets back: end it. */
	if (ready < 0)
		proc_kill(client, SIGKILL);
	t[RECONNECTED] = ready < 0 ? -1 : take(cp[0]) - killed;
	proc_reap(client, NULL);
	close(cp[0]);
	close(sp[0]);
	return ready < 0 || t[DETECTED] < 0 || t[RECONNECTED] < 0 ? -1 : 0;
}

static int
by_value(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* Median and 99th percentile of N samples, in microseconds. */
static void
summarize(long long *samples, long n, double *median, double *p99)
{
	qsort(samples, (size_t)n, sizeof *samples, by_value);
	long mid = n / 2, high = (n * 99) / 100 < n ? (n * 99) / 100 : n - 1;

	*median = (double)samples[mid] / 1000.0;
	*p99 = (double)samples[high] / 1000.0;
}

static int
run_variant(struct play_ctx *ctx, const struct variant *v, long cycles)
{
	static const char *const phase_names[PHASES] = {
		N_("detected"), N_("new server ready"), N_("client back"),
	};
	long long *samples[PHASES];
	long done = 0;
	int sp[2];
	pid_t server;

	if (pipe2(sp, O_CLOEXEC) != 0)
		return -1;
	server = spawn(v->server, NULL, sp[1]);
	close(sp[1]);
	if (server < 0 || take(sp[0]) < 0) {
		int e = server < 0 ? errno : ESRCH;
		close(sp[0]);
		if (server > 0) {
			proc_kill(server, SIGKILL);
			proc_reap(server, NULL);
		}
		play_error(ctx, _("The %s measurement could not start its server: %s."), _(v->name), strerror(e));
		return -1;
	}
	close(sp[0]);
	for (int p = 0; p < PHASES; p++)
		samples[p] = xcalloc((size_t)cycles, sizeof **samples);
	for (done = 0; done < cycles; done++) {
		long long t[PHASES];
		if (one_cycle(v, &server, t) != 0)
			break;
		for (int p = 0; p < PHASES; p++)
			samples[p][done] = t[p];
	}
	if (server > 0) {
		proc_kill(server, SIGKILL);
		proc_reap(server, NULL);
	}
	if (done < cycles)
		play_error(ctx, _("The %s measurement stopped after %ld cycles."), _(v->name), done);
	if (done > 0) {
		play_note(ctx, _("%s, %ld restarts (after the SIGKILL, in microseconds):"), _(v->name), done);
		for (int p = 0; p < PHASES; p++) {
			double median, p99;
			summarize(samples[p], done, &median, &p99);
			if (render_options()->reproducible)
				play_note(ctx, _("  %s: measured (times hidden in reproducible output)"), _(phase_names[p]));
			else
				play_note(ctx, _("  %s: median %.0f, 99th percentile %.0f"), _(phase_names[p]), median, p99);
		}
	}
	for (int p = 0; p < PHASES; p++)
		free(samples[p]);
	return done == cycles ? 0 : -1;
}

int
restartcost_command(struct play_ctx *ctx, int argc, char **argv)
{
	static const struct variant variants[] = {
		{ N_("System V message queue"), queue_server, queue_client, SYS_msgrcv, SYS_msgrcv },
		{ N_("UNIX-domain socket"), socket_server, socket_client, SYS_read, SYS_recvfrom },
	};
	long cycles = CYCLES_DEFAULT;
	int r = 0;

	if (play_need_private(ctx, "restartcost") != 0
	    || (argc > 1 && play_arg_long(ctx, argv[1], _("number of cycles"), 1, CYCLES_MAX, &cycles) != 0))
		return -1;
	/* A private key and socket path of this process, so that two
	 * measurements never meet. */
	queue_key = (key_t)(0x52000000 | (getpid() & 0xffffff));
	memset(&sock_addr, 0, sizeof sock_addr);
	sock_addr.sun_family = AF_UNIX;
	if (run_dir() == NULL || snprintf(sock_addr.sun_path, sizeof sock_addr.sun_path,
	    "%s/ipctutor-restart-%ld.sock", run_dir(), (long)getpid()) >= (int)sizeof sock_addr.sun_path)
		snprintf(sock_addr.sun_path, sizeof sock_addr.sun_path, "/tmp/ipctutor-restart-%ld.sock", (long)getpid());
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++)
		r |= run_variant(ctx, &variants[i], cycles);
	unlink(sock_addr.sun_path);
	/* The last server's queue: removed like everything the tutor made. */
	int id = msgget(queue_key, 0);
	if (id >= 0)
		msgctl(id, IPC_RMID, NULL);
	return r;
}
