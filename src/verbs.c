/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * verbs.c: what the server and the clients do (see verbs.h).  The tutor
 * side turns "server start" or "client send hi" into a command line for the
 * right process (spawning a client on first use) and reports what became of
 * it: done, blocked in a call, or dead.  The process side implements the
 * verbs with the same wrappers as the playground; the server's start-up is
 * the recovery pattern of lesson 3, written once here for all three kinds
 * of object.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "agent.h"
#include "calls.h"
#include "flags.h"
#include "i18n.h"
#include "ipc.h"
#include "procview.h"
#include "reproducible.h"
#include "show.h"
#include "util.h"
#include "vars.h"
#include "verbs.h"

#define SEGMENT_SIZE 4096
#define OBJECT_MODE 0600

static const char *const id_var[KIND_COUNT] = { "qid", "semid", "shmid" };

/* ---- the tutor side of "server ..." and "client ..." ---------------- */

/* The agreed key as text, running "key" first if the learner has not. */
static const char *
agreed_key(struct play_ctx *ctx)
{
	if (var_get("key") == NULL) {
		char *argv[] = { "key", NULL };
		play_note(ctx, _("No key has been made yet: first the agreed key, as key would make it."));
		key_command(ctx, 1, argv);
	}
	return var_get("key");
}

static int
valid_mode(struct play_ctx *ctx, const char *mode)
{
	if (strcmp(mode, "msg") == 0 || strcmp(mode, "shm") == 0)
		return 1;
	play_error(ctx, _("\"%s\" is not a mode: use msg (a message queue) or shm (shared memory and its semaphore)."),
		   mode);
	return 0;
}

static struct agent *
spawn(struct play_ctx *ctx, const char *name)
{
	struct agent *a = agent_spawn(name);
	char pid[24];

	if (a == NULL) {
		play_error(ctx, _("Could not start the %s process: %s."), name, strerror(errno));
		return NULL;
	}
	snprintf(pid, sizeof pid, "%ld", (long)agent_pid(a));
	repro_pid(agent_pid(a), name);
	show_forget_attachments(name);
	char *var = xasprintf("%s_pid", name);
	var_set(var, pid);
	free(var);
	play_note(ctx, _("%s process started: pid %s."), name, pid);
	return a;
}

/* Send LINE to A and say what became of the command. */
static int
run_in(struct play_ctx *ctx, struct agent *a, const char *line)
{
	char name[16];

	snprintf(name, sizeof name, "%s", agent_name(a));
	switch (agent_run(a, line)) {
	case AGENT_DONE:
		return 0;
	case AGENT_BLOCKED:
		play_note(ctx, _("%s is now asleep in that call; the tutor goes on and shows the result when the kernel wakes it."),
			  name);
		return 0;
	case AGENT_DIED: {
		int st = agent_status(a);
		if (WIFEXITED(st))
			play_note(ctx, _("%s has exited with status %d."), name, WEXITSTATUS(st));
		else
			play_note(ctx, _("%s has exited."), name);
		return 0;
	}
	case AGENT_STOPPED:
		play_error(ctx, _("%s (pid %ld) is stopped (SIGSTOP) and does not answer: kill -CONT %ld continues it, %s stop ends it."),
			   name, (long)agent_pid(a), (long)agent_pid(a), name);
		return -1;
	case AGENT_UNRESPONSIVE:
		play_error(ctx, _("%s (pid %ld) still does not answer its last command, so this one was not sent."),
			   name, (long)agent_pid(a));
		return -1;
	case AGENT_INTERRUPTED:
		return -1;   /* the tutor is ending: the main loop says so */
	default:
		play_error(ctx, _("%s (pid %ld) is busy and does not answer: its commands are refused until it answers; %s stop ends it."),
			   name, (long)agent_pid(a), name);
		return -1;
	}
}

/* Describe how a process ended, e.g. "killed by SIGKILL". */
static void
note_end(struct play_ctx *ctx, const char *name, const char *pid, int status)
{
	if (WIFSIGNALED(status)) {
		const char *sig = sigabbrev_np(WTERMSIG(status));
		play_note(ctx, _("%s (pid %s) was killed by SIG%s."), name, pid, sig ? sig : "?");
	} else {
		play_note(ctx, _("%s (pid %s) exited with status %d."), name, pid, WEXITSTATUS(status));
	}
}

/* Start the server in MODE: the agreed key first, then the process, then
 * its start-up with the recovery pattern (VERB_SERVE). */
