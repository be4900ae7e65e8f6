/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * test-fuzz-replay.c: every input of the fuzzers' committed corpora and
 * every crash ever found (tests/fuzz/crashes/lesson-*, command-*) goes
 * through the same harness as under libFuzzer, in the ordinary build (and
 * under ASan in check-asan), so a fixed crash can never come back.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>

#include "../fuzz/harness.h"
#include "tap.h"

/* Feed every file of DIR whose name starts with PREFIX to FN. */
static int
replay(const char *dir, const char *prefix, void (*fn)(const uint8_t *, size_t))
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		struct strbuf sb = STRBUF_INIT;
		char *path;
		if (e->d_name[0] == '.' || strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		if (read_file(path, &sb, 1 << 20) == 0) {
			fn((const uint8_t *)sb.buf, sb.len);
			n++;
		}
		strbuf_free(&sb);
		free(path);
	}
	closedir(d);
	return n;
}

int
main(void)
{
	const char *srcdir = getenv("srcdir") ? getenv("srcdir") : ".";
	char *dir;
	int n;

	dir = xasprintf("%s/tests/fuzz/corpus/lesson", srcdir);
	n = replay(dir, "", fuzz_lesson);
	ok(n > 0, "the lesson corpus replays without a crash (%d inputs)", n);
	free(dir);
	dir = xasprintf("%s/tests/fuzz/corpus/command", srcdir);
	n = replay(dir, "", fuzz_command);
	ok(n > 0, "the command corpus replays without a crash (%d inputs)", n);
	free(dir);
	dir = xasprintf("%s/tests/fuzz/corpus/catalog", srcdir);
	n = replay(dir, "", fuzz_catalog);
	ok(n > 0, "the catalog corpus replays: hostile translations refused or harmless (%d inputs)", n);
	free(dir);
	dir = xasprintf("%s/tests/fuzz/corpus/save", srcdir);
	n = replay(dir, "", fuzz_save);
	ok(n > 0, "the save-path corpus replays: no planted name replaced, nothing written through a link (%d inputs)", n);
	free(dir);
	dir = xasprintf("%s/tests/fuzz/crashes", srcdir);
	n = replay(dir, "lesson-", fuzz_lesson) + replay(dir, "command-", fuzz_command)
	    + replay(dir, "catalog-", fuzz_catalog) + replay(dir, "save-", fuzz_save);
	ok(n > 0, "every crash input found so far replays without a crash (%d inputs)", n);
	free(dir);
	/* The check _() makes, on the catalog fuzzer's first find. */
	ok(!i18n_translation_usable("%ld %s", "%ljd%s"), "a translation %%ljd%%s for %%ld %%s is refused (two length modifiers)");
	ok(!i18n_translation_usable("%d", "%hld"), "a translation %%hld for %%d is refused");
	ok(i18n_translation_usable("%ld %s", "%2$s %1$ld"), "a translation that reorders %%ld and %%s is used");
	ok(!i18n_translation_usable("%d", "%ld"), "a translation %%ld for %%d is refused");
	/* The second find: numbered and unnumbered conversions mixed. */
	ok(!i18n_translation_usable("%ld %s", "%1$ld%s"), "a translation %%1$ld%%s for %%ld %%s is refused (glibc reads the long as the string)");
	ok(!i18n_translation_usable("%s %d", "%2$d%1$s%d"), "a translation %%2$d%%1$s%%d for %%s %%d is refused (numbered and unnumbered mixed)");
	ok(!i18n_translation_usable("%.*s", "%1$.*s"), "a numbered conversion with an unnumbered * precision is refused");
	ok(i18n_translation_usable("%s %d", "%2$d %1$s"), "a fully numbered translation is still used");
	var_clear_all();
	return tap_done();
}
