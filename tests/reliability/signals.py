#!/usr/bin/env python3
"""SIGINT and SIGTERM during an audit: dqa stops promptly, exits 130 or 143
with one line on stderr, and leaves nothing behind: no report folder, no
history, no temporary file, and an earlier report folder untouched.

The input comes through a pipe this script keeps feeding, so the signal
always lands mid-scan (workers busy) or while dqa waits for input.

  signals.py DQA
"""
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import threading
import time

RULES = """version: 1
dataset: {name: people, unit: ward}
sufficient:
  - not_null: name
clean:
  - unique: [id]
"""

failures = 0


def check(ok, what):
    global failures
    if not ok:
        failures += 1
        print(f"FAIL {what}")
    else:
        print(f"ok   {what}")


def rows(start, n):
    return b"".join(b"%d,%05d,name %d\n" % (i, i % 126, i) for i in range(start, start + n))


def feed(proc, stop):
    """Writes rows until stop is set or dqa closes its end."""
    i = 0
    try:
        while not stop.is_set():
            proc.stdin.write(rows(i, 20000))
            i += 20000
    except (BrokenPipeError, ValueError, OSError):
        pass


def wait_for_handler(proc, sig):
    """Waits until dqa catches sig (its SigCgt in /proc): a signal sent
    before that kills it before it can clean up, which on a loaded machine
    (a sanitizer build starting slowly) made this test fail on a race."""
    status = pathlib.Path(f"/proc/{proc.pid}/status")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for line in status.read_text().splitlines():
            if line.startswith("SigCgt:") and int(line.split()[1], 16) >> (sig - 1) & 1:
                return True
        time.sleep(0.01)
    return False


def run(dqa, sig, busy):
    with tempfile.TemporaryDirectory(prefix="dqa-signals-") as tmp:
        work = pathlib.Path(tmp)
        (work / "rules.yaml").write_text(RULES)
        old = work / "old"
        old.mkdir()
        (old / "index.html").write_text("the previous report\n")
        proc = subprocess.Popen(
            [dqa, "audit", "rules.yaml", "-", "--out", "report", "--history", "history.db"],
            cwd=work, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdin.write(b"id,ward,name\n" + rows(0, 1000))
        proc.stdin.flush()
        stop = threading.Event()
        feeder = threading.Thread(target=feed, args=(proc, stop)) if busy else None
        if feeder:
            feeder.start()
        check(wait_for_handler(proc, sig), f"{sig.name}: dqa catches it within 20 s")
        time.sleep(0.5)
        proc.send_signal(sig)
        sent = time.monotonic()
        try:
            out, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            check(False, f"{sig.name} {'busy' if busy else 'idle'}: dqa did not stop")
            return
        finally:
            stop.set()
            if feeder:
                feeder.join()
        took = time.monotonic() - sent
        name = f"{sig.name} {'mid-scan' if busy else 'waiting for input'}"
        check(proc.returncode == 128 + sig, f"{name}: exit {proc.returncode}")
        check(err == f"dqa: interrupted by {sig.name}; nothing more was written\n".encode(),
              f"{name}: stderr {err!r}")
        check(out == b"", f"{name}: nothing on stdout")
        check(took < 2, f"{name}: stopped in {took:.2f}s")
        left = sorted(str(p.relative_to(work)) for p in work.rglob("*"))
        check(left == ["old", "old/index.html", "rules.yaml"], f"{name}: files left {left}")
        check((old / "index.html").read_text() == "the previous report\n",
              f"{name}: earlier report untouched")


def main():
    dqa = os.path.abspath(sys.argv[1])
    for sig in (signal.SIGINT, signal.SIGTERM):
        for busy in (True, False):
            run(dqa, sig, busy)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
