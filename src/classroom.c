/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * classroom.c: "ipctutor server", "ipctutor client" and "ipctutor watch"
 * (see classroom.h), for a class where each learner, or the teacher at the
 * projector, runs the server in one terminal and clients in others, in the
 * host IPC namespace, so that ipcs sees everything.
 *
 * The server is a sequence-number server.  It makes the agreed key from the
 * user's key file (play_key_path(): one per user, so learners on one lab
 * machine never meet), holds a lock on that file so that only one of the
 * user's servers runs (lesson 3), and starts with the recovery pattern of
 * lesson 3 (verb_recover(): objects are 0600 and only the user's own
 * leftovers are removed).  A client sends a request of type 1 carrying its
 * pid; the server answers with the next sequence number, as a message of
 * type pid + 2 in the same queue.  The client waits for that answer asleep
 * in the server's queue, so when a restarted server removes the old queue
 * the client is woken at once with EIDRM; a client that calls with the old
 * identifier when it is not asleep gets EINVAL.  (With a private reply
 * queue per client, a client waiting after a crash would sleep forever.)
 * Type 2 is the server's own wake-up, see on_stop().
 *
 * With --shm the server creates the segment and its companion semaphore of
 * lesson 6 and just keeps them; clients take the semaphore, read the number
 * in the segment and write the next.  A restart shows only through the
 * semaphore (EINVAL on semop): the old segment still reads fine.
 *
 * Nothing here sleeps.  The server waits in msgrcv; SIGINT and SIGTERM
 * wake it with a message to its own queue, so the clean stop runs in
 * ordinary code and shows its IPC_RMID calls.  SIGKILL leaves everything
 * behind, as the lessons teach.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "calls.h"
#include "classroom.h"
#include "errnos.h"
#include "flags.h"
#include "i18n.h"
#include "ipc.h"
#include "meaning.h"
#include "play.h"
#include "render.h"
#include "verbs.h"
#include "util.h"
#include "view.h"

#define REQUEST_TYPE 1L
#define WAKE_TYPE 2L
#define REPLY_TYPE(pid) ((long)(pid) + WAKE_TYPE)
#define MAX_ATTEMPTS 3

struct classroom_options {
	int shm, naive, once;
	long count;           /* client: requests to send; -1 = one per line */
};

/* ---- showing the calls ---------------------------------------------- */

static void
show_call(struct play_ctx *ctx, const struct call *call)
{
	const char *meaning;

	render_call(ctx->actor, call);
	if (call->kind != RET_NONE && (meaning = meaning_of(call)) != NULL)
		render_note(meaning);
	out_flush();
}

static void
show_note(struct play_ctx *ctx, const char *text)
{
	(void)ctx;
	render_note(text);
	out_flush();
}

static void
show_error(struct play_ctx *ctx, const char *text)
{
	(void)ctx;
	render_error("%s", text);
	out_flush();
}

static void
ignore_var(struct play_ctx *ctx, const char *name, const char *value)
{
	(void)ctx;
	(void)name;
	(void)value;
}

static void
ignore_object(struct play_ctx *ctx, enum ipc_kind kind, int id)
{
	(void)ctx;
	(void)kind;
	(void)id;
}

static const struct play_sink classroom_sink = {
	show_call, show_note, show_error, ignore_var, ignore_object, ignore_object,
};

/* A sentence of its own, not under a call: what the class should see. */
static void
say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
say(const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	render_paragraph(text, NULL, 0, NULL);
	out_flush();
	free(text);
}

/* ---- stopping on SIGINT and SIGTERM ----------------------------------- */

static volatile sig_atomic_t stopping;
static volatile sig_atomic_t wake_qid = -1;
static int wake_pipe[2] = { -1, -1 };

/* Remember the signal, and wake whatever the process waits in: the pipe
 * for poll(), a message of type WAKE_TYPE for the server asleep in
 * msgrcv (sent even before it is asleep there, so no signal is missed).
 * Only async-signal-safe calls. */
