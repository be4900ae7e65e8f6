/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * callfmt.c: System V IPC calls seen from outside, written as ipc.c writes
 * the tutor's own (see callfmt.h).  The text of a message, the operations
 * of a semop and the result of an IPC_STAT are read from the traced
 * process; what cannot be read is shown as {...}, as strace does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>

#include "callfmt.h"
#include "flags.h"
#include "util.h"

#define SHOW_BYTES 48
#define SHOW_SEMOPS 4
#define IPC_64_BIT 0x100

enum sysv_call
callfmt_which(long nr)
{
	static const struct { long nr; enum sysv_call which; } table[] = {
#ifdef SYS_msgget
		{ SYS_msgget, SV_MSGGET }, { SYS_msgsnd, SV_MSGSND }, { SYS_msgrcv, SV_MSGRCV },
		{ SYS_msgctl, SV_MSGCTL }, { SYS_semget, SV_SEMGET }, { SYS_semop, SV_SEMOP },
		{ SYS_semctl, SV_SEMCTL }, { SYS_shmget, SV_SHMGET }, { SYS_shmat, SV_SHMAT },
		{ SYS_shmdt, SV_SHMDT }, { SYS_shmctl, SV_SHMCTL },
#endif
#ifdef SYS_semtimedop
		{ SYS_semtimedop, SV_SEMTIMEDOP },
#endif
	};

	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].nr == nr)
			return table[i].which;
	return SV_NONE;
}

int
callfmt_may_block(enum sysv_call which, const unsigned long long args[6])
{
	switch (which) {
	case SV_MSGSND: return !(args[3] & IPC_NOWAIT);
	case SV_MSGRCV: return !(args[4] & IPC_NOWAIT);
	case SV_SEMOP:
	case SV_SEMTIMEDOP: return 1;   /* per operation; assume it may */
	default: return 0;
	}
}

int
callfmt_ctl_cmd(enum sysv_call which, const unsigned long long args[6])
{
	unsigned long long cmd = which == SV_SEMCTL ? args[2] : args[1];

	return (int)(cmd & ~(unsigned long long)IPC_64_BIT);
}

