#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# progress.t: progress durable without an fsync at every step, and lessons
# read lazily.  A step's change goes in place into progress.latest; the end
# of a lesson, quit and a signal make it durable in progress (and
# progress.latest goes); after a crash a whole progress.latest wins and a
# torn one is passed over for progress.  A lesson that does not parse is
# reported when it is needed, not at start.
source "$(dirname "$0")/lib/common.sh"

rerun_in_fresh_ns

home=$TEST_TMP/home-progress
state=$home/.local/state/ipctutor
mkdir -p "$home"
run=(env -u XDG_STATE_HOME -u XDG_RUNTIME_DIR HOME="$home" LC_ALL=C "$IPCTUTOR" --reproducible)
tutor() { "${run[@]}" "$@"; }

# Three steps (1.2's prediction skipped on the way), then SIGKILL (no quit,
# no signal handler): only progress.latest.
spawn t "${run[@]}" 1
send t next next next next next    # 1.2's prediction: next twice skips it
wait_for t "Step 1.4 "
send t "explain EPERM"
wait_for t "Operation not permitted"
stop t KILL
[ ! -e "$state/progress" ] && grep -q "^position create-open 3$" "$state/progress.latest" \
	&& tail -n 1 "$state/progress.latest" | grep -qx end
ok $? "steps without quit: progress.latest holds the position (ending with end), no fsync'd progress yet"

# The next start resumes from it; its quit makes it durable.
printf 'quit\n' | tutor > "$TEST_TMP/resume" 2>&1
grep -q "Welcome back to lesson 1, .* at step 1.4" "$TEST_TMP/resume" \
	&& grep -q "^position create-open 3$" "$state/progress" && [ ! -e "$state/progress.latest" ]
ok $? "the next start resumes from progress.latest; quit writes progress and removes progress.latest"

# A torn progress.latest (cut before its end, as a crash may leave it):
# progress counts, without a word about damage.
printf 'ipctutor-progress 1\nposition create-open 6\n' > "$state/progress.latest"
printf 'quit\n' | tutor > "$TEST_TMP/torn" 2>&1
grep -q "at step 1.4" "$TEST_TMP/torn" && ! grep -qi "damaged" "$TEST_TMP/torn" && [ ! -e "$state/progress.corrupt" ]
ok $? "a torn progress.latest is passed over for progress"

# Starting and quitting at once changes nothing: nothing is written.
before=$(stat -c %Y.%i "$state/progress")
printf 'quit\n' | tutor > /dev/null 2>&1
[ "$(stat -c %Y.%i "$state/progress")" = "$before" ] && [ ! -e "$state/progress.latest" ]
ok $? "a session that changes nothing writes nothing"

# The end of a lesson is durable at once.
rm -f "$state/progress" "$state/progress.latest"
spawn t "${run[@]}" 9
send t next next next next next next next next next next next
wait_for t "finished the course"
stop t KILL
grep -q "^lesson appendix-lead [0-9]* [0-9]* [0-9]* 1 " "$state/progress" 2>/dev/null
ok $? "the end of a lesson is written to progress itself (finished), before any quit"

# Lazy lessons: a broken lesson is said when it is needed, not at start.
lessons=$TEST_TMP/lazy
mkdir -p "$lessons"
cp "$srcdir"/lessons/0[1-4]-*.md "$lessons/"
printf '# Broken\n\n## Step\n\n~~~ frob\nx\n~~~\n' > "$lessons/05-broken.md"
printf 'explain EPERM\nquit\n' | tutor --lessons "$lessons" 1 > "$TEST_TMP/lazy-start" 2>&1
! grep -q "05-broken.md" "$TEST_TMP/lazy-start" && grep -q "Operation not permitted" "$TEST_TMP/lazy-start"
ok $? "lazy lessons: a broken lesson 5 is not read at start"
printf 'goto 5\nlessons\nquit\n' | tutor --lessons "$lessons" 1 > "$TEST_TMP/lazy-goto" 2>&1
grep -q "05-broken.md:5: unknown block" "$TEST_TMP/lazy-goto" && grep -q 'There is no lesson "5"' "$TEST_TMP/lazy-goto" \
	&& grep -q "stale-id" "$TEST_TMP/lazy-goto"
ok $? "  and when it is needed (goto 5): reported as file:line, left out, the others listed"

[ -z "$(ipc_objects)" ]; ok $? "nothing left in the namespace"
done_testing
