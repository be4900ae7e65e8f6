/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * trace.c: everything that happens to a struct call after the system call
 * itself.  trace_result writes the strace-style tail ("= -1 EEXIST (File
 * exists)"); trace_encode and trace_decode carry a call through a pipe as
 * one TAB-separated line whose text fields are escaped so that no raw TAB or
 * newline survives; trace_quote shows arbitrary bytes the way strace shows a
 * buffer.  All output goes to caller-supplied buffers, bounded and always
 * NUL-terminated.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "errnos.h"
#include "flags.h"
#include "trace.h"

#define COUNT(array)	(sizeof(array) / sizeof((array)[0]))

/* The word for each enum ret_kind on the wire, indexed by its value. */
static const char *const kind_words[] = {
	[RET_INT] = "int",
	[RET_ADDR] = "addr",
	[RET_NONE] = "none",
	[RET_KEY] = "key",
};

/* Number of TAB-separated fields of an encoded line:
 * kind, ret, err, call id, text, data. */
#define FIELD_COUNT	6

/*
 * Escapes used on the wire, one table for both directions.  Other bytes
 * below 0x20 and 0x7f travel as \xHH; everything else as itself.
 */
static const struct {
	char	raw;
	char	code;
} wire_escapes[] = {
	{ '\\', '\\' },
	{ '\t', 't' },
	{ '\n', 'n' },
	{ '\r', 'r' },
};

void
trace_result(const struct call *call, int mask_addr, char *buf, size_t len)
{
	const char	*name;
	char		 unknown[32];

	if (buf == NULL || len == 0)
		return;
	buf[0] = '\0';
	if (call == NULL || call->kind == RET_NONE)
		return;
	if (call->err != 0) {
		if ((name = errno_name(call->err)) == NULL) {
			snprintf(unknown, sizeof(unknown), "ERRNO_%d",
			    call->err);
			name = unknown;
		}
		snprintf(buf, len, "= %ld %s (%s)", call->ret, name,
		    strerror(call->err));
	} else if (call->kind == RET_KEY) {
		char key[24];
		key_format((key_t)call->ret, key, sizeof(key));
		snprintf(buf, len, "= %s", key);
	} else if (call->kind == RET_ADDR) {
		if (mask_addr)
			snprintf(buf, len, "= ADDR");
		else
			snprintf(buf, len, "= %#lx", (unsigned long)call->ret);
	} else
		snprintf(buf, len, "= %ld", call->ret);
}

/*
 * Append SRC to the line being built in BUF (size LEN, USED bytes so far),
 * escaping it for the wire when ESCAPE is set.  Returns the new length, or
 * LEN when the result does not fit (BUF's contents are then unspecified
 * but stay within bounds).
 */
static size_t
wire_append(char *buf, size_t len, size_t used, const char *src, int escape)
{
	char		 piece[5];
	unsigned char	 c;
	size_t		 i, n;

	for (; *src != '\0'; src++) {
		c = (unsigned char)*src;
		piece[0] = (char)c;
		n = 1;
		if (escape) {
			for (i = 0; i < COUNT(wire_escapes); i++) {
				if (wire_escapes[i].raw == (char)c) {
					piece[0] = '\\';
					piece[1] = wire_escapes[i].code;
					n = 2;
					break;
				}
			}
			if (n == 1 && (c < 0x20 || c == 0x7f)) {
				snprintf(piece, sizeof(piece), "\\x%02x", c);
				n = 4;
			}
		}
		if (used + n >= len)
			return len;
		memcpy(buf + used, piece, n);
		used += n;
	}
	buf[used] = '\0';
	return used;
}

void
trace_encode(const struct call *call, char *buf, size_t len)
{
	char	numbers[64];
	size_t	used;
	int	kind;

	if (buf == NULL || len == 0)
		return;
	buf[0] = '\0';
	if (call == NULL)
		return;
	kind = (int)call->kind;
	if (kind < 0 || (size_t)kind >= COUNT(kind_words))
		return;
	snprintf(numbers, sizeof(numbers), "%s\t%ld\t%d\t%d\t", kind_words[kind],
	    call->ret, call->err, (int)call->id);
	used = wire_append(buf, len, 0, numbers, 0);
	if (used < len)
		used = wire_append(buf, len, used,
		    strnlen(call->text, CALL_TEXT_MAX) < CALL_TEXT_MAX ?
		    call->text : "", 1);
	if (used < len)
		used = wire_append(buf, len, used, "\t", 0);
	if (used < len)
		used = wire_append(buf, len, used,
		    strnlen(call->data, CALL_DATA_MAX) < CALL_DATA_MAX ?
		    call->data : "", 1);
	/* A line cut short would decode as a different call: send none. */
	if (used >= len)
		buf[0] = '\0';
}

