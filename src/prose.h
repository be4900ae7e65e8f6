/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * prose.h: the smallest pieces of a lesson's text, shared by the parser
 * (lesson.h) and the finder of a C excerpt's comments (comment.h): a
 * translatable piece of prose, and one line of a fenced block.
 */
#ifndef IPCTUTOR_PROSE_H
#define IPCTUTOR_PROSE_H

/* One translatable piece of prose: the English text is the msgid. */
struct prose {
	char *text;        /* one line, inline Markdown kept (`code`, **bold**) */
	int line;          /* where it starts in the lesson file */
	char *note;        /* TRANSLATORS: comment that preceded it, or NULL */
};

/* One line of a run, expect or code block, with its line number. */
struct block_line {
	char *text;
	int line;
};

#endif
