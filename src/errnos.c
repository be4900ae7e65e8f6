/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * errnos.c: the tutor's errno knowledge (see errnos.h), checked against
 * reference/kernel-facts.md: a stale or empty identifier gives EINVAL
 * (EIDRM before Linux 4.2), EIDRM is for callers asleep in the object, a
 * look-up of a removed key gives ENOENT.  Names come from the C library
 * (strerrorname_np), read once into a table; the rows below name the few it
 * might not.
 */
#define _GNU_SOURCE	/* strerrorname_np */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "errnos.h"
#include "i18n.h"

#define COUNT(array)	(sizeof(array) / sizeof((array)[0]))

/* One errno: its name, what "explain" says, and the one-line meanings
 * under a failed call, each for the call families it fits. */
struct errno_info {
	int value;
	const char *name;
	const char *explanation;               /* N_() */
	struct { unsigned families; const char *text; } meaning[2];   /* N_() */
};

#define ALL_BY_ID (FAMILY_BY_ID | FAMILY_RECEIVE | FAMILY_SEND)

/* In the order Tab offers them. */
static const struct errno_info course[] = {
	{ EACCES, "EACCES",
	  N_("The object exists but its mode does not let this user do that. Objects are created 0600 in this course: only their owner may use them."),
	  { { FAMILY_GET, N_("An object with this key exists, but its permissions do not let this process use it.") },
	    { FAMILY_BY_ID | FAMILY_RECEIVE | FAMILY_SEND, N_("The object exists, but its permissions do not let this process do that.") } } },
	{ EEXIST, "EEXIST",
	  N_("IPC_CREAT|IPC_EXCL found an object with that key already: a restarting server learns here that its predecessor's object survived."),
	  { { FAMILY_GET, N_("An object with this key exists, and IPC_EXCL asked for a new one.") } } },
	{ EIDRM, "EIDRM",
	  N_("The object was removed while the caller was asleep in it (msgrcv on an empty queue, msgsnd on a full one, semop waiting), or during the call. It is the immediate restart signal for a blocked client. Since Linux 4.2 a stale identifier outside such a wait gives EINVAL instead."),
	  { { ALL_BY_ID, N_("The object was removed while this process was asleep in it (or in the middle of the call): EIDRM is the immediate signal that the server removed it. Before Linux 4.2 a stale identifier whose slot held a newer object gave EIDRM too.") } } },
	{ EINVAL, "EINVAL",
	  N_("For a call that takes an identifier: no object has that identifier now. Either it was removed and its slot is empty, or the slot holds a newer object whose sequence number differs. Since Linux 4.2 both cases give EINVAL; older kernels gave EIDRM for the second. A client should treat it as \"look the key up again\"."),
	  { { FAMILY_GET, N_("The size or number asked for does not fit the existing object or the system's limits.") },
	    { ALL_BY_ID, N_("No object has this identifier now: it was removed, or its slot holds a newer object with another sequence number. Linux answers EINVAL here since 4.2 (older kernels said EIDRM).") } } },
	{ ENOENT, "ENOENT",
	  N_("A get without IPC_CREAT found no object with that key: the server has not created it yet, or it was removed. ftok gives it too when its file does not exist."),
	  { { FAMILY_GET, N_("No object has this key and IPC_CREAT was not given: nobody has created it yet, or it was removed.") },
	    { FAMILY_FTOK, N_("ftok needs a file that exists: the key is made from its inode and device numbers.") } } },
	{ ENOSPC, "ENOSPC",
	  N_("A limit was reached (msgmni, semmni, semmns, shmmni, shmall). Limits are per IPC namespace."),
	  { { FAMILY_GET, N_("This IPC namespace has reached its limit for such objects (msgmni, semmni or shmmni).") } } },
	{ EPERM, "EPERM",
	  N_("IPC_RMID or IPC_SET by a process that is neither the creator, the owner nor privileged."),
	  { { FAMILY_BY_ID, N_("Only the creator, the owner or a privileged process may remove or change this object.") } } },
	{ ENOMSG, "ENOMSG",
	  N_("msgrcv with IPC_NOWAIT found no message of the requested type."),
	  { { FAMILY_RECEIVE, N_("The queue has no message of that type, and IPC_NOWAIT said not to wait.") } } },
	{ EAGAIN, "EAGAIN",
	  N_("The call would have to wait (a full queue, a semaphore that cannot be decremented) and IPC_NOWAIT was given."),
	  { { FAMILY_SEND | FAMILY_BY_ID, N_("The call would have to wait, and IPC_NOWAIT said not to.") } } },
	{ E2BIG, "E2BIG",
	  N_("msgrcv: the message is longer than the buffer and MSG_NOERROR was not given."),
	  { { FAMILY_RECEIVE, N_("The message is longer than the buffer; MSG_NOERROR would cut it instead.") } } },
	{ ENOMEM, "ENOMEM", N_("shmget or shmat could not get the memory."), { { 0, NULL } } },
	{ EINTR, "EINTR", N_("A signal interrupted the wait."), { { 0, NULL } } },
	{ ERANGE, "ERANGE", N_("semop or semctl would take a semaphore past its maximum value (32767)."), { { 0, NULL } } },
	{ EFBIG, "EFBIG", N_("semop: the semaphore number is outside the set."), { { 0, NULL } } },
	{ EPIPE, "EPIPE",
	  N_("Not an IPC error: writing to a pipe or socket whose reader is gone. System V IPC has no such signal: nothing tells a client that a server died."),
	  { { 0, NULL } } },
	{ ECONNRESET, "ECONNRESET",
	  N_("Not an IPC error: a connected socket whose peer went away. Connections report a dead peer; System V IPC objects do not."),
	  { { 0, NULL } } },
};

