#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# deb.t: the Debian package that `make deb` made (build/ipctutor_VERSION_ARCH.deb,
# which it keeps only when lintian found no error and no warning), from
# `make check-deb`, not `make check`: building it takes a while.
#  - it holds the program, every lesson, every exercise file, every catalog,
#    the manual page (English and translated) and the bash completion;
#  - unpacked into a scratch root (dpkg -x), with that root's /usr/share laid
#    over the machine's (an overlay in a mount namespace of the test's own),
#    the installed program finds its lessons, exercises and catalogs under
#    /usr: lesson 1 gives the golden transcript, `exercises` lists them all,
#    and --lang de speaks German;
#  - without the overlay it finds no lessons: it did not fall back on the
#    source tree.
source "$(dirname "$0")/../lib/common.sh"

LINGUAS=$(echo ${LINGUAS:-$(cat "$srcdir/po/LINGUAS")})
deb=$(ls "$BUILD"/ipctutor_*_*.deb 2>/dev/null | head -1)
if [ -z "$deb" ]; then
	for tool in dpkg-buildpackage dh lintian fakeroot; do
		if ! command -v $tool > /dev/null; then
			echo "1..0 # SKIP $tool is not installed, and make deb could not install it"
			exit 0
		fi
	done
fi
[ -f "$deb" ]; ok $? "make deb made the package, and lintian passed it (${deb##*/})"
[ -f "$deb" ] || { done_testing; exit; }

dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's,^\./,/,' > "$TEST_TMP/contents"
has() { grep -qx "$1" "$TEST_TMP/contents"; }
has /usr/bin/ipctutor; ok $? "it holds the program, /usr/bin/ipctutor"
missing=
for f in "$srcdir"/lessons/[0-9][0-9]-*.md; do
	has "/usr/share/ipctutor/lessons/${f##*/}" || missing="$missing ${f##*/}"
done
[ -z "$missing" ]; ok $? "every lesson, in /usr/share/ipctutor/lessons${missing:+ (missing:$missing)}"
missing=
for f in $(cd "$srcdir" && find exercises -type f 2>/dev/null); do
	has "/usr/share/ipctutor/$f" || missing="$missing $f"
done
[ -z "$missing" ]; ok $? "every exercise file, in /usr/share/ipctutor/exercises${missing:+ (missing:$missing)}"
missing=
for ll in $LINGUAS; do
	has "/usr/share/locale/$ll/LC_MESSAGES/ipctutor.mo" || missing="$missing $ll"
done
[ -z "$missing" ]; ok $? "a catalog for each language ($LINGUAS)${missing:+ (missing:$missing)}"
has /usr/share/man/man1/ipctutor.1.gz; ok $? "the manual page"
missing=
for ll in $LINGUAS; do
	has "/usr/share/man/$ll/man1/ipctutor.1.gz" || missing="$missing $ll"
done
[ -z "$missing" ]; ok $? "the manual page in each language${missing:+ (missing:$missing)}"
has /usr/share/bash-completion/completions/ipctutor; ok $? "the bash completion"
has /usr/share/doc/ipctutor/copyright; ok $? "the copyright file"

root=$TEST_TMP/root
dpkg -x "$deb" "$root"; ok $? "dpkg -x unpacks it into a scratch root"

# installed CMD...: run the unpacked program with the scratch root's
# /usr/share laid over the machine's, and nothing pointing at the sources.
installed() {
	local as_root=()
	[ "$(id -u)" = 0 ] || as_root=(-r)
	unshare "${as_root[@]}" -m bash -c '
		mount -t overlay overlay -o "lowerdir=$1/usr/share:/usr/share" /usr/share || exit 99
		shift
		exec "$@"' _ "$root" env -u IPCTUTOR_LESSONS -u IPCTUTOR_LOCALEDIR $(neutral_env) "$root/usr/bin/ipctutor" "$@"
}
installed --version > "$TEST_TMP/version" 2>&1
if [ $? = 99 ]; then
	skip 5 "no overlay mount in a mount namespace here: $(head -1 "$TEST_TMP/version")"
else
	grep -q "^ipctutor " "$TEST_TMP/version"; ok $? "the installed program runs"
	installed --list > "$TEST_TMP/list" 2>&1
	[ "$(grep -c ' — ' "$TEST_TMP/list")" = "$(ls "$srcdir"/lessons/[0-9][0-9]-*.md | wc -l)" ]
	ok $? "it finds its lessons under /usr/share/ipctutor (--list)" || diag < "$TEST_TMP/list"
	in=$(ls "$srcdir"/tests/golden/01-*.in)
	installed --reproducible 1 < "$in" > "$TEST_TMP/01.out" 2>&1
	st=$?
	diff -u "${in%.in}.out" "$TEST_TMP/01.out" > "$TEST_TMP/01.diff"
	[ $st = 0 ] && [ ! -s "$TEST_TMP/01.diff" ]; ok $? "lesson 1 runs from it, as its golden transcript says (exit $st)"
	head -30 "$TEST_TMP/01.diff" | diag
	if [ -d "$srcdir/exercises" ]; then
		printf 'exercises\nquit\n' | installed --reproducible > "$TEST_TMP/exercises" 2>&1
		[ "$(grep -c '^ *[0-9][0-9]* .*Exercise' "$TEST_TMP/exercises")" = "$(ls -d "$srcdir"/exercises/[0-9][0-9]-*/ | wc -l)" ]
		ok $? "it finds its exercises under /usr/share/ipctutor (exercises)" || tail -12 "$TEST_TMP/exercises" | diag
	else
		skip 1 "no exercises/ in this source"
	fi
	printf 'quit\n' | installed --lang de > "$TEST_TMP/de" 2>&1
	grep -q "Willkommen" "$TEST_TMP/de" && ! grep -q "no de translation" "$TEST_TMP/de"
	ok $? "--lang de: the German catalog from /usr/share/locale" || head -5 "$TEST_TMP/de" | diag
fi
printf 'quit\n' | env -u IPCTUTOR_LESSONS -u IPCTUTOR_LOCALEDIR $(neutral_env) "$root/usr/bin/ipctutor" > "$TEST_TMP/bare" 2>&1
grep -q "cannot read the lessons in /usr/share/ipctutor/lessons" "$TEST_TMP/bare"
ok $? "without the overlay, it looks for /usr/share/ipctutor/lessons (no fallback on the sources)" ||
	head -3 "$TEST_TMP/bare" | diag
done_testing
