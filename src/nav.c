/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * nav.c: the navigation commands (see nav.h).  Every move saves progress;
 * the end of a lesson makes it durable.
 * A step runs only in the world its text describes: the one the lesson's
 * own commands build, from nothing, in the steps before it.  Whatever path
 * led here — next, back, again, goto, resume, a revisit, or commands the
 * learner typed — if the world is not that one, it is rebuilt first, the
 * same way every time: the stage is cleared (processes stopped, objects
 * removed, values forgotten, and in a private namespace a new one entered,
 * so identifiers come out as they did the first time) and the earlier
 * steps' commands are replayed without a word.  Moving on to the next
 * step from one left halfway (its question open) in a world nobody
 * touched needs less: the rest of that step runs, without a word.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flags.h"
#include "exercise.h"
#include "i18n.h"
#include "lead.h"
#include "nav.h"
#include "playground.h"
#include "progress.h"
#include "render.h"
#include "session.h"
#include "step.h"
#include "util.h"
#include "vars.h"

/* What a learner did with a lesson's questions (or the course's). */
struct tally {
	int questions, right, wrong, skipped;
	long seconds;
};

#define FOLLOWER_SPARES 2   /* processes a follower keeps forked ahead */

static void course_end(void);
static void print_lessons(int with_total);

/* Seconds on a monotonic clock; always 0 with --reproducible, so that
 * transcripts do not depend on how fast they ran. */
static long
clock_seconds(void)
{
	struct timespec ts;

	if (render_options()->reproducible)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec;
}

void
nav_count_time(void)
{
	struct lesson *l = session_lesson();
	long now = clock_seconds();

	if (l != NULL && session.lesson_clock > 0 && now > session.lesson_clock)
		session_progress(l)->seconds += now - session.lesson_clock;
	session.lesson_clock = now;
}

void
nav_stage(int lesson)
{
	nav_count_time();
	play_shutdown(0);
	if (session.ns == NS_PRIVATE || session.ns == NS_PRIVATE_USERNS)
		ns_renew();   /* failing, the emptied namespace still serves */
	var_clear_all();
	actor_state_init(&session.you);
	session.lesson = lesson;
	session.step = 0;
	session.question = NULL;
	session.paused = 0;
	session.world_lesson = lesson;
	session.world_step = 0;
	session.world_dirty = 0;
	session.prepare_pending = 1;   /* processes made ready are in the old namespace */
}

/* Run, without a word, the current lesson's run lines and predictions'
 * calls from block BLOCK of step FROM up to step UPTO (not included). */
static void
replay(int from, size_t block, int upto)
{
	struct lesson *l = session_lesson();

	render_quiet(1);
	for (int s = from; s < upto && s < (int)l->nsteps; s++, block = 0)
		for (size_t i = block; i < l->steps[s].nblocks; i++) {
			const struct block *b = &l->steps[s].blocks[i];
			if (b->type == BLOCK_RUN)
				for (size_t k = 0; k < b->nlines; k++)
					step_run_line(b->lines[k].text);
			else if (b->type == BLOCK_PREDICT)
				step_run_line(b->predict_run.text);
		}
	render_quiet(0);
}

static int rebuilding;   /* the step whose world rebuild_world builds */

/* A fresh world for step REBUILDING: the lesson staged again and the steps
 * before it replayed. */
static void
rebuild_world(void)
{
	nav_stage(session.lesson);
	replay(0, 0, rebuilding);
	session.step = rebuilding;
	session.world_step = -1;   /* as show_step left it */
}

/* Show step STEP of the current lesson and run it in its own world,
 * rebuilt unless the world is already that one: after its heading is
 * out, so that a move is seen at once (by a class of a hundred too). */
static void
show_step(int step)
{
	/* On from a step left halfway (its question open, or paused by
	 * --present) in a world nobody touched: the rest of it runs quietly,
	 * a few calls instead of a rebuild (a class moved past a question). */
	if (step == session.step + 1 && session.world_lesson == session.lesson && session.world_step < 0
	    && !session.world_dirty && ((session.question != NULL && !session.question_answered) || session.paused)) {
		replay(session.step, step_close_question(), step);
		session.world_step = step;
	}
	int fresh = session.world_lesson == session.lesson && session.world_step == step && !session.world_dirty;

	rebuilding = step;
	/* Running the step changes the world: it is the next step's once
	 * the step has run to its end (step.c marks it), maybe only after
	 * its question is answered or skipped. */
	session.world_step = -1;
	step_show(step, 1, fresh ? NULL : rebuild_world);
}

