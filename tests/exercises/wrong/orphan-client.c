/* A wrong client (exercise 1) that leaves a child behind: before its
 * work it forks a child that ignores SIGTERM and sleeps for ever in a
 * read from a pipe that nobody writes to (the child holds the write end
 * itself).  Only the end of the whole process group can stop it: the
 * checker's.  The child says its pid, so that a test can look for it,
 * and the parent goes on once it has.
 * Was: a client that looks the server's queue up and says "server not
 * running" when there is none.
 *
 * Usage: ./client KEYFILE
 * Protocol: key = ftok(KEYFILE, 'T'); request: type 1, text "PID hello";
 * answer: type PID + 2, text the sequence number.
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

int
main(int argc, char **argv)
{
	struct message request, answer;
	int fds[2], ready[2];
	key_t key;
	int qid;
	ssize_t n;
	char c;

	if (pipe(fds) != 0 || pipe(ready) != 0) {
		perror("pipe");
		return 2;
	}
	fflush(stdout);
	if (fork() == 0) {   /* wrong: a child that outlives its parent */
		signal(SIGTERM, SIG_IGN);
		printf("child %ld\n", (long)getpid());
		fflush(stdout);
		close(ready[1]);
		while (read(fds[0], &c, 1) != 0)
			;
		_exit(0);
	}
	close(ready[1]);
	while (read(ready[0], &c, 1) < 0 && errno == EINTR)   /* the child has said its pid */
		;
	if (argc != 2) {
		fprintf(stderr, "usage: %s KEYFILE\n", argv[0]);
		return 2;
	}
	key = ftok(argv[1], 'T');
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
