#!/usr/bin/env python3
"""Check dqa's audit of testdata/citizens.csv against the independent expectation of
expected_citizens.py: every count exactly, every score within 0.01, every status exactly.

usage: verify_citizens.py DQA_BINARY SOURCE_ROOT
exit:  0 when dqa agrees, 1 on any difference or when dqa fails to run
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import expected_citizens  # noqa: E402  (needs the path above)

SCORE_TOLERANCE = 0.01
MAX_SHOWN = 20
NOW = "2026-11-22"


def run_dqa(binary, root):
    cmd = [binary, "audit", os.path.join(root, expected_citizens.RULES_PATH),
           os.path.join(root, expected_citizens.DATA_PATH),
           "--now", NOW, "--format", "json", "--samples", "0"]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as err:
        sys.exit("verify_citizens: cannot run %s: %s" % (" ".join(cmd), err))
    # 0 = gate passed, 1 = gate failed: both are finished audits with a result
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        sys.exit("verify_citizens: %s exited with %d (expected 0 or 1)"
                 % (" ".join(cmd), proc.returncode))
    try:
        return json.loads(proc.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        head = proc.stdout[:300].decode("utf-8", "replace")
        sys.exit("verify_citizens: stdout of dqa is not JSON (%s); it starts with:\n%s" % (err, head))


class Diff:
    """Collects differences as 'where: what' lines."""

    def __init__(self):
        self.lines = []

    def add(self, where, message):
        self.lines.append("%s: %s" % (where, message))

    def exact(self, where, expected, actual):
        if expected != actual:
            self.add(where, "expected %r, got %r" % (expected, actual))

    def score(self, where, expected, actual):
        if expected is None or actual is None:
            if expected is not actual:
                self.add(where, "expected %s, got %s" % (fmt(expected), fmt(actual)))
            return
        if not isinstance(actual, (int, float)) or isinstance(actual, bool):
            self.add(where, "expected %s, got %r" % (fmt(expected), actual))
        elif abs(expected - actual) > SCORE_TOLERANCE:
            self.add(where, "expected %s, got %s (off by %.4f)"
                     % (fmt(expected), fmt(actual), actual - expected))


def fmt(score):
    return "null" if score is None else "%.4f" % score


def field(obj, key, where, diff):
    if not isinstance(obj, dict) or key not in obj:
        diff.add(where, "no %r in dqa's result" % key)
        return None
    return obj[key]


def compare_criteria(where, expected, actual, diff):
    if not isinstance(actual, dict):
        diff.add(where, "expected an object of criterion scores, got %r" % (actual,))
        return
    for crit, score in expected.items():
        if crit not in actual and score is None:
            continue            # a criterion without checks may be left out or null
        diff.score("%s.%s" % (where, crit), score, actual.get(crit))


def compare_unit(exp, act, diff):
    where = "unit %r" % exp["unit"]
    diff.exact(where + " rows", exp["rows"], field(act, "rows", where, diff))
    diff.score(where + " score", exp["score"], field(act, "score", where, diff))
    diff.exact(where + " status", exp["status"], field(act, "status", where, diff))
    compare_criteria(where + " criteria", exp["criteria"], field(act, "criteria", where, diff), diff)

    compare_checks(where, exp["checks"], act.get("checks") or [], diff)


def compare_checks(where, expected, actual, diff):
    """Every expected check by id: counts exactly, score (and cost, when expected)
    within the tolerance; no other check."""
    by_id = {}
    for check in actual:
        cid = check.get("id") if isinstance(check, dict) else None
        if cid in by_id:
            diff.add(where, "check %r listed twice" % cid)
        by_id[cid] = check
    for ec in expected:
        cwhere = "%s %s" % (where, ec["id"])
        ac = by_id.pop(ec["id"], None)
        if ac is None:
            diff.add(cwhere, "missing from dqa's result")
            continue
        diff.exact(cwhere + " evaluated", ec["evaluated"], field(ac, "evaluated", cwhere, diff))
        diff.exact(cwhere + " failed", ec["failed"], field(ac, "failed", cwhere, diff))
        diff.score(cwhere + " score", ec["score"], field(ac, "score", cwhere, diff))
        if "cost" in ec:
            diff.score(cwhere + " cost", ec["cost"], field(ac, "cost", cwhere, diff))
    for cid in by_id:
        diff.add(where, "unexpected check %r in dqa's result" % (cid,))


def compare(expected, actual):
    diff = Diff()
    diff.exact("dataset rows", expected["rows"], field(actual, "rows", "dataset", diff))
    diff.score("dataset score", expected["score"], field(actual, "score", "dataset", diff))
    diff.exact("dataset status", expected["status"], field(actual, "status", "dataset", diff))
    compare_criteria("dataset criteria", expected["criteria"],
                     field(actual, "criteria", "dataset", diff), diff)
    # dataset-level checks: listed once, never in a unit's checks (compare_unit
    # finds them there as unexpected)
    dataset_checks = field(actual, "dataset_checks", "dataset", diff)
    compare_checks("dataset", expected["dataset_checks"],
                   dataset_checks if isinstance(dataset_checks, list) else [], diff)

    units = field(actual, "units", "dataset", diff)
    actual_units = {}
    for unit in units if isinstance(units, list) else []:
        name = unit.get("unit") if isinstance(unit, dict) else None
        if name in actual_units:
            diff.add("unit %r" % (name,), "listed twice")
        actual_units[name] = unit
    for exp in expected["units"]:
        act = actual_units.pop(exp["unit"], None)
        if act is None:
            diff.add("unit %r" % exp["unit"], "missing from dqa's result (expected rows %d, status %s)"
                     % (exp["rows"], exp["status"]))
            continue
        compare_unit(exp, act, diff)
    for name in actual_units:
        diff.add("unit %r" % (name,), "not expected")
    return diff.lines


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: verify_citizens.py DQA_BINARY SOURCE_ROOT")
    binary, root = sys.argv[1], sys.argv[2]
    expected = expected_citizens.expect(root)
    actual = run_dqa(binary, root)
    differences = compare(expected, actual)
    if differences:
        print("verify_citizens: dqa disagrees with the independent expectation "
              "in %d place(s)%s:" % (len(differences),
                                      " (first %d shown)" % MAX_SHOWN if len(differences) > MAX_SHOWN else ""))
        for line in differences[:MAX_SHOWN]:
            print("  " + line)
        return 1
    n_checks = sum(len(u["checks"]) for u in expected["units"])
    print("verify_citizens: ok: %d rows, %d units (%d missing), %d unit checks, "
          "%d dataset checks, score %.2f %s"
          % (expected["rows"], len(expected["units"]), len(expected["missing_units"]),
             n_checks, len(expected["dataset_checks"]), expected["score"], expected["status"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
