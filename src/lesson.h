/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * lesson.h: a lesson as data.  A lesson is a file lessons/NN-slug.md in a
 * strict subset of Markdown (see lessons/README.md): one "# " title, an
 * introduction, "## " steps, paragraphs, "- " list items, and fenced blocks
 * whose info string says what they are (run, expect, if, hint, c, quiz,
 * predict).  The same parser serves the tutor, the catalog extractor
 * (--pot), the book and the fuzz harness, so what is linted is what runs.
 */
#ifndef IPCTUTOR_LESSON_H
#define IPCTUTOR_LESSON_H

#include <stddef.h>

#include "comment.h"

enum block_type {
	BLOCK_PARAGRAPH,   /* prose */
	BLOCK_ITEM,        /* "- " list item: prose shown with a bullet */
	BLOCK_RUN,         /* playground commands, run in order */
	BLOCK_EXPECT,      /* assertions checked after the run */
	BLOCK_IF,          /* prose shown only when the last outcome matches */
	BLOCK_HINT,        /* prose shown on "hint" */
	BLOCK_CODE,        /* a C excerpt shown verbatim */
	BLOCK_QUIZ,        /* question, choices, one or more correct */
	BLOCK_PREDICT,     /* question graded by what the kernel answers */
};

struct choice {
	struct prose text;
	int correct;       /* quiz: marked [x]; predict: unused */
	struct prose why;  /* "  why: ..." under the choice: its one-line
			      reason; why.text is NULL when there is none */
};

struct block {
	enum block_type type;
	int line;                     /* the opening line */
	struct prose prose;           /* PARAGRAPH, ITEM */
	struct block_line *lines;     /* RUN, EXPECT, CODE */
	size_t nlines;
	char **outcomes;              /* IF: "ok" or errno names */
	size_t noutcomes;
	struct prose *paras;          /* IF, HINT; QUIZ and PREDICT: the question */
	size_t nparas;
	struct choice *choices;       /* QUIZ, PREDICT */
	size_t nchoices;
	struct prose *hints;          /* QUIZ, PREDICT: the question's own hint,
					 a "~~~ hint" block right after it; one
					 paragraph per "hint" asked */
	size_t nhints;
	struct block_line predict_run; /* PREDICT: the command that answers */
	struct code_comment *comments; /* CODE: its comments, in order */
	size_t ncomments;
};

struct step {
	struct prose title;
	int line;
	struct block *blocks;
	size_t nblocks;
};

enum lesson_state {
	LESSON_NAMED,        /* only path, slug and number: not read yet */
	LESSON_PARSED,       /* everything below is filled in */
	LESSON_BROKEN,       /* it did not parse (reported once) */
};

struct lesson {
	enum lesson_state state;
	char *path;          /* as given to the parser */
	char *slug;          /* "create-open" from "01-create-open.md" */
	int number;          /* 1 from "01-create-open.md" */
	struct prose title;
	struct block *intro; /* before the first step */
	size_t nintro;
	struct step *steps;
	size_t nsteps;
};

/* Parse TEXT (LEN bytes, need not be NUL-terminated) as the lesson file PATH.
 * On success return a lesson to free with lesson_free().  On any error return
 * NULL and write "PATH:LINE: reason" (reason translated) into ERR.  Never
 * crashes and never reads past LEN, whatever the bytes. */
struct lesson *lesson_parse(const char *path, const char *text, size_t len,
			    char *err, size_t errlen);

/* Read and parse one lesson file; errors as lesson_parse (including I/O). */
struct lesson *lesson_load(const char *path, char *err, size_t errlen);

void lesson_free(struct lesson *lesson);

/* Call FN for every translatable prose of LESSON in file order, with the
 * TRANSLATORS note; used by the catalog extractor and the coverage count. */
void lesson_each_prose(const struct lesson *lesson,
		       void (*fn)(const struct prose *prose, void *arg), void *arg);

/* Take the number and slug apart from a lesson file's name, as in
 * "lessons/01-create-open.md": 1 and "create-open" (the slug malloc'd).
 * A name without "NN-" gives number 0 and the whole base name. */
void lesson_name(const char *path, int *number, char **slug);

/* The lesson's prose in the learner's language: gettext, with an English
 * paragraph marked when no translation exists (course.c). */
const char *prose_translate(const struct prose *prose);

/* How many of LESSON's prose pieces have a translation in the current
 * language, of how many. */
void lesson_translation_count(const struct lesson *lesson, size_t *translated, size_t *total);

#endif
