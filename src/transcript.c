/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * transcript.c: the session in Markdown (see transcript.h).  Every output
 * goes through out(), so the transcript is a tee on out() (render_tee):
 * the text, with terminal colours taken out, goes into fenced blocks, and
 * each typed command starts a new one under the command itself.  The
 * session so far is kept in memory while it is short (most sessions: no
 * file at all, which on a busy ext4 would cost a journal wait at start and
 * at exit), then in an unnamed temporary file (O_TMPFILE), so that a long
 * session costs a stdio buffer, not memory; it is copied out when the
 * session is saved.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "i18n.h"
#include "lesson.h"
#include "render.h"
#include "session.h"
#include "transcript.h"
#include "util.h"

#define SPILL_AT ((size_t)64 * 1024)   /* bytes kept in memory before a file is used */

static int recording;
static struct strbuf held;     /* the session so far, until it is long */
static FILE *body;             /* the session so far, once it is long */
static int no_file;            /* a temporary file could not be had */
static int in_block;           /* a ~~~ block is open */
static char last = '\n';       /* the last byte of the session so far */

static void
put(const char *text, size_t len)
{
	if (len > 0) {
		if (body != NULL) {
			fwrite(text, 1, len, body);
		} else {
			strbuf_addn(&held, text, len);
			if (held.len >= SPILL_AT && !no_file) {
				body = temporary_file();
				no_file = body == NULL;
			}
			if (body != NULL) {
				fwrite(held.buf, 1, held.len, body);
				strbuf_free(&held);
			}
		}
		last = text[len - 1];
	}
}

/* Add TEXT[0..LEN) to BODY without ANSI escape sequences (CSI ... final
 * byte), opening a block first if none is open. */
static void
record(const char *text, size_t len)
{
	size_t from = 0;

	if (!in_block) {
		put("\n~~~\n", 5);
		in_block = 1;
	}
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\033' && i + 1 < len && text[i + 1] == '[') {
			put(text + from, i - from);
			i += 2;
			while (i < len && !((unsigned char)text[i] >= 0x40 && (unsigned char)text[i] <= 0x7e))
				i++;
			from = i + 1;
		}
	}
	if (from < len)
		put(text + from, len - from);
}

/* The end of the open block, into BODY. */
static void
close_block(void)
{
	if (last != '\n')
		put("\n", 1);
	put("~~~\n", 4);
}

void
transcript_start(void)
{
	recording = 1;
	render_tee(record);
}

void
transcript_command(const char *line)
{
	char *text;

	if (!recording)
		return;
	if (in_block)
		close_block();
	in_block = 0;
	if (line[0] == '\0')
		/* TRANSLATORS: an empty line typed at the prompt, in the transcript. */
		text = xasprintf("\n» *%s*\n", _("Enter"));
	else if (strchr(line, '`') != NULL)
		text = xasprintf("\n» `` %s ``\n", line);
	else
		text = xasprintf("\n» `%s`\n", line);
	put(text, strlen(text));
	free(text);
}

/* The score table of every lesson the learner started. */
static void
add_score(struct strbuf *sb)
{
	int asked = 0, correct = 0;

	strbuf_addf(sb, "\n## %s\n\n", _("Score"));
	/* TRANSLATORS: the columns of the score table in a transcript. */
	strbuf_addf(sb, "| %s |\n|---|---|---|---|---|\n", _("lesson | steps seen | finished | questions | right"));
	for (size_t i = 0; i < session.nprogress; i++) {
		const struct lesson_progress *p = &session.progress[i];
		strbuf_addf(sb, "| %s | %d | %s | %d | %d |\n", p->slug, p->steps_seen,
			    p->finished ? _("yes") : _("no"), p->asked, p->correct);
		asked += p->asked;
		correct += p->correct;
	}
	strbuf_addc(sb, '\n');
	if (asked == 0)
		strbuf_addf(sb, "%s\n", _("No question was answered."));
	else
		strbuf_addf(sb, _("Questions answered right: %d of %d.\n"), correct, asked);
}

/* Write the whole transcript to FD: a header, the session copied from
 * BODY, the score. */
static int
fill(int fd, void *arg)
{
	struct strbuf sb = STRBUF_INIT;
	struct passwd *pw = getpwuid(geteuid());
	char when[64], chunk[65536];
	time_t now = time(NULL);
	off_t at = 0;
	ssize_t n = 0;
	int r;

	(void)arg;
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S %z", localtime(&now));
	strbuf_init(&sb);
	strbuf_addf(&sb, "# %s\n\n", _("ipctutor transcript"));
	strbuf_addf(&sb, "- %s: %s\n", _("saved"), when);
	strbuf_addf(&sb, "- %s: %s (uid %lu)\n", _("user"), pw != NULL ? pw->pw_name : "?", (unsigned long)geteuid());
	strbuf_addf(&sb, "- %s: %s\n", _("language"), i18n_language());
	strbuf_addf(&sb, "\n## %s\n", _("Session"));
	r = write_all(fd, sb.buf, sb.len);
	strbuf_reset(&sb);
	if (body != NULL && fflush(body) != 0)
		r = -1;
	while (r == 0 && body != NULL && (n = pread(fileno(body), chunk, sizeof chunk, at)) > 0) {
		r = write_all(fd, chunk, (size_t)n);
		at += n;
	}
	if (n < 0)
		r = -1;
	if (r == 0 && held.len > 0)
		r = write_all(fd, held.buf, held.len);
	if (in_block) {
		if (last != '\n')
			strbuf_addc(&sb, '\n');
		strbuf_adds(&sb, "~~~\n");
	}
	add_score(&sb);
	if (r == 0)
		r = write_all(fd, sb.buf, sb.len);
	strbuf_free(&sb);
	return r;
}

char *
transcript_refusal(const char *path)
{
	if (path[0] == '\0')
		return xstrdup(_("A transcript needs a file name: save FILE."));
	if (!regular_or_absent(path))
		return xasprintf(_("%s is not a regular file (a device, a FIFO, a directory or a symbolic link): a transcript is written only to a new or regular file."),
				 path);
	return NULL;
}

int
transcript_save(const char *path)
{
	return write_file_with(path, fill, NULL, 1);
}

/* save [--replace] FILE: a file that exists is replaced only when asked
 * (as `exercise N` never overwrites the learner's file); --transcript FILE
 * names its output on the command line and always writes it. */
int
save_command(struct play_ctx *ctx, int argc, char **argv)
{
	int replace = argc == 3 && strcmp(argv[1], "--replace") == 0;
	const char *path = argv[argc - 1];
	char *refusal;
	struct stat st;

	if (argc == 3 && !replace) {
		play_error(ctx, _("save takes one file name, or --replace and a file name: save FILE, save --replace FILE."));
		return -1;
	}
	refusal = transcript_refusal(path);
	if (refusal != NULL) {
		play_error(ctx, "%s", refusal);
		free(refusal);
		return -1;
	}
	if (!replace && lstat(path, &st) == 0) {
		play_error(ctx, _("%s already exists and was left as it is: save --replace %s overwrites it."), path, path);
		return -1;
	}
	if (transcript_save(path) != 0) {
		play_error(ctx, _("The transcript could not be written to %s: %s."), path, strerror(errno));
		return -1;
	}
	play_note(ctx, _("Transcript saved to %s (Markdown)."), path);
	return 0;
}