static void
on_stop(int sig)
{
	struct {
		long mtype;
		char mtext[1];   /* cppcheck-suppress unusedStructMember */
	} wake;
	int saved = errno;

	wake.mtype = WAKE_TYPE;
	wake.mtext[0] = '\0';
	stopping = sig;
	if (wake_qid >= 0)
		(void)msgsnd(wake_qid, &wake, 0, IPC_NOWAIT);
	if (wake_pipe[1] >= 0)
		(void)!write(wake_pipe[1], "", 1);
	errno = saved;
}

static void
catch_stop_signals(void)
{
	struct sigaction sa;

	if (pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		wake_pipe[0] = wake_pipe[1] = -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;   /* no SA_RESTART: msgrcv and semop return EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* ---- the agreed key ------------------------------------------------- */

/* Make the key from the user's key file, showing the ftok call, and write
 * it as text into TEXT for the verbs that take it.  0 or -1. */
static int
agreed_key(struct play_ctx *ctx, char *text, size_t len)
{
	const char *path = play_key_path();
	struct call call;
	key_t key = ipc_ftok(path, KEY_PROJECT, &call);

	play_call(ctx, &call);
	if (key == -1)
		return -1;
	key_format(key, text, len);
	say(_("Key file %s, project id '%c': key %s. Every server and client of user %lu uses this key; other users have their own."),
	    path, KEY_PROJECT, text, (unsigned long)geteuid());
	return 0;
}

/* ---- the server ----------------------------------------------------- */

/* The number at the start of the text msgrcv received.  ipc.c keeps the
 * text only in the record it makes: msgrcv(3, {1, "4242 ..."}, ...). */
static int
received_number(const struct call *call, long *value)
{
	const char *p = strstr(call->text, ", \"");
	char *end;

	if (p == NULL)
		return -1;
	p += 3;
	errno = 0;
	*value = strtol(p, &end, 10);
	return end == p || errno != 0 ? -1 : 0;
}

/* Answer requests on queue QID until a stop signal (0) or until the queue
 * is removed under the server (1). */
static int
serve_requests(struct play_ctx *ctx, int qid)
{
	unsigned long seq = 0;
	struct call call;
	long pid;

	for (;;) {
		/* Type -2: the lowest type up to 2, requests and the wake-up,
		 * never an answer waiting for its client.  MSG_NOERROR: a
		 * message longer than a request is cut, not left at the head
		 * of the queue to fail every msgrcv with E2BIG. */
		long n = ipc_msgrcv(qid, -WAKE_TYPE, MSG_NOERROR, &call);
		play_call(ctx, &call);
		if (stopping)
			return 0;
		if (n < 0 && call.err == EINTR)
			continue;
		if (n < 0 && call.err != EIDRM && call.err != EINVAL) {
			say(_("The server's msgrcv failed (%s): the server stops and removes its objects."),
			    strerror(call.err));
			return 1;
		}
		if (n < 0) {
			say(_("The server's queue is gone: someone removed it (ipcrm, or another server). The server stops."));
			ctx->state->qid = -1;
			return 1;
		}
		if (received_number(&call, &pid) != 0 || pid <= 0) {
			play_note(ctx, _("Not a request (it carries no client pid): ignored."));
			continue;
		}
		char *answer = xasprintf("%lu", ++seq);
		/* IPC_NOWAIT: a full queue must not stop the server. */
		ipc_msgsnd(qid, REPLY_TYPE(pid), answer, IPC_NOWAIT, &call);
		play_call(ctx, &call);
		free(answer);
	}
}

/* Set (TYPE F_WRLCK or F_RDLCK) or release (F_UNLCK) the "starting" lock
 * on the key file FD, waiting for it when WAIT.  0 or -1 (errno set). */
static int
starting_lock(int fd, short type, int wait)
{
	struct flock fl;

	memset(&fl, 0, sizeof fl);
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	return fcntl(fd, wait ? F_SETLKW : F_SETLK, &fl);
}

/* Two locks on the key file, both released by the kernel when the process
 * dies, even by SIGKILL.  flock(LOCK_EX) lets one server per user run
 * (lesson 3: the recovery pattern cannot tell a crashed predecessor from a
 * live twin).  A write lock (fcntl) says "starting": the server holds it
 * from before it removes a predecessor's objects until its own exist, so a
 * client woken by that removal can wait for the new objects instead of
 * finding none.  Returns the descriptor, kept open for the server's life,
 * or -1. */
static int
lock_key_file(void)
{
	int fd = open_own_file(play_key_path(), O_RDWR, 0);

	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) != 0) {
		say(fd < 0 ? _("The key file cannot be opened: %s.")
			   : _("Another server of yours is running (it holds the lock on the key file): two servers would remove each other's objects. Stop it first. (%s)"),
		    strerror(errno));
		return -1;
	}
	while (starting_lock(fd, F_WRLCK, 1) != 0 && errno == EINTR)
		continue;
	return fd;
}

