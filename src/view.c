/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * view.c: "ipcs" and "explain" (see view.h).  The table reads
 * /proc/sysvipc, as util-linux's lsipc does, and adds what ipcs does not
 * show: each identifier's slot and sequence number, and which objects this
 * tutor created.  Keys are shown in hex, as ipcs does, although /proc prints
 * them in signed decimal.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flags.h"
#include "i18n.h"
#include "mask.h"
#include "procview.h"
#include "registry.h"
#include "render.h"
#include "util.h"
#include "view.h"

static const char *const kind_titles[KIND_COUNT] = {
	N_("Message queues"), N_("Semaphore sets"), N_("Shared memory segments"),
};

/* Print one table row through the mask (pids differ between runs). */
static void
row(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
row(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT, masked = STRBUF_INIT;
	va_list ap;

	strbuf_init(&sb);
	strbuf_init(&masked);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	mask_text(sb.buf, &masked);
	out("%s\n", masked.buf);
	strbuf_free(&sb);
	strbuf_free(&masked);
}

/* PID as it is shown: masked in reproducible output, so that the columns
 * line up with the names too.  Returns BUF. */
static const char *
pid_text(pid_t pid, char *buf, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	char real[24];

	snprintf(real, sizeof real, "%ld", (long)pid);
	strbuf_init(&sb);
	mask_text(real, &sb);
	snprintf(buf, len, "%s", sb.buf);
	strbuf_free(&sb);
	return buf;
}

static void
show_kind(enum ipc_kind kind, const struct sysv_object *objs, int n)
{
	/* TRANSLATORS: column headings of the ipcs view; keep them short. */
	static const char *const last_cols[KIND_COUNT] = {
		N_("messages  bytes  last-sender  last-receiver"),
		N_("semaphores"),
		N_("attached  size  status  creator"),
	};

	render_heading(_(kind_titles[kind]), NULL);
	if (n == 0) {
		out("  %s\n", _("(none)"));
		return;
	}
	/* Headings are padded by display width: a translated heading may
	 * have accents or CJK characters. */
	struct strbuf head = STRBUF_INIT;
	static const struct { const char *name; int width; } cols[] = {
		{ N_("key"), 13 }, { N_("id"), 9 }, { N_("slot"), 6 }, { N_("seq"), 5 },
		{ N_("perms"), 7 }, { N_("owner"), 6 },
	};
	strbuf_init(&head);
	strbuf_adds(&head, "    ");
	for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
		const char *t = _(cols[c].name);
		int w = display_width(t, strlen(t));
		strbuf_adds(&head, t);
		for (int pad = w; pad < cols[c].width; pad++)
			strbuf_addc(&head, ' ');
		if (w >= cols[c].width)
			strbuf_addc(&head, ' ');
	}
	strbuf_adds(&head, _(last_cols[kind]));
	row("%s", head.buf);
	strbuf_free(&head);
	for (int i = 0; i < n; i++) {
		const struct sysv_object *o = &objs[i];
		struct id_parts parts;
		char key[24], tail[96];

		id_decode(o->id, IPCMNI_SHIFT_DEFAULT, &parts);
		key_format(o->key, key, sizeof key);
		char p1[32], p2[32];
		pid_text(o->pid1, p1, sizeof p1);
		pid_text(o->pid2, p2, sizeof p2);
		if (kind == KIND_MSG)
			snprintf(tail, sizeof tail, "%-9lu %-6lu %-12s %s", o->count, o->bytes, p1, p2);
		else if (kind == KIND_SEM)
			snprintf(tail, sizeof tail, "%lu", o->count);
		else
			snprintf(tail, sizeof tail, "%-9lu %-5lu %-7s %s", o->count, o->bytes,
				 (o->mode & 01000) ? "dest" : "-", p1);
		row("  %s %-12s %-8d %-5u %-4u %04o   %-5s %s", registry_has(kind, o->id) ? "*" : " ", key,
		    o->id, parts.index, parts.seq, o->mode, mask_uid(o->uid), tail);
	}
}

