"""The store's units table against the expected-units files, read on their
own: each unit of the data or of a list with the last non-empty name the
lists give it in the order of the audits, '' when none."""
import csv
import sqlite3
import sys

store, data, *lists = sys.argv[1:]
with open(data, newline="", encoding="utf-8") as f:
    expected = {row["ward"]: "" for row in csv.DictReader(f)}
for path in lists:
    with open(path, newline="", encoding="utf-8") as f:
        expected.update({row["unit_code"]: "" for row in csv.DictReader(f)})
for path in lists:
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["unit_full_name"]:
                expected[row["unit_code"]] = row["unit_full_name"]
db = sqlite3.connect(store)
actual = dict(db.execute("SELECT unit, name FROM units WHERE dataset = 'households'"))
for unit in sorted(expected.keys() | actual.keys()):
    status = "ok" if expected.get(unit) == actual.get(unit) else "MISMATCH"
    print(f"{status} {unit} expected={expected.get(unit)!r} stored={actual.get(unit)!r}")