static int
run_server(const struct classroom_options *o)
{
	struct actor_state st;
	struct play_ctx ctx = { "server", 1, &st, &classroom_sink, -1, -1 };
	char key[32];
	int status = 0, lock, r;

	actor_state_init(&st);
	say(_("ipctutor server, pid %ld (%s). Ctrl-C stops it and removes its objects; kill -9 %ld crashes it and leaves them, as in the lessons."),
	    (long)getpid(), o->shm ? _("shared memory and a semaphore") : _("a message queue"), (long)getpid());
	if ((lock = lock_key_file()) < 0 || agreed_key(&ctx, key, sizeof key) != 0)
		return 1;
	catch_stop_signals();
	char *argv[] = { "_serve", key, o->shm ? "shm" : "msg", NULL };
	r = verb_serve(&ctx, 3, argv);
	starting_lock(lock, F_UNLCK, 0);
	if (r != 0) {
		char *none[] = { "_shutdown", NULL };
		verb_shutdown(&ctx, 0, none);
		say(_("The server could not start."));
		return 1;
	}
	if (o->shm) {
		say(_("Serving: segment %d holds the last sequence number, semaphore %d guards it. Clients take the semaphore, read and write the number."),
		    st.shmid, st.semid);
		struct pollfd p = { wake_pipe[0], POLLIN, 0 };
		while (!stopping)
			if (poll(&p, 1, -1) < 0 && errno != EINTR)
				break;
	} else {
		say(_("Serving on queue %d: each request gets the next sequence number."), st.qid);
		wake_qid = st.qid;
		status = serve_requests(&ctx, st.qid);
		wake_qid = -1;
	}
	if (stopping) {
		const char *name = sigabbrev_np(stopping);
		say(_("SIG%s: the server stops cleanly and removes its objects."), name ? name : "?");
	}
	char *none[] = { "_shutdown", NULL };
	verb_shutdown(&ctx, 0, none);
	out_flush();
	return status;
}

/* ---- the client ----------------------------------------------------- */

/* What became of one attempt at a request. */
enum attempt { ANSWERED, STALE, FAILED, STOPPED };

struct client {
	struct play_ctx ctx;
	struct actor_state st;
	const struct classroom_options *o;
	char key[32];
	int open;           /* holds identifiers that worked */
	int old_id;         /* the identifier that went stale; -1 none */
};

/* The identifier the class follows: the queue, or the segment. */
static int
held_id(const struct client *c)
{
	return c->o->shm ? c->st.shmid : c->st.qid;
}

/* After call CALL on a held identifier failed: is the identifier gone,
 * so that the key must be looked up again?  EINVAL or EIDRM say so; the
 * naive client believes only EIDRM, and exits on anything else, as the
 * classic example does with perror() and exit(1). */
static enum attempt
judge_failure(struct client *c, const struct call *call, const char *name)
{
	if (stopping && call->err == EINTR)
		return STOPPED;
	if (call->err == EIDRM || (!c->o->naive && call->err == EINVAL))
		return STALE;
	if (c->o->naive) {
		say(_("The naive client checks only for EIDRM, as the classic example does; this kernel answered %s, so it gives up."),
		    errno_name(call->err) ? errno_name(call->err) : "?");
		fprintf(stderr, "%s: %s: %s\n", PACKAGE, name, strerror(call->err));
		out_flush();
		exit(1);
	}
	return FAILED;
}

