#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# completion.t: the bash completion (build/ipctutor.bash) run the way bash
# runs it, with COMP_WORDS and COMP_CWORD set: options, subcommands, their
# own options, lesson names (asked from the program), languages; and
# make install puts it where bash-completion looks for it.
source "$(dirname "$0")/../lib/common.sh"

source "$BUILD/ipctutor.bash"
compopt() { :; }   # only meaningful inside real completion

# complete WORD...: the candidates for the last word, on one line.
complete_words() {
	COMP_WORDS=("$IPCTUTOR" "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_ipctutor
	echo "${COMPREPLY[*]}"
}

[ "$(complete_words se)" = "server server-crash" ]; ok $? "subcommand server (and lesson server-crash)"
[[ " $(complete_words '') " == *" client "*" restart "* ]]; ok $? "subcommands and lesson names: $(complete_words '')"
[[ " $(complete_words --tr) " == *" --transcript= "* ]]; ok $? "the tutor's options"
[ "$(complete_words client --n)" = "--naive" ]; ok $? "client --naive"
[ "$(complete_words server --n)" = "" ]; ok $? "no --naive for the server"
[ "$(complete_words watch --o)" = "--once" ]; ok $? "watch --once"
[ "$(complete_words --lang = f)" = "fr" ]; ok $? "--lang=f completes to a language"
[ "$(complete_words --book = in)" = "index" ]; ok $? "--book=in completes to index"
[ "$(complete_words --book sta)" = "stale-id" ]; ok $? "--book sta completes to a lesson"

# Installed into this test's folder (DESTDIR), with the PREFIX the build
# was made for (make passes it down), so nothing is built again.
dest=$TEST_TMP/inst
touch "$TEST_TMP/before-install"
make -s -C "$srcdir" BUILD="$BUILD" DESTDIR="$dest" install > "$TEST_TMP/install.log" 2>&1
ok $? "make install"
diag < "$TEST_TMP/install.log"
# (build/fuzz is left out: a fuzzing campaign may be adding to its corpus.)
[ -z "$(find "$BUILD" -path "$BUILD/fuzz" -prune -o -newer "$TEST_TMP/before-install" -print -quit)" ]
ok $? "  into DESTDIR, building nothing again"
completion=$(find "$dest" -path '*/share/bash-completion/completions/ipctutor')
[ -f "$completion" ]; ok $? "installs the completion (${completion#"$dest"})"
! grep -q "@LINGUAS@" "$completion"; ok $? "with the languages filled in"
done_testing
