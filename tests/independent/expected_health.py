#!/usr/bin/env python3
"""Expected dqa audit of testdata/health-facilities.csv under
rules/examples/health-facilities.yaml, computed without dqa: each check is written in
Python from dqa-rules(5) (value_rules.py, dataset_rules.py) and scored by
example_audit.py, with now = 2026-11-22T00:00:00Z.

usage: expected_health.py [SOURCE_ROOT]     prints the expectation as JSON
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from example_audit import (as_day, as_integer, column_values, dataset_level, epoch, per_unit,  # noqa: E402
                           row, unique, audit, parse_when, print_expectation)
import dataset_rules as ds  # noqa: E402
import value_rules as v  # noqa: E402

NOW = epoch(2026, 11, 22)
DAY = 86400

# The rule file mirrored by hand (no YAML parser on the test machine); update the two
# together.
RULES_PATH = "rules/examples/health-facilities.yaml"
DATA_PATH = "testdata/health-facilities.csv"
WARDS = ("rules/refs/hanoi-units.csv", "unit_code")          # expected_units, covers, in_ref
TYPES = ["Trạm y tế", "Nhà thuốc", "Phòng khám", "Bệnh viện"]
LICENSED_FORMAT = "%d/%m/%Y"
UPDATED_FORMAT = "%Y-%m-%d"
DATAPACKAGE = "rules/examples/health-facilities.datapackage.json"
METADATA_REQUIRE = ["owner", "license", "description", "schema", "contact", "update_frequency"]
CATALOG = "rules/refs/open-data-catalog.csv"
CATALOG_REQUIRED = ["title", "owner", "licence", "contact", "update_frequency"]
MASTER = ("testdata/citizens.csv.gz", "citizen_id")


def checks(root):
    wards = column_values(os.path.join(root, WARDS[0]), WARDS[1])
    ward_set = set(wards)
    master = set(column_values(os.path.join(root, MASTER[0]), MASTER[1]))
    min_day, today = epoch(1990, 1, 1) // DAY, NOW // DAY

    def licence_in_range(r):
        when = parse_when(r["licensed_on"], LICENSED_FORMAT)
        return when is not None and min_day <= when // DAY <= today

    def future(column):
        def test(r):
            when = parse_when(r[column], None)
            return when is not None and when <= NOW
        return test

    def make(header, dataset):
        return [
            row("correct.enum.facility_type", "correct", ["facility_type"],
                lambda r: r["facility_type"] in TYPES),
            row("correct.vn_tax_code.tax_code", "correct", ["tax_code"],
                lambda r: v.vn_tax_code(r["tax_code"]),
                where=lambda r: r["facility_type"] != "Trạm y tế"),
            row("correct.vn_phone.phone", "correct", ["phone"], lambda r: v.vn_phone(r["phone"])),
            row("correct.email.email", "correct", ["email"], lambda r: v.email(r["email"]),
                allow_empty=True),
            row("correct.url.website", "correct", ["website"], lambda r: v.url(r["website"]),
                allow_empty=True),
            row("correct.date.licensed_on", "correct", ["licensed_on"], licence_in_range),
            row("correct.decimal.latitude", "correct", ["latitude"],
                lambda r: v.decimal(r["latitude"], 8, 6), allow_empty=True),
            row("correct.decimal.longitude", "correct", ["longitude"],
                lambda r: v.decimal(r["longitude"], 9, 6), allow_empty=True),
            row("hospital-beds", "correct", ["beds"], lambda r: as_integer(r["beds"]) >= 10,
                where=lambda r: r["facility_type"] == "Bệnh viện"),
            row("inspected-after-licence", "correct", ["inspected_on", "licensed_on"],
                lambda r: r["inspected_on"] == ""
                or as_day(r["inspected_on"], None) >= as_day(r["licensed_on"], LICENSED_FORMAT)),
            row("sufficient.not_null.facility_code", "sufficient", ["facility_code"],
                lambda r: v.not_null(r["facility_code"])),
            row("sufficient.not_null.facility_name", "sufficient", ["facility_name"],
                lambda r: v.not_null(r["facility_name"])),
            dataset_level("sufficient.covers.ward_code", "sufficient",
                          *ds.covers(dataset, "ward_code", wards)),
            unique("clean.unique.facility_code", ["facility_code"]),
            row("clean.nfc.facility_name", "clean", ["facility_name"], lambda r: v.nfc(r["facility_name"])),
            row("clean.nfc.address", "clean", ["address"], lambda r: v.nfc(r["address"])),
            row("clean.legacy_encoding.facility_name", "clean", ["facility_name"],
                lambda r: v.legacy_encoding(r["facility_name"])),
            row("clean.legacy_encoding.address", "clean", ["address"],
                lambda r: v.legacy_encoding(r["address"])),
            row("clean.placeholder.tax_code", "clean", ["tax_code"], lambda r: v.placeholder(r["tax_code"])),
            row("clean.placeholder.phone", "clean", ["phone"], lambda r: v.placeholder(r["phone"])),
            row("clean.placeholder.email", "clean", ["email"], lambda r: v.placeholder(r["email"])),
            per_unit("alive.fresh.updated_at", "alive",
                     ds.fresh_newest("updated_at", UPDATED_FORMAT, 90 * DAY, NOW)),
            row("alive.future_dates.inspected_on", "alive", ["inspected_on"], future("inspected_on"),
                allow_empty=True),
            dataset_level("alive.file_age", "alive", 1,
                          ds.file_age_failed(os.path.join(root, DATA_PATH), 365 * DAY, NOW)),
            row("unified.in_ref.ward_code", "unified", ["ward_code"], lambda r: r["ward_code"] in ward_set),
            per_unit("unified.same_format.licensed_on", "unified", ds.same_format("licensed_on")),
            dataset_level("shared.metadata", "shared", len(METADATA_REQUIRE),
                          ds.metadata_failed(os.path.join(root, DATAPACKAGE), METADATA_REQUIRE)),
            dataset_level("shared.catalog", "shared",
                          *ds.catalog_counts(os.path.join(root, CATALOG), "health_facilities",
                                             "dataset", CATALOG_REQUIRED)),
            row("shared.linkable.director_id", "shared", ["director_id"], lambda r: r["director_id"] in master),
        ]
    return make, wards


def expect(root, failures=None):
    make, wards = checks(root)
    return audit(RULES_PATH, DATA_PATH, root, "ward_code", wards, make, failures=failures)


if __name__ == "__main__":
    print_expectation(expect)
