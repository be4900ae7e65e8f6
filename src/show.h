/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * show.h: the tutor's sink, where what any process did is shown to the
 * learner and remembered for the lesson: the tutor itself ("you") at once,
 * a server or client through the records agent.c reads from its pipe.
 */
#ifndef IPCTUTOR_SHOW_H
#define IPCTUTOR_SHOW_H

#include "play.h"

/* Shows the calls, notes and errors of the process the play_ctx names,
 * sets the lesson's values ({outcome}, {errno}, {qid}, {client_qid}...)
 * and registers the objects created. */
extern const struct play_sink tutor_sink;

/* A process called ACTOR starts afresh: its attach addresses are counted
 * from ADDR1 again in reproducible output. */
void show_forget_attachments(const char *actor);

#endif
