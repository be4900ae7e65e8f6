/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * lesson.c: the lesson parser and linter.  It reads the strict Markdown
 * subset described in lessons/README.md line by line, with a small state
 * machine (outside a fence: headings, paragraphs, list items; inside a
 * fence: raw lines, interpreted when the fence closes).  Anything outside
 * the subset is an error reported as "file:line: reason" and the lesson is
 * refused whole, so a lesson that loads is a lesson that runs.  The parser
 * must survive any bytes: it is fuzzed (tests/fuzz/).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comment.h"
#include "errnos.h"
#include "expect.h"
#include "flags.h"
#include "i18n.h"
#include "lesson.h"
#include "util.h"

/* The parser's working state for one file. */
struct parser {
	const char *path;
	struct lesson *lesson;
	char *err;            /* where the first error goes */
	size_t errlen;
	int failed;

	int line;             /* current line number, 1-based */
	struct step *step;    /* current step, or NULL while in the intro */
	struct strbuf para;   /* paragraph or list item being joined */
	int para_line;
	int para_is_item;
	char *pending_note;   /* a TRANSLATORS comment waiting for its prose */
	int note_line;        /* where that comment is */

	int in_fence;         /* inside ~~~ ... ~~~ */
	int fence_line;
	char *fence_info;
	struct block_line *fence_lines;
	size_t nfence_lines;
};

/* Record the first error as "path:line: message"; later ones are dropped
 * because they are usually consequences of the first. */
static void
fail(struct parser *p, int line, const char *fmt, ...)
{
	char reason[256];
	va_list ap;

	if (p->failed)
		return;
	p->failed = 1;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	snprintf(p->err, p->errlen, "%s:%d: %s", p->path, line, reason);
}

/* Check that PROSE text is a single clean line: placeholders are
 * "{identifier}" and nothing else uses braces (translations are checked as
 * python-brace-format, where a stray brace is an error). */
static void
check_prose(struct parser *p, const char *text, int line)
{
	for (const char *c = text; *c; c++) {
		if (*c == '}') {
			fail(p, line, _("a '}' without its '{': write code with braces in a ~~~ c block"));
			return;
		}
		if (*c != '{')
			continue;
		const char *name = c + 1;
		const char *end = name;
		while (isalnum((unsigned char)*end) || *end == '_')
			end++;
		if (end == name || *end != '}' || isdigit((unsigned char)*name)) {
			fail(p, line, _("braces in prose must hold a placeholder name like {qid}"));
			return;
		}
		c = end;
	}
}

static struct prose
make_prose(struct parser *p, const char *text, int line, int take_note)
{
	struct prose prose = { xstrdup(text), line, NULL };

	check_prose(p, text, line);
	if (take_note) {
		prose.note = p->pending_note;
		p->pending_note = NULL;
	}
	return prose;
}

/* Append an empty block to the current step (or the intro) and return it. */
static struct block *
new_block(struct parser *p, enum block_type type, int line)
{
	struct block **blocks = p->step ? &p->step->blocks : &p->lesson->intro;
	size_t *n = p->step ? &p->step->nblocks : &p->lesson->nintro;
	struct block *b;

	*blocks = xreallocarray(*blocks, *n + 1, sizeof **blocks);
	b = &(*blocks)[(*n)++];
	memset(b, 0, sizeof *b);
	b->type = type;
	b->line = line;
	return b;
}

/* End the paragraph or list item being joined, if any. */
static void
flush_paragraph(struct parser *p)
{
	struct block *b;

	if (p->para.len == 0)
		return;
	b = new_block(p, p->para_is_item ? BLOCK_ITEM : BLOCK_PARAGRAPH, p->para_line);
	b->prose = make_prose(p, p->para.buf, p->para_line, 1);
	strbuf_reset(&p->para);
}

