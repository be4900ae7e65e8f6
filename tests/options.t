#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# options.t: the command line, GNU style: --help and --version on standard
# output with status 0, bad options on standard error with status 2,
# --list, --lang for a language without a catalog, --width limits, the
# maintainer modes (--lint, --pot, --complete, --man-commands, --book).
source "$(dirname "$0")/lib/common.sh"

run() { $(neutral_env) "$IPCTUTOR" "$@"; }

out=$(run --help); st=$?
[ $st = 0 ] && [[ $out == "Usage: ipctutor [OPTION]... [LESSON[.STEP]]"* ]] && [[ $out == *"--shared"* ]] && [[ $out == *"Exit status"* ]]
ok $? "--help: usage on standard output, status 0"
for sub in server client watch exercises exercise check solution hint trace; do
	grep -Eq "^  $sub( [^a-z ][^ ]*)* +[a-z]|^  $sub( [^a-z ][^ ]*)+\$" <<< "$out" && run $sub --help | grep -q "^Usage: ipctutor $sub"
	ok $? "--help names the subcommand $sub, which has its own --help"
done
# The exercise subcommands with their arguments, as the manual shows them.
grep -q "^  exercise N  " <<< "$out" && grep -q "^  check N \[FILE\] \[--watch\]$" <<< "$out" &&
	grep -q "^  hint N  " <<< "$out" && grep -q "^  solution N  " <<< "$out" &&
	grep -q "^  trace \[--reproducible\] -- PROGRAM \[ARG\]\.\.\.$" <<< "$out"
ok $? "--help shows the exercise subcommands with their arguments (exercise N, check N [FILE] [--watch]...)" ||
	grep -A14 "^Subcommands, for the programming" <<< "$out" | diag
for arg in bogus 99 1.99; do
	in_fresh_ns $(neutral_env) "$IPCTUTOR" "$arg" < /dev/null > "$TEST_TMP/out" 2> "$TEST_TMP/err"; st=$?
	[ $st = 2 ] && [ ! -s "$TEST_TMP/out" ] && grep -Eq "^ipctutor: (There is no lesson \"$arg\"|Lesson 1 has)" "$TEST_TMP/err"
	ok $? "a LESSON argument that names no place in the course ($arg): one sentence on standard error, status 2, nothing started"
