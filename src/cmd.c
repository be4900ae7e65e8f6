/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * cmd.c: the tutor's own commands and everything derived from both tables
 * (see cmd.h).  A line typed at the prompt is first the tutor's: an empty
 * line, a bare number for an open question, the "yes" a reset waits for;
 * then a row of the tutor's table; anything else goes down to the
 * playground (playground.c), which does the cross-cutting work once.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "cmd.h"
#include "errnos.h"
#include "exercise.h"
#include "flags.h"
#include "i18n.h"
#include "nav.h"
#include "playground.h"
#include "render.h"
#include "session.h"
#include "step.h"
#include "transcript.h"
#include "util.h"

static const char group_course[] = N_("Moving through the course");

static const char group_exercises[] = N_("Exercises: you write the code");

/* hint: the current step's, or with a number the next one of that
 * exercise. */
static int
hint(struct play_ctx *ctx, int argc, char **argv)
{
	return argc > 1 ? exercise_play_command(ctx, argc, argv) : nav_hint(ctx, argc, argv);
}

static const struct command commands[] = {
	{ "next", "", N_("Go on to the next step (an empty line does the same)."), group_course,
	  0, 0, nav_next, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "back", "", N_("Go back one step."), group_course, 0, 0, nav_back, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "again", "", N_("Show and run the current step again."), group_course, 0, 0, nav_again, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "goto", N_("LESSON[.STEP]"), N_("Jump to a lesson (by number or name) and step."), group_course,
	  1, 1, nav_goto, CMD_TUTOR, { ARG_LESSON }, NULL },
	{ "lessons", "", N_("List the lessons with your progress and score."), group_course,
	  0, 0, nav_lessons, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "hint", N_("[EXERCISE]"), N_("A hint for the open question (one more each time) or the current step; with a number, the next hint of that exercise."), group_course,
	  0, 1, hint, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "answer", N_("NUMBER"), N_("Answer the open question (a bare number does the same)."), group_course,
	  1, 1, nav_answer, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "reset", "", N_("Forget your progress and start again (asks first)."), group_course,
	  0, 0, nav_reset, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "lang", N_("[LL]"), N_("Show or switch the language (lang fr, lang zh_CN, lang en)."), group_course,
	  0, 1, nav_lang, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "save", N_("[--replace] FILE"), N_("Write this session so far (commands, calls, answers, score) to FILE in Markdown, for grading (--replace: overwrite FILE if it exists)."),
	  group_course, 1, 2, save_command, CMD_TUTOR, { ARG_TEXT, ARG_TEXT }, NULL },
	{ "follow", "", N_("Follow the teacher's moves again (with --follow)."), group_course,
	  0, 0, nav_follow, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "unfollow", "", N_("Stop following the teacher and go on alone."), group_course,
	  0, 0, nav_follow, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "quit", "", N_("Remove what the tutor created and leave (Ctrl-D does the same)."), group_course,
	  0, 0, nav_quit, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "exercises", "", N_("List the exercises, where you write the server and the client."), group_exercises,
	  0, 0, exercise_play_command, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "exercise", N_("N"), N_("Show exercise N and copy its starting file to ipctutor-exercises/."), group_exercises,
	  1, 1, exercise_play_command, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "check", N_("N [FILE]"), N_("Compile your program for exercise N and grade it against the tutor's real server and client."),
	  group_exercises, 1, 3, exercise_play_command, CMD_TUTOR, { ARG_NONE, ARG_TEXT }, NULL },
	{ "solution", N_("N"), N_("Show the reference solution of exercise N (after a pass, or after a few checks)."),
	  group_exercises, 1, 1, exercise_play_command, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "help", N_("[COMMAND]"), N_("List the commands, or explain one."), play_group_look,
	  0, 1, cmd_help, CMD_TUTOR, { ARG_COMMAND }, NULL },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* Help, completion and the manual see both tables as one list: the
 * tutor's rows, then the playground's.  ROW(I) for I below NROWS. */
#define NROWS (NCOMMANDS + play_ncommands)

static const struct command *
row(size_t i)
{
	return i < NCOMMANDS ? &commands[i] : &play_commands[i - NCOMMANDS];
}

/* The row NAME names in the tutor's table or the playground's, or NULL. */
static const struct command *
find_any(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return play_find(name);
}

int
cmd_execute(char *line)
{
	struct play_ctx *ctx = &session.ctx;
	char *argv[PLAY_MAX_WORDS];
	int argc;

	if (play_line_acceptable(ctx, line) != 0)
		return -1;
	strtrim(line);
	if (line[0] == '#')
		return 0;  /* a comment, useful in scripts for a class */
	if (line[0] == '\0')
		return nav_next(ctx, 0, NULL);
	if (session.question != NULL && !session.question_answered
	    && (isdigit((unsigned char)line[0]) || step_choice_named(line) > 0)) {
		char *args[2] = { "answer", line };
		return nav_answer(ctx, 2, args);
	}
	if (session.confirm_reset)
		return nav_confirm_reset(ctx, line);
	if ((argc = play_words(ctx, line, argv)) < 0)
		return -1;
	return play_dispatch(ctx, argc, argv, commands, NCOMMANDS);
}

/* One entry of "help": the command, its arguments, what it does; wrapped
 * lines are indented under the command. */
static void
help_line(const struct command *c)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_init(&sb);
	strbuf_addf(&sb, "`%s%s%s` — %s", c->name, c->synopsis[0] ? " " : "",
		    c->synopsis[0] ? _(c->synopsis) : "", _(c->help));
	render_hanging(sb.buf, 2, 4);
	strbuf_free(&sb);
}

