/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * tracer.c: the ptrace loop (see tracer.h), modelled on strace's: the
 * child asks to be traced (PTRACE_TRACEME) and stops itself before exec;
 * the tracer sets PTRACE_O_TRACESYSGOOD and the fork/clone/exec options,
 * and resumes every process with PTRACE_SYSCALL.  At each system-call stop
 * PTRACE_GET_SYSCALL_INFO (Linux 5.3) says entry or exit, the number, the
 * arguments and the result, the same on every architecture.  Processes
 * forked by the program are attached by the kernel and start stopped by
 * SIGSTOP, which is swallowed; other signals are passed on (and reported);
 * a group-stop (PTRACE_GETSIGINFO fails) is simply resumed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "proc.h"
#include "tracer.h"
#include "util.h"

/* How often /proc is read while a call that may block has not been
 * seen asleep (milliseconds). */
#define SLEEP_CHECK_MS 5

struct tracee {
	pid_t pid;
	int fresh;          /* attached by the kernel; its first SIGSTOP is ours */
	int in_call;        /* between entry and exit of a System V IPC call */
	enum sysv_call which;
	long nr;            /* the system call it last entered */
	unsigned long long args[6];
	int may_sleep;      /* in a call that may block, not yet shown unfinished */
	int unfinished;     /* shown as "<unfinished ...>": its end is "resumed" */
	char head[CALL_TEXT_MAX];
};

struct tracer {
	pid_t pid, pgid;
	int traced;         /* 0: ptrace was refused, the program runs untraced */
	int status, ended;
	int sigfd, errpipe;
	int started, fork_limit_hit;
	struct tracer_limits limits;
	tracer_hook hook;
	void *arg;
	struct tracee *procs;
	size_t nprocs, cap;
};

static struct tracee *
find(struct tracer *t, pid_t pid)
{
	for (size_t i = 0; i < t->nprocs; i++)
		if (t->procs[i].pid == pid)
			return &t->procs[i];
	return NULL;
}

static struct tracee *
add(struct tracer *t, pid_t pid, int fresh)
{
	struct tracee *p = find(t, pid);

	if (p != NULL)
		return p;
	if (t->nprocs == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->procs = xreallocarray(t->procs, t->cap, sizeof *t->procs);
	}
	p = &t->procs[t->nprocs++];
	memset(p, 0, sizeof *p);
	p->pid = pid;
	p->fresh = fresh;
	p->nr = -1;
	t->started++;
	proc_adopt(pid);   /* traced by us until we see it end: ours to signal */
	return p;
}

static void
drop(struct tracer *t, pid_t pid)
{
	struct tracee *p = find(t, pid);

	if (p != NULL)
		*p = t->procs[--t->nprocs];
}

static void
emit(struct tracer *t, struct tracer_event *ev)
{
	if (t->hook != NULL)
		t->hook(t->arg, ev);
}

/* Read the traced process's memory (see callfmt_reader). */
static int
read_memory(void *arg, unsigned long long addr, void *buf, size_t len)
{
	pid_t pid = *(pid_t *)arg;
	struct iovec local = { buf, len }, remote = { (void *)(uintptr_t)addr, len };

	return process_vm_readv(pid, &local, 1, &remote, 1, 0) == (ssize_t)len ? 0 : -1;
}

static void
set_limits(const struct tracer_limits *l)
{
	struct rlimit r;

	if (l->cpu_seconds > 0) {
		r.rlim_cur = l->cpu_seconds;
		r.rlim_max = l->cpu_seconds + 1;
		setrlimit(RLIMIT_CPU, &r);
	}
	if (l->memory_bytes > 0) {
		r.rlim_cur = r.rlim_max = l->memory_bytes;
		setrlimit(RLIMIT_AS, &r);
	}
	/* Counted per user by the kernel, and not for root: the tracer
	 * counts forks itself as well. */
	if (l->max_processes > 0 && getrlimit(RLIMIT_NPROC, &r) == 0 && r.rlim_cur == RLIM_INFINITY) {
		r.rlim_cur = r.rlim_max = 4096;
		setrlimit(RLIMIT_NPROC, &r);
	}
}

static void
redirect(int fd, int target)
{
	if (fd >= 0 && fd != target)
		dup2(fd, target);
}

