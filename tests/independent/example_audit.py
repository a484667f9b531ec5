"""A small audit engine for the independent expectations of the shipped examples:
reads a CSV with Python's csv module, runs checks written in Python from dqa-rules(5),
and scores units as dqa-rules(5) SCORING says. It shares no code with dqa.

A rule set is mirrored by hand as a list of checks:
  row(id, criterion, columns, test, ...)   row-level: test(row) -> bool, None (the row
                                           is skipped), or raises Unconvertible (it fails)
  per_unit(id, criterion, judge)           judge(unit, rows, dataset) -> (evaluated, failed)
                                           after the scan; (0, 0) means no score (n/a)
"""

import csv
import gzip
import io
import json
import os
import re
import sys

from expected_citizens import days_from_civil, parse_date, status_of
from rollup import roll_up

CRITERIA = ["correct", "sufficient", "clean", "alive", "unified", "shared"]


class Unconvertible(Exception):
    """A value an expression reads does not convert to its column's type."""


# ----------------------------------------------------------------------------------
# Reading
# ----------------------------------------------------------------------------------
def read_csv_lines(path):
    """Header and records of a comma-separated CSV, plain or gzip, and the physical
    line each record starts on (the header is line 1). A UTF-8 BOM is dropped and
    blank lines skipped; bytes that are not UTF-8 survive as lone surrogates."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    text = data.decode("utf-8", errors="surrogateescape")
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, lines, consumed = [], [], 0
    for r in reader:
        if r:
            rows.append(r)
            lines.append(consumed + 1)
        consumed = reader.line_num
    return rows[0], rows[1:], lines[1:]


def read_csv(path):
    header, records, _ = read_csv_lines(path)
    return header, records


def column_values(path, column):
    header, records = read_csv(path)
    i = header.index(column)
    return [r[i] if i < len(r) else "" for r in records]


class Row:
    """One record: row[name] is its field ('' when the record is short)."""

    def __init__(self, header_index, record, line):
        self.index = header_index
        self.record = record
        self.line = line

    def __getitem__(self, name):
        i = self.index[name]
        return self.record[i] if i < len(self.record) else ""


# ----------------------------------------------------------------------------------
# Values as expressions read them (dqa-rules(5), EXPRESSIONS, Types)
# ----------------------------------------------------------------------------------
INTEGER = re.compile(r"[+-]?[0-9]+")
ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
                 r"(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?(Z|[+-][0-9]{2}:[0-9]{2})?")


def parse_iso(value):
    """Epoch seconds of an ISO 8601 date or date-time (naive = UTC), or None."""
    m = ISO.fullmatch(value)
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    base = parse_date("%04d-%d-%d" % (year, month, day), "%Y-%m-%d")
    hh, mm, ss = (int(g) if g else 0 for g in m.group(4, 5, 6))
    if base is None or hh > 23 or mm > 59 or ss > 59:
        return None
    offset = 0
    if m.group(7) and m.group(7) != "Z":
        sign = 1 if m.group(7)[0] == "+" else -1
        offset = sign * (int(m.group(7)[1:3]) * 3600 + int(m.group(7)[4:6]) * 60)
    return base + hh * 3600 + mm * 60 + ss - offset


def parse_when(value, fmt):
    """Epoch seconds of VALUE in date format FMT, or ISO 8601 when FMT is None."""
    return parse_iso(value) if fmt is None else parse_date(value, fmt)


def as_integer(value):
    if not INTEGER.fullmatch(value) or not -2**63 <= int(value) < 2**63:
        raise Unconvertible(value)
    return int(value)


def as_day(value, fmt):
    """The calendar day (days since 1970-01-01, UTC) of a date column's value."""
    when = parse_when(value, fmt)
    if when is None:
        raise Unconvertible(value)
    return when // 86400


def epoch(year, month, day):
    return days_from_civil(year, month, day) * 86400


# ----------------------------------------------------------------------------------
# Checks
# ----------------------------------------------------------------------------------
class Check:
    def __init__(self, check_id, criterion):
        self.id = check_id
        self.criterion = criterion


class RowCheck(Check):
    def __init__(self, check_id, criterion, columns, test, allow_empty=False, where=None):
        super().__init__(check_id, criterion)
        self.columns, self.test, self.allow_empty, self.where = columns, test, allow_empty, where

    def judge(self, row):
        """None when the row is skipped, else True (passes) or False."""
        if self.where is not None:
            try:
                if not self.where(row):
                    return None
            except Unconvertible:
                return False
        if self.allow_empty and all(row[c] == "" for c in self.columns):
            return None
        try:
            verdict = self.test(row)
        except Unconvertible:
            return False
        return None if verdict is None else bool(verdict)


class UnitCheck(Check):
    def __init__(self, check_id, criterion, judge):
        super().__init__(check_id, criterion)
        self.judge_unit = judge


def row(check_id, criterion, columns, test, allow_empty=False, where=None):
    return RowCheck(check_id, criterion, columns, test, allow_empty, where)


