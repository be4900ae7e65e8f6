/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * agentchild.h: the process side of a server or client (agent.c forks it).
 */
#ifndef IPCTUTOR_AGENTCHILD_H
#define IPCTUTOR_AGENTCHILD_H

#include <sys/types.h>

#include "agent.h"

/* Run in a child just forked by the tutor PARENT: wait for the line that
 * names the process on COMMANDS (end of file before it: exit quietly),
 * then run each command line with EXEC, writing records on RECORDS, until
 * COMMANDS closes or a command ends the process.  GUARDIAN (or -1) hears
 * of each object the process removes.  Never returns. */
void agent_child_main(int commands, int records, pid_t parent, agent_exec_fn exec, int guardian)
	__attribute__((noreturn));

#endif
