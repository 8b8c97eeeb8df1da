#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs a command on a pseudo-terminal of its own and types answers at its prompts.

    pty_answer.py --stdout FILE --stderr FILE --transcript FILE [--timeout S]
                  [--answer REGEX=TEXT ...] -- COMMAND [ARG...]

The command gets the terminal as its stdin and controlling terminal (so it can open /dev/tty and
ask for passwords the way a person would be asked), while its stdout and stderr go to files, to be
checked apart from the prompts. The answers are used in order: when the terminal's output since
the last answer matches the next REGEX, TEXT and a newline are typed. A prompt that comes after
the answers are used up is answered with an empty line (a person giving up) and counted.
Everything the terminal showed is written to the transcript, one "PROMPT: ..." line per prompt
answered, plus "UNEXPECTED PROMPT: ..." lines.

Exit status: the command's, 124 when it was killed after the timeout, 2 on wrong usage.
"""

import argparse
import fcntl
import os
import re
import select
import signal
import subprocess
import sys
import termios
import time

# What a prompt that was not foreseen looks like: a question ending in ": " with no newline after.
UNFORESEEN_PROMPT = re.compile(r"[^\n]*(password|passphrase|Accept it)[^\n]*: $", re.IGNORECASE)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stdout", required=True)
    parser.add_argument("--stderr", required=True)
    parser.add_argument("--transcript", required=True)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--answer", action="append", default=[], help="REGEX=TEXT")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    answers = []
    for spec in args.answer:
        pattern, sep, text = spec.partition("=")
        if not sep:
            parser.error(f"--answer {spec!r}: REGEX=TEXT expected")
        answers.append((re.compile(pattern), text))

    master, slave = os.openpty()

    def become_terminal_owner():
        # A new session whose controlling terminal is the pty: /dev/tty is this terminal.
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    with open(args.stdout, "wb") as out, open(args.stderr, "wb") as err:
        child = subprocess.Popen(
            command,
            stdin=slave,
            stdout=out,
            stderr=err,
            start_new_session=True,
            preexec_fn=become_terminal_owner,
        )
    os.close(slave)

    shown = b""  # all the terminal showed
    pending = ""  # shown since the last answer
    log = []
    deadline = time.monotonic() + args.timeout
    timed_out = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            os.killpg(child.pid, signal.SIGKILL)
            break
        ready, _, _ = select.select([master], [], [], min(left, 0.2))
        if ready:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: every holder of the terminal closed it
                data = b""
            if not data:
                if child.poll() is not None:
                    break
                time.sleep(0.05)
                continue
            shown += data
            pending += data.decode("utf-8", "replace")
            if answers and answers[0][0].search(pending):
                pattern, text = answers.pop(0)
                log.append(f"PROMPT: {pending.strip()}")
                os.write(master, text.encode() + b"\n")
                pending = ""
            elif UNFORESEEN_PROMPT.search(pending):
                log.append(f"UNEXPECTED PROMPT: {pending.strip()}")
                os.write(master, b"\n")
                pending = ""
        elif child.poll() is not None:
            break
    rc = child.wait()
    os.close(master)
    for pattern, text in answers:
        log.append(f"NOT ASKED: {pattern.pattern}")
    with open(args.transcript, "w") as transcript:
        transcript.write("\n".join(log) + "\n")
        transcript.write("--- terminal ---\n")
        transcript.write(shown.decode("utf-8", "replace"))
    return 124 if timed_out else rc


if __name__ == "__main__":
    sys.exit(main())
