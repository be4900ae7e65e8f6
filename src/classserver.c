/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * classserver.c: "ipctutor server", the classroom's sequence-number
 * server (see classroom.c for the whole story): one server per user, held
 * by a lock on the key file; the recovery pattern of lesson 3 at start;
 * requests answered until a signal stops it cleanly.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <unistd.h>

#include "classbase.h"
#include "i18n.h"
#include "ipc.h"
#include "render.h"
#include "verbs.h"
#include "util.h"

/* ---- the server ----------------------------------------------------- */

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
		if (class_stopping)
			return 0;
		if (n < 0 && call.err == EINTR)
			continue;
		if (n < 0 && call.err != EIDRM && call.err != EINVAL) {
			class_say(_("The server's msgrcv failed (%s): the server stops and removes its objects."),
				  strerror(call.err));
			return 1;
		}
		if (n < 0) {
			class_say(_("The server's queue is gone: someone removed it (ipcrm, or another server). The server stops."));
			ctx->state->qid = -1;
			return 1;
		}
		if (class_received_number(&call, &pid) != 0 || pid <= 0) {
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
		class_say(fd < 0 ? _("The key file cannot be opened: %s.")
			   : _("Another server of yours is running (it holds the lock on the key file): two servers would remove each other's objects. Stop it first. (%s)"),
		    strerror(errno));
		return -1;
	}
	if (class_starting_lock(fd, F_WRLCK, 0) != 0 && (errno == EAGAIN || errno == EACCES)) {
		/* Another process holds a lock on the key file (a server that
		 * is starting, or any process of the user): say what we wait
		 * for; SIGINT or SIGTERM (caught, no SA_RESTART) ends the wait. */
		struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
		long holder = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK ? (long)fl.l_pid : 0;
		class_say(_("Process %ld holds a lock on the key file %s: the server waits until it lets go (Ctrl-C stops waiting)."),
		    holder, play_key_path());
		while (!class_stopping && class_starting_lock(fd, F_WRLCK, 1) != 0 && errno == EINTR)
			continue;
	}
	if (class_stopping) {
		const char *name = sigabbrev_np(class_stopping);
		class_say(_("SIG%s: the server stops before it has started; it made nothing to remove."), name ? name : "?");
		close(fd);
		return -1;
	}
	return fd;
}

int
class_run_server(const struct classroom_options *o)
{
	struct actor_state st;
	struct play_ctx ctx = { "server", 1, &st, &class_sink, -1, -1 };
	char key[32];
	int status = 0, lock, r;

	actor_state_init(&st);
	class_say(_("ipctutor server, pid %ld (%s). Ctrl-C stops it and removes its objects; kill -9 %ld crashes it and leaves them, as in the lessons."),
	    (long)getpid(), o->shm ? _("shared memory and a semaphore") : _("a message queue"), (long)getpid());
	class_catch_stop_signals();
	if ((lock = lock_key_file()) < 0 || class_agreed_key(&ctx, key, sizeof key) != 0)
		return 1;
	char *argv[] = { "_serve", key, o->shm ? "shm" : "msg", NULL };
	r = verb_serve(&ctx, 3, argv);
	class_starting_lock(lock, F_UNLCK, 0);
	if (r != 0) {
		char *none[] = { "_shutdown", NULL };
		verb_shutdown(&ctx, 0, none);
		class_say(_("The server could not start."));
		return 1;
	}
	if (o->shm) {
		class_say(_("Serving: segment %d holds the last sequence number, semaphore %d guards it. Clients take the semaphore, read and write the number."),
		    st.shmid, st.semid);
		struct pollfd p = { class_wake_pipe[0], POLLIN, 0 };
		while (!class_stopping)
			if (poll(&p, 1, -1) < 0 && errno != EINTR)
				break;
	} else {
		class_say(_("Serving on queue %d: each request gets the next sequence number."), st.qid);
		class_wake_qid = st.qid;
		status = serve_requests(&ctx, st.qid);
		class_wake_qid = -1;
	}
	if (class_stopping) {
		const char *name = sigabbrev_np(class_stopping);
		class_say(_("SIG%s: the server stops cleanly and removes its objects."), name ? name : "?");
	}
	char *none[] = { "_shutdown", NULL };
	verb_shutdown(&ctx, 0, none);
	out_flush();
	return status;
}
