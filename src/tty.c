/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * tty.c: the terminal's foreground and the pager (see tty.h).
 *
 * Started by `make run`, the tutor shares a process group with make, and
 * the terminal sends Ctrl-C to the whole foreground group: make would die
 * of it and leave the shell that started it.  So the tutor leads a group of
 * its own and makes it the foreground, as a shell with job control does for
 * a job, and gives the foreground back to make's group before it exits.  A
 * shell cannot resume a group it does not know of, so while the tutor holds
 * the foreground it ignores the terminal's stop signals.
 *
 * The pager counts the rows the output takes (wide characters count two
 * columns, long lines wrap) and, when a screenful less one row has been
 * written since the learner last typed, asks for a key on the last row.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "i18n.h"
#include "tty.h"

static pid_t saved_foreground = -1;

/* tcsetpgrp from a group that is not (or no longer) the foreground sends
 * SIGTTOU unless it is blocked. */
static int
set_foreground(pid_t group)
{
	sigset_t ttou, old;
	int r;

	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	sigprocmask(SIG_BLOCK, &ttou, &old);
	r = tcsetpgrp(STDIN_FILENO, group);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return r;
}

void
tty_take_foreground(void)
{
	pid_t fg;

	if (!isatty(STDIN_FILENO) || (fg = tcgetpgrp(STDIN_FILENO)) < 0)
		return;
	/* Only a member of the foreground group takes it (not a job started
	 * in the background), and only when it shares the group. */
	if (fg != getpgrp() || getpgrp() == getpid())
		return;
	if (setpgid(0, 0) != 0)
		return;
	if (set_foreground(getpgrp()) != 0) {
		setpgid(0, fg);   /* back where we were: nothing changed */
		return;
	}
	saved_foreground = fg;
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
}

void
tty_give_back(void)
{
	if (saved_foreground < 0)
		return;
	set_foreground(saved_foreground);
	saved_foreground = -1;
}

/* ---- the pager ------------------------------------------------------ */

static int pager_on;
static int pager_rows_used;
static int pager_stopped;       /* q: the rest without stopping */
static int pager_column;        /* display column on the current row */
static int in_escape;           /* inside an ESC [ ... sequence */
static mbstate_t pager_mb;

void
tty_pager_enable(int on)
{
	pager_on = on;
	tty_pager_reset();
}

void
tty_pager_reset(void)
{
	pager_rows_used = 0;
	pager_column = 0;
	pager_stopped = 0;
	in_escape = 0;
	memset(&pager_mb, 0, sizeof pager_mb);
}

/* The terminal's size, asked once and again only after tty_resize(): the
 * pager sees every piece of output, and one ioctl for each was most of
 * what the tutor asked the kernel before its first prompt. */
static int size_known, known_rows, known_cols;

void
tty_resize(void)
{
	size_known = 0;
}

static void
terminal_size(int *rows, int *cols)
{
	struct winsize ws;

	if (!size_known) {
		known_rows = 24;
		known_cols = 80;
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) {
			if (ws.ws_row > 0)
				known_rows = ws.ws_row;
			if (ws.ws_col > 0)
				known_cols = ws.ws_col;
		}
		size_known = 1;
	}
	*rows = known_rows;
	*cols = known_cols;
}

/* Write all of TEXT to the terminal. */
static void
write_all(const char *text, size_t len)
{
	while (len > 0) {
		ssize_t n = write(STDOUT_FILENO, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		text += n;
		len -= (size_t)n;
	}
}

/* The character at S (LEN bytes left, state MB): its display columns
 * into *WIDTH, and the bytes it takes as the result, at least 1.  A byte
 * that starts no character counts one column and resets MB, as a
 * terminal shows a replacement for it. */
static size_t
next_char(const char *s, size_t len, mbstate_t *mb, int *width)
{
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, len, mb);

	if (n == (size_t)-1 || n == (size_t)-2) {
		memset(mb, 0, sizeof *mb);
		*width = 1;
		return 1;
	}
	int columns = wcwidth(wc);
	*width = columns < 0 ? 0 : columns;
	return n ? n : 1;
}

/* Display columns of the string S (as the pager counts them). */
static int
text_width(const char *s)
{
	mbstate_t mb;
	size_t len = strlen(s);
	int width = 0;

	memset(&mb, 0, sizeof mb);
	for (size_t i = 0; i < len;) {
		int w;
		i += next_char(s + i, len - i, &mb, &w);
		width += w;
	}
	return width;
}

/* The "more" prompt: wait for one key with the terminal in raw mode.
 * Returns 1 to go on paging, 0 to show the rest without stopping.  The
 * prompt must fit one row (it is wiped with a carriage return): on a
 * narrow terminal it is the short one. */
static int
more(int cols)
{
	/* TRANSLATORS: the pager's one-line prompt, shown when a step is
	   longer than the terminal; keep it short (under 60 columns). */
	const char *prompt = _("-- more: Enter goes on, q shows the rest --");
	struct termios saved, raw;

	if (text_width(prompt) >= cols)
		/* TRANSLATORS: the pager's prompt on a narrow terminal (a
		   phone, a split pane): at most 15 columns. */
		prompt = _("-- more --");
	int width = text_width(prompt);
	int have_termios = tcgetattr(STDIN_FILENO, &saved) == 0;
	char c = 'q';

	fflush(stdout);
	write_all(prompt, strlen(prompt));
	if (have_termios) {
		raw = saved;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	while (read(STDIN_FILENO, &c, 1) < 0 && errno == EINTR)
		;
	if (have_termios)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	/* Wipe the prompt: the page goes on where it stood. */
	char blanks[64];
	memset(blanks, ' ', sizeof blanks);
	write_all("\r", 1);
	for (int left = width; left > 0; left -= (int)sizeof blanks)
		write_all(blanks, left < (int)sizeof blanks ? (size_t)left : sizeof blanks);
	write_all("\r", 1);
	return !(c == 'q' || c == 'Q' || c == 3 /* Ctrl-C */ || c == 4 /* Ctrl-D */);
}

int
tty_pager_active(void)
{
	return pager_on && !pager_stopped;
}

void
tty_pager_output(const char *text, size_t len, void (*emit)(const char *text, size_t len))
{
	size_t start = 0;
	int rows, cols;

	terminal_size(&rows, &cols);
	for (size_t i = 0; i < len;) {
		unsigned char ch = (unsigned char)text[i];
		if (in_escape) {
			in_escape = !(ch >= 0x40 && ch <= 0x7e && ch != '[');
			i++;
			continue;
		}
		if (ch == 033) {
			in_escape = 1;
			i++;
			continue;
		}
		if (ch == '\n') {
			pager_rows_used++;
			pager_column = 0;
			i++;
			if (pager_rows_used >= rows - 1 && !pager_stopped) {
				emit(text + start, i - start);
				start = i;
				if (!more(cols))
					pager_stopped = 1;
				pager_rows_used = 0;
			}
			continue;
		}
		int w;
		size_t n = next_char(text + i, len - i, &pager_mb, &w);
		if (pager_column + w > cols) {
			pager_rows_used++;
			pager_column = 0;
		}
		pager_column += w;
		i += n;
	}
	emit(text + start, len - start);
}
