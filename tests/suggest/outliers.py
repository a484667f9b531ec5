#!/usr/bin/env python3
"""The outliers dqa suggest names in its comments, recomputed from dqa(1).

usage: outliers.py DQA

On a generated file (400 rows, seeded), Python's csv module and the
definitions of dqa(1), SUGGEST give the outliers of each kind of check:
- range: p1 and p99 are the values at rank floor(q * (n - 1)) of the sorted
  numbers; the range is p1 - 10% of the span (floored, not below 0 when p1
  is not) to p99 + 10% (ceiled); the values outside are the outliers;
- enum: with 2 to 20 distinct values and at least 5 rows a value, the
  values of fewer than 1% of rows are the outliers;
- type: the values that are no date in the column's format.
Each comment must name exactly those values with their counts, most
frequent first (ties in byte order), and dqa audit with the suggested rules
must fail exactly their rows.
"""
import collections
import csv
import datetime
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile

import yaml

NOW = "2026-11-22"


def generate(path):
    rnd = random.Random(22)
    ages = [str(rnd.randint(20, 60)) for _ in range(394)] + ["999"] * 3 + ["-5"] + ["150"] * 2
    status = (["thường trú"] * 250 + ["tạm trú"] * 140 + ["tạm vắng"] * 7 + ["khác"] * 2
              + ["chuyển đi"])
    joined = ["2025-%02d-%02d" % (rnd.randint(1, 12), rnd.randint(1, 28)) for _ in range(389)]
    joined += ["05/01/2026"] * 6 + ["2026-13-45"] * 3 + ["chưa rõ"] * 2
    for column in (ages, status, joined):
        rnd.shuffle(column)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "age", "status", "joined"])
        w.writerows([i + 1, a, s, j] for i, (a, s, j) in enumerate(zip(ages, status, joined)))


def ordered(counts):
    """Most frequent first, ties in byte order, as the comments name them."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].encode("utf-8")))


def range_outliers(values):
    nums = sorted(int(v) for v in values)
    rank = lambda q: nums[math.floor(q * (len(nums) - 1))]
    lo, hi = rank(0.01), rank(0.99)
    span = hi - lo
    low, high = lo - 0.1 * span, hi + 0.1 * span
    if lo >= 0 and low < 0:
        low = 0
    low, high = math.floor(low), math.ceil(high)
    return ordered(collections.Counter(v for v in values if not low <= int(v) <= high))


def enum_outliers(values):
    counts = collections.Counter(values)
    assert 2 <= len(counts) <= 20 and len(values) >= 5 * len(counts)
    return ordered({v: n for v, n in counts.items() if n < 0.01 * len(values)})


def type_outliers(values, fmt):
    def is_date(v):
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", v):
            return False
        try:
            datetime.datetime.strptime(v, fmt)
            return True
        except ValueError:
            return False
    return ordered(collections.Counter(v for v in values if not is_date(v)))


def named(comment):
    """The "value (count)" list after the comment's last colon."""
    text = comment.rsplit(": ", 1)[1]
    unquote = lambda v: yaml.safe_load(v) if v[:1] in "\"'" else v   # a YAML scalar
    return [(unquote(m.group(1)), int(m.group(2)))
            for m in re.finditer(r"([^,]+?) \((\d+)\)(?:, |$)", text)]


def comment_of(yaml_text, column, marker):
    for line in yaml_text.splitlines():
        if line.strip().startswith("# %s: " % column) and marker in line:
            return line.strip()
    raise SystemExit("no comment on %s with %r in:\n%s" % (column, marker, yaml_text))


def main():
    dqa = os.path.abspath(sys.argv[1])
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data.csv")
        generate(data)
        with open(data, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        col = lambda name: [r[name] for r in rows]
        expected = {
            ("age", "outliers: ", "correct.range.age"): range_outliers(col("age")),
            ("status", "outliers: ", "correct.enum.status"): enum_outliers(col("status")),
            ("joined", "outliers are not: ", "correct.type.joined"):
                type_outliers(col("joined"), "%Y-%m-%d"),
        }
        rules = subprocess.run([dqa, "suggest", data, "--now", NOW], capture_output=True,
                               text=True, check=True).stdout
        with open(os.path.join(tmp, "rules.yaml"), "w", encoding="utf-8") as f:
            f.write(rules)
        r = subprocess.run([dqa, "audit", "rules.yaml", "data.csv", "--format", "json",
                            "--now", NOW], cwd=tmp, capture_output=True, text=True)
        if r.returncode not in (0, 1):
            raise SystemExit("audit failed: %s" % r.stderr)
        failed = collections.Counter()
        for unit in json.loads(r.stdout)["units"]:
            for c in unit["checks"]:
                failed[c["id"]] += c["failed"]
        for (column, marker, check_id), want in expected.items():
            if not want:
                failures.append("%s: the test file has no outliers" % column)
                continue
            got = named(comment_of(rules, column, marker))
            if got != want:
                failures.append("%s: named %r, expected %r" % (column, got, want))
            if failed[check_id] != sum(n for _, n in want):
                failures.append("%s: audit fails %d rows, the outliers are %d"
                                % (check_id, failed[check_id], sum(n for _, n in want)))
    for f in failures:
        print("FAIL", f)
    print("outliers named by suggest: %s" % ("ok" if not failures else "%d failures" % len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
