#!/usr/bin/env python3
"""JSON inputs against Python's json module: every value dqa reads from
NDJSON and from a pretty-printed JSON array (strings unescaped, numbers as
written, true/false, null and missing keys empty, nested values as compact
JSON) and the line each record starts on, on a file of several blocks read
by two workers.

  verify_json.py DQA
"""
import json
import os
import random
import subprocess
import sys
import tempfile

UNITS = 8
PER_UNIT = 700    # samples are capped at 1,000 per unit and check
COLUMNS = ["name", "amount", "flag", "extra", "note"]


def number_text(rng):
    return rng.choice(["0", "-0", "1.50", "12345678901234567890", "1e5", "-2.5E-3",
                       str(rng.randint(-10**6, 10**6)), "3.14159"])


def value(rng, column):
    """(JSON text as written, the text dqa must read from it)."""
    roll = rng.random()
    if roll < 0.1:
        return "null", ""
    if column == "amount":
        text = number_text(rng)
        return text, text
    if column == "flag":
        text = rng.choice(["true", "false"])
        return text, text
    if column == "extra":
        nested = rng.choice([[1, "a\"b", None], {"k": [True, {"z": "Hà Nội"}]}, [], {}])
        return json.dumps(nested, ensure_ascii=rng.random() < 0.5), \
            json.dumps(nested, ensure_ascii=False, separators=(",", ":"))
    s = rng.choice(["An", "Nguyễn Văn Bình", "tab\there", "line\nbreak", "quote \" and \\",
                    "emoji 😀", "  spaced  ", "/slash/"]) + str(rng.randint(0, 99))
    return json.dumps(s, ensure_ascii=rng.random() < 0.5), s


def records(rng):
    out = []
    for i in range(UNITS * PER_UNIT):
        fields = [("unit", json.dumps(f"u{i % UNITS}"), f"u{i % UNITS}")]
        for c in COLUMNS:
            if rng.random() < 0.05 and i >= UNITS:
                continue    # a missing key reads as empty
            fields.append((c,) + value(rng, c))
        rng.shuffle(fields)
        out.append(fields)
    return out


def write_ndjson(path, recs):
    lines = {}
    with open(path, "w", encoding="utf-8") as f:
        for n, fields in enumerate(recs):
            f.write("{" + ", ".join(f'"{k}": {t}' for k, t, _ in fields) + "}\n")
            lines[n + 1] = n
    return lines


def write_array(path, recs):
    """One key per line, so the lines of records are not their index."""
    lines, line = {}, 2
    with open(path, "w", encoding="utf-8") as f:
        f.write("[\n")
        for n, fields in enumerate(recs):
            lines[line] = n
            body = ",\n".join(f'    "{k}": {t}' for k, t, _ in fields)
            f.write("  {\n" + body + "\n  }" + (",\n" if n + 1 < len(recs) else "\n"))
            line += len(fields) + 2
        f.write("]\n")
    return lines


RULES = "version: 1\ndataset: {name: j, unit: unit}\ncorrect:\n" + "".join(
    f"  - regex: {{column: {c}, pattern: '^NEVER$'}}\n" for c in COLUMNS)


def check(dqa, tmp, path, lines, recs):
    rules = os.path.join(tmp, "rules.yaml")
    with open(rules, "w") as f:
        f.write(RULES)
    out = subprocess.run([dqa, "audit", rules, path, "--format", "json", "--threads", "2",
                          "--samples", "1000", "--now", "2026-11-22"],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"{path}: exit {out.returncode}: {out.stderr}")
    result = json.loads(out.stdout)
    got = {}
    for unit in result["units"]:
        for chk in unit["checks"]:
            if chk["kind"] != "regex":
                continue
            column = chk["columns"][0]
            for s in chk["samples"]:
                got[(s["line"], column)] = s["values"][column]
    want = {}
    for line, n in lines.items():
        given = {k: text for k, _, text in recs[n]}
        for k in COLUMNS:
            want[(line, k)] = given.get(k, "")
    if got != want:
        bad = [k for k in set(got) | set(want) if got.get(k) != want.get(k)][:5]
        for k in bad:
            print(f"{path}: line {k[0]} {k[1]}: dqa {got.get(k)!r}, json {want.get(k)!r}")
        sys.exit(1)
    if result["rows"] != len(recs):
        sys.exit(f"{path}: {result['rows']} rows, want {len(recs)}")
    print(f"{os.path.basename(path)}: {len(want)} values and their lines agree")


def main():
    dqa = sys.argv[1]
    rng = random.Random(24)
    recs = records(rng)
    with tempfile.TemporaryDirectory() as tmp:
        nd = os.path.join(tmp, "data.ndjson")
        check(dqa, tmp, nd, write_ndjson(nd, recs), recs)
        arr = os.path.join(tmp, "data.json")
        check(dqa, tmp, arr, write_array(arr, recs), recs)
        if os.path.getsize(nd) < 600_000:
            sys.exit("the NDJSON file should span several 256 KiB blocks")


main()
