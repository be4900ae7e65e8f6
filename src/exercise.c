/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * exercise.c: the exercise catalogue and its commands (see exercise.h).
 * Exercises are found like lessons: $IPCTUTOR_EXERCISES, the installed
 * folder, or exercises/ beside the uninstalled program.  The learner's
 * copy goes to ./ipctutor-exercises/NN-slug.c, never over an existing
 * file.  "check N --watch" waits on inotify for the file to be saved (an
 * editor may write it in place or rename a new file over it, so the
 * folder is watched).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checker.h"
#include "code.h"
#include "exercise.h"
#include "i18n.h"
#include "lesson.h"
#include "play.h"
#include "progress.h"
#include "render.h"
#include "scenarios.h"
#include "tracecmd.h"
#include "util.h"

#ifndef EXERCISEDIR
#define EXERCISEDIR "/usr/local/share/ipctutor/exercises"
#endif

/* What the learner types before a command where they are: "ipctutor " at
 * a shell (exercise_main runs the subcommands), nothing at the tutor's
 * prompt. */
static const char *typed_prefix = "";

/* The command VERB NUMBER as the learner types it where they are
 * ("check 1" at the prompt, "ipctutor check 1" at a shell); NUMBER < 0:
 * VERB alone.  Free it. */
static char *
typed(const char *verb, int number)
{
	return number < 0 ? xasprintf("%s%s", typed_prefix, verb) : xasprintf("%s%s %d", typed_prefix, verb, number);
}

/* The one placeholder of the exercise texts: {ipctutor} before a command
 * (`{ipctutor}check 2`) is what the learner types before it where they
 * are. */
static const char *
typed_placeholder(const char *name, size_t len)
{
	return len == strlen(PACKAGE) && strncmp(name, PACKAGE, len) == 0 ? typed_prefix : NULL;
}

#define MAX_EXERCISES 32
#define ATTEMPTS_FOR_SOLUTION 3
#define WORK_DIR "ipctutor-exercises"

struct exercise {
	int number;
	char name[64];      /* "01-lookup-client" */
	const char *slug;   /* "lookup-client", inside name */
	char status[8];     /* new, tried, done */
	int attempts, hints;
};

static struct exercise list[MAX_EXERCISES];
static size_t count;
static char *folder;

/* ---- where they are ------------------------------------------------- */

/* PATH without "..", "." or symbolic links where it exists (the paths
 * shown to the learner read as paths); PATH itself otherwise.  Frees PATH
 * when it returns another string. */
static char *
normalised(char *path)
{
	char *real = realpath(path, NULL);

	if (real == NULL)
		return path;
	free(path);
	return real;
}

/* The folder of the exercises: $IPCTUTOR_EXERCISES, the installed one,
 * or the one beside the uninstalled program. */
static char *
exercise_folder(void)
{
	const char *env = getenv("IPCTUTOR_EXERCISES");
	char *here, *beside;

	if (env != NULL && env[0] != '\0')
		return normalised(xstrdup(env));
	if (access(EXERCISEDIR, R_OK) == 0 || (here = exe_dir()) == NULL)
		return xstrdup(EXERCISEDIR);
	beside = xasprintf("%s/../exercises", here);
	free(here);
	if (access(beside, R_OK) == 0)
		return normalised(beside);
	free(beside);
	return xstrdup(EXERCISEDIR);
}

static int
by_number(const void *a, const void *b)
{
	const struct exercise *x = a, *y = b;

	return (x->number > y->number) - (x->number < y->number);
}

static char *
progress_file(void)
{
	char *dir = progress_state_dir(), *path;

	if (dir == NULL)
		return NULL;
	path = xasprintf("%s/exercises", dir);
	free(dir);
	return path;
}