def per_unit(check_id, criterion, judge):
    return UnitCheck(check_id, criterion, judge)


class DatasetCheck(Check):
    """Judged once for the dataset (dqa-rules(5): scope): never in a unit's checks."""

    def __init__(self, check_id, criterion, evaluated, failed):
        super().__init__(check_id, criterion)
        self.counts = (evaluated, failed)


def dataset_level(check_id, criterion, evaluated, failed):
    return DatasetCheck(check_id, criterion, evaluated, failed)


def structure(header_len):
    return row("correct.structure", "correct", [],
               lambda r: len(r.record) == header_len)


def blank_rows():
    """Implicit: no score unless some row of the dataset fails it (see unscore)."""
    return row("clean.blank_rows", "clean", [], lambda r: any(r.record))


def not_utf8(value):
    """read_csv keeps bytes that are not UTF-8 as lone surrogates."""
    return any(0xDC80 <= ord(ch) <= 0xDCFF for ch in value)


def encoding(header_len):
    """clean.encoding (implicit): every field the header names is UTF-8. It has
    no score unless some row of the dataset fails it (see unscore)."""
    return row("clean.encoding", "clean", [],
               lambda r: not any(not_utf8(f) for f in r.record[:header_len]))


def unscore(counts, check_id):
    """The implicit hygiene checks score only when some row of the dataset failed."""
    if not any(c[check_id][1] for c in counts.values()):
        for c in counts.values():
            c[check_id][0] = 0


def unique(check_id, columns):
    seen = set()

    def test(r):
        key = tuple(r[c] for c in columns)
        fresh = key not in seen
        seen.add(key)
        return fresh
    return row(check_id, "clean", columns, test)


# ----------------------------------------------------------------------------------
# The audit
# ----------------------------------------------------------------------------------
class Dataset:
    """What per-unit judges may look at: every row, in file order, and the units."""

    def __init__(self, header, rows, unit_column):
        self.header = header
        self.rows = rows
        self.unit_column = unit_column


def audit(rules_path, data_path, root, unit_column, expected_units, make_checks,
          now="2026-11-22T00:00:00Z", failures=None):
    """make_checks(header, dataset) returns the checks of the rule set. failures,
    when a list, gets (row, check) for every row a row-level check fails."""
    header, records, lines = read_csv_lines(os.path.join(root, data_path))
    index = {name: i for i, name in enumerate(header)}
    rows = [Row(index, rec, line) for rec, line in zip(records, lines)]
    dataset = Dataset(header, rows, unit_column)
    checks = [structure(len(header))] + make_checks(header, dataset) + [blank_rows(),
                                                                         encoding(len(header))]
    ids = [c.id for c in checks]
    assert len(set(ids)) == len(ids), "duplicate check id"

    counts, unit_rows = {}, {}
    for r in rows:
        unit = r[unit_column]
        unit_rows.setdefault(unit, []).append(r)
        c = counts.setdefault(unit, {cid: [0, 0] for cid in ids})
        for check in checks:
            if isinstance(check, RowCheck):
                verdict = check.judge(r)
                if verdict is not None:
                    c[check.id][0] += 1
                    c[check.id][1] += not verdict
                if verdict is False and failures is not None:
                    failures.append((r, check))

    unscore(counts, "clean.blank_rows")
    unscore(counts, "clean.encoding")
    unit_checks = [c for c in checks if not isinstance(c, DatasetCheck)]
    present = []
    for unit in sorted(counts):
        c = counts[unit]
        for check in unit_checks:
            if isinstance(check, UnitCheck):
                c[check.id] = list(check.judge_unit(unit, unit_rows[unit], dataset))
        present.append((unit, len(unit_rows[unit]), [
            {"id": check.id, "criterion": check.criterion, "evaluated": c[check.id][0],
             "failed": c[check.id][1]} for check in unit_checks]))
    dataset_checks = [{"id": check.id, "criterion": check.criterion,
                       "evaluated": check.counts[0], "failed": check.counts[1]}
                      for check in checks if isinstance(check, DatasetCheck)]
    # every check of the shipped examples has weight 1, every criterion too; V
    # counts the unit-level checks some unit scores
    unit_weights = {k: sum(1 for ch in unit_checks if ch.criterion == k and
                           any(c[ch.id][0] for c in counts.values())) for k in CRITERIA}
    missing = sorted(set(expected_units) - set(counts))
    units, criteria, score, dataset_checks = roll_up(
        present, missing, dataset_checks, unit_weights, {k: 1 for k in CRITERIA}, status_of)
    return {"rules": rules_path, "inputs": [data_path], "now": now, "rows": len(rows),
            "score": score, "status": status_of(score), "criteria": criteria,
            "units": units, "dataset_checks": dataset_checks, "missing_units": missing}


def print_expectation(expect):
    """The main of expected_*.py: prints expect(SOURCE_ROOT) as JSON; the root is the
    first argument, else the repository holding this file."""
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    json.dump(expect(root), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
