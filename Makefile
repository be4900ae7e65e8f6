# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# The only build file.  GNU conventions: PREFIX, DESTDIR, V=1 for the full
# commands; everything built goes under build/.  What the Debian packages
# a target needs: see "what each target needs" below.
#
#   make run        build and start the tutor (lesson 1, or where you stopped)
#   make check      build and run every test (unit, golden, pty, leak, po)
#   make check-asan the same tests with AddressSanitizer and UBSan
#   make deps       install every package any target needs
#   make deb        the Debian package ipctutor_VERSION_ARCH.deb
#   make install / uninstall / dist / clean / pot / update-po / bench

PACKAGE = ipctutor
SHELL = /bin/bash
VERSION = 0.1.0

PREFIX ?= /usr/local
prefix = $(PREFIX)
bindir = $(prefix)/bin
datadir = $(prefix)/share
localedir = $(datadir)/locale
mandir = $(datadir)/man
pkgdatadir = $(datadir)/$(PACKAGE)
completionsdir = $(datadir)/bash-completion/completions

CC ?= cc
BUILD ?= build
WARNINGS = -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wstrict-prototypes \
	-Wmissing-prototypes -Wpointer-arith -Wcast-qual -Wundef -Wvla -Wnull-dereference
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=gnu11 $(WARNINGS) $(CPPFLAGS) $(CFLAGS) $(EXTRA_CFLAGS) \
	-DVERSION='"$(VERSION)"' -DLOCALEDIR='"$(localedir)"' \
	-DLESSONDIR='"$(pkgdatadir)/lessons"' -DEXERCISEDIR='"$(pkgdatadir)/exercises"' -Isrc -Itests/lib
LDLIBS = -lreadline
EXTRA_LDFLAGS ?=

ifeq ($(V),1)
Q =
say = @:
else
Q = @
say = @printf '  %-8s %s\n'
endif

SOURCES = $(wildcard src/*.c)
LIB_SOURCES = $(filter-out src/main.c,$(SOURCES))
OBJECTS = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SOURCES))
LIB_OBJECTS = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SOURCES))
UNIT_SOURCES = $(wildcard tests/unit/*.c)
UNIT_TESTS = $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(UNIT_SOURCES))
LESSONS = $(wildcard lessons/[0-9][0-9]-*.md)
EXERCISE_TEXTS = $(wildcard exercises/[0-9][0-9]-*/README.md)
EXERCISE_FILES = $(shell find exercises -type f 2>/dev/null | LC_ALL=C sort)
LINGUAS = $(shell cat po/LINGUAS 2>/dev/null)
CATALOGS = $(patsubst %,$(BUILD)/locale/%/LC_MESSAGES/$(PACKAGE).mo,$(LINGUAS) en@pseudo)
# The translated manual pages (po/man/: made with po4a by make man-po).
MANPAGES = $(patsubst %,$(BUILD)/man/%/$(PACKAGE).1,$(LINGUAS))

.PHONY: FORCE check-leaks coverage fuzz bench book book-record book-pdf man-po all run check check-asan check-valgrind unit install uninstall dist clean pot \
	update-po po-init lint bench deps deb check-deb
.DELETE_ON_ERROR:

TOOLS = $(BUILD)/ptydrive $(BUILD)/waitall $(BUILD)/staleprobe $(BUILD)/errinject $(BUILD)/noptrace
all: $(BUILD)/$(PACKAGE) $(TOOLS) $(CATALOGS) $(BUILD)/$(PACKAGE).1 $(MANPAGES) $(BUILD)/$(PACKAGE).bash

# ---- what each target needs ----------------------------------------------

# The Debian packages each target needs, asked of dpkg-query.  A plain
# `make` (and `make install`) only checks: it names what is missing with
# the one apt-get command to run, and stops.  The goals in INSTALL_GOALS
# install their own list with apt-get when make runs as root or with sudo
# that asks no password; never under fakeroot (uid 0, but not root), never
# with NO_DEPS=1.
BUILD_NEEDS = gcc libreadline-dev gettext
TEST_NEEDS = perl util-linux locales
BOOK_NEEDS = cmark tidy
PDF_NEEDS = weasyprint poppler-utils fonts-wqy-microhei
MAN_NEEDS = po4a
LINT_NEEDS = cppcheck clang-tidy
COVERAGE_NEEDS = gcovr
FUZZ_NEEDS = clang
DEB_NEEDS = dpkg-dev debhelper fakeroot lintian
INSTALL_GOALS = run check check-deb check-asan check-leaks check-valgrind deps book book-pdf man-po lint coverage fuzz bench deb
ifeq ($(NO_DEPS),)
may_install = $(if $(filter $(INSTALL_GOALS),$(MAKECMDGOALS)),yes)
endif

