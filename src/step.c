/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * step.c: showing and running a step (see step.h).  The explanation that
 * follows a run is picked by the outcome the kernel really gave ({outcome},
 * set by every call shown), so the same lesson is right on a kernel that
 * answers EINVAL and on one that answers EIDRM.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "cmd.h"
#include "flags.h"
#include "i18n.h"
#include "procview.h"
#include "render.h"
#include "session.h"
#include "step.h"
#include "util.h"
#include "vars.h"

static void
count_translated(const struct prose *prose, void *arg)
{
	size_t *c = arg;   /* c[0]: translated, c[1]: all */

	c[0] += gettext(prose->text) != prose->text;
	c[1]++;
}

void (*step_on_show)(const char *slug, int step);

const char *
step_translate(const struct prose *prose)
{
	static char *marked;
	const char *t = gettext(prose->text);

	if (t != prose->text || i18n_is_english())
		return t;
	/* Not translated yet: the English text, marked as such. */
	free(marked);
	/* TRANSLATORS: put before a lesson paragraph that has no translation
	   yet, so the learner knows why it is in English. */
	marked = xasprintf(_("[en] %s"), prose->text);
	return marked;
}

void
step_translation_count(const struct lesson *lesson, size_t *translated, size_t *total)
{
	size_t c[2] = { 0, 0 };

	lesson_each_prose(lesson, count_translated, c);
	*translated = c[0];
	*total = c[1];
}

static void
paragraph(const struct prose *prose, int indent, const char *first)
{
	render_paragraph(step_translate(prose), var_lookup, indent, first);
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
	cmd_execute(line);
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
 * The forms (lessons/README.md): outcome A [B...], objects KIND N,
 * differ VAR1 VAR2, same VAR1 VAR2, running NAME, stopped NAME,
 * dest ID yes|no, nattch ID N. */
static int
expectation_holds(const char *text, char *why, size_t len)
{
	char *missing = NULL, *copy = var_expand(text, &missing), *w[8];

	if (copy == NULL) {
		snprintf(why, len, _("{%s} has no value"), missing);
		free(missing);
		return 0;
	}
	int n = cmd_split(copy, w, 8), ok = 0;
	const char *outcome = var_get("outcome");
	enum ipc_kind kind;
	long num;

	snprintf(why, len, "?");
	if (n >= 2 && strcmp(w[0], "outcome") == 0) {
		for (int i = 1; i < n; i++)
			ok |= outcome != NULL && strcmp(outcome, w[i]) == 0;
		snprintf(why, len, "outcome %s", outcome ? outcome : "-");
	} else if (n == 3 && strcmp(w[0], "objects") == 0 && kind_from_word(w[1], &kind)
		   && parse_long(w[2], 0, 100000, &num) == PARSE_OK) {
		int have = count_objects(kind);
		ok = have == num;
		snprintf(why, len, "%d", have);
	} else if (n == 3 && (strcmp(w[0], "differ") == 0 || strcmp(w[0], "same") == 0)) {
		const char *a = var_get(w[1]), *b = var_get(w[2]);
		int same = a != NULL && b != NULL && strcmp(a, b) == 0;
		ok = a != NULL && b != NULL && (w[0][0] == 's' ? same : !same);
		snprintf(why, len, "%s=%s, %s=%s", w[1], a ? a : "-", w[2], b ? b : "-");
	} else if (n == 2 && (strcmp(w[0], "running") == 0 || strcmp(w[0], "stopped") == 0)) {
		int running = agent_find(w[1]) != NULL;
		ok = w[0][0] == 'r' ? running : !running;
		snprintf(why, len, "%s", running ? "running" : "stopped");
	} else if (n == 3 && (strcmp(w[0], "dest") == 0 || strcmp(w[0], "nattch") == 0)
		   && parse_long(w[1], 0, 2147483647L, &num) == PARSE_OK) {
		struct sysv_object obj;
		if (procview_find(KIND_SHM, (int)num, &obj) == 1) {
			if (w[0][0] == 'd') {
				int dest = (obj.mode & 01000) != 0;
				ok = dest == (strcmp(w[2], "yes") == 0);
				snprintf(why, len, "%s", dest ? "yes" : "no");
			} else {
				ok = parse_long(w[2], 0, 100000, &num) == PARSE_OK && (long)obj.count == num;
				snprintf(why, len, "%lu", obj.count);
			}
		} else {
			snprintf(why, len, "no such segment");
		}
	} else {
		snprintf(why, len, "unknown expectation");
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
	render_paragraph(_("Answer with the number of your choice."), NULL, 2, NULL);
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
			for (size_t k = 0; k < b->nlines; k++)
				render_verbatim(b->lines[k].text);
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
				 * Enter runs the block (step_continue comes back). */
				for (size_t k = 0; k < b->nlines; k++)
					render_verbatim(b->lines[k].text);
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
			session.resume_block = i + 1;
			return;
		}
	}
	if (group_open && !group_matched && run)
		render_paragraph(_("The kernel answered {outcome}, which this lesson did not foresee here: explain {outcome} tells what it means."),
				 var_lookup, 0, NULL);
	session.question = NULL;
}

