#!/usr/bin/env python3
"""Expected dqa audit of testdata/citizens.csv under rules/examples/citizens.yaml,
computed without dqa: Python's csv module and plain code following /work/dqa-spec.md
(the "dqa 0.1 semantics" working spec) literally, with now = 2026-11-22T00:00:00Z.

usage: expected_citizens.py [SOURCE_ROOT]     prints the expectation as JSON
   or: import expected_citizens; expected_citizens.expect(source_root)
"""

import csv
import io
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rollup import roll_up  # noqa: E402

NOW_EPOCH = 1795305600     # --now 2026-11-22 means 2026-11-22T00:00:00Z

# ---------------------------------------------------------------------------------------
# Rule parameters. They mirror rules/examples/citizens.yaml by hand (no YAML parser on the
# test machine); update them together with that file.
# ---------------------------------------------------------------------------------------
RULES_PATH = "rules/examples/citizens.yaml"
DATA_PATH = "testdata/citizens.csv"
UNIT_COLUMN = "ward_code"
EXPECTED_UNITS_REF = ("rules/refs/hanoi-units.csv", "unit_code")   # ../refs/hanoi-units.csv, code: unit_code
COLUMN_FORMATS = {"birth_date": "%Y-%m-%d", "updated_at": "%Y-%m-%d"}
CRITERIA = ["correct", "sufficient", "clean", "alive", "unified", "shared"]
CRITERION_WEIGHTS = {c: 1 for c in CRITERIA}
WARN_BELOW = 90
FAIL_BELOW = 75

# Row-level checks in rule-file order: (id, kind, column, params). allow_empty defaults to
# false; every check has weight 1. min_ratio (alive.fresh: 0.9) only sets the check's own
# pass/fail, never a score, so it does not appear here.
ROW_CHECKS = [
    ("correct.type.birth_date", "type", "birth_date",
     {"type": "date", "format": COLUMN_FORMATS["birth_date"]}),
    ("correct.type.household_size", "type", "household_size", {"type": "integer"}),
    ("correct.type.income", "type", "income", {"type": "number", "allow_empty": True}),
    ("correct.regex.citizen_id", "regex", "citizen_id", {"pattern": r"^[0-9]{12}$"}),
    ("correct.regex.phone", "regex", "phone", {"pattern": r"^0[35789][0-9]{8}$", "allow_empty": True}),
    ("correct.enum.gender", "enum", "gender", {"values": ["Nam", "Nữ"]}),
    ("correct.range.household_size", "range", "household_size", {"min": 1, "max": 20}),
    ("correct.length.full_name", "length", "full_name", {"min": 2, "max": 60}),
    ("sufficient.not_null.citizen_id", "not_null", "citizen_id", {}),
    ("sufficient.not_null.full_name", "not_null", "full_name", {}),
    ("sufficient.not_null.birth_date", "not_null", "birth_date", {}),
    ("clean.unique.citizen_id", "unique", "citizen_id", {}),
    ("clean.trimmed.full_name", "trimmed", "full_name", {}),
    ("clean.trimmed.address", "trimmed", "address", {}),
    ("alive.fresh.updated_at", "fresh", "updated_at",
     {"max_age_s": 180 * 86400, "format": COLUMN_FORMATS["updated_at"]}),        # max_age: 180d
    ("unified.in_ref.ward_code", "in_ref", "ward_code", {"ref": ("rules/refs/hanoi-units.csv", "unit_code")}),
]
REQUIRED_COLUMNS = ["citizen_id", "full_name", "gender", "birth_date", "ward_code", "updated_at"]
ROWS_MIN = 10                                   # rows: {min: 10, per_unit: true}
METADATA_FILE = "rules/examples/citizens.meta.yaml"
METADATA_REQUIRE = ["owner", "license", "description", "update_frequency", "contact"]

# Every unit-level check of every unit: the row-level ones plus the implicit
# correct.structure and the per-unit rows. The criterion is the id's prefix.
CHECK_IDS = [
    "correct.structure",
    "correct.type.birth_date", "correct.type.household_size", "correct.type.income",
    "correct.regex.citizen_id", "correct.regex.phone", "correct.enum.gender",
    "correct.range.household_size", "correct.length.full_name",
    "sufficient.not_null.citizen_id",
    "sufficient.not_null.full_name", "sufficient.not_null.birth_date", "sufficient.rows",
    "clean.unique.citizen_id", "clean.trimmed.full_name", "clean.trimmed.address",
    "alive.fresh.updated_at",
    "unified.in_ref.ward_code",
    "clean.blank_rows",
    "clean.encoding",
]
# clean.blank_rows and clean.encoding (implicit) score only when some row of the
# dataset fails them (the data has no blank records: read_csv drops none).
assert {c[0] for c in ROW_CHECKS} <= set(CHECK_IDS)
# Judged once for the dataset (dqa-rules(5): scope): required_columns counts columns,
# metadata counts fields.
DATASET_CHECK_IDS = ["sufficient.required_columns", "shared.metadata"]


