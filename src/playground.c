/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * playground.c: the playground's command table and its dispatcher (see
 * playground.h).  A line becomes words, the words a row of the table, the
 * row a call of its function, in the tutor or in a server or client
 * process; "server VERB" and "client VERB" find their verb in the same
 * table, so a verb's arity is checked as any command's is.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>

#include "calls.h"
#include "agent.h"
#include "churn.h"
#include "contrast.h"
#include "flags.h"
#include "i18n.h"
#include "playground.h"
#include "registry.h"
#include "render.h"
#include "restartcost.h"
#include "show.h"
#include "util.h"
#include "vars.h"
#include "verbs.h"
#include "view.h"

#define LINE_MAX_BYTES 4096

const char play_group_look[] = N_("Looking around");
const char play_group_verbs[] = N_("Server and client verbs (server VERB, client VERB)");
static const char group_calls[] = N_("System calls (also inside a server or client: client msgsnd ...)");
static const char group_procs[] = N_("Server and client processes");

static int actor_line(struct play_ctx *ctx, int argc, char **argv);

const struct command play_commands[] = {
	{ "ipcs", "", N_("Show the IPC objects the kernel lists, with identifiers decoded."), play_group_look,
	  0, 0, view_ipcs, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "explain", N_("ERRNO|ID"), N_("What an errno means for IPC calls, or how an identifier is built."),
	  play_group_look, 1, 1, view_explain, CMD_TUTOR, { ARG_EXPLAIN }, NULL },
	{ "churn", N_("N|until ID"), N_("Create and remove a queue N times (or until identifier ID comes back) to watch the identifiers."),
	  play_group_look, 1, 2, churn_command, CMD_TUTOR, { ARG_TEXT }, NULL },
	{ "restartcost", N_("[N]"), N_("Measure N server restarts: how soon a waiting client notices and is back, over a queue and over a socket."),
	  play_group_look, 0, 1, restartcost_command, CMD_TUTOR, { ARG_NONE }, NULL },
	{ "contrast", N_("pipe|socket"), N_("Kill the peer of a pipe or socket and see what a connection reports."),
	  play_group_look, 1, 1, contrast_command, CMD_TUTOR, { ARG_TEXT }, NULL },

	{ "key", N_("[PATH] [PROJ]"), N_("Make a key with ftok(); without arguments, the tutor's agreed key file."),
	  group_calls, 0, 2, key_command, CMD_TUTOR | CMD_AGENT, { ARG_TEXT, ARG_TEXT }, NULL },
	{ "msgget", N_("KEY [FLAGS]"), N_("Create or look up a message queue."), group_calls,
	  1, 2, msgget_command, CMD_TUTOR | CMD_AGENT, { ARG_KEY, ARG_FLAGS_GET }, NULL },
	{ "msgsnd", N_("ID TEXT [FLAGS]"), N_("Send a message (type 1)."), group_calls,
	  2, 3, msgsnd_command, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_TEXT, ARG_FLAGS_MSGSND }, NULL },
	{ "msgrcv", N_("ID [TYPE] [FLAGS]"), N_("Receive a message; without IPC_NOWAIT only a server or client may wait."),
	  group_calls, 1, 3, msgrcv_command, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_TEXT, ARG_FLAGS_MSGRCV }, NULL },
	{ "msgctl", N_("ID stat|rmid"), N_("Ask about a queue (IPC_STAT) or remove it (IPC_RMID)."), group_calls,
	  2, 2, msgctl_command, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_CTL }, NULL },
	{ "semget", N_("KEY NSEMS [FLAGS]"), N_("Create or look up a semaphore set."), group_calls,
	  2, 3, semget_command, CMD_TUTOR | CMD_AGENT, { ARG_KEY, ARG_TEXT, ARG_FLAGS_GET }, NULL },
	{ "semop", N_("ID NUM OP [FLAGS]"), N_("Add OP to semaphore NUM (waits while the result would be negative)."),
	  group_calls, 3, 4, semop_command, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_TEXT, ARG_TEXT, ARG_FLAGS_SEMOP }, NULL },
	{ "semctl", N_("ID NUM CMD [VALUE]"), N_("getval, setval, getncnt, getzcnt, getpid, stat or rmid."),
	  group_calls, 3, 4, semctl_command, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_TEXT, ARG_CTL }, NULL },
	{ "shmget", N_("KEY SIZE [FLAGS]"), N_("Create or look up a shared memory segment."), group_calls,
	  2, 3, shmget_command, CMD_TUTOR | CMD_AGENT, { ARG_KEY, ARG_TEXT, ARG_FLAGS_GET }, NULL },
	{ "shmat", N_("ID [FLAGS]"), N_("Attach a segment to this process."), group_calls,
	  1, 2, shmat_command, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_FLAGS_SHMAT }, NULL },
	{ "shmdt", N_("[ID]"), N_("Detach a segment (the latest one without ID)."), group_calls,
	  0, 1, shmdt_command, CMD_TUTOR | CMD_AGENT, { ARG_ID }, NULL },
	{ "shmctl", N_("ID stat|rmid"), N_("Ask about a segment (IPC_STAT) or mark it for removal (IPC_RMID)."),
	  group_calls, 2, 2, shmctl_command, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_CTL }, NULL },
	{ "shmread", N_("[ID]"), N_("Read the text in an attached segment (a memory access, not a call)."),
	  group_calls, 0, 1, shmread_command, CMD_TUTOR | CMD_AGENT, { ARG_ID }, NULL },
	{ "shmwrite", N_("[ID] TEXT"), N_("Write text into an attached segment."), group_calls,
	  1, 2, shmwrite_command, CMD_TUTOR | CMD_AGENT, { ARG_ID, ARG_TEXT }, NULL },

	{ "server", N_("start|crash|restart|stop|COMMAND..."),
	  N_("Drive the real server process: start it (with the recovery pattern), kill it with SIGKILL, or run a command in it."),
	  group_procs, 1, PLAY_MAX_WORDS - 1, actor_line, CMD_TUTOR | CMD_ACTOR, { ARG_ACTOR_VERB }, NULL },
	{ "client", N_("VERB|COMMAND..."), N_("Drive a real client process (started on first use)."),
	  group_procs, 1, PLAY_MAX_WORDS - 1, actor_line, CMD_TUTOR | CMD_ACTOR, { ARG_ACTOR_VERB }, NULL },
	{ "client2", N_("VERB|COMMAND..."), N_("A second client, for two at once."),
	  group_procs, 1, PLAY_MAX_WORDS - 1, actor_line, CMD_TUTOR | CMD_ACTOR, { ARG_ACTOR_VERB }, NULL },

	/* The verbs the tutor carries out itself (drive), then those that run
	 * inside the process (run). */
	{ "start", N_("[msg|shm]"), N_("server: create the objects with IPC_CREAT|IPC_EXCL, recovering from a crashed predecessor."),
	  play_group_verbs, 0, 1, NULL, CMD_VERB | CMD_SERVER, { ARG_MODE }, verb_start },
	{ "crash", "", N_("server: SIGKILL, as a crash would; nothing gets cleaned up."), play_group_verbs,
	  0, 0, NULL, CMD_VERB | CMD_SERVER, { ARG_NONE }, verb_crash },
	{ "restart", N_("[msg|shm]"), N_("server: crash it if it runs, then start a new one."), play_group_verbs,
	  0, 1, NULL, CMD_VERB | CMD_SERVER, { ARG_MODE }, verb_restart },
	{ "stop", "", N_("server: remove its objects and exit; client: exit."), play_group_verbs,
	  0, 0, NULL, CMD_VERB | CMD_SERVER | CMD_CLIENT, { ARG_NONE }, verb_stop },
	{ "open", N_("[msg|shm]"), N_("client: look the agreed key up (msgget, or shmget+shmat+semget) and keep the identifiers."),
	  play_group_verbs, 0, 1, NULL, CMD_VERB | CMD_CLIENT, { ARG_MODE }, verb_open },
	{ "send", N_("[--retry] TEXT"), N_("client: msgsnd on the identifier it holds; --retry looks the key up again after EINVAL or EIDRM."),
	  play_group_verbs, 1, 2, verb_send, CMD_VERB | CMD_AGENT, { ARG_TEXT }, NULL },
	{ "recv", "", N_("server or client: msgrcv on its queue, waiting for a message."), play_group_verbs,
	  0, 0, verb_recv, CMD_VERB | CMD_AGENT, { ARG_NONE }, NULL },
	{ "lock", "", N_("semop -1 with SEM_UNDO on the companion semaphore (waits while it is 0)."), play_group_verbs,
	  0, 0, verb_lock, CMD_VERB | CMD_AGENT, { ARG_NONE }, NULL },
	{ "unlock", "", N_("semop +1 with SEM_UNDO on the companion semaphore."), play_group_verbs,
	  0, 0, verb_unlock, CMD_VERB | CMD_AGENT, { ARG_NONE }, NULL },
	{ "read", "", N_("Read the shared segment it attached."), play_group_verbs, 0, 0, verb_read,
	  CMD_VERB | CMD_AGENT, { ARG_NONE }, NULL },
	{ "write", N_("TEXT"), N_("Write into the shared segment it attached."), play_group_verbs, 1, 1, verb_write,
	  CMD_VERB | CMD_AGENT, { ARG_TEXT }, NULL },

	/* What the tutor asks of its own server and client processes
	 * (actors.c sends these lines). */
	{ VERB_SERVE, "", "", "", 2, 2, verb_serve, CMD_AGENT | CMD_HIDDEN, { ARG_NONE }, NULL },
	{ VERB_LOOKUP, "", "", "", 2, 2, verb_lookup, CMD_AGENT | CMD_HIDDEN, { ARG_NONE }, NULL },
	{ VERB_SHUTDOWN, "", "", "", 0, 0, verb_shutdown, CMD_AGENT | CMD_HIDDEN, { ARG_NONE }, NULL },
};

