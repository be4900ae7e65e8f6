/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * ptydrive.c: a small expect(1) for the tests of ipctutor's interactive
 * prompt.  It starts a command on a fresh pseudo-terminal, in a new session
 * with the terminal as its controlling terminal, and plays a script against
 * it: wait for text, type text, resize the window, send signals, hang up and
 * check how the command exited.  Waiting is done with poll() against a
 * deadline while the terminal is read all the time, so a test never depends
 * on sleeping for the right amount of time and the command never blocks on a
 * full terminal.  Run without arguments for the script language.
 */

#define _GNU_SOURCE		/* memmem(), pipe2() */

#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

enum {
	EXIT_STEP_FAILED = 1,
	EXIT_USAGE = 2
};

#define DEFAULT_ROWS		24
#define DEFAULT_COLS		80
#define DEFAULT_TIMEOUT_MS	20000
#define SHOWN_OUTPUT		2000	/* bytes of output shown on failure */
#define EXIT_GRACE_MS		1000	/* see wait_for_exit() */
#define COMPACT_THRESHOLD	65536	/* see advance_mark() */

enum op {
	OP_EXPECT,
	OP_EXPECT_NOT,
	OP_SEND,
	OP_WINSIZE,
	OP_SIGNAL,
	OP_HANGUP,
	OP_WAIT_EXIT
};

enum exit_check {
	CHECK_NOTHING,		/* plain "wait-exit" */
	CHECK_STATUS,		/* "wait-exit STATUS" */
	CHECK_SIGNAL		/* "wait-exit signal NAME" */
};

struct step {
	enum op		 op;
	int		 line;		/* in the script, from 1 */
	char		*text;		/* expect, expect-not, send: unescaped */
	size_t		 text_len;
	unsigned short	 rows, cols;	/* winsize */
	int		 number;	/* signal, or wait-exit status/signal */
	enum exit_check	 check;		/* wait-exit */
	char		*pidfile;	/* signal NAME PIDFILE: the target */
};

struct script {
	struct step	*steps;
	size_t		 count;
	size_t		 capacity;
};

/* Everything read from the terminal that has not been matched yet. */
struct output {
	char	*data;
	size_t	 len;
	size_t	 capacity;
	size_t	 mark;		/* end of the last match */
};

struct session {
	pid_t		 pid;
	int		 master;	/* -1 after hangup or wait-exit */
	bool		 eof;		/* the terminal has been read to its end */
	bool		 reaped;
	int		 wait_status;	/* valid once reaped */
	int		 log_fd;	/* -1 without --log */
	int		 timeout_ms;
	struct output	 output;
};

static const struct {
	const char	*name;
	int		 number;
} signal_names[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "BUS", SIGBUS }, { "FPE", SIGFPE }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "CHLD", SIGCHLD }, { "CONT", SIGCONT }, { "STOP", SIGSTOP },
	{ "TSTP", SIGTSTP }, { "TTIN", SIGTTIN }, { "TTOU", SIGTTOU },
	{ "URG", SIGURG }, { "XCPU", SIGXCPU }, { "XFSZ", SIGXFSZ },
	{ "VTALRM", SIGVTALRM }, { "PROF", SIGPROF }, { "WINCH", SIGWINCH },
	{ "IO", SIGIO }, { "SYS", SIGSYS }
};

/* Written to by the SIGCHLD handler, polled by the main loop. */
static int sigchld_pipe[2] = { -1, -1 };

/* The session to clean up when a step fails. */
static struct session *current_session;

