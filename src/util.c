/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * util.c: allocation, string buffers, UTF-8 validation and file helpers
 * (see util.h).  Out of memory is the one error that ends the tutor here.
 */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

static void
out_of_memory(void)
{
	errx(EXIT_FAILURE, "%s", _("out of memory"));
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xreallocarray(void *ptr, size_t n, size_t size)
{
	void *p = reallocarray(ptr, n ? n : 1, size ? size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);
	if (p == NULL)
		out_of_memory();
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_init(&sb);   /* never NULL, even if formatting fails */
	strbuf_vaddf(&sb, fmt, ap);
	return sb.buf;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

/* Make room for N more bytes plus the terminating NUL. */
static void
strbuf_grow(struct strbuf *sb, size_t n)
{
	if (sb->len + n + 1 <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + n + 1)
		cap *= 2;
	sb->buf = xreallocarray(sb->buf, cap, 1);
	sb->cap = cap;
}

void
strbuf_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	strbuf_grow(sb, 0);
	sb->buf[0] = '\0';
}

void
strbuf_addn(struct strbuf *sb, const char *s, size_t n)
{
	strbuf_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_addn(sb, s, strlen(s));
}

void
strbuf_addc(struct strbuf *sb, char c)
{
	strbuf_addn(sb, &c, 1);
}

/* Formats once when the text fits in the room left (the usual case), and
 * a second time only after growing. */
void
strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list copy;
	size_t room;
	int n;

	strbuf_grow(sb, 63);
	room = sb->cap - sb->len;
	va_copy(copy, ap);
	n = vsnprintf(sb->buf + sb->len, room, fmt, copy);
	va_end(copy);
	if (n < 0) {
		sb->buf[sb->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		strbuf_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	}
	sb->len += (size_t)n;
}

void
strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void
strbuf_reset(struct strbuf *sb)
{
	if (sb->buf == NULL)
		strbuf_init(sb);
	sb->len = 0;
	sb->buf[0] = '\0';
}

void
strbuf_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

char *
strtrim(char *s)
{
	size_t n = strlen(s), start = 0;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	while (s[start] == ' ' || s[start] == '\t')
		start++;
	memmove(s, s + start, n - start + 1);
	return s;
}

int
split_words(char *line, char **argv, int max)
{
	int argc = 0;
	char *r = line, *w = line;

	for (;;) {
		while (*r == ' ' || *r == '\t')
			r++;
		if (*r == '\0')
			return argc;
		if (argc == max)
			return -2;
		argv[argc++] = w;
		int quoted = 0;
		while (*r != '\0' && (quoted || (*r != ' ' && *r != '\t'))) {
			if (*r == '"') {
				quoted = !quoted;
				r++;
			} else if (quoted && *r == '\\' && (r[1] == '"' || r[1] == '\\')) {
				*w++ = r[1];
				r += 2;
			} else {
				*w++ = *r++;
			}
		}
		if (quoted)
			return -1;
		if (*r != '\0')
			r++;
		*w++ = '\0';   /* never past r: each word shrinks or keeps its length */
	}
}

int
utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t len;
		unsigned cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff))
		    || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += len;
	}
	return 1;
}

