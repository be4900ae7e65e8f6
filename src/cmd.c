/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * cmd.c: the command table and everything derived from it (see cmd.h).
 * Cross-cutting work is done once here, before a command's function runs,
 * as git's dispatcher does: splitting and quoting, {placeholder} expansion,
 * the argument count, the guard against removing another's object, and
 * letting server and client processes settle after the command.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>

#include "actors.h"
#include "agent.h"
#include "churn.h"
#include "restartcost.h"
#include "cmd.h"
#include "flags.h"
#include "i18n.h"
#include "nav.h"
#include "registry.h"
#include "render.h"
#include "session.h"
#include "transcript.h"
#include "util.h"
#include "vars.h"
#include "view.h"

#define MAX_WORDS 16
#define LINE_MAX_BYTES 4096

static const char group_course[] = N_("Moving through the course");
static const char group_look[] = N_("Looking around");
static const char group_calls[] = N_("System calls (also inside a server or client: client msgsnd ...)");
static const char group_procs[] = N_("Server and client processes");
static const char group_verbs[] = N_("Server and client verbs (server VERB, client VERB)");

static const struct command commands[] = {
	{ "next", "", N_("Go on to the next step (an empty line does the same)."), group_course,
	  0, 0, nav_next, CMD_TUTOR, { ARG_NONE } },
	{ "back", "", N_("Go back one step."), group_course, 0, 0, nav_back, CMD_TUTOR, { ARG_NONE } },
	{ "again", "", N_("Show and run the current step again."), group_course, 0, 0, nav_again, CMD_TUTOR, { ARG_NONE } },
	{ "goto", N_("LESSON[.STEP]"), N_("Jump to a lesson (by number or name) and step."), group_course,
	  1, 1, nav_goto, CMD_TUTOR, { ARG_LESSON } },
	{ "lessons", "", N_("List the lessons with your progress and score."), group_course,
	  0, 0, nav_lessons, CMD_TUTOR, { ARG_NONE } },
	{ "hint", "", N_("A hint for the current step."), group_course, 0, 0, nav_hint, CMD_TUTOR, { ARG_NONE } },
	{ "answer", N_("NUMBER"), N_("Answer the open question (a bare number does the same)."), group_course,
	  1, 1, nav_answer, CMD_TUTOR, { ARG_NONE } },
	{ "reset", "", N_("Forget your progress and start again (asks first)."), group_course,
	  0, 0, nav_reset, CMD_TUTOR, { ARG_NONE } },
	{ "lang", N_("[LL]"), N_("Show or switch the language (lang fr, lang zh_CN, lang en)."), group_course,
	  0, 1, nav_lang, CMD_TUTOR, { ARG_NONE } },
	{ "save", N_("FILE"), N_("Write this session so far (commands, calls, answers, score) to FILE in Markdown, for grading."),
	  group_course, 1, 1, play_save, CMD_TUTOR, { ARG_TEXT } },
	{ "follow", "", N_("Follow the teacher's moves again (with --follow)."), group_course,
	  0, 0, nav_follow, CMD_TUTOR, { ARG_NONE } },
	{ "unfollow", "", N_("Stop following the teacher and go on alone."), group_course,
	  0, 0, nav_follow, CMD_TUTOR, { ARG_NONE } },
	{ "quit", "", N_("Remove what the tutor created and leave (Ctrl-D does the same)."), group_course,
	  0, 0, nav_quit, CMD_TUTOR, { ARG_NONE } },
	{ "help", N_("[COMMAND]"), N_("List the commands, or explain one."), group_look,
	  0, 1, cmd_help, CMD_TUTOR, { ARG_COMMAND } },
	{ "ipcs", "", N_("Show the IPC objects the kernel lists, with identifiers decoded."), group_look,
	  0, 0, view_ipcs, CMD_TUTOR, { ARG_NONE } },
	{ "explain", N_("ERRNO|ID"), N_("What an errno means for IPC calls, or how an identifier is built."),
	  group_look, 1, 1, view_explain, CMD_TUTOR, { ARG_EXPLAIN } },
	{ "churn", N_("N|until ID"), N_("Create and remove a queue N times (or until identifier ID comes back) to watch the identifiers."),
	  group_look, 1, 2, play_churn, CMD_TUTOR, { ARG_TEXT } },
	{ "restartcost", N_("[N]"), N_("Measure N server restarts: how soon a waiting client notices and is back, over a queue and over a socket."),
	  group_look, 0, 1, play_restartcost, CMD_TUTOR, { ARG_NONE } },
	{ "contrast", N_("pipe|socket"), N_("Kill the peer of a pipe or socket and see what a connection reports."),
	  group_look, 1, 1, play_contrast, CMD_TUTOR, { ARG_TEXT } },

	{ "key", N_("[PATH] [PROJ]"), N_("Make a key with ftok(); without arguments, the tutor's agreed key file."),
	  group_calls, 0, 2, play_key, CMD_TUTOR | CMD_AGENT, { ARG_TEXT, ARG_TEXT } },
	{ "msgget", N_("KEY [FLAGS]"), N_("Create or look up a message queue."), group_calls,
	  1, 2, play_msgget, CMD_TUTOR | CMD_AGENT, { ARG_KEY, ARG_FLAGS_GET } },
	{ "msgsnd", N_("ID TEXT [FLAGS]"), N_("Send a message (type 1)."), group_calls,
	  2, 3, play_msgsnd, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_TEXT, ARG_FLAGS_MSG } },
	{ "msgrcv", N_("ID [TYPE] [FLAGS]"), N_("Receive a message; without IPC_NOWAIT only a server or client may wait."),
	  group_calls, 1, 3, play_msgrcv, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_TEXT, ARG_FLAGS_MSG } },
	{ "msgctl", N_("ID stat|rmid"), N_("Ask about a queue (IPC_STAT) or remove it (IPC_RMID)."), group_calls,
	  2, 2, play_msgctl, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_CTL } },
	{ "semget", N_("KEY NSEMS [FLAGS]"), N_("Create or look up a semaphore set."), group_calls,
	  2, 3, play_semget, CMD_TUTOR | CMD_AGENT, { ARG_KEY, ARG_TEXT, ARG_FLAGS_GET } },
	{ "semop", N_("ID NUM OP [FLAGS]"), N_("Add OP to semaphore NUM (waits while the result would be negative)."),
	  group_calls, 3, 4, play_semop, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_TEXT, ARG_TEXT, ARG_FLAGS_SEM } },
	{ "semctl", N_("ID NUM CMD [VALUE]"), N_("getval, setval, getncnt, getzcnt, getpid, stat or rmid."),
	  group_calls, 3, 4, play_semctl, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_TEXT, ARG_CTL } },
	{ "shmget", N_("KEY SIZE [FLAGS]"), N_("Create or look up a shared memory segment."), group_calls,
	  2, 3, play_shmget, CMD_TUTOR | CMD_AGENT, { ARG_KEY, ARG_TEXT, ARG_FLAGS_GET } },
	{ "shmat", N_("ID [FLAGS]"), N_("Attach a segment to this process."), group_calls,
	  1, 2, play_shmat, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_FLAGS_SHM } },
	{ "shmdt", N_("[ID]"), N_("Detach a segment (the latest one without ID)."), group_calls,
	  0, 1, play_shmdt, CMD_TUTOR | CMD_AGENT, { ARG_ID } },
	{ "shmctl", N_("ID stat|rmid"), N_("Ask about a segment (IPC_STAT) or mark it for removal (IPC_RMID)."),
	  group_calls, 2, 2, play_shmctl, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_CTL } },
	{ "shmread", N_("[ID]"), N_("Read the text in an attached segment (a memory access, not a call)."),
	  group_calls, 0, 1, play_shmread, CMD_TUTOR | CMD_AGENT, { ARG_ID } },
	{ "shmwrite", N_("[ID] TEXT"), N_("Write text into an attached segment."), group_calls,
	  1, 2, play_shmwrite, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_TEXT } },

	{ "server", N_("start|crash|restart|stop|COMMAND..."),
	  N_("Drive the real server process: start it (with the recovery pattern), kill it with SIGKILL, or run a command in it."),
	  group_procs, 1, MAX_WORDS - 1, actor_command, CMD_TUTOR, { ARG_ACTOR_VERB } },
	{ "client", N_("VERB|COMMAND..."), N_("Drive a real client process (started on first use)."),
	  group_procs, 1, MAX_WORDS - 1, actor_command, CMD_TUTOR, { ARG_ACTOR_VERB } },
	{ "client2", N_("VERB|COMMAND..."), N_("A second client, for two at once."),
	  group_procs, 1, MAX_WORDS - 1, actor_command, CMD_TUTOR, { ARG_ACTOR_VERB } },

	{ "start", N_("[msg|shm]"), N_("server: create the objects with IPC_CREAT|IPC_EXCL, recovering from a crashed predecessor."),
	  group_verbs, 0, 1, NULL, CMD_VERB, { ARG_MODE } },
	{ "crash", "", N_("server: SIGKILL, as a crash would; nothing gets cleaned up."), group_verbs,
	  0, 0, NULL, CMD_VERB, { ARG_NONE } },
	{ "restart", N_("[msg|shm]"), N_("server: crash it if it runs, then start a new one."), group_verbs,
	  0, 1, NULL, CMD_VERB, { ARG_MODE } },
	{ "stop", "", N_("server: remove its objects and exit; client: exit."), group_verbs,
	  0, 0, NULL, CMD_VERB, { ARG_NONE } },
	{ "open", N_("[msg|shm]"), N_("client: look the agreed key up (msgget, or shmget+shmat+semget) and keep the identifiers."),
	  group_verbs, 0, 1, NULL, CMD_VERB, { ARG_MODE } },
	{ "send", N_("[--retry] TEXT"), N_("client: msgsnd on the identifier it holds; --retry looks the key up again after EINVAL or EIDRM."),
	  group_verbs, 1, 2, verb_send, CMD_VERB | CMD_AGENT, { ARG_TEXT } },
	{ "recv", "", N_("server or client: msgrcv on its queue, waiting for a message."), group_verbs,
	  0, 0, verb_recv, CMD_VERB | CMD_AGENT, { ARG_NONE } },
	{ "lock", "", N_("semop -1 with SEM_UNDO on the companion semaphore (waits while it is 0)."), group_verbs,
	  0, 0, verb_lock, CMD_VERB | CMD_AGENT, { ARG_NONE } },
	{ "unlock", "", N_("semop +1 with SEM_UNDO on the companion semaphore."), group_verbs,
	  0, 0, verb_unlock, CMD_VERB | CMD_AGENT, { ARG_NONE } },
	{ "read", "", N_("Read the shared segment it attached."), group_verbs, 0, 0, verb_read,
	  CMD_VERB | CMD_AGENT, { ARG_NONE } },
	{ "write", N_("TEXT"), N_("Write into the shared segment it attached."), group_verbs, 1, 1, verb_write,
	  CMD_VERB | CMD_AGENT, { ARG_TEXT } },

	{ "_serve", "", "", "", 2, 2, verb_serve, CMD_AGENT | CMD_HIDDEN, { ARG_NONE } },
	{ "_open", "", "", "", 2, 2, verb_open, CMD_AGENT | CMD_HIDDEN, { ARG_NONE } },
	{ "_shutdown", "", "", "", 0, 0, verb_shutdown, CMD_AGENT | CMD_HIDDEN, { ARG_NONE } },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

