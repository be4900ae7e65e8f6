/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * tap-selftest.c: tests of tests/lib/tap.h, so that the unit tests can trust
 * what it reports.  Passing tests are checked directly; failing ones are run
 * in a child process whose output is captured and checked here, since a TAP
 * producer that cannot say "not ok" would make every test pass.
 */

#include <sys/types.h>
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/tap.h"

struct captured {
	char	text[8192];	/* stdout and stderr of the child, merged */
	int	status;		/* from waitpid() */
};

/* The failing tests run by the child; its exit status comes from tap_done(). */
static int
fail_some_tests(void)
{
	ok(1, "a passing test");
	ok(0, "a failing test number %d", 2);
	is_int(6 * 7, 41, "wrong product");
	is_str(NULL, "text", "NULL against text");
	is_str("got", "want", "different strings");
	survives(raise(SIGKILL), "a crash");   /* SIGKILL: no sanitizer catches it */
	return tap_done();
}

/*
 * Run fail_some_tests() in a child process and capture what it prints.
 * This must be called before the first test of this program, since the
 * child inherits the test counter.
 */
static void
capture_failures(struct captured *captured)
{
	int	fds[2];
	size_t	len = 0;
	ssize_t	got;
	pid_t	pid;

	fflush(stdout);
	if (pipe(fds) == -1 || (pid = fork()) == -1) {
		perror("tap-selftest");
		exit(99);
	}
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		exit(fail_some_tests());
	}
	close(fds[1]);
	while (len < sizeof(captured->text) - 1 &&
	    (got = read(fds[0], captured->text + len,
	    sizeof(captured->text) - 1 - len)) > 0)
		len += got;
	captured->text[len] = '\0';
	close(fds[0]);
	waitpid(pid, &captured->status, 0);
}

/* Whether the captured output contains `line` as a whole line. */
static int
has_line(const struct captured *captured, const char *line)
{
	const char	*at = captured->text;
	size_t		 len = strlen(line);

	while ((at = strstr(at, line)) != NULL) {
		if ((at == captured->text || at[-1] == '\n') && at[len] == '\n')
			return 1;
		at += len;
	}
	return 0;
}

int
main(void)
{
	static const char *const expected_lines[] = {
		"ok 1 - a passing test",
		"not ok 2 - a failing test number 2",
		"not ok 3 - wrong product",
		"#   got: 42",
		"#   want: 41",
		"not ok 4 - NULL against text",
		"#   got: (null)",
		"#   want: \"text\"",
		"#   got: \"got\"",
		"#   want: \"want\"",
		"not ok 6 - a crash",
		"#   killed by signal 9 (Killed)",
		"1..6"
	};
	struct captured	captured;
	size_t		i;

	capture_failures(&captured);
	tap_plan(27);

	is_int(ok(1, "ok() of a true condition"), 1, "ok() returns 1 on pass");
	is_int(is_int(-3, -3, "equal negative numbers"), 1,
	    "is_int() returns 1 on pass");
	is_int(is_str("same", "same", "equal strings"), 1,
	    "is_str() returns 1 on pass");
	is_int(is_str(NULL, NULL, "two NULL strings are equal"), 1,
	    "is_str() of two NULLs passes");
	ok(strlen("formatted") == 9, "ok() formats its name: %s %d", "x", 1);
	diag("diag() writes a comment; this one is %s", "expected");
	survives((void)strlen("x"), "survives() of a statement that returns");

	ok(WIFEXITED(captured.status), "the failing child exits normally");
	is_int(WEXITSTATUS(captured.status), 5,
	    "tap_done() returns the number of failures");
	for (i = 0; i < sizeof(expected_lines) / sizeof(expected_lines[0]); i++)
		if (!ok(has_line(&captured, expected_lines[i]),
		    "the child printed: %s", expected_lines[i]))
			diag("captured output:\n%s", captured.text);
	ok(strstr(captured.text, "Failed test at ") != NULL,
	    "a failure says where the test is");
	ok(strstr(captured.text, "failed 5 tests of 6") != NULL,
	    "tap_done() sums up the failures");

	return tap_done();
}
