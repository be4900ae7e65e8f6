/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * tap.h: a tiny header-only producer of TAP (the Test Anything Protocol) for
 * the C unit tests, so that `prove` can run them next to the shell tests.  A
 * test program includes this header once, calls ok(), is_int(), is_str() and
 * diag() as it goes, and ends with `return tap_done();`.  Test lines go to
 * stdout; diagnostics go to stderr, as with Perl's Test::More.  The state
 * lives in one static object, so use it from a single translation unit.
 */
#ifndef IPCTUTOR_TAP_H
#define IPCTUTOR_TAP_H

#include <sys/types.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct tap_state {
	int	planned;	/* tests announced by tap_plan(), or -1 */
	int	run;		/* tests reported so far */
	int	failed;		/* tests that did not pass */
};

/* The one state object of this test program. */
static inline struct tap_state *
tap_state(void)
{
	static struct tap_state state = { -1, 0, 0 };

	return &state;
}

/*
 * Print "# " and the formatted message to stderr, one "# " per line of the
 * message.  stdout is flushed first so that both streams interleave in order
 * when they go to the same terminal or file.
 */
static inline void __attribute__((format(printf, 1, 0)))
tap_vdiag(const char *fmt, va_list ap)
{
	char	 line[4096];
	char	*start, *newline;

	vsnprintf(line, sizeof(line), fmt, ap);
	fflush(stdout);
	for (start = line; ; start = newline + 1) {
		newline = strchr(start, '\n');
		if (newline != NULL)
			*newline = '\0';
		fprintf(stderr, "# %s\n", start);
		if (newline == NULL || newline[1] == '\0')
			break;
	}
	fflush(stderr);
}

static inline void __attribute__((format(printf, 1, 2)))
diag(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	tap_vdiag(fmt, ap);
	va_end(ap);
}

/* Announce that `count` tests follow; call it at most once, before any test. */
static inline void
tap_plan(int count)
{
	tap_state()->planned = count;
	printf("1..%d\n", count);
	fflush(stdout);
}

/*
 * Report one test: print "ok N - name" or "not ok N - name", and on failure
 * say where the test is.  Returns `passed` (as 0 or 1) so that callers can
 * add diagnostics of their own: `if (!ok(...)) diag(...)`.
 */
static inline int __attribute__((format(printf, 4, 0)))
tap_vreport(int passed, const char *file, int line, const char *fmt,
    va_list ap)
{
	struct tap_state	*state = tap_state();

	state->run++;
	if (!passed)
		state->failed++;
	printf("%sok %d - ", passed ? "" : "not ", state->run);
	vprintf(fmt, ap);
	printf("\n");
	fflush(stdout);
	if (!passed)
		diag("  Failed test at %s line %d.", file, line);
	return passed != 0;
}

static inline int __attribute__((format(printf, 4, 5)))
tap_report(int passed, const char *file, int line, const char *fmt, ...)
{
	va_list	ap;
	int	result;

	va_start(ap, fmt);
	result = tap_vreport(passed, file, line, fmt, ap);
	va_end(ap);
	return result;
}

/* Compare two integers; on failure show both.  Returns 1 if they are equal. */
static inline int
tap_is_int(long long got, long long want, const char *file, int line,
    const char *name)
{
	int	passed = got == want;

	tap_report(passed, file, line, "%s", name);
	if (!passed) {
		diag("  got: %lld", got);
		diag("  want: %lld", want);
	}
	return passed;
}

/* Show one side of a failed string comparison: quoted, or (null). */
static inline void
tap_diag_str(const char *label, const char *value)
{
	if (value == NULL)
		diag("  %s: (null)", label);
	else
		diag("  %s: \"%s\"", label, value);
}

/*
 * Compare two strings, either of which may be NULL (two NULLs are equal); on
 * failure show both, quoted, or as (null).  Returns 1 if they are equal.
 */
static inline int
tap_is_str(const char *got, const char *want, const char *file, int line,
    const char *name)
{
	int	passed;

	if (got == NULL || want == NULL)
		passed = got == want;
	else
		passed = strcmp(got, want) == 0;
	tap_report(passed, file, line, "%s", name);
	if (!passed) {
		tap_diag_str("got", got);
		tap_diag_str("want", want);
	}
	return passed;
}

/*
 * Finish the test program: print the plan if tap_plan() was not called, and
 * complain if the plan was not kept.  Returns the exit status for main():
 * 0 if everything passed, the number of failures (at most 254) otherwise, or
 * 255 if the number of tests run differs from the plan.
 */
static inline int
tap_done(void)
{
	struct tap_state	*state = tap_state();

	if (state->planned < 0) {
		printf("1..%d\n", state->run);
		fflush(stdout);
	} else if (state->run != state->planned) {
		diag("Looks like you planned %d tests but ran %d.",
		    state->planned, state->run);
		return 255;
	}
	if (state->failed > 0) {
		diag("Looks like you failed %d test%s of %d.", state->failed,
		    state->failed == 1 ? "" : "s", state->run);
		return state->failed < 254 ? state->failed : 254;
	}
	return 0;
}

/*
 * Wait for the child PID of survives() and say whether it exited with
 * status 0; on failure show how it ended (a signal's name, or a status).
 */
static inline int
tap_survived(pid_t pid, const char *file, int line, const char *name)
{
	int	status = 0, passed;

	if (pid == -1 || waitpid(pid, &status, 0) != pid)
		status = -1;
	passed = status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
	tap_report(passed, file, line, "%s", name);
	if (!passed && status == -1)
		diag("  the child could not be started or waited for");
	else if (!passed && WIFSIGNALED(status))
		diag("  killed by signal %d (%s)", WTERMSIG(status),
		    strsignal(WTERMSIG(status)));
	else if (!passed)
		diag("  exit status %d", WEXITSTATUS(status));
	return passed;
}

/*
 * survives(STATEMENT, name): run STATEMENT in a child process; pass when it
 * returns, fail (and go on with the next test) when it crashes.  For calls
 * whose only promise is not to crash, e.g. with a NULL buffer.
 */
#define survives(stmt, name) \
	do { \
		pid_t tap_pid_; \
		fflush(NULL); \
		tap_pid_ = fork(); \
		if (tap_pid_ == 0) { \
			stmt; \
			exit(0); \
		} \
		tap_survived(tap_pid_, __FILE__, __LINE__, (name)); \
	} while (0)

#define ok(cond, ...) \
	tap_report((cond) ? 1 : 0, __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, name) \
	tap_is_int((got), (want), __FILE__, __LINE__, (name))
#define is_str(got, want, name) \
	tap_is_str((got), (want), __FILE__, __LINE__, (name))

#endif
