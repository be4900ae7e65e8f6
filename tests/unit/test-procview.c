/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * test-procview.c: unit tests for procview.c.  procview_read on fixture
 * copies of /proc/sysvipc files found under $srcdir/tests/unit/fixtures
 * (srcdir defaults to "."): empty listings, every column of every kind,
 * negative keys, a removed-but-attached shm (mode 1600), an older shm
 * layout, and malformed or missing files.  procview_find runs against the
 * real /proc: only when this process can move into a private IPC namespace
 * of its own does it create objects there (they vanish with the namespace).
 * Finally identifiers are taken apart and put together again.
 */
#define _GNU_SOURCE
#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procview.h"
#include "tap.h"

#define COUNT(array)	(sizeof(array) / sizeof((array)[0]))

/* The path of fixture NAME, in a static buffer. */
static const char *
fixture(const char *name)
{
	static char	 path[4096];
	const char	*srcdir = getenv("srcdir");

	if (srcdir == NULL || *srcdir == '\0')
		srcdir = ".";
	snprintf(path, sizeof(path), "%s/tests/unit/fixtures/%s", srcdir, name);
	return path;
}

/* Read fixture NAME as KIND, expecting WANT objects; returns them (or NULL). */
static struct sysv_object *
read_fixture(enum ipc_kind kind, const char *name, int want)
{
	struct sysv_object	*objects = NULL;
	int			 n;

	n = procview_read(kind, fixture(name), &objects);
	if (!is_int(n, want, name))
		diag("errno: %s", strerror(errno));
	return objects;
}

static void
test_paths(void)
{
	is_str(procview_path(KIND_MSG), "/proc/sysvipc/msg", "msg path");
	is_str(procview_path(KIND_SEM), "/proc/sysvipc/sem", "sem path");
	is_str(procview_path(KIND_SHM), "/proc/sysvipc/shm", "shm path");
	is_str(procview_path((enum ipc_kind)KIND_COUNT), NULL,
	    "no path for an unknown kind");
	is_str(procview_path((enum ipc_kind)-1), NULL, "  nor for -1");
}

static void
test_msg(void)
{
	struct sysv_object	*o;

	o = (struct sysv_object *)0x1;
	is_int(procview_read(KIND_MSG, fixture("sysvipc-msg-empty"), &o), 0,
	    "a header-only file has no objects");
	ok(o == NULL, "  and *out is NULL");

	if ((o = read_fixture(KIND_MSG, "sysvipc-msg", 3)) == NULL) {
		ok(0, "msg fixture read");
		return;
	}
	is_int(o[0].kind, KIND_MSG, "kind");
	is_int(o[0].key, 0x4d0a0001, "key");
	is_int(o[0].id, 0, "msqid");
	is_int(o[0].mode, 0600, "perms in octal");
	is_int(o[0].bytes, 12, "cbytes");
	is_int(o[0].count, 2, "qnum");
	is_int(o[0].pid1, 4242, "lspid");
	is_int(o[0].pid2, 0, "lrpid");
	is_int(o[0].uid, 1000, "uid");
	is_int(o[0].gid, 1000, "gid");
	is_int(o[0].cuid, 1000, "cuid");
	is_int(o[0].cgid, 1000, "cgid");
	is_int(o[0].ctime, 1795829132, "ctime, not stime or rtime");
	is_int(o[1].key, -527956197, "a negative key");
	is_int(o[1].id, 32769, "its msqid");
	is_int(o[1].mode, 0644, "its perms");
	is_int(o[1].pid2, 4243, "its lrpid");
	is_int(o[1].gid, 100, "its gid");
	is_int(o[1].ctime, 1795829133, "its ctime");
	is_int(o[2].key, IPC_PRIVATE, "IPC_PRIVATE as 0");
	is_int(o[2].uid, 4294967294u, "a uid beyond INT_MAX");
	is_int(o[2].gid, 65534, "nogroup");
	is_int(o[2].bytes, 16384, "its cbytes");
	free(o);
}

