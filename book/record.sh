#!/bin/sh
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# record.sh: record the one run the book names (book/recorded-run.txt, read
# by src/book_record.c): this machine's kernel and processor, and the
# figures of one real `restartcost` run.  `make book-record` runs it; `make
# book` never does, so the book stays the same on every machine.  Usage:
#     record.sh IPCTUTOR LESSONDIR RESTARTS > recorded-run.txt
set -eu
tutor=$1 lessons=$2 restarts=$3
release=$(uname -r)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
cores=$(getconf _NPROCESSORS_ONLN)
figures=$(printf 'restartcost %s\n' "$restarts" |
	LC_ALL=C "$tutor" --lessons "$lessons" --lang en --width 200 2>/dev/null |
	sed -n 's/.*: median \([0-9]*\), 99th percentile \([0-9]*\).*/\1 \2/p' | tr '\n' ' ')
set -- $figures
[ $# -eq 12 ] || { echo "record.sh: restartcost gave no figures" >&2; exit 1; }
cat <<END
# The one recorded run that the book names (book_record.c): the kernel its
# transcripts were recorded on, the machine, and the figures of one
# restartcost run.  \`make book-record\` rewrites it from a real run.
kernel ${release%%-*}
machine ${cpu:-?}, $cores cores
restarts $restarts
queue $1 $2 $3 $4 $5 $6
socket $7 $8 $9 ${10} ${11} ${12}
END
