/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * nav.c: the navigation commands (see nav.h).  Every move saves progress.
 * A jump into another lesson first clears the stage — the previous lesson's
 * processes and objects — because every lesson starts from nothing and
 * builds what it needs; a jump to a later step replays the earlier steps'
 * commands silently so the stage is what that step expects.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "flags.h"
#include "i18n.h"
#include "lead.h"
#include "nav.h"
#include "progress.h"
#include "render.h"
#include "session.h"
#include "step.h"
#include "util.h"
#include "vars.h"

struct session session;

struct lesson *
session_lesson(void)
{
	if (session.lesson < 0 || (size_t)session.lesson >= session.course.nlessons)
		return NULL;
	return session.course.lessons[session.lesson];
}

struct lesson_progress *
session_progress(const struct lesson *lesson)
{
	for (size_t i = 0; i < session.nprogress; i++)
		if (strcmp(session.progress[i].slug, lesson->slug) == 0)
			return &session.progress[i];
	session.progress = xreallocarray(session.progress, session.nprogress + 1, sizeof *session.progress);
	struct lesson_progress *p = &session.progress[session.nprogress++];
	memset(p, 0, sizeof *p);
	snprintf(p->slug, sizeof p->slug, "%s", lesson->slug);
	return p;
}

void
nav_stage(int lesson)
{
	actors_shutdown(0);
	var_clear_all();
	actor_state_init(&session.you);
	session.lesson = lesson;
	session.step = 0;
	session.question = NULL;
	session.paused = 0;
}

void
nav_enter(int lesson, int step)
{
	if (lesson != session.lesson)
		nav_stage(lesson);
	if (step > 0)
		step_replay(step);
	step_show(step, 1);
	progress_save();
}

/* Is there a course at all?  One sentence if not. */
static int
have_course(struct play_ctx *ctx)
{
	if (session_lesson() != NULL)
		return 1;
	play_error(ctx, _("No lesson is loaded: check the lesson directory (--lessons DIR)."));
	return 0;
}

int
nav_next(struct play_ctx *ctx, int argc, char **argv)
{
	struct lesson *l;

	(void)argc;
	(void)argv;
	if (!have_course(ctx))
		return -1;
	l = session_lesson();
	if (session.question != NULL && !session.question_answered && !session.skip_warned) {
		session.skip_warned = 1;
		render_paragraph(_("The question is still open: answer with a number, or type next again to skip it."),
				 NULL, 0, NULL);
		return 0;
	}
	session.question = NULL;
	if (session.paused) {
		step_continue();   /* --present: Enter runs the block shown */
		return 0;
	}
	if ((size_t)session.step + 1 < l->nsteps) {
		step_show(session.step + 1, 1);
		progress_save();
		return 0;
	}
	struct lesson_progress *p = session_progress(l);
	p->finished = 1;
	out("\n");
	var_setf("score", "%d/%d", p->correct, p->asked);
	if (p->asked > 0)
		render_paragraph(_("Lesson complete. Your score: {score}."), var_lookup, 0, NULL);
	else
		render_paragraph(_("Lesson complete."), NULL, 0, NULL);
	if ((size_t)session.lesson + 1 >= session.course.nlessons) {
		render_paragraph(_("You have finished the course. Type lessons to see your scores, goto to revisit a lesson, or quit."),
				 NULL, 0, NULL);
		progress_save();
		return 0;
	}
	nav_enter(session.lesson + 1, 0);
	return 0;
}

int
nav_back(struct play_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (!have_course(ctx))
		return -1;
	if (session.step <= 0) {
		play_error(ctx, _("This is the first step of the lesson: goto takes you to another lesson."));
		return -1;
	}
	step_show(session.step - 1, 0);
	render_paragraph(_("(Shown again without running its commands: type again to run them, next to go on.)"),
			 NULL, 0, NULL);
	progress_save();
	return 0;
}

int
nav_again(struct play_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (!have_course(ctx))
		return -1;
	step_show(session.step, 1);
	return 0;
}

int
nav_parse_position(struct play_ctx *ctx, const char *text, int *lesson, int *step)
{
	char *copy = xstrdup(text), *dot = strchr(copy, '.');
	struct lesson *l;
	long s = 1;

	*lesson = 0;
	*step = 0;
	if (dot != NULL) {
		*dot = '\0';
		if (parse_long(dot + 1, 1, 999, &s) != PARSE_OK) {
			play_error(ctx, _("\"%s\" is not a step number: write LESSON.STEP, e.g. 3.2."), dot + 1);
			free(copy);
			return -1;
		}
	}
	l = course_find(&session.course, copy);
	free(copy);
	if (l == NULL) {
		play_error(ctx, _("There is no lesson \"%s\": lessons lists them."), text);
		return -1;
	}
	if ((size_t)s > l->nsteps) {
		play_error(ctx, _("Lesson %d has %zu steps."), l->number, l->nsteps);
		return -1;
	}
	for (size_t i = 0; i < session.course.nlessons; i++)
		if (session.course.lessons[i] == l)
			*lesson = (int)i;
	*step = (int)s - 1;
	return 0;
}

int
nav_goto(struct play_ctx *ctx, int argc, char **argv)
{
	int lesson, step;

	(void)argc;
	if (nav_parse_position(ctx, argv[1], &lesson, &step) != 0)
		return -1;
	/* Within the lesson, going back: the stage must be rebuilt too. */
	if (lesson == session.lesson && step <= session.step)
		session.lesson = -1;
	nav_enter(lesson, step);
	return 0;
}

