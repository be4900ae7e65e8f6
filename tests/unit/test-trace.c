/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * test-trace.c: unit tests for trace.c.  The strace-style result for
 * success, failure, addresses (shown and masked) and non-calls; the pipe
 * encoding round-tripping text full of tabs, newlines, backslashes and
 * control bytes, and refusing malformed lines; strace quoting of control
 * bytes, UTF-8 and truncation.  Runs in the C locale, so strerror is
 * English.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"
#include "tap.h"

#define COUNT(array)	(sizeof(array) / sizeof((array)[0]))

/* A struct call with the given fields (TEXT and DATA may be NULL). */
static struct call
make_call(const char *text, long ret, int err, enum ret_kind kind,
    const char *data)
{
	struct call	call;

	memset(&call, 0, sizeof(call));
	snprintf(call.text, sizeof(call.text), "%s", text ? text : "");
	call.ret = ret;
	call.err = err;
	call.kind = kind;
	snprintf(call.data, sizeof(call.data), "%s", data ? data : "");
	return call;
}

static void
test_result(void)
{
	struct call	call;
	char		buf[128], want[128];

	call = make_call("msgget(0x1, IPC_CREAT|0600)", 3, 0, RET_INT, NULL);
	trace_result(&call, 0, buf, sizeof(buf));
	is_str(buf, "= 3", "success");
	call.ret = 0;
	trace_result(&call, 1, buf, sizeof(buf));
	is_str(buf, "= 0", "success with 0, masking changes nothing");

	call = make_call("msgget(0x1, IPC_CREAT|IPC_EXCL|0600)", -1, EEXIST,
	    RET_INT, NULL);
	trace_result(&call, 0, buf, sizeof(buf));
	is_str(buf, "= -1 EEXIST (File exists)", "failure");
	call.err = EIDRM;
	trace_result(&call, 0, buf, sizeof(buf));
	snprintf(want, sizeof(want), "= -1 EIDRM (%s)", strerror(EIDRM));
	is_str(buf, want, "failure with EIDRM");
	call.err = 9999;
	trace_result(&call, 0, buf, sizeof(buf));
	snprintf(want, sizeof(want), "= -1 ERRNO_9999 (%s)", strerror(9999));
	is_str(buf, want, "failure with an errno nobody can name");

	call = make_call("shmat(0, NULL, 0)", 0x7f1c2a000000L, 0, RET_ADDR,
	    NULL);
	trace_result(&call, 0, buf, sizeof(buf));
	is_str(buf, "= 0x7f1c2a000000", "an address");
	trace_result(&call, 1, buf, sizeof(buf));
	is_str(buf, "= ADDR", "an address, masked");
	call.ret = -1;
	call.err = EINVAL;
	trace_result(&call, 1, buf, sizeof(buf));
	is_str(buf, "= -1 EINVAL (Invalid argument)",
	    "a failed shmat is not masked");

	call = make_call("*(int *)p = 5", 0, 0, RET_NONE, NULL);
	trace_result(&call, 0, buf, sizeof(buf));
	is_str(buf, "", "a memory access has no result");

	memset(buf, 'X', sizeof(buf));
	trace_result(NULL, 0, buf, sizeof(buf));
	is_str(buf, "", "a NULL call gives the empty string");

	call = make_call("msgget(0x1, 0)", -1, ENOENT, RET_INT, NULL);
	memset(buf, 'X', sizeof(buf));
	trace_result(&call, 0, buf, 8);
	is_str(buf, "= -1 EN", "a short buffer truncates and terminates");
	ok(buf[8] == 'X', "  and writes nothing past its length");
	memset(buf, 'X', sizeof(buf));
	trace_result(&call, 0, buf, 0);
	ok(buf[0] == 'X', "a zero-length buffer is left alone");
	survives(trace_result(&call, 0, NULL, 10), "a NULL buffer does not crash");
}

/* Count the bytes C in S. */
static size_t
count_char(const char *s, char c)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		n += *s == c;
	return n;
}

/* Encode CALL, check the line is one line of six fields, decode it (also
 * with a newline at its end) and compare with CALL. */
