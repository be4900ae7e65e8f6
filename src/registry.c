/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * registry.c: the objects this tutor created and their cleanup (see
 * registry.h).  The table is a fixed array so that the fatal-signal handler
 * can walk it without allocating.
 *
 * The guardian is a child in its own session that reads lines on a pipe
 * from the tutor and its servers and clients:
 *   ? PID SEQ KIND KEY TIME   a get call that may create is about to be made
 *   + KIND ID KEY             it made this object (sent with the "=")
 *   = PID SEQ                 that call returned
 *   - KIND ID                 the object was removed
 * When every writer is gone (exit or SIGKILL) it reads end of file and
 * removes what is registered — and, for a call that never said it
 * returned (killed in between), the object it made: of that key, created
 * by this user at or after the intent's time.  The recovery pattern the
 * course teaches, done by the tutor for itself.
 *
 * The state file, one per session (objects.PID in the state directory),
 * is the last resort: it names the session (pid and start time) and the
 * IPC namespace (its inode), and each object with its key; the next start
 * removes an object only if that session is dead, the namespace is this
 * one, and the object still has that key and this user as creator.
 */
#define _GNU_SOURCE
#include <dirent.h>
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
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "ipc.h"
#include "proc.h"
#include "registry.h"
#include "util.h"

#define REGISTRY_MAX 512
#define INTENTS_MAX 64
#define STATE_MAGIC "ipctutor-objects 2"

struct entry {
	int kind;        /* enum ipc_kind, or -1 for a free slot */
	int id;
	key_t key;
};

static struct entry table[REGISTRY_MAX];
static volatile size_t used;     /* slots [0, used) may be in use */
static int guardian_fd = -1;
static char *state_file;
static unsigned long intent_seq;
/* Segments removed while attached: ids, oldest first, a ring (see
 * registry_doomed).  Only for display: nothing is cleaned up from here. */
#define DOOMED_MAX 16
static int doomed[DOOMED_MAX];
static size_t ndoomed;

static void save_state(void);

/* The inode of this process's IPC namespace: which namespace an
 * identifier belongs to.  0 if it cannot be read. */
static unsigned long long
ipc_ns_inode(void)
{
	struct stat st;

	return stat("/proc/self/ns/ipc", &st) == 0 ? (unsigned long long)st.st_ino : 0;
}

/* The start time of process PID (field 22 of /proc/PID/stat, in clock
 * ticks since boot): with the pid it names one process for ever, where a
 * pid alone may be reused.  0 if there is no such process. */
static unsigned long long
process_start(pid_t pid)
{
	char path[64], buf[1024];
	unsigned long long start = 0;
	const char *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');   /* the command name may hold anything */
	if (p == NULL || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %*d %*d %llu",
				&start) != 1)
		return 0;
	return start;
}

/* Does (KIND, ID) still name an object of key KEY made by this user? */
static int
still_ours(int kind, int id, key_t key)
{
	struct ipc_stat st;
	struct call call;

	memset(&st, 0, sizeof st);
	return ipc_ctl((enum ipc_kind)kind, id, IPC_STAT, &st, &call) == 0 && st.cuid == geteuid()
	       && st.key == key;
}

static void
add_entry(enum ipc_kind kind, int id, key_t key)
{
	size_t i;

	if (registry_has(kind, id))
		return;
	for (i = 0; i < used && table[i].kind >= 0; i++)
		;
	if (i == REGISTRY_MAX)
		return;   /* a learner would need 512 live objects; see registry_count */
	table[i].id = id;
	table[i].key = key;
	table[i].kind = (int)kind;
	if (i == used)
		used = i + 1;
}

