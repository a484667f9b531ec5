#!/usr/bin/env python3
"""Golden CLI tests: each folder under tests/cli/ is one case.

A case folder holds:
  cmd        one shell command line; $DQA is the dqa binary under test
  stdout     expected standard output (exact)
  stderr     expected standard error (exact)
  exit       expected exit status
  expected/  optional: files the command must create, compared byte for byte
  anything else: inputs (rules, CSV files) the command reads

The command runs in a fresh copy of the case folder with a pinned
environment (SOURCE_DATE_EPOCH, no colour, C locale), so outputs are stable.

  run.py --list                       case names, one per line
  run.py --dqa BIN CASE [CASE...]     run cases, exit 1 on any mismatch
  run.py --dqa BIN --update CASE...   rewrite expectations after a deliberate change
  run.py --cases DIR ...              cases in DIR instead (testdata/bad: bad input)
"""
import argparse
import difflib
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CASES = HERE
EXPECTATIONS = ("cmd", "stdout", "stderr", "exit")


def cases():
    return sorted(p.name for p in CASES.iterdir() if (p / "cmd").is_file())


def environment(dqa):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DQA": str(dqa),
        "ROOT": str(ROOT),
        "SOURCE_DATE_EPOCH": "1795392000",  # 2026-11-23T00:00:00Z
        "LC_ALL": "C.UTF-8",
        "TZ": "UTC",  # times in reports are local: pinned here, --tz in cases
        "TERM": "dumb",
    }
    for key in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if key in os.environ:
            env[key] = os.environ[key]
    return env


def diff(name, expected, actual):
    lines = difflib.unified_diff(
        expected.decode(errors="replace").splitlines(keepends=True),
        actual.decode(errors="replace").splitlines(keepends=True),
        f"expected {name}", f"actual {name}")
    return "".join(lines)


def run_case(dqa, name, update):
    case = CASES / name
    with tempfile.TemporaryDirectory(prefix=f"dqa-{name}-") as tmp:
        work = pathlib.Path(tmp) / name
        shutil.copytree(case, work, ignore=shutil.ignore_patterns(*EXPECTATIONS, "expected"))
        cmd = (case / "cmd").read_text().strip()
        proc = subprocess.run(["sh", "-c", cmd], cwd=work, env=environment(dqa),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        actual = {"stdout": proc.stdout, "stderr": proc.stderr,
                  "exit": f"{proc.returncode}\n".encode()}
        produced = {}
        if (case / "expected").is_dir():
            for f in sorted((case / "expected").rglob("*")):
                if f.is_file():
                    rel = f.relative_to(case / "expected")
                    out = work / rel
                    produced[rel] = out.read_bytes() if out.is_file() else None
        if update:
            for key, value in actual.items():
                (case / key).write_bytes(value)
            for rel, data in produced.items():
                if data is not None:
                    (case / "expected" / rel).write_bytes(data)
            return []
        problems = []
        for key, value in actual.items():
            path = case / key
            expected = path.read_bytes() if path.exists() else b""
            if expected != value:
                problems.append(diff(key, expected, value))
        for rel, data in produced.items():
            expected = (case / "expected" / rel).read_bytes()
            if data is None:
                problems.append(f"missing file {rel}\n")
            elif data != expected:
                problems.append(diff(str(rel), expected, data))
        return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--dqa")
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--cases", dest="root", type=pathlib.Path)
    ap.add_argument("cases", nargs="*")
    args = ap.parse_args()
    if args.root:
        global CASES
        CASES = args.root.resolve()
    if args.list:
        print("\n".join(cases()))
        return 0
    if not args.dqa:
        ap.error("--dqa is required")
    failed = 0
    for name in args.cases or cases():
        problems = run_case(pathlib.Path(args.dqa).resolve(), name, args.update)
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for p in problems:
                print(p)
        else:
            print(f"ok   {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
