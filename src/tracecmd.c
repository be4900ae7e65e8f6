/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * tracecmd.c: "ipctutor trace" (see tracecmd.h).  The program runs with
 * the terminal's standard input and output: its own output passes
 * through, interleaved with the calls, which are flushed one by one.  The
 * exit status is the program's (128 + N when signal N killed it).  Where
 * the kernel refuses ptrace, one sentence says so and the program runs
 * untraced, its output and exit status passed through all the same.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "reproducible.h"
#include "meaning.h"
#include "render.h"
#include "tracecmd.h"
#include "util.h"

static int address_count;

/* "[pid 4242]"; with --reproducible "[pid#2]", the processes numbered in
 * the order they appeared. */
static void
name_process(pid_t pid, char *label, size_t len)
{
	char real[24], masked[24];

	snprintf(real, sizeof real, "%ld", (long)pid);
	repro_text_into(real, masked, sizeof masked);
	if (strcmp(masked, real) == 0)
		snprintf(label, len, "[pid %s]", real);
	else
		snprintf(label, len, "[%s]", masked);
}

void
tracecmd_show(const struct tracer_event *ev)
{
	struct call call;
	char label[48];
	const char *name, *meaning;

	name_process(ev->pid, label, sizeof label);
	memset(&call, 0, sizeof call);
	call.kind = RET_NONE;
	switch (ev->type) {
	case TEV_CALL:
		if (ev->call.kind == RET_ADDR && ev->err == 0) {
			char real[32], masked[16];
			snprintf(real, sizeof real, "%#lx", (unsigned long)ev->ret);
			snprintf(masked, sizeof masked, "ADDR%d", ++address_count);
			if (!repro_known(real))
				repro_add(real, masked);
		}
		render_call(label, &ev->call);
		if ((meaning = meaning_of(&ev->call)) != NULL)
			render_note(meaning);
		break;
	case TEV_UNFINISHED:
		render_call(label, &ev->call);
		break;
	case TEV_FORK:
		repro_pid(ev->child, "pid");
		call.kind = RET_INT;
		call.ret = ev->child;
		snprintf(call.text, sizeof call.text, "%s()", ev->sig ? "clone" : "fork");
		render_call(label, &call);
		break;
	case TEV_SIGNAL:
		name = sigabbrev_np(ev->sig);
		snprintf(call.text, sizeof call.text, "--- SIG%s ---", name ? name : "?");
		render_call(label, &call);
		break;
	case TEV_EXIT:
		if (WIFSIGNALED(ev->status)) {
			name = sigabbrev_np(WTERMSIG(ev->status));
			snprintf(call.text, sizeof call.text, "+++ killed by SIG%s%s +++", name ? name : "?",
				 WCOREDUMP(ev->status) ? " (core dumped)" : "");
		} else {
			snprintf(call.text, sizeof call.text, "+++ exited with %d +++", WEXITSTATUS(ev->status));
		}
		render_call(label, &call);
		break;
	case TEV_EXEC_FAILED:
		render_error(_("The program could not be started: %s."), strerror(ev->err));
		break;
	}
	out_flush();
}

int
tracecmd_exit_status(int status)
{
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static void
show_hook(void *arg, const struct tracer_event *ev)
{
	(void)arg;
	tracecmd_show(ev);
}

int
tracecmd_main(int argc, char **argv)
{
	struct render_options ro = { 0, 0, 0 };
	struct tracer_limits limits = { 0, 0, 0, -1, -1, -1 };
	struct tracer *t;
	char why[256];
	int i = 1, status;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "--reproducible") == 0) {
			ro.reproducible = 1;
		} else {
			fprintf(stderr, _("Usage: %s trace [--reproducible] -- PROGRAM [ARGUMENTS...]\n"), PACKAGE);
			return argv[i][1] == 'h' || strcmp(argv[i], "--help") == 0 ? 0 : 2;
		}
	}
	if (i >= argc) {
		fprintf(stderr, _("Usage: %s trace [--reproducible] -- PROGRAM [ARGUMENTS...]\n"), PACKAGE);
		return 2;
	}
	ro.width = isatty(STDOUT_FILENO) ? 0 : 80;
	render_init(&ro);
	if (ro.reproducible) {
		repro_pid(getpid(), "ipctutor");
		/* The program runs as this user: its objects' creator is
		 * $UID, as in the lessons' reproducible output. */
		repro_own_uid();
	}
	t = tracer_start(argv + i, &limits, show_hook, NULL, why, sizeof why);
	if (t == NULL) {
		fprintf(stderr, "%s: %s\n", PACKAGE, why);
		return 1;
	}
	/* No ptrace here: say so, and run the program all the same. */
	if (!tracer_traced(t))
		fprintf(stderr, "%s: %s\n", PACKAGE, why);
	if (ro.reproducible)
		repro_pid(tracer_pid(t), "pid");
	tracer_wait(t, -1);
	status = tracer_status(t);
	tracer_free(t);
	out_flush();
	return tracecmd_exit_status(status);
}
