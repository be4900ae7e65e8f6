/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * lines.c: the lines that are not prose (see render.h): a system call as
 * strace shows it with the notes under it, the command a step runs, a line
 * of a C excerpt, a shell command.  Each is one line on a wide terminal;
 * on a narrower one it is broken only where its form allows (between a
 * call's arguments, at a space outside quotes, where C allows), and its
 * further lines are indented deeper, so that a learner on 40 columns reads
 * the same call, never a word cut in two nor a line the terminal wrapped.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "reproducible.h"
#include "trace.h"
#include "util.h"

/* The label of a call ("  server "), and where its call starts. */
#define LABEL_WIDTH 8

/* Where LINE may break before byte I (CAN_BREAK[I] set): after a space,
 * never inside a quoted string, nor in the indentation a line starts with.
 * BREAK_CALL, strace's form: never inside its "<...>" markers either, nor
 * inside the result ("= -1 EINVAL (Invalid argument)" is one piece, from
 * " = " outside the call's parentheses to the two spaces before what came
 * back), so a call breaks between arguments ("0x54000001, " |
 * "IPC_CREAT|0600)") or before its result.  BREAK_CODE, C: quotes are
 * '"' and '\'', and none counts inside a comment. */
enum breaks { BREAK_CALL, BREAK_COMMAND, BREAK_CODE };
static void
break_points(const char *line, size_t len, enum breaks kind, char *can_break)
{
	int angle = 0, depth = 0, result = 0, comment = 0, text = 0;
	char quoted = 0;

	for (size_t i = 0; i < len; i++) {
		char c = line[i];
		if (kind == BREAK_CALL && !quoted && depth == 0 && strncmp(line + i, " = ", 3) == 0)
			result = 1;
		else if (result && strncmp(line + i, "  ", 2) == 0)
			result = 0;
		can_break[i] = text && line[i - 1] == ' ' && c != ' ' && !quoted && !angle
			       && !(result && c != '=')
			       && !(kind == BREAK_CODE && ((i >= 3 && strncmp(line + i - 3, "/* ", 3) == 0)
							   || strncmp(line + i, "*/", 2) == 0));
		text |= c != ' ';
		if (comment) {
			if (c == '*' && line[i + 1] == '/')
				comment = 0;
		} else if (quoted && c == '\\') {
			i++;
		} else if (quoted) {
			quoted = c != quoted ? quoted : 0;
		} else if (c == '"' || (kind == BREAK_CODE && c == '\'')) {
			quoted = c;
		} else if (kind == BREAK_CODE && c == '/' && (line[i + 1] == '*' || line[i + 1] == '/')) {
			comment = 1;
		} else if (kind != BREAK_CALL) {
			continue;
		} else if (c == '<') {
			angle = 1;
		} else if (c == '>') {
			angle = 0;
		} else if (c == '(' || c == '{' || c == '[') {
			depth++;
		} else if ((c == ')' || c == '}' || c == ']') && depth > 0) {
			depth--;
		}
	}
}

/* LINE, after INDENT columns already written, wrapped to the width at the
 * break points of KIND: each further piece at CONT columns after MARK,
 * between ON and OFF (colour; the first piece only ends with OFF).  A piece
 * with no break point that fits (a long result, a long quoted message) is
 * cut before a '(' or at a space, and only where neither is, where the
 * room ends. */
static void
wrap_line(const char *line, enum breaks kind, int indent, int cont, const char *mark,
	  const char *on, const char *off)
{
	size_t len = strlen(line), start = 0;
	char *can_break = xcalloc(len + 1, 1);

	break_points(line, len, kind, can_break);
	while (start < len) {
		int room = render_width() - indent, width = 0;
		size_t i = start, cut = 0, paren = 0, space = 0;
		if (room < 10)
			room = 10;
		while (i < len) {
			long cp;
			size_t n = render_codepoint(line + i, len - i, &cp);
			int w = display_width(line + i, n);
			if (i > start && can_break[i])
				cut = i;
			if (i > start && line[i - 1] == ' ' && line[i] != ' ') {
				space = i;
				paren = line[i] == '(' ? i : paren;
			}
			if (width + w > room) {
				/* Only spaces up to the next piece (the
				 * padding before a comment): break there. */
				size_t next = i + strspn(line + i, " ");
				if (next > i && next < len && can_break[next])
					cut = next;
				space = next > i && next < len ? next : space;
				break;
			}
			width += w;
			i += n;
		}
		/* No break point fits (a result or a quoted text wider than
		 * the room): before the errno's text, or else at a space,
		 * rather than inside a word. */
		size_t end = i == len ? len : cut > start ? cut : paren > start ? paren : space > start ? space : i;
		size_t shown = end;
		while (shown > start && line[shown - 1] == ' ')
			shown--;
		out("%.*s%s\n", (int)(shown - start), line + start, off);
		start = end;
		while (start < len && line[start] == ' ')
			start++;
		if (start < len) {
			indent = cont + display_width(mark, strlen(mark));
			out("%*s%s%s", cont, "", mark, on);
		}
	}
	if (len == 0)
		out("%s\n", off);
	free(can_break);
}

/* A call line is continued this many columns deeper than the call. */
#define CALL_INDENT 4

void
render_call(const char *actor, const struct call *call)
{
	char result[CALL_DATA_MAX + 64];
	struct strbuf line = STRBUF_INIT, masked = STRBUF_INIT;

	strbuf_init(&line);
	trace_result(call, 0, result, sizeof result);   /* addresses: see reproducible.h */
	strbuf_adds(&line, call->text);
	if (result[0] != '\0') {
		strbuf_adds(&line, " ");
		strbuf_adds(&line, result);
	}
	if (call->data[0] != '\0') {
		strbuf_adds(&line, "  ");
		strbuf_adds(&line, call->data);
	}
	strbuf_init(&masked);
	repro_text(line.buf, &masked);
	/* "client2" is one column wider than the label's place. */
	int label = (int)strlen(actor) > LABEL_WIDTH - 2 ? (int)strlen(actor) + 2 : LABEL_WIDTH;
	out("  %s%-*s%s ", color_on(call->err ? "\033[31m" : "\033[32m"), LABEL_WIDTH - 2, actor, color_off());
	wrap_line(masked.buf, BREAK_CALL, label + 1, LABEL_WIDTH + 1 + CALL_INDENT, "", "", "");
	strbuf_free(&line);
	strbuf_free(&masked);
}

void
render_note(const char *text)
{
	render_paragraph(text, NULL, LABEL_WIDTH + 1, "↳ ");
}

void
render_command(const char *command)
{
	struct strbuf masked = STRBUF_INIT;

	strbuf_init(&masked);
	repro_text(command, &masked);
	out("%s» ", color_on(SGR_BOLD));
	wrap_line(masked.buf, BREAK_COMMAND, 2, 2 + CALL_INDENT, "", color_on(SGR_BOLD), color_off());
	strbuf_free(&masked);
}

void
render_wrapped(int indent, const char *line)
{
	out("%*s", indent, "");
	wrap_line(line, BREAK_COMMAND, indent, indent + CALL_INDENT, "", "", "");
}

void
render_verbatim(const char *line)
{
	size_t lead = strspn(line, " ");
	size_t most = (size_t)(render_width() / 2 > VERBATIM_INDENT ? render_width() / 2 - VERBATIM_INDENT : 0);

	/* A line too long is broken where C allows it and continued 4
	 * columns deeper than it starts, after a visible mark, so that it
	 * is not taken for the next line of code.  On a narrow terminal no
	 * line starts further in than half its width (a comment continued
	 * under one at the end of a line would start past the edge). */
	if (lead > most && line[lead] != '\0') {
		line += lead - most;
		lead = most;
	}
	out("%*s%s", VERBATIM_INDENT, "", color_on("\033[33m"));
	wrap_line(line, BREAK_CODE, VERBATIM_INDENT, VERBATIM_INDENT + (int)lead + CALL_INDENT - 2, "↪ ",
		  color_on("\033[33m"), color_off());
}
