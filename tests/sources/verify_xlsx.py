#!/usr/bin/env python3
"""Workbooks against Python: the values dqa reads from a generated sheet
(shared, inline and rich strings; numbers as stored; fixed widths of
zeros; dates, times and date-times from serial numbers in the 1900 and 1904
epochs, recomputed here with datetime; booleans; cells and rows skipped
between references; a 32,767-character cell), and their row numbers, for
a sheet picked by name, by position and by dataset: sheet, header_row, and
a ZIP64 archive; and the cell reference each sample carries
(Sheet!C17, the sheet's name quoted as Excel quotes it), recomputed here
from the column's position and the row number.

  verify_xlsx.py DQA
"""
import datetime
import json
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "generators"))
from xlsx_writer import col_name, write_workbook  # noqa: E402

COLUMNS = ["code", "name", "amount", "born", "at", "clock", "padded", "flag"]
NUM_FMTS = {164: "00000", 165: "yyyy\\-mm\\-dd", 166: "[$-409]d/m/yyyy h:mm;@", 167: "hh:mm:ss"}
STYLES = [0, 164, 165, 166, 167, 14]      # cellXfs: s="1" is 00000, ...
STYLE = {"padded": 1, "born": 2, "at": 3, "clock": 4}


def serial_to_text(serial, kind, date1904):
    days = int(serial // 1)
    secs = round((serial - days) * 86400)
    if secs >= 86400:
        days, secs = days + 1, secs - 86400
    if date1904:
        base = datetime.date(1904, 1, 1)
    else:
        base = datetime.date(1899, 12, 30) if days >= 61 else datetime.date(1899, 12, 31)
    d = base + datetime.timedelta(days=days)
    t = f"{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}"
    return {"date": d.isoformat(), "datetime": f"{d.isoformat()}T{t}", "time": t}[kind]


def make_rows(rng, date1904, nrows, first_row):
    """Sheet rows and, per row number, the values dqa must read."""
    header = [(f"{col_name(i)}{first_row}", "s", c, None) for i, c in enumerate(COLUMNS)]
    rows, want = [(first_row, header)], {}
    number = first_row
    for _ in range(nrows):
        number += rng.choice([1, 1, 1, 2])          # a skipped row now and then
        cells, values = [], {}
        for i, c in enumerate(COLUMNS):
            ref = f"{col_name(i)}{number}"
            if rng.random() < 0.1 and c != "code":
                values[c] = ""                       # a skipped cell
                continue
            if c == "code":
                v = rng.choice(["00004", "A-17", "Hà Nội", " x ", "a&b<c>"])
                cells.append((ref, rng.choice(["s", "inline"]), v, None))
            elif c == "name":
                runs = rng.choice([["Nguyễn", " Văn", " An"], ["Trần ", "Bình"]])
                cells.append((ref, "rich", runs, None))
                v = "".join(runs)
            elif c == "amount":
                v = rng.choice(["1.5", "0.1", "-42", "1E-3", "123456789012"])
                cells.append((ref, "n", v, None))
            elif c == "padded":
                n = rng.randint(0, 99999)
                cells.append((ref, "n", str(n), STYLE[c]))
                v = f"{n:05d}"
            elif c == "flag":
                b = rng.random() < 0.5
                cells.append((ref, "b", b, None))
                v = "TRUE" if b else "FALSE"
            else:
                serial = rng.randint(1, 60000) + (rng.randint(0, 86399) / 86400 if c != "born" else 0)
                if c == "clock":
                    serial = rng.randint(0, 86399) / 86400
                cells.append((ref, "n", repr(serial), STYLE[c]))
                kind = {"born": "date", "at": "datetime", "clock": "time"}[c]
                v = serial_to_text(serial, kind, date1904)
            values[c] = v
        rows.append((number, cells))
        want[number] = values
    return rows, want


RULES = "version: 1\ndataset: {name: x%s}\ncorrect:\n" + "".join(
    f"  - regex: {{column: {c}, pattern: '^NEVER$'}}\n" for c in COLUMNS)


def cell_ref(sheet, column, row):
    plain = sheet and all(ord(ch) >= 0x80 or ch.isalnum() or ch in "_." for ch in sheet)
    name = sheet if plain else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{col_name(COLUMNS.index(column))}{row}"


def audit(dqa, tmp, data, dataset_extra="", sheet=None):
    rules = os.path.join(tmp, "rules.yaml")
    with open(rules, "w") as f:
        f.write(RULES % dataset_extra)
    out = subprocess.run([dqa, "audit", rules, data, "--format", "json", "--threads", "2",
                          "--samples", "1000", "--now", "2026-11-22"], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"{data}: exit {out.returncode}: {out.stderr}")
    got = {}
    for unit in json.loads(out.stdout)["units"]:
        for chk in unit["checks"]:
            if chk["kind"] == "regex":
                c = chk["columns"][0]
                for s in chk["samples"]:
                    got.setdefault(s["line"], {})[c] = s["values"][c]
                    if sheet and s.get("cell") != cell_ref(sheet, c, s["line"]):
                        sys.exit(f"{data}: line {s['line']} column {c}: cell {s.get('cell')}, "
                                 f"want {cell_ref(sheet, c, s['line'])}")
    return got


def compare(label, got, want):
    if got != want:
        for line in sorted(set(got) | set(want))[:400]:
            if got.get(line) != want.get(line):
                print(f"{label}: row {line}: dqa {got.get(line)}\n{' ' * len(label)}  want {want.get(line)}")
                break
        sys.exit(1)
    print(f"{label}: {len(want)} rows agree")


def main():
    dqa = sys.argv[1]
    rng = random.Random(24)
    with tempfile.TemporaryDirectory() as tmp:
        for date1904 in (False, True):
            rows, want = make_rows(rng, date1904, 600, 1)
            other, _ = make_rows(rng, date1904, 3, 1)
            path = os.path.join(tmp, f"book{int(date1904)}.xlsx")
            write_workbook(path, [("Other", other), ("Data sheet", rows)], date1904=date1904,
                           num_fmts=NUM_FMTS, styles=STYLES, force_zip64=date1904)
            compare(f"epoch {1904 if date1904 else 1900}, #2",
                    audit(dqa, tmp, path + "#2", sheet="Data sheet"), want)
            compare("  by name, with cell references", audit(dqa, tmp, path + "#Data sheet",
                                                             sheet="Data sheet"), want)
            compare("  dataset: sheet", audit(dqa, tmp, path, ", sheet: Data sheet"), want)
        rows, want = make_rows(rng, False, 50, 3)
        title = [(1, [("A1", "s", "Registry of 2026", None)])]
        long_cell = "đ" * 32767
        rows[1][1][0] = ("A4", "inline", long_cell, None)
        want[4]["code"] = long_cell
        path = os.path.join(tmp, "titled.xlsx")
        write_workbook(path, [("S", title + rows)], num_fmts=NUM_FMTS, styles=STYLES)
        compare("header_row 3, a 32,767-character cell, cell references",
                audit(dqa, tmp, path, ", header_row: 3", sheet="S"), want)


main()
