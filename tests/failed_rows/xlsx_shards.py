#!/usr/bin/env python3
"""The failed rows of workbooks, sharded: `dqa merge --failed-rows` after
`--shard I/N --state F --keep-rows failed` writes the file a single run
writes, its `cell` column included, CSV and JSON Lines, for 1, 2, 3 and 7
shards (a shard takes whole files; one is a CSV file, whose lines have no
cell). The cell of each line is recomputed here from dqa(1): the sheet
(quoted, as Excel writes it, when its name holds a space or punctuation),
then the column of the check's first column and the row's line
('Dân cư'!C17).

usage: xlsx_shards.py DQA_BINARY
"""

import csv
import io
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "generators"))
from xlsx_writer import col_name, rows_from_table, write_workbook  # noqa: E402

RULES = """version: 1
dataset: {name: book, unit: ward, key: [id]}
correct:
  - regex: {column: phone, pattern: '^0[0-9]{9}$'}
clean:
  - unique: [id]
"""

HEADER = ["id", "ward", "phone"]
# (file, sheet or None for a CSV file): a shard takes whole files
INPUTS = [("a.xlsx", "Dân cư"), ("b.csv", None), ("c.xlsx", "Sheet_2"), ("d.xlsx", "Hộ 'khẩu'")]


def table(part):
    rows = [HEADER]
    for i in range(1, 16):
        n = 15 * part + i
        phone = "0912345678" if n % 3 else "12345"
        rows.append([f"{n % 37:03d}", f"W{n % 4}", phone])   # ids repeat after 37 rows
    return rows


def cell_ref(sheet, col, line):
    """dqa(1): the sheet, quoted when its name holds a space or punctuation
    (a quote inside doubled), then the column letters and the row."""
    if not all(c.isalnum() or c in "_." or ord(c) >= 0x80 for c in sheet):
        sheet = "'" + sheet.replace("'", "''") + "'"
    return f"{sheet}!{col_name(col)}{line}"


def expected_cells(tables):
    """(input, line, check id, cell) of every failure, from the tables alone."""
    out, seen = [], set()
    for (name, sheet), rows in zip(INPUTS, tables):
        for line, (ident, _, phone) in enumerate(rows[1:], start=2):
            checks = []
            if not (len(phone) == 10 and phone.startswith("0") and phone.isdigit()):
                checks.append(("correct.regex.phone", HEADER.index("phone")))
            if ident in seen:
                checks.append(("clean.unique.id", HEADER.index("id")))
            seen.add(ident)
            for check, col in checks:
                out.append((name, line, check, cell_ref(sheet, col, line) if sheet else ""))
    return out


def run(dqa, args, cwd):
    p = subprocess.run([dqa] + args, cwd=cwd, capture_output=True)
    if p.returncode not in (0, 1):
        sys.exit(f"dqa {' '.join(args)}: exit {p.returncode}\n{p.stderr.decode()}")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def main():
    dqa = os.path.abspath(sys.argv[1])
    tables = [table(part) for part in range(len(INPUTS))]
    files = [name for name, _ in INPUTS]
    with tempfile.TemporaryDirectory() as tmp:
        for (name, sheet), rows in zip(INPUTS, tables):
            if sheet:
                write_workbook(os.path.join(tmp, name), [(sheet, rows_from_table(rows))])
            else:
                with open(os.path.join(tmp, name), "w", newline="") as f:
                    csv.writer(f, lineterminator="\n").writerows(rows)
        with open(os.path.join(tmp, "rules.yaml"), "w") as f:
            f.write(RULES)
        now = ["--now", "2026-11-22", "-q"]
        for fmt in ("csv", "jsonl"):
            run(dqa, ["audit", "rules.yaml"] + files + now +
                ["--failed-rows", "whole", "--failed-rows-format", fmt], tmp)
            whole = read(os.path.join(tmp, "whole"))
            if fmt == "csv":
                lines = list(csv.DictReader(io.StringIO(whole.decode("utf-8-sig"), newline="")))
                got = sorted((r["input"], int(r["line"]), r["check"], r["cell"]) for r in lines)
                want = sorted(expected_cells(tables))
                if got != want:
                    sys.exit(f"cells of the single run:\n got {got}\nwant {want}")
            for n in (1, 2, 3, 7):
                states = []
                for i in range(1, n + 1):
                    state = f"s{i}-{n}.state"
                    run(dqa, ["audit", "rules.yaml"] + files + now +
                        ["--shard", f"{i}/{n}", "--state", state, "--keep-rows", "failed"], tmp)
                    states.append(state)
                run(dqa, ["merge"] + states[::-1] + ["-q", "--failed-rows", "merged",
                                                     "--failed-rows-format", fmt], tmp)
                merged = read(os.path.join(tmp, "merged"))
                if merged != whole:
                    sys.exit(f"{fmt}, {n} shards: the merged failed rows differ from the "
                             f"single run's\n--- single\n{whole.decode()}\n--- merged\n"
                             f"{merged.decode()}")
    print("ok: the failed rows of workbooks and a CSV file with their cells, merged from "
          "1, 2, 3 and 7 shards, CSV and JSON Lines")


main()