void
registry_add(enum ipc_kind kind, int id)
{
	struct sysv_object obj;

	/* The key, for the proof of ownership, from /proc (no IPC call: the
	 * learner sees every call the tutor makes for them); an object
	 * already gone needs no registering. */
	if (registry_has(kind, id) || procview_find(kind, id, &obj) != 1)
		return;
	add_entry(kind, id, obj.key);
	if (guardian_fd >= 0)
		dprintf(guardian_fd, "+ %d %d %d\n", (int)kind, id, (int)obj.key);
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

/* ---- telling the guardian before a call can create ------------------ */

static long
before_create(enum ipc_kind kind, key_t key)
{
	if (guardian_fd < 0)
		return 0;
	dprintf(guardian_fd, "? %ld %lu %d %d %lld\n", (long)getpid(), ++intent_seq, (int)kind, (int)key,
		(long long)time(NULL));
	return (long)intent_seq;
}

static void
after_create(long token, enum ipc_kind kind, key_t key, int id)
{
	if (guardian_fd < 0)
		return;
	/* One write: the object and the end of the call arrive together. */
	if (id >= 0)
		dprintf(guardian_fd, "+ %d %d %d\n= %ld %ld\n", (int)kind, id, (int)key, (long)getpid(), token);
	else
		dprintf(guardian_fd, "= %ld %ld\n", (long)getpid(), token);
}

/* ---- the state file ------------------------------------------------- */

/* Write the registry to the state file atomically: the session line,
 * then "KIND ID KEY" per object.  Failure is not worth bothering the
 * learner with: the guardian is the main line of defence and this file
 * only a backstop. */
static void
save_state(void)
{
	struct strbuf sb = STRBUF_INIT;

	if (state_file == NULL)
		return;
	strbuf_init(&sb);
	strbuf_addf(&sb, "%s %llu %ld %llu\n", STATE_MAGIC, ipc_ns_inode(), (long)getpid(), process_start(getpid()));
	for (size_t i = 0; i < used; i++)
		if (table[i].kind >= 0)
			strbuf_addf(&sb, "%d %d %d\n", table[i].kind, table[i].id, (int)table[i].key);
	if (registry_count() == 0)
		unlink(state_file);
	else
		(void)write_file_atomic(state_file, sb.buf, sb.len);
	strbuf_free(&sb);
}

/* ---- the guardian ---------------------------------------------------- */

struct intent {
	long pid;
	unsigned long seq;
	int kind;
	key_t key;
	long long time;
};

static struct intent intents[INTENTS_MAX];
static size_t nintents;

static void
intent_open(const struct intent *in)
{
	if (nintents < INTENTS_MAX)
		intents[nintents++] = *in;
}

static void
intent_close(long pid, unsigned long seq)
{
	for (size_t i = 0; i < nintents; i++)
		if (intents[i].pid == pid && intents[i].seq == seq) {
			intents[i] = intents[--nintents];
			return;
		}
}

/* A call that never said it returned: remove what it made, i.e. objects
 * of its kind and key, made by this user no earlier than the intent. */
static void
resolve_intent(const struct intent *in)
{
	struct sysv_object *objs = NULL;
	struct call call;
	int n = procview_read((enum ipc_kind)in->kind, procview_path((enum ipc_kind)in->kind), &objs);

	for (int i = 0; i < n; i++)
		if (objs[i].key == in->key && objs[i].cuid == geteuid() && (long long)objs[i].ctime >= in->time
		    && !(objs[i].mode & 01000))
			ipc_ctl((enum ipc_kind)in->kind, objs[i].id, IPC_RMID, NULL, &call);
	free(objs);
}

/* Collect the lines, and at end of file remove what is left.  It runs in
 * its own session so that neither Ctrl-C nor a hangup of the tutor's
 * terminal reaches it. */
/* The terminal's settings when the guardian started (the tutor's input
 * was a terminal): put back at the end, so that a tutor killed in the
 * middle of readline (echo off, raw mode) does not leave the learner's
 * terminal without echo. */
/* The terminal as the tutor found it: its settings, the group in the
 * foreground and the tutor's pid (the group it makes the foreground when
 * it takes the terminal, see tty.c). */
static struct termios tty_saved;
static int tty_have;
static pid_t tty_foreground = -1, tty_tutor = -1;

static void __attribute__((noreturn))
guardian_main(int in)
{
	FILE *f = fdopen(in, "r");
	char line[128];
	char *path = state_file;

	child_start(0, 0);
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	/* A session of our own, away from the terminal's signals; but with
	 * a terminal, a group of our own in its session (out of the
	 * foreground: no Ctrl-C or Ctrl-\), so that the terminal can be given
	 * back; a background group touching the terminal is not stopped. */
	if (tty_have) {
		signal(SIGTTOU, SIG_IGN);
		signal(SIGTTIN, SIG_IGN);
		signal(SIGTSTP, SIG_IGN);
		setpgid(0, 0);
	} else {
		setsid();
	}
	state_file = NULL;   /* the tutor keeps the file; we only remove it */
	guardian_fd = -1;
	used = 0;
	while (f != NULL && fgets(line, sizeof line, f) != NULL) {
		struct intent it;
		int kind, id, key = 0;

		if (sscanf(line, "? %ld %lu %d %d %lld", &it.pid, &it.seq, &it.kind, &key, &it.time) == 5
		    && it.kind >= 0 && it.kind < KIND_COUNT) {
			it.key = (key_t)key;
			intent_open(&it);
		} else if (sscanf(line, "= %ld %lu", &it.pid, &it.seq) == 2) {
			intent_close(it.pid, it.seq);
		} else if (sscanf(line, "+ %d %d %d", &kind, &id, &key) == 3 && kind >= 0 && kind < KIND_COUNT) {
			add_entry((enum ipc_kind)kind, id, (key_t)key);
		} else if (sscanf(line, "- %d %d", &kind, &id) == 2 && kind >= 0 && kind < KIND_COUNT) {
			registry_remove((enum ipc_kind)kind, id);
		}
	}
	for (size_t i = 0; i < used; i++) {
		struct call call;
		if (table[i].kind >= 0 && still_ours(table[i].kind, table[i].id, table[i].key))
			ipc_ctl((enum ipc_kind)table[i].kind, table[i].id, IPC_RMID, NULL, &call);
	}
	for (size_t i = 0; i < nintents; i++)
		resolve_intent(&intents[i]);
	if (path != NULL)
		unlink(path);
	if (tty_have)
		tcsetattr(STDIN_FILENO, TCSANOW, &tty_saved);
	/* A tutor killed while it held the foreground (its own group) leaves
	 * the terminal to no one: give it back to the group that had it. */
	if (tty_foreground > 0 && tcgetpgrp(STDIN_FILENO) == tty_tutor)
		tcsetpgrp(STDIN_FILENO, tty_foreground);
	coverage_flush();
	_exit(EXIT_SUCCESS);
}

int
registry_guard(const char *state_dir)
{
	int fds[2];
	pid_t pid;

	if (state_dir != NULL)
		state_file = xasprintf("%s/objects.%ld", state_dir, (long)getpid());
	if (pipe2(fds, O_CLOEXEC) != 0)
		return -1;
	tty_have = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &tty_saved) == 0;
	tty_foreground = tty_have ? tcgetpgrp(STDIN_FILENO) : -1;
	tty_tutor = getpid();
	pid = proc_fork();
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
	ipc_before_create = before_create;
	ipc_after_create = after_create;
	return guardian_fd;
}

