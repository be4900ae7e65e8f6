/* A wrong client (exercise 1) that asks for another key: it gives ftok
 * the current folder, not the key file.  Was: the reference solution.
 * Usage: ./client KEYFILE
 * Protocol: key = ftok(KEYFILE, 'T'); request: type 1, text "PID hello";
 * answer: type PID + 2, text the sequence number.
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
	key = ftok(".", 'T');
	if (key == -1) {
		perror("ftok");
		return 2;
	}
	/* Look up only: no IPC_CREAT, so a client never creates the queue. */
	qid = msgget(key, 0);
	if (qid == -1) {
		if (errno == ENOENT) {
			printf("server not running\n");
			return 1;
		}
		perror("msgget");
		return 2;
	}
	request.mtype = 1;
	snprintf(request.mtext, sizeof request.mtext, "%ld hello", (long)getpid());
	if (msgsnd(qid, &request, strlen(request.mtext), 0) == -1) {
		perror("msgsnd");
		return 2;
	}
	n = msgrcv(qid, &answer, sizeof answer.mtext - 1, getpid() + 2, 0);
	if (n == -1) {
		perror("msgrcv");
		return 2;
	}
	answer.mtext[n] = '\0';
	printf("answer: %s\n", answer.mtext);
	return 0;
}
