#!/usr/bin/env python3
"""A suite of 50 generated datasets (5 units each, different sizes and
defects, one with a history-backed check) audited with --jobs 1 and
--jobs 2 gives the same report folder byte for byte (filecmp, not dqa), the
same summary on stdout, the same exit status and the same history rows
(the time stamp pinned with SOURCE_DATE_EPOCH, as a reproducible build does).
suite.json names each dataset's result file instead of embedding it: read
with Python's json, each file exists and agrees with the summary line and
the warnings suite.json keeps for the dataset.

usage: jobs.py DQA
"""
import difflib
import filecmp
import json
import os
import pathlib
import random
import subprocess
import sys
import tempfile

DATASETS = 50
RULES = """version: 1
dataset: {name: %s, unit: ward, key: [id]}
correct:
  - regex: {column: phone, pattern: '^0[0-9]{9}$', allow_empty: true}
sufficient:
  - not_null: {columns: [id, name]}
clean:
  - unique: [id]
  - trimmed: [name]
alive:
  - rows_change: {max_percent: 30}
"""


def generate(folder):
    rng = random.Random(25)
    suite = ["version: 1", "name: city", "datasets:"]
    for d in range(DATASETS):
        name = f"ds{d:02d}"
        (folder / name).mkdir()
        (folder / name / "rules.yaml").write_text(RULES % name)
        lines = ["id,ward,name,phone"]
        for i in range(rng.randrange(5, 60)):
            lines.append(f"{rng.randrange(40)},W{rng.randrange(5)},"
                         f"{'' if rng.random() < 0.1 else 'An' + (' ' if rng.random() < 0.1 else '')},"
                         f"{'09' + str(rng.randrange(10**8)).zfill(8) if rng.random() < 0.8 else 'x'}")
        (folder / name / "data.csv").write_text("\n".join(lines) + "\n")
        suite += [f"  - rules: {name}/rules.yaml", f"    data: {name}/data.csv"]
    (folder / "city.yaml").write_text("\n".join(suite) + "\n")


def differences(cmp, path=""):
    found = [f"{path}{n}" for n in cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files]
    for name, sub in cmp.subdirs.items():
        found += differences(sub, f"{path}{name}/")
    return found


def summary_problems(out):
    """suite.json against the result files it names."""
    suite = json.loads((out / "suite.json").read_text())
    lines = {line["dataset"]: line for line in suite["summary"]["datasets"]}
    found = []
    for entry in suite["datasets"]:
        if not isinstance(entry["result"], str):
            found.append(f"{entry['dataset']}: result is not a path")
            continue
        result = json.loads((out / entry["result"]).read_text())
        line = lines[entry["dataset"]]
        if [result[k] for k in ("rows", "score", "status")] != \
                [line[k] for k in ("rows", "score", "status")]:
            found.append(f"{entry['dataset']}: summary line differs from {entry['result']}")
        if result["warnings"] != entry["warnings"] or result["thresholds"] != entry["thresholds"]:
            found.append(f"{entry['dataset']}: warnings or thresholds differ")
    if len(suite["datasets"]) != DATASETS:
        found.append(f"suite.json lists {len(suite['datasets'])} datasets")
    return found


def main():
    dqa = str(pathlib.Path(sys.argv[1]).resolve())
    problems = []
    with tempfile.TemporaryDirectory(prefix="dqa-jobs-") as tmp:
        folder = pathlib.Path(tmp)
        generate(folder)
        outputs = []
        for jobs in (1, 2):
            runs = []
            for now in ("2026-11-21", "2026-11-22"):
                p = subprocess.run([dqa, "audit", "--suite", "city.yaml", "--now", now,
                                    "--jobs", str(jobs), "--history", f"h{jobs}.db",
                                    "--out", f"out{jobs}", "--lang", "en"],
                                   cwd=folder, capture_output=True, text=True,
                                   env={**os.environ, "SOURCE_DATE_EPOCH": "1795392000"})
                runs.append((p.returncode, p.stdout, p.stderr.replace(f"out{jobs}", "OUT")))
            export = subprocess.run([dqa, "history", "export", "--history", f"h{jobs}.db"],
                                    cwd=folder, capture_output=True, text=True).stdout
            outputs.append((runs, export))
        if outputs[0][0] != outputs[1][0]:
            problems.append("stdout, stderr or exit status differ between --jobs 1 and 2")
            for one, two in zip(outputs[0][0], outputs[1][0]):
                for name, a, b in zip(("exit", "stdout", "stderr"), one, two):
                    if a != b:
                        print(f"{name}, --jobs 1 then 2:")
                        print("".join(list(difflib.unified_diff(str(a).splitlines(True),
                                                               str(b).splitlines(True)))[:40]))
        if outputs[0][1] != outputs[1][1] or outputs[0][1].count("\n") < DATASETS * 2:
            problems.append("the history rows differ between --jobs 1 and 2")
        files = sum(1 for p in (folder / "out1").rglob("*") if p.is_file())
        diff = differences(filecmp.dircmp(folder / "out1", folder / "out2", ignore=[]))
        if diff or files < DATASETS:
            problems.append(f"report folders differ ({files} files): {diff[:5]}")
        problems += summary_problems(folder / "out1")
    for p in problems:
        print(p)
    print(f"suite --jobs: {DATASETS} datasets, {files} report files, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