const struct command *
cmd_find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int
cmd_split(char *line, char **argv, int max)
{
	int argc = 0;
	char *r = line, *w = line;

	for (;;) {
		while (*r == ' ' || *r == '\t')
			r++;
		if (*r == '\0')
			return argc;
		if (argc == max)
			return -2;
		argv[argc++] = w;
		int quoted = 0;
		while (*r != '\0' && (quoted || (*r != ' ' && *r != '\t'))) {
			if (*r == '"') {
				quoted = !quoted;
				r++;
			} else if (quoted && *r == '\\' && (r[1] == '"' || r[1] == '\\')) {
				*w++ = r[1];
				r += 2;
			} else {
				*w++ = *r++;
			}
		}
		if (quoted)
			return -1;
		if (*r != '\0')
			r++;
		*w++ = '\0';   /* never past r: each word shrinks or keeps its length */
	}
}

/* The number of single-character edits between A and B (capped). */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), prev[32], cur[32];

	if (la >= 31 || lb >= 31)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (tolower((unsigned char)a[i - 1]) != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, sizeof cur);
	}
	return prev[lb];
}

/* Say that NAME is unknown, with the nearest command if one is near:
 * among those that may run where NAME was typed (WHERE: CMD_TUTOR or
 * CMD_AGENT). */
