/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * vars.h: the run-time values a lesson talks about ({key}, {qid},
 * {old_qid}, {errno} ...).  Commands set them; prose and commands use them
 * as {name} placeholders.  Setting a name to a new value keeps the previous
 * one as old_NAME, which is exactly what a lesson about restarts needs.
 */
#ifndef IPCTUTOR_VARS_H
#define IPCTUTOR_VARS_H

#include <stddef.h>

void var_set(const char *name, const char *value);
void var_setf(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *var_get(const char *name);          /* NULL if unset */
/* A placeholder_fn for render: NAME is not NUL-terminated. */
const char *var_lookup(const char *name, size_t len);
void var_clear_all(void);

/* Replace {name} placeholders of a command line; returns a malloc'd string.
 * An unknown name is reported in *missing (malloc'd, caller frees) and the
 * function returns NULL. */
char *var_expand(const char *line, char **missing);

#endif
