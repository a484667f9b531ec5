#!/usr/bin/env python3
"""`meson install` installs a coherent set: the dqa program, its two man
pages, libdqa (static) with its one header dqa.h and a pkg-config file, and
nothing else; and a program compiled against the installed header and
pkg-config file audits the shipped example as the installed dqa does.

usage: install.py MESON BUILD_DIR SOURCE_ROOT
"""

import json
import os
import subprocess
import sys
import tempfile

meson, build, root = sys.argv[1:4]
NOW = "2026-11-22T00:00:00Z"
RULES = os.path.join(root, "rules/examples/citizens.yaml")
DATA = os.path.join(root, "testdata/citizens.csv")

with tempfile.TemporaryDirectory() as tmp:
    dest = os.path.join(tmp, "dest")
    subprocess.run([meson, "install", "-C", build, "--destdir", dest, "--no-rebuild",
                    "--quiet"], check=True, stdout=subprocess.DEVNULL)
    installed = sorted(os.path.relpath(os.path.join(d, f), dest)
                       for d, _, files in os.walk(dest) for f in files)
    kinds = {}
    for path in installed:
        name = os.path.basename(path)
        kind = {"dqa": "program", "dqa.1": "man", "dqa-rules.5": "man", "dqa.h": "header",
                "libdqa.a": "library", "dqa.pc": "pkg-config"}.get(name, "unexpected")
        kinds.setdefault(kind, []).append(path)
    expected = {"program": 1, "man": 2, "header": 1, "library": 1, "pkg-config": 1}
    if {k: len(v) for k, v in kinds.items()} != expected:
        sys.exit(f"installed: {kinds}")
    program = os.path.join(dest, kinds["program"][0])
    env = dict(os.environ, PKG_CONFIG_SYSROOT_DIR=dest,
               PKG_CONFIG_PATH=os.path.join(dest, os.path.dirname(kinds["pkg-config"][0])))
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "dqa"], env=env, check=True,
                           capture_output=True, text=True).stdout.split()
    # A sanitizer build's libdqa.a needs the sanitizer runtime at link time.
    with open(os.path.join(build, "meson-info", "intro-buildoptions.json")) as f:
        sanitize = next(o["value"] for o in json.load(f) if o["name"] == "b_sanitize")
    if sanitize != "none":
        flags.append("-fsanitize=" + sanitize)
    example = os.path.join(tmp, "audit_example")
    # Only the installed include folder: lib/'s internal headers are not on the path.
    subprocess.run(["cc", "-std=c17", "-Wall", "-Werror", "-o", example,
                    os.path.join(root, "tests/install/audit_example.c")] + flags, check=True)
    ours = json.loads(subprocess.run([example, RULES, DATA, NOW], check=True,
                                     capture_output=True, text=True).stdout)
    theirs = json.loads(subprocess.run([program, "audit", RULES, DATA, "--now", NOW,
                                        "--format", "json"], capture_output=True,
                                       text=True).stdout)
    for doc in (ours, theirs):
        doc.pop("generated_at", None)
    if ours != theirs:
        sys.exit("the program built against the installed library disagrees with dqa")
    print(f"installed {len(installed)} files; {ours['rows']} rows, score {ours['score']} "
          "from both")
