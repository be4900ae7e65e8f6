/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * procview.h: what the kernel lists in /proc/sysvipc/{msg,sem,shm} for the
 * reader's IPC namespace, read into plain structs, and how an identifier is
 * built from a slot index and a sequence number.  No formatting for the
 * learner happens here (see play.c); no object is changed.
 */
#ifndef IPCTUTOR_PROCVIEW_H
#define IPCTUTOR_PROCVIEW_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

enum ipc_kind { KIND_MSG, KIND_SEM, KIND_SHM };
#define KIND_COUNT 3

/* One object as /proc/sysvipc shows it (fields a kind lacks are 0). */
struct sysv_object {
	enum ipc_kind kind;
	key_t key;          /* /proc prints keys in signed decimal */
	int id;
	unsigned mode;      /* octal perms; for shm includes SHM_DEST */
	uid_t uid, cuid;
	gid_t gid, cgid;
	unsigned long bytes;   /* msg: cbytes; shm: size */
	unsigned long count;   /* msg: qnum; sem: nsems; shm: nattch */
	pid_t pid1, pid2;      /* msg: lspid, lrpid; shm: cpid, lpid */
	time_t ctime;
};

/* The name of the /proc file for KIND: "/proc/sysvipc/msg". */
const char *procview_path(enum ipc_kind kind);

/* Read all objects of KIND from PATH (normally procview_path(kind); tests
 * pass a file of their own) into a malloc'd array.  Returns the number of
 * objects (>= 0) and sets *out (free() it; NULL when 0), or -1 with errno
 * set: ENOENT when the file is missing (a kernel without System V IPC),
 * EINVAL when a line cannot be parsed. */
int procview_read(enum ipc_kind kind, const char *path, struct sysv_object **out);

/* Find the object of KIND with identifier ID; returns 1 and fills *obj, 0 if
 * not listed, -1 on a read error (errno set). */
int procview_find(enum ipc_kind kind, int id, struct sysv_object *obj);

/* An identifier taken apart: id = seq << shift | index.  The default layout
 * has shift 15 (32768 slots); with the ipcmni_extend boot option it is 24.
 * The tutor decodes with the default and says so. */
struct id_parts {
	unsigned index;
	unsigned seq;
	unsigned shift;
};
#define IPCMNI_SHIFT_DEFAULT 15
void id_decode(int id, unsigned shift, struct id_parts *parts);
int id_encode(unsigned index, unsigned seq, unsigned shift);

#endif