/* msgsnd a request carrying our pid, then wait in the server's queue for
 * the answer of our type. */
static enum attempt
msg_request(struct client *c, const char *text)
{
	char *message = xasprintf("%ld %s", (long)getpid(), text);
	struct call call;
	long n, answer;

	ipc_msgsnd(c->st.qid, REQUEST_TYPE, message, 0, &call);
	free(message);
	play_call(&c->ctx, &call);
	if (call.err != 0)
		return judge_failure(c, &call, "msgsnd");
	n = ipc_msgrcv(c->st.qid, REPLY_TYPE(getpid()), 0, &call);
	play_call(&c->ctx, &call);
	if (n < 0)
		return judge_failure(c, &call, "msgrcv");
	if (received_number(&call, &answer) != 0)
		return FAILED;
	say(_("answer: sequence number %ld"), answer);
	return ANSWERED;
}

static enum attempt
sem_step(struct client *c, short op)
{
	struct call call;

	ipc_semop(c->st.semid, 0, op, SEM_UNDO, &call);
	play_call(&c->ctx, &call);
	return call.err == 0 ? ANSWERED : judge_failure(c, &call, "semop");
}

/* Take the semaphore, read the number in the segment, write the next,
 * give the semaphore back. */
static enum attempt
shm_request(struct client *c)
{
	char *read[] = { "shmread", NULL };
	enum attempt r;
	long next;

	if ((r = sem_step(c, -1)) != ANSWERED)
		return r;
	shmread_command(&c->ctx, 1, read);
	/* The server writes a sentence first: it counts as 0. */
	next = strtol(c->st.att[c->st.natt - 1].addr, NULL, 10) + 1;
	char *text = xasprintf("%ld", next);
	char *write[] = { "shmwrite", text, NULL };
	shmwrite_command(&c->ctx, 2, write);
	free(text);
	if ((r = sem_step(c, 1)) != ANSWERED)
		return r;
	say(_("answer: sequence number %ld"), next);
	return ANSWERED;
}

/* The held segment is stale: show what the kernel says of it (SHM_DEST,
 * key 0) and that it still reads, then let it go. */
static void
leave_doomed_segment(struct client *c)
{
	char id[16];
	char *stat[] = { "shmctl", id, "stat", NULL }, *read[] = { "shmread", NULL }, *dt[] = { "shmdt", NULL };

	if (c->st.natt == 0)
		return;
	snprintf(id, sizeof id, "%d", c->st.att[c->st.natt - 1].id);
	shmctl_command(&c->ctx, 3, stat);
	shmread_command(&c->ctx, 1, read);
	play_note(&c->ctx, _("The old segment still reads without any error: only the semaphore told the client that its server restarted."));
	while (c->st.natt > 0)
		shmdt_command(&c->ctx, 1, dt);
}

/* If a server is starting (see lock_key_file()), say so and wait until
 * its objects exist: a client woken by the removal of the old ones would
 * otherwise look the key up in the gap before the new ones are made. */
static void
wait_while_server_starts(struct client *c)
{
	int fd = open_own_file(play_key_path(), O_RDONLY, 0);

	if (fd < 0)
		return;
	if (starting_lock(fd, F_RDLCK, 0) != 0 && (errno == EAGAIN || errno == EACCES)) {
		play_note(&c->ctx, _("A server is starting: it holds a lock on the key file while it recovers. The client waits for the lock, and so for the new objects."));
		while (starting_lock(fd, F_RDLCK, 1) != 0 && errno == EINTR && !stopping)
			continue;
	}
	close(fd);   /* releases the lock at once */
}

/* Look the key up (again): msgget, or shmget+shmat+semget.  After a stale
 * identifier, say what the class should see.  0 or -1. */
