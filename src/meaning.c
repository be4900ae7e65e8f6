/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * meaning.c: a table from (call family, errno) to a sentence, checked
 * against reference/kernel-facts.md: a stale or empty identifier gives
 * EINVAL (EIDRM before Linux 4.2), EIDRM is for callers asleep in the
 * object, a look-up of a removed key gives ENOENT.  A successful get is
 * answered with the identifier taken apart into slot and sequence number.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "meaning.h"
#include "procview.h"

/* Which calls a row applies to. */
enum family { GET = 1, BY_ID = 2, RECEIVE = 4, SEND = 8, RMID = 16, FTOK = 32 };

struct meaning {
	unsigned families;
	int err;
	const char *text;
};

static const struct meaning table[] = {
	{ GET, ENOENT, N_("No object has this key and IPC_CREAT was not given: nobody has created it yet, or it was removed.") },
	{ GET, EEXIST, N_("An object with this key exists, and IPC_EXCL asked for a new one.") },
	{ GET, EACCES, N_("An object with this key exists, but its permissions do not let this process use it.") },
	{ GET, ENOSPC, N_("This IPC namespace has reached its limit for such objects (msgmni, semmni or shmmni).") },
	{ GET, EINVAL, N_("The size or number asked for does not fit the existing object or the system's limits.") },
	{ BY_ID | RECEIVE | SEND | RMID, EINVAL, N_("No object has this identifier now: it was removed, or its slot holds a newer object with another sequence number. Linux answers EINVAL here since 4.2 (older kernels said EIDRM).") },
	{ BY_ID | RECEIVE | SEND | RMID, EIDRM, N_("The object was removed while this process was asleep in it (or in the middle of the call): EIDRM is the immediate signal that the server removed it.") },
	{ RECEIVE, ENOMSG, N_("The queue has no message of that type, and IPC_NOWAIT said not to wait.") },
	{ SEND | BY_ID, EAGAIN, N_("The call would have to wait, and IPC_NOWAIT said not to.") },
	{ RMID | BY_ID, EPERM, N_("Only the creator, the owner or a privileged process may remove or change this object.") },
	{ BY_ID | RECEIVE | SEND, EACCES, N_("The object exists, but its permissions do not let this process do that.") },
	{ RECEIVE, E2BIG, N_("The message is longer than the buffer; MSG_NOERROR would cut it instead.") },
	{ FTOK, ENOENT, N_("ftok needs a file that exists: the key is made from its inode and device numbers.") },
};

/* Is TEXT the call NAME: "NAME(..." or, when a blocked call completes,
 * "<... NAME resumed>..."? */
static int
is_call(const char *text, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(text, "<... ", 5) == 0)
		return strncmp(text + 5, name, n) == 0 && text[5 + n] == ' ';
	return strncmp(text, name, n) == 0 && text[n] == '(';
}

/* The family of the call named at the start of TEXT. */
static unsigned
family_of(const char *text)
{
	if (is_call(text, "msgget") || is_call(text, "semget") || is_call(text, "shmget"))
		return GET;
	if (is_call(text, "msgrcv"))
		return RECEIVE;
	if (is_call(text, "msgsnd"))
		return SEND;
	if (is_call(text, "ftok"))
		return FTOK;
	if (strstr(text, "IPC_RMID") != NULL)
		return RMID;
	return BY_ID;
}

const char *
meaning_of(const struct call *call)
{
	static char buf[256];
	unsigned family = family_of(call->text);

	if (call->err == 0) {
		struct id_parts parts;
		if (family != GET || call->ret < 0)
			return NULL;
		id_decode((int)call->ret, IPCMNI_SHIFT_DEFAULT, &parts);
		snprintf(buf, sizeof buf, _("identifier %ld = sequence number %u × 32768 + slot %u"),
			 call->ret, parts.seq, parts.index);
		return buf;
	}
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if ((table[i].families & family) && table[i].err == call->err)
			return _(table[i].text);
	return NULL;
}
