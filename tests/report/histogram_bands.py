#!/usr/bin/env python3
"""The score histogram of index.html puts its bands where the scores are.

dqa(1), Report folder: "ten bands, the last nine of the narrowest width of
0.1, 0.2, 0.5, 1, 2 or 5 points that holds nine units in ten and ends at
the best score rounded up, the first taking every lower score; otherwise
0-10 ... 90-100." This script makes units whose scores it chooses (one
not_null check, the only criterion weighed: a unit's score is its share
of filled rows), recomputes the
bands and their counts from that sentence and the scores in result.json,
and compares them with the bars' titles ("LO-HI: N") of index.html.

usage: histogram_bands.py DQA
"""
import json
import math
import pathlib
import re
import subprocess
import sys
import tempfile

ROWS = 200            # per unit: scores in steps of 0.5
WIDTHS = [0.1, 0.2, 0.5, 1, 2, 5]
RULES = """version: 1
dataset:
  name: bands
  unit: unit
sufficient:
  - not_null: value
scoring:
  weights: {correct: 0, sufficient: 1, clean: 0, alive: 0, unified: 0, shared: 0}
"""

# name -> the units' scores: most of 229 units near the top (the case that
# showed one bar); a spread that needs the 10-point bands; every unit at 100.
CASES = {
    "crowded": [100 - (i % 12) * 0.5 for i in range(223)] + [40, 55, 62.5, 70, 81, 88],
    "spread": [5 + 4.5 * i for i in range(22)],
    "perfect": [100.0] * 12,
}


def write_case(folder, scores):
    lines = ["unit,value"]
    for k, score in enumerate(scores):
        filled = round(score * ROWS / 100)
        lines += [f"U{k:03d},x"] * filled + [f"U{k:03d},"] * (ROWS - filled)
    (folder / "data.csv").write_text("\n".join(lines) + "\n")
    (folder / "rules.yaml").write_text(RULES)


def expected_bands(scores):
    """[(lo, hi, count)] as dqa(1) describes them."""
    top, width = 100, 10
    best_top = min(math.ceil(max(scores)), 100)
    for w in WIDTHS:
        if 10 * sum(s < best_top - 9 * w for s in scores) <= len(scores):
            top, width = best_top, w
            break
    edges = [0] + [top - (10 - b) * width for b in range(1, 10)] + [top]
    counts = [0] * 10
    for s in scores:
        b = max(b for b in range(10) if b == 0 or s >= edges[b])
        counts[b] += 1
    return [(f"{edges[b]:.1f}", f"{edges[b + 1]:.1f}", counts[b]) for b in range(10)]


def shown_bands(index_html):
    return [(lo, hi, int(n)) for lo, hi, n in
            re.findall(r'<rect class="h-[a-z]+"[^>]*><title>([0-9.]+)-([0-9.]+): ([0-9]+)</title>',
                       index_html)]


def main():
    dqa = str(pathlib.Path(sys.argv[1]).resolve())
    failed = 0
    with tempfile.TemporaryDirectory(prefix="dqa-bands-") as tmp:
        for name, planned in CASES.items():
            folder = pathlib.Path(tmp) / name
            folder.mkdir()
            write_case(folder, planned)
            subprocess.run([dqa, "audit", "rules.yaml", "data.csv", "--now", "2026-11-22", "-q",
                            "--lang", "en", "--out", "out"], cwd=folder, capture_output=True, check=False)
            doc = json.loads((folder / "out" / "result.json").read_text())
            scores = [u["score"] for u in doc["units"]]
            want = expected_bands(scores)
            got = shown_bands((folder / "out" / "index.html").read_text())
            if got != want:
                print(f"{name}: bands {got}\n  expected {want}")
                failed += 1
            else:
                print(f"{name}: {want[1][0]}-{want[-1][1]} in bands of "
                      f"{float(want[-1][1]) - float(want[-1][0]):.1f}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
