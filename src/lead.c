/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * lead.c: a teacher leads, learners follow (--lead, --follow), made of
 * what the course teaches.  The teacher's tutor publishes its lesson and
 * step on a small "board": a shared memory segment that others may only
 * read (mode 0644, attached SHM_RDONLY by followers) and a companion
 * semaphore that announces changes: it normally holds 1, and the teacher
 * sets it to 0 and back to 1, which wakes every follower waiting for zero.
 * The semaphore set has two semaphores that take turns, so that a move
 * cannot be missed and a woken follower never finds a semaphore still at
 * zero: at generation G, semaphore G%2 is 0 and the other 1.  A follower
 * that has seen generation G waits for zero on semaphore (G+1)%2; the
 * teacher's move to G+1 first sets semaphore G%2 to 1 (the gate after
 * this one), then writes the board and the generation, then sets semaphore
 * (G+1)%2 to 0, which wakes every follower waiting there, and lets through
 * at once one that was still on its way to semop.  (With one semaphore set
 * to 0 and back to 1, a follower in between slept until its next refresh;
 * and followers woken by the 0 found it still 0 until the teacher ran
 * again, spinning in semop meanwhile: with a hundred followers on two
 * cores, that took hundreds of milliseconds.)
 * The board lives in the host IPC namespace, so both sides start a helper
 * process there before the tutor enters its private namespace:
 *   - the publisher (teacher) creates the board with the recovery pattern of
 *     lesson 3, updates it on every move, and removes it when the tutor's
 *     pipe closes — by quit or by the tutor's death;
 *   - the listener (learner) attaches the board, reports each new position
 *     on a pipe, and waits in semop; when the teacher removes the board, it
 *     is woken with EIDRM (lesson 5) and says so.
 * A listener that falls a whole move behind could wait at the wrong gate,
 * so it also looks again every second: a refresh, not a synchronisation.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "ipc.h"
#include "lead.h"
#include "proc.h"
#include "registry.h"
#include "util.h"

#define BOARD_NAME "ipctutor-class.key"
#define BOARD_PROJECT 'L'
#define BOARD_MODE 0644
#define BOARD_SEMS 2     /* the two gates */

/* What the board holds. */
struct board {
	unsigned generation;     /* goes up at every move */
	int step;                /* 0-based */
	char slug[64];
};

static int publisher_fd = -1;    /* teacher: the pipe to the publisher */
static int listener_fd = -1;     /* learner: the pipe from the listener */
static int following;
static char last_slug[64];       /* learner: the teacher's latest move */
static int last_step = -1;

/* The class's key: the board file in $IPCTUTOR_RUNDIR, or in /tmp, which
 * every user of the machine can reach. */
static key_t
board_key(int create)
{
	static char *path;

	if (path == NULL)
		path = xasprintf("%s/%s", run_dir() != NULL ? run_dir() : "/tmp", BOARD_NAME);
	if (create) {
		/* A FIFO or another user's file planted there is refused. */
		int fd = open_own_file(path, O_RDONLY | O_CREAT, 0644);
		if (fd < 0)
			return -1;
		close(fd);
	}
	return ftok(path, BOARD_PROJECT);
}

/* The child's start: fresh signals, its own process group; with DIE_WITH
 * the tutor, a parent-death signal too. */
static void
child_setup(pid_t parent, int die_with_parent)
{
	child_start(parent, die_with_parent);
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	setpgid(0, 0);
}

/* Create the board's object of KIND (shm or sem) with the recovery pattern:
 * exclusive create; on EEXIST, remove a leftover that is ours (creator,
 * mode), then create again.  Returns the identifier or -1. */
static int
board_object(int is_shm, key_t key)
{
	const int flags = IPC_CREAT | IPC_EXCL | BOARD_MODE;
	struct call call;
	/* Through ipc.c, so that the publisher's guardian hears of each
	 * object before the call returns. */
	int id = is_shm ? ipc_shmget(key, sizeof(struct board), flags, &call) : ipc_semget(key, BOARD_SEMS, flags, &call);

	if (id < 0 && errno == EEXIST) {
		int old = is_shm ? shmget(key, 0, 0) : semget(key, 0, 0);
		struct shmid_ds shm;
		struct semid_ds sem;
		struct ipc_perm *perm = is_shm ? &shm.shm_perm : &sem.sem_perm;
		int r = old < 0 ? -1 : is_shm ? shmctl(old, IPC_STAT, &shm) : semctl(old, 0, IPC_STAT, &sem);

		if (r != 0 || perm->cuid != geteuid() || (perm->mode & 0777) != BOARD_MODE)
			return -1;   /* not ours: another teacher's board */
		if ((is_shm ? shmctl(old, IPC_RMID, NULL) : semctl(old, 0, IPC_RMID)) != 0)
			return -1;
		id = is_shm ? ipc_shmget(key, sizeof(struct board), flags, &call) : ipc_semget(key, BOARD_SEMS, flags, &call);
	}
	return id;
}

/* The publisher: board up, then one line "SLUG STEP" per move, until the
 * pipe closes; then the board goes. */
