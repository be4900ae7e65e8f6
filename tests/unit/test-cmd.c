/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * test-cmd.c: unit tests for the command line's building blocks.  split_words
 * (blanks, tabs, double quotes with \" and \\ inside, the empty quoted word,
 * an unclosed quote, too many words); cmd_complete (command names, server
 * and client verbs, keys, flag expressions after '|', control words, errno
 * names, "help" topics, lesson names, and its return value: 1 for a flag
 * expression, else 0); the value table of vars.c (old_NAME kept only when a
 * value changes, placeholder expansion, clearing); and reproducible.c (whole-token
 * masking of numbers, masking of paths anywhere, nothing masked without
 * reproducible output, "server#1"-style process names).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "lesson.h"
#include "reproducible.h"
#include "render.h"
#include "session.h"
#include "util.h"
#include "vars.h"
#include "tap.h"

#define COUNT(array)	(sizeof(array) / sizeof((array)[0]))

/* ---- split_words ------------------------------------------------------------ */

static void
check_split(const char *line, int max, int want, const char *const *words, const char *name)
{
	char *copy = xstrdup(line);
	char *argv[16];
	int argc = split_words(copy, argv, max);
	int same = argc == want;

	for (int i = 0; same && i < want; i++)
		if (strcmp(argv[i], words[i]) != 0) {
			diag("word %d: got \"%s\", want \"%s\"", i, argv[i], words[i]);
			same = 0;
		}
	if (!ok(same, "split_words: %s", name))
		diag("got %d words, want %d", argc, want);
	free(copy);
}

static void
test_split(void)
{
	static const char *const w_none[] = { NULL };
	static const char *const w_three[] = { "msgget", "{key}", "IPC_CREAT|0600" };
	static const char *const w_quoted[] = { "client", "send", "hello world" };
	static const char *const w_escapes[] = { "say", "a \"quoted\" \\ word", "x" };
	static const char *const w_empty[] = { "a", "", "b" };
	static const char *const w_glued[] = { "abc def", "x" };
	static const char *const w_backslash[] = { "a\\b", "c\"d" };
	static const char *const w_sixteen[] = { "1", "2", "3", "4", "5", "6", "7", "8",
						 "9", "10", "11", "12", "13", "14", "15", "16" };
	static const char *const w_trailing[] = { "ends", "here" };

	check_split("", 16, 0, w_none, "empty line");
	check_split(" \t  \t", 16, 0, w_none, "blanks only");
	check_split("msgget {key} IPC_CREAT|0600", 16, 3, w_three, "three words");
	check_split("  msgget\t{key}  \t IPC_CREAT|0600\t ", 16, 3, w_three, "blanks and tabs around and between");
	check_split("client send \"hello world\"", 16, 3, w_quoted, "double quotes group");
	check_split("say \"a \\\"quoted\\\" \\\\ word\" x", 16, 3, w_escapes, "\\\" and \\\\ inside quotes");
	check_split("a \"\" b", 16, 3, w_empty, "empty quoted word");
	check_split("a\"bc d\"ef x", 16, 2, w_glued, "quotes inside a word");
	check_split("a\\b \"c\\\"d\"", 16, 2, w_backslash, "a backslash outside quotes is kept");
	check_split("ends here  ", 16, 2, w_trailing, "trailing blanks");
	check_split("client send \"hello", 16, -1, w_none, "unclosed quote: -1");
	check_split("\"", 16, -1, w_none, "a lone quote: -1");
	check_split("a \"b\\\"", 16, -1, w_none, "an escaped quote does not close: -1");
	check_split("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16", 16, 16, w_sixteen, "exactly MAX words");
	check_split("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17", 16, -2, w_none, "MAX + 1 words: -2");
	check_split("1 2 3", 2, -2, w_none, "three words with MAX 2: -2");
	check_split("1 2   ", 2, 2, w_sixteen, "MAX words and trailing blanks");
}

static void
report(const char *message)
{
	diag("course_load: %s", message);
}

/* ---- cmd_complete ----------------------------------------------------------- */