int
cmd_help(struct play_ctx *ctx, int argc, char **argv)
{
	const char *group = NULL;

	if (argc > 1) {
		const struct command *c = find_any(argv[1]);
		if (c == NULL || (c->flags & CMD_HIDDEN)) {
			play_unknown(ctx, argv[1], CMD_TUTOR | CMD_VERB, commands, NCOMMANDS);
			return -1;
		}
		help_line(c);
		if (c->flags & CMD_ACTOR) {
			out("\n");
			render_heading(_(play_group_verbs), NULL);
			for (size_t i = 0; i < NROWS; i++)
				if (row(i)->flags & CMD_VERB)
					help_line(row(i));
			render_paragraph(_("Any system call command also runs inside the process, e.g. client msgsnd {qid} hello."),
					 NULL, 2, NULL);
		}
		return 0;
	}
	for (size_t i = 0; i < NROWS; i++) {
		const struct command *c = row(i);
		if (c->flags & (CMD_HIDDEN | CMD_VERB))
			continue;
		if (group != c->group) {
			group = c->group;
			out("\n");
			render_heading(_(group), NULL);
		}
		help_line(c);
	}
	out("\n");
	render_paragraph(_("Words in {braces} are values from the lesson, such as {key} or {qid}. Tab completes commands, flags and errno names."),
			 NULL, 0, NULL);
	return 0;
}

/* Does the flag expression TEXT[0..HEAD) already hold the name NAME? */
static int
already_named(const char *text, size_t head, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = text; p + n <= text + head; p++)
		if ((p == text || p[-1] == '|') && strncmp(p, name, n) == 0 && (p[n] == '|' || p + n == text + head))
			return 1;
	return 0;
}

/* The flags a flag argument of kind KIND accepts. */
static enum flag_context
flag_context_of(enum arg_kind kind)
{
	switch (kind) {
	case ARG_FLAGS_MSGSND: return FLAGS_MSGSND;
	case ARG_FLAGS_MSGRCV: return FLAGS_MSGRCV;
	case ARG_FLAGS_SEMOP: return FLAGS_SEMOP;
	case ARG_FLAGS_SHMAT: return FLAGS_SHMAT;
	default: return FLAGS_GET;
	}
}

/* Complete the part of a flag expression after its last '|' with the
 * names that CONTEXT accepts. */
static void
complete_flags(enum flag_context context, const char *text, void (*add)(const char *, void *), void *arg)
{
	const char *bar = strrchr(text, '|');
	size_t head = bar ? (size_t)(bar - text) + 1 : 0;
	const char *const *names = flag_names();

	for (size_t i = 0; names[i] != NULL; i++) {
		int value;
		if (strncmp(names[i], text + head, strlen(text + head)) != 0
		    || flags_parse(context, names[i], &value, NULL, NULL) != PARSE_OK
		    || already_named(text, head, names[i]))
			continue;
		char *cand = xasprintf("%.*s%s", (int)head, text, names[i]);
		add(cand, arg);
		free(cand);
	}
}

