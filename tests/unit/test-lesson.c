/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * test-lesson.c: unit tests for the lesson parser (lesson.c).  A minimal
 * lesson, then one lesson that uses everything: title, introduction, steps,
 * paragraph joining, list items with continuation lines, every block type
 * with its fields and line numbers, TRANSLATORS notes, placeholders, the
 * slug and number taken from the file name, and the prose that
 * lesson_each_prose visits (and the prose it must not).  Then every error
 * the parser reports, each as the exact "PATH:LINE: reason".  Then the real
 * lessons of lessons/ (they must all parse, alone and as a course), and a
 * deterministic mutation loop that only asks the parser to return: it runs
 * under AddressSanitizer and valgrind, where a crash, an overread or a leak
 * is what fails.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "course.h"
#include "lesson.h"
#include "util.h"
#include "tap.h"

#define COUNT(array)	(sizeof(array) / sizeof((array)[0]))

static char err[512];

/* Parse a NUL-terminated TEXT as PATH; the error (if any) goes to err. */
static struct lesson *
parse(const char *path, const char *text)
{
	err[0] = '\0';
	return lesson_parse(path, text, strlen(text), err, sizeof err);
}

/* ---- a minimal lesson ---------------------------------------------------- */

static void
test_minimal(void)
{
	struct lesson *l = parse("lessons/01-min.md", "# Title\n## Step\n");

	if (!ok(l != NULL, "minimal lesson parses")) {
		diag("error: %s", err);
		return;
	}
	is_str(err, "", "no error written on success");
	is_str(l->path, "lessons/01-min.md", "path kept as given");
	is_str(l->title.text, "Title", "title text");
	is_int(l->title.line, 1, "title line");
	ok(l->title.note == NULL, "title has no note");
	is_int((long long)l->nintro, 0, "no introduction");
	is_int((long long)l->nsteps, 1, "one step");
	is_str(l->steps[0].title.text, "Step", "step title");
	is_int(l->steps[0].line, 2, "step line");
	is_int(l->steps[0].title.line, 2, "step title line");
	is_int((long long)l->steps[0].nblocks, 0, "step has no blocks");
	lesson_free(l);

	/* No final newline, CRLF line ends, blank lines before the title. */
	l = parse("x/01-min.md", "\r\n\n# Title\r\n\r\n## Step\r\nText  \r\nmore");
	if (ok(l != NULL, "CRLF, leading blank lines and no final newline parse")) {
		is_str(l->title.text, "Title", "CR stripped from the title");
		is_int(l->title.line, 3, "title line counts the blank lines");
		is_int((long long)l->steps[0].nblocks, 1, "one paragraph");
		is_str(l->steps[0].blocks[0].prose.text, "Text more",
		       "CR and trailing blanks stripped, lines joined");
		is_int(l->steps[0].blocks[0].line, 6, "paragraph line");
	} else {
		diag("error: %s", err);
	}
	lesson_free(l);
	lesson_free(NULL);
	ok(1, "lesson_free(NULL) is harmless");
}

/* ---- one lesson using everything ----------------------------------------- */

static const char full_lesson[] =
	"<!-- TRANSLATORS: the lesson title -->\n"            /*  1 */
	"# A **full** lesson\n"                               /*  2 */
	"\n"                                                  /*  3 */
	"Intro paragraph one\n"                               /*  4 */
	"continues   here.\n"                                 /*  5 */
	"\n"                                                  /*  6 */
	"- item one\n"                                        /*  7 */
	"  continued on a second line\n"                      /*  8 */
	"- item two\n"                                        /*  9 */
	"\n"                                                  /* 10 */
	"~~~ c\n"                                             /* 11 */
	"int main(void) { return 0; }\n"                      /* 12 */
	"\n"                                                  /* 13 */
	"  /* indented */\n"                                  /* 14 */
	"~~~\n"                                               /* 15 */
	"\n"                                                  /* 16 */
	"## First step with {key}\n"                          /* 17 */
	"\n"                                                  /* 18 */
	"<!-- TRANSLATORS: {qid} is a number -->\n"           /* 19 */
	"The queue {qid} has key {key} and `code`.\n"         /* 20 */
	"~~~ run\n"                                           /* 21 */
	"key\n"                                               /* 22 */
	"server start\n"                                      /* 23 */
	"~~~\n"                                               /* 24 */
	"\n"                                                  /* 25 */
	"~~~ expect\n"                                        /* 26 */
	"outcome ok\n"                                        /* 27 */
	"objects msg 1\n"                                     /* 28 */
	"~~~\n"                                               /* 29 */
	"\n"                                                  /* 30 */
	"~~~ if ok EINVAL ENOENT\n"                           /* 31 */
	"First if paragraph\n"                                /* 32 */
	"joined.\n"                                           /* 33 */
	"\n"                                                  /* 34 */
	"Second if paragraph.\n"                              /* 35 */
	"~~~\n"                                               /* 36 */
	"\n"                                                  /* 37 */
	"<!-- TRANSLATORS: a hint -->\n"                      /* 38 */
	"~~~ hint\n"                                          /* 39 */
	"Hint text\n"                                         /* 40 */
	"  on two lines.\n"                                   /* 41 */
	"~~~\n"                                               /* 42 */
	"\n"                                                  /* 43 */
	"## Second step\n"                                    /* 44 */
	"\n"                                                  /* 45 */
	"~~~ quiz\n"                                          /* 46 */
	"What is a key?\n"                                    /* 47 */
	"\n"                                                  /* 48 */
	"- [ ] A file\n"                                      /* 49 */
	"- [x] A number\n"                                    /* 50 */
	"\n"                                                  /* 51 */
	"- [x] What ftok returns\n"                           /* 52 */
	"~~~\n"                                               /* 53 */
	"\n"                                                  /* 54 */
	"~~~ predict\n"                                       /* 55 */
	"run: msgget {key}\n"                                 /* 56 */
	"What does msgget\n"                                  /* 57 */
	"return?\n"                                           /* 58 */
	"- ok\n"                                              /* 59 */
	"- ENOENT\n"                                          /* 60 */
	"- EACCES\n"                                          /* 61 */
	"~~~\n";                                              /* 62 */

/* Collects what lesson_each_prose visits. */
struct visit {
	const char *text[64];
	int line[64];
	const char *note[64];
	size_t n;
};

static void
collect(const struct prose *prose, void *arg)
{
	struct visit *v = arg;

	if (v->n < COUNT(v->text)) {
		v->text[v->n] = prose->text;
		v->line[v->n] = prose->line;
		v->note[v->n] = prose->note;
	}
	v->n++;
}