struct cands {
	char *v[64];
	size_t n;
};

static void
add_cand(const char *candidate, void *arg)
{
	struct cands *c = arg;

	if (c->n < COUNT(c->v))
		c->v[c->n] = xstrdup(candidate);
	c->n++;
}

static void
cands_free(struct cands *c)
{
	for (size_t i = 0; i < c->n && i < COUNT(c->v); i++)
		free(c->v[i]);
	c->n = 0;
}

static int
has(const struct cands *c, const char *s)
{
	for (size_t i = 0; i < c->n && i < COUNT(c->v); i++)
		if (strcmp(c->v[i], s) == 0)
			return 1;
	return 0;
}

/* Complete the last word of LINE (from its last blank); return the value
 * and fill C. */
static int
complete(const char *line, struct cands *c)
{
	const char *blank = strrchr(line, ' ');
	size_t start = blank ? (size_t)(blank - line) + 1 : 0;

	c->n = 0;
	return cmd_complete(line, start, line + start, add_cand, c);
}

/* Complete LINE and compare with WANT (NULL-terminated, in this order). */
static void
check_complete(const char *line, int want_ret, const char *const *want)
{
	struct cands c;
	int ret = complete(line, &c);
	size_t n = 0;
	int same = 1;

	while (want[n] != NULL)
		n++;
	if (c.n != n)
		same = 0;
	for (size_t i = 0; same && i < n; i++)
		if (strcmp(c.v[i], want[i]) != 0)
			same = 0;
	if (!ok(same && ret == want_ret, "cmd_complete \"%s\": %zu candidate%s, returns %d", line, n,
		n == 1 ? "" : "s", want_ret)) {
		diag("returned %d", ret);
		for (size_t i = 0; i < c.n && i < COUNT(c.v); i++)
			diag("  got: %s", c.v[i]);
	}
	cands_free(&c);
}

