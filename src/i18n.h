/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * i18n.h: the one place that says how a sentence reaches the learner in their
 * language.  Every file that prints prose includes this header and wraps each
 * sentence in _() (translated where it is used) or N_() (marked for extraction,
 * translated later, e.g. in a static table).
 */
#ifndef IPCTUTOR_I18N_H
#define IPCTUTOR_I18N_H

#include <libintl.h>

#define _(text) i18n_gettext (text)
#define N_(text) text

/* gettext, but a translation whose printf conversions differ from the
 * msgid's (other types, another count, a %n) is not trusted: the msgid is
 * used instead.  A catalog the program did not ship (LANGUAGE, a copied
 * .mo) must not be able to crash it or write through a %n. */
const char *i18n_gettext(const char *msgid) __attribute__((format_arg(1)));

/* The check i18n_gettext makes: may TRANSLATION be used as a printf format
 * in place of MSGID (printf reads the same arguments as the same types, no
 * %n, nothing the check cannot vouch for)?  1 or 0.  Exposed for the
 * catalog fuzzer and the tests. */
int i18n_translation_usable(const char *msgid, const char *translation);

/* Is CODE a language code: ll or lll, then _CC, then @modifier, each
 * optional but the first (de, zh_CN, sr@latin)?  Only such codes become
 * part of a catalog's path. */
int i18n_valid_code(const char *code);

#define PACKAGE "ipctutor"

/* Set up the locale and the message catalogs from the environment, or
 * for language LANG (e.g. "fr", "zh_CN") when not NULL.  Works without the
 * language's locale installed: the C.UTF-8 locale is used with LANGUAGE
 * pointing at the catalog.  Whatever cannot be honoured is said in one
 * line on standard error; the tutor never falls back to English silently.
 * Output is always UTF-8.  May be called again to switch language.
 * Returns 1, or 0 when LANG's catalog could not be loaded (English then). */
int i18n_init(const char *lang);

/* Make sure LC_CTYPE is a UTF-8 one, as i18n_init left it: text is
 * measured with wcwidth (a Chinese character is two columns), and
 * readline sets LC_CTYPE from the environment again (LC_ALL=C: no
 * widths) for each line it reads. */
void i18n_keep_utf8(void);

/* The sentence refusing LANG when it is not a language code (malloc'd),
 * or NULL when it is one. */
char *i18n_refuse_code(const char *lang);

/* The language whose catalog is in use ("fr"), or "en" for none. */
const char *i18n_language(void);
/* The name of language CODE in that language ("Deutsch" for "de" or
 * "de_AT", "简体中文" for "zh_CN"), or CODE itself when it is not one of
 * the catalogs' languages. */
const char *i18n_language_name(const char *code);
int i18n_is_english(void);

#endif
