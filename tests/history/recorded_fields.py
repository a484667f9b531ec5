#!/usr/bin/env python3
"""The fields the store records for the weekly list (each unit row's
stalled count and the weeks on the list before its week) give the lists
dqa(1) defines, however the store was filled:

expected  a generated history of 14 weeks (2 datasets, 9 units: nights
          skipped, a week without runs, rows of status missing, units absent
          from some runs, one that starts late and one that stops, stalled
          data by marker and by fingerprint, two runs at the same time),
          imported newer half first so the older half lands before runs
          already recorded. 'dqa warnings --week W --format json' for every
          week equals the list computed here from the CSV alone with the man
          page's definitions (expected_warnings of
          tests/independent/verify_history.py): streak, stalled count,
          missing and no-run units, runs and units of the week; with the
          default options (read from the recorded fields) and with
          --stalled-runs 2 (read from the rows).
prune     after 'dqa history prune --keep' (and with --weekly) the lists
          equal those computed from the runs left (the export read back
          with Python's csv module): streaks and stalled counts no longer
          reach into deleted runs.
migrate   the same store written in schema version 2 (with Python's sqlite3:
          without the recorded fields) and opened by dqa is migrated to
          version 3 and answers every question as the store dqa filled.

usage: recorded_fields.py DQA ROOT
"""
import contextlib
import csv
import datetime
import io
import json
import os
import pathlib
import random
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "independent"))
from verify_history import expected_warnings  # noqa: E402

HEADER = ("run_at,rules,dataset,scope,unit,criterion,score,status,rows,fingerprint,marker,"
          "rules_hash,checks")
START = datetime.datetime(2026, 1, 5, 23, 0)   # a Monday
WEEKS = 14
NOW = "1776643200"                             # 2026-04-20T00:00:00Z, after the last run
V2_SCHEMA = """
CREATE TABLE runs (id INTEGER PRIMARY KEY, run_at INTEGER NOT NULL, rules TEXT NOT NULL,
  dataset TEXT NOT NULL, fingerprint TEXT NOT NULL, rules_hash TEXT NOT NULL);
CREATE INDEX runs_by_dataset ON runs (dataset, run_at);
CREATE INDEX runs_by_time ON runs (run_at);
CREATE TABLE totals (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, scope TEXT NOT NULL, unit TEXT NOT NULL, score REAL,
  status TEXT NOT NULL, rows INTEGER NOT NULL, marker TEXT NOT NULL, checks TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
CREATE INDEX totals_by_unit ON totals (unit, run_id);
CREATE TABLE criteria (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, scope TEXT NOT NULL, unit TEXT NOT NULL, criterion TEXT NOT NULL,
  score REAL, status TEXT NOT NULL, rows INTEGER NOT NULL, marker TEXT NOT NULL,
  checks TEXT NOT NULL, PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
CREATE TABLE run_files (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, path TEXT NOT NULL, hash TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
"""


def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def status_of(score):
    return "pass" if score >= 90 else "warn" if score >= 75 else "fail"


def generate(rng):
    """The history's runs, oldest first: (time, dataset, fingerprint, rows)."""
    runs = []
    marker = {}
    for dataset in ("east", "west"):
        fingerprint = 0
        for day in range(WEEKS * 7):
            week = day // 7
            if rng.random() < 0.3 or (dataset == "west" and week == 6):
                continue
            t = START + datetime.timedelta(days=day)
            times = [t] + ([t] if day in (20, 41) else [])   # two runs at the same time
            for k, at in enumerate(times):
                if rng.random() < 0.5:
                    fingerprint += 1
                fp = f"{dataset}{fingerprint:013x}{k:02d}"
                rows = []
                for u in range(9):
                    unit = f"u{u}"
                    if (u == 7 and week < 4) or (u == 8 and week >= 7) or rng.random() < 0.08:
                        continue
                    if rng.random() < 0.35:
                        marker[dataset, unit] = rng.randrange(1000)
                    mark = "" if u in (0, 1) else f"alive.stalled=rows:{marker.get((dataset, unit), 0)}"
                    if rng.random() < 0.1:
                        rows.append((unit, "", "missing", mark))
                        continue
                    score = round(rng.uniform(60, 100), 2)
                    rows.append((unit, f"{score:.2f}", status_of(score), mark))
                runs.append((at, dataset, fp, rows))
    runs.sort(key=lambda r: r[0])
    return runs


def write_csv(path, runs):
    with open(path, "w", newline="") as f:
        f.write(HEADER + "\n")
        w = csv.writer(f, lineterminator="\n")
        for at, dataset, fp, rows in runs:
            head = [stamp(at), "r.yaml", dataset]
            for unit, score, status, mark in rows:
                w.writerow(head + ["unit", unit, "overall", score, status, "5", fp, mark, "", ""])
            w.writerow(head + ["dataset", "", "overall", "80.00", "warn", "45", fp, "", "", ""])


def dqa(binary, *args):
    p = subprocess.run([binary, *args], capture_output=True, text=True,
                       env={**os.environ, "SOURCE_DATE_EPOCH": NOW})
    if p.returncode != 0:
        raise RuntimeError(f"dqa {' '.join(args)}: exit {p.returncode}: {p.stderr}")
    return p.stdout


