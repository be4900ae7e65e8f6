/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * render.c: output for the learner (see render.h).  A paragraph is first
 * filled (placeholders), then cut into display units (one code point with
 * its width, or a zero-width colour escape), then laid out greedily: lines
 * break at spaces, and after any double-width character, since Chinese and
 * Japanese text has no spaces.  All output goes through out(), which keeps
 * the first write error so main() can report it and exit non-zero.  The
 * lines that are not prose (calls, commands, code) are laid out in lines.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "i18n.h"
#include "reproducible.h"
#include "render.h"
#include "tty.h"
#include "util.h"

#define DEFAULT_WIDTH 80
#define MIN_WIDTH 20

static struct render_options options = { 0, DEFAULT_WIDTH, 0 };
static int terminal_width_wanted;
static int write_error;
static int error_count;
static int quiet;
static struct strbuf *capture;
static void (*tee)(const char *text, size_t len);

void
render_tee(void (*fn)(const char *text, size_t len))
{
	tee = fn;
}

struct strbuf *
render_capture(struct strbuf *sb)
{
	struct strbuf *previous = capture;

	capture = sb;
	return previous;
}

void
render_quiet(int on)
{
	quiet = on;
}

void
render_init(const struct render_options *o)
{
	options = *o;
	repro_enable(o->reproducible);
	terminal_width_wanted = o->width == 0;
	if (terminal_width_wanted)
		render_resize();
}

const struct render_options *
render_options(void)
{
	return &options;
}

void
render_resize(void)
{
	struct winsize ws;

	tty_resize();
	if (!terminal_width_wanted)
		return;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		options.width = ws.ws_col;
	else
		options.width = DEFAULT_WIDTH;
}

int
render_width(void)
{
	return options.width < MIN_WIDTH ? MIN_WIDTH : options.width;
}

/* Write LEN bytes of TEXT to standard output, keeping the first error. */
static void
emit(const char *text, size_t len)
{
	if (fwrite(text, 1, len, stdout) != len && write_error == 0)
		write_error = errno ? errno : EIO;
}

/* TEXT[0..LEN) to wherever output goes now. */
static void
out_text(const char *text, size_t len)
{
	if (capture != NULL) {
		strbuf_addn(capture, text, len);
		return;
	}
	if (tee != NULL)
		tee(text, len);
	if (tty_pager_active())
		tty_pager_output(text, len, emit);
	else
		emit(text, len);
}

/* The paragraph renderer writes word by word with "%s", "%.*s" and plain
 * text: those need no formatting at all.  Everything else is formatted
 * once, into a buffer kept from call to call. */
void
out(const char *fmt, ...)
{
	static struct strbuf sb;
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	if (strchr(fmt, '%') == NULL) {
		out_text(fmt, strlen(fmt));
	} else if (strcmp(fmt, "%s") == 0) {
		const char *text = va_arg(ap, const char *);
		if (text == NULL)
			text = "(null)";   /* as printf says it */
		out_text(text, strlen(text));
	} else if (strcmp(fmt, "%.*s") == 0) {
		int n = va_arg(ap, int);
		const char *text = va_arg(ap, const char *);
		out_text(text, n < 0 ? strlen(text) : strnlen(text, (size_t)n));
	} else if (capture != NULL) {
		strbuf_vaddf(capture, fmt, ap);
	} else {
		strbuf_reset(&sb);
		strbuf_vaddf(&sb, fmt, ap);
		out_text(sb.buf, sb.len);
	}
	va_end(ap);
}

void
out_flush(void)
{
	if (fflush(stdout) != 0 && write_error == 0)
		write_error = errno ? errno : EIO;
}

int
out_error(void)
{
	if (write_error == 0 && ferror(stdout))
		write_error = EIO;
	return write_error;
}

const char *
color_on(const char *sgr)
{
	return options.color ? sgr : "";
}

const char *
color_off(void)
{
	return options.color ? "\033[0m" : "";
}

/* Decode one UTF-8 code point at S (N bytes available).  Returns its length
 * in bytes and stores the code point, or returns 1 with *cp = -1 for a byte
 * that does not start a valid sequence. */
size_t
render_codepoint(const char *s, size_t n, long *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = u[0] < 0x80 ? 1 : u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : u[0] >= 0xc0 ? 2 : 0;

	if (len == 0 || len > n || !utf8_valid(s, len)) {
		*cp = -1;
		return 1;
	}
	*cp = len == 1 ? u[0] : len == 2 ? u[0] & 0x1f : len == 3 ? u[0] & 0x0f : u[0] & 0x07;
	for (size_t i = 1; i < len; i++)
		*cp = (*cp << 6) | (u[i] & 0x3f);
	return len;
}

