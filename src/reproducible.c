/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * reproducible.c: the table of volatile values and their stable names (see
 * reproducible.h).
 * The table is small (a handful of pids, keys and addresses per session), so
 * a linear scan per token is the simplest thing that is fast enough.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reproducible.h"
#include "util.h"

struct stable_name {
	char *real;
	char *mask;
};

static struct stable_name *entries;
static size_t nentries;
static int enabled;   /* reproducible output was asked for */

void
repro_enable(int on)
{
	enabled = on;
}

void
repro_add(const char *real, const char *name)
{
	if (!enabled || real[0] == '\0')
		return;
	for (size_t i = 0; i < nentries; i++)
		if (strcmp(entries[i].real, real) == 0) {
			free(entries[i].mask);
			entries[i].mask = xstrdup(name);
			return;
		}
	entries = xreallocarray(entries, nentries + 1, sizeof *entries);
	entries[nentries].real = xstrdup(real);
	entries[nentries].mask = xstrdup(name);
	nentries++;
}

static int
is_token_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Does entry E match IN at position I?  A value made of token characters
 * (a number, a key) must stand alone; another (a path) matches anywhere. */
static int
entry_matches(const struct stable_name *e, const char *in, size_t i, size_t n)
{
	size_t len = strlen(e->real);
	int token = 1;

	if (len > n - i || memcmp(in + i, e->real, len) != 0)
		return 0;
	for (size_t k = 0; k < len; k++)
		if (!is_token_char(e->real[k]))
			token = 0;
	if (!token)
		return 1;
	return (i == 0 || !is_token_char(in[i - 1])) && (i + len == n || !is_token_char(in[i + len]));
}

void
repro_text(const char *in, struct strbuf *out)
{
	size_t i = 0, n = strlen(in);

	if (nentries == 0) {
		strbuf_adds(out, in);
		return;
	}
	while (i < n) {
		const struct stable_name *hit = NULL;

		if (i == 0 || !is_token_char(in[i - 1]) || !is_token_char(in[i]))
			for (size_t k = 0; k < nentries && hit == NULL; k++)
				if (entry_matches(&entries[k], in, i, n))
					hit = &entries[k];
		if (hit != NULL) {
			strbuf_adds(out, hit->mask);
			i += strlen(hit->real);
		} else {
			strbuf_addc(out, in[i++]);
		}
	}
}

int
repro_known(const char *real)
{
	for (size_t i = 0; i < nentries; i++)
		if (strcmp(entries[i].real, real) == 0)
			return 1;
	return 0;
}

const char *
repro_pid(pid_t pid, const char *role)
{
	static struct { char role[16]; int count; } roles[8];
	static char buf[32];
	char real[24];
	size_t r;

	for (r = 0; r < 8 && roles[r].role[0] != '\0' && strcmp(roles[r].role, role) != 0; r++)
		;
	if (r == 8)
		r = 7;
	if (roles[r].role[0] == '\0')
		snprintf(roles[r].role, sizeof roles[r].role, "%s", role);
	roles[r].count++;
	snprintf(buf, sizeof buf, "%s#%d", role, roles[r].count);
	snprintf(real, sizeof real, "%ld", (long)pid);
	repro_add(real, buf);
	return buf;
}

const char *
repro_uid(uid_t uid)
{
	static char buf[24];

	if (enabled && uid == geteuid())
		return "$UID";
	snprintf(buf, sizeof buf, "%lu", (unsigned long)uid);
	return buf;
}

void
repro_own_uid(void)
{
	char real[32];

	/* With its comma, so that "cuid=1000" does not match "cuid=10001". */
	snprintf(real, sizeof real, "cuid=%lu,", (unsigned long)geteuid());
	repro_add(real, "cuid=$UID,");
}

void
repro_text_into(const char *in, char *out, size_t len)
{
	struct strbuf masked = STRBUF_INIT;

	strbuf_init(&masked);
	repro_text(in, &masked);
	snprintf(out, len, "%s", masked.buf);
	strbuf_free(&masked);
}
