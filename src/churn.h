/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * churn.h: the identifier-allocation demonstrations ("churn N", "churn
 * until ID") and the connection-oriented contrast ("contrast pipe",
 * "contrast socket") that show, live, what the lessons claim.
 */
#ifndef IPCTUTOR_CHURN_H
#define IPCTUTOR_CHURN_H

#include "play.h"

int play_churn(struct play_ctx *ctx, int argc, char **argv);
int play_contrast(struct play_ctx *ctx, int argc, char **argv);

#endif
