/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * classroom.c: "ipctutor server", "ipctutor client" and "ipctutor watch"
 * (see classroom.h), for a class where each learner, or the teacher at the
 * projector, runs the server in one terminal and clients in others, in the
 * host IPC namespace, so that ipcs sees everything.
 *
 * The server is a sequence-number server.  It makes the agreed key from the
 * user's key file (play_key_path(): one per user, so learners on one lab
 * machine never meet), holds a lock on that file so that only one of the
 * user's servers runs (lesson 3), and starts with the recovery pattern of
 * lesson 3 (verb_recover(): objects are 0600 and only the user's own
 * leftovers are removed).  A client sends a request of type 1 carrying its
 * pid; the server answers with the next sequence number, as a message of
 * type pid + 2 in the same queue.  The client waits for that answer asleep
 * in the server's queue, so when a restarted server removes the old queue
 * the client is woken at once with EIDRM; a client that calls with the old
 * identifier when it is not asleep gets EINVAL.  (With a private reply
 * queue per client, a client waiting after a crash would sleep forever.)
 * Type 2 is the server's own wake-up, see on_stop() in classbase.c.
 *
 * With --shm the server creates the segment and its companion semaphore of
 * lesson 6 and just keeps them; clients take the semaphore, read the number
 * in the segment and write the next.  A restart shows only through the
 * semaphore (EINVAL on semop): the old segment still reads fine.
 *
 * Nothing here sleeps.  The server waits in msgrcv; SIGINT and SIGTERM
 * wake it with a message to its own queue, so the clean stop runs in
 * ordinary code and shows its IPC_RMID calls.  SIGKILL leaves everything
 * behind, as the lessons teach.
 *
 * The server is classserver.c, the client classclient.c, what they share
 * classbase.c; here are watch, the options and the entry point.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <termios.h>
#include <unistd.h>

#include "classbase.h"
#include "classroom.h"
#include "flags.h"
#include "i18n.h"
#include "render.h"
#include "view.h"

/* ---- watch ---------------------------------------------------------- */

/* One picture of the objects: cleared screen on a terminal, the time,
 * the ipcs view of the tutor (identifiers decoded, SHM_DEST as "dest"). */
static void
snapshot(struct play_ctx *ctx, int tty)
{
	char when[32];
	time_t now = time(NULL);

	char key[32] = "?";
	key_t k = ftok(play_key_path(), KEY_PROJECT);

	if (k != -1)
		key_format(k, key, sizeof key);
	strftime(when, sizeof when, "%H:%M:%S", localtime(&now));
	if (tty)
		out("\033[H\033[2J");
	class_say(_("ipctutor watch, %s: the System V IPC objects of this IPC namespace. Your key file gives key %s. q or Ctrl-C quits."),
	    when, key);
	view_objects(ctx);
	out_flush();
}

static int
run_watch(const struct classroom_options *o)
{
	struct actor_state st;
	struct play_ctx ctx = { "watch", 0, &st, &class_sink, -1, -1 };
	struct itimerspec period = { { 1, 0 }, { 1, 0 } };
	struct termios saved, raw;
	int tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO), raw_set = 0, status = 0;
	int sfd, tfd, input = 1;
	sigset_t set;

	actor_state_init(&st);
	snapshot(&ctx, tty && !o->once);
	if (o->once)
		return out_error() ? 1 : 0;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGWINCH);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sfd = signalfd(-1, &set, SFD_CLOEXEC);
	/* A timer in the poll set is the refresh period of a display, not a
	 * way to wait for something to happen: /proc/sysvipc has no inotify. */
	tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	if (sfd < 0 || tfd < 0 || timerfd_settime(tfd, 0, &period, NULL) != 0) {
		class_say(_("watch cannot set up its timer: %s."), strerror(errno));
		return 1;
	}
	if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0) {
		raw = saved;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		raw_set = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
	}
	for (;;) {
		struct pollfd p[3] = { { sfd, POLLIN, 0 }, { tfd, POLLIN, 0 }, { input ? STDIN_FILENO : -1, POLLIN, 0 } };
		if (poll(p, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			status = 1;
			break;
		}
		if (p[0].revents & POLLIN) {
			struct signalfd_siginfo si;
			if (read(sfd, &si, sizeof si) == (ssize_t)sizeof si && si.ssi_signo != SIGWINCH)
				break;
			render_resize();
			snapshot(&ctx, tty);
		}
		if (p[2].revents & (POLLIN | POLLHUP | POLLERR)) {
			char c[64];
			ssize_t n = read(STDIN_FILENO, c, sizeof c);
			if (n <= 0)
				input = 0;   /* no input (say </dev/null): refresh until a signal */
			else if (memchr(c, 'q', (size_t)n) != NULL || memchr(c, 'Q', (size_t)n) != NULL)
				break;
		}
		if (p[1].revents & POLLIN) {
			uint64_t ticks;
			if (read(tfd, &ticks, sizeof ticks) == (ssize_t)sizeof ticks)
				snapshot(&ctx, tty);
		}
		if (out_error() != 0) {
			status = 1;
			break;
		}
	}
	if (raw_set)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	return status;
}

