/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * expect.h: the words of a lesson's "~~~ expect" block (lessons/README.md),
 * in one table: each form's first word and how many words it takes.  The
 * parser (lesson.c) refuses a line that names no form; the step runner
 * (step.c) asks the running kernel whether it holds, one case per form.
 * To add a form: a value here, a row in expect.c, a case in step.c (the
 * compiler warns where one is missing).
 */
#ifndef IPCTUTOR_EXPECT_H
#define IPCTUTOR_EXPECT_H

enum expect_form {
	EXPECT_OUTCOME,   /* outcome A [B...]: the last call's outcome is one of them */
	EXPECT_OBJECTS,   /* objects msg|sem|shm N: the kernel lists N such objects */
	EXPECT_SAME,      /* same VAR1 VAR2: two values are equal */
	EXPECT_DIFFER,    /* differ VAR1 VAR2: two values differ */
	EXPECT_RUNNING,   /* running NAME: that process runs */
	EXPECT_STOPPED,   /* stopped NAME: it does not */
	EXPECT_DEST,      /* dest ID yes|no: the segment is marked for removal */
	EXPECT_NATTCH,    /* nattch ID N: the segment has N attachments */
};

/* The most words an expectation line may have. */
#define EXPECT_MAX_WORDS 20

/* The form of the expectation made of the words WORDS[0..N): 0 and *FORM,
 * or -1 when the first word names no form or the count does not fit it. */
int expect_form(char *const *words, int n, enum expect_form *form);

#endif
