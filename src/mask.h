/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * mask.h: values that differ from run to run (process ids, ftok keys taken
 * from inode numbers, attach addresses) and the stable names that replace
 * them in reproducible output (--reproducible: the golden tests and the
 * book), and the uid of the user who runs the tutor, so that the book is
 * the same whoever makes it.  Interactive output shows the real values; masking only changes
 * what is printed, never what is called.
 */
#ifndef IPCTUTOR_MASK_H
#define IPCTUTOR_MASK_H

#include <sys/types.h>

struct strbuf;

/* Turn masking on (reproducible output) or off; off at start.  Set with
 * the render options (render_init). */
void mask_enable(int on);

/* Remember that the token REAL prints as MASK in reproducible output.  A
 * later mask for the same REAL replaces the earlier one.  No effect when
 * output is not reproducible. */
void mask_add(const char *real, const char *mask);

/* Is REAL already masked?  (The same address can be attached in two
 * processes: it keeps its first name.) */
int mask_known(const char *real);

/* Copy IN to OUT with every whole-token occurrence of a remembered value
 * replaced (a token is bounded by characters that are not letters, digits
 * or '_').  Without reproducible output, a plain copy. */
void mask_text(const char *in, struct strbuf *out);

/* Name the process PID after its ROLE ("server", "client") and remember the
 * mask "ROLE#N" (N counts processes of that role).  Returns the mask. */
const char *mask_pid(pid_t pid, const char *role);

/* A user id as reproducible output prints it: the user who runs the tutor
 * is "$UID" (the book and the golden transcripts are the same for every
 * user), any other uid its number.  Interactive output: the number.  The
 * text lives in a static buffer until the next call. */
const char *mask_uid(uid_t uid);

/* Remember that "cuid=UID" of the user who runs the tutor, as IPC_STAT
 * results print it, shows as "cuid=$UID". */
void mask_own_uid(void);

#endif