int
view_ipcs(struct play_ctx *ctx, int argc, char **argv)
{
	int total = 0;

	(void)argc;
	(void)argv;
	for (int kind = 0; kind < KIND_COUNT; kind++) {
		struct sysv_object *objs = NULL;
		int n = procview_read((enum ipc_kind)kind, procview_path((enum ipc_kind)kind), &objs);
		if (n < 0) {
			play_error(ctx, errno == ENOENT
				   ? _("This kernel lists no System V IPC objects: /proc/sysvipc is missing, so it was probably built without System V IPC.")
				   : _("/proc/sysvipc could not be read."));
			free(objs);
			return -1;
		}
		show_kind((enum ipc_kind)kind, objs, n);
		total += n;
		free(objs);
	}
	if (total > 0)
		render_paragraph(_("* marks the objects this tutor created. id = seq × 32768 + slot (the default layout; the ipcmni_extend boot option uses 16777216)."),
				 NULL, 0, NULL);
	return 0;
}

int
view_count_objects(void)
{
	int total = 0;

	for (int kind = 0; kind < KIND_COUNT; kind++) {
		struct sysv_object *objs = NULL;
		int n = procview_read((enum ipc_kind)kind, procview_path((enum ipc_kind)kind), &objs);
		free(objs);
		if (n < 0)
			return -1;
		total += n;
	}
	return total;
}

struct errno_text {
	int err;
	const char *text;
};

static const struct errno_text errno_texts[] = {
	{ EINVAL, N_("For a call that takes an identifier: no object has that identifier now. Either it was removed and its slot is empty, or the slot holds a newer object whose sequence number differs. Since Linux 4.2 both cases give EINVAL; older kernels gave EIDRM for the second. A client should treat it as \"look the key up again\".") },
	{ EIDRM, N_("The object was removed while the caller was asleep in it (msgrcv on an empty queue, msgsnd on a full one, semop waiting), or during the call. It is the immediate restart signal for a blocked client. Since Linux 4.2 a stale identifier outside such a wait gives EINVAL instead.") },
	{ ENOENT, N_("A get without IPC_CREAT found no object with that key: the server has not created it yet, or it was removed. ftok gives it too when its file does not exist.") },
	{ EEXIST, N_("IPC_CREAT|IPC_EXCL found an object with that key already: a restarting server learns here that its predecessor's object survived.") },
	{ EACCES, N_("The object exists but its mode does not let this user do that. Objects are created 0600 in this course: only their owner may use them.") },
	{ EPERM, N_("IPC_RMID or IPC_SET by a process that is neither the creator, the owner nor privileged.") },
	{ ENOSPC, N_("A limit was reached (msgmni, semmni, semmns, shmmni, shmall). Limits are per IPC namespace.") },
	{ ENOMSG, N_("msgrcv with IPC_NOWAIT found no message of the requested type.") },
	{ EAGAIN, N_("The call would have to wait (a full queue, a semaphore that cannot be decremented) and IPC_NOWAIT was given.") },
	{ E2BIG, N_("msgrcv: the message is longer than the buffer and MSG_NOERROR was not given.") },
	{ ENOMEM, N_("shmget or shmat could not get the memory.") },
	{ EINTR, N_("A signal interrupted the wait.") },
	{ ERANGE, N_("semop or semctl would take a semaphore past its maximum value (32767).") },
	{ EFBIG, N_("semop: the semaphore number is outside the set.") },
	{ EPIPE, N_("Not an IPC error: writing to a pipe or socket whose reader is gone. System V IPC has no such signal: nothing tells a client that a server died.") },
	{ ECONNRESET, N_("Not an IPC error: a connected socket whose peer went away. Connections report a dead peer; System V IPC objects do not.") },
};

/* No object has identifier ID: say whether its slot INDEX is empty or which
 * newer object holds it, since that is what a stale client runs into. */
