/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * ns.c: entering a private IPC namespace (see ns.h).  Root may unshare
 * CLONE_NEWIPC directly.  Anyone else needs a user namespace first, with
 * their own uid and gid mapped to themselves, so that the objects they
 * create still show their real uid (Linux 3.8 and later, where the
 * distribution allows unprivileged user namespaces).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#include "i18n.h"
#include "ns.h"
#include "procview.h"

/* Write TEXT to the /proc file PATH; 0 or -1. */
static int
write_proc(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

enum ns_mode
ns_enter_private(char *why, size_t len)
{
	char map[64];
	uid_t uid = geteuid();
	gid_t gid = getegid();

	if (unshare(CLONE_NEWIPC) == 0)
		return NS_PRIVATE;
	if (unshare(CLONE_NEWUSER | CLONE_NEWIPC) == 0) {
		snprintf(map, sizeof map, "%lu %lu 1\n", (unsigned long)uid, (unsigned long)uid);
		if (write_proc("/proc/self/setgroups", "deny") == 0 || errno == ENOENT) {
			if (write_proc("/proc/self/uid_map", map) == 0) {
				snprintf(map, sizeof map, "%lu %lu 1\n", (unsigned long)gid, (unsigned long)gid);
				write_proc("/proc/self/gid_map", map);
			}
		}
		return NS_PRIVATE_USERNS;
	}
	snprintf(why, len, "%s", strerror(errno));
	return NS_HOST;
}

int
ns_renew(void)
{
	return unshare(CLONE_NEWIPC);
}

void
ns_empty(void)
{
	static const enum ipc_kind kinds[] = { KIND_MSG, KIND_SEM, KIND_SHM };

	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		struct sysv_object *list = NULL;
		int n = procview_read(kinds[k], procview_path(kinds[k]), &list);
		for (int i = 0; i < n; i++)
			if (kinds[k] == KIND_MSG)
				msgctl(list[i].id, IPC_RMID, NULL);
			else if (kinds[k] == KIND_SEM)
				semctl(list[i].id, 0, IPC_RMID);
			else
				shmctl(list[i].id, IPC_RMID, NULL);
		free(list);
	}
}