static void
test_complete(const char *lessons)
{
	static const char *const none[] = { NULL };
	static const char *const ms[] = { "msgget", "msgsnd", "msgrcv", "msgctl", NULL };
	static const char *const ipc_c[] = { "IPC_CREAT", NULL };
	static const char *const excl[] = { "IPC_CREAT|IPC_EXCL", NULL };
	static const char *const rm[] = { "rmid", NULL };
	static const char *const get[] = { "getval", "getncnt", "getzcnt", "getpid", "getall", NULL };
	static const char *const eid[] = { "EIDRM", NULL };
	static const char *const cl[] = { "client", "client2", NULL };
	static const char *const keys[] = { "{key}", "IPC_PRIVATE", NULL };
	static const char *const ipc_p[] = { "IPC_PRIVATE", NULL };
	static const char *const modes[] = { "msg", "shm", NULL };
	static const char *const shm_r[] = { "SHM_RDONLY", "SHM_RND", "SHM_REMAP", NULL };
	static const char *const sem_u[] = { "SEM_UNDO", NULL };
	static const char *const msg_[] = { "MSG_NOERROR", "MSG_EXCEPT", "MSG_COPY", NULL };
	struct cands c;
	int ret;

	check_complete("ms", 0, ms);
	/* Only the flags the command accepts are offered. */
	{
		static const char *const get_flags[] = { "IPC_CREAT|IPC_EXCL", NULL };
		static const char *const snd_flags[] = { "IPC_NOWAIT", NULL };
		check_complete("msgget {key} IPC_CREAT|", 1, get_flags);
		check_complete("msgget {key} S", 1, none);
		check_complete("msgsnd 3 hi I", 1, snd_flags);
	}
	check_complete("msgget {key} IPC_C", 1, ipc_c);
	check_complete("msgget {key} IPC_CREAT|IPC_E", 1, excl);
	check_complete("msgget {key} IPC_CREAT|IPC_EXCL|0", 1, none);
	check_complete("client ms", 0, ms);
	check_complete("client msgget {key} IPC_C", 1, ipc_c);
	check_complete("server msgctl {qid} rm", 0, rm);
	check_complete("explain EID", 0, eid);
	check_complete("explain XYZ", 0, none);
	check_complete("msgctl 3 rm", 0, rm);
	check_complete("semctl {semid} 0 get", 0, get);
	check_complete("help cl", 0, cl);
	check_complete("msgget ", 0, keys);
	check_complete("msgget IPC", 0, ipc_p);
	check_complete("semget IPC_P", 0, ipc_p);
	check_complete("server start ", 0, modes);
	check_complete("client open s", 0, (const char *const[]){ "shm", NULL });
	check_complete("shmat {shmid} SHM_R", 1, shm_r);
	check_complete("semop {semid} 0 -1 SEM", 1, sem_u);
	check_complete("msgrcv {qid} 0 MSG_", 1, msg_);
	check_complete("msgsnd {qid} ", 0, none);
	check_complete("msgctl 3 rmid ", 0, none);
	check_complete("nosuchcommand x", 0, none);
	check_complete("next ", 0, none);
	check_complete("msgget \"unclosed ", 0, none);
	check_complete("key /tmp/x 1 2 3 4 5", 0, none);

	/* The first word: the tutor's commands, no verb, nothing hidden. */
	ret = complete("", &c);
	is_int(ret, 0, "cmd_complete \"\": returns 0");
	ok(c.n > 20 && has(&c, "next") && has(&c, "msgget") && has(&c, "server") && has(&c, "client2") &&
	   has(&c, "help") && has(&c, "quit"), "\"\" offers the tutor's commands (%zu)", c.n);
	ok(!has(&c, "_serve") && !has(&c, "_open") && !has(&c, "_shutdown"), "\"\" offers no hidden command");
	ok(!has(&c, "start") && !has(&c, "send") && !has(&c, "recv") && !has(&c, "lock"),
	   "\"\" offers no server or client verb");
	cands_free(&c);

	ret = complete("s", &c);
	ok(ret == 0 && has(&c, "server") && has(&c, "semget") && has(&c, "shmat") && !has(&c, "start") &&
	   !has(&c, "stop") && !has(&c, "send"), "\"s\": commands, not verbs");
	cands_free(&c);
	ret = complete("client s", &c);
	ok(ret == 0 && has(&c, "send") && !has(&c, "start") && has(&c, "stop") && has(&c, "semget") &&
	   !has(&c, "server"), "\"client s\": client verbs and agent commands, not the tutor's nor the server's");
	cands_free(&c);
	ret = complete("client c", &c);
	ok(ret == 0 && !has(&c, "crash"), "\"client c\": no crash, which only the server takes");
	cands_free(&c);
	ret = complete("server ", &c);
	ok(ret == 0 && has(&c, "crash") && has(&c, "start") && !has(&c, "open"), "\"server \": crash and start, not open");
	cands_free(&c);
	ret = complete("server _", &c);
	ok(ret == 0 && c.n == 0, "\"server _\": hidden commands are not completed");
	cands_free(&c);
	ret = complete("help ", &c);
	ok(ret == 0 && has(&c, "goto") && !has(&c, "_serve") && !has(&c, "recv"), "\"help \": tutor commands");
	cands_free(&c);

	/* START inside the line: only what comes before it counts. */
	c.n = 0;
	ret = cmd_complete("msgget {key} IPC_CREAT", 7, "{k", add_cand, &c);
	ok(ret == 0 && c.n == 1 && strcmp(c.v[0], "{key}") == 0, "START in the middle of the line");
	cands_free(&c);

	/* Lesson names come from the session's course. */
	if (course_load(lessons, &session.course, report) == 0 && session.course.nlessons > 0) {
		const char *slug = session.course.lessons[0]->slug;
		char *line = xasprintf("goto %.3s", slug);
		ret = complete(line, &c);
		ok(ret == 0 && has(&c, slug), "\"%s\" offers the lesson \"%s\"", line, slug);
		cands_free(&c);
		free(line);
		ret = complete("goto ", &c);
		is_int((long long)c.n, (long long)session.course.nlessons, "\"goto \" offers every lesson");
		cands_free(&c);
		ret = complete("goto zzz", &c);
		ok(ret == 0 && c.n == 0, "\"goto zzz\": no lesson");
		cands_free(&c);
	} else {
		ok(0, "load the course from %s for lesson completion", lessons);
	}
	course_free(&session.course);
	ret = complete("goto ", &c);
	ok(ret == 0 && c.n == 0, "\"goto \" without a course: nothing");
	cands_free(&c);
}