static void
test_sem(void)
{
	struct sysv_object	*o;

	if ((o = read_fixture(KIND_SEM, "sysvipc-sem", 2)) == NULL) {
		ok(0, "sem fixture read");
		return;
	}
	is_int(o[0].kind, KIND_SEM, "kind");
	is_int(o[0].key, -1, "key 0xffffffff");
	is_int(o[0].id, 0, "semid");
	is_int(o[0].mode, 0600, "perms");
	is_int(o[0].count, 3, "nsems");
	is_int(o[0].bytes, 0, "no bytes for a semaphore set");
	is_int(o[0].pid1, 0, "no pids either");
	is_int(o[0].uid, 1000, "uid");
	is_int(o[0].cgid, 1000, "cgid");
	is_int(o[0].ctime, 1795829132, "ctime");
	is_int(o[1].key, INT_MAX, "the largest positive key");
	is_int(o[1].mode, 0400, "read-only perms");
	is_int(o[1].ctime, 1795829134, "ctime, not otime");
	free(o);
}

static void
test_shm(void)
{
	struct sysv_object	*o;

	if ((o = read_fixture(KIND_SHM, "sysvipc-shm", 2)) == NULL) {
		ok(0, "shm fixture read");
		return;
	}
	is_int(o[0].kind, KIND_SHM, "kind");
	is_int(o[0].key, IPC_PRIVATE, "key");
	is_int(o[0].mode, 01600, "perms with SHM_DEST");
	ok((o[0].mode & SHM_DEST) != 0, "  SHM_DEST is set");
	is_int(o[0].bytes, 4096, "size");
	is_int(o[0].pid1, 3000, "cpid");
	is_int(o[0].pid2, 3001, "lpid");
	is_int(o[0].count, 2, "nattch");
	is_int(o[0].ctime, 1795829186, "ctime, not atime or rss");
	is_int(o[1].key, INT_MIN, "the most negative key");
	is_int(o[1].id, 98304, "shmid");
	is_int(o[1].bytes, 1048576, "a larger size");
	is_int(o[1].uid, 1000, "uid");
	is_int(o[1].gid, 100, "gid");
	is_int(o[1].cuid, 1000, "cuid");
	is_int(o[1].cgid, 100, "cgid");
	free(o);

	if ((o = read_fixture(KIND_SHM, "sysvipc-shm-old", 1)) != NULL) {
		ok(o[0].id == 7 && o[0].key == 42 && o[0].ctime == 1700000000,
		    "  without rss and swap, blank line ignored");
		free(o);
	}
}

static void
test_errors(void)
{
	static const struct {
		enum ipc_kind	 kind;
		const char	*name;
		int		 error;
	} cases[] = {
		{ KIND_SEM, "sysvipc-sem-malformed-word", EINVAL },
		{ KIND_SEM, "sysvipc-sem-malformed-key", EINVAL },
		{ KIND_MSG, "sysvipc-msg-malformed-short", EINVAL },
		{ KIND_SHM, "sysvipc-shm-malformed-perms", EINVAL },
		{ KIND_MSG, "sysvipc-msg-no-header", EINVAL },
		/* A msg file read as shm: its header says msqid. */
		{ KIND_SHM, "sysvipc-msg", EINVAL },
		{ KIND_MSG, "no-such-file", ENOENT },
	};
	struct sysv_object	*o;
	size_t			 i;

	for (i = 0; i < COUNT(cases); i++) {
		o = (struct sysv_object *)0x1;
		errno = 0;
		is_int(procview_read(cases[i].kind, fixture(cases[i].name),
		    &o), -1, cases[i].name);
		is_int(errno, cases[i].error, "  errno");
		ok(o == NULL, "  *out is NULL");
	}
	errno = 0;
	is_int(procview_read((enum ipc_kind)7, fixture("sysvipc-msg"), &o), -1,
	    "an unknown kind");
	is_int(errno, EINVAL, "  errno EINVAL");
	is_int(procview_read(KIND_MSG, NULL, &o), -1, "a NULL path");
	is_int(procview_read(KIND_MSG, fixture("sysvipc-msg"), NULL), -1,
	    "a NULL out");
}

/*
 * procview_find against the kernel.  In this process's own IPC namespace
 * (when it may have one), create one object of each kind, find it, remove
 * it, and no longer find it.
 */
