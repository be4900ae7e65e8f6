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

/* The ipcs view is a table whose columns are as wide as their widest cell
 * (or heading), so that it fits an 80-column terminal in every language.
 * On a narrower terminal the gaps shrink to one space, then the columns
 * that add least are dropped, in this order: uid (always the learner's
 * own here), perms, seq and slot (both are in the id, and "explain ID"
 * decodes it).  A row is never wrapped: a table is read down its columns.
 * Where even that does not fit (under about 57 columns, a phone or a split
 * pane), the table turns into a list: each object's key and id on its
 * first line, then its other fields as "heading: value" pairs (see
 * stacked_row), so no value the lessons are about is ever cut. */
enum { COL_KEY, COL_ID, COL_SLOT, COL_SEQ, COL_PERMS, COL_UID, COL_COMMON };
#define MAX_COLS (COL_COMMON + 4)
#define CELL_MAX 40
#define MARK_WIDTH 4   /* "  * " before an object this tutor created */
#define STACK_INDENT 6 /* the lines of an object after its first, stacked */

struct table {
	int ncols, nrows;            /* row 0 holds the headings */
	char (*cell)[MAX_COLS][CELL_MAX];
	int width[MAX_COLS];
	int shown[MAX_COLS];
};

/* TEXT through the mask (pids and keys differ between runs) into CELL. */
static void
set_cell(char *cell, const char *text)
{
	repro_text_into(text, cell, CELL_MAX);
}

/* Display width of the table with gaps of GAP spaces. */
static int
table_width(const struct table *t, int gap)
{
	int w = MARK_WIDTH, first = 1;

	for (int c = 0; c < t->ncols; c++)
		if (t->shown[c]) {
			w += t->width[c] + (first ? 0 : gap);
			first = 0;
		}
	return w;
}

/* Choose the gap and the columns shown so that T fits COLUMNS (see
 * above); returns the gap, or 0 when even the narrowest table does not
 * fit and the objects are to be stacked. */
static int
table_fit(struct table *t, int columns)
{
	static const int drop[] = { COL_UID, COL_PERMS, COL_SEQ, COL_SLOT };
	int gap = 2;

	for (int c = 0; c < t->ncols; c++)
		t->shown[c] = 1;
	if (table_width(t, gap) <= columns)
		return gap;
	gap = 1;
	for (size_t d = 0; d < sizeof drop / sizeof drop[0] && table_width(t, gap) > columns; d++)
		t->shown[drop[d]] = 0;
	return table_width(t, gap) <= columns ? gap : 0;
}

/* Row R of T stacked for a terminal COLUMNS wide, with MARK before it:
 * the key and the id on the first line; then every field but uid and
 * perms as "heading: value", as many to a line as fit, STACK_INDENT
 * columns in.  A pair is never broken. */
static void
stacked_row(const struct table *t, int r, const char *mark, int columns)
{
	struct strbuf line = STRBUF_INIT;
	int col = MARK_WIDTH;

	strbuf_init(&line);
	strbuf_adds(&line, mark);
	for (int c = 0; c < t->ncols; c++) {
		if (c == COL_UID || c == COL_PERMS)
			continue;
		/* TRANSLATORS: one field of an IPC object in the ipcs view
		   on a narrow terminal: a column heading and its value
		   ("id: 32768"). */
		char *pair = xasprintf(_("%s: %s"), t->cell[0][c], t->cell[r][c]);
		int w = display_width(pair, strlen(pair));
		if (c == COL_SLOT || (col > STACK_INDENT && col + 2 + w > columns)) {
			out("%s\n", line.buf);
			strbuf_reset(&line);
			strbuf_addf(&line, "%*s", STACK_INDENT, "");
			col = STACK_INDENT;
		} else if (c > 0) {
			strbuf_adds(&line, "  ");
			col += 2;
		}
		strbuf_adds(&line, pair);
		col += w;
		free(pair);
	}
	out("%s\n", line.buf);
	strbuf_free(&line);
}

/* Print row R of T, with MARK ("  * " or four spaces) before it. */
static void
table_row(const struct table *t, int r, const char *mark, int gap)
{
	struct strbuf line = STRBUF_INIT;
	int pending = 0;   /* spaces owed before the next cell */

	strbuf_init(&line);
	strbuf_adds(&line, mark);
	for (int c = 0; c < t->ncols; c++) {
		if (!t->shown[c])
			continue;
		const char *text = t->cell[r][c];
		for (; pending > 0; pending--)
			strbuf_addc(&line, ' ');
		strbuf_adds(&line, text);
		pending = t->width[c] - display_width(text, strlen(text)) + gap;
	}
	out("%s\n", line.buf);
	strbuf_free(&line);
}