/* Read "NAME STATUS ATTEMPTS HINTS" lines into the list. */
static void
load_progress(void)
{
	char *path = progress_file();
	FILE *f = path ? fopen(path, "re") : NULL;
	char name[64], status[8];
	int attempts, hints;

	while (f != NULL && fscanf(f, "%63s %7s %d %d", name, status, &attempts, &hints) == 4)
		for (size_t i = 0; i < count; i++)
			if (strcmp(list[i].name, name) == 0 &&
			    (strcmp(status, "new") == 0 || strcmp(status, "tried") == 0 || strcmp(status, "done") == 0)) {
				snprintf(list[i].status, sizeof list[i].status, "%s", status);
				list[i].attempts = attempts < 0 ? 0 : attempts;
				list[i].hints = hints < 0 ? 0 : hints;
			}
	if (f != NULL)
		fclose(f);
	free(path);
}

/* Write the progress file atomically (a new file renamed over the old). */
static void
save_progress(void)
{
	char *path = progress_file(), *tmp;
	FILE *f;
	int fd;

	if (path == NULL)
		return;
	tmp = xasprintf("%s.XXXXXX", path);
	fd = mkstemp(tmp);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	for (size_t i = 0; f != NULL && i < count; i++)
		if (strcmp(list[i].status, "new") != 0 || list[i].hints > 0)
			fprintf(f, "%s %s %d %d\n", list[i].name, list[i].status, list[i].attempts, list[i].hints);
	if (f == NULL || fflush(f) != 0 || fsync(fd) != 0 || fclose(f) != 0 || rename(tmp, path) != 0) {
		render_error(_("Your exercise progress could not be saved in %s: %s."), path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	free(path);
}

/* Find the exercises (once): folders NN-slug holding start.c. */
static void
load(void)
{
	DIR *d;
	struct dirent *e;

	if (folder != NULL)
		return;
	folder = exercise_folder();
	d = opendir(folder);
	while (d != NULL && (e = readdir(d)) != NULL && count < MAX_EXERCISES) {
		const char *n = e->d_name;
		size_t len = strlen(n);
		if (!(n[0] >= '0' && n[0] <= '9' && n[1] >= '0' && n[1] <= '9' && n[2] == '-'))
			continue;
		char *start = xasprintf("%s/%s/start.c", folder, n);
		int usable = access(start, R_OK) == 0;
		free(start);
		if (!usable)
			continue;
		/* The name is kept whole or not at all: a cut name would be
		 * another exercise's, in the list and in the progress file. */
		struct exercise *x = &list[count];
		if (len >= sizeof x->name) {
			char *shown = text_escaped(n, 0);
			render_error(_("The exercise folder %s/%s is left out: its name is longer than %d bytes."),
				     folder, shown, (int)sizeof x->name - 1);
			free(shown);
			continue;
		}
		memcpy(x->name, n, len + 1);
		x->slug = x->name + 3;
		x->number = (n[0] - '0') * 10 + (n[1] - '0');
		snprintf(x->status, sizeof x->status, "new");
		count++;
	}
	if (d != NULL)
		closedir(d);
	qsort(list, count, sizeof list[0], by_number);
	load_progress();
}

/* The exercise named by TEXT (its number or slug), or NULL after one
 * sentence. */
static struct exercise *
find(const char *text)
{
	load();
	for (size_t i = 0; text != NULL && i < count; i++)
		if (strtol(text, NULL, 10) == list[i].number || strcmp(text, list[i].slug) == 0)
			return &list[i];
	char *list_command = typed("exercises", -1);
	if (count == 0)
		render_error(_("No exercises were found in %s."), folder);
	/* TRANSLATORS: the last %s is a command: "exercises" or "ipctutor exercises". */
	else if (text == NULL)
		render_error(_("Which exercise? Give its number, from 1 to %d (%s lists them)."), list[count - 1].number,
			     list_command);
	/* TRANSLATORS: the last %s is a command: "exercises" or "ipctutor exercises". */
	else
		render_error(_("There is no exercise \"%s\": %s lists them."), text, list_command);
	free(list_command);
	return NULL;
}

static struct lesson *
load_text(const struct exercise *x)
{
	char *path = xasprintf("%s/%s/README.md", folder, x->name), err[512];
	struct lesson *l = lesson_load(path, err, sizeof err);

	if (l == NULL)
		render_error("%s", err);
	free(path);
	return l;
}

/* ---- the commands --------------------------------------------------- */

static int
cmd_list(void)
{
	load();
	if (count == 0) {
		render_error(_("No exercises were found in %s."), folder);
		return 1;
	}
	/* The heading and each exercise wrap like prose, a title's further
	 * lines under its first word, the state as wide as its widest
	 * translation. */
	char *heading = xstrdup(_("Exercises (exercise N starts one, check N grades it):\n"));
	heading[strcspn(heading, "\n")] = '\0';
	render_paragraph(heading, NULL, 0, NULL);
	free(heading);
	const char *states[] = { _("done"), _("tried"), _("new") };
	int state_width = 0;
	for (size_t s = 0; s < sizeof states / sizeof states[0]; s++)
		if (display_width(states[s], strlen(states[s])) > state_width)
			state_width = display_width(states[s], strlen(states[s]));
	for (size_t i = 0; i < count; i++) {
		struct lesson *l = load_text(&list[i]);
		const char *state = strcmp(list[i].status, "done") == 0 ? states[0]
				    : strcmp(list[i].status, "tried") == 0 ? states[1] : states[2];
		char *first = xasprintf("  %2d  %s%*s ", list[i].number, state,
					state_width - display_width(state, strlen(state)), "");
		render_paragraph(l != NULL ? prose_translate(&l->title) : list[i].slug, NULL, 0, first);
		free(first);
		lesson_free(l);
	}
	return 0;
}

/* One line of a C excerpt, its comments in the learner's language. */
static void
show_code_line(const char *line, void *arg)
{
	(void)arg;
	render_verbatim(line);
}

static void
show_text(const struct lesson *l)
{
	render_heading(prose_translate(&l->title), "=");
	out("\n");
	for (size_t s = 0; s <= l->nsteps; s++) {
		const struct block *blocks = s == 0 ? l->intro : l->steps[s - 1].blocks;
		size_t n = s == 0 ? l->nintro : l->steps[s - 1].nblocks;
		if (s > 0) {
			render_heading(prose_translate(&l->steps[s - 1].title), "-");
			out("\n");
		}
		for (size_t i = 0; i < n; i++) {
			const struct block *b = &blocks[i];
			if (b->type == BLOCK_PARAGRAPH) {
				render_paragraph(prose_translate(&b->prose), typed_placeholder, 0, NULL);
				out("\n");
			} else if (b->type == BLOCK_ITEM) {
				render_paragraph(prose_translate(&b->prose), typed_placeholder, 2, "- ");
				if (i + 1 == n || blocks[i + 1].type != BLOCK_ITEM)
					out("\n");
			} else if (b->type == BLOCK_CODE) {
				code_lines(b, show_code_line, NULL);
				out("\n");
			}
		}
	}
}

/* Copy FROM to the new file TO (O_EXCL: never over a learner's file). */
static int
copy_new(const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	int fd, r = -1;

	if (read_file(from, &sb, 1 << 20) != 0)
		return -1;
	fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd >= 0) {
		r = write(fd, sb.buf, sb.len) == (ssize_t)sb.len ? 0 : -1;
		if (close(fd) != 0)
			r = -1;
	}
	strbuf_free(&sb);
	return r;
}

static char *
learner_file(const struct exercise *x)
{
	return xasprintf("%s/%s.c", WORK_DIR, x->name);
}

static int
cmd_exercise(const char *which)
{
	struct exercise *x = find(which);
	struct lesson *l;
	char *from, *to;
	int status = 0;

	if (x == NULL || (l = load_text(x)) == NULL)
		return 1;
	show_text(l);
	lesson_free(l);
	from = xasprintf("%s/%s/start.c", folder, x->name);
	to = learner_file(x);
	char *again = typed("exercise", x->number), *check = typed("check", x->number);
	if (mkdir(WORK_DIR, 0755) != 0 && errno != EEXIST) {
		/* TRANSLATORS: the last %s is a command: "exercise 1" or "ipctutor exercise 1". */
		render_error(_("Cannot make the folder %s: %s. Change to a folder you can write (cd ~ for your home) and type %s again."),
			     WORK_DIR, strerror(errno), again);
		status = 1;
	} else if (copy_new(from, to) == 0) {
		/* TRANSLATORS: the last %s is a command: "check 1" or "ipctutor check 1". */
		char *text = xasprintf(_("Your starting file is %s: open it in your editor, do the TODOs, then type %s."), to, check);
		render_paragraph(text, NULL, 0, "▸ ");
		free(text);
	} else if (errno == EEXIST) {
		/* TRANSLATORS: the last %s is a command: "check 1" or "ipctutor check 1". */
		char *text = xasprintf(_("Your file %s is already there and is left as it is. %s grades it."), to, check);
		render_paragraph(text, NULL, 0, "▸ ");
		free(text);
	} else {
		render_error(_("Cannot copy the starting file to %s: %s."), to, strerror(errno));
		status = 1;
	}
	free(again);
	free(check);
	free(from);
	free(to);
	return status;
}

static int
check_once(struct exercise *x, const char *file)
{
	int r = checker_check(x->number, file, scenario_run, typed_prefix);

	if (r == 2)
		return r;
	x->attempts++;
	if (r == 0)
		snprintf(x->status, sizeof x->status, "done");
	else if (strcmp(x->status, "done") != 0)
		snprintf(x->status, sizeof x->status, "tried");
	save_progress();
	return r;
}

/* Is the standard output gone (the reader of its pipe went away, the
 * terminal hung up, or the write of the last check failed)? */
static int
output_gone(void)
{
	struct pollfd p = { STDOUT_FILENO, 0, 0 };

	return out_error() != 0 || (poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP | POLLNVAL)));
}

