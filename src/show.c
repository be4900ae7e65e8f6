/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * show.c: the tutor's sink (see show.h).  Every call of every process
 * comes here to be shown: the tutor's own at once, a server's or client's
 * from the records agent.c reads on its pipe.  Here a call's outcome
 * becomes {outcome} and {errno} for the lesson, an attach address gets its
 * reproducible name, a new identifier its {qid}-style value, and the call
 * its one-line meaning (meaning.c).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errnos.h"
#include "meaning.h"
#include "registry.h"
#include "render.h"
#include "reproducible.h"
#include "show.h"
#include "util.h"
#include "vars.h"

/* ---- showing what any process did ----------------------------------- */

/* Attach addresses differ between runs (and between builds: a sanitizer
 * moves mappings), so reproducible output names them: the Nth attachment
 * made by a process is ADDRN, counted from the process's start (a restarted
 * server begins again at 1).  An address already named keeps its name (two
 * processes forked alike often attach at the same address). */
#define MAX_NAMED_ACTORS 8
static struct { char actor[16]; int count; } attach_counts[MAX_NAMED_ACTORS];

void
show_forget_attachments(const char *actor)
{
	for (size_t i = 0; i < MAX_NAMED_ACTORS; i++)
		if (strcmp(attach_counts[i].actor, actor) == 0)
			attach_counts[i].count = 0;
}

static void
name_address(const char *actor, unsigned long addr)
{
	char real[32], masked[16];
	size_t i;

	/* The last entry is shared when more processes than that attach. */
	for (i = 0; i < MAX_NAMED_ACTORS - 1 && attach_counts[i].actor[0] != '\0' && strcmp(attach_counts[i].actor, actor) != 0; i++)
		;
	if (attach_counts[i].actor[0] == '\0')
		snprintf(attach_counts[i].actor, sizeof attach_counts[i].actor, "%s", actor);
	attach_counts[i].count++;
	snprintf(real, sizeof real, "%#lx", addr);
	snprintf(masked, sizeof masked, "ADDR%d", attach_counts[i].count);
	if (!repro_known(real))
		repro_add(real, masked);
}

/* Show CALL made by ACTOR, remember its outcome for the lesson, and say
 * what it means. */
static void
show_call(const char *actor, const struct call *call)
{
	const char *name = call->err ? errno_name(call->err) : NULL;
	const char *meaning;

	if (call->kind == RET_ADDR && call->err == 0)
		name_address(actor, (unsigned long)call->ret);
	render_call(actor, call);
	if (call->kind == RET_NONE)
		return;
	var_set("outcome", call->err ? (name ? name : "error") : "ok");
	if (call->err)
		var_set("errno", name ? name : "?");
	meaning = meaning_of(call);
	if (meaning != NULL)
		render_note(meaning);
}

/* The name a value of ACTOR is known by in lessons: the server's "qid" is
 * {qid}, the client's is {client_qid}. */
static void
set_actor_var(const char *actor, const char *name, const char *value)
{
	if (strcmp(actor, "server") == 0 || strcmp(actor, "you") == 0) {
		var_set(name, value);
	} else {
		char *full = xasprintf("%s_%s", actor, name);
		var_set(full, value);
		free(full);
	}
}

static void
sink_call(struct play_ctx *ctx, const struct call *call)
{
	show_call(ctx->actor, call);
}

static void
sink_note(struct play_ctx *ctx, const char *text)
{
	(void)ctx;
	render_note(text);
}

/* A sentence refusing bad input; from a server or client, said with its
 * name. */
static void
sink_error(struct play_ctx *ctx, const char *text)
{
	if (strcmp(ctx->actor, "you") == 0)
		render_error("%s", text);
	else
		render_error("%s: %s", ctx->actor, text);
}

static void
sink_var(struct play_ctx *ctx, const char *name, const char *value)
{
	set_actor_var(ctx->actor, name, value);
}

static void
sink_created(struct play_ctx *ctx, enum ipc_kind kind, int id)
{
	(void)ctx;
	registry_add(kind, id);
}

static void
sink_removed(struct play_ctx *ctx, enum ipc_kind kind, int id)
{
	(void)ctx;
	registry_remove(kind, id);
}

const struct play_sink tutor_sink = {
	sink_call, sink_note, sink_error, sink_var, sink_created, sink_removed,
};