static void
unknown_command(struct play_ctx *ctx, const char *name, unsigned where)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (size_t i = 0; i < NCOMMANDS; i++) {
		size_t d;
		if ((commands[i].flags & CMD_HIDDEN) || !(commands[i].flags & where))
			continue;
		d = edit_distance(name, commands[i].name);
		if (d < best_d) {
			best_d = d;
			best = commands[i].name;
		}
	}
	if (best != NULL)
		play_error(ctx, _("Unknown command \"%s\": did you mean %s? (help lists them all)"), name, best);
	else
		play_error(ctx, _("Unknown command \"%s\": help lists the commands."), name);
}

int
cmd_check_args(struct play_ctx *ctx, const struct command *cmd, int argc)
{
	if (argc >= cmd->min_args && argc <= cmd->max_args)
		return 0;
	if (cmd->synopsis[0] == '\0')
		play_error(ctx, _("%s takes no arguments."), cmd->name);
	else
		play_error(ctx, _("%s takes %s (see help %s)."), cmd->name, _(cmd->synopsis), cmd->name);
	return -1;
}

int
cmd_guard_remove(struct play_ctx *ctx, int argc, char **argv)
{
	static const struct { const char *name; enum ipc_kind kind; int ctl_pos; } ctls[] = {
		{ "msgctl", KIND_MSG, 2 }, { "semctl", KIND_SEM, 3 }, { "shmctl", KIND_SHM, 2 },
	};
	struct sysv_object obj;
	long id;
	int cmd;

	for (size_t i = 0; i < sizeof ctls / sizeof ctls[0]; i++) {
		if (strcmp(argv[0], ctls[i].name) != 0 || argc <= ctls[i].ctl_pos)
			continue;
		if (ctl_parse(argv[ctls[i].ctl_pos], &cmd) != PARSE_OK || cmd != IPC_RMID)
			return 0;
		if (parse_long(argv[1], -2147483648L, 2147483647L, &id) != PARSE_OK)
			return 0;   /* the command itself will say what is wrong */
		/* Fails closed: when /proc/sysvipc cannot tell, nothing is
		 * removed.  An identifier no object has goes through, for the
		 * kernel to answer EINVAL. */
		int found = procview_find(ctls[i].kind, (int)id, &obj);
		if (found < 0) {
			play_error(ctx, _("The tutor cannot tell whether object %ld is its own (/proc/sysvipc cannot be read), so it is left alone."),
				   id);
			return -1;
		}
		if (found == 1 && !registry_has(ctls[i].kind, (int)id)) {
			play_error(ctx, _("Object %ld was not created by this tutor, so it is left alone: the tutor removes only its own objects."),
				   id);
			return -1;
		}
	}
	return 0;
}

