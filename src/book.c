/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * book.c: a lesson as a printable chapter (ipctutor --book LESSON).  The
 * chapter is written in Markdown from the same lesson file, and each run
 * block becomes the real transcript of its commands, made by running them
 * here and now, in this tutor's private namespace.  Questions move to the
 * end of the chapter; their answers, with the kernel's answer to each
 * prediction and the explanation chosen by it, go to an appendix.  Nothing
 * volatile is printed (the tutor runs with --reproducible), so the same
 * kernel gives the same bytes.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "book.h"
#include "i18n.h"
#include "mask.h"
#include "nav.h"
#include "render.h"
#include "session.h"
#include "step.h"
#include "util.h"
#include "vars.h"

/* Pictures: which lesson shows which drawing from book/, and what it
 * shows, for the reader who cannot see it. */
static const struct picture {
	const char *slug;
	const char *file;
	const char *alt;
} pictures[] = {
	{ "create-open", "identifier.svg", N_("An identifier: sequence number × 32768 + slot.") },
	{ "stale-id", "timeline.svg", N_("Server 1 creates queue 0, crashes; server 2 removes it and creates queue 1; the client still holding 0 gets EINVAL.") },
	{ "shm-deferred", "shm-dest.svg", N_("A segment attached twice before IPC_RMID, and after: key 0, SHM_DEST, destroyed at the last detach.") },
};

/* Prose, filled in and with volatile values masked, as one Markdown
 * paragraph (PREFIX before it: "- ", "> "). */
static void
book_prose(struct strbuf *to, const struct prose *prose, const char *prefix)
{
	struct strbuf filled = STRBUF_INIT, masked = STRBUF_INIT;

	strbuf_init(&filled);
	strbuf_init(&masked);
	render_fill(step_translate(prose), var_lookup, &filled);
	mask_text(filled.buf, &masked);
	strbuf_addf(to, "%s%s\n", prefix, masked.buf);
	strbuf_free(&filled);
	strbuf_free(&masked);
}

/* Run the commands of a run block (or one predicted command) and put the
 * transcript into TO as a fenced text block, every line after INDENT (a
 * block inside a list item is indented like the item's text). */
static void
book_transcript(struct strbuf *to, const struct block_line *lines, size_t n, const char *indent)
{
	struct strbuf shown = STRBUF_INIT;
	struct strbuf *previous;
	char *line, *save = NULL;

	strbuf_init(&shown);
	previous = render_capture(&shown);
	for (size_t i = 0; i < n; i++)
		step_run_line(lines[i].text);
	render_capture(previous);
	strbuf_addf(to, "%s```text\n", indent);
	for (line = strtok_r(shown.buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save))
		strbuf_addf(to, "%s%s\n", indent, line);
	strbuf_addf(to, "%s```\n\n", indent);
	strbuf_free(&shown);
}

/* Questions and answers collected from the chapter. */
struct qa {
	struct strbuf questions;
	struct strbuf answers;
	int count;
};

static void
book_question(struct qa *qa, const struct block *b, const struct block *after, size_t nafter)
{
	char label[64];

	qa->count++;
	snprintf(label, sizeof label, "%d. ", qa->count);
	for (size_t i = 0; i < b->nparas; i++)
		book_prose(&qa->questions, &b->paras[i], i == 0 ? label : "   ");
	strbuf_adds(&qa->questions, "\n");
	for (size_t i = 0; i < b->nchoices; i++) {
		if (b->type == BLOCK_PREDICT)
			strbuf_addf(&qa->questions, "   - %s\n", b->choices[i].text.text);
		else
			book_prose(&qa->questions, &b->choices[i].text, "   - ");
	}
	strbuf_adds(&qa->questions, "\n");

	strbuf_addf(&qa->answers, "%d. ", qa->count);
	if (b->type == BLOCK_QUIZ) {
		int first = 1;
		for (size_t i = 0; i < b->nchoices; i++)
			if (b->choices[i].correct) {
				book_prose(&qa->answers, &b->choices[i].text, first ? "" : "   ");
				first = 0;
			}
		strbuf_adds(&qa->answers, "\n");
		return;
	}
	/* A prediction: the kernel answers it here, and the explanation that
	 * follows it in the lesson is the one chosen by that answer. */
	struct strbuf transcript = STRBUF_INIT;
	strbuf_init(&transcript);
	book_transcript(&transcript, &b->predict_run, 1, "   ");
	strbuf_addf(&qa->answers, _("The kernel answered %s."), var_get("outcome") ? var_get("outcome") : "?");
	strbuf_addf(&qa->answers, "\n\n%s", transcript.buf);
	strbuf_free(&transcript);
	for (size_t i = 0; i < nafter && after[i].type == BLOCK_IF; i++)
		if (step_outcome_matches(&after[i]))
			for (size_t k = 0; k < after[i].nparas; k++) {
				book_prose(&qa->answers, &after[i].paras[k], "   ");
				strbuf_adds(&qa->answers, "\n");
			}
}

/* Hint paragraphs PARAS[0..N) as a quoted block into TO (nothing when N
 * is 0). */
