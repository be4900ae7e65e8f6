/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * comment.h: the comments of a lesson's C excerpt, as the parser finds
 * them (see comment.c); code.c shows them translated.
 */
#ifndef IPCTUTOR_COMMENT_H
#define IPCTUTOR_COMMENT_H

#include <stddef.h>

#include "prose.h"

/* CODE: one comment of a C excerpt.  Its words are a message like any
 * prose; where it stands lets code.c show it translated. */
struct code_comment {
	struct prose text;   /* the words, one line however many it spans */
	size_t first, last;  /* the lines of the block it spans */
	size_t open;         /* where it starts in line FIRST ("/" of the opener) */
	size_t close;        /* where the code after it starts in line LAST */
	int line_comment;    /* a "//" comment, to the end of its line */
};

/* Find the comments of a C excerpt, its NLINES LINES, and append them to
 * *COMMENTS (*NCOMMENTS of them, grown with realloc), each with its words
 * as one line of prose (the message).  A comment with no letters
 * ("/ * ... * /") is no message. */
void code_find_comments(const struct block_line *lines, size_t nlines,
			struct code_comment **comments, size_t *ncomments);

#endif
