/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * errinject.c: runs a command with some of its System V IPC calls answered
 * as another kernel would answer them, so that a test can show the lesson
 * text written for that kernel (the "~~~ if EIDRM" after a stale
 * identifier, which Linux 4.2 and later never give).
 *
 *     errinject [-v] RULE... -- COMMAND [ARG...]
 *     RULE = SYSCALL:ARG0:ERRNO[:SKIP[:COUNT]]
 *
 * Every call of SYSCALL (msgsnd, msgrcv, msgctl, semop, semctl, shmat,
 * shmctl) whose first argument is ARG0 is counted, in COMMAND and in every
 * process it starts; the first SKIP of them (default 0) go to the kernel as
 * usual, the next COUNT (default: all) fail with ERRNO without reaching the
 * kernel, and any after those go to the kernel again.
 * All other calls are untouched.  -v prints each call of a counting rule
 * ("msgctl(0, 2) #3 -> EIDRM") on standard error, to find its SKIP.
 *
 * How: the child installs a seccomp filter, then executes COMMAND; the
 * filter stays in COMMAND's own process tree.  A rule without SKIP and
 * COUNT is decided in the filter itself (SECCOMP_RET_ERRNO when the first
 * argument matches), at once: the caller never sleeps, so the tutor never
 * mistakes it for a process asleep in msgsnd or semop.  A rule that counts
 * hands its calls to this process (SECCOMP_RET_USER_NOTIF, Linux 5.0;
 * letting a call through needs Linux 5.5), which answers each one; use
 * counting rules only for calls that cannot block (msgctl, shmat), as the
 * caller does sleep while it waits for the answer.  This process exits with
 * COMMAND's status (pidfd_open: Linux 5.3).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_RULES 8

struct rule {
	const char *name;
	long nr, nr2;           /* nr2: glibc's semop is semtimedop */
	unsigned long long arg0;
	int err;
	long skip, count, seen;
};

static struct rule rules[MAX_RULES];
static int nrules, verbose;

static const struct { const char *name; long nr, nr2; } calls[] = {
	{ "msgsnd", SYS_msgsnd, -1 }, { "msgrcv", SYS_msgrcv, -1 },
	{ "msgctl", SYS_msgctl, -1 }, { "semop", SYS_semop, SYS_semtimedop },
	{ "semctl", SYS_semctl, -1 }, { "shmat", SYS_shmat, -1 },
	{ "shmctl", SYS_shmctl, -1 },
};

static void
usage(void)
{
	fprintf(stderr, "usage: errinject [-v] SYSCALL:ARG0:ERRNO[:SKIP[:COUNT]]... -- COMMAND [ARG...]\n");
	exit(2);
}

/* Parse "msgsnd:0:EIDRM:2" into the next rule, or exit with a message. */
static void
parse_rule(const char *text)
{
	char *copy = strdup(text), *f[5] = { 0 }, *save = NULL;
	struct rule *r = &rules[nrules];
	int n = 0;

	if (copy == NULL || nrules == MAX_RULES)
		usage();
	for (char *t = strtok_r(copy, ":", &save); t != NULL && n < 5; t = strtok_r(NULL, ":", &save))
		f[n++] = t;
	if (n < 3)
		usage();
	r->nr = -1;
	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
		if (strcmp(f[0], calls[i].name) == 0) {
			r->name = calls[i].name;
			r->nr = calls[i].nr;
			r->nr2 = calls[i].nr2;
		}
	r->arg0 = strtoull(f[1], NULL, 0);
	r->skip = n >= 4 ? strtol(f[3], NULL, 0) : 0;
	r->count = n == 5 ? strtol(f[4], NULL, 0) : -1;
	for (int e = 1; e < 256 && r->err == 0; e++) {
		const char *name = strerrorname_np(e);
		if (name != NULL && strcmp(name, f[2]) == 0)
			r->err = e;
	}
	if (r->nr < 0 || r->err == 0) {
		fprintf(stderr, "errinject: bad rule %s\n", text);
		exit(2);
	}
	nrules++;
}

/* A rule decided inside the filter, without this process. */
static int
in_filter(const struct rule *r)
{
	return r->skip == 0 && r->count < 0;
}