static void
add_to_paragraph(struct parser *p, const char *text, int is_item_start)
{
	while (*text == ' ')
		text++;
	check_prose(p, text, p->line);   /* so an error names its own line */
	if (is_item_start || p->para.len == 0) {
		flush_paragraph(p);
		p->para_line = p->line;
		p->para_is_item = is_item_start;
	} else {
		strbuf_addc(&p->para, ' ');
	}
	strbuf_adds(&p->para, text);
	/* Trailing spaces would make two msgids of one sentence. */
	while (p->para.len > 0 && p->para.buf[p->para.len - 1] == ' ')
		p->para.buf[--p->para.len] = '\0';
}

/* Split fence lines into prose paragraphs (blank-line separated) until a
 * line starting with "- " (the first choice), whose index is returned. */
static size_t
fence_paragraphs(struct parser *p, size_t from, struct prose **paras, size_t *nparas)
{
	struct strbuf sb = STRBUF_INIT;
	int start = 0;
	size_t i;

	for (i = from; i <= p->nfence_lines; i++) {
		const char *t = i < p->nfence_lines ? p->fence_lines[i].text : "";
		int is_choice = i < p->nfence_lines && strncmp(t, "- ", 2) == 0;

		if (*t == '\0' || is_choice || i == p->nfence_lines) {
			if (sb.len > 0) {
				int first = *nparas == 0;
				*paras = xreallocarray(*paras, *nparas + 1, sizeof **paras);
				(*paras)[*nparas] = make_prose(p, sb.buf, start, first);
				(*nparas)++;
				strbuf_reset(&sb);
			}
			if (is_choice)
				break;
			continue;
		}
		if (sb.len == 0)
			start = p->fence_lines[i].line;
		else
			strbuf_addc(&sb, ' ');
		while (*t == ' ')
			t++;
		strbuf_adds(&sb, t);
	}
	strbuf_free(&sb);
	return i < p->nfence_lines ? i : p->nfence_lines;
}

/* An outcome word in "~~~ if" or a predict choice: "ok" or an errno name. */
static int
valid_outcome(const char *word)
{
	int e = strcmp(word, "ok") == 0 ? 0 : errno_from_name(word);

	/* Exactly as the tutor prints it: "EINVAL", not "einval". */
	return strcmp(word, "ok") == 0 || (e != 0 && errno_name(e) != NULL && strcmp(errno_name(e), word) == 0);
}

/* Is TEXT an expectation the step runner knows?  Checks the first word and
 * the number of words (expect.c); the values are checked when the step
 * runs. */
static int
valid_expectation(const char *text)
{
	char *copy = xstrdup(text), *words[EXPECT_MAX_WORDS];
	enum expect_form form;
	int n = split_words(copy, words, EXPECT_MAX_WORDS);
	int ok = n > 0 && expect_form(words, n, &form) == 0;

	free(copy);
	return ok;
}

/* The choices of a quiz ("- [x] text", "- [ ] text") or of a predict
 * block ("- EINVAL", "- ok"), from line index I to the end of the fence.
 * A line "  why: reason" under a choice is that choice's reason; other
 * indented lines continue the choice's text (quiz) or its reason. */
