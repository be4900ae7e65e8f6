/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * reproducible.h: reproducible output (--reproducible: the golden tests and
 * the book).  Values that differ from run to run (process ids, ftok keys
 * taken from inode numbers, attach addresses) and the uid of the user who
 * runs the tutor are printed under stable names ("server#1", "ADDR1",
 * "$UID"), so a transcript is the same on every run and for every user.
 * Interactive output shows the real values; this only changes what is
 * printed, never what is called.
 */
#ifndef IPCTUTOR_REPRODUCIBLE_H
#define IPCTUTOR_REPRODUCIBLE_H

#include <sys/types.h>

struct strbuf;

/* Turn reproducible output on or off; off at start.  Set with
 * the render options (render_init). */
void repro_enable(int on);

/* Remember that the token REAL prints as NAME in reproducible output.  A
 * later name for the same REAL replaces the earlier one.  No effect when
 * output is not reproducible. */
void repro_add(const char *real, const char *name);

/* Has REAL a stable name already?  (The same address can be attached in two
 * processes: it keeps its first name.) */
int repro_known(const char *real);

/* Copy IN to OUT with every whole-token occurrence of a remembered value
 * replaced (a token is bounded by characters that are not letters, digits
 * or '_').  Without reproducible output, a plain copy. */
void repro_text(const char *in, struct strbuf *out);

/* The same into the LEN bytes at OUT, cut short if need be. */
void repro_text_into(const char *in, char *out, size_t len);

/* Name the process PID after its ROLE ("server", "client") and remember the
 * name "ROLE#N" (N counts processes of that role).  Returns the name. */
const char *repro_pid(pid_t pid, const char *role);

/* A user id as reproducible output prints it: the user who runs the tutor
 * is "$UID" (the book and the golden transcripts are the same for every
 * user), any other uid its number.  Interactive output: the number.  The
 * text lives in a static buffer until the next call. */
const char *repro_uid(uid_t uid);

/* Remember that "cuid=UID" of the user who runs the tutor, as IPC_STAT
 * results print it, shows as "cuid=$UID". */
void repro_own_uid(void);

#endif