/* ---- recovery at the next start -------------------------------------- */

/* Recover from one state file PATH; returns how many objects went. */
static int
recover_file(const char *path, void (*say)(const char *text))
{
	static const char *const kind_names[KIND_COUNT] = {
		N_("message queue"), N_("semaphore set"), N_("shared memory segment"),
	};
	struct strbuf sb = STRBUF_INIT;
	unsigned long long ns, start;
	long pid;
	int removed = 0;
	char *line, *save = NULL;

	/* Only a file of this namespace whose session is over: a live
	 * session (another tutor of this user) keeps its objects. */
	if (read_file(path, &sb, 1 << 16) != 0
	    || sscanf(sb.buf, STATE_MAGIC " %llu %ld %llu", &ns, &pid, &start) != 3
	    || ns != ipc_ns_inode() || ns == 0 || (pid > 0 && process_start((pid_t)pid) == start)) {
		strbuf_free(&sb);
		return 0;
	}
	(void)strtok_r(sb.buf, "\n", &save);   /* past the session line */
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		int kind, id, key;
		struct call call;

		if (sscanf(line, "%d %d %d", &kind, &id, &key) != 3 || kind < 0 || kind >= KIND_COUNT)
			continue;
		if (!still_ours(kind, id, (key_t)key) || ipc_ctl((enum ipc_kind)kind, id, IPC_RMID, NULL, &call) != 0)
			continue;
		char *text = xasprintf(_("Removed %s %d, left behind by an earlier session that was killed."),
				       _(kind_names[kind]), id);
		say(text);
		free(text);
		removed++;
	}
	unlink(path);
	strbuf_free(&sb);
	return removed;
}

int
registry_recover(const char *state_dir, void (*say)(const char *text))
{
	DIR *d = opendir(state_dir);
	struct dirent *e;
	int removed = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "objects.", 8) != 0 || strchr(e->d_name + 8, '.') != NULL)
			continue;   /* not a state file (nor a temporary one) */
		char *path = xasprintf("%s/%s", state_dir, e->d_name);
		removed += recover_file(path, say);
		free(path);
	}
	closedir(d);
	return removed;
}