static void
test_full(void)
{
	struct lesson *l = parse("lessons/07-some-name.md", full_lesson);
	const struct block *b;
	const struct step *s;
	struct visit v;

	if (!ok(l != NULL, "the full lesson parses")) {
		diag("error: %s", err);
		return;
	}
	is_str(l->slug, "some-name", "slug from 07-some-name.md");
	is_int(l->number, 7, "number from 07-some-name.md");
	is_str(l->title.text, "A **full** lesson", "title keeps inline Markdown");
	is_int(l->title.line, 2, "title line");
	is_str(l->title.note, "TRANSLATORS: the lesson title", "TRANSLATORS note attached to the title");

	/* Introduction. */
	if (is_int((long long)l->nintro, 4, "introduction has four blocks")) {
		b = &l->intro[0];
		is_int(b->type, BLOCK_PARAGRAPH, "intro[0] is a paragraph");
		is_str(b->prose.text, "Intro paragraph one continues   here.",
		       "paragraph lines joined with one space (inner spaces kept)");
		is_int(b->line, 4, "paragraph block line");
		is_int(b->prose.line, 4, "paragraph prose line");
		ok(b->prose.note == NULL, "the note went to the title, not the intro");
		b = &l->intro[1];
		is_int(b->type, BLOCK_ITEM, "intro[1] is an item");
		is_str(b->prose.text, "item one continued on a second line", "item with continuation line");
		is_int(b->line, 7, "item line");
		b = &l->intro[2];
		is_int(b->type, BLOCK_ITEM, "intro[2] is an item");
		is_str(b->prose.text, "item two", "second item");
		is_int(b->prose.line, 9, "second item line");
		b = &l->intro[3];
		is_int(b->type, BLOCK_CODE, "intro[3] is a c block (allowed outside a step)");
		is_int(b->line, 11, "c block line");
		if (is_int((long long)b->nlines, 3, "c block keeps its empty line")) {
			is_str(b->lines[0].text, "int main(void) { return 0; }", "c block keeps braces");
			is_int(b->lines[0].line, 12, "c line 1 number");
			is_str(b->lines[1].text, "", "c block empty line");
			is_str(b->lines[2].text, "  /* indented */", "c block keeps indentation");
			is_int(b->lines[2].line, 14, "c line 3 number");
		}
	}

	if (!is_int((long long)l->nsteps, 2, "two steps")) {
		lesson_free(l);
		return;
	}
	s = &l->steps[0];
	is_str(s->title.text, "First step with {key}", "step title with a placeholder");
	is_int(s->line, 17, "step 1 line");
	if (is_int((long long)s->nblocks, 5, "step 1 has five blocks")) {
		b = &s->blocks[0];
		is_int(b->type, BLOCK_PARAGRAPH, "step 1 [0] paragraph");
		is_str(b->prose.text, "The queue {qid} has key {key} and `code`.", "placeholders accepted in prose");
		is_int(b->line, 20, "paragraph line after a note");
		is_str(b->prose.note, "TRANSLATORS: {qid} is a number", "note attached to the next paragraph");

		b = &s->blocks[1];
		is_int(b->type, BLOCK_RUN, "step 1 [1] run (right after a paragraph line)");
		is_int(b->line, 21, "run line");
		if (is_int((long long)b->nlines, 2, "run has two lines")) {
			is_str(b->lines[0].text, "key", "run line 1");
			is_int(b->lines[0].line, 22, "run line 1 number");
			is_str(b->lines[1].text, "server start", "run line 2");
			is_int(b->lines[1].line, 23, "run line 2 number");
		}

		b = &s->blocks[2];
		is_int(b->type, BLOCK_EXPECT, "step 1 [2] expect");
		is_int(b->line, 26, "expect line");
		if (is_int((long long)b->nlines, 2, "expect has two lines")) {
			is_str(b->lines[1].text, "objects msg 1", "expect line 2");
			is_int(b->lines[1].line, 28, "expect line 2 number");
		}

		b = &s->blocks[3];
		is_int(b->type, BLOCK_IF, "step 1 [3] if");
		is_int(b->line, 31, "if line");
		if (is_int((long long)b->noutcomes, 3, "if has three outcomes")) {
			is_str(b->outcomes[0], "ok", "outcome 1");
			is_str(b->outcomes[1], "EINVAL", "outcome 2");
			is_str(b->outcomes[2], "ENOENT", "outcome 3");
		}
		if (is_int((long long)b->nparas, 2, "if has two paragraphs")) {
			is_str(b->paras[0].text, "First if paragraph joined.", "if paragraph 1 joined");
			is_int(b->paras[0].line, 32, "if paragraph 1 line");
			is_str(b->paras[1].text, "Second if paragraph.", "if paragraph 2");
			is_int(b->paras[1].line, 35, "if paragraph 2 line");
		}

		b = &s->blocks[4];
		is_int(b->type, BLOCK_HINT, "step 1 [4] hint");
		is_int(b->line, 39, "hint line");
		if (is_int((long long)b->nparas, 1, "hint has one paragraph")) {
			is_str(b->paras[0].text, "Hint text on two lines.", "hint paragraph joined, indentation dropped");
			is_int(b->paras[0].line, 40, "hint paragraph line");
			is_str(b->paras[0].note, "TRANSLATORS: a hint", "note before a fence goes to its first paragraph");
		}
	}

	s = &l->steps[1];
	is_str(s->title.text, "Second step", "step 2 title");
	is_int(s->title.line, 44, "step 2 title line");
	if (is_int((long long)s->nblocks, 2, "step 2 has two blocks")) {
		b = &s->blocks[0];
		is_int(b->type, BLOCK_QUIZ, "step 2 [0] quiz");
		is_int(b->line, 46, "quiz line");
		if (is_int((long long)b->nparas, 1, "quiz question"))
			is_str(b->paras[0].text, "What is a key?", "quiz question text");
		if (is_int((long long)b->nchoices, 3, "quiz has three choices (blank line between allowed)")) {
			is_str(b->choices[0].text.text, "A file", "choice 1 text");
			is_int(b->choices[0].correct, 0, "choice 1 wrong");
			is_int(b->choices[0].text.line, 49, "choice 1 line");
			is_str(b->choices[1].text.text, "A number", "choice 2 text");
			is_int(b->choices[1].correct, 1, "choice 2 right");
			is_str(b->choices[2].text.text, "What ftok returns", "choice 3 text");
			is_int(b->choices[2].correct, 1, "choice 3 right");
			is_int(b->choices[2].text.line, 52, "choice 3 line");
		}

		b = &s->blocks[1];
		is_int(b->type, BLOCK_PREDICT, "step 2 [1] predict");
		is_int(b->line, 55, "predict line");
		is_str(b->predict_run.text, "msgget {key}", "predict run command");
		is_int(b->predict_run.line, 56, "predict run line");
		if (is_int((long long)b->nparas, 1, "predict question"))
			is_str(b->paras[0].text, "What does msgget return?", "predict question joined");
		if (is_int((long long)b->nchoices, 3, "predict has three choices")) {
			is_str(b->choices[0].text.text, "ok", "predict choice ok");
			is_str(b->choices[1].text.text, "ENOENT", "predict choice ENOENT");
			is_str(b->choices[2].text.text, "EACCES", "predict choice EACCES");
			is_int(b->choices[2].text.line, 61, "predict choice line");
		}
	}

	/* What a translator sees, in file order. */
	{
		static const struct { const char *text; int line; } want[] = {
			{ "A **full** lesson", 2 },
			{ "Intro paragraph one continues   here.", 4 },
			{ "item one continued on a second line", 7 },
			{ "item two", 9 },
			{ "indented", 14 },
			{ "First step with {key}", 17 },
			{ "The queue {qid} has key {key} and `code`.", 20 },
			{ "First if paragraph joined.", 32 },
			{ "Second if paragraph.", 35 },
			{ "Hint text on two lines.", 40 },
			{ "Second step", 44 },
			{ "What is a key?", 47 },
			{ "A file", 49 },
			{ "A number", 50 },
			{ "What ftok returns", 52 },
			{ "What does msgget return?", 57 },
		};
		int same = 1;

		memset(&v, 0, sizeof v);
		lesson_each_prose(l, collect, &v);
		is_int((long long)v.n, (long long)COUNT(want),
		       "lesson_each_prose visits title, steps, paragraphs, items, code comments, if, hint, questions, quiz choices");
		for (size_t i = 0; i < COUNT(want) && i < v.n; i++)
			if (strcmp(v.text[i], want[i].text) != 0 || v.line[i] != want[i].line) {
				diag("prose %zu: got \"%s\" line %d, want \"%s\" line %d", i, v.text[i],
				     v.line[i], want[i].text, want[i].line);
				same = 0;
			}
		ok(same, "lesson_each_prose: texts and lines in file order");
		same = 1;
		for (size_t i = 0; i < v.n && i < COUNT(v.text); i++)
			if (strcmp(v.text[i], "ok") == 0 || strcmp(v.text[i], "ENOENT") == 0 ||
			    strstr(v.text[i], "main") != NULL || strcmp(v.text[i], "key") == 0 ||
			    strcmp(v.text[i], "msgget {key}") == 0)
				same = 0;
		ok(same, "no predict choice, run/expect line, predict command or code visited");
		if (v.n >= COUNT(want)) {
			is_str(v.note[0], "TRANSLATORS: the lesson title", "visit passes the title note");
			is_str(v.note[6], "TRANSLATORS: {qid} is a number", "visit passes the paragraph note");
			is_str(v.note[9], "TRANSLATORS: a hint", "visit passes the hint note");
			ok(v.note[1] == NULL && v.note[4] == NULL && v.note[5] == NULL, "others have no note");
		}
	}
	lesson_free(l);
}

