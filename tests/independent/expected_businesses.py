#!/usr/bin/env python3
"""Expected dqa audit of testdata/businesses.csv under rules/examples/businesses.yaml,
computed without dqa: each check is written in Python from dqa-rules(5)
(value_rules.py, dataset_rules.py) and scored by example_audit.py, with
now = 2026-11-22T00:00:00Z and the earlier runs of testdata/history/businesses.csv.

usage: expected_businesses.py [SOURCE_ROOT]     prints the expectation as JSON
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from example_audit import (as_day, as_integer, audit, column_values, dataset_level, epoch,  # noqa: E402
                           parse_when, per_unit, print_expectation, read_csv, row,
                           unique)
import dataset_rules as ds  # noqa: E402
import value_rules as v  # noqa: E402

NOW = epoch(2026, 11, 22)
NOW_YEAR = 2026

# The rule file mirrored by hand (no YAML parser on the test machine); update the two
# together.
RULES_PATH = "rules/examples/businesses.yaml"
DATA_PATH = "testdata/businesses.csv"
WARDS = ("rules/refs/hanoi-units.csv", "unit_code")                  # expected_units
REGISTER = "testdata/citizens.csv.gz"                           # in_ref, agrees_with, linkable
HISTORY = "testdata/history/businesses.csv"
BIRTH_FORMAT = "%d/%m/%Y"
DATE_FORMAT = "%Y-%m-%d"        # registered_on, dissolved_on, updated_at
METADATA = "rules/examples/businesses.meta.json"
METADATA_REQUIRE = ["owner", "license", "description", "update_frequency", "contact"]
CATALOG = "rules/refs/open-data-catalog.csv"
CATALOG_REQUIRED = ["title", "owner", "licence", "contact", "update_frequency"]


def birth_year(text):
    when = parse_when(text, BIRTH_FORMAT)
    return None if when is None else int(text[-4:])


def agrees_with_register(register_birth):
    """unified.agrees_with, missing: skip: a key the register lacks (or an empty key)
    skips the row; otherwise both dates must parse and be the same day."""
    def test(r):
        key = r["owner_id"]
        if key == "" or key not in register_birth:
            return None
        mine = parse_when(r["owner_birth_date"], BIRTH_FORMAT)
        theirs = parse_when(register_birth[key], DATE_FORMAT)
        return mine is not None and theirs is not None and mine == theirs
    return test


def checks(root):
    header, records = read_csv(os.path.join(root, REGISTER))
    cid, born, ward = (header.index(c) for c in ("citizen_id", "birth_date", "ward_code"))
    register_birth = {}
    for rec in records:
        register_birth.setdefault(rec[cid], rec[born])     # the first row of a key counts
    register_ids = {rec[cid] for rec in records}
    register_wards = {rec[ward] for rec in records}
    history = ds.earlier_runs(os.path.join(root, HISTORY), "businesses", NOW)

    def make(header, dataset):
        return [
            row("correct.vn_tax_code.tax_code", "correct", ["tax_code"],
                lambda r: v.vn_tax_code(r["tax_code"], allow_personal_id=True, now_year=NOW_YEAR)),
            row("correct.vn_citizen_id.owner_id", "correct", ["owner_id"],
                lambda r: v.vn_citizen_id(r["owner_id"], NOW_YEAR, r["owner_birth_date"],
                                          r["owner_gender"], birth_year)),
            row("correct.decimal.capital_million_vnd", "correct", ["capital_million_vnd"],
                lambda r: v.decimal(r["capital_million_vnd"], 12, 3)),
            row("correct.vn_phone.phone", "correct", ["phone"],
                lambda r: v.vn_phone(r["phone"], normalise=True), allow_empty=True),
            row("household-employees", "correct", ["employees"],
                lambda r: as_integer(r["employees"]) <= 10,
                where=lambda r: r["legal_form"] == "Hộ kinh doanh"),
            row("dissolved-after-registered", "correct", ["dissolved_on", "registered_on"],
                lambda r: as_day(r["dissolved_on"], DATE_FORMAT) >= as_day(r["registered_on"], DATE_FORMAT),
                where=lambda r: r["dissolved_on"] != ""),
            row("sufficient.not_null.tax_code", "sufficient", ["tax_code"], lambda r: v.not_null(r["tax_code"])),
            row("sufficient.not_null.enterprise_name", "sufficient", ["enterprise_name"],
                lambda r: v.not_null(r["enterprise_name"])),
            row("sufficient.not_null.owner_id", "sufficient", ["owner_id"], lambda r: v.not_null(r["owner_id"])),
            row("sufficient.not_null.dissolved_on", "sufficient", ["dissolved_on"],
                lambda r: v.not_null(r["dissolved_on"]), where=lambda r: r["status"] == "Giải thể"),
            per_unit("sufficient.rows", "sufficient", ds.rows_per_unit(5)),
            unique("clean.unique.tax_code", ["tax_code"]),
            row("clean.trimmed.enterprise_name", "clean", ["enterprise_name"],
                lambda r: v.trimmed(r["enterprise_name"])),
            per_unit("clean.case.enterprise_name", "clean", ds.case_consistent("enterprise_name")),
            row("clean.utf8.enterprise_name", "clean", ["enterprise_name"], lambda r: v.utf8(r["enterprise_name"])),
            row("clean.utf8.address", "clean", ["address"], lambda r: v.utf8(r["address"])),
            row("clean.utf8.notes", "clean", ["notes"], lambda r: v.utf8(r["notes"])),
            row("clean.no_control_chars.notes", "clean", ["notes"],
                lambda r: v.no_control_chars(r["notes"], allow=("tab", "newline"))),
            row("alive.future_dates.registered_on", "alive", ["registered_on"],
                lambda r: (parse_when(r["registered_on"], DATE_FORMAT) or NOW + 1) <= NOW),
            per_unit("alive.stalled.updated_at", "alive",
                     ds.stalled("alive.stalled.updated_at", "updated_at", DATE_FORMAT, 3, history)),
            per_unit("alive.rows_change", "alive", ds.rows_change(25, history)),
            row("unified.in_ref.ward_code", "unified", ["ward_code"], lambda r: r["ward_code"] in register_wards),
            row("unified.agrees_with.owner_birth_date+owner_id", "unified", ["owner_birth_date", "owner_id"],
                agrees_with_register(register_birth)),
            dataset_level("shared.metadata", "shared", len(METADATA_REQUIRE),
                          ds.metadata_failed(os.path.join(root, METADATA), METADATA_REQUIRE)),
            dataset_level("shared.catalog", "shared",
                          *ds.catalog_counts(os.path.join(root, CATALOG), "businesses",
                                             "dataset", CATALOG_REQUIRED)),
            row("shared.linkable.owner_id", "shared", ["owner_id"], lambda r: r["owner_id"] in register_ids),
        ]
    return make


def expect(root, failures=None):
    wards = column_values(os.path.join(root, WARDS[0]), WARDS[1])
    return audit(RULES_PATH, DATA_PATH, root, "ward_code", wards, checks(root),
                 failures=failures)


if __name__ == "__main__":
    print_expectation(expect)