/* The value of hex digit C, or -1. */
static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Undo wire_append's escaping of the LEN bytes at SRC into DST (size
 * DSTLEN, NUL-terminated on success).  Returns 0, or -1 when SRC holds an
 * unknown escape, a raw control byte, a NUL from \x00, or does not fit.
 */
static int
wire_unescape(const char *src, size_t len, char *dst, size_t dstlen)
{
	const char	*end = src + len;
	size_t		 used = 0, i;
	int		 c, high, low;

	while (src < end) {
		c = (unsigned char)*src++;
		if (c < 0x20 || c == 0x7f)
			return -1;
		if (c == '\\') {
			if (src == end)
				return -1;
			for (i = 0; i < COUNT(wire_escapes); i++) {
				if (wire_escapes[i].code == *src)
					break;
			}
			if (i < COUNT(wire_escapes)) {
				c = (unsigned char)wire_escapes[i].raw;
				src++;
			} else {
				if (*src != 'x' || end - src < 3)
					return -1;
				high = hex_value(src[1]);
				low = hex_value(src[2]);
				if (high < 0 || low < 0)
					return -1;
				c = high << 4 | low;
				if (c == 0)
					return -1;
				src += 3;
			}
		}
		if (used + 1 >= dstlen)
			return -1;
		dst[used++] = (char)c;
	}
	dst[used] = '\0';
	return 0;
}

/*
 * Parse the LEN bytes at FIELD as a whole number in [MIN, MAX] into *OUT.
 * Returns 0, or -1 when the field is empty, too long or not such a number.
 */
static int
field_long(const char *field, size_t len, long min, long max, long *out)
{
	char	number[32];

	if (len >= sizeof(number))
		return -1;
	memcpy(number, field, len);
	number[len] = '\0';
	return parse_long(number, min, max, out) == PARSE_OK ? 0 : -1;
}

int
trace_decode(const char *line, struct call *call)
{
	struct call	 decoded;
	const char	*field[FIELD_COUNT], *p;
	size_t		 fieldlen[FIELD_COUNT], linelen, i, n;
	long		 value;

	if (line == NULL || call == NULL)
		return -1;
	/* Tolerate the newline that ends the line on the pipe. */
	linelen = strlen(line);
	if (linelen > 0 && line[linelen - 1] == '\n')
		linelen--;

	/* Split into exactly FIELD_COUNT fields. */
	p = line;
	for (n = 0; n < FIELD_COUNT; n++) {
		field[n] = p;
		while (p < line + linelen && *p != '\t')
			p++;
		fieldlen[n] = (size_t)(p - field[n]);
		if (p == line + linelen)
			break;
		p++;
	}
	if (n != FIELD_COUNT - 1 || p != line + linelen)
		return -1;

	memset(&decoded, 0, sizeof(decoded));
	for (i = 0; i < COUNT(kind_words); i++) {
		if (strlen(kind_words[i]) == fieldlen[0] &&
		    strncmp(kind_words[i], field[0], fieldlen[0]) == 0)
			break;
	}
	if (i == COUNT(kind_words))
		return -1;
	decoded.kind = (enum ret_kind)i;

	if (field_long(field[1], fieldlen[1], LONG_MIN, LONG_MAX,
	    &decoded.ret) == -1 ||
	    field_long(field[2], fieldlen[2], 0, INT_MAX, &value) == -1)
		return -1;
	decoded.err = (int)value;
	if (field_long(field[3], fieldlen[3], 0, CALL_ID_COUNT - 1, &value) == -1)
		return -1;
	decoded.id = (enum call_id)value;

	if (wire_unescape(field[4], fieldlen[4], decoded.text,
	    sizeof(decoded.text)) == -1 ||
	    wire_unescape(field[5], fieldlen[5], decoded.data,
	    sizeof(decoded.data)) == -1)
		return -1;
	*call = decoded;
	return 0;
}

/*
 * Length of the valid, printable UTF-8 sequence of two to four bytes at S
 * (AVAIL bytes available), or 0 when S does not start one.  Overlong forms,
 * surrogates, values beyond U+10FFFF and the C1 controls U+0080..U+009F
 * (which some terminals obey) are not accepted.
 */
static size_t
utf8_length(const unsigned char *s, size_t avail)
{
	unsigned long	cp;
	size_t		need, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		need = 2;
		cp = s[0] & 0x1fu;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 3;
		cp = s[0] & 0x0fu;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 4;
		cp = s[0] & 0x07u;
	} else
		return 0;
	if (avail < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fu);
	}
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ||
	    (cp >= 0x80 && cp <= 0x9f))
		return 0;
	return need;
}