/* The filter: for each rule and each of its call numbers, either "fail
 * with ERRNO if args[0] matches" or "ask the supervisor"; all else runs. */
static int
install_filter(void)
{
	struct sock_filter prog[4 + 10 * MAX_RULES];
	size_t n = 0;

	prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	for (int i = 0; i < nrules; i++) {
		const struct rule *r = &rules[i];
		long nrs[2] = { r->nr, r->nr2 };
		for (int k = 0; k < 2 && nrs[k] >= 0; k++) {
			prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
			if (in_filter(r)) {
				/* identifiers are below 2^31: the low word decides */
				prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nrs[k], 0, 3);
				prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]));
				prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)r->arg0, 0, 1);
				prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (unsigned)r->err);
			} else {
				prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nrs[k], 0, 1);
				prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF);
			}
		}
	}
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog fprog = { (unsigned short)n, prog };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &fprog);
}

/* Send descriptor FD over the socket SOCK (the child gives the supervisor
 * its listener).  0 or -1. */
static int
send_fd(int sock, int fd)
{
	char data = 'L', control[CMSG_SPACE(sizeof fd)];
	struct iovec iov = { &data, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
			      .msg_controllen = sizeof control };
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

	memset(control, 0, sizeof control);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof fd);
	memcpy(CMSG_DATA(c), &fd, sizeof fd);
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

static int
recv_fd(int sock)
{
	char data, control[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &data, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
			      .msg_controllen = sizeof control };
	int fd = -1;

	if (recvmsg(sock, &msg, 0) != 1)
		return -1;
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	if (c != NULL && c->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(c), sizeof fd);
	return fd;
}

/* Answer one notification from LISTENER: fail it or let it through. */
static void
answer(int listener)
{
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;

	memset(&req, 0, sizeof req);
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) != 0)
		return;         /* the caller died meanwhile */
	memset(&resp, 0, sizeof resp);
	resp.id = req.id;
	resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	for (int i = 0; i < nrules; i++) {
		struct rule *r = &rules[i];
		if ((req.data.nr != r->nr && req.data.nr != r->nr2) || req.data.args[0] != r->arg0)
			continue;
		r->seen++;
		if (r->seen > r->skip && (r->count < 0 || r->seen <= r->skip + r->count)) {
			resp.flags = 0;
			resp.error = -r->err;
		}
		if (verbose)
			fprintf(stderr, "errinject: %s(%llu, %llu) #%ld -> %s\n", r->name,
				(unsigned long long)req.data.args[0], (unsigned long long)req.data.args[1],
				r->seen, resp.flags ? "kernel" : strerrorname_np(r->err));
		break;
	}
	ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
}

int
main(int argc, char **argv)
{
	int i = 1, sv[2], status;

	if (i < argc && strcmp(argv[i], "-v") == 0) {
		verbose = 1;
		i++;
	}
	for (; i < argc && strcmp(argv[i], "--") != 0; i++)
		parse_rule(argv[i]);
	if (i >= argc - 1 || nrules == 0)
		usage();
	char **command = argv + i + 1;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		perror("errinject: socketpair");
		return 1;
	}
	pid_t child = fork();
	if (child < 0) {
		perror("errinject: fork");
		return 1;
	}
	if (child == 0) {
		close(sv[0]);
		int listener = install_filter();
		if (listener < 0 || send_fd(sv[1], listener) != 0) {
			perror("errinject: seccomp");
			_exit(1);
		}
		close(listener);
		close(sv[1]);
		execvp(command[0], command);
		perror(command[0]);
		_exit(127);
	}
	close(sv[1]);
	int listener = recv_fd(sv[0]);
	close(sv[0]);
	if (listener < 0) {
		waitpid(child, &status, 0);
		return 1;
	}
	/* Serve until the command exits (its pidfd becomes readable). */
	int pidfd = (int)syscall(SYS_pidfd_open, child, 0);
	for (;;) {
		struct pollfd p[2] = { { listener, POLLIN, 0 }, { pidfd, POLLIN, 0 } };
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if (p[0].revents & POLLIN)
			answer(listener);
		else if (p[1].revents & POLLIN || p[0].revents & (POLLHUP | POLLERR))
			break;
	}
	waitpid(child, &status, 0);
	close(listener);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
