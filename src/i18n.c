/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * i18n.c: choosing the language (see i18n.h).  glibc's gettext reads
 * LANGUAGE only when the LC_MESSAGES locale is not "C"; a learner's machine
 * often has no locale for their language installed at all.  So when the
 * wanted locale cannot be set, the tutor takes C.UTF-8 (always present in
 * glibc 2.35 and later) and names the catalog through LANGUAGE, then checks
 * that a catalog really answered.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

static char language[32] = "en";

/* Is LANG English, which needs no catalog?  "en@pseudo" is not: it is the
 * generated pseudo-language of the tests. */
static int
is_english(const char *lang)
{
	return strcmp(lang, "en") == 0 || strncmp(lang, "en_", 3) == 0;
}

const char *
i18n_language(void)
{
	return language;
}

/* The languages of the catalogs, each named in its own language: the one
 * table of their names. */
static const struct {
	const char *code, *name;
} language_names[] = {
	{ "en", "English" },
	{ "C", "English" },
	{ "de", "Deutsch" },
	{ "fr", "Français" },
	{ "es", "Español" },
	{ "zh_CN", "简体中文" },
};

const char *
i18n_language_name(const char *code)
{
	for (size_t i = 0; i < sizeof language_names / sizeof language_names[0]; i++) {
		size_t n = strlen(language_names[i].code);
		/* "de", "de_AT", "de_DE.UTF-8"; not "en@pseudo" (a test's own). */
		if (strncmp(code, language_names[i].code, n) == 0
		    && (code[n] == '\0' || code[n] == '.' || (code[n] == '_' && n == 2)))
			return language_names[i].name;
	}
	return code;
}

/* The language part of a locale name: "fr_FR.UTF-8" -> "fr_FR". */
static void
language_of(const char *locale, char *buf, size_t len)
{
	snprintf(buf, len, "%s", locale);
	buf[strcspn(buf, ".@")] = '\0';
}

extern int _nl_msg_cat_cntr;   /* glibc: bumped when catalogs change */

/* Try LANG's own locale for messages: "fr" -> fr_FR.UTF-8, "zh_CN" ->
 * zh_CN.UTF-8.  Returns 1 if it could be set. */
static int
set_messages_locale(const char *lang)
{
	char name[64];
	size_t n = strcspn(lang, "_.@");

	if (lang[n] == '_')
		snprintf(name, sizeof name, "%.*s.UTF-8", (int)strcspn(lang, ".@"), lang);
	else if (n == 2)
		snprintf(name, sizeof name, "%.2s_%c%c.UTF-8", lang, toupper((unsigned char)lang[0]),
			 toupper((unsigned char)lang[1]));
	else
		return 0;
	return setlocale(LC_MESSAGES, name) != NULL;
}

/* Did a catalog of our domain answer?  A loaded catalog returns its header
 * for the empty msgid. */
static int
catalog_loaded(void)
{
	static const char empty[] = "";   /* not a literal: xgettext would warn */
	const char *header = gettext(empty);
	return header != NULL && header[0] != '\0';
}

/* The locale the environment asks for messages, or NULL for C/POSIX. */
static const char *
wanted_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v != NULL && v[0] != '\0')
			return strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 || strncmp(v, "C.", 2) == 0 ? NULL : v;
	}
	return NULL;
}

int
i18n_valid_code(const char *code)
{
	size_t n = 0;

	while (code[n] >= 'a' && code[n] <= 'z')
		n++;
	if (n < 2 || n > 3)
		return 0;
	code += n;
	if (code[0] == '_') {
		if (!isupper((unsigned char)code[1]) || !isupper((unsigned char)code[2]) || !(code[1] <= 'Z' && code[2] <= 'Z'))
			return 0;
		code += 3;
	}
	if (code[0] == '@') {
		for (n = 1; isalnum((unsigned char)code[n]) && (unsigned char)code[n] < 0x80; n++)
			;
		if (n == 1 || n > 16)
			return 0;
		code += n;
	}
	return code[0] == '\0';
}

