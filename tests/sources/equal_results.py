#!/usr/bin/env python3
"""The same rows as CSV, as an Excel workbook, as NDJSON (and, with
--postgresql, as a PostgreSQL table) give the same result JSON for the
shipped citizens example, input names and line or cell references aside.
The rows are the well-formed records of testdata/citizens.csv (as Python's
csv module reads them: the records whose field count differs from the
header's cannot be written as objects or cells), written here by Python's
csv and json modules and the test's workbook writer.

  equal_results.py DQA SOURCE_ROOT [--postgresql URI]
"""
import csv
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "generators"))
from xlsx_writer import rows_from_table, write_workbook  # noqa: E402

VOLATILE = ("inputs", "file", "line", "cell", "generated_at", "input_fingerprint", "fingerprint", "file_age")


def normalise(o):
    if isinstance(o, dict):
        return {k: normalise(v) for k, v in o.items() if k not in VOLATILE}
    if isinstance(o, list):
        return [normalise(v) for v in o]
    if isinstance(o, str):
        o = re.sub(r"\.(csv|ndjson|xlsx)\b", ".INPUT", o)
        return re.sub(r"\b(line|row) \d+", r"\1 N", o)
    return o


def audit(dqa, root, *data):
    out = subprocess.run([dqa, "audit", os.path.join(root, "rules/examples/citizens.yaml"), *data,
                          "--format", "json", "--now", "2026-11-22", "--threads", "2"],
                         capture_output=True, text=True, cwd=root)
    if out.returncode not in (0, 1):
        sys.exit(f"{data}: exit {out.returncode}: {out.stderr}")
    return normalise(json.loads(out.stdout))


def first_difference(a, b, path="$"):
    if type(a) is not type(b) or not isinstance(a, (dict, list)):
        return None if a == b else f"{path}: {str(a)[:80]} != {str(b)[:80]}"
    keys = range(max(len(a), len(b))) if isinstance(a, list) else sorted(set(a) | set(b))
    for k in keys:
        try:
            d = first_difference(a[k], b[k], f"{path}.{k}")
        except (KeyError, IndexError):
            return f"{path}.{k}: missing on one side"
        if d:
            return d
    return None


def main():
    dqa, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    pg = sys.argv[sys.argv.index("--postgresql") + 1] if "--postgresql" in sys.argv else None
    with open(os.path.join(root, "testdata/citizens.csv"), newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    header = table[0]
    table = [header] + [r for r in table[1:] if len(r) == len(header)]
    with tempfile.TemporaryDirectory() as tmp:
        inputs = {}
        inputs["csv"] = os.path.join(tmp, "citizens.csv")
        with open(inputs["csv"], "w", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\n").writerows(table)
        inputs["ndjson"] = os.path.join(tmp, "citizens.ndjson")
        with open(inputs["ndjson"], "w", encoding="utf-8") as f:
            for r in table[1:]:
                f.write(json.dumps(dict(zip(header, r)), ensure_ascii=False) + "\n")
        inputs["xlsx"] = os.path.join(tmp, "citizens.xlsx")
        write_workbook(inputs["xlsx"], [("citizens", rows_from_table(table))])
        # Mixed: a third of the rows in each format, audited together,
        # against the same thirds all as CSV.
        thirds = {}
        for i in range(3):
            part = [header] + table[1:][i::3]
            thirds[i, "csv"] = os.path.join(tmp, f"third{i}.csv")
            with open(thirds[i, "csv"], "w", newline="", encoding="utf-8") as f:
                csv.writer(f, lineterminator="\n").writerows(part)
            thirds[i, "ndjson"] = os.path.join(tmp, f"third{i}.ndjson")
            with open(thirds[i, "ndjson"], "w", encoding="utf-8") as f:
                f.writelines(json.dumps(dict(zip(header, r)), ensure_ascii=False) + "\n"
                             for r in part[1:])
            thirds[i, "xlsx"] = os.path.join(tmp, f"third{i}.xlsx")
            write_workbook(thirds[i, "xlsx"], [("citizens", rows_from_table(part))])
        if pg:
            inputs["postgresql"] = pg
        expected = audit(dqa, root, inputs.pop("csv"))
        if expected["rows"] != len(table) - 1:
            sys.exit(f"csv: {expected['rows']} rows, want {len(table) - 1}")
        failed = False
        for name, data in inputs.items():
            d = first_difference(expected, audit(dqa, root, data))
            print(f"{name}: {'same result as CSV' if not d else 'DIFFERS: ' + d}")
            failed |= d is not None
        all_csv = audit(dqa, root, *[thirds[i, "csv"] for i in range(3)])
        mixed = audit(dqa, root, thirds[0, "ndjson"], thirds[1, "csv"], thirds[2, "xlsx"])
        d = first_difference(all_csv, mixed)
        print(f"ndjson + csv + xlsx audited together: {'same result' if not d else 'DIFFERS: ' + d}")
        failed |= d is not None
        sys.exit(1 if failed else 0)


main()
