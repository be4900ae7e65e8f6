/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * errnos.h: everything the tutor knows of an errno, from one table: its
 * name as strace prints it, the one-line meaning shown under a failed call
 * ("↳ ..."), the longer explanation of "explain EIDRM", and so which names
 * Tab offers after "explain" (exactly those it explains).  To teach a new
 * errno, add one row in errnos.c.
 */
#ifndef IPCTUTOR_ERRNOS_H
#define IPCTUTOR_ERRNOS_H

/* The kinds of call a one-line meaning is written for (a call's family:
 * meaning.c finds it from the call's id). */
enum call_family {
	FAMILY_NONE = 0,      /* not a System V IPC call: nothing to say */
	FAMILY_GET = 1,       /* msgget, semget, shmget */
	FAMILY_BY_ID = 2,     /* any other call on an identifier (ctl, semop, shmat...) */
	FAMILY_RECEIVE = 4,   /* msgrcv */
	FAMILY_SEND = 8,      /* msgsnd */
	FAMILY_FTOK = 16,     /* ftok */
};

/* The name of ERRNUM as strace prints it ("EIDRM"), or NULL if unknown.
 * Every name the C library knows, from a table built once. */
const char *errno_name(int errnum);

/* The errno called NAME (case-insensitive), or 0 if unknown. */
int errno_from_name(const char *name);

/* What ERRNUM means after a failed call of FAMILY, one translated
 * sentence, or NULL when the tutor has nothing to say. */
const char *errno_meaning(int errnum, enum call_family family);

/* The longer translated explanation of ERRNUM ("explain"), or NULL. */
const char *errno_explanation(int errnum);

/* The names errno_explanation explains, NULL-terminated: what Tab offers
 * after "explain". */
const char *const *errno_names(void);

#endif
