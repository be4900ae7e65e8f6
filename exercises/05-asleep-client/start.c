/* Exercise 5: a client asleep in msgrcv when the server
 * restarts.  The new server removes the old queue, and the kernel wakes
 * the client at once with EIDRM.  The client waits until the new server
 * has made its queue (the server holds a write lock on the key file while
 * it starts: a read lock waits for it), looks the key up again and resends
 * its request, which was lost with the old queue.
 *
 * Usage: ./client KEYFILE < lines
 * Protocol: as in exercise 1, and the starting lock on KEYFILE.
 *
 * Do the two TODOs, then: check 5
 */
#include <errno.h>
#include <fcntl.h>
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

/* Wait while a server is starting: take a read lock on the key file
 * (F_SETLKW sleeps until the server's write lock goes), then let it go. */
static void
wait_for_server(const char *keyfile)
{
	/* TODO 2: open KEYFILE, take a read lock on it with fcntl F_SETLKW
	 * (struct flock with l_type F_RDLCK), then close it. */
	(void)keyfile;
}

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
		for (int tries = 0; n == -1 && errno == EINVAL && tries < 3; tries++) {
			printf("queue %d was removed: the server restarted\n", qid);
			/* TODO 1: a client asleep in msgrcv when the queue is
			 * removed gets another errno: handle it too (in the
			 * loop's condition).  A new server may still be
			 * starting: wait_for_server waits for it (TODO 2). */
			wait_for_server(argv[1]);
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