/* Wait for the next save of BASE in the folder inotify FD watches: 1; or
 * 0 when watching must end (the folder was deleted or moved, or the
 * output is gone), said in one sentence. */
static int
next_save(int fd, const char *dir, const char *base)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));

	for (;;) {
		struct pollfd p[2] = { { fd, POLLIN, 0 }, { STDOUT_FILENO, 0, 0 } };
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			return 0;
		if (output_gone()) {
			/* Nobody reads the output: say so where someone may. */
			fprintf(stderr, _("%s: the output of check --watch is gone, so it stops watching.\n"), PACKAGE);
			return 0;
		}
		if (!(p[0].revents & POLLIN))
			continue;
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		int changed = 0;
		for (char *q = buf; q < buf + n;) {
			struct inotify_event *ev = (struct inotify_event *)(void *)q;
			if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
				char *text = xasprintf(_("The folder %s was deleted or moved, so check --watch stops watching."), dir);
				render_paragraph(text, NULL, 0, "▸ ");
				free(text);
				out_flush();
				return 0;
			}
			if (ev->len > 0 && strcmp(ev->name, base) == 0)
				changed = 1;
			q += sizeof *ev + ev->len;
		}
		if (changed)
			return 1;
	}
}

/* check N --watch: check now, then at every save of FILE, until Ctrl-C,
 * the folder of FILE goes, or nobody reads the output. */
