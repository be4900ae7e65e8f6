/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * book_record.h: the one recorded run the book names (book/recorded-run.txt):
 * the kernel its transcripts were recorded on, and one restartcost run's
 * figures, so that the book is the same on every machine.
 */
#ifndef IPCTUTOR_BOOK_RECORD_H
#define IPCTUTOR_BOOK_RECORD_H

struct strbuf;

/* Print the sentence that names the kernel the transcripts were recorded
 * on.  Put the sentence that introduces the figures of the recorded
 * restartcost run into LABEL and the figures into LINES, one a line; -1
 * when there is no record. */
void book_record_kernel(void);
int book_record_restartcost(struct strbuf *label, struct strbuf *lines);

#endif
