/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * nav.h: moving through the course — next, back, again, goto, lessons,
 * hint, answer, reset, quit — and entering a lesson from a clean slate.
 */
#ifndef IPCTUTOR_NAV_H
#define IPCTUTOR_NAV_H

#include "play.h"
#include "session.h"

int nav_next(struct play_ctx *ctx, int argc, char **argv);
int nav_back(struct play_ctx *ctx, int argc, char **argv);
int nav_again(struct play_ctx *ctx, int argc, char **argv);
int nav_goto(struct play_ctx *ctx, int argc, char **argv);
int nav_lessons(struct play_ctx *ctx, int argc, char **argv);
int nav_hint(struct play_ctx *ctx, int argc, char **argv);
int nav_answer(struct play_ctx *ctx, int argc, char **argv);
int nav_reset(struct play_ctx *ctx, int argc, char **argv);
int nav_quit(struct play_ctx *ctx, int argc, char **argv);
int nav_lang(struct play_ctx *ctx, int argc, char **argv);
int nav_confirm_reset(struct play_ctx *ctx, const char *line);

/* Go to lesson index LESSON, step index STEP: a different lesson starts
 * from a clean slate (processes stopped, objects removed, values
 * forgotten); earlier steps are replayed silently; then the step is shown
 * and run. */
void nav_enter(int lesson, int step);

/* Clear the stage for lesson index LESSON: stop every process, remove
 * every object, forget every value, and in a private namespace enter a
 * new one; show nothing. */
void nav_stage(int lesson);

/* Called with each line the learner types, before it runs: a command
 * that may change the world (anything but looking, moving and answering)
 * makes the next step rebuild the world its text describes. */
void nav_typed(const char *line);

/* Add the time since the last count to the current lesson. */
void nav_count_time(void);

/* Set the value VAR to LESSON's score from P: "2/3", "2/3, 1 skipped". */
void nav_score_text(const struct lesson *lesson, const struct lesson_progress *p, const char *var);

/* Parse "3", "stale-id", "3.2" or "stale-id.2" into indexes; one sentence
 * through CTX if it names nothing. */
int nav_parse_position(struct play_ctx *ctx, const char *text, int *lesson, int *step);

/* --follow: move to the teacher's lesson SLUG, step index STEP. */
void nav_follow_to(const char *slug, int step);
int nav_follow(struct play_ctx *ctx, int argc, char **argv);   /* follow, unfollow */

/* The lesson list with progress and score ("lessons", --list). */
void nav_print_lessons(void);

/* Work left for a quiet moment (session.prepare_pending): a follower forks
 * the server and client processes a later step may start.  The input loop
 * calls nav_idle after NAV_IDLE_MS without input or event: longer than a
 * move takes to reach a class of a hundred on a busy machine. */
#define NAV_IDLE_MS 150
void nav_idle(void);

#endif
