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
#include <sys/shm.h>

#include "errnos.h"
#include "flags.h"
#include "i18n.h"
#include "reproducible.h"
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
	repro_text(sb.buf, &masked);
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
	repro_text(real, &sb);
	snprintf(buf, len, "%s", sb.buf);
	strbuf_free(&sb);
	return buf;
}

/* TEXT (WIDTH display columns) into TO, padded with spaces to COLUMNS, and
 * at least one space after it. */
static void
pad_cell(struct strbuf *to, const char *text, int width, int columns)
{
	strbuf_adds(to, text);
	do
		strbuf_addc(to, ' ');
	while (++width < columns);
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
	/* Headings are padded by display width (a translated heading may
	 * have accents or CJK characters), and a column is as wide as its
	 * heading needs, so that a translation can use whole words. */
	struct strbuf head = STRBUF_INIT;
	static const struct { const char *name; int width; } cols[] = {
		{ N_("key"), 13 }, { N_("id"), 9 }, { N_("slot"), 6 }, { N_("seq"), 5 },
		{ N_("perms"), 7 }, { N_("owner"), 6 },
	};
	int widths[sizeof cols / sizeof cols[0]];
	strbuf_init(&head);
	strbuf_adds(&head, "    ");
	for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
		const char *t = _(cols[c].name);
		int w = display_width(t, strlen(t));
		widths[c] = w >= cols[c].width ? w + 1 : cols[c].width;
		pad_cell(&head, t, w, widths[c]);
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
				 (o->mode & SHM_DEST) ? "dest" : "-", p1);
		char cells[6][32];
		struct strbuf line = STRBUF_INIT;
		snprintf(cells[0], sizeof cells[0], "%s", key);
		snprintf(cells[1], sizeof cells[1], "%d", o->id);
		snprintf(cells[2], sizeof cells[2], "%u", parts.index);
		snprintf(cells[3], sizeof cells[3], "%u", parts.seq);
		snprintf(cells[4], sizeof cells[4], "%04o", o->mode);
		snprintf(cells[5], sizeof cells[5], "%s", repro_uid(o->uid));
		strbuf_init(&line);
		/* A segment the tutor removed while attached is still its own. */
		int mine = registry_has(kind, o->id)
			   || (kind == KIND_SHM && (o->mode & SHM_DEST) && registry_doomed(o->id));
		strbuf_addf(&line, "  %s ", mine ? "*" : " ");
		for (size_t c = 0; c < 6; c++)
			pad_cell(&line, cells[c], (int)strlen(cells[c]), widths[c]);
		row("%s%s", line.buf, tail);
		strbuf_free(&line);
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
	if (err != 0 && errno_explanation(err) != NULL) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_init(&sb);
		/* TRANSLATORS: errno name, the C library's text for it, and
		   the explanation, e.g. "EIDRM (Identifier removed): ..." */
		strbuf_addf(&sb, _("%s (%s): %s"), errno_name(err), strerror(err), errno_explanation(err));
		render_paragraph(sb.buf, NULL, 0, NULL);
		strbuf_free(&sb);
		return 0;
	}
	play_error(ctx, _("explain takes an errno name such as EINVAL or EIDRM, or an identifier (a number from 0 up)."));
	return -1;
}
