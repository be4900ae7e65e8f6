/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * util.h: small tools every layer uses: allocation that cannot return NULL
 * (the tutor has nothing sensible to do without memory, so it says so and
 * exits), a growable string buffer, UTF-8 validation, whole-file reads and
 * atomic file writes.
 */
#ifndef IPCTUTOR_UTIL_H
#define IPCTUTOR_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *ptr, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* A NUL-terminated, growable byte string.  buf is never NULL after
 * strbuf_init (or STRBUF_INIT plus a first add). */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};
#define STRBUF_INIT { NULL, 0, 0 }
void strbuf_init(struct strbuf *sb);
void strbuf_addn(struct strbuf *sb, const char *s, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_reset(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);

/* Remove leading and trailing blanks in place; returns S. */
char *strtrim(char *s);

/* Split LINE into words in place: blanks separate, "double quotes" group
 * (with \" and \\ inside).  Returns the word count, or -1 for an unclosed
 * quote.  At most MAX words; more is -2. */
int split_words(char *line, char **argv, int max);

/* Is S[0..N) well-formed UTF-8 (no overlongs, no surrogates)? */
int utf8_valid(const char *s, size_t n);

/* A copy of S (malloc'd) safe to show on a terminal: control characters
 * (C0 but newline when KEEP_NEWLINES, DEL, C1), the bidirectional
 * controls (U+202E...) and bytes that are not UTF-8 written as \xNN or
 * \uNNNN, so that input echoed back cannot move the cursor, change the
 * colours, set the window title or reverse the text after it. */
char *text_escaped(const char *s, int keep_newlines);

/* Read the whole file PATH into SB (replacing its content).  Fails with
 * EFBIG when it is larger than MAX bytes.  Returns 0 or -1 (errno set). */
int read_file(const char *path, struct strbuf *sb, size_t max);

/* Replace PATH with DATA atomically: write a temporary file beside it
 * (created with O_EXCL under a random name, so a planted link is never
 * followed), fsync, rename.  PATH must be a regular file or absent: a
 * device, FIFO, directory or symbolic link is refused with EINVAL and left
 * as it is.  Returns 0 or -1 (errno set; PATH untouched). */
int regular_or_absent(const char *path);
int write_file_atomic(const char *path, const char *data, size_t len);

/* The same without the fsync when DURABLE is 0: readers see the old or the
 * new file, never a mix, but after a machine crash PATH may be empty. */
int write_file_replace(const char *path, const char *data, size_t len, int durable);

/* The same with what FILL writes to the descriptor it is given (FILL
 * returns 0, or -1 with errno set). */
int write_file_with(const char *path, int (*fill)(int fd, void *arg), void *arg, int durable);

/* Write all of DATA to FD, going on after EINTR.  0 or -1 (errno set). */
int write_all(int fd, const char *data, size_t len);

/* FD moved to 3 or above (close-on-exec), so that a file the tutor keeps
 * open never takes the place of a closed standard stream; -1 stays -1. */
int fd_above_stdio(int fd);

/* An unnamed temporary file for reading and writing (O_TMPFILE in $TMPDIR
 * or /tmp), close-on-exec and above the standard streams; NULL on error. */
FILE *temporary_file(void);

/* Open PATH (O_NOFOLLOW, O_NONBLOCK while opening, O_CLOEXEC added to
 * FLAGS) only if it is a regular file owned by this user or by root:
 * for files in shared folders (/tmp) that another user could plant.
 * Returns the descriptor, or -1 (errno EPERM when it is not such a file). */
int open_own_file(const char *path, int flags, mode_t mode);

/* Milliseconds on the monotonic clock, for deadlines. */
long now_ms(void);

/* The directory of the running program (from /proc/self/exe), malloc'd,
 * or NULL.  Lets the uninstalled tutor find lessons/ and build/locale/
 * beside itself. */
char *exe_dir(void);

/* The system call process PID is asleep in, as the kernel tells it
 * (state 'S' in /proc/PID/stat, the number in /proc/PID/syscall), or -1
 * when it is running or cannot be asked. */
long process_asleep_in(pid_t pid);

/* The state letter of process PID in /proc/PID/stat ('R', 'S', 'T' for
 * stopped, 't' for traced...), or '\0' when it cannot be read. */
char process_state(pid_t pid);

/* Is a signal that ends the tutor (SIGTERM, SIGHUP, SIGQUIT) pending?
 * They are blocked and read through a signalfd in the main loop; code that
 * waits elsewhere asks this so as to stop waiting and let the loop end. */
int termination_pending(void);

/* In a child just forked from the tutor: default dispositions for every
 * signal and an empty signal mask (the tutor blocks the signals its
 * signalfd reads).  With DIE_WITH_PARENT, the child is sent SIGKILL when
 * PARENT dies, and exits at once if PARENT is already gone. */
void child_start(pid_t parent, int die_with_parent);

/* Write the coverage counters now, in a build with --coverage (no effect
 * otherwise): before _exit() in a child and before re-raising a signal,
 * paths where the counters would otherwise be lost. */
void coverage_flush(void);

/* The folder for the key files ($IPCTUTOR_RUNDIR, when it names an
 * absolute path), or NULL for the usual places (XDG_RUNTIME_DIR, /tmp).
 * Lets a class agree on a folder, and a test keep its files in its own. */
const char *run_dir(void);

/* Create DIR and its parents with mode 0700 where missing.  0 or -1. */
int mkdir_parents(const char *dir);

#endif
