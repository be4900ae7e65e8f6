/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * registry.c: the objects this tutor created and their cleanup (see
 * registry.h).  The table is a fixed array so that the fatal-signal handler
 * can walk it without allocating.  The guardian is a child in its own
 * session that reads "+ KIND ID" and "- KIND ID" lines; when every writer is
 * gone (the tutor and its servers and clients, by exit or by SIGKILL) it
 * reads end-of-file and removes whatever is still registered — the recovery
 * pattern the course teaches, done by the tutor for itself.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#include "i18n.h"
#include "ipc.h"
#include "registry.h"
#include "util.h"

#define REGISTRY_MAX 512

struct entry {
	int kind;        /* enum ipc_kind, or -1 for a free slot */
	int id;
};

static struct entry table[REGISTRY_MAX];
static volatile size_t used;     /* slots [0, used) may be in use */
static int guardian_fd = -1;
static char *state_file;
/* Segments removed while attached: ids, oldest first, a ring (see
 * registry_doomed).  Only for display: nothing is cleaned up from here. */
#define DOOMED_MAX 16
static int doomed[DOOMED_MAX];
static size_t ndoomed;

static void save_state(void);

void
registry_add(enum ipc_kind kind, int id)
{
	size_t i;

	if (registry_has(kind, id))
		return;
	for (i = 0; i < used && table[i].kind >= 0; i++)
		;
	if (i == REGISTRY_MAX)
		return;   /* a learner would need 512 live objects; see registry_count */
	table[i].id = id;
	table[i].kind = (int)kind;
	if (i == used)
		used = i + 1;
	if (guardian_fd >= 0)
		dprintf(guardian_fd, "+ %d %d\n", (int)kind, id);
	save_state();
}

void
registry_remove(enum ipc_kind kind, int id)
{
	for (size_t i = 0; i < used; i++)
		if (table[i].kind == (int)kind && table[i].id == id) {
			struct shmid_ds ds;
			if (kind == KIND_SHM && shmctl(id, IPC_STAT, &ds) == 0 && (ds.shm_perm.mode & SHM_DEST))
				doomed[ndoomed++ % DOOMED_MAX] = id;
			table[i].kind = -1;
			if (guardian_fd >= 0)
				dprintf(guardian_fd, "- %d %d\n", (int)kind, id);
			save_state();
			return;
		}
}

int
registry_has(enum ipc_kind kind, int id)
{
	for (size_t i = 0; i < used; i++)
		if (table[i].kind == (int)kind && table[i].id == id)
			return 1;
	return 0;
}

int
registry_doomed(int id)
{
	for (size_t i = 0; i < ndoomed && i < DOOMED_MAX; i++)
		if (doomed[i] == id)
			return 1;
	return 0;
}

size_t
registry_count(void)
{
	size_t n = 0;
	for (size_t i = 0; i < used; i++)
		n += table[i].kind >= 0;
	return n;
}

void
registry_remove_all(void (*show)(const struct call *call))
{
	for (size_t i = 0; i < used; i++) {
		struct call call;
		int kind = table[i].kind;

		if (kind < 0)
			continue;
		/* A removed segment still attached somewhere stays listed with
		 * SHM_DEST: removing it again is not needed, and EINVAL/EIDRM
		 * just mean it is gone already. */
		if (ipc_ctl((enum ipc_kind)kind, table[i].id, IPC_RMID, NULL, &call) == 0 && show != NULL)
			show(&call);
		registry_remove((enum ipc_kind)kind, table[i].id);
	}
}

void
registry_emergency_cleanup(void)
{
	for (size_t i = 0; i < used; i++) {
		int id = table[i].id;
		switch (table[i].kind) {
		case KIND_MSG:
			msgctl(id, IPC_RMID, NULL);
			break;
		case KIND_SEM:
			semctl(id, 0, IPC_RMID);
			break;
		case KIND_SHM:
			shmctl(id, IPC_RMID, NULL);
			break;
		default:
			break;
		}
	}
}