static int
server_start(struct play_ctx *ctx, const char *mode)
{
	struct agent *a = agent_find("server");
	const char *key;
	char *line;
	int r;

	if (a != NULL) {
		play_error(ctx, _("A server is already running: server crash kills it, server stop ends it cleanly, server restart does both steps."));
		return -1;
	}
	if (!valid_mode(ctx, mode) || (key = agreed_key(ctx)) == NULL)
		return -1;
	if ((a = spawn(ctx, "server")) == NULL)
		return -1;
	line = xasprintf("%s %s %s", VERB_SERVE, key, mode);
	r = run_in(ctx, a, line);
	free(line);
	return r;
}

static int
server_crash(struct play_ctx *ctx)
{
	struct agent *a = agent_find("server");
	char pid[24];

	if (a == NULL) {
		play_error(ctx, _("No server is running: server start starts one."));
		return -1;
	}
	snprintf(pid, sizeof pid, "%ld", (long)agent_pid(a));
	note_end(ctx, "server", pid, agent_kill(a));
	play_note(ctx, _("It removed nothing: its objects stay in the kernel."));
	return 0;
}

int
verb_start(struct play_ctx *ctx, const char *actor, int argc, char **argv)
{
	(void)actor;
	return server_start(ctx, argc > 1 ? argv[1] : "msg");
}

int
verb_crash(struct play_ctx *ctx, const char *actor, int argc, char **argv)
{
	(void)actor, (void)argc, (void)argv;
	return server_crash(ctx);
}

int
verb_restart(struct play_ctx *ctx, const char *actor, int argc, char **argv)
{
	(void)actor;
	if (agent_find("server") != NULL)
		server_crash(ctx);
	return server_start(ctx, argc > 1 ? argv[1] : "msg");
}

int
verb_stop(struct play_ctx *ctx, const char *actor, int argc, char **argv)
{
	struct agent *a = agent_find(actor);
	char pid[24];

	(void)argc, (void)argv;
	if (a == NULL) {
		play_error(ctx, _("%s is not running."), actor);
		return -1;
	}
	snprintf(pid, sizeof pid, "%ld", (long)agent_pid(a));
	if (!agent_is_blocked(a))
		run_in(ctx, a, VERB_SHUTDOWN);
	note_end(ctx, actor, pid, agent_finish(a));
	return 0;
}

int
verb_open(struct play_ctx *ctx, const char *actor, int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "msg", *key;
	struct agent *a;
	char *line;
	int r;

	if (!valid_mode(ctx, mode) || (key = agreed_key(ctx)) == NULL)
		return -1;
	a = agent_find(actor);
	if (a == NULL && (a = spawn(ctx, actor)) == NULL)
		return -1;
	line = xasprintf("%s %s %s", VERB_LOOKUP, key, mode);
	r = run_in(ctx, a, line);
	free(line);
	return r;
}

/* Join ARGV back into one command line, quoting words with blanks. */
static char *
join_words(int argc, char **argv)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_init(&sb);
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		if (i > 0)
			strbuf_addc(&sb, ' ');
		if (w[0] != '\0' && strpbrk(w, " \t\"\\") == NULL) {
			strbuf_adds(&sb, w);
			continue;
		}
		strbuf_addc(&sb, '"');
		for (; *w; w++) {
			if (*w == '"' || *w == '\\')
				strbuf_addc(&sb, '\\');
			strbuf_addc(&sb, *w);
		}
		strbuf_addc(&sb, '"');
	}
	return sb.buf;
}

int
verb_forward(struct play_ctx *ctx, const char *actor, int argc, char **argv)
{
	struct agent *a = agent_find(actor);
	char *line;
	int r;

	if (a == NULL && strcmp(actor, "server") == 0) {
		play_error(ctx, _("No server is running: server start starts one."));
		return -1;
	}
	if (a != NULL && agent_is_blocked(a)) {
		/* What wakes it depends on where it sleeps. */
		long nr = agent_blocked_in(a);
		if (nr == SYS_msgrcv)
			play_error(ctx, _("%s is still asleep in msgrcv; wake it by sending it a message, or stop it."), actor);
		else if (nr == SYS_msgsnd)
			play_error(ctx, _("%s is still asleep in msgsnd on a full queue; wake it by receiving a message (that makes room), or stop it."),
				   actor);
		else if (nr == SYS_semop || nr == SYS_semtimedop)
			play_error(ctx, _("%s is still asleep in semop; wake it by changing the semaphore it waits for (semop or setval), or stop it."),
				   actor);
		else
			play_error(ctx, _("%s is still asleep in its last call; wake it or stop it."), actor);
		return -1;
	}
	if (a == NULL && (a = spawn(ctx, actor)) == NULL)
		return -1;
	line = join_words(argc, argv);
	r = run_in(ctx, a, line);
	free(line);
	return r;
}