/* Expand {placeholders} in each word; one sentence if one has no value. */
static int
expand_words(struct play_ctx *ctx, int argc, char **argv, char **owned)
{
	for (int i = 0; i < argc; i++) {
		char *missing = NULL;
		owned[i] = var_expand(argv[i], &missing);
		if (owned[i] == NULL) {
			play_error(ctx, _("{%s} has no value yet: it is set by the command that creates it (see the lesson)."),
				   missing);
			free(missing);
			for (int k = 0; k < i; k++)
				free(owned[k]);
			return -1;
		}
		argv[i] = owned[i];
	}
	return 0;
}

/* Check a line for bytes no command can use. */
static int
line_acceptable(struct play_ctx *ctx, const char *line, size_t len)
{
	if (len > LINE_MAX_BYTES) {
		play_error(ctx, _("That line is %zu bytes long, more than the %d a command may have; nothing was run."),
			   len, LINE_MAX_BYTES);
		return 0;
	}
	if (!utf8_valid(line, len)) {
		play_error(ctx, _("That line is not valid UTF-8; nothing was run."));
		return 0;
	}
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)line[i] < 0x20 && line[i] != '\t') {
			play_error(ctx, _("That line contains a control character; nothing was run."));
			return 0;
		}
	return 1;
}

int
cmd_execute(char *line)
{
	struct play_ctx *ctx = &session.ctx;
	char *argv[MAX_WORDS], *owned[MAX_WORDS];
	const struct command *cmd;
	int argc, r;

	if (!line_acceptable(ctx, line, strlen(line)))
		return -1;
	strtrim(line);
	if (line[0] == '#')
		return 0;  /* a comment, useful in scripts for a class */
	if (line[0] == '\0')
		return nav_next(ctx, 0, NULL);
	if (session.question != NULL && !session.question_answered && isdigit((unsigned char)line[0])) {
		char *args[2] = { "answer", line };
		return nav_answer(ctx, 2, args);
	}
	if (session.confirm_reset)
		return nav_confirm_reset(ctx, line);
	argc = cmd_split(line, argv, MAX_WORDS);
	if (argc == -1) {
		play_error(ctx, _("A quotation mark is not closed; nothing was run."));
		return -1;
	}
	if (argc == -2) {
		play_error(ctx, _("Too many words: a command takes at most %d."), MAX_WORDS - 1);
		return -1;
	}
	cmd = cmd_find(argv[0]);
	if (cmd == NULL || (cmd->flags & CMD_HIDDEN)) {
		unknown_command(ctx, argv[0], CMD_TUTOR);
		return -1;
	}
	if (!(cmd->flags & CMD_TUTOR)) {
		play_error(ctx, _("%s is a server or client verb: type client %s or server %s."), cmd->name,
			   cmd->name, cmd->name);
		return -1;
	}
	if (cmd_check_args(ctx, cmd, argc - 1) != 0 || expand_words(ctx, argc, argv, owned) != 0)
		return -1;
	r = cmd_guard_remove(ctx, argc, argv) == 0 ? cmd->run(ctx, argc, argv) : -1;
	for (int i = 0; i < argc; i++)
		free(owned[i]);
	agent_settle();
	return r;
}

