/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * flags.c: turns what a learner types into numbers and numbers back into
 * what strace prints.  Two small tables drive everything: the flag names
 * with the calls each one belongs to, and the control commands with their C
 * name and short word (errno names are errnos.c's).  Every
 * parser is strict (no silent truncation, no trailing junk, explicit range)
 * and every formatter writes a bounded, NUL-terminated buffer.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* MSG_EXCEPT, MSG_COPY, SHM_EXEC */
#endif

#include <sys/types.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "flags.h"

#define CTX(context)	(1u << (context))
/* The calls that can be told not to wait. */
#define CTX_WAITING \
	(CTX(FLAGS_MSGSND) | CTX(FLAGS_MSGRCV) | CTX(FLAGS_SEMOP))

/*
 * The flag names, in the order strace prints them: IPC_NOWAIT comes last so
 * that msgrcv shows "MSG_NOERROR|IPC_NOWAIT" and semop "SEM_UNDO|IPC_NOWAIT".
 * Several values are shared between calls (MSG_NOERROR == SHM_RDONLY), which
 * is why every name carries the set of calls it belongs to.
 */
#define FLAG_TABLE \
	FLAG(IPC_CREAT,   CTX(FLAGS_GET)) \
	FLAG(IPC_EXCL,    CTX(FLAGS_GET)) \
	FLAG(MSG_NOERROR, CTX(FLAGS_MSGRCV)) \
	FLAG(MSG_EXCEPT,  CTX(FLAGS_MSGRCV)) \
	FLAG(MSG_COPY,    CTX(FLAGS_MSGRCV)) \
	FLAG(SEM_UNDO,    CTX(FLAGS_SEMOP)) \
	FLAG(SHM_RDONLY,  CTX(FLAGS_SHMAT)) \
	FLAG(SHM_RND,     CTX(FLAGS_SHMAT)) \
	FLAG(SHM_REMAP,   CTX(FLAGS_SHMAT)) \
	FLAG(SHM_EXEC,    CTX(FLAGS_SHMAT)) \
	FLAG(IPC_NOWAIT,  CTX_WAITING)

struct flag_def {
	const char	*name;
	unsigned	 value;
	unsigned	 contexts;	/* CTX() of each call it belongs to */
};

static const struct flag_def flag_table[] = {
#define FLAG(name, contexts)	{ #name, name, contexts },
	FLAG_TABLE
#undef FLAG
};

static const char *const flag_name_list[] = {
#define FLAG(name, contexts)	#name,
	FLAG_TABLE
#undef FLAG
	NULL
};

/* The permission bits of a get call, printed apart from the names. */
#define MODE_BITS	0777u

/* Control commands: the C name, the short word a learner may type, and the
 * value.  The short words double as the Tab completion list. */
#define CTL_TABLE \
	CTL(IPC_STAT, stat) \
	CTL(IPC_RMID, rmid) \
	CTL(GETVAL,   getval) \
	CTL(SETVAL,   setval) \
	CTL(GETNCNT,  getncnt) \
	CTL(GETZCNT,  getzcnt) \
	CTL(GETPID,   getpid) \
	CTL(GETALL,   getall)

struct ctl_def {
	const char	*name;
	const char	*word;
	int		 cmd;
};

static const struct ctl_def ctl_table[] = {
#define CTL(name, word)	{ #name, #word, name },
	CTL_TABLE
#undef CTL
};

static const char *const ctl_word_list[] = {
#define CTL(name, word)	#word,
	CTL_TABLE
#undef CTL
	NULL
};

#define COUNT(array)	(sizeof(array) / sizeof((array)[0]))

/*
 * Parse TEXT as a whole as a decimal, 0x-hex or 0-octal integer with an
 * optional sign, into *OUT.  Leading or trailing whitespace, junk after the
 * digits and a bare "0x" are PARSE_NOT_NUMBER; NULL, "" and whitespace only
 * are PARSE_EMPTY; a value beyond long long is PARSE_OUT_OF_RANGE.
 */
/* Is TEXT NULL, empty or only whitespace? */
static int
is_blank(const char *text)
{
	if (text == NULL)
		return 1;
	while (isspace((unsigned char)*text))
		text++;
	return *text == '\0';
}

static enum parse_status
parse_number(const char *text, long long *out)
{
	const char	*p;
	char		*end;
	long long	 value;

	if (is_blank(text))
		return PARSE_EMPTY;
	if (isspace((unsigned char)*text))
		return PARSE_NOT_NUMBER;
	p = text;
	/* strtoll would accept "- 5" as nothing but also " 5"; demand a
	 * digit right after the optional sign. */
	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return PARSE_NOT_NUMBER;
	errno = 0;
	value = strtoll(text, &end, 0);
	if (*end != '\0')
		return PARSE_NOT_NUMBER;
	if (errno == ERANGE)
		return PARSE_OUT_OF_RANGE;
	*out = value;
	return PARSE_OK;
}

enum parse_status
parse_long(const char *text, long min, long max, long *out)
{
	enum parse_status	 status;
	long long		 value;

	if ((status = parse_number(text, &value)) != PARSE_OK)
		return status;
	if (value < min || value > max)
		return PARSE_OUT_OF_RANGE;
	if (out != NULL)
		*out = (long)value;
	return PARSE_OK;
}

/*
 * Look up the flag called NAME (LEN bytes, not NUL-terminated, compared
 * without regard to case) and return its table entry, or NULL.
 */
static const struct flag_def *
flag_lookup(const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < COUNT(flag_table); i++) {
		if (strlen(flag_table[i].name) == len &&
		    strncasecmp(flag_table[i].name, name, len) == 0)
			return &flag_table[i];
	}
	return NULL;
}

