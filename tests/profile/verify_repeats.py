#!/usr/bin/env python3
"""dqa profile of values that repeat, against Python's csv module.

usage: verify_repeats.py DQA

A worker counts the kinds, findings, quantiles and counter levels of a value
it has seen before into that value's memo entry, and adds them to the
column once per distinct value before workers merge. This generates 40,000
rows (about nine input blocks) whose columns mostly repeat a few values (a
skewed code, small integers, a text column of mixed kinds with spaces and
placeholders, names, dates) or mix repeats with unique numbers (past the
exact bound, so quantiles come from DDSketch), and checks, for 1, 2 and 3
threads (byte-identical JSON), every count Python recomputes: empty,
distinct, min and max, length range, the top values (sampled past the
bound: within 15%), kinds (integer, date), hygiene findings, shape totals
and quantiles (exact under the bound, within 1% past it).
"""
import csv
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Minh", "Nga", "Phúc", "Quân", "Thảo"]
MIXED = ["12", "345", "alpha", "beta ", "N/A", "0", "Hà Nội", "  x", "-7", "2026-01-05"]
TYPES = {"ward": "code", "size": "integer", "mixed": "text", "amount": "number", "day": "date",
         "name": "text"}


def generate(path):
    rnd = random.Random(11)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(list(TYPES))
        for _ in range(40000):
            w.writerow([
                "W%03d" % min(int(rnd.paretovariate(1.2)), 150) if rnd.random() > 0.02 else "",
                rnd.randint(0, 9) if rnd.random() > 0.01 else "",
                rnd.choices(MIXED, weights=range(1, 11))[0],
                "%.2f" % rnd.choice([1.5, 20.25, 300, 4000.75, -12.5]) if rnd.random() < 0.5
                else "%.3f" % rnd.uniform(-100, 9000),
                "%04d-%02d-%02d" % (rnd.randint(2000, 2003), rnd.randint(1, 12), rnd.randint(1, 28)),
                rnd.choice(FAMILY) + " " + rnd.choice(GIVEN) + (" " if rnd.random() < 0.05 else ""),
            ])


# clean.placeholder's default list, as dqa-rules(5) gives it.
PLACEHOLDERS = {"n/a", "#n/a", "na", "null", "none", "-", "--", "?", "0", "0000000000",
                "0000-00-00", "00/00/0000", "x", "không có", "chưa có"}


def quantile(values, q):
    values = sorted(values)
    return values[math.floor(q * (len(values) - 1))]


def main():
    dqa = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "repeats.csv")
        generate(data)
        outs = [subprocess.run([dqa, "profile", data, "--format", "json", "--threads", t,
                                "--now", "2026-11-22"], check=True, capture_output=True).stdout
                for t in ("1", "2", "3")]
        with open(data, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    failures = []
    if outs[1] != outs[0] or outs[2] != outs[0]:
        failures.append("1, 2 and 3 threads give different profiles")
    for c in json.loads(outs[0])["columns"]:
        name = c["name"]
        values = [r[name] for r in rows]
        filled = [v for v in values if v.strip(" \t")]

        def check(what, got, want):
            if got != want:
                failures.append("%s.%s: %r, expected %r" % (name, what, got, want))
        check("type", c["type"], TYPES[name])
        check("empty", c["empty"], len(values) - len(filled))
        key = {"size": int, "amount": float}.get(name, lambda v: v.encode("utf-8"))
        lo, hi = min(filled, key=key), max(filled, key=key)
        if name in ("size", "amount"):
            lo, hi = key(lo), key(hi)
        check("min", c["min"], lo)
        check("max", c["max"], hi)
        check("length", c["length"], {"min": min(map(len, filled)), "max": max(map(len, filled))})
        counts = {}
        for v in filled:
            counts[v] = counts.get(v, 0) + 1
        top = sorted(counts.items(), key=lambda e: (-e[1], e[0].encode("utf-8")))[:10]
        if len(counts) <= 10000:
            check("distinct", (c["distinct"], c["distinct_exact"]), (len(counts), True))
            check("top", [(t["value"], t["count"]) for t in c["top"]], top)
        else:
            # Sampled (one occurrence in 4 here): the five repeated amounts,
            # each estimate within 15% (5 standard errors).
            check("top values", sorted(t["value"] for t in c["top"]), sorted(v for v, _ in top[:5]))
            for t in c["top"]:
                if abs(t["count"] - counts[t["value"]]) > 0.15 * counts[t["value"]]:
                    failures.append("%s.top %s: %d, not within 15%% of %d"
                                    % (name, t["value"], t["count"], counts[t["value"]]))
        kinds = {"integer": sum(bool(re.fullmatch(r"-?[0-9]+", v)) for v in filled),
                 "date": sum(bool(re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", v)) for v in filled)}
        for kind, n in kinds.items():
            check("kinds." + kind, c["kinds"].get(kind, 0), n)
        placeholders = 0 if TYPES[name] in ("integer", "number") else \
            sum(v.strip(" \t").casefold() in PLACEHOLDERS for v in filled)
        hygiene = {"leading_space": sum(v[0] == " " for v in filled),
                   "trailing_space": sum(v[-1] == " " for v in filled),
                   "placeholder": placeholders}
        for h, n in hygiene.items():
            check("hygiene." + h, c["hygiene"].get(h, 0), n)
        if len(c["shapes"]) < 5:
            check("shapes total", sum(s["count"] for s in c["shapes"]), len(filled))
        if name in ("size", "amount"):
            numbers = [key(v) for v in filled]
            for level, q in (("p1", 0.01), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75),
                             ("p99", 0.99)):
                got, want = c["quantiles"][level], quantile(numbers, q)
                if abs(got - want) > (0.01 if len(counts) > 10000 else 0) * abs(want) + 1e-9:
                    failures.append("%s.quantiles.%s %r, expected %r" % (name, level, got, want))
    for f in failures:
        print("FAIL", f)
    print("40000 rows of repeats: %s" % ("ok" if not failures else "%d failures" % len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
