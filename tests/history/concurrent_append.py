#!/usr/bin/env python3
"""8 processes record runs in one history store at once, each running
'dqa audit --history' RUNS times on a 40-ward extract (40 x 3 + 3 = 123
rows a run). Checks with Python's sqlite3, not dqa, that nothing is lost or
mixed: the store is intact, every run is there once with all its rows, and
'dqa trend' reads every run.

usage: concurrent_append.py DQA
"""
import contextlib
import json
import pathlib
import sqlite3
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

WRITERS, RUNS, WARDS = 8, 12, 40
RULES = "version: 1\ndataset: {name: visits, unit: ward}\nsufficient:\n  - not_null: phone\n"


def writer(dqa, folder, w):
    for i in range(RUNS):
        # A distinct reference time names each run: 2026-11-WW, i seconds past 01:00.
        now = f"2026-11-{w + 1:02d}T01:00:{i:02d}Z"
        subprocess.run([dqa, "audit", "rules.yaml", "data.csv", "--now", now,
                        "--history", "history.db", "-q"], cwd=folder, check=True)


def main():
    dqa = str(pathlib.Path(sys.argv[1]).resolve())
    problems = []
    with tempfile.TemporaryDirectory(prefix="dqa-append-") as tmp:
        folder = pathlib.Path(tmp)
        (folder / "rules.yaml").write_text(RULES)
        rows = ["id,ward,phone"] + [f"{i},W{i % WARDS:03d},{'' if i % 7 == 0 else '0912345678'}"
                                    for i in range(400)]
        (folder / "data.csv").write_text("\n".join(rows) + "\n")
        with ThreadPoolExecutor(WRITERS) as pool:
            for f in [pool.submit(writer, dqa, folder, w) for w in range(WRITERS)]:
                f.result()
        with contextlib.closing(sqlite3.connect(folder / "history.db")) as db:
            if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                problems.append("the store fails its integrity check")
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                problems.append("the store is not in WAL mode")
            per_run = db.execute(
                "SELECT r.run_at, (SELECT count(*) FROM totals t WHERE t.run_id = r.id) +"
                " (SELECT count(*) FROM criteria c WHERE c.run_id = r.id) FROM runs r").fetchall()
        trend = subprocess.run([dqa, "trend", "history.db", "--format", "json"], cwd=folder,
                               capture_output=True, text=True, check=True).stdout
    expected_rows = WARDS * 3 + 3
    times = [t for t, _ in per_run]
    if len(per_run) != WRITERS * RUNS or len(set(times)) != len(times):
        problems.append(f"{len(per_run)} runs ({len(set(times))} distinct), "
                        f"expected {WRITERS * RUNS}")
    if any(n != expected_rows for _, n in per_run):
        problems.append(f"a run without its {expected_rows} rows")
    if len(json.loads(trend)["datasets"][0]["runs"]) != WRITERS * RUNS:
        problems.append("dqa trend does not read every run")
    for p in problems:
        print(p)
    print(f"concurrent append: {len(per_run)} runs, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
