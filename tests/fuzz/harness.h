/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * harness.h: what the fuzzers feed, shared by the libFuzzer entry points
 * (fuzz-lesson.c, fuzz-command.c, built by `make fuzz` with clang) and by
 * the replay test (tests/unit/test-fuzz-replay.c, built with the ordinary
 * compiler), so that every input ever found is checked by plain builds.
 */
#ifndef IPCTUTOR_FUZZ_HARNESS_H
#define IPCTUTOR_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "errnos.h"
#include "flags.h"
#include "lesson.h"
#include "util.h"
#include "vars.h"

/* The lesson parser on any bytes: it returns a lesson or an error. */
static inline void
fuzz_lesson(const uint8_t *data, size_t size)
{
	char err[512];
	struct lesson *l = lesson_parse("fuzz.md", (const char *)data, size, err, sizeof err);

	if (l == NULL && strncmp(err, "fuzz.md:", 8) != 0)
		abort();   /* an error must name the file and line */
	lesson_free(l);
}

static void
fuzz_ignore(const char *candidate, void *arg)
{
	(void)candidate;
	(void)arg;
}

/* What a typed line goes through before any call is made: splitting and
 * quoting, placeholders, numbers, keys, flags, control words, completion. */
static inline void
fuzz_command(const uint8_t *data, size_t size)
{
	char *line = xstrndup((const char *)data, size), *missing = NULL;
	char *argv[16], *expanded;
	int argc;

	var_set("key", "0x54010203");
	cmd_complete(line, strlen(line), line, fuzz_ignore, NULL);
	expanded = var_expand(line, &missing);
	free(missing);
	free(expanded);
	argc = split_words(line, argv, 16);
	for (int i = 0; i < argc; i++) {
		long n;
		int v;
		key_t k;
		const char *bad;
		size_t badlen;
		char buf[128];

		(void)parse_long(argv[i], -2147483648L, 2147483647L, &n);
		(void)key_parse(argv[i], &k);
		(void)ctl_parse(argv[i], &v);
		for (int c = FLAGS_GET; c <= FLAGS_SHMAT; c++)
			if (flags_parse((enum flag_context)c, argv[i], &v, &bad, &badlen) == PARSE_OK)
				flags_format((enum flag_context)c, v, buf, sizeof buf);
		(void)errno_from_name(argv[i]);
	}
	free(line);
}

#endif