def criterion_of(check_id):
    return check_id.split(".", 1)[0]


# ---------------------------------------------------------------------------------------
# Value grammars (spec: "Value grammars"). [0-9] rather than \d: only ASCII digits count.
# ---------------------------------------------------------------------------------------
INTEGER_RE = re.compile(r"[+-]?[0-9]+")
NUMBER_RE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
DIGITS = "0123456789"


def is_integer(value):
    return INTEGER_RE.fullmatch(value) is not None and -2**63 <= int(value) <= 2**63 - 1


def is_number(value):
    return NUMBER_RE.fullmatch(value) is not None


def parse_date(value, fmt):
    """Epoch seconds of VALUE read with a dqa date format, or None. %Y takes exactly 4
    digits, %m %d %H %M %S 1 or 2, %% is a literal percent, any other character must
    match itself; the whole value must be consumed and be a real time. Naive = UTC."""
    fields = {"Y": None, "m": 1, "d": 1, "H": 0, "M": 0, "S": 0}
    pos = 0
    i = 0
    while i < len(fmt):
        if fmt[i] == "%" and i + 1 < len(fmt) and fmt[i + 1] != "%":
            directive = fmt[i + 1]
            if directive not in fields:
                raise ValueError("unsupported date directive %%%s" % directive)
            width = 4 if directive == "Y" else 2
            end = pos
            while end < len(value) and end - pos < width and value[end] in DIGITS:
                end += 1
            if end == pos or (directive == "Y" and end - pos != 4):
                return None
            fields[directive] = int(value[pos:end])
            pos = end
            i += 2
            continue
        literal = "%" if fmt[i] == "%" else fmt[i]
        if not value.startswith(literal, pos):
            return None
        pos += 1
        i += 2 if fmt[i] == "%" else 1
    if pos != len(value) or fields["Y"] is None:
        return None
    year, month, day = fields["Y"], fields["m"], fields["d"]
    if not 1 <= month <= 12 or not 1 <= day <= days_in_month(year, month):
        return None
    if fields["H"] > 23 or fields["M"] > 59 or fields["S"] > 59:
        return None
    return (days_from_civil(year, month, day) * 86400
            + fields["H"] * 3600 + fields["M"] * 60 + fields["S"])


def days_in_month(year, month):
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]


def days_from_civil(year, month, day):
    """Days since 1970-01-01 in the proleptic Gregorian calendar, any 4-digit year
    (Howard Hinnant's algorithm; datetime cannot hold year 0)."""
    year -= month <= 2
    era = year // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def code_points(value):
    # Values are decoded with surrogateescape: each invalid byte is one code point.
    return len(value)


# ---------------------------------------------------------------------------------------
# Row-level checks: True = pass.
# ---------------------------------------------------------------------------------------
def check_value(kind, params, value, ref_sets):
    if kind == "type":
        if params["type"] == "date":
            return parse_date(value, params["format"]) is not None
        if params["type"] == "integer":
            return is_integer(value)
        if params["type"] == "number":
            return is_number(value)
        raise ValueError(params["type"])
    if kind == "regex":
        # Python's re.search has PCRE2's default semantics for these patterns
        # (unanchored search, ^ at start, $ at end or before a final newline).
        return re.search(params["pattern"], value) is not None
    if kind == "enum":
        return value in params["values"]
    if kind == "range":
        if not is_number(value):
            return False
        number = float(value)
        return params.get("min", number) <= number <= params.get("max", number)
    if kind == "length":
        n = code_points(value)
        return params.get("min", n) <= n <= params.get("max", n)
    if kind == "not_null":
        return value.strip(" \t") != ""
    if kind == "trimmed":
        whitespace = (" ", "\t", "\r", "\n")
        return not (value.startswith(whitespace) or value.endswith(whitespace) or "  " in value)
    if kind == "fresh":
        when = parse_date(value, params["format"])
        return when is not None and NOW_EPOCH - when <= params["max_age_s"]
    if kind == "in_ref":
        return value in ref_sets[params["ref"]]
    raise ValueError(kind)


def read_csv(path):
    """Header and records of a comma-separated CSV (the files here are; dqa would sniff).
    A UTF-8 BOM is dropped and blank lines are skipped. Undecodable bytes survive as lone
    surrogates, so each still counts as one code point."""
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as f:
        text = f.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    # newline="" keeps the newlines inside quoted fields as they are
    rows = [r for r in csv.reader(io.StringIO(text, newline="")) if r]
    return rows[0], rows[1:]


def ref_values(root, path, column):
    header, records = read_csv(os.path.join(root, path))
    index = header.index(column)
    return {r[index] if index < len(r) else "" for r in records}