const size_t play_ncommands = sizeof play_commands / sizeof play_commands[0];

const struct command *
play_find(const char *name)
{
	for (size_t i = 0; i < play_ncommands; i++)
		if (strcmp(play_commands[i].name, name) == 0)
			return &play_commands[i];
	return NULL;
}

/* The row named NAME in ABOVE, else in the playground's table. */
static const struct command *
find_in(const char *name, const struct command *above, size_t nabove)
{
	for (size_t i = 0; i < nabove; i++)
		if (strcmp(above[i].name, name) == 0)
			return &above[i];
	return play_find(name);
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

/* The nearer of *BEST and the rows of TABLE that may run at WHERE. */
static void
nearest_in(const char *name, unsigned where, const struct command *table, size_t n,
	   const char **best, size_t *best_d)
{
	for (size_t i = 0; i < n; i++) {
		size_t d;
		if ((table[i].flags & CMD_HIDDEN) || !(table[i].flags & where))
			continue;
		d = edit_distance(name, table[i].name);
		if (d < *best_d) {
			*best_d = d;
			*best = table[i].name;
		}
	}
}

void
play_unknown(struct play_ctx *ctx, const char *name, unsigned where,
	     const struct command *above, size_t nabove)
{
	const char *best = NULL;
	/* Only a name near enough to be a slip: at most two edits, and at
	 * most half its letters ("foo" is not a slip of "goto"). */
	size_t len = strlen(name), best_d = len >= 4 ? 3 : len / 2 + 1;

	nearest_in(name, where, above, nabove, &best, &best_d);
	nearest_in(name, where, play_commands, play_ncommands, &best, &best_d);
	if (best != NULL)
		play_error(ctx, _("Unknown command \"%s\": did you mean %s? (help lists them all)"), name, best);
	else
		play_error(ctx, _("Unknown command \"%s\": help lists the commands."), name);
}

/* Check ARGC against the command's limits; say what it takes if not. */
static int
check_args(struct play_ctx *ctx, const struct command *cmd, int argc)
{
	if (argc >= cmd->min_args && argc <= cmd->max_args)
		return 0;
	if (cmd->synopsis[0] == '\0')
		play_error(ctx, _("%s takes no arguments."), cmd->name);
	else
		play_error(ctx, _("%s takes %s (see help %s)."), cmd->name, _(cmd->synopsis), cmd->name);
	return -1;
}

/* Refuse to remove an existing object this tutor did not create: for a
 * msgctl/semctl/shmctl line with rmid.  0 = go ahead, -1 = refused. */
static int
guard_remove(struct play_ctx *ctx, int argc, char **argv)
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

int
play_line_acceptable(struct play_ctx *ctx, const char *line)
{
	size_t len = strlen(line);

	if (len > LINE_MAX_BYTES) {
		play_error(ctx, _("That line is %zu bytes long, more than the %d a command may have; nothing was run."),
			   len, LINE_MAX_BYTES);
		return -1;
	}
	if (!utf8_valid(line, len)) {
		play_error(ctx, _("That line is not valid UTF-8; nothing was run."));
		return -1;
	}
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)line[i] < 0x20 && line[i] != '\t') {
			play_error(ctx, _("That line contains a control character; nothing was run."));
			return -1;
		}
	return 0;
}

