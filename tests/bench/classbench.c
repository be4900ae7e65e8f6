/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * classbench.c: a class on one machine, for make bench.  A teacher runs
 * `ipctutor --lead 1` and N learners run `ipctutor --follow`, all real
 * processes, each learner with its own HOME (its own progress) and, as
 * always, its own private IPC namespace for the lessons.  Run it inside
 * `unshare -i`: the namespace it starts in plays the machine's, where the
 * board lives, so the bench never touches the real one.
 *
 *   classbench N ROUNDS HOMES -- TUTOR
 *
 * Each round the teacher types "goto 1.2" up to "goto 1.LAST" and then
 * "goto 1.1" (goto, not next: a step with a question holds next until it
 * is answered); after each move the driver reads every learner's output
 * until it shows that step ("Step 1.S ("), and times from the teacher's
 * line to each learner's.  It waits on output only; a learner that has
 * not shown the step after DEADLINE_MS is counted as missing the move.
 * Then the teacher talks, PAUSE_MS (CLASSBENCH_PAUSE_MS) before the next
 * move, as a teacher does: a follower does some of its work for later
 * moves once it has been idle a while (forks the processes a later step
 * may start), and moves back to back, with no time between, would each
 * find the work the one before left (0 measures that).
 * Each learner and the teacher run in a session of their own, as logins
 * give them, and the driver at a higher priority where it may (root), so
 * that it does not read a move late behind the class it times.  With
 * CLASSBENCH_DEBUG set, each move is described on standard error: when
 * the teacher's line was written, the teacher's and the learners' times,
 * the learners' CPU time for the move before, and, LOOK_MS into a move
 * (CLASSBENCH_LOOK_MS, if set; reading /proc for a hundred learners
 * takes the driver a while, so a look delays what it times after),
 * what every learner still late is doing (state and wait channel of its
 * tutor and helpers).
 * It counts the objects in this namespace (the board's shm and sem only,
 * it should be), and after the moves the memory of each learner (its
 * tutor and the tutor's helpers, /proc smaps_rollup).  At the end the teacher quits,
 * every learner must say that the board went (EIDRM), and then nothing
 * may be left in the namespace.
 * Output: name=value pairs on one line.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "timing.h"

#define DEADLINE_MS 5000    /* a learner later than this missed the move */
#define LOOK_MS 30          /* CLASSBENCH_DEBUG: who is still late then (default) */
#define LAST_STEP 7         /* lesson 1: steps 1.1 to 1.7 */
#define PAUSE_MS 500        /* between moves: the teacher talks (0.5 s at least) */

struct learner {
	pid_t pid;
	int in, out;             /* its standard input (kept open) and output */
	char buf[8192];
	size_t have;
	double shown;            /* when the current move's step appeared, or 0 */
};

/* Start TUTOR with ARG (or none) and HOME, its output and input on pipes. */
static void
start(struct learner *l, const char *tutor, const char *arg, const char *home)
{
	int in[2], out[2];

	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) {
		perror("classbench: pipe");
		exit(2);
	}
	l->pid = fork();
	if (l->pid < 0) {
		perror("classbench: fork");
		exit(2);
	}
	if (l->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(out[1], 2);
		setpriority(PRIO_PROCESS, 0, 0);   /* the class at the usual priority */
		/* A session of its own, as a learner's login gives it: the
		 * scheduler shares the CPUs among sessions (autogroups) first,
		 * so a hundred learners in the driver's one session would
		 * weigh as one user against the machine's other work. */
		setsid();
		setenv("HOME", home, 1);
		execl(tutor, tutor, arg[0] == '-' ? arg : "--lead", arg[0] == '-' ? (char *)NULL : arg, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	l->in = in[1];
	l->out = out[0];
	l->have = 0;
	l->shown = 0;
}

/* Take what L has written; note the time when TEXT is among it. */
static void
take(struct learner *l, const char *text)
{
	ssize_t n = read(l->out, l->buf + l->have, sizeof l->buf - 1 - l->have);

	if (n <= 0) {
		l->shown = -1;   /* it ended: counted as missing */
		return;
	}
	l->have += (size_t)n;
	l->buf[l->have] = '\0';
	if (l->shown == 0 && strstr(l->buf, text) != NULL)
		l->shown = now_ms();
	if (l->have > sizeof l->buf / 2) {   /* keep the tail, where TEXT may be starting */
		size_t keep = strlen(text);
		memmove(l->buf, l->buf + l->have - keep, keep + 1);
		l->have = keep;
	}
}

/* For CLASSBENCH_DEBUG: what PID (learner I, at DEPTH in its tree) is
 * doing: its state, where it sleeps, its children. */
static void
describe(int i, pid_t pid, int depth)
{
	char path[64], buf[512] = "", wchan[64] = "", *p;
	long child;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) != NULL) {
		buf[fread(buf, 1, sizeof buf - 1, f)] = '\0';
		fclose(f);
	}
	snprintf(path, sizeof path, "/proc/%ld/wchan", (long)pid);
	if ((f = fopen(path, "r")) != NULL) {
		wchan[fread(wchan, 1, sizeof wchan - 1, f)] = '\0';
		fclose(f);
	}
	p = strrchr(buf, ')');
	fprintf(stderr, "  late learner %d:%*s pid %ld %.1s %s\n", i, depth * 2, "", (long)pid, p ? p + 2 : "?", wchan);
	snprintf(path, sizeof path, "/proc/%ld/task/%ld/children", (long)pid, (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fscanf(f, "%ld", &child) == 1)
		describe(i, (pid_t)child, depth + 1);
	fclose(f);
}

/* For CLASSBENCH_DEBUG: CPU time (ms) PID and its living descendants
 * have used (/proc schedstat, in nanoseconds). */
static double
tree_cpu_ms(pid_t pid)
{
	char path[64];
	unsigned long long ns = 0;
	long child;
	double ms = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/schedstat", (long)pid);
	if ((f = fopen(path, "r")) != NULL) {
		if (fscanf(f, "%llu", &ns) == 1)
			ms = (double)ns / 1e6;
		fclose(f);
	}
	snprintf(path, sizeof path, "/proc/%ld/task/%ld/children", (long)pid, (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return ms;
	while (fscanf(f, "%ld", &child) == 1)
		ms += tree_cpu_ms((pid_t)child);
	fclose(f);
	return ms;
}

/* When, into a move, CLASSBENCH_DEBUG looks at the learners still late. */
static int
look_ms(void)
{
	const char *ms = getenv("CLASSBENCH_LOOK_MS");

	return ms != NULL && atoi(ms) > 0 ? atoi(ms) : LOOK_MS;
}

/* Read every learner in L[0..N) until each has shown TEXT or the deadline
 * passed; the time each took is stored into LATE[] (ms after START), -1
 * for a miss.  Returns the number of misses. */
static int
wait_all(struct learner *l, int n, const char *text, double start, double *late)
{
	struct pollfd *p = calloc((size_t)n, sizeof *p);
	int waiting = n, missed = 0;

	for (int i = 0; i < n; i++) {
		l[i].shown = 0;
		l[i].buf[l[i].have] = '\0';
		if (strstr(l[i].buf, text) != NULL)   /* it came before we looked */
			l[i].shown = now_ms();
	}
	int looked = getenv("CLASSBENCH_DEBUG") == NULL;
	while (waiting > 0) {
		int k = 0, left = (int)(start + DEADLINE_MS - now_ms());
		int look = (int)(start + look_ms() - now_ms());
		for (int i = 0; i < n; i++)
			p[i] = (struct pollfd){ l[i].shown == 0 ? l[i].out : -1, POLLIN, 0 };
		if (!looked && look <= 0) {
			looked = 1;
			for (int i = 0; i < n; i++)
				if (l[i].shown == 0)
					describe(i, l[i].pid, 0);
		}
		if (left <= 0 || (k = poll(p, (nfds_t)n, looked ? left : look)) < 0 || (k == 0 && looked))
			break;
		k = 0;
		for (int i = 0; i < n; i++)
			if (p[i].revents)
				take(&l[i], text);
		for (int i = 0; i < n; i++)
			k += l[i].shown == 0;
		waiting = k;
	}
	for (int i = 0; i < n; i++) {
		late[i] = l[i].shown > 0 ? l[i].shown - start : -1;
		missed += l[i].shown <= 0;
		l[i].have = 0;   /* the next move's text comes after this */
	}
	free(p);
	return missed;
}

/* The teacher talks: MS milliseconds before the next move, reading (and
 * dropping) whatever the learners still write of this one. */
static void
teacher_talks(struct learner *l, int n, int ms)
{
	struct pollfd *p = calloc((size_t)n, sizeof *p);
	double until = now_ms() + ms;
	int left;

	for (int i = 0; i < n; i++)
		p[i] = (struct pollfd){ l[i].out, POLLIN, 0 };
	while ((left = (int)(until - now_ms())) > 0 && poll(p, (nfds_t)n, left) > 0)
		for (int i = 0; i < n; i++)
			if (p[i].revents && read(l[i].out, l[i].buf, sizeof l[i].buf) <= 0)
				p[i].fd = -1;   /* it ended: the next move counts it missing */
	free(p);
}

/* Objects of each kind in this IPC namespace (/proc/sysvipc). */
static int
count_objects(const char *kind)
{
	char path[64], line[512];
	int n = -1;   /* the header line */
	FILE *f;

	snprintf(path, sizeof path, "/proc/sysvipc/%s", kind);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		n++;
	fclose(f);
	return n;
}

/* A /proc field of PID in kB ("Pss:" in smaps_rollup, "VmRSS:" in status). */
static long
proc_kib(pid_t pid, const char *file, const char *field)
{
	char path[64], line[256];
	long kib = 0;
	size_t len = strlen(field);
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/%s", (long)pid, file);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, field, len) == 0) {
			kib = atol(line + len);
			break;
		}
	fclose(f);
	return kib;
}

/* PID and its descendants: the sum of FIELD. */
static long
tree_kib(pid_t pid, const char *file, const char *field)
{
	char path[64];
	long sum = proc_kib(pid, file, field), child;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/task/%ld/children", (long)pid, (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return sum;
	while (fscanf(f, "%ld", &child) == 1)
		sum += tree_kib((pid_t)child, file, field);
	fclose(f);
	return sum;
}

int
main(int argc, char **argv)
{
	if (argc != 6 || strcmp(argv[4], "--") != 0) {
		fprintf(stderr, "usage: classbench N ROUNDS HOMES -- TUTOR\n");
		return 2;
	}
	int n = atoi(argv[1]), rounds = atoi(argv[2]), moves = 0, missed = 0;
	const char *homes = argv[3], *tutor = argv[5];
	int pause = getenv("CLASSBENCH_PAUSE_MS") != NULL ? atoi(getenv("CLASSBENCH_PAUSE_MS")) : PAUSE_MS;
	struct learner *l = calloc((size_t)n + 1, sizeof *l), *teacher = &l[n];
	double *late = calloc((size_t)n + 1, sizeof *late), *lasts = calloc((size_t)rounds * LAST_STEP, sizeof *lasts);
	double *all = calloc((size_t)n * (size_t)rounds * LAST_STEP, sizeof *all);
	size_t nall = 0;
	char home[4096], text[64];

	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	/* The observer ahead of the class it times (where allowed: root): a
	 * driver waiting for a CPU behind a hundred learners, or behind the
	 * machine's other work, would read a move late and blame the class.
	 * With autogroups a nice value counts only inside the session's
	 * group, and each learner is a group of its own: the driver's group
	 * gets the priority too, or it weighs as one learner among a hundred. */
	setpriority(PRIO_PROCESS, 0, -10);
	int autogroup = open("/proc/self/autogroup", O_WRONLY | O_CLOEXEC);
	if (autogroup >= 0) {
		if (write(autogroup, "-10", 3) < 0 && getenv("CLASSBENCH_DEBUG"))
			perror("classbench: /proc/self/autogroup");
		close(autogroup);
	}
	snprintf(home, sizeof home, "%s/teacher", homes);
	mkdir(home, 0700);
	start(teacher, tutor, "1", home);
	if (wait_all(teacher, 1, "Step 1.1 (", now_ms(), late) != 0) {
		fprintf(stderr, "classbench: the teacher did not start\n");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		snprintf(home, sizeof home, "%s/learner%03d", homes, i);
		mkdir(home, 0700);
		start(&l[i], tutor, "--follow", home);
	}
	if (wait_all(l, n, "Step 1.1 (", now_ms(), late) != 0) {
		fprintf(stderr, "classbench: not every learner started\n");
		return 1;
	}
	int shm = count_objects("shm"), sem = count_objects("sem"), msg = count_objects("msg");
	teacher_talks(l, n + 1, pause);   /* before the first move too */
	for (int r = 0; r < rounds; r++)
		for (int s = 2; s <= LAST_STEP + 1; s++) {
			int step = s <= LAST_STEP ? s : 1;
			double t0, last = 0;
			char line[32];
			snprintf(text, sizeof text, "Step 1.%d (", step);
			snprintf(line, sizeof line, "goto 1.%d\n", step);
			if (getenv("CLASSBENCH_DEBUG")) {
				static double before;
				double cpu = 0;
				for (int i = 0; i < n; i++)
					cpu += tree_cpu_ms(l[i].pid);
				fprintf(stderr, "  the learners' CPU since the move before: %.1f ms\n", cpu - before);
				before = cpu;
			}
			t0 = now_ms();
			if (write(teacher->in, line, strlen(line)) < 0)
				return 1;
			double wrote = now_ms() - t0;
			/* The teacher is read too, or its pipe would fill up. */
			missed += wait_all(l, n + 1, text, t0, late);
			for (int i = 0; i < n; i++)
				if (late[i] >= 0) {
					all[nall++] = late[i];
					if (late[i] > last)
						last = late[i];
				}
			if (getenv("CLASSBENCH_DEBUG")) {
				double *c = calloc((size_t)n, sizeof *c);
				memcpy(c, late, (size_t)n * sizeof *c);
				qsort(c, (size_t)n, sizeof *c, by_value);
				fprintf(stderr, "move %d (%s): written %.1f, teacher %.1f, learners 10%% %.1f 50%% %.1f 90%% %.1f last %.1f ms\n",
					moves, text, wrote, late[n], c[n / 10], c[n / 2], c[n * 9 / 10], last);
				free(c);
			}
			lasts[moves++] = last;
			teacher_talks(l, n + 1, pause);
		}
	/* Memory after the moves, back at step 1.1: each learner's tutor, its
	 * listener and the processes it keeps ready for later steps. */
	long pss = 0, rss = 0;
	for (int i = 0; i < n; i++) {
		pss += tree_kib(l[i].pid, "smaps_rollup", "Pss:");
		rss += tree_kib(l[i].pid, "status", "VmRSS:");
	}
	double worst = 0;
	for (int m = 0; m < moves; m++)
		worst = lasts[m] > worst ? lasts[m] : worst;
	printf("learners=%d moves=%d missed=%d last_median_ms=%.1f last_worst_ms=%.1f each_median_ms=%.1f "
	       "pss_kib_per_learner=%ld rss_kib_per_learner=%ld host_shm=%d host_sem=%d host_msg=%d\n",
	       n, moves, missed, median(lasts, moves), worst, median(all, (int)nall),
	       pss / n, rss / n, shm, sem, msg);
	/* The end of the class: the teacher quits, the board goes, every
	 * learner hears EIDRM; then each learner quits. */
	close(teacher->in);
	waitpid(teacher->pid, NULL, 0);
	if (wait_all(l, n, "The teacher stopped leading", now_ms(), late) != 0)
		fprintf(stderr, "classbench: not every learner heard that the board was removed\n");
	for (int i = 0; i < n; i++)
		close(l[i].in);
	/* Every process of the class, helpers included (they come to us as
	 * orphans: we are their subreaper), must be gone: a listener still
	 * exiting would hold the removed segment. */
	while (wait(NULL) > 0 || errno == EINTR)
		;
	int left = count_objects("shm") + count_objects("sem") + count_objects("msg");
	if (left != 0) {
		fprintf(stderr, "classbench: %d objects left in the class's namespace\n", left);
		return 1;
	}
	return 0;
}