static void
check_round_trip(const struct call *call, const char *name)
{
	struct call	back;
	char		line[TRACE_LINE_MAX + 1];
	int		same;

	trace_encode(call, line, sizeof(line) - 1);
	ok(line[0] != '\0' && count_char(line, '\t') == 5 &&
	    strchr(line, '\n') == NULL && strchr(line, '\r') == NULL,
	    "%s: encodes as one line of six fields", name);
	memset(&back, 0x55, sizeof(back));
	same = trace_decode(line, &back) == 0 &&
	    strcmp(back.text, call->text) == 0 && back.ret == call->ret &&
	    back.err == call->err && back.kind == call->kind && back.id == call->id &&
	    strcmp(back.data, call->data) == 0;
	if (!ok(same, "%s: decodes to the same call", name))
		diag("line: %s", line);
	strcat(line, "\n");
	memset(&back, 0x55, sizeof(back));
	ok(trace_decode(line, &back) == 0 &&
	    strcmp(back.text, call->text) == 0,
	    "%s: decodes with its newline too", name);
}

static void
test_round_trips(void)
{
	struct call	call;
	char		all[CALL_TEXT_MAX];
	size_t		i;

	call = make_call("msgget(0x4d0a0001, IPC_CREAT|IPC_EXCL|0600)", -1,
	    EEXIST, RET_INT, NULL);
	call.id = CALL_MSGGET;
	check_round_trip(&call, "a plain failure");
	call = make_call("msgrcv(3, {1, \"a\\tb\"}, 8, 0, 0)", 6, 0, RET_INT,
	    "tab\there\nnewline\\backslash\rreturn");
	check_round_trip(&call, "tabs, newlines, backslashes in data");
	call = make_call("text\twith\ttabs\nand\nnewlines\\n\\t\\\\", 0, 0,
	    RET_INT, "\\x41 is not an escape here");
	check_round_trip(&call, "tabs, newlines, escape-like text");
	call = make_call("ctrl \001\002\033[31m\177 and UTF-8 \xc3\xa9 \xff",
	    LONG_MIN, INT_MAX, RET_INT, "\x1f");
	check_round_trip(&call, "control bytes, DEL, UTF-8, LONG_MIN");
	call = make_call("shmat(5, NULL, SHM_RDONLY)", 0x7f1c2a000000L, 0,
	    RET_ADDR, NULL);
	check_round_trip(&call, "an address");
	call = make_call("p[0] = 1", LONG_MAX, 0, RET_NONE, "");
	check_round_trip(&call, "a non-call, LONG_MAX");
	call = make_call("", 0, 0, RET_INT, "");
	check_round_trip(&call, "empty text and data");

	/* The longest text and data, every byte needing an escape. */
	for (i = 0; i < sizeof(all) - 1; i++)
		all[i] = (char)(1 + i % 31);
	all[sizeof(all) - 1] = '\0';
	call = make_call(all, -1, EINTR, RET_INT, all);
	check_round_trip(&call, "full-length text and data, all escaped");
}

static void
test_encode_limits(void)
{
	struct call	call, back;
	char		line[TRACE_LINE_MAX];
	char		small[16];

	call = make_call("msgget(0x1, 0)", 0, 0, RET_INT, NULL);
	memset(small, 'X', sizeof(small));
	trace_encode(&call, small, sizeof(small));
	is_str(small, "", "a line too long for the buffer is left empty");
	ok(trace_decode(small, &back) == -1, "  and does not decode");
	memset(small, 'X', sizeof(small));
	trace_encode(&call, small, 0);
	ok(small[0] == 'X', "a zero-length buffer is left alone");
	trace_encode(NULL, line, sizeof(line));
	is_str(line, "", "a NULL call encodes as the empty string");
	survives(trace_encode(&call, NULL, 10), "a NULL buffer does not crash");

	/* Text without its NUL must not be read past. */
	memset(call.text, 'a', sizeof(call.text));
	trace_encode(&call, line, sizeof(line));
	ok(trace_decode(line, &back) == 0 && back.text[0] == '\0',
	    "text without a NUL travels as empty text");

	call = make_call("x", 0, 0, (enum ret_kind)7, NULL);
	trace_encode(&call, line, sizeof(line));
	is_str(line, "", "an unknown kind encodes as the empty string");
}

