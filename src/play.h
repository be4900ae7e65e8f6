/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * play.h: the playground, where commands make real calls.  The same command
 * ("msgsnd 3 hello") can run in the tutor itself or in a server or client
 * process; what differs is where its results go.  A play_ctx names the
 * process and carries a sink: in the tutor the sink prints at once, in a
 * server or client it writes records on the pipe to the tutor, which prints
 * them under that process's name.  Command code calls only the play_*
 * functions below, so it never knows which it is.
 */
#ifndef IPCTUTOR_PLAY_H
#define IPCTUTOR_PLAY_H

#include <stddef.h>
#include <sys/types.h>

#include "procview.h"
#include "trace.h"

#define MAX_ATTACHMENTS 16

/* What one process holds: the key it agreed on, the identifiers it keeps,
 * the segments it has attached.  The tutor has one; each server and client
 * process has its own copy. */
struct actor_state {
	key_t key;
	int have_key;
	int qid, semid, shmid;        /* -1: none (0 is a valid identifier) */
	struct attachment {
		int id;
		void *addr;
		size_t size;
		int readonly;         /* attached SHM_RDONLY */
	} att[MAX_ATTACHMENTS];
	size_t natt;
};

struct play_ctx;

struct play_sink {
	void (*call)(struct play_ctx *ctx, const struct call *call);
	void (*note)(struct play_ctx *ctx, const char *text);
	void (*error)(struct play_ctx *ctx, const char *text);
	void (*var)(struct play_ctx *ctx, const char *name, const char *value);
	void (*created)(struct play_ctx *ctx, enum ipc_kind kind, int id);
	void (*removed)(struct play_ctx *ctx, enum ipc_kind kind, int id);
};

struct play_ctx {
	const char *actor;            /* "you", "server", "client", "client2" */
	int may_block;                /* only server and client processes may */
	struct actor_state *state;
	const struct play_sink *sink;
	int fd;                       /* agent sink: the pipe to the tutor */
	int exit_status;              /* >= 0: the process gives up and exits
					 with this status after the command */
};

void actor_state_init(struct actor_state *st);

/* Set by main: the tutor runs in a private IPC namespace of its own, where
 * long experiments (churn, restartcost) disturb nobody. */
extern int play_private_namespace;

/* One sentence and -1 unless in a private namespace; else 0. */
int play_need_private(struct play_ctx *ctx, const char *command);

/* Report through the context's sink. */
void play_call(struct play_ctx *ctx, const struct call *call);
void play_note(struct play_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void play_error(struct play_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void play_var(struct play_ctx *ctx, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Argument parsers that report a bad argument in one sentence through CTX
 * and return -1; WHAT names the argument for the learner ("identifier"). */
int play_arg_key(struct play_ctx *ctx, const char *text, key_t *key);
int play_arg_long(struct play_ctx *ctx, const char *text, const char *what, long min, long max,
		  long *out);
int play_arg_flags(struct play_ctx *ctx, int context, const char *text, int *flags);
int play_arg_id(struct play_ctx *ctx, const char *text, int *id);

/* After the get CALL: register the object if the call created it
 * (CALL->created: IPC_PRIVATE, or IPC_CREAT where the key had no object
 * before).  An object that existed is never adopted, whoever made it. */
struct call;
void play_after_get(struct play_ctx *ctx, enum ipc_kind kind, const struct call *call);
void play_after_rmid(struct play_ctx *ctx, enum ipc_kind kind, int id);

/* The key file every tutor process of this user agrees on (created empty
 * when missing), and the project id used with it. */
const char *play_key_path(void);

/* --shared: while another --shared tutor of this user runs (it holds a
 * lock beside the key file), the key file is one of this session alone
 * (removed at exit), so that two tutors never take each other's objects
 * for leftovers of a crashed server. */
void play_key_own_session(void);
#define KEY_PROJECT 'T'

#endif