void
nav_enter(int lesson, int step)
{
	/* A lesson that does not parse is left out (and was reported):
	 * the next one that does takes its place. */
	int usable = course_usable(&session.course, (size_t)lesson);

	if (usable < 0) {
		render_error(_("No lesson is loaded: check the lesson directory (--lessons DIR)."));
		return;
	}
	if (usable != lesson)
		step = 0;
	lesson = usable;
	if (lesson != session.lesson)
		nav_count_time();
	session.lesson = lesson;
	show_step(step);
	progress_save();
}

void
nav_typed(const char *line)
{
	/* Only a playground command may change the world the lesson built,
	 * and not those that only look; the tutor's own commands move or
	 * talk, a typo runs nothing, check works in a namespace of its own. */
	static const char *const harmless[] = { "ipcs", "explain", NULL };
	char word[32];
	size_t n = strcspn(line + strspn(line, " \t"), " \t");
	const char *start = line + strspn(line, " \t");

	if (n == 0 || n >= sizeof word || session.confirm_reset)
		return;
	memcpy(word, start, n);
	word[n] = '\0';
	if (isdigit((unsigned char)word[0]) || word[0] == '#')
		return;
	if (session.question != NULL && !session.question_answered && step_choice_named(start) > 0)
		return;
	for (size_t i = 0; harmless[i] != NULL; i++)
		if (strcmp(word, harmless[i]) == 0)
			return;
	if (play_find(word) == NULL)
		return;
	session.world_dirty = 1;
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
		render_paragraph(_("The question is still open: answer it, or type next again to skip it (the tutor then shows the answer)."),
				 NULL, 0, NULL);
		return 0;
	}
	if (session.question != NULL && !session.question_answered) {
		/* Skipped: the kernel still answers, and the step goes on. */
		step_skip();
		progress_save();
		return 0;
	}
	session.question = NULL;
	if (session.paused) {
		step_continue();   /* --present: Enter runs the block shown */
		return 0;
	}
	if ((size_t)session.step + 1 < l->nsteps) {
		show_step(session.step + 1);
		progress_save();
		return 0;
	}
	struct lesson_progress *p = session_progress(l);
	/* The last lesson that parses (parsing the next one now, if need be). */
	int last = course_usable(&session.course, (size_t)session.lesson + 1) < 0;
	if (last && p->finished && session.course_ended) {
		/* The summary was given: a reminder of the ways on. */
		render_paragraph(_("Type lessons to see your scores, goto to revisit a lesson, or quit."), NULL, 0, NULL);
		return 0;
	}
	p->finished = 1;
	nav_count_time();
	out("\n");
	nav_score_text(l, p, "score");
	if (step_question_count(l) > 0)
		render_paragraph(_("Lesson complete. Your score: {score}."), var_lookup, 0, NULL);
	else
		render_paragraph(_("Lesson complete."), NULL, 0, NULL);
	if (last) {
		session.course_ended = 1;
		course_end();
		progress_sync();   /* the end of a lesson: durable */
		return 0;
	}
	nav_enter(session.lesson + 1, 0);
	progress_sync();
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
	show_step(session.step - 1);
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
	show_step(session.step);
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
	*lesson = course_index(&session.course, l);
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
	nav_enter(lesson, step);
	return 0;
}

/* Count the marks of P's answers over LESSON's questions. */
static void
tally(const struct lesson *lesson, const struct lesson_progress *p, struct tally *t)
{
	int n = step_question_count(lesson);

	t->questions += n;
	for (int i = 0; p != NULL && i < n && p->answers[i] != '\0'; i++) {
		t->right += p->answers[i] == 'R';
		t->wrong += p->answers[i] == 'W';
		t->skipped += p->answers[i] == 'S';
	}
	if (p != NULL)
		t->seconds += p->seconds;
}