static void
test_decode_malformed(void)
{
	static const struct {
		const char	*line;
		const char	*why;
	} bad[] = {
		{ "", "empty line" },
		{ "\n", "just a newline" },
		{ "int\t3\t0\t1\tmsgget()", "five fields" },
		{ "int\t3\t0\t1\tmsgget()\t\textra", "seven fields" },
		{ "int\t3\t0\t1\tmsgget()\t\t", "a trailing TAB" },
		{ "float\t3\t0\t1\tmsgget()\t", "unknown kind" },
		{ "INT\t3\t0\t1\tmsgget()\t", "kind in capitals" },
		{ "\t3\t0\t1\tmsgget()\t", "empty kind" },
		{ "int\t\t0\t1\tmsgget()\t", "empty ret" },
		{ "int\tthree\t0\t1\tmsgget()\t", "ret not a number" },
		{ "int\t3x\t0\t1\tmsgget()\t", "ret with junk" },
		{ "int\t99999999999999999999\t0\t1\tmsgget()\t", "ret overflows" },
		{ "int\t3\t-1\t1\tmsgget()\t", "negative errno" },
		{ "int\t3\t2147483648\t1\tmsgget()\t", "errno overflows" },
		{ "int\t3\t0\t-1\tmsgget()\t", "negative call id" },
		{ "int\t3\t0\t99\tmsgget()\t", "unknown call id" },
		{ "int\t3\t0\t1\tbad \\q escape\t", "unknown escape" },
		{ "int\t3\t0\t1\ttrailing backslash\\\t", "trailing backslash" },
		{ "int\t3\t0\t1\tshort \\x4\t", "short hex escape" },
		{ "int\t3\t0\t1\tbad \\xzz hex\t", "bad hex digits" },
		{ "int\t3\t0\t1\tnul \\x00 byte\t", "an escaped NUL" },
		{ "int\t3\t0\t1\traw \001 control\t", "a raw control byte" },
		{ "int\t3\t0\t1\ttext\tdata\r", "a raw carriage return" },
		{ "int\t3\t0\t1\ttext\tdata\n\n", "two newlines" },
	};
	struct call	call, before;
	char		line[CALL_TEXT_MAX + 32];
	size_t		i;

	before = make_call("unchanged", 42, 7, RET_ADDR, "still");
	for (i = 0; i < COUNT(bad); i++) {
		call = before;
		is_int(trace_decode(bad[i].line, &call), -1, bad[i].why);
		ok(memcmp(&call, &before, sizeof(call)) == 0,
		    "  and the call is untouched");
	}

	/* One byte of text too many. */
	snprintf(line, sizeof(line), "int\t0\t0\t1\t%0*d\t", CALL_TEXT_MAX, 0);
	is_int(trace_decode(line, &call), -1, "text longer than the struct");
	snprintf(line, sizeof(line), "int\t0\t0\t1\t%0*d\t", CALL_TEXT_MAX - 1, 0);
	ok(trace_decode(line, &call) == 0 &&
	    strlen(call.text) == CALL_TEXT_MAX - 1,
	    "text of exactly CALL_TEXT_MAX - 1 bytes fits");
	snprintf(line, sizeof(line), "none\t0\t0\t1\t\t%0*d", CALL_DATA_MAX, 0);
	is_int(trace_decode(line, &call), -1, "data longer than the struct");

	ok(trace_decode("int\t-1\t17\t2\tmsgget(0x1, IPC_CREAT|IPC_EXCL|0600)\t",
	    &call) == 0 && call.ret == -1 && call.err == EEXIST && call.id == CALL_MSGGET &&
	    call.kind == RET_INT && call.data[0] == '\0',
	    "a hand-written line decodes");
	ok(trace_decode("addr\t0x7f00\t0\t10\tshmat()\t\\x41\\x7f", &call) == 0 &&
	    call.ret == 0x7f00 && call.kind == RET_ADDR &&
	    strcmp(call.data, "A\177") == 0,
	    "hex numbers and \\x escapes decode");
	is_int(trace_decode(NULL, &call), -1, "a NULL line");
	is_int(trace_decode("int\t0\t0\t0\t\t", NULL), -1, "a NULL call");
}

