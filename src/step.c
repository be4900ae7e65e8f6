/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * step.c: showing and running a step (see step.h).  The explanation that
 * follows a run is picked by the outcome the kernel really gave ({outcome},
 * set by every call shown), so the same lesson is right on a kernel that
 * answers EINVAL and on one that answers EIDRM.
 *
 * A question is graded at the first try and counts once, whatever path
 * leads to it again.  A wrong choice says why it is wrong (its "why:"
 * line) and the learner may try again until the answer is shown.  A
 * prediction's call is made at the first answer, with its output held
 * back, so the kernel grades every try; the output is shown with the
 * answer, or when the question is skipped: the kernel answers either way.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>

#include "agent.h"
#include "code.h"
#include "expect.h"
#include "flags.h"
#include "exercise.h"
#include "i18n.h"
#include "playground.h"
#include "procview.h"
#include "render.h"
#include "session.h"
#include "step.h"
#include "util.h"
#include "vars.h"

void (*step_on_show)(const char *slug, int step);

static void step_mark_world(void);

static void
paragraph(const struct prose *prose, int indent, const char *first)
{
	render_paragraph(prose_translate(prose), var_lookup, indent, first);
}

/* The open prediction's output, held back until the answer is shown,
 * and the outcome the kernel gave. */
static struct strbuf held = STRBUF_INIT;
static char held_outcome[32];

static int
is_question(const struct block *b)
{
	return b->type == BLOCK_QUIZ || b->type == BLOCK_PREDICT;
}

int
step_question_count(const struct lesson *l)
{
	int n = 0;

	for (size_t i = 0; i < l->nintro; i++)
		n += is_question(&l->intro[i]);
	for (size_t s = 0; s < l->nsteps; s++)
		for (size_t i = 0; i < l->steps[s].nblocks; i++)
			n += is_question(&l->steps[s].blocks[i]);
	return n;
}

/* The number of question B in L, from 0 in file order; -1 if not L's. */
static int
question_index(const struct lesson *l, const struct block *b)
{
	int n = 0;

	for (size_t i = 0; i < l->nintro; i++)
		if (is_question(&l->intro[i])) {
			if (&l->intro[i] == b)
				return n;
			n++;
		}
	for (size_t s = 0; s < l->nsteps; s++)
		for (size_t i = 0; i < l->steps[s].nblocks; i++)
			if (is_question(&l->steps[s].blocks[i])) {
				if (&l->steps[s].blocks[i] == b)
					return n;
				n++;
			}
	return -1;
}

/* Mark the open question 'R', 'W' or 'S' in the progress, unless it has
 * a mark already: the first counts. */
static void
record(char mark)
{
	struct lesson *l = session_lesson();
	struct lesson_progress *p = session_progress(l);
	int q = question_index(l, session.question), n = step_question_count(l);
	size_t len = strlen(p->answers);

	if (q < 0 || q >= (int)sizeof p->answers - 1 || n >= (int)sizeof p->answers)
		return;
	while (len < (size_t)n)
		p->answers[len++] = '-';
	p->answers[len] = '\0';
	if (p->answers[q] != '-')
		return;
	p->answers[q] = mark;
	p->asked = p->correct = 0;
	for (size_t i = 0; i < len; i++) {
		p->asked += p->answers[i] == 'R' || p->answers[i] == 'W';
		p->correct += p->answers[i] == 'R';
	}
}

int
step_choice_named(const char *text)
{
	const struct block *b = session.question;
	char *copy;
	int found = 0;

	if (b == NULL || b->type != BLOCK_PREDICT)
		return 0;
	copy = xstrdup(text);
	strtrim(copy);
	for (size_t i = 0; i < b->nchoices && !found; i++)
		if (strcasecmp(copy, b->choices[i].text.text) == 0)
			found = (int)i + 1;
	free(copy);
	return found;
}

/* Make the open prediction's call, its output held back (once). */
static void
hold_prediction(void)
{
	struct strbuf *previous;
	const char *outcome;

	if (session.predict_ran)
		return;
	strbuf_free(&held);
	strbuf_init(&held);
	previous = render_capture(&held);
	step_run_line(session.question->predict_run.text);
	render_capture(previous);
	outcome = var_get("outcome");
	snprintf(held_outcome, sizeof held_outcome, "%s", outcome != NULL ? outcome : "-");
	session.predict_ran = 1;
}