/* "2/3" or "2/3, 1 skipped": right at the first try, of how many. */
static char *
score_text(const struct tally *t)
{
	char *score = xasprintf("%d/%d", t->right, t->questions);

	if (t->skipped > 0) {
		/* TRANSLATORS: a score, then how many questions were skipped:
		   "2/3, 1 skipped". */
		char *with = xasprintf(_("%s, %d skipped"), score, t->skipped);
		free(score);
		score = with;
	}
	int unanswered = t->questions - t->right - t->wrong - t->skipped;
	if (unanswered > 0) {
		/* TRANSLATORS: a score, then how many questions were not
		   reached yet: "0/3, 3 unanswered". */
		char *with = xasprintf(_("%s, %d unanswered"), score, unanswered);
		free(score);
		score = with;
	}
	return score;
}

/* Time spent, roughly: "under a minute", "12 min". */
static char *
time_text(long seconds)
{
	if (seconds < 60)
		return xstrdup(_("under a minute"));
	return xasprintf(_("%ld min"), (seconds + 30) / 60);
}

void
nav_score_text(const struct lesson *lesson, const struct lesson_progress *p, const char *var)
{
	struct tally t = { 0, 0, 0, 0, 0 };
	char *score;

	tally(lesson, p, &t);
	score = score_text(&t);
	var_set(var, score);
	free(score);
}

static const struct lesson_progress *
find_progress(const struct lesson *l)
{
	for (size_t k = 0; k < session.nprogress; k++)
		if (strcmp(session.progress[k].slug, l->slug) == 0)
			return &session.progress[k];
	return NULL;
}

/* The course's total: every lesson's score and time, as "{total}" and
 * "{time}". */
static void
set_total(void)
{
	struct tally t = { 0, 0, 0, 0, 0 };
	char *text;

	for (size_t i = 0; i < session.course.nlessons; i++) {
		const struct lesson *l = course_lesson(&session.course, i);
		if (l != NULL)
			tally(l, find_progress(l), &t);
	}
	text = score_text(&t);
	var_set("total", text);
	free(text);
	text = time_text(t.seconds);
	var_set("time", text);
	free(text);
}

/* The end of the course: the total, and the lessons worth a second look
 * (a question there was answered wrong at the first try, or skipped). */
static void
course_end(void)
{
	struct strbuf again = STRBUF_INIT;

	set_total();
	render_paragraph(_("You have finished the course. Right at the first try: {total}; time spent: {time}."),
			 var_lookup, 0, NULL);
	print_lessons(0);
	strbuf_init(&again);
	for (size_t i = 0; i < session.course.nlessons; i++) {
		const struct lesson *l = course_lesson(&session.course, i);
		struct tally t = { 0, 0, 0, 0, 0 };
		if (l == NULL)
			continue;
		tally(l, find_progress(l), &t);
		if (t.questions > 0 && t.right < t.questions)
			strbuf_addf(&again, "%s%d", again.len ? ", " : "", l->number);
	}
	if (again.len > 0) {
		var_set("revisit", again.buf);
		render_paragraph(_("Worth a second look: lessons {revisit}, where a question was skipped, not answered or not right at the first try (goto N takes you there)."),
				 var_lookup, 0, NULL);
	} else {
		render_paragraph(_("Every question right at the first try."), NULL, 0, NULL);
	}
	strbuf_free(&again);
	render_paragraph(_("Type lessons to see your scores, goto to revisit a lesson, or quit."), NULL, 0, NULL);
}

/* Each lesson with its progress, score and time; WITH_TOTAL: and the
 * course's total. */
