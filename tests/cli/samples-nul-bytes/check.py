"""Reads the report folder of a run whose samples hold NUL bytes, with
Python's json and csv modules as the judges: every sample value in
result.json equals its field as csv.reader reads data.csv (pii values
masked as dqa-audit(1) says); no report file has a raw NUL byte; the pages
and junit.xml that show samples show each NUL as U+2400."""
import csv
import json
import pathlib
import sys

SHOWN = "\u2400"
out = pathlib.Path(sys.argv[1])


def masked(value):
    stars = len(value) - 2 if len(value) > 4 else len(value)
    return "*" * stars + value[stars:]


with open("data.csv", newline="", encoding="utf-8") as f:
    records = list(csv.reader(f))
header, lines = records[0], {i + 2: r for i, r in enumerate(records[1:])}
text = (out / "result.json").read_text(encoding="utf-8")
if "\0" in text:
    sys.exit("result.json: raw NUL byte")
print(f"result.json: {text.count(chr(92) + 'u0000')} \\u0000 escapes, no raw NUL byte")
doc = json.loads(text)
pii = {"code"}
checked = 0
for unit in doc["units"]:
    for check in unit["checks"]:
        for s in check["samples"]:
            for name, value in s["values"].items():
                field = lines[s["line"]][header.index(name)]
                want = masked(field) if name in pii else field
                if value != want:
                    sys.exit(f"{unit['unit']} {check['id']} line {s['line']}: "
                             f"{value!r} is not {want!r}")
                if "\0" in value:
                    checked += 1
                    print(f"result.json: {unit['unit']} {check['id']} line {s['line']} "
                          f"{name} = {value!r}")
print(f"result.json: {checked} sample values with NUL bytes, each equal to its field")

files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "result.json")
for path in files:
    data = path.read_bytes()
    if b"\0" in data:
        sys.exit(f"{path.relative_to(out)}: raw NUL byte")
    text = data.decode("utf-8")
    shown = [line.strip() for line in text.splitlines() if SHOWN in line]
    print(f"{path.relative_to(out)}: no NUL byte, {len(shown)} lines with {SHOWN}")
    for line in shown:
        print(f"  {line}")
