/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * lint.c: checking a lesson's run lines (see lint.h) without running them.
 * The values a line sets are known from the command alone: "key" sets
 * {key}; a get call sets {id} (a client's {client_id}); "server start" sets
 * {key}, {server_pid} and {qid} (with shm: {shmid} and {semid}); "client
 * open" sets {client_qid} and so on; a value set twice has an {old_NAME}.
 * Every call sets {outcome} and {errno}.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flags.h"
#include "i18n.h"
#include "lint.h"
#include "playground.h"
#include "util.h"

#define MAX_NAMES 64

/* The values the lines so far set, with how many times. */
struct known {
	char *name[MAX_NAMES];
	int times[MAX_NAMES];
	size_t n;
};

static void
set(struct known *k, const char *prefix, const char *name)
{
	char *full = xasprintf("%s%s", prefix, name);

	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->name[i], full) == 0) {
			k->times[i]++;
			free(full);
			return;
		}
	if (k->n == MAX_NAMES) {
		free(full);
		return;
	}
	k->name[k->n] = full;
	k->times[k->n++] = 1;
}

/* Is {NAME} set by now?  {old_X}: X has been set twice. */
static int
is_known(const struct known *k, const char *name)
{
	int old = strncmp(name, "old_", 4) == 0;
	const char *base = old ? name + 4 : name;

	if (strcmp(name, "outcome") == 0 || strcmp(name, "errno") == 0)
		return 1;
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->name[i], base) == 0)
			return k->times[i] >= (old ? 2 : 1);
	return 0;
}

/* What running ARGV (a playground line) sets. */
static void
note_sets(struct known *k, int argc, char **argv)
{
	const char *actor = "", *prefix = "";

	if (argc >= 2 && (strcmp(argv[0], "server") == 0 || strncmp(argv[0], "client", 6) == 0)) {
		actor = argv[0];
		prefix = strcmp(argv[0], "server") == 0 ? "" : argv[0];
		argc--;
		argv++;
	}
	char *under = xasprintf("%s%s", prefix, prefix[0] ? "_" : "");
	const char *mode = argc >= 2 ? argv[1] : "msg";
	if (strcmp(argv[0], "key") == 0) {
		set(k, "", "key");
	} else if (strcmp(argv[0], "msgget") == 0 || strcmp(argv[0], "semget") == 0
		   || strcmp(argv[0], "shmget") == 0) {
		set(k, under, "id");
	} else if (actor[0] != '\0' && (strcmp(argv[0], "start") == 0 || strcmp(argv[0], "restart") == 0
					|| strcmp(argv[0], "open") == 0)) {
		set(k, "", "key");
		if (strcmp(mode, "shm") == 0) {
			set(k, under, "shmid");
			set(k, under, "semid");
		} else {
			set(k, under, "qid");
		}
	}
	if (actor[0] != '\0') {
		char *pid = xasprintf("%s_pid", actor);
		set(k, "", pid);
		free(pid);
	}
	free(under);
}

/* The reason LINE cannot run, or NULL; K gains what it sets. */
static char *
check_line(const char *text, struct known *k)
{
	char *line = xstrdup(text), *argv[PLAY_MAX_WORDS], *why = NULL;
	int argc = split_words(line, argv, PLAY_MAX_WORDS);
	const struct command *c, *v;

	if (argc <= 0) {
		free(line);
		return argc == 0 ? NULL : xstrdup(_("a quotation mark is not closed, or the line has too many words"));
	}
	/* Placeholders first: each must be set by an earlier line. */
	for (const char *p = text; (p = strchr(p, '{')) != NULL; p++) {
		size_t n = strcspn(p + 1, "}");
		char *name = xstrndup(p + 1, n);
		if (!is_known(k, name))
			why = xasprintf(_("{%s} is set by no earlier line of the lesson"), name);
		free(name);
		if (why != NULL)
			goto done;
	}
	c = play_find(argv[0]);
	if (c == NULL || (c->flags & CMD_HIDDEN) || !(c->flags & CMD_TUTOR)) {
		why = xasprintf(_("\"%s\" is no playground command"), argv[0]);
		goto done;
	}
	v = c;
	int first = 0;
	if (c->flags & CMD_ACTOR) {
		int is_server = strcmp(argv[0], "server") == 0;
		v = play_find(argv[1]);
		if (v == NULL || (v->flags & CMD_HIDDEN) || !(v->flags & (CMD_VERB | CMD_AGENT))
		    || (v->flags & (CMD_SERVER | CMD_CLIENT)) == (is_server ? CMD_CLIENT : CMD_SERVER)) {
			why = xasprintf(_("%s cannot do \"%s\""), argv[0], argv[1]);
			goto done;
		}
		first = 1;
	}
	int nargs = argc - 1 - first;
	if (nargs < v->min_args || nargs > v->max_args) {
		why = xasprintf(_("%s takes from %d to %d arguments, not %d"), v->name, v->min_args, v->max_args,
				nargs);
		goto done;
	}
	for (int i = 0; i < nargs && i < 4; i++) {
		enum flag_context context;
		int value;
		switch (v->args[i]) {
		case ARG_FLAGS_GET: context = FLAGS_GET; break;
		case ARG_FLAGS_MSGSND: context = FLAGS_MSGSND; break;
		case ARG_FLAGS_MSGRCV: context = FLAGS_MSGRCV; break;
		case ARG_FLAGS_SEMOP: context = FLAGS_SEMOP; break;
		case ARG_FLAGS_SHMAT: context = FLAGS_SHMAT; break;
		default: continue;
		}
		if (flags_parse(context, argv[first + 1 + i], &value, NULL, NULL) != PARSE_OK) {
			why = xasprintf(_("\"%s\" is not a flag expression %s accepts"), argv[first + 1 + i], v->name);
			goto done;
		}
	}
	note_sets(k, argc, argv);
done:
	free(line);
	return why;
}

static int
check(const char *path, const struct block_line *line, struct known *k, FILE *report)
{
	char *why = check_line(line->text, k);

	if (why == NULL)
		return 0;
	fprintf(report, "%s:%d: %s\n", path, line->line, why);
	free(why);
	return 1;
}

static int
check_blocks(const char *path, const struct block *blocks, size_t n, struct known *k, FILE *report)
{
	int problems = 0;

	for (size_t i = 0; i < n; i++) {
		const struct block *b = &blocks[i];
		if (b->type == BLOCK_RUN)
			for (size_t j = 0; j < b->nlines; j++)
				problems += check(path, &b->lines[j], k, report);
		else if (b->type == BLOCK_PREDICT)
			problems += check(path, &b->predict_run, k, report);
	}
	return problems;
}

int
lint_run_lines(const struct lesson *l, FILE *report)
{
	struct known k = { { NULL }, { 0 }, 0 };
	int problems = check_blocks(l->path, l->intro, l->nintro, &k, report);

	for (size_t s = 0; s < l->nsteps; s++)
		problems += check_blocks(l->path, l->steps[s].blocks, l->steps[s].nblocks, &k, report);
	for (size_t i = 0; i < k.n; i++)
		free(k.name[i]);
	return problems;
}
