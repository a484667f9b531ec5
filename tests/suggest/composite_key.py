#!/usr/bin/env python3
"""dqa suggest's composite key against Python's csv module, then a round trip.

usage: composite_key.py DQA DATA

DATA is a messy file where no column alone is unique and only one set of
columns is a minimal unique one (a pair). Python finds the minimal unique
sets of at most three columns that are never empty; dqa suggest must name
that pair as dataset.key and in clean.unique, with 1 and 2 threads alike. The same on a generated file
of 30,000 rows (several blocks for the workers to merge). dqa audit with the suggested
rules then passes that check on the same data with 1 and 2 threads, and a
copy where one row takes another row's pair fails it on exactly that row.
"""
import csv
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

import yaml

NOW = "2026-11-22"


def minimal_unique_sets(header, rows):
    usable = [i for i in range(len(header)) if all(r[i].strip(" \t") for r in rows)]
    found = []
    for n in (1, 2, 3):
        for cols in itertools.combinations(usable, n):
            if any(set(f) <= set(cols) for f in found):
                continue
            if len({tuple(r[c] for c in cols) for r in rows}) == len(rows):
                found.append(cols)
    return [[header[c] for c in cols] for cols in found]


def unique_failures(dqa, rules, data, threads, cwd):
    r = subprocess.run([dqa, "audit", rules, data, "--format", "json", "--now", NOW,
                        "--threads", threads], cwd=cwd, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise SystemExit("audit failed: %s" % r.stderr)
    result = json.loads(r.stdout)
    checks = [c for u in result["units"] for c in u["checks"]]
    unique = [c for c in checks if c["kind"] == "unique"]
    return sum(c["failed"] for c in unique), sum(c["evaluated"] for c in unique), r.returncode


def generate(path):
    """30,000 rows (several scan blocks): 125 units of 240 households."""
    rnd = random.Random(22)
    names = ["%s %s" % (a, b) for a in ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng")
             for b in ("An", "Bình", "Cường", "Dung", "Hoa", "Minh", "Lan", "Tú")]
    rows = [["%05d" % (4 + 3 * u), str(h), rnd.choice(names), str(rnd.randint(1, 6)),
             "2026-%02d-%02d" % (rnd.randint(1, 11), rnd.randint(1, 28)),
             rnd.choice(["", "ok", " N/A"])] for u in range(125) for h in range(1, 241)]
    rnd.shuffle(rows)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["unit_code", "household_id", "head", "members", "surveyed", "note"])
        w.writerows(rows)


def check(dqa, data, tmp):
    failures = []
    with open(data, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    sets = minimal_unique_sets(header, rows)
    if len(sets) != 1 or len(sets[0]) != 2:
        raise SystemExit("the test file must have one minimal unique set, a pair: %r" % sets)
    pair = sets[0]
    out, one = (subprocess.run([dqa, "suggest", data, "--now", NOW, "--threads", t],
                               capture_output=True, text=True, check=True).stdout
                for t in ("2", "1"))
    if out != one:
        failures.append("suggest with 1 and 2 threads differ")
    rules = yaml.safe_load(out)
    if rules["dataset"].get("key") != pair:
        failures.append("dataset.key %r, expected %r" % (rules["dataset"].get("key"), pair))
    unique = [p for e in rules.get("clean", []) for k, p in e.items() if k == "unique"]
    if unique != [{"columns": pair}]:
        failures.append("clean.unique %r, expected columns %r" % (unique, pair))
    with open(os.path.join(tmp, "rules.yaml"), "w", encoding="utf-8") as f:
        f.write(out)
    lint = subprocess.run([dqa, "lint", "rules.yaml"], cwd=tmp, capture_output=True, text=True)
    if lint.returncode != 0:
        failures.append("lint: %s" % lint.stderr.strip())
    shutil.copy(data, os.path.join(tmp, "data.csv"))
    for threads in ("1", "2"):
        failed, evaluated, rc = unique_failures(dqa, "rules.yaml", "data.csv", threads, tmp)
        if (failed, evaluated, rc) != (0, len(rows), 0):
            failures.append("same data, %s threads: unique failed %d of %d, exit %d"
                            % (threads, failed, evaluated, rc))
    # The last row takes the first row's pair.
    a, b = header.index(pair[0]), header.index(pair[1])
    planted = [list(r) for r in rows]
    planted[-1][a], planted[-1][b] = planted[0][a], planted[0][b]
    with open(os.path.join(tmp, "planted.csv"), "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows([header] + planted)
    failed, _, _ = unique_failures(dqa, "rules.yaml", "planted.csv", "1", tmp)
    if failed != 1:
        failures.append("a duplicated pair: unique failed %d rows, expected 1" % failed)
    print("%s: composite key %s: %s" % (os.path.basename(data), "+".join(pair),
                                         "ok" if not failures else "%d failures" % len(failures)))
    return failures


def main():
    dqa, data = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        generated = os.path.join(tmp, "generated.csv")
        generate(generated)
        for path in (data, generated):
            work = os.path.join(tmp, os.path.basename(path) + ".d")
            os.mkdir(work)
            failures += check(dqa, path, work)
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
