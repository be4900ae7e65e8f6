/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * test-render.c: unit tests for render.c.  display_width for ASCII,
 * precomposed and combining accents, CJK and invalid bytes.  Then
 * render_paragraph, its standard output captured in a temporary file: at
 * widths 20, 40 and 80 no line is wider than the width, for English, for
 * Chinese without spaces (broken between characters, never inside one), and
 * for words longer than the width (which overflow alone, whole); indent and
 * first-line prefix; no word lost or duplicated; `code` keeps its backticks
 * without colour; {name} placeholders filled through a lookup function,
 * unknown ones left as written.
 */
#define _GNU_SOURCE
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render.h"
#include "util.h"
#include "tap.h"

#define COUNT(array)	(sizeof(array) / sizeof((array)[0]))

static void
set_width(int width)
{
	struct render_options o = { 0, width, 0 };

	render_init(&o);
}

/* Run render_paragraph with its standard output captured; returns what it
 * printed (malloc'd). */
static char *
capture(const char *text, placeholder_fn lookup, int indent, const char *first)
{
	FILE *tmp = tmpfile();
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	int saved;

	strbuf_init(&sb);
	if (tmp == NULL)
		return sb.buf;
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	dup2(fileno(tmp), STDOUT_FILENO);
	render_paragraph(text, lookup, indent, first);
	out_flush();
	dup2(saved, STDOUT_FILENO);
	close(saved);
	rewind(tmp);
	while ((n = fread(buf, 1, sizeof buf, tmp)) > 0)
		strbuf_addn(&sb, buf, n);
	fclose(tmp);
	return sb.buf;
}

/* The lines of OUT (which ends with a newline): is each at most WIDTH
 * columns, valid UTF-8, without trailing blanks?  A line that is too wide
 * is allowed only when it is the indent, maybe FIRST, and one word. */
static int
lines_fit(const char *outp, int width, const char *what)
{
	const char *line = outp;
	int good = 1;

	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		int w = display_width(line, len);

		if (!utf8_valid(line, len)) {
			diag("%s: line is not valid UTF-8 (a character was split): \"%.*s\"", what, (int)len, line);
			good = 0;
		}
		if (len > 0 && line[len - 1] == ' ') {
			diag("%s: trailing blank: \"%.*s\"", what, (int)len, line);
			good = 0;
		}
		if (w > width) {
			/* Only one word (after the indent and a "- ") may overflow. */
			const char *p = line;
			while (p < line + len && *p == ' ')
				p++;
			if (strncmp(p, "- ", 2) == 0)
				p += 2;
			if (memchr(p, ' ', len - (size_t)(p - line)) != NULL) {
				diag("%s: line of width %d > %d: \"%.*s\"", what, w, width, (int)len, line);
				good = 0;
			}
		}
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	return good;
}

/* The words of S (split at blanks and newlines), joined by one space; none
 * after a word that ends with '|', '/', ',' or '-', where the renderer may cut
 * a word too long for a line. */
static char *
words(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_init(&sb);
	while (*s) {
		size_t n;
		while (*s == ' ' || *s == '\n')
			s++;
		n = strcspn(s, " \n");
		if (n == 0)
			break;
		if (sb.len > 0 && strchr("|/,-", sb.buf[sb.len - 1]) == NULL)
			strbuf_addc(&sb, ' ');
		strbuf_addn(&sb, s, n);
		s += n;
	}
	return sb.buf;
}

/* S without blanks and newlines. */
static char *
squeeze(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_init(&sb);
	for (; *s; s++)
		if (*s != ' ' && *s != '\n')
			strbuf_addc(&sb, *s);
	return sb.buf;
}

