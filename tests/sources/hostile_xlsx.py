#!/usr/bin/env python3
"""Hostile workbooks, generated here (none is committed): each ends with its
documented exit status and message, never a crash or a hang.

  ZIP bomb            a sheet inflating past limits: max_xlsx_part   exit 3
  billion laughs      nested entities in a DOCTYPE                   exit 3
  1,048,576 rows      rows 1, 2 and 1,048,576 (Excel's last)         audited, line 1048576
  row 1,048,577       past Excel's last row                          exit 3
  32,767 characters   Excel's longest cell, read whole                exit 0
  broken ZIP          a workbook cut in half                         exit 3
  shared strings      more than limits: max_shared_strings           exit 3

  hostile_xlsx.py DQA
"""
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "generators"))
from xlsx_writer import write_workbook  # noqa: E402

RULES = """version: 1
dataset: {name: hostile}
limits: {max_xlsx_part: 16M, max_shared_strings: 1000}
sufficient:
  - not_null: name
"""


def run(dqa, tmp, data):
    rules = os.path.join(tmp, "rules.yaml")
    with open(rules, "w") as f:
        f.write(RULES)
    return subprocess.run([dqa, "audit", rules, data, "--format", "json", "--samples", "1",
                           "--now", "2026-11-22"], capture_output=True, text=True, timeout=60)


def replace_part(path, part, data):
    """Rewrites the workbook at path with part's bytes replaced."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts[part] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)


def header(rows):
    return [(1, [("A1", "s", "id", None), ("B1", "s", "name", None)])] + rows


def main():
    dqa = sys.argv[1]
    failures = []

    def expect(label, out, code, text):
        ok = out.returncode == code and text in (out.stderr + out.stdout)
        print(f"{'ok' if ok else 'FAILED'}: {label}: exit {out.returncode}")
        if not ok:
            print(out.stderr)
            failures.append(label)

    with tempfile.TemporaryDirectory() as tmp:
        base = [(2, [("A2", "n", "1", None), ("B2", "s", "An", None)])]
        bomb = os.path.join(tmp, "bomb.xlsx")
        write_workbook(bomb, [("S", header(base))])
        sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                 '<sheetData>' + " " * (64 << 20) + '</sheetData></worksheet>').encode()
        replace_part(bomb, "xl/worksheets/sheet1.xml", sheet)
        if os.path.getsize(bomb) > 1 << 20:
            sys.exit("the ZIP bomb should be small")
        expect("ZIP bomb", run(dqa, tmp, bomb), 3, "limits: max_xlsx_part")

        laughs = os.path.join(tmp, "laughs.xlsx")
        write_workbook(laughs, [("S", header(base))])
        ents = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
        doc = (f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY l0 "lol">{ents}]>'
               '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '<si><t>&l9;</t></si></sst>')
        replace_part(laughs, "xl/sharedStrings.xml", doc.encode())
        expect("billion laughs", run(dqa, tmp, laughs), 3, "document type declaration")

        tall = os.path.join(tmp, "tall.xlsx")
        write_workbook(tall, [("S", header(base + [(1048576, [("A1048576", "n", "2", None)])]))])
        out = run(dqa, tmp, tall)
        lines = [s["line"] for u in json.loads(out.stdout or "{}").get("units", [])
                 for c in u["checks"] if c["id"] == "sufficient.not_null.name" for s in c["samples"]]
        expect("1,048,576 rows", out, out.returncode if out.returncode in (0, 1) else 0, "")
        if lines != [1048576]:
            failures.append(f"1,048,576 rows: sample lines {lines}")

        past = os.path.join(tmp, "past.xlsx")
        write_workbook(past, [("S", header(base + [(1048577, [("A1048577", "n", "2", None)])]))])
        expect("row 1,048,577", run(dqa, tmp, past), 3, "past 1048576")

        wide = os.path.join(tmp, "wide.xlsx")
        write_workbook(wide, [("S", header([(2, [("A2", "n", "1", None),
                                                  ("B2", "inline", "x" * 32767, None)])]))])
        expect("32,767 characters", run(dqa, tmp, wide), 0, "")

        broken = os.path.join(tmp, "broken.xlsx")
        with open(wide, "rb") as f:
            data = f.read()
        with open(broken, "wb") as f:
            f.write(data[:len(data) // 2])
        expect("broken ZIP", run(dqa, tmp, broken), 3, "error")

        many = os.path.join(tmp, "many.xlsx")
        write_workbook(many, [("S", header([(n, [("A%d" % n, "s", "v%d" % n, None)])
                                             for n in range(2, 1100)]))])
        expect("shared strings", run(dqa, tmp, many), 3, "limits: max_shared_strings")
    if failures:
        sys.exit("failed: " + ", ".join(failures))


main()
