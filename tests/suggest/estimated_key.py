#!/usr/bin/env python3
"""dqa suggest on a key whose distinct count is a HyperLogLog estimate above
the rows.

usage: estimated_key.py DQA

From 25,000 distinct ids up by 1,000 (Python's csv module reads them back:
all distinct), the first count whose HyperLogLog estimate is more than the
rows (which count that is depends on the profile's value hash). The
suggested unique check must still have a min_ratio between 0 and 1 (or
none), pass dqa lint, and pass the audit on the same data.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

import yaml

FIRST_ROWS, LAST_ROWS = 25000, 40000


def write_ids(dqa, data, rows):
    """The ids file of rows rows; the profile's distinct estimate of id."""
    with open(data, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(
            [["id", "group"]] + [[i + 1, i % 7] for i in range(rows)])
    with open(data, newline="") as f:
        ids = [r["id"] for r in csv.DictReader(f)]
    assert len(set(ids)) == len(ids) == rows
    prof = json.loads(subprocess.run([dqa, "profile", data, "--format", "json"],
                                     capture_output=True, check=True).stdout)
    return prof["columns"][0]["distinct"]


def main():
    dqa = os.path.abspath(sys.argv[1])
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "ids.csv")
        rows = FIRST_ROWS
        estimate = write_ids(dqa, data, rows)
        while estimate <= rows and rows < LAST_ROWS:
            rows += 1000
            estimate = write_ids(dqa, data, rows)
        print("%d ids, estimate %d" % (rows, estimate))
        if estimate <= rows:
            failures.append("no estimate from %d to %d ids is above the rows: the test misses "
                            "its case" % (FIRST_ROWS, LAST_ROWS))
        text = subprocess.run([dqa, "suggest", data, "--now", "2026-11-22"], capture_output=True,
                              text=True, check=True).stdout
        rules = yaml.safe_load(text)
        unique = [p for e in rules.get("clean", []) for k, p in e.items() if k == "unique"]
        if len(unique) != 1 or unique[0]["columns"] != ["id"]:
            failures.append("unique checks %r, expected one on id" % unique)
        elif not 0 <= unique[0].get("min_ratio", 1) <= 1:
            failures.append("unique min_ratio %r" % unique[0]["min_ratio"])
        with open(os.path.join(tmp, "rules.yaml"), "w") as f:
            f.write(text)
        for args in (["lint", "rules.yaml"],
                     ["audit", "rules.yaml", "ids.csv", "--now", "2026-11-22", "--quiet"]):
            r = subprocess.run([dqa, *args], cwd=tmp, capture_output=True, text=True)
            if r.returncode != 0:
                failures.append("dqa %s: exit %d %s" % (args[0], r.returncode, r.stderr.strip()))
    for f in failures:
        print("FAIL", f)
    print("estimated key: %s" % ("ok" if not failures else "%d failures" % len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
