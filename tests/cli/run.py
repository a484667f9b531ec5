#!/usr/bin/env python3
"""Golden CLI tests: each folder under tests/cli/ is one case.

A case folder holds:
  cmd        one shell command line; $DQA is the dqa binary under test
  stdout     expected standard output (exact)
  stderr     expected standard error (exact)
  exit       expected exit status
  expect.json  instead of stdout: stdout is JSON that holds at least this
             (see `contains`): only the fields that show the behaviour,
             e.g. a check's id, evaluated, failed and samples
  expected/  optional: files the command must create, compared byte for byte
  anything else: inputs (rules, CSV files) the command reads

The command runs in a fresh copy of the case folder with a pinned
environment (SOURCE_DATE_EPOCH, no colour, C locale), so outputs are stable.

  run.py --list                       case names, one per line
  run.py --dqa BIN CASE [CASE...]     run cases, exit 1 on any mismatch
  run.py --dqa BIN --update CASE...   rewrite expectations after a deliberate change
  run.py --cases DIR ...              cases in DIR instead (testdata/bad: error cases)
"""
import argparse
import difflib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CASES = HERE
EXPECTATIONS = ("cmd", "stdout", "stderr", "exit", "expect.json")
# A list whose expected items all carry one of these keys is matched by it
# (units by name, checks by id), whatever else the actual list holds.
IDENTITY = ("id", "unit")


def identity(items):
    """The key that names every item of an expected list, or None."""
    for key in IDENTITY:
        if items and all(isinstance(i, dict) and key in i for i in items):
            return key
    return None


def contains(expected, actual, path="$"):
    """Where actual lacks what expected holds: objects need the expected
    keys (others may be there); lists of named items (IDENTITY) need the
    named items; other lists must match item for item; values are equal."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {json.dumps(actual)}"]
        problems = []
        for key, value in expected.items():
            if key not in actual:
                problems.append(f"{path}.{key}: missing")
            else:
                problems += contains(value, actual[key], f"{path}.{key}")
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{path}: expected a list, got {json.dumps(actual)}"]
        key = identity(expected)
        if key:
            by_key = {a.get(key): a for a in actual if isinstance(a, dict)}
            problems = []
            for item in expected:
                name = item[key]
                where = f"{path}[{key}={name}]"
                problems += (contains(item, by_key[name], where) if name in by_key
                             else [f"{where}: missing"])
            return problems
        if len(expected) != len(actual):
            return [f"{path}: {len(expected)} items expected, {len(actual)} found: "
                    f"{json.dumps(actual, ensure_ascii=False)}"]
        return [p for i, (e, a) in enumerate(zip(expected, actual))
                for p in contains(e, a, f"{path}[{i}]")]
    if expected != actual:
        return [f"{path}: expected {json.dumps(expected, ensure_ascii=False)}, "
                f"got {json.dumps(actual, ensure_ascii=False)}"]
    return []


def project(expected, actual):
    """actual cut to expected's shape: what --update writes to expect.json."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return {k: project(v, actual[k]) for k, v in expected.items() if k in actual}
    if isinstance(expected, list) and isinstance(actual, list):
        key = identity(expected)
        if key:
            by_key = {a.get(key): a for a in actual if isinstance(a, dict)}
            return [project(e, by_key[e[key]]) for e in expected if e[key] in by_key]
        shape = expected[0] if expected else None
        return [project(shape, a) if shape is not None else a for a in actual]
    return actual


def compact(doc, indent=0):
    """JSON with every object or list that fits on a line of 100 on one."""
    flat = json.dumps(doc, ensure_ascii=False)
    if indent * 2 + len(flat) <= 100 or not isinstance(doc, (dict, list)) or not doc:
        return flat
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(doc, dict):
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {compact(v, indent + 1)}"
                 for k, v in doc.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    items = [inner + compact(v, indent + 1) for v in doc]
    return "[\n" + ",\n".join(items) + f"\n{pad}]"


def write_json(path, doc):
    path.write_text(compact(doc) + "\n")


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
        focused = case / "expect.json"
        if focused.exists():
            stdout = actual.pop("stdout")
            try:
                document = json.loads(stdout)
            except ValueError:
                return [f"stdout is not JSON:\n{stdout.decode(errors='replace')}"]
        if update:
            if focused.exists():
                write_json(focused, project(json.loads(focused.read_text()), document))
            for key, value in actual.items():
                (case / key).write_bytes(value)
            for rel, data in produced.items():
                if data is not None:
                    (case / "expected" / rel).write_bytes(data)
            return []
        problems = []
        if focused.exists():
            found = contains(json.loads(focused.read_text()), document)
            if found:
                problems.append("stdout lacks expect.json's fields:\n  " + "\n  ".join(found)
                                + "\n")
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