static void
complete_list(const char *const *list, const char *text, void (*add)(const char *, void *), void *arg)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (strncmp(list[i], text, strlen(text)) == 0)
			add(list[i], arg);
}

/* Command names matching TEXT; with ACTOR ("server", "client"...), the
 * verbs that process takes and the commands that may run in it, instead
 * of the tutor's. */
static void
complete_commands(const char *text, const char *actor, void (*add)(const char *, void *), void *arg)
{
	unsigned other = actor == NULL ? 0 : strcmp(actor, "server") == 0 ? CMD_CLIENT : CMD_SERVER;

	for (size_t i = 0; i < NROWS; i++) {
		unsigned f = row(i)->flags;
		if (f & CMD_HIDDEN)
			continue;
		if (actor != NULL ? !(f & (CMD_VERB | CMD_AGENT)) : !(f & CMD_TUTOR))
			continue;
		/* A verb of the other kind of process only: "client <Tab>"
		 * offers no "crash". */
		if (actor != NULL && (f & (CMD_SERVER | CMD_CLIENT)) == other)
			continue;
		if (strncmp(row(i)->name, text, strlen(text)) == 0)
			add(row(i)->name, arg);
	}
}

int
cmd_complete(const char *line, size_t start, const char *text,
	     void (*add)(const char *candidate, void *arg), void *arg)
{
	char *copy = xstrndup(line, start), *argv[PLAY_MAX_WORDS];
	int argc = split_words(copy, argv, PLAY_MAX_WORDS);
	const struct command *cmd;
	int pos;

	if (argc < 0) {
		free(copy);
		return 0;
	}
	if (argc == 0) {
		complete_commands(text, NULL, add, arg);
		free(copy);
		return 0;
	}
	cmd = find_any(argv[0]);
	pos = argc - 1;
	/* "client msgsnd ...": complete as the inner command. */
	if (cmd != NULL && (cmd->flags & CMD_ACTOR)) {
		if (argc == 1) {
			complete_commands(text, argv[0], add, arg);
			free(copy);
			return 0;
		}
		cmd = play_find(argv[1]);
		pos = argc - 2;
	}
	if (cmd == NULL || pos >= 4) {
		free(copy);
		return 0;
	}
	switch (cmd->args[pos]) {
	case ARG_FLAGS_GET: case ARG_FLAGS_MSGSND: case ARG_FLAGS_MSGRCV: case ARG_FLAGS_SEMOP:
	case ARG_FLAGS_SHMAT:
		complete_flags(flag_context_of(cmd->args[pos]), text, add, arg);
		free(copy);
		return 1;
	case ARG_KEY: {
		static const char *const keys[] = { "{key}", "IPC_PRIVATE", NULL };
		complete_list(keys, text, add, arg);
		break;
	}
	case ARG_CTL:
		complete_list(ctl_names(), text, add, arg);
		break;
	case ARG_EXPLAIN:
		complete_list(errno_names(), text, add, arg);
		break;
	case ARG_COMMAND:
		complete_commands(text, NULL, add, arg);
		break;
	case ARG_MODE: {
		static const char *const modes[] = { "msg", "shm", NULL };
		complete_list(modes, text, add, arg);
		break;
	}
	case ARG_LESSON:
		for (size_t i = 0; i < session.course.nlessons; i++)
			if (strncmp(session.course.lessons[i]->slug, text, strlen(text)) == 0)
				add(session.course.lessons[i]->slug, arg);
		break;
	default:
		break;
	}
	free(copy);
	return 0;
}

/* Escape roff's special characters in S. */
static void
man_text(const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			out("\\e");
		else if (*s == '-')
			out("\\-");
		else if (*s == '`')
			continue;
		else
			out("%c", *s);
	}
}

void
cmd_print_man(void)
{
	const char *group = NULL;

	for (size_t i = 0; i < NROWS; i++) {
		const struct command *c = row(i);
		if (c->flags & CMD_HIDDEN)
			continue;
		if (group != c->group) {
			group = c->group;
			out(".SS ");
			man_text(_(group));
			out("\n");
		}
		out(".TP\n.B %s", c->name);
		if (c->synopsis[0] != '\0') {
			out(" \"");
			man_text(_(c->synopsis));
			out("\"");
		}
		out("\n");
		man_text(_(c->help));
		out("\n");
	}
}