static const struct errno_info *
find(int errnum)
{
	for (size_t i = 0; i < COUNT(course); i++)
		if (course[i].value == errnum)
			return &course[i];
	return NULL;
}

/* Every errno name, by value: read from the C library on first use. */
#define ERRNO_LIMIT 4096
static const char *names[ERRNO_LIMIT];
/* The numbers that have a name, in order, so that looking a name up goes
 * through the ~130 of them rather than 4,095 slots. */
static short named[ERRNO_LIMIT];
static size_t nnamed;

static void
read_names(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	for (int e = 1; e < ERRNO_LIMIT; e++)
		names[e] = strerrorname_np(e);
	for (size_t i = 0; i < COUNT(course); i++)
		if (names[course[i].value] == NULL)
			names[course[i].value] = course[i].name;
	for (int e = 1; e < ERRNO_LIMIT; e++)
		if (names[e] != NULL)
			named[nnamed++] = (short)e;
}

const char *
errno_name(int errnum)
{
	if (errnum <= 0 || errnum >= ERRNO_LIMIT)
		return NULL;
	read_names();
	return names[errnum];
}

int
errno_from_name(const char *name)
{
	if (name == NULL || *name == '\0')
		return 0;
	if (name[0] != 'E' && name[0] != 'e')
		return 0;   /* every errno name starts with E */
	read_names();
	for (size_t i = 0; i < nnamed; i++)
		if (strcasecmp(name, names[named[i]]) == 0)
			return named[i];
	return 0;
}

const char *
errno_meaning(int errnum, enum call_family family)
{
	const struct errno_info *info = find(errnum);

	for (size_t i = 0; info != NULL && i < COUNT(info->meaning); i++)
		if (info->meaning[i].families & family)
			return _(info->meaning[i].text);
	return NULL;
}

const char *
errno_explanation(int errnum)
{
	const struct errno_info *info = find(errnum);

	return info != NULL ? _(info->explanation) : NULL;
}

const char *const *
errno_names(void)
{
	static const char *list[COUNT(course) + 1];

	if (list[0] == NULL)
		for (size_t i = 0; i < COUNT(course); i++)
			list[i] = course[i].name;
	return list;
}
