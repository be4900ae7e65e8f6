/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * main.c: the program's start and end.  In order: language, options, the
 * maintainer modes that need no IPC (--pot, --lint, --complete, --man),
 * then the IPC namespace (before any child exists), signals, the course,
 * the starting position, the input loop; and at the end, the cleanup that
 * every way out goes through, with the count of objects left (0).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "book.h"
#include "classroom.h"
#include "cmd.h"
#include "i18n.h"
#include "lead.h"
#include "lesson.h"
#include "lint.h"
#include "nav.h"
#include "ns.h"
#include "playground.h"
#include "pot.h"
#include "progress.h"
#include "registry.h"
#include "render.h"
#include "repl.h"
#include "reproducible.h"
#include "session.h"
#include "show.h"
#include "step.h"
#include "exercise.h"
#include "transcript.h"
#include "tty.h"
#include "vars.h"
#include "util.h"
#include "view.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif
#ifndef LESSONDIR
#define LESSONDIR "/usr/local/share/ipctutor/lessons"
#endif

/* Exit statuses, documented in --help and the manual. */
enum {
	EXIT_BAD_INPUT = 1,   /* batch mode: a line was refused; or a write error */
	EXIT_USAGE = 2,
	EXIT_EXPECT = 3,      /* a lesson expectation did not hold */
};

enum {
	OPT_LANG = 256, OPT_SHARED, OPT_LESSONS, OPT_REPRODUCIBLE, OPT_WIDTH, OPT_POT, OPT_LINT,
	OPT_COMPLETE, OPT_MAN, OPT_BOOK, OPT_TRANSCRIPT, OPT_PRESENT, OPT_LEAD, OPT_FOLLOW,
};

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "list", no_argument, NULL, 'l' },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "shared", no_argument, NULL, OPT_SHARED },
	{ "lessons", required_argument, NULL, OPT_LESSONS },
	{ "reproducible", no_argument, NULL, OPT_REPRODUCIBLE },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "pot", no_argument, NULL, OPT_POT },
	{ "lint", no_argument, NULL, OPT_LINT },
	{ "complete", required_argument, NULL, OPT_COMPLETE },
	{ "man-commands", no_argument, NULL, OPT_MAN },
	{ "book", required_argument, NULL, OPT_BOOK },
	{ "present", no_argument, NULL, OPT_PRESENT },
	{ "lead", no_argument, NULL, OPT_LEAD },
	{ "follow", no_argument, NULL, OPT_FOLLOW },
	{ "transcript", required_argument, NULL, OPT_TRANSCRIPT },
	{ NULL, 0, NULL, 0 },
};

struct options {
	const char *lang;
	const char *lessons;
	const char *complete;
	const char *book;
	const char *transcript;
	int shared, list, reproducible, width, pot, lint, man, help, version, present, lead, follow;
};

