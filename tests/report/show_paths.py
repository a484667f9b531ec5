#!/usr/bin/env python3
"""Published reports never show a server's folders (dqa(1), --show-paths).

The shipped citizens example is audited with absolute paths (the rule file
and two inputs, so that samples and failed rows name their file), as one
dataset, as two merged shards and as a suite. Without --show-paths no byte
of any output (stdout in every format, every file of the report folder)
holds the absolute folder, and result.json names the files by the base
names os.path.basename gives; relative paths stay as given; with
--show-paths result.json and the pages hold the paths as given.

usage: show_paths.py DQA ROOT
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile

FORMATS = ["text", "json", "md", "html", "csv", "junit"]
NOW = ["--now", "2026-11-22"]


def run(*args, cwd=None, ok=(0, 1)):
    proc = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True)
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(map(str, args))}: exit {proc.returncode}\n{proc.stderr.decode()}")
    return proc.stdout


def outputs(folder, stdouts):
    """(name, bytes) of every report file under folder and every stdout."""
    for path in sorted(p for p in pathlib.Path(folder).rglob("*") if p.is_file()):
        yield str(path), path.read_bytes()
    yield from stdouts


def expect_hidden(secret, folder, stdouts, what):
    for name, data in outputs(folder, stdouts):
        if secret.encode() in data:
            sys.exit(f"{what}: {name} shows the absolute folder {secret}")


def expect(cond, message):
    if not cond:
        sys.exit(message)


def audit(dqa, root, tmp):
    rules = os.path.join(root, "rules/examples/citizens.yaml")
    inputs = [os.path.join(root, "testdata/citizens.csv"), os.path.join(root, "testdata/citizens.csv.gz")]
    base = [rules, *inputs, *NOW]
    hidden = tmp / "hidden"
    run(dqa, "audit", *base, "-q", "--out", hidden)
    stdouts = [(f"--format {f}", run(dqa, "audit", *base, "--format", f)) for f in FORMATS]
    expect_hidden(root, hidden, stdouts, "audit")
    doc = json.loads((hidden / "result.json").read_text())
    expect(doc["rules"] == os.path.basename(rules), f"rules: {doc['rules']}")
    expect(doc["inputs"] == [os.path.basename(p) for p in inputs], f"inputs: {doc['inputs']}")
    files = {s["file"] for u in doc["units"] for c in u["checks"] for s in c.get("samples", [])}
    expect(files == {os.path.basename(p) for p in inputs}, f"sample files: {files}")

    shown = tmp / "shown"
    run(dqa, "audit", *base, "-q", "--show-paths", "--out", shown)
    doc = json.loads((shown / "result.json").read_text())
    expect(doc["rules"] == rules and doc["inputs"] == inputs, "--show-paths: paths not as given")
    expect(rules in (shown / "index.html").read_text(), "--show-paths: index.html lacks the rule file's path")
    rows = "".join(p.read_text() for p in (shown / "units").glob("*.failed.csv"))
    expect(inputs[1] in rows, "--show-paths: the failed rows lack the input's path")

    relative = tmp / "relative"
    run(dqa, "audit", "rules/examples/citizens.yaml", "testdata/citizens.csv", *NOW, "-q",
        "--out", relative, cwd=root)
    doc = json.loads((relative / "result.json").read_text())
    expect(doc["rules"] == "rules/examples/citizens.yaml" and doc["inputs"] == ["testdata/citizens.csv"],
           f"relative paths not as given: {doc['rules']} {doc['inputs']}")


def merge(dqa, root, tmp):
    rules = os.path.join(root, "rules/examples/citizens.yaml")
    data = os.path.join(root, "testdata/citizens.csv")
    states = []
    for i in (1, 2):
        states.append(tmp / f"s{i}.state")
        run(dqa, "audit", rules, data, *NOW, "--shard", f"{i}/2", "--state", states[-1])
    merged = tmp / "merged"
    run(dqa, "merge", *states, "-q", "--out", merged)
    expect_hidden(root, merged, [("merge --format json", run(dqa, "merge", *states, "--format", "json"))],
                  "merge")
    doc = json.loads(run(dqa, "merge", *states, "--show-paths", "--format", "json"))
    expect(doc["inputs"] == [data], f"merge --show-paths: {doc['inputs']}")


def suite(dqa, root, tmp):
    city = tmp / "city.yaml"
    city.write_text("version: 1\nname: hanoi\ndatasets:\n"
                    f"  - rules: {root}/rules/examples/citizens.yaml\n"
                    f"    data: {root}/testdata/citizens.csv\n")
    folder = tmp / "city"
    run(dqa, "audit", "--suite", city, *NOW, "-q", "--out", folder)
    expect_hidden(str(tmp), folder, [], "suite")
    expect_hidden(root, folder, [], "suite")
    doc = json.loads((folder / "suite.json").read_text())
    expect(doc["file"] == "city.yaml", f"suite file: {doc['file']}")
    doc = json.loads((folder / "citizens" / "result.json").read_text())
    expect(doc["inputs"] == ["citizens.csv"], f"suite dataset inputs: {doc['inputs']}")


def main():
    dqa, root = os.path.realpath(sys.argv[1]), os.path.realpath(sys.argv[2])
    with tempfile.TemporaryDirectory(prefix="dqa-paths-") as tmp:
        tmp = pathlib.Path(tmp)
        audit(dqa, root, tmp)
        merge(dqa, root, tmp)
        suite(dqa, root, tmp)
    print("ok: no absolute path without --show-paths; as given with it")


if __name__ == "__main__":
    main()