/* Keep only the valid codes of the LANGUAGE list (colon-separated): a
 * "../../x" there would make gettext load a catalog from any folder. */
static void
clean_language_variable(void)
{
	const char *v = getenv("LANGUAGE");
	struct strbuf sb = STRBUF_INIT;
	char *copy, *item, *save = NULL;

	if (v == NULL)
		return;
	copy = xstrdup(v);
	strbuf_init(&sb);
	for (item = strtok_r(copy, ":", &save); item != NULL; item = strtok_r(NULL, ":", &save))
		if (i18n_valid_code(item) || strcmp(item, "C") == 0)
			strbuf_addf(&sb, "%s%s", sb.len > 0 ? ":" : "", item);
	if (strcmp(sb.buf, v) != 0) {
		if (sb.len > 0)
			setenv("LANGUAGE", sb.buf, 1);
		else
			unsetenv("LANGUAGE");
	}
	free(copy);
	strbuf_free(&sb);
}

/* The check a translation passes before it is used as a printf format.
 * It reads formats as glibc's printf does (stdio-common/printf-parsemb.c:
 * %, an optional N$, flags, a width, a precision, one length modifier, the
 * conversion letter) and accepts only what it can vouch for; whatever else
 * makes the format "too odd to trust", and the msgid is used instead. */

/* The length modifiers, by code (0: none).  "%ljd" or "%hld" are read by
 * printf otherwise than one modifier would be: refused. */
static const char *const lengths[] = { "", "hh", "h", "l", "ll", "L", "q", "j", "z", "t" };
#define NLENGTHS (sizeof lengths / sizeof lengths[0])

/* The conversion letters, grouped by the argument they read.  Within a
 * group the same length modifier reads the same type.  %c, %s and %p take
 * no modifier: glibc reads %lc, %zc, %llc as a wint_t and %ls, %zs as a
 * wchar_t string, so "%lc" for "%lu" would take a long as a character.
 * %n (writes), %m (errno), %C, %S (wide) and anything unknown: refused. */
static const char *const kinds[] = { "di", "uoxX", "eEfFgGaA", "c", "s", "p" };
#define NKINDS (sizeof kinds / sizeof kinds[0])
#define KIND_TAKES_LENGTH(kind) ((kind) < 3)
#define KIND_STRING 4   /* kinds[4]: "s" */

/* A width or precision written as digits is at most this: "%2000000000s"
 * reads the right argument but makes printf write 2 GB of spaces. */
#define FIELD_MAX 1000

/* What an argument is read as: its kind and length modifier, never 0.
 * A string's "length" says whether a '*' precision bounds it: "%.*s"
 * prints a buffer that need not end in a NUL, and "%*s" or "%d%s" in its
 * place take the same int and the same pointer but read the buffer up to
 * a NUL that may not be there.  So a '*' precision is an argument of its
 * own kind, not an int like a '*' width or a %d. */
#define SLOT(kind, length) ((char)(1 + (int)(kind) * (int)NLENGTHS + (int)(length)))
#define SLOT_INT SLOT(0, 0)           /* a '*' width, the int of %d */
#define SLOT_PRECISION SLOT(NKINDS, 0)   /* a '*' precision */
#define BOUNDED 1                     /* a string's '*' precision */

/* One conversion, as read_conversion() finds it. */
struct conversion {
	int numbered;      /* it names its argument: %N$ */
	size_t arg;        /* that argument, 0-based, when numbered */
	int nstars;        /* '*' width and precision: arguments before its own */
	char stars[2];     /* their slots, in order */
	char slot;         /* what its own argument is read as */
};

/* Skip the digits at *P, a width or precision; -1 when they say more than
 * FIELD_MAX. */
static int
skip_field(const char **p)
{
	unsigned long v = 0;

	for (; isdigit((unsigned char)**p); (*p)++) {
		v = v * 10 + (unsigned long)(**p - '0');
		if (v > FIELD_MAX)
			return -1;
	}
	return 0;
}