struct tracer *
tracer_start(char *const argv[], const struct tracer_limits *limits, tracer_hook hook, void *arg, char *why,
	     size_t whylen)
{
	struct tracer *t = xcalloc(1, sizeof *t);
	t->sigfd = t->errpipe = -1;
	int errpipe[2], st;
	sigset_t chld;

	t->limits = *limits;
	t->hook = hook;
	t->arg = arg;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	t->sigfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
	/* Non-blocking: whether ptrace failed is read when the child has
	 * stopped, and nothing is there when it did not. */
	if (t->sigfd < 0 || pipe2(errpipe, O_CLOEXEC | O_NONBLOCK) != 0) {
		snprintf(why, whylen, "%s", strerror(errno));
		tracer_free(t);
		return NULL;
	}
	fflush(NULL);
	t->pid = proc_fork();
	if (t->pid == 0) {
		int err;
		close(errpipe[0]);
		sigprocmask(SIG_UNBLOCK, &chld, NULL);
		setpgid(0, 0);
		redirect(limits->stdin_fd, STDIN_FILENO);
		redirect(limits->stdout_fd, STDOUT_FILENO);
		redirect(limits->stderr_fd, STDERR_FILENO);
		set_limits(limits);
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0) {
			err = -errno;   /* negative: ptrace itself failed */
			(void)!write(errpipe[1], &err, sizeof err);
		}
		raise(SIGSTOP);   /* the tracer sets its options now */
		/* cppcheck-suppress unreachableCode ; raise(SIGSTOP) returns once continued */
		execvp(argv[0], argv);
		err = errno;
		(void)!write(errpipe[1], &err, sizeof err);
		_exit(127);
	}
	close(errpipe[1]);
	t->errpipe = errpipe[0];
	if (t->pid < 0) {
		snprintf(why, whylen, "%s", strerror(errno));
		tracer_free(t);
		return NULL;
	}
	t->pgid = t->pid;
	setpgid(t->pid, t->pid);   /* both sides, so neither races the other */
	add(t, t->pid, 0);
	t->started = 1;
	proc_wait(t->pid, &st, __WALL | WUNTRACED);
	if (!WIFSTOPPED(st)) {
		snprintf(why, whylen, _("The program ended before it could be traced."));
		t->ended = 1;
		tracer_free(t);
		return NULL;
	}
	int err = 0;
	if (read(t->errpipe, &err, sizeof err) == (ssize_t)sizeof err && err < 0) {
		/* The kernel refuses ptrace here (a container's seccomp
		 * profile, Yama): the program runs all the same, untraced. */
		snprintf(why, whylen, _("Tracing is not allowed here (ptrace: %s), so the calls cannot be shown."),
			 strerror(-err));
		proc_kill(t->pid, SIGCONT);
		return t;
	}
	t->traced = 1;
	if (ptrace(PTRACE_SETOPTIONS, t->pid, NULL,
		   (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
				  PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL)) != 0) {
		snprintf(why, whylen, _("Tracing is not allowed here (ptrace: %s), so the calls cannot be shown."),
			 strerror(errno));
		tracer_kill(t);
		tracer_free(t);
		return NULL;
	}
	ptrace(PTRACE_SYSCALL, t->pid, NULL, NULL);
	why[0] = '\0';
	return t;
}

/* A system-call stop of P: remember the entry, report the exit. */
static void
syscall_stop(struct tracer *t, struct tracee *p)
{
	struct __ptrace_syscall_info info;
	struct tracer_event ev;

	memset(&info, 0, sizeof info);
	if (ptrace(PTRACE_GET_SYSCALL_INFO, p->pid, (void *)sizeof info, &info) <= 0)
		return;
	if (info.op == PTRACE_SYSCALL_INFO_ENTRY) {
		p->nr = (long)info.entry.nr;
		p->which = callfmt_which(p->nr);
		p->in_call = p->which != SV_NONE;
		memcpy(p->args, info.entry.args, sizeof p->args);
		p->unfinished = 0;
		p->may_sleep = p->in_call && callfmt_may_block(p->which, p->args);
		if (p->may_sleep)
			callfmt_head(p->which, p->args, read_memory, &p->pid, p->head, sizeof p->head);
		return;
	}
	if (info.op != PTRACE_SYSCALL_INFO_EXIT || !p->in_call)
		return;
	p->in_call = 0;
	memset(&ev, 0, sizeof ev);
	ev.type = TEV_CALL;
	ev.pid = p->pid;
	ev.which = p->which;
	memcpy(ev.args, p->args, sizeof ev.args);
	ev.err = info.exit.is_error ? (int)-info.exit.rval : 0;
	/* A call interrupted by a signal and restarted shows as EINTR, as
	 * the program sees it when its handler has no SA_RESTART. */
	if (ev.err == 512 || ev.err == 513 || ev.err == 514 || ev.err == 516)
		ev.err = EINTR;
	ev.ret = ev.err ? -1 : (long)info.exit.rval;
	callfmt_format(p->which, p->args, ev.ret, ev.err, read_memory, &p->pid, &ev.call);
	if (p->unfinished)
		trace_resumed(p->head, &ev.call);
	p->may_sleep = p->unfinished = 0;
	emit(t, &ev);
}

