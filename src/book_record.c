/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * book_record.c: the one recorded run the book names.  A book made on any
 * kernel by any user must come out the same, so what differs from machine
 * to machine is not taken from the machine that makes the book but from a
 * small committed file, book/recorded-run.txt, which `make book-record`
 * rewrites from a real run (book/record.sh): the kernel the transcripts
 * were recorded on, the machine, and the figures of one restartcost run.
 * Its lines are "NAME VALUE":
 *
 *     kernel 6.18
 *     machine 2 × Intel(R) Xeon(R) CPU @ 2.20GHz
 *     restarts 100
 *     queue 338 901 347 907 370 930
 *     socket 115 224 536 768 523 779
 *
 * (queue and socket: median and 99th percentile, in microseconds, of the
 * three phases restartcost measures.)  The book reads it from the file
 * named by IPCTUTOR_BOOK_RECORD; without it, the front page names the
 * running kernel and the figures are left out.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "book_record.h"
#include "i18n.h"
#include "render.h"
#include "util.h"

#define PHASES 3

static struct record {
	int loaded;
	char kernel[64];
	char machine[128];
	long restarts;
	long queue[2 * PHASES];
	long socket[2 * PHASES];
	int have_queue, have_socket;
} rec;

static int
read_figures(const char *value, long *into)
{
	return sscanf(value, "%ld %ld %ld %ld %ld %ld", &into[0], &into[1], &into[2],
		      &into[3], &into[4], &into[5]) == 2 * PHASES;
}

/* Load the record once; a missing or unreadable file leaves it empty. */
static const struct record *
record(void)
{
	const char *path = getenv("IPCTUTOR_BOOK_RECORD");
	struct strbuf text = STRBUF_INIT;
	char *line, *save = NULL;

	if (rec.loaded)
		return &rec;
	rec.loaded = 1;
	strbuf_init(&text);
	if (path == NULL || read_file(path, &text, 1 << 16) != 0) {
		strbuf_free(&text);
		return &rec;
	}
	for (line = strtok_r(text.buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char *value = strchr(line, ' ');
		if (line[0] == '#' || value == NULL)
			continue;
		*value++ = '\0';
		if (strcmp(line, "kernel") == 0)
			snprintf(rec.kernel, sizeof rec.kernel, "%s", value);
		else if (strcmp(line, "machine") == 0)
			snprintf(rec.machine, sizeof rec.machine, "%s", value);
		else if (strcmp(line, "restarts") == 0)
			rec.restarts = strtol(value, NULL, 10);
		else if (strcmp(line, "queue") == 0)
			rec.have_queue = read_figures(value, rec.queue);
		else if (strcmp(line, "socket") == 0)
			rec.have_socket = read_figures(value, rec.socket);
	}
	strbuf_free(&text);
	return &rec;
}

void
book_record_kernel(void)
{
	const struct record *r = record();
	char kernel[64];

	if (r->kernel[0] != '\0') {
		snprintf(kernel, sizeof kernel, "%s", r->kernel);
	} else {
		struct utsname u;
		unsigned major = 0, minor = 0;
		if (uname(&u) == 0)
			sscanf(u.release, "%u.%u", &major, &minor);
		snprintf(kernel, sizeof kernel, "%u.%u", major, minor);
	}
	out(_("The transcripts of this book were recorded on Linux %s. On another kernel some answers may differ; the tutor explains whichever answer your kernel gives."), kernel);
	out("\n\n");
}

static void
figures(struct strbuf *to, const char *variant, const long *f, long restarts)
{
	static const char *const phase_names[PHASES] = {
		N_("detected"), N_("new server ready"), N_("client back"),
	};

	strbuf_addf(to, _("%s, %ld restarts (after the SIGKILL, in microseconds):"), _(variant), restarts);
	strbuf_adds(to, "\n");
	for (size_t p = 0; p < PHASES; p++) {
		strbuf_addf(to, _("  %s: median %.0f, 99th percentile %.0f"), _(phase_names[p]),
			    (double)f[2 * p], (double)f[2 * p + 1]);
		strbuf_adds(to, "\n");
	}
}

int
book_record_restartcost(struct strbuf *label, struct strbuf *lines)
{
	const struct record *r = record();

	if (!r->have_queue || !r->have_socket || r->restarts <= 0)
		return -1;
	strbuf_addf(label, _("The figures of one recorded run (%s; Linux %s). Yours will differ:"),
		    r->machine[0] != '\0' ? r->machine : "?", r->kernel[0] != '\0' ? r->kernel : "?");
	figures(lines, N_("System V message queue"), r->queue, r->restarts);
	figures(lines, N_("UNIX-domain socket"), r->socket, r->restarts);
	return 0;
}