/*
 * Parse one term of a flag expression, TERM being LEN bytes (already
 * trimmed, possibly empty): a number in [0, INT_MAX] or a flag name valid
 * in CONTEXT.  Stores its bits in *VALUE.
 */
static enum parse_status
flag_term_parse(enum flag_context context, const char *term, size_t len,
    unsigned *value)
{
	const struct flag_def	*flag;
	char			 number[64];
	long			 n;
	enum parse_status	 status;

	if (len == 0)
		return PARSE_EMPTY;
	if (isdigit((unsigned char)term[0]) ||
	    ((term[0] == '+' || term[0] == '-') && len > 1 &&
	    isdigit((unsigned char)term[1]))) {
		if (len >= sizeof(number))
			return PARSE_NOT_NUMBER;
		memcpy(number, term, len);
		number[len] = '\0';
		status = parse_long(number, 0, INT_MAX, &n);
		if (status == PARSE_OK)
			*value = (unsigned)n;
		return status;
	}
	if ((flag = flag_lookup(term, len)) == NULL)
		return PARSE_UNKNOWN_NAME;
	if ((flag->contexts & CTX(context)) == 0)
		return PARSE_WRONG_NAME;
	*value = flag->value;
	return PARSE_OK;
}

enum parse_status
flags_parse(enum flag_context context, const char *text, int *out,
    const char **bad, size_t *badlen)
{
	const char		*term, *end, *p;
	unsigned		 flags = 0, value = 0;
	enum parse_status	 status;

	if (is_blank(text))
		return PARSE_EMPTY;

	for (p = text; ; p++) {
		/* One term: from P up to the next '|' or the end, trimmed. */
		for (term = p; isspace((unsigned char)*term); term++)
			continue;
		for (p = term; *p != '\0' && *p != '|'; p++)
			continue;
		for (end = p; end > term && isspace((unsigned char)end[-1]);
		    end--)
			continue;
		status = flag_term_parse(context, term, (size_t)(end - term),
		    &value);
		if (status != PARSE_OK) {
			if (bad != NULL)
				*bad = term;
			if (badlen != NULL)
				*badlen = (size_t)(end - term);
			return status;
		}
		flags |= value;
		if (*p == '\0')
			break;
	}
	if (flags > INT_MAX)
		return PARSE_OUT_OF_RANGE;
	if (out != NULL)
		*out = (int)flags;
	return PARSE_OK;
}

/*
 * A string builder in a caller's fixed buffer (util.h's strbuf grows
 * instead): appends never overrun, the buffer stays NUL-terminated, and a
 * truncated result is cut at the end of the buffer.
 */
