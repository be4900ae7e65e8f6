/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * expect.c: the table of expectation forms (see expect.h).  Only words and
 * counts: what each form means at run time is step.c's.
 */
#include <string.h>

#include "expect.h"

static const struct {
	const char *word;
	enum expect_form form;
	int min_words, max_words;   /* the first word included */
} forms[] = {
	{ "outcome", EXPECT_OUTCOME, 2, EXPECT_MAX_WORDS },
	{ "objects", EXPECT_OBJECTS, 3, 3 },
	{ "same", EXPECT_SAME, 3, 3 },
	{ "differ", EXPECT_DIFFER, 3, 3 },
	{ "running", EXPECT_RUNNING, 2, 2 },
	{ "stopped", EXPECT_STOPPED, 2, 2 },
	{ "dest", EXPECT_DEST, 3, 3 },
	{ "nattch", EXPECT_NATTCH, 3, 3 },
};

int
expect_form(char *const *words, int n, enum expect_form *form)
{
	if (n < 1)
		return -1;
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
		if (strcmp(words[0], forms[i].word) == 0) {
			if (n < forms[i].min_words || n > forms[i].max_words)
				return -1;
			*form = forms[i].form;
			return 0;
		}
	return -1;
}
