#!/usr/bin/env bash
# ipctutor - learn how System V IPC identifiers behave across server restarts.
# Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
#
# paths.t: every path through a lesson is a good lesson (issue 11).  The
# whole course walked with next alone (every question skipped): exit 0, no
# failed expectation, and every skipped prediction's call made and shown.
# Every lesson walked with again, and back then next, at every step: no
# failed expectation.  A question answered three times counts once; a
# skipped question shows in the score; a wrong answer gives its reason and
# another try; a prediction takes the outcome's name; a question's hints
# come one at a time.
source "$(dirname "$0")/lib/common.sh"

# Its own namespace, so that "no object is left" looks at this test's
# objects only, not at those of whatever else runs on the machine.
rerun_in_fresh_ns

# tutor [ARGS...] < INPUT: a batch session in a fresh namespace, in a
# neutral environment whose HOME (and progress) is $HOME_DIR.
HOME_DIR=$TEST_TMP/home
mkdir -p "$HOME_DIR"
tutor() {
	in_fresh_ns env -u XDG_STATE_HOME -u XDG_RUNTIME_DIR -u LANGUAGE -u LANG -u LC_MESSAGES \
		HOME="$HOME_DIR" LC_ALL=C NO_COLOR=1 TERM=dumb "$IPCTUTOR" --reproducible "$@"
}

# --- next alone, from lesson 1 to the end of the course -----------------
{ for i in $(seq 400); do echo next; done; echo quit; } | tutor 1 > "$TEST_TMP/next.out" 2>&1
ok $? "the course walked with next alone exits 0"
! grep -q "This step expected" "$TEST_TMP/next.out"
ok $? "no step expected what it did not find"
grep -q "You have finished the course" "$TEST_TMP/next.out"
ok $? "the walk reaches the end of the course"
predictions=$(cat "$IPCTUTOR_LESSONS"/[0-9][0-9]-*.md | grep -c '^~~~ predict')
skipped=$(grep -c '^Skipped: the kernel answered ' "$TEST_TMP/next.out")
[ "$predictions" -gt 0 ] && [ "$skipped" = "$predictions" ]
ok $? "each of the $predictions predictions, skipped, was still put to the kernel ($skipped)"
# The line before each "Skipped: the kernel answered X" is the call's
# explanation or the call itself: a call line of some process shows X.
awk '/^  [a-z0-9]+ +[a-z<]/ { last = $0 } /^Skipped: the kernel answered / { o = $5; sub(/\.$/, "", o); if ((o == "ok" && last !~ / = -1 /) || index(last, " " o " ")) n++; else { print "no call for: " $0; bad = 1 } } END { exit bad }' \
	<(unwrap_calls < "$TEST_TMP/next.out") > "$TEST_TMP/calls" 2>&1
ok $? "each skipped prediction's call is visible, with the outcome the kernel gave"
[ -s "$TEST_TMP/calls" ] && diag < "$TEST_TMP/calls"
grep -q "Right at the first try: 0/[0-9]*, [0-9]* skipped" "$TEST_TMP/next.out"
ok $? "the course's end gives the total, skipped questions said"
rm -rf "$HOME_DIR" && mkdir -p "$HOME_DIR"

