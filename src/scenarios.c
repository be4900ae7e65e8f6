/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * scenarios.c: one scenario per exercise (see scenarios.h).  Each plays
 * the situation its lesson teaches with real tutor processes — no server,
 * a crash and a restart while the learner's client reads its input, a
 * restart while it is asleep in msgrcv, a leftover queue with a stale
 * request, another user's queue at the key, SIGTERM — acting only when the
 * learner's program is asleep in the right call.  Then it grades what the
 * tracer saw and what the program printed, giving for each failure the
 * reason a learner can act on.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checker.h"
#include "flags.h"
#include "i18n.h"
#include "proc.h"
#include "procview.h"
#include "render.h"
#include "scenarios.h"
#include "util.h"

#define STALE_PID 999999L

/* ---- small questions about what happened ---------------------------- */

static int
objects(enum ipc_kind kind)
{
	struct sysv_object *list = NULL;
	int n = procview_read(kind, procview_path(kind), &list);

	free(list);
	return n < 0 ? 0 : n;
}

static int
exited_ok(int status)
{
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int
exited_failing(int status)
{
	return WIFEXITED(status) && WEXITSTATUS(status) != 0;
}

/* The first call of kind WHICH from FROM on that failed with EINVAL or
 * EIDRM (the identifier is gone), or -1. */
static long
find_gone(const struct check *c, size_t from, enum sysv_call which)
{
	for (size_t i = from; i < check_ncalls(c); i++) {
		const struct tracer_event *e = check_call(c, i);
		if (e->which == which && (e->err == EINVAL || e->err == EIDRM))
			return (long)i;
	}
	return -1;
}

/* A ctl call of kind WHICH with command CMD on identifier ID from FROM on
 * (ERR as check_find), or -1. */
static long
find_ctl(const struct check *c, size_t from, enum sysv_call which, int cmd, int id, int err)
{
	for (long i = check_find(c, from, which, err); i >= 0; i = check_find(c, (size_t)i + 1, which, err))
		if (callfmt_ctl_cmd(which, check_call(c, (size_t)i)->args) == cmd &&
		    (id < 0 || (int)check_call(c, (size_t)i)->args[0] == id))
			return i;
	return -1;
}

/* The first look-up (msgget, semget, shmget) from FROM on that got
 * ENOENT for a key other than the server's, or -1. */
static long
find_wrong_key(const struct check *c, size_t from)
{
	for (size_t i = from; i < check_ncalls(c); i++) {
		const struct tracer_event *e = check_call(c, i);
		if ((e->which == SV_MSGGET || e->which == SV_SEMGET || e->which == SV_SHMGET) && e->err == ENOENT &&
		    (key_t)e->args[0] != (key_t)check_key(c))
			return (long)i;
	}
	return -1;
}

/* Why the look-up CALL asked for another key than the server's, for a
 * FAIL line.  ftok makes a key of the project id (top byte) and the
 * file's device and inode (the low 24 bits): which part differs says
 * whether the project id or the path was wrong. */
static char *
wrong_key_reason(const struct check *c, const struct tracer_event *call)
{
	unsigned key = (unsigned)check_key(c), asked = (unsigned)(key_t)call->args[0];
	unsigned proj = asked >> 24, server_proj = key >> 24;
	char *why, *part = NULL;

	if (proj != server_proj) {
		char *mine = proj >= 0x21 && proj < 0x7f ? xasprintf("'%c' (0x%02x)", proj, proj) : xasprintf("0x%02x", proj);
		part = xasprintf(_("the project id given to ftok is %s, the server's is '%c' (0x%02x)"), mine,
				 (int)server_proj, server_proj);
		free(mine);
	}
	if ((asked & 0xffffff) != (key & 0xffffff)) {
		const char *path = _("the path given to ftok names another file than the key file (the file's device and inode make the key's low 24 bits): give ftok the key file, argv[1]");
		char *both = part != NULL ? xasprintf("%s; %s", part, path) : xstrdup(path);
		free(part);
		part = both;
	}
	why = xasprintf(_("the tutor's server is running under key 0x%08x, but your program asked %s for key 0x%08x: %s"), key,
			call->which == SV_MSGGET ? "msgget" : call->which == SV_SEMGET ? "semget" : "shmget", asked, part);
	free(part);
	return why;
}

/* How many answers the program printed in all its runs so far. */
static int
answers(const struct check *c)
{
	return check_output_count(c, "answer: ");
}

static void
require_f(struct check *c, int ok, const char *text, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
require_f(struct check *c, int ok, const char *text, const char *fmt, ...)
{
	va_list ap;
	char *reason;

	va_start(ap, fmt);
	reason = xvasprintf(fmt, ap);
	va_end(ap);
	check_require(c, ok, text, reason);
	free(reason);
}

/* The reason a program ended with STATUS, for a sentence. */
static char *
how_ended(int status)
{
	if (WIFSIGNALED(status)) {
		const char *name = sigabbrev_np(WTERMSIG(status));
		return xasprintf(_("it was killed by SIG%s"), name ? name : "?");
	}
	return xasprintf(_("it exited with status %d"), WEXITSTATUS(status));
}

/* Nothing of the program's may be left at the end of a server exercise. */
static void
require_nothing_left(struct check *c)
{
	int n = objects(KIND_MSG) + objects(KIND_SEM) + objects(KIND_SHM);

	require_f(c, n == 0, _("Nothing is left in the kernel when your server has stopped"),
		  _("%d object(s) are still there: a stopped server removes what it created"), n);
}

/* ---- 1: the client that says "server not running" ------------------- */

static void
lookup_client(struct check *c)
{
	int status, creating = 0;
	long get, enoent;

	check_part(c, _("No server is running. Your client looks the key up."));
	check_start(c, 0);
	status = check_finish(c);
	get = check_find(c, 0, SV_MSGGET, -1);
	for (long i = get; i >= 0; i = check_find(c, (size_t)i + 1, SV_MSGGET, -1))
		creating |= (check_call(c, (size_t)i)->args[1] & IPC_CREAT) != 0;
	enoent = check_find(c, 0, SV_MSGGET, ENOENT);
	if (get < 0)
		check_require(c, 0, _("Your client looks the key up with msgget(key, 0)"),
			      _("it never called msgget"));
	else
		check_require(c, !creating, _("Your client looks the key up with msgget(key, 0)"),
			      _("it gave IPC_CREAT: a client must never create the server's queue, or it would wait there for a server that is not running"));
	if (enoent < 0 || !check_output_has(c, "server not running") || !exited_failing(status)) {
		char *ended = how_ended(status);
		require_f(c, 0, _("On ENOENT your client says \"server not running\" and exits with a non-zero status"),
			  "%s", enoent < 0 ? _("its msgget(key, 0) never got ENOENT")
			  : !check_output_has(c, "server not running") ? _("it did not print \"server not running\"")
			  : ended);
		free(ended);
	} else {
		check_require(c, 1, _("On ENOENT your client says \"server not running\" and exits with a non-zero status"), "");
	}
	check_scenario(c, _("The tutor's server is running. Your client sends one request."));
	if (check_server_start(c, 0) != 0)
		return;
	size_t base = check_ncalls(c);
	check_start(c, 0);
	status = check_finish(c);
	long wrong = find_wrong_key(c, base);
	if (check_find(c, base, SV_MSGSND, 0) < 0 && wrong >= 0) {
		char *why = wrong_key_reason(c, check_call(c, (size_t)wrong));
		check_require(c, 0, _("Your client gets the server's answer and exits with status 0"), why);
		free(why);
	} else if (check_find(c, base, SV_MSGSND, 0) < 0)
		check_require(c, 0, _("Your client gets the server's answer and exits with status 0"),
			      _("it sent no request: msgsnd with type 1 and the text \"PID hello\""));
	else
		require_f(c, answers(c) >= 1 && exited_ok(status), _("Your client gets the server's answer and exits with status 0"),
			  "%s", answers(c) == 0 ? _("it did not print \"answer: 1\": receive the message of type PID + 2 and print its text")
			  : _("it did not exit with status 0"));
}

/* ---- 2 and 3: the learner's server ---------------------------------- */

/* Start the learner's server and wait until it serves; 0, or -1 (said). */
static int
start_learner_server(struct check *c)
{
	int status;

	check_start(c, 0);
	if (check_wait_asleep(c, SYS_msgrcv, SV_MSGGET, 1))
		return 0;
	if (check_ended(c, &status)) {
		char *ended = how_ended(status);
		char *why = xasprintf(_("it ended before serving (%s)"), ended);
		check_finish(c);
		check_require(c, 0, _("Your server creates its queue and waits for requests in msgrcv"), why);
		free(why);
		free(ended);
	} else {
		check_require(c, 0, _("Your server creates its queue and waits for requests in msgrcv"),
			      _("it was never seen asleep in msgrcv"));
		check_finish(c);
	}
	return -1;
}

/* Ask the tutor's client for one sequence number. */
static void
serve_tutor_client(struct check *c)
{
	int answered = 0, status;

	status = check_tutor_client(c, 0, &answered);
	require_f(c, answered && status == 0, _("The tutor's client gets an answer from your server"),
		  _("the client got no answer (status %d): answer a request \"PID ...\" with a message of type PID + 2 whose text is the sequence number"),
		  status);
}

/* Send SIG to the learner's server asleep in msgrcv, and grade its stop:
 * EINTR, IPC_RMID on its queue, status 0. */
static void
stop_learner_server(struct check *c, int sig, int qid)
{
	const char *name = sigabbrev_np(sig);
	char *part = xasprintf(_("The checker sends SIG%s to your server, asleep in msgrcv."), name);
	size_t base = check_ncalls(c);
	int status;

	check_part(c, part);
	free(part);
	if (!check_wait_asleep(c, SYS_msgrcv, SV_NONE, 0)) {
		check_finish(c);
		check_require(c, 0, _("Your server waits in msgrcv between requests"), _("it was not asleep in msgrcv"));
		return;
	}
	check_signal(c, sig);
	status = check_finish(c);
	char *text = xasprintf(_("On SIG%s your server removes its queue and exits with status 0"), name);
	if (WIFSIGNALED(status) && WTERMSIG(status) == sig)
		require_f(c, 0, text, _("SIG%s killed it: catch it with sigaction, so that msgrcv returns EINTR"),
			  name);
	else if (find_ctl(c, base, SV_MSGCTL, IPC_RMID, qid, 0) < 0)
		check_require(c, 0, text, check_find(c, base, SV_MSGRCV, EINTR) >= 0
			      ? _("msgrcv returned EINTR, but the server did not remove its queue: msgctl(qid, IPC_RMID, NULL)")
			      : _("it did not remove its queue (msgctl(qid, IPC_RMID, NULL)) after msgrcv returned EINTR"));
	else
		require_f(c, exited_ok(status), text, "%s", _("it removed its queue but did not exit with status 0"));
	free(text);
}

/* The identifier the learner's server got from its successful create. */
static int
learner_queue(const struct check *c, size_t from)
{
	for (long i = check_find(c, from, SV_MSGGET, 0); i >= 0; i = check_find(c, (size_t)i + 1, SV_MSGGET, 0))
		if (check_call(c, (size_t)i)->args[1] & IPC_CREAT)
			return (int)check_call(c, (size_t)i)->ret;
	return -1;
}

static void
clean_server(struct check *c)
{
	int qid, excl = 0;

	check_part(c, _("Your server starts; the tutor's client sends it a request."));
	if (start_learner_server(c) != 0)
		return;
	for (long i = check_find(c, 0, SV_MSGGET, 0); i >= 0; i = check_find(c, (size_t)i + 1, SV_MSGGET, 0))
		excl |= (check_call(c, (size_t)i)->args[1] & (IPC_CREAT | IPC_EXCL)) == (IPC_CREAT | IPC_EXCL);
	check_require(c, excl, _("Your server creates its queue with IPC_CREAT|IPC_EXCL"),
		      _("without IPC_EXCL a server adopts any queue it finds at the key"));
	qid = learner_queue(c, 0);
	serve_tutor_client(c);
	stop_learner_server(c, SIGTERM, qid);
	require_nothing_left(c);

	check_scenario(c, _("Your server starts again; this time it is stopped with Ctrl-C."));
	size_t base = check_ncalls(c);
	if (start_learner_server(c) != 0)
		return;
	stop_learner_server(c, SIGINT, learner_queue(c, base));
	require_nothing_left(c);
}

/* Make a queue at the key as uid 65534 (root only): its identifier; -2
 * when this process cannot become uid 65534 (not the machine's root: root
 * of a user namespace that maps only its own uid); -1 when the queue could
 * not be made. */
static int
plant_other_users_queue(struct check *c)
{
	int fds[2], id = -1;
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	pid = proc_fork();
	if (pid == 0) {
		close(fds[0]);
		if (setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534) != 0)
			id = -2;
		else
			id = msgget(check_key(c), IPC_CREAT | IPC_EXCL | 0600);
		(void)!write(fds[1], &id, sizeof id);
		_exit(0);
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], &id, sizeof id) != (ssize_t)sizeof id)
		id = -1;
	close(fds[0]);
	if (pid > 0)
		proc_reap(pid, NULL);
	return id;
}