static int
watch(struct exercise *x, const char *file)
{
	char *copy = xstrdup(file), *slash = strrchr(copy, '/');
	const char *dir = slash ? (slash == copy ? "/" : copy) : ".", *base = slash ? slash + 1 : copy;
	int fd = inotify_init1(IN_CLOEXEC), r;

	if (slash != NULL && slash != copy)
		*slash = '\0';
	if (fd < 0 || inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF) < 0) {
		render_error(_("Cannot watch %s: %s."), file, strerror(errno));
		free(copy);
		return 2;
	}
	do {
		r = check_once(x, file);
		render_paragraph(_("Watching for the next save (Ctrl-C stops)."), NULL, 0, "▸ ");
		out_flush();
	} while (next_save(fd, dir, base));
	free(copy);
	close(fd);
	return r;
}

static int
cmd_check(int argc, char **argv)
{
	struct exercise *x;
	const char *file = NULL, *which = NULL;
	char *own = NULL;
	int watching = 0, r;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--watch") == 0)
			watching = 1;
		else if (which == NULL)
			which = argv[i];
		else if (file == NULL)
			file = argv[i];
		else {
			render_error(_("check takes an exercise number, a file and --watch, nothing more."));
			return 1;
		}
	}
	if ((x = find(which)) == NULL)
		return 1;
	if (file == NULL)
		file = own = learner_file(x);
	if (access(file, R_OK) != 0 && own != NULL) {
		char *make = typed("exercise", x->number);
		/* TRANSLATORS: the last %s is a command: "exercise 1" or "ipctutor exercise 1". */
		char *text = xasprintf(_("There is no %s yet: %s makes it."), file, make);
		free(make);
		render_error("%s", text);
		free(text);
		free(own);
		return 1;
	}
	r = watching ? watch(x, file) : check_once(x, file);
	free(own);
	return r;
}