static void
book_hint(struct strbuf *to, const struct prose *paras, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		struct strbuf label = STRBUF_INIT;
		strbuf_init(&label);
		strbuf_addf(&label, "> **%s** ", k == 0 ? _("Hint:") : "");
		book_prose(to, &paras[k], k == 0 ? label.buf : "> ");
		strbuf_free(&label);
	}
	if (n > 0)
		strbuf_adds(to, "\n");
}

/* One lesson's blocks, in order, into TO; questions into QA. */
static void
book_blocks(struct strbuf *to, struct qa *qa, const struct block *blocks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct block *b = &blocks[i];

		switch (b->type) {
		case BLOCK_PARAGRAPH:
			book_prose(to, &b->prose, "");
			strbuf_adds(to, "\n");
			break;
		case BLOCK_ITEM:
			book_prose(to, &b->prose, "- ");
			if (i + 1 == n || blocks[i + 1].type != BLOCK_ITEM)
				strbuf_adds(to, "\n");
			break;
		case BLOCK_CODE:
			strbuf_adds(to, "```c\n");
			for (size_t k = 0; k < b->nlines; k++)
				strbuf_addf(to, "%s\n", b->lines[k].text);
			strbuf_adds(to, "```\n\n");
			break;
		case BLOCK_RUN:
			book_transcript(to, b->lines, b->nlines, "");
			break;
		case BLOCK_EXPECT:
			step_check_expectations(b);
			break;
		case BLOCK_IF:
			if (step_outcome_matches(b))
				for (size_t k = 0; k < b->nparas; k++) {
					book_prose(to, &b->paras[k], "");
					strbuf_adds(to, "\n");
				}
			break;
		case BLOCK_HINT:
			book_hint(to, b->paras, b->nparas);
			break;
		case BLOCK_QUIZ:
			book_question(qa, b, NULL, 0);
			book_hint(to, b->hints, b->nhints);
			break;
		case BLOCK_PREDICT:
			book_question(qa, b, b + 1, n - i - 1);
			book_hint(to, b->hints, b->nhints);
			/* Its explanations went with the answer. */
			while (i + 1 < n && blocks[i + 1].type == BLOCK_IF)
				i++;
			break;
		}
	}
}

int
book_chapter(int lesson_index)
{
	struct lesson *l;
	struct strbuf chapter = STRBUF_INIT;
	struct qa qa;
	char *heading;

	nav_stage(lesson_index);
	l = session_lesson();

	strbuf_init(&chapter);
	memset(&qa, 0, sizeof qa);
	strbuf_init(&qa.questions);
	strbuf_init(&qa.answers);
	heading = xasprintf(_("Lesson %d: %s"), l->number, step_translate(&l->title));
	strbuf_addf(&chapter, "# %s\n\n", heading);
	free(heading);
	for (size_t i = 0; i < sizeof pictures / sizeof pictures[0]; i++)
		if (strcmp(pictures[i].slug, l->slug) == 0)
			strbuf_addf(&chapter, "![%s](../%s)\n\n", _(pictures[i].alt), pictures[i].file);
	book_blocks(&chapter, &qa, l->intro, l->nintro);
	for (size_t s = 0; s < l->nsteps; s++) {
		heading = xasprintf("%d.%zu %s", l->number, s + 1, step_translate(&l->steps[s].title));
		strbuf_addf(&chapter, "## %s\n\n", heading);
		free(heading);
		book_blocks(&chapter, &qa, l->steps[s].blocks, l->steps[s].nblocks);
	}
	if (qa.count > 0) {
		strbuf_addf(&chapter, "## %s\n\n%s", _("Questions"), qa.questions.buf);
		strbuf_addf(&chapter, "## %s\n\n%s", _("Answers"), qa.answers.buf);
	}
	out("%s", chapter.buf);
	strbuf_free(&chapter);
	strbuf_free(&qa.questions);
	strbuf_free(&qa.answers);
	return session.expect_failures == 0 ? 0 : -1;
}

void
book_index(void)
{
	struct utsname u;
	unsigned major = 0, minor = 0;

	out("# %s\n\n", _("ipctutor: System V IPC identifiers across server restarts"));
	out("%s\n\n", _("This book is made from the same lesson files as the tutor. Every transcript in it is a real run: the calls were made, in a private IPC namespace, and the kernel's answers are printed as strace prints them. Process ids, ftok keys and addresses differ from run to run, so they are replaced by names such as server#1, 0x54xxxxxx and ADDR1; everything else is as the kernel said."));
	if (uname(&u) == 0)
		sscanf(u.release, "%u.%u", &major, &minor);
	out(_("The transcripts were made on Linux %u.%u. On another kernel some answers may differ; the tutor explains whichever answer your kernel gives."), major, minor);
	out("\n\n");
	out("%s\n\n", _("To run the lessons yourself: make run (or ipctutor once installed)."));
	out("## %s\n\n", _("Chapters"));
	for (size_t i = 0; i < session.course.nlessons; i++) {
		const struct lesson *l = session.course.lessons[i];
		out("%zu. [%s](%02d-%s.md)\n", i + 1, step_translate(&l->title), l->number, l->slug);
	}
}