/* The C escapes strace uses inside a quoted string. */
static const struct {
	unsigned char	raw;
	char		code;
} quote_escapes[] = {
	{ '"', '"' },
	{ '\\', '\\' },
	{ '\f', 'f' },
	{ '\n', 'n' },
	{ '\r', 'r' },
	{ '\t', 't' },
	{ '\v', 'v' },
};

/*
 * Write the strace spelling of byte C into PIECE (at least 4 bytes) and
 * return its length.  NEXT_IS_OCTAL_DIGIT says whether the byte that follows
 * is '0'..'7', which forces a full three-digit octal escape so that the two
 * do not run together ("\0001" rather than "\01").
 */
static size_t
quote_byte(unsigned char c, int next_is_octal_digit, char *piece)
{
	size_t	i, n = 0;

	for (i = 0; i < COUNT(quote_escapes); i++) {
		if (quote_escapes[i].raw == c) {
			piece[0] = '\\';
			piece[1] = quote_escapes[i].code;
			return 2;
		}
	}
	if (c >= 0x20 && c < 0x7f) {
		piece[0] = (char)c;
		return 1;
	}
	piece[n++] = '\\';
	if (next_is_octal_digit || c >= 0100)
		piece[n++] = (char)('0' + (c >> 6));
	if (next_is_octal_digit || c >= 010)
		piece[n++] = (char)('0' + ((c >> 3) & 7));
	piece[n++] = (char)('0' + (c & 7));
	return n;
}

/*
 * Quote the SHOWN bytes at S into BUF, writing at most ROOM bytes and never
 * splitting an escape or a character.  Returns the bytes written (BUF is not
 * NUL-terminated here) and sets *CONSUMED to the input bytes they cover.
 */
static size_t
quote_span(const unsigned char *s, size_t shown, char *buf, size_t room,
    size_t *consumed)
{
	char	piece[5];
	size_t	i, n, step, used = 0;
	int	next_octal;

	for (i = 0; i < shown; i += step) {
		if ((step = utf8_length(s + i, shown - i)) > 0) {
			/* A whole printable character: copy it as is. */
			memcpy(piece, s + i, step);
			n = step;
		} else {
			step = 1;
			next_octal = i + 1 < shown && s[i + 1] >= '0' &&
			    s[i + 1] <= '7';
			n = quote_byte(s[i], next_octal, piece);
		}
		if (used + n > room)
			break;
		memcpy(buf + used, piece, n);
		used += n;
	}
	*consumed = i;
	return used;
}

void
trace_quote(const char *text, size_t textlen, size_t maxbytes, char *buf,
    size_t len)
{
	static const char	 ellipsis[] = "...";
	const size_t		 ellipsis_len = sizeof(ellipsis) - 1;
	const unsigned char	*s = (const unsigned char *)text;
	size_t			 shown, used, consumed;

	if (buf == NULL || len == 0)
		return;
	if (s == NULL)
		textlen = 0;
	shown = textlen > maxbytes ? maxbytes : textlen;
	used = quote_span(s, shown, buf, len - 1, &consumed);
	/* cppcheck-suppress knownConditionTrueFalse ; shown < textlen when cut */
	if (shown < textlen || consumed < shown) {
		/* Cut short: make room for the ellipsis if there can be
		 * any, requoting less of the text. */
		if (len - 1 >= ellipsis_len) {
			used = quote_span(s, shown, buf, len - 1 - ellipsis_len,
			    &consumed);
			memcpy(buf + used, ellipsis, ellipsis_len);
			used += ellipsis_len;
		}
	}
	buf[used] = '\0';
}

void
trace_record(struct call *call, enum call_id id, const char *text, long ret, int err)
{
	memset(call, 0, sizeof(*call));
	call->id = id;
	snprintf(call->text, sizeof(call->text), "%s", text);
	call->ret = ret;
	call->err = ret < 0 ? err : 0;
	call->kind = RET_INT;
}

void
trace_unfinished(const char *head, struct call *call)
{
	static const char tail[] = " <unfinished ...>";
	size_t room = sizeof call->text - sizeof tail;

	memset(call, 0, sizeof *call);
	call->kind = RET_NONE;
	snprintf(call->text, sizeof call->text, "%.*s%s", (int)room, head, tail);
}

void
trace_resumed(const char *head, struct call *call)
{
	size_t n = strlen(head);
	const char *paren = strchr(head, '(');

	if (n == 0 || paren == NULL || strncmp(call->text, head, n) != 0)
		return;
	char text[sizeof call->text];
	snprintf(text, sizeof text, "<... %.*s resumed>%s", (int)(paren - head), head, call->text + n);
	memcpy(call->text, text, sizeof text);
}