# $(call need,PACKAGES,WHAT): check PACKAGES (for WHAT); install the
# missing ones when this make may, or say the command and fail.  Two lists
# checked at once (make -j) take turns at apt-get (flock).
define need
	$(Q)command -v dpkg-query >/dev/null || exit 0; missing=; \
	for p in $(1); do [ "$$(dpkg-query -W -f='$${db:Status-Status}' $$p 2>/dev/null)" = installed ] || missing="$$missing $$p"; done; \
	[ -n "$$missing" ] || exit 0; \
	echo "ipctutor: $(2) needs these Debian packages:$$missing"; \
	if [ "$(may_install)" = yes ]; then \
	  if [ "$$(id -u)" = 0 ]; then sudo=; [ -z "$$FAKEROOTKEY" ] || sudo=no; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=sudo; else sudo=no; fi; \
	  if [ "$$sudo" != no ]; then mkdir -p $(BUILD); lock="flock $(BUILD)/.apt.lock $$sudo env DEBIAN_FRONTEND=noninteractive"; \
	    $$lock apt-get update -qq && $$lock apt-get install -y -qq$$missing </dev/null && exit 0; \
	    echo "ipctutor: installing failed."; fi; \
	fi; \
	echo "Run: sudo apt-get install -y$$missing"; exit 1
endef

.PHONY: need-build need-test need-book need-pdf need-man need-lint need-coverage need-fuzz need-deb
need-build:
	$(call need,$(BUILD_NEEDS),the build)
need-test:
	$(call need,$(TEST_NEEDS),make check)
need-book:
	$(call need,$(BOOK_NEEDS),make book)
need-pdf:
	$(call need,$(PDF_NEEDS),make book-pdf)
need-man:
	$(call need,$(MAN_NEEDS),make man-po)
need-lint:
	$(call need,$(LINT_NEEDS),make lint)
need-coverage:
	$(call need,$(COVERAGE_NEEDS),make coverage)
need-fuzz:
	$(call need,$(FUZZ_NEEDS),make fuzz)
need-deb:
	$(call need,$(DEB_NEEDS),make deb)

deps: need-build need-test need-book need-pdf need-man need-lint need-coverage need-fuzz need-deb

# ---- the program ----------------------------------------------------------

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) | need-build
	$(say) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The installation paths are compiled in: rebuild what uses them when
# PREFIX (or another directory) changes.
$(BUILD)/paths: FORCE | need-build
	$(Q)mkdir -p $(@D)
	$(Q)echo '$(localedir) $(pkgdatadir)' | cmp -s - $@ 2>/dev/null || echo '$(localedir) $(pkgdatadir)' > $@
$(BUILD)/obj/main.o $(BUILD)/obj/i18n.o $(BUILD)/obj/exercise.o: $(BUILD)/paths
FORCE:

$(BUILD)/lib$(PACKAGE).a: $(LIB_OBJECTS)
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/$(PACKAGE): $(BUILD)/obj/main.o $(BUILD)/lib$(PACKAGE).a
	$(say) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(EXTRA_LDFLAGS) -o $@ $^ $(LDLIBS)

# The test tools are built plainly, also for check-asan: they drive the
# program under test, they are not it.
TOOL_CFLAGS = -std=gnu11 $(WARNINGS) -O2 -g

$(BUILD)/ptydrive: tests/lib/ptydrive.c | need-build
	$(say) CC $@
	$(Q)$(CC) $(TOOL_CFLAGS) -o $@ $< -lutil

$(BUILD)/waitall $(BUILD)/staleprobe $(BUILD)/errinject $(BUILD)/noptrace: $(BUILD)/%: tests/lib/%.c | need-build
	$(say) CC $@
	$(Q)$(CC) $(TOOL_CFLAGS) -o $@ $<

$(BUILD)/tests/unit/%: tests/unit/%.c $(BUILD)/lib$(PACKAGE).a tests/lib/tap.h
	$(say) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(EXTRA_LDFLAGS) -o $@ $< $(BUILD)/lib$(PACKAGE).a $(LDLIBS)
