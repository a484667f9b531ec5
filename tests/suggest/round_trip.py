#!/usr/bin/env python3
"""dqa suggest, then dqa audit with the suggested rules on the same data.

usage: round_trip.py DQA ROOT

For each shipped example: the suggested rules pass dqa lint; audited on
the same data, every check passes its min_ratio (the outliers the comments
name are what min_ratio lets through), counted over all units from the
result JSON. Then the same rules on a copy with planted defects (broken
dates, letters in phones, duplicated keys, an unknown unit code, each in a
fifth of the rows) fail on each planted column.
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

EXAMPLES = ["citizens", "health-facilities", "businesses"]
NOW = "2026-11-22"


def run(dqa, *args, cwd):
    return subprocess.run([dqa, *args], cwd=cwd, capture_output=True, text=True)


def check_totals(result):
    """evaluated and failed of each check id, over units and the dataset."""
    totals = {}
    checks = [c for u in result["units"] for c in u["checks"]] + result.get("dataset_checks", [])
    for c in checks:
        t = totals.setdefault(c["id"], [0, 0, c["columns"]])
        t[0] += c["evaluated"]
        t[1] += c["failed"]
    return totals


def min_ratios(rules):
    """min_ratio of each suggested check, by the column(s) it names."""
    ratios = {}
    for criterion in ("correct", "sufficient", "clean", "alive", "unified"):
        for entry in rules.get(criterion) or []:
            (kind, params), = entry.items()
            if isinstance(params, dict):
                cols = params.get("columns") or [params.get("column")]
                ratios["%s.%s.%s" % (criterion, kind, "+".join(cols))] = params.get("min_ratio", 1.0)
    return ratios


def audit(dqa, tmp, data):
    r = run(dqa, "audit", "rules.yaml", data, "--format", "json", "--now", NOW, cwd=tmp)
    if r.returncode not in (0, 1):
        raise SystemExit("audit failed: %s" % r.stderr)
    return check_totals(json.loads(r.stdout))


def failing(totals, ratios):
    out = set()
    for cid, (evaluated, failed, cols) in totals.items():
        ratio = ratios.get(cid)
        if ratio is not None and evaluated and (evaluated - failed) / evaluated < ratio:
            out.add(cid)
    return out


def plant(src, dst, rules):
    """A fifth of the rows get each defect, on the column the rules name."""
    with open(src, newline="", encoding="utf-8", errors="surrogateescape") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    columns = rules.get("columns", {})
    dates = [c for c, d in columns.items() if d.get("type") == "date"]
    phones = [c for e in rules.get("correct", []) for k, p in e.items() if k == "vn_phone"
              for c in [p["column"]]]
    key = rules.get("dataset", {}).get("key", [])
    unit = rules.get("dataset", {}).get("unit")
    planted = {}
    for i, row in enumerate(rows[1:], 1):
        if len(row) != len(header):
            continue
        if dates and i % 5 == 0:
            row[header.index(dates[0])] = "2026-13-45"
            planted["date"] = dates[0]
        if phones and i % 5 == 1:
            row[header.index(phones[0])] = "09x1234567"
            planted["phone"] = phones[0]
        if key and i % 5 == 2 and i > 1:
            row[header.index(key[0])] = rows[1][header.index(key[0])]
            planted["key"] = key[0]
        if unit and i % 5 == 3:
            row[header.index(unit)] = "99998"
            planted["unit"] = unit
    with open(dst, "w", newline="", encoding="utf-8", errors="surrogateescape") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return planted


def main():
    dqa, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    problems = []
    for name in EXAMPLES:
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(os.path.join(root, "testdata", name + ".csv"), tmp)
            shutil.copy(os.path.join(root, "rules", "refs", "hanoi-units.csv"), tmp)
            data = name + ".csv"
            r = run(dqa, "suggest", data, "--now", NOW, "--units", "hanoi-units.csv#unit_code", cwd=tmp)
            if r.returncode:
                problems.append("%s: suggest: %s" % (name, r.stderr))
                continue
            with open(os.path.join(tmp, "rules.yaml"), "w", encoding="utf-8") as f:
                f.write(r.stdout)
            rules = yaml.safe_load(r.stdout)
            lint = run(dqa, "lint", "rules.yaml", data, cwd=tmp)
            if lint.returncode:
                problems.append("%s: lint: %s" % (name, lint.stderr))
                continue
            ratios = min_ratios(rules)
            bad = failing(audit(dqa, tmp, data), ratios)
            for cid in sorted(bad):
                problems.append("%s: %s fails on the data it was suggested from" % (name, cid))
            planted = plant(os.path.join(tmp, data), os.path.join(tmp, "planted.csv"), rules)
            bad = failing(audit(dqa, tmp, "planted.csv"), ratios)
            for defect, column in sorted(planted.items()):
                if not any(column in cid.split(".")[-1].split("+") for cid in bad):
                    problems.append("%s: planted %s in %s, but no check on it fails"
                                    % (name, defect, column))
            print("%s: %d checks, planted %s: each caught" % (name, len(ratios), sorted(planted)))
    for p in problems:
        print("FAIL", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
