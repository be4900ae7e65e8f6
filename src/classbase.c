/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * classbase.c: what the classroom's server, client and watch share (see
 * classbase.h): how their calls are shown, stopping on a signal, the
 * agreed key and the "starting" lock on the key file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <unistd.h>

#include "classbase.h"
#include "flags.h"
#include "i18n.h"
#include "ipc.h"
#include "meaning.h"
#include "render.h"
#include "util.h"

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

const struct play_sink class_sink = {
	show_call, show_note, show_error, ignore_var, ignore_object, ignore_object,
};

/* A sentence of its own, not under a call: what the class should see. */
void
class_say(const char *fmt, ...)
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

volatile sig_atomic_t class_stopping;
volatile sig_atomic_t class_wake_qid = -1;
int class_wake_pipe[2] = { -1, -1 };

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
	class_stopping = sig;
	if (class_wake_qid >= 0)
		(void)msgsnd(class_wake_qid, &wake, 0, IPC_NOWAIT);
	if (class_wake_pipe[1] >= 0)
		(void)!write(class_wake_pipe[1], "", 1);
	errno = saved;
}

void
class_catch_stop_signals(void)
{
	struct sigaction sa;

	if (pipe2(class_wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		class_wake_pipe[0] = class_wake_pipe[1] = -1;
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
int
class_agreed_key(struct play_ctx *ctx, char *text, size_t len)
{
	const char *path = play_key_path();
	struct call call;
	key_t key = ipc_ftok(path, KEY_PROJECT, &call);

	play_call(ctx, &call);
	if (key == -1)
		return -1;
	key_format(key, text, len);
	class_say(_("Key file %s, project id '%c': key %s. Every server and client of user %lu uses this key; other users have their own."),
	    path, KEY_PROJECT, text, (unsigned long)geteuid());
	return 0;
}

/* The number at the start of the text msgrcv received.  ipc.c keeps the
 * text only in the record it makes: msgrcv(3, {1, "4242 ..."}, ...). */
int
class_received_number(const struct call *call, long *value)
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

/* Set (TYPE F_WRLCK or F_RDLCK) or release (F_UNLCK) the "starting" lock
 * on the key file FD, waiting for it when WAIT.  0 or -1 (errno set). */
int
class_starting_lock(int fd, short type, int wait)
{
	struct flock fl;

	memset(&fl, 0, sizeof fl);
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	return fcntl(fd, wait ? F_SETLKW : F_SETLK, &fl);
}
