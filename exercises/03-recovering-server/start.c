/* Exercise 3: a server that recovers after a crash.  It creates its queue
 * with IPC_CREAT|IPC_EXCL; on EEXIST it must look the survivor up, check
 * with IPC_STAT that it is its own (created by this user, mode 0600),
 * remove it and create a new one.  A queue that is not its own is left
 * alone: the server gives up.
 *
 * Usage: ./server KEYFILE
 * Protocol: as in exercise 2.
 *
 * Do the TODO in create_queue, then: check 3
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <unistd.h>

struct message {
	long mtype;
	char mtext[128];
};

static volatile sig_atomic_t stop;

static void
on_stop(int sig)
{
	stop = sig;
}

/* The recovery pattern: a new queue at KEY, or -1. */
static int
create_queue(key_t key)
{
	int qid = msgget(key, IPC_CREAT | IPC_EXCL | 0600);

	if (qid != -1 || errno != EEXIST)
		return qid;
	/* TODO: a queue survived at the key.  Look it up (msgget(key, 0)),
	 * get its struct msqid_ds with msgctl(old, IPC_STAT, &ds), and only
	 * if ds.msg_perm.cuid is geteuid() and the mode is 0600: remove it
	 * (IPC_RMID) and create again.  Otherwise say so and return -1. */
	fprintf(stderr, "a queue is already at the key\n");
	return -1;
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	struct message m;
	unsigned long seq = 0;
	key_t key;
	int qid;

	if (argc != 2) {
		fprintf(stderr, "usage: %s KEYFILE\n", argv[0]);
		return 2;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	key = ftok(argv[1], 'T');
	qid = key == -1 ? -1 : create_queue(key);
	if (qid == -1) {
		fprintf(stderr, "the server cannot start\n");
		return 1;
	}
	printf("serving on queue %d\n", qid);
	fflush(stdout);
	while (!stop) {
		ssize_t n = msgrcv(qid, &m, sizeof m.mtext - 1, -2, 0);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			perror("msgrcv");
			return 1;
		}
		m.mtext[n] = '\0';
		long pid = strtol(m.mtext, NULL, 10);
		if (m.mtype != 1 || pid <= 0)
			continue;
		m.mtype = pid + 2;
		snprintf(m.mtext, sizeof m.mtext, "%lu", ++seq);
		msgsnd(qid, &m, strlen(m.mtext), IPC_NOWAIT);
	}
	msgctl(qid, IPC_RMID, NULL);
	return 0;
}
