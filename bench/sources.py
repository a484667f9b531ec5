#!/usr/bin/env python3
"""Reading data where it lives, against the same rows as CSV (issue 24):
a workbook of WB_ROWS rows (default 200,000) and a PostgreSQL table of
PG_ROWS rows (default 2,000,000) on a server on this machine (started and
stopped here, as tests/sources/postgresql.py does), each audited with
bench/audit.yaml against the CSV of the same rows; best of RUNS wall
times.

  bench/sources.py DQA [WB_ROWS [PG_ROWS [RUNS]]]
"""
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "generators"))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "sources"))
from xlsx_writer import rows_from_table, write_workbook  # noqa: E402
from postgresql import Server  # noqa: E402

NOW = "2026-11-22"


def best(dqa, data, runs):
    times = []
    for _ in range(runs):
        t = time.monotonic()
        out = subprocess.run([dqa, "audit", os.path.join(HERE, "audit.yaml"), data, "--now", NOW,
                              "--format", "json"], capture_output=True, text=True)
        times.append(time.monotonic() - t)
        if out.returncode not in (0, 1):
            sys.exit(f"{data}: exit {out.returncode}: {out.stderr}")
    return min(times)


def gen(tmp, rows):
    path = os.path.join(tmp, f"rows{rows}.csv")
    subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), "--rows", str(rows), "--seed", "1",
                    "--now", NOW, "--out", path], check=True, capture_output=True)
    return path


def main():
    dqa = os.path.abspath(sys.argv[1])
    wb_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    pg_rows = int(sys.argv[3]) if len(sys.argv) > 3 else 2_000_000
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    tmp = tempfile.mkdtemp(prefix="dqa-bench-")
    server = None
    try:
        if wb_rows:
            csv_path = gen(tmp, wb_rows)
            with open(csv_path, newline="", encoding="utf-8") as f:
                table = list(csv.reader(f))
            book = os.path.join(tmp, "rows.xlsx")
            write_workbook(book, [("rows", rows_from_table(table))])
            c, x = best(dqa, csv_path, runs), best(dqa, book, runs)
            print(f"workbook {wb_rows} rows ({os.path.getsize(book) >> 20} MB): csv {c:.2f} s, "
                  f"xlsx {x:.2f} s, ratio {x / c:.2f}")
        if pg_rows:
            csv_path = gen(tmp, pg_rows)
            server = Server(tmp)
            server.start()
            with open(csv_path, encoding="utf-8") as f:
                header = f.readline().strip().split(",")
            cols = ", ".join(f'"{h}" text' for h in header)
            server.psql(f"CREATE TABLE bench ({cols})")
            os.chmod(tmp, 0o755)
            os.chmod(csv_path, 0o644)
            server.psql(f"COPY bench FROM '{csv_path}' WITH (FORMAT csv, HEADER)")
            c, p = best(dqa, csv_path, runs), best(dqa, server.uri("bench"), runs)
            print(f"postgresql {pg_rows} rows: csv {c:.2f} s, table {p:.2f} s, ratio {p / c:.2f}")
    finally:
        if server:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


main()