/* ---- smaller positive cases ---------------------------------------------- */

static void
test_names_and_notes(void)
{
	static const struct { const char *path; const char *slug; int number; } names[] = {
		{ "07-some-name.md", "some-name", 7 },
		{ "/abs/dir/42-x.md", "x", 42 },
		{ "lessons/00-zero.md", "zero", 0 },
		{ "notes.md", "notes.md", 0 },
		{ "1-short.md", "1-short.md", 0 },
		{ "05-no-extension", "no-extension", 5 },
		{ "dir.d/", "", 0 },
	};
	struct lesson *l;

	for (size_t i = 0; i < COUNT(names); i++) {
		l = parse(names[i].path, "# T\n## S\n");
		if (!ok(l != NULL, "parses as %s", names[i].path)) {
			diag("error: %s", err);
			continue;
		}
		is_str(l->slug, names[i].slug, "slug of the path");
		is_int(l->number, names[i].number, "number of the path");
		lesson_free(l);
	}

	/* A later note replaces an earlier one; a note before a step title. */
	l = parse("n.md", "# T\n<!-- TRANSLATORS: first -->\n<!-- TRANSLATORS:   second   -->\n## S\n");
	if (ok(l != NULL, "two notes in a row parse")) {
		is_str(l->steps[0].title.note, "TRANSLATORS:   second", "the later note wins, trimmed");
		lesson_free(l);
	} else {
		diag("error: %s", err);
	}

	/* A note is not consumed by a run block: it waits for the next prose. */
	l = parse("n.md", "# T\n## S\n<!-- TRANSLATORS: about the text -->\n~~~ run\nkey\n~~~\nText.\n");
	if (ok(l != NULL, "note before a run block parses")) {
		if (is_int((long long)l->steps[0].nblocks, 2, "run and paragraph"))
			is_str(l->steps[0].blocks[1].prose.note, "TRANSLATORS: about the text",
			       "note skips the run block and goes to the paragraph");
		lesson_free(l);
	} else {
		diag("error: %s", err);
	}

	/* Placeholder forms the parser accepts. */
	l = parse("p.md", "# T {a}\n## S {old_qid}\n{x1}{_y} and {Z_9}.\n- item {key}\n");
	ok(l != NULL, "placeholders {a} {old_qid} {x1}{_y} {Z_9} accepted");
	if (l == NULL)
		diag("error: %s", err);
	lesson_free(l);

	/* An item then a non-indented line: the line continues the item. */
	l = parse("i.md", "# T\n## S\n- item\nlazy line\n\nPara\n");
	if (ok(l != NULL, "lazy continuation parses") && is_int((long long)l->steps[0].nblocks, 2, "item + para")) {
		is_str(l->steps[0].blocks[0].prose.text, "item lazy line", "lazy continuation joins the item");
		is_int(l->steps[0].blocks[1].type, BLOCK_PARAGRAPH, "then a paragraph");
	}
	lesson_free(l);

	/* Paragraph then item: two blocks without a blank line. */
	l = parse("i.md", "# T\n## S\nPara\n- item\n- item 2\n");
	if (ok(l != NULL, "paragraph then items parses") &&
	    is_int((long long)l->steps[0].nblocks, 3, "an item starts a new block")) {
		is_str(l->steps[0].blocks[0].prose.text, "Para", "the paragraph stays alone");
		is_int(l->steps[0].blocks[2].prose.line, 5, "item 2 line");
	}
	lesson_free(l);

	/* Fence info with extra words, if with one outcome, predict with the
	 * question right after run:. */
	l = parse("f.md", "# T\n## S\n~~~ run please\nkey\n~~~\n~~~ if EIDRM\nGone.\n~~~\n"
		  "~~~ predict\nrun: client open\nQ?\n- ok\n- EIDRM\n~~~\n");
	if (ok(l != NULL, "run with extra info words, if EIDRM, short predict parse")) {
		const struct step *s = &l->steps[0];
		if (is_int((long long)s->nblocks, 3, "three blocks")) {
			is_int(s->blocks[0].type, BLOCK_RUN, "run with extra words is a run");
			is_str(s->blocks[1].outcomes[0], "EIDRM", "the one outcome");
			is_int((long long)s->blocks[2].nchoices, 2, "predict choices");
		}
	} else {
		diag("error: %s", err);
	}
	lesson_free(l);

	/* Not NUL-terminated input: only LEN bytes are read. */
	{
		static const char text[] = "# T\n## S\nText.\n~~~ run\nkey\n~~~\nGARBAGE\t\xff";
		size_t len = strlen(text) - strlen("GARBAGE\t\xff");
		char *copy = xmalloc(len);

		memcpy(copy, text, len);
		err[0] = '\0';
		l = lesson_parse("len.md", copy, len, err, sizeof err);
		ok(l != NULL && l->steps[0].nblocks == 2, "only LEN bytes parsed (no NUL needed)");
		lesson_free(l);
		free(copy);
	}

	/* A tiny error buffer is truncated, not overrun. */
	{
		char small[8];
		memset(small, 'x', sizeof small);
		l = lesson_parse("long/path.md", "oops", 4, small, sizeof small);
		ok(l == NULL && memchr(small, '\0', sizeof small) != NULL && strncmp(small, "long/pa", 7) == 0,
		   "error truncated to the buffer");
	}
}