/* Show the held output; {outcome} is the prediction's again. */
static void
reveal_prediction(void)
{
	out("%s", held.buf != NULL ? held.buf : "");
	strbuf_free(&held);
	strbuf_init(&held);
	var_set("outcome", held_outcome);
}

/* The choice's one-line reason, if it has one, under it. */
static void
show_why(const struct choice *c)
{
	if (c->why.text != NULL)
		paragraph(&c->why, 4, NULL);
}

/* The right choice of the open question: the one marked [x], or for a
 * prediction the one the kernel answered; NULL if none is. */
static const struct choice *
right_choice(size_t *index)
{
	const struct block *b = session.question;

	for (size_t i = 0; i < b->nchoices; i++)
		if (b->type == BLOCK_PREDICT ? strcmp(b->choices[i].text.text, held_outcome) == 0
					     : b->choices[i].correct) {
			*index = i;
			return &b->choices[i];
		}
	return NULL;
}

/* "The answer: 2) ..." with its reason. */
static void
show_answer(void)
{
	size_t i;
	const struct choice *c = right_choice(&i);
	char num[32];

	if (c == NULL)
		return;
	snprintf(num, sizeof num, "%zu) ", i + 1);
	render_paragraph(_("The answer:"), NULL, 0, NULL);
	if (session.question->type == BLOCK_PREDICT)
		render_paragraph(c->text.text, NULL, 4, num);
	else
		paragraph(&c->text, 4, num);
	show_why(c);
}

/* One line of a C excerpt, as it is (code_lines translated its comments). */
static void
show_code_line(const char *line, void *arg)
{
	(void)arg;
	render_verbatim(line);
}

/* Run one command of a run block as if the learner had typed it. */
void
step_run_line(const char *text)
{
	char *line = xstrdup(text), *missing = NULL;
	char *shown = var_expand(text, &missing);

	render_command(shown != NULL ? shown : text);
	free(shown);
	free(missing);
	play_execute(&session.ctx, line);
	free(line);
}

/* Count the objects of KIND the kernel lists here. */
static int
count_objects(enum ipc_kind kind)
{
	struct sysv_object *objs = NULL;
	int n = procview_read(kind, procview_path(kind), &objs);

	free(objs);
	return n;
}

static int
kind_from_word(const char *word, enum ipc_kind *kind)
{
	static const char *const words[KIND_COUNT] = { "msg", "sem", "shm" };

	for (int k = 0; k < KIND_COUNT; k++)
		if (strcmp(word, words[k]) == 0) {
			*kind = (enum ipc_kind)k;
			return 1;
		}
	return 0;
}

/* Check one expectation; returns 1 if it holds, and fills WHY if not.
 * The forms are expect.h's. */
static int
expectation_holds(const char *text, char *why, size_t len)
{
	char *missing = NULL, *copy = var_expand(text, &missing), *w[EXPECT_MAX_WORDS];
	enum expect_form form;

	if (copy == NULL) {
		snprintf(why, len, _("{%s} has no value"), missing);
		free(missing);
		return 0;
	}
	int n = split_words(copy, w, EXPECT_MAX_WORDS), ok = 0;
	const char *outcome = var_get("outcome"), *a, *b;
	enum ipc_kind kind;
	struct sysv_object obj;
	long num;

	snprintf(why, len, "unknown expectation");
	if (expect_form(w, n, &form) != 0) {
		free(copy);
		return 0;
	}
	switch (form) {
	case EXPECT_OUTCOME:
		for (int i = 1; i < n; i++)
			ok |= outcome != NULL && strcmp(outcome, w[i]) == 0;
		snprintf(why, len, "outcome %s", outcome ? outcome : "-");
		break;
	case EXPECT_OBJECTS:
		if (kind_from_word(w[1], &kind) && parse_long(w[2], 0, 100000, &num) == PARSE_OK) {
			int have = count_objects(kind);
			ok = have == num;
			snprintf(why, len, "%d", have);
		}
		break;
	case EXPECT_SAME: case EXPECT_DIFFER:
		a = var_get(w[1]);
		b = var_get(w[2]);
		ok = a != NULL && b != NULL && (strcmp(a, b) == 0) == (form == EXPECT_SAME);
		snprintf(why, len, "%s=%s, %s=%s", w[1], a ? a : "-", w[2], b ? b : "-");
		break;
	case EXPECT_RUNNING: case EXPECT_STOPPED: {
		int running = agent_find(w[1]) != NULL;
		ok = running == (form == EXPECT_RUNNING);
		snprintf(why, len, "%s", running ? "running" : "stopped");
		break;
	}
	case EXPECT_DEST: case EXPECT_NATTCH:
		if (parse_long(w[1], 0, 2147483647L, &num) != PARSE_OK)
			break;
		if (procview_find(KIND_SHM, (int)num, &obj) != 1) {
			snprintf(why, len, "no such segment");
		} else if (form == EXPECT_DEST) {
			int dest = (obj.mode & SHM_DEST) != 0;
			ok = dest == (strcmp(w[2], "yes") == 0);
			snprintf(why, len, "%s", dest ? "yes" : "no");
		} else {
			ok = parse_long(w[2], 0, 100000, &num) == PARSE_OK && (long)obj.count == num;
			snprintf(why, len, "%lu", obj.count);
		}
		break;
	}
	free(copy);
	return ok;
}

