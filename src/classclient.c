/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * classclient.c: "ipctutor client", the classroom's client (see
 * classroom.c for the whole story): one request per line typed, surviving
 * server restarts by looking the key up again; --naive checks only for
 * EIDRM, like the classic example, and dies.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "calls.h"
#include "classbase.h"
#include "errnos.h"
#include "i18n.h"
#include "ipc.h"
#include "procview.h"
#include "render.h"
#include "trace.h"
#include "verbs.h"
#include "util.h"

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
	if (class_stopping && call->err == EINTR)
		return STOPPED;
	if (call->err == EIDRM || (!c->o->naive && call->err == EINVAL))
		return STALE;
	if (c->o->naive) {
		class_say(_("The naive client checks only for EIDRM, as the classic example does; this kernel answered %s, so it gives up."),
		    errno_name(call->err) ? errno_name(call->err) : "?");
		fprintf(stderr, "%s: %s: %s\n", PACKAGE, name, strerror(call->err));
		out_flush();
		exit(1);
	}
	return FAILED;
}

/* The answer the client is about to wait for, and whether its msgrcv was
 * shown unfinished (see announce_wait()).  One client per process. */
static struct {
	struct play_ctx *ctx;
	int qid;
	long type;
	char head[CALL_TEXT_MAX];   /* "msgrcv(3, " once shown; "" if not */
} waiting;

/* Is a message of TYPE already in queue QID?  Asked without taking it: a
 * receive of zero bytes fails with E2BIG when one waits (and leaves it
 * there), with ENOMSG when none does.  The server's answers are never
 * empty, so the probe never swallows one. */
static int
answer_waiting(int qid, long type)
{
	long buf[2];   /* room for the message type; no text is taken */

	return msgrcv(qid, buf, 0, type, IPC_NOWAIT) >= 0 || errno == E2BIG;
}

/* ipc_before_blocking for the client: its msgrcv is about to sleep unless
 * the answer is already there.  When it will block (a dead server never
 * answers), show the call at once, "msgrcv(3,  <unfinished ...>", as strace
 * does, so that the client does not look hung; msg_request() shows it
 * resumed when the kernel wakes it. */
static void
announce_wait(long syscall_nr, const char *head)
{
	struct call call;

	if (syscall_nr != SYS_msgrcv || answer_waiting(waiting.qid, waiting.type))
		return;
	snprintf(waiting.head, sizeof waiting.head, "%s", head);
	trace_unfinished(head, &call);
	play_call(waiting.ctx, &call);
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
	waiting.ctx = &c->ctx;
	waiting.qid = c->st.qid;
	waiting.type = REPLY_TYPE(getpid());
	waiting.head[0] = '\0';
	n = ipc_msgrcv(waiting.qid, waiting.type, 0, &call);
	if (waiting.head[0] != '\0')
		trace_resumed(waiting.head, &call);
	play_call(&c->ctx, &call);
	if (n < 0)
		return judge_failure(c, &call, "msgrcv");
	if (class_received_number(&call, &answer) != 0)
		return FAILED;
	class_say(_("answer: sequence number %ld"), answer);
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
	class_say(_("answer: sequence number %ld"), next);
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

/* If a server is starting (see lock_key_file() in classserver.c), say so and wait until
 * its objects exist: a client woken by the removal of the old ones would
 * otherwise look the key up in the gap before the new ones are made. */
static void
wait_while_server_starts(struct client *c)
{
	int fd = open_own_file(play_key_path(), O_RDONLY, 0);

	if (fd < 0)
		return;
	if (class_starting_lock(fd, F_RDLCK, 0) != 0 && (errno == EAGAIN || errno == EACCES)) {
		play_note(&c->ctx, _("A server is starting: it holds a lock on the key file while it recovers. The client waits for the lock, and so for the new objects."));
		while (class_starting_lock(fd, F_RDLCK, 1) != 0 && errno == EINTR && !class_stopping)
			continue;
	}
	close(fd);   /* releases the lock at once */
}

/* Does the namespace hold an object of KIND under KEY (the text the
 * client shows)?  Read from /proc/sysvipc, so that the learner sees no
 * call the client did not make. */
static int
key_has(enum ipc_kind kind, const char *key)
{
	struct sysv_object *objs = NULL;
	key_t k = (key_t)strtoul(key, NULL, 0);
	int n = procview_read(kind, procview_path(kind), &objs), found = 0;

	for (int i = 0; i < n && !found; i++)
		found = objs[i].key == k;
	free(objs);
	return found;
}

/* The look-up found nothing of this client's kind: say what is there. */
static void
say_no_server(const struct client *c)
{
	if (!c->o->shm && key_has(KIND_SHM, c->key))
		class_say(_("The server at key %s is the shared memory kind (ipctutor server --shm): there is a segment under that key, and no queue, so msgget gives ENOENT. Start this client with --shm, or that server without it."),
		    c->key);
	else if (c->o->shm && key_has(KIND_MSG, c->key))
		class_say(_("The server at key %s is the message queue kind (ipctutor server without --shm): there is a queue under that key, and no segment, so shmget gives ENOENT. Start this client without --shm, or that server with it."),
		    c->key);
	else
		class_say(_("No server is running at key %s now; the request was not answered. Start ipctutor server, then try again."),
		    c->key);
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
		say_no_server(c);
		return -1;
	}
	c->open = 1;
	if (c->old_id >= 0)
		class_say(_("server restarted: old ID %d, new ID %d"), c->old_id, held_id(c));
	c->old_id = -1;
	return 0;
}

/* One request, with as many look-ups as restarts need (a few). */
static enum attempt
request(struct client *c, const char *text)
{
	enum attempt r = FAILED;

	for (int i = 0; i < MAX_ATTEMPTS && !class_stopping; i++) {
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
	return class_stopping ? STOPPED : r;
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
		struct pollfd p[2] = { { STDIN_FILENO, POLLIN, 0 }, { class_wake_pipe[0], POLLIN, 0 } };
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			return -1;
		if (class_stopping)
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

int
class_run_client(const struct classroom_options *o)
{
	struct client c;
	struct line_reader lr = { STRBUF_INIT, 0 };
	struct strbuf line = STRBUF_INIT;
	char *dt[] = { "shmdt", NULL };

	memset(&c, 0, sizeof c);
	actor_state_init(&c.st);
	c.ctx = (struct play_ctx){ "client", 1, &c.st, &class_sink, -1, -1 };
	c.o = o;
	c.old_id = -1;
	class_say(_("ipctutor client, pid %ld%s. %s"), (long)getpid(), o->naive ? _(" (naive: it checks only for EIDRM)") : "",
	    o->count >= 0 ? "" : _("Each line you type (or Enter) sends a request; Ctrl-D or Ctrl-C ends."));
	class_catch_stop_signals();
	ipc_before_blocking = announce_wait;
	if (class_agreed_key(&c.ctx, c.key, sizeof c.key) != 0)
		return 1;
	if (open_objects(&c) != 0)
		return 1;
	strbuf_init(&lr.buf);
	strbuf_init(&line);
	for (long n = 0; !class_stopping && (o->count < 0 || n < o->count); n++) {
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
	class_say(_("The client ends."));
	strbuf_free(&lr.buf);
	strbuf_free(&line);
	return 0;
}