static void
usage(FILE *stream)
{
	fprintf(stream,
"usage: ptydrive [--rows R] [--cols C] [--timeout SECONDS] [--log FILE]\n"
"                SCRIPT -- COMMAND [ARGS...]\n"
"\n"
"Runs COMMAND on a new pseudo-terminal (default 24x80) and plays SCRIPT\n"
"(a file, or - for stdin) against it, one step a line:\n"
"  expect TEXT          wait until TEXT appears after the last match\n"
"  expect-not TEXT      fail if TEXT appeared after the last match\n"
"  send TEXT            type TEXT\n"
"  winsize ROWS COLS    resize the terminal (the command gets SIGWINCH)\n"
"  signal NAME [PIDFILE]\n"
"                       send signal NAME (INT, TERM, HUP...) to COMMAND, or\n"
"                       to the process whose pid PIDFILE holds\n"
"  hangup               close the terminal; only wait-exit may follow\n"
"  wait-exit [STATUS | signal NAME]\n"
"                       wait for COMMAND to end and check how it ended\n"
"TEXT is the rest of the line after one space; it may contain the escapes\n"
"\\r \\n \\t \\\\ \\e (escape) and \\xHH.  Lines that are blank or start with\n"
"# are ignored.  Each wait is bounded by --timeout (default 20 seconds).\n"
"Exit status: 0 success, 1 a step failed, 2 usage or script error.\n");
}

static void __attribute__((noreturn, format(printf, 1, 2)))
usage_error(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "ptydrive: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(EXIT_USAGE);
}