static int
codepoint_width(long cp)
{
	int w;

	if (cp < 0)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int
display_width(const char *s, size_t n)
{
	int width = 0;
	size_t i = 0;

	while (i < n) {
		long cp;
		size_t len = render_codepoint(s + i, n - i, &cp);
		width += codepoint_width(cp);
		i += len;
	}
	return width;
}

void
render_fill(const char *text, placeholder_fn lookup, struct strbuf *sb)
{
	const char *p = text;

	while (*p) {
		const char *open = strchr(p, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		const char *value;

		if (open == NULL || close == NULL || lookup == NULL) {
			strbuf_adds(sb, p);
			return;
		}
		strbuf_addn(sb, p, (size_t)(open - p));
		value = lookup(open + 1, (size_t)(close - open - 1));
		if (value != NULL)
			strbuf_adds(sb, value);
		else
			strbuf_addn(sb, open, (size_t)(close - open + 1));
		p = close + 1;
	}
}

/* A display unit: a code point (or invalid byte) or a zero-width escape. */
struct unit {
	const char *bytes;
	size_t len;
	int width;
	int is_space;
	int break_after;  /* a line may end after this unit (wide characters) */
};

struct units {
	struct unit *v;
	size_t n, cap;
};

static void
push_unit(struct units *u, const char *bytes, size_t len, int width, int space, int brk)
{
	if (u->n == u->cap) {
		u->cap = u->cap ? 2 * u->cap : 256;
		u->v = xreallocarray(u->v, u->cap, sizeof *u->v);
	}
	u->v[u->n++] = (struct unit){ bytes, len, width, space, brk };
}

#define SGR_CODE "\033[36m"
#define SGR_RESET "\033[0m"

/* Is the character BYTES[0..LEN) one that must not start a line? */
static int
no_break_before(const char *bytes, size_t len)
{
	static const char *const closers[] = {
		"。", "，", "、", "；", "：", "？", "！", "）", "」", "』", "】", "》", "〉", "”", "’", "…",
	};

	for (size_t i = 0; i < sizeof closers / sizeof closers[0]; i++)
		if (strlen(closers[i]) == len && memcmp(closers[i], bytes, len) == 0)
			return 1;
	return 0;
}

/* Is the character BYTES[0..LEN) one that must not end a line (opening
 * punctuation)? */
static int
no_break_after(const char *bytes, size_t len)
{
	static const char *const openers[] = { "（", "「", "『", "【", "《", "〈", "“", "‘" };

	for (size_t i = 0; i < sizeof openers / sizeof openers[0]; i++)
		if (strlen(openers[i]) == len && memcmp(openers[i], bytes, len) == 0)
			return 1;
	return 0;
}

/* Cut TEXT into units, turning `code` and **bold** into colour escapes (or,
 * without colour, keeping backticks and dropping the asterisks). */
static void
cut_units(const char *text, struct units *u)
{
	size_t n = strlen(text), i = 0;
	int in_code = 0, in_bold = 0;

	while (i < n) {
		if (text[i] == '`') {
			in_code = !in_code;
			if (options.color)
				push_unit(u, in_code ? SGR_CODE : SGR_RESET, in_code ? 5 : 4, 0, 0, 0);
			else
				push_unit(u, text + i, 1, 1, 0, 0);
			if (!in_code && in_bold && options.color)
				push_unit(u, SGR_BOLD, 4, 0, 0, 0);
			i++;
			continue;
		}
		if (!in_code && text[i] == '*' && i + 1 < n && text[i + 1] == '*') {
			in_bold = !in_bold;
			if (options.color)
				push_unit(u, in_bold ? SGR_BOLD : SGR_RESET, 4, 0, 0, 0);
			i += 2;
			continue;
		}
		long cp;
		size_t len = render_codepoint(text + i, n - i, &cp);
		int w = codepoint_width(cp);
		push_unit(u, text + i, len, w, cp == ' ', w >= 2);
		i += len;
	}
	if ((in_code || in_bold) && options.color)
		push_unit(u, SGR_RESET, 4, 0, 0, 0);
	/* No line may start with closing punctuation or end with opening
	 * punctuation (Chinese and Japanese typesetting). */
	for (size_t k = 0; k + 1 < u->n; k++)
		if (u->v[k].break_after && (no_break_before(u->v[k + 1].bytes, u->v[k + 1].len)
					    || no_break_after(u->v[k].bytes, u->v[k].len)))
			u->v[k].break_after = 0;
}

/* Display width of units [I, J) of U. */
static int
units_width(const struct units *u, size_t i, size_t j)
{
	int w = 0;

	for (; i < j; i++)
		w += u->v[i].width;
	return w;
}

/* Where to cut the word in units [I, J) of U so that its first piece fits
 * ROOM columns: just after the last '|', '/', ',' or '-' that fits (not
 * its first character).  Returns the unit index to cut before, or 0 where
 * there is none: a word with no such place stays whole (the terminal
 * wraps it, and a copy of it stays whole). */
static int
word_cut(const struct units *u, size_t i, size_t j, int room)
{
	size_t k = i, soft = 0;
	int w = 0;

	while (k < j && w + u->v[k].width <= room) {
		w += u->v[k].width;
		if (k > i && u->v[k].len == 1 && strchr("|/,-", u->v[k].bytes[0]) != NULL && k + 1 < j)
			soft = k + 1;
		k++;
	}
	return (int)soft;
}

/* render_paragraph with lines after the first HANG columns deeper. */
static void
lay_out(const char *text, placeholder_fn lookup, int indent, const char *first, int hang)
{
	struct strbuf filled = STRBUF_INIT, masked = STRBUF_INIT, para = STRBUF_INIT;
	struct units u = { NULL, 0, 0 };
	int avail, col = 0, pending_space = 0, broken = 0;
	size_t i = 0;

	strbuf_init(&filled);
	render_fill(text, lookup, &filled);
	strbuf_init(&masked);
	repro_text(filled.buf, &masked);
	cut_units(masked.buf, &u);

	/* The paragraph is laid out in PARA and goes out in one piece. */
	strbuf_init(&para);
	strbuf_addf(&para, "%*s", indent, "");
	if (first != NULL) {
		strbuf_adds(&para, first);
		indent += display_width(first, strlen(first));
	}
	avail = render_width() - indent;
	if (avail < 1)
		avail = 1;
	while (i < u.n) {
		size_t j = i;
		int word = 0, need_space, cut = 0;

		if (u.v[i].is_space) {
			pending_space = 1;
			i++;
			continue;
		}
		/* A word: up to a space, or just past a wide character. */
		while (j < u.n && !u.v[j].is_space) {
			word += u.v[j].width;
			if (u.v[j++].break_after)
				break;
		}
		need_space = col > 0 && pending_space;
		/* A word wider than a whole line (a flag expression, a path, a
		 * German compound) is cut after a '|', '/', ',' or '-' that
		 * still fits this line,
		 * else on a line of its own. */
		if (word > avail - hang && col > 0 && !broken
		    && (cut = word_cut(&u, i, j, avail - col - need_space)) != 0)
			word = units_width(&u, i, j = (size_t)cut);
		if (col > 0 && (broken || col + need_space + word > avail)) {
			if (hang > 0) {
				indent += hang;
				avail = render_width() - indent > 1 ? render_width() - indent : 1;
				hang = 0;
			}
			strbuf_addf(&para, "%s\n%*s", options.color ? SGR_RESET : "", indent, "");
			col = 0;
			need_space = 0;
		}
		if (cut == 0 && word > avail && (cut = word_cut(&u, i, j, avail)) != 0)
			word = units_width(&u, i, j = (size_t)cut);
		broken = cut != 0;
		if (need_space) {
			strbuf_addc(&para, ' ');
			col++;
		}
		for (size_t k = i; k < j; k++)
			strbuf_addn(&para, u.v[k].bytes, u.v[k].len);
		col += word;
		pending_space = 0;
		i = j;
	}
	strbuf_addc(&para, '\n');
	out("%s", para.buf);
	free(u.v);
	strbuf_free(&filled);
	strbuf_free(&masked);
	strbuf_free(&para);
}

void
render_paragraph(const char *text, placeholder_fn lookup, int indent, const char *first)
{
	lay_out(text, lookup, indent, first, 0);
}

void
render_hanging(const char *text, int indent, int hang)
{
	lay_out(text, NULL, indent, NULL, hang);
}

void
render_heading(const char *text, const char *underline)
{
	int w = display_width(text, strlen(text));

	/* Wrapped like prose: a translated title may be longer than the
	 * terminal is wide. */
	out("%s", color_on(SGR_BOLD));
	render_paragraph(text, NULL, 0, NULL);
	out("%s", color_off());
	if (underline != NULL) {
		if (w > render_width())
			w = render_width();
		for (int i = 0; i < w; i++)
			out("%s", underline);
		out("\n");
	}
}

void
render_error(const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	error_count += !quiet;
	out("%s", color_on("\033[31m"));
	render_paragraph(text, NULL, 0, NULL);
	out("%s", color_off());
	free(text);
}

int
render_error_count(void)
{
	return error_count;
}
