/* Exercise 1: a client that looks the server's queue up and says
 * "server not running" when there is none.
 *
 * Usage: ./client KEYFILE
 * Protocol: key = ftok(KEYFILE, 'T'); request: type 1, text "PID hello";
 * answer: type PID + 2, text the sequence number.
 *
 * Do the three TODOs, then: check 1
 */
#include <errno.h>
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

int
main(int argc, char **argv)
{
	struct message request, answer;
	key_t key;
	int qid;
	ssize_t n;

	if (argc != 2) {
		fprintf(stderr, "usage: %s KEYFILE\n", argv[0]);
		return 2;
	}
	key = ftok(argv[1], 'T');
	if (key == -1) {
		perror("ftok");
		return 2;
	}
	/* TODO 1: look the queue up with msgget.  Which flags does a client
	 * give, so that it never creates the server's queue? */
	qid = -1;
	errno = ENOSYS;
	if (qid == -1) {
		/* TODO 2: when errno is ENOENT, print "server not running" and
		 * return 1. */
		perror("msgget");
		return 2;
	}
	request.mtype = 1;
	snprintf(request.mtext, sizeof request.mtext, "%ld hello", (long)getpid());
	if (msgsnd(qid, &request, strlen(request.mtext), 0) == -1) {
		perror("msgsnd");
		return 2;
	}
	/* TODO 3: receive the answer: the message of type getpid() + 2. */
	n = 0;
	answer.mtext[n] = '\0';
	printf("answer: %s\n", answer.mtext);
	return 0;
}
