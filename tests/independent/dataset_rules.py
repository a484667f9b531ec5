"""Checks of dqa-rules(5) that judge a unit or the whole dataset after the scan, written
from the man page alone for the independent expectations of the shipped examples. Each
make_* function returns judge(unit, rows, dataset) -> (evaluated, failed) for
example_audit.per_unit; (0, 0) means the check has no score in that unit (n/a).
"""

import csv
import datetime
import json
import os

from example_audit import parse_iso, parse_when
import value_rules


def covers(dataset, column, codes):
    """sufficient.covers: distinct non-empty codes of the list, and those no row has."""
    codes = {c for c in codes if c != ""}
    seen = {r[column] for r in dataset.rows}
    return len(codes), len(codes - seen)


def fresh_newest(column, fmt, max_age_s, now):
    def judge(unit, rows, dataset):
        dates = [w for w in (parse_when(r[column], fmt) for r in rows) if w is not None]
        return 1, int(not dates or now - max(dates) > max_age_s)
    return judge


def rows_per_unit(minimum):
    return lambda unit, rows, dataset: (1, int(len(rows) < minimum))


def file_age_failed(path, max_age_s, now):
    return int(now - int(os.stat(path).st_mtime) > max_age_s)


def case_consistent(column):
    """clean.case with style consistent: the style most values of the whole dataset
    satisfy (ties: title, upper, lower); values without a cased letter are not evaluated."""
    memo = {}

    def dominant(dataset):
        if "style" not in memo:
            votes = {"title": 0, "upper": 0, "lower": 0}
            for r in dataset.rows:
                for style in value_rules.case_styles(r[column]) or ():
                    votes[style] += 1
            memo["style"] = max(["title", "upper", "lower"], key=lambda s: votes[s])
        return memo["style"]

    def judge(unit, rows, dataset):
        style = dominant(dataset)
        judged = [value_rules.case_styles(r[column]) for r in rows]
        judged = [s for s in judged if s is not None]
        return len(judged), sum(1 for s in judged if style not in s)
    return judge


def same_format(column):
    """unified.same_format: the shape with the most rows in the dataset (ties: the first
    in byte order) is the one every unit is judged against."""
    memo = {}

    def judge(unit, rows, dataset):
        if "shape" not in memo:
            counts = {}
            for r in dataset.rows:
                s = value_rules.shape(r[column])
                counts[s] = counts.get(s, 0) + 1
            memo["shape"] = min(counts, key=lambda s: (-counts[s], s.encode("utf-8", "surrogateescape")))
        return len(rows), sum(1 for r in rows if value_rules.shape(r[column]) != memo["shape"])
    return judge


# ----------------------------------------------------------------------------------
# shared: metadata sidecars (YAML is not needed here) and the catalog
# ----------------------------------------------------------------------------------
def filled(value):
    return value is not None and value != ""


def datapackage_field(pkg, field):
    contributors = [c for c in pkg.get("contributors") or [] if isinstance(c, dict)]
    if field == "owner":
        return any(filled(c.get("title")) and c.get("role") in ("publisher", "maintainer", "author")
                   for c in contributors)
    if field == "contact":
        return any(filled(c.get("email")) for c in contributors)
    if field in ("license", "licence"):
        return any(filled(entry.get("name")) or filled(entry.get("path"))
                   for entry in pkg.get("licenses") or [] if isinstance(entry, dict))
    if field == "title":
        return filled(pkg.get("title")) or filled(pkg.get("name"))
    if field == "schema":
        resources = pkg.get("resources") or []

        def has_schema(res):
            schema = res.get("schema")
            return (isinstance(schema, str) and schema != "") or (
                isinstance(schema, dict) and bool(schema.get("fields")))
        return bool(resources) and all(has_schema(res) for res in resources)
    return filled(pkg.get(field))


def metadata_failed(path, require):
    """Required fields that a JSON sidecar or datapackage.json lacks."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError):
        return len(require)
    if os.path.basename(path) == "datapackage.json" or path.endswith(".datapackage.json"):
        return sum(1 for field in require if not datapackage_field(doc, field))
    return sum(1 for field in require if not filled(doc.get(field)))


def catalog_counts(path, name, id_column, required):
    with open(path, encoding="utf-8", newline="") as f:
        entry = next((r for r in csv.DictReader(f) if r[id_column] == name), None)
    if entry is None:
        return 1 + len(required), 1 + len(required)
    return 1 + len(required), sum(1 for field in required if entry[field].strip(" ") == "")


# ----------------------------------------------------------------------------------
# alive: against the history of earlier runs
# ----------------------------------------------------------------------------------
def earlier_runs(history_path, dataset_name, now):
    """unit -> its overall history lines before now, newest first, runs in which it was
    missing left out."""
    runs = {}
    with open(history_path, encoding="utf-8", newline="") as f:
        for line in csv.DictReader(f):
            if (line["dataset"] != dataset_name or line["scope"] != "unit"
                    or line["criterion"] != "overall" or line["status"] == "missing"):
                continue
            when = parse_iso(line["run_at"])
            if when is not None and when < now:
                runs.setdefault(line["unit"], []).append((when, line))
    return {u: [line for _, line in sorted(v, key=lambda p: -p[0])] for u, v in runs.items()}


def markers(line):
    return dict(item.split("=", 1) for item in line["marker"].split(" ") if "=" in item)


def stalled(check_id, column, fmt, runs, history):
    def judge(unit, rows, dataset):
        dates = [w for w in (parse_when(r[column], fmt) for r in rows) if w is not None]
        past = history.get(unit, [])
        if not dates or len(past) < runs - 1:
            return 0, 0
        newest = datetime.datetime.fromtimestamp(max(dates), datetime.timezone.utc)
        marker = newest.strftime("%Y-%m-%dT%H:%M:%SZ")
        return 1, int(all(markers(line).get(check_id) == marker for line in past[:runs - 1]))
    return judge


def rows_change(max_percent, history):
    def judge(unit, rows, dataset):
        past = history.get(unit, [])
        if not past:
            return 0, 0
        before, now_rows = int(past[0]["rows"]), len(rows)
        if before == 0:
            change = 0 if now_rows == 0 else float("inf")
        else:
            change = 100.0 * (now_rows - before) / before
        return 1, int(abs(change) > max_percent)
    return judge
