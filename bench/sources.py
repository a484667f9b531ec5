#!/usr/bin/env python3
"""Reading data where it lives, against the same rows as CSV (issue 24):
a workbook of WB_ROWS rows (default 200,000) and a PostgreSQL table of
PG_ROWS rows (default 2,000,000) on a server on this machine (started and
stopped here, as tests/sources/postgresql.py does), each audited with
bench/audit.yaml (--threads 2) against the CSV of the same rows, the two
runs alternating: best of RUNS wall times, and the least user + system
CPU time of the RUNS.

  bench/sources.py DQA [WB_ROWS [PG_ROWS [RUNS]]]
"""
import csv
import os
import resource
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


def once(dqa, data):
    """Wall and user + system CPU seconds of one audit of data."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    out = subprocess.run([dqa, "audit", os.path.join(HERE, "audit.yaml"), data, "--now", NOW,
                          "--threads", "2", "--format", "json"], capture_output=True, text=True)
    wall = time.monotonic() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode not in (0, 1):
        sys.exit(f"{data}: exit {out.returncode}: {out.stderr}")
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def paired(dqa, csv_path, other, runs):
    """Best wall and CPU times of csv_path and other, audited in turn."""
    a, b = [], []
    for _ in range(runs):
        a.append(once(dqa, csv_path))
        b.append(once(dqa, other))
    return [(min(w for w, _ in x), min(c for _, c in x)) for x in (a, b)]


def show(label, c, x):
    print(f"{label}: csv {c[0]:.2f} s wall, {c[1]:.2f} s CPU; {x[0]:.2f} s wall, "
          f"{x[1]:.2f} s CPU; ratio {x[0] / c[0]:.2f} wall, {x[1] / c[1]:.2f} CPU")


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
            show(f"workbook {wb_rows} rows ({os.path.getsize(book) >> 20} MB)",
                 *paired(dqa, csv_path, book, runs))
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
            show(f"postgresql {pg_rows} rows", *paired(dqa, csv_path, server.uri("bench"), runs))
    finally:
        if server:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


main()