/* Read the conversion whose '%' is just before P (not "%%") into *C.
 * Returns the text after its letter, or NULL for a conversion the check
 * does not trust.  Of the flags, only - + space # 0: ' (grouping) and I
 * (the locale's digits) read no other argument, but they make glibc
 * rewrite the digits after it sized its buffer, where glibc 2.37
 * overflowed (CVE-2023-25139), and no translation of ours needs them.
 * A numbered conversion with a '*' is refused: glibc takes an unnumbered
 * '*' from its own count, from the first argument again. */
static const char *
read_conversion(const char *p, struct conversion *c)
{
	size_t length = 0, kind = 0, l = 0;
	char mod[3] = "";
	int written_precision = 0;   /* ".20", not ".*" */

	memset(c, 0, sizeof *c);
	if (isdigit((unsigned char)*p)) {   /* %N$, or a width */
		char *end;
		unsigned long pos = strtoul(p, &end, 10);
		if (*end == '$') {
			if (pos == 0 || pos > 32)
				return NULL;
			c->numbered = 1;
			c->arg = pos - 1;
			p = end + 1;
		}
	}
	p += strspn(p, "-+ #0");
	if (*p == '*') {
		c->stars[c->nstars++] = SLOT_INT;
		p++;
	} else if (skip_field(&p) != 0) {
		return NULL;
	}
	if (*p == '.') {
		p++;
		if (*p == '*') {
			c->stars[c->nstars++] = SLOT_PRECISION;
			p++;
		} else if (skip_field(&p) != 0) {
			return NULL;
		} else {
			written_precision = 1;
		}
	}
	if (c->numbered && c->nstars > 0)
		return NULL;
	while (*p != '\0' && strchr("hlLqjzt", *p) != NULL && l < 2)
		mod[l++] = *p++;
	while (length < NLENGTHS && strcmp(mod, lengths[length]) != 0)
		length++;
	while (kind < NKINDS && (*p == '\0' || strchr(kinds[kind], *p) == NULL))
		kind++;
	if (length == NLENGTHS || kind == NKINDS || (length != 0 && !KIND_TAKES_LENGTH(kind)))
		return NULL;
	if (kind == KIND_STRING && written_precision)
		return NULL;   /* "%.20s": the check cannot vouch for 20 bytes */
	if (kind == KIND_STRING && c->nstars > 0 && c->stars[c->nstars - 1] == SLOT_PRECISION)
		length = BOUNDED;
	c->slot = SLOT(kind, length);
	return p + 1;
}

/* What the printf conversions of FMT read, one slot per argument in
 * argument order ('*' widths and precisions included), into OUT (LEN
 * bytes, NUL-terminated).  Returns 0, or -1 for a format the check does
 * not trust.  A format numbers all its conversions (%2$s) or none: glibc
 * gives the unnumbered ones of a mixed format their own count from the
 * first argument ("%1$ld%s" reads the long as the string), and msgfmt
 * --check refuses the mix too.  Every argument up to the last one used
 * is used, each always as the same type. */
static int
conversions(const char *fmt, char *out, size_t len)
{
	char slots[32];
	size_t nslots = 0, next = 0;
	enum { UNDECIDED, UNNUMBERED, NUMBERED } style = UNDECIDED;

	memset(slots, 0, sizeof slots);
	for (const char *p = fmt; (p = strchr(p, '%')) != NULL;) {
		struct conversion c;

		if (p[1] == '%') {
			p += 2;
			continue;
		}
		if ((p = read_conversion(p + 1, &c)) == NULL)
			return -1;
		if (style == UNDECIDED)
			style = c.numbered ? NUMBERED : UNNUMBERED;
		else if ((style == NUMBERED) != c.numbered)
			return -1;
		if (!c.numbered) {
			if (next + (size_t)c.nstars >= sizeof slots)
				return -1;
			for (int i = 0; i < c.nstars; i++)
				slots[next++] = c.stars[i];
			c.arg = next;
		}
		if (slots[c.arg] != 0 && slots[c.arg] != c.slot)
			return -1;   /* one argument read as two types */
		slots[c.arg] = c.slot;
		next = c.arg + 1;
		nslots = next > nslots ? next : nslots;
	}
	if (nslots >= len)
		return -1;
	for (size_t i = 0; i < nslots; i++)
		if (slots[i] == 0)
			return -1;   /* an argument skipped */
	memcpy(out, slots, nslots);
	out[nslots] = '\0';
	return 0;
}

