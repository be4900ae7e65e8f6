/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * view.h: looking without changing: "ipcs" (the kernel's list from
 * /proc/sysvipc, the tutor's own objects marked, identifiers decoded) and
 * "explain" (an errno for IPC calls, or the parts of an identifier).
 */
#ifndef IPCTUTOR_VIEW_H
#define IPCTUTOR_VIEW_H

#include "play.h"

int view_ipcs(struct play_ctx *ctx, int argc, char **argv);
/* The ipcs view without its legend, for "watch" (whose tutor created
 * nothing, so that no object is marked). */
int view_objects(struct play_ctx *ctx);
int view_explain(struct play_ctx *ctx, int argc, char **argv);

/* How many objects the kernel lists in this namespace, all kinds; -1 when
 * /proc/sysvipc cannot be read. */
int view_count_objects(void);

#endif