done
out=$(printf 'help\nquit\n' | in_fresh_ns $(neutral_env) "$IPCTUTOR" 1 2>&1)
[ -z "$(grep -E '^[A-Z]' <<< "$out" | grep -v '^Step\|^Lesson\|^Welcome\|^All IPC\|^Words in' | sort | uniq -d)" ]
ok $? "help: each group of commands has one heading"
! grep -Eq '^  [^ `]' <<< "$(sed -n '/^ipctutor 1.1> help/,/^Words in/p' <<< "$out")"
ok $? "help: a command's wrapped lines are indented under it"
out=$(run --version); st=$?
[ $st = 0 ] && [[ $out == "ipctutor "[0-9]* ]] && [[ $out == *"GPLv3+"* ]]
ok $? "--version: name, version and licence, status 0"
run --frobnicate > "$TEST_TMP/out" 2> "$TEST_TMP/err"; st=$?
[ $st = 2 ] && [ ! -s "$TEST_TMP/out" ] && grep -q "Try 'ipctutor --help'" "$TEST_TMP/err"
ok $? "an unknown option: one line on standard error, status 2"
run --width 5 > /dev/null 2> "$TEST_TMP/err"; st=$?
[ $st = 2 ] && grep -q -- "--width takes a number of columns from 20 to 1000" "$TEST_TMP/err"
ok $? "--width out of range: one sentence, status 2"
out=$(run --list); st=$?
[ $st = 0 ] && [ "$(echo "$out" | grep -c ' — ')" = "$(ls "$srcdir"/lessons/[0-9][0-9]-*.md | wc -l)" ]
ok $? "--list: one line per lesson, status 0"
out=$(printf 'quit\n' | run --lang xx 2>&1); st=$?
[ $st = 0 ] && [[ $out == *"no xx translation is installed; continuing in English"* ]] && [[ $out == *"Welcome to ipctutor"* ]]
ok $? "--lang for a language with no catalog: says so in one line, goes on in English"
out=$(printf 'lang fr\nlang zz\nlang\nquit\n' | run 2>&1)
[[ $out == *"zz"*"Français."* ]] && [[ $out == *"Langue"*"fr."* ]] && [[ $out != *"Language: en"* ]]
ok $? "lang with a mistyped name: the tutor stays in the language it spoke, and says so (naming it in its own name)"
out=$(printf 'lang de\nlang zh_CN\nlang en\nquit\n' | run 2>&1)
[[ $out == *"Deutsch."* ]] && [[ $out == *"简体中文"* ]] && [[ $out == *"From now on the tutor speaks English."* ]] && [[ $out != *"speaks en."* ]]
ok $? "lang LL names the language in its own name: Deutsch, 简体中文, English" || echo "$out" | tail -8 | diag
out=$(printf 'quit\n' | env -u LC_ALL -u LANGUAGE LANG=fr_FR.UTF-8 LOCPATH=/nonexistent HOME="$TEST_TMP" "$IPCTUTOR" 2>&1); st=$?
[ $st = 0 ] && [[ $out == *"fr_FR.UTF-8"* ]] && [[ $out != *"Welcome to ipctutor"* ]]
ok $? "LANG names a locale that is not installed: one line says what the tutor does, and it speaks French"
out=$(run --complete "msgget {key} IPC_CREAT|IPC_E")
[ "$out" = "IPC_CREAT|IPC_EXCL" ]
ok $? "--complete: the completion test hook"
run --man-commands > "$TEST_TMP/man"
grep -q '^\.B msgget' "$TEST_TMP/man" && grep -q '^\.SS ' "$TEST_TMP/man"
ok $? "--man-commands: the command list of the manual page, from the command table"
printf '# T\n## S\n~~~ run\n~~~\n' > "$TEST_TMP/05-bad.md"
run --lint "$TEST_TMP/05-bad.md" 2> "$TEST_TMP/err"; st=$?
[ $st = 1 ] && grep -q "05-bad.md:3: empty block" "$TEST_TMP/err"
ok $? "--lint: a bad lesson gives file:line: reason and status 1"
run --lint "$srcdir"/lessons/[0-9][0-9]-*.md
ok $? "--lint: every lesson passes"
run --pot "$srcdir"/lessons/01-create-open.md > "$TEST_TMP/pot"
msgfmt --check -o /dev/null "$TEST_TMP/pot" 2>/dev/null; st=$?
grep -q '^#, python-brace-format' "$TEST_TMP/pot" && grep -q '^#: .*01-create-open.md:[0-9]' "$TEST_TMP/pot" && [ $st = 0 ]
ok $? "--pot: a valid template, placeholders flagged, lines referenced"
in_fresh_ns $(neutral_env) "$IPCTUTOR" --book 99 > /dev/null 2>&1; st=$?
[ $st = 2 ]
ok $? "--book with no such lesson: status 2"
in_fresh_ns $(neutral_env) "$IPCTUTOR" --book index > "$TEST_TMP/index"
grep -q '^## Chapters' "$TEST_TMP/index" && grep -q '(01-create-open.md)' "$TEST_TMP/index"
ok $? "--book index: the front page lists the chapters"
# --present: the class reads a step first; Enter runs its commands.
home=$TEST_TMP/presenter
mkdir -p "$home"
printf '\nnext\nquit\n' | in_fresh_ns env -u XDG_STATE_HOME HOME="$home" LC_ALL=C "$IPCTUTOR" --reproducible --present 1.3 > "$TEST_TMP/present" 2>&1
awk '/Enter runs these commands/ && !pause { pause = NR } /server msgget\(/ && !call { call = NR } END { exit !(pause && call > pause) }' "$TEST_TMP/present"
ok $? "--present: the commands of a step run only after Enter"
grep -q "Step 1.4 (" "$TEST_TMP/present" && [ ! -e "$home/.local/state/ipctutor/progress" ]
ok $? "--present: next goes on, and the presenter's progress is not written"
done_testing
