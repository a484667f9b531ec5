#!/usr/bin/env python3
"""Checks that dqa and DuckDB counted the same: for every unit with rows and
every check, the rows evaluated and failed. Exits 1, listing the differences
(per-check totals first), when they do not agree.

usage: compare.py DQA.json DUCKDB.json
"""
import json
import sys


def dqa_counts(path):
    """{unit: {check id: (evaluated, failed)}} from dqa's result JSON (dqa(1))."""
    with open(path, encoding="utf-8") as f:
        result = json.load(f)
    units = {u["unit"]: {c["id"]: (c["evaluated"], c["failed"]) for c in u["checks"]}
             for u in result["units"] if u["rows"] > 0}
    return result["rows"], units


def duckdb_counts(path):
    with open(path, encoding="utf-8") as f:
        result = json.load(f)
    units = {unit: {cid: tuple(ef) for cid, ef in checks.items()}
             for unit, checks in result["units"].items()}
    return result["rows"], units


def totals(units):
    sums = {}
    for checks in units.values():
        for cid, (e, f) in checks.items():
            s = sums.setdefault(cid, [0, 0])
            s[0] += e
            s[1] += f
    return sums


def differences(dqa, duck):
    diffs = []
    for unit in sorted(set(dqa) | set(duck)):
        if unit not in duck or unit not in dqa:
            diffs.append(f"unit '{unit}' only in {'dqa' if unit in dqa else 'duckdb'}")
            continue
        for cid in sorted(set(dqa[unit]) | set(duck[unit])):
            a, b = dqa[unit].get(cid), duck[unit].get(cid)
            if a != b:
                diffs.append(f"unit '{unit}' {cid}: dqa {a}, duckdb {b} (evaluated, failed)")
    return diffs


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip())
    dqa_rows, dqa = dqa_counts(sys.argv[1])
    duck_rows, duck = duckdb_counts(sys.argv[2])
    diffs = differences(dqa, duck)
    if dqa_rows != duck_rows:
        diffs.insert(0, f"rows: dqa {dqa_rows}, duckdb {duck_rows}")
    sums_dqa, sums_duck = totals(dqa), totals(duck)
    if not diffs:
        failed = sum(f for _, f in sums_dqa.values())
        print(f"compare: dqa and duckdb agree: {len(sums_dqa)} checks x {len(dqa)} units, "
              f"{failed} failures")
        return
    print("compare: MISMATCH between dqa and duckdb", file=sys.stderr)
    print(f"  {'check':34} {'dqa e/f':>20} {'duckdb e/f':>20}", file=sys.stderr)
    for cid in sorted(set(sums_dqa) | set(sums_duck)):
        a, b = sums_dqa.get(cid), sums_duck.get(cid)
        mark = "" if a == b else "  <-"
        fmt = lambda s: "-" if s is None else f"{s[0]}/{s[1]}"
        print(f"  {cid:34} {fmt(a):>20} {fmt(b):>20}{mark}", file=sys.stderr)
    for d in diffs[:20]:
        print("  " + d, file=sys.stderr)
    if len(diffs) > 20:
        print(f"  ... and {len(diffs) - 20} more", file=sys.stderr)
    sys.exit(1)


if __name__ == "__main__":
    main()
