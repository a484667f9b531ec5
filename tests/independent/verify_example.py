#!/usr/bin/env python3
"""Check dqa's audit of a shipped example against its independent expectation
(expected_health.py, expected_businesses.py): every count exactly, every score within
0.01, every status exactly, as verify_citizens.py does for the citizens example; and
the same result, samples included, with 1 and 3 worker threads.

usage: verify_example.py DQA_BINARY SOURCE_ROOT health|businesses
exit:  0 when dqa agrees, 1 on any difference or when dqa fails to run
"""

import importlib
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from verify_citizens import MAX_SHOWN, NOW, compare  # noqa: E402


def run_dqa(binary, root, module, threads):
    cmd = [binary, "audit", os.path.join(root, module.RULES_PATH), os.path.join(root, module.DATA_PATH),
           "--now", NOW, "--format", "json", "--samples", "3", "--threads", str(threads)]
    proc = subprocess.run(cmd, capture_output=True, timeout=120)
    if proc.returncode not in (0, 1):       # 1 = the gate failed, still a finished audit
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        sys.exit("verify_example: %s exited with %d" % (" ".join(cmd), proc.returncode))
    return json.loads(proc.stdout.decode("utf-8"))


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: verify_example.py DQA_BINARY SOURCE_ROOT health|businesses")
    binary, root, name = sys.argv[1:]
    module = importlib.import_module("expected_" + name)
    expected = module.expect(root)
    actual = run_dqa(binary, root, module, 1)
    differences = compare(expected, actual)
    # a parallel run must give the very same result, samples included
    parallel = run_dqa(binary, root, module, 3)
    for result in (actual, parallel):
        result.pop("generated_at", None)
    if parallel != actual:
        differences.append("dqa --threads 3 gives another result than --threads 1")
    if differences:
        print("verify_example %s: dqa disagrees with the independent expectation in %d place(s):"
              % (name, len(differences)))
        for line in differences[:MAX_SHOWN]:
            print("  " + line)
        return 1
    n_checks = sum(len(u["checks"]) for u in expected["units"])
    print("verify_example %s: ok: %d rows, %d units (%d missing), %d unit checks, "
          "%d dataset checks, score %.2f %s"
          % (name, expected["rows"], len(expected["units"]), len(expected["missing_units"]),
             n_checks, len(expected["dataset_checks"]), expected["score"], expected["status"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