/* ---- inside the server and client processes ------------------------- */

/* get/stat/rmid for any kind, so that the recovery pattern is written
 * once.  SIZE is the segment size (shm) or the number of semaphores. */
static int
object_get(enum ipc_kind kind, key_t key, size_t size, int flags, struct call *call)
{
	switch (kind) {
	case KIND_MSG:
		return ipc_msgget(key, flags, call);
	case KIND_SEM:
		return ipc_semget(key, (int)size, flags, call);
	default:
		return ipc_shmget(key, size, flags, call);
	}
}

/* The recovery pattern (see actors.h). */
int
verb_recover(struct play_ctx *ctx, enum ipc_kind kind, key_t key, size_t size)
{
	const int flags = IPC_CREAT | IPC_EXCL | OBJECT_MODE;
	struct ipc_stat st;
	struct call call;
	int id, old;

	id = object_get(kind, key, size, flags, &call);
	play_call(ctx, &call);
	if (id < 0 && call.err == EEXIST) {
		old = object_get(kind, key, 0, 0, &call);
		play_call(ctx, &call);
		if (old < 0)
			return -1;
		if (ipc_ctl(kind, old, IPC_STAT, &st, &call) != 0) {
			play_call(ctx, &call);
			return -1;
		}
		play_call(ctx, &call);
		if (st.cuid != geteuid() || (st.mode & 0777) != OBJECT_MODE) {
			play_note(ctx, _("Not ours (creator uid %s, mode 0%o): another program may use this key, so the server leaves it alone and gives up."),
				  repro_uid(st.cuid), st.mode & 0777);
			/* The lesson's explanation is chosen by why it failed. */
			play_var(ctx, "outcome", "EEXIST");
			ctx->exit_status = 1;
			return -1;
		}
		play_note(ctx, _("Ours (creator uid %s, mode 0%o): left over from a crashed server, so it is removed."),
			  repro_uid(st.cuid), st.mode & 0777);
		if (ipc_ctl(kind, old, IPC_RMID, NULL, &call) == 0)
			play_after_rmid(ctx, kind, old);
		play_call(ctx, &call);
		id = object_get(kind, key, size, flags, &call);
		play_call(ctx, &call);
	}
	if (id >= 0) {
		play_after_get(ctx, kind, &call);
		play_var(ctx, id_var[kind], "%d", id);
	}
	return id;
}

/* Attach segment ID in this process, through the playground command so the
 * attachment is tracked like any other. */
static int
attach(struct play_ctx *ctx, int id)
{
	char idtext[16];
	char *argv[] = { "shmat", idtext, NULL };

	snprintf(idtext, sizeof idtext, "%d", id);
	shmat_command(ctx, 2, argv);
	return ctx->state->natt > 0 && ctx->state->att[ctx->state->natt - 1].id == id ? 0 : -1;
}

/* The agreed key the tutor passed (TEXT): parsed, and kept as this
 * process's own.  0, or -1 after one sentence. */
static int
take_key(struct play_ctx *ctx, const char *text, key_t *key)
{
	if (play_arg_key(ctx, text, key) != 0)
		return -1;
	ctx->state->key = *key;
	ctx->state->have_key = 1;
	return 0;
}

int
verb_serve(struct play_ctx *ctx, int argc, char **argv)
{
	struct actor_state *st = ctx->state;
	struct call call;
	key_t key;

	(void)argc;
	if (take_key(ctx, argv[1], &key) != 0)
		return -1;
	if (strcmp(argv[2], "msg") == 0) {
		st->qid = verb_recover(ctx, KIND_MSG, key, 0);
		return st->qid < 0 ? -1 : 0;
	}
	st->shmid = verb_recover(ctx, KIND_SHM, key, SEGMENT_SIZE);
	if (st->shmid < 0 || attach(ctx, st->shmid) != 0)
		return -1;
	char *text = xasprintf(_("data from server pid %ld"), (long)getpid());
	ipc_shm_write(st->att[st->natt - 1].addr, SEGMENT_SIZE, text, &call);
	free(text);
	play_call(ctx, &call);
	st->semid = verb_recover(ctx, KIND_SEM, key, 1);
	if (st->semid < 0)
		return -1;
	ipc_semctl(st->semid, 0, SETVAL, 1, NULL, &call);
	play_call(ctx, &call);
	return 0;
}

