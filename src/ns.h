/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * ns.h: a private IPC namespace for the lessons.  In it identifiers start
 * at 0 (so output matches the book), nobody else's objects are visible, and
 * the kernel destroys everything when the last process in it exits, even
 * after SIGKILL.
 */
#ifndef IPCTUTOR_NS_H
#define IPCTUTOR_NS_H

#include <stddef.h>

enum ns_mode {
	NS_PRIVATE,           /* unshare(CLONE_NEWIPC) as root */
	NS_PRIVATE_USERNS,    /* with a user namespace, unprivileged */
	NS_HOST,              /* none could be had: the host namespace */
	NS_SHARED,            /* the host namespace on purpose (--shared) */
};

/* Enter a private IPC namespace if one can be had.  Must be called while
 * the process is single-threaded, before any child is started.  On NS_HOST
 * writes the reason into WHY. */
enum ns_mode ns_enter_private(char *why, size_t len);

/* In a private namespace: leave it for a new, empty one (identifiers
 * start again from the same values, so a replayed lesson shows the
 * identifiers it showed the first time).  0, or -1 with errno set. */
int ns_renew(void);

/* Remove every System V object of the current namespace: only in a
 * namespace whose objects are all this program's (the check's own, when
 * ns_renew is refused). */
void ns_empty(void);

#endif