/* ---- every error ----------------------------------------------------------- */

static void
test_errors(void)
{
	static const struct {
		const char *name;
		const char *text;
		const char *error;   /* after "e.md:" */
	} cases[] = {
		{ "empty file", "", "1: no \"# \" title" },
		{ "blank lines only", "\n\n\n", "3: no \"# \" title" },
		{ "only a note", "<!-- TRANSLATORS: x -->\n", "1: no \"# \" title" },
		{ "text before the title", "\nHello\n# T\n## S\n", "2: the \"# \" title comes first" },
		{ "step before the title", "## S\n# T\n", "1: the \"# \" title comes first" },
		{ "fence before the title", "~~~ c\nx\n~~~\n# T\n", "1: the \"# \" title comes first" },
		{ "second title", "# A\n\n## S\n# B\n", "4: a lesson has one \"# \" title" },
		{ "### heading", "# T\n## S\n### Sub\n",
		  "3: only \"# title\" and \"## step\" headings are allowed" },
		{ "#title without space", "#T\n", "1: only \"# title\" and \"## step\" headings are allowed" },
		{ "empty # heading", "# \n", "1: only \"# title\" and \"## step\" headings are allowed" },
		{ "empty ## heading", "# T\n## \n", "2: only \"# title\" and \"## step\" headings are allowed" },
		{ "``` fence", "# T\n## S\n\n```\nkey\n```\n", "4: write blocks with ~~~, not ```" },
		{ "``` fence with a name", "# T\n## S\n```c\nx\n```\n", "3: write blocks with ~~~, not ```" },
		{ "~~~ without a name", "# T\n## S\n~~~   \nkey\n~~~\n",
		  "3: a block needs a name after ~~~ (run, expect, if, hint, c, quiz, predict)" },
		{ "unknown block name", "# T\n## S\n\n~~~ shell\nls\n~~~\n",
		  "4: unknown block \"~~~ shell\": use run, expect, if, hint, c, quiz or predict" },
		{ "~~~~ is not a block name", "# T\n## S\n~~~~\n~~~\n",
		  "3: unknown block \"~~~ ~\": use run, expect, if, hint, c, quiz or predict" },
		{ "unclosed fence", "# T\n## S\n~~~ run\nkey\n\n", "3: this block is never closed with ~~~" },
		{ "unclosed fence, closing line with a space", "# T\n## S\n~~~ run\nkey\n~~~ \n",
		  "3: this block is never closed with ~~~" },
		{ "empty run block", "# T\n## S\n~~~ run\n~~~\n", "3: empty block" },
		{ "empty expect block", "# T\n## S\n~~~ expect\n~~~\n", "3: empty block" },
		{ "empty c block", "# T\n## S\n~~~ c\n~~~\n", "3: empty block" },
		{ "empty line in a run block", "# T\n## S\n~~~ run\nkey\n\nserver start\n~~~\n",
		  "5: empty line in a run or expect block" },
		{ "empty line in an expect block", "# T\n## S\n~~~ expect\n\n~~~\n",
		  "4: empty line in a run or expect block" },
		{ "run outside a step", "# T\n\n~~~ run\nkey\n~~~\n## S\n",
		  "3: run and expect blocks belong in a step (after a \"## \" heading)" },
		{ "expect outside a step", "# T\n~~~ expect\noutcome ok\n~~~\n## S\n",
		  "2: run and expect blocks belong in a step (after a \"## \" heading)" },
		{ "quiz outside a step", "# T\n~~~ quiz\nQ?\n- [x] a\n- [ ] b\n~~~\n## S\n",
		  "2: questions belong in a step (after a \"## \" heading)" },
		{ "predict outside a step", "# T\n~~~ predict\nrun: key\nQ?\n- ok\n- EINVAL\n~~~\n## S\n",
		  "2: questions belong in a step (after a \"## \" heading)" },
		{ "quiz without [x]", "# T\n## S\n~~~ quiz\nQ?\n- [ ] a\n- [ ] b\n~~~\n",
		  "3: a quiz needs at least one choice marked [x]" },
		{ "quiz with one choice", "# T\n## S\n~~~ quiz\nQ?\n- [x] a\n~~~\n",
		  "3: a question needs at least two choices" },
		{ "quiz with no choice", "# T\n## S\n~~~ quiz\nQ?\n~~~\n",
		  "3: a question needs at least two choices" },
		{ "quiz without a question", "# T\n## S\n~~~ quiz\n- [x] a\n- [ ] b\n~~~\n",
		  "3: a question needs its text before the choices" },
		{ "quiz choice without a box", "# T\n## S\n~~~ quiz\nQ?\n- [x] a\n- b\n~~~\n",
		  "6: a quiz choice starts with \"- [x] \" (right) or \"- [ ] \" (wrong)" },
		{ "quiz choice [X]", "# T\n## S\n~~~ quiz\nQ?\n- [X] a\n- [ ] b\n~~~\n",
		  "5: a quiz choice starts with \"- [x] \" (right) or \"- [ ] \" (wrong)" },
		{ "text after the first choice", "# T\n## S\n~~~ quiz\nQ?\n- [x] a\nmore\n- [ ] b\n~~~\n",
		  "6: after the first choice only \"- \" choices may follow" },
		{ "brace in a quiz choice", "# T\n## S\n~~~ quiz\nQ?\n- [x] a }\n- [ ] b\n~~~\n",
		  "5: a '}' without its '{': write code with braces in a ~~~ c block" },
		{ "predict without run:", "# T\n## S\n~~~ predict\nQ?\n- ok\n- EINVAL\n~~~\n",
		  "3: a predict block starts with \"run: COMMAND\"" },
		{ "predict with an empty run:", "# T\n## S\n~~~ predict\nrun: \nQ?\n- ok\n- EINVAL\n~~~\n",
		  "3: a predict block starts with \"run: COMMAND\"" },
		{ "empty predict", "# T\n## S\n~~~ predict\n~~~\n", "3: a predict block starts with \"run: COMMAND\"" },
		{ "predict with a bad outcome", "# T\n## S\n~~~ predict\nrun: key\nQ?\n- ok\n- EWHATEVER\n~~~\n",
		  "7: a prediction is \"ok\" or an errno name such as EINVAL" },
		{ "predict with one choice", "# T\n## S\n~~~ predict\nrun: key\nQ?\n- ok\n~~~\n",
		  "3: a question needs at least two choices" },
		{ "predict without a question", "# T\n## S\n~~~ predict\nrun: key\n- ok\n- EINVAL\n~~~\n",
		  "3: a question needs its text before the choices" },
		{ "bad outcome word in ~~~ if", "# T\n## S\n~~~ if ok maybe\nText.\n~~~\n",
		  "3: \"~~~ if\" takes \"ok\" or errno names such as EINVAL" },
		{ "~~~ if without an outcome", "# T\n## S\n~~~ if\nText.\n~~~\n",
		  "3: \"~~~ if\" needs at least one outcome" },
		{ "empty ~~~ if", "# T\n## S\n~~~ if ok\n~~~\n", "3: empty block" },
		{ "empty hint", "# T\n## S\n~~~ hint\n\n~~~\n", "3: empty block" },
		{ "hint with a choice", "# T\n## S\n~~~ hint\nText.\n- [x] a\n~~~\n", "3: a hint holds paragraphs only" },
		{ "stray } in prose", "# T\n## S\n\nA } here.\n",
		  "4: a '}' without its '{': write code with braces in a ~~~ c block" },
		{ "{ not a name } in prose", "# T\n## S\nSee { not a name } here.\n",
		  "3: braces in prose must hold a placeholder name like {qid}" },
		{ "{} in prose", "# T\n## S\nEmpty {} here.\n",
		  "3: braces in prose must hold a placeholder name like {qid}" },
		{ "{1x} in prose", "# T\n## S\nDigit {1x} here.\n",
		  "3: braces in prose must hold a placeholder name like {qid}" },
		{ "unclosed { in prose", "# T\n## S\nOpen {qid here.\n",
		  "3: braces in prose must hold a placeholder name like {qid}" },
		{ "braces in the title", "# T { x }\n## S\n",
		  "1: braces in prose must hold a placeholder name like {qid}" },
		{ "braces in a step title", "# T\n## S }\n",
		  "2: a '}' without its '{': write code with braces in a ~~~ c block" },
		{ "braces in an item", "# T\n## S\n- a\n- b {x y}\n",
		  "4: braces in prose must hold a placeholder name like {qid}" },
		{ "braces in a hint", "# T\n## S\n~~~ hint\nok\n\nint x[] = {1};\n~~~\n",
		  "6: braces in prose must hold a placeholder name like {qid}" },
		{ "tab character", "# T\n## S\nText\twith a tab\n", "3: a tab character: indent with spaces" },
		{ "tab in a code block", "# T\n## S\n~~~ c\n\tint x;\n~~~\n", "4: a tab character: indent with spaces" },
		{ "invalid UTF-8", "# T\n## S\nCaf\xc3 au lait\n", "3: invalid UTF-8" },
		{ "overlong UTF-8", "# T\n## S\n~~~ run\nkey \xc0\xaf\n~~~\n", "4: invalid UTF-8" },
		{ "UTF-8 surrogate", "# T\n\xed\xa0\x80\n## S\n", "2: invalid UTF-8" },
		{ "other comment", "# T\n## S\n<!-- just a comment -->\n",
		  "3: the only comment allowed is a one-line <!-- TRANSLATORS: ... -->" },
		{ "multi-line comment", "# T\n## S\n<!-- TRANSLATORS: a\nb -->\nText\n",
		  "3: the only comment allowed is a one-line <!-- TRANSLATORS: ... -->" },
		{ "truncated comment", "<!--\n", "1: the only comment allowed is a one-line <!-- TRANSLATORS: ... -->" },
		{ "TRANSLATORS note with nothing after", "# T\n## S\nText.\n<!-- TRANSLATORS: orphan -->\n",
		  "4: a TRANSLATORS comment with no text after it" },
		{ "indented text not continuing an item", "# T\n## S\nPara\n  indented\n",
		  "4: indented text is only allowed to continue a \"- \" item" },
		{ "indented text after a blank line", "# T\n## S\n- item\n\n  indented\n",
		  "5: indented text is only allowed to continue a \"- \" item" },
		{ "indented first line", "# T\n## S\n  indented\n",
		  "3: indented text is only allowed to continue a \"- \" item" },
		{ "stray } on a paragraph's second line", "# T\n## S\nFirst line\nsecond }\n",
		  "4: a '}' without its '{': write code with braces in a ~~~ c block" },
		{ "TRANSLATORS note, then blank lines", "# T\n## S\nText.\n\n<!-- TRANSLATORS: orphan -->\n\n",
		  "5: a TRANSLATORS comment with no text after it" },
		{ "TRANSLATORS note before a run only", "# T\n## S\n<!-- TRANSLATORS: x -->\n~~~ run\nkey\n~~~\n",
		  "3: a TRANSLATORS comment with no text after it" },
		{ "lower-case errno in an if block", "# T\n## S\n~~~ if eidrm\nx\n~~~\n",
		  "3: \"~~~ if\" takes \"ok\" or errno names such as EINVAL" },
		{ "lower-case errno in a prediction", "# T\n## S\n~~~ predict\nrun: key\nQ?\n- ok\n- einval\n~~~\n",
		  "7: a prediction is \"ok\" or an errno name such as EINVAL" },
		{ "a list in an if block", "# T\n## S\n~~~ if ok\nShown.\n- item\nMore\n~~~\n",
		  "3: an \"if\" block holds paragraphs only" },
		{ "unknown expectation", "# T\n## S\n~~~ expect\nfrobs 3\n~~~\n",
		  "4: unknown expectation: use outcome, objects, same, differ, running, stopped, dest or nattch" },
		{ "expectation with too many words", "# T\n## S\n~~~ expect\nobjects msg 1 2\n~~~\n",
		  "4: unknown expectation: use outcome, objects, same, differ, running, stopped, dest or nattch" },
		{ "no step", "# T\n\nIntro.\n", "3: no step: a lesson needs at least one \"## \" heading" },
		{ "title only", "# T", "1: no step: a lesson needs at least one \"## \" heading" },
	};
	char want[600];
	struct lesson *l;

	for (size_t i = 0; i < COUNT(cases); i++) {
		l = parse("e.md", cases[i].text);
		ok(l == NULL, "%s: refused", cases[i].name);
		lesson_free(l);
		snprintf(want, sizeof want, "e.md:%s", cases[i].error);
		is_str(err, want, "  the error names the line and the reason");
	}

	/* Bytes that strlen() would not see: a NUL byte. */
	{
		static const char text[] = "# T\n## S\nA\0B\nmore\n";
		err[0] = '\0';
		l = lesson_parse("dir/e.md", text, sizeof text - 1, err, sizeof err);
		ok(l == NULL, "NUL byte: refused");
		lesson_free(l);
		is_str(err, "dir/e.md:3: a NUL byte", "  NUL byte: line and reason");
	}
	/* Only the first error is reported. */
	l = parse("e.md", "# T\n### a\n\tb\n");
	ok(l == NULL, "two errors: refused");
	is_str(err, "e.md:2: only \"# title\" and \"## step\" headings are allowed", "  the first error is the one reported");
	lesson_free(l);
}