static void
fence_choices(struct parser *p, struct block *b, size_t i, int predict)
{
	int in_why = 0;    /* the last indented line was a reason */

	for (; i < p->nfence_lines && !p->failed; i++) {
		const char *t = p->fence_lines[i].text;
		int line = p->fence_lines[i].line;
		struct choice c = { { NULL, line, NULL }, 0, { NULL, 0, NULL } };

		if (*t == '\0')
			continue;
		if (strncmp(t, "  why: ", 7) == 0 && b->nchoices > 0) {
			/* The reason of the choice before it. */
			struct prose *why = &b->choices[b->nchoices - 1].why;
			if (why->text != NULL) {
				fail(p, line, _("a choice has one \"why:\" line"));
				return;
			}
			if (t[7] == '\0' || t[7] == ' ') {
				fail(p, line, _("\"why:\" needs a reason after it"));
				return;
			}
			*why = make_prose(p, t + 7, line, 0);
			in_why = 1;
			continue;
		}
		if (strncmp(t, "  ", 2) == 0 && t[2] != ' ' && b->nchoices > 0 && (in_why || !predict)) {
			/* An indented line continues the choice (or its reason)
			 * before it. */
			struct prose *prev = in_why ? &b->choices[b->nchoices - 1].why
						    : &b->choices[b->nchoices - 1].text;
			char *joined = xasprintf("%s %s", prev->text, t + 2);
			free(prev->text);
			prev->text = joined;
			check_prose(p, joined, line);
			continue;
		}
		in_why = 0;
		if (strncmp(t, "- ", 2) != 0) {
			fail(p, line, _("after the first choice only \"- \" choices may follow"));
			return;
		}
		t += 2;
		if (predict) {
			if (!valid_outcome(t)) {
				fail(p, line, _("a prediction is \"ok\" or an errno name such as EINVAL"));
				return;
			}
			c.text.text = xstrdup(t);
		} else {
			if (strncmp(t, "[x] ", 4) == 0)
				c.correct = 1;
			else if (strncmp(t, "[ ] ", 4) != 0) {
				fail(p, line, _("a quiz choice starts with \"- [x] \" (right) or \"- [ ] \" (wrong)"));
				return;
			}
			c.text = make_prose(p, t + 4, line, 0);
		}
		b->choices = xreallocarray(b->choices, b->nchoices + 1, sizeof *b->choices);
		b->choices[b->nchoices++] = c;
	}
	if (p->failed)
		return;
	if (b->nchoices < 2)
		fail(p, b->line, _("a question needs at least two choices"));
	else if (!predict) {
		size_t right = 0;
		for (size_t k = 0; k < b->nchoices; k++)
			right += (size_t)b->choices[k].correct;
		if (right == 0)
			fail(p, b->line, _("a quiz needs at least one choice marked [x]"));
	}
}

/* Move the collected fence lines into a block of type TYPE. */
static void
take_fence_lines(struct parser *p, struct block *b)
{
	b->lines = p->fence_lines;
	b->nlines = p->nfence_lines;
	p->fence_lines = NULL;
	p->nfence_lines = 0;
}

/* The question block a "~~~ hint" block belongs to: the block just before
 * it in the step, when that is a quiz or predict block without a hint yet
 * (blank lines between are allowed; a paragraph is a block of its own).
 * NULL otherwise: then the hint is the step's. */
static struct block *
open_question(struct parser *p)
{
	struct block *last;

	if (p->step == NULL || p->step->nblocks == 0)
		return NULL;
	last = &p->step->blocks[p->step->nblocks - 1];
	if ((last->type == BLOCK_QUIZ || last->type == BLOCK_PREDICT) && last->nhints == 0)
		return last;
	return NULL;
}