/* ---- vars -------------------------------------------------------------------- */

static void
test_vars(void)
{
	char *missing = (char *)"unchanged";
	char *s;

	var_clear_all();
	ok(var_get("qid") == NULL, "unset value: NULL");
	var_set("qid", "5");
	is_str(var_get("qid"), "5", "var_set then var_get");
	ok(var_get("old_qid") == NULL, "first value: no old_qid");
	var_set("qid", "5");
	ok(var_get("old_qid") == NULL, "same value again: still no old_qid");
	var_set("qid", "7");
	is_str(var_get("qid"), "7", "new value");
	is_str(var_get("old_qid"), "5", "a changed value keeps the previous one as old_qid");
	var_set("qid", "7");
	is_str(var_get("old_qid"), "5", "setting the same value keeps old_qid");
	var_set("qid", "9");
	is_str(var_get("old_qid"), "7", "another change moves old_qid along");
	var_set("old_x", "1");
	var_set("old_x", "2");
	is_str(var_get("old_x"), "2", "an old_ name is set as given");
	ok(var_get("old_old_x") == NULL, "no old_old_ name");
	var_setf("semid", "%d-%s", 42, "x");
	is_str(var_get("semid"), "42-x", "var_setf");
	var_set("empty", "");
	is_str(var_get("empty"), "", "an empty value is a value");
	var_set("empty", "now");
	is_str(var_get("old_empty"), "", "old_ of an empty value");
	is_str(var_lookup("qidXYZ", 3), "9", "var_lookup takes a length (name not terminated)");
	ok(var_lookup("qi", 2) == NULL, "var_lookup: a prefix is not a name");
	ok(var_get("QID") == NULL, "names are case-sensitive");

	s = var_expand("msgctl {qid} rmid", &missing);
	is_str(s, "msgctl 9 rmid", "var_expand a known name");
	ok(missing == NULL, "  nothing missing");
	free(s);
	s = var_expand("{old_qid}/{qid}{semid}", &missing);
	is_str(s, "7/942-x", "var_expand several, adjacent");
	free(s);
	s = var_expand("no braces at all", &missing);
	is_str(s, "no braces at all", "var_expand without placeholders");
	free(s);
	s = var_expand("", &missing);
	is_str(s, "", "var_expand of an empty line");
	free(s);
	s = var_expand("open { only", &missing);
	is_str(s, "open { only", "an unclosed brace stays");
	ok(missing == NULL, "  nothing missing");
	free(s);
	s = var_expand("msgsnd {qid} {nope} {qid}", &missing);
	ok(s == NULL, "var_expand with an unknown name: NULL");
	is_str(missing, "nope", "  the unknown name is reported");
	free(s);
	free(missing);
	missing = NULL;
	s = var_expand("x {} y", &missing);
	ok(s == NULL && missing != NULL && missing[0] == '\0', "\"{}\" is an unknown (empty) name");
	free(s);
	free(missing);

	var_clear_all();
	ok(var_get("qid") == NULL && var_get("old_qid") == NULL && var_get("semid") == NULL,
	   "var_clear_all forgets everything");
	var_set("qid", "1");
	ok(var_get("old_qid") == NULL, "after clearing, no old_ history");
	var_clear_all();
	var_clear_all();
	ok(1, "var_clear_all twice is harmless");
}

/* ---- mask -------------------------------------------------------------------- */

static char *
masked(const char *in)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_init(&sb);
	repro_text(in, &sb);
	return sb.buf;
}

