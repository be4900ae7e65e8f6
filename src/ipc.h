/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * ipc.h: thin wrappers around the System V IPC calls.  Each makes exactly
 * one real system call and records it in a struct call (arguments written
 * as strace writes them, result, errno, data that came back).  They never
 * print and never decide anything: the caller shows the record.
 */
#ifndef IPCTUTOR_IPC_H
#define IPCTUTOR_IPC_H

#include <stddef.h>
#include <sys/types.h>

#include "procview.h"
#include "trace.h"

/* Called just before a call that may block (msgrcv, msgsnd or semop without
 * IPC_NOWAIT), with the system call number, so that the process watching
 * can tell "blocked" from "busy", and the part of the call's text known
 * before the call ("msgrcv(3, "), which strace shows as
 * "msgrcv(3, <unfinished ...>".  NULL (the default) means nobody watches. */
extern void (*ipc_before_blocking)(long syscall_nr, const char *head);

/* Told around every get call that may create an object (IPC_PRIVATE, or
 * IPC_CREAT): BEFORE, with the key, returns a token; AFTER gets it back
 * with the identifier when the call made a new object, or -1 when it
 * did not (it failed, or the key's object existed already).  The
 * registry uses them to tell the guardian before the call can return, so
 * that a SIGKILL at any moment leaves nothing unknown.  NULL: nobody. */
extern long (*ipc_before_create)(enum ipc_kind kind, key_t key);
extern void (*ipc_after_create)(long token, enum ipc_kind kind, key_t key, int id);

key_t ipc_ftok(const char *path, int proj, struct call *call);

int ipc_msgget(key_t key, int flags, struct call *call);
int ipc_msgsnd(int id, long type, const char *text, int flags, struct call *call);
/* Receive into CALL->data (quoted); returns the byte count or -1. */
long ipc_msgrcv(int id, long type, int flags, struct call *call);
/* IPC_STAT (summary in CALL->data; *owner_uid, *mode, *qnum filled when not
 * NULL) or IPC_RMID. */
struct ipc_stat {
	key_t key;
	uid_t cuid;
	unsigned mode;
	unsigned long count;   /* msg: qnum; sem: nsems; shm: nattch */
	unsigned long size;    /* shm: segment size */
	pid_t pid1, pid2;      /* msg: lspid, lrpid; shm: cpid, lpid; sem: - */
};
int ipc_msgctl(int id, int cmd, struct ipc_stat *st, struct call *call);

int ipc_semget(key_t key, int nsems, int flags, struct call *call);
int ipc_semop(int id, unsigned short num, short op, short flags, struct call *call);
/* GETVAL GETNCNT GETZCNT GETPID (result is the value), SETVAL (VALUE),
 * IPC_STAT (ST filled), IPC_RMID. */
int ipc_semctl(int id, int num, int cmd, int value, struct ipc_stat *st, struct call *call);

int ipc_shmget(key_t key, size_t size, int flags, struct call *call);
void *ipc_shmat(int id, int flags, struct call *call);
int ipc_shmdt(void *addr, struct call *call);
int ipc_shmctl(int id, int cmd, struct ipc_stat *st, struct call *call);

/* IPC_STAT or IPC_RMID on an object of any KIND: msgctl, semctl (on the
 * set) or shmctl, recorded the same way. */
int ipc_ctl(enum ipc_kind kind, int id, int cmd, struct ipc_stat *st, struct call *call);

/* Memory accesses (not system calls) to an attached segment, recorded the
 * same way so the learner sees them in line with the calls. */
void ipc_shm_read(const void *addr, size_t size, struct call *call);
void ipc_shm_write(void *addr, size_t size, const char *text, struct call *call);

#endif
