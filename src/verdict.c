/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * verdict.c: what "check N" says (see verdict.h).  The checker's engine
 * (checker.c) and the scenarios decide whether a requirement holds; this
 * file writes the line for it (✓ PASS, ✗ FAIL with the reason, - SKIP with
 * why), counts it, turns how the learner's program ended into a verdict,
 * and ends the check with one sentence that names the next command.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "i18n.h"
#include "render.h"
#include "util.h"
#include "verdict.h"

void
verdict_part(const char *text)
{
	out("\n");
	render_paragraph(text, NULL, 0, "▸ ");
	out_flush();
}

void
verdict_give(struct verdicts *v, int ok, const char *text, const char *reason)
{
	char *line = ok ? xasprintf(_("PASS  %s"), text) : xasprintf(_("FAIL  %s: %s"), text, reason);

	render_paragraph(line, NULL, 2, ok ? "✓ " : "✗ ");
	free(line);
	out_flush();
	if (ok)
		v->passed++;
	else
		v->failed++;
}

void
verdict_skip(struct verdicts *v, const char *text, const char *why)
{
	char *line = xasprintf(_("SKIP  %s: %s"), text, why);

	render_paragraph(line, NULL, 2, "- ");
	free(line);
	v->skipped++;
}

void
verdict_ending(struct verdicts *v, const struct ending *e)
{
	if (e->fork_limit_hit) {
		char *why = xasprintf(_("it started more than %d processes, so the checker stopped it (a fork in a loop?)"),
				      e->max_processes);
		verdict_give(v, 0, _("Your program starts a reasonable number of processes"), why);
		free(why);
	} else if (e->stopped && e->hopeless != SV_NONE) {
		verdict_give(v, 0, _("Your program ends by itself"),
			     e->hopeless == SV_MSGRCV
			     ? _("it waits in msgrcv for an answer no server will send: the tutor's server has answered everything it was sent (or none runs), so the checker stopped it at once")
			     : e->hopeless == SV_SEMOP
			     ? _("it waits in semop for a semaphore nobody will give back: with no time limit it cannot notice that the server is gone, so the checker stopped it at once")
			     : _("it waits in msgsnd for room in a queue nobody reads, so the checker stopped it at once"));
	} else if (e->stopped && e->left_behind) {
		char *why = xasprintf(_("its first process ended, but a process it started did not end within %d seconds, so the checker stopped it (a child left behind: wait for your children before you exit)"),
				      e->seconds);
		verdict_give(v, 0, _("Your program ends by itself"), why);
		free(why);
	} else if (e->stopped) {
		char *why = xasprintf(_("it did not end within %d seconds, so the checker stopped it (is it waiting for something that never comes, or looping?)"),
				      e->seconds);
		verdict_give(v, 0, _("Your program ends by itself"), why);
		free(why);
	} else if (WIFSIGNALED(e->status) && WTERMSIG(e->status) != SIGTERM && WTERMSIG(e->status) != SIGINT) {
		const char *name = sigabbrev_np(WTERMSIG(e->status));
		char *why = WTERMSIG(e->status) == SIGXCPU
				    ? xasprintf(_("it used more than its CPU time (%d seconds) and was killed by SIG%s"),
						e->cpu_seconds, name ? name : "?")
				    : xasprintf(_("it was killed by SIG%s (signal %d): it crashed"), name ? name : "?",
						WTERMSIG(e->status));
		verdict_give(v, 0, _("Your program runs without crashing"), why);
		free(why);
	}
}

int
verdict_summary(const struct verdicts *v, int untraced, int number, const char *prefix)
{
	char *text, *next;

	out("\n");
	if (untraced && v->failed == 0) {
		render_paragraph(_("Without tracing, only how your program ended could be judged. Check it again where ptrace is allowed (outside a container that forbids it) for a full verdict."),
				 NULL, 0, NULL);
		out_flush();
		return 2;
	}
	if (v->failed == 0) {
		next = xasprintf("%ssolution %d", prefix, number);
		/* TRANSLATORS: %s is a command: "solution 1" or "ipctutor solution 1". */
		text = xasprintf(_("Every requirement passed. Well done: %s shows the reference solution to compare."), next);
	} else {
		char *hint = xasprintf("%shint %d", prefix, number);
		next = xasprintf("%scheck %d", prefix, number);
		/* TRANSLATORS: the two %s are commands: "hint 1" and "check 1", or
		 * "ipctutor hint 1" and "ipctutor check 1". */
		text = xasprintf(_("Not yet: a requirement failed (see FAIL above). %s gives a hint; %s again after editing."), hint,
				 next);
		free(hint);
	}
	render_paragraph(text, NULL, 0, NULL);
	free(text);
	free(next);
	out_flush();
	return v->failed == 0 ? 0 : 1;
}
