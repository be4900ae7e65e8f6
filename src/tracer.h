/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * tracer.h: run a program under ptrace, from outside, as strace -f does:
 * the program is not changed (static binaries work), every process it
 * forks is followed, and each System V IPC call it makes is reported when
 * it returns, with its arguments, result and errno, as a struct call (see
 * callfmt.h).  Used by "ipctutor trace" and by the exercise checker, which
 * also asks whether a process of the program is asleep in a call.
 *
 * The tracer is event-driven: tracer_wait() handles what the kernel
 * reports (through a signalfd for SIGCHLD, so SIGCHLD is blocked in the
 * calling process) until a time limit, so that its caller can act in
 * between.  The program runs in a process group of its own, which
 * tracer_kill() ends as a whole (through proc.h: only processes of ours).
 *
 * Where the kernel refuses ptrace (a container's seccomp profile, Yama),
 * the program runs untraced: no calls are reported, its first process is
 * the only one known, and the program ends when that process ends, the
 * rest of its group killed then.
 */
#ifndef IPCTUTOR_TRACER_H
#define IPCTUTOR_TRACER_H

#include <stddef.h>
#include <sys/types.h>

#include "callfmt.h"
#include "trace.h"

enum tracer_event_type {
	TEV_CALL,     /* a System V IPC call returned: call, which, args, ret, err
			 (call "<... msgrcv resumed>..." when it was shown unfinished) */
	TEV_UNFINISHED,  /* pid is asleep in a System V IPC call: call "msgrcv(3,  <unfinished ...>", which, args */
	TEV_FORK,     /* pid forked child (a process or, with CLONE_THREAD, a thread) */
	TEV_SIGNAL,   /* signal sig is delivered to pid */
	TEV_EXIT,     /* pid ended with wait status status */
	TEV_EXEC_FAILED,  /* the program could not be started: err */
};

struct tracer_event {
	enum tracer_event_type type;
	pid_t pid;
	enum sysv_call which;
	unsigned long long args[6];
	long ret;
	int err;
	struct call call;
	pid_t child;
	int sig;
	int status;
};

typedef void (*tracer_hook)(void *arg, const struct tracer_event *ev);

struct tracer_limits {
	int max_processes;      /* more forks than this: the group is killed; 0 = no limit */
	unsigned long cpu_seconds, memory_bytes;   /* rlimits; 0 = none */
	int stdin_fd, stdout_fd, stderr_fd;        /* -1: inherit */
};

struct tracer;

/* Start ARGV[0] (searched on PATH) with arguments ARGV under ptrace, in a
 * process group of its own.  HOOK is called for every event.  Returns NULL
 * with a sentence in WHY when the program cannot be started.  When the
 * kernel refuses ptrace, the program runs untraced (tracer_traced() is 0)
 * and WHY holds the sentence that says so; else WHY is "". */
struct tracer *tracer_start(char *const argv[], const struct tracer_limits *limits, tracer_hook hook,
			    void *arg, char *why, size_t whylen);

/* Handle the kernel's reports for up to TIMEOUT_MS milliseconds (-1: no
 * limit).  Returns 1 when every process of the program has ended, else 0. */
int tracer_wait(struct tracer *t, int timeout_ms);

/* Is the program traced (1), or running untraced because the kernel
 * refused ptrace (0)? */
int tracer_traced(const struct tracer *t);
/* The first process and how it ended (a wait status; valid once ended). */
pid_t tracer_pid(const struct tracer *t);
int tracer_status(const struct tracer *t);
/* Has the first process ended (while others of the program may run)? */
int tracer_first_ended(const struct tracer *t);
/* How many processes the program has had in all, and how many now. */
int tracer_processes_started(const struct tracer *t);
int tracer_processes_alive(const struct tracer *t);
/* Was the group killed because it forked more than max_processes? */
int tracer_fork_limit_hit(const struct tracer *t);

/* Is a process of the program asleep in system call NR right now (the
 * kernel says so in /proc)?  Returns its pid, or 0. */
pid_t tracer_asleep_in(const struct tracer *t, long nr);

/* Is every process of the program asleep in a System V IPC call that has
 * no time limit (msgrcv, msgsnd, semop or semtimedop without one)?  The
 * call (semtimedop without a limit as SV_SEMOP) when they all sleep in the
 * same kind, SV_MSGRCV before the others when they differ; SV_NONE when a
 * process is doing anything else. */
enum sysv_call tracer_all_asleep(const struct tracer *t);
/* SIGKILL the whole process group (while its leader is not reaped: see
 * proc_kill_group) and every process followed, which covers the group
 * once the leader is gone and a process that left it; reap them. */
void tracer_kill(struct tracer *t);
void tracer_free(struct tracer *t);

#endif
