/* Exercise 2: a server that answers requests and removes its queue when
 * it is stopped with SIGTERM or SIGINT (Ctrl-C).
 *
 * Usage: ./server KEYFILE
 * Protocol: key = ftok(KEYFILE, 'T'); the server creates the queue with
 * IPC_CREAT|IPC_EXCL|0600 and reads with msgrcv type -2; a request is
 * type 1, text "PID ..."; the answer is type PID + 2, text the next
 * sequence number (1, 2, 3...).
 *
 * Do the TODOs, then: check 2
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>

struct message {
	long mtype;
	char mtext[128];
};

static volatile sig_atomic_t stop;

/* TODO 1: a handler for SIGTERM and SIGINT that sets stop.  Install it
 * in main with sigaction: a caught signal makes msgrcv return -1 with
 * errno EINTR (System V IPC calls are never restarted, SA_RESTART or not). */

int
main(int argc, char **argv)
{
	struct message m;
	unsigned long seq = 0;
	key_t key;
	int qid;

	if (argc != 2) {
		fprintf(stderr, "usage: %s KEYFILE\n", argv[0]);
		return 2;
	}
	key = ftok(argv[1], 'T');
	qid = key == -1 ? -1 : msgget(key, IPC_CREAT | IPC_EXCL | 0600);
	if (qid == -1) {
		perror("msgget");
		return 1;
	}
	printf("serving on queue %d\n", qid);
	fflush(stdout);
	while (!stop) {
		ssize_t n = msgrcv(qid, &m, sizeof m.mtext - 1, -2, 0);
		if (n == -1) {
			/* TODO 2: EINTR is not an error here: go round the
			 * loop, which tests stop. */
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
	/* TODO 3: remove the queue (msgctl with IPC_RMID), then return 0. */
	return 0;
}
