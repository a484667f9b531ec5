#!/usr/bin/env python3
"""The shape pass against its reference on every value of the benchmark.

usage: shape_bench_values.py TEST_KINDS ROWS

Writes the first ROWS rows of the benchmark data (bench/gen.py, its default
seed: the rows of bench/data/citizens-2000000-s20261122.csv), reads them
with Python's csv module and hands every field, each ended by a NUL byte,
to test_kinds, which compares value_bytes with reference_value_bytes (the
byte-at-a-time pass it replaced) on each.
"""
import csv
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "..", "..", "bench", "gen.py")


def main():
    test_kinds, rows = sys.argv[1], int(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "rows.csv")
        subprocess.run([sys.executable, GEN, "--rows", str(rows), "--out", data],
                       check=True, stdout=subprocess.DEVNULL)
        values = os.path.join(tmp, "values.bin")
        fields = 0
        with open(data, newline="", encoding="utf-8") as f, open(values, "wb") as out:
            for record in csv.reader(f):
                for field in record:
                    out.write(field.encode("utf-8") + b"\0")
                    fields += 1
        if fields < rows * 12:
            sys.exit(f"only {fields} fields from {rows} rows")
        result = subprocess.run([test_kinds, values], capture_output=True, text=True)
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        want = f"# {fields} values from {values}"
        if result.returncode != 0 or want not in result.stdout:
            sys.exit(f"test_kinds: exit {result.returncode}, expected \"{want}\"")
    print(f"{fields} values of {rows} rows: the shape pass as its reference")


if __name__ == "__main__":
    main()
