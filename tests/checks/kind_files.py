#!/usr/bin/env python3
"""A check kind is one file plus one registry row: lib/checks/meson.build's
check_kind_sources, the KINDS rows of lib/checks/registry.c and the folder
must agree. Every listed kind file defines a `const struct check_ops` that
is registered (or implicit: added by the loader, named in check.h); every
registered kind is defined in a listed kind file; every .c file of the
folder is in check_kind_sources or check_shared_sources, and no shared file
defines a kind.

usage: kind_files.py SOURCE_ROOT
"""

import os
import re
import sys

root = sys.argv[1]
folder = os.path.join(root, "lib", "checks")


def read(name):
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        return f.read()


def meson_list(text, variable):
    body = text[text.index(variable + " = files("):]
    return re.findall(r"'([\w.]+)'", body[:body.index(")")])


meson = read("meson.build")
kind_files = meson_list(meson, "check_kind_sources")
shared_files = meson_list(meson, "check_shared_sources")
registry = read("registry.c")
rows = registry[registry.index("#define KINDS(KIND)"):]
registered = re.findall(r"KIND\((\w+), \w+\)", rows[:rows.index("\n\n")])
header = read("check.h")
implicit_line = re.search(r"^extern const struct check_ops (.*);$", header, re.M).group(1)
implicit = re.findall(r"check_(\w+)", implicit_line)

problems = []
defined_in = {}
for name in kind_files + shared_files:
    for ops in re.findall(r"^const struct check_ops check_(\w+) = \{", read(name), re.M):
        defined_in[ops] = name
for name in kind_files:
    mine = [ops for ops, where in defined_in.items() if where == name]
    if not any(ops in registered or ops in implicit for ops in mine):
        problems.append(f"{name} is in check_kind_sources but defines no registered or "
                        f"implicit kind (it defines {mine or 'none'})")
for name in shared_files:
    mine = [ops for ops, where in defined_in.items() if where == name]
    if mine:
        problems.append(f"{name} defines check_{mine[0]}: list it in check_kind_sources")
for ops in registered + implicit:
    if ops not in defined_in:
        problems.append(f"check_{ops} ({'registry.c' if ops in registered else 'check.h'}) "
                        "is defined in no file of check_kind_sources")
    elif defined_in[ops] not in kind_files:
        problems.append(f"check_{ops} is defined in {defined_in[ops]}, not a kind file")
if len(set(registered)) != len(registered):
    problems.append("registry.c lists a kind twice")
on_disk = sorted(n for n in os.listdir(folder) if n.endswith(".c"))
for name in on_disk:
    if name not in kind_files and name not in shared_files:
        problems.append(f"lib/checks/{name} is in neither list of lib/checks/meson.build")
for name in kind_files + shared_files:
    if name not in on_disk:
        problems.append(f"lib/checks/meson.build lists {name}, which does not exist")

for line in problems:
    print(line)
print(f"kind_files: {len(kind_files)} kind files, {len(registered)} registered and "
      f"{len(implicit)} implicit kinds, {len(problems)} problems")
sys.exit(1 if problems else 0)