int
verb_shutdown(struct play_ctx *ctx, int argc, char **argv)
{
	struct actor_state *st = ctx->state;
	struct call call;

	(void)argc;
	(void)argv;
	while (st->natt > 0) {
		char *args[] = { "shmdt", NULL };
		shmdt_command(ctx, 1, args);
	}
	if (strcmp(ctx->actor, "server") != 0)
		return 0;
	for (int kind = 0; kind < KIND_COUNT; kind++) {
		int *id = kind == KIND_MSG ? &st->qid : kind == KIND_SEM ? &st->semid : &st->shmid;
		if (*id < 0)
			continue;
		if (ipc_ctl((enum ipc_kind)kind, *id, IPC_RMID, NULL, &call) == 0)
			play_after_rmid(ctx, (enum ipc_kind)kind, *id);
		play_call(ctx, &call);
		*id = -1;
	}
	return 0;
}

/* Look the agreed key up without IPC_CREAT: what a client does. */
static int
lookup(struct play_ctx *ctx, enum ipc_kind kind)
{
	struct call call;
	int id = object_get(kind, ctx->state->key, 0, 0, &call);

	play_call(ctx, &call);
	if (id >= 0)
		play_var(ctx, id_var[kind], "%d", id);
	return id;
}

int
verb_lookup(struct play_ctx *ctx, int argc, char **argv)
{
	struct actor_state *st = ctx->state;
	key_t key;

	(void)argc;
	if (take_key(ctx, argv[1], &key) != 0)
		return -1;
	if (strcmp(argv[2], "msg") == 0) {
		int id = lookup(ctx, KIND_MSG);
		if (id >= 0)
			st->qid = id;
		return id < 0 ? -1 : 0;
	}
	if ((st->shmid = lookup(ctx, KIND_SHM)) < 0 || attach(ctx, st->shmid) != 0)
		return -1;
	st->semid = lookup(ctx, KIND_SEM);
	return st->semid < 0 ? -1 : 0;
}

/* The identifier a verb needs, or one sentence saying how to get it. */
static int
held(struct play_ctx *ctx, int id, const char *what)
{
	if (id >= 0)
		return 1;
	play_error(ctx, _("%s holds no %s identifier yet: %s open does the look-up."), ctx->actor, what, ctx->actor);
	return 0;
}

int
verb_send(struct play_ctx *ctx, int argc, char **argv)
{
	struct actor_state *st = ctx->state;
	int retry = argc == 3 && strcmp(argv[1], "--retry") == 0;
	struct call call;

	if (argc == 3 && !retry) {
		play_error(ctx, _("send takes a text, or --retry and a text; put a text with blanks in quotes."));
		return -1;
	}
	if (!held(ctx, st->qid, _("queue")))
		return -1;
	ipc_msgsnd(st->qid, 1, argv[argc - 1], 0, &call);
	play_call(ctx, &call);
	if (!retry || (call.err != EINVAL && call.err != EIDRM))
		return 0;
	play_note(ctx, _("The identifier is stale: look the key up again and retry once."));
	int id = lookup(ctx, KIND_MSG);
	if (id < 0)
		return 0;
	st->qid = id;
	ipc_msgsnd(st->qid, 1, argv[argc - 1], 0, &call);
	play_call(ctx, &call);
	return 0;
}

int
verb_recv(struct play_ctx *ctx, int argc, char **argv)
{
	struct call call;

	(void)argc;
	(void)argv;
	if (!held(ctx, ctx->state->qid, _("queue")))
		return -1;
	ipc_msgrcv(ctx->state->qid, 0, 0, &call);
	play_call(ctx, &call);
	return 0;
}

static int
sem_step(struct play_ctx *ctx, short op)
{
	struct call call;

	if (!held(ctx, ctx->state->semid, _("semaphore")))
		return -1;
	ipc_semop(ctx->state->semid, 0, op, SEM_UNDO, &call);
	play_call(ctx, &call);
	return 0;
}

int
verb_lock(struct play_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return sem_step(ctx, -1);
}

int
verb_unlock(struct play_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return sem_step(ctx, 1);
}

int
verb_read(struct play_ctx *ctx, int argc, char **argv)
{
	char *args[] = { "shmread", NULL };

	(void)argc;
	(void)argv;
	return shmread_command(ctx, 1, args);
}

int
verb_write(struct play_ctx *ctx, int argc, char **argv)
{
	char *args[] = { "shmwrite", argv[argc - 1], NULL };

	return shmwrite_command(ctx, 2, args);
}
