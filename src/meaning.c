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
static enum call_family
family_of(const char *text)
{
	if (is_call(text, "msgget") || is_call(text, "semget") || is_call(text, "shmget"))
		return FAMILY_GET;
	if (is_call(text, "msgrcv"))
		return FAMILY_RECEIVE;
	if (is_call(text, "msgsnd"))
		return FAMILY_SEND;
	if (is_call(text, "ftok"))
		return FAMILY_FTOK;
	if (strstr(text, "IPC_RMID") != NULL)
		return FAMILY_RMID;
	return FAMILY_BY_ID;
}

const char *
meaning_of(const struct call *call)
{
	static char buf[256];
	enum call_family family = family_of(call->text);

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
