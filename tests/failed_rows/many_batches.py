#!/usr/bin/env python3
"""Failed rows and the quarantine split past what one buffer holds: 200,000
records whose failed-row file (about 2.2 MB) and valid records (4 MB) go
through the writer in several batches of 1 MiB, with 1 and 2 threads. The
failed rows are recomputed here from dqa(1) (one line per row and failing
check, in file order and in the rules' check order within a row; a
repeated id fails clean.unique at its later occurrence with "duplicate of
line N", N the first one's line)
and compared line by line; --valid-rows and --invalid-rows must hold every
record once, in input order (an invalid record fails a check of severity
error: here every check).

Then --failed-rows-max values that fall inside the second and the third
batch of rows (about 2,500 lines each with the split, 19,000 without), with
1 and 2 threads: the file must hold exactly the first N recomputed lines
(the line count carried across batches), and the split stays whole.

usage: many_batches.py DQA_BINARY
"""

import csv
import os
import random
import subprocess
import sys
import tempfile

RULES = """version: 1
dataset: {name: many, unit: ward, key: [id]}
correct:
  - regex: {column: id, pattern: '^[0-9]{6}$'}
sufficient:
  - not_null: [name]
clean:
  - unique: id
"""

ROWS = 200000


def make_records():
    """(id, ward, name): some ids of 5 digits, some repeats of an earlier
    id (either kind), some names empty."""
    rng = random.Random(21)
    records, ids = [], []
    for i in range(ROWS):
        roll = rng.random()
        if roll < 0.04 and ids:
            rid = rng.choice(ids)
        elif roll < 0.09:
            rid = "%05d" % (i % 100000)
        else:
            rid = "%06d" % (100000 + i)
        ids.append(rid)
        name = "" if rng.random() < 0.05 else "Nguyễn %d" % (i % 97)
        records.append((rid, "W%02d" % (i % 30), name))
    return records


def expected_failures(records):
    """(unit, line, id, check, values, note) of every failure."""
    first, out = {}, []
    for n, (rid, ward, name) in enumerate(records):
        line = n + 2
        if not (len(rid) == 6 and rid.isdigit()):
            out.append((ward, str(line), rid, "correct.regex.id", rid, ""))
        if name == "":
            out.append((ward, str(line), rid, "sufficient.not_null.name", "", ""))
        if rid in first:
            out.append((ward, str(line), rid, "clean.unique.id", rid,
                        "duplicate of line %d" % first[rid]))
        first.setdefault(rid, line)
    return out


def main():
    dqa = os.path.abspath(sys.argv[1])
    records = make_records()
    text = "id,ward,name\n" + "".join("%s,%s,%s\n" % r for r in records)
    want = expected_failures(records)
    invalid_lines = {int(f[1]) for f in want}
    failures = 0
    with tempfile.TemporaryDirectory(prefix="dqa-many-batches-") as tmp:
        with open(tmp + "/rules.yaml", "w") as f:
            f.write(RULES)
        with open(tmp + "/data.csv", "w", encoding="utf-8", newline="") as f:
            f.write(text)
        for threads in ("1", "2"):
            run = subprocess.run([dqa, "audit", "rules.yaml", "data.csv", "--now", "2026-11-22",
                                  "-q", "--threads", threads, "--unmasked",
                                  "--failed-rows", "failed.csv", "--valid-rows", "valid.csv",
                                  "--invalid-rows", "invalid.csv"],
                                 cwd=tmp, check=False, capture_output=True, text=True)
            if run.returncode != 0:
                print(f"not ok - {threads} threads: exit {run.returncode}: {run.stderr.strip()}")
                failures += 2
                continue
            with open(tmp + "/failed.csv", encoding="utf-8-sig", newline="") as f:
                rows = list(csv.reader(f))
            got = [(r[0], r[2], r[3], r[4], r[6], r[7]) for r in rows[1:]]
            if got != want:
                at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b),
                          min(len(got), len(want)))
                print(f"not ok - {threads} threads: failed rows differ at line {at + 2}: "
                      f"{got[at:at + 1]} != {want[at:at + 1]} ({len(got)} vs {len(want)})")
                failures += 1
            else:
                print(f"ok - {threads} threads: {len(got)} failed-row lines as recomputed")
            lines = text.splitlines(keepends=True)
            with open(tmp + "/valid.csv", encoding="utf-8", newline="") as f:
                valid = f.read()
            with open(tmp + "/invalid.csv", encoding="utf-8", newline="") as f:
                invalid = f.read()
            want_valid = lines[0] + "".join(l for n, l in enumerate(lines[1:], 2)
                                            if n not in invalid_lines)
            want_invalid = lines[0] + "".join(l for n, l in enumerate(lines[1:], 2)
                                              if n in invalid_lines)
            if valid != want_valid or invalid != want_invalid:
                print(f"not ok - {threads} threads: the split differs")
                failures += 1
            else:
                print(f"ok - {threads} threads: valid and invalid records as recomputed")
        for threads, cut, split in (("1", 3001, True), ("2", 3001, True), ("1", 6007, True),
                                    ("2", 6007, True), ("2", 20011, False)):
            failures += check_cut(dqa, tmp, text, want, invalid_lines, threads, cut, split)
    print("1..9")
    return 1 if failures else 0


def check_cut(dqa, tmp, text, want, invalid_lines, threads, cut, split):
    """1 when --failed-rows-max cut does not keep exactly the first cut
    lines (or, with split, the split is not whole), else 0."""
    for name in ("failed.csv", "valid.csv", "invalid.csv"):
        if os.path.exists(os.path.join(tmp, name)):
            os.remove(os.path.join(tmp, name))
    args = [dqa, "audit", "rules.yaml", "data.csv", "--now", "2026-11-22", "-q",
            "--threads", threads, "--unmasked", "--failed-rows", "failed.csv",
            "--failed-rows-max", str(cut)]
    if split:
        args += ["--valid-rows", "valid.csv", "--invalid-rows", "invalid.csv"]
    run = subprocess.run(args, cwd=tmp, check=False, capture_output=True, text=True)
    what = f"{threads} threads, --failed-rows-max {cut}" + (" with the split" if split else "")
    if run.returncode != 0:
        print(f"not ok - {what}: exit {run.returncode}: {run.stderr.strip()}")
        return 1
    with open(tmp + "/failed.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    got = [(r[0], r[2], r[3], r[4], r[6], r[7]) for r in rows[1:]]
    if got != want[:cut]:
        at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b),
                  min(len(got), cut))
        print(f"not ok - {what}: failed rows differ at line {at + 2} "
              f"({len(got)} lines, {cut} wanted)")
        return 1
    if split:
        lines = text.splitlines(keepends=True)
        with open(tmp + "/invalid.csv", encoding="utf-8", newline="") as f:
            invalid = f.read()
        want_invalid = lines[0] + "".join(l for n, l in enumerate(lines[1:], 2)
                                          if n in invalid_lines)
        if invalid != want_invalid:
            print(f"not ok - {what}: the invalid records differ")
            return 1
    print(f"ok - {what}: the first {cut} recomputed lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
