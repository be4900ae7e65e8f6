/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * checker.h: "check N": grade a learner's program against real tutor
 * processes.  checker_check() compiles the file with the system cc, enters
 * a private IPC namespace (in a child process, so nothing the program
 * makes can outlive the check), and plays the exercise's scenario
 * (scenarios.c): the learner's program runs traced (tracer.h), the tutor's
 * own server and client run as "ipctutor server" and "ipctutor client",
 * and the scenario acts when the program is asleep in a call, as the
 * kernel reports in /proc, never after a timer.  Every System V IPC call
 * of the program is shown as the lessons show calls; then one verdict per
 * requirement, with its reason.
 *
 * The engine below is what a scenario uses.
 */
#ifndef IPCTUTOR_CHECKER_H
#define IPCTUTOR_CHECKER_H

#include <stddef.h>
#include <sys/types.h>

#include "tracer.h"

struct check;

/* What checks exercise NUMBER once the program runs in its namespace:
 * scenario_run (scenarios.h), handed down by the caller, so that the
 * engine never calls up into the scenarios it serves. */
typedef void scenario_fn(struct check *c, int number);

/* Compile FILE and grade it as exercise NUMBER with SCENARIO.  Returns 0
 * when every requirement passed, 1 when one failed (or the file did not
 * compile), 2 when the check itself could not run (no compiler, no
 * namespace...) or could judge only how the program ended (the kernel
 * refused ptrace: the program ran untraced, and said so).  The closing
 * sentence names the commands to type next after PREFIX ("ipctutor " at a
 * shell, "" at the tutor's prompt). */
int checker_check(int number, const char *file, scenario_fn *scenario, const char *prefix);

/* ---- for the scenarios ---------------------------------------------- */

/* A heading for the next part of the scenario ("No server is running."). */
void check_part(struct check *c, const char *text);
/* A heading that begins a new scenario of the exercise, in a fresh IPC
 * namespace: the learner's program of the earlier one has ended (or is
 * stopped, as check_finish does), the tutor's server is killed, and
 * nothing made before is seen.  TEXT NULL: no heading (yet). */
void check_scenario(struct check *c, const char *text);

/* Start the learner's program with the key file as its argument; with
 * WITH_INPUT its standard input is a pipe the scenario writes to
 * (check_input), else /dev/null. */
void check_start(struct check *c, int with_input);
/* The learner writes a client: when check_finish finds every process of
 * it asleep in a call with no time limit and the tutor's server idle (or
 * none), nothing will ever wake it, and it is stopped at once, saying so. */
void check_client_program(struct check *c);
void check_input(struct check *c, const char *text);
/* Close the program's input and wait for it to end (or stop it at the
 * deadline, saying so).  Shows its output.  Returns its wait status. */
int check_finish(struct check *c);
/* Has the program ended, and how (wait status)? */
int check_ended(struct check *c, int *status);

/* Wait until a process of the program is asleep in system call NR (from
 * /proc) and at least MIN_CALLS calls of kind WHICH have returned
 * successfully (SV_NONE: no such condition).  1, or 0 when the program
 * ended first or the deadline passed. */
int check_wait_asleep(struct check *c, long nr, enum sysv_call which, int min_calls);

/* The tutor's server ("ipctutor server [--shm]"): start it and wait until
 * it serves; crash it (SIGKILL); freeze and thaw it (SIGSTOP, SIGCONT);
 * stop it (SIGTERM).  0 or -1 (said). */
int check_server_start(struct check *c, int shm);
void check_server_crash(struct check *c);
void check_server_freeze(struct check *c);
void check_server_stop(struct check *c);
pid_t check_server_pid(const struct check *c);

/* Run "ipctutor client [--shm] --count=1": its exit status, 1 in *answered
 * when it printed an answer. */
int check_tutor_client(struct check *c, int shm, int *answered);

/* The agreed key, and whether an object of uid 65534 can be planted here
 * (root in the first user namespace). */
int check_key(const struct check *c);
int check_can_plant_other_user(const struct check *c);
/* Send SIG to the program's first process (while it is ours: not yet
 * reaped). */
void check_signal(struct check *c, int sig);

/* The calls the program made so far (this run and the earlier ones). */
size_t check_ncalls(const struct check *c);
const struct tracer_event *check_call(const struct check *c, size_t i);
/* The index of the first call from FROM on of kind WHICH that failed with
 * ERR (ERR -1: any result; 0: success), or -1. */
long check_find(const struct check *c, size_t from, enum sysv_call which, int err);
/* Does the program's output (all runs so far) contain TEXT? */
int check_output_has(const struct check *c, const char *text);
int check_output_count(const struct check *c, const char *text);

/* One requirement: PASS, or FAIL with the reason.  TEXT and REASON are
 * translated already.  When the program runs untraced, the requirement
 * is shown as not judged (a scenario's verdict reads the calls). */
void check_require(struct check *c, int ok, const char *text, const char *reason);
/* A requirement that cannot be checked here, with why. */
void check_skip(struct check *c, const char *text, const char *why);

#endif