static int
open_objects(struct client *c)
{
	char *argv[] = { "_open", c->key, c->o->shm ? "shm" : "msg", NULL };

	if (c->o->shm)
		leave_doomed_segment(c);
	c->st.qid = c->st.shmid = c->st.semid = -1;
	wait_while_server_starts(c);
	if (verb_lookup(&c->ctx, 3, argv) != 0) {
		say(_("No server is running at key %s now; the request was not answered. Start ipctutor server, then try again."),
		    c->key);
		return -1;
	}
	c->open = 1;
	if (c->old_id >= 0)
		say(_("server restarted: old ID %d, new ID %d"), c->old_id, held_id(c));
	c->old_id = -1;
	return 0;
}

/* One request, with as many look-ups as restarts need (a few). */
static enum attempt
request(struct client *c, const char *text)
{
	enum attempt r = FAILED;

	for (int i = 0; i < MAX_ATTEMPTS && !stopping; i++) {
		if (!c->open && open_objects(c) != 0)
			return FAILED;
		r = c->o->shm ? shm_request(c) : msg_request(c, text);
		if (r != STALE)
			return r;
		if (c->old_id < 0)
			c->old_id = held_id(c);
		c->open = 0;
		play_note(&c->ctx, _("The identifier is stale: the server has restarted (or stopped). The client looks the key up again."));
	}
	return stopping ? STOPPED : r;
}

/* Standard input read line by line with read(2) and poll(2), so that the
 * stop signal's pipe is watched too: 1 and a line in LINE, 0 at the end
 * of input, -1 when stopped. */
struct line_reader {
	struct strbuf buf;
	int eof;
};

static int
next_line(struct line_reader *lr, struct strbuf *line)
{
	for (;;) {
		char *nl = lr->buf.len ? memchr(lr->buf.buf, '\n', lr->buf.len) : NULL;
		if (nl != NULL || (lr->eof && lr->buf.len > 0)) {
			size_t n = nl ? (size_t)(nl - lr->buf.buf) : lr->buf.len;
			strbuf_reset(line);
			strbuf_addn(line, lr->buf.buf, n);
			n += nl != NULL;
			memmove(lr->buf.buf, lr->buf.buf + n, lr->buf.len - n);
			lr->buf.len -= n;
			lr->buf.buf[lr->buf.len] = '\0';
			return 1;
		}
		if (lr->eof)
			return 0;
		struct pollfd p[2] = { { STDIN_FILENO, POLLIN, 0 }, { wake_pipe[0], POLLIN, 0 } };
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			return -1;
		if (stopping)
			return -1;
		if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		char chunk[512];
		ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			lr->eof = 1;
		else
			strbuf_addn(&lr->buf, chunk, (size_t)n);
	}
}

static int
run_client(const struct classroom_options *o)
{
	struct client c;
	struct line_reader lr = { STRBUF_INIT, 0 };
	struct strbuf line = STRBUF_INIT;
	char *dt[] = { "shmdt", NULL };

	memset(&c, 0, sizeof c);
	actor_state_init(&c.st);
	c.ctx = (struct play_ctx){ "client", 1, &c.st, &classroom_sink, -1, -1 };
	c.o = o;
	c.old_id = -1;
	say(_("ipctutor client, pid %ld%s. %s"), (long)getpid(), o->naive ? _(" (naive: it checks only for EIDRM)") : "",
	    o->count >= 0 ? "" : _("Each line you type (or Enter) sends a request; Ctrl-D or Ctrl-C ends."));
	catch_stop_signals();
	if (agreed_key(&c.ctx, c.key, sizeof c.key) != 0)
		return 1;
	if (open_objects(&c) != 0)
		return 1;
	strbuf_init(&lr.buf);
	strbuf_init(&line);
	for (long n = 0; !stopping && (o->count < 0 || n < o->count); n++) {
		const char *text = "next";
		if (o->count < 0) {
			if (next_line(&lr, &line) <= 0)
				break;
			strtrim(line.buf);
			if (line.buf[0] != '\0')
				text = line.buf;
		}
		if (request(&c, text) == STOPPED)
			break;
	}
	while (c.st.natt > 0)
		shmdt_command(&c.ctx, 1, dt);
	say(_("The client ends."));
	strbuf_free(&lr.buf);
	strbuf_free(&line);
	return 0;
}

/* ---- watch ---------------------------------------------------------- */

