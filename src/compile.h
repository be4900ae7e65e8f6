/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * compile.h: compile a learner's C file with the system compiler for
 * "check N": $CC (or cc) with -Wall -Wextra, its messages shown as the
 * compiler wrote them.
 */
#ifndef IPCTUTOR_COMPILE_H
#define IPCTUTOR_COMPILE_H

/* Compile FILE into PROGRAM, the compiler's messages kept in DIR/cc.log
 * and shown.  0: compiled; 1: the compiler refused it (its messages are
 * shown; the caller says the verdict); 2: no compiler could be run (said
 * in one sentence). */
int compile_program(const char *file, const char *program, const char *dir);

#endif
