#!/usr/bin/env python3
"""Outputs named by the user that are not regular files: a FIFO (as
`--failed-rows >(gzip > x.gz)` or a named pipe gives) and, in the same
way, a device such as /dev/null. dqa must write into them in place: its
atomic write (a temporary renamed over the target) would replace the pipe
or the device node with a regular file, and a reader of the pipe would
wait forever. Each output is read from the FIFO by a thread here and
compared with the same output written to a regular file (a state, which
carries the time it was written, through `dqa merge`); afterwards the
path must still be a FIFO.

usage: special_files.py DQA_BINARY SOURCE_ROOT
"""

import os
import stat
import subprocess
import sys
import tempfile
import threading

DQA, ROOT = sys.argv[1], sys.argv[2]
RULES = os.path.join(ROOT, "rules/examples/citizens.yaml")
DATA = os.path.join(ROOT, "testdata/citizens.csv")
BASE = [DQA, "audit", RULES, DATA, "--now", "2026-11-22T00:00:00Z", "-q"]


def read_fifo(path, into):
    with open(path, "rb") as f:
        into.append(f.read())


def run(args):
    p = subprocess.run(BASE + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=60)
    if p.returncode not in (0, 1):
        sys.exit("dqa %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr.decode()))


def merged(state, tmp):
    """What dqa merge makes of a state's bytes."""
    path = os.path.join(tmp, "merge-input")
    with open(path, "wb") as f:
        f.write(state)
    p = subprocess.run([DQA, "merge", path, "--now", "2026-11-22T00:00:00Z", "--format", "json"],
                       capture_output=True, timeout=60)
    os.unlink(path)
    return p.returncode, p.stdout


def main():
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for option in ("--failed-rows", "--invalid-rows", "--valid-rows", "--state"):
            regular = os.path.join(tmp, "regular" + option)
            fifo = os.path.join(tmp, "fifo" + option)
            os.mkfifo(fifo)
            got = []
            # a daemon: when dqa replaced the FIFO, its open never returns
            reader = threading.Thread(target=read_fifo, args=(fifo, got), daemon=True)
            reader.start()
            run([option, fifo])
            reader.join(5)
            if reader.is_alive():
                failures += 1
                print("%s: nothing was written into the FIFO (%s now)" %
                      (option, "still a FIFO" if stat.S_ISFIFO(os.stat(fifo).st_mode)
                       else "a regular file"))
                continue
            if not stat.S_ISFIFO(os.stat(fifo).st_mode):
                failures += 1
                print("%s: the FIFO was replaced by a regular file" % option)
            run([option, regular])
            with open(regular, "rb") as f:
                want = f.read()
            if option == "--state":
                got[0], want = merged(got[0], tmp), merged(want, tmp)
            if not want or got[0] != want:
                failures += 1
                print("%s: the FIFO received other bytes than the regular file" % option)
            leftovers = [n for n in os.listdir(tmp) if n.startswith(".")]
            if leftovers:
                failures += 1
                print("%s: temporaries left behind: %s" % (option, leftovers))
        # a device node like /dev/null's (root only: skipped otherwise)
        null = os.path.join(tmp, "null")
        try:
            os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            null = None
        if null:
            run(["--failed-rows", null, "--invalid-rows", null])
            if not stat.S_ISCHR(os.stat(null).st_mode):
                failures += 1
                print("a device node named as an output was replaced by a regular file")
    if failures:
        sys.stdout.flush()
        os._exit(1)   # without waiting for readers stuck on a replaced FIFO
    print("ok: --failed-rows, --invalid-rows, --valid-rows and --state write into a FIFO in place")


main()
