/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * benchtool.c: the measuring instrument of make bench.  These machines are
 * noisy (two cores shared with others), so one run means nothing and two
 * series timed one after the other drift apart: every comparison runs its
 * two sides alternately, A B A B ..., and reports the median of each side
 * and the ratio B/A of each pair as min–median–max.  It waits on what it
 * measures (text on a pty, a process's exit), never on a timer.
 *
 *   benchtool prompt RUNS TEXT_A TEXT_B -- SIDE_A -- SIDE_B
 *       fork to TEXT on a pseudo-terminal; also the peak memory (VmHWM)
 *   benchtool exit RUNS INPUT_A INPUT_B -- SIDE_A -- SIDE_B
 *       fork to exit with INPUT on standard input; also ru_maxrss, and the
 *       CPU time (user + system), which waiting for a busy CPU does not add to
 *   benchtool step RUNS FORMAT FIRST LAST LINE -- SIDE_A -- SIDE_B
 *       on a pty, wait for FORMAT with FIRST (a printf format with one %d),
 *       then for each N after it: type LINE, time until FORMAT with N shows;
 *       a run's figure is the median of its steps
 *   benchtool churn CYCLES
 *       raw msgget+IPC_RMID cycles per second (run it in unshare -i)
 *
 * A SIDE is [NAME=VALUE]... COMMAND [ARG]...: the assignments go into the
 * command's environment (set after fork, so no env(1) is timed).
 * Output: one line of "name=value" pairs.
 */
#define _GNU_SOURCE
#pragma GCC diagnostic ignored "-Wformat-nonliteral"   /* step FORMAT, given by bench.sh */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "timing.h"

#define DEADLINE_MS 20000   /* bounds a failure only */

struct side {
	char **env;      /* NAME=VALUE..., NULL-terminated */
	char **argv;     /* the command, NULL-terminated */
};

/* One measured figure per run and side. */
struct series {
	double *v;
	int n;
};

static void
add(struct series *s, double x)
{
	s->v = realloc(s->v, (size_t)(s->n + 1) * sizeof *s->v);
	if (s->v == NULL)
		exit(2);
	s->v[s->n++] = x;
}

/* Print NAME_a, NAME_b (medians) and the ratio b/a of each pair as
 * NAME_ratio=min/median/max. */
static void
report(const char *name, struct series *a, struct series *b)
{
	struct series r = { NULL, 0 };

	for (int i = 0; i < a->n && i < b->n; i++)
		add(&r, a->v[i] > 0 ? b->v[i] / a->v[i] : 0);
	double ma = median(a->v, a->n), mb = median(b->v, b->n), mr = median(r.v, r.n);
	printf("%s_a=%.3f %s_b=%.3f %s_ratio=%.2f/%.2f/%.2f ", name, ma, name, mb, name,
	       r.n ? r.v[0] : 0, mr, r.n ? r.v[r.n - 1] : 0);
	free(r.v);
}

/* Split ARGV (after the mode's own arguments) at "--" into two sides. */
static int
parse_sides(char **argv, struct side *a, struct side *b)
{
	struct side *s[2] = { a, b };

	for (int k = 0; k < 2; k++) {
		if (*argv == NULL || strcmp(*argv, "--") != 0)
			return -1;
		*argv++ = NULL;
		s[k]->env = argv;
		while (*argv != NULL && strcmp(*argv, "--") != 0 && strchr(*argv, '=') != NULL)
			argv++;
		s[k]->argv = argv;
		if (*argv == NULL || strcmp(*argv, "--") == 0)
			return -1;
		while (*argv != NULL && strcmp(*argv, "--") != 0)
			argv++;
	}
	if (*argv != NULL)
		return -1;
	/* Terminate side A's lists: its argv ends where B's "--" was. */
	return 0;
}

/* In the child: the side's environment, then its command. */
static void __attribute__((noreturn))
exec_side(const struct side *s)
{
	for (char **e = s->env; e < s->argv; e++)
		putenv(*e);
	execvp(s->argv[0], s->argv);
	_exit(127);
}

/* VmHWM of PID in KiB, or -1. */
static long
peak_kib(pid_t pid)
{
	char path[64], line[256];
	long kib = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

/* What a pty has shown since the last match. */
struct screen {
	int fd;
	char buf[65536];
	size_t have;
};

/* Read from the pty until TEXT has appeared; then drop what came before
 * the end of TEXT.  0, or -1 on end of file or deadline. */
static int
wait_text(struct screen *s, const char *text)
{
	double give_up = now_ms() + DEADLINE_MS;

	for (;;) {
		char *at;
		s->buf[s->have] = '\0';
		if ((at = strstr(s->buf, text)) != NULL) {
			size_t used = (size_t)(at - s->buf) + strlen(text);
			memmove(s->buf, s->buf + used, s->have - used + 1);
			s->have -= used;
			return 0;
		}
		if (s->have > sizeof s->buf / 2) {
			size_t keep = strlen(text);
			memmove(s->buf, s->buf + s->have - keep, keep + 1);
			s->have = keep;
		}
		struct pollfd p = { s->fd, POLLIN, 0 };
		int left = (int)(give_up - now_ms());
		if (left <= 0 || poll(&p, 1, left) <= 0)
			return -1;
		ssize_t n = read(s->fd, s->buf + s->have, sizeof s->buf - 1 - s->have);
		if (n <= 0)
			return -1;
		s->have += (size_t)n;
	}
}

static pid_t
start_on_pty(const struct side *side, struct screen *s)
{
	struct winsize ws = { 200, 80, 0, 0 };   /* tall: no pager before the prompt */
	pid_t pid = forkpty(&s->fd, NULL, NULL, &ws);

	s->have = 0;
	if (pid == 0)
		exec_side(side);
	return pid;
}

static void
stop(pid_t pid, struct screen *s)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	if (s != NULL)
		close(s->fd);
}

/* prompt: one run of SIDE; adds ms and KiB. */
static int
prompt_once(const struct side *side, const char *text, struct series *ms, struct series *kib)
{
	static struct screen s;
	double start = now_ms();
	pid_t pid = start_on_pty(side, &s);

	if (pid < 0)
		return -1;
	int r = wait_text(&s, text);
	add(ms, now_ms() - start);
	add(kib, (double)peak_kib(pid));
	stop(pid, &s);
	if (r != 0)
		fprintf(stderr, "benchtool: \"%s\" never appeared from %s\n", text, side->argv[0]);
	return r;
}

/* exit: one run of SIDE with INPUT on its standard input. */
static int
exit_once(const struct side *side, const char *input, struct series *ms, struct series *kib, struct series *cpu)
{
	struct rusage ru;
	int status;
	double start = now_ms();
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(input, O_RDONLY), null = open("/dev/null", O_WRONLY);
		if (fd < 0 || null < 0)
			_exit(126);
		dup2(fd, 0);
		dup2(null, 1);
		dup2(null, 2);
		exec_side(side);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		return -1;
	add(ms, now_ms() - start);
	add(kib, (double)ru.ru_maxrss);
	add(cpu, (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3
		 + (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "benchtool: %s exited with status %d\n", side->argv[0], status);
		return -1;
	}
	return 0;
}

struct step_args {
	const char *format, *line;
	int first, last;
};

/* step: one run of SIDE: the median time of its steps. */
static int
step_once(const struct side *side, const struct step_args *a, struct series *ms)
{
	static struct screen s;
	struct series steps = { NULL, 0 };
	char text[256];
	pid_t pid = start_on_pty(side, &s);
	int r;

	if (pid < 0)
		return -1;
	snprintf(text, sizeof text, a->format, a->first);
	r = wait_text(&s, text);
	for (int n = a->first + 1; r == 0 && n <= a->last; n++) {
		double start = now_ms();
		if (write(s.fd, a->line, strlen(a->line)) < 0 || write(s.fd, "\r", 1) != 1)
			r = -1;
		snprintf(text, sizeof text, a->format, n);
		if (r == 0 && (r = wait_text(&s, text)) == 0)
			add(&steps, now_ms() - start);
	}
	stop(pid, &s);
	if (r != 0) {
		fprintf(stderr, "benchtool: \"%s\" never appeared from %s\n", text, side->argv[0]);
		return -1;
	}
	add(ms, median(steps.v, steps.n));
	free(steps.v);
	return 0;
}

static int
churn_mode(long cycles)
{
	double start = now_ms();

	for (long i = 0; i < cycles; i++) {
		int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
		if (id < 0 || msgctl(id, IPC_RMID, NULL) != 0) {
			perror("benchtool churn");
			return 1;
		}
	}
	double s = (now_ms() - start) / 1e3;
	printf("cycles=%ld seconds=%.3f per_second=%.0f\n", cycles, s, (double)cycles / s);
	return 0;
}

static int
usage(void)
{
	fprintf(stderr, "usage: benchtool prompt RUNS TEXT_A TEXT_B -- SIDE -- SIDE\n"
			"       benchtool exit RUNS INPUT_A INPUT_B -- SIDE -- SIDE\n"
			"       benchtool step RUNS FORMAT FIRST LAST LINE -- SIDE -- SIDE\n"
			"       benchtool churn CYCLES\n");
	return 2;
}

int
main(int argc, char **argv)
{
	struct series ms[2] = { { NULL, 0 }, { NULL, 0 } }, kib[2] = { { NULL, 0 }, { NULL, 0 } };
	struct series cpu[2] = { { NULL, 0 }, { NULL, 0 } };
	struct side side[2];
	struct step_args sa = { NULL, NULL, 0, 0 };
	int runs, own;

	if (argc == 3 && strcmp(argv[1], "churn") == 0)
		return churn_mode(atol(argv[2]));
	if (argc < 3)
		return usage();
	runs = atoi(argv[2]);
	own = strcmp(argv[1], "prompt") == 0 ? 5 : strcmp(argv[1], "exit") == 0 ? 5
	    : strcmp(argv[1], "step") == 0 ? 7 : 0;
	if (own == 0 || runs < 1 || argc <= own || parse_sides(argv + own, &side[0], &side[1]) != 0)
		return usage();
	if (own == 7)
		sa = (struct step_args){ argv[3], argv[6], atoi(argv[4]), atoi(argv[5]) };
	for (int r = 0; r < runs; r++)
		for (int k = 0; k < 2; k++) {
			int bad = argv[1][0] == 'p' ? prompt_once(&side[k], argv[3 + k], &ms[k], &kib[k])
				: argv[1][0] == 'e' ? exit_once(&side[k], argv[3 + k], &ms[k], &kib[k], &cpu[k])
				: step_once(&side[k], &sa, &ms[k]);
			if (bad)
				return 1;
		}
	printf("runs=%d ", runs);
	report("ms", &ms[0], &ms[1]);
	if (own != 7)
		report("kib", &kib[0], &kib[1]);
	if (argv[1][0] == 'e')
		report("cpu", &cpu[0], &cpu[1]);
	printf("\n");
	return 0;
}
