#!/usr/bin/env python3
"""import-schema then export-schema gives the Table Schema back.

usage: round_trip.py DQA ROOT

The permits resource of tests/cli/import-schema-package is imported, the
rule file exported again, and each field's type, format and constraints
compared with the original, except what dqa lists as not mapped (the
geopoint type, exclusiveMinimum, a boolean's type, the missing value NA).
Then the exported schema is imported once more: the same checks as the
first import, but for the foreign key and the package metadata, which a
bare Table Schema cannot carry.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

EXPECTED_LOSSES = {("location", "type"), ("notes", "exclusiveMinimum"), ("approved", "type")}


def run(dqa, cwd, *args):
    return subprocess.run([dqa, *args], cwd=cwd, capture_output=True, text=True, check=True)


def checks(rules):
    out = []
    for criterion in ("correct", "sufficient", "clean", "unified"):
        for entry in rules.get(criterion) or []:
            out.append(json.dumps(entry, sort_keys=True))
    return sorted(out)


def main():
    dqa, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    case = os.path.join(root, "tests", "cli", "import-schema-package")
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("datapackage.json", "wards.csv"):
            shutil.copy(os.path.join(case, name), tmp)
        first = run(dqa, tmp, "import-schema", "datapackage.json").stdout
        with open(os.path.join(tmp, "rules.yaml"), "w", encoding="utf-8") as f:
            f.write(first)
        exported = json.loads(run(dqa, tmp, "export-schema", "rules.yaml").stdout)
        with open(os.path.join(tmp, "table-schema.json"), "w", encoding="utf-8") as f:
            json.dump(exported, f)
        second = run(dqa, tmp, "import-schema", "table-schema.json").stdout
    with open(os.path.join(case, "datapackage.json"), encoding="utf-8") as f:
        original = json.load(f)["resources"][0]["schema"]
    got = {f["name"]: f for f in exported["fields"]}
    for want in original["fields"]:
        name, have = want["name"], got.get(want["name"], {})
        if (name, "type") not in EXPECTED_LOSSES and have.get("type") != want["type"]:
            problems.append("%s: type %s, expected %s" % (name, have.get("type"), want["type"]))
        if want.get("format") and have.get("format") != want["format"]:
            problems.append("%s: format %s, expected %s" % (name, have.get("format"), want["format"]))
        for key, value in want.get("constraints", {}).items():
            if (name, key) in EXPECTED_LOSSES:
                continue
            if key == "unique" and original.get("primaryKey") == [name]:
                continue   # stated by the primary key
            if have.get("constraints", {}).get(key) != value:
                problems.append("%s: %s %r, expected %r"
                                % (name, key, have.get("constraints", {}).get(key), value))
    if exported.get("primaryKey") != original["primaryKey"]:
        problems.append("primaryKey %r" % exported.get("primaryKey"))
    a = [c for c in checks(yaml.safe_load(first)) if "in_ref" not in c]
    b = [c for c in checks(yaml.safe_load(second)) if "in_ref" not in c]
    if a != b:
        problems.append("re-imported checks differ:\n  %s\n  %s" % (sorted(set(a) - set(b)),
                                                                    sorted(set(b) - set(a))))
    for p in problems:
        print("FAIL", p)
    print("round trip of %d fields: %s" % (len(original["fields"]),
                                             "ok" if not problems else "%d problems" % len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