static void
print_lessons(int with_total)
{
	nav_count_time();
	for (size_t i = 0; i < session.course.nlessons; i++) {
		const struct lesson *l = course_lesson(&session.course, i);
		const struct lesson_progress *p;
		struct tally t = { 0, 0, 0, 0, 0 };
		struct strbuf sb = STRBUF_INIT;

		if (l == NULL)
			continue;   /* it does not parse: reported */
		p = find_progress(l);

		strbuf_init(&sb);
		strbuf_addf(&sb, "%s%d %s — ", (int)i == session.lesson ? "> " : "", l->number, l->slug);
		strbuf_adds(&sb, prose_translate(&l->title));
		strbuf_addf(&sb, _(" · %d/%zu steps"), p ? p->steps_seen : 0, l->nsteps);
		tally(l, p, &t);
		if (t.right + t.wrong + t.skipped > 0) {
			char *score = score_text(&t);
			strbuf_addf(&sb, _(" · score %s"), score);
			free(score);
		}
		if (t.seconds >= 60) {
			char *time = time_text(t.seconds);
			strbuf_addf(&sb, " · %s", time);
			free(time);
		}
		if (p != NULL && p->finished)
			strbuf_adds(&sb, _(" · done"));
		const char *exercise = exercise_state(l->number);
		if (exercise != NULL)
			/* TRANSLATORS: the exercise of a lesson and its state
			   (done, tried, new). */
			strbuf_addf(&sb, _(" · exercise %d: %s"), l->number, exercise);
		if (!i18n_is_english()) {
			size_t done, all;
			lesson_translation_count(l, &done, &all);
			/* TRANSLATORS: how much of a lesson is translated. */
			strbuf_addf(&sb, _(" · %zu%% in your language"), all ? done * 100 / all : 100);
		}
		/* Its further lines under its name, the numbers alone. */
		render_hanging(sb.buf, (int)i == session.lesson ? 0 : 2, (int)i == session.lesson ? 4 : 2);
		strbuf_free(&sb);
	}
	if (!with_total)
		return;
	set_total();
	render_paragraph(_("All lessons: right at the first try {total}; time spent: {time}."), var_lookup, 4, NULL);
}

void
nav_print_lessons(void)
{
	print_lessons(1);
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
	switch (step_hint()) {
	case 0:
		return 0;
	case -2:
		render_paragraph(_("This question has no hint of its own: the text above it is all you need."), NULL, 0, NULL);
		return 0;
	case -3:
		render_paragraph(_("That was the last hint for this question: answer it, or type next to skip it and see the answer."),
				 NULL, 0, NULL);
		session.skip_warned = 1;   /* so one next does skip it */
		return 0;
	default:
		play_error(ctx, _("This step has no hint: the explanation above is all there is. help lists the commands."));
		return -1;
	}
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
	if (parse_long(argv[1], 1, 99, &choice) != PARSE_OK && (choice = step_choice_named(argv[1])) == 0) {
		if (session.question->type == BLOCK_PREDICT)
			play_error(ctx, _("Answer with the number of a choice, from 1 to %zu, or its name."),
				   session.question->nchoices);
		else
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
	char before[32];
	snprintf(before, sizeof before, "%s", i18n_language());
	if (!i18n_init(argv[1])) {
		/* A mistyped name must not cost the learner their language:
		 * go back to the one in use, and say so in it. */
		i18n_init(before);
		var_set("language", i18n_language());
		play_error(ctx, _("No %s translation is installed; the tutor goes on in %s."), argv[1],
			   i18n_language());
		return -1;
	}
	var_set("language", i18n_language());
	play_prepare(0);   /* processes forked ahead spoke the language before */
	render_paragraph(_("From now on the tutor speaks {language}."), var_lookup, 0, NULL);
	return 0;
}

void
nav_follow_to(const char *slug, int step)
{
	struct lesson *l = course_find(&session.course, slug);
	int lesson = l != NULL ? course_index(&session.course, l) : -1;

	if (lesson < 0 || step < 0 || (size_t)step >= l->nsteps
	    || (lesson == session.lesson && step == session.step))
		return;
	var_setf("where", "%d.%d", l->number, step + 1);
	render_paragraph(_("Following the teacher to {where}."), var_lookup, 0, NULL);
	nav_enter(lesson, step);   /* in that step's world, rebuilt if need be */
	progress_save();
	if (play_prepared() < FOLLOWER_SPARES)
		session.prepare_pending = 1;   /* for a later move, once idle */
}

void
nav_idle(void)
{
	/* Not at the move: a class woken at once, each forking, waits long. */
	if (session.prepare_pending && follow_active())
		play_prepare(FOLLOWER_SPARES);
	session.prepare_pending = 0;
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
	char slug[64];
	int step;
	if (on && follow_last(slug, sizeof slug, &step))
		nav_follow_to(slug, step);   /* a move made while alone: catch up */
	return 0;
}