static void
usage(void)
{
	printf(_("Usage: %s [OPTION]... [LESSON[.STEP]]\n"), PACKAGE);
	/* TRANSLATORS: align "or:" under "Usage:" above. */
	printf(_("  or:  %s SUBCOMMAND [OPTION]...\n"), PACKAGE);
	fputs(_("Learn how System V IPC identifiers behave when a server crashes and\n"
		"restarts, with real system calls in real server and client processes.\n"
		"Without LESSON, continue where you stopped.\n\n"), stdout);
	classroom_help();
	exercise_help();
	fputs(_("  -l, --list           list the lessons with your progress, then exit\n"
		"      --lang=LL        use language LL (de, fr, es, zh_CN...), even when\n"
		"                       no locale for it is installed\n"
		"      --shared         use the host IPC namespace, so that ipcs in another\n"
		"                       terminal sees the objects (a guardian cleans up)\n"
		"      --lessons=DIR    read the lessons from DIR\n"), stdout);
	fputs(_("      --present        presenter pacing for a projector: each step's commands\n"
		"                       run on Enter, and your progress is left alone\n"), stdout);
	fputs(_("      --lead           publish your lesson and step for learners on this\n"
		"                       machine (a read-only shared segment and two semaphores)\n"
		"      --follow         follow the teacher who leads on this machine\n"), stdout);
	fputs(_("      --book=LESSON    print LESSON as a book chapter in Markdown, with the\n"
		"                       real transcript of every step (--book=index: the\n"
		"                       front page)\n"
		"      --reproducible   print stable names instead of pids, keys and\n"
		"                       addresses (for transcripts and the book)\n"
		"      --width=N        wrap text at N columns\n"
		"      --transcript=FILE  write the session (commands, calls, answers,\n"
		"                       score) to FILE in Markdown when it ends\n"
		"  -h, --help           display this help and exit\n"
		"  -V, --version        output version information and exit\n\n"), stdout);
	/* TRANSLATORS: the exit statuses; keep the numbers. */
	fputs(_("When standard input is not a terminal, commands are read line by line and\n"
		"the output is a plain transcript. Exit status: 0 if all went well, 1 if a\n"
		"line was refused or output failed, 2 for bad options, 3 if a lesson step\n"
		"did not go as the lesson expected.\n\n"), stdout);
	printf(_("Report bugs in the project's issue tracker.\n"));
}

static void
version(void)
{
	printf("%s %s\n", PACKAGE, VERSION);
	fputs(_("Copyright (C) 2026 The ipctutor authors.\n"
		"License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
		"This is free software: you are free to change and redistribute it.\n"
		"There is NO WARRANTY, to the extent permitted by law.\n"), stdout);
}

static int
parse_options(int argc, char **argv, struct options *o)
{
	int c;

	while ((c = getopt_long(argc, argv, "hVl", long_options, NULL)) != -1) {
		switch (c) {
		case 'h':
			o->help = 1;
			break;
		case 'V':
			o->version = 1;
			break;
		case 'l': o->list = 1; break;
		case OPT_LANG: o->lang = optarg; break;
		case OPT_SHARED: o->shared = 1; break;
		case OPT_LESSONS: o->lessons = optarg; break;
		case OPT_REPRODUCIBLE: o->reproducible = 1; break;
		case OPT_WIDTH: {
			char *end;
			long w = strtol(optarg, &end, 10);
			if (*end != '\0' || w < 20 || w > 1000) {
				fprintf(stderr, _("%s: --width takes a number of columns from 20 to 1000\n"), PACKAGE);
				return -1;
			}
			o->width = (int)w;
			break;
		}
		case OPT_POT: o->pot = 1; break;
		case OPT_LINT: o->lint = 1; break;
		case OPT_COMPLETE: o->complete = optarg; break;
		case OPT_MAN: o->man = 1; break;
		case OPT_BOOK: o->book = optarg; o->reproducible = 1; break;
		case OPT_PRESENT: o->present = 1; break;
		case OPT_LEAD: o->lead = 1; break;
		case OPT_FOLLOW: o->follow = 1; break;
		case OPT_TRANSCRIPT: o->transcript = optarg; break;
		default:
			fprintf(stderr, _("Try '%s --help' for more information.\n"), PACKAGE);
			return -1;
		}
	}
	return 0;
}

/* Say in one sentence why PATH cannot take the transcript, if it cannot. */
static int
refuse_transcript(const char *path)
{
	char *refusal = transcript_refusal(path), *shown;

	if (refusal == NULL)
		return 0;
	shown = text_escaped(refusal, 0);
	fprintf(stderr, "%s: %s\n", PACKAGE, shown);
	free(shown);
	free(refusal);
	return 1;
}

/* --lint FILE...: parse each lesson; report every error. */
static int
lint(int n, char **files)
{
	int status = 0;

	for (int i = 0; i < n; i++) {
		char err[512];
		struct lesson *l = lesson_load(files[i], err, sizeof err);
		if (l == NULL) {
			fprintf(stderr, "%s\n", err);
			status = 1;
		} else if (lint_run_lines(l, stderr) > 0) {
			status = 1;
		}
		lesson_free(l);
	}
	return status;
}

