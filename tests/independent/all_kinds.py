#!/usr/bin/env python3
"""The three shipped examples together use every check kind: the kinds registered in
lib/checks/registry.c, the kinds documented in man/dqa-rules.5 (its CHECKS section)
and the kinds named in rules/examples/{citizens,health-facilities,businesses}.yaml
must be the same set; and the scope each kind's section states (\"Scope\": unit-level or
dataset-level, dqa-rules(5) SCORING) must be the one its check_ops declares.

usage: all_kinds.py SOURCE_ROOT
"""

import os
import re
import sys

EXAMPLES = ["citizens.yaml", "health-facilities.yaml", "businesses.yaml"]
CRITERIA = ("correct", "sufficient", "clean", "alive", "unified", "shared")
# .SS headings of the CHECKS section that are not check kinds a rule file may name
NOT_KINDS = {"Common parameters", "structure (implicit)", "not_empty (implicit)",
             "blank_rows (implicit)", "encoding (implicit)", "Expected units"}


def registry_kinds(root):
    with open(os.path.join(root, "lib/checks/registry.c"), encoding="utf-8") as f:
        text = f.read()
    table = text[text.index("#define KINDS(KIND)"):]
    table = table[:table.index("\n\n")]
    return set(re.findall(r"KIND\((\w+), \w+\)", table))


def registry_homes(root):
    """kind -> the criterion of its KINDS row, lower case ("any" for ANY)."""
    with open(os.path.join(root, "lib/checks/registry.c"), encoding="utf-8") as f:
        text = f.read()
    table = text[text.index("#define KINDS(KIND)"):]
    table = table[:table.index("\n\n")]
    return {k: home.lower() for k, home in re.findall(r"KIND\((\w+), (\w+)\)", table)}


def manual_homes(root):
    """kind -> the criterion its section opens with (".BR correct ."), or
    "any" for "Any criterion."."""
    with open(os.path.join(root, "man/dqa-rules.5"), encoding="utf-8") as f:
        text = f.read()
    section = text[text.index(".SH CHECKS"):text.index(".SH VALUE GRAMMARS")]
    homes = {}
    for heading, first in re.findall(r"^\.SS (.*)\n(.*)\n", section, re.M):
        m = re.match(r"\.BR (\w+) [.,]", first)
        homes[heading.strip().replace("\\_", "_")] = (
            m.group(1) if m else "any" if first.startswith("Any criterion") else None)
    return homes


def manual_kinds(root):
    with open(os.path.join(root, "man/dqa-rules.5"), encoding="utf-8") as f:
        text = f.read()
    section = text[text.index("\n.SH CHECKS"):]
    section = section[:section.index("\n.SH ", 1)]
    headings = [h.strip().strip('"') for h in re.findall(r"^\.SS (.*)$", section, re.M)]
    return {h.replace("\\_", "_") for h in headings if h not in NOT_KINDS}


def registry_scopes(root):
    """kind -> "dataset-level" or "unit-level", from the check_ops definitions."""
    scopes = {}
    folder = os.path.join(root, "lib/checks")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".c"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        for ops in re.findall(r"const struct check_ops check_\w+ = \{(.*?)\};", text, re.S):
            kind = re.search(r'\.kind = "(\w+)"', ops).group(1)
            level = "dataset-level" if ".dataset_level = true" in ops else "unit-level"
            if scopes.setdefault(kind, level) != level:
                scopes[kind] = "both"
    return scopes


def manual_scopes(root):
    """kind -> the first word of its section's Scope entry."""
    with open(os.path.join(root, "man/dqa-rules.5"), encoding="utf-8") as f:
        text = f.read()
    section = text[text.index("\n.SH CHECKS"):]
    section = section[:section.index("\n.SH ", 1)]
    scopes = {}
    for heading, body in re.findall(r"^\.SS (.*)\n((?:(?!^\.SS ).*\n)*)", section, re.M):
        m = re.search(r"^\.TP\nScope\n([a-z-]+)", body, re.M)
        if m:
            scopes[heading.strip().replace("\\_", "_")] = m.group(1).rstrip(";,")
    return scopes


def example_kinds(path):
    """Kinds of the check items of the criterion lists: `  - KIND:` lines."""
    kinds, in_criterion = set(), False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if re.match(r"[a-z_]+:", line):
                in_criterion = line.split(":")[0] in CRITERIA
            m = re.match(r"\s+-\s+([a-z_0-9]+):", line)
            if in_criterion and m:
                kinds.add(m.group(1))
    return kinds


def main():
    root = sys.argv[1]
    registered, documented = registry_kinds(root), manual_kinds(root)
    used = {}
    for name in EXAMPLES:
        for kind in example_kinds(os.path.join(root, "rules/examples", name)):
            used.setdefault(kind, []).append(name)
    problems = []
    if registered != documented:
        problems.append("registry.c and dqa-rules(5) differ: only registered %s, only documented %s"
                        % (sorted(registered - documented), sorted(documented - registered)))
    if set(used) - registered:
        problems.append("examples name unknown kinds %s" % sorted(set(used) - registered))
    if registered - set(used):
        problems.append("no shipped example uses %s" % sorted(registered - set(used)))
    declared, stated = registry_scopes(root), manual_scopes(root)
    for kind in sorted(registered):
        if declared.get(kind) != stated.get(kind):
            problems.append("%s: check_ops say %s, dqa-rules(5) Scope says %s"
                            % (kind, declared.get(kind), stated.get(kind)))
    homes, listed = registry_homes(root), manual_homes(root)
    for kind in sorted(registered):
        if homes.get(kind) != listed.get(kind):
            problems.append("%s: registry.c lists it under %s, dqa-rules(5) under %s"
                            % (kind, homes.get(kind), listed.get(kind)))
    if problems:
        print("all_kinds: " + "\nall_kinds: ".join(problems))
        return 1
    print("all_kinds: ok: the %d kinds of registry.c and dqa-rules(5) are all used by %s"
          % (len(registered), ", ".join(EXAMPLES)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