/* The fence just closed: turn its lines into a block by its info string. */
static void
close_fence(struct parser *p)
{
	char *info = p->fence_info;
	char *word = strtok(info, " ");
	struct block *b;

	if (strcmp(word, "run") == 0 || strcmp(word, "expect") == 0 || strcmp(word, "c") == 0) {
		enum block_type t = word[0] == 'r' ? BLOCK_RUN : word[0] == 'e' ? BLOCK_EXPECT : BLOCK_CODE;
		if (t != BLOCK_CODE && p->step == NULL) {
			fail(p, p->fence_line, _("run and expect blocks belong in a step (after a \"## \" heading)"));
			return;
		}
		for (size_t i = 0; i < p->nfence_lines && t != BLOCK_CODE; i++)
			if (p->fence_lines[i].text[0] == '\0') {
				fail(p, p->fence_lines[i].line, _("empty line in a run or expect block"));
				return;
			}
		if (t == BLOCK_EXPECT)
			for (size_t i = 0; i < p->nfence_lines; i++)
				if (!valid_expectation(p->fence_lines[i].text)) {
					fail(p, p->fence_lines[i].line,
					     _("unknown expectation: use outcome, objects, same, differ, running, stopped, dest or nattch"));
					return;
				}
		b = new_block(p, t, p->fence_line);
		take_fence_lines(p, b);
		if (t == BLOCK_CODE)
			code_find_comments(b->lines, b->nlines, &b->comments, &b->ncomments);
		if (b->nlines == 0)
			fail(p, p->fence_line, _("empty block"));
	} else if (strcmp(word, "if") == 0) {
		char *o;
		b = new_block(p, BLOCK_IF, p->fence_line);
		while ((o = strtok(NULL, " ")) != NULL) {
			if (!valid_outcome(o)) {
				fail(p, p->fence_line, _("\"~~~ if\" takes \"ok\" or errno names such as EINVAL"));
				return;
			}
			b->outcomes = xreallocarray(b->outcomes, b->noutcomes + 1, sizeof *b->outcomes);
			b->outcomes[b->noutcomes++] = xstrdup(o);
		}
		if (b->noutcomes == 0)
			fail(p, p->fence_line, _("\"~~~ if\" needs at least one outcome"));
		if (fence_paragraphs(p, 0, &b->paras, &b->nparas) != p->nfence_lines)
			fail(p, p->fence_line, _("an \"if\" block holds paragraphs only"));
		else if (b->nparas == 0)
			fail(p, p->fence_line, _("empty block"));
	} else if (strcmp(word, "hint") == 0) {
		struct block *question = open_question(p);
		if (question != NULL) {
			/* Right after a question: the question's own hint. */
			if (fence_paragraphs(p, 0, &question->hints, &question->nhints) != p->nfence_lines)
				fail(p, p->fence_line, _("a hint holds paragraphs only"));
			else if (question->nhints == 0)
				fail(p, p->fence_line, _("empty block"));
			return;
		}
		b = new_block(p, BLOCK_HINT, p->fence_line);
		if (fence_paragraphs(p, 0, &b->paras, &b->nparas) != p->nfence_lines)
			fail(p, p->fence_line, _("a hint holds paragraphs only"));
		else if (b->nparas == 0)
			fail(p, p->fence_line, _("empty block"));
	} else if (strcmp(word, "quiz") == 0 || strcmp(word, "predict") == 0) {
		int predict = word[0] == 'p';
		size_t first = 0, i;
		if (p->step == NULL) {
			fail(p, p->fence_line, _("questions belong in a step (after a \"## \" heading)"));
			return;
		}
		b = new_block(p, predict ? BLOCK_PREDICT : BLOCK_QUIZ, p->fence_line);
		if (predict) {
			if (p->nfence_lines == 0 || strncmp(p->fence_lines[0].text, "run: ", 5) != 0
			    || p->fence_lines[0].text[5] == '\0') {
				fail(p, p->fence_line, _("a predict block starts with \"run: COMMAND\""));
				return;
			}
			b->predict_run.text = xstrdup(p->fence_lines[0].text + 5);
			b->predict_run.line = p->fence_lines[0].line;
			first = 1;
		}
		i = fence_paragraphs(p, first, &b->paras, &b->nparas);
		if (b->nparas == 0)
			fail(p, p->fence_line, _("a question needs its text before the choices"));
		else
			fence_choices(p, b, i, predict);
	} else {
		fail(p, p->fence_line,
		     _("unknown block \"~~~ %s\": use run, expect, if, hint, c, quiz or predict"), word);
	}
}