$(BUILD)/tests/unit/test-fuzz-replay $(BUILD)/tests/unit/test-catalog-formats: tests/fuzz/harness.h

$(BUILD)/$(PACKAGE).1: src/$(PACKAGE).1.in $(BUILD)/$(PACKAGE)
	$(say) MAN $@
	$(Q)$(BUILD)/$(PACKAGE) --man-commands > $@.commands
	$(Q)sed -e '/@COMMANDS@/{r $@.commands' -e 'd}' -e 's/@VERSION@/$(VERSION)/' $< > $@
	$(Q)rm -f $@.commands

# A translated page: po4a translated the prose (po/man/LL.po); the command
# list comes from the tutor's own catalog, as in the English page.
$(BUILD)/man/%/$(PACKAGE).1: po/man/$(PACKAGE).%.1.in $(BUILD)/$(PACKAGE) $(CATALOGS)
	$(say) MAN $@
	$(Q)mkdir -p $(@D)
	$(Q)$(BUILD)/$(PACKAGE) --lang $* --man-commands > $@.commands
	$(Q)sed -e '/@COMMANDS@/{r $@.commands' -e 'd}' -e 's/@VERSION@/$(VERSION)/' $< | \
	  perl -CSD -pe '$(CJK_BREAKS)' > $@
	$(Q)rm -f $@.commands

# groff breaks lines only at spaces: in Chinese text, allow a break (\:)
# after each CJK character or punctuation mark, and do not justify.
CJK_BREAKS = next if /^\.\\"/; $$_ .= ".ad l\n" if /^\.TH/; next if /^\.TH/; \
  s/([\x{3000}-\x{303f}\x{4e00}-\x{9fff}\x{ff00}-\x{ffef}])/$$1\\:/g

# po/man/: the manual's template, catalogs and translated pages, after a
# change of src/ipctutor.1.in (needs po4a; then translate po/man/LL.po and
# run it again).
man-po: need-man
	$(Q)po4a po/man/po4a.cfg

# Bash completion, with the languages filled in.
$(BUILD)/$(PACKAGE).bash: src/$(PACKAGE).bash po/LINGUAS | need-build
	$(say) GEN $@
	$(Q)sed 's/@LINGUAS@/$(LINGUAS)/' $< > $@

run: need-build all
	$(Q)IPCTUTOR_LESSONS=lessons IPCTUTOR_EXERCISES=exercises IPCTUTOR_LOCALEDIR=$(BUILD)/locale $(BUILD)/$(PACKAGE) $(ARGS)

# ---- translations ---------------------------------------------------------

$(BUILD)/locale/%/LC_MESSAGES/$(PACKAGE).mo: po/%.po | need-build
	$(say) MSGFMT $@
	$(Q)mkdir -p $(@D)
	$(Q)msgfmt --check -o $@ $<

# The pseudo-language: every message wrapped in ⟦ ⟧, to prove in tests that
# every sentence shown goes through gettext.
$(BUILD)/po/en@pseudo.po: po/$(PACKAGE).pot tests/lib/pseudo.sed | need-build
	$(say) PSEUDO $@
	$(Q)mkdir -p $(@D)
	$(Q)msgen --no-wrap $< | msgfilter --keep-header --no-wrap sed -f tests/lib/pseudo.sed | \
	  sed -e 's/charset=CHARSET/charset=UTF-8/' -e 's/^"Language: \\n"/"Language: en@pseudo\\n"/' \
	    -e 's/^"PO-Revision-Date: YEAR.*/"PO-Revision-Date: 2026-01-01 00:00+0000\\n"/' \
	    -e 's/^"Last-Translator: FULL NAME.*/"Last-Translator: generated by make\\n"/' \
	    -e 's/^"Language-Team: LANGUAGE.*/"Language-Team: none\\n"/' > $@

$(BUILD)/locale/en@pseudo/LC_MESSAGES/$(PACKAGE).mo: $(BUILD)/po/en@pseudo.po
	$(say) MSGFMT $@
	$(Q)mkdir -p $(@D)
	$(Q)msgfmt --check -o $@ $<

