/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * book.c: a lesson as a printable chapter (ipctutor --book LESSON).  The
 * chapter is written in Markdown from the same lesson file, and each run
 * block becomes the real transcript of its commands, made by running them
 * here and now, in this tutor's private namespace.  Each question stays in
 * its section: the question, then its answer (for a prediction, the
 * kernel's answer with its transcript and the explanation chosen by it),
 * set apart so that a reader can cover it; the chapter ends with the list
 * of its questions, for revision.  Nothing volatile is printed (the tutor
 * runs with --reproducible), so the same kernel gives the same bytes; the
 * few figures that differ from run to run (restartcost) come from one
 * recorded run, named as such (book_record.c).  The drawings are numbered
 * figures, referred to from the text, with their words translated
 * (ipctutor --book svg).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "book_record.h"
#include "code.h"
#include "errnos.h"
#include "i18n.h"
#include "reproducible.h"
#include "nav.h"
#include "render.h"
#include "session.h"
#include "step.h"
#include "util.h"
#include "vars.h"

/* Transcript lines longer than this many columns are broken, the rest
 * going on the next line after a visible mark, so that nothing is cut at
 * the edge of a printed page (A4 with 18 mm margins, monospace at 8 points: 102 columns). */
#define BOOK_COLUMNS 96
#define CONTINUATION "  ↪ "

/* Pictures: which lesson shows which drawing from book/, after which of its
 * steps (by its English title; the chapter's start when no step has it),
 * what it shows (its caption, and its text for the reader who cannot see
 * it), and the sentence that refers to it from the text ({figure}: its
 * number). */
static const struct picture {
	const char *slug;
	const char *step;
	const char *file;
	const char *alt;
	const char *ref;
} pictures[] = {
	{ "create-open", "The server creates the queue", "identifier.svg",
	  N_("An identifier: sequence number × 32768 + slot."),
	  /* TRANSLATORS: {figure} is the figure's number, such as 1.1; keep it. */
	  N_("Figure {figure} shows the two parts of an identifier: the sequence number in the high bits, the slot in the low 15.") },
	{ "stale-id", "The server restarts under it", "timeline.svg",
	  N_("Server 1 creates queue 0, crashes; server 2 removes it and creates queue 1; the client still holding 0 gets EINVAL."),
	  N_("Figure {figure} shows the same on a time line: the client still holds identifier 0 while the new server's queue has identifier 1.") },
	{ "shm-deferred", "What the kernel shows", "shm-dest.svg",
	  N_("A segment attached twice before IPC_RMID, and after: key 0, SHM_DEST, destroyed at the last detach."),
	  N_("Figure {figure} shows the segment before and after IPC_RMID: it stays, with key 0 and SHM_DEST, until the last detach.") },
};

/* The words in the drawings (book/ *.svg) that are translated: each
 * <text> or <title> whose whole content is one of these. */
static const char *const picture_words[] = {
	N_("seq (16 bits)"), N_("slot (15 bits)"), N_("id = seq × 32768 + slot"),
	N_("shmctl IPC_RMID with two attachments"), N_("key 0x54xxxxxx"), N_("key 0 (IPC_PRIVATE)"),
	N_("client: read ADDR1 → old data"), N_("→ destroyed"),
	N_("server 1, SIGKILL, server 2, stale client"), N_("queue 0"), N_("queue 1"),
};

/* The lesson of the chapter being written: a reference to it is no link;
 * and whether references are linked at all (not inside a link's text). */
static int current_lesson;
static int no_links;

/* Does TEXT start with the reference to lesson N, as the translated lessons
 * write it ("lesson 3", or "Lesson 3" at the start of a sentence)?  Returns
 * its length, or 0. */
static size_t
lesson_reference(const char *text, int n)
{
	/* TRANSLATORS: how the lessons refer to another lesson ("as in
	   lesson 3"); the book turns each such reference into a link, so use
	   the words of your translation of the lessons. */
	char *ref = xasprintf(_("lesson %d"), n);
	size_t len = strlen(ref);
	int hit = strncmp(text, ref, len) == 0;

	if (!hit && ref[0] >= 'a' && ref[0] <= 'z' && text[0] == ref[0] - 'a' + 'A')
		hit = strncmp(text + 1, ref + 1, len - 1) == 0;
	free(ref);
	return hit && !(text[len] >= '0' && text[len] <= '9') ? len : 0;
}

/* Copy TEXT to TO with each reference to another lesson made a link to
 * its chapter, outside code spans. */
static void
link_lessons(struct strbuf *to, const char *text)
{
	int code = 0;

	for (const char *p = text; *p != '\0';) {
		size_t len = 0;
		const struct lesson *hit = NULL;

		if (*p == '`')
			code = !code;
		for (size_t i = 0; !code && !no_links && hit == NULL && i < session.course.nlessons; i++) {
			const struct lesson *l = session.course.lessons[i];
			if (l->number != current_lesson && (len = lesson_reference(p, l->number)) > 0)
				hit = l;
		}
		if (hit != NULL) {
			strbuf_addf(to, "[%.*s](%02d-%s.md)", (int)len, p, hit->number, hit->slug);
			p += len;
		} else {
			strbuf_addc(to, *p++);
		}
	}
}

/* Prose, filled in and with volatile values masked, as one Markdown
 * paragraph (PREFIX before it: "- ", "> "), references to other lessons
 * linked. */
static void
book_prose(struct strbuf *to, const struct prose *prose, const char *prefix)
{
	struct strbuf filled = STRBUF_INIT, masked = STRBUF_INIT, linked = STRBUF_INIT;

	strbuf_init(&filled);
	strbuf_init(&masked);
	strbuf_init(&linked);
	render_fill(prose_translate(prose), var_lookup, &filled);
	repro_text(filled.buf, &masked);
	link_lessons(&linked, masked.buf);
	strbuf_addf(to, "%s%s\n", prefix, linked.buf);
	strbuf_free(&filled);
	strbuf_free(&masked);
	strbuf_free(&linked);
}

/* Bytes of LINE that fit in COLUMNS display columns, cut at a space in the
 * last third when there is one (never inside a UTF-8 sequence). */
static size_t
fitting_prefix(const char *line, int columns)
{
	size_t n = 0, space = 0, len = strlen(line);

	while (n < len) {
		size_t next = n + 1;
		while (next < len && ((unsigned char)line[next] & 0xc0) == 0x80)
			next++;
		if (display_width(line, next) > columns)
			break;
		if (line[n] == ' ' && display_width(line, n) > columns * 2 / 3)
			space = n + 1;
		n = next;
	}
	return space != 0 && n < len ? space : n;
}

/* One transcript line into TO after INDENT, broken into pieces that fit in
 * BOOK_COLUMNS; each piece after the first starts with CONTINUATION. */
static void
book_transcript_line(struct strbuf *to, const char *line, const char *indent)
{
	int first = 1;

	while (first || *line != '\0') {
		int room = BOOK_COLUMNS - (first ? 0 : display_width(CONTINUATION, strlen(CONTINUATION)));
		size_t n = fitting_prefix(line, room), shown = n;

		while (*line != '\0' && line[n] != '\0' && shown > 0 && line[shown - 1] == ' ')
			shown--;
		strbuf_addf(to, "%s%s%.*s\n", indent, first ? "" : CONTINUATION, (int)shown, line);
		line += n;
		while (*line == ' ')
			line++;
		first = 0;
	}
}

/* Run the commands of a run block (or one predicted command) and put the
 * transcript into TO as a fenced text block, every line after INDENT. */
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
		book_transcript_line(to, line, indent);
	strbuf_addf(to, "%s```\n\n", indent);
	strbuf_free(&shown);
}

