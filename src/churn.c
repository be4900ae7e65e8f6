/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * churn.c: "churn N" and "churn until ID": create and remove message queues
 * in a loop, to watch the kernel hand out identifiers.  Since Linux 5.2 the
 * slot is allocated cyclically over a window of at least 64 slots and the
 * sequence number goes up only when the allocator wraps, so with few live
 * objects the same identifier comes back after about 64 × 65535 cycles
 * (reference/kernel-facts.md, 1.3–1.5).  The loop shows the first and last
 * cycle, every change of sequence number, and for long runs a progress line;
 * Ctrl-C stops it cleanly.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <time.h>
#include <unistd.h>

#include "churn.h"
#include "flags.h"
#include "i18n.h"
#include "ipc.h"
#include "procview.h"
#include "render.h"

#define CHURN_MAX 10000000L
#define CHURN_HOST_MAX 1000L      /* outside a private namespace */
#define CHECK_EVERY 65536L        /* cycles between progress and Ctrl-C checks */
#define WRAPS_SHOWN 3             /* sequence-number changes shown one by one */

static double
seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Was the loop asked to stop?  A pending SIGINT is taken (it only stops the
 * loop); a termination signal is left pending for the input loop. */
static int
interrupted(void)
{
	static const struct timespec zero = { 0, 0 };
	sigset_t set;
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sig = sigtimedwait(&set, NULL, &zero);
	if (sig == SIGINT)
		return 1;
	sigemptyset(&set);
	if (sigpending(&set) == 0 && (sigismember(&set, SIGTERM) || sigismember(&set, SIGHUP)))
		return 1;
	return 0;
}

/* One create-and-remove cycle; SHOW prints both calls.  Unshown cycles
 * make the same two system calls without formatting anything, so the loop
 * runs close to the kernel's own rate.  In the host namespace every queue
 * is registered (the guardian hears of it before msgget returns) and
 * forgotten once removed, so that a SIGKILL at any cycle leaves nothing.
 * Returns the identifier, or -1 (the failing call is then always shown). */
static int
cycle(struct play_ctx *ctx, int show)
{
	struct call get, rm;
	int id, r;

	if (show || !play_private_namespace) {
		id = ipc_msgget(IPC_PRIVATE, IPC_CREAT | 0600, &get);
		if (id >= 0)
			play_after_get(ctx, KIND_MSG, &get);
		if (id >= 0 && ipc_msgctl(id, IPC_RMID, NULL, &rm) == 0)
			play_after_rmid(ctx, KIND_MSG, id);
		if (!show && id >= 0 && rm.err == 0)
			return id;
	} else {
		id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
		if (id < 0) {
			trace_record(&get, CALL_MSGGET, "msgget(IPC_PRIVATE, IPC_CREAT|0600)", -1, errno);
		} else if ((r = msgctl(id, IPC_RMID, NULL)) != 0) {
			char text[64];
			snprintf(text, sizeof text, "msgctl(%d, IPC_RMID, NULL)", id);
			trace_record(&get, CALL_MSGGET, "msgget(IPC_PRIVATE, IPC_CREAT|0600)", id, 0);
			trace_record(&rm, CALL_MSGCTL, text, r, errno);
		} else {
			return id;
		}
	}
	play_call(ctx, &get);
	if (id < 0)
		return -1;
	play_call(ctx, &rm);
	return rm.err != 0 ? -1 : id;
}

static void
progress_line(long done, long total, double started)
{
	double elapsed = seconds_now() - started;
	double rate = elapsed > 0 ? (double)done / elapsed : 0;

	/* A progress line only on a terminal, where \r rewrites it. */
	if (!isatty(STDOUT_FILENO))
		return;
	out("\r  ");
	if (total > 0)
		out(_("%ld/%ld cycles · %.0f per second · %.0f s left"), done, total, rate,
		    rate > 0 ? (double)(total - done) / rate : 0.0);
	else
		out(_("%ld cycles · %.0f per second"), done, rate);
	out("   ");
	out_flush();
}

int
churn_command(struct play_ctx *ctx, int argc, char **argv)
{
	long count = 0, target = -1, done = 0;
	int until = strcmp(argv[1], "until") == 0, prev_id = -1, id = -1;
	long limit = play_private_namespace ? CHURN_MAX : CHURN_HOST_MAX;
	struct id_parts parts, prev;
	struct sysv_object live;
	long wraps = 0;
	double started;

	if (argc != (until ? 3 : 2)) {
		play_error(ctx, _("churn takes a number of cycles, or until ID."));
		return -1;
	}
	if (until) {
		if (play_arg_long(ctx, argv[2], _("identifier"), 0, 2147483647L, &target) != 0)
			return -1;
		count = limit;
		if (procview_find(KIND_MSG, (int)target, &live) == 1) {
			play_error(ctx, _("Identifier %ld belongs to a queue that exists right now: it can only come back after that queue is removed."),
				   target);
			return -1;
		}
	} else if (play_arg_long(ctx, argv[1], _("number of cycles"), 1, limit, &count) != 0) {
		return -1;
	}
	started = seconds_now();
	memset(&prev, 0, sizeof prev);
	for (done = 0; done < count; done++) {
		int last = !until && done == count - 1;
		id = cycle(ctx, done == 0 || last);
		if (id < 0)
			break;
		id_decode(id, IPCMNI_SHIFT_DEFAULT, &parts);
		if (done > 0 && parts.seq != prev.seq && ++wraps <= WRAPS_SHOWN)
			play_note(ctx, _("cycle %ld: identifier %d (slot %u, sequence %u) after %d: the slots wrapped and the sequence number went up"),
				  done + 1, id, parts.index, parts.seq, prev_id);
		prev = parts;
		prev_id = id;
			if (until && id == target) {
			done++;
			break;
		}
		if ((done + 1) % CHECK_EVERY == 0) {
			progress_line(done + 1, until ? 0 : count, started);
			if (interrupted()) {
				done++;
				out("\n");
				play_note(ctx, _("Stopped after %ld cycles."), done);
				return 0;
			}
		}
	}
	if (done >= CHECK_EVERY && isatty(STDOUT_FILENO))
		out("\n");
	if (wraps > WRAPS_SHOWN)
		play_note(ctx, _("The slots wrapped %ld times in all."), wraps);
	if (until && id == target)
		play_note(ctx, _("Identifier %ld came back after %ld cycles: a client still holding it would now reach this new object without any error."),
			  target, done);
	else if (until)
		play_note(ctx, _("Identifier %ld did not come back in %ld cycles."), target, done);
	else
		play_note(ctx, _("%ld queues created and removed; the last had identifier %d (slot %u, sequence %u)."),
			  done, prev_id, prev.index, prev.seq);
	if (!render_options()->reproducible && done >= 1000) {
		double s = seconds_now() - started;
		play_note(ctx, _("%.2f s, %.0f cycles per second."), s, s > 0 ? (double)done / s : 0.0);
	}
	return 0;
}
