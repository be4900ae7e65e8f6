/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * ipc.c: the System V IPC wrappers (see ipc.h).  Each wrapper formats its
 * arguments first, makes the one call, then records the result and errno
 * before anything else can change errno.  Message texts travel as mtype 1
 * messages of at most MSG_TEXT_MAX bytes, enough for a lesson and small
 * enough to show on one line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>

#include "flags.h"
#include "ipc.h"

#define MSG_TEXT_MAX 128
#define SHOW_BYTES 48

void (*ipc_before_blocking)(long syscall_nr, const char *head);

struct message {
	long mtype;
	char mtext[MSG_TEXT_MAX];
};

/* Start a record of call ID: the call text from FMT, result not yet known. */
static void
begin(struct call *call, enum call_id id, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
begin(struct call *call, enum call_id id, const char *fmt, ...)
{
	va_list ap;

	memset(call, 0, sizeof *call);
	call->id = id;
	call->kind = RET_INT;
	va_start(ap, fmt);
	vsnprintf(call->text, sizeof call->text, fmt, ap);
	va_end(ap);
}

/* Finish a record with RET and, when RET is -1, the errno saved by the
 * caller right after the call. */
static long
finish(struct call *call, long ret, int saved_errno)
{
	call->ret = ret;
	call->err = ret == -1 ? saved_errno : 0;
	errno = saved_errno;
	return ret;
}

long (*ipc_before_create)(enum ipc_kind kind, key_t key);
void (*ipc_after_create)(long token, enum ipc_kind kind, key_t key, int id);

/* The raw get call of KIND. */
static int
raw_get(enum ipc_kind kind, key_t key, size_t size, int flags)
{
	return kind == KIND_MSG ? msgget(key, flags)
	     : kind == KIND_SEM ? semget(key, (int)size, flags)
	     : shmget(key, size, flags);
}

/* One get call of KIND, recorded in CALL (its text already begun): made
 * with the creation hooks around it, and CALL->created set when it made a
 * new object.  IPC_PRIVATE always creates; IPC_CREAT|IPC_EXCL creates when
 * it succeeds; plain IPC_CREAT creates only if the key had no object just
 * before (asked with a get call of flags 0, not shown: the learner did
 * not make it).  An object that existed is never taken for ours. */
static int
get_call(enum ipc_kind kind, key_t key, size_t size, int flags, struct call *call)
{
	int may_create = key == IPC_PRIVATE || (flags & IPC_CREAT);
	int existed = 0, id, saved;
	long token = 0;

	if (may_create && key != IPC_PRIVATE && !(flags & IPC_EXCL))
		existed = raw_get(kind, key, 0, 0) >= 0;
	if (may_create && !existed && ipc_before_create != NULL)
		token = ipc_before_create(kind, key);
	id = raw_get(kind, key, size, flags);
	saved = errno;
	call->created = may_create && !existed && id >= 0;
	if (may_create && !existed && ipc_after_create != NULL)
		ipc_after_create(token, kind, key, call->created ? id : -1);
	return (int)finish(call, id, saved);
}

/* HEAD: what is known of the call before it is made; NULL: all of
 * CALL's text but its closing parenthesis. */
static void
announce_blocking(int flags, long nr, const struct call *call, const char *head)
{
	char text[CALL_TEXT_MAX];

	if ((flags & IPC_NOWAIT) || ipc_before_blocking == NULL)
		return;
	if (head == NULL) {
		size_t n = strlen(call->text);
		snprintf(text, sizeof text, "%.*s", (int)(n > 0 ? n - 1 : 0), call->text);
		head = text;
	}
	ipc_before_blocking(nr, head);
}

key_t
ipc_ftok(const char *path, int proj, struct call *call)
{
	char quoted[CALL_TEXT_MAX / 2];
	key_t key;

	trace_quote(path, strlen(path), 80, quoted, sizeof quoted);
	begin(call, CALL_FTOK, "ftok(\"%s\", %d)", quoted, proj);
	key = ftok(path, proj);
	finish(call, key, errno);
	call->kind = RET_KEY;
	return key;
}

/* Start the record of a get call NAME (call id CID) on KEY with FLAGS;
 * MIDDLE is the argument between them ("" for msgget, ", 1" for semget). */
static void
begin_get(struct call *call, enum call_id cid, const char *name, key_t key, const char *middle, int flags)
{
	char k[24], f[64];

	key_format(key, k, sizeof k);
	flags_format(FLAGS_GET, flags, f, sizeof f);
	begin(call, cid, "%s(%s%s, %s)", name, k, middle, f);
}

int
ipc_msgget(key_t key, int flags, struct call *call)
{
	begin_get(call, CALL_MSGGET, "msgget", key, "", flags);
	return get_call(KIND_MSG, key, 0, flags, call);
}

int
ipc_msgsnd(int id, long type, const char *text, int flags, struct call *call)
{
	struct message m = { type, { 0 } };
	size_t len = strnlen(text, sizeof m.mtext);
	char quoted[SHOW_BYTES * 4 + 8], f[64];

	memcpy(m.mtext, text, len);
	trace_quote(text, len, SHOW_BYTES, quoted, sizeof quoted);
	flags_format(FLAGS_MSGSND, flags, f, sizeof f);
	begin(call, CALL_MSGSND, "msgsnd(%d, {%ld, \"%s\"}, %zu, %s)", id, type, quoted, len, f);
	announce_blocking(flags, SYS_msgsnd, call, NULL);
	int r = msgsnd(id, &m, len, flags);
	return (int)finish(call, r, errno);
}

long
ipc_msgrcv(int id, long type, int flags, struct call *call)
{
	struct message m = { 0, { 0 } };
	char quoted[SHOW_BYTES * 4 + 8], f[64];

	flags_format(FLAGS_MSGRCV, flags, f, sizeof f);
	char head[32];
	snprintf(head, sizeof head, "msgrcv(%d, ", id);
	announce_blocking(flags, SYS_msgrcv, call, head);
	ssize_t n = msgrcv(id, &m, sizeof m.mtext, type, flags);
	int saved = errno;
	if (n >= 0) {
		trace_quote(m.mtext, (size_t)n, SHOW_BYTES, quoted, sizeof quoted);
		begin(call, CALL_MSGRCV, "msgrcv(%d, {%ld, \"%s\"}, %zu, %ld, %s)", id, m.mtype, quoted,
		      sizeof m.mtext, type, f);
	} else {
		/* The buffer address differs from run to run and says nothing. */
		begin(call, CALL_MSGRCV, "msgrcv(%d, {...}, %zu, %ld, %s)", id, sizeof m.mtext, type, f);
	}
	return finish(call, n, saved);
}

/* Start the record of a msgctl or shmctl (NAME, call id CID). */
static void
begin_ctl(struct call *call, enum call_id cid, const char *name, int id, int cmd)
{
	char c[24];

	begin(call, cid, "%s(%d, %s%s)", name, id, ctl_text(cmd, c, sizeof c), cmd == IPC_STAT ? ", {...}" : ", NULL");
}

/* After a successful IPC_STAT: ST (unless NULL) gets GOT, and the call's
 * data shows "{key=..., cuid=..., mode=0SHOWN_MODE" and then TAIL_FMT. */
static void
stat_result(struct call *call, struct ipc_stat *st, const struct ipc_stat *got, unsigned shown_mode,
	    const char *tail_fmt, ...) __attribute__((format(printf, 5, 6)));

static void
stat_result(struct call *call, struct ipc_stat *st, const struct ipc_stat *got, unsigned shown_mode,
	    const char *tail_fmt, ...)
{
	char k[24];
	va_list ap;
	int n;

	key_format(got->key, k, sizeof k);
	n = snprintf(call->data, sizeof call->data, "{key=%s, cuid=%u, mode=0%o", k, (unsigned)got->cuid, shown_mode);
	if (n > 0 && (size_t)n < sizeof call->data) {
		va_start(ap, tail_fmt);
		vsnprintf(call->data + n, sizeof call->data - (size_t)n, tail_fmt, ap);
		va_end(ap);
	}
	if (st != NULL)
		*st = *got;
}

int
ipc_msgctl(int id, int cmd, struct ipc_stat *st, struct call *call)
{
	struct msqid_ds ds;

	memset(&ds, 0, sizeof ds);
	begin_ctl(call, CALL_MSGCTL, "msgctl", id, cmd);
	int r = msgctl(id, cmd, &ds);
	finish(call, r, errno);
	if (r == -1 || cmd != IPC_STAT)
		return r;
	struct ipc_stat got = { ds.msg_perm.__key, ds.msg_perm.cuid, ds.msg_perm.mode & 07777,
				ds.msg_qnum, 0, ds.msg_lspid, ds.msg_lrpid };
	stat_result(call, st, &got, got.mode, ", msg_qnum=%lu, msg_lspid=%ld, msg_lrpid=%ld}", got.count,
		    (long)got.pid1, (long)got.pid2);
	return r;
}

int
ipc_semget(key_t key, int nsems, int flags, struct call *call)
{
	char middle[24];

	snprintf(middle, sizeof middle, ", %d", nsems);
	begin_get(call, CALL_SEMGET, "semget", key, middle, flags);
	return get_call(KIND_SEM, key, (size_t)nsems, flags, call);
}

int
ipc_semop(int id, unsigned short num, short op, short flags, struct call *call)
{
	struct sembuf sb = { num, op, flags };
	char f[64];

	flags_format(FLAGS_SEMOP, flags, f, sizeof f);
	begin(call, CALL_SEMOP, "semop(%d, [{sem_num=%u, sem_op=%d, sem_flg=%s}], 1)", id, num, op, f);
	announce_blocking(flags, SYS_semop, call, NULL);
	int r = semop(id, &sb, 1);
	return (int)finish(call, r, errno);
}

/* GETALL needs an array of the set's size, which only IPC_STAT tells (not
 * shown: the learner asked for GETALL); the values come back as data. */
static int
semctl_getall(int id, int num, struct call *call)
{
	struct semid_ds ds;
	unsigned short *values = NULL;
	size_t n = 0, used = 0;
	int r, saved;

	memset(&ds, 0, sizeof ds);
	if (semctl(id, 0, IPC_STAT, &ds) == 0 && ds.sem_nsems > 0)
		n = (size_t)ds.sem_nsems;
	values = calloc(n > 0 ? n : 1, sizeof *values);
	begin(call, CALL_SEMCTL, "semctl(%d, %d, GETALL, [...])", id, num);
	r = values == NULL ? -1 : semctl(id, num, GETALL, values);
	saved = values == NULL ? ENOMEM : errno;
	finish(call, r, saved);
	if (r == 0) {
		call->data[0] = '\0';
		for (size_t i = 0; i < n && used + 16 < sizeof call->data; i++)
			used += (size_t)snprintf(call->data + used, sizeof call->data - used, "%s%u", i ? ", " : "[",
						 values[i]);
		snprintf(call->data + used, sizeof call->data - used, "%s", n > 0 ? "]" : "[]");
	}
	free(values);
	errno = saved;
	return r;
}

int
ipc_semctl(int id, int num, int cmd, int value, struct ipc_stat *st, struct call *call)
{
	struct semid_ds ds;
	char c[24];
	int r;

	memset(&ds, 0, sizeof ds);
	if (cmd == SETVAL) {
		begin(call, CALL_SEMCTL, "semctl(%d, %d, SETVAL, %d)", id, num, value);
		r = semctl(id, num, cmd, value);
	} else if (cmd == IPC_STAT) {
		begin(call, CALL_SEMCTL, "semctl(%d, %d, IPC_STAT, {...})", id, num);
		r = semctl(id, num, cmd, &ds);
	} else if (cmd == GETALL) {
		return semctl_getall(id, num, call);
	} else {
		begin(call, CALL_SEMCTL, "semctl(%d, %d, %s)", id, num, ctl_text(cmd, c, sizeof c));
		r = semctl(id, num, cmd);
	}
	finish(call, r, errno);
	if (r == -1 || cmd != IPC_STAT)
		return r;
	struct ipc_stat got = { ds.sem_perm.__key, ds.sem_perm.cuid, ds.sem_perm.mode & 07777,
				ds.sem_nsems, 0, 0, 0 };
	stat_result(call, st, &got, got.mode, ", sem_nsems=%lu}", got.count);
	return r;
}

int
ipc_shmget(key_t key, size_t size, int flags, struct call *call)
{
	char middle[24];

	snprintf(middle, sizeof middle, ", %zu", size);
	begin_get(call, CALL_SHMGET, "shmget", key, middle, flags);
	return get_call(KIND_SHM, key, size, flags, call);
}

void *
ipc_shmat(int id, int flags, struct call *call)
{
	char f[64];

	flags_format(FLAGS_SHMAT, flags, f, sizeof f);
	begin(call, CALL_SHMAT, "shmat(%d, NULL, %s)", id, f);
	void *addr = shmat(id, NULL, flags);
	int saved = errno;
	call->kind = RET_ADDR;
	finish(call, addr == (void *)-1 ? -1 : (long)addr, saved);
	return addr;
}

int
ipc_shmdt(void *addr, struct call *call)
{
	begin(call, CALL_SHMDT, "shmdt(%p)", addr);
	int r = shmdt(addr);
	return (int)finish(call, r, errno);
}

int
ipc_shmctl(int id, int cmd, struct ipc_stat *st, struct call *call)
{
	struct shmid_ds ds;

	memset(&ds, 0, sizeof ds);
	begin_ctl(call, CALL_SHMCTL, "shmctl", id, cmd);
	int r = shmctl(id, cmd, &ds);
	finish(call, r, errno);
	if (r == -1 || cmd != IPC_STAT)
		return r;
	struct ipc_stat got = { ds.shm_perm.__key, ds.shm_perm.cuid, ds.shm_perm.mode & 07777,
				ds.shm_nattch, ds.shm_segsz, ds.shm_cpid, ds.shm_lpid };
	stat_result(call, st, &got, got.mode & 0777, "%s, shm_segsz=%zu, shm_nattch=%lu, shm_cpid=%ld}",
		    (got.mode & SHM_DEST) ? "|SHM_DEST" : "", (size_t)got.size, got.count, (long)got.pid1);
	return r;
}

int
ipc_ctl(enum ipc_kind kind, int id, int cmd, struct ipc_stat *st, struct call *call)
{
	switch (kind) {
	case KIND_MSG:
		return ipc_msgctl(id, cmd, st, call);
	case KIND_SEM:
		return ipc_semctl(id, 0, cmd, 0, st, call);
	default:
		return ipc_shmctl(id, cmd, st, call);
	}
}

void
ipc_shm_read(const void *addr, size_t size, struct call *call)
{
	char quoted[SHOW_BYTES * 4 + 8];

	trace_quote(addr, strnlen(addr, size), SHOW_BYTES, quoted, sizeof quoted);
	begin(call, CALL_OTHER, "read %p: \"%s\"", addr, quoted);
	call->kind = RET_NONE;
}

void
ipc_shm_write(void *addr, size_t size, const char *text, struct call *call)
{
	char quoted[SHOW_BYTES * 4 + 8];
	size_t len = strnlen(text, size - 1);

	memcpy(addr, text, len);
	((char *)addr)[len] = '\0';
	trace_quote(text, len, SHOW_BYTES, quoted, sizeof quoted);
	begin(call, CALL_OTHER, "write %p: \"%s\"", addr, quoted);
	call->kind = RET_NONE;
}
