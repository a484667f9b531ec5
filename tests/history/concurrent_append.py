#!/usr/bin/env python3
"""8 processes append to one history file at once, each running
'dqa audit --history' RUNS times on a 40-ward extract (40 x 3 + 2 = 122
lines a run). Checks that nothing is lost or interleaved: one header, every
run's lines present and contiguous, every line complete.

usage: concurrent_append.py DQA
"""
import csv
import io
import pathlib
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
                        "--history", "history.csv", "-q"], cwd=folder, check=True)


def main():
    dqa = str(pathlib.Path(sys.argv[1]).resolve())
    with tempfile.TemporaryDirectory(prefix="dqa-append-") as tmp:
        folder = pathlib.Path(tmp)
        (folder / "rules.yaml").write_text(RULES)
        rows = ["id,ward,phone"] + [f"{i},W{i % WARDS:03d},{'' if i % 7 == 0 else '0912345678'}"
                                    for i in range(400)]
        (folder / "data.csv").write_text("\n".join(rows) + "\n")
        with ThreadPoolExecutor(WRITERS) as pool:
            for f in [pool.submit(writer, dqa, folder, w) for w in range(WRITERS)]:
                f.result()
        text = (folder / "history.csv").read_text()
    lines = text.split("\n")
    problems = []
    if lines[-1] != "":
        problems.append("the file does not end with a newline")
    lines = lines[:-1]
    if lines[0] != ("run_at,rules,dataset,scope,unit,criterion,score,status,rows,fingerprint,"
                    "marker,rules_hash,checks"):
        problems.append("first line is not the header")
    if sum(1 for l in lines if l.startswith("run_at,")) != 1:
        problems.append("the header appears more than once")
    per_run = WARDS * 3 + 3
    expected = 1 + WRITERS * RUNS * per_run
    if len(lines) != expected:
        problems.append(f"{len(lines)} lines, expected {expected}")
    order = []
    for rec in csv.reader(io.StringIO("\n".join(lines[1:]))):
        if len(rec) != 13:
            problems.append(f"a line with {len(rec)} fields")
            break
        if not order or order[-1][0] != rec[0]:
            order.append([rec[0], 0])
        order[-1][1] += 1
    runs = [r for r, _ in order]
    if len(runs) != len(set(runs)):
        problems.append("the lines of a run are not contiguous (interleaved)")
    if len(runs) != WRITERS * RUNS or any(n != per_run for _, n in order):
        problems.append(f"{len(runs)} runs, expected {WRITERS * RUNS}, each of {per_run} lines")
    for p in problems:
        print(p)
    print(f"concurrent append: {len(lines)} lines, {len(runs)} runs, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