/* The questions of one chapter, for the revision list at its end. */
struct revision {
	int lesson;
	int count;
	struct strbuf list;
};

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

/* The reasons of a question's choices, in its answer: the reason of the
 * right choice (RIGHT, or none) after it, then each other choice with its
 * own reason, when the lesson gives one. */
static void
book_reasons(struct strbuf *to, const struct block *b, const struct choice *right)
{
	int others = 0;

	if (right != NULL && right->why.text != NULL) {
		book_prose(to, &right->why, "");
		strbuf_adds(to, "\n");
	}
	for (size_t i = 0; i < b->nchoices; i++) {
		const struct choice *c = &b->choices[i];
		struct strbuf item = STRBUF_INIT;

		if (c == right || c->why.text == NULL || (b->type == BLOCK_QUIZ && c->correct))
			continue;
		if (others++ == 0)
			strbuf_addf(to, "%s\n\n", _("The other choices:"));
		strbuf_init(&item);
		if (b->type == BLOCK_PREDICT)
			strbuf_addf(&item, "- %s: ", c->text.text);
		else
			book_prose(&item, &c->text, "- *");
		item.len = strcspn(item.buf, "\n");   /* one line: the adds below go after it */
		item.buf[item.len] = '\0';
		if (b->type == BLOCK_QUIZ)
			strbuf_adds(&item, "*: ");
		book_prose(to, &c->why, item.buf);
		strbuf_free(&item);
	}
	if (others > 0)
		strbuf_adds(to, "\n");
}