def weeks():
    return [f"{(START + datetime.timedelta(weeks=k)).isocalendar()[0]}-W"
            f"{(START + datetime.timedelta(weeks=k)).isocalendar()[1]:02d}"
            for k in range(WEEKS + 2)]


def expected_list(rows, dataset, week, stalled_runs):
    mine = [r for r in rows if r["dataset"] == dataset]
    monday = datetime.datetime.strptime(week + "-1", "%G-W%V-%u")
    end = monday + datetime.timedelta(days=7)
    times = {r["run_at"] for r in mine if r["scope"] == "dataset"
             and monday <= datetime.datetime.strptime(r["run_at"], "%Y-%m-%dT%H:%M:%SZ") < end}
    units = {r["unit"] for r in mine if r["scope"] == "unit"
             and datetime.datetime.strptime(r["run_at"], "%Y-%m-%dT%H:%M:%SZ") < end}
    items = expected_warnings(mine, week, None, stalled_runs)
    for item in items:
        item.setdefault("stalled_runs", 0)
    return len(times), len(units), items


def compare(binary, store, rows, label, problems, stalled_options=(3,)):
    """dqa's lists of every week and dataset against the expected ones."""
    keys = ("unit", "score", "status", "missing", "below_target", "stalled", "stalled_runs",
            "streak")
    checked = 0
    for stalled_runs in stalled_options:
        for week in weeks():
            got = json.loads(dqa(binary, "warnings", str(store), "--week", week,
                                 "--stalled-runs", str(stalled_runs), "--format", "json"))
            for lst in got["lists"]:
                runs, units, want = expected_list(rows, lst["dataset"], week, stalled_runs)
                got_items = [{k: g[k] for k in keys} for g in lst["listed"]]
                want_items = [{k: w[k] for k in keys} for w in want]
                checked += len(want_items)
                if (lst["runs"], lst["units"], got_items) != (runs, units, want_items):
                    problems.append(f"{label}: {lst['dataset']} {week} --stalled-runs "
                                    f"{stalled_runs}:\n  got  {lst['runs']} {lst['units']} "
                                    f"{got_items}\n  want {runs} {units} {want_items}")
    return checked


def exported_rows(binary, store):
    return list(csv.DictReader(io.StringIO(dqa(binary, "history", "export", "--history",
                                                   str(store)))))


def as_version_2(fresh, old):
    """The runs of the store fresh written into old in schema version 2."""
    with contextlib.closing(sqlite3.connect(old)) as db:
        db.executescript(V2_SCHEMA)
        db.execute("ATTACH ? AS fresh", (str(fresh),))
        db.execute("INSERT INTO runs SELECT * FROM fresh.runs")
        db.execute("INSERT INTO totals SELECT run_id, seq, scope, unit, score, status, rows,"
                   " marker, checks FROM fresh.totals")
        db.execute("INSERT INTO criteria SELECT * FROM fresh.criteria")
        db.commit()
        db.execute("DETACH fresh")
        db.execute("PRAGMA user_version = 2")


def migrate(binary, folder, store, problems):
    old = folder / "v2.db"
    as_version_2(store, old)
    questions = [["warnings", "{}", "--week", w, "--format", "json"] for w in weeks()[::3]]
    questions += [["warnings", "{}", "--format", "csv", "--target", "80"],
                  ["trend", "{}", "--format", "json"],
                  ["history", "export", "--history", "{}"]]
    for q in questions:
        answers = [dqa(binary, *[a.format(s) for a in q]) for s in (store, old)]
        if answers[0] != answers[1]:
            problems.append(f"migrate: {' '.join(q)}: the migrated store answers differently")
    with contextlib.closing(sqlite3.connect(old)) as db:
        if db.execute("PRAGMA user_version").fetchone() != (3,):
            problems.append("migrate: the version 2 store was not migrated to version 3")


def main():
    binary = str(pathlib.Path(sys.argv[1]).resolve())
    rng = random.Random(25)
    runs = generate(rng)
    problems = []
    checked = 0
    with tempfile.TemporaryDirectory(prefix="dqa-recorded-") as tmp:
        folder = pathlib.Path(tmp)
        half = len(runs) // 2
        write_csv(folder / "all.csv", runs)
        write_csv(folder / "older.csv", runs[:half])
        write_csv(folder / "newer.csv", runs[half:])
        rows = list(csv.DictReader(open(folder / "all.csv", newline="")))
        store = folder / "h.db"
        # newer first: the older runs then go before runs already recorded
        dqa(binary, "history", "import", str(folder / "newer.csv"), "--history", str(store))
        dqa(binary, "history", "import", str(folder / "older.csv"), "--history", str(store))
        checked += compare(binary, store, rows, "imported", problems, (3, 2))
        migrate(binary, folder, store, problems)
        for weekly in (False, True):
            pruned = folder / f"pruned-{weekly}.db"
            dqa(binary, "history", "import", str(folder / "all.csv"), "--history", str(pruned))
            dqa(binary, "history", "prune", "--history", str(pruned), "--keep", "60d",
                *(["--weekly"] if weekly else []))
            left = exported_rows(binary, pruned)
            if not 0 < len(left) < len(rows):
                problems.append(f"prune weekly={weekly}: {len(left)} of {len(rows)} rows left")
            checked += compare(binary, pruned, left, f"pruned weekly={weekly}", problems)
    for p in problems:
        print(p)
    print(f"recorded fields: {checked} listed units checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
