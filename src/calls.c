/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * calls.c: the system call commands (see calls.h).  Each parses its
 * arguments strictly, makes its real calls through ipc.c and reports them
 * through the context's sink.  Blocking calls are refused in the tutor
 * itself: the tutor must stay responsive, so a blocking msgrcv or semop
 * belongs to a server or client process ("client msgrcv 3").
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calls.h"
#include "flags.h"
#include "i18n.h"
#include "ipc.h"
#include "reproducible.h"
#include "play.h"
#include "render.h"
#include "util.h"

#define SHM_SIZE_MAX (1UL << 30)

/* key [PATH] [PROJ]: ftok, and where the key's bits came from. */
int
key_command(struct play_ctx *ctx, int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : play_key_path();
	long proj = KEY_PROJECT;
	struct call call;
	struct stat sb;
	key_t key;
	char text[24];

	if (argc > 2 && play_arg_long(ctx, argv[2], _("project id"), 1, 255, &proj) != 0)
		return -1;
	key = ipc_ftok(path, (int)proj, &call);
	if (key != -1) {
		key_format(key, text, sizeof text);
		if (render_options()->reproducible) {
			char masked[24];
			snprintf(masked, sizeof masked, "0x%02lxxxxxxx", (unsigned long)proj & 0xff);
			repro_add(text, masked);
		}
	}
	play_call(ctx, &call);
	if (key == -1)
		return 0;
	ctx->state->key = key;
	ctx->state->have_key = 1;
	play_var(ctx, "key", "%s", text);
	if (stat(path, &sb) == 0) {
		if (render_options()->reproducible)
			play_note(ctx, _("key = project id 0x%02lx << 24 | device (low 8 bits) << 16 | inode (low 16 bits)"),
				  (unsigned long)proj & 0xff);
		else
			play_note(ctx, _("key = project id 0x%02lx << 24 | device 0x%02lx << 16 | inode 0x%04lx (of inode %lu)"),
				  (unsigned long)proj & 0xff, (unsigned long)sb.st_dev & 0xff,
				  (unsigned long)sb.st_ino & 0xffff, (unsigned long)sb.st_ino);
	}
	return 0;
}

/* Show the get call CALL that returned ID for an object of KIND: on
 * success the identifier is the one this process holds for KIND and {id},
 * and the object is registered if this tutor created it (FLAGS). */
static int
show_get(struct play_ctx *ctx, const struct call *call, enum ipc_kind kind, int id, int flags __attribute__((unused)))
{
	play_call(ctx, call);
	if (id < 0)
		return 0;
	if (kind == KIND_MSG)
		ctx->state->qid = id;
	else if (kind == KIND_SEM)
		ctx->state->semid = id;
	else
		ctx->state->shmid = id;
	play_var(ctx, "id", "%d", id);
	play_after_get(ctx, kind, call);
	return 0;
}

int
msgget_command(struct play_ctx *ctx, int argc, char **argv)
{
	struct call call;
	key_t key;
	int flags = 0, id;

	(void)argc;
	if (play_arg_key(ctx, argv[1], &key) != 0 || (argc > 2 && play_arg_flags(ctx, FLAGS_GET, argv[2], &flags) != 0))
		return -1;
	id = ipc_msgget(key, flags, &call);
	return show_get(ctx, &call, KIND_MSG, id, flags);
}

/* Refuse a call that would block the tutor itself; explain where it goes. */
static int
refuse_blocking(struct play_ctx *ctx, int flags, const char *command)
{
	if (ctx->may_block || (flags & IPC_NOWAIT))
		return 0;
	play_error(ctx, _("%s without IPC_NOWAIT may block, and the tutor must not: run it in a client (client %s ...) or add IPC_NOWAIT."),
		   command, command);
	return -1;
}

int
msgsnd_command(struct play_ctx *ctx, int argc, char **argv)
{
	struct call call;
	int id, flags = 0;

	if (play_arg_id(ctx, argv[1], &id) != 0
	    || (argc > 3 && play_arg_flags(ctx, FLAGS_MSGSND, argv[3], &flags) != 0))
		return -1;
	/* The tutor itself never waits on a full queue: it adds IPC_NOWAIT,
	 * which the call as shown makes visible. */
	if (!ctx->may_block)
		flags |= IPC_NOWAIT;
	ipc_msgsnd(id, 1, argv[2], flags, &call);
	play_call(ctx, &call);
	return 0;
}

