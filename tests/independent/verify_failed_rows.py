#!/usr/bin/env python3
"""Check `dqa audit --failed-rows` on the three shipped examples against the failed
rows recomputed without dqa: the row-level checks of the independent expectations
(expected_citizens.py, expected_health.py, expected_businesses.py) run over the data
read with Python's csv module, every failure kept with its physical line. Compared
line by line, in file order and check order within a row: unit, line, key, check,
values (--unmasked) and, for clean.unique, the note "duplicate of line N" naming the
first occurrence. Then the columns and masking of dqa(1), OUTPUT, Failed rows: a masked run
shows pii values with all but their last two characters as '*', and JSON Lines say
the same as the CSV.

usage: verify_failed_rows.py DQA_BINARY SOURCE_ROOT
"""

import csv
import io
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import expected_businesses  # noqa: E402
import expected_citizens as citizens  # noqa: E402
import expected_health  # noqa: E402
from example_audit import read_csv_lines  # noqa: E402

NOW = "2026-11-22"
MAX_SHOWN = 10


def citizens_failures(root):
    """(line, check id, unit, key, values, note) of every failure, in file order."""
    header, records, lines = read_csv_lines(os.path.join(root, citizens.DATA_PATH))
    col = {name: i for i, name in enumerate(header)}
    refs = {c[3]["ref"]: citizens.ref_values(root, *c[3]["ref"])
            for c in citizens.ROW_CHECKS if c[1] == "in_ref"}

    def field(record, name):
        i = col[name]
        return record[i] if i < len(record) else ""

    first_line = {}
    out = []
    for record, line in zip(records, lines):
        unit, key = field(record, citizens.UNIT_COLUMN), [field(record, "citizen_id")]
        if len(record) != len(header):
            out.append((line, "correct.structure", unit, key, [], None))
        for check_id, kind, column, params in citizens.ROW_CHECKS:
            value = field(record, column)
            if params.get("allow_empty") and value == "":
                continue
            note = None
            if kind == "unique":
                ok = value not in first_line
                note = None if ok else "duplicate of line %d" % first_line[value]
                first_line.setdefault(value, line)
            else:
                ok = citizens.check_value(kind, params, value, refs)
            if not ok:
                out.append((line, check_id, unit, key, [value], note))
    return out


def unique_notes(expected, root, data_path, checks):
    """Fills the note of each clean.unique failure: the line of the key's first
    occurrence in the whole file (repeats fail, first occurrences pass)."""
    header, records, lines = read_csv_lines(os.path.join(root, data_path))
    col = {name: i for i, name in enumerate(header)}
    first = {}
    for record, line in zip(records, lines):
        for check_id, columns in checks.items():
            key = tuple(record[col[c]] if col[c] < len(record) else "" for c in columns)
            first.setdefault((check_id, key), line)
    for item in expected:
        if item[1] in checks:
            key = tuple(item[4])
            item[5] = "duplicate of line %d" % first[(item[1], key)]


def dqa_rows(binary, root, rules, data, *extra):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "failed")
        cmd = [binary, "audit", os.path.join(root, rules), os.path.join(root, data), "--now", NOW,
               "--quiet", "--failed-rows", path] + list(extra)
        proc = subprocess.run(cmd, capture_output=True, timeout=120)
        if proc.returncode not in (0, 1):
            sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
            sys.exit("verify_failed_rows: %s exited with %d" % (" ".join(cmd), proc.returncode))
        with open(path, "rb") as f:
            return f.read()


def parse_csv(data):
    if not data.startswith(b"\xef\xbb\xbf"):
        sys.exit("verify_failed_rows: the CSV does not start with a UTF-8 BOM")
    text = data[3:].decode("utf-8", errors="surrogateescape")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0], rows[1:]


def undefuse(value):
    """The report CSVs put a ' before a cell a spreadsheet would run as a formula."""
    return value[1:] if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@", "\t", "\r") else value


def mask(value):
    """dqa(1): all but the last two characters become '*'; four or fewer: all."""
    n = len(value)
    return "*" * n if n <= 4 else "*" * (n - 2) + value[-2:]