static void
test_find(void)
{
	struct sysv_object	obj;
	struct shmid_ds		shm;
	int			ids[KIND_COUNT], r, i;

	errno = 0;
	r = procview_find(KIND_MSG, INT_MAX, &obj);
	if (r == -1 && errno == ENOENT) {
		ok(1, "# skip no /proc/sysvipc on this kernel");
		return;
	}
	is_int(r, 0, "an identifier nobody uses is not found");

	if (unshare(CLONE_NEWIPC) == -1) {
		ok(1, "# skip cannot make a private IPC namespace: %s",
		    strerror(errno));
		return;
	}
	ids[KIND_MSG] = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	ids[KIND_SEM] = semget(0x4d0a0001, 3, IPC_CREAT | 0640);
	ids[KIND_SHM] = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (!ok(ids[KIND_MSG] >= 0 && ids[KIND_SEM] >= 0 && ids[KIND_SHM] >= 0,
	    "objects created in a private IPC namespace"))
		return;

	for (i = 0; i < KIND_COUNT; i++) {
		memset(&obj, 0, sizeof(obj));
		is_int(procview_find((enum ipc_kind)i, ids[i], &obj), 1,
		    procview_path((enum ipc_kind)i));
		is_int(obj.kind, i, "  its kind");
		is_int(obj.id, ids[i], "  its id");
		is_int(obj.cuid, geteuid(), "  its creator");
	}
	procview_find(KIND_SEM, ids[KIND_SEM], &obj);
	ok(obj.key == 0x4d0a0001 && obj.count == 3 && obj.mode == 0640,
	    "the semaphore set's key, nsems and mode");
	procview_find(KIND_SHM, ids[KIND_SHM], &obj);
	ok(obj.bytes == 4096 && obj.count == 0 && obj.pid1 == getpid(),
	    "the segment's size, nattch and cpid");
	is_int(procview_find(KIND_SHM, ids[KIND_SHM], NULL), 1,
	    "obj may be NULL");

	msgctl(ids[KIND_MSG], IPC_RMID, NULL);
	semctl(ids[KIND_SEM], 0, IPC_RMID);
	shmctl(ids[KIND_SHM], IPC_RMID, &shm);
	for (i = 0; i < KIND_COUNT; i++)
		is_int(procview_find((enum ipc_kind)i, ids[i], &obj), 0,
		    "after IPC_RMID it is gone");
}

static void
test_ids(void)
{
	static const struct {
		int		id;
		unsigned	shift, index, seq;
	} cases[] = {
		{ 0, 15, 0, 0 },
		{ 32768, 15, 0, 1 },
		{ 32769, 15, 1, 1 },
		{ 32767, 15, 32767, 0 },
		{ 98304, 15, 0, 3 },
		{ INT_MAX, 15, 32767, 65535 },
		{ 5 << 24 | 7, 24, 7, 5 },
		{ 16777216, 24, 0, 1 },
		{ 32768, 24, 32768, 0 },
		{ INT_MAX, 24, 16777215, 127 },
	};
	struct id_parts	parts;
	size_t		i;

	for (i = 0; i < COUNT(cases); i++) {
		memset(&parts, 0xff, sizeof(parts));
		id_decode(cases[i].id, cases[i].shift, &parts);
		ok(parts.index == cases[i].index && parts.seq == cases[i].seq &&
		    parts.shift == cases[i].shift,
		    "id %d, shift %u: index %u seq %u (got %u %u)",
		    cases[i].id, cases[i].shift, cases[i].index, cases[i].seq,
		    parts.index, parts.seq);
		is_int(id_encode(cases[i].index, cases[i].seq, cases[i].shift),
		    cases[i].id, "  and back");
	}
	id_decode(32768, 0, &parts);
	ok(parts.shift == IPCMNI_SHIFT_DEFAULT && parts.seq == 1,
	    "shift 0 means the default");
	id_decode(32768, 99, &parts);
	ok(parts.shift == IPCMNI_SHIFT_DEFAULT, "so does shift 99");
	id_decode(-1, 15, &parts);
	ok(parts.index == 32767, "a negative id does not crash");
	survives(id_decode(1, 15, NULL), "NULL parts do not crash");
	is_int(id_encode(0, 65536, 15), 0, "seq wraps as the kernel's does");
	is_int(id_encode(32768 + 5, 0, 15), 5,
	    "the index is kept below the shift");
	ok(id_encode(UINT_MAX, UINT_MAX, 15) >= 0, "ids are never negative");
}

int
main(void)
{
	test_paths();
	test_msg();
	test_sem();
	test_shm();
	test_errors();
	test_find();
	test_ids();
	return tap_done();
}