# --- again, and back then next, at every step of every lesson -----------
# A step with Q questions is finished by 2Q nexts (each question: a
# warning, then the skip), and one more next goes on.
for f in "$IPCTUTOR_LESSONS"/[0-9][0-9]-*.md; do
	n=$(basename "$f" | cut -c1-2)
	n=$((10#$n))
	read -r -a q < <(awk '/^## /{s++} /^~~~ (quiz|predict)/{if (s) q[s]++} END{for(i=1;i<=s;i++) printf "%d ", q[i]+0}' "$f")
	nexts() { for ((k = 0; k < $1; k++)); do echo next; done; }
	{
		echo "goto $n"
		for ((s = 0; s < ${#q[@]}; s++)); do
			echo again
			nexts $((2 * q[s]))
			if [ "$s" -gt 0 ]; then
				echo back
				nexts $((2 * q[s - 1] + 1))
				nexts $((2 * q[s]))
			fi
			[ $((s + 1)) -lt ${#q[@]} ] && echo next
		done
		echo quit
	} > "$TEST_TMP/walk-$n.in"
	tutor < "$TEST_TMP/walk-$n.in" > "$TEST_TMP/walk-$n.out" 2>&1
	status=$?
	failed=$(grep -c "This step expected" "$TEST_TMP/walk-$n.out")
	steps=$(grep -c "^ipctutor [0-9.]*?*> again" "$TEST_TMP/walk-$n.out")
	[ "$status" = 0 ] && [ "$failed" = 0 ] && [ "$steps" = "${#q[@]}" ]
	ok $? "lesson $n: again, and back then next, at each of its ${#q[@]} steps ($steps): exit $status, $failed failed expectations"
	[ "$failed" = 0 ] || grep -B3 "This step expected" "$TEST_TMP/walk-$n.out" | head -20 | diag
	rm -rf "$HOME_DIR" && mkdir -p "$HOME_DIR"
done

# --- leaving a question open for the next step, by goto ----------------
# The rest of the step after its question has not run: the next step's
# world must be rebuilt, not taken as it stands.
{
	for f in "$IPCTUTOR_LESSONS"/[0-9][0-9]-*.md; do
		n=$((10#$(basename "$f" | cut -c1-2)))
		awk -v n="$n" '/^## /{s++} /^~~~ (quiz|predict)/{if (s && !seen[s]++) print "goto " n "." s "\ngoto " n "." s + 1}' "$f"
	done
	echo quit
} > "$TEST_TMP/open.in"
tutor < "$TEST_TMP/open.in" > "$TEST_TMP/open.out" 2>&1
status=$?
jumps=$(grep -c "^goto" "$TEST_TMP/open.in")
[ "$status" = 0 ] && ! grep -q "This step expected" "$TEST_TMP/open.out"
ok $? "goto the next step with a question left open, $((jumps / 2)) times: exit $status, no failed expectation"
grep -B3 "This step expected" "$TEST_TMP/open.out" | head -20 | diag
rm -rf "$HOME_DIR" && mkdir -p "$HOME_DIR"

# --- a question counts once; skipped questions are said -----------------
# Lesson 1 has three questions: a prediction at 1.2 (not visited here), then
# at 1.7 a quiz (2 is right) and a prediction.
tutor 1.7 > "$TEST_TMP/thrice.out" 2>&1 <<'IN'
1
2
EEXIST
goto 1.7
2
ok
goto 1.7
3
2
next
next
lessons
quit
IN
ok $? "a session answering lesson 1's questions three times exits 0"
tr '\n' ' ' < "$TEST_TMP/thrice.out" | grep -Eq "> 1 create-open [^>]* · score 1/3, +1 unanswered[^>]*2 server-crash"
ok $? "lessons: the first answers count, once each: score 1/3"
grep -A3 "^ipctutor 1.7?> 1$" "$TEST_TMP/thrice.out" | grep -q "^Not quite\."
ok $? "a wrong choice: Not quite, and the question stays open"
grep -q "^ipctutor 1.7?> 2$" "$TEST_TMP/thrice.out"
ok $? "the learner may try again after a wrong choice"
grep -q "You predicted EEXIST and the kernel answered EEXIST: right." "$TEST_TMP/thrice.out"
ok $? "a prediction takes the outcome's name (EEXIST)"
rm -rf "$HOME_DIR" && mkdir -p "$HOME_DIR"

tutor 1.7 > "$TEST_TMP/skip.out" 2>&1 <<'IN'
2
next
next
lessons
quit
IN
tr '\n' ' ' < "$TEST_TMP/skip.out" | grep -Eq "· score 1/3, +1 skipped, 1 unanswered"
ok $? "a skipped question shows in the score: 1/3, 1 skipped"
rm -rf "$HOME_DIR" && mkdir -p "$HOME_DIR"

# Resume says where and the score.
printf '2\nquit\n' | tutor 1.7 > /dev/null 2>&1
printf 'quit\n' | tutor > "$TEST_TMP/resume.out" 2>&1
tr '\n' ' ' < "$TEST_TMP/resume.out" | grep -q "Welcome back to lesson 1, .* at step 1.7; your score in this lesson so far: 1/3, 2 unanswered\."
ok $? "resume says the step and the score"

# --- hints, reasons and second tries, on a lesson of the test's own -----
mkdir -p "$TEST_TMP/lessons"
cat > "$TEST_TMP/lessons/01-questions.md" <<'MD'
# Questions

## Ask

~~~ run
key
~~~

~~~ quiz
Which call creates a message queue?
- [ ] `semget`
  why: semget makes a semaphore set, not a queue.
- [x] `msgget`
  why: msgget with IPC_CREAT creates the queue.
- [ ] `shmget`
~~~

~~~ hint
Look for the message queue's own get call.

Its name starts with msg.
~~~

~~~ predict
run: msgget {key} IPC_CREAT|IPC_EXCL|0600
What does creating the queue with IPC_EXCL answer?
- EEXIST
  why: Nothing used this key before in this fresh namespace.
- ENOENT
- ok
~~~

The queue exists now.

## Recap

That was all.
MD
tutor --lessons "$TEST_TMP/lessons" 1 > "$TEST_TMP/q.out" 2>&1 <<'IN'
hint
hint
hint
1
1
2
hint
eexist
OK
lessons
quit
IN
ok $? "the question lesson runs (exit 0)"
tr '\n' ' ' < "$TEST_TMP/q.out" | tr -s ' ' > "$TEST_TMP/q.flat"
has() { grep -qF -- "$1" "$TEST_TMP/q.flat"; }
has "Hint 1 of 2: Look for the message queue's own get call." && has "Hint 2 of 2: Its name starts with msg." &&
	! has "Hint 3"
ok $? "hint: the question's own hints, one paragraph more each time"
has "That was the last hint for this question"
ok $? "hint: after the last one, says so"
has "1 Not quite. semget makes a semaphore set, not a queue. Try again"
ok $? "a wrong choice: its reason, and another try"
has "You chose that one already"
ok $? "the same wrong choice again is not graded twice"
has "2 Right. msgget with IPC_CREAT creates the queue."
ok $? "the right choice: Right, and its reason"
has "This question has no hint of its own"
ok $? "hint at a question without hints of its own says so, and gives no other"
has "eexist Not quite. Nothing used this key before in this fresh namespace. Try again"
ok $? "a prediction by name (any case), wrong: its reason, another try, no call shown yet"
grep -A3 "^ipctutor 1.1?> OK$" "$TEST_TMP/q.out" | grep -q "msgget(0x.*IPC_CREAT|IPC_EXCL|0600) = 0" &&
	[ "$(grep -c 'msgget(0x' "$TEST_TMP/q.out")" = 1 ]
ok $? "the prediction's call is made once and shown with the answer"
has "Right this time: the kernel answered ok."
ok $? "right at the second try is said so"
grep -qE -- "· score 0/2( · exercise 1: [a-z]+)? All lessons" "$TEST_TMP/q.flat"
ok $? "and scored by the first tries, both wrong: 0/2"

# --- after a wrong try, next shows the answer at once; a typo changes ---
# --- nothing, so the next step goes on in the same world --------------
mkdir -p "$TEST_TMP/lessons2"
cat > "$TEST_TMP/lessons2/01-typo.md" <<'MD'
# Typo

## Start

~~~ run
server start
~~~

~~~ quiz
Which call creates a message queue?
- [ ] `semget`
- [x] `msgget`
- [ ] `shmget`
~~~

## Crash

~~~ run
server crash
~~~
MD
tutor --lessons "$TEST_TMP/lessons2" 1 > "$TEST_TMP/typo.out" 2>&1 <<'IN'
nosuchcommand
1
next
next
quit
IN
[ $? = 1 ]
ok $? "the typo lesson runs (exit 1: the unknown command was refused)"
tr '\n' ' ' < "$TEST_TMP/typo.out" | tr -s ' ' > "$TEST_TMP/typo.flat"
grep -qF "Try again, or type next to see the answer. ipctutor 1.1?> next Skipped. The answer: 2)" "$TEST_TMP/typo.flat" &&
	! grep -q "still open" "$TEST_TMP/typo.flat"
ok $? "after a wrong try, one next shows the answer, as the tutor says"
grep -q "server process started: pid server#1\." "$TEST_TMP/typo.out" &&
	grep -q "server (pid server#1) was killed" "$TEST_TMP/typo.out" &&
	[ "$(grep -c "server process started" "$TEST_TMP/typo.out")" = 1 ]
ok $? "an unknown command leaves the world: the next step crashes the server it started, not a rebuilt one"

[ "$(ipc_objects | wc -l)" = 0 ]
ok $? "no object is left in the namespace"
done_testing
