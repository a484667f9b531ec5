#!/usr/bin/env python3
"""dqa profile against Python's csv module on a generated file.

usage: verify_profile.py DQA ROWS

Generates ROWS rows (seeded, so every run is the same file) with an integer
id, a low-cardinality integer, a decimal number, a date, a code, a text
column with empties and leading/trailing spaces, and a column of unique
strings. Recomputes rows, empty counts, placeholders (the default list of
dqa-rules(5), but for a 0 in a number column), min and max (numeric, date or
byte order as the column's type says), exact distinct counts and exact
quantiles, and checks HyperLogLog estimates within 3 standard errors
(3 x 0.81%). Also checks that 1 and 3 threads give byte-identical JSON.
"""
import csv
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import unicodedata


def generate(path, rows):
    rnd = random.Random(7)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "size", "amount", "day", "ward", "note", "token"])
        for i in range(rows):
            note = rnd.choice(["", "ok", " late", "mất hàng ", "Đã xong", "x", "0"])
            w.writerow([
                i + 1,
                rnd.randint(0, 12) if rnd.random() > 0.01 else "",
                "%.2f" % rnd.uniform(-500, 100000),
                "%04d-%02d-%02d" % (rnd.randint(1990, 2026), rnd.randint(1, 12), rnd.randint(1, 28)),
                "%05d" % rnd.randint(1, 126),
                note,
                "t%x" % rnd.getrandbits(48),
            ])


# clean.placeholder's default list, as dqa-rules(5) gives it.
PLACEHOLDERS = {p.casefold() for p in [
    "N/A", "#N/A", "NA", "null", "none", "-", "--", "?", "0", "0000000000",
    "0000-00-00", "00/00/0000", "x", "không có", "chưa có"]}


def placeholder(v):
    return unicodedata.normalize("NFC", v.strip(" \t\r\n")).casefold() in PLACEHOLDERS


def placeholder_in(type_, v):
    """dqa(1): in a column of integers or numbers a 0 is a value."""
    return placeholder(v) and not (type_ in ("integer", "number") and v == "0")


def blank(v):
    return v.strip(" \t") == ""


def expected(path):
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        header = next(r)
        cols = {h: [] for h in header}
        nrows = 0
        for row in r:
            nrows += 1
            for h, v in zip(header, row):
                cols[h].append(v)
    return nrows, cols


def key_for(name):
    if name in ("id", "size"):
        return int
    if name == "amount":
        return float
    return lambda v: v.encode("utf-8")


def quantile(values, q):
    values = sorted(values)
    return values[math.floor(q * (len(values) - 1))]


def main():
    dqa, rows = sys.argv[1], int(sys.argv[2])
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data.csv")
        generate(data, rows)
        outs = []
        for threads in ("1", "3"):
            out = subprocess.run([dqa, "profile", data, "--format", "json", "--threads", threads,
                                  "--now", "2026-11-22"], check=True, capture_output=True).stdout
            outs.append(out)
        # Byte for byte, sampled top values and shapes included.
        if outs[0] != outs[1]:
            failures.append("1 and 3 threads give different profiles")
        prof = json.loads(outs[0])
        nrows, cols = expected(data)
    if prof["rows"] != nrows:
        failures.append("rows %d, expected %d" % (prof["rows"], nrows))
    types = {"id": "integer", "size": "integer", "amount": "number", "day": "date",
             "ward": "code", "note": "text", "token": "code"}
    for c in prof["columns"]:
        name, values = c["name"], cols[c["name"]]
        filled = [v for v in values if not blank(v)]
        def check(what, got, want):
            if got != want:
                failures.append("%s.%s: %r, expected %r" % (name, what, got, want))
        check("type", c["type"], types[name])
        check("empty", c["empty"], len(values) - len(filled))
        check("hygiene.placeholder", c["hygiene"].get("placeholder", 0),
              sum(1 for v in filled if placeholder_in(types[name], v)))
        key = key_for(name)
        lo, hi = min(filled, key=key), max(filled, key=key)
        if name in ("id", "size", "amount"):
            lo, hi = key(lo), key(hi)
        check("min", c["min"], lo)
        check("max", c["max"], hi)
        distinct = len(set(filled))
        if distinct <= 10000:
            check("distinct_exact", c["distinct_exact"], True)
            check("distinct", c["distinct"], distinct)
            if name in ("size", "amount"):
                for level, q in (("p1", 0.01), ("p25", 0.25), ("p50", 0.5), ("p75", 0.75),
                                 ("p99", 0.99)):
                    check("quantiles." + level, c["quantiles"][level],
                          float(quantile([key(v) for v in filled], q)))
            top = sorted(((-filled.count(v), v) for v in set(filled)))[:3] if distinct < 50 else []
            for (count, value), got in zip(top, c["top"]):
                check("top", (got["value"], got["count"]), (value, -count))
        else:
            check("distinct_exact", c["distinct_exact"], False)
            error = abs(c["distinct"] - distinct) / distinct
            if error > 3 * 0.0081:
                failures.append("%s.distinct %d is %.2f%% off %d (3 standard errors: 2.43%%)"
                                % (name, c["distinct"], 100 * error, distinct))
            if name == "amount":
                for level, q in (("p25", 0.25), ("p50", 0.5), ("p75", 0.75)):
                    want = quantile([key(v) for v in filled], q)
                    got = c["quantiles"][level]
                    if abs(got - want) > 0.01 * abs(want) + 1e-9:
                        failures.append("amount.quantiles.%s %g, not within 1%% of %g"
                                        % (level, got, want))
    for f in failures:
        print("FAIL", f)
    print("%d rows: %s" % (nrows, "ok" if not failures else "%d failures" % len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
