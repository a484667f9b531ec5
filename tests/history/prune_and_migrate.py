#!/usr/bin/env python3
"""Retention and schema versions of the history store, checked with
Python's csv, datetime and sqlite3 modules:

prune      testdata/history/nightly.csv (21 nights) imported, then
           'dqa history prune --keep 7d' (now = 2026-11-23) keeps exactly the
           runs from 2026-11-16 on; with --weekly the older runs are each
           ISO week's last one (datetime.isocalendar); the file shrinks, the
           kept rows are untouched, and dqa trend reads the store.
migrate    a store of schema version 1 (made here with sqlite3) is read by
           dqa trend and migrated to version 3 (run_files, the recorded
           fields of the weekly list and the units catalog); a store of a
           newer version is refused with exit 3.

usage: prune_and_migrate.py DQA ROOT
"""
import contextlib
import csv
import datetime
import os
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import tempfile

NOW = "1795392000"   # 2026-11-23T00:00:00Z
V1_SCHEMA = """
CREATE TABLE runs (id INTEGER PRIMARY KEY, run_at INTEGER NOT NULL, rules TEXT NOT NULL,
  dataset TEXT NOT NULL, fingerprint TEXT NOT NULL, rules_hash TEXT NOT NULL);
CREATE TABLE totals (run_id INTEGER NOT NULL, seq INTEGER NOT NULL, scope TEXT NOT NULL,
  unit TEXT NOT NULL, score REAL, status TEXT NOT NULL, rows INTEGER NOT NULL,
  marker TEXT NOT NULL, checks TEXT NOT NULL, PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
CREATE TABLE criteria (run_id INTEGER NOT NULL, seq INTEGER NOT NULL, scope TEXT NOT NULL,
  unit TEXT NOT NULL, criterion TEXT NOT NULL, score REAL, status TEXT NOT NULL,
  rows INTEGER NOT NULL, marker TEXT NOT NULL, checks TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
INSERT INTO runs VALUES (1, 1795305600, 'r.yaml', 'd', '', '');
INSERT INTO totals VALUES (1, 0, 'unit', 'A', 90.5, 'pass', 3, '', '');
INSERT INTO totals VALUES (1, 1, 'dataset', '', 90.5, 'pass', 3, '', '');
PRAGMA user_version = 1;
"""


def dqa(binary, *args):
    return subprocess.run([binary, *args], capture_output=True, text=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": NOW})


def query(store, sql):
    with contextlib.closing(sqlite3.connect(store)) as db:
        return db.execute(sql).fetchall()


def when(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")


def expected_runs(fixture, weekly):
    times = sorted({when(r["run_at"]) for r in csv.DictReader(open(fixture, newline=""))})
    cut = datetime.datetime(2026, 11, 16)
    kept = [t for t in times if t >= cut]
    if weekly:
        last = {}
        for t in times:
            if t < cut:
                last[t.isocalendar()[:2]] = t
        kept += last.values()
    return sorted(kept)


def prune(binary, folder, fixture, problems):
    for weekly in (False, True):
        store = folder / f"prune-{weekly}.db"
        dqa(binary, "history", "import", str(fixture), "--history", str(store))
        before = query(store, "SELECT run_at, unit, score FROM totals JOIN runs ON id = run_id"
                              " WHERE run_at >= 1795305600 ORDER BY run_at, seq")
        size = store.stat().st_size
        args = ["history", "prune", "--history", str(store), "--keep", "7d"]
        p = dqa(binary, *args + (["--weekly"] if weekly else []))
        if p.returncode != 0:
            problems.append(f"prune: exit {p.returncode}: {p.stderr}")
            continue
        got = [datetime.datetime.utcfromtimestamp(t)
               for (t,) in query(store, "SELECT run_at FROM runs ORDER BY run_at")]
        want = expected_runs(fixture, weekly)
        if got != want:
            problems.append(f"prune weekly={weekly}: kept {got}, expected {want}")
        after = query(store, "SELECT run_at, unit, score FROM totals JOIN runs ON id = run_id"
                             " WHERE run_at >= 1795305600 ORDER BY run_at, seq")
        if after != before or not after:
            problems.append(f"prune weekly={weekly}: the kept rows changed")
        if query(store, "SELECT count(*) FROM criteria WHERE run_id NOT IN"
                        " (SELECT id FROM runs)") != [(0,)]:
            problems.append(f"prune weekly={weekly}: rows of deleted runs remain")
        if store.stat().st_size >= size:
            problems.append(f"prune weekly={weekly}: the file did not shrink")
        if dqa(binary, "trend", str(store)).returncode != 0:
            problems.append(f"prune weekly={weekly}: dqa trend cannot read the store")


def migrate(binary, folder, problems):
    old = folder / "v1.db"
    with contextlib.closing(sqlite3.connect(old)) as db:
        db.executescript(V1_SCHEMA)
    p = dqa(binary, "trend", str(old), "--format", "csv")
    if p.returncode != 0 or ",A,,1," not in p.stdout:   # unit A, no unit_name
        problems.append(f"migrate: trend on a v1 store: exit {p.returncode} {p.stdout}{p.stderr}")
    if query(old, "PRAGMA user_version") != [(3,)] or \
            not query(old, "SELECT name FROM sqlite_master WHERE name = 'run_files'"):
        problems.append("migrate: the v1 store was not migrated to version 3")
    if query(old, "SELECT dataset, unit, name FROM units") != [("d", "A", "")] or \
            query(old, "SELECT same_data_runs, listed_weeks_before FROM totals"
                       " WHERE scope = 'unit'") != [(0, 0)]:
        problems.append("migrate: the v1 store's recorded fields or units are wrong")
    newer = folder / "v99.db"
    shutil.copy(old, newer)
    with contextlib.closing(sqlite3.connect(newer)) as db:
        db.execute("PRAGMA user_version = 99")
    p = dqa(binary, "trend", str(newer))
    if p.returncode != 3 or "schema version 99" not in p.stderr:
        problems.append(f"migrate: a newer store: exit {p.returncode}, {p.stderr!r}")


def main():
    binary = str(pathlib.Path(sys.argv[1]).resolve())
    fixture = pathlib.Path(sys.argv[2]).resolve() / "testdata" / "history" / "nightly.csv"
    problems = []
    with tempfile.TemporaryDirectory(prefix="dqa-prune-") as tmp:
        prune(binary, pathlib.Path(tmp), fixture, problems)
        migrate(binary, pathlib.Path(tmp), problems)
    for p in problems:
        print(p)
    print(f"prune and migrate: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