/* A question where it stands in its section: its text and choices, its
 * hint, then its answer in a box of its own, with the reason of each
 * choice.  AFTER holds the NAFTER blocks that follow it.  Returns how many
 * of those it consumed (for a prediction, the explanations that are
 * chosen by the kernel's answer). */
static size_t
book_question(struct strbuf *to, struct revision *rev, const struct block *b,
	      const struct block *after, size_t nafter)
{
	size_t used = 0;
	char *label;
	struct strbuf first = STRBUF_INIT;

	rev->count++;
	strbuf_init(&first);
	no_links = 1;
	book_prose(&first, &b->paras[0], "");
	no_links = 0;
	first.buf[strcspn(first.buf, "\n")] = '\0';
	strbuf_addf(&rev->list, "%d. [%s](#q%d-%d)\n", rev->count, first.buf, rev->lesson, rev->count);
	strbuf_free(&first);

	strbuf_addf(to, "<div class=\"question\" id=\"q%d-%d\">\n\n", rev->lesson, rev->count);
	label = xasprintf(_("Question %d.%d."), rev->lesson, rev->count);
	for (size_t i = 0; i < b->nparas; i++) {
		struct strbuf prefix = STRBUF_INIT;
		strbuf_init(&prefix);
		if (i == 0)
			strbuf_addf(&prefix, "**%s** ", label);
		book_prose(to, &b->paras[i], prefix.buf);
		strbuf_adds(to, "\n");
		strbuf_free(&prefix);
	}
	free(label);
	for (size_t i = 0; i < b->nchoices; i++) {
		if (b->type == BLOCK_PREDICT)
			strbuf_addf(to, "- %s\n", b->choices[i].text.text);
		else
			book_prose(to, &b->choices[i].text, "- ");
	}
	strbuf_adds(to, "\n");
	book_hint(to, b->hints, b->nhints);
	strbuf_adds(to, "</div>\n\n<div class=\"answer\">\n\n");

	label = xasprintf(_("Answer %d.%d."), rev->lesson, rev->count);
	strbuf_addf(to, "**%s** ", label);
	free(label);
	if (b->type == BLOCK_QUIZ) {
		const struct choice *right = NULL;
		for (size_t i = 0; i < b->nchoices; i++)
			if (b->choices[i].correct) {
				book_prose(to, &b->choices[i].text, right != NULL ? "\n" : "");
				if (right == NULL)
					right = &b->choices[i];
			}
		strbuf_adds(to, "\n");
		book_reasons(to, b, right);
	} else {
		/* A prediction: the kernel answers it here, and the
		 * explanation that follows it in the lesson is the one chosen
		 * by that answer. */
		struct strbuf transcript = STRBUF_INIT;
		strbuf_init(&transcript);
		book_transcript(&transcript, &b->predict_run, 1, "");
		const char *outcome = var_get("outcome") ? var_get("outcome") : "?";
		const struct choice *right = NULL;
		strbuf_addf(to, _("The kernel answered %s."), outcome);
		strbuf_addf(to, "\n\n%s", transcript.buf);
		strbuf_free(&transcript);
		for (; used < nafter && after[used].type == BLOCK_IF; used++)
			if (step_outcome_matches(&after[used]))
				for (size_t k = 0; k < after[used].nparas; k++) {
					book_prose(to, &after[used].paras[k], "");
					strbuf_adds(to, "\n");
				}
		for (size_t i = 0; i < b->nchoices; i++)
			if (strcmp(b->choices[i].text.text, outcome) == 0)
				right = &b->choices[i];
		book_reasons(to, b, right);
	}
	strbuf_adds(to, "</div>\n\n");
	return used;
}