static void
recovering_server(struct check *c)
{
	struct {
		long mtype;   /* cppcheck-suppress unusedStructMember */
		char mtext[64];
	} m = { 1, "" };
	int old, status;
	size_t base;

	check_part(c, _("A crashed server left its queue at the key, with a request from a client that is gone. Your server starts."));
	old = msgget(check_key(c), IPC_CREAT | IPC_EXCL | 0600);
	snprintf(m.mtext, sizeof m.mtext, "%ld stale request", STALE_PID);
	msgsnd(old, &m, strlen(m.mtext), IPC_NOWAIT);
	char *note = xasprintf(_("The checker made queue %d (yours, mode 0600) with the request \"%s\" in it."), old, m.mtext);
	render_paragraph(note, NULL, 2, NULL);
	free(note);
	if (start_learner_server(c) != 0)
		return;
	int adopted = check_find(c, 0, SV_MSGGET, 0) >= 0 && learner_queue(c, 0) == old;
	check_require(c, find_ctl(c, 0, SV_MSGCTL, IPC_STAT, old, 0) >= 0,
		      _("Your server checks the leftover queue with IPC_STAT before removing it"),
		      adopted ? _("it adopted the old queue: msgget without IPC_EXCL returned the old identifier, so it never noticed a leftover")
			      : _("no msgctl(old, IPC_STAT) was seen: the creator uid and mode tell whether the queue is yours"));
	check_require(c, find_ctl(c, 0, SV_MSGCTL, IPC_RMID, old, 0) >= 0 && !adopted,
		      _("Your server removes the leftover queue and creates a new one"),
		      adopted ? _("it adopted the old queue: its messages belong to dead conversations, and clients holding the old identifier never learn of the restart")
			      : _("the old queue was not removed (msgctl(old, IPC_RMID, NULL))"));
	serve_tutor_client(c);
	int served_stale = 0;
	char stale_reply[32];
	snprintf(stale_reply, sizeof stale_reply, "{%ld, ", STALE_PID + 2);
	for (long i = check_find(c, 0, SV_MSGSND, -1); i >= 0; i = check_find(c, (size_t)i + 1, SV_MSGSND, -1))
		served_stale |= strstr(check_call(c, (size_t)i)->call.text, stale_reply) != NULL;
	check_require(c, !served_stale, _("Your server does not answer the stale request"),
		      _("it answered the request of a client that is gone (pid 999999): it served a message left in the old queue"));
	stop_learner_server(c, SIGTERM, learner_queue(c, 0));
	require_nothing_left(c);

	const char *text = _("Your server leaves another user's queue alone and gives up");
	const char *not_root = _("it needs a queue owned by another user, which only the machine's root can make (check as root to include it)");
	if (!check_can_plant_other_user(c)) {
		check_skip(c, text, not_root);
		return;
	}
	check_scenario(c, NULL);
	old = plant_other_users_queue(c);
	if (old < 0) {
		check_skip(c, text, old == -2 ? not_root : _("it needs a queue owned by another user, and none could be made here"));
		return;
	}
	check_part(c, _("A queue of another user (uid 65534, mode 0600) is at the key: an ftok collision. Your server starts."));
	base = check_ncalls(c);
	check_start(c, 0);
	int serving = check_wait_asleep(c, SYS_msgrcv, SV_NONE, 0);
	if (serving)
		check_signal(c, SIGTERM);
	status = check_finish(c);
	struct sysv_object obj;
	if (find_ctl(c, base, SV_MSGCTL, IPC_RMID, old, 0) >= 0 || procview_find(KIND_MSG, old, &obj) != 1)
		check_require(c, 0, text, _("it removed a queue created by uid 65534: check msg_perm.cuid against geteuid() before IPC_RMID (root may remove anything, so the kernel will not stop you)"));
	else if (serving)
		check_require(c, 0, text, _("it went on serving although the queue at its key is not its own: it should say so and exit with a non-zero status"));
	else
		require_f(c, exited_failing(status), text, "%s", _("it left the queue alone but exited with status 0: a server that cannot start must fail"));
}