static int
cmd_hint(const char *which)
{
	struct exercise *x = find(which);
	struct lesson *l;
	const struct prose *hints[32];
	size_t n = 0;

	if (x == NULL || (l = load_text(x)) == NULL)
		return 1;
	for (size_t s = 0; s < l->nsteps; s++)
		for (size_t i = 0; i < l->steps[s].nblocks; i++) {
			const struct block *b = &l->steps[s].blocks[i];
			for (size_t k = 0; b->type == BLOCK_HINT && k < b->nparas && n < 32; k++)
				hints[n++] = &b->paras[k];
		}
	if (n == 0) {
		render_paragraph(_("This exercise has no hints."), NULL, 0, NULL);
	} else {
		size_t k = (size_t)x->hints < n ? (size_t)x->hints : n - 1;
		char *label = xasprintf(_("Hint %zu of %zu: "), k + 1, n);
		render_paragraph(prose_translate(hints[k]), typed_placeholder, 0, label);
		free(label);
		if (x->hints < (int)n)
			x->hints++;
		save_progress();
	}
	lesson_free(l);
	return 0;
}

static int
cmd_solution(const char *which)
{
	struct exercise *x = find(which);
	struct strbuf sb = STRBUF_INIT;
	char *path;

	if (x == NULL)
		return 1;
	if (strcmp(x->status, "done") != 0 && x->attempts < ATTEMPTS_FOR_SOLUTION) {
		char *hint = typed("hint", x->number);
		/* TRANSLATORS: the last %s is a command: "hint 1" or "ipctutor hint 1". */
		char *text = xasprintf(_("The solution opens after your program passes, or after %d checks (you have made %d). %s gives a hint meanwhile."),
				       ATTEMPTS_FOR_SOLUTION, x->attempts, hint);
		free(hint);
		render_paragraph(text, NULL, 0, NULL);
		free(text);
		return 1;
	}
	path = xasprintf("%s/%s/solution.c", folder, x->name);
	if (read_file(path, &sb, 1 << 20) != 0) {
		render_error(_("Cannot read %s: %s."), path, strerror(errno));
		free(path);
		return 1;
	}
	char *text = xasprintf(_("A reference solution (%s):"), path);
	render_paragraph(text, NULL, 0, "▸ ");
	free(text);
	out("\n%s%s", sb.buf, sb.len > 0 && sb.buf[sb.len - 1] == '\n' ? "" : "\n");
	strbuf_free(&sb);
	free(path);
	return 0;
}

int
exercise_command(int argc, char **argv)
{
	const char *name = argv[0], *arg = argc > 1 ? argv[1] : NULL;
	int r;

	if (strcmp(name, "exercises") == 0)
		r = cmd_list();
	else if (strcmp(name, "exercise") == 0)
		r = cmd_exercise(arg);
	else if (strcmp(name, "check") == 0)
		r = cmd_check(argc, argv);
	else if (strcmp(name, "solution") == 0)
		r = cmd_solution(arg);
	else
		r = cmd_hint(arg);
	out_flush();
	return r;
}

/* The exercise subcommands of the command line: the one table that
 * --help lists and exercise_main runs. */