# One catalog for program and lessons: xgettext for C, the tutor's own
# parser for the lessons, merged.  C references name the file only: with
# line numbers, every edit above a sentence changed all five catalogs.
$(BUILD)/po/all.pot: $(SOURCES) $(LESSONS) $(EXERCISE_TEXTS) $(BUILD)/$(PACKAGE)
	$(say) POT $@
	$(Q)mkdir -p $(@D)
	$(Q)xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	  --add-comments=TRANSLATORS: --package-name=$(PACKAGE) --package-version=$(VERSION) \
	  --msgid-bugs-address='the ipctutor issue tracker' --copyright-holder='The ipctutor authors' \
	  --add-location=file --sort-by-file -o $(BUILD)/po/c.pot $(SOURCES)
	$(Q)$(BUILD)/$(PACKAGE) --pot $(LESSONS) $(EXERCISE_TEXTS) > $(BUILD)/po/lessons.pot
	$(Q)msgcat --use-first -o $@ $(BUILD)/po/c.pot $(BUILD)/po/lessons.pot

pot: $(BUILD)/po/all.pot
	$(Q)if [ -f po/$(PACKAGE).pot ] && diff -q -I '^"POT-Creation-Date:' po/$(PACKAGE).pot $< >/dev/null; then \
	  echo "po/$(PACKAGE).pot is up to date"; else cp $< po/$(PACKAGE).pot; echo "po/$(PACKAGE).pot updated"; fi

update-po: pot
	$(Q)for l in $(LINGUAS); do msgmerge --quiet --update --backup=none po/$$l.po po/$(PACKAGE).pot && \
	  msgfmt --check --statistics -o /dev/null po/$$l.po; done

po-init: pot
	$(Q)[ -n "$(LL)" ] || { echo "usage: make po-init LL=xx"; exit 1; }
	$(Q)msginit --no-translator --locale=$(LL) -i po/$(PACKAGE).pot -o po/$(LL).po
	$(Q)grep -qx '$(LL)' po/LINGUAS || echo '$(LL)' >> po/LINGUAS

# ---- fuzzing --------------------------------------------------------------

