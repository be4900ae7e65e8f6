/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * flags.h: the symbolic vocabulary of System V IPC as a learner writes it and
 * as strace prints it.  Flag expressions ("IPC_CREAT|IPC_EXCL|0600"), control
 * commands ("IPC_RMID" or "rmid"), keys ("0x4d0a0001", "IPC_PRIVATE") and
 * plain numbers are parsed here with strict range checks,
 * and formatted back the same way.  Nothing here performs a system call.
 */
#ifndef IPCTUTOR_FLAGS_H
#define IPCTUTOR_FLAGS_H

#include <stddef.h>
#include <sys/types.h>

/* Which call a flag word belongs to: each call accepts its own set of flag
 * names, and strace prints only the names valid for the call. */
enum flag_context {
	FLAGS_GET,     /* msgget/semget/shmget: IPC_CREAT IPC_EXCL + octal mode */
	FLAGS_MSGSND,  /* IPC_NOWAIT */
	FLAGS_MSGRCV,  /* IPC_NOWAIT MSG_NOERROR MSG_EXCEPT MSG_COPY */
	FLAGS_SEMOP,   /* IPC_NOWAIT SEM_UNDO */
	FLAGS_SHMAT,   /* SHM_RDONLY SHM_RND SHM_REMAP SHM_EXEC */
};

/* Result of parsing a number, key or flag expression. */
enum parse_status {
	PARSE_OK = 0,
	PARSE_EMPTY,        /* nothing given */
	PARSE_NOT_NUMBER,   /* "abc", "12x" */
	PARSE_OUT_OF_RANGE, /* overflow or outside [min, max] */
	PARSE_UNKNOWN_NAME, /* "IPC_CREATE": a name we do not know */
	PARSE_WRONG_NAME,   /* a known name that does not belong to this call */
};

/* Parse a decimal, 0x-hex or 0-octal integer (optionally negative) that must
 * lie in [min, max].  Trailing garbage is an error.  On success store it in
 * *out. */
enum parse_status parse_long(const char *text, long min, long max, long *out);

/* Parse a flag expression for CONTEXT: names joined by '|', each name being a
 * flag valid in CONTEXT or a number (octal with leading 0, hex, decimal).
 * Whitespace around '|' is allowed.  "0" is valid.  On PARSE_UNKNOWN_NAME or
 * PARSE_WRONG_NAME, *bad (if not NULL) points into TEXT at the offending
 * name and *badlen is its length. */
enum parse_status flags_parse(enum flag_context context, const char *text,
			      int *out, const char **bad, size_t *badlen);

/* Format FLAGS as strace does for CONTEXT into BUF (always NUL-terminated):
 * known names joined by '|', then any remaining bits in octal (for
 * FLAGS_GET the permission bits are always printed as 0NNN, e.g.
 * "IPC_CREAT|IPC_EXCL|0600"; 0 prints as "0"). */
void flags_format(enum flag_context context, int flags, char *buf, size_t len);

/* All flag names the tutor knows, NULL-terminated, for Tab completion. */
const char *const *flag_names(void);

/* Control commands of msgctl/semctl/shmctl.  A learner may write the C name
 * ("IPC_RMID") or the short lower-case word ("rmid").  Known commands:
 * IPC_STAT IPC_RMID (all), GETVAL SETVAL GETNCNT GETZCNT GETPID GETALL (sem).
 * Returns PARSE_OK and the command value, or PARSE_UNKNOWN_NAME. */
enum parse_status ctl_parse(const char *text, int *cmd);
const char *ctl_name(int cmd);          /* "IPC_RMID"; NULL if unknown */
/* The ctl command as strace prints it: its name, or its number written
 * into BUF (LEN bytes).  Returns the name or BUF. */
const char *ctl_text(int cmd, char *buf, size_t len);
const char *const *ctl_names(void);     /* short words, NULL-terminated */

/* Keys: "IPC_PRIVATE", a number in any base parse_long accepts, in the
 * range of key_t (negative values and values up to 0xffffffff are both
 * accepted, the latter wrapping as the kernel does). */
enum parse_status key_parse(const char *text, key_t *out);
void key_format(key_t key, char *buf, size_t len); /* "0x4d0a0001" or "IPC_PRIVATE" */

#endif