/* ---- 4 and 5: clients that survive restarts ------------------------- */

static void
stale_client(struct check *c)
{
	int status;

	check_part(c, _("The tutor's server runs. Your client reads a line and sends a request."));
	if (check_server_start(c, 0) != 0)
		return;
	check_start(c, 1);
	check_input(c, "one\n");
	int first = check_wait_asleep(c, SYS_read, SV_MSGRCV, 1);
	check_require(c, first && answers(c) >= 1, _("Your client gets an answer and reads its next line"),
		      _("no answer was seen before the restart: print \"answer: N\" for each answer, then read the next line"));
	check_part(c, _("While your client waits for its next line, the server crashes and a new one starts: your identifier is now stale."));
	check_server_crash(c);
	if (check_server_start(c, 0) != 0)
		return;
	size_t base = check_ncalls(c);
	check_input(c, "two\n");
	check_wait_asleep(c, SYS_read, SV_MSGRCV, 2);
	status = check_finish(c);
	long gone = find_gone(c, base, SV_MSGSND);
	const char *text = _("On a stale identifier your client looks the key up again and resends");
	if (gone >= 0 && check_find(c, (size_t)gone, SV_MSGGET, 0) < 0) {
		int err = check_call(c, (size_t)gone)->err;
		long again = check_find(c, (size_t)gone + 1, SV_MSGSND, -1);
		if (again >= 0 && check_call(c, (size_t)again)->args[0] == check_call(c, (size_t)gone)->args[0])
			check_require(c, 0, text, _("it tried the stale identifier again: an identifier that is gone never comes back, look the key up again with msgget(key, 0)"));
		else
			check_require(c, 0, text, err == EINVAL
			      ? _("your client treated EINVAL as fatal: since Linux 4.2 a stale identifier gives EINVAL (EIDRM only on older kernels)")
			      : _("your client treated EIDRM as fatal: the identifier is gone, look the key up again"));
	} else if (gone < 0 && check_find(c, base, SV_MSGGET, 0) < 0) {
		check_require(c, 0, text, _("no call on the stale identifier was seen after the restart"));
	} else {
		check_require(c, 1, text, "");
	}
	require_f(c, answers(c) >= 2, _("Your client gets an answer from the new server"), "%s",
		  _("no second answer was printed"));
	char *ended = how_ended(status);
	require_f(c, exited_ok(status), _("Your client exits with status 0 at the end of its input"), "%s", ended);
	free(ended);
}

