/* A classic wrong client (exercise 4): it believes that only EIDRM means
 * a stale identifier, as the textbooks say; since Linux 4.2 a stale
 * identifier gives EINVAL.  Was: a client that survives server restarts.  For
 * each line on its standard input it sends a request and prints the
 * answer.  When its identifier has gone stale (the server restarted while
 * the client was reading its input), msgsnd fails with EINVAL (EIDRM on
 * kernels before 4.2): the client looks the key up again and resends.
 *
 * Usage: ./client KEYFILE < lines
 * Protocol: as in exercise 1.
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

/* Send one request on QID and wait for its answer: the answer's length,
 * or -1 with errno set. */
static ssize_t
ask(int qid, const char *text, struct message *answer)
{
	struct message request;

	request.mtype = 1;
	snprintf(request.mtext, sizeof request.mtext, "%ld %s", (long)getpid(), text);
	if (msgsnd(qid, &request, strlen(request.mtext), 0) == -1)
		return -1;
	return msgrcv(qid, answer, sizeof answer->mtext - 1, getpid() + 2, 0);
}

int
main(int argc, char **argv)
{
	struct message answer;
	char line[100];
	key_t key;
	int qid;

	if (argc != 2) {
		fprintf(stderr, "usage: %s KEYFILE\n", argv[0]);
		return 2;
	}
	key = ftok(argv[1], 'T');
	qid = key == -1 ? -1 : msgget(key, 0);
	if (qid == -1) {
		printf("server not running\n");
		return 1;
	}
	while (fgets(line, sizeof line, stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		ssize_t n = ask(qid, line, &answer);
		for (int tries = 0; n == -1 && errno == EIDRM && tries < 3; tries++) {
			/* Stale identifier: the server restarted.  Look up again. */
			printf("identifier %d is stale: looking the key up again\n", qid);
			qid = msgget(key, 0);
			if (qid == -1)
				break;
			n = ask(qid, line, &answer);
		}
		if (n == -1) {
			perror("request");
			return 1;
		}
		answer.mtext[n] = '\0';
		printf("answer: %s\n", answer.mtext);
		fflush(stdout);
	}
	return 0;
}