/* Handle one line outside a fence. */
static void
outside_fence(struct parser *p, char *t)
{
	if (t[0] == '\0') {
		flush_paragraph(p);
		return;
	}
	if (strncmp(t, "<!--", 4) == 0) {
		size_t n = strlen(t);
		const char *tag = " TRANSLATORS:";
		flush_paragraph(p);
		if (n < 7 || strcmp(t + n - 3, "-->") != 0 || strncmp(t + 4, tag, strlen(tag)) != 0) {
			fail(p, p->line, _("the only comment allowed is a one-line <!-- TRANSLATORS: ... -->"));
			return;
		}
		t[n - 3] = '\0';
		free(p->pending_note);
		p->pending_note = xstrdup(t + 5);
		p->note_line = p->line;
		strtrim(p->pending_note);
		return;
	}
	if (t[0] == '#') {
		flush_paragraph(p);
		if (strncmp(t, "# ", 2) == 0 && t[2] != '\0') {
			if (p->lesson->title.text != NULL) {
				fail(p, p->line, _("a lesson has one \"# \" title"));
				return;
			}
			if (p->lesson->nintro > 0) {
				fail(p, p->line, _("the \"# \" title comes first"));
				return;
			}
			p->lesson->title = make_prose(p, t + 2, p->line, 1);
		} else if (strncmp(t, "## ", 3) == 0 && t[3] != '\0') {
			struct lesson *l = p->lesson;
			if (l->title.text == NULL) {
				fail(p, p->line, _("the \"# \" title comes first"));
				return;
			}
			l->steps = xreallocarray(l->steps, l->nsteps + 1, sizeof *l->steps);
			p->step = &l->steps[l->nsteps++];
			memset(p->step, 0, sizeof *p->step);
			p->step->line = p->line;
			p->step->title = make_prose(p, t + 3, p->line, 1);
		} else {
			fail(p, p->line, _("only \"# title\" and \"## step\" headings are allowed"));
		}
		return;
	}
	if (p->lesson->title.text == NULL) {
		fail(p, p->line, _("the \"# \" title comes first"));
		return;
	}
	if (strncmp(t, "~~~", 3) == 0) {
		const char *info = t + 3;
		flush_paragraph(p);
		while (*info == ' ')
			info++;
		if (*info == '\0') {
			fail(p, p->line, _("a block needs a name after ~~~ (run, expect, if, hint, c, quiz, predict)"));
			return;
		}
		p->in_fence = 1;
		p->fence_line = p->line;
		p->fence_info = xstrdup(info);
		return;
	}
	if (strncmp(t, "```", 3) == 0) {
		fail(p, p->line, _("write blocks with ~~~, not ```"));
		return;
	}
	if (strncmp(t, "- ", 2) == 0) {
		add_to_paragraph(p, t + 2, 1);
		return;
	}
	if (t[0] == ' ' && !(p->para_is_item && p->para.len > 0)) {
		fail(p, p->line, _("indented text is only allowed to continue a \"- \" item"));
		return;
	}
	add_to_paragraph(p, t, 0);
}

static void
inside_fence(struct parser *p, char *t)
{
	if (strcmp(t, "~~~") == 0) {
		p->in_fence = 0;
		close_fence(p);
		free(p->fence_info);
		p->fence_info = NULL;
		for (size_t i = 0; i < p->nfence_lines; i++)
			free(p->fence_lines[i].text);
		free(p->fence_lines);
		p->fence_lines = NULL;
		p->nfence_lines = 0;
		return;
	}
	p->fence_lines = xreallocarray(p->fence_lines, p->nfence_lines + 1, sizeof *p->fence_lines);
	p->fence_lines[p->nfence_lines].text = xstrdup(t);
	p->fence_lines[p->nfence_lines].line = p->line;
	p->nfence_lines++;
}

void
lesson_name(const char *path, int *number, char **slug)
{
	const char *base = strrchr(path, '/');
	const char *dash;
	size_t len;

	base = base ? base + 1 : path;
	*number = 0;
	if (!isdigit((unsigned char)base[0]) || !isdigit((unsigned char)base[1]) || base[2] != '-') {
		*slug = xstrdup(base);
		return;
	}
	*number = (base[0] - '0') * 10 + (base[1] - '0');
	dash = base + 3;
	len = strlen(dash);
	if (len > 3 && strcmp(dash + len - 3, ".md") == 0)
		len -= 3;
	*slug = xstrndup(dash, len);
}