/* After a run of restartcost, whose times reproducible output hides, the
 * figures of the recorded run. */
static void
book_after_run(struct strbuf *to, const struct block *b)
{
	struct strbuf label = STRBUF_INIT, lines = STRBUF_INIT;
	char *line, *save = NULL;

	strbuf_init(&label);
	strbuf_init(&lines);
	for (size_t k = 0; k < b->nlines; k++)
		if (strncmp(b->lines[k].text, "restartcost", 11) == 0
		    && book_record_restartcost(&label, &lines) == 0) {
			strbuf_addf(to, "%s\n\n```text\n", label.buf);
			for (line = strtok_r(lines.buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save))
				book_transcript_line(to, line, "");
			strbuf_adds(to, "```\n\n");
			break;
		}
	strbuf_free(&label);
	strbuf_free(&lines);
}

/* LINE and a newline onto the strbuf ARG (a line of a C excerpt). */
static void
add_line(const char *line, void *arg)
{
	strbuf_addf(arg, "%s\n", line);
}

/* One lesson's blocks, in order, into TO; questions counted in REV. */
static void
book_blocks(struct strbuf *to, struct revision *rev, const struct block *blocks, size_t n)
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
			code_lines(b, add_line, to);
			strbuf_adds(to, "```\n\n");
			break;
		case BLOCK_RUN:
			book_transcript(to, b->lines, b->nlines, "");
			book_after_run(to, b);
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
			for (size_t k = 0; k < b->nparas; k++) {
				struct strbuf label = STRBUF_INIT;
				strbuf_init(&label);
				strbuf_addf(&label, "> **%s** ", k == 0 ? _("Hint:") : "");
				book_prose(to, &b->paras[k], k == 0 ? label.buf : "> ");
				strbuf_free(&label);
			}
			strbuf_adds(to, "\n");
			break;
		case BLOCK_QUIZ:
		case BLOCK_PREDICT:
			i += book_question(to, rev, b, b + 1, n - i - 1);
			break;
		}
	}
}

/* Does lesson L have a step titled TITLE (English)? */
static int
has_step(const struct lesson *l, const char *title)
{
	for (size_t s = 0; s < l->nsteps; s++)
		if (strcmp(l->steps[s].title.text, title) == 0)
			return 1;
	return 0;
}

/* The pictures of lesson L that go after the step titled STEP (NULL: after
 * the introduction, for those whose step the lesson does not have): the
 * sentence that refers to it, the drawing and its numbered caption.
 * FIGURES counts the chapter's figures. */
static void
book_pictures(struct strbuf *to, const struct lesson *l, const char *step, int *figures)
{
	for (size_t i = 0; i < sizeof pictures / sizeof pictures[0]; i++) {
		const struct picture *p = &pictures[i];
		char *caption;

		if (strcmp(p->slug, l->slug) != 0
		    || (step == NULL ? has_step(l, p->step) : strcmp(p->step, step) != 0))
			continue;
		const char *ref = _(p->ref), *at = strstr(ref, "{figure}");
		++*figures;
		if (at != NULL)
			strbuf_addf(to, "%.*s%d.%d%s", (int)(at - ref), ref, l->number, *figures, at + 8);
		else
			strbuf_adds(to, ref);
		caption = xasprintf(_("Figure %d.%d. %s"), l->number, *figures, _(p->alt));
		strbuf_addf(to, "\n\n![%s](%s)\n\n*%s*\n\n", _(p->alt), p->file, caption);
		free(caption);
	}
}

