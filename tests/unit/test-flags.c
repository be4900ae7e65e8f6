/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * test-flags.c: unit tests for flags.c and errnos.c.  Numbers at their
 * limits and one past, flag expressions for every call (both directions,
 * every subset of the call's flags), wrong and unknown names with the
 * pointer to them, control commands, keys from IPC_PRIVATE to 0xffffffff,
 * errno names both ways, and Tab offering exactly what explain explains.
 */
#define _GNU_SOURCE
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "errnos.h"
#include "flags.h"
#include "tap.h"

#define COUNT(array)	(sizeof(array) / sizeof((array)[0]))

static const char *const context_names[] = {
	[FLAGS_GET] = "get",
	[FLAGS_MSGSND] = "msgsnd",
	[FLAGS_MSGRCV] = "msgrcv",
	[FLAGS_SEMOP] = "semop",
	[FLAGS_SHMAT] = "shmat",
};

static void
test_parse_long(void)
{
	static const struct {
		const char		*text;
		long			 min, max;
		enum parse_status	 status;
		long			 value;
	} cases[] = {
		{ "0", LONG_MIN, LONG_MAX, PARSE_OK, 0 },
		{ "42", LONG_MIN, LONG_MAX, PARSE_OK, 42 },
		{ "-42", LONG_MIN, LONG_MAX, PARSE_OK, -42 },
		{ "+42", LONG_MIN, LONG_MAX, PARSE_OK, 42 },
		{ "0x1f", LONG_MIN, LONG_MAX, PARSE_OK, 31 },
		{ "0X1F", LONG_MIN, LONG_MAX, PARSE_OK, 31 },
		{ "-0x10", LONG_MIN, LONG_MAX, PARSE_OK, -16 },
		{ "0600", LONG_MIN, LONG_MAX, PARSE_OK, 0600 },
		{ "9223372036854775807", LONG_MIN, LONG_MAX, PARSE_OK,
		    LONG_MAX },
		{ "9223372036854775808", LONG_MIN, LONG_MAX,
		    PARSE_OUT_OF_RANGE, 0 },
		{ "-9223372036854775808", LONG_MIN, LONG_MAX, PARSE_OK,
		    LONG_MIN },
		{ "-9223372036854775809", LONG_MIN, LONG_MAX,
		    PARSE_OUT_OF_RANGE, 0 },
		{ "0x7fffffffffffffff", LONG_MIN, LONG_MAX, PARSE_OK,
		    LONG_MAX },
		{ "0x8000000000000000", LONG_MIN, LONG_MAX,
		    PARSE_OUT_OF_RANGE, 0 },
		{ "99999999999999999999999", LONG_MIN, LONG_MAX,
		    PARSE_OUT_OF_RANGE, 0 },
		{ "10", 0, 10, PARSE_OK, 10 },
		{ "11", 0, 10, PARSE_OUT_OF_RANGE, 0 },
		{ "0", 0, 10, PARSE_OK, 0 },
		{ "-1", 0, 10, PARSE_OUT_OF_RANGE, 0 },
		{ "2147483647", 0, INT_MAX, PARSE_OK, INT_MAX },
		{ "2147483648", 0, INT_MAX, PARSE_OUT_OF_RANGE, 0 },
		{ "", LONG_MIN, LONG_MAX, PARSE_EMPTY, 0 },
		{ "   ", LONG_MIN, LONG_MAX, PARSE_EMPTY, 0 },
		{ "\t\n", LONG_MIN, LONG_MAX, PARSE_EMPTY, 0 },
		{ " 5", LONG_MIN, LONG_MAX, PARSE_NOT_NUMBER, 0 },
		{ "5 ", LONG_MIN, LONG_MAX, PARSE_NOT_NUMBER, 0 },
		{ "12x", LONG_MIN, LONG_MAX, PARSE_NOT_NUMBER, 0 },
		{ "abc", LONG_MIN, LONG_MAX, PARSE_NOT_NUMBER, 0 },
		{ "0x", LONG_MIN, LONG_MAX, PARSE_NOT_NUMBER, 0 },
		{ "0xg", LONG_MIN, LONG_MAX, PARSE_NOT_NUMBER, 0 },
		{ "08", LONG_MIN, LONG_MAX, PARSE_NOT_NUMBER, 0 },
		{ "-", LONG_MIN, LONG_MAX, PARSE_NOT_NUMBER, 0 },
		{ "+", LONG_MIN, LONG_MAX, PARSE_NOT_NUMBER, 0 },
		{ "--1", LONG_MIN, LONG_MAX, PARSE_NOT_NUMBER, 0 },
		{ "+-1", LONG_MIN, LONG_MAX, PARSE_NOT_NUMBER, 0 },
		{ "- 1", LONG_MIN, LONG_MAX, PARSE_NOT_NUMBER, 0 },
		{ "1.5", LONG_MIN, LONG_MAX, PARSE_NOT_NUMBER, 0 },
	};
	size_t	i;
	long	value;

	for (i = 0; i < COUNT(cases); i++) {
		value = 12345;
		is_int(parse_long(cases[i].text, cases[i].min, cases[i].max,
		    &value), cases[i].status, cases[i].text);
		if (cases[i].status == PARSE_OK)
			is_int(value, cases[i].value, "  and its value");
		else
			is_int(value, 12345, "  and *out is left alone");
	}
	is_int(parse_long(NULL, 0, 1, &value), PARSE_EMPTY, "NULL is empty");
	is_int(parse_long("5", 10, 0, &value), PARSE_OUT_OF_RANGE,
	    "an empty range takes nothing");
	is_int(parse_long("5", 0, 10, NULL), PARSE_OK, "out may be NULL");
}

/* Parse TEXT for CONTEXT and check the status, and the value when OK. */
static void
check_flags_value(enum flag_context context, const char *text,
    enum parse_status status, int want)
{
	int	value = -12345;

	is_int(flags_parse(context, text, &value, NULL, NULL), status,
	    text == NULL ? "(null)" : text);
	if (status == PARSE_OK)
		is_int(value, want, "  and its value");
}

static void
test_flags_parse(void)
{
	check_flags_value(FLAGS_GET, "IPC_CREAT|IPC_EXCL|0600", PARSE_OK,
	    IPC_CREAT | IPC_EXCL | 0600);
	check_flags_value(FLAGS_GET, " IPC_CREAT | 0600 ", PARSE_OK,
	    IPC_CREAT | 0600);
	check_flags_value(FLAGS_GET, "ipc_creat|ipc_excl", PARSE_OK,
	    IPC_CREAT | IPC_EXCL);
	check_flags_value(FLAGS_GET, "0", PARSE_OK, 0);
	check_flags_value(FLAGS_GET, "0600", PARSE_OK, 0600);
	check_flags_value(FLAGS_GET, "0x1ff", PARSE_OK, 0777);
	check_flags_value(FLAGS_GET, "384", PARSE_OK, 0600);
	check_flags_value(FLAGS_GET, "IPC_CREAT|IPC_CREAT", PARSE_OK,
	    IPC_CREAT);
	check_flags_value(FLAGS_MSGSND, "IPC_NOWAIT", PARSE_OK, IPC_NOWAIT);
	check_flags_value(FLAGS_MSGRCV, "MSG_NOERROR|MSG_EXCEPT|MSG_COPY",
	    PARSE_OK, MSG_NOERROR | MSG_EXCEPT | MSG_COPY);
	check_flags_value(FLAGS_SEMOP, "SEM_UNDO|IPC_NOWAIT", PARSE_OK,
	    SEM_UNDO | IPC_NOWAIT);
	check_flags_value(FLAGS_SHMAT, "SHM_RDONLY|SHM_RND|SHM_REMAP|SHM_EXEC",
	    PARSE_OK, SHM_RDONLY | SHM_RND | SHM_REMAP | SHM_EXEC);
	check_flags_value(FLAGS_SHMAT, "2147483647", PARSE_OK, INT_MAX);
	check_flags_value(FLAGS_SHMAT, "2147483648", PARSE_OUT_OF_RANGE, 0);
	check_flags_value(FLAGS_SHMAT, "-1", PARSE_OUT_OF_RANGE, 0);
	check_flags_value(FLAGS_GET, "", PARSE_EMPTY, 0);
	check_flags_value(FLAGS_GET, "  ", PARSE_EMPTY, 0);
	check_flags_value(FLAGS_GET, NULL, PARSE_EMPTY, 0);
	check_flags_value(FLAGS_GET, "IPC_CREAT|", PARSE_EMPTY, 0);
	check_flags_value(FLAGS_GET, "|0600", PARSE_EMPTY, 0);
	check_flags_value(FLAGS_GET, "IPC_CREAT||0600", PARSE_EMPTY, 0);
	check_flags_value(FLAGS_GET, "0600x", PARSE_NOT_NUMBER, 0);
	check_flags_value(FLAGS_GET, "0x", PARSE_NOT_NUMBER, 0);
	check_flags_value(FLAGS_GET, "0999", PARSE_NOT_NUMBER, 0);
	check_flags_value(FLAGS_GET, "IPC_CREAT IPC_EXCL", PARSE_UNKNOWN_NAME,
	    0);
	check_flags_value(FLAGS_GET, "@", PARSE_UNKNOWN_NAME, 0);
	/* A number too long for the term buffer is refused, not cut. */
	check_flags_value(FLAGS_GET,
	    "000000000000000000000000000000000000000000000000000000000000001",
	    PARSE_OK, 1);
	check_flags_value(FLAGS_GET,
	    "0000000000000000000000000000000000000000000000000000000000000001",
	    PARSE_NOT_NUMBER, 0);
	/* MSG_NOERROR and SHM_RDONLY share a value but not a call. */
	check_flags_value(FLAGS_MSGRCV, "SHM_RDONLY", PARSE_WRONG_NAME, 0);
	check_flags_value(FLAGS_SHMAT, "MSG_NOERROR", PARSE_WRONG_NAME, 0);
	check_flags_value(FLAGS_MSGSND, "MSG_NOERROR", PARSE_WRONG_NAME, 0);
	check_flags_value(FLAGS_GET, "IPC_NOWAIT", PARSE_WRONG_NAME, 0);
	check_flags_value(FLAGS_SEMOP, "IPC_CREAT", PARSE_WRONG_NAME, 0);
	check_flags_value(FLAGS_MSGRCV, "SEM_UNDO", PARSE_WRONG_NAME, 0);
}

/* Parse TEXT for CONTEXT, expecting STATUS and *bad to be the BADLEN bytes
 * at offset BADAT. */
static void
check_flags_bad(enum flag_context context, const char *text,
    enum parse_status status, size_t badat, size_t badlen)
{
	const char	*bad = NULL;
	size_t		 len = 999;
	int		 value = -12345;

	is_int(flags_parse(context, text, &value, &bad, &len), status, text);
	ok(bad == text + badat, "  *bad points at offset %zu (got %td)",
	    badat, bad == NULL ? (ptrdiff_t)-1 : bad - text);
	is_int(len, badlen, "  *badlen");
	is_int(value, -12345, "  *out is left alone");
}

static void
test_flags_bad(void)
{
	check_flags_bad(FLAGS_GET, "IPC_CREATE|0600", PARSE_UNKNOWN_NAME, 0,
	    10);
	check_flags_bad(FLAGS_GET, "0600|IPC_NOWAIT", PARSE_WRONG_NAME, 5, 10);
	check_flags_bad(FLAGS_GET, "IPC_CREAT |  IPC_EXECL  | 0600",
	    PARSE_UNKNOWN_NAME, 13, 9);
	check_flags_bad(FLAGS_SHMAT, "SHM_RDONLY|MSG_COPY", PARSE_WRONG_NAME,
	    11, 8);
	check_flags_bad(FLAGS_MSGRCV, "IPC_NOWAIT|SHM_EXEC|FOO",
	    PARSE_WRONG_NAME, 11, 8);
	check_flags_bad(FLAGS_SEMOP, "SEM_UNDO|sem_undoo", PARSE_UNKNOWN_NAME,
	    9, 9);
	/* The pointers may be NULL. */
	is_int(flags_parse(FLAGS_GET, "NOPE", NULL, NULL, NULL),
	    PARSE_UNKNOWN_NAME, "all out-pointers NULL");
}

/* Format FLAGS for CONTEXT and compare with WANT. */
static void
check_format(enum flag_context context, int flags, const char *want)
{
	char	buf[128];

	flags_format(context, flags, buf, sizeof(buf));
	is_str(buf, want, want);
}

static void
test_flags_format(void)
{
	char	buf[8];

	/* As strace prints them. */
	check_format(FLAGS_GET, IPC_CREAT | IPC_EXCL | 0600,
	    "IPC_CREAT|IPC_EXCL|0600");
	check_format(FLAGS_GET, IPC_CREAT | 0600, "IPC_CREAT|0600");
	check_format(FLAGS_GET, 0600, "0600");
	check_format(FLAGS_GET, 0, "000");
	check_format(FLAGS_GET, IPC_CREAT, "IPC_CREAT|000");
	check_format(FLAGS_GET, 07, "007");
	check_format(FLAGS_GET, IPC_CREAT | 0x10000000 | 0640,
	    "IPC_CREAT|02000000000|0640");
	check_format(FLAGS_GET, IPC_NOWAIT | 0644, "04000|0644");
	check_format(FLAGS_MSGSND, 0, "0");
	check_format(FLAGS_MSGSND, IPC_NOWAIT, "IPC_NOWAIT");
	check_format(FLAGS_MSGSND, MSG_NOERROR, "010000");
	check_format(FLAGS_MSGRCV, MSG_NOERROR | IPC_NOWAIT | 0400000,
	    "MSG_NOERROR|IPC_NOWAIT|0400000");
	check_format(FLAGS_MSGRCV, MSG_EXCEPT, "MSG_EXCEPT");
	check_format(FLAGS_MSGRCV, MSG_COPY | IPC_NOWAIT,
	    "MSG_COPY|IPC_NOWAIT");
	check_format(FLAGS_SEMOP, SEM_UNDO | IPC_NOWAIT, "SEM_UNDO|IPC_NOWAIT");
	check_format(FLAGS_SEMOP, 0, "0");
	check_format(FLAGS_SHMAT, SHM_RDONLY | 1, "SHM_RDONLY|01");
	check_format(FLAGS_SHMAT, SHM_RND | SHM_EXEC, "SHM_RND|SHM_EXEC");
	check_format(FLAGS_SHMAT, 0, "0");
	check_format(FLAGS_SHMAT, -1,
	    "SHM_RDONLY|SHM_RND|SHM_REMAP|SHM_EXEC|037777607777");
	check_format(FLAGS_GET, INT_MIN, "020000000000|000");

	memset(buf, 'X', sizeof(buf));
	flags_format(FLAGS_GET, IPC_CREAT | IPC_EXCL | 0600, buf, 5);
	is_str(buf, "IPC_", "a short buffer truncates and terminates");
	ok(buf[5] == 'X', "  and writes nothing past its length");
	memset(buf, 'X', sizeof(buf));
	flags_format(FLAGS_GET, 0600, buf, 1);
	is_str(buf, "", "a one-byte buffer holds the empty string");
	flags_format(FLAGS_GET, 0600, buf, 0);
	ok(buf[0] == '\0' && buf[1] == 'X',
	    "a zero-length buffer is left alone");
	survives(flags_format(FLAGS_GET, 0600, NULL, 10), "a NULL buffer does not crash");
}

/*
 * For every call: every subset of the flag names valid for it, formatted
 * and parsed back, gives the same bits.  A wrong name for the call must
 * never appear in its output.
 */
static void
test_round_trips(void)
{
	const char *const	*names = flag_names();
	char			 buf[256];
	size_t			 n, i, valid_count;
	unsigned		 subset, bits[16];
	int			 context, flags, back, failures;

	for (n = 0; names[n] != NULL; n++)
		continue;
	for (context = FLAGS_GET; context <= FLAGS_SHMAT; context++) {
		/* The values of the names valid for this call. */
		valid_count = 0;
		for (i = 0; i < n; i++) {
			if (flags_parse((enum flag_context)context, names[i],
			    &flags, NULL, NULL) == PARSE_OK)
				bits[valid_count++] = (unsigned)flags;
		}
		failures = 0;
		for (subset = 0; subset < 1u << valid_count; subset++) {
			flags = context == FLAGS_GET ? 0640 : 0;
			for (i = 0; i < valid_count; i++) {
				if (subset & 1u << i)
					flags |= (int)bits[i];
			}
			flags_format((enum flag_context)context, flags, buf,
			    sizeof(buf));
			if (flags_parse((enum flag_context)context, buf, &back,
			    NULL, NULL) != PARSE_OK || back != flags) {
				diag("%s: %#o -> \"%s\" -> %#o",
				    context_names[context], flags, buf, back);
				failures++;
			}
		}
		ok(valid_count > 0 && failures == 0,
		    "%s: all %u subsets of its %zu flags round-trip",
		    context_names[context], 1u << valid_count, valid_count);
	}
}

static void
test_flag_names(void)
{
	static const char *const want[] = {
		"IPC_CREAT", "IPC_EXCL", "IPC_NOWAIT", "MSG_NOERROR",
		"MSG_EXCEPT", "MSG_COPY", "SEM_UNDO", "SHM_RDONLY", "SHM_RND",
		"SHM_REMAP", "SHM_EXEC",
	};
	const char *const	*names = flag_names();
	size_t			 n, i, j;
	int			 found;

	for (n = 0; names[n] != NULL; n++)
		continue;
	is_int(n, COUNT(want), "flag_names lists 11 names");
	for (i = 0; i < COUNT(want); i++) {
		found = 0;
		for (j = 0; j < n; j++)
			found |= strcmp(names[j], want[i]) == 0;
		ok(found, "flag_names has %s", want[i]);
	}
}

static void
test_ctl(void)
{
	static const struct {
		const char	*text;
		int		 cmd;
	} cases[] = {
		{ "IPC_RMID", IPC_RMID }, { "rmid", IPC_RMID },
		{ "RMID", IPC_RMID }, { "ipc_stat", IPC_STAT },
		{ "stat", IPC_STAT }, { "GETVAL", GETVAL },
		{ "setval", SETVAL }, { "getncnt", GETNCNT },
		{ "GETZCNT", GETZCNT }, { "getpid", GETPID },
		{ "getall", GETALL },
	};
	static const char *const unknown[] = {
		"IPC_SET", "rmidd", "", " rmid", "0", "IPC_RMID ",
	};
	const char *const	*words = ctl_names();
	size_t			 i, n;
	int			 cmd, back;

	for (i = 0; i < COUNT(cases); i++) {
		cmd = -1;
		is_int(ctl_parse(cases[i].text, &cmd), PARSE_OK, cases[i].text);
		is_int(cmd, cases[i].cmd, "  and its value");
	}
	for (i = 0; i < COUNT(unknown); i++) {
		cmd = -1;
		is_int(ctl_parse(unknown[i], &cmd), PARSE_UNKNOWN_NAME,
		    unknown[i]);
		is_int(cmd, -1, "  and *cmd is left alone");
	}
	is_int(ctl_parse(NULL, &cmd), PARSE_UNKNOWN_NAME, "NULL is unknown");
	for (n = 0; words[n] != NULL; n++) {
		back = -1;
		ok(ctl_parse(words[n], &cmd) == PARSE_OK &&
		    ctl_name(cmd) != NULL &&
		    ctl_parse(ctl_name(cmd), &back) == PARSE_OK && back == cmd,
		    "%s -> %s -> same command", words[n],
		    ctl_name(cmd) ? ctl_name(cmd) : "(null)");
	}
	is_int(n, 8, "ctl_names lists 8 words");
	is_str(ctl_name(IPC_RMID), "IPC_RMID", "ctl_name(IPC_RMID)");
	is_str(ctl_name(GETALL), "GETALL", "ctl_name(GETALL)");
	is_str(ctl_name(12345), NULL, "ctl_name of an unknown command");
}

static void
test_keys(void)
{
	static const struct {
		const char		*text;
		enum parse_status	 status;
		key_t			 key;
	} cases[] = {
		{ "IPC_PRIVATE", PARSE_OK, IPC_PRIVATE },
		{ "ipc_private", PARSE_OK, IPC_PRIVATE },
		{ "0", PARSE_OK, 0 },
		{ "0x4d0a0001", PARSE_OK, 0x4d0a0001 },
		{ "1292500993", PARSE_OK, 0x4d0a0001 },
		{ "0x7fffffff", PARSE_OK, INT_MAX },
		{ "0x80000000", PARSE_OK, INT_MIN },
		{ "0xffffffff", PARSE_OK, -1 },
		{ "4294967295", PARSE_OK, -1 },
		{ "0x100000000", PARSE_OUT_OF_RANGE, 0 },
		{ "4294967296", PARSE_OUT_OF_RANGE, 0 },
		{ "-1", PARSE_OK, -1 },
		{ "-527956197", PARSE_OK, -527956197 },
		{ "-2147483648", PARSE_OK, INT_MIN },
		{ "-2147483649", PARSE_OUT_OF_RANGE, 0 },
		{ "IPC_PRIVTE", PARSE_UNKNOWN_NAME, 0 },
		{ "", PARSE_EMPTY, 0 },
		{ "12x", PARSE_NOT_NUMBER, 0 },
		{ "0x", PARSE_NOT_NUMBER, 0 },
	};
	static const key_t round[] = {
		IPC_PRIVATE, 1, 0x4d0a0001, -1, INT_MIN, INT_MAX, -527956197,
	};
	char	buf[32];
	size_t	i;
	key_t	key;

	for (i = 0; i < COUNT(cases); i++) {
		key = 12345;
		is_int(key_parse(cases[i].text, &key), cases[i].status,
		    cases[i].text);
		is_int(key, cases[i].status == PARSE_OK ? cases[i].key : 12345,
		    "  and the key");
	}
	is_int(key_parse(NULL, &key), PARSE_EMPTY, "a NULL key is empty");

	key_format(IPC_PRIVATE, buf, sizeof(buf));
	is_str(buf, "IPC_PRIVATE", "key_format(IPC_PRIVATE)");
	key_format(0x4d0a0001, buf, sizeof(buf));
	is_str(buf, "0x4d0a0001", "key_format(0x4d0a0001)");
	key_format(-1, buf, sizeof(buf));
	is_str(buf, "0xffffffff", "key_format(-1)");
	key_format(1, buf, sizeof(buf));
	is_str(buf, "0x1", "key_format(1) as strace's %#x");
	for (i = 0; i < COUNT(round); i++) {
		key_format(round[i], buf, sizeof(buf));
		ok(key_parse(buf, &key) == PARSE_OK && key == round[i],
		    "key %d -> %s -> same key", (int)round[i], buf);
	}
	key_format(0x4d0a0001, buf, 5);
	is_str(buf, "0x4d", "key_format truncates safely");
	key_format(IPC_PRIVATE, buf, 4);
	is_str(buf, "IPC", "  IPC_PRIVATE too");
}

static void
test_errno(void)
{
	static const int relevant[] = {
		EINVAL, EIDRM, ENOENT, EEXIST, EACCES, ENOSPC, EPERM, ENOMSG,
		EAGAIN, E2BIG, ENOMEM, EINTR, ERANGE, EFBIG, EPIPE,
		ECONNRESET,
	};
	const char *const	*names = errno_names();
	size_t			 n, i, j;
	int			 errnum, found;

	is_str(errno_name(EIDRM), "EIDRM", "errno_name(EIDRM)");
	is_str(errno_name(EEXIST), "EEXIST", "errno_name(EEXIST)");
	is_str(errno_name(EAGAIN), "EAGAIN", "EAGAIN, not EWOULDBLOCK");
	is_str(errno_name(0), NULL, "errno_name(0) is NULL");
	is_str(errno_name(99999), NULL, "errno_name(99999) is NULL");
	is_str(errno_name(-1), NULL, "errno_name(-1) is NULL");
	is_int(errno_from_name("EIDRM"), EIDRM, "errno_from_name(EIDRM)");
	is_int(errno_from_name("eidrm"), EIDRM, "  without regard to case");
	is_int(errno_from_name("EhWpOiSoN"), EHWPOISON,
	    "  a name only the C library knows");
	is_int(errno_from_name("ENOSUCH"), 0, "an unknown name is 0");
	is_int(errno_from_name(""), 0, "the empty name is 0");
	is_int(errno_from_name(NULL), 0, "NULL is 0");
	is_int(errno_from_name("EIDRM "), 0, "a trailing blank does not match");

	for (n = 0; names[n] != NULL; n++) {
		errnum = errno_from_name(names[n]);
		ok(errnum != 0 && errno_name(errnum) != NULL &&
		    strcmp(errno_name(errnum), names[n]) == 0,
		    "%s -> %d -> %s", names[n], errnum,
		    errnum ? errno_name(errnum) : "(none)");
	}
	is_int(n, COUNT(relevant), "errno_names lists 16 names");
	for (i = 0; i < COUNT(relevant); i++) {
		found = 0;
		for (j = 0; j < n; j++)
			found |= errno_from_name(names[j]) == relevant[i];
		ok(found, "errno_names has %s", errno_name(relevant[i]));
		ok(errno_explanation(relevant[i]) != NULL, "  and explain explains it");
	}
	for (n = 0; names[n] != NULL; n++)
		if (errno_explanation(errno_from_name(names[n])) == NULL)
			break;
	ok(names[n] == NULL, "Tab offers only the errnos explain explains");
	is_str(errno_name(EFAULT), "EFAULT", "a name the course does not explain is still named");
}

int
main(void)
{
	test_parse_long();
	test_flags_parse();
	test_flags_bad();
	test_flags_format();
	test_round_trips();
	test_flag_names();
	test_ctl();
	test_keys();
	test_errno();
	return tap_done();
}