int
read_file(const char *path, struct strbuf *sb, size_t max)
{
	/* O_NONBLOCK: a FIFO planted at PATH must not hang the open. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	char chunk[8192];
	struct stat st;
	ssize_t n;

	strbuf_reset(sb);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		if (sb->len + (size_t)n > max) {
			close(fd);
			errno = EFBIG;
			return -1;
		}
		strbuf_addn(sb, chunk, (size_t)n);
	}
	close(fd);
	return 0;
}

int
regular_or_absent(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return errno == ENOENT;
	return S_ISREG(st.st_mode);
}

int
open_own_file(const char *path, int flags, mode_t mode)
{
	int fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode);
	struct stat st;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (st.st_uid != geteuid() && st.st_uid != 0)) {
		close(fd);
		errno = EPERM;
		return -1;
	}
	if (!(flags & O_NONBLOCK))
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

int
write_all(int fd, const char *data, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

int
write_file_with(const char *path, int (*fill)(int fd, void *arg), void *arg, int durable)
{
	/* mkostemp: O_CREAT|O_EXCL on a name no one could plant a link at
	 * in advance, in the target's own folder (so rename stays in one
	 * file system).  Only a regular file (or none) is replaced. */
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	int fd, saved;

	if (!regular_or_absent(path)) {
		errno = EINVAL;
		goto fail;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		goto fail;
	if (fill(fd, arg) != 0)
		goto fail_close;
	if ((durable && fsync(fd) != 0) || close(fd) != 0)
		goto fail_unlink;
	if (rename(tmp, path) != 0)
		goto fail_unlink;
	free(tmp);
	return 0;
fail_close:
	saved = errno;
	close(fd);
	errno = saved;
fail_unlink:
	saved = errno;
	unlink(tmp);
	errno = saved;
fail:
	saved = errno;
	free(tmp);
	errno = saved;
	return -1;
}

struct bytes {
	const char *data;
	size_t len;
};

static int
fill_bytes(int fd, void *arg)
{
	const struct bytes *b = arg;
	return write_all(fd, b->data, b->len);
}

int
write_file_replace(const char *path, const char *data, size_t len, int durable)
{
	struct bytes b = { data, len };
	return write_file_with(path, fill_bytes, &b, durable);
}

int
write_file_atomic(const char *path, const char *data, size_t len)
{
	return write_file_replace(path, data, len, 1);
}

int
fd_above_stdio(int fd)
{
	int moved;

	if (fd < 0 || fd > 2)
		return fd;
	moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	close(fd);
	return moved;
}

FILE *
temporary_file(void)
{
	const char *dir = getenv("TMPDIR");
	int fd = open(dir != NULL && dir[0] == '/' ? dir : "/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	FILE *f;

	if (fd < 0) {
		char *name = xasprintf("%s/ipctutor-XXXXXX", dir != NULL && dir[0] == '/' ? dir : "/tmp");
		fd = mkostemp(name, O_CLOEXEC);
		if (fd >= 0)
			unlink(name);
		free(name);
	}
	if ((fd = fd_above_stdio(fd)) < 0)
		return NULL;
	if ((f = fdopen(fd, "w+")) == NULL)
		close(fd);
	return f;
}

int
mkdir_parents(const char *dir)
{
	char *path = xstrdup(dir);

	for (char *p = path + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			int e = errno;
			free(path);
			errno = e;
			return -1;
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	free(path);
	return 0;
}

long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

char *
exe_dir(void)
{
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	return xstrdup(buf);
}

const char *
run_dir(void)
{
	const char *dir = getenv("IPCTUTOR_RUNDIR");

	return dir != NULL && dir[0] == '/' ? dir : NULL;
}

#ifdef IPCTUTOR_COVERAGE
/* gcov's dump function: make coverage builds it with --coverage and
 * -DIPCTUTOR_COVERAGE (a weak reference would not pull it from libgcov). */
extern void __gcov_dump(void);
#endif

void
coverage_flush(void)
{
#ifdef IPCTUTOR_COVERAGE
	__gcov_dump();
#endif
}

void
child_start(pid_t parent, int die_with_parent)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	if (!die_with_parent)
		return;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(EXIT_FAILURE);
}

char
process_state(pid_t pid)
{
	char path[64];
	struct strbuf sb = STRBUF_INIT;
	char state = '\0';

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if (read_file(path, &sb, 4096) == 0) {
		const char *paren = strrchr(sb.buf, ')');
		if (paren != NULL && paren[1] == ' ')
			state = paren[2];
	}
	strbuf_free(&sb);
	return state;
}

long
process_asleep_in(pid_t pid)
{
	char path[64];
	struct strbuf sb = STRBUF_INIT;
	long nr = -1;

	if (process_state(pid) == 'S') {
		snprintf(path, sizeof path, "/proc/%ld/syscall", (long)pid);
		if (read_file(path, &sb, 512) == 0 && sb.buf[0] >= '0' && sb.buf[0] <= '9')
			nr = strtol(sb.buf, NULL, 10);
	}
	strbuf_free(&sb);
	return nr;
}

int
termination_pending(void)
{
	sigset_t pending;

	if (sigpending(&pending) != 0)
		return 0;
	return sigismember(&pending, SIGTERM) == 1 || sigismember(&pending, SIGHUP) == 1
	       || sigismember(&pending, SIGQUIT) == 1;
}

/* Length of the UTF-8 sequence at S (at most N bytes) when it is well
 * formed, else 0. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	size_t len = s[0] < 0xc0 ? 0 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : s[0] < 0xf8 ? 4 : 0;

	return len > 0 && len <= n && utf8_valid((const char *)s, len) ? len : 0;
}

char *
text_escaped(const char *s, int keep_newlines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	struct strbuf sb = STRBUF_INIT;

	strbuf_init(&sb);
	for (size_t i = 0; i < n;) {
		unsigned c = p[i];
		size_t len;

		if (c == '\n' && keep_newlines) {
			strbuf_addc(&sb, '\n');
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			strbuf_addf(&sb, c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\x%02x", c);
			i++;
		} else if (c < 0x80) {
			strbuf_addc(&sb, (char)c);
			i++;
		} else if ((len = utf8_seq(p + i, n - i)) == 0) {
			strbuf_addf(&sb, "\\x%02x", c);
			i++;
		} else {
			unsigned cp = len == 2 ? (c & 0x1fu) << 6 | (p[i + 1] & 0x3fu)
				    : len == 3 ? (c & 0x0fu) << 12 | (p[i + 1] & 0x3fu) << 6 | (p[i + 2] & 0x3fu)
				    : 0x10000;
			/* C1 controls and the bidirectional overrides and
			 * isolates, which would reorder what follows them. */
			if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x200e || cp == 0x200f || cp == 0x061c
			    || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
				strbuf_addf(&sb, "\\u%04x", cp);
			else
				strbuf_addn(&sb, s + i, len);
			i += len;
		}
	}
	return sb.buf;
}