int
play_words(struct play_ctx *ctx, char *line, char **argv)
{
	int argc = split_words(line, argv, PLAY_MAX_WORDS);

	if (argc == -1)
		play_error(ctx, _("A quotation mark is not closed; nothing was run."));
	else if (argc == -2)
		play_error(ctx, _("Too many words: a command takes at most %d."), PLAY_MAX_WORDS - 1);
	return argc < 0 ? -1 : argc;
}

int
play_dispatch(struct play_ctx *ctx, int argc, char **argv, const struct command *above, size_t nabove)
{
	const struct command *cmd = find_in(argv[0], above, nabove);
	char *owned[PLAY_MAX_WORDS];
	int r;

	if (cmd == NULL || (cmd->flags & CMD_HIDDEN)) {
		play_unknown(ctx, argv[0], CMD_TUTOR, above, nabove);
		return -1;
	}
	if (!(cmd->flags & CMD_TUTOR)) {
		play_error(ctx, _("%s is a server or client verb: type client %s or server %s."), cmd->name,
			   cmd->name, cmd->name);
		return -1;
	}
	if (check_args(ctx, cmd, argc - 1) != 0 || expand_words(ctx, argc, argv, owned) != 0)
		return -1;
	r = guard_remove(ctx, argc, argv) == 0 ? cmd->run(ctx, argc, argv) : -1;
	for (int i = 0; i < argc; i++)
		free(owned[i]);
	agent_settle();
	return r;
}