/* One picture of the objects: cleared screen on a terminal, the time,
 * the ipcs view of the tutor (identifiers decoded, SHM_DEST as "dest"). */
static void
snapshot(struct play_ctx *ctx, int tty)
{
	char when[32];
	time_t now = time(NULL);
	char *argv[] = { "ipcs", NULL };

	char key[32] = "?";
	key_t k = ftok(play_key_path(), KEY_PROJECT);

	if (k != -1)
		key_format(k, key, sizeof key);
	strftime(when, sizeof when, "%H:%M:%S", localtime(&now));
	if (tty)
		out("\033[H\033[2J");
	say(_("ipctutor watch, %s: the System V IPC objects of this IPC namespace. Your key file gives key %s. q or Ctrl-C quits."),
	    when, key);
	view_ipcs(ctx, 1, argv);
	out_flush();
}

static int
run_watch(const struct classroom_options *o)
{
	struct actor_state st;
	struct play_ctx ctx = { "watch", 0, &st, &classroom_sink, -1, -1 };
	struct itimerspec period = { { 1, 0 }, { 1, 0 } };
	struct termios saved, raw;
	int tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO), raw_set = 0, status = 0;
	int sfd, tfd, input = 1;
	sigset_t set;

	actor_state_init(&st);
	snapshot(&ctx, tty && !o->once);
	if (o->once)
		return out_error() ? 1 : 0;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGWINCH);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sfd = signalfd(-1, &set, SFD_CLOEXEC);
	/* A timer in the poll set is the refresh period of a display, not a
	 * way to wait for something to happen: /proc/sysvipc has no inotify. */
	tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	if (sfd < 0 || tfd < 0 || timerfd_settime(tfd, 0, &period, NULL) != 0) {
		say(_("watch cannot set up its timer: %s."), strerror(errno));
		return 1;
	}
	if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0) {
		raw = saved;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		raw_set = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
	}
	for (;;) {
		struct pollfd p[3] = { { sfd, POLLIN, 0 }, { tfd, POLLIN, 0 }, { input ? STDIN_FILENO : -1, POLLIN, 0 } };
		if (poll(p, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			status = 1;
			break;
		}
		if (p[0].revents & POLLIN) {
			struct signalfd_siginfo si;
			if (read(sfd, &si, sizeof si) == (ssize_t)sizeof si && si.ssi_signo != SIGWINCH)
				break;
			render_resize();
			snapshot(&ctx, tty);
		}
		if (p[2].revents & (POLLIN | POLLHUP | POLLERR)) {
			char c[64];
			ssize_t n = read(STDIN_FILENO, c, sizeof c);
			if (n <= 0)
				input = 0;   /* no input (say </dev/null): refresh until a signal */
			else if (memchr(c, 'q', (size_t)n) != NULL || memchr(c, 'Q', (size_t)n) != NULL)
				break;
		}
		if (p[1].revents & POLLIN) {
			uint64_t ticks;
			if (read(tfd, &ticks, sizeof ticks) == (ssize_t)sizeof ticks)
				snapshot(&ctx, tty);
		}
		if (out_error() != 0) {
			status = 1;
			break;
		}
	}
	if (raw_set)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	return status;
}

/* ---- options -------------------------------------------------------- */

static const struct subcommand {
	const char *name;
	const char *options;    /* the long options it accepts, space-separated */
	const char *summary;    /* its line in ipctutor --help (N_: translated when shown) */
	int (*run)(const struct classroom_options *o);
} subcommands[] = {
	{ "server", "shm", N_("the lesson's server; it recovers from crashes"), run_server },
	{ "client", "shm naive count", N_("one request per line typed; survives server restarts"), run_client },
	{ "watch", "once", N_("the IPC objects, IDs decoded, refreshed every second"), run_watch },
};

void
classroom_help(void)
{
	fputs(_("Subcommands, for a class on one machine (host IPC namespace):\n"), stdout);
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		printf("  %-21s%s\n", subcommands[i].name, _(subcommands[i].summary));
	printf(_("'%s SUBCOMMAND --help' tells more about each.\n\n"), PACKAGE);
}