static int
count_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void
test_display_width(void)
{
	static const struct { const char *name, *s; int width; } cases[] = {
		{ "empty", "", 0 },
		{ "ASCII", "hello, world", 12 },
		{ "precomposed é", "\xc3\xa9", 1 },
		{ "café precomposed", "caf\xc3\xa9", 4 },
		{ "e + combining acute", "e\xcc\x81", 1 },
		{ "café with combining acute", "cafe\xcc\x81", 4 },
		{ "CJK 汉字", "\xe6\xb1\x89\xe5\xad\x97", 4 },
		{ "mixed a汉b", "a\xe6\xb1\x89" "b", 4 },
		{ "fullwidth comma", "\xef\xbc\x8c", 2 },
		{ "arrow ↳", "\xe2\x86\xb3", 1 },
		{ "invalid byte 0xff", "\xff", 1 },
		{ "two invalid bytes", "\xff\xfe", 2 },
		{ "lone continuation byte", "a\x80" "b", 3 },
		{ "truncated 汉 (2 of 3 bytes)", "\xe6\xb1", 2 },
		{ "overlong /", "\xc0\xaf", 2 },
		{ "surrogate", "\xed\xa0\x80", 3 },
		{ "invalid then CJK", "\xff\xe6\xb1\x89", 3 },
	};

	for (size_t i = 0; i < COUNT(cases); i++)
		is_int(display_width(cases[i].s, strlen(cases[i].s)), cases[i].width, cases[i].name);
	is_int(display_width("\xe6\xb1\x89\xe5\xad\x97", 3), 2, "N limits the bytes read (first of 汉字)");
	is_int(display_width("\xe6\xb1\x89\xe5\xad\x97", 4), 3, "N cutting a character: its bytes count one each");
	is_int(display_width("abc", 0), 0, "N = 0");
}

static const char english[] =
	"A System V message queue lets unrelated processes exchange messages without "
	"sharing a parent, a file or a socket. Two programs that want to talk agree on a "
	"key; one of them, the server, creates the queue under that key; the others, the "
	"clients, look the key up and get the queue's identifier.";

/* 消息队列让不相关的进程交换消息，而无需共享父进程、文件或套接字。 x3 */
static const char chinese[] =
	"\xe6\xb6\x88\xe6\x81\xaf\xe9\x98\x9f\xe5\x88\x97\xe8\xae\xa9\xe4\xb8\x8d\xe7\x9b\xb8\xe5\x85\xb3"
	"\xe7\x9a\x84\xe8\xbf\x9b\xe7\xa8\x8b\xe4\xba\xa4\xe6\x8d\xa2\xe6\xb6\x88\xe6\x81\xaf\xef\xbc\x8c"
	"\xe8\x80\x8c\xe6\x97\xa0\xe9\x9c\x80\xe5\x85\xb1\xe4\xba\xab\xe7\x88\xb6\xe8\xbf\x9b\xe7\xa8\x8b"
	"\xe3\x80\x81\xe6\x96\x87\xe4\xbb\xb6\xe6\x88\x96\xe5\xa5\x97\xe6\x8e\xa5\xe5\xad\x97\xe3\x80\x82"
	"\xe6\xb6\x88\xe6\x81\xaf\xe9\x98\x9f\xe5\x88\x97\xe8\xae\xa9\xe4\xb8\x8d\xe7\x9b\xb8\xe5\x85\xb3"
	"\xe7\x9a\x84\xe8\xbf\x9b\xe7\xa8\x8b\xe4\xba\xa4\xe6\x8d\xa2\xe6\xb6\x88\xe6\x81\xaf\xef\xbc\x8c"
	"\xe8\x80\x8c\xe6\x97\xa0\xe9\x9c\x80\xe5\x85\xb1\xe4\xba\xab\xe7\x88\xb6\xe8\xbf\x9b\xe7\xa8\x8b"
	"\xe3\x80\x81\xe6\x96\x87\xe4\xbb\xb6\xe6\x88\x96\xe5\xa5\x97\xe6\x8e\xa5\xe5\xad\x97\xe3\x80\x82";