/* Append TEXT to TO with the characters XML gives a meaning escaped. */
static void
xml_escape(struct strbuf *to, const char *text)
{
	for (; *text != '\0'; text++)
		switch (*text) {
		case '&': strbuf_adds(to, "&amp;"); break;
		case '<': strbuf_adds(to, "&lt;"); break;
		case '>': strbuf_adds(to, "&gt;"); break;
		default: strbuf_addc(to, *text);
		}
}

int
book_svg(FILE *in)
{
	struct strbuf svg = STRBUF_INIT, done = STRBUF_INIT;
	char chunk[4096];
	size_t n;
	const char *p;

	strbuf_init(&svg);
	strbuf_init(&done);
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
		strbuf_addn(&svg, chunk, n);
	if (ferror(in)) {
		strbuf_free(&svg);
		strbuf_free(&done);
		return -1;
	}
	/* Each element's text: what stands between a closing tag's "</" and
	 * the last '>' before it. */
	for (p = svg.buf; *p != '\0';) {
		const char *end = strstr(p, "</"), *gt = NULL;
		int hit = 0;

		if (end == NULL) {
			strbuf_adds(&done, p);
			break;
		}
		for (const char *q = p; q < end; q++)
			if (*q == '>')
				gt = q;
		if (gt != NULL) {
			size_t len = (size_t)(end - gt - 1);
			strbuf_addn(&done, p, (size_t)(gt + 1 - p));
			for (size_t w = 0; w < sizeof picture_words / sizeof picture_words[0] && !hit; w++)
				if (strlen(picture_words[w]) == len && strncmp(gt + 1, picture_words[w], len) == 0) {
					xml_escape(&done, _(picture_words[w]));
					hit = 1;
				}
			if (!hit)
				strbuf_addn(&done, gt + 1, len);
		} else {
			strbuf_addn(&done, p, (size_t)(end - p));
		}
		/* The closing tag, whole: the next search starts after it. */
		p = strchr(end, '>');
		p = p != NULL ? p + 1 : end + strlen(end);
		strbuf_addn(&done, end, (size_t)(p - end));
	}
	out("%s", done.buf);
	strbuf_free(&svg);
	strbuf_free(&done);
	return 0;
}

int
book_chapter(int lesson_index)
{
	struct lesson *l;
	struct strbuf chapter = STRBUF_INIT;
	struct revision rev;
	char *heading;
	int figures = 0;

	nav_stage(lesson_index);
	l = session_lesson();
	current_lesson = l->number;

	strbuf_init(&chapter);
	memset(&rev, 0, sizeof rev);
	rev.lesson = l->number;
	strbuf_init(&rev.list);
	heading = xasprintf(_("Lesson %d: %s"), l->number, prose_translate(&l->title));
	strbuf_addf(&chapter, "# %s\n\n", heading);
	free(heading);
	book_blocks(&chapter, &rev, l->intro, l->nintro);
	book_pictures(&chapter, l, NULL, &figures);
	for (size_t s = 0; s < l->nsteps; s++) {
		heading = xasprintf("%d.%zu %s", l->number, s + 1, prose_translate(&l->steps[s].title));
		strbuf_addf(&chapter, "## %s\n\n", heading);
		free(heading);
		book_blocks(&chapter, &rev, l->steps[s].blocks, l->steps[s].nblocks);
		book_pictures(&chapter, l, l->steps[s].title.text, &figures);
	}
	if (rev.count > 0)
		strbuf_addf(&chapter, "## %s\n\n%s", _("Questions for revision"), rev.list.buf);
	out("%s", chapter.buf);
	strbuf_free(&chapter);
	strbuf_free(&rev.list);
	return session.expect_failures == 0 ? 0 : -1;
}

