/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * restartcost.h: "restartcost [N]", what a server restart costs a waiting
 * client, measured over a message queue and over a UNIX-domain socket.
 */
#ifndef IPCTUTOR_RESTARTCOST_H
#define IPCTUTOR_RESTARTCOST_H

#include "play.h"

int restartcost_command(struct play_ctx *ctx, int argc, char **argv);

#endif
