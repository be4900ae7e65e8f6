/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * step.h: showing a lesson step.  Blocks are shown in file order: prose is
 * translated and filled in, a run block's commands are run as if typed, an
 * expect block is checked against what the kernel did, an "if" block is
 * shown only when the last outcome matches, and a question stops the step
 * until it is answered (a prediction is graded by making the call).
 */
#ifndef IPCTUTOR_STEP_H
#define IPCTUTOR_STEP_H

#include "lesson.h"

/* Called with the lesson's slug and the step index each time a step is
 * shown (the teacher's tutor publishes it: --lead).  NULL: nobody. */
extern void (*step_on_show)(const char *slug, int step);

/* Show step STEP of the current lesson from its start; with RUN false, show
 * the text but run nothing (for "back").  PREPARE, when not NULL, builds
 * the step's world: it is called once the step's heading is written out
 * (before the lesson's introduction instead, at a first step whose
 * introduction runs something), so that the learner, and a class, see
 * the move before the world is rebuilt. */
void step_show(int step, int run, void (*prepare)(void));

/* Close the current step's open question (unanswered, unmarked: its held
 * output dropped) or its presenter pause, without a word, and return the
 * first of its blocks whose commands have not run yet: the question's
 * own block for a prediction whose call was not made, else the block
 * after it (or the paused run block). */
size_t step_close_question(void);

/* Show the rest of the current step after its question was answered. */
void step_continue(void);

/* Grade answer CHOICE (1-based) to the open question; 0 on a valid answer.
 * A wrong one may be tried again; the first answer is the one scored. */
int step_answer(long choice);

/* Skip the open question: a prediction's call is still made and shown,
 * the answer is shown, the question is marked skipped (unless it was
 * answered before), and the step goes on. */
void step_skip(void);

/* The open prediction's choice named TEXT ("EEXIST", "ok"; any case), as
 * a 1-based number, or 0. */
int step_choice_named(const char *text);

/* How many questions (quiz and predict blocks) LESSON has. */
int step_question_count(const struct lesson *lesson);

/* With a question open: its next hint (0), none at all (-2), no more
 * (-3).  Otherwise the step's hints (0), or -1 when it has none. */
int step_hint(void);


/* Run one command of a run block as if typed, showing it first. */
void step_run_line(const char *text);

/* Check an expect block; each failure is said and counted. */
void step_check_expectations(const struct block *b);

/* Does the last outcome match this "if" block? */
int step_outcome_matches(const struct block *b);


#endif
