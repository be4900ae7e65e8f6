/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * agent.h: the real server and client processes.  An agent is a child of
 * the tutor that reads command lines on one pipe, runs them as playground
 * commands (so its calls are its own: its pid, its blocking) and writes what
 * happened as records on another pipe.  The tutor shows the records under
 * the agent's name.  A command either finishes ("done") or leaves the agent
 * blocked in a system call; the tutor tells the two apart by what the
 * kernel says of the process (/proc/PID/stat and /proc/PID/syscall), and
 * never waits on a timer.
 */
#ifndef IPCTUTOR_AGENT_H
#define IPCTUTOR_AGENT_H

#include <poll.h>
#include <stddef.h>
#include <sys/types.h>

#include "play.h"

struct agent;

/* How a child runs one command line: the dispatcher, passed down so that
 * this layer does not depend on the command table. */
typedef void (*agent_exec_fn)(struct play_ctx *ctx, char *line);

/* EXEC runs a line in a child; SHOW is the tutor's own sink, which shows
 * each agent's records as if that process had made them in the tutor (its
 * play_ctx names the agent). */
void agent_setup(agent_exec_fn exec, const struct play_sink *show, int guardian_fd);

struct agent *agent_find(const char *name);    /* a live agent, or NULL */
/* Start the process called NAME ("server", "client"): a spare if one is
 * ready, else a new fork.  NULL (errno set) if it cannot be started. */
struct agent *agent_spawn(const char *name);
/* Have N processes (at most 2) forked and waiting to be started, in the
 * current IPC namespace, no more: what a class's followers do between
 * moves, so that a move that starts a server costs no fork.  Spares in
 * another namespace (forked before the tutor entered its current one) are
 * never started, and ended here.  N = 0 ends them all: at exit, and when
 * the language changes (a spare speaks the one it was forked with). */
void agent_prepare(int n);
/* How many there are (some may be in a namespace the tutor has left). */
int agent_spares(void);
pid_t agent_pid(const struct agent *agent);
/* The wait status of an agent that has ended (after AGENT_DIED). */
int agent_status(const struct agent *agent);
const char *agent_name(const struct agent *agent);
int agent_is_blocked(const struct agent *agent);
/* The system call number an agent announced it may sleep in, or -1. */
long agent_blocked_in(const struct agent *agent);

/* AGENT_STOPPED: it is stopped (SIGSTOP) and cannot answer; AGENT_TIMEOUT:
 * it runs but did not answer in time (busy).  Both mark it unresponsive:
 * later commands are not sent and give AGENT_UNRESPONSIVE at once until it
 * answers.  AGENT_INTERRUPTED: a signal that ends the tutor is pending. */
enum agent_result { AGENT_DONE, AGENT_BLOCKED, AGENT_DIED, AGENT_TIMEOUT,
		    AGENT_STOPPED, AGENT_UNRESPONSIVE, AGENT_INTERRUPTED };

/* The tutor's signalfd: waiting for an agent also watches it, and stops
 * when a termination signal is pending. */
void agent_watch_signals(int fd);

/* Send LINE and show the records until the command is done or the agent is
 * seen blocked in a system call (or dies, or does not answer). */
enum agent_result agent_run(struct agent *agent, const char *line);

/* SIGKILL the agent, reap it, show what it wrote before dying.  Returns
 * the wait status. */
int agent_kill(struct agent *agent);

/* Close the agent's command pipe so it exits by itself; wait for it. */
int agent_finish(struct agent *agent);

/* Show anything blocked agents reported since, and wait until each is
 * either blocked again or done: after every command, so that transcripts
 * do not depend on scheduling. */
void agent_settle(void);

/* For the event loop: the pipes of blocked agents, and what to do when one
 * is readable (show its records). */
size_t agent_pollfds(struct pollfd *fds, size_t max);
void agent_readable(int fd);

/* Ctrl-C: send SIGINT to every agent asleep in a call, which then returns
 * EINTR (shown when the agent reports it).  Returns how many. */
int agent_interrupt_blocked(void);

/* At the tutor's end, or to clear the stage: idle agents are told to exit
 * (their command pipe closes); agents asleep in a call are killed.  The
 * spares stay (agent_prepare ends them). */
void agent_end_all(void);
size_t agent_count(void);

#endif