void
cmd_execute_in_agent(struct play_ctx *ctx, char *line)
{
	char *argv[MAX_WORDS];
	const struct command *cmd;
	int argc = cmd_split(line, argv, MAX_WORDS);

	if (argc <= 0)
		return;
	cmd = cmd_find(argv[0]);
	if (cmd == NULL || !(cmd->flags & CMD_AGENT) || cmd->run == NULL) {
		unknown_command(ctx, argv[0], CMD_AGENT);
		return;
	}
	if (cmd_check_args(ctx, cmd, argc - 1) == 0)
		cmd->run(ctx, argc, argv);
}

/* One line of "help": the command, its arguments, what it does. */
static void
help_line(const struct command *c)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_init(&sb);
	strbuf_addf(&sb, "`%s%s%s` — %s", c->name, c->synopsis[0] ? " " : "",
		    c->synopsis[0] ? _(c->synopsis) : "", _(c->help));
	render_paragraph(sb.buf, NULL, 2, NULL);
	strbuf_free(&sb);
}

int
cmd_help(struct play_ctx *ctx, int argc, char **argv)
{
	const char *group = NULL;

	if (argc > 1) {
		const struct command *c = cmd_find(argv[1]);
		if (c == NULL || (c->flags & CMD_HIDDEN)) {
			unknown_command(ctx, argv[1], CMD_TUTOR | CMD_VERB);
			return -1;
		}
		help_line(c);
		if (c->run == actor_command) {
			out("\n");
			render_heading(_(group_verbs), NULL);
			for (size_t i = 0; i < NCOMMANDS; i++)
				if (commands[i].flags & CMD_VERB)
					help_line(&commands[i]);
			render_paragraph(_("Any system call command also runs inside the process, e.g. client msgsnd {qid} hello."),
					 NULL, 2, NULL);
		}
		return 0;
	}
	for (size_t i = 0; i < NCOMMANDS; i++) {
		const struct command *c = &commands[i];
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

/* Complete the part of a flag expression after its last '|' with the
 * names that CONTEXT (an enum flag_context) accepts. */
static void
complete_flags(int context, const char *text, void (*add)(const char *, void *), void *arg)
{
	const char *bar = strrchr(text, '|');
	size_t head = bar ? (size_t)(bar - text) + 1 : 0;
	const char *const *names = flag_names();

	for (size_t i = 0; names[i] != NULL; i++) {
		int value;
		if (strncmp(names[i], text + head, strlen(text + head)) != 0
		    || flags_parse((enum flag_context)context, names[i], &value, NULL, NULL) != PARSE_OK
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

/* Command names matching TEXT; VERBS adds the server/client verbs and
 * the commands that may run in an agent, instead of the tutor's. */
static void
complete_commands(const char *text, int verbs, void (*add)(const char *, void *), void *arg)
{
	for (size_t i = 0; i < NCOMMANDS; i++) {
		unsigned f = commands[i].flags;
		if (f & CMD_HIDDEN)
			continue;
		if (verbs ? !(f & (CMD_VERB | CMD_AGENT)) : !(f & CMD_TUTOR))
			continue;
		if (strncmp(commands[i].name, text, strlen(text)) == 0)
			add(commands[i].name, arg);
	}
}

int
cmd_complete(const char *line, size_t start, const char *text,
	     void (*add)(const char *candidate, void *arg), void *arg)
{
	char *copy = xstrndup(line, start), *argv[MAX_WORDS];
	int argc = cmd_split(copy, argv, MAX_WORDS);
	const struct command *cmd;
	int pos;

	if (argc < 0) {
		free(copy);
		return 0;
	}
	if (argc == 0) {
		complete_commands(text, 0, add, arg);
		free(copy);
		return 0;
	}
	cmd = cmd_find(argv[0]);
	pos = argc - 1;
	/* "client msgsnd ...": complete as the inner command. */
	if (cmd != NULL && cmd->run == actor_command) {
		if (argc == 1) {
			complete_commands(text, 1, add, arg);
			free(copy);
			return 0;
		}
		cmd = cmd_find(argv[1]);
		pos = argc - 2;
	}
	if (cmd == NULL || pos >= 4) {
		free(copy);
		return 0;
	}
	switch (cmd->args[pos]) {
	case ARG_FLAGS_GET: case ARG_FLAGS_MSG: case ARG_FLAGS_SEM: case ARG_FLAGS_SHM: {
		static const struct { const char *name; int context; } by_command[] = {
			{ "msgsnd", FLAGS_MSGSND }, { "msgrcv", FLAGS_MSGRCV },
			{ "semop", FLAGS_SEMOP }, { "shmat", FLAGS_SHMAT },
		};
		int context = FLAGS_GET;
		for (size_t i = 0; i < sizeof by_command / sizeof by_command[0]; i++)
			if (strcmp(cmd->name, by_command[i].name) == 0)
				context = by_command[i].context;
		complete_flags(context, text, add, arg);
		free(copy);
		return 1;
	}
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
		complete_commands(text, 0, add, arg);
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

	for (size_t i = 0; i < NCOMMANDS; i++) {
		const struct command *c = &commands[i];
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
