/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * meaning.c: what a call's result means.  A failure is the errno's
 * one-line meaning for the kind of call it was (errnos.c); a successful get
 * is answered with the identifier taken apart into slot and sequence
 * number.
 */
#define _GNU_SOURCE
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
	return errno_meaning(call->err, family);
}