/* Chinese with ASCII words and code inside: 服务器用msgget创建队列`IPC_CREAT|IPC_EXCL`，客户端用 msgget 打开它。 */
static const char mixed[] =
	"\xe6\x9c\x8d\xe5\x8a\xa1\xe5\x99\xa8\xe7\x94\xa8msgget\xe5\x88\x9b\xe5\xbb\xba\xe9\x98\x9f\xe5\x88\x97"
	"`IPC_CREAT|IPC_EXCL`\xef\xbc\x8c\xe5\xae\xa2\xe6\x88\xb7\xe7\xab\xaf\xe7\x94\xa8 msgget "
	"\xe6\x89\x93\xe5\xbc\x80\xe5\xae\x83\xe3\x80\x82 e\xcc\x81t\xc3\xa9 caf\xc3\xa9";

static const char long_words[] =
	"short words then supercalifragilisticexpialidocious-and-then-some-more-characters "
	"and /tmp/ipctutor-0123456789/a/very/long/path/that/cannot/be/broken/at/all then end";

static void
test_wrapping(void)
{
	static const int widths[] = { 20, 40, 80 };
	static const struct { const char *name, *text; int cjk; } texts[] = {
		{ "English", english, 0 },
		{ "Chinese without spaces", chinese, 1 },
		{ "Chinese with ASCII and code", mixed, 1 },
		{ "long unbreakable words", long_words, 0 },
	};
	static const struct { int indent; const char *first; } layouts[] = {
		{ 0, NULL }, { 2, NULL }, { 4, "- " }, { 8, "\xe2\x86\xb3 " }, { 9, "\xe2\x86\xb3 " },
	};

	for (size_t w = 0; w < COUNT(widths); w++) {
		set_width(widths[w]);
		is_int(render_width(), widths[w], "render_width");
		for (size_t t = 0; t < COUNT(texts); t++)
			for (size_t k = 0; k < COUNT(layouts); k++) {
				char *o = capture(texts[t].text, NULL, layouts[k].indent, layouts[k].first);
				char *got, *want;
				const char *first = layouts[k].first ? layouts[k].first : "";
				size_t fl = strlen(first);
				int lines = count_lines(o);

				/* render_paragraph keeps at least 10 columns for the
				 * text, so a deeper indent overflows by design (see the
				 * report): only layouts that leave 10 are checked. */
				if (widths[w] - layouts[k].indent - display_width(first, fl) < 10) {
					free(o);
					continue;
				}

				ok(lines_fit(o, widths[w], texts[t].name),
				   "width %d, indent %d%s: %s lines fit (%d lines)", widths[w], layouts[k].indent,
				   layouts[k].first ? " + prefix" : "", texts[t].name, lines);
				ok(strlen(o) > 0 && o[strlen(o) - 1] == '\n' && (strlen(o) < 2 || o[strlen(o) - 2] != '\n'),
				   "  ends with exactly one newline");
				/* Indent and prefix. */
				{
					int good = (int)strspn(o, " ") == layouts[k].indent &&
						   strncmp(o + layouts[k].indent, first, fl) == 0;
					int cont = layouts[k].indent + display_width(first, fl);
					for (const char *nl = strchr(o, '\n'); nl && nl[1]; nl = strchr(nl + 1, '\n'))
						if ((int)strspn(nl + 1, " ") != cont)
							good = 0;
					ok(good, "  first line: indent and prefix; the others: indent of %d",
					   layouts[k].indent + display_width(first, fl));
				}
				/* Nothing lost, nothing duplicated. */
				{
					const char *body = o + layouts[k].indent + fl;
					if (texts[t].cjk) {
						got = squeeze(body);
						want = squeeze(texts[t].text);
					} else {
						got = words(body);
						want = words(texts[t].text);
					}
					if (!is_str(got, want, texts[t].cjk ? "  every character kept, in order"
									     : "  every word kept, in order, whole"))
						diag("output:\n%s", o);
					free(got);
					free(want);
				}
				if (widths[w] == 20 && layouts[k].indent == 0)
					ok(lines > 1, "  wraps at 20 columns");
				free(o);
			}
	}

	/* Chinese: lines are full, not broken early at every character. */
	set_width(20);
	{
		char *o = capture(chinese, NULL, 0, NULL);
		const char *line = o;
		int full = 1;
		for (const char *nl; (nl = strchr(line, '\n')) != NULL && nl[1] != '\0'; line = nl + 1)
			if (display_width(line, (size_t)(nl - line)) < 19)
				full = 0;
		ok(full, "Chinese at 20 columns: every line but the last is filled");
		free(o);
	}

	/* A long word on a line of its own, unbroken. */
	{
		char *o = capture("a supercalifragilisticexpialidocious b", NULL, 0, NULL);
		is_str(o, "a\nsupercalifragilisticexpialidocious\nb\n", "a word wider than the line overflows alone, whole");
		free(o);
		o = capture("supercalifragilisticexpialidocious", NULL, 2, "- ");
		is_str(o, "  - supercalifragilisticexpialidocious\n", "a lone long word after a prefix");
		free(o);
	}

	/* A word wider than the line that can be cut after '|', '/', ',' or
	 * '-' is: a flag expression, a path, a list, a German compound. */
	{
		char *o = capture("flags IPC_CREAT|IPC_EXCL|0600 and /tmp/ipctutor/key-file-of-the-course end", NULL, 0, NULL);
		is_str(o, "flags IPC_CREAT|\nIPC_EXCL|0600 and\n/tmp/ipctutor/key-\nfile-of-the-course\nend\n",
		       "a word wider than the line is cut after its last '|', '/' or '-' that fits");
		free(o);
	}

	/* Exact layout at 20 columns. */
	{
		char *o = capture("one two three four five six seven eight", NULL, 0, NULL);
		is_str(o, "one two three four\nfive six seven eight\n", "greedy fill to exactly 20 columns");
		free(o);
		o = capture("one two three four five six seven eight", NULL, 2, "- ");
		is_str(o, "  - one two three\n    four five six\n    seven eight\n", "indent 2 + \"- \"");
		free(o);
		o = capture("   spaced    out   words   ", NULL, 0, NULL);
		is_str(o, "spaced out words\n", "runs of blanks become one, ends trimmed");
		free(o);
		o = capture("", NULL, 0, NULL);
		is_str(o, "\n", "empty paragraph: one newline");
		free(o);
		o = capture("", NULL, 3, "- ");
		is_str(o, "   - \n", "empty item: indent and prefix");
		free(o);
	}
}