# libFuzzer harnesses (clang) for the lesson parser, the command-line
# parsing, a hostile catalog's translations and save's paths
# (tests/fuzz/harness.h).  New interesting inputs go to
# build/fuzz/corpus-*; a crash, or an input that takes over 30 s, is
# written to tests/fuzz/crashes/, to be committed: test-fuzz-replay replays
# it forever.
FUZZ_SECONDS ?= 60
# A campaign draws a new seed each run; CI gives FUZZ_SEED=1 so that its
# short smoke explores the same inputs on every run and a red CI names a
# change, not a lucky draw (long campaigns, run by hand, find the rest).
FUZZ_SEED ?= 0
FUZZ_CC = clang
FUZZ_FLAGS = -std=gnu11 -g -O1 -Isrc -Itests/lib -DVERSION='"fuzz"' -fsanitize=address,undefined
FUZZ_OBJECTS = $(patsubst src/%.c,$(BUILD)/fuzz/obj/%.o,$(LIB_SOURCES))
$(BUILD)/fuzz/obj/%.o: src/%.c $(wildcard src/*.h) | need-build
	$(Q)mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
# Kept, so that a later make fuzz rebuilds only what changed.
.SECONDARY: $(FUZZ_OBJECTS)
$(BUILD)/fuzz/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/harness.h $(FUZZ_OBJECTS)
	$(say) FUZZ $@
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJECTS) -lreadline
fuzz: need-fuzz $(BUILD)/fuzz/fuzz-lesson $(BUILD)/fuzz/fuzz-command $(BUILD)/fuzz/fuzz-catalog $(BUILD)/fuzz/fuzz-save
	$(Q)mkdir -p tests/fuzz/crashes
	$(Q)for h in lesson command catalog save; do mkdir -p $(BUILD)/fuzz/corpus-$$h; \
	  $(BUILD)/fuzz/fuzz-$$h -seed=$(FUZZ_SEED) -max_total_time=$(FUZZ_SECONDS) -timeout=30 -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix=tests/fuzz/crashes/$$h- $(BUILD)/fuzz/corpus-$$h tests/fuzz/corpus/$$h \
	    2>&1 | grep -E '^(stat::number_of_executed_units|stat::new_units_added|==[0-9]+==|SUMMARY)' \
	    | sed "s/^/$$h: /"; test $${PIPESTATUS[0]} = 0 || exit 1; done

# ---- the benchmark --------------------------------------------------------

$(BUILD)/bench/benchtool: tests/bench/benchtool.c tests/bench/timing.h | need-build
	$(say) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(TOOL_CFLAGS) -o $@ $< -lutil

$(BUILD)/bench/floor: tests/bench/floor.c | need-build
	$(say) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(TOOL_CFLAGS) -o $@ $< -lreadline

$(BUILD)/bench/classbench: tests/bench/classbench.c tests/bench/timing.h | $(DEPS_STAMP)
	$(say) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(TOOL_CFLAGS) -o $@ $<

bench: all $(BUILD)/bench/benchtool $(BUILD)/bench/floor $(BUILD)/bench/classbench
	$(Q)BUILD=$(BUILD) tests/bench/bench.sh

# ---- the book -------------------------------------------------------------

# book/LL/: a Markdown chapter per lesson with real transcripts, a front
# page, and one printable HTML page, for English and every translation.
BOOK_LANGS = en $(LINGUAS)
book: need-book all
	$(Q)env -u XDG_RUNTIME_DIR LC_ALL=C IPCTUTOR_LOCALEDIR=$(BUILD)/locale \
	  book/build.sh $(BUILD)/$(PACKAGE) lessons book $(BOOK_LANGS)
	@echo "book/: $(BOOK_LANGS)"

# book/recorded-run.txt: the kernel and machine the book names, and the
# figures of one real restartcost run (make book never measures, so that it
# gives the same book on every machine).  Then make book.
book-record: all
	$(Q)book/record.sh $(BUILD)/$(PACKAGE) lessons 100 > book/recorded-run.txt.tmp
	$(Q)mv book/recorded-run.txt.tmp book/recorded-run.txt
	@cat book/recorded-run.txt

# book/LL/ipctutor.pdf is not committed: make book-pdf prints each language's
# HTML with WeasyPrint (page numbers in the contents), into the build tree.
book-pdf: need-pdf book
	$(Q)mkdir -p $(BUILD)/book
	$(Q)for ll in $(BOOK_LANGS); do \
	  weasyprint -q book/$$ll/ipctutor.html $(BUILD)/book/ipctutor-$$ll.pdf || exit 1; \
	  echo "$(BUILD)/book/ipctutor-$$ll.pdf"; done

# ---- locales for the tests ------------------------------------------------

# Each translation's locale, built into the build tree (no root, nothing
# installed): the language tests run with LOCPATH pointing here, as on a
# learner's machine that has the locale.  fr -> fr_FR.UTF-8, zh_CN as is.
locale_of = $(if $(findstring _,$(1)),$(1),$(1)_$(shell echo $(1) | tr a-z A-Z))
TEST_LOCALES = $(foreach l,$(LINGUAS),$(BUILD)/locales/$(call locale_of,$(l)).UTF-8)
$(BUILD)/locales/%.UTF-8: | need-test
	$(say) LOCALE $@
	$(Q)mkdir -p $(@D)
	$(Q)localedef -i $* -f UTF-8 $@ 2>/dev/null || [ -f $@/LC_CTYPE ]

# ---- tests ----------------------------------------------------------------

TEST_ENV = IPCTUTOR=$(abspath $(BUILD)/$(PACKAGE)) PTYDRIVE=$(abspath $(BUILD)/ptydrive) \
	WAITALL=$(abspath $(BUILD)/waitall) STALEPROBE=$(abspath $(BUILD)/staleprobe) ERRINJECT=$(abspath $(BUILD)/errinject) NOPTRACE=$(abspath $(BUILD)/noptrace) \
	IPCTUTOR_LESSONS=$(abspath lessons) IPCTUTOR_EXERCISES=$(abspath exercises) IPCTUTOR_LOCALEDIR=$(abspath $(BUILD)/locale) \
	BUILD=$(abspath $(BUILD)) srcdir=$(abspath .) LC_ALL=C LINGUAS='$(LINGUAS)' 

check: need-test all $(UNIT_TESTS) $(BUILD)/po/all.pot $(TEST_LOCALES)
	$(Q)$(TEST_ENV) prove $(if $(V),-v) --exec '' $(UNIT_TESTS)
	$(Q)$(TEST_ENV) prove $(if $(V),-v) tests/*.t tests/golden/*.t tests/pty/*.t tests/leak/leak.t tests/classroom/*.t tests/exercises/*.t tests/po/*.t

check-asan:
	$(Q)$(MAKE) --no-print-directory BUILD=build/asan CFLAGS='-O1 -g -fno-omit-frame-pointer' \
	  EXTRA_CFLAGS='-fsanitize=address,undefined -fno-sanitize-recover=undefined' \
	  EXTRA_LDFLAGS='-fsanitize=address,undefined' check

# Line coverage of src/ over the whole test suite (gcovr); the goal is 85%.
coverage: need-coverage
	$(Q)rm -rf build/coverage
	$(Q)$(MAKE) --no-print-directory BUILD=build/coverage CFLAGS='-O0 -g --coverage -DIPCTUTOR_COVERAGE' \
	  EXTRA_LDFLAGS='--coverage' check; status=$$?; \
	gcovr --root . --filter 'src/' --object-directory build/coverage/obj \
	  --print-summary --txt build/coverage/summary.txt | tail -3; \
	echo "per file: build/coverage/summary.txt"; exit $$status

# Every step of every lesson, ended by SIGKILL (--shared) and SIGTERM
# (private), and LEAK_RUNS (120) kill -9 at moments a PRNG seeded with
# LEAK_SEED chooses (churn, --lead, the classroom server included): a few
# minutes, so not part of check; CI runs it.
check-leaks: need-test all
	$(Q)$(TEST_ENV) prove tests/leak/steps.t tests/leak/random.t

check-valgrind: need-test all $(UNIT_TESTS)
	$(Q)$(TEST_ENV) IPCTUTOR_WRAPPER='valgrind -q --error-exitcode=99 --leak-check=full' \
	  prove tests/golden/*.t

# Zero findings expected: the lesson linter, cppcheck, gcc's analyzer and
# clang-tidy with the checks of .clang-tidy.
LINT_DEFS = -std=gnu11 -Isrc -DVERSION='"lint"'
lint: need-lint all
	$(Q)$(BUILD)/$(PACKAGE) --lint $(LESSONS) $(EXERCISE_TEXTS)
	$(say) CPPCHECK src
	$(Q)cppcheck --quiet --error-exitcode=1 --inline-suppr --std=c11 -D_GNU_SOURCE -Isrc \
	  --enable=warning,style,performance,portability --suppress=missingIncludeSystem \
	  --suppress=variableScope --suppress=redundantContinue $(SOURCES)
	$(say) ANALYZER src
	$(Q)for f in $(SOURCES); do $(CC) $(LINT_DEFS) -fanalyzer -Werror -O1 -c -o /dev/null $$f || exit 1; done
	$(say) TIDY src
	$(Q)clang-tidy --quiet $(SOURCES) -- $(LINT_DEFS) 2>&1 | grep -v 'warnings generated' ; \
	  test $${PIPESTATUS[0]} = 0

# ---- install --------------------------------------------------------------

install: all
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(pkgdatadir)/lessons $(DESTDIR)$(mandir)/man1
	install -m 755 $(BUILD)/$(PACKAGE) $(DESTDIR)$(bindir)/$(PACKAGE)
	install -m 644 $(LESSONS) $(DESTDIR)$(pkgdatadir)/lessons/
	install -m 644 $(BUILD)/$(PACKAGE).1 $(DESTDIR)$(mandir)/man1/$(PACKAGE).1
	install -d $(DESTDIR)$(completionsdir)
	install -m 644 $(BUILD)/$(PACKAGE).bash $(DESTDIR)$(completionsdir)/$(PACKAGE)
	for l in $(LINGUAS); do \
	  install -d $(DESTDIR)$(localedir)/$$l/LC_MESSAGES && \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/$(PACKAGE).mo $(DESTDIR)$(localedir)/$$l/LC_MESSAGES/ && \
	  install -d $(DESTDIR)$(mandir)/$$l/man1 && \
	  install -m 644 $(BUILD)/man/$$l/$(PACKAGE).1 $(DESTDIR)$(mandir)/$$l/man1/$(PACKAGE).1 || exit 1; done
	for f in $(EXERCISE_FILES); do install -D -m 644 $$f $(DESTDIR)$(pkgdatadir)/$$f || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(bindir)/$(PACKAGE) $(DESTDIR)$(mandir)/man1/$(PACKAGE).1
	rm -f $(DESTDIR)$(completionsdir)/$(PACKAGE)
	rm -f $(patsubst lessons/%,$(DESTDIR)$(pkgdatadir)/lessons/%,$(LESSONS))
	rm -rf $(DESTDIR)$(pkgdatadir)/exercises
	-rmdir $(DESTDIR)$(pkgdatadir)/lessons $(DESTDIR)$(pkgdatadir)
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(localedir)/$$l/LC_MESSAGES/$(PACKAGE).mo \
	  $(DESTDIR)$(mandir)/$$l/man1/$(PACKAGE).1; done

dist:
	$(Q)rm -rf $(BUILD)/$(PACKAGE)-$(VERSION)
	$(Q)mkdir -p $(BUILD)/$(PACKAGE)-$(VERSION)
	$(Q)git ls-files | tar -cf - -T - | tar -xf - -C $(BUILD)/$(PACKAGE)-$(VERSION)
	$(Q)tar -czf $(PACKAGE)-$(VERSION).tar.gz -C $(BUILD) $(PACKAGE)-$(VERSION)
	@echo "$(PACKAGE)-$(VERSION).tar.gz"

# ---- the Debian package ---------------------------------------------------

# build/ipctutor_VERSION_ARCH.deb, made with debhelper (debian/) from a
# clean copy of the tracked files, by an ordinary user: when make runs as
# root, the copy is given to uid 65534 in a temporary folder it can reach.
# lintian must find no error and no warning (overrides, each with its
# reason, are in debian/).  The package tools come with `make deb` (see
# DEB_NEEDS).
DEB_ARCH = $(shell dpkg --print-architecture 2>/dev/null)
DEB = $(PACKAGE)_$(VERSION)_$(DEB_ARCH).deb
deb: need-deb
	$(Q)rm -rf $(BUILD)/deb && mkdir -p $(BUILD)/deb
	$(Q)set -e; top=$$(mktemp -d /tmp/$(PACKAGE)-deb.XXXXXX); trap 'rm -rf "$$top"' EXIT; \
	mkdir "$$top/$(PACKAGE)-$(VERSION)"; \
	{ git ls-files --cached --others --exclude-standard 2>/dev/null || find . -path ./$(BUILD) -prune -o -type f -print; } | \
	  tar -cf - -T - | tar -xf - -C "$$top/$(PACKAGE)-$(VERSION)"; \
	as=; if [ "$$(id -u)" = 0 ] && [ -z "$$FAKEROOTKEY" ]; then \
	  chmod 755 "$$top"; chown -R 65534:65534 "$$top"; \
	  as="setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=$$top"; fi; \
	echo "  DEB      $(DEB) (as uid $$($$as id -u), in a clean copy)"; \
	(cd "$$top/$(PACKAGE)-$(VERSION)" && env -u MAKEFLAGS -u MAKELEVEL $$as \
	  dpkg-buildpackage -us -uc -rfakeroot) > $(BUILD)/deb/build.log 2>&1 || \
	  { tail -30 $(BUILD)/deb/build.log; exit 1; }; \
	echo "  LINTIAN  $(PACKAGE)_$(VERSION)_$(DEB_ARCH).changes"; \
	(cd "$$top" && $$as lintian --fail-on error,warning --info $(PACKAGE)_$(VERSION)_$(DEB_ARCH).changes) \
	  > $(BUILD)/deb/lintian.log 2>&1 || { cat $(BUILD)/deb/lintian.log; exit 1; }; \
	cat $(BUILD)/deb/lintian.log; \
	cp "$$top"/*.deb "$$top"/*.changes "$$top"/*.buildinfo "$$top"/*.dsc "$$top"/*.tar.* $(BUILD)/deb/
	$(Q)cp $(BUILD)/deb/$(DEB) $(BUILD)/$(DEB)
	@echo "$(BUILD)/$(DEB)"

# The package unpacked into a scratch root and run from there
# (tests/deb/deb.t): not part of check, since it builds everything again;
# CI runs it.  When the package tools are missing and cannot be installed,
# the test says SKIP.
check-deb: need-test
	$(Q)rm -f $(BUILD)/$(DEB)
	$(Q)$(MAKE) --no-print-directory deb || command -v dpkg-buildpackage >/dev/null || \
	  echo "make check-deb: no package tools, so tests/deb/deb.t will say SKIP"
	$(Q)$(TEST_ENV) prove $(if $(V),-v) tests/deb/deb.t

clean:
	rm -rf $(BUILD) $(PACKAGE)-*.tar.gz