static void
put(struct call *call, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
put(struct call *call, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(call->text, sizeof call->text, fmt, ap);
	va_end(ap);
}

/* A message at ADDR with LEN bytes of text: {TYPE, "text"}, or {...}. */
static void
message(callfmt_reader read, void *arg, unsigned long long addr, size_t len, char *buf, size_t size)
{
	struct { long mtype; char mtext[SHOW_BYTES + 1]; } m;
	char quoted[SHOW_BYTES * 4 + 8];
	size_t n = len < SHOW_BYTES ? len : SHOW_BYTES + 1;

	if (addr == 0 || read(arg, addr, &m, sizeof m.mtype + n) != 0) {
		snprintf(buf, size, "{...}");
		return;
	}
	trace_quote(m.mtext, n, SHOW_BYTES, quoted, sizeof quoted);
	snprintf(buf, size, "{%ld, \"%s\"}", m.mtype, quoted);
}

/* Up to SHOW_SEMOPS operations at ADDR: [{sem_num=0, sem_op=-1, ...}]. */
static void
semops(callfmt_reader read, void *arg, unsigned long long addr, size_t nsops, char *buf, size_t size)
{
	struct sembuf ops[SHOW_SEMOPS];
	size_t n = nsops < SHOW_SEMOPS ? nsops : SHOW_SEMOPS;
	struct strbuf sb = STRBUF_INIT;

	if (addr == 0 || nsops == 0 || read(arg, addr, ops, n * sizeof ops[0]) != 0) {
		snprintf(buf, size, "[...]");
		return;
	}
	strbuf_init(&sb);
	strbuf_addc(&sb, '[');
	for (size_t i = 0; i < n; i++) {
		char f[64];
		flags_format(FLAGS_SEMOP, ops[i].sem_flg, f, sizeof f);
		strbuf_addf(&sb, "%s{sem_num=%u, sem_op=%d, sem_flg=%s}", i ? ", " : "", ops[i].sem_num,
			    ops[i].sem_op, f);
	}
	strbuf_adds(&sb, nsops > n ? ", ...]" : "]");
	snprintf(buf, size, "%s", sb.buf);
	strbuf_free(&sb);
}

/* The IPC_STAT summary ipc.c shows, from the buffer the call filled. */
static void
stat_data(enum sysv_call which, callfmt_reader read, void *arg, unsigned long long addr, struct call *call)
{
	char k[24];

	if (which == SV_MSGCTL) {
		struct msqid_ds ds;
		if (read(arg, addr, &ds, sizeof ds) != 0)
			return;
		key_format(ds.msg_perm.__key, k, sizeof k);
		snprintf(call->data, sizeof call->data,
			 "{key=%s, cuid=%u, mode=0%o, msg_qnum=%lu, msg_lspid=%ld, msg_lrpid=%ld}", k,
			 (unsigned)ds.msg_perm.cuid, ds.msg_perm.mode & 07777, (unsigned long)ds.msg_qnum,
			 (long)ds.msg_lspid, (long)ds.msg_lrpid);
	} else if (which == SV_SEMCTL) {
		struct semid_ds ds;
		if (read(arg, addr, &ds, sizeof ds) != 0)
			return;
		key_format(ds.sem_perm.__key, k, sizeof k);
		snprintf(call->data, sizeof call->data, "{key=%s, cuid=%u, mode=0%o, sem_nsems=%lu}", k,
			 (unsigned)ds.sem_perm.cuid, ds.sem_perm.mode & 07777, (unsigned long)ds.sem_nsems);
	} else {
		struct shmid_ds ds;
		if (read(arg, addr, &ds, sizeof ds) != 0)
			return;
		key_format(ds.shm_perm.__key, k, sizeof k);
		snprintf(call->data, sizeof call->data,
			 "{key=%s, cuid=%u, mode=0%o%s, shm_segsz=%zu, shm_nattch=%lu, shm_cpid=%ld}", k,
			 (unsigned)ds.shm_perm.cuid, ds.shm_perm.mode & 0777,
			 (ds.shm_perm.mode & SHM_DEST) ? "|SHM_DEST" : "", ds.shm_segsz,
			 (unsigned long)ds.shm_nattch, (long)ds.shm_cpid);
	}
}

static void
format_ctl(enum sysv_call which, const unsigned long long a[6], long ret, callfmt_reader read, void *arg,
	   struct call *call)
{
	const char *name = which == SV_MSGCTL ? "msgctl" : which == SV_SHMCTL ? "shmctl" : "semctl";
	int cmd = callfmt_ctl_cmd(which, a);
	unsigned long long buf = which == SV_SEMCTL ? a[3] : a[2];
	char c[24], semnum[24] = "";

	if (which == SV_SEMCTL)
		snprintf(semnum, sizeof semnum, "%d, ", (int)a[1]);
	if (which == SV_SEMCTL && cmd == SETVAL)
		put(call, "semctl(%d, %sSETVAL, %d)", (int)a[0], semnum, (int)a[3]);
	else if (cmd == IPC_STAT || cmd == IPC_SET)
		put(call, "%s(%d, %s%s, {...})", name, (int)a[0], semnum, ctl_text(cmd, c, sizeof c));
	else if (which == SV_SEMCTL)
		put(call, "semctl(%d, %s%s)", (int)a[0], semnum, ctl_text(cmd, c, sizeof c));
	else
		put(call, "%s(%d, %s, NULL)", name, (int)a[0], ctl_text(cmd, c, sizeof c));
	if (cmd == IPC_STAT && ret >= 0 && buf != 0)
		stat_data(which, read, arg, buf, call);
}

void
callfmt_format(enum sysv_call which, const unsigned long long a[6], long ret, int err, callfmt_reader read,
	       void *arg, struct call *call)
{
	char k[24], f[64], m[SHOW_BYTES * 4 + 32], ops[256];

	static const enum call_id ids[] = {
		[SV_NONE] = CALL_OTHER, [SV_MSGGET] = CALL_MSGGET, [SV_MSGSND] = CALL_MSGSND,
		[SV_MSGRCV] = CALL_MSGRCV, [SV_MSGCTL] = CALL_MSGCTL, [SV_SEMGET] = CALL_SEMGET,
		[SV_SEMOP] = CALL_SEMOP, [SV_SEMTIMEDOP] = CALL_SEMOP, [SV_SEMCTL] = CALL_SEMCTL,
		[SV_SHMGET] = CALL_SHMGET, [SV_SHMAT] = CALL_SHMAT, [SV_SHMDT] = CALL_SHMDT,
		[SV_SHMCTL] = CALL_SHMCTL,
	};

	memset(call, 0, sizeof *call);
	call->id = ids[which];
	call->kind = RET_INT;
	call->ret = err ? -1 : ret;
	call->err = err;
	switch (which) {
	case SV_MSGGET:
	case SV_SHMGET:
		key_format((key_t)a[0], k, sizeof k);
		flags_format(FLAGS_GET, (int)(which == SV_MSGGET ? a[1] : a[2]), f, sizeof f);
		if (which == SV_MSGGET)
			put(call, "msgget(%s, %s)", k, f);
		else
			put(call, "shmget(%s, %llu, %s)", k, a[1], f);
		break;
	case SV_SEMGET:
		key_format((key_t)a[0], k, sizeof k);
		flags_format(FLAGS_GET, (int)a[2], f, sizeof f);
		put(call, "semget(%s, %d, %s)", k, (int)a[1], f);
		break;
	case SV_MSGSND:
		message(read, arg, a[1], (size_t)a[2], m, sizeof m);
		flags_format(FLAGS_MSGSND, (int)a[3], f, sizeof f);
		put(call, "msgsnd(%d, %s, %llu, %s)", (int)a[0], m, a[2], f);
		break;
	case SV_MSGRCV:
		if (err == 0)
			message(read, arg, a[1], (size_t)ret, m, sizeof m);
		else
			snprintf(m, sizeof m, "{...}");
		flags_format(FLAGS_MSGRCV, (int)a[4], f, sizeof f);
		put(call, "msgrcv(%d, %s, %llu, %lld, %s)", (int)a[0], m, a[2], (long long)a[3], f);
		break;
	case SV_SEMOP:
	case SV_SEMTIMEDOP:
		semops(read, arg, a[1], (size_t)a[2], ops, sizeof ops);
		/* glibc makes semop() a semtimedop without a time limit:
		 * show what the program wrote. */
		if (which == SV_SEMOP || a[3] == 0) {
			put(call, "semop(%d, %s, %llu)", (int)a[0], ops, a[2]);
		} else {
			struct timespec ts;
			if (read(arg, a[3], &ts, sizeof ts) == 0)
				put(call, "semtimedop(%d, %s, %llu, {tv_sec=%lld, tv_nsec=%ld})", (int)a[0], ops, a[2],
				    (long long)ts.tv_sec, ts.tv_nsec);
			else
				put(call, "semtimedop(%d, %s, %llu, {...})", (int)a[0], ops, a[2]);
		}
		break;
	case SV_SHMAT:
		flags_format(FLAGS_SHMAT, (int)a[2], f, sizeof f);
		if (a[1] == 0)
			put(call, "shmat(%d, NULL, %s)", (int)a[0], f);
		else
			put(call, "shmat(%d, %#llx, %s)", (int)a[0], a[1], f);
		call->kind = RET_ADDR;
		break;
	case SV_SHMDT:
		put(call, "shmdt(%#llx)", a[0]);
		break;
	case SV_MSGCTL:
	case SV_SEMCTL:
	case SV_SHMCTL:
		format_ctl(which, a, ret, read, arg, call);
		break;
	default:
		put(call, "?");
		break;
	}
}

void
callfmt_head(enum sysv_call which, const unsigned long long args[6], callfmt_reader read, void *arg, char *head,
	     size_t len)
{
	struct call call;

	if (which == SV_MSGRCV) {
		snprintf(head, len, "msgrcv(%d, ", (int)args[0]);
		return;
	}
	callfmt_format(which, args, 0, 0, read, arg, &call);
	size_t n = strlen(call.text);
	snprintf(head, len, "%.*s", (int)(n > 0 ? n - 1 : 0), call.text);
}
