/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * calls.h: the playground's system call commands, one function per row of
 * its table (playground.c): "msgget KEY FLAGS" runs msgget_command with
 * ARGV[0] = "msgget".  The same functions run in the tutor and inside a
 * server or client process; only the context's sink differs.
 */
#ifndef IPCTUTOR_CALLS_H
#define IPCTUTOR_CALLS_H

#include "play.h"

int key_command(struct play_ctx *ctx, int argc, char **argv);
int msgget_command(struct play_ctx *ctx, int argc, char **argv);
int msgsnd_command(struct play_ctx *ctx, int argc, char **argv);
int msgrcv_command(struct play_ctx *ctx, int argc, char **argv);
int msgctl_command(struct play_ctx *ctx, int argc, char **argv);
int semget_command(struct play_ctx *ctx, int argc, char **argv);
int semop_command(struct play_ctx *ctx, int argc, char **argv);
int semctl_command(struct play_ctx *ctx, int argc, char **argv);
int shmget_command(struct play_ctx *ctx, int argc, char **argv);
int shmat_command(struct play_ctx *ctx, int argc, char **argv);
int shmdt_command(struct play_ctx *ctx, int argc, char **argv);
int shmctl_command(struct play_ctx *ctx, int argc, char **argv);
int shmread_command(struct play_ctx *ctx, int argc, char **argv);
int shmwrite_command(struct play_ctx *ctx, int argc, char **argv);

#endif