def compare(name, expected, header, rows, key_column, problems):
    want = ["unit", "unit_name", "line", key_column, "check", "label", "values", "note"]
    if header != want:
        problems.append("%s: header %r, expected %r" % (name, header, want))
        return
    got = [(int(r[2]), r[4], r[0], [undefuse(r[3])], undefuse(r[6]), r[7]) for r in rows]
    exp = []
    for line, check_id, unit, key, values, note in expected:
        exp.append((line, check_id, unit, key, values[0] if len(values) == 1 else None, note))
    if len(got) != len(exp):
        problems.append("%s: %d failed-row lines, expected %d" % (name, len(got), len(exp)))
    for n, (g, e) in enumerate(zip(got, exp)):
        g_cmp = (g[0], g[1], g[2], g[3], g[4] if e[4] is not None else None,
                 g[5] if e[5] is not None else None)
        if g_cmp != e:
            problems.append("%s: line %d of the file: %r, expected %r" % (name, n + 2, g, e))
            if len(problems) > MAX_SHOWN:
                return


EXAMPLES = [
    ("citizens", citizens.RULES_PATH, citizens.DATA_PATH, "citizen_id", None),
    ("health", expected_health.RULES_PATH, expected_health.DATA_PATH, "facility_code",
     expected_health),
    ("businesses", expected_businesses.RULES_PATH, expected_businesses.DATA_PATH, "tax_code",
     expected_businesses),
]


def check_order(binary, root, rules, data):
    """Check ids in the order the result lists a unit's checks: the rule file's,
    dqa's implicit checks last (dqa(1), OUTPUT, Failed rows)."""
    cmd = [binary, "audit", os.path.join(root, rules), os.path.join(root, data), "--now", NOW,
           "--format", "json"]
    result = json.loads(subprocess.run(cmd, capture_output=True, timeout=120).stdout)
    order = {}
    for unit in result["units"]:
        for check in unit.get("checks", []):
            order.setdefault(check["id"], len(order))
    return order


def expected_of(root, module, key_column, data_path, order):
    if module is None:
        out = citizens_failures(root)
        out.sort(key=lambda item: (item[0], order[item[1]]))
        return out
    found = []
    module.expect(root, failures=found)
    out = [[r.line, c.id, r["ward_code"], [r[key_column]], [r[col] for col in c.columns], None]
           for r, c in found]
    unique_notes(out, root, data_path, {c.id: c.columns for _, c in found
                                        if c.id.startswith("clean.unique.")})
    out.sort(key=lambda item: (item[0], order[item[1]]))
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: verify_failed_rows.py DQA_BINARY SOURCE_ROOT")
    binary, root = sys.argv[1:]
    problems = []
    for name, rules, data, key_column, module in EXAMPLES:
        order = check_order(binary, root, rules, data)
        expected = expected_of(root, module, key_column, data, order)
        header, rows = parse_csv(dqa_rows(binary, root, rules, data, "--unmasked"))
        compare(name, expected, header, rows, key_column, problems)
        if not rows:
            problems.append("%s: no failed rows" % name)
        lines = dqa_rows(binary, root, rules, data, "--unmasked", "--failed-rows-format", "jsonl")
        objects = [json.loads(line) for line in lines.decode("utf-8").split("\n")[:-1]]
        as_csv = [[o["unit"], str(o["line"]), o["key"][key_column], o["check"], o["label"]]
                  for o in objects]
        if as_csv != [[r[0], r[2], undefuse(r[3]), r[4], r[5]] for r in rows]:
            problems.append("%s: the JSON Lines differ from the CSV" % name)
    # masked by default: citizen_id is pii in the citizens example
    header, masked = parse_csv(dqa_rows(binary, root, citizens.RULES_PATH, citizens.DATA_PATH))
    expected = expected_of(root, None, "citizen_id", citizens.DATA_PATH,
                           check_order(binary, root, citizens.RULES_PATH, citizens.DATA_PATH))
    shown = [r[3] for r in masked]
    if shown != [mask(key[0]) for _, _, _, key, _, _ in expected]:
        problems.append("citizens: masked citizen_id values are not as dqa(1) says")
    if problems:
        print("verify_failed_rows: %d problem(s):" % len(problems))
        for p in problems[:MAX_SHOWN]:
            print("  " + p)
        return 1
    print("verify_failed_rows: ok: the failed rows of the three examples as recomputed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