int
msgrcv_command(struct play_ctx *ctx, int argc, char **argv)
{
	struct call call;
	long type = 0;
	int id, flags = 0;

	if (play_arg_id(ctx, argv[1], &id) != 0
	    || (argc > 2 && play_arg_long(ctx, argv[2], _("message type"), -2147483647L, 2147483647L, &type) != 0)
	    || (argc > 3 && play_arg_flags(ctx, FLAGS_MSGRCV, argv[3], &flags) != 0)
	    || refuse_blocking(ctx, flags, "msgrcv") != 0)
		return -1;
	ipc_msgrcv(id, type, flags, &call);
	play_call(ctx, &call);
	return 0;
}

/* Parse "stat" / "rmid" (and the other control words) for the ctl calls. */
static int
ctl_arg(struct play_ctx *ctx, const char *text, int *cmd)
{
	if (ctl_parse(text, cmd) == PARSE_OK)
		return 0;
	play_error(ctx, _("Unknown control command \"%s\": use stat or rmid (IPC_STAT, IPC_RMID)."), text);
	return -1;
}

/* msgctl and shmctl as the playground offers them: IPC_STAT or IPC_RMID
 * on ARGV[1], through CTL (ipc_msgctl or ipc_shmctl, which take the same
 * arguments). */
static int
stat_or_remove(struct play_ctx *ctx, char **argv, enum ipc_kind kind,
	       int (*ctl)(int, int, struct ipc_stat *, struct call *))
{
	struct call call;
	int id, cmd;

	if (play_arg_id(ctx, argv[1], &id) != 0 || ctl_arg(ctx, argv[2], &cmd) != 0)
		return -1;
	if (cmd != IPC_STAT && cmd != IPC_RMID) {
		play_error(ctx, _("%s takes stat or rmid here."), argv[0]);
		return -1;
	}
	if (ctl(id, cmd, NULL, &call) == 0 && cmd == IPC_RMID)
		play_after_rmid(ctx, kind, id);
	play_call(ctx, &call);
	return 0;
}

int
msgctl_command(struct play_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	return stat_or_remove(ctx, argv, KIND_MSG, ipc_msgctl);
}

int
semget_command(struct play_ctx *ctx, int argc, char **argv)
{
	struct call call;
	key_t key;
	long nsems;
	int flags = 0, id;

	if (play_arg_key(ctx, argv[1], &key) != 0
	    || play_arg_long(ctx, argv[2], _("number of semaphores"), 0, 32000, &nsems) != 0
	    || (argc > 3 && play_arg_flags(ctx, FLAGS_GET, argv[3], &flags) != 0))
		return -1;
	id = ipc_semget(key, (int)nsems, flags, &call);
	return show_get(ctx, &call, KIND_SEM, id, flags);
}

int
semop_command(struct play_ctx *ctx, int argc, char **argv)
{
	struct call call;
	long num, op;
	int id, flags = 0;

	if (play_arg_id(ctx, argv[1], &id) != 0
	    || play_arg_long(ctx, argv[2], _("semaphore number"), 0, 65535, &num) != 0
	    || play_arg_long(ctx, argv[3], _("operation"), -32768, 32767, &op) != 0
	    || (argc > 4 && play_arg_flags(ctx, FLAGS_SEMOP, argv[4], &flags) != 0)
	    || refuse_blocking(ctx, flags, "semop") != 0)
		return -1;
	ipc_semop(id, (unsigned short)num, (short)op, (short)flags, &call);
	play_call(ctx, &call);
	return 0;
}

int
semctl_command(struct play_ctx *ctx, int argc, char **argv)
{
	struct call call;
	long num, value = 0;
	int id, cmd;

	if (play_arg_id(ctx, argv[1], &id) != 0
	    || play_arg_long(ctx, argv[2], _("semaphore number"), 0, 65535, &num) != 0
	    || ctl_arg(ctx, argv[3], &cmd) != 0)
		return -1;
	if (cmd == SETVAL) {
		if (argc < 5) {
			play_error(ctx, _("setval needs a value: semctl ID NUM setval VALUE."));
			return -1;
		}
		if (play_arg_long(ctx, argv[4], _("value"), 0, 32767, &value) != 0)
			return -1;
	}
	if (ipc_semctl(id, (int)num, cmd, (int)value, NULL, &call) == 0 && cmd == IPC_RMID)
		play_after_rmid(ctx, KIND_SEM, id);
	play_call(ctx, &call);
	return 0;
}