/* Show at once, unfinished, each call a process is now asleep in (the
 * kernel says so in /proc).  Returns how many calls that may block have
 * not been seen asleep yet. */
static int
show_sleepers(struct tracer *t)
{
	int waiting = 0;

	for (size_t i = 0; i < t->nprocs; i++) {
		struct tracee *p = &t->procs[i];
		if (!p->may_sleep)
			continue;
		if (process_asleep_in(p->pid) != p->nr) {
			waiting++;
			continue;
		}
		struct tracer_event ev;
		memset(&ev, 0, sizeof ev);
		ev.type = TEV_UNFINISHED;
		ev.pid = p->pid;
		ev.which = p->which;
		memcpy(ev.args, p->args, sizeof ev.args);
		trace_unfinished(p->head, &ev.call);
		p->may_sleep = 0;
		p->unfinished = 1;
		emit(t, &ev);
	}
	return waiting;
}

static void
process_ended(struct tracer *t, pid_t pid, int status)
{
	struct tracer_event ev;

	memset(&ev, 0, sizeof ev);
	if (pid == t->pid) {
		int err = 0;
		if (read(t->errpipe, &err, sizeof err) == (ssize_t)sizeof err && err > 0) {
			ev.type = TEV_EXEC_FAILED;
			ev.pid = pid;
			ev.err = err;
			emit(t, &ev);
		}
		t->status = status;
	}
	ev.type = TEV_EXIT;
	ev.pid = pid;
	ev.status = status;
	emit(t, &ev);
	drop(t, pid);
	if (t->nprocs == 0)
		t->ended = 1;
}

/* One report of waitpid: act on it and resume the process. */
static void
handle(struct tracer *t, pid_t pid, int status)
{
	struct tracee *p = find(t, pid);
	struct tracer_event ev;
	int sig, event, inject = 0;

	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		process_ended(t, pid, status);
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	if (p == NULL)
		p = add(t, pid, 1);
	sig = WSTOPSIG(status);
	event = (unsigned)status >> 16;
	if (sig == (SIGTRAP | 0x80)) {
		syscall_stop(t, p);
	} else if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK || event == PTRACE_EVENT_CLONE) {
		unsigned long child = 0;
		ptrace(PTRACE_GETEVENTMSG, pid, NULL, &child);
		add(t, (pid_t)child, 1);
		memset(&ev, 0, sizeof ev);
		ev.type = TEV_FORK;
		ev.pid = pid;
		ev.child = (pid_t)child;
		ev.sig = event == PTRACE_EVENT_CLONE;
		emit(t, &ev);
		if (t->limits.max_processes > 0 && t->started > t->limits.max_processes) {
			t->fork_limit_hit = 1;
			tracer_kill(t);
			return;
		}
	} else if (event == PTRACE_EVENT_EXEC) {
		/* A thread that called execve takes its process's pid: the
		 * thread's own pid is gone, with no end reported. */
		unsigned long former = 0;
		if (ptrace(PTRACE_GETEVENTMSG, pid, NULL, &former) == 0 && (pid_t)former != pid) {
			drop(t, (pid_t)former);
			proc_forget((pid_t)former);
		}
	} else if (event != 0) {
		/* the others: nothing to show */
	} else if (sig == SIGSTOP && p->fresh) {
		p->fresh = 0;
	} else {
		siginfo_t si;
		if (ptrace(PTRACE_GETSIGINFO, pid, NULL, &si) == 0) {
			inject = sig;
			memset(&ev, 0, sizeof ev);
			ev.type = TEV_SIGNAL;
			ev.pid = pid;
			ev.sig = sig;
			emit(t, &ev);
		}
	}
	ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)inject);
}

/* Untraced: the program ends with its first process, which is peeked at,
 * not reaped, until the rest of its group is killed (the leader unreaped,
 * the group is proven ours).  1 when it has ended. */
static int
untraced_ended(struct tracer *t)
{
	int status = 0;

	if (proc_ended(t->pid, &status) == 0)
		return 0;
	proc_kill_group(t->pgid, SIGKILL);
	proc_reap(t->pid, NULL);
	/* The group's orphans, when this process is their subreaper (the
	 * checker): killed just now, reaped here. */
	pid_t pid;
	while ((pid = proc_wait_group(t->pgid, NULL, 0)) > 0 || (pid < 0 && errno == EINTR))
		continue;
	process_ended(t, t->pid, status);
	return 1;
}

