/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * session.h: the one state of a tutor session, shared by the command,
 * step and input layers (as the SQLite shell keeps one ShellState): where
 * the learner is, what they answered, how the session was started.
 */
#ifndef IPCTUTOR_SESSION_H
#define IPCTUTOR_SESSION_H

#include "course.h"
#include "lesson.h"
#include "ns.h"
#include "play.h"

/* What the learner did in one lesson (saved in the progress file). */
struct lesson_progress {
	char slug[64];
	int steps_seen;     /* highest step shown, 1-based; 0 = not started */
	int asked;          /* questions answered */
	int correct;        /* of which right at the first try */
	int finished;       /* went past the last step */
	char answers[64];   /* one mark per question of the lesson, in file
			       order: '-' not yet, 'R' right at the first try,
			       'W' wrong at the first try, 'S' skipped; the first
			       mark is final (a question counts once) */
	long seconds;       /* time spent in the lesson */
};

struct session {
	struct course course;          /* every lesson that loaded */
	char *lessons_dir;             /* where they came from */
	int lesson;                    /* index into course.lessons; -1 = none */
	int step;                      /* index into that lesson's steps; -1 = none */

	int batch;                     /* standard input is not a terminal */
	int save_progress;             /* write the progress file */
	char *progress_path;           /* NULL when there is no state directory */
	char *history_path;
	enum ns_mode ns;

	struct actor_state you;        /* what the tutor process itself holds */
	struct play_ctx ctx;           /* the tutor as the actor "you" */

	const struct block *question;  /* an open quiz or predict block */
	int question_answered;
	size_t resume_block;           /* where the step goes on after it */
	int present;                   /* --present: pause before each run */
	int paused;                    /* paused there: Enter runs the block */
	int skip_warned;               /* told that next shows the answer: "next"
					  once with the question open, or a
					  message after a wrong try that said so */
	unsigned tried;                /* choices already picked (bit per choice) */
	size_t hints_shown;            /* of the open question's own hints */
	int predict_ran;               /* its call made, the output held back
					  until the answer is shown (step.c) */

	/* The world the lesson's processes and objects are in: the commands
	 * of steps [0, world_step) of lesson world_lesson, run in order in a
	 * fresh namespace, and nothing else (world_dirty: the learner ran
	 * commands of their own since).  A step runs only in its own world;
	 * any other is rebuilt first (nav.c). */
	int world_lesson;
	int world_step;
	int world_dirty;
	int prepare_pending;           /* processes to fork (a follower's) once
					  idle: some were used, or the
					  namespace is new (nav_idle) */
	long lesson_clock;             /* when time in the lesson was last counted */
	int course_ended;              /* the course's summary was shown */

	struct lesson_progress *progress;
	size_t nprogress;

	int expect_failures;           /* lesson expectations that did not hold */
	int quit;                      /* leave the input loop */
	int confirm_reset;             /* "reset" was typed: waiting for "yes" */
};

extern struct session session;

/* The progress record of LESSON, created on first use. */
struct lesson_progress *session_progress(const struct lesson *lesson);

/* The current lesson, or NULL. */
struct lesson *session_lesson(void);

#endif
