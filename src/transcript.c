/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * transcript.c: the session in Markdown (see transcript.h).  Every output
 * goes through out(), so the transcript is a tee on out() (render_tee):
 * the text, with terminal colours taken out, goes into fenced blocks, and
 * each typed command starts a new one under the command itself.  Nothing
 * is written until the session is saved, so a transcript costs one buffer.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "lesson.h"
#include "render.h"
#include "session.h"
#include "transcript.h"
#include "util.h"

static struct strbuf body;
static int recording;
static int in_block;      /* a ~~~ block is open in BODY */

/* Add TEXT[0..LEN) to BODY without ANSI escape sequences (CSI ... final
 * byte), opening a block first if none is open. */
static void
tee(const char *text, size_t len)
{
	if (!in_block) {
		strbuf_adds(&body, "\n~~~\n");
		in_block = 1;
	}
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\033' && i + 1 < len && text[i + 1] == '[') {
			i += 2;
			while (i < len && !((unsigned char)text[i] >= 0x40 && (unsigned char)text[i] <= 0x7e))
				i++;
			continue;
		}
		strbuf_addc(&body, text[i]);
	}
}

static void
close_block(struct strbuf *sb)
{
	if (sb->len > 0 && sb->buf[sb->len - 1] != '\n')
		strbuf_addc(sb, '\n');
	strbuf_adds(sb, "~~~\n");
}

void
transcript_start(void)
{
	strbuf_init(&body);
	recording = 1;
	render_tee(tee);
}

void
transcript_command(const char *line)
{

	if (!recording)
		return;
	if (in_block)
		close_block(&body);
	in_block = 0;
	if (line[0] == '\0')
		/* TRANSLATORS: an empty line typed at the prompt, in the transcript. */
		strbuf_addf(&body, "\n» *%s*\n", _("Enter"));
	else if (strchr(line, '`') != NULL)
		strbuf_addf(&body, "\n» `` %s ``\n", line);
	else
		strbuf_addf(&body, "\n» `%s`\n", line);
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

int
transcript_save(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct passwd *pw = getpwuid(geteuid());
	char when[64];
	time_t now = time(NULL);
	int r;

	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S %z", localtime(&now));
	strbuf_init(&sb);
	strbuf_addf(&sb, "# %s\n\n", _("ipctutor transcript"));
	strbuf_addf(&sb, "- %s: %s\n", _("saved"), when);
	strbuf_addf(&sb, "- %s: %s (uid %lu)\n", _("user"), pw != NULL ? pw->pw_name : "?", (unsigned long)geteuid());
	strbuf_addf(&sb, "- %s: %s\n", _("language"), i18n_language());
	strbuf_addf(&sb, "\n## %s\n", _("Session"));
	strbuf_addn(&sb, body.buf ? body.buf : "", body.len);
	if (in_block)
		close_block(&sb);
	add_score(&sb);
	r = write_file_atomic(path, sb.buf, sb.len);
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
save_command(struct play_ctx *ctx, int argc, char **argv)
{
	char *refusal = transcript_refusal(argv[1]);

	(void)argc;
	if (refusal != NULL) {
		play_error(ctx, "%s", refusal);
		free(refusal);
		return -1;
	}
	if (transcript_save(argv[1]) != 0) {
		play_error(ctx, _("The transcript could not be written to %s: %s."), argv[1], strerror(errno));
		return -1;
	}
	play_note(ctx, _("Transcript saved to %s (Markdown)."), argv[1]);
	return 0;
}