/* ---- options -------------------------------------------------------- */

static const struct subcommand {
	const char *name;
	const char *options;    /* the long options it accepts, space-separated */
	const char *summary;    /* its line in ipctutor --help (N_: translated when shown) */
	int (*run)(const struct classroom_options *o);
} subcommands[] = {
	{ "server", "shm", N_("the lesson's server; it recovers from crashes"), class_run_server },
	{ "client", "shm naive count", N_("one request per line typed; survives server restarts"), class_run_client },
	{ "watch", "once", N_("the IPC objects, IDs decoded, refreshed every second"), run_watch },
};

void
classroom_help(void)
{
	fputs(_("Subcommands, for a class on one machine (host IPC namespace):\n"), stdout);
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		printf("  %-21s%s\n", subcommands[i].name, _(subcommands[i].summary));
	printf(_("'%s SUBCOMMAND --help' tells more about each.\n\n"), PACKAGE);
}

int
classroom_is_subcommand(const char *word)
{
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		if (strcmp(subcommands[i].name, word) == 0)
			return 1;
	return 0;
}

static void
classroom_usage(const struct subcommand *sc)
{
	if (strcmp(sc->name, "server") == 0)
		printf(_("Usage: %s server [--shm] [--lang=LL] [--width=N]\n"
			 "The lesson's server in the foreground, in the host IPC namespace: it makes\n"
			 "the agreed key, recovers from a crashed predecessor and answers clients\n"
			 "with sequence numbers.  --shm: shared memory and a semaphore instead of a\n"
			 "queue.  Ctrl-C removes its objects; kill -9 leaves them.\n"), PACKAGE);
	else if (strcmp(sc->name, "client") == 0)
		printf(_("Usage: %s client [--shm] [--naive] [--count=N] [--lang=LL] [--width=N]\n"
			 "Send the server a request for each line typed (or N requests), and carry\n"
			 "on when it restarts.  --naive: check only for EIDRM, as the classic\n"
			 "example does, and fail on today's kernels.\n"), PACKAGE);
	else
		printf(_("Usage: %s watch [--once] [--lang=LL] [--width=N]\n"
			 "A view of the IPC objects, refreshed every second, for a third terminal\n"
			 "or a projector; q or Ctrl-C quits.  --once: one picture, then exit.\n"), PACKAGE);
}

int
classroom_main(int argc, char **argv)
{
	static const struct option long_options[] = {
		{ "shm", no_argument, NULL, 's' },
		{ "naive", no_argument, NULL, 'n' },
		{ "count", required_argument, NULL, 'c' },
		{ "once", no_argument, NULL, 'o' },
		{ "lang", required_argument, NULL, 'L' },
		{ "width", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct classroom_options o = { 0, 0, 0, -1 };
	const struct subcommand *sc = NULL;
	const char *tty_term = getenv("TERM");
	struct render_options ro = { 0, 0, 0 };
	int c, index;
	long width = 0;

	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		if (strcmp(subcommands[i].name, argv[0]) == 0)
			sc = &subcommands[i];
	if (sc == NULL)
		return 2;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", long_options, &index)) != -1) {
		char *end;
		if (c != '?' && c != 'h' && c != 'L' && c != 'w' && strstr(sc->options, long_options[index].name) == NULL)
			c = '?';
		switch (c) {
		case 's': o.shm = 1; break;
		case 'n': o.naive = 1; break;
		case 'o': o.once = 1; break;
		case 'c':
			o.count = strtol(optarg, &end, 10);
			if (*end != '\0' || o.count < 0 || o.count > 1000000) {
				fprintf(stderr, _("%s: --count takes a number of requests from 0 to 1000000\n"), PACKAGE);
				return 2;
			}
			break;
		case 'w':
			width = strtol(optarg, &end, 10);
			if (*end != '\0' || width < 20 || width > 1000) {
				fprintf(stderr, _("%s: --width takes a number of columns from 20 to 1000\n"), PACKAGE);
				return 2;
			}
			break;
		case 'L': {
			char *bad = i18n_refuse_code(optarg);
			if (bad != NULL) {
				fprintf(stderr, "%s: --lang: %s\n", PACKAGE, bad);
				free(bad);
				return 2;
			}
			if (!i18n_init(optarg))
				fprintf(stderr, _("%s: no %s translation is installed; continuing in English.\n"), PACKAGE, optarg);
			break;
		}
		case 'h':
			classroom_usage(sc);
			return 0;
		default:
			fprintf(stderr, _("Try '%s %s --help' for more information.\n"), PACKAGE, sc->name);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("%s %s takes no arguments, only options: '%s'.\n"), PACKAGE, sc->name, argv[optind]);
		return 2;
	}
	ro.color = isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL && tty_term != NULL && strcmp(tty_term, "dumb") != 0;
	ro.width = width ? (int)width : isatty(STDOUT_FILENO) ? 0 : 80;
	render_init(&ro);
	c = sc->run(&o);
	out_flush();
	if (out_error() != 0 && c == 0)
		c = 1;
	return c;
}
