/* Exercise 7: noticing a crash with no restart.  The client
 * takes the semaphore with semtimedop and a time limit.  When the time
 * runs out (EAGAIN), it does not wait blindly again: it asks whether the
 * server is alive.  The segment's creator pid (shm_cpid, from IPC_STAT)
 * is the server's; kill(pid, 0) failing with ESRCH says it is gone.
 *
 * Usage: ./client KEYFILE
 * Protocol: as in exercise 6 (one request).
 *
 * Do the two TODOs, then: check 7
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

#define SEGMENT_SIZE 4096

/* Is the server that created segment SHMID still alive? */
static int
server_alive(int shmid)
{
	/* TODO 2: IPC_STAT the segment: shm_cpid is the server's pid.
	 * kill(pid, 0) tells whether that process is alive (ESRCH: gone). */
	(void)shmid;
	return 1;
}

int
main(int argc, char **argv)
{
	struct sembuf down = { 0, -1, SEM_UNDO }, up = { 0, 1, SEM_UNDO };
	key_t key;
	int shmid, semid;
	char *data;

	if (argc != 2) {
		fprintf(stderr, "usage: %s KEYFILE\n", argv[0]);
		return 2;
	}
	key = ftok(argv[1], 'T');
	shmid = key == -1 ? -1 : shmget(key, 0, 0);
	semid = key == -1 ? -1 : semget(key, 0, 0);
	if (shmid == -1 || semid == -1) {
		printf("server not running\n");
		return 1;
	}
	data = shmat(shmid, NULL, 0);
	if (data == (void *)-1) {
		perror("shmat");
		return 1;
	}
	/* TODO 1: wait at most a second at a time: semtimedop with a
	 * struct timespec of 1 s.  When it fails with EAGAIN the loop asks
	 * server_alive. */
	while (semop(semid, &down, 1) == -1) {
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN) {
			perror("semtimedop");
			return 1;
		}
		if (!server_alive(shmid)) {
			printf("server crashed\n");
			shmdt(data);
			return 1;
		}
		printf("still waiting: the server is alive but busy\n");
		fflush(stdout);
	}
	long n = strtol(data, NULL, 10) + 1;
	snprintf(data, SEGMENT_SIZE, "%ld", n);
	semop(semid, &up, 1);
	printf("answer: %ld\n", n);
	shmdt(data);
	return 0;
}
