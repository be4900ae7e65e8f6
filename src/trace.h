/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * trace.h: one system call as it happened, and its strace-style result.  A
 * struct call is filled by the wrappers in ipc.c (in whichever process made
 * the call), may travel through a pipe from a server or client process to
 * the tutor, and is printed by the tutor as
 *     msgget(0x4d0a0001, IPC_CREAT|IPC_EXCL|0600) = -1 EEXIST (File exists)
 */
#ifndef IPCTUTOR_TRACE_H
#define IPCTUTOR_TRACE_H

#include <stddef.h>

#define CALL_TEXT_MAX 256
#define CALL_DATA_MAX 256

/* How the return value is shown. */
enum ret_kind {
	RET_INT,     /* "= 3" */
	RET_ADDR,    /* "= 0x7f1c2a000000": an address, volatile between runs */
	RET_NONE,    /* not a system call (a memory access): no "= ..." part */
	RET_KEY,     /* "= 0x5401a2b3": a key_t, printed as ipcs prints keys */
};

/* Which call it was, so that what a result means is found from the call
 * and never read back from its text. */
enum call_id {
	CALL_OTHER,    /* not a System V IPC call: a pipe, a socket, a memory access */
	CALL_FTOK,
	CALL_MSGGET, CALL_MSGSND, CALL_MSGRCV, CALL_MSGCTL,
	CALL_SEMGET, CALL_SEMOP, CALL_SEMCTL,
	CALL_SHMGET, CALL_SHMAT, CALL_SHMDT, CALL_SHMCTL,
	CALL_ID_COUNT
};

struct call {
	char text[CALL_TEXT_MAX];  /* name and arguments: "msgsnd(3, {1, \"hi\"}, 2, 0)" */
	long ret;                  /* return value (-1 on failure) */
	int err;                   /* errno after a failure, 0 on success */
	enum ret_kind kind;
	char data[CALL_DATA_MAX];  /* what came back, shown after the result:
				      msgrcv's text, a semval; empty if none */
	enum call_id id;
	int created;               /* a get call that made a new object (not
				      sent between processes) */
};

/* Fill CALL for a call made without the ipc.c wrappers (a bare loop, a
 * read on a pipe): which call ID, TEXT as shown, RET, and ERR when RET is
 * negative. */
void trace_record(struct call *call, enum call_id id, const char *text, long ret, int err);

/* A call asleep in the kernel, shown at once as strace shows it: CALL
 * becomes "HEAD <unfinished ...>" (HEAD: what is known before the call
 * returns, "msgrcv(3, "), with no result. */
void trace_unfinished(const char *head, struct call *call);
/* The call shown unfinished with HEAD has returned as CALL: its text
 * becomes strace's "<... msgrcv resumed>" and the rest, when it begins
 * with HEAD (else it is left whole). */
void trace_resumed(const char *head, struct call *call);

/* Format the part after the call text: "= 3", "= -1 EINVAL (Invalid
 * argument)" with the strerror text in the current locale, "= 0x7f..." for
 * RET_ADDR (or "= ADDR" when MASK_ADDR is true, for reproducible output), ""
 * for RET_NONE.  BUF is always NUL-terminated. */
void trace_result(const struct call *call, int mask_addr, char *buf, size_t len);

/* Serialise a call into one line without raw newlines or tabs (fields
 * separated by TAB, text escaped), and parse it back.  Used on the pipes
 * between the tutor and its server and client processes.  trace_decode
 * returns 0 on success, -1 on a malformed line. */
void trace_encode(const struct call *call, char *buf, size_t len);
int trace_decode(const char *line, struct call *call);

/* A buffer of this size always holds trace_encode's line (each text byte
 * may become a 4-byte \xHH escape).  If BUF is too short the line is left
 * empty rather than cut, and an empty line does not decode.  The line has
 * no newline of its own; trace_decode ignores one at its end. */
#define TRACE_LINE_MAX (64 + 4 * (CALL_TEXT_MAX + CALL_DATA_MAX))

/* Escape TEXT for display inside double quotes as strace does ("\n", "\t",
 * "\\", "\"", non-printable bytes as \ooo octal; valid UTF-8 kept as is),
 * truncating after MAXBYTES input bytes with "..." appended. */
void trace_quote(const char *text, size_t textlen, size_t maxbytes, char *buf, size_t len);

#endif