/* ---- question hints and choice reasons -------------------------------- */

static void
tally_prose(const struct prose *prose, void *arg)
{
	(void)prose;
	(*(int *)arg)++;
}

static void
test_question_extras(void)
{
	static const char text[] =
		"# T\n"                                         /*  1 */
		"## S\n"                                        /*  2 */
		"~~~ quiz\n"                                    /*  3 */
		"Which?\n"                                      /*  4 */
		"- [ ] Wrong one\n"                             /*  5 */
		"  why: Because it is\n"                        /*  6 */
		"  wrong.\n"                                    /*  7 */
		"- [x] Right one that goes\n"                   /*  8 */
		"  on here\n"                                   /*  9 */
		"~~~\n"                                         /* 10 */
		"\n"                                            /* 11 */
		"~~~ hint\n"                                    /* 12 */
		"First hint.\n"                                 /* 13 */
		"\n"                                            /* 14 */
		"Second hint.\n"                                /* 15 */
		"~~~\n"                                         /* 16 */
		"~~~ predict\n"                                 /* 17 */
		"run: msgget 1\n"                               /* 18 */
		"What?\n"                                       /* 19 */
		"- ok\n"                                        /* 20 */
		"- EINVAL\n"                                    /* 21 */
		"  why: Only a removed identifier gives it.\n"  /* 22 */
		"~~~\n"                                         /* 23 */
		"Between.\n"                                    /* 24 */
		"\n"                                            /* 25 */
		"~~~ hint\n"                                    /* 26 */
		"The step's hint.\n"                            /* 27 */
		"~~~\n";                                        /* 28 */
	struct lesson *l = parse("q.md", text);
	int n = 0;

	if (!ok(l != NULL, "question extras parse")) {
		diag("error: %s", err);
		return;
	}
	const struct step *st = &l->steps[0];
	is_int((long long)st->nblocks, 4, "quiz, predict, paragraph, step hint: the question hint is no block");
	const struct block *q = &st->blocks[0];
	is_str(q->choices[0].why.text, "Because it is wrong.", "why: joined with its continuation");
	is_int(q->choices[0].why.line, 6, "why: line");
	is_str(q->choices[1].text.text, "Right one that goes on here", "choice continuation still joins");
	ok(q->choices[1].why.text == NULL, "no why: NULL");
	is_int((long long)q->nhints, 2, "the hint right after the quiz is the question's, two paragraphs");
	is_str(q->hints[1].text, "Second hint.", "second hint paragraph");
	const struct block *pr = &st->blocks[1];
	ok(pr->type == BLOCK_PREDICT && pr->choices[0].why.text == NULL, "predict choice without why");
	is_str(pr->choices[1].why.text, "Only a removed identifier gives it.", "predict choice why");
	is_int((long long)pr->nhints, 0, "a hint after a paragraph is not the question's");
	ok(st->blocks[3].type == BLOCK_HINT, "the step's own hint stays a hint block");
	lesson_each_prose(l, tally_prose, &n);
	/* T, S, Which?, 2 choices, 1 why, 2 hints, What?, 1 why, Between., step hint */
	is_int(n, 12, "every why and question hint is a message");
	lesson_free(l);

	l = parse("e.md", "# T\n## S\n~~~ quiz\nQ\n- [ ] a\n  why: one\n  why: two\n- [x] b\n~~~\n");
	is_str(err, "e.md:7: a choice has one \"why:\" line", "two why: lines refused");
	lesson_free(l);
	l = parse("e.md", "# T\n## S\n~~~ predict\nrun: x\nQ\n- ok\n  why:\n- EINVAL\n~~~\n");
	ok(l == NULL, "empty why: refused");
	lesson_free(l);
	l = parse("e.md", "# T\n## S\n~~~ predict\nrun: x\nQ\n- ok\n  more\n- EINVAL\n~~~\n");
	ok(l == NULL, "a predict choice is not continued without a why:");
	lesson_free(l);
}