static void
check_mask(const char *in, const char *want, const char *name)
{
	char *got = masked(in);

	is_str(got, want, name);
	free(got);
}

static void
test_mask(void)
{
	struct render_options plain = { 0, 80, 0 }, repro = { 0, 80, 1 };
	char first[32], second[32], client[32];

	/* Interactive output: nothing is remembered, nothing masked. */
	render_init(&plain);
	repro_add("4242", "PID");
	repro_add("/tmp/ipctutor.XXXX/key", "$KEYFILE");
	is_str(repro_pid(31337, "tutor"), "tutor#1", "repro_pid names the process even without masking");
	check_mask("kill(4242) ftok(\"/tmp/ipctutor.XXXX/key\") pid 31337", "kill(4242) ftok(\"/tmp/ipctutor.XXXX/key\") pid 31337",
		   "reproducible = 0: a plain copy");

	render_init(&repro);
	repro_add("4242", "PID");
	check_mask("pid 4242", "pid PID", "a number masked as a whole token");
	check_mask("4242", "PID", "the whole string");
	check_mask("(4242)", "(PID)", "between punctuation");
	check_mask("4242,4242 4242", "PID,PID PID", "every occurrence");
	check_mask("14242 42421 x4242 4242x 4242_ _4242", "14242 42421 x4242 4242x 4242_ _4242",
		   "not inside a longer token (digits, letters, '_')");
	check_mask("0x4242 4242.5", "0x4242 PID.5", "0x4242 is another token; '.' bounds a token");
	check_mask("14242 4242", "14242 PID", "a near miss, then a hit");
	check_mask("", "", "empty text");
	repro_add("4242", "OTHER");
	check_mask("pid 4242", "pid OTHER", "a later mask for the same value replaces the earlier one");
	repro_add("", "NOTHING");
	check_mask("a  b", "a  b", "an empty value is never masked");

	repro_add("/tmp/ipctutor.AbC123/key", "$KEYFILE");
	check_mask("ftok(\"/tmp/ipctutor.AbC123/key\", 1)", "ftok(\"$KEYFILE\", 1)", "a path masked");
	check_mask("x/tmp/ipctutor.AbC123/keyfile", "x$KEYFILEfile", "a path is masked anywhere, even inside a word");

	snprintf(first, sizeof first, "%s", repro_pid(31337, "server"));
	snprintf(second, sizeof second, "%s", repro_pid(31338, "server"));
	snprintf(client, sizeof client, "%s", repro_pid(40000, "client"));
	is_str(first, "server#1", "repro_pid: the first server is server#1");
	is_str(second, "server#2", "the second server#2");
	is_str(client, "client#1", "roles are counted apart: client#1");
	check_mask("kill(31337, SIGKILL) wait4(31338) 40000", "kill(server#1, SIGKILL) wait4(server#2) client#1",
		   "pids masked by their names");
	check_mask("313370 31337", "313370 server#1", "a pid inside a longer number is left");
}

static void
test_repro_pid_fresh(void)
{
	/* Another role counts from 1 too; a pid masked again keeps the latest name. */
	char a[32], b[32];

	snprintf(a, sizeof a, "%s", repro_pid(5001, "client2"));
	snprintf(b, sizeof b, "%s", repro_pid(5002, "client2"));
	is_str(a, "client2#1", "repro_pid: first of a role is #1");
	is_str(b, "client2#2", "repro_pid: second of a role is #2");
	check_mask("5001 5002", "client2#1 client2#2", "both masked");
	snprintf(a, sizeof a, "%s", repro_pid(5001, "client2"));
	is_str(a, "client2#3", "a pid named again gets the next number");
	check_mask("5001", "client2#3", "  and is masked with it");
}

int
main(void)
{
	const char *srcdir = getenv("srcdir");
	char *lessons = xasprintf("%s/lessons", srcdir && *srcdir ? srcdir : ".");

	test_split();
	test_complete(lessons);
	test_vars();
	test_mask();
	test_repro_pid_fresh();
	free(lessons);
	return tap_done();
}
