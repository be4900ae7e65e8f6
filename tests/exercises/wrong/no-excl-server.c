/* A wrong server (exercise 3): without IPC_EXCL it adopts the queue a
 * crashed predecessor left, and serves the stale request in it.
 * Was: a server that recovers after a crash.  It
 * creates its queue with IPC_CREAT|IPC_EXCL; on EEXIST it looks the
 * survivor up, checks with IPC_STAT that it is its own (created by this
 * user, mode 0600), removes it and creates a new one.  A queue that is not
 * its own is left alone: the server gives up.
 *
 * Usage: ./server KEYFILE
 * Protocol: as in exercise 2.
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

/* Wrong: no IPC_EXCL, so an old queue at the key is adopted as it is. */
static int
create_queue(key_t key)
{
	return msgget(key, IPC_CREAT | 0600);
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
