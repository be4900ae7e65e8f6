/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * staleprobe.c: asks the running kernel, independently of the tutor, what a
 * client with a stale message-queue identifier gets, in the two cases the
 * course teaches: the identifier's slot is empty, and the slot holds a newer
 * queue with another sequence number.  Prints "empty ERRNO" and "reused
 * ERRNO".  Run it in a private IPC namespace (it removes what it creates).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>

struct message {
	long mtype;
	char mtext[8];
};

static const char *
send_to(int id)
{
	struct message m = { 1, "probe" };

	if (msgsnd(id, &m, 5, IPC_NOWAIT) == 0)
		return "ok";
	return strerrorname_np(errno);
}

int
main(void)
{
	int stale = msgget(IPC_PRIVATE, IPC_CREAT | 0600), id = -1, guard;

	if (stale < 0 || msgctl(stale, IPC_RMID, NULL) != 0) {
		perror("staleprobe");
		return 1;
	}
	/* Keep one queue alive so the slot of the stale id is freed and
	 * then handed out again only after the allocator wraps. */
	guard = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	printf("empty %s\n", send_to(stale));
	for (long n = 0; n < 1000000; n++) {
		id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
		if (id < 0)
			break;
		if ((id & 0x7fff) == (stale & 0x7fff) && id != stale)
			break;
		msgctl(id, IPC_RMID, NULL);
		id = -1;
	}
	printf("reused %s\n", id >= 0 ? send_to(stale) : "none");
	if (id >= 0)
		msgctl(id, IPC_RMID, NULL);
	if (guard >= 0)
		msgctl(guard, IPC_RMID, NULL);
	return 0;
}