def metadata_failures(path, require):
    """Fields of REQUIRE missing, null or empty in a flat YAML sidecar. Only the shape of
    citizens.meta.yaml is understood: top-level `key: scalar` lines (plain or quoted), and
    `key: |` / `key: >` blocks, which count as filled when an indented line has text."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return len(require)
    values = {}
    for n, line in enumerate(lines):
        m = re.match(r"([A-Za-z_][\w-]*):(.*)$", line)
        if not m:
            continue
        raw = m.group(2).strip()
        if raw.startswith(("|", ">")):
            block = []
            for following in lines[n + 1:]:
                if following and not following[0].isspace():
                    break
                block.append(following.strip())
            values[m.group(1)] = " ".join(b for b in block if b)
        elif raw[:1] in ("'", '"'):
            values[m.group(1)] = raw[1:raw.index(raw[0], 1)]
        else:
            raw = re.sub(r"\s+#.*$", "", raw)
            values[m.group(1)] = None if raw in ("", "~", "null", "Null", "NULL") else raw
    return sum(1 for field in require if values.get(field) in (None, ""))


# ---------------------------------------------------------------------------------------
# Scoring: rollup.py, from dqa-rules(5) SCORING.
# ---------------------------------------------------------------------------------------
def status_of(score):
    if score is None:
        return "n/a"
    if score >= WARN_BELOW:
        return "pass"
    return "warn" if score >= FAIL_BELOW else "fail"


def expect(root):
    header, records = read_csv(os.path.join(root, DATA_PATH))
    col = {name: i for i, name in enumerate(header)}
    ref_sets = {c[3]["ref"]: ref_values(root, *c[3]["ref"]) for c in ROW_CHECKS if c[1] == "in_ref"}
    expected_units = ref_values(root, *EXPECTED_UNITS_REF)
    required_missing = sum(1 for c in REQUIRED_COLUMNS if c not in col)
    metadata_failed = metadata_failures(os.path.join(root, METADATA_FILE), METADATA_REQUIRE)

    def field(record, name):
        # ragged rows: missing fields read as empty, extra fields ignored
        i = col.get(name)
        return record[i] if i is not None and i < len(record) else ""

    counts = {}          # unit -> check id -> [evaluated, failed]
    rows = {}            # unit -> number of rows
    seen_keys = set()    # clean.unique: keys met so far, in file order, over the whole dataset
    for record in records:
        unit = field(record, UNIT_COLUMN)
        rows[unit] = rows.get(unit, 0) + 1
        c = counts.setdefault(unit, {cid: [0, 0] for cid in CHECK_IDS})
        c["correct.structure"][0] += 1
        c["correct.structure"][1] += len(record) != len(header)
        c["clean.blank_rows"][0] += 1
        c["clean.blank_rows"][1] += not any(record)
        # clean.encoding (implicit): every field the header names is UTF-8
        # (read_csv keeps other bytes as lone surrogates)
        c["clean.encoding"][0] += 1
        c["clean.encoding"][1] += any(0xDC80 <= ord(ch) <= 0xDCFF
                                      for f in record[:len(header)] for ch in f)
        for check_id, kind, column, params in ROW_CHECKS:
            value = field(record, column)
            if params.get("allow_empty") and value == "":
                continue
            if kind == "unique":
                # allow_empty is false: an empty key is a key like any other
                ok = (value,) not in seen_keys
                seen_keys.add((value,))
            else:
                ok = check_value(kind, params, value, ref_sets)
            c[check_id][0] += 1
            c[check_id][1] += not ok

    # the implicit hygiene checks have no score unless some row of the dataset failed them
    for hygiene in ("clean.blank_rows", "clean.encoding"):
        if not any(c[hygiene][1] for c in counts.values()):
            for c in counts.values():
                c[hygiene][0] = 0
    present = []
    for unit in sorted(counts):
        c = counts[unit]
        c["sufficient.rows"] = [1, int(rows[unit] < ROWS_MIN)]      # per_unit: unit-level
        present.append((unit, rows[unit], [
            {"id": cid, "criterion": criterion_of(cid), "evaluated": c[cid][0],
             "failed": c[cid][1]} for cid in CHECK_IDS]))
    dataset_checks = [
        {"id": "sufficient.required_columns", "criterion": "sufficient",
         "evaluated": len(REQUIRED_COLUMNS), "failed": required_missing},
        {"id": "shared.metadata", "criterion": "shared",
         "evaluated": len(METADATA_REQUIRE), "failed": metadata_failed},
    ]
    assert [c["id"] for c in dataset_checks] == DATASET_CHECK_IDS
    # V: the weights (all 1) of the unit-level checks some unit scores
    unit_weights = {k: sum(1 for cid in CHECK_IDS if criterion_of(cid) == k and
                           any(c[cid][0] for c in counts.values())) for k in CRITERIA}
    missing = sorted(expected_units - set(counts))
    units, criteria, score, dataset_checks = roll_up(
        present, missing, dataset_checks, unit_weights, CRITERION_WEIGHTS, status_of)
    return {"rules": RULES_PATH, "inputs": [DATA_PATH], "now": "2026-11-22T00:00:00Z",
            "rows": len(records), "score": score, "status": status_of(score),
            "criteria": criteria, "units": units, "dataset_checks": dataset_checks,
            "missing_units": missing}


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    json.dump(expect(root), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