static void
show_kind(enum ipc_kind kind, const struct sysv_object *objs, int n)
{
	/* TRANSLATORS: column headings of the ipcs view.  A column is as wide
	 * as its heading or its widest value (an id, a pid, "client#1"), and
	 * the table must fit 80 columns: keep each heading as short as the
	 * English one.  "uid" is the number of the owner's user id. */
	static const char *const common[COL_COMMON] = {
		N_("key"), N_("id"), N_("slot"), N_("seq"), N_("perms"), N_("uid"),
	};
	static const char *const last[KIND_COUNT][4] = {
		{ N_("messages"), N_("bytes"), N_("last-sender"), N_("last-receiver") },
		{ N_("semaphores"), NULL, NULL, NULL },
		{ N_("attached"), N_("size"), N_("status"), N_("creator") },
	};

	render_heading(_(kind_titles[kind]), NULL);
	if (n == 0) {
		out("  %s\n", _("(none)"));
		return;
	}
	struct table t = { COL_COMMON, n + 1, xcalloc((size_t)n + 1, sizeof *t.cell), { 0 }, { 0 } };
	for (int c = 0; c < COL_COMMON; c++)
		snprintf(t.cell[0][c], CELL_MAX, "%s", _(common[c]));
	for (int c = 0; c < 4 && last[kind][c] != NULL; c++)
		snprintf(t.cell[0][t.ncols++], CELL_MAX, "%s", _(last[kind][c]));
	for (int i = 0; i < n; i++) {
		const struct sysv_object *o = &objs[i];
		char (*cell)[CELL_MAX] = t.cell[i + 1];
		struct id_parts parts;
		char text[CELL_MAX];

		id_decode(o->id, IPCMNI_SHIFT_DEFAULT, &parts);
		key_format(o->key, text, sizeof text);
		set_cell(cell[COL_KEY], text);
		snprintf(cell[COL_ID], CELL_MAX, "%d", o->id);
		snprintf(cell[COL_SLOT], CELL_MAX, "%u", parts.index);
		snprintf(cell[COL_SEQ], CELL_MAX, "%u", parts.seq);
		snprintf(cell[COL_PERMS], CELL_MAX, "%04o", o->mode);
		snprintf(cell[COL_UID], CELL_MAX, "%s", repro_uid(o->uid));
		snprintf(cell[COL_COMMON], CELL_MAX, "%lu", o->count);
		if (kind == KIND_SEM)
			continue;
		snprintf(cell[COL_COMMON + 1], CELL_MAX, "%lu", o->bytes);
		if (kind == KIND_MSG) {
			snprintf(text, sizeof text, "%ld", (long)o->pid1);
			set_cell(cell[COL_COMMON + 2], text);
			snprintf(text, sizeof text, "%ld", (long)o->pid2);
			set_cell(cell[COL_COMMON + 3], text);
		} else {
			snprintf(cell[COL_COMMON + 2], CELL_MAX, "%s", (o->mode & SHM_DEST) ? "dest" : "-");
			snprintf(text, sizeof text, "%ld", (long)o->pid1);
			set_cell(cell[COL_COMMON + 3], text);
		}
	}
	for (int r = 0; r < t.nrows; r++)
		for (int c = 0; c < t.ncols; c++) {
			int w = display_width(t.cell[r][c], strlen(t.cell[r][c]));
			if (w > t.width[c])
				t.width[c] = w;
		}
	int gap = table_fit(&t, render_width());
	if (gap > 0)
		table_row(&t, 0, "    ", gap);
	for (int i = 0; i < n; i++) {
		/* A segment the tutor removed while attached is still its own. */
		const struct sysv_object *o = &objs[i];
		int mine = registry_has(kind, o->id)
			   || (kind == KIND_SHM && (o->mode & SHM_DEST) && registry_doomed(o->id));
		if (gap > 0)
			table_row(&t, i + 1, mine ? "  * " : "    ", gap);
		else
			stacked_row(&t, i + 1, mine ? "  * " : "    ", render_width());
	}
	free(t.cell);
}

/* The three tables; LEGEND: explain the marks and the id layout after
 * them (not in "watch", where the tutor created nothing). */
static int
show_all(struct play_ctx *ctx, int legend)
{
	int total = 0;

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
	if (total > 0 && legend)
		render_paragraph(_("* marks the objects this tutor created. id = seq × 32768 + slot (the default layout; the ipcmni_extend boot option uses 16777216)."),
				 NULL, 0, NULL);
	return 0;
}

int
view_ipcs(struct play_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return show_all(ctx, 1);
}

int
view_objects(struct play_ctx *ctx)
{
	return show_all(ctx, 0);
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
