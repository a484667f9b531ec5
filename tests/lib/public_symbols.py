#!/usr/bin/env python3
"""The public boundary of libdqa: every function the library exports with
the dqa_ prefix is declared in lib/dqa.h, and every function dqa.h declares
is exported. Internal helpers carry no dqa_ prefix (docs/internals/errors.md).

  public_symbols.py LIBDQA.a DQA.h
"""
import re
import subprocess
import sys


def main():
    lib, header = sys.argv[1:3]
    nm = subprocess.run(["nm", "--defined-only", lib], check=True, capture_output=True,
                        text=True).stdout
    exported = {line.split()[2] for line in nm.splitlines()
                if len(line.split()) == 3 and line.split()[1] == "T"
                and line.split()[2].startswith("dqa_")}
    with open(header) as f:
        declared = set(re.findall(r"\b(dqa_[a-z0-9_]+)\(", f.read()))
    problems = [f"exported but not in dqa.h (drop the dqa_ prefix or declare it): {name}"
                for name in sorted(exported - declared)]
    problems += [f"declared in dqa.h but not exported: {name}"
                 for name in sorted(declared - exported)]
    for p in problems:
        print(p)
    print(f"{len(exported)} public functions, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
