/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * contrast.h: the connection-oriented contrast ("contrast pipe",
 * "contrast socket"): what a connection reports when its peer dies, which
 * System V IPC never does.
 */
#ifndef IPCTUTOR_CONTRAST_H
#define IPCTUTOR_CONTRAST_H

#include "play.h"

int contrast_command(struct play_ctx *ctx, int argc, char **argv);

#endif
