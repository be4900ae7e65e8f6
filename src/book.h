/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * book.h: the book, made by the tutor itself.  `ipctutor --book LESSON`
 * prints one chapter in Markdown with the real transcript of every step;
 * `ipctutor --book index` prints the book's front page.  `make book` is a
 * loop over these, per language, plus cmark for the printable HTML.
 */
#ifndef IPCTUTOR_BOOK_H
#define IPCTUTOR_BOOK_H

#include <stdio.h>

/* Print the chapter of the lesson with index LESSON_INDEX in
 * session.course, running its steps.  Returns 0, or -1 when an
 * expectation did not hold (the chapter would not match the lesson). */
int book_chapter(int lesson_index);

/* Print the front page: title, how the book was made, the chapters. */
void book_index(void);

/* Print the glossary (the course's terms) and the heading of the index of
 * calls and errno names, with the words to index in a comment line that
 * book/build.sh replaces with the index. */
void book_glossary(void);

/* Copy the drawing (SVG) read from IN to standard output with its words
 * translated (ipctutor --lang LL --book svg < book/NAME.svg).  Returns 0,
 * or -1 when IN cannot be read. */
int book_svg(FILE *in);

#endif