static const struct {
	const char *name, *synopsis, *summary;
} subcommands[] = {
	{ "exercises", "", N_("list the exercises and your progress in them") },
	{ "exercise", N_("N"), N_("show exercise N and copy its starting file") },
	{ "check", N_("N [FILE] [--watch]"), N_("compile your program for exercise N and grade it") },
	{ "solution", N_("N"), N_("show the reference solution (after a pass, or a few checks)") },
	{ "hint", N_("N"), N_("the next hint of exercise N") },
	{ "trace", N_("[--reproducible] -- PROGRAM [ARG]..."), N_("run PROGRAM and show its System V IPC calls") },
};
#define NSUBCOMMANDS (sizeof subcommands / sizeof subcommands[0])

int
exercise_is_subcommand(const char *word)
{
	for (size_t i = 0; i < NSUBCOMMANDS; i++)
		if (strcmp(word, subcommands[i].name) == 0)
			return 1;
	return 0;
}

void
exercise_help(void)
{
	fputs(_("Subcommands, for the programming exercises:\n"), stdout);
	/* Each with its arguments, as the manual's synopsis shows it; the
	 * summary goes below one too wide for its column. */
	for (size_t i = 0; i < NSUBCOMMANDS; i++) {
		const char *synopsis = subcommands[i].synopsis;
		char *usage = synopsis[0] ? xasprintf("%s %s", subcommands[i].name, _(synopsis))
					  : xstrdup(subcommands[i].name);
		int w = display_width(usage, strlen(usage));
		if (w <= 20)
			printf("  %s%*s%s\n", usage, 21 - w, "", _(subcommands[i].summary));
		else
			printf("  %s\n  %21s%s\n", usage, "", _(subcommands[i].summary));
		free(usage);
	}
	fputs("\n", stdout);
}

/* "ipctutor NAME --help": its usage on standard output. */
static int
subcommand_usage(const char *name)
{
	for (size_t i = 0; i < NSUBCOMMANDS; i++)
		if (strcmp(name, subcommands[i].name) == 0) {
			const char *synopsis = subcommands[i].synopsis;
			printf(_("Usage: %s %s %s\n"), PACKAGE, name, synopsis[0] ? _(synopsis) : "");
			printf("  %s\n", _(subcommands[i].summary));
		}
	return fflush(stdout) == 0 ? 0 : 1;
}

int
exercise_main(int argc, char **argv)
{
	struct render_options ro = { 0, 0, 0 };
	const char *term = getenv("TERM");

	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return subcommand_usage(argv[0]);
	if (strcmp(argv[0], "trace") == 0)
		return tracecmd_main(argc, argv);
	/* --lang LL or --lang=LL anywhere: the text and the verdicts in LL.
	 * The other words go on, in order. */
	char **args = xcalloc((size_t)argc + 1, sizeof *args);
	const char *lang = NULL;
	int n = 0;
	for (int i = 0; i < argc; i++) {
		if (i > 0 && strncmp(argv[i], "--lang=", 7) == 0)
			lang = argv[i] + 7;
		else if (i > 0 && strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[++i];
		else
			args[n++] = argv[i];
	}
	if (lang != NULL && !i18n_init(lang))
		fprintf(stderr, _("%s: no %s translation is installed; continuing in English.\n"), PACKAGE, lang);
	ro.color = isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL && term != NULL && strcmp(term, "dumb") != 0;
	ro.width = isatty(STDOUT_FILENO) ? 0 : 80;
	render_init(&ro);
	signal(SIGPIPE, SIG_IGN);
	typed_prefix = PACKAGE " ";
	int r = exercise_command(n, args);
	out_flush();
	free(args);
	return r;
}

const char *
exercise_state(int number)
{
	load();
	for (size_t i = 0; i < count; i++)
		if (list[i].number == number)
			return strcmp(list[i].status, "done") == 0 ? _("done")
			       : strcmp(list[i].status, "tried") == 0 ? _("tried") : _("new");
	return NULL;
}

int
exercise_play_command(struct play_ctx *ctx, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--watch") == 0) {
			play_error(ctx, _("check --watch runs in a terminal of its own: type ipctutor check %s --watch in your shell."),
				   argc > 1 ? argv[1] : "N");
			return -1;
		}
	return exercise_command(argc, argv) == 0 ? 0 : -1;
}
