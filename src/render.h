/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * render.h: everything the learner reads passes through here.  Prose is
 * wrapped by display width (a CJK character takes two columns, a combining
 * accent none), inline Markdown (`code`, **bold**) is shown with colour on a
 * terminal or kept as typed elsewhere, {name} placeholders are filled in,
 * and system calls are printed the way strace prints them.  Write errors
 * (a closed or full standard output) are remembered for the exit status.
 */
#ifndef IPCTUTOR_RENDER_H
#define IPCTUTOR_RENDER_H

#include <stddef.h>

#include "trace.h"

struct render_options {
	int color;          /* ANSI colour and bold */
	int width;          /* columns to wrap at; 0 = ask the terminal, else 80 */
	int reproducible;   /* mask pids, addresses and ftok keys */
};

void render_init(const struct render_options *options);
const struct render_options *render_options(void);

/* Ask the terminal for its width again (after SIGWINCH). */
void render_resize(void);
int render_width(void);

/* Display columns of the UTF-8 string S[0..N): wcwidth per code point,
 * invalid bytes count one column each. */
int display_width(const char *s, size_t n);

/* The code point at S (N bytes available) into *CP; returns its length in
 * bytes, or 1 with *CP = -1 for a byte that starts no valid sequence. */
size_t render_codepoint(const char *s, size_t n, long *cp);

/* Bold, for what the learner types (the commands a step runs). */
#define SGR_BOLD "\033[1m"

/* A paragraph of prose: placeholders filled by LOOKUP (NULL = leave them),
 * inline Markdown rendered, wrapped to the width with INDENT columns of
 * indent and FIRST (e.g. "- ") before the first line.  Ends with a newline. */
typedef const char *(*placeholder_fn)(const char *name, size_t len);
void render_paragraph(const char *text, placeholder_fn lookup, int indent, const char *first);

/* A paragraph (no placeholders) at INDENT whose lines after the first are
 * HANG columns deeper: a list entry such as a command and what it does. */
void render_hanging(const char *text, int indent, int hang);

/* Fill {name} placeholders of TEXT into SB using LOOKUP; an unknown name
 * stays as written. */
struct strbuf;
void render_fill(const char *text, placeholder_fn lookup, struct strbuf *sb);

/* A one-line heading ("Lesson 1: ...", "Step 1.2 ..."), underlined with
 * UNDERLINE repeated to the heading's display width when not NULL. */
void render_heading(const char *text, const char *underline);

/* The lines below are not prose (lines.c): each is broken only where its
 * form allows, its further lines deeper. */

/* A system call made by ACTOR ("server", "client", "you").  The label is
 * a process name, never translated: "server" and "client" are also the
 * commands that drive those processes, and "you" is the tutor's own
 * process (its pid is masked as you#1), so a transcript reads the same in
 * every language, as strace's [pid N] does.  The lessons' prose says what
 * each label is in the learner's language. */
void render_call(const char *actor, const struct call *call);

/* A sentence from or about ACTOR, indented under the calls ("↳ ..."). */
void render_note(const char *text);

/* The command a lesson step runs, shown as if typed: "» server start". */
void render_command(const char *command);

/* A command line (a shell command) at INDENT, wrapped at its spaces
 * outside quotes, its further lines 4 columns deeper. */
void render_wrapped(int indent, const char *line);

/* A verbatim block (C code, a table), indented by VERBATIM_INDENT spaces:
 * what is meant to fit 80 columns there must fit 80 - VERBATIM_INDENT.  On
 * a narrower terminal a line is broken where C allows it, its further
 * lines marked with an arrow. */
#define VERBATIM_INDENT 4
void render_verbatim(const char *line);

/* One sentence answering bad input; counted for the batch exit status. */
void render_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int render_error_count(void);

/* While QUIET is true, nothing is printed (a jump replays earlier steps
 * silently) and bad-input sentences are not counted. */
void render_quiet(int quiet);

/* While SB is not NULL, out() appends to SB instead of writing (the book
 * collects a transcript to print elsewhere).  Returns the previous one. */
struct strbuf *render_capture(struct strbuf *sb);

/* While FN is not NULL, out() also hands FN all it writes to standard
 * output (the transcript keeps a copy).  Not while capturing. */
void render_tee(void (*fn)(const char *text, size_t len));

/* printf to standard output, remembering write errors. */
void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_flush(void);

/* Was there a write error on standard output (full disk, closed pipe)?
 * Returns 0, or the errno of the first failure. */
int out_error(void);

/* Colour helpers: return the escape sequence or "" when colour is off. */
const char *color_on(const char *sgr);
const char *color_off(void);

#endif
