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
	/* The check against glibc's printf parser, rule by rule. */
	ok(!i18n_translation_usable("%lu", "%lc"), "a translation %%lc for %%lu is refused (glibc reads a wint_t: wide character)");
	ok(!i18n_translation_usable("%zu", "%zc"), "a translation %%zc for %%zu is refused (z makes %%c wide too)");
	ok(!i18n_translation_usable("%s", "%ls") && !i18n_translation_usable("%s", "%S"),
	   "%%ls and %%S for %%s are refused (a wchar_t string)");
	ok(!i18n_translation_usable("%c", "%C"), "%%C for %%c is refused (a wint_t)");
	ok(!i18n_translation_usable("%u", "%c") && !i18n_translation_usable("%c", "%x"),
	   "%%c and %%u are not interchangeable (a character is not an unsigned number)");
	ok(!i18n_translation_usable("%s", "%s%m"), "%%m is refused");
	ok(!i18n_translation_usable("%d", "%d%n") && !i18n_translation_usable("%d", "%1$n%1$d"), "%%n is refused, numbered or not");
	ok(!i18n_translation_usable("%.2f", "%.2Lf") && !i18n_translation_usable("%.2f", "%llf"),
	   "%%Lf and %%llf for %%f are refused (a long double)");
	ok(i18n_translation_usable("%.2f", "%e") && i18n_translation_usable("%.0f", "%g"), "%%e and %%g for %%f are used (a double)");
	ok(!i18n_translation_usable("%hhd", "%hd") && !i18n_translation_usable("%ld", "%lld") && !i18n_translation_usable("%lld", "%Ld"),
	   "hh, h, l, ll and L are each their own length");
	ok(i18n_translation_usable("%zu", "%zx") && !i18n_translation_usable("%zu", "%lu"), "%%zu stays a size_t: %%zx is used, %%lu is refused");
	ok(!i18n_translation_usable("%.*s", "%*s") && !i18n_translation_usable("%.*s", "%d%s"),
	   "%%*s and %%d%%s for %%.*s are refused (the same int and pointer, but the string read up to a NUL)");
	ok(i18n_translation_usable("%.*s", "%-.*s") && i18n_translation_usable("%d %s", "%*s"),
	   "a * precision for a * precision, a * width for a %%d are used");
	ok(!i18n_translation_usable("%s", "%.20s") && !i18n_translation_usable("%s", "%.s"),
	   "a written precision on %%s is refused (the check cannot vouch for that many bytes)");
	ok(!i18n_translation_usable("%.*s", "%*.*s") && !i18n_translation_usable("%.*s", "%s"),
	   "a * more or a * less than the msgid is refused");
	ok(!i18n_translation_usable("%d %s", "%1$*2$d") && !i18n_translation_usable("%d %d", "%1$.*2$d"),
	   "a numbered * is refused");
	ok(i18n_translation_usable("%d%d%d%d%d%d%d%d%d%s", "%10$s: %9$d %8$d %7$d %6$d %5$d %4$d %3$d %2$d %1$d"),
	   "%%10$ is the tenth argument");
	ok(!i18n_translation_usable("%d", "%33$d") && !i18n_translation_usable("%d", "%0$d")
	   && !i18n_translation_usable("%d", "%99999999999999999999$d"),
	   "%%0$, %%33$ and an overflowing %%N$ are refused");
	ok(i18n_translation_usable("%d %s", "%2$s %1$d %2$s") && !i18n_translation_usable("%d %s", "%1$d %2$s %1$ld"),
	   "an argument may be used twice, always as the same type");
	ok(!i18n_translation_usable("%d %s", "%2$s"), "an argument left out is refused");
	ok(!i18n_translation_usable("%d", "%'d") && !i18n_translation_usable("%d", "%Id"),
	   "the ' and I flags are refused (glibc rewrites the digits after sizing its buffer)");
	ok(i18n_translation_usable("%s %02lx", "%-20s %#08lx"), "the flags - + space # 0 and a width are used");
	ok(!i18n_translation_usable("%s", "%2000000000s") && !i18n_translation_usable("%d", "%.1001d")
	   && i18n_translation_usable("%d", "%.1000d"),
	   "a width or precision over 1000 is refused (gigabytes of padding, not alignment)");
	ok(!i18n_translation_usable("%d", "%5%%d") && !i18n_translation_usable("%d", "%d%"), "%%5%% and a lone %% at the end are refused");
	ok(!i18n_translation_usable("%ls", "%ls"), "the msgid side: a msgid the check cannot read keeps every translation out");
	var_clear_all();
	return tap_done();
}