void
step_show(int index, int run)
{
	struct lesson *l = session_lesson();
	struct step *st = &l->steps[index];
	char *heading;

	session.step = index;
	session.question = NULL;
	session.paused = 0;
	if (index == 0) {
		heading = xasprintf(_("Lesson %d: %s"), l->number, step_translate(&l->title));
		out("\n");
		render_heading(heading, "═");
		free(heading);
		out("\n");
		show_blocks(l->intro, l->nintro, 0, run);
	}
	heading = xasprintf(_("Step %d.%d of %zu · %s"), l->number, index + 1, l->nsteps, step_translate(&st->title));
	render_heading(heading, "─");
	free(heading);
	out("\n");
	show_blocks(st->blocks, st->nblocks, 0, run);
	struct lesson_progress *p = session_progress(l);
	if (p->steps_seen < index + 1)
		p->steps_seen = index + 1;
	if (step_on_show != NULL)
		step_on_show(l->slug, index);
}

void
step_continue(void)
{
	struct lesson *l = session_lesson();
	const struct step *st = &l->steps[session.step];

	show_blocks(st->blocks, st->nblocks, session.resume_block, 1);
}

void
step_replay(int upto)
{
	struct lesson *l = session_lesson();

	render_quiet(1);
	for (int s = 0; s < upto && s < (int)l->nsteps; s++)
		for (size_t i = 0; i < l->steps[s].nblocks; i++) {
			const struct block *b = &l->steps[s].blocks[i];
			if (b->type == BLOCK_RUN)
				for (size_t k = 0; k < b->nlines; k++)
					step_run_line(b->lines[k].text);
			else if (b->type == BLOCK_PREDICT)
				step_run_line(b->predict_run.text);
		}
	render_quiet(0);
}

int
step_answer(long choice)
{
	const struct block *b = session.question;
	struct lesson_progress *p = session_progress(session_lesson());
	int right;

	if (b == NULL || session.question_answered)
		return -1;
	if (choice < 1 || (size_t)choice > b->nchoices) {
		render_error(_("Choose a number from 1 to %zu."), b->nchoices);
		return -1;
	}
	session.question_answered = 1;
	if (b->type == BLOCK_PREDICT) {
		const char *predicted = b->choices[choice - 1].text.text;
		step_run_line(b->predict_run.text);
		const char *actual = var_get("outcome");
		right = actual != NULL && strcmp(actual, predicted) == 0;
		var_set("predicted", predicted);
		render_paragraph(right ? _("You predicted {predicted} and the kernel answered {outcome}: right.")
				       : _("You predicted {predicted}, but the kernel answered {outcome}."),
				 var_lookup, 0, NULL);
	} else {
		right = b->choices[choice - 1].correct;
		if (right) {
			render_paragraph(_("Right."), NULL, 0, NULL);
		} else {
			for (size_t i = 0; i < b->nchoices; i++)
				if (b->choices[i].correct) {
					char num[32];
					snprintf(num, sizeof num, "%zu) ", i + 1);
					render_paragraph(_("Not quite. The answer:"), NULL, 0, NULL);
					paragraph(&b->choices[i].text, 4, num);
					break;
				}
		}
	}
	p->asked++;
	p->correct += right;
	out("\n");
	step_continue();
	return 0;
}

int
step_hint(void)
{
	struct lesson *l = session_lesson();
	int shown = 0;

	if (l == NULL || session.step < 0)
		return -1;
	const struct step *st = &l->steps[session.step];
	for (size_t i = 0; i < st->nblocks; i++) {
		const struct block *b = &st->blocks[i];
		const struct prose *paras = b->type == BLOCK_HINT ? b->paras : b->hints;
		size_t n = b->type == BLOCK_HINT ? b->nparas : b->nhints;
		for (size_t k = 0; k < n; k++, shown++)
			paragraph(&paras[k], 0, k == 0 ? _("Hint: ") : NULL);
	}
	return shown ? 0 : -1;
}
