/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * vars.c: the table of named run-time values (see vars.h): a short array,
 * searched linearly, because a session sets a few dozen at most.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "vars.h"

struct var {
	char *name;
	char *value;
};

static struct var *vars;
static size_t nvars;

static struct var *
find(const char *name, size_t len)
{
	for (size_t i = 0; i < nvars; i++)
		if (strlen(vars[i].name) == len && memcmp(vars[i].name, name, len) == 0)
			return &vars[i];
	return NULL;
}

/* Set NAME without keeping history. */
static void
set_plain(const char *name, const char *value)
{
	struct var *v = find(name, strlen(name));

	if (v == NULL) {
		vars = xreallocarray(vars, nvars + 1, sizeof *vars);
		v = &vars[nvars++];
		v->name = xstrdup(name);
		v->value = NULL;
	}
	free(v->value);
	v->value = xstrdup(value);
}

void
var_set(const char *name, const char *value)
{
	struct var *v = find(name, strlen(name));

	if (v != NULL && strcmp(v->value, value) != 0 && strncmp(name, "old_", 4) != 0) {
		char *old_name = xasprintf("old_%s", name);
		set_plain(old_name, v->value);
		free(old_name);
	}
	set_plain(name, value);
}

void
var_setf(const char *name, const char *fmt, ...)
{
	va_list ap;
	char *value;

	va_start(ap, fmt);
	value = xvasprintf(fmt, ap);
	va_end(ap);
	var_set(name, value);
	free(value);
}

const char *
var_get(const char *name)
{
	struct var *v = find(name, strlen(name));
	return v ? v->value : NULL;
}

const char *
var_lookup(const char *name, size_t len)
{
	struct var *v = find(name, len);
	return v ? v->value : NULL;
}

void
var_clear_all(void)
{
	for (size_t i = 0; i < nvars; i++) {
		free(vars[i].name);
		free(vars[i].value);
	}
	free(vars);
	vars = NULL;
	nvars = 0;
}

char *
var_expand(const char *line, char **missing)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = line;

	*missing = NULL;
	strbuf_init(&sb);
	while (*p) {
		const char *open = strchr(p, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		const char *value;

		if (open == NULL || close == NULL) {
			strbuf_adds(&sb, p);
			break;
		}
		strbuf_addn(&sb, p, (size_t)(open - p));
		value = var_lookup(open + 1, (size_t)(close - open - 1));
		if (value == NULL) {
			*missing = xstrndup(open + 1, (size_t)(close - open - 1));
			strbuf_free(&sb);
			return NULL;
		}
		strbuf_adds(&sb, value);
		p = close + 1;
	}
	return sb.buf;
}
