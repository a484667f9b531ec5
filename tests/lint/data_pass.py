#!/usr/bin/env python3
"""dqa lint's data pass against Python's own reading of the same data.

A generated CSV holds date, number and integer columns written in several
ways; for each declared type and format, Python (csv, datetime.strptime,
the VALUE GRAMMARS of dqa-rules(5)) counts the non-empty values among the
first --rows records that do not read. Lint must report exactly the
columns where more than half do not, with the same counts, and suggest the
format that reads most of the values Python tried.

usage: data_pass.py DQA WORKDIR
"""
import csv
import datetime
import json
import pathlib
import random
import re
import subprocess
import sys

FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M",
           "%Y-%m-%d %H:%M", "%d/%m/%Y", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d-%m-%Y",
           "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d.%m.%Y", "%d.%m.%Y %H:%M:%S", "%m/%d/%Y",
           "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%Y%m%d", "%Y/%m/%d", "%Y/%m/%d %H:%M:%S"]


def reads_date(fmt, s):
    try:
        datetime.datetime.strptime(s, fmt)
    except ValueError:
        return False
    # strptime takes one-digit fields; dqa's formats want them as written
    # in the generated data (always two digits), which this data respects.
    return True


def reads_number(s, decimal=".", thousands=""):
    pattern = r"[+-]?\d+(?:\.\d+)?"
    if decimal == "," or thousands:
        int_part = r"\d{1,3}(?:" + re.escape(thousands) + r"\d{3})*" if thousands else r"\d+"
        pattern = r"[+-]?(?:" + int_part + r"|\d+)(?:" + re.escape(decimal) + r"\d+)?"
    return re.fullmatch(pattern, s) is not None


def generate(path, rng, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "seen", "born", "area", "count"])
        for i in range(rows):
            d = datetime.datetime(2000, 1, 1) + datetime.timedelta(minutes=rng.randrange(10**7))
            seen = d.strftime("%Y-%m-%d %H:%M:%S") if rng.random() < 0.9 else d.strftime("%Y-%m-%d %H:%M")
            born = d.strftime("%d/%m/%Y") if rng.random() < 0.7 else d.strftime("%Y-%m-%d")
            area = f"{rng.randrange(5000)},{rng.randrange(100):02d}" if rng.random() < 0.8 else str(rng.randrange(99))
            count = str(rng.randrange(1000)) if rng.random() < 0.95 else "n/a"
            w.writerow([i, seen if rng.random() < 0.97 else "", born, area, count])


def main():
    dqa, work = sys.argv[1], pathlib.Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261206)
    data = work / "data.csv"
    generate(data, rng, 3000)
    (work / "rules.yaml").write_text(
        "version: 1\ndataset: {name: visits}\ncolumns:\n"
        "  seen: {type: date, format: '%Y-%m-%d %H:%M'}\n"
        "  born: date\n  area: number\n  count: integer\n")
    limit = 2000
    out = subprocess.run([dqa, "lint", "--format", "json", "--rows", str(limit),
                          str(work / "rules.yaml"), str(data)], capture_output=True, text=True)
    findings = json.loads(out.stdout)
    with open(data, newline="") as f:
        records = list(csv.DictReader(f))[:limit]
    declared = {"seen": ("date", "%Y-%m-%d %H:%M"), "born": ("date", "%Y-%m-%d"),
                "area": ("number", None), "count": ("integer", None)}
    failures = 0
    for column, (kind, fmt) in declared.items():
        values = [r[column] for r in records if r[column].strip()]
        if kind == "date":
            unread = sum(not reads_date(fmt, v) for v in values)
        elif kind == "number":
            unread = sum(not reads_number(v) for v in values)
        else:
            unread = sum(not re.fullmatch(r"[+-]?\d+", v) for v in values)
        expected = 2 * unread > len(values)
        found = [f for f in findings if f["message"].startswith(f"column '{column}':")]
        if expected != bool(found):
            print(f"FAIL {column}: Python finds {unread} of {len(values)} unread; lint: {found}")
            failures += 1
            continue
        if not found:
            continue
        m = re.search(r": (\d+) of (\d+) values", found[0]["message"])
        if (int(m.group(1)), int(m.group(2))) != (unread, len(values)):
            print(f"FAIL {column}: lint counts {m.groups()}, Python {unread} of {len(values)}")
            failures += 1
        if kind == "date":
            sample = values[:200]
            best = max(FORMATS, key=lambda f: (sum(reads_date(f, v) for v in sample), -FORMATS.index(f)))
            if f"format: '{best}'" not in found[0]["hint"]:
                print(f"FAIL {column}: Python's best format {best}, lint hint {found[0]['hint']}")
                failures += 1
        if kind == "number" and "decimal: ','" not in found[0]["hint"]:
            print(f"FAIL {column}: no decimal comma hint: {found[0]['hint']}")
            failures += 1
    print(f"{len(declared)} columns, {len(findings)} findings, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
