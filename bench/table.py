#!/usr/bin/env python3
"""Turns the `/usr/bin/time -v` reports that bench/run wrote into the results
table (Markdown) and the issue-7 target lines. A case measured several times
(--repeat) counts its fastest run, and the peak RSS of that run. The ratios
between dqa's thread counts and against the bare parse are also given per
run (bench/run takes those moments apart), as the median over the runs:
this machine's speed drifts over minutes, which the fastest runs of cases
taken at different times do not cancel.

usage: table.py RESULTS_DIR CSV_BYTES THREADS...
"""
import glob
import os
import re
import statistics
import sys

MB = 1e6


def read_time(path):
    """(wall seconds, peak RSS in MB, CPU seconds) from one `time -v` report."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    cpu = re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", text)
    if not wall or not rss or len(cpu) != 2:
        sys.exit(f"table.py: {path}: not a GNU time -v report")
    seconds = 0.0
    for part in wall.group(1).split(":"):
        seconds = seconds * 60 + float(part)
    return seconds, int(rss.group(1)) * 1024 / MB, sum(map(float, cpu))


def runs(results, name):
    """{run number: read_time(...)} of the reports results/name.N.time."""
    found = {}
    for path in glob.glob(os.path.join(results, f"{name}.*.time")):
        found[int(path.rsplit(".", 2)[-2])] = read_time(path)
    if not found:
        sys.exit(f"table.py: no measurements of {name} in {results}")
    return found


def best(results, name):
    """The fastest of the runs of name."""
    return min(runs(results, name).values())


def paired(results, a, b, pick):
    """pick(a's report, b's report) for every run measuring both, in run order."""
    ra, rb = runs(results, a), runs(results, b)
    return [pick(ra[r], rb[r]) for r in sorted(ra) if r in rb]


def spread(values):
    """'median (all values)' of per-run ratios."""
    text = ", ".join(f"{v:.2f}" for v in values)
    return f"{statistics.median(values):.2f} (runs: {text})"


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__.strip())
    results, csv_bytes, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    header = ["case", "dqa s", "duckdb s", "ratio", "dqa RSS MB", "duckdb RSS MB",
              "libcsv s", "dqa MB/s", "dqa/libcsv per core", "dqa CPU s", "duckdb CPU s"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" if i else "---" for i in range(len(header))) + "|")
    wall = {}
    for kind in ("csv", "gz"):
        parse_s, _, parse_cpu = best(results, f"csvparse-{kind}")
        for t in threads:
            dqa_s, dqa_mb, dqa_cpu = best(results, f"dqa-{kind}-{t}")
            duck_s, duck_mb, duck_cpu = best(results, f"duckdb-{kind}-{t}")
            wall[kind, t] = dqa_s
            # CPU seconds sum over threads and exclude time spent waiting for
            # a core another process holds: the per-core cost of each tool.
            per_core = parse_cpu / dqa_cpu
            print(f"| {kind} {t}t | {dqa_s:.2f} | {duck_s:.2f} | {duck_s / dqa_s:.2f} | "
                  f"{dqa_mb:.0f} | {duck_mb:.0f} | {parse_s:.2f} | {csv_bytes / MB / dqa_s:.0f} | "
                  f"{per_core:.2f} | {dqa_cpu:.2f} | {duck_cpu:.2f} |")
    print()
    lo, hi = threads[0], threads[-1]
    if lo != hi:
        pairs = paired(results, f"dqa-csv-{lo}", f"dqa-csv-{hi}", lambda a, b: a[0] / b[0])
        print(f"dqa speed-up from {lo} to {hi} threads on plain CSV: "
              f"{wall['csv', lo] / wall['csv', hi]:.2f}x fastest against fastest; "
              f"back to back {spread(pairs)}")
    for kind in ("csv", "gz"):
        for t in threads:
            pairs = paired(results, f"csvparse-{kind}", f"dqa-{kind}-{t}", lambda a, b: a[2] / b[2])
            print(f"dqa/libcsv per core, {kind} {t}t, run by run: {spread(pairs)}")
    for t in threads:
        print(f"dqa time on gzip / on plain CSV, {t} thread(s): {wall['gz', t] / wall['csv', t]:.2f}")


if __name__ == "__main__":
    main()