static void
explain_slot(unsigned index, int id)
{
	int any = 0;

	for (int kind = 0; kind < KIND_COUNT; kind++) {
		struct sysv_object *objs = NULL;
		int n = procview_read((enum ipc_kind)kind, procview_path((enum ipc_kind)kind), &objs);
		for (int i = 0; i < n; i++) {
			struct id_parts q;
			char *text;
			id_decode(objs[i].id, IPCMNI_SHIFT_DEFAULT, &q);
			if (q.index != index)
				continue;
			if (kind == KIND_MSG)
				text = xasprintf(_("No object has identifier %d now, but slot %u holds message queue %d (sequence %u): a client still holding %d gets EINVAL, not that queue."),
						 id, index, objs[i].id, q.seq, id);
			else if (kind == KIND_SEM)
				text = xasprintf(_("No object has identifier %d now, but slot %u holds semaphore set %d (sequence %u): a client still holding %d gets EINVAL, not that set."),
						 id, index, objs[i].id, q.seq, id);
			else
				text = xasprintf(_("No object has identifier %d now, but slot %u holds shared memory segment %d (sequence %u): a client still holding %d gets EINVAL, not that segment."),
						 id, index, objs[i].id, q.seq, id);
			render_paragraph(text, NULL, 0, NULL);
			free(text);
			any = 1;
		}
		free(objs);
	}
	if (!any) {
		char *text = xasprintf(_("No object has identifier %d now, and its slot %u is empty."), id, index);
		render_paragraph(text, NULL, 0, NULL);
		free(text);
	}
}

/* Explain an identifier: its parts, and what holds it now. */
static void
explain_id(long id)
{
	struct id_parts p, wide;
	struct strbuf sb = STRBUF_INIT;

	id_decode((int)id, IPCMNI_SHIFT_DEFAULT, &p);
	id_decode((int)id, 24, &wide);
	strbuf_init(&sb);
	strbuf_addf(&sb, _("Identifier %ld = sequence number %u × 32768 + slot %u. The slot is a place in the kernel's table; the sequence number tells objects that used the same slot apart. (With the ipcmni_extend boot option it would be sequence %u × 16777216 + slot %u.)"),
		    id, p.seq, p.index, wide.seq, wide.index);
	render_paragraph(sb.buf, NULL, 0, NULL);
	int found = 0;
	for (int kind = 0; kind < KIND_COUNT; kind++) {
		struct sysv_object obj;
		if (procview_find((enum ipc_kind)kind, (int)id, &obj) == 1) {
			found = 1;
			strbuf_reset(&sb);
			static const char *const now_names[KIND_COUNT] = {
				N_("Right now a message queue in this namespace has this identifier."),
				N_("Right now a semaphore set in this namespace has this identifier."),
				N_("Right now a shared memory segment in this namespace has this identifier."),
			};
			strbuf_adds(&sb, _(now_names[kind]));
			render_paragraph(sb.buf, NULL, 0, NULL);
		}
	}
	if (!found)
		explain_slot(p.index, (int)id);
	strbuf_free(&sb);
}

int
view_explain(struct play_ctx *ctx, int argc, char **argv)
{
	int err;
	long id;

	(void)argc;
	if (parse_long(argv[1], 0, 2147483647L, &id) == PARSE_OK) {
		explain_id(id);
		return 0;
	}
	err = errno_from_name(argv[1]);
	for (size_t i = 0; err != 0 && i < sizeof errno_texts / sizeof errno_texts[0]; i++)
		if (errno_texts[i].err == err) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_init(&sb);
			/* TRANSLATORS: errno name, the C library's text for it, and
			   the explanation, e.g. "EIDRM (Identifier removed): ..." */
			strbuf_addf(&sb, _("%s (%s): %s"), errno_name(err), strerror(err), _(errno_texts[i].text));
			render_paragraph(sb.buf, NULL, 0, NULL);
			strbuf_free(&sb);
			return 0;
		}
	play_error(ctx, _("explain takes an errno name such as EINVAL or EIDRM, or an identifier (a number from 0 up)."));
	return -1;
}
