#!/usr/bin/env python3
"""The exact distinct counts of a CSV file's columns and the exact counts of
the sampled top values and shapes that profiles of it show, against each
profile's figures and their documented errors (dqa(1)): a distinct estimate
within three standard errors (3 x 0.81%), a sampled count within 50%.

usage: profile_truth.py DATA.csv PROFILE.json...   (dqa profile --format json)
"""
import collections
import csv
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "profile"))
from verify_kinds import full_shape  # noqa: E402

data, profiles = sys.argv[1], sys.argv[2:]
profs = [json.load(open(p)) for p in profiles]
with open(data, newline="", encoding="utf-8") as f:
    r = csv.reader(f)
    header = next(r)
    sets = [set() for _ in header]
    want_values = {n: set() for n in header}
    want_shapes = {n: set() for n in header}
    for p in profs:
        for c in p["columns"]:
            if not c["top_exact"]:
                want_values[c["name"]] |= {t["value"] for t in c["top"]}
            if not c["shapes_exact"]:
                want_shapes[c["name"]] |= {s["shape"] for s in c["shapes"]}
    vcount = {n: collections.Counter() for n in header}
    scount = {n: collections.Counter() for n in header}
    shape_cols = [i for i, n in enumerate(header) if want_shapes[n]]
    for row in r:
        for i, v in enumerate(row):
            if v.strip(" \t") == "":
                continue
            sets[i].add(hash(v))
            n = header[i]
            if v in want_values[n]:
                vcount[n][v] += 1
        for i in shape_cols:
            if i < len(row) and row[i].strip(" \t"):
                s = full_shape(row[i].encode())
                if s in want_shapes[header[i]]:
                    scount[header[i]][s] += 1
bad = 0
for pi, p in enumerate(profs):
    print("==", profiles[pi])
    for c in p["columns"]:
        n = c["name"]
        true = len(sets[header.index(n)])
        err = (c["distinct"] - true) / true
        ok = c["distinct_exact"] and c["distinct"] == true or not c["distinct_exact"] and abs(err) <= 3 * 0.0081
        bad += not ok
        print("%-14s distinct %9d true %9d %+7.3f%% (%.2f SE)%s" % (n, c["distinct"], true, 100 * err, err / 0.0081, "" if ok else "  OUT"))
        for what, items, counts, key in (("top", c["top"], vcount[n], "value"), ("shape", c["shapes"], scount[n], "shape")):
            if (c["top_exact"] if what == "top" else c["shapes_exact"]):
                continue
            for t in items:
                true = counts[t[key]]
                e = (t["count"] - true) / true
                ok = abs(e) <= 0.5
                bad += not ok
                print("   %s %-24s %7d true %7d %+7.2f%%%s" % (what, t[key], t["count"], true, 100 * e, "" if ok else "  OUT"))
print("outside the documented error:", bad)
