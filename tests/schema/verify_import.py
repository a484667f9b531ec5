#!/usr/bin/env python3
"""dqa import-schema against the Frictionless meaning of each constraint.

usage: verify_import.py DQA ROOT

Imports tests/cli/import-schema-package/datapackage.json (every constraint
kind), audits its conforming permits.csv (no check may fail), then, for each
constraint, a copy of the data with one row breaking just that constraint,
as Frictionless defines it: exactly the check mapped from it must fail.
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

# column, value that breaks it, the check ids that must fail (a value can
# break two constraints at once: a short ward code is no ward either)
BREAKS = [
    ("permit_id", "", "sufficient.not_null.permit_id"),          # required
    ("permit_id", "P0001", "clean.unique.permit_id"),            # unique / primaryKey
    ("permit_id", "X0003", "correct.regex.permit_id"),           # pattern (whole value)
    ("ward_code", "0001", "correct.length.ward_code unified.in_ref.ward_code"),  # minLength
    ("kind", "rebuild", "correct.enum.kind"),                    # enum
    ("floors", "41", "correct.range.floors"),                    # maximum
    ("floors", "0", "correct.range.floors"),                     # minimum
    ("floors", "2.5", "correct.type.floors"),                    # integer
    ("area_m2", "-1", "correct.range.area_m2"),                  # minimum
    ("issued_on", "01/01/2019", "correct.date.issued_on"),       # date minimum
    ("issued_on", "2021-02-05", "correct.type.issued_on correct.date.issued_on"),  # format
    ("approved", "maybe", "correct.enum.approved"),              # boolean
    ("contact", "not-an-address", "correct.email.contact"),      # format email
    ("site", "example.org/x", "correct.url.site"),               # format uri
    ("ward_code", "00007", "unified.in_ref.ward_code"),          # foreignKeys
]


def failed_checks(dqa, folder, data):
    r = subprocess.run([dqa, "audit", "rules.yaml", data, "--format", "json", "--now",
                        "2026-11-22"], cwd=folder, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise SystemExit("audit: " + r.stderr)
    result = json.loads(r.stdout)
    checks = [c for u in result["units"] for c in u["checks"]] + result.get("dataset_checks", [])
    return {c["id"] for c in checks if c["failed"] and c["kind"] != "structure"}


def main():
    dqa, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    case = os.path.join(root, "tests", "cli", "import-schema-package")
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("datapackage.json", "permits.csv", "wards.csv"):
            shutil.copy(os.path.join(case, name), tmp)
        r = subprocess.run([dqa, "import-schema", "datapackage.json"], cwd=tmp,
                           capture_output=True, text=True, check=True)
        with open(os.path.join(tmp, "rules.yaml"), "w", encoding="utf-8") as f:
            f.write(r.stdout)
        for word in ("geopoint", "exclusiveMinimum", "missingValues"):
            if word not in r.stderr or word not in r.stdout:
                problems.append("unmapped %s is not listed on stderr and in a comment" % word)
        bad = failed_checks(dqa, tmp, "permits.csv")
        if bad:
            problems.append("conforming data fails %s" % sorted(bad))
        with open(os.path.join(case, "permits.csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        for column, value, check in BREAKS:
            broken = [list(r) for r in rows]
            extra = list(rows[2])
            extra[0] = "P0003"
            extra[rows[0].index(column)] = value
            broken.append(extra)
            with open(os.path.join(tmp, "broken.csv"), "w", newline="", encoding="utf-8") as f:
                csv.writer(f, lineterminator="\n").writerows(broken)
            got = failed_checks(dqa, tmp, "broken.csv")
            if got != set(check.split()):
                problems.append("%s=%r: failing %s, expected only %s"
                                % (column, value, sorted(got), check))
    for p in problems:
        print("FAIL", p)
    print("%d constraints broken one at a time: %s" % (len(BREAKS), "ok" if not problems else
                                                      "%d problems" % len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
