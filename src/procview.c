/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * procview.c: reads the kernel's own listing of System V IPC objects from
 * /proc/sysvipc/{msg,sem,shm}.  Each file has a header line and then one
 * line of whitespace-separated numbers per object; a table per kind says
 * which column lands in which field of struct sysv_object, so one parser
 * serves all three files.  Columns after the last one the tutor uses (shm's
 * rss and swap, anything a later kernel adds) are ignored; a line with too
 * few columns or a column that is not a number makes the whole read fail.
 * It also takes identifiers apart into slot index and sequence number.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <sys/types.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procview.h"

/* Where a column of a /proc/sysvipc file goes. */
enum column {
	COL_END,	/* no more columns of interest */
	COL_SKIP,	/* a time the tutor does not show */
	COL_KEY,
	COL_ID,
	COL_PERMS,
	COL_BYTES,
	COL_COUNT,
	COL_PID1,
	COL_PID2,
	COL_UID,
	COL_GID,
	COL_CUID,
	COL_CGID,
	COL_CTIME,
};

#define MAX_COLUMNS	16

static const struct {
	const char	*path;
	const char	*id_name;	/* the header's name for the id */
	enum column	 columns[MAX_COLUMNS];
} layouts[KIND_COUNT] = {
	/* key msqid perms cbytes qnum lspid lrpid uid gid cuid cgid
	 * stime rtime ctime */
	[KIND_MSG] = { "/proc/sysvipc/msg", "msqid", {
	    COL_KEY, COL_ID, COL_PERMS, COL_BYTES, COL_COUNT, COL_PID1,
	    COL_PID2, COL_UID, COL_GID, COL_CUID, COL_CGID, COL_SKIP,
	    COL_SKIP, COL_CTIME, COL_END } },
	/* key semid perms nsems uid gid cuid cgid otime ctime */
	[KIND_SEM] = { "/proc/sysvipc/sem", "semid", {
	    COL_KEY, COL_ID, COL_PERMS, COL_COUNT, COL_UID, COL_GID,
	    COL_CUID, COL_CGID, COL_SKIP, COL_CTIME, COL_END } },
	/* key shmid perms size cpid lpid nattch uid gid cuid cgid
	 * atime dtime ctime rss swap */
	[KIND_SHM] = { "/proc/sysvipc/shm", "shmid", {
	    COL_KEY, COL_ID, COL_PERMS, COL_BYTES, COL_PID1, COL_PID2,
	    COL_COUNT, COL_UID, COL_GID, COL_CUID, COL_CGID, COL_SKIP,
	    COL_SKIP, COL_CTIME, COL_END } },
};

/* Is KIND one of enum ipc_kind? */
static int
kind_valid(enum ipc_kind kind)
{
	return (int)kind >= 0 && (int)kind < KIND_COUNT;
}

const char *
procview_path(enum ipc_kind kind)
{
	return kind_valid(kind) ? layouts[kind].path : NULL;
}

/*
 * Parse the next whitespace-separated column at *P as a number in BASE,
 * signed when SIGNED_OK, and advance *P past it.  Stores the value in *OUT
 * (as long long, unsigned values below 2^63 only).  Returns 0, or -1 when
 * there is no column or it is not wholly a number that fits.
 */
static int
next_column(const char **p, int base, int signed_ok, long long *out)
{
	const char		*start;
	char			*end;
	unsigned long long	 value;

	while (isspace((unsigned char)**p))
		(*p)++;
	start = *p;
	if (!isdigit((unsigned char)*start) &&
	    !(signed_ok && *start == '-' && isdigit((unsigned char)start[1])))
		return -1;
	errno = 0;
	if (signed_ok)
		*out = strtoll(start, &end, base);
	else {
		value = strtoull(start, &end, base);
		if (value > LLONG_MAX)
			return -1;
		*out = (long long)value;
	}
	if (errno == ERANGE || (*end != '\0' && !isspace((unsigned char)*end)))
		return -1;
	*p = end;
	return 0;
}

/*
 * Store VALUE in the field of OBJ that COLUMN names, checking that it fits.
 * Returns 0, or -1 when it does not.
 */
static int
store_column(enum column column, long long value, struct sysv_object *obj)
{
	switch (column) {
	case COL_KEY:
		if (value < INT32_MIN || value > INT32_MAX)
			return -1;
		obj->key = (key_t)value;
		break;
	case COL_ID:
		if (value < 0 || value > INT_MAX)
			return -1;
		obj->id = (int)value;
		break;
	case COL_PERMS:
		if (value > UINT_MAX)
			return -1;
		obj->mode = (unsigned)value;
		break;
	case COL_BYTES:
	case COL_COUNT:
		if ((unsigned long long)value > ULONG_MAX)
			return -1;
		if (column == COL_BYTES)
			obj->bytes = (unsigned long)value;
		else
			obj->count = (unsigned long)value;
		break;
	case COL_PID1:
	case COL_PID2:
		if (value > INT_MAX)
			return -1;
		if (column == COL_PID1)
			obj->pid1 = (pid_t)value;
		else
			obj->pid2 = (pid_t)value;
		break;
	case COL_UID:
	case COL_CUID:
	case COL_GID:
	case COL_CGID:
		if (value > UINT32_MAX)
			return -1;
		if (column == COL_UID)
			obj->uid = (uid_t)value;
		else if (column == COL_CUID)
			obj->cuid = (uid_t)value;
		else if (column == COL_GID)
			obj->gid = (gid_t)value;
		else
			obj->cgid = (gid_t)value;
		break;
	case COL_CTIME:
		obj->ctime = (time_t)value;
		break;
	case COL_SKIP:
	case COL_END:
		break;
	}
	return 0;
}

