/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * harness.h: what the fuzzers feed, shared by the libFuzzer entry points
 * (fuzz-lesson.c, fuzz-command.c, fuzz-catalog.c, fuzz-save.c, built by
 * `make fuzz` with clang) and by
 * the replay test (tests/unit/test-fuzz-replay.c, built with the ordinary
 * compiler), so that every input ever found is checked by plain builds.
 */
#ifndef IPCTUTOR_FUZZ_HARNESS_H
#define IPCTUTOR_FUZZ_HARNESS_H

#include <printf.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "errnos.h"
#include "flags.h"
#include "i18n.h"
#include "lesson.h"
#include "transcript.h"
#include "util.h"
#include "vars.h"

/* The lesson parser on any bytes: it returns a lesson or an error. */
static inline void
fuzz_lesson(const uint8_t *data, size_t size)
{
	char err[512];
	struct lesson *l = lesson_parse("fuzz.md", (const char *)data, size, err, sizeof err);

	if (l == NULL && strncmp(err, "fuzz.md:", 8) != 0)
		abort();   /* an error must name the file and line */
	lesson_free(l);
}

static void
fuzz_ignore(const char *candidate, void *arg)
{
	(void)candidate;
	(void)arg;
}

/* What a typed line goes through before any call is made: splitting and
 * quoting, placeholders, numbers, keys, flags, control words, completion;
 * and each word back as text the way calls are shown. */
static inline void
fuzz_command(const uint8_t *data, size_t size)
{
	char *line = xstrndup((const char *)data, size), *missing = NULL;
	char *argv[16], *expanded;
	int argc;

	var_set("key", "0x54010203");
	cmd_complete(line, strlen(line), line, fuzz_ignore, NULL);
	expanded = var_expand(line, &missing);
	free(missing);
	free(expanded);
	argc = split_words(line, argv, 16);
	for (int i = 0; i < argc; i++) {
		long n;
		int v;
		key_t k;
		const char *bad;
		size_t badlen;
		char buf[128];

		char cut[24];
		size_t cutlen = 1 + strlen(argv[i]) % sizeof cut;

		if (parse_long(argv[i], -2147483648L, 2147483647L, &n) == PARSE_OK) {
			key_format((key_t)n, buf, sizeof buf);
			(void)ctl_text((int)n, buf, sizeof buf);
		}
		if (key_parse(argv[i], &k) == PARSE_OK)
			key_format(k, buf, sizeof buf);
		if (ctl_parse(argv[i], &v) == PARSE_OK)
			(void)ctl_text(v, buf, sizeof buf);
		for (int c = FLAGS_GET; c <= FLAGS_SHMAT; c++)
			if (flags_parse((enum flag_context)c, argv[i], &v, &bad, &badlen) == PARSE_OK) {
				/* Into a buffer too small as well: cut, the text
				 * before the cut, NUL-terminated. */
				flags_format((enum flag_context)c, v, buf, sizeof buf);
				flags_format((enum flag_context)c, v, cut, cutlen);
				if (strlen(cut) >= cutlen || strncmp(cut, buf, strlen(cut)) != 0)
					abort();
			}
		(void)errno_from_name(argv[i]);
	}
	free(line);
}

/* Does glibc's own parser (parse_printf_format) read the same arguments,
 * of the same types, for TRANSLATION as for MSGID?  An independent witness
 * of the check: a long read as an int or a character is invisible to the
 * sanitizers. */
static inline int
fuzz_same_arguments(const char *msgid, const char *translation)
{
	int want[32], got[32];
	size_t nwant, ngot;

	memset(want, 0xff, sizeof want);
	memset(got, 0xff, sizeof got);
	nwant = parse_printf_format(msgid, 32, want);
	ngot = parse_printf_format(translation, 32, got);
	return nwant == ngot && nwant <= 32 && memcmp(want, got, nwant * sizeof want[0]) == 0;
}

/* A hostile catalog entry: the first byte picks one of the program's real
 * formats (the msgid), the rest is the translation a catalog the program
 * did not ship could carry.  The check _() makes either refuses it or the
 * translation is harmless: glibc's parser finds the msgid's argument types
 * in it, and printf with the msgid's own arguments, under
 * AddressSanitizer and UndefinedBehaviorSanitizer, reads and writes
 * nothing it should not. */