static void
asleep_client(struct check *c)
{
	int status;

	check_part(c, _("The tutor's server is frozen (SIGSTOP): your client's request stays unanswered, and your client falls asleep in msgrcv."));
	if (check_server_start(c, 0) != 0)
		return;
	check_server_freeze(c);
	check_start(c, 1);
	check_input(c, "one\n");
	if (!check_wait_asleep(c, SYS_msgrcv, SV_MSGSND, 1)) {
		check_finish(c);
		check_require(c, 0, _("Your client waits for its answer asleep in msgrcv"), _("it was not seen asleep in msgrcv"));
		return;
	}
	check_part(c, _("Meanwhile the server crashes and a new one starts, which removes the old queue."));
	check_server_crash(c);
	if (check_server_start(c, 0) != 0)
		return;
	check_wait_asleep(c, SYS_read, SV_MSGRCV, 1);
	status = check_finish(c);
	long woken = check_find(c, 0, SV_MSGRCV, EIDRM);
	check_require(c, woken >= 0, _("Your client is woken with EIDRM"),
		      _("its msgrcv did not return EIDRM: was it asleep in the server's queue?"));
	const char *text = _("After EIDRM your client looks the key up again and resends its request");
	long get = woken < 0 ? -1 : check_find(c, (size_t)woken, SV_MSGGET, -1);
	if (woken < 0)
		check_require(c, 0, text, _("it was never woken"));
	else if (get < 0)
		check_require(c, 0, text, _("your client treated EIDRM as fatal: the server restarted, so look the key up again"));
	else if (check_call(c, (size_t)get)->err == ENOENT)
		check_require(c, 0, text, _("it looked the key up while the new server was still starting (ENOENT): first wait for the server's lock on the key file (a read lock with fcntl F_SETLKW)"));
	else
		require_f(c, check_find(c, (size_t)get, SV_MSGSND, 0) >= 0, text, "%s",
			  _("it did not send its request again: the old queue took it along"));
	require_f(c, answers(c) >= 1, _("Your client gets its answer from the new server"), "%s",
		  _("no \"answer: N\" was printed"));
	char *ended = how_ended(status);
	require_f(c, exited_ok(status), _("Your client exits with status 0 at the end of its input"), "%s", ended);
	free(ended);
}