/* Report a failure of the program itself (not of the script) and give up. */
static void __attribute__((noreturn, format(printf, 1, 2)))
fatal(const char *fmt, ...)
{
	va_list	ap;
	int	saved_errno = errno;

	fprintf(stderr, "ptydrive: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(saved_errno));
	if (current_session != NULL && !current_session->reaped)
		kill(current_session->pid, SIGKILL);
	exit(EXIT_STEP_FAILED);
}

static void *
xrealloc(void *old, size_t size)
{
	void	*new = realloc(old, size);

	if (new == NULL)
		fatal("out of memory");
	return new;
}

static long long
now_ms(void)
{
	struct timespec	ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		fatal("clock_gettime");
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Signal number for a name like "INT", "SIGINT", "int" or "2"; -1 if none. */
static int
signal_from_name(const char *name)
{
	size_t	 i;
	char	*end;
	long	 number;

	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (i = 0; i < sizeof(signal_names) / sizeof(signal_names[0]); i++)
		if (strcasecmp(name, signal_names[i].name) == 0)
			return signal_names[i].number;
	errno = 0;
	number = strtol(name, &end, 10);
	if (errno != 0 || end == name || *end != '\0' || number <= 0 ||
	    number >= NSIG)
		return -1;
	return number;
}

/* A signal's name without "SIG" (or its number), in a static buffer. */
static const char *
signal_name(int number)
{
	static char	buffer[16];
	size_t		i;

	for (i = 0; i < sizeof(signal_names) / sizeof(signal_names[0]); i++)
		if (signal_names[i].number == number)
			return signal_names[i].name;
	snprintf(buffer, sizeof(buffer), "%d", number);
	return buffer;
}

/*
 * Parse a decimal integer in [min, max] that makes up all of `text`.
 * Returns false, leaving *result alone, if it does not.
 */
static bool
parse_int(const char *text, long min, long max, long *result)
{
	char	*end;
	long	 value;

	errno = 0;
	value = strtol(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || value < min ||
	    value > max)
		return false;
	*result = value;
	return true;
}

static int
hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Turn the TEXT of a script line into bytes, decoding \r \n \t \\ \e \xHH.
 * The result may contain NUL bytes and is stored with its length in `step`.
 * An unknown or incomplete escape is a script error (exit 2).
 */
static void
unescape(const char *text, struct step *step)
{
	char	*out = xrealloc(NULL, strlen(text) + 1);
	size_t	 len = 0;
	int	 high, low;

	while (*text != '\0') {
		if (*text != '\\') {
			out[len++] = *text++;
			continue;
		}
		text++;
		switch (*text) {
		case 'r':
			out[len++] = '\r';
			break;
		case 'n':
			out[len++] = '\n';
			break;
		case 't':
			out[len++] = '\t';
			break;
		case '\\':
			out[len++] = '\\';
			break;
		case 'e':
			out[len++] = '\033';
			break;
		case 'x':
			if ((high = hex_digit(text[1])) == -1 ||
			    (low = hex_digit(text[2])) == -1)
				usage_error("line %d: \\x needs two hex digits",
				    step->line);
			out[len++] = (char)(high * 16 + low);
			text += 2;
			break;
		default:
			usage_error("line %d: unknown escape \\%c", step->line,
			    *text == '\0' ? ' ' : *text);
		}
		text++;
	}
	out[len] = '\0';
	step->text = out;
	step->text_len = len;
}

/*
 * Split `rest` (the arguments of a step, NUL-terminated and writable) into
 * at most `max` words separated by blanks.  Returns the number of words.
 */
static size_t
split_words(char *rest, char **words, size_t max)
{
	size_t	 count = 0;
	char	*word;

	while ((word = strtok(rest, " \t")) != NULL) {
		rest = NULL;
		if (count == max)
			return max + 1;
		words[count++] = word;
	}
	return count;
}

static void
parse_wait_exit(struct step *step, char **words, size_t count)
{
	long	status;

	step->check = CHECK_NOTHING;
	if (count == 0)
		return;
	if (count == 1 && parse_int(words[0], 0, 255, &status)) {
		step->check = CHECK_STATUS;
		step->number = status;
		return;
	}
	if (count == 2 && strcmp(words[0], "signal") == 0 &&
	    (step->number = signal_from_name(words[1])) != -1) {
		step->check = CHECK_SIGNAL;
		return;
	}
	usage_error("line %d: usage: wait-exit [STATUS | signal NAME]",
	    step->line);
}

/*
 * Parse one script line into `step`.  Returns false for a line to ignore.
 * Any malformed line is a script error (exit 2), reported with its number.
 */
static bool
parse_line(char *line, struct step *step)
{
	char	*keyword, *rest, *words[3];
	size_t	 count;
	long	 rows, cols;

	line[strcspn(line, "\n")] = '\0';
	if (*line != '\0' && line[strlen(line) - 1] == '\r')
		line[strlen(line) - 1] = '\0';
	keyword = line + strspn(line, " \t");
	if (*keyword == '\0' || *keyword == '#')
		return false;
	rest = keyword + strcspn(keyword, " \t");
	if (*rest != '\0')
		*rest++ = '\0';		/* TEXT is whatever follows one blank */

	if (strcmp(keyword, "expect") == 0 ||
	    strcmp(keyword, "expect-not") == 0 ||
	    strcmp(keyword, "send") == 0) {
		step->op = keyword[0] == 's' ? OP_SEND :
		    strcmp(keyword, "expect") == 0 ? OP_EXPECT : OP_EXPECT_NOT;
		unescape(rest, step);
		if (step->text_len == 0)
			usage_error("line %d: %s needs some TEXT", step->line,
			    keyword);
		return true;
	}

	count = split_words(rest, words, 2);
	if (strcmp(keyword, "winsize") == 0) {
		if (count != 2 || !parse_int(words[0], 1, USHRT_MAX, &rows) ||
		    !parse_int(words[1], 1, USHRT_MAX, &cols))
			usage_error("line %d: usage: winsize ROWS COLS",
			    step->line);
		step->op = OP_WINSIZE;
		step->rows = rows;
		step->cols = cols;
	} else if (strcmp(keyword, "signal") == 0) {
		if (count < 1 || (step->number = signal_from_name(words[0])) ==
		    -1)
			usage_error("line %d: usage: signal NAME [PIDFILE]",
			    step->line);
		if (count == 2 && (step->pidfile = strdup(words[1])) == NULL)
			fatal("strdup");
		step->op = OP_SIGNAL;
	} else if (strcmp(keyword, "hangup") == 0) {
		if (count != 0)
			usage_error("line %d: hangup takes no argument",
			    step->line);
		step->op = OP_HANGUP;
	} else if (strcmp(keyword, "wait-exit") == 0) {
		step->op = OP_WAIT_EXIT;
		parse_wait_exit(step, words, count);
	} else
		usage_error("line %d: unknown step \"%s\"", step->line,
		    keyword);
	return true;
}

/*
 * Check that the steps come in a possible order: nothing but wait-exit after
 * hangup, and only expect or expect-not (which look at the output collected
 * so far) after wait-exit.
 */
static void
check_order(const struct script *script)
{
	bool	hung_up = false, exited = false;
	size_t	i;
	enum op	op;

	for (i = 0; i < script->count; i++) {
		op = script->steps[i].op;
		if (hung_up && !exited && op != OP_WAIT_EXIT)
			usage_error("line %d: only wait-exit may follow hangup",
			    script->steps[i].line);
		if (exited && op != OP_EXPECT && op != OP_EXPECT_NOT)
			usage_error("line %d: only expect and expect-not may "
			    "follow wait-exit", script->steps[i].line);
		hung_up = hung_up || op == OP_HANGUP;
		exited = exited || op == OP_WAIT_EXIT;
	}
}

/* Read and check the whole script before anything is started. */
static void
read_script(const char *path, struct script *script)
{
	FILE	*stream;
	char	*line = NULL;
	size_t	 line_size = 0;
	int	 number = 0;
	struct step step;

	if (strcmp(path, "-") == 0)
		stream = stdin;
	else if ((stream = fopen(path, "r")) == NULL)
		usage_error("%s: %s", path, strerror(errno));
	while (getline(&line, &line_size, stream) != -1) {
		memset(&step, 0, sizeof(step));
		step.line = ++number;
		if (!parse_line(line, &step))
			continue;
		if (script->count == script->capacity) {
			script->capacity = script->capacity * 2 + 16;
			script->steps = xrealloc(script->steps,
			    script->capacity * sizeof(*script->steps));
		}
		script->steps[script->count++] = step;
	}
	if (ferror(stream))
		usage_error("%s: %s", path, strerror(errno));
	if (stream != stdin)
		fclose(stream);
	free(line);
	check_order(script);
}

/*
 * Print `len` bytes so that every byte is visible: \r \n \t \\ \e and \xHH
 * for the other control and non-ASCII bytes.  With `break_lines`, a real
 * newline follows each \n and the text ends with a newline.
 */
static void
print_escaped(FILE *stream, const char *data, size_t len, bool break_lines)
{
	size_t		i;
	unsigned char	c;

	for (i = 0; i < len; i++) {
		c = data[i];
		if (c == '\n')
			fputs(break_lines ? "\\n\n" : "\\n", stream);
		else if (c == '\r')
			fputs("\\r", stream);
		else if (c == '\t')
			fputs("\\t", stream);
		else if (c == '\\')
			fputs("\\\\", stream);
		else if (c == '\033')
			fputs("\\e", stream);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(stream, "\\x%02x", c);
		else
			putc(c, stream);
	}
	if (break_lines && len > 0 && data[len - 1] != '\n')
		putc('\n', stream);
}

/* The TEXT of a step, escaped for a one-line message; the caller frees it. */
static char *
escaped_text(const struct step *step)
{
	FILE	*stream;
	char	*text = NULL;
	size_t	 size = 0;

	if ((stream = open_memstream(&text, &size)) == NULL)
		fatal("open_memstream");
	print_escaped(stream, step->text, step->text_len, false);
	if (fclose(stream) == EOF)
		fatal("open_memstream");
	return text;
}

/* Show the end of the output that no expect has matched yet. */
static void
show_unmatched(const struct output *output)
{
	size_t	unmatched = output->len - output->mark;
	size_t	shown = unmatched < SHOWN_OUTPUT ? unmatched : SHOWN_OUTPUT;

	if (shown == 0) {
		fprintf(stderr, "ptydrive: no unmatched output\n");
		return;
	}
	fprintf(stderr, "ptydrive: last %zu of %zu bytes of unmatched "
	    "output:\n", shown, unmatched);
	print_escaped(stderr, output->data + output->len - shown, shown, true);
}

/* Kill the command unless it is already gone, and wait until it is. */
static void
kill_child(struct session *session)
{
	if (session->reaped)
		return;
	kill(session->pid, SIGKILL);
	while (waitpid(session->pid, &session->wait_status, 0) == -1)
		if (errno != EINTR)
			fatal("waitpid");
	session->reaped = true;
}

/*
 * A step failed: say why (prefixed with "ptydrive: line N: "), optionally show
 * the unmatched output, kill the command and exit 1.
 */
static void __attribute__((noreturn, format(printf, 4, 5)))
step_failed(struct session *session, const struct step *step,
    bool show_output, const char *fmt, ...)
{
	va_list	ap;

	fflush(stdout);
	fprintf(stderr, "ptydrive: line %d: ", step->line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	if (show_output)
		show_unmatched(&session->output);
	kill_child(session);
	exit(EXIT_STEP_FAILED);
}

/* Append what was read from the terminal to the output and to the log. */
static void
record_output(struct session *session, const char *data, size_t len)
{
	struct output	*output = &session->output;
	ssize_t		 written;
	size_t		 done;

	if (output->len + len > output->capacity) {
		output->capacity = (output->len + len) * 2;
		output->data = xrealloc(output->data, output->capacity);
	}
	memcpy(output->data + output->len, data, len);
	output->len += len;

	for (done = 0; session->log_fd != -1 && done < len; done += written) {
		written = write(session->log_fd, data + done, len - done);
		if (written == -1 && errno == EINTR)
			written = 0;
		else if (written == -1) {
			fprintf(stderr, "ptydrive: writing the log: %s; "
			    "no more logging\n", strerror(errno));
			close(session->log_fd);
			session->log_fd = -1;
		}
	}
}

/*
 * Read everything the terminal has to offer right now, without blocking.
 * Sets session->eof when the terminal has no writer left: the master then
 * reads 0 bytes or fails with EIO, as Linux does once the slave is closed.
 */
static void
drain_master(struct session *session)
{
	char	buffer[8192];
	ssize_t	got;

	while (session->master != -1 && !session->eof) {
		got = read(session->master, buffer, sizeof(buffer));
		if (got > 0)
			record_output(session, buffer, got);
		else if (got == 0 || errno == EIO)
			session->eof = true;
		else if (errno == EAGAIN || errno == EWOULDBLOCK)
			return;
		else if (errno != EINTR)
			fatal("reading the terminal");
	}
}

/* Reap the command if it has ended; never blocks. */
static void
check_child(struct session *session)
{
	char	byte;
	pid_t	pid;

	while (read(sigchld_pipe[0], &byte, 1) == 1)
		continue;
	if (session->reaped)
		return;
	pid = waitpid(session->pid, &session->wait_status, WNOHANG);
	if (pid == session->pid)
		session->reaped = true;
	else if (pid == -1 && errno != EINTR)
		fatal("waitpid");
}

/*
 * Wait until something happens or `deadline` (from now_ms()) passes, then
 * take it in: read all pending output and reap the command if it ended.
 * With `want_write`, also wait for the master to accept input.
 * Returns 1 if the master is writable (only with want_write), 0 if something
 * else happened, -1 if the deadline passed first.
 */
static int
pump(struct session *session, long long deadline, bool want_write)
{
	struct pollfd	fds[2];
	nfds_t		nfds = 1;
	long long	remaining = deadline - now_ms();
	int		ready;

	fds[0].fd = sigchld_pipe[0];
	fds[0].events = POLLIN;
	if (session->master != -1 && (!session->eof || want_write)) {
		fds[1].fd = session->master;
		fds[1].events = session->eof ? 0 : POLLIN;
		if (want_write)
			fds[1].events |= POLLOUT;
		nfds = 2;
	}
	if (remaining < 0)
		remaining = 0;
	ready = poll(fds, nfds, remaining > INT_MAX ? INT_MAX : remaining);
	if (ready == -1 && errno != EINTR)
		fatal("poll");
	if (ready == 0 && remaining < INT_MAX)
		return -1;
	drain_master(session);
	check_child(session);
	if (ready > 0 && nfds == 2 && (fds[1].revents & POLLOUT))
		return 1;
	return 0;
}

/*
 * The first occurrence of `text` in the output after the last match, or NULL.
 */
static const char *
find_unmatched(const struct output *output, const struct step *step)
{
	if (output->len == 0)
		return NULL;
	return memmem(output->data + output->mark, output->len - output->mark,
	    step->text, step->text_len);
}

/*
 * Move the match point to `end`.  Output before it is never looked at again,
 * so once there is enough of it the buffer is compacted.
 */
static void
advance_mark(struct output *output, const char *end)
{
	output->mark = end - output->data;
	if (output->mark >= COMPACT_THRESHOLD &&
	    output->mark >= output->len / 2) {
		memmove(output->data, output->data + output->mark,
		    output->len - output->mark);
		output->len -= output->mark;
		output->mark = 0;
	}
}

static void
do_expect(struct session *session, const struct step *step)
{
	long long	 deadline = now_ms() + session->timeout_ms;
	const char	*found;

	for (;;) {
		if ((found = find_unmatched(&session->output, step)) != NULL) {
			advance_mark(&session->output, found + step->text_len);
			return;
		}
		if (session->eof || session->master == -1)
			step_failed(session, step, true, "output ended while "
			    "waiting for \"%s\"", escaped_text(step));
		if (pump(session, deadline, false) == -1)
			step_failed(session, step, true, "timed out waiting "
			    "for \"%s\"", escaped_text(step));
	}
}

static void
do_expect_not(struct session *session, const struct step *step)
{
	drain_master(session);
	if (find_unmatched(&session->output, step) != NULL)
		step_failed(session, step, true, "unwanted \"%s\" appeared "
		    "after the last match", escaped_text(step));
}

/*
 * Type the TEXT of a send step.  The master is non-blocking: while the
 * command does not read its input, its output is read so that it never
 * blocks on a full terminal, until the deadline.
 */
static void
do_send(struct session *session, const struct step *step)
{
	long long	deadline = now_ms() + session->timeout_ms;
	size_t		done = 0;
	ssize_t		written;

	while (done < step->text_len) {
		if (session->eof)
			step_failed(session, step, true, "cannot send \"%s\": "
			    "the command closed its terminal",
			    escaped_text(step));
		written = write(session->master, step->text + done,
		    step->text_len - done);
		if (written > 0) {
			done += written;
			drain_master(session);
		} else if (written == -1 && errno == EIO)
			session->eof = true;
		else if (written == -1 && errno != EAGAIN &&
		    errno != EWOULDBLOCK && errno != EINTR)
			fatal("writing to the terminal");
		else if (pump(session, deadline, true) == -1)
			step_failed(session, step, true, "timed out sending "
			    "\"%s\": the command does not read its input",
			    escaped_text(step));
	}
}

static void
do_winsize(struct session *session, const struct step *step)
{
	struct winsize	size;

	memset(&size, 0, sizeof(size));
	size.ws_row = step->rows;
	size.ws_col = step->cols;
	if (ioctl(session->master, TIOCSWINSZ, &size) == -1)
		fatal("line %d: TIOCSWINSZ", step->line);
}

static void
do_signal(struct session *session, const struct step *step)
{
	check_child(session);
	if (session->reaped)
		step_failed(session, step, true, "cannot send a signal: the "
		    "command has already ended");
	if (step->pidfile != NULL) {
		/* A process COMMAND started and named in a file (the pid of a
		 * descendant of ours, alive until we reap COMMAND's tree). */
		FILE *f = fopen(step->pidfile, "r");
		long pid = 0;
		int got = f != NULL && fscanf(f, "%ld", &pid) == 1 && pid > 1;

		if (f != NULL)
			fclose(f);
		if (!got)
			step_failed(session, step, true, "no pid in %s",
			    step->pidfile);
		if (kill((pid_t)pid, step->number) == -1)
			fatal("line %d: kill", step->line);
		return;
	}
	if (kill(session->pid, step->number) == -1)
		fatal("line %d: kill", step->line);
}

/* Close the terminal, as when its window is closed: the command gets SIGHUP. */
static void
do_hangup(struct session *session)
{
	close(session->master);
	session->master = -1;
}

/*
 * Print how the command ended ("ptydrive: exit STATUS" or "ptydrive: signal
 * NAME") to stdout, then fail the step unless that is what it asked for.
 */
static void
report_exit(struct session *session, const struct step *step)
{
	int	status = session->wait_status;

	if (WIFEXITED(status))
		printf("ptydrive: exit %d\n", WEXITSTATUS(status));
	else
		printf("ptydrive: signal %s\n", signal_name(WTERMSIG(status)));
	fflush(stdout);
	if (step->check == CHECK_STATUS && (!WIFEXITED(status) ||
	    WEXITSTATUS(status) != step->number))
		step_failed(session, step, false, "expected exit %d",
		    step->number);
	if (step->check == CHECK_SIGNAL && (!WIFSIGNALED(status) ||
	    WTERMSIG(status) != step->number))
		step_failed(session, step, false, "expected signal %s",
		    signal_name(step->number));
}

/*
 * Wait for the command to end while reading its output to the end of the
 * terminal, then report how it ended.  Once the command is reaped, the
 * output still in flight is read until the terminal says it has no writer
 * left; if a descendant keeps the terminal open, that wait is cut short
 * after EXIT_GRACE_MS.  A command still running at the deadline is killed
 * and the step fails.  Afterwards the terminal is closed for good.
 */
static void
do_wait_exit(struct session *session, const struct step *step)
{
	long long	deadline = now_ms() + session->timeout_ms;
	long long	grace_end = -1;

	while (!session->reaped || (session->master != -1 && !session->eof)) {
		if (session->reaped && grace_end == -1)
			grace_end = now_ms() + EXIT_GRACE_MS;
		if (pump(session, session->reaped ? grace_end : deadline,
		    false) != -1)
			continue;
		if (!session->reaped)
			step_failed(session, step, true, "the command did not "
			    "exit within %d ms", session->timeout_ms);
		fprintf(stderr, "ptydrive: line %d: note: the command ended "
		    "but something still holds its terminal\n", step->line);
		break;
	}
	if (session->master != -1) {
		close(session->master);
		session->master = -1;
	}
	session->eof = true;
	report_exit(session, step);
}

static void
run_step(struct session *session, const struct step *step)
{
	switch (step->op) {
	case OP_EXPECT:
		do_expect(session, step);
		break;
	case OP_EXPECT_NOT:
		do_expect_not(session, step);
		break;
	case OP_SEND:
		do_send(session, step);
		break;
	case OP_WINSIZE:
		do_winsize(session, step);
		break;
	case OP_SIGNAL:
		do_signal(session, step);
		break;
	case OP_HANGUP:
		do_hangup(session);
		break;
	case OP_WAIT_EXIT:
		do_wait_exit(session, step);
		break;
	}
}

static void
on_sigchld(int signal_number)
{
	int	saved_errno = errno;
	char	byte = 0;

	(void)signal_number;
	(void)write(sigchld_pipe[1], &byte, 1);	/* a full pipe is enough */
	errno = saved_errno;
}

/* Make SIGCHLD wake up poll(): the handler writes to a non-blocking pipe. */
static void
catch_sigchld(void)
{
	struct sigaction	action;

	if (pipe2(sigchld_pipe, O_CLOEXEC | O_NONBLOCK) == -1)
		fatal("pipe2");
	memset(&action, 0, sizeof(action));
	action.sa_handler = on_sigchld;
	action.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	sigemptyset(&action.sa_mask);
	if (sigaction(SIGCHLD, &action, NULL) == -1)
		fatal("sigaction");
}

/*
 * In the child, before exec: give the command default signal dispositions
 * and an empty signal mask, whatever ptydrive inherited (a shell running
 * it in the background, for instance, makes it ignore SIGINT).
 */
static void
reset_signals(void)
{
	struct sigaction	action;
	sigset_t		empty;
	int			number;

	memset(&action, 0, sizeof(action));
	action.sa_handler = SIG_DFL;
	sigemptyset(&action.sa_mask);
	for (number = 1; number < NSIG; number++)
		(void)sigaction(number, &action, NULL);	/* KILL, STOP fail */
	sigemptyset(&empty);
	sigprocmask(SIG_SETMASK, &empty, NULL);
}

/*
 * Start `argv` on a new pseudo-terminal of the given size; forkpty() makes
 * the child a session leader with the terminal as its controlling terminal
 * and as its stdin, stdout and stderr.  The environment is passed unchanged.
 */
static void
start_command(struct session *session, char **argv, unsigned short rows,
    unsigned short cols)
{
	struct winsize	size;
	int		flags;

	memset(&size, 0, sizeof(size));
	size.ws_row = rows;
	size.ws_col = cols;
	fflush(stdout);
	fflush(stderr);
	session->pid = forkpty(&session->master, NULL, NULL, &size);
	if (session->pid == -1)
		fatal("forkpty");
	if (session->pid == 0) {
		reset_signals();
		execvp(argv[0], argv);
		fprintf(stderr, "ptydrive: cannot run %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	if ((flags = fcntl(session->master, F_GETFL)) == -1 ||
	    fcntl(session->master, F_SETFL, flags | O_NONBLOCK) == -1 ||
	    fcntl(session->master, F_SETFD, FD_CLOEXEC) == -1)
		fatal("fcntl");
}

/* Parse --timeout SECONDS (fractions allowed) into milliseconds. */
static int
parse_timeout(const char *text)
{
	char	*end;
	double	 seconds;

	errno = 0;
	seconds = strtod(text, &end);
	if (errno != 0 || end == text || *end != '\0' || !(seconds > 0) ||
	    seconds > INT_MAX / 1000)
		usage_error("--timeout wants a positive number of seconds, "
		    "not \"%s\"", text);
	return seconds * 1000 < 1 ? 1 : (int)(seconds * 1000);
}

static unsigned short
parse_size(const char *option, const char *text)
{
	long	value;

	if (!parse_int(text, 1, USHRT_MAX, &value))
		usage_error("%s wants a number from 1 to %d, not \"%s\"",
		    option, USHRT_MAX, text);
	return value;
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "rows", required_argument, NULL, 'r' },
		{ "cols", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "log", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct session	 session;
	struct script	 script;
	unsigned short	 rows = DEFAULT_ROWS, cols = DEFAULT_COLS;
	const char	*log_path = NULL;
	size_t		 i;
	int		 option;

	memset(&session, 0, sizeof(session));
	memset(&script, 0, sizeof(script));
	session.timeout_ms = DEFAULT_TIMEOUT_MS;
	session.log_fd = -1;
	/* "+": stop at SCRIPT, so that "--" stays in argv to be checked. */
	while ((option = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		switch (option) {
		case 'r':
			rows = parse_size("--rows", optarg);
			break;
		case 'c':
			cols = parse_size("--cols", optarg);
			break;
		case 't':
			session.timeout_ms = parse_timeout(optarg);
			break;
		case 'l':
			log_path = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (argc - optind < 3 || strcmp(argv[optind - 1], "--") == 0 ||
	    strcmp(argv[optind + 1], "--") != 0) {
		usage(stderr);
		return EXIT_USAGE;
	}
	read_script(argv[optind], &script);
	if (log_path != NULL && (session.log_fd = open(log_path,
	    O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) == -1)
		usage_error("%s: %s", log_path, strerror(errno));

	catch_sigchld();
	start_command(&session, argv + optind + 2, rows, cols);
	current_session = &session;
	for (i = 0; i < script.count; i++)
		run_step(&session, &script.steps[i]);
	kill_child(&session);
	return 0;
}
