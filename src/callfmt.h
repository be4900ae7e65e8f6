/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * callfmt.h: a System V IPC system call seen from outside (by the tracer:
 * its number, its six raw arguments, its return value) turned into the same
 * struct call the tutor's own wrappers make, so that a learner's program is
 * shown exactly like the lessons' processes:
 *     msgrcv(0, {3, "42"}, 128, 3, 0) = 2
 * Memory the call points to (a message, semaphore operations, an IPC_STAT
 * result) is read from the traced process through a reader function.
 */
#ifndef IPCTUTOR_CALLFMT_H
#define IPCTUTOR_CALLFMT_H

#include <stddef.h>
#include <sys/types.h>

#include "trace.h"

/* The System V IPC calls the tracer knows, independent of the system call
 * numbers of the architecture. */
enum sysv_call {
	SV_NONE, SV_MSGGET, SV_MSGSND, SV_MSGRCV, SV_MSGCTL, SV_SEMGET, SV_SEMOP,
	SV_SEMTIMEDOP, SV_SEMCTL, SV_SHMGET, SV_SHMAT, SV_SHMDT, SV_SHMCTL,
};

/* Which call system call number NR is (SV_NONE: not System V IPC). */
enum sysv_call callfmt_which(long nr);

/* Can this call sleep in the kernel (no IPC_NOWAIT among its flags)? */
int callfmt_may_block(enum sysv_call which, const unsigned long long args[6]);

/* The control command of a *ctl call without the IPC_64 bit. */
int callfmt_ctl_cmd(enum sysv_call which, const unsigned long long args[6]);

/* Copies LEN bytes at ADDR in the traced process to BUF: 0, or -1. */
typedef int (*callfmt_reader)(void *arg, unsigned long long addr, void *buf, size_t len);

/* HEAD: what is known of a call at its entry, shown while it sleeps
 * ("msgrcv(3, ": msgrcv's buffer is filled only when it returns; the
 * others, every argument). */
void callfmt_head(enum sysv_call which, const unsigned long long args[6], callfmt_reader read, void *arg,
		  char *head, size_t len);

/* Fill CALL for call WHICH with arguments ARGS that returned RET (ERR: the
 * errno when it failed, else 0), reading pointed-to memory with READ. */
void callfmt_format(enum sysv_call which, const unsigned long long args[6], long ret, int err,
		    callfmt_reader read, void *arg, struct call *call);

#endif
