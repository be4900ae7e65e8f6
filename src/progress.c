/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * progress.c: reading and writing the progress file (see progress.h).  The
 * format is line-based text a learner can read:
 *     ipctutor-progress 1
 *     position SLUG STEP
 *     lesson SLUG SEEN ASKED CORRECT FINISHED [ANSWERS SECONDS]
 * where ANSWERS is one mark per question (see struct lesson_progress) and
 * SECONDS the time spent in the lesson.
 * Anything else makes the file corrupt: it is set aside, never trusted in
 * part, so a damaged file cannot put the tutor in a strange place.
 *
 * Durability without paying at every step: a change is written over
 * PATH.latest in place (one pwrite, no fsync, no rename: on ext4 a rename
 * over a file costs more than the step itself), ending with a line "end",
 * and made durable in PATH itself (write, fsync, rename; then PATH.latest
 * goes) at the end of a lesson, at quit and at a signal.  Nothing is
 * written before the first prompt.  PATH.latest is read only when it is
 * whole, up to its "end"; after a machine crash it may be empty, torn or
 * gone, and then PATH, as of the last lesson end or quit, counts: the last
 * steps may be lost, never the file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "progress.h"
#include "render.h"
#include "session.h"
#include "util.h"

#define PROGRESS_MAGIC "ipctutor-progress 1"

static struct strbuf on_disk;   /* what PATH holds, durably ("" if unknown) */
static struct strbuf latest;    /* what PATH.latest holds before "end" ("" if none) */
static int latest_fd = -1;      /* PATH.latest, open while it is in use */
static int latest_found;        /* PATH.latest was there at the start */
static int writing;             /* progress_start_writing() was called */

static char *state_why;         /* why progress_state_dir found none */

static char *
latest_path(void)
{
	return xasprintf("%s.latest", session.progress_path);
}

char *
progress_state_dir(void)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *dir;

	if (xdg != NULL && xdg[0] == '/')
		dir = xasprintf("%s/ipctutor", xdg);
	else if (home != NULL && home[0] == '/')
		dir = xasprintf("%s/.local/state/ipctutor", home);
	else {
		free(state_why);
		state_why = xstrdup(_("Progress is not saved: neither XDG_STATE_HOME nor HOME is set."));
		return NULL;
	}
	if (mkdir_parents(dir) != 0) {
		free(state_why);
		state_why = xasprintf(_("Progress is not saved: its folder %s cannot be made (%s)."), dir, strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

const char *
progress_state_why(void)
{
	return state_why;
}

/* Move the progress file out of the way under a name no earlier
 * set-aside file has (progress.corrupt, progress.corrupt.2, ...): what
 * cannot be read is kept for the learner, never overwritten.  Returns the
 * new name (malloc'd) or NULL. */
static char *
set_aside(void)
{
	for (int n = 1; n < 100; n++) {
		char *aside = n == 1 ? xasprintf("%s.corrupt", session.progress_path)
				     : xasprintf("%s.corrupt.%d", session.progress_path, n);
		if (renameat2(AT_FDCWD, session.progress_path, AT_FDCWD, aside, RENAME_NOREPLACE) == 0)
			return aside;
		free(aside);
		if (errno != EEXIST)
			break;
	}
	return NULL;
}

/* Parse the file's text up to a line "end" (required when NEED_END);
 * 0, or the number of the first bad line. */
static int
parse(char *text, char **slug, int *step, int need_end)
{
	char *save = NULL, *line;
	int lineno = 0;

	for (line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char name[64], answers[64] = "";
		int a, b, c, d, n;
		long secs = 0;
		lineno++;
		if (lineno == 1) {
			if (strcmp(line, PROGRESS_MAGIC) != 0)
				return 1;
		} else if (strcmp(line, "end") == 0) {
			return 0;   /* what follows is left from a longer text */
		} else if (sscanf(line, "position %63s %d", name, &a) == 2 && a >= 0 && a < 1000) {
			free(*slug);
			*slug = xstrdup(name);
			*step = a;
		} else if (((n = sscanf(line, "lesson %63s %d %d %d %d %63s %ld", name, &a, &b, &c, &d, answers, &secs)) == 5
			    || (n == 7 && answers[strspn(answers, "-RWS")] == '\0' && secs >= 0))
			   && a >= 0 && b >= 0 && c >= 0 && c <= b && (d == 0 || d == 1)) {
			session.progress = xreallocarray(session.progress, session.nprogress + 1,
							 sizeof *session.progress);
			struct lesson_progress *p = &session.progress[session.nprogress++];
			snprintf(p->slug, sizeof p->slug, "%s", name);
			p->steps_seen = a;
			p->asked = b;
			p->correct = c;
			p->finished = d;
			snprintf(p->answers, sizeof p->answers, "%s", strcmp(answers, "-") == 0 ? "" : answers);
			p->seconds = secs;
		} else {
			return lineno;
		}
	}
	return lineno == 0 || need_end ? lineno + 1 : 0;
}

/* The newer file, PATH.latest, if it is whole; else nothing of it is kept.
 * 0 with SLUG and STEP set, or -1. */
static int
load_latest(char **slug, int *step)
{
	char *path = latest_path();
	struct strbuf sb = STRBUF_INIT;
	int r = -1;

	if (read_file(path, &sb, 1 << 16) == 0) {
		latest_found = 1;
		if (parse(sb.buf, slug, step, 1) == 0) {
			r = 0;
		} else {
			/* Torn by a crash (or being written by another tutor):
			 * the durable file is what counts. */
			free(*slug);
			*slug = NULL;
			*step = 0;
			free(session.progress);
			session.progress = NULL;
			session.nprogress = 0;
		}
	}
	strbuf_free(&sb);
	free(path);
	return r;
}

void
progress_load(char **slug, int *step)
{
	struct strbuf sb = STRBUF_INIT;
	int bad;

	*slug = NULL;
	*step = 0;
	if (session.progress_path == NULL)
		return;
	free(session.progress);
	session.progress = NULL;
	session.nprogress = 0;
	if (load_latest(slug, step) == 0)
		return;
	if (read_file(session.progress_path, &sb, 1 << 16) != 0) {
		int e = errno;
		char *aside;
		if (e == ENOENT) {
			strbuf_free(&sb);
			return;
		}
		aside = set_aside();
		if (aside != NULL) {
			render_error(_("Your progress file could not be read (%s); it was set aside as %s and the tutor starts fresh."),
				     strerror(e), aside);
		} else {
			/* Never write over what could not be read. */
			session.save_progress = 0;
			render_error(_("Your progress file %s could not be read (%s) nor set aside, so it is left as it is and this session's progress is not saved."),
				     session.progress_path, strerror(e));
		}
		free(aside);
		strbuf_free(&sb);
		return;
	}
	strbuf_reset(&on_disk);
	strbuf_addn(&on_disk, sb.buf, sb.len);
	bad = parse(sb.buf, slug, step, 0);
	if (bad != 0) {
		strbuf_reset(&on_disk);
		char *aside;
		free(*slug);
		*slug = NULL;
		*step = 0;
		free(session.progress);
		session.progress = NULL;
		session.nprogress = 0;
		if ((aside = set_aside()) != NULL) {
			render_error(_("Your progress file is damaged (line %d); it was set aside as %s and the tutor starts fresh."),
				     bad, aside);
		} else {
			session.save_progress = 0;
			render_error(_("Your progress file %s is damaged (line %d) and could not be set aside, so it is left as it is and this session's progress is not saved."),
				     session.progress_path, bad);
		}
		free(aside);
	}
	strbuf_free(&sb);
}

/* The file's text for the progress now, into SB. */
static void
format(struct strbuf *sb)
{
	struct lesson *l = session_lesson();

	strbuf_addf(sb, "%s\n", PROGRESS_MAGIC);
	if (l != NULL && session.step >= 0)
		strbuf_addf(sb, "position %s %d\n", l->slug, session.step);
	for (size_t i = 0; i < session.nprogress; i++) {
		const struct lesson_progress *p = &session.progress[i];
		strbuf_addf(sb, "lesson %s %d %d %d %d %s %ld\n", p->slug, p->steps_seen, p->asked, p->correct,
			    p->finished, p->answers[0] != '\0' ? p->answers : "-", p->seconds);
	}
}

static int
same(const struct strbuf *a, const struct strbuf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->buf, b->buf, a->len) == 0);
}

