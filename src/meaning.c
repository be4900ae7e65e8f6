/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * meaning.c: what a call's result means.  A failure is the errno's
 * one-line meaning for the kind of call it was (errnos.c); a successful get
 * is answered with the identifier taken apart into slot and sequence
 * number.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "errnos.h"
#include "i18n.h"
#include "meaning.h"
#include "procview.h"

/* The kind of call ID is, for the errno meanings. */
static enum call_family
family_of(enum call_id id)
{
	switch (id) {
	case CALL_MSGGET: case CALL_SEMGET: case CALL_SHMGET:
		return FAMILY_GET;
	case CALL_MSGRCV:
		return FAMILY_RECEIVE;
	case CALL_MSGSND:
		return FAMILY_SEND;
	case CALL_FTOK:
		return FAMILY_FTOK;
	case CALL_OTHER:
		return FAMILY_NONE;
	default:
		return FAMILY_BY_ID;
	}
}

/* For an EINVAL on an identifier: does the object the call names still
 * exist (so that EINVAL is about another argument)?  The kind comes from
 * the call, the identifier from its text: "semctl(3, 65535, GETVAL)". */
static int
named_object_exists(const struct call *call)
{
	struct sysv_object obj;
	enum ipc_kind kind;
	const char *open = strchr(call->text, '(');
	int id;

	switch (call->id) {
	case CALL_MSGSND: case CALL_MSGRCV: case CALL_MSGCTL: kind = KIND_MSG; break;
	case CALL_SEMOP: case CALL_SEMCTL: kind = KIND_SEM; break;
	case CALL_SHMAT: case CALL_SHMCTL: kind = KIND_SHM; break;
	default: return 0;
	}
	return open != NULL && sscanf(open + 1, "%d", &id) == 1 && id >= 0 && procview_find(kind, id, &obj) == 1;
}

const char *
meaning_of(const struct call *call)
{
	static char buf[256];
	enum call_family family = family_of(call->id);

	if (call->err == 0) {
		struct id_parts parts;
		if (family != FAMILY_GET || call->ret < 0)
			return NULL;
		id_decode((int)call->ret, IPCMNI_SHIFT_DEFAULT, &parts);
		snprintf(buf, sizeof buf, _("identifier %ld = sequence number %u × 32768 + slot %u"),
			 call->ret, parts.seq, parts.index);
		return buf;
	}
	if (call->err == EINVAL && family == FAMILY_BY_ID && named_object_exists(call))
		return _("The object exists, so EINVAL is about another argument: a flag this call cannot take here (SHM_REMAP needs an address), a semaphore number outside the set, or a command it does not know.");
	return errno_meaning(call->err, family);
}