static void __attribute__((noreturn))
publisher_main(int in, int ready)
{
	/* A guardian of its own first: if the publisher is killed (even with
	 * SIGKILL), the board does not outlive it. */
	int guarded = registry_guard(NULL) >= 0;
	key_t key = guarded ? board_key(1) : -1;
	int shmid = key == -1 ? -1 : board_object(1, key), semid = shmid < 0 ? -1 : board_object(0, key);
	struct board *b = shmid < 0 ? (void *)-1 : shmat(shmid, NULL, 0);
	char line[128];
	FILE *f = fdopen(in, "r");
	unsigned short gates[BOARD_SEMS] = { 0, 1 };   /* generation 0 */
	char status = b != (void *)-1 && semid >= 0 && semctl(semid, 0, SETALL, gates) == 0 ? 'Y' : 'N';

	if (write(ready, &status, 1) != 1 || status != 'Y') {
		if (shmid >= 0)
			shmctl(shmid, IPC_RMID, NULL);
		if (semid >= 0)
			semctl(semid, 0, IPC_RMID);
		_exit(EXIT_FAILURE);
	}
	close(ready);
	while (f != NULL && fgets(line, sizeof line, f) != NULL) {
		char slug[64];
		int step;
		if (sscanf(line, "%63s %d", slug, &step) != 2)
			continue;
		unsigned next = b->generation + 1;
		semctl(semid, (int)((next + 1) % BOARD_SEMS), SETVAL, 1);   /* the gate after this one */
		memcpy(b->slug, slug, sizeof b->slug);
		b->step = step;
		__atomic_store_n(&b->generation, next, __ATOMIC_SEQ_CST);
		semctl(semid, (int)(next % BOARD_SEMS), SETVAL, 0);   /* wakes every follower at this gate */
	}
	shmdt(b);
	shmctl(shmid, IPC_RMID, NULL);
	semctl(semid, 0, IPC_RMID);   /* followers asleep in semop get EIDRM */
	coverage_flush();
	_exit(EXIT_SUCCESS);
}

int
lead_start(void)
{
	int cmd[2], ready[2];
	pid_t parent = getpid(), pid;
	char status = 'N';

	if (pipe2(cmd, O_CLOEXEC) != 0)
		return -1;
	if (pipe2(ready, O_CLOEXEC) != 0) {
		close(cmd[0]);
		close(cmd[1]);
		return -1;
	}
	pid = proc_fork();
	if (pid == 0) {
		child_setup(parent, 0);
		close(cmd[1]);
		close(ready[0]);
		publisher_main(cmd[0], ready[1]);
	}
	close(cmd[0]);
	close(ready[1]);
	if (pid < 0 || read(ready[0], &status, 1) != 1 || status != 'Y') {
		close(ready[0]);
		close(cmd[1]);
		return -1;
	}
	close(ready[0]);
	publisher_fd = cmd[1];
	return 0;
}

void
lead_publish(const char *slug, int step)
{
	if (publisher_fd >= 0)
		dprintf(publisher_fd, "%s %d\n", slug, step);
}

/* The listener: report the board's position whenever it changes, until the
 * board is removed. */
static void __attribute__((noreturn))
listener_main(int out)
{
	key_t key = board_key(0);
	int shmid = key == -1 ? -1 : shmget(key, 0, 0);
	int semid = key == -1 ? -1 : semget(key, 0, 0);
	const struct board *b = shmid < 0 ? (void *)-1 : shmat(shmid, NULL, SHM_RDONLY);
	unsigned seen = 0;

	if (b == (void *)-1 || semid < 0) {
		dprintf(out, "N\n");
		_exit(EXIT_FAILURE);
	}
	for (;;) {
		const struct timespec refresh = { 1, 0 };
		unsigned g = __atomic_load_n(&b->generation, __ATOMIC_SEQ_CST);
		/* The gate of the move after G: zero once it is made. */
		struct sembuf wait_zero = { (unsigned short)((g + 1) % BOARD_SEMS), 0, 0 };

		if (g != seen && b->slug[0] != '\0') {
			seen = g;
			if (dprintf(out, "P %.63s %d\n", b->slug, b->step) < 0)
				_exit(EXIT_FAILURE);
		}
		if (semtimedop(semid, &wait_zero, 1, &refresh) == 0 || errno == EAGAIN || errno == EINTR)
			continue;
		/* EIDRM (asleep when it went) or EINVAL (gone before): the
		 * teacher's board was removed. */
		dprintf(out, "X %s\n", errno == EIDRM ? "EIDRM" : "EINVAL");
		coverage_flush();
		_exit(EXIT_SUCCESS);
	}
}

int
follow_start(void)
{
	int fds[2];
	pid_t parent = getpid(), pid;

	if (pipe2(fds, O_CLOEXEC) != 0)
		return -1;
	pid = proc_fork();
	if (pid == 0) {
		child_setup(parent, 1);
		close(fds[0]);
		listener_main(fds[1]);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return -1;
	}
	listener_fd = fds[0];
	following = 1;
	return 0;
}

int
follow_fd(void)
{
	return listener_fd;
}

void
follow_set(int on)
{
	following = on;
}

int
follow_active(void)
{
	return listener_fd >= 0;
}

int
follow_last(char *slug, size_t size, int *step)
{
	if (last_step < 0)
		return 0;
	snprintf(slug, size, "%s", last_slug);
	*step = last_step;
	return 1;
}

int
follow_readable(void (*go)(const char *slug, int step), void (*say)(const char *text))
{
	char buf[256];
	ssize_t n = read(listener_fd, buf, sizeof buf - 1);
	char *line, *save = NULL;

	if (n <= 0) {
		close(listener_fd);
		listener_fd = -1;
		return -1;
	}
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char slug[64], errname[16];
		int step;
		if (sscanf(line, "P %63s %d", slug, &step) == 2) {
			snprintf(last_slug, sizeof last_slug, "%s", slug);
			last_step = step;
			if (following)
				go(slug, step);
		} else if (line[0] == 'N') {
			say(_("No teacher is leading on this machine: start following once the teacher's tutor runs with --lead."));
		} else if (sscanf(line, "X %15s", errname) == 1) {
			char *text = xasprintf(_("The teacher stopped leading: the board was removed, and the listener's semop answered %s. You go on alone."),
					       errname);
			say(text);
			free(text);
		}
	}
	return 0;
}
