/* Exercise 6: a shared-memory client that notices a restart
 * through the companion semaphore.  For each line on its standard input it
 * takes the semaphore, reads the number in the segment, writes the next,
 * gives the semaphore back and prints the number.  After a restart the old
 * segment still reads without any error; only the semaphore's EINVAL (or
 * EIDRM) tells: the client detaches the old segment, waits while the
 * server starts, looks both objects up again and attaches the new one.
 *
 * Usage: ./client KEYFILE < lines
 * Protocol: key = ftok(KEYFILE, 'T'); a segment of 4096 bytes and a set of
 * one semaphore (value 1 when free) under that key; the segment holds the
 * last number as text.
 *
 * Do the TODO in main, then: check 6
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#define SEGMENT_SIZE 4096

static key_t key;
static int shmid = -1, semid = -1;
static char *data;

static void
wait_for_server(const char *keyfile)
{
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
	int fd = open(keyfile, O_RDONLY);

	if (fd == -1)
		return;
	while (fcntl(fd, F_SETLKW, &fl) == -1 && errno == EINTR)
		continue;
	close(fd);
}

/* Look the segment and the semaphore up and attach: 0, or -1. */
static int
open_objects(void)
{
	shmid = shmget(key, 0, 0);
	if (shmid == -1)
		return -1;
	data = shmat(shmid, NULL, 0);
	if (data == (void *)-1) {
		data = NULL;
		return -1;
	}
	semid = semget(key, 0, 0);
	return semid == -1 ? -1 : 0;
}

static int
sem_step(short op)
{
	struct sembuf sb = { 0, op, SEM_UNDO };

	return semop(semid, &sb, 1);
}

/* One request: the next number, or -1 with errno set. */
static long
next_number(void)
{
	long n;

	if (sem_step(-1) == -1)
		return -1;
	n = strtol(data, NULL, 10) + 1;
	snprintf(data, SEGMENT_SIZE, "%ld", n);
	if (sem_step(1) == -1)
		return -1;
	return n;
}

int
main(int argc, char **argv)
{
	char line[100];

	if (argc != 2) {
		fprintf(stderr, "usage: %s KEYFILE\n", argv[0]);
		return 2;
	}
	key = ftok(argv[1], 'T');
	if (key == -1 || open_objects() == -1) {
		printf("server not running\n");
		return 1;
	}
	while (fgets(line, sizeof line, stdin) != NULL) {
		long n = next_number();
		if (n == -1 && (errno == EINVAL || errno == EIDRM)) {
			/* TODO: the semaphore is gone (EINVAL, or EIDRM if the
			 * client was asleep in it): the server restarted.
			 * Detach the old segment (shmdt), wait for the new
			 * server, then open_objects() and next_number() again. */
			wait_for_server(argv[1]);
		}
		if (n == -1) {
			perror("request");
			return 1;
		}
		printf("answer: %ld\n", n);
		fflush(stdout);
	}
	if (data != NULL)
		shmdt(data);
	return 0;
}