/* The glossary: the course's terms, each with what it means here. */
static const struct term {
	const char *name;
	const char *meaning;
} glossary[] = {
	{ N_("key"), N_("A number (`key_t`) that unrelated processes agree on, usually made by `ftok` from a file. `msgget`, `semget` and `shmget` look an object up by its key; `IPC_PRIVATE` (0) is no key: it always makes a new object.") },
	{ N_("identifier"), N_("The number `msgget`, `semget` or `shmget` returns and every other call takes: sequence number × 32768 + slot, in the default layout. It names one object only as long as that object exists.") },
	{ N_("slot"), N_("The place of an object in the kernel's table of its kind, the low 15 bits of its identifier. When the object is removed, the slot is free for a later object.") },
	{ N_("sequence number"), N_("The high bits of an identifier: a count kept with each slot and increased each time an object is made in it, so that an old identifier does not name the slot's next object.") },
	{ N_("stale identifier"), N_("An identifier whose object was removed. A call on it fails with EINVAL (since Linux 4.2); a process that was asleep in the object when it went wakes with EIDRM.") },
	{ N_("IPC namespace"), N_("The set of System V objects a process sees. Objects belong to it, not to a process: they stay until `IPC_RMID` or the end of the namespace, whoever made them and whatever became of their maker.") },
	{ N_("recovery pattern"), N_("What a restarting server does: create with `IPC_CREAT|IPC_EXCL`; on EEXIST look the old object up, check with `IPC_STAT` that it is its own (creator uid, mode), remove it and create again.") },
	{ N_("marked for destruction"), N_("A shared memory segment after `IPC_RMID` while processes still have it attached: key 0, `SHM_DEST` in its mode, destroyed at the last detach.") },
	{ N_("SEM_UNDO"), N_("A `semop` flag: the kernel undoes the operation when the process ends, even by SIGKILL, and wakes whoever waits for it; the one death System V IPC reports.") },
};

/* The calls the index lists (with the errno names the tutor explains). */
static const char *const index_calls[] = {
	"ftok", "msgget", "msgsnd", "msgrcv", "msgctl", "semget", "semop", "semtimedop",
	"semctl", "shmget", "shmat", "shmdt", "shmctl", "IPC_RMID", "IPC_STAT", "IPC_EXCL",
	"IPC_NOWAIT", "SEM_UNDO", "SHM_DEST",
};

void
book_glossary(void)
{
	out("# %s\n\n", _("Glossary and index"));
	for (size_t i = 0; i < sizeof glossary / sizeof glossary[0]; i++)
		out("- **%s**: %s\n", _(glossary[i].name), _(glossary[i].meaning));
	out("\n## %s\n\n", _("Index of calls and errno names"));
	/* book/build.sh puts the index in place of this line: where each word
	 * stands in the chapters, section by section. */
	out("<!-- index:");
	for (size_t i = 0; i < sizeof index_calls / sizeof index_calls[0]; i++)
		out(" %s", index_calls[i]);
	for (const char *const *e = errno_names(); *e != NULL; e++)
		out(" %s", *e);
	out(" -->\n");
}

void
book_index(void)
{
	out("# %s\n\n", _("ipctutor: System V IPC identifiers across server restarts"));
	out("%s\n\n", _("This book is made from the same lesson files as the tutor. Every transcript in it is a real run: the calls were made, in a private IPC namespace, and the kernel's answers are printed as strace prints them. Process ids, ftok keys and addresses differ from run to run, and user ids from reader to reader, so they are replaced by names such as server#1, 0x54xxxxxx, ADDR1 and $UID (the user who made the book: an ordinary user, as the lessons advise); everything else is as the kernel said."));
	book_record_kernel();
	out("%s\n\n", _("To run the lessons yourself: make run (or ipctutor once installed)."));
	out("## %s\n\n", _("Chapters"));
	for (size_t i = 0; i < session.course.nlessons; i++) {
		const struct lesson *l = course_lesson(&session.course, i);
		if (l == NULL)
			continue;
		out("%zu. [%s](%02d-%s.md)\n", i + 1, prose_translate(&l->title), l->number, l->slug);
	}
	out("%zu. [%s](glossary.md)\n", session.course.nlessons + 1, _("Glossary and index"));
}
