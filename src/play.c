/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * play.c: what every playground command stands on (see play.h): the
 * context and its sink, the argument parsers that refuse in one sentence,
 * the registration of what this tutor created, and the agreed key file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/file.h>
#include <unistd.h>

#include "flags.h"
#include "i18n.h"
#include "ipc.h"
#include "reproducible.h"
#include "play.h"
#include "util.h"


int play_private_namespace;

int
play_need_private(struct play_ctx *ctx, const char *command)
{
	if (play_private_namespace)
		return 0;
	play_error(ctx, _("%s runs only in the tutor's private IPC namespace, where it disturbs nobody; start the tutor without --shared."),
		   command);
	return -1;
}

void
actor_state_init(struct actor_state *st)
{
	memset(st, 0, sizeof *st);
	st->qid = st->semid = st->shmid = -1;
}

void
play_call(struct play_ctx *ctx, const struct call *call)
{
	ctx->sink->call(ctx, call);
}

/* Format FMT into a buffer and hand it to SEND. */
static void
vsend(struct play_ctx *ctx, void (*send)(struct play_ctx *, const char *), const char *fmt, va_list ap)
{
	char *text = xvasprintf(fmt, ap);
	/* The arguments may be the learner's input: shown escaped. */
	char *shown = text_escaped(text, 1);

	send(ctx, shown);
	free(shown);
	free(text);
}

void
play_note(struct play_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsend(ctx, ctx->sink->note, fmt, ap);
	va_end(ap);
}

void
play_error(struct play_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsend(ctx, ctx->sink->error, fmt, ap);
	va_end(ap);
}

void
play_var(struct play_ctx *ctx, const char *name, const char *fmt, ...)
{
	va_list ap;
	char *value;

	va_start(ap, fmt);
	value = xvasprintf(fmt, ap);
	va_end(ap);
	ctx->sink->var(ctx, name, value);
	free(value);
}

int
play_arg_key(struct play_ctx *ctx, const char *text, key_t *key)
{
	if (key_parse(text, key) == PARSE_OK)
		return 0;
	play_error(ctx, _("\"%s\" is not a key: write a number such as 0x54010203, IPC_PRIVATE, or {key} after running key."),
		   text);
	return -1;
}

int
play_arg_long(struct play_ctx *ctx, const char *text, const char *what, long min, long max, long *out)
{
	switch (parse_long(text, min, max, out)) {
	case PARSE_OK:
		return 0;
	case PARSE_OUT_OF_RANGE:
		play_error(ctx, _("The %s %s is out of range: it must be between %ld and %ld."), what, text, min, max);
		return -1;
	default:
		play_error(ctx, _("\"%s\" is not a number (%s expected)."), text, what);
		return -1;
	}
}

int
play_arg_flags(struct play_ctx *ctx, int context, const char *text, int *flags)
{
	const char *bad = NULL;
	size_t badlen = 0;

	switch (flags_parse((enum flag_context)context, text, flags, &bad, &badlen)) {
	case PARSE_OK:
		return 0;
	case PARSE_UNKNOWN_NAME:
		play_error(ctx, _("Unknown flag \"%.*s\": press Tab for the names, e.g. IPC_CREAT|IPC_EXCL|0600."),
			   (int)badlen, bad ? bad : text);
		return -1;
	case PARSE_WRONG_NAME:
		play_error(ctx, _("The flag \"%.*s\" does not belong to this call."), (int)badlen, bad ? bad : text);
		return -1;
	default:
		play_error(ctx, _("\"%s\" is not a flag expression such as IPC_CREAT|0600."), text);
		return -1;
	}
}

int
play_arg_id(struct play_ctx *ctx, const char *text, int *id)
{
	long v;

	if (play_arg_long(ctx, text, _("identifier"), -2147483648L, 2147483647L, &v) != 0)
		return -1;
	*id = (int)v;
	return 0;
}

void
play_after_get(struct play_ctx *ctx, enum ipc_kind kind, const struct call *call)
{
	if (call->created)
		ctx->sink->created(ctx, kind, (int)call->ret);
}

void
play_after_rmid(struct play_ctx *ctx, enum ipc_kind kind, int id)
{
	ctx->sink->removed(ctx, kind, id);
	if (kind == KIND_MSG && ctx->state->qid == id)
		ctx->state->qid = -1;
	if (kind == KIND_SEM && ctx->state->semid == id)
		ctx->state->semid = -1;
}

static char *key_path;      /* once chosen, for the process's life */
static char *key_session;   /* a key file made for this session alone */

static void
remove_session_key(void)
{
	if (key_session != NULL)
		unlink(key_session);
}

/* The folder for key files: the run directory when one is set, else
 * $XDG_RUNTIME_DIR when usable, else /tmp. */
static const char *
key_dir(void)
{
	const char *dir = getenv("XDG_RUNTIME_DIR");

	if (run_dir() != NULL)
		return run_dir();
	return dir != NULL && dir[0] == '/' && access(dir, W_OK) == 0 ? dir : "/tmp";
}

/* Make an empty key file of this session alone (mkstemp: a name nobody
 * could plant), removed at exit.  Returns its path or NULL. */
static char *
make_session_key(void)
{
	char *path = xasprintf("%s/ipctutor-%ld.XXXXXX", key_dir(), (long)geteuid());
	int fd = mkostemp(path, O_CLOEXEC);

	if (fd < 0) {
		free(path);
		return NULL;
	}
	close(fd);
	key_session = path;
	atexit(remove_session_key);
	return path;
}

void
play_key_own_session(void)
{
	const char *shared = play_key_path();
	char *lock = xasprintf("%s.session", shared);
	int fd = open_own_file(lock, O_RDONLY | O_CREAT, 0600);

	free(lock);
	/* The first --shared tutor of this user keeps the lock (for its
	 * life: the descriptor stays open) and the usual key file; another
	 * one running meanwhile makes a key file of its own. */
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
		return;
	if (fd >= 0)
		close(fd);
	char *mine = make_session_key();
	if (mine != NULL) {
		free(key_path);
		key_path = mine;
		repro_add(key_path, "$KEYFILE");
	}
}

const char *
play_key_path(void)
{
	const char *dir = getenv("XDG_RUNTIME_DIR");
	int fd;

	if (key_path != NULL)
		return key_path;
	if (run_dir() != NULL)
		key_path = xasprintf("%s/ipctutor-%ld.key", run_dir(), (long)geteuid());
	else if (dir != NULL && dir[0] == '/' && access(dir, W_OK) == 0)
		key_path = xasprintf("%s/ipctutor.key", dir);
	else
		key_path = xasprintf("/tmp/ipctutor-%ld.key", (long)geteuid());
	/* In /tmp, another user may have planted a link, a FIFO (an open
	 * would wait for ever) or a file of theirs (its locks would stall
	 * our server and client): only a regular file of ours will do. */
	fd = open_own_file(key_path, O_RDONLY | O_CREAT, 0600);
	if (fd >= 0) {
		close(fd);
	} else {
		int e = errno;
		char *mine = make_session_key();
		fprintf(stderr, "%s: ", PACKAGE);
		fprintf(stderr, _("The key file %s is not a regular file of yours (%s), so it is not used: this session makes its own, %s."),
			key_path, strerror(e), mine != NULL ? mine : "?");
		fputc('\n', stderr);
		if (mine != NULL) {
			free(key_path);
			key_path = mine;
		}
	}
	repro_add(key_path, "$KEYFILE");
	return key_path;
}