int
classroom_is_subcommand(const char *word)
{
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		if (strcmp(subcommands[i].name, word) == 0)
			return 1;
	return 0;
}

static void
classroom_usage(const struct subcommand *sc)
{
	if (strcmp(sc->name, "server") == 0)
		printf(_("Usage: %s server [--shm] [--lang=LL] [--width=N]\n"
			 "The lesson's server in the foreground, in the host IPC namespace: it makes\n"
			 "the agreed key, recovers from a crashed predecessor and answers clients\n"
			 "with sequence numbers.  --shm: shared memory and a semaphore instead of a\n"
			 "queue.  Ctrl-C removes its objects; kill -9 leaves them.\n"), PACKAGE);
	else if (strcmp(sc->name, "client") == 0)
		printf(_("Usage: %s client [--shm] [--naive] [--count=N] [--lang=LL] [--width=N]\n"
			 "Send the server a request for each line typed (or N requests), and carry\n"
			 "on when it restarts.  --naive: check only for EIDRM, as the classic\n"
			 "example does, and fail on today's kernels.\n"), PACKAGE);
	else
		printf(_("Usage: %s watch [--once] [--lang=LL] [--width=N]\n"
			 "A view of the IPC objects, refreshed every second, for a third terminal\n"
			 "or a projector; q or Ctrl-C quits.  --once: one picture, then exit.\n"), PACKAGE);
}

int
classroom_main(int argc, char **argv)
{
	static const struct option long_options[] = {
		{ "shm", no_argument, NULL, 's' },
		{ "naive", no_argument, NULL, 'n' },
		{ "count", required_argument, NULL, 'c' },
		{ "once", no_argument, NULL, 'o' },
		{ "lang", required_argument, NULL, 'L' },
		{ "width", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct classroom_options o = { 0, 0, 0, -1 };
	const struct subcommand *sc = NULL;
	const char *tty_term = getenv("TERM");
	struct render_options ro = { 0, 0, 0 };
	int c, index;
	long width = 0;

	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		if (strcmp(subcommands[i].name, argv[0]) == 0)
			sc = &subcommands[i];
	if (sc == NULL)
		return 2;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", long_options, &index)) != -1) {
		char *end;
		if (c != '?' && c != 'h' && c != 'L' && c != 'w' && strstr(sc->options, long_options[index].name) == NULL)
			c = '?';
		switch (c) {
		case 's': o.shm = 1; break;
		case 'n': o.naive = 1; break;
		case 'o': o.once = 1; break;
		case 'c':
			o.count = strtol(optarg, &end, 10);
			if (*end != '\0' || o.count < 0 || o.count > 1000000) {
				fprintf(stderr, _("%s: --count takes a number of requests from 0 to 1000000\n"), PACKAGE);
				return 2;
			}
			break;
		case 'w':
			width = strtol(optarg, &end, 10);
			if (*end != '\0' || width < 20 || width > 1000) {
				fprintf(stderr, _("%s: --width takes a number of columns from 20 to 1000\n"), PACKAGE);
				return 2;
			}
			break;
		case 'L': {
			char *bad = i18n_refuse_code(optarg);
			if (bad != NULL) {
				fprintf(stderr, "%s: --lang: %s\n", PACKAGE, bad);
				free(bad);
				return 2;
			}
			if (!i18n_init(optarg))
				fprintf(stderr, _("%s: no %s translation is installed; continuing in English.\n"), PACKAGE, optarg);
			break;
		}
		case 'h':
			classroom_usage(sc);
			return 0;
		default:
			fprintf(stderr, _("Try '%s %s --help' for more information.\n"), PACKAGE, sc->name);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("%s %s takes no arguments, only options: '%s'.\n"), PACKAGE, sc->name, argv[optind]);
		return 2;
	}
	ro.color = isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL && tty_term != NULL && strcmp(tty_term, "dumb") != 0;
	ro.width = width ? (int)width : isatty(STDOUT_FILENO) ? 0 : 80;
	render_init(&ro);
	c = sc->run(&o);
	out_flush();
	if (out_error() != 0 && c == 0)
		c = 1;
	return c;
}