void
nav_print_lessons(void)
{
	for (size_t i = 0; i < session.course.nlessons; i++) {
		const struct lesson *l = session.course.lessons[i];
		const struct lesson_progress *p = NULL;
		struct strbuf sb = STRBUF_INIT;

		for (size_t k = 0; k < session.nprogress; k++)
			if (strcmp(session.progress[k].slug, l->slug) == 0)
				p = &session.progress[k];
		strbuf_init(&sb);
		strbuf_addf(&sb, "%2d  %s — ", l->number, l->slug);
		strbuf_adds(&sb, step_translate(&l->title));
		strbuf_addf(&sb, _(" · %d/%zu steps"), p ? p->steps_seen : 0, l->nsteps);
		if (p != NULL && p->asked > 0)
			strbuf_addf(&sb, _(" · score %d/%d"), p->correct, p->asked);
		if (p != NULL && p->finished)
			strbuf_adds(&sb, _(" · done"));
		if (!i18n_is_english()) {
			size_t done, all;
			step_translation_count(l, &done, &all);
			/* TRANSLATORS: how much of a lesson is translated. */
			strbuf_addf(&sb, _(" · %zu%% in your language"), all ? done * 100 / all : 100);
		}
		render_paragraph(sb.buf, NULL, 0, (int)i == session.lesson ? "> " : "  ");
		strbuf_free(&sb);
	}
}

int
nav_lessons(struct play_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (session.course.nlessons == 0) {
		play_error(ctx, _("No lesson is loaded: check the lesson directory (--lessons DIR)."));
		return -1;
	}
	nav_print_lessons();
	return 0;
}

int
nav_hint(struct play_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (step_hint() != 0) {
		play_error(ctx, _("This step has no hint: the explanation above is all there is. help lists the commands."));
		return -1;
	}
	return 0;
}

int
nav_answer(struct play_ctx *ctx, int argc, char **argv)
{
	long choice;

	(void)argc;
	if (session.question == NULL || session.question_answered) {
		play_error(ctx, _("There is no open question to answer here."));
		return -1;
	}
	if (parse_long(argv[1], 1, 99, &choice) != PARSE_OK) {
		play_error(ctx, _("Answer with the number of a choice, from 1 to %zu."), session.question->nchoices);
		return -1;
	}
	if (step_answer(choice) != 0)
		return -1;
	progress_save();
	return 0;
}

int
nav_reset(struct play_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	session.confirm_reset = 1;
	render_paragraph(_("Forget all your progress and scores? Type yes to confirm, anything else to keep them."),
			 NULL, 0, NULL);
	return 0;
}

int
nav_confirm_reset(struct play_ctx *ctx, const char *line)
{
	session.confirm_reset = 0;
	if (strcmp(line, "yes") != 0) {
		render_paragraph(_("Nothing was reset."), NULL, 0, NULL);
		return 0;
	}
	progress_reset();
	render_paragraph(_("Progress forgotten. Starting again from lesson 1."), NULL, 0, NULL);
	if (session.course.nlessons == 0) {
		play_error(ctx, _("No lesson is loaded: check the lesson directory (--lessons DIR)."));
		return -1;
	}
	session.lesson = -1;
	nav_enter(0, 0);
	return 0;
}

int
nav_quit(struct play_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	session.quit = 1;
	return 0;
}

int
nav_lang(struct play_ctx *ctx, int argc, char **argv)
{
	if (argc == 1) {
		var_set("language", i18n_language());
		render_paragraph(_("Language: {language}. lang LL switches, e.g. lang fr; lang en goes back to English."),
				 var_lookup, 0, NULL);
		return 0;
	}
	char *bad = i18n_refuse_code(argv[1]);
	if (bad != NULL) {
		play_error(ctx, "%s", bad);
		free(bad);
		return -1;
	}
	if (!i18n_init(argv[1])) {
		play_error(ctx, _("No %s translation is installed; the tutor goes on in English."), argv[1]);
		var_set("language", "en");
		return -1;
	}
	var_set("language", i18n_language());
	render_paragraph(_("From now on the tutor speaks {language}."), var_lookup, 0, NULL);
	return 0;
}

void
nav_follow_to(const char *slug, int step)
{
	struct lesson *l = course_find(&session.course, slug);
	int lesson = -1;

	for (size_t i = 0; l != NULL && i < session.course.nlessons; i++)
		if (session.course.lessons[i] == l)
			lesson = (int)i;
	if (lesson < 0 || step < 0 || (size_t)step >= l->nsteps
	    || (lesson == session.lesson && step == session.step))
		return;
	var_setf("where", "%d.%d", l->number, step + 1);
	render_paragraph(_("Following the teacher to {where}."), var_lookup, 0, NULL);
	if (lesson == session.lesson && step == session.step + 1) {
		step_show(step, 1);
	} else {
		session.lesson = -1;   /* rebuild the stage for that step */
		nav_enter(lesson, step);
	}
	progress_save();
}

int
nav_follow(struct play_ctx *ctx, int argc, char **argv)
{
	int on = strcmp(argv[0], "follow") == 0;

	(void)argc;
	if (!follow_active()) {
		play_error(ctx, _("This tutor does not listen to a teacher: start it with --follow."));
		return -1;
	}
	follow_set(on);
	render_paragraph(on ? _("Following the teacher again: the next move takes you along.")
			    : _("You go on alone; follow takes you back to the teacher's moves."), NULL, 0, NULL);
	return 0;
}