static const char *
lookup(const char *name, size_t len)
{
	if (len == 3 && memcmp(name, "qid", 3) == 0)
		return "32768";
	if (len == 3 && memcmp(name, "key", 3) == 0)
		return "0x4d0a0001";
	if (len == 5 && memcmp(name, "empty", 5) == 0)
		return "";
	return NULL;
}

static void
test_inline(void)
{
	char *o;
	struct strbuf sb = STRBUF_INIT;

	set_width(80);
	o = capture("Call `msgget(key, 0)` and `ipcs` now.", NULL, 0, NULL);
	is_str(o, "Call `msgget(key, 0)` and `ipcs` now.\n", "`code` keeps its backticks without colour");
	ok(strchr(o, '\033') == NULL, "no escape sequence without colour");
	free(o);
	o = capture("A **key** and an **identifier**.", NULL, 0, NULL);
	is_str(o, "A key and an identifier.\n", "**bold** without colour: asterisks dropped");
	free(o);
	o = capture("`a**b**c` stays", NULL, 0, NULL);
	is_str(o, "`a**b**c` stays\n", "asterisks inside code are kept");
	free(o);

	o = capture("Queue {qid} has key {key}.", lookup, 0, NULL);
	is_str(o, "Queue 32768 has key 0x4d0a0001.\n", "placeholders filled through the lookup");
	free(o);
	o = capture("Known {qid}, unknown {nope}, again {qid}{key}.", lookup, 0, NULL);
	is_str(o, "Known 32768, unknown {nope}, again 327680x4d0a0001.\n", "an unknown placeholder stays as written");
	free(o);
	o = capture("Without lookup {qid}.", NULL, 0, NULL);
	is_str(o, "Without lookup {qid}.\n", "no lookup: placeholders left");
	free(o);
	o = capture("x{empty}y and {unclosed", lookup, 0, NULL);
	is_str(o, "xy and {unclosed\n", "empty value; an unclosed brace stays");
	free(o);

	/* Placeholders are filled before wrapping. */
	set_width(20);
	o = capture("aaaa bbbb cccc {key} dddd", lookup, 0, NULL);
	is_str(o, "aaaa bbbb cccc\n0x4d0a0001 dddd\n", "the filled value is wrapped by its own width");
	free(o);

	strbuf_init(&sb);
	render_fill("{qid}/{nope}/{key}", lookup, &sb);
	is_str(sb.buf, "32768/{nope}/0x4d0a0001", "render_fill");
	strbuf_free(&sb);
}

