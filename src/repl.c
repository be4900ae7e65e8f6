/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * repl.c: the input loop (see repl.h).  Readline is hidden behind a few
 * functions, as lua.c does, and only used on a terminal.  Readline's own
 * signal handling is off: SIGINT, SIGTERM, SIGHUP and SIGWINCH are blocked
 * and read from a signalfd, so Ctrl-C discards the line in ordinary code
 * and a termination signal leads to the same cleanup as "quit".  Ctrl-C
 * while a server or client is asleep in a call interrupts that call
 * instead (the learner sees EINTR, as a real server's Ctrl-C would give).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "agent.h"
#include "cmd.h"
#include "i18n.h"
#include "lead.h"
#include "nav.h"
#include "render.h"
#include "repl.h"
#include "session.h"
#include "transcript.h"
#include "tty.h"
#include "util.h"

#define MAX_POLL 12
#define HISTORY_MAX 1000

static sigset_t loop_signals;
static int ended_by_signal;
static int line_done_eof;

void
repl_block_signals(void)
{
	sigemptyset(&loop_signals);
	sigaddset(&loop_signals, SIGINT);
	sigaddset(&loop_signals, SIGTERM);
	sigaddset(&loop_signals, SIGHUP);
	sigaddset(&loop_signals, SIGWINCH);
	sigaddset(&loop_signals, SIGQUIT);
	sigprocmask(SIG_BLOCK, &loop_signals, NULL);
}

/* "ipctutor 1.3> ", or with an open question "ipctutor 1.3?> ". */
static const char *
prompt(void)
{
	static char buf[64];
	struct lesson *l = session_lesson();

	if (session.confirm_reset)
		snprintf(buf, sizeof buf, "ipctutor reset? ");
	else if (l == NULL || session.step < 0)
		snprintf(buf, sizeof buf, "ipctutor> ");
	else
		snprintf(buf, sizeof buf, "ipctutor %d.%d%s> ", l->number, session.step + 1,
			 session.question != NULL && !session.question_answered ? "?" : "");
	return buf;
}

/* ---- readline, behind four functions -------------------------------- */

static char **completions;
static size_t ncompletions;

static void
collect(const char *candidate, void *arg)
{
	(void)arg;
	completions = xreallocarray(completions, ncompletions + 1, sizeof *completions);
	completions[ncompletions++] = xstrdup(candidate);
}

static char *
generator(const char *text, int state)
{
	static size_t next;

	(void)text;
	if (state == 0)
		next = 0;
	return next < ncompletions ? xstrdup(completions[next++]) : NULL;
}

static char **
attempt_completion(const char *text, int start, int end)
{
	(void)end;
	for (size_t i = 0; i < ncompletions; i++)
		free(completions[i]);
	ncompletions = 0;
	int flags = 0;
	/* An open prediction: its outcomes first ("EEX" Tab: EEXIST). */
	if (start == 0 && session.question != NULL && !session.question_answered
	    && session.question->type == BLOCK_PREDICT)
		for (size_t i = 0; i < session.question->nchoices; i++)
			if (strncmp(session.question->choices[i].text.text, text, strlen(text)) == 0)
				collect(session.question->choices[i].text.text, NULL);
	if (ncompletions == 0)
		flags = cmd_complete(rl_line_buffer, (size_t)start, text, collect, NULL);
	rl_attempted_completion_over = 1;
	/* Flag expressions go on after '|': no space after a completion. */
	rl_completion_append_character = flags ? '\0' : ' ';
	return rl_completion_matches(text, generator);
}

void
repl_print_completions(const char *line)
{
	const char *space = strrchr(line, ' ');
	size_t start = space ? (size_t)(space - line) + 1 : 0;

	cmd_complete(line, start, line + start, collect, NULL);
	for (size_t i = 0; i < ncompletions; i++)
		out("%s\n", completions[i]);
}

static void on_line(char *line);

static void
readline_init(void)
{
	rl_readline_name = "ipctutor";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_attempted_completion_function = attempt_completion;
	rl_completer_word_break_characters = " \t";
	using_history();
	stifle_history(HISTORY_MAX);
	if (session.history_path != NULL)
		read_history(session.history_path);
	rl_callback_handler_install(prompt(), on_line);
}

static void
readline_done(void)
{
	rl_callback_handler_remove();
	i18n_keep_utf8();   /* the goodbye is measured too */
	if (session.history_path != NULL && write_history(session.history_path) != 0)
		fprintf(stderr, _("ipctutor: history not saved in %s: %s\n"), session.history_path,
			strerror(errno));
}

/* Print agent output that arrived while the learner was typing, without
 * losing what they typed. */
static void
readline_interrupt_for_output(int fd)
{
	rl_clear_visible_line();
	tty_pager_reset();
	agent_readable(fd);
	out_flush();
	rl_forced_update_display();
}

/* ---- the loop ------------------------------------------------------- */

static void
say_follow(const char *text)
{
	render_paragraph(text, NULL, 0, NULL);
}

static void
run_line(char *line)
{
	nav_typed(line);
	transcript_command(line);
	cmd_execute(line);
	out_flush();
}

static void
on_line(char *line)
{
	if (line == NULL) {
		out("\n");
		line_done_eof = 1;
		session.quit = 1;
		return;
	}
	if (line[0] != '\0')
		add_history(line);
	tty_pager_reset();
	run_line(line);
	free(line);
	if (!session.quit)
		rl_set_prompt(prompt());
}

/* Handle one signal read from the signalfd; returns 1 if it ends the
 * session. */
static int
on_signal(int sig, int interactive)
{
	switch (sig) {
	case SIGWINCH:
		render_resize();
		if (interactive)
			rl_resize_terminal();
		return 0;
	case SIGINT:
		if (!interactive)
			break;
		/* Ctrl-C: drop the line being typed, prompt again; a process
		 * asleep in a call has that call interrupted. */
		session.confirm_reset = 0;
		rl_replace_line("", 0);
		out("^C\n");
		tty_pager_reset();
		if (agent_interrupt_blocked() > 0)
			render_paragraph(_("Ctrl-C sent SIGINT to the process asleep in that call: the kernel interrupted the call, as shown above."),
					 NULL, 0, NULL);
		else
			render_paragraph(_("Ctrl-C clears the line. To leave, type quit or press Ctrl-D."),
					 NULL, 0, NULL);
		out_flush();
		rl_set_prompt(prompt());
		rl_on_new_line();
		rl_redisplay();
		return 0;
	default:
		break;
	}
	ended_by_signal = sig;
	return 1;
}

/* Show LINE (N bytes, perhaps with a NUL) after the prompt, escaped. */
static void
echo_line(const char *line, size_t n)
{
	char *copy = xstrndup(line, n);
	char *shown = text_escaped(copy, 0);

	out("%s%s\n", prompt(), shown);
	free(shown);
	free(copy);
}

/* Batch input: feed complete lines from BUF to the dispatcher, echoing
 * each after the prompt so that the output reads as a session. */
static void
batch_lines(struct strbuf *buf, int at_eof)
{
	char *start = buf->buf, *end = buf->buf + buf->len, *nl;

	while (!session.quit && !termination_pending()
	       && (nl = memchr(start, '\n', (size_t)(end - start))) != NULL) {
		*nl = '\0';
		echo_line(start, (size_t)(nl - start));
		if (memchr(start, '\0', (size_t)(nl - start)) != NULL)
			render_error(_("That line contains a NUL byte; nothing was run."));
		else
			run_line(start);
		start = nl + 1;
	}
	if (at_eof && !session.quit && !termination_pending() && start < end) {
		char *last = xstrndup(start, (size_t)(end - start));
		echo_line(last, strlen(last));
		run_line(last);
		free(last);
		start = end;
	}
	size_t rest = (size_t)(end - start);
	memmove(buf->buf, start, rest);
	buf->len = rest;
	buf->buf[rest] = '\0';
}

int
repl_run(int interactive)
{
	int sfd = signalfd(-1, &loop_signals, SFD_CLOEXEC | SFD_NONBLOCK);
	struct strbuf batch = STRBUF_INIT;

	strbuf_init(&batch);
	agent_watch_signals(sfd);
	if (interactive)
		readline_init();
	out_flush();
	while (!session.quit) {
		struct pollfd fds[MAX_POLL];
		size_t n = 0;

		if (interactive)
			i18n_keep_utf8();   /* after readline's last line */
		fds[n++] = (struct pollfd){ STDIN_FILENO, POLLIN, 0 };
		if (sfd >= 0)
			fds[n++] = (struct pollfd){ sfd, POLLIN, 0 };
		size_t follow_at = n;
		if (follow_fd() >= 0)
			fds[n++] = (struct pollfd){ follow_fd(), POLLIN, 0 };
		size_t first_agent = n;
		n += agent_pollfds(fds + n, MAX_POLL - n);
		int ready = poll(fds, n, session.prepare_pending ? NAV_IDLE_MS : -1);
		if (ready < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (ready == 0) {   /* quiet for a while: what was left for then */
			nav_idle();
			continue;
		}
		if (sfd >= 0 && (fds[1].revents & POLLIN)) {
			struct signalfd_siginfo si;
			while (read(sfd, &si, sizeof si) == sizeof si)
				if (on_signal((int)si.ssi_signo, interactive))
					session.quit = 1;
			if (session.quit)
				break;
		}
		if (follow_at < first_agent && (fds[follow_at].revents & (POLLIN | POLLHUP))) {
			if (interactive)
				rl_clear_visible_line();
			/* A move is paged on its own, as a typed command is: a
			 * learner who types nothing never meets a "more" prompt
			 * for moves that only add up to a screenful. */
			tty_pager_reset();
			follow_readable(nav_follow_to, say_follow);
			out_flush();
			if (interactive) {
				rl_set_prompt(prompt());
				rl_forced_update_display();
			}
		}
		for (size_t i = first_agent; i < n; i++)
			if (fds[i].revents & (POLLIN | POLLHUP)) {
				if (interactive)
					readline_interrupt_for_output(fds[i].fd);
				else
					agent_readable(fds[i].fd);
			}
		if (fds[0].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) {
			if (interactive) {
				/* Ctrl-C flushes the terminal's unread input: a
				 * line typed just before it may be gone since poll
				 * saw it, and readline's read would then block with
				 * SIGINT held back.  Read only what is still there
				 * (or the hangup). */
				int unread = 1;
				if (fds[0].revents == POLLIN && ioctl(STDIN_FILENO, FIONREAD, &unread) == 0 && unread == 0)
					continue;
				rl_callback_read_char();
				continue;
			}
			char chunk[65536];
			ssize_t got = read(STDIN_FILENO, chunk, sizeof chunk);
			if (got < 0 && errno == EINTR)
				continue;
			if (got > 0) {
				strbuf_addn(&batch, chunk, (size_t)got);
				batch_lines(&batch, 0);
			} else {
				batch_lines(&batch, 1);
				session.quit = 1;
			}
		}
	}
	if (interactive)
		readline_done();
	strbuf_free(&batch);
	agent_watch_signals(-1);
	if (sfd >= 0)
		close(sfd);
	return ended_by_signal;
}
