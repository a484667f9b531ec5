#!/usr/bin/env python3
"""The README's "A new dataset in three commands", run as written.

usage: readme_quick_start.py DQA ROOT

Takes the dqa lines of that section's code block (after the build and
PATH lines), runs them with the shell in a fresh folder that sees ROOT's
testdata/ and rules/ as a clone would, dqa being the built binary: each
must exit 0 or 1 (a failed quality gate is a result), profile must print
the columns of the file, suggest must write a rules.yaml that dqa lint
accepts, and audit must write report/index.html.
"""
import os
import re
import subprocess
import sys
import tempfile


def commands(readme):
    section = readme.split("## A new dataset in three commands", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.startswith("dqa ")]


def main():
    dqa, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
        lines = commands(f.read())
    failures = []
    if [line.split()[1] for line in lines] != ["profile", "suggest", "audit"]:
        failures.append("the section's commands are %r" % lines)
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("testdata", "rules"):
            os.symlink(os.path.join(root, name), os.path.join(tmp, name))
        os.mkdir(os.path.join(tmp, "bin"))
        os.symlink(dqa, os.path.join(tmp, "bin", "dqa"))
        env = dict(os.environ, PATH=os.path.join(tmp, "bin") + os.pathsep + os.environ["PATH"])
        for line in lines:
            r = subprocess.run(line, shell=True, cwd=tmp, env=env, capture_output=True, text=True)
            if r.returncode not in (0, 1):
                failures.append("%s: exit %d: %s" % (line, r.returncode, r.stderr.strip()))
            elif line.startswith("dqa profile") and "citizen_id:" not in r.stdout:
                failures.append("%s: no column citizen_id in its output" % line)
        lint = subprocess.run([dqa, "lint", "rules.yaml"], cwd=tmp, capture_output=True,
                              text=True)
        if lint.returncode != 0:
            failures.append("dqa lint rules.yaml: %s" % lint.stderr.strip())
        if not os.path.exists(os.path.join(tmp, "report", "index.html")):
            failures.append("no report/index.html")
    for f in failures:
        print("FAIL", f)
    print("README quick start: %s" % ("ok" if not failures else "%d failures" % len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
