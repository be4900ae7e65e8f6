/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * floor.c: the floor for "time to the first prompt": a C program that sets
 * up its locale and gettext catalog, links readline, and shows a prompt —
 * everything a terminal tutor must do before it can talk, and nothing
 * more.  make bench compares ipctutor's first prompt with this one's.
 */
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <readline/readline.h>

int
main(void)
{
	char *line;

	setlocale(LC_ALL, "");
	bindtextdomain("floor", "/usr/share/locale");
	textdomain("floor");
	rl_readline_name = "floor";
	line = readline(gettext("floor> "));
	free(line);
	return 0;
}
