#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# compile.t: every exercise's starting file and reference solution compiles
# without a single warning under the flags "check N" uses (-Wall -Wextra),
# so that a learner's first check shows only their own problems.
source "$(dirname "$0")/../lib/common.sh"

need_cc "the exercises"
for file in "$srcdir"/exercises/[0-9][0-9]-*/start.c "$srcdir"/exercises/[0-9][0-9]-*/solution.c; do
	name=${file#"$srcdir"/exercises/}
	cc -Wall -Wextra -Werror -O1 -c -o "$TEST_TMP/out.o" "$file" > "$TEST_TMP/cc.log" 2>&1
	ok $? "$name compiles with -Wall -Wextra -Werror" || diag < "$TEST_TMP/cc.log"
done
done_testing
