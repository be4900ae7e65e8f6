/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * registry.h: what this tutor created, by (kind, identifier), and the three
 * ways it is cleaned up: by the tutor itself on every normal exit, by the
 * fatal-signal handler (IPC_RMID only, async-signal-safe), and, in the host
 * namespace (--shared), by a guardian process that outlives a SIGKILLed
 * tutor, with a state file read at the next start as the last resort.  The
 * tutor removes only what is registered here: never another's object.
 */
#ifndef IPCTUTOR_REGISTRY_H
#define IPCTUTOR_REGISTRY_H

#include <stddef.h>

#include "procview.h"

void registry_add(enum ipc_kind kind, int id);
void registry_remove(enum ipc_kind kind, int id);
int registry_has(enum ipc_kind kind, int id);
/* Did the tutor create shared memory segment ID, which was removed while
 * still attached (so it lives on, marked SHM_DEST, until its last detach)?
 * For ipcs to keep marking what the tutor created; never cleaned up again. */
int registry_doomed(int id);
size_t registry_count(void);

/* Remove every registered object with IPC_RMID, calling SHOW for each
 * call made.  Objects already gone are forgotten quietly. */
struct call;
void registry_remove_all(void (*show)(const struct call *call));

/* For a fatal-signal handler: IPC_RMID every registered object using only
 * async-signal-safe system calls. */
void registry_emergency_cleanup(void);

/* Host-namespace mode: start the guardian process, tell it before every
 * get call that may create an object (ipc_before_create) and after, and
 * keep this session's state file in STATE_DIR (NULL: none) in step with
 * the registry.  Returns the write end of the guardian's pipe, for server
 * and client processes to report their own removals, or -1 if no
 * guardian could be started (errno set). */
int registry_guard(const char *state_dir);

/* Host-namespace mode, at start: remove the objects that the state files
 * in STATE_DIR name, when the session that wrote a file is dead (its pid
 * and start time), the file is of this IPC namespace (its inode) and the
 * object still has its key and this user as creator.  SAY reports each
 * removal in one sentence.  Returns how many were removed. */
int registry_recover(const char *state_dir, void (*say)(const char *text));

#endif
