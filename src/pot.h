/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * pot.h: the catalog extractor for lesson prose (ipctutor --pot FILE...).
 * It uses the tutor's own parser, so every paragraph the tutor will pass to
 * gettext() is extracted, with its file:line and TRANSLATORS note.
 */
#ifndef IPCTUTOR_POT_H
#define IPCTUTOR_POT_H

/* Write a PO template for the lesson files to standard output.  Returns 0,
 * or 1 if a lesson does not parse (reported on standard error). */
int pot_write(int nfiles, char **files);

#endif
