#!/usr/bin/env python3
"""A history loaded from CSV answers as the store the audits wrote.

1. Four nights audited with --history into a.db (stalled and rows_change
   checks, a unit going missing). a.db exported to CSV, read back with
   Python's csv module (one line per row of the store, counted with
   Python's sqlite3), imported into b.db. Then trend, warnings, a --baseline
   gate, and a fifth night's stalled and rows_change verdicts give the same
   bytes on a.db and b.db, and b.db exports the same CSV.
2. The shipped fixtures (testdata/history/*.csv) imported and exported
   again hold every line's values (Python's csv module; scores as numbers).

usage: import_equals_append.py DQA ROOT
"""
import contextlib
import csv
import pathlib
import shutil
import sqlite3
import os
import subprocess
import sys
import tempfile

RULES = """version: 1
dataset: {name: registry, unit: ward}
sufficient:
  - not_null: phone
alive:
  - stalled: {runs: 2}
  - rows_change: {max_percent: 20}
"""


def night(folder, n):
    wards = ["A", "B", "C"] if n != 3 else ["A", "B"]
    lines = ["id,ward,phone"]
    for w in wards:
        count = 10 + (n if w == "B" else 0) + (8 * n if w == "C" else 0)
        lines += [f"{w}{i},{w},{'' if (i + n) % 4 == 0 else '0912'}" for i in range(count)]
    (folder / f"night{n}.csv").write_text("\n".join(lines) + "\n")


def dqa_out(dqa, folder, *args):
    # a pinned clock: generated_at must not differ between the two stores'
    # runs when a slow (sanitizer) build crosses a second between them
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795000000")
    p = subprocess.run([dqa, *args], cwd=folder, capture_output=True, text=True, env=env)
    return p.returncode, p.stdout, p.stderr.replace("b.db", "a.db")


def store_rows(store):
    with contextlib.closing(sqlite3.connect(store)) as db:
        return db.execute("SELECT (SELECT count(*) FROM totals) +"
                          " (SELECT count(*) FROM criteria)").fetchone()[0]


def same_values(original, exported):
    """Lines of the two CSV histories equal field by field (scores as
    numbers, the columns a v1 file lacks empty)."""
    a = list(csv.DictReader(open(original, newline="")))
    b = list(csv.DictReader(open(exported, newline="")))
    if len(a) != len(b):
        return f"{len(a)} lines, exported {len(b)}"
    for i, (x, y) in enumerate(zip(a, b), 2):
        for key, value in y.items():
            want = x.get(key, "")
            if key == "score" and want and value:
                same = abs(float(want) - float(value)) < 1e-9
            else:
                same = want == value
            if not same:
                return f"line {i}: {key} {want!r} exported as {value!r}"
    return None


def main():
    dqa, root = str(pathlib.Path(sys.argv[1]).resolve()), pathlib.Path(sys.argv[2]).resolve()
    problems = []
    with tempfile.TemporaryDirectory(prefix="dqa-import-") as tmp:
        folder = pathlib.Path(tmp)
        (folder / "rules.yaml").write_text(RULES)
        for n in range(1, 6):
            night(folder, n)
        for n in range(1, 5):
            code, _, err = dqa_out(dqa, folder, "audit", "rules.yaml", f"night{n}.csv",
                                   "--now", f"2026-11-{15 + n}", "-q", "--history", "a.db")
            if code > 1:
                problems.append(f"night {n}: {err}")
        _, exported, _ = dqa_out(dqa, folder, "history", "export", "--history", "a.db")
        (folder / "a.csv").write_text(exported)
        lines = list(csv.reader(exported.splitlines()))
        if len(lines) - 1 != store_rows(folder / "a.db") or len(lines[0]) != 13:
            problems.append(f"export: {len(lines) - 1} lines for {store_rows(folder / 'a.db')} rows")
        dqa_out(dqa, folder, "history", "import", "a.csv", "--history", "b.db")
        questions = [
            ["trend", "{}", "--format", "json"],
            ["trend", "{}", "--unit", "B", "--format", "csv"],
            ["warnings", "{}", "--week", "2026-W47", "--format", "json"],
            ["warnings", "{}", "--format", "csv", "--target", "99"],
            ["audit", "rules.yaml", "night5.csv", "--now", "2026-11-21", "-q",
             "--baseline", "{}", "--max-drop", "1"],
            ["audit", "rules.yaml", "night5.csv", "--now", "2026-11-21", "--format", "json",
             "--samples", "0", "--history", "{}"],
            ["history", "export", "--history", "{}"],
        ]
        for q in questions:
            for name in ("a", "b"):
                for suffix in ("-wal", "-shm"):
                    (folder / f"{name}-q.db{suffix}").unlink(missing_ok=True)
                shutil.copy(folder / f"{name}.db", folder / f"{name}-q.db")
            answers = [dqa_out(dqa, folder, *[a.format(f"{name}-q.db") for a in q])
                       for name in ("a", "b")]
            answers = [(c, o.replace("b-q.db", "a-q.db"), e.replace("b-q.db", "a-q.db"))
                       for c, o, e in answers]
            if answers[0] != answers[1]:
                problems.append(f"{q[0]} {' '.join(q[2:])}: a.db and b.db answer differently")
                print(answers[0], answers[1], sep="\n")
            if answers[0][0] > 1:
                problems.append(f"{q[0]}: exit {answers[0][0]}: {answers[0][2]}")
        for fixture in sorted((root / "testdata" / "history").glob("*.csv")):
            store = folder / (fixture.stem + ".db")
            dqa_out(dqa, folder, "history", "import", str(fixture), "--history", str(store))
            _, text, _ = dqa_out(dqa, folder, "history", "export", "--history", str(store))
            (folder / "again.csv").write_text(text)
            problem = same_values(fixture, folder / "again.csv")
            if problem:
                problems.append(f"{fixture.name}: {problem}")
    for p in problems:
        print(p)
    print(f"import equals append: {len(questions)} questions, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
