/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * classbase.h: inside the classroom programs (classroom.h is their face):
 * the message types of the sequence-number protocol, the options, and
 * what the server (classserver.c), the client (classclient.c) and watch
 * (classroom.c) share (classbase.c).
 */
#ifndef IPCTUTOR_CLASSBASE_H
#define IPCTUTOR_CLASSBASE_H

#include <signal.h>
#include <stddef.h>

#include "play.h"

#define REQUEST_TYPE 1L
#define WAKE_TYPE 2L
#define REPLY_TYPE(pid) ((long)(pid) + WAKE_TYPE)
#define MAX_ATTEMPTS 3

struct classroom_options {
	int shm, naive, once;
	long count;           /* client: requests to send; -1 = one per line */
};

/* Shows the calls of the process the play_ctx names, as the tutor does;
 * values and objects are not tracked (each program is on its own). */
extern const struct play_sink class_sink;

/* A sentence of its own, not under a call: what the class should see. */
void class_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The stop signal caught (SIGINT, SIGTERM, SIGHUP), or 0.  A signal also
 * wakes the server asleep in msgrcv on CLASS_WAKE_QID (a message of type
 * WAKE_TYPE) and a poll() on CLASS_WAKE_PIPE[0]. */
extern volatile sig_atomic_t class_stopping;
extern volatile sig_atomic_t class_wake_qid;
extern int class_wake_pipe[2];
void class_catch_stop_signals(void);

/* Make the key from the user's key file, showing the ftok call, and write
 * it as text into TEXT for the verbs that take it.  0 or -1. */
int class_agreed_key(struct play_ctx *ctx, char *text, size_t len);

/* The number at the start of the text msgrcv received, from CALL's
 * record: msgrcv(3, {1, "4242 ..."}, ...).  0 or -1. */
int class_received_number(const struct call *call, long *value);

/* Set (TYPE F_WRLCK or F_RDLCK) or release (F_UNLCK) the "starting" lock
 * on the key file FD, waiting for it when WAIT.  0 or -1 (errno set). */
int class_starting_lock(int fd, short type, int wait);

/* The server and the client; the exit status. */
int class_run_server(const struct classroom_options *o);
int class_run_client(const struct classroom_options *o);

#endif