int
shmget_command(struct play_ctx *ctx, int argc, char **argv)
{
	struct call call;
	key_t key;
	long size;
	int flags = 0, id;

	if (play_arg_key(ctx, argv[1], &key) != 0
	    || play_arg_long(ctx, argv[2], _("size in bytes"), 0, (long)SHM_SIZE_MAX, &size) != 0
	    || (argc > 3 && play_arg_flags(ctx, FLAGS_GET, argv[3], &flags) != 0))
		return -1;
	id = ipc_shmget(key, (size_t)size, flags, &call);
	return show_get(ctx, &call, KIND_SHM, id, flags);
}

/* The most recent attachment of ID in this process, or NULL. */
static struct attachment *
find_attachment(struct actor_state *st, int id)
{
	for (size_t i = st->natt; i-- > 0;)
		if (st->att[i].id == id)
			return &st->att[i];
	return NULL;
}

int
shmat_command(struct play_ctx *ctx, int argc, char **argv)
{
	struct actor_state *st = ctx->state;
	struct ipc_stat info;
	struct call call, probe;
	int id, flags = 0;
	void *addr;

	if (play_arg_id(ctx, argv[1], &id) != 0
	    || (argc > 2 && play_arg_flags(ctx, FLAGS_SHMAT, argv[2], &flags) != 0))
		return -1;
	if (st->natt == MAX_ATTACHMENTS) {
		play_error(ctx, _("this process already has %d attachments: detach one first (shmdt)."),
			   MAX_ATTACHMENTS);
		return -1;
	}
	addr = ipc_shmat(id, flags, &call);
	if (addr != (void *)-1) {
		st->att[st->natt].id = id;
		st->att[st->natt].addr = addr;
		st->att[st->natt].readonly = (flags & SHM_RDONLY) != 0;
		/* The size is needed to read safely; a failed stat leaves one page. */
		st->att[st->natt].size = ipc_shmctl(id, IPC_STAT, &info, &probe) == 0 ? info.size : 4096;
		st->natt++;
	}
	play_call(ctx, &call);
	return 0;
}

int
shmdt_command(struct play_ctx *ctx, int argc, char **argv)
{
	struct actor_state *st = ctx->state;
	struct attachment *a;
	struct call call;
	int id;

	if (argc > 1) {
		if (play_arg_id(ctx, argv[1], &id) != 0)
			return -1;
		a = find_attachment(st, id);
	} else {
		a = st->natt > 0 ? &st->att[st->natt - 1] : NULL;
	}
	if (a == NULL) {
		play_error(ctx, argc > 1 ? _("No segment with that identifier is attached here: shmat ID attaches one.")
				       : _("No segment is attached here: shmat ID attaches one."));
		return -1;
	}
	if (ipc_shmdt(a->addr, &call) == 0) {
		size_t i = (size_t)(a - st->att);
		memmove(&st->att[i], &st->att[i + 1], (st->natt - i - 1) * sizeof *a);
		st->natt--;
	}
	play_call(ctx, &call);
	return 0;
}

int
shmctl_command(struct play_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	return stat_or_remove(ctx, argv, KIND_SHM, ipc_shmctl);
}

/* The attachment shmread and shmwrite use: of ID, or the latest. */
static struct attachment *
attachment_arg(struct play_ctx *ctx, const char *text)
{
	struct attachment *a = NULL;
	int id;

	if (text != NULL) {
		if (play_arg_id(ctx, text, &id) != 0)
			return NULL;
		a = find_attachment(ctx->state, id);
	} else if (ctx->state->natt > 0) {
		a = &ctx->state->att[ctx->state->natt - 1];
	}
	if (a == NULL)
		play_error(ctx, _("No such segment is attached here: shmat ID attaches one."));
	return a;
}

int
shmread_command(struct play_ctx *ctx, int argc, char **argv)
{
	struct attachment *a = attachment_arg(ctx, argc > 1 ? argv[1] : NULL);
	struct call call;

	if (a == NULL)
		return -1;
	ipc_shm_read(a->addr, a->size, &call);
	play_call(ctx, &call);
	return 0;
}

int
shmwrite_command(struct play_ctx *ctx, int argc, char **argv)
{
	struct attachment *a = attachment_arg(ctx, argc > 2 ? argv[1] : NULL);
	struct call call;

	if (a == NULL)
		return -1;
	/* A store into a read-only mapping is a SIGSEGV: the process would
	 * die (the tutor itself with its progress), so it is explained. */
	if (a->readonly) {
		play_error(ctx, _("Segment %d is attached read-only (SHM_RDONLY): a store into it would kill this process with SIGSEGV, so nothing is written. Attach it without SHM_RDONLY to write."),
			   a->id);
		return -1;
	}
	ipc_shm_write(a->addr, a->size, argv[argc - 1], &call);
	play_call(ctx, &call);
	return 0;
}
