/* traceme.c: a small program for the tracer's test.  It makes the calls
 * the lessons teach, in a fixed order, so that "ipctutor trace" must show
 * each with its result: a queue created and used, a message received by a
 * forked child, a stale identifier (EINVAL), a full semaphore wait refused
 * with IPC_NOWAIT (EAGAIN), a shared segment removed while attached (its
 * removal deferred: IPC_STAT still works), and a clean end.  Run it only
 * in a private IPC namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define KEY 0x7e570001

struct message {
	long mtype;
	char mtext[32];
};

int
main(void)
{
	struct message m = { 1, "hello" };
	struct sembuf down = { 0, -1, IPC_NOWAIT };
	struct shmid_ds ds;
	int qid, semid, shmid, status;
	pid_t child;
	char *addr;

	qid = msgget(KEY, IPC_CREAT | IPC_EXCL | 0600);
	msgsnd(qid, &m, strlen(m.mtext), 0);
	child = fork();
	if (child == 0) {
		struct message r;
		ssize_t n = msgrcv(qid, &r, sizeof r.mtext, 0, 0);
		printf("child received %zd bytes\n", n);
		fflush(stdout);
		_exit(n == 5 ? 0 : 1);
	}
	waitpid(child, &status, 0);
	msgctl(qid, IPC_RMID, NULL);
	msgsnd(qid, &m, strlen(m.mtext), 0);              /* stale: EINVAL */

	semid = semget(KEY, 1, IPC_CREAT | 0600);
	semop(semid, &down, 1);                            /* value 0: EAGAIN */
	semctl(semid, 0, IPC_RMID);

	shmid = shmget(KEY, 4096, IPC_CREAT | 0600);
	addr = shmat(shmid, NULL, 0);
	strcpy(addr, "kept");
	shmctl(shmid, IPC_RMID, NULL);                     /* deferred */
	shmctl(shmid, IPC_STAT, &ds);                      /* still there */
	shmdt(addr);
	shmctl(shmid, IPC_STAT, &ds);                      /* gone: EINVAL */
	printf("done\n");
	return 3;
}
