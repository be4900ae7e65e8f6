/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * benchtool.c: the measuring instrument of make bench.  Each mode repeats
 * a measurement and prints medians (these machines are noisy: one run
 * means nothing).  It waits on what it measures (output on a pty, a
 * process's exit), never on a timer.
 *   benchtool prompt RUNS TEXT -- COMMAND...   time from fork to TEXT on a
 *       pseudo-terminal, and the process's peak memory (VmHWM) then
 *   benchtool run RUNS INPUT -- COMMAND...     wall time of COMMAND with
 *       INPUT on its standard input, and its peak memory (wait4)
 *   benchtool churn CYCLES                    raw msgget+IPC_RMID cycles
 *       per second, the floor for the tutor's churn (run in unshare -i)
 * Output: one line of "name=value" pairs.
 */
#define _GNU_SOURCE
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

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, by_value);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
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

static int
prompt_mode(int runs, const char *text, char **argv)
{
	double *ms = calloc((size_t)runs, sizeof *ms), *kib = calloc((size_t)runs, sizeof *kib);

	for (int r = 0; r < runs; r++) {
		struct winsize ws = { 24, 80, 0, 0 };
		char buf[65536];
		size_t have = 0;
		int master, found = 0;
		double start = now_ms();
		pid_t pid = forkpty(&master, NULL, NULL, &ws);

		if (pid < 0)
			return 2;
		if (pid == 0) {
			execvp(argv[0], argv);
			_exit(127);
		}
		while (!found) {
			struct pollfd p = { master, POLLIN, 0 };
			if (poll(&p, 1, 10000) <= 0)
				break;   /* 10 s: bounds failure only */
			ssize_t n = read(master, buf + have, sizeof buf - 1 - have);
			if (n <= 0)
				break;
			have += (size_t)n;
			buf[have] = '\0';
			found = strstr(buf, text) != NULL;
			if (have > sizeof buf / 2 && !found) {
				memmove(buf, buf + have / 2, have - have / 2 + 1);
				have -= have / 2;
			}
		}
		ms[r] = now_ms() - start;
		kib[r] = (double)peak_kib(pid);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(master);
		if (!found) {
			fprintf(stderr, "benchtool: \"%s\" never appeared\n", text);
			return 1;
		}
	}
	printf("runs=%d median_ms=%.2f peak_kib=%.0f\n", runs, median(ms, runs), median(kib, runs));
	return 0;
}

static int
run_mode(int runs, const char *input, char **argv)
{
	double *ms = calloc((size_t)runs, sizeof *ms), *kib = calloc((size_t)runs, sizeof *kib);

	for (int r = 0; r < runs; r++) {
		struct rusage ru;
		int status;
		double start = now_ms();
		pid_t pid = fork();

		if (pid < 0)
			return 2;
		if (pid == 0) {
			int fd = open(input, O_RDONLY);
			int null = open("/dev/null", O_WRONLY);
			if (fd < 0 || null < 0)
				_exit(126);
			dup2(fd, 0);
			dup2(null, 1);
			dup2(null, 2);
			execvp(argv[0], argv);
			_exit(127);
		}
		if (wait4(pid, &status, 0, &ru) < 0)
			return 2;
		ms[r] = now_ms() - start;
		kib[r] = (double)ru.ru_maxrss;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "benchtool: %s exited with status %d\n", argv[0], status);
			return 1;
		}
	}
	printf("runs=%d median_ms=%.2f peak_kib=%.0f\n", runs, median(ms, runs), median(kib, runs));
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

int
main(int argc, char **argv)
{
	if (argc >= 6 && strcmp(argv[1], "prompt") == 0 && strcmp(argv[4], "--") == 0)
		return prompt_mode(atoi(argv[2]), argv[3], argv + 5);
	if (argc >= 6 && strcmp(argv[1], "run") == 0 && strcmp(argv[4], "--") == 0)
		return run_mode(atoi(argv[2]), argv[3], argv + 5);
	if (argc == 3 && strcmp(argv[1], "churn") == 0)
		return churn_mode(atol(argv[2]));
	fprintf(stderr, "usage: benchtool prompt RUNS TEXT -- CMD... | run RUNS INPUT -- CMD... | churn CYCLES\n");
	return 2;
}