void
step_check_expectations(const struct block *b)
{
	for (size_t i = 0; i < b->nlines; i++) {
		char why[128];
		if (expectation_holds(b->lines[i].text, why, sizeof why))
			continue;
		session.expect_failures++;
		render_error(_("This step expected \"%s\", but found %s: the explanation below may not fit what your kernel did."),
			     b->lines[i].text, why);
		out("\n");
	}
}

int
step_outcome_matches(const struct block *b)
{
	const char *outcome = var_get("outcome");

	for (size_t i = 0; outcome != NULL && i < b->noutcomes; i++)
		if (strcmp(b->outcomes[i], outcome) == 0)
			return 1;
	return 0;
}

static void
show_question(const struct block *b)
{
	for (size_t i = 0; i < b->nparas; i++)
		paragraph(&b->paras[i], 0, i == 0 ? "? " : NULL);
	if (b->type == BLOCK_PREDICT)
		render_paragraph(_("Predict what the kernel will answer; the tutor then makes the call:"), NULL, 2, NULL);
	for (size_t i = 0; i < b->nchoices; i++) {
		char num[32];
		snprintf(num, sizeof num, "%zu) ", i + 1);
		if (b->type == BLOCK_PREDICT)
			render_paragraph(b->choices[i].text.text, NULL, 4, num);
		else
			paragraph(&b->choices[i].text, 4, num);
	}
	if (b->type == BLOCK_PREDICT)
		render_paragraph(_("Answer with the number of your choice or its name (Tab completes it)."), NULL, 2, NULL);
	else
		render_paragraph(_("Answer with the number of your choice."), NULL, 2, NULL);
	if (b->nhints > 0)
		render_paragraph(_("Stuck? hint gives a hint, one more each time."), NULL, 2, NULL);
}

/* Show blocks of BLOCKS from FROM on, running what is to be run, until a
 * question (which is left open) or the end.  RUN false shows text only. */
static void
show_blocks(const struct block *blocks, size_t n, size_t from, int run)
{
	int group_open = 0, group_matched = 0;

	for (size_t i = from; i < n; i++) {
		const struct block *b = &blocks[i];

		if (b->type != BLOCK_IF && group_open) {
			if (!group_matched && run)
				render_paragraph(_("The kernel answered {outcome}, which this lesson did not foresee here: explain {outcome} tells what it means."),
						 var_lookup, 0, NULL);
			group_open = 0;
		}
		switch (b->type) {
		case BLOCK_PARAGRAPH:
			paragraph(&b->prose, 0, NULL);
			out("\n");
			break;
		case BLOCK_ITEM:
			paragraph(&b->prose, 2, "- ");
			if (i + 1 == n || blocks[i + 1].type != BLOCK_ITEM)
				out("\n");
			break;
		case BLOCK_CODE:
			code_lines(b, show_code_line, NULL);
			out("\n");
			break;
		case BLOCK_RUN:
			if (!run) {
				for (size_t k = 0; k < b->nlines; k++)
					render_verbatim(b->lines[k].text);
				out("\n");
				break;
			}
			if (session.present && !session.paused) {
				/* Presenter pacing: the class reads the text first;
				 * Enter runs the block (step_continue comes back).
				 * Values known by now are filled in, as the learner
				 * would type them. */
				for (size_t k = 0; k < b->nlines; k++) {
					char *missing = NULL, *shown = var_expand(b->lines[k].text, &missing);
					render_verbatim(shown != NULL ? shown : b->lines[k].text);
					free(shown);
					free(missing);
				}
				render_paragraph(_("(Enter runs these commands.)"), NULL, 0, NULL);
				session.paused = 1;
				session.resume_block = i;
				return;
			}
			session.paused = 0;
			for (size_t k = 0; k < b->nlines; k++)
				step_run_line(b->lines[k].text);
			out("\n");
			break;
		case BLOCK_EXPECT:
			if (run)
				step_check_expectations(b);
			break;
		case BLOCK_IF:
			if (!group_open)
				group_open = 1, group_matched = 0;
			if (run && step_outcome_matches(b)) {
				group_matched = 1;
				for (size_t k = 0; k < b->nparas; k++) {
					paragraph(&b->paras[k], 0, NULL);
					out("\n");
				}
			}
			break;
		case BLOCK_HINT:
			break;
		case BLOCK_QUIZ:
		case BLOCK_PREDICT:
			if (!run)
				break;
			show_question(b);
			session.question = b;
			session.question_answered = 0;
			session.skip_warned = 0;
			session.tried = 0;
			session.hints_shown = 0;
			session.predict_ran = 0;
			strbuf_free(&held);
			strbuf_init(&held);
			session.resume_block = i + 1;
			return;
		}
	}
	if (group_open && !group_matched && run)
		render_paragraph(_("The kernel answered {outcome}, which this lesson did not foresee here: explain {outcome} tells what it means."),
				 var_lookup, 0, NULL);
	session.question = NULL;
}

