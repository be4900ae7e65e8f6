#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# deps.t: what the Makefile does about missing Debian packages.  A fake
# dpkg-query (first on PATH) answers "not installed" for every package; a
# fake apt-get records each call and fails to install, so that make stops
# there; a fake sudo asks no password.  Then:
#  - a plain `make`, and `make install`, run no apt-get: they name what is
#    missing with the one apt-get command, and fail, having built nothing;
#  - NO_DEPS=1 turns installing off, and so does fakeroot (uid 0, not root);
#  - `make run`, `make check`, `make book`, `make coverage` each ask apt-get
#    for their own list and nothing else; `make deps` for every list.
# Every make here builds into this test's folder, never into build/.
source "$(dirname "$0")/lib/common.sh"

fake=$TEST_TMP/bin
mkdir -p "$fake"
cat > "$fake/dpkg-query" <<'EOF'
#!/bin/sh
echo "dpkg-query: no packages found matching $*" >&2
exit 1
EOF
cat > "$fake/apt-get" <<EOF
#!/bin/sh
echo "\$*" >> "$TEST_TMP/apt-get.log"
case \$1 in install) exit \${APT_STATUS:-100} ;; esac
EOF
cat > "$fake/sudo" <<'EOF'
#!/bin/sh
[ "$1" = -n ] && shift
exec "$@"
EOF
chmod +x "$fake"/*

# mk [VAR=VALUE...] [GOAL...]: a make of its own (nothing inherited from the
# make that runs this test) with the fakes first on PATH; the output is in
# $TEST_TMP/make.out, apt-get's calls in $TEST_TMP/apt-get.log.
mk() {
	rm -f "$TEST_TMP/apt-get.log"
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u NO_DEPS PATH="$fake:$PATH" \
		make --no-print-directory -C "$srcdir" BUILD="$TEST_TMP/build" DESTDIR="$TEST_TMP/dest" "$@" \
		> "$TEST_TMP/make.out" 2>&1
}
# installs: the packages of the apt-get install calls, one line each.
installs() {
	sed -n 's/^install -y -qq //p' "$TEST_TMP/apt-get.log" 2>/dev/null
}

mk; st=$?
[ $st != 0 ] && [ ! -e "$TEST_TMP/apt-get.log" ] && grep -qx "Run: sudo apt-get install -y gcc libreadline-dev gettext" "$TEST_TMP/make.out"
ok $? "plain make: no apt-get; it names the missing packages in one apt-get line and fails"
[ ! -e "$TEST_TMP/build/obj" ] && [ ! -e "$TEST_TMP/build/ipctutor" ]; ok $? "  having built nothing"

mk install; st=$?
[ $st != 0 ] && [ ! -e "$TEST_TMP/apt-get.log" ] && grep -q "^Run: sudo apt-get install -y" "$TEST_TMP/make.out" \
	&& [ ! -e "$TEST_TMP/dest" ]
ok $? "make install: no apt-get, nothing installed, the apt-get line"

mk NO_DEPS=1 deps; st=$?
[ $st != 0 ] && [ ! -e "$TEST_TMP/apt-get.log" ] && grep -q "^Run: sudo apt-get install -y" "$TEST_TMP/make.out"
ok $? "make deps NO_DEPS=1: no apt-get"

if command -v fakeroot > /dev/null; then
	export TEST_TMP fake srcdir
	fakeroot -- bash -c "$(declare -f mk); mk deps"; st=$?
	[ $st != 0 ] && [ ! -e "$TEST_TMP/apt-get.log" ] && grep -q "^Run: sudo apt-get install -y" "$TEST_TMP/make.out"
	ok $? "make deps under fakeroot (uid 0, not root): no apt-get"
else
	skip 1 "fakeroot is not installed"
fi

mk run; st=$?
[ $st != 0 ] && [ "$(installs)" = "gcc libreadline-dev gettext" ]
ok $? "make run: apt-get install of the build's packages only ($(installs | tr '\n' ' '))"
grep -q "installing failed" "$TEST_TMP/make.out" && grep -q "^Run: sudo apt-get install -y" "$TEST_TMP/make.out"
ok $? "  when installing fails: it says so, and the command to run"
mk check; st=$?
[ $st != 0 ] && [ "$(installs | head -1)" = "perl util-linux locales" ] && ! grep -Eq "cmark|tidy|gcovr|lintian" "$TEST_TMP/apt-get.log"
ok $? "make check: the tests' packages, no book, coverage or package tools ($(installs | tr '\n' ' '))"
mk book; st=$?
[ $st != 0 ] && [ "$(installs | head -1)" = "cmark tidy" ]; ok $? "make book: cmark and tidy ($(installs | tr '\n' ' '))"
mk coverage; st=$?
[ $st != 0 ] && [ "$(installs)" = "gcovr" ]; ok $? "make coverage: gcovr only ($(installs | tr '\n' ' '))"
APT_STATUS=0 mk deps; st=$?
[ $st = 0 ] && installs | grep -qx "gcc libreadline-dev gettext" && installs | grep -qx "cmark tidy" \
	&& installs | grep -q "lintian"
ok $? "make deps: installs every list and succeeds ($(installs | wc -l) apt-get install calls)"
done_testing
