#!/usr/bin/env python3
"""scripts/check_layers.py can fail: small fake call graphs, one per kind of
violation, and two tiny objects compiled here and read back through nm, must
each give the problem expected; a graph that keeps the rules gives none.

usage: test_check_layers.py SOURCE_ROOT
"""

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(sys.argv[1], "scripts"))
import check_layers  # noqa: E402

PUBLIC = {"dqa_audit_run"}
failures = []


def expect(name, graph, wanted):
    """wanted: a substring every problem list must contain, or None for none."""
    problems = check_layers.check(graph, PUBLIC)
    if wanted is None and problems:
        failures.append(f"{name}: expected no problem, got {problems}")
    elif wanted is not None and not any(wanted in p for p in problems):
        failures.append(f"{name}: expected '{wanted}', got {problems}")


def edges(*pairs):
    graph = {}
    for caller, callee, symbol in pairs:
        graph.setdefault(caller, set()).add((callee, symbol))
        graph.setdefault(callee, set())
    return graph


expect("downward calls only", edges(
    ("cli/dqa.c", "lib/audit.c", "dqa_audit_run"),
    ("lib/audit.c", "lib/input/reader.c", "reader_scan"),
    ("lib/input/reader.c", "lib/util/arena.c", "arena_alloc"),
    ("lib/checks/clean_unique.c", "lib/plan.c", "plan_tally"),
    ("lib/plan.c", "lib/rules/params.c", "rules_column")), None)
expect("same rank, no object cycle", edges(
    ("lib/audit.c", "lib/state/frame.c", "state_save"),
    ("lib/state/state_read.c", "lib/plan.c", "plan_tally")), None)
expect("the engine calling a check kind", edges(
    ("lib/scan.c", "lib/checks/correct_regex.c", "check_regex")),
    "upward call engine -> checks")
expect("two objects calling each other", edges(
    ("lib/util/a.c", "lib/util/b.c", "b"),
    ("lib/util/b.c", "lib/util/a.c", "a")), "call cycle between objects")
expect("a cycle through three modules", edges(
    ("lib/rules/params.c", "lib/input/reader.c", "reader_scan"),
    ("lib/input/reader.c", "lib/input/limits.c", "limits_default"),
    ("lib/input/limits.c", "lib/rules/params.c", "rules_error")), "call cycle")
expect("util calling input", edges(
    ("lib/util/arena.c", "lib/input/reader.c", "reader_scan")), "upward call util -> input")
expect("input calling checks", edges(
    ("lib/input/reader.c", "lib/checks/when.c", "when_due")), "upward call input -> checks")
expect("input calling report", edges(
    ("lib/input/reader.c", "lib/report/doc.c", "doc_str")), "upward call input -> report")
expect("the engine calling history", edges(
    ("lib/audit.c", "lib/history/trend.c", "trend_build")), "upward call engine -> history")
expect("a placed file keeps its layer", edges(
    ("lib/rules/params.c", "lib/rules/rules.c", "dqa_rules_load")),
    "upward call rules -> rules loader")
expect("cli beyond dqa.h", edges(
    ("cli/cmd_audit.c", "lib/plan.c", "plan_tally")), "not declared in lib/dqa.h")
expect("a folder not in LAYERS", edges(
    ("lib/newstage/x.c", "lib/util/arena.c", "arena_alloc")), "module not in LAYERS")

# The same through real objects: a.c and b.c call each other.
with tempfile.TemporaryDirectory() as tmp:
    sources = {"a": "int b(int);\nint a(int x) { return x ? b(x - 1) : 0; }\n",
               "b": "int a(int);\nint b(int x) { return a(x); }\n"}
    objects = {}
    for name, text in sources.items():
        with open(os.path.join(tmp, name + ".c"), "w") as f:
            f.write(text)
        obj = os.path.join(tmp, name + ".o")
        subprocess.run(["cc", "-c", "-o", obj, os.path.join(tmp, name + ".c")], check=True)
        objects[obj] = f"lib/util/{name}.c"
    graph = check_layers.build_graph(objects)
    if graph != {"lib/util/a.c": {("lib/util/b.c", "b")}, "lib/util/b.c": {("lib/util/a.c", "a")}}:
        failures.append(f"nm graph of a.o and b.o: {graph}")
    expect("compiled a.o and b.o", graph, "call cycle between objects: lib/util/a.c, lib/util/b.c")

for line in failures:
    print("FAIL", line)
print(f"test_check_layers: {len(failures)} failures")
sys.exit(1 if failures else 0)