int
i18n_translation_usable(const char *msgid, const char *translation)
{
	char want[40], got[40];

	if (strchr(msgid, '%') == NULL && strchr(translation, '%') == NULL)
		return 1;
	return conversions(translation, got, sizeof got) == 0 && conversions(msgid, want, sizeof want) == 0
	       && strcmp(got, want) == 0;
}

const char *
i18n_gettext(const char *msgid)
{
	const char *t = gettext(msgid);

	if (t == msgid || !i18n_translation_usable(msgid, t))
		return msgid;
	return t;
}

char *
i18n_refuse_code(const char *lang)
{
	if (i18n_valid_code(lang))
		return NULL;
	char *shown = text_escaped(lang, 0);
	char *text = xasprintf(_("\"%s\" is not a language code: give one such as de, fr, es or zh_CN."), shown);
	free(shown);
	return text;
}

void
i18n_keep_utf8(void)
{
	/* The lessons are UTF-8 and are measured as such for wrapping. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

int
i18n_init(const char *lang)
{
	const char *dir = getenv("IPCTUTOR_LOCALEDIR");
	const char *wanted = wanted_locale();
	int locale_ok = setlocale(LC_ALL, "") != NULL;

	char *here = exe_dir(), *beside = NULL;

	/* Uninstalled (build/ipctutor): the catalogs are in build/locale. */
	if ((dir == NULL || dir[0] == '\0') && here != NULL) {
		beside = xasprintf("%s/locale", here);
		if (access(beside, R_OK) == 0)
			dir = beside;
	}
	clean_language_variable();
	bindtextdomain(PACKAGE, dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR);
	free(here);
	free(beside);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);

	if (lang != NULL) {
		/* An explicit choice wins over the environment.  Its own locale
		 * is used if installed; C.UTF-8 with LANGUAGE does as well for
		 * our messages and for the C library's strerror texts. */
		setenv("LANGUAGE", lang, 1);
		if (!set_messages_locale(lang))
			setlocale(LC_MESSAGES, "C.UTF-8");
		snprintf(language, sizeof language, "%s", lang);
		/* gettext caches translations: tell it the language changed. */
		++_nl_msg_cat_cntr;
	} else if (!locale_ok && wanted != NULL) {
		char base[32];
		language_of(wanted, base, sizeof base);
		setlocale(LC_ALL, "C.UTF-8");
		const char *languages = getenv("LANGUAGE");
		if (languages == NULL || languages[0] == '\0')
			setenv("LANGUAGE", base, 1);
		snprintf(language, sizeof language, "%s", base);
		if (!is_english(base) && catalog_loaded())
			fprintf(stderr, _("ipctutor: the locale %s is not installed; using C.UTF-8 with the %s messages.\n"),
				wanted, base);
	} else if (wanted != NULL) {
		language_of(setlocale(LC_MESSAGES, NULL), language, sizeof language);
	}
	i18n_keep_utf8();
	if (!is_english(language) && strcmp(language, "C") != 0 && !catalog_loaded()) {
		/* English throughout: the C library's messages (strerror) too. */
		unsetenv("LANGUAGE");
		setlocale(LC_MESSAGES, "C.UTF-8");
		++_nl_msg_cat_cntr;
		if (lang == NULL)
			fprintf(stderr, _("ipctutor: no %s translation is installed; continuing in English.\n"), language);
		snprintf(language, sizeof language, "en");
		return 0;
	}
	return 1;
}

int
i18n_is_english(void)
{
	return is_english(language) || strcmp(language, "C") == 0;
}