/* Remove PATH.latest, close it, and forget what it held. */
static void
drop_latest(void)
{
	if (session.progress_path != NULL) {
		char *path = latest_path();
		unlink(path);
		free(path);
	}
	if (latest_fd >= 0)
		close(latest_fd);
	latest_fd = -1;
	latest_found = 0;
	strbuf_reset(&latest);
}

/* PATH.latest := TEXT and "end", in place. */
static int
write_latest(const struct strbuf *text)
{
	char *path;
	struct strbuf sb = STRBUF_INIT;
	ssize_t n;

	if (latest_fd < 0) {
		path = latest_path();
		latest_fd = fd_above_stdio(open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600));
		free(path);
		if (latest_fd < 0)
			return -1;
	}
	strbuf_init(&sb);
	strbuf_addn(&sb, text->buf, text->len);
	strbuf_adds(&sb, "end\n");
	n = pwrite(latest_fd, sb.buf, sb.len, 0);
	strbuf_free(&sb);
	if (n < 0 || (size_t)n != text->len + 4) {
		if (n >= 0)
			errno = ENOSPC;
		return -1;
	}
	strbuf_reset(&latest);
	strbuf_addn(&latest, text->buf, text->len);
	latest_found = 0;
	return 0;
}

/* PATH := TEXT, durably; PATH.latest goes. */
static int
write_durable(const struct strbuf *text)
{
	if (!same(text, &on_disk)) {
		if (write_file_atomic(session.progress_path, text->buf, text->len) != 0)
			return -1;
		strbuf_reset(&on_disk);
		strbuf_addn(&on_disk, text->buf, text->len);
	}
	if (latest_fd >= 0 || latest.len > 0 || latest_found)
		drop_latest();
	return 0;
}

/* Write the progress if it changed: durably, or quickly into PATH.latest. */
static void
write_progress(int durable)
{
	static int reported;
	struct strbuf sb = STRBUF_INIT;
	int r;

	if (!session.save_progress || session.progress_path == NULL || !writing)
		return;
	strbuf_init(&sb);
	format(&sb);
	if (durable)
		r = write_durable(&sb);
	else
		r = same(&sb, latest.len > 0 ? &latest : &on_disk) && !latest_found ? 0 : write_latest(&sb);
	if (r != 0 && !reported) {
		reported = 1;
		render_error(_("Your progress could not be saved in %s (%s); the tutor goes on without saving."),
			     session.progress_path, strerror(errno));
	}
	strbuf_free(&sb);
}

void
progress_start_writing(void)
{
	writing = 1;
}

void
progress_save(void)
{
	write_progress(0);
}

void
progress_sync(void)
{
	write_progress(1);
}

void
progress_reset(void)
{
	free(session.progress);
	session.progress = NULL;
	session.nprogress = 0;
	if (session.progress_path != NULL)
		unlink(session.progress_path);
	drop_latest();
	strbuf_reset(&on_disk);
}