static void
report_lesson_problem(const char *message)
{
	fprintf(stderr, "%s: %s\n", PACKAGE, message);
}

/* Where the lessons are: --lessons, $IPCTUTOR_LESSONS, the installed
 * directory, or (uninstalled) ../lessons beside the program. */
static char *
lesson_directory(const char *option)
{
	const char *env = getenv("IPCTUTOR_LESSONS");
	char *here, *beside;

	if (option != NULL)
		return xstrdup(option);
	if (env != NULL && env[0] != '\0')
		return xstrdup(env);
	if (access(LESSONDIR, R_OK) == 0 || (here = exe_dir()) == NULL)
		return xstrdup(LESSONDIR);
	beside = xasprintf("%s/../lessons", here);
	free(here);
	if (access(beside, R_OK) == 0)
		return beside;
	free(beside);
	return xstrdup(LESSONDIR);
}

/* A fatal signal (a bug): remove our objects with plain IPC_RMID calls,
 * then die of the same signal so the exit status tells the truth. */
static void
fatal_signal(int sig)
{
	registry_emergency_cleanup();
	tty_give_back();
	coverage_flush();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
install_fatal_handlers(void)
{
	static const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fatal_signal;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
		sigaction(fatal[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void
say_recovered(const char *text)
{
	render_paragraph(text, NULL, 0, NULL);
}

/* Choose the IPC namespace; returns the guardian's pipe or -1. */
static int
setup_namespace(int shared, const char *state_dir)
{
	char why[128] = "";
	int guardian = -1;

	session.ns = shared ? NS_SHARED : ns_enter_private(why, sizeof why);
	play_private_namespace = session.ns == NS_PRIVATE || session.ns == NS_PRIVATE_USERNS;
	if (session.ns == NS_HOST)
		render_paragraph(_("No private IPC namespace could be had, so the lessons use the host's; the tutor removes only what it created."),
				 NULL, 0, NULL);
	if (session.ns == NS_HOST || session.ns == NS_SHARED) {
		if (state_dir != NULL)
			registry_recover(state_dir, say_recovered);
		guardian = registry_guard(state_dir);
	}
	return guardian;
}

/* Is ARG (the LESSON[.STEP] argument) a place in the course?  If not, say
 * why on standard error as a bad option is said, and return -1: the
 * learner asked for a lesson, and starting another one would hide the
 * typo. */
static int
check_start_argument(const char *arg)
{
	struct strbuf why = STRBUF_INIT;
	struct play_ctx ctx = { "you", 0, NULL, &tutor_sink, -1, -1 };
	int lesson, step, r;

	strbuf_init(&why);
	struct strbuf *previous = render_capture(&why);
	r = nav_parse_position(&ctx, arg, &lesson, &step);
	render_capture(previous);
	if (r != 0) {
		/* One line, without the colour of a terminal's error. */
		fprintf(stderr, "%s: ", PACKAGE);
		for (const char *p = why.buf; *p != '\0'; p++) {
			if (*p == '\033') {
				p += strcspn(p, "m");
				if (*p == '\0')
					break;
			} else
				fputc(*p == '\n' && p[1] != '\0' ? ' ' : *p, stderr);
		}
		fprintf(stderr, _("Try '%s --help' for more information.\n"), PACKAGE);
	}
	strbuf_free(&why);
	return r;
}

/* The starting position: the LESSON argument, else where the learner
 * stopped, else the beginning. */
static void
start_position(const char *arg)
{
	int lesson = 0, step = 0;
	char *slug = NULL;

	progress_load(&slug, &step);
	if (arg != NULL) {
		if (nav_parse_position(&session.ctx, arg, &lesson, &step) != 0)
			lesson = 0, step = 0;
	} else if (slug != NULL) {
		struct lesson *l = course_find(&session.course, slug);
		lesson = l != NULL ? course_index(&session.course, l) : 0;
		if (l == NULL || (size_t)step >= l->nsteps) {
			step = 0;
		} else {
			var_setf("where", "%d.%d", l->number, step + 1);
			var_setf("lesson", "%d", l->number);
			var_set("title", prose_translate(&l->title));
			nav_score_text(l, session_progress(l), "score");
			render_paragraph(_("Welcome back to lesson {lesson}, {title}, at step {where}; your score in this lesson so far: {score}."),
					 var_lookup, 0, NULL);
			out("\n");
		}
	} else {
		render_paragraph(_("Welcome to ipctutor. Press Enter to go on, type help for the commands, quit to leave."),
				 NULL, 0, NULL);
	}
	free(slug);
	session.lesson = -1;
	nav_enter(lesson, step);
}

/* --book: one chapter (or the index) on standard output, no progress
 * saved, everything removed afterwards like at any exit. */
static int
run_book(const char *what)
{
	int lesson, step, status = EXIT_SUCCESS;

	session.save_progress = 0;
	if (strcmp(what, "index") == 0) {
		book_index();
	} else if (strcmp(what, "glossary") == 0) {
		book_glossary();
	} else if (strcmp(what, "svg") == 0) {
		if (book_svg(stdin) != 0)
			status = EXIT_BAD_INPUT;
	} else if (nav_parse_position(&session.ctx, what, &lesson, &step) != 0) {
		status = EXIT_USAGE;
	} else if (book_chapter(lesson) != 0) {
		status = EXIT_EXPECT;
	}
	play_shutdown(0);
	out_flush();
	if (out_error() != 0) {
		fprintf(stderr, _("%s: write error: %s\n"), PACKAGE, strerror(out_error()));
		return EXIT_BAD_INPUT;
	}
	return status;
}

/* Everything the tutor created goes; say how many objects are left. */
static void
clean_up(void)
{
	size_t left;

	nav_count_time();
	play_shutdown(1);
	play_prepare(0);
	left = registry_count();
	render_paragraph(left == 0 ? _("All IPC objects this tutor created are removed: objects left behind: 0.")
				   : _("Some IPC objects could not be removed: see ipcs."), NULL, 0, NULL);
	progress_sync();
	out_flush();
}

int
main(int argc, char **argv)
{
	struct options o;
	char *state_dir;
	int guardian, sig, status = EXIT_SUCCESS, interactive;

	memset(&o, 0, sizeof o);
	i18n_init(NULL);
	if (argc > 1 && classroom_is_subcommand(argv[1]))
		return classroom_main(argc - 1, argv + 1);
	if (argc > 1 && exercise_is_subcommand(argv[1]))
		return exercise_main(argc - 1, argv + 1);
	if (parse_options(argc, argv, &o) != 0)
		return EXIT_USAGE;
	char *bad_lang = o.lang != NULL ? i18n_refuse_code(o.lang) : NULL;
	if (bad_lang != NULL) {
		fprintf(stderr, "%s: --lang: %s\n", PACKAGE, bad_lang);
		free(bad_lang);
		return EXIT_USAGE;
	}
	if (o.lang != NULL && !i18n_init(o.lang))
		fprintf(stderr, _("%s: no %s translation is installed; continuing in English.\n"), PACKAGE, o.lang);
	/* After --lang, so that --lang fr --help speaks French. */
	if (o.help || o.version) {
		o.help ? usage() : version();
		return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_SUCCESS : EXIT_BAD_INPUT;
	}
	if (o.transcript != NULL && refuse_transcript(o.transcript))
		return EXIT_USAGE;
	if (o.pot)
		return pot_write(argc - optind, argv + optind);
	if (o.lint)
		return lint(argc - optind, argv + optind);

	interactive = isatty(STDIN_FILENO);
	const char *term = getenv("TERM");
	struct render_options ro = {
		isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL && term != NULL && strcmp(term, "dumb") != 0,
		o.width ? o.width : isatty(STDOUT_FILENO) ? 0 : 80,
		o.reproducible,
	};
	render_init(&ro);

	if (o.man) {
		cmd_print_man();
		return out_error() ? EXIT_BAD_INPUT : EXIT_SUCCESS;
	}
	session.lessons_dir = lesson_directory(o.lessons);
	if (course_load(session.lessons_dir, &session.course, report_lesson_problem) != 0)
		fprintf(stderr, _("%s: cannot read the lessons in %s: %s\n"), PACKAGE, session.lessons_dir,
			strerror(errno));
	session.lesson = -1;
	session.step = -1;
	session.world_lesson = -1;
	if (o.complete != NULL) {
		repl_print_completions(o.complete);
		return out_error() ? EXIT_BAD_INPUT : EXIT_SUCCESS;
	}
	state_dir = progress_state_dir();
	if (state_dir != NULL) {
		session.progress_path = xasprintf("%s/progress", state_dir);
		session.history_path = xasprintf("%s/history", state_dir);
	}
	/* A presenter's walk-through is not the presenter's own progress. */
	session.save_progress = !o.present;
	session.present = o.present;
	if (o.list) {
		char *slug = NULL;
		int step;
		progress_load(&slug, &step);
		free(slug);
		free(state_dir);
		nav_print_lessons();
		return out_error() ? EXIT_BAD_INPUT : EXIT_SUCCESS;
	}

	if (optind < argc && session.course.nlessons > 0 && o.book == NULL
	    && check_start_argument(argv[optind]) != 0) {
		free(state_dir);
		return EXIT_USAGE;
	}

	repl_block_signals();
	install_fatal_handlers();
	/* The class board is in the host namespace: its helpers start first. */
	if (o.lead && lead_start() != 0)
		fprintf(stderr, _("%s: cannot lead: the class board could not be made (another teacher may be leading here)\n"),
			PACKAGE);
	else if (o.lead)
		step_on_show = lead_publish;
	if (o.follow && follow_start() != 0)
		fprintf(stderr, _("%s: cannot follow: %s\n"), PACKAGE, strerror(errno));
	guardian = setup_namespace(o.shared, state_dir);
	if (o.shared)
		play_key_own_session();
	actor_state_init(&session.you);
	repro_pid(getpid(), "you");
	repro_own_uid();
	session.ctx = (struct play_ctx){ "you", 0, &session.you, &tutor_sink, -1, -1 };
	play_setup(guardian);
	if (o.book != NULL) {
		free(state_dir);
		return run_book(o.book);
	}
	/* Ctrl-C is for the tutor alone, not for the make or shell that
	 * started it; the pager only where a learner reads a terminal. */
	if (interactive)
		tty_take_foreground();
	tty_pager_enable(interactive && isatty(STDOUT_FILENO));
	transcript_start();
	if (state_dir == NULL)
		render_paragraph(progress_state_why(), NULL, 0, NULL);
	if (session.course.nlessons > 0)
		start_position(optind < argc ? argv[optind] : NULL);
	else
		render_paragraph(_("No lessons could be loaded; the playground commands still work (help lists them)."),
				 NULL, 0, NULL);
	out_flush();

	progress_start_writing();
	sig = repl_run(interactive);
	tty_pager_enable(0);
	clean_up();
	tty_give_back();
	if (o.transcript != NULL && refuse_transcript(o.transcript))
		;
	else if (o.transcript != NULL && transcript_save(o.transcript) != 0)
		fprintf(stderr, _("%s: cannot write the transcript %s: %s\n"), PACKAGE, o.transcript, strerror(errno));

	if (sig != 0) {
		sigset_t set;
		signal(sig, SIG_DFL);
		sigemptyset(&set);
		sigaddset(&set, sig);
		coverage_flush();
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		raise(sig);
	}
	if (out_error() != 0) {
		fprintf(stderr, _("%s: write error: %s\n"), PACKAGE, strerror(out_error()));
		status = EXIT_BAD_INPUT;
	} else if (session.expect_failures > 0) {
		status = EXIT_EXPECT;
	} else if (!interactive && render_error_count() > 0) {
		status = EXIT_BAD_INPUT;
	}
	course_free(&session.course);
	free(state_dir);
	return status;
}