static inline void
fuzz_catalog(const uint8_t *data, size_t size)
{
	static const char *const msgids[] = {
		"%s already exists and was left as it is: save --replace %s overwrites it.",
		"Process %ld holds a lock on the key file %s: the server waits until it lets go (Ctrl-C stops waiting).",
		"Removed %s %d, left behind by an earlier session that was killed.",
		"identifier %d = sequence number %d \u00d7 32768 + slot %d",
		"%.*s is %lu bytes, %c%c",
		"Plain text without conversions.",
		"%ld/%ld cycles \u00b7 %.0f per second \u00b7 %.0f s left",
		"key = project id 0x%02lx << 24 | device 0x%02lx << 16 | inode 0x%04lx (of inode %lu)",
		"Step %d.%d (%d of %zu) \u00b7 %s",
		"the tutor's server is running under key 0x%08x, but your program asked %s for key 0x%08x: %s",
	};
	char *t, out[512], *unterminated;
	unsigned pick;

	if (size == 0)
		return;
	pick = data[0] % (sizeof msgids / sizeof msgids[0]);
	t = xstrndup((const char *)data + 1, size - 1);
	/* What "%.*s" prints may not end in a NUL: a translation that read it
	 * up to one would run past the allocation. */
	unterminated = xmalloc(6);
	memcpy(unterminated, "abcdef", 6);
	if (i18n_translation_usable(msgids[pick], t)) {
		if (!fuzz_same_arguments(msgids[pick], t))
			abort();   /* accepted, but printf reads other arguments */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"
		switch (pick) {
		case 0: snprintf(out, sizeof out, t, "/tmp/x", "/tmp/x"); break;
		case 1: snprintf(out, sizeof out, t, 4242L, "/run/k"); break;
		case 2: snprintf(out, sizeof out, t, "queue", 7); break;
		case 3: snprintf(out, sizeof out, t, 32769, 1, 1); break;
		case 4: snprintf(out, sizeof out, t, 6, unterminated, 6UL, 'x', 'y'); break;
		case 6: snprintf(out, sizeof out, t, 10L, 20L, 1.5, 2.5); break;
		case 7: snprintf(out, sizeof out, t, 0x54UL, 0x01UL, 0x0203UL, 515UL); break;
		case 8: snprintf(out, sizeof out, t, 1, 2, 3, (size_t)7, "Restart"); break;
		case 9: snprintf(out, sizeof out, t, 0x54010203U, "msgget", 0x1U, "ENOENT"); break;
		default: snprintf(out, sizeof out, t, "never read"); break;
		}
#pragma GCC diagnostic pop
	}
	free(unterminated);
	free(t);
}

/* save's paths: the input is a path inside a scratch folder (one that
 * would leave it, with "..", is only checked, never written).  The folder
 * holds what an attacker plants: a FIFO, a link to a victim file, a
 * dangling link, a folder.  A path save accepts is written like a
 * transcript (and removed again); whatever the path, the planted names
 * stay as they were and the victim keeps its text. */
static char *fuzz_scratch;

static inline char *
fuzz_in_scratch(const char *name)
{
	return xasprintf("%s/%s", fuzz_scratch, name);
}

/* Remove the scratch folder of fuzz_save (at exit: the fuzzer's
 * and the replay test's). */
static inline void
fuzz_save_done(void)
{
	if (fuzz_scratch != NULL) {
		char *cmd = xasprintf("rm -rf '%s'", fuzz_scratch);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", fuzz_scratch);
		free(cmd);
	}
}

static inline void
fuzz_save(const uint8_t *data, size_t size)
{
	static const char *const planted[] = { "fifo", "link", "dangling", "dir", "victim" };
	static ino_t victim_ino;
	char *input = xstrndup((const char *)data, size), *path, *refusal, text[16] = "";
	struct stat st;
	FILE *f;

	if (fuzz_scratch == NULL) {
		char tmpl[] = "/tmp/ipctutor-fuzz-save.XXXXXX";
		if (mkdtemp(tmpl) == NULL)
			abort();
		fuzz_scratch = xstrdup(tmpl);
		atexit(fuzz_save_done);
		char *p[5];
		for (int i = 0; i < 5; i++)
			p[i] = fuzz_in_scratch(planted[i]);
		if (mkfifo(p[0], 0600) != 0 || symlink(p[4], p[1]) != 0 || symlink("nowhere", p[2]) != 0
		    || mkdir(p[3], 0700) != 0 || (f = fopen(p[4], "w")) == NULL)
			abort();
		fputs("precious", f);
		fclose(f);
		if (stat(p[4], &st) != 0)
			abort();
		victim_ino = st.st_ino;
		for (int i = 0; i < 5; i++)
			free(p[i]);
	}
	path = fuzz_in_scratch(input);
	refusal = transcript_refusal(path);
	if (refusal == NULL && strstr(input, "..") == NULL && (stat(path, &st) != 0 || st.st_ino != victim_ino)
	    && write_file_replace(path, "# transcript\n", 13, 0) == 0)
		unlink(path);   /* keep the folder as it was */
	free(refusal);
	free(path);
	free(input);
	for (int i = 0; i < 5; i++) {
		mode_t want[] = { S_IFIFO, S_IFLNK, S_IFLNK, S_IFDIR, S_IFREG };
		char *p = fuzz_in_scratch(planted[i]);
		if (lstat(p, &st) != 0 || (st.st_mode & S_IFMT) != want[i])
			abort();   /* a planted name was replaced */
		free(p);
	}
	path = fuzz_in_scratch("victim");
	if ((f = fopen(path, "r")) == NULL || fgets(text, sizeof text, f) == NULL || strcmp(text, "precious") != 0)
		abort();   /* written through a link */
	fclose(f);
	free(path);
}


#endif