/* ---- 6 and 7: shared memory and its semaphore ----------------------- */

static void
shm_client(struct check *c)
{
	int status;

	check_part(c, _("The tutor's shared-memory server runs. Your client reads a line and takes a number."));
	if (check_server_start(c, 1) != 0)
		return;
	check_start(c, 1);
	check_input(c, "one\n");
	int first = check_wait_asleep(c, SYS_read, SV_SEMOP, 2);
	check_require(c, first && answers(c) >= 1, _("Your client gets a number and reads its next line"),
		      _("no \"answer: 1\" was seen: take the semaphore, read the number, write the next, give the semaphore back"));
	check_part(c, _("While your client waits for its next line, the server crashes and a new one starts."));
	check_server_crash(c);
	if (check_server_start(c, 1) != 0)
		return;
	size_t base = check_ncalls(c);
	check_input(c, "two\n");
	check_wait_asleep(c, SYS_read, SV_SEMOP, 4);
	status = check_finish(c);
	long gone = find_gone(c, base, SV_SEMOP);
	check_require(c, gone >= 0, _("Your client notices the restart through the semaphore"),
		      _("no semop failed after the restart: the old segment reads without error, only the semaphore tells"));
	if (gone < 0)
		return;
	long dt = check_find(c, (size_t)gone, SV_SHMDT, 0), at = check_find(c, (size_t)gone, SV_SHMAT, 0);
	check_require(c, dt >= 0 && (at < 0 || dt < at), _("Your client detaches the old segment"),
		      _("no shmdt of the old segment: it stays in memory, marked SHM_DEST, as long as you are attached"));
	check_require(c, check_find(c, (size_t)gone, SV_SHMGET, 0) >= 0 && at >= 0 && check_find(c, (size_t)gone, SV_SEMGET, 0) >= 0,
		      _("Your client looks up the new segment and semaphore and attaches the segment"),
		      _("after the failure it did not call shmget, shmat and semget again"));
	require_f(c, answers(c) >= 2, _("Your client gets a number from the new server"), "%s", _("no second answer was printed"));
	char *ended = how_ended(status);
	require_f(c, exited_ok(status), _("Your client exits with status 0 at the end of its input"), "%s", ended);
	free(ended);
}

