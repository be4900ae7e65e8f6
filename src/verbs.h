/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * verbs.h: the lesson's cast — a server and up to two clients, each a real
 * process (agent.c) — and what they do: the server's start-up with the
 * recovery pattern, its crash and its clean stop; the client's look-up,
 * send (plain or robust), receive, and the shared memory with its companion
 * semaphore.  Each verb is a row of the playground's table (playground.c).
 */
#ifndef IPCTUTOR_VERBS_H
#define IPCTUTOR_VERBS_H

#include "play.h"

/* The verbs the tutor carries out itself for the process ACTOR ("server",
 * "client", "client2"): ARGV[0] is the verb, its arity already checked.
 * start [MODE], crash and restart are the server's; open [MODE] a
 * client's; stop ends either.  Each says what became of the process; 0,
 * or -1 when refused. */
int verb_start(struct play_ctx *ctx, const char *actor, int argc, char **argv);
int verb_crash(struct play_ctx *ctx, const char *actor, int argc, char **argv);
int verb_restart(struct play_ctx *ctx, const char *actor, int argc, char **argv);
int verb_stop(struct play_ctx *ctx, const char *actor, int argc, char **argv);
int verb_open(struct play_ctx *ctx, const char *actor, int argc, char **argv);

/* Send the command ARGV (a verb or a call, checked already) to the process
 * ACTOR, starting a client on first use, and say what became of it: done,
 * asleep in a call, or dead.  0, or -1 when refused. */
int verb_forward(struct play_ctx *ctx, const char *actor, int argc, char **argv);

/* The lines the tutor sends its own server and client processes: the
 * server's start-up (VERB_SERVE KEY MODE), a client's look-up (VERB_LOOKUP
 * KEY MODE) and a clean stop.  Hidden rows of the playground's table. */
#define VERB_SERVE "_serve"
#define VERB_LOOKUP "_lookup"
#define VERB_SHUTDOWN "_shutdown"

/* Verbs that run inside a server or client process. */
int verb_serve(struct play_ctx *ctx, int argc, char **argv);
int verb_shutdown(struct play_ctx *ctx, int argc, char **argv);
int verb_lookup(struct play_ctx *ctx, int argc, char **argv);
int verb_send(struct play_ctx *ctx, int argc, char **argv);
int verb_recv(struct play_ctx *ctx, int argc, char **argv);
int verb_lock(struct play_ctx *ctx, int argc, char **argv);
int verb_unlock(struct play_ctx *ctx, int argc, char **argv);
int verb_read(struct play_ctx *ctx, int argc, char **argv);
int verb_write(struct play_ctx *ctx, int argc, char **argv);

/* The recovery pattern of lesson 3, for any KIND: create KEY with
 * IPC_CREAT|IPC_EXCL|0600; on EEXIST look the survivor up, check with
 * IPC_STAT that it is ours (creator uid and mode 0600), remove it, create
 * again.  Every call goes through CTX.  SIZE is the segment size (shm) or
 * the number of semaphores.  Returns the new identifier, or -1 (an object
 * that is not ours is left alone, with ctx->exit_status set to 1). */
int verb_recover(struct play_ctx *ctx, enum ipc_kind kind, key_t key, size_t size);

#endif