/*
 * Parse one object line of a KIND file into *OBJ.  Returns 0, or -1 when a
 * column the tutor uses is missing or malformed.
 */
static int
parse_object(enum ipc_kind kind, const char *line, struct sysv_object *obj)
{
	const enum column	*column;
	const char		*p = line;
	long long		 value;

	memset(obj, 0, sizeof(*obj));
	obj->kind = kind;
	for (column = layouts[kind].columns; *column != COL_END; column++) {
		/* The key is printed "%10d", perms "%4o", the rest as
		 * unsigned decimals. */
		if (next_column(&p, *column == COL_PERMS ? 8 : 10,
		    *column == COL_KEY, &value) == -1 ||
		    store_column(*column, value, obj) == -1)
			return -1;
	}
	return 0;
}

/* Is LINE only whitespace? */
static int
is_blank(const char *line)
{
	while (isspace((unsigned char)*line))
		line++;
	return *line == '\0';
}

/*
 * If LINE, after any blanks, starts with the column name WORD followed by a
 * blank or the end, return what follows it; otherwise return NULL.
 */
static const char *
skip_column_name(const char *line, const char *word)
{
	size_t	len = strlen(word);

	while (isspace((unsigned char)*line))
		line++;
	if (strncmp(line, word, len) != 0 ||
	    (line[len] != '\0' && !isspace((unsigned char)line[len])))
		return NULL;
	return line + len;
}

/*
 * Is LINE the header of the /proc/sysvipc file for KIND, "key" and then the
 * kind's own name for the identifier?  A file of another kind is refused.
 */
static int
is_header(enum ipc_kind kind, const char *line)
{
	line = skip_column_name(line, "key");
	return line != NULL &&
	    skip_column_name(line, layouts[kind].id_name) != NULL;
}

int
procview_read(enum ipc_kind kind, const char *path, struct sysv_object **out)
{
	FILE			*fp;
	struct sysv_object	*objects = NULL, *grown;
	char			*line = NULL;
	size_t			 linesize = 0, count = 0, capacity = 0;
	int			 lineno = 0, saved;

	if (out != NULL)
		*out = NULL;
	if (!kind_valid(kind) || path == NULL || out == NULL) {
		errno = EINVAL;
		return -1;
	}
	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	while (getline(&line, &linesize, fp) != -1) {
		if (++lineno == 1) {
			if (!is_header(kind, line))
				goto malformed;
			continue;
		}
		if (is_blank(line))
			continue;
		if (count == capacity) {
			if (capacity >= INT_MAX / 2) {
				errno = EOVERFLOW;
				goto fail;
			}
			capacity = capacity == 0 ? 16 : capacity * 2;
			grown = reallocarray(objects, capacity,
			    sizeof(*objects));
			if (grown == NULL)
				goto fail;
			objects = grown;
		}
		if (parse_object(kind, line, &objects[count]) == -1)
			goto malformed;
		count++;
	}
	if (ferror(fp))
		goto fail;
	free(line);
	fclose(fp);
	if (count == 0) {
		free(objects);
		objects = NULL;
	}
	*out = objects;
	return (int)count;

malformed:
	errno = EINVAL;
fail:
	saved = errno;
	free(line);
	free(objects);
	fclose(fp);
	errno = saved;
	return -1;
}

int
procview_find(enum ipc_kind kind, int id, struct sysv_object *obj)
{
	struct sysv_object	*objects;
	int			 count, i, found = 0;

	if ((count = procview_read(kind, procview_path(kind), &objects)) == -1)
		return -1;
	for (i = 0; i < count && !found; i++) {
		if (objects[i].id == id) {
			if (obj != NULL)
				*obj = objects[i];
			found = 1;
		}
	}
	free(objects);
	return found;
}

/* SHIFT itself when an identifier can be split there (1..30), else the
 * kernel's default. */
static unsigned
usable_shift(unsigned shift)
{
	return shift >= 1 && shift <= 30 ? shift : IPCMNI_SHIFT_DEFAULT;
}

void
id_decode(int id, unsigned shift, struct id_parts *parts)
{
	if (parts == NULL)
		return;
	shift = usable_shift(shift);
	parts->shift = shift;
	parts->index = (unsigned)id & ((1u << shift) - 1);
	parts->seq = (unsigned)id >> shift;
}

int
id_encode(unsigned index, unsigned seq, unsigned shift)
{
	shift = usable_shift(shift);
	/* The kernel keeps identifiers non-negative: seq wraps at
	 * INT_MAX >> shift, and the index lives below the shift. */
	index &= (1u << shift) - 1;
	seq &= (unsigned)INT_MAX >> shift;
	return (int)(seq << shift | index);
}