/* Write the registry to the state file, one "KIND ID" line per object,
 * atomically.  Failure is not worth bothering the learner with: the
 * guardian is the main line of defence and this file only a backstop. */
static void
save_state(void)
{
	struct strbuf sb = STRBUF_INIT;

	if (state_file == NULL)
		return;
	strbuf_init(&sb);
	for (size_t i = 0; i < used; i++)
		if (table[i].kind >= 0)
			strbuf_addf(&sb, "%d %d\n", table[i].kind, table[i].id);
	if (sb.len == 0)
		unlink(state_file);
	else
		(void)write_file_atomic(state_file, sb.buf, sb.len);
	strbuf_free(&sb);
}

/* The guardian: collect the lines, and at end of file remove what is
 * left.  It runs in its own session so that neither Ctrl-C nor a hangup of
 * the tutor's terminal reaches it. */
static void __attribute__((noreturn))
guardian_main(int in)
{
	FILE *f = fdopen(in, "r");
	char line[64];
	char *path = state_file;

	child_start(0, 0);
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	setsid();
	state_file = NULL;   /* the tutor keeps the file; we only remove it */
	used = 0;
	while (f != NULL && fgets(line, sizeof line, f) != NULL) {
		int kind, id;
		char op;
		if (sscanf(line, "%c %d %d", &op, &kind, &id) != 3 || kind < 0 || kind >= KIND_COUNT)
			continue;
		if (op == '+')
			registry_add((enum ipc_kind)kind, id);
		else
			registry_remove((enum ipc_kind)kind, id);
	}
	if (registry_count() > 0) {
		registry_emergency_cleanup();
		if (path != NULL)
			unlink(path);
	}
	coverage_flush();
	_exit(EXIT_SUCCESS);
}

int
registry_guard(const char *state_path)
{
	int fds[2];
	pid_t pid;

	if (state_path != NULL)
		state_file = xstrdup(state_path);
	if (pipe2(fds, O_CLOEXEC) != 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[1]);
		/* The guardian keeps no one else's descriptors open: only its
		 * pipe, so that it sees end of file when its writers die. */
		if (fds[0] > 3)
			close_range(3, (unsigned)fds[0] - 1, 0);
		close_range((unsigned)fds[0] + 1, ~0U, 0);
		guardian_main(fds[0]);
	}
	close(fds[0]);
	guardian_fd = fds[1];
	return guardian_fd;
}

/* Is the object (KIND, ID) still there and created by us? */
static int
still_ours(int kind, int id)
{
	struct ipc_stat st;
	struct call call;
	int r;

	memset(&st, 0, sizeof st);
	r = ipc_ctl((enum ipc_kind)kind, id, IPC_STAT, &st, &call);
	return r == 0 && st.cuid == geteuid();
}

int
registry_recover(const char *state_path, void (*say)(const char *text))
{
	static const char *const kind_names[KIND_COUNT] = {
		N_("message queue"), N_("semaphore set"), N_("shared memory segment"),
	};
	struct strbuf sb = STRBUF_INIT;
	int removed = 0;
	char *line, *save = NULL;

	if (read_file(state_path, &sb, 1 << 16) != 0) {
		strbuf_free(&sb);
		return 0;
	}
	for (line = strtok_r(sb.buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		int kind, id;
		struct call call;

		if (sscanf(line, "%d %d", &kind, &id) != 2 || kind < 0 || kind >= KIND_COUNT)
			continue;
		if (!still_ours(kind, id) || ipc_ctl((enum ipc_kind)kind, id, IPC_RMID, NULL, &call) != 0)
			continue;
		char *text = xasprintf(_("Removed %s %d, left behind by an earlier session that was killed."),
				       _(kind_names[kind]), id);
		say(text);
		free(text);
		removed++;
	}
	unlink(state_path);
	strbuf_free(&sb);
	return removed;
}