int
tracer_wait(struct tracer *t, int timeout_ms)
{
	long deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;

	while (!t->traced && !t->ended) {
		struct signalfd_siginfo si;
		while (read(t->sigfd, &si, sizeof si) > 0)
			continue;
		if (untraced_ended(t))
			break;
		long left = deadline < 0 ? -1 : deadline - now_ms();
		if (deadline >= 0 && left <= 0)
			return 0;
		struct pollfd pfd = { t->sigfd, POLLIN, 0 };
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR)
			return 0;
	}
	while (!t->ended) {
		struct signalfd_siginfo si;
		int status;
		pid_t pid;

		while (read(t->sigfd, &si, sizeof si) > 0)
			continue;
		pid = proc_wait_group(t->pgid, &status, __WALL | WNOHANG);
		if (pid > 0) {
			handle(t, pid, status);
			continue;
		}
		if (pid < 0 && errno == ECHILD) {
			/* Everything in the group is gone (a process that left
			 * the group is not ours to wait for). */
			t->ended = 1;
			break;
		}
		/* A call that may block: look in /proc again soon, to show
		 * it unfinished as soon as it sleeps. */
		int look_again = show_sleepers(t) > 0;
		long left = deadline < 0 ? -1 : deadline - now_ms();
		if (deadline >= 0 && left <= 0)
			return 0;
		if (look_again && (left < 0 || left > SLEEP_CHECK_MS))
			left = SLEEP_CHECK_MS;
		struct pollfd pfd = { t->sigfd, POLLIN, 0 };
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR)
			return 0;
	}
	return 1;
}

int
tracer_traced(const struct tracer *t)
{
	return t->traced;
}

pid_t
tracer_pid(const struct tracer *t)
{
	return t->pid;
}

int
tracer_status(const struct tracer *t)
{
	return t->status;
}

int
tracer_first_ended(const struct tracer *t)
{
	for (size_t i = 0; i < t->nprocs; i++)
		if (t->procs[i].pid == t->pid)
			return 0;
	return 1;
}

int
tracer_processes_started(const struct tracer *t)
{
	return t->started;
}

int
tracer_processes_alive(const struct tracer *t)
{
	return (int)t->nprocs;
}

int
tracer_fork_limit_hit(const struct tracer *t)
{
	return t->fork_limit_hit;
}

pid_t
tracer_asleep_in(const struct tracer *t, long nr)
{
	for (size_t i = 0; i < t->nprocs; i++)
		if (process_asleep_in(t->procs[i].pid) == nr)
			return t->procs[i].pid;
	return 0;
}

enum sysv_call
tracer_all_asleep(const struct tracer *t)
{
	enum sysv_call all = SV_NONE;

	for (size_t i = 0; i < t->nprocs; i++) {
		const struct tracee *p = &t->procs[i];
		enum sysv_call w = p->which == SV_SEMTIMEDOP && p->args[3] == 0 ? SV_SEMOP : p->which;
		if (!p->in_call || (w != SV_MSGRCV && w != SV_MSGSND && w != SV_SEMOP) || !callfmt_may_block(p->which, p->args) ||
		    process_asleep_in(p->pid) != p->nr)
			return SV_NONE;
		if (all == SV_NONE || w == SV_MSGRCV)
			all = w;
	}
	return all;
}

void
tracer_kill(struct tracer *t)
{
	int status;
	pid_t pid;

	/* The whole group while its leader is unreaped; and each process
	 * followed, for those that left the group and for when the leader is
	 * gone (proc_kill_group then refuses: the group's number is no longer
	 * proven ours). */
	proc_kill_group(t->pgid, SIGKILL);
	for (size_t i = 0; i < t->nprocs; i++)
		proc_kill(t->procs[i].pid, SIGKILL);
	while (t->pgid > 1 && ((pid = proc_wait_group(t->pgid, &status, __WALL)) > 0 || (pid < 0 && errno == EINTR))) {
		if (pid > 0 && (WIFEXITED(status) || WIFSIGNALED(status))) {
			if (pid == t->pid)
				t->status = status;
			drop(t, pid);
		} else if (pid > 0 && WIFSTOPPED(status)) {
			/* A child forked just now, whose fork we have not
			 * handled yet: it is ours, and goes too. */
			proc_adopt(pid);
			proc_kill(pid, SIGKILL);
		}
	}
	/* A process that left the group: reap it by its pid (a stop it
	 * reports before its end is waited past). */
	while (t->nprocs > 0) {
		pid = t->procs[0].pid;
		pid_t r = proc_wait(pid, &status, __WALL);
		if (r == pid && WIFSTOPPED(status))
			continue;
		if (r == pid && pid == t->pid)
			t->status = status;
		drop(t, pid);
	}
	t->ended = 1;
}

void
tracer_free(struct tracer *t)
{
	if (t == NULL)
		return;
	if (!t->ended && t->pid > 0)
		tracer_kill(t);
	if (t->sigfd >= 0)
		close(t->sigfd);
	if (t->errpipe >= 0)
		close(t->errpipe);
	free(t->procs);
	free(t);
}