/* What a preformatted line (code, a command) prints at WIDTH columns. */
static char *
line_at(int width, void (*fn)(const char *), const char *line)
{
	struct strbuf sb = STRBUF_INIT;
	struct strbuf *previous;

	set_width(width);
	strbuf_init(&sb);
	previous = render_capture(&sb);
	fn(line);
	render_capture(previous);
	return sb.buf;
}

/* Code and commands on a narrow terminal: broken where their form allows
 * it (never inside a string or a comment's opening), continued deeper,
 * code lines after a mark; at 80 columns as they are. */
static void
test_preformatted(void)
{
	static const struct { int width; void (*fn)(const char *); const char *line, *want, *name; } cases[] = {
		{ 80, render_verbatim, "        if (msgrcv(qid, &req, sizeof req.text, 0, 0) == -1) {",
		  "            if (msgrcv(qid, &req, sizeof req.text, 0, 0) == -1) {\n",
		  "code that fits: as it is" },
		{ 40, render_verbatim, "        if (msgrcv(qid, &req, sizeof req.text, 0, 0) == -1) {",
		  "            if (msgrcv(qid, &req, sizeof\n              \u21aa req.text, 0, 0) == -1) {\n",
		  "code: continued 4 columns deeper, after a mark" },
		{ 40, render_verbatim, "    err(1, \"a message with its words\");",
		  "        err(1,\n          \u21aa \"a message with its words\");\n",
		  "code: never broken inside a string" },
		{ 40, render_verbatim, "    msgctl(qid, IPC_RMID, NULL);    /* gone */",
		  "        msgctl(qid, IPC_RMID, NULL);\n          \u21aa /* gone */\n",
		  "code: broken at the padding before a comment" },
		{ 40, render_verbatim, "                                                /* far in */",
		  "                    /* far in */\n",
		  "code: no line starts past half the width" },
		{ 40, render_command, "client2 msgget 0x4d0a0001 IPC_CREAT|IPC_EXCL|0600",
		  "\u00bb client2 msgget 0x4d0a0001\n      IPC_CREAT|IPC_EXCL|0600\n",
		  "a command: broken at a space, continued 4 columns deeper" },
		{ 40, render_command, "client send \"one two three four five six seven eight nine\"",
		  "\u00bb client send\n      \"one two three four five six seven\n      eight nine\"\n",
		  "a command: a quoted text wider than the line is cut at a space, not in a word" },
		{ 40, render_command, "client send \"a message with many words in it\"",
		  "\u00bb client send\n      \"a message with many words in it\"\n",
		  "a command: never broken inside its quoted text" },
	};

	for (size_t i = 0; i < COUNT(cases); i++) {
		char *o = line_at(cases[i].width, cases[i].fn, cases[i].line);
		is_str(o, cases[i].want, cases[i].name);
		free(o);
	}
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		diag("setlocale C.UTF-8 failed: widths may be wrong");
	set_width(80);
	test_display_width();
	test_wrapping();
	test_preformatted();
	test_inline();
	return tap_done();
}