/* Quote LEN bytes of TEXT (at most MAX) into a buffer of BUFLEN bytes and
 * compare with WANT. */
static void
check_quote(const char *text, size_t len, size_t max, size_t buflen,
    const char *want, const char *name)
{
	char	buf[256];

	memset(buf, 'X', sizeof(buf));
	trace_quote(text, len, max, buf, buflen);
	is_str(buf, want, name);
	if (buflen < sizeof(buf))
		ok(buf[buflen] == 'X', "  and nothing is written past %zu",
		    buflen);
}

#define Q(text, max, buflen, want, name) \
	check_quote(text, sizeof(text) - 1, max, buflen, want, name)

static void
test_quote(void)
{
	char	buf[8];

	Q("hello", 100, 64, "hello", "plain text");
	Q("a\tb\nc\\d\"e", 100, 64, "a\\tb\\nc\\\\d\\\"e",
	    "tab, newline, backslash, quote");
	Q("\r\v\f", 100, 64, "\\r\\v\\f", "the other C escapes");
	Q("\001x", 100, 64, "\\1x", "a control byte in short octal");
	Q("\033[31m", 100, 64, "\\33[31m", "ESC cannot reach the terminal");
	Q("\0001", 100, 64, "\\0001", "NUL before a digit in full octal");
	Q("\0008", 100, 64, "\\08", "NUL before 8: 8 is not octal");
	Q("\0\0", 100, 64, "\\0\\0", "two NULs");
	Q("\177", 100, 64, "\\177", "DEL");
	Q("\377", 100, 64, "\\377", "a stray byte 0xff");
	Q("caf\xc3\xa9", 100, 64, "caf\xc3\xa9", "valid UTF-8 is kept");
	Q("\xe2\x82\xac\xf0\x9f\x98\x80", 100, 64,
	    "\xe2\x82\xac\xf0\x9f\x98\x80", "three- and four-byte UTF-8");
	Q("\xc3", 100, 64, "\\303", "a lone lead byte");
	Q("\xc3(", 100, 64, "\\303(", "a lead byte without continuation");
	Q("\xc0\x80", 100, 64, "\\300\\200", "an overlong NUL");
	Q("\xed\xa0\x80", 100, 64, "\\355\\240\\200", "a surrogate");
	Q("\xf4\x90\x80\x80", 100, 64, "\\364\\220\\200\\200",
	    "beyond U+10FFFF");
	Q("\xc2\x9b", 100, 64, "\\302\\233", "the C1 control CSI");
	Q("abcdef", 3, 64, "abc...", "truncated after maxbytes");
	Q("abc", 3, 64, "abc", "exactly maxbytes: no ellipsis");
	Q("abc", 0, 64, "...", "maxbytes 0");
	Q("\xc3\xa9", 1, 64, "\\303...", "a character cut by maxbytes");
	Q("abcdefgh", 100, 6, "ab...", "a short buffer gets the ellipsis");
	Q("abcde", 100, 6, "abcde", "a buffer that fits exactly");
	Q("\n\n\n", 100, 6, "\\n...", "an escape is not split");
	Q("\001\001", 100, 5, "\\1\\1", "escapes that fit exactly");
	Q("\001\001\001", 100, 5, "...",
	    "  one more leaves room for no escape");
	Q("\xc3\xa9\xc3\xa9\xc3\xa9", 100, 6, "\xc3\xa9...",
	    "a character is not split");
	Q("abcdef", 100, 3, "ab", "no room for an ellipsis");
	Q("abcdef", 100, 1, "", "a one-byte buffer");
	check_quote(NULL, 5, 100, 64, "", "NULL text");
	check_quote("abc", 0, 100, 64, "", "zero length");

	memset(buf, 'X', sizeof(buf));
	trace_quote("abc", 3, 100, buf, 0);
	ok(buf[0] == 'X', "a zero-length buffer is left alone");
	survives(trace_quote("abc", 3, 100, NULL, 10), "a NULL buffer does not crash");
}

int
main(void)
{
	test_result();
	test_round_trips();
	test_encode_limits();
	test_decode_malformed();
	test_quote();
	return tap_done();
}
