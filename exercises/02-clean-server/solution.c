/* Exercise 2, a solution: a server that answers requests and removes its
 * queue when it is stopped with SIGTERM or SIGINT (Ctrl-C).
 *
 * Usage: ./server KEYFILE
 * Protocol: key = ftok(KEYFILE, 'T'); the server creates the queue with
 * IPC_CREAT|IPC_EXCL|0600 and reads with msgrcv type -2; a request is
 * type 1, text "PID ..."; the answer is type PID + 2, text the next
 * sequence number (1, 2, 3...).
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

static void
on_stop(int sig)
{
	stop = sig;
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
	/* A caught signal makes msgrcv return -1 with EINTR: System V IPC
	 * calls are never restarted, SA_RESTART or not.  No SA_RESTART all
	 * the same, so that no other call goes back to sleep either. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

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
			if (errno == EINTR)
				continue;   /* the loop checks stop */
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
	if (msgctl(qid, IPC_RMID, NULL) == -1) {
		perror("msgctl");
		return 1;
	}
	printf("stopped by signal %d: queue %d removed\n", (int)stop, qid);
	return 0;
}
