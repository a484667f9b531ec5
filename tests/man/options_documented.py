#!/usr/bin/env python3
"""Every option a command's table declares (as its --help prints them) has
its place in dqa(1), spelled as the page spells options (\\-\\-name).

  options_documented.py DQA MAN_PAGE
"""
import re
import subprocess
import sys

COMMANDS = ["audit", "lint", "merge", "report", "trend", "warnings", "history import",
            "history export", "history prune"]


def main():
    dqa, page = sys.argv[1:3]
    with open(page) as f:
        man = f.read()
    missing = []
    total = 0
    for command in COMMANDS:
        help_text = subprocess.run([dqa, *command.split(), "--help"], check=True, capture_output=True,
                                   text=True).stdout
        for name in re.findall(r"^  (?:-., )?\s*--([a-z-]+)", help_text, re.M):
            total += 1
            if "\\-\\-" + name.replace("-", "\\-") not in man:
                missing.append(f"dqa {command} --{name}")
    for m in missing:
        print(f"not in {page}: {m}")
    print(f"{total} options, {len(missing)} undocumented")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