struct lesson *
lesson_parse(const char *path, const char *text, size_t len, char *err, size_t errlen)
{
	struct parser p;
	size_t pos = 0;
	struct strbuf line = STRBUF_INIT;

	memset(&p, 0, sizeof p);
	p.path = path;
	p.err = err;
	p.errlen = errlen;
	p.lesson = xcalloc(1, sizeof *p.lesson);
	p.lesson->path = xstrdup(path);
	p.lesson->state = LESSON_PARSED;
	strbuf_init(&p.para);
	lesson_name(path, &p.lesson->number, &p.lesson->slug);

	while (pos < len && !p.failed) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;

		p.line++;
		if (memchr(text + pos, '\0', n) != NULL)
			fail(&p, p.line, _("a NUL byte"));
		else if (!utf8_valid(text + pos, n))
			fail(&p, p.line, _("invalid UTF-8"));
		strbuf_reset(&line);
		strbuf_addn(&line, text + pos, n);
		if (line.len > 0 && line.buf[line.len - 1] == '\r')
			line.buf[--line.len] = '\0';
		if (memchr(line.buf, '\t', line.len) != NULL)
			fail(&p, p.line, _("a tab character: indent with spaces"));
		if (!p.failed) {
			if (p.in_fence)
				inside_fence(&p, line.buf);
			else
				outside_fence(&p, line.buf);
		}
		pos += n + (nl != NULL);
	}
	strbuf_free(&line);
	if (!p.failed) {
		if (p.in_fence)
			fail(&p, p.fence_line, _("this block is never closed with ~~~"));
		flush_paragraph(&p);
	}
	if (!p.failed && p.lesson->title.text == NULL)
		fail(&p, p.line > 0 ? p.line : 1, _("no \"# \" title"));
	else if (!p.failed && p.lesson->nsteps == 0)
		fail(&p, p.line, _("no step: a lesson needs at least one \"## \" heading"));
	else if (!p.failed && p.pending_note != NULL)
		fail(&p, p.note_line, _("a TRANSLATORS comment with no text after it"));

	free(p.pending_note);
	free(p.fence_info);
	for (size_t i = 0; i < p.nfence_lines; i++)
		free(p.fence_lines[i].text);
	free(p.fence_lines);
	strbuf_free(&p.para);
	if (p.failed) {
		lesson_free(p.lesson);
		return NULL;
	}
	return p.lesson;
}

static void
prose_free(struct prose *prose)
{
	free(prose->text);
	free(prose->note);
}

static void
block_free(struct block *b)
{
	prose_free(&b->prose);
	for (size_t i = 0; i < b->nlines; i++)
		free(b->lines[i].text);
	free(b->lines);
	for (size_t i = 0; i < b->noutcomes; i++)
		free(b->outcomes[i]);
	free(b->outcomes);
	for (size_t i = 0; i < b->nparas; i++)
		prose_free(&b->paras[i]);
	free(b->paras);
	for (size_t i = 0; i < b->nchoices; i++) {
		prose_free(&b->choices[i].text);
		prose_free(&b->choices[i].why);
	}
	free(b->choices);
	for (size_t i = 0; i < b->nhints; i++)
		prose_free(&b->hints[i]);
	free(b->hints);
	free(b->predict_run.text);
	for (size_t i = 0; i < b->ncomments; i++)
		prose_free(&b->comments[i].text);
	free(b->comments);
}

void
lesson_free(struct lesson *lesson)
{
	if (lesson == NULL)
		return;
	for (size_t i = 0; i < lesson->nintro; i++)
		block_free(&lesson->intro[i]);
	free(lesson->intro);
	for (size_t s = 0; s < lesson->nsteps; s++) {
		struct step *st = &lesson->steps[s];
		prose_free(&st->title);
		for (size_t i = 0; i < st->nblocks; i++)
			block_free(&st->blocks[i]);
		free(st->blocks);
	}
	free(lesson->steps);
	prose_free(&lesson->title);
	free(lesson->path);
	free(lesson->slug);
	free(lesson);
}