/* Does any of the N blocks B run a command or ask a question? */
static int
runs_something(const struct block *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (b[i].type == BLOCK_RUN || b[i].type == BLOCK_PREDICT || b[i].type == BLOCK_QUIZ)
			return 1;
	return 0;
}

void
step_show(int index, int run, void (*prepare)(void))
{
	struct lesson *l = session_lesson();
	struct step *st = &l->steps[index];
	char *heading;

	session.step = index;
	session.question = NULL;
	session.paused = 0;
	/* The class hears of the move first, and runs it alongside. */
	if (step_on_show != NULL)
		step_on_show(l->slug, index);
	if (index == 0) {
		heading = xasprintf(_("Lesson %d: %s"), l->number, prose_translate(&l->title));
		out("\n");
		render_heading(heading, "═");
		free(heading);
		out("\n");
		if (prepare != NULL && runs_something(l->intro, l->nintro)) {
			prepare();
			prepare = NULL;
		}
		show_blocks(l->intro, l->nintro, 0, run);
	}
	/* TRANSLATORS: "Step 8.5 (5 of 7) · Title": lesson.step, then the
	   step's place among the lesson's steps. */
	heading = xasprintf(_("Step %d.%d (%d of %zu) · %s"), l->number, index + 1, index + 1, l->nsteps,
			    prose_translate(&st->title));
	render_heading(heading, "─");
	free(heading);
	out("\n");
	out_flush();   /* the heading is seen while the step is built and run */
	if (prepare != NULL)
		prepare();
	show_blocks(st->blocks, st->nblocks, 0, run);
	if (run)
		step_mark_world();
	/* The recap names the lesson's exercise, where the learner writes
	 * what the lesson showed. */
	if (index + 1 == (int)l->nsteps && session.question == NULL && !session.paused &&
	    exercise_state(l->number) != NULL) {
		char *text = xasprintf(_("Now write it yourself: exercise %d at the prompt starts exercise %d, and check %d grades your program against real tutor processes."),
				       l->number, l->number, l->number);
		render_paragraph(text, NULL, 0, NULL);
		free(text);
		out("\n");
	}
	struct lesson_progress *p = session_progress(l);
	if (p->steps_seen < index + 1)
		p->steps_seen = index + 1;
}

void
step_continue(void)
{
	struct lesson *l = session_lesson();
	const struct step *st = &l->steps[session.step];

	show_blocks(st->blocks, st->nblocks, session.resume_block, 1);
	step_mark_world();
}

/* After a step's blocks ran to their end (no question open, no presenter
 * pause), the world is the next step's.  Until then it is no step's. */
static void
step_mark_world(void)
{
	if (session.question == NULL && !session.paused)
		session.world_step = session.step + 1;
}

size_t
step_close_question(void)
{
	size_t from = session.resume_block;

	if (session.question != NULL && session.question->type == BLOCK_PREDICT && !session.predict_ran)
		from--;   /* the prediction's own call is still to be made */
	strbuf_free(&held);
	strbuf_init(&held);
	session.question = NULL;
	session.paused = 0;
	return from;
}

