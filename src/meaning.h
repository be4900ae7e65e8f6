/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * meaning.h: one sentence on what a call's result means here, shown under
 * the call ("↳ ...").  The lessons say more; this is what the playground
 * says when no lesson is talking.
 */
#ifndef IPCTUTOR_MEANING_H
#define IPCTUTOR_MEANING_H

#include "trace.h"

/* A translated sentence for CALL's outcome, or NULL when the result speaks
 * for itself.  The string is valid until the next call. */
const char *meaning_of(const struct call *call);

#endif