/* Take the semaphore as another client would, and keep it. */
static int
hold_semaphore(struct check *c)
{
	struct sembuf sb = { 0, -1, IPC_NOWAIT };
	int semid = semget(check_key(c), 0, 0);

	render_paragraph(_("Another client holds the semaphore and does not give it back yet."), NULL, 2, NULL);
	return semid >= 0 && semop(semid, &sb, 1) == 0 ? semid : -1;
}

static void
crash_detect(struct check *c)
{
	struct sembuf up = { 0, 1, 0 };
	int status, semid;

	check_part(c, _("The tutor's shared-memory server runs, but the semaphore is busy for a while. Your client must wait."));
	if (check_server_start(c, 1) != 0 || (semid = hold_semaphore(c)) < 0)
		return;
	check_start(c, 0);
	int waiting = check_wait_asleep(c, SYS_semtimedop, SV_NONE, 0);
	render_paragraph(_("The other client gives the semaphore back."), NULL, 2, NULL);
	semop(semid, &up, 1);
	status = check_finish(c);
	require_f(c, waiting && answers(c) >= 1 && exited_ok(status), _("While the server lives, your client waits and gets its number"),
		  "%s", !waiting ? _("it was not seen waiting for the semaphore") : _("it did not print \"answer: 1\" and exit with status 0"));

	check_part(c, _("The semaphore is busy again, and this time the server crashes and nobody restarts it."));
	size_t base = check_ncalls(c);
	if (hold_semaphore(c) < 0)
		return;
	check_start(c, 0);
	waiting = check_wait_asleep(c, SYS_semtimedop, SV_NONE, 0);
	check_server_crash(c);
	status = check_finish(c);
	long timed = -1;
	for (long i = check_find(c, 0, SV_SEMTIMEDOP, -1); i >= 0 && timed < 0; i = check_find(c, (size_t)i + 1, SV_SEMTIMEDOP, -1))
		timed = i;
	check_require(c, timed >= 0, _("Your client waits with semtimedop and a time limit"),
		      _("it waited with no time limit (semop): without one it cannot notice a crash that nobody repairs"));
	require_f(c, waiting && check_output_has(c, "server crashed") && exited_failing(status),
		  _("When the time runs out and the server is dead, your client says \"server crashed\" and exits with a non-zero status"),
		  "%s", check_find(c, base, SV_SEMTIMEDOP, EAGAIN) < 0 ? _("its semtimedop never timed out (EAGAIN)")
		  : !check_output_has(c, "server crashed") ? _("it did not print \"server crashed\": after EAGAIN, check whether the server's pid (shm_cpid) is alive with kill(pid, 0)")
		  : _("it did not exit with a non-zero status"));
}

void
scenario_run(struct check *c, int number)
{
	static void (*const scenarios[SCENARIO_COUNT])(struct check *) = {
		lookup_client, clean_server, recovering_server, stale_client, asleep_client, shm_client, crash_detect,
	};

	/* 2 and 3 grade a server; the others a client. */
	if (number != 2 && number != 3)
		check_client_program(c);
	if (number >= 1 && number <= SCENARIO_COUNT)
		scenarios[number - 1](c);
}
