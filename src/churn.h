/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * churn.h: the identifier-allocation demonstration ("churn N", "churn
 * until ID") that shows, live, how identifiers are reused.
 */
#ifndef IPCTUTOR_CHURN_H
#define IPCTUTOR_CHURN_H

#include "play.h"

int churn_command(struct play_ctx *ctx, int argc, char **argv);

#endif