/* Could the learner still choose between two or more untried choices? */
static int
may_try_again(void)
{
	int untried = 0;

	for (size_t i = 0; i < session.question->nchoices && i < 32; i++)
		untried += !(session.tried & (1u << i));
	return untried >= 2;
}

int
step_answer(long choice)
{
	const struct block *b = session.question;
	const struct choice *c;
	int right, first;

	if (b == NULL || session.question_answered)
		return -1;
	if (choice < 1 || (size_t)choice > b->nchoices || choice > 32) {
		render_error(_("Choose a number from 1 to %zu."), b->nchoices);
		return -1;
	}
	c = &b->choices[choice - 1];
	if (session.tried & (1u << (choice - 1))) {
		render_paragraph(_("You chose that one already: pick another, or type next to see the answer."),
				 NULL, 0, NULL);
		session.skip_warned = 1;   /* so one next does show it */
		return 0;
	}
	first = session.tried == 0;
	session.tried |= 1u << (choice - 1);
	if (b->type == BLOCK_PREDICT) {
		hold_prediction();
		right = strcmp(held_outcome, c->text.text) == 0;
		var_set("predicted", c->text.text);
	} else {
		right = c->correct;
	}
	if (first)
		record(right ? 'R' : 'W');
	if (!right && may_try_again()) {
		render_paragraph(_("Not quite."), NULL, 0, NULL);
		show_why(c);
		render_paragraph(_("Try again, or type next to see the answer."), NULL, 0, NULL);
		session.skip_warned = 1;   /* so one next does show it */
		return 0;
	}
	session.question_answered = 1;
	if (b->type == BLOCK_PREDICT) {
		reveal_prediction();
		if (right)
			render_paragraph(first ? _("You predicted {predicted} and the kernel answered {outcome}: right.")
					       : _("Right this time: the kernel answered {outcome}."),
					 var_lookup, 0, NULL);
		else
			render_paragraph(_("You predicted {predicted}, but the kernel answered {outcome}."),
					 var_lookup, 0, NULL);
		size_t i;
		const struct choice *rc = right_choice(&i);
		if (rc != NULL && (right || rc->why.text != NULL))
			show_why(rc);
	} else if (right) {
		render_paragraph(_("Right."), NULL, 0, NULL);
		show_why(c);
	} else {
		render_paragraph(_("Not quite."), NULL, 0, NULL);
		show_why(c);
		show_answer();
	}
	out("\n");
	step_continue();
	return 0;
}

void
step_skip(void)
{
	const struct block *b = session.question;

	if (b == NULL || session.question_answered)
		return;
	if (session.tried == 0)
		record('S');
	session.question_answered = 1;
	if (b->type == BLOCK_PREDICT) {
		hold_prediction();
		reveal_prediction();
		render_paragraph(_("Skipped: the kernel answered {outcome}."), var_lookup, 0, NULL);
		size_t i;
		const struct choice *rc = right_choice(&i);
		if (rc != NULL)
			show_why(rc);
	} else {
		render_paragraph(_("Skipped."), NULL, 0, NULL);
		show_answer();
	}
	out("\n");
	step_continue();
}

int
step_hint(void)
{
	struct lesson *l = session_lesson();
	const struct block *q = session.question;
	int shown = 0;

	if (l == NULL || session.step < 0)
		return -1;
	if (q != NULL && !session.question_answered) {
		/* The question's own hints, one more each time. */
		if (q->nhints == 0)
			return -2;
		if (session.hints_shown >= q->nhints)
			return -3;
		char *prefix = q->nhints == 1 ? xstrdup(_("Hint: "))
					      : xasprintf(_("Hint %zu of %zu: "), session.hints_shown + 1, q->nhints);
		paragraph(&q->hints[session.hints_shown++], 0, prefix);
		free(prefix);
		return 0;
	}
	const struct step *st = &l->steps[session.step];
	for (size_t i = 0; i < st->nblocks; i++) {
		const struct block *b = &st->blocks[i];
		if (b->type != BLOCK_HINT)
			continue;
		for (size_t k = 0; k < b->nparas; k++, shown++)
			paragraph(&b->paras[k], 0, k == 0 ? _("Hint: ") : NULL);
	}
	return shown ? 0 : -1;
}