struct boundbuf {
	char	*buf;
	size_t	 size;	/* size of buf */
	size_t	 used;	/* bytes written, not counting the NUL */
};

/* Append formatted text to SB, truncating at the end of the buffer. */
static void __attribute__((format(printf, 2, 3)))
boundbuf_printf(struct boundbuf *sb, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	if (sb->size == 0 || sb->used >= sb->size - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->used, sb->size - sb->used, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sb->size - sb->used)
		sb->used = sb->size - 1;
	else
		sb->used += (size_t)n;
}

void
flags_format(enum flag_context context, int flags, char *buf, size_t len)
{
	struct boundbuf	 sb = { buf, len, 0 };
	unsigned	 rest = (unsigned)flags, mode = 0;
	const char	*sep = "";
	size_t		 i;

	if (buf == NULL || len == 0)
		return;
	buf[0] = '\0';
	if (context == FLAGS_GET) {
		mode = rest & MODE_BITS;
		rest &= ~MODE_BITS;
	}
	for (i = 0; i < COUNT(flag_table); i++) {
		if ((flag_table[i].contexts & CTX(context)) == 0 ||
		    (rest & flag_table[i].value) != flag_table[i].value)
			continue;
		boundbuf_printf(&sb, "%s%s", sep, flag_table[i].name);
		rest &= ~flag_table[i].value;
		sep = "|";
	}
	if (rest != 0) {
		boundbuf_printf(&sb, "%s%#o", sep, rest);
		sep = "|";
	}
	/* strace prints the mode of a get call as "%#03o": 0600, 000. */
	if (context == FLAGS_GET)
		boundbuf_printf(&sb, "%s%#03o", sep, mode);
	else if (*sep == '\0')
		boundbuf_printf(&sb, "0");
}

const char *
ctl_text(int cmd, char *buf, size_t len)
{
	const char *name = ctl_name(cmd);

	if (name != NULL)
		return name;
	snprintf(buf, len, "%d", cmd);
	return buf;
}

const char *const *
flag_names(void)
{
	return flag_name_list;
}

enum parse_status
ctl_parse(const char *text, int *cmd)
{
	size_t	i;

	if (text == NULL)
		return PARSE_UNKNOWN_NAME;
	for (i = 0; i < COUNT(ctl_table); i++) {
		if (strcasecmp(text, ctl_table[i].name) == 0 ||
		    strcasecmp(text, ctl_table[i].word) == 0) {
			if (cmd != NULL)
				*cmd = ctl_table[i].cmd;
			return PARSE_OK;
		}
	}
	return PARSE_UNKNOWN_NAME;
}

const char *
ctl_name(int cmd)
{
	size_t	i;

	for (i = 0; i < COUNT(ctl_table); i++) {
		if (ctl_table[i].cmd == cmd)
			return ctl_table[i].name;
	}
	return NULL;
}

const char *const *
ctl_names(void)
{
	return ctl_word_list;
}

enum parse_status
key_parse(const char *text, key_t *out)
{
	enum parse_status	 status;
	long long		 value;

	if (text != NULL && strcasecmp(text, "IPC_PRIVATE") == 0) {
		if (out != NULL)
			*out = IPC_PRIVATE;
		return PARSE_OK;
	}
	if ((status = parse_number(text, &value)) != PARSE_OK) {
		/* "IPC_PRIVTE" reads better as an unknown name. */
		if (status == PARSE_NOT_NUMBER && text != NULL &&
		    (isalpha((unsigned char)text[0]) || text[0] == '_'))
			return PARSE_UNKNOWN_NAME;
		return status;
	}
	if (value < INT32_MIN || value > (long long)UINT32_MAX)
		return PARSE_OUT_OF_RANGE;
	/* 0xffffffff wraps to -1, as the kernel's int key does. */
	if (out != NULL)
		*out = (key_t)(int32_t)(uint32_t)value;
	return PARSE_OK;
}

void
key_format(key_t key, char *buf, size_t len)
{
	if (buf == NULL || len == 0)
		return;
	if (key == IPC_PRIVATE)
		snprintf(buf, len, "IPC_PRIVATE");
	else
		snprintf(buf, len, "%#x", (unsigned)key);
}