int
play_execute(struct play_ctx *ctx, char *line)
{
	char *argv[PLAY_MAX_WORDS];
	int argc;

	if (play_line_acceptable(ctx, line) != 0)
		return -1;
	strtrim(line);
	if (line[0] == '#' || line[0] == '\0')
		return 0;
	if ((argc = play_words(ctx, line, argv)) < 0)
		return -1;
	return play_dispatch(ctx, argc, argv, NULL, 0);
}

void
play_execute_in_agent(struct play_ctx *ctx, char *line)
{
	char *argv[PLAY_MAX_WORDS];
	const struct command *cmd;
	int argc = split_words(line, argv, PLAY_MAX_WORDS);

	if (argc <= 0)
		return;
	cmd = play_find(argv[0]);
	if (cmd == NULL || !(cmd->flags & CMD_AGENT) || cmd->run == NULL) {
		play_unknown(ctx, argv[0], CMD_AGENT, NULL, 0);
		return;
	}
	if (check_args(ctx, cmd, argc - 1) == 0)
		cmd->run(ctx, argc, argv);
}

/* "server VERB ...", "client VERB ...", "client2 VERB ...": a verb the
 * tutor carries out itself, or a verb or call the process runs. */
static int
actor_line(struct play_ctx *ctx, int argc, char **argv)
{
	const char *name = argv[0], *verb = argv[1];
	unsigned who = strcmp(name, "server") == 0 ? CMD_SERVER : CMD_CLIENT;
	const struct command *cmd = play_find(verb);

	if (cmd == NULL || (cmd->flags & CMD_HIDDEN)
	    || (cmd->drive != NULL ? !(cmd->flags & who) : !(cmd->flags & CMD_AGENT))) {
		play_error(ctx, _("%s cannot do \"%s\": help %s lists what it can."), name, verb, name);
		return -1;
	}
	if (check_args(ctx, cmd, argc - 2) != 0)
		return -1;
	if (cmd->drive != NULL)
		return cmd->drive(ctx, name, argc - 1, argv + 1);
	if (guard_remove(ctx, argc - 1, argv + 1) != 0)
		return -1;
	return verb_forward(ctx, name, argc - 1, argv + 1);
}

void
play_setup(int guardian_fd)
{
	agent_setup(play_execute_in_agent, &tutor_sink, guardian_fd);
}

static void
show_cleanup_call(const struct call *call)
{
	render_call("you", call);
}

void
play_prepare(int processes)
{
	agent_prepare(processes);
}

int
play_prepared(void)
{
	return agent_spares();
}

void
play_shutdown(int show_calls)
{
	agent_end_all();
	registry_remove_all(show_calls ? show_cleanup_call : NULL);
}