/* ---- the real lessons -------------------------------------------------- */

static int reports;

static void
report(const char *message)
{
	diag("course_load: %s", message);
	reports++;
}

/* Lesson files, kept for the mutation loop. */
struct corpus {
	char **text;
	size_t *len;
	size_t n;
};

static void
corpus_add(struct corpus *c, const char *text, size_t len)
{
	c->text = xreallocarray(c->text, c->n + 1, sizeof *c->text);
	c->len = xreallocarray(c->len, c->n + 1, sizeof *c->len);
	c->text[c->n] = xmalloc(len + 1);
	memcpy(c->text[c->n], text, len);
	c->text[c->n][len] = '\0';
	c->len[c->n] = len;
	c->n++;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_real_lessons(const char *dir, struct corpus *corpus)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t nnames = 0;
	struct course course;

	if (!ok(d != NULL, "open %s", dir))
		return;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n > 6 && e->d_name[0] >= '0' && e->d_name[0] <= '9' && strcmp(e->d_name + n - 3, ".md") == 0) {
			names = xreallocarray(names, nnames + 1, sizeof *names);
			names[nnames++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	/* Sorted, so that the mutation loop below does the same on every machine. */
	if (nnames > 1)
		qsort(names, nnames, sizeof *names, by_name);
	ok(nnames > 0, "found %zu lesson files in %s", nnames, dir);
	for (size_t i = 0; i < nnames; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		struct strbuf sb = STRBUF_INIT;
		struct lesson *l;

		err[0] = '\0';
		l = lesson_load(path, err, sizeof err);
		if (!ok(l != NULL, "%s parses", names[i]))
			diag("%s", err);
		else
			ok(l->nsteps > 0 && l->number > 0 && l->title.text != NULL, "%s has a number, a title and steps",
			   names[i]);
		lesson_free(l);
		if (read_file(path, &sb, 1 << 20) == 0)
			corpus_add(corpus, sb.buf, sb.len);
		strbuf_free(&sb);
		free(path);
		free(names[i]);
	}
	free(names);

	err[0] = '\0';
	ok(lesson_load("/nonexistent/01-x.md", err, sizeof err) == NULL, "lesson_load of a missing file fails");
	is_str(err, "/nonexistent/01-x.md: No such file or directory", "  and says why");

	reports = 0;
	if (is_int(course_load(dir, &course, report), 0, "course_load")) {
		is_int(reports, 0, "course_load reports nothing");
		ok(course.nlessons > 0, "course has %zu lessons", course.nlessons);
		for (size_t i = 1; i < course.nlessons; i++)
			ok(course.lessons[i - 1]->number < course.lessons[i]->number, "course sorted by number (%d < %d)",
			   course.lessons[i - 1]->number, course.lessons[i]->number);
		if (course.nlessons > 0) {
			const struct lesson *first = course.lessons[0];
			char num[8];
			snprintf(num, sizeof num, "%d", first->number);
			ok(course_find(&course, num) == first, "course_find by number \"%s\"", num);
			snprintf(num, sizeof num, "%02d", first->number);
			ok(course_find(&course, num) == first, "course_find by number \"%s\"", num);
			ok(course_find(&course, first->slug) == first, "course_find by slug \"%s\"", first->slug);
		}
		ok(course_find(&course, "99") == NULL, "course_find \"99\": none");
		ok(course_find(&course, "no-such-lesson") == NULL, "course_find unknown slug: none");
		ok(course_find(&course, "") == NULL, "course_find \"\": none");
		course_free(&course);
		is_int((long long)course.nlessons, 0, "course_free empties the course");
	}
	is_int(course_load("/nonexistent-dir", &course, report), -1, "course_load of a missing directory: -1");
	course_free(&course);
}

/* ---- robustness: a deterministic mutation loop -------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t
rng(void)
{
	/* xorshift64*: the same sequence everywhere. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

static size_t
rnd(size_t n)
{
	return n == 0 ? 0 : rng() % n;
}

/* A line of some corpus text: start offset and length (without '\n'). */
static void
random_line(const struct corpus *c, const char **start, size_t *len)
{
	size_t k = rnd(c->n), off, end;
	const char *t = c->text[k];

	off = rnd(c->len[k] + 1);
	while (off > 0 && t[off - 1] != '\n')
		off--;
	end = off;
	while (end < c->len[k] && t[end] != '\n')
		end++;
	*start = t + off;
	*len = end - off;
}

static void
mutate(struct strbuf *sb, const struct corpus *c)
{
	static const char *const tokens[] = {
		"~~~ run", "~~~ expect", "~~~ if ok", "~~~ if EINVAL EIDRM", "~~~ if", "~~~ hint", "~~~ c",
		"~~~ quiz", "~~~ predict", "~~~", "~~~ x", "~~~ nope", "```", "# T", "## S", "### h", "- ",
		"- [x] a", "- [ ] b", "- ok", "- EINVAL", "run: key", "run:", "<!-- TRANSLATORS: n -->",
		"<!-- x -->", "<!--", "{", "}", "{qid}", "{ q }", "\t", "\r", "\xff", "\xc3", "\xe6\xb1\x89",
		"  ", "", "\n",
	};
	size_t pos = rnd(sb->len + 1);
	struct strbuf out = STRBUF_INIT;
	const char *line;
	size_t len;

	strbuf_init(&out);
	switch (rng() % 8) {
	case 0: /* flip a byte */
		if (sb->len > 0 && pos < sb->len)
			sb->buf[pos] = (char)(sb->buf[pos] ^ (1u << rnd(8)));
		strbuf_free(&out);
		return;
	case 1: /* overwrite with a random byte (NUL included) */
		if (sb->len > 0 && pos < sb->len)
			sb->buf[pos] = (char)rng();
		strbuf_free(&out);
		return;
	case 2: /* insert random bytes */
		strbuf_addn(&out, sb->buf, pos);
		for (size_t k = rnd(4) + 1; k > 0; k--)
			strbuf_addc(&out, (char)rng());
		strbuf_addn(&out, sb->buf + pos, sb->len - pos);
		break;
	case 3: /* delete a run of bytes */
		len = rnd(16) + 1;
		if (pos + len > sb->len)
			len = sb->len - pos;
		strbuf_addn(&out, sb->buf, pos);
		strbuf_addn(&out, sb->buf + pos + len, sb->len - pos - len);
		break;
	case 4: /* truncate */
		sb->len = pos;
		sb->buf[pos] = '\0';
		strbuf_free(&out);
		return;
	case 5: /* splice a line of another lesson in at a line start */
		while (pos > 0 && sb->buf[pos - 1] != '\n')
			pos--;
		random_line(c, &line, &len);
		strbuf_addn(&out, sb->buf, pos);
		strbuf_addn(&out, line, len);
		strbuf_addc(&out, '\n');
		strbuf_addn(&out, sb->buf + pos, sb->len - pos);
		break;
	case 6: /* insert a block or syntax line at a line start */
		while (pos > 0 && sb->buf[pos - 1] != '\n')
			pos--;
		strbuf_addn(&out, sb->buf, pos);
		strbuf_adds(&out, tokens[rnd(COUNT(tokens))]);
		strbuf_addc(&out, '\n');
		strbuf_addn(&out, sb->buf + pos, sb->len - pos);
		break;
	default: /* insert a token anywhere */
		strbuf_addn(&out, sb->buf, pos);
		strbuf_adds(&out, tokens[rnd(COUNT(tokens))]);
		strbuf_addn(&out, sb->buf + pos, sb->len - pos);
		break;
	}
	strbuf_reset(sb);
	strbuf_addn(sb, out.buf, out.len);
	strbuf_free(&out);
}

static void
count_prose(const struct prose *prose, void *arg)
{
	size_t *n = arg;

	*n += strlen(prose->text) > 0 || prose->line > 0;
}

/* Does E look like "PATH:LINE: reason" with a line in [1, MAXLINE]? */
static int
good_error(const char *e, const char *path, int maxline)
{
	size_t n = strlen(path);
	char *end;
	long line;

	if (strncmp(e, path, n) != 0 || e[n] != ':')
		return 0;
	line = strtol(e + n + 1, &end, 10);
	return end != e + n + 1 && line >= 1 && line <= maxline && end[0] == ':' && end[1] == ' ' && end[2] != '\0';
}

static void
test_mutations(struct corpus *corpus)
{
	const char *env = getenv("LESSON_MUTATIONS");
	long iterations = env ? strtol(env, NULL, 10) : 20000;
	long accepted = 0, refused = 0, bad = 0;
	struct strbuf sb = STRBUF_INIT;

	strbuf_init(&sb);
	for (long it = 0; it < iterations; it++) {
		size_t k = rnd(corpus->n), nmut = rnd(6) + 1;
		struct lesson *l;
		char *exact;
		int lines = 1;

		strbuf_reset(&sb);
		strbuf_addn(&sb, corpus->text[k], corpus->len[k]);
		for (size_t m = 0; m < nmut; m++)
			mutate(&sb, corpus);
		for (size_t i = 0; i < sb.len; i++)
			lines += sb.buf[i] == '\n';
		/* An exact-size copy, so that reading past LEN is caught. */
		exact = xmalloc(sb.len ? sb.len : 1);
		memcpy(exact, sb.buf, sb.len);
		memset(err, 0, sizeof err);
		l = lesson_parse("m/03-mutant.md", exact, sb.len, err, sizeof err);
		if (l != NULL) {
			size_t n = 0;
			lesson_each_prose(l, count_prose, &n);
			accepted++;
			if (l->nsteps == 0 || l->title.text == NULL || n == 0 || err[0] != '\0') {
				if (bad++ < 5)
					diag("iteration %ld: accepted without title or steps, or with an error", it);
			}
			lesson_free(l);
		} else {
			refused++;
			if (!good_error(err, "m/03-mutant.md", lines)) {
				if (bad++ < 5)
					diag("iteration %ld: bad error \"%s\"", it, err);
			}
		}
		free(exact);
	}
	strbuf_free(&sb);
	is_int(bad, 0, "mutation loop: every result is a lesson or NULL with \"path:line: reason\"");
	diag("%ld mutants: %ld accepted, %ld refused", iterations, accepted, refused);
	ok(iterations == 0 || (accepted > 0 && refused > 0), "mutants were both accepted and refused");
}

/* code_lines into a strbuf, one line each. */
static void
gather(const char *line, void *arg)
{
	strbuf_addf(arg, "%s\n", line);
}

/* The comments of a C excerpt are messages: found outside string
 * literals, a multi-line one joined into one line; shown as written when
 * there is no translation. */
static void
test_code_comments(void)
{
	static const char code[] =
		"printf(\"/* no comment */\");   // a line comment\n"
		"x = 1;  /* first   line\n"
		"           second line */ y = 2;\n"
		"/* ... */ z = 3; /* two on a line */\n";
	struct strbuf text = STRBUF_INIT;
	struct lesson *l;
	const struct block *b;

	strbuf_init(&text);
	strbuf_addf(&text, "# T\n\n## S\n\n~~~ c\n%s~~~\n", code);
	l = parse("code.md", text.buf);
	ok(l != NULL, "a C excerpt with comments parses");
	if (l == NULL) {
		strbuf_free(&text);
		return;
	}
	b = &l->steps[0].blocks[0];
	is_int((long long)b->ncomments, 3, "three comments with words (not the string, not \"...\")");
	if (b->ncomments == 3) {
		is_str(b->comments[0].text.text, "a line comment", "a // comment");
		is_str(b->comments[1].text.text, "first line second line", "a comment over two lines, one message");
		is_int(b->comments[1].text.line, 7, "its line in the lesson file");
		is_str(b->comments[2].text.text, "two on a line", "the second comment of a line");
	}
	strbuf_reset(&text);
	code_lines(b, gather, &text);
	is_str(text.buf, code, "untranslated, the excerpt is shown as written");
	strbuf_free(&text);
	lesson_free(l);
}

int
main(void)
{
	const char *srcdir = getenv("srcdir");
	struct corpus corpus = { NULL, NULL, 0 };
	char *dir;

	test_minimal();
	test_full();
	test_names_and_notes();
	test_errors();
	test_question_extras();
	test_code_comments();

	dir = xasprintf("%s/lessons", srcdir && *srcdir ? srcdir : ".");
	corpus_add(&corpus, full_lesson, strlen(full_lesson));
	test_real_lessons(dir, &corpus);
	free(dir);
	test_mutations(&corpus);

	for (size_t i = 0; i < corpus.n; i++)
		free(corpus.text[i]);
	free(corpus.text);
	free(corpus.len);
	return tap_done();
}
