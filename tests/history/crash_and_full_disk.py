#!/usr/bin/env python3
"""A run is recorded whole or not at all, checked with Python's sqlite3:

crash      'dqa audit --history' on 3,000 wards killed with SIGKILL at
           spread-out moments, recording included: the store stays intact,
           every recorded run has all its rows, no earlier run is lost, and
           dqa trend reads it.
full disk  the store on a small tmpfs (mounted here; skipped without the
           right to mount) that fills while a big run is recorded: exit 3
           with a message, the earlier run still there and alone, the store
           intact, dqa trend reads it; with room again the next run is
           recorded.

usage: crash_and_full_disk.py DQA
"""
import contextlib
import os
import pathlib
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

RULES = "version: 1\ndataset: {name: visits, unit: ward}\nsufficient:\n  - not_null: phone\n"
KILLS = 16


def write_data(path, wards, rows_per_ward=2):
    lines = ["id,ward,phone"] + [f"{i},W{i % wards:05d},{'' if i % 7 == 0 else '0912'}"
                                 for i in range(wards * rows_per_ward)]
    path.write_text("\n".join(lines) + "\n")


def audit(dqa, folder, data, now, store):
    return subprocess.Popen([dqa, "audit", "rules.yaml", data, "--now", now, "--history", store,
                             "-q"], cwd=folder, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def runs(store):
    """(run count, rows of each run) or a problem."""
    with contextlib.closing(sqlite3.connect(store)) as db:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return None
        return db.execute(
            "SELECT (SELECT count(*) FROM totals t WHERE t.run_id = r.id) +"
            " (SELECT count(*) FROM criteria c WHERE c.run_id = r.id) FROM runs r"
            " ORDER BY r.id").fetchall()


def trend_reads(dqa, folder, store):
    return subprocess.run([dqa, "trend", store, "--format", "csv"], cwd=folder,
                          capture_output=True).returncode == 0


def crash(dqa, folder, problems):
    write_data(folder / "big.csv", 3000)
    wards_rows = 3000 * 3 + 3   # per ward: 2 criteria and the total; the same for the dataset
    # How long one audit takes, to spread the kills over it.
    start = time.monotonic()
    if audit(dqa, folder, "big.csv", "2026-11-01", "crash.db").wait() != 0:
        problems.append("crash: the first audit failed")
        return
    span = time.monotonic() - start
    known = 1
    for k in range(KILLS):
        p = audit(dqa, folder, "big.csv", f"2026-11-02T00:00:{k:02d}Z", "crash.db")
        time.sleep(span * (0.3 + 0.9 * k / KILLS))
        p.send_signal(signal.SIGKILL)
        p.wait()
        got = runs(folder / "crash.db")
        if got is None:
            problems.append(f"crash {k}: the store fails its integrity check")
            return
        if len(got) < known or any(n != (wards_rows,) for n in got):
            problems.append(f"crash {k}: {len(got)} runs (had {known}), rows {set(got)}")
            return
        known = len(got)
    if not trend_reads(dqa, folder, "crash.db"):
        problems.append("crash: dqa trend cannot read the store")
    print(f"crash: {KILLS} kills, {known - 1} of those runs recorded whole, the rest not at all")


def full_disk(dqa, folder, problems):
    mnt = folder / "mnt"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        print("full disk: cannot mount a tmpfs here: skipped")
        return 77
    try:
        write_data(folder / "small.csv", 10)
        write_data(folder / "big.csv", 20000, 1)
        store = str(mnt / "h.db")
        if audit(dqa, folder, "small.csv", "2026-11-01", store).wait() != 0:
            problems.append("full disk: the first audit failed")
        p = audit(dqa, folder, "big.csv", "2026-11-02", store)
        _, err = p.communicate()
        if p.returncode != 3 or "No space left" not in err and "full" not in err:
            problems.append(f"full disk: exit {p.returncode}, stderr {err!r}")
        got = runs(store)
        if got != [(10 * 3 + 3,)]:
            problems.append(f"full disk: the store holds {got}, expected the first run alone")
        if not trend_reads(dqa, folder, store):
            problems.append("full disk: dqa trend cannot read the store")
        if audit(dqa, folder, "small.csv", "2026-11-03", store).wait() != 0 or \
                len(runs(store) or []) != 2:
            problems.append("full disk: the store takes no run after the failed one")
        print(f"full disk: exit {p.returncode}: {err.strip()}")
    finally:
        subprocess.run(["umount", str(mnt)])
    return 0


def main():
    dqa = str(pathlib.Path(sys.argv[1]).resolve())
    problems = []
    with tempfile.TemporaryDirectory(prefix="dqa-crash-") as tmp:
        folder = pathlib.Path(tmp)
        (folder / "rules.yaml").write_text(RULES)
        crash(dqa, folder, problems)
        skipped = full_disk(dqa, folder, problems)
    for p in problems:
        print(p)
    print(f"crash and full disk: {len(problems)} problem(s)")
    return 1 if problems else skipped


if __name__ == "__main__":
    sys.exit(main())
