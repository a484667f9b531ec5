#!/usr/bin/env python3
"""The layer check: derives the call graph between the object files of
libdqa and the dqa program from their symbol tables (nm), and fails on a
call cycle between two objects, on a call from a module to one above it in
LAYERS, and on any library symbol cli/ uses that lib/dqa.h does not declare.

usage: check_layers.py BUILD_DIR [--graph]
  BUILD_DIR  a configured and built meson build folder (its
             compile_commands.json names every object and its source)
  --graph    print the module graph (calls between modules, with counts)

An edge A -> B means an object of A leaves a symbol undefined that an object
of B defines: A calls (or reads) B. tests/layers/test_check_layers.py feeds
check() small fake graphs to show that each kind of violation is caught.
"""

import json
import os
import re
import subprocess
import sys

# The modules from the bottom up, one rank per row. A module is a folder of
# lib/ ("engine" is lib/'s root: plan, scan, audit, score), cli/, or one of
# the PLACED groups below. A module may call any module of a lower rank, one
# of its own rank when no call cycle between objects results, and nothing
# of a higher rank. README's Layout shows this order.
#
# The engine runs the check kinds only through the check_ops pointers the
# rule loader hands it, so the kinds, which call the plan's tallies and
# samples, sit above it, and the loader, which names the kinds, above them.
# The engine and the shard state files call each other (an audit saves its
# state; a state is read into a plan) without a cycle between objects.
LAYERS = [
    ["util"],
    ["input"],
    ["rules"],
    ["expr"],
    ["engine", "state", "history reader"],
    ["checks"],
    ["rules loader"],
    ["shard merge"],
    ["lint"],
    ["history"],
    ["profile"],
    ["report"],
    ["suite"],
    ["cli"],
]

# Files that live with their subject but sit in another layer than their
# folder, and why.
PLACED = {
    # The loader names the check kinds (registry, implicit checks), so it
    # sits above lib/checks/; the rest of lib/rules/ (params.c, yaml_tree.c,
    # refs.c, ...) is what the kinds call while they read their parameters.
    "lib/rules/rules.c": "rules loader",
    "lib/rules/check_parse.c": "rules loader",
    # dqa merge loads the rule file the shards ran, so it sits above the
    # loader; the rest of lib/state/ reads and writes state files.
    "lib/state/merge.c": "shard merge",
    # Read by the checks that judge a run against the past (stalled,
    # rows_change, through lib/checks/past.c); the rest of lib/history/
    # writes and views the history, above the engine and the checks.
    "lib/history/history_read.c": "history reader",
    # How the store is opened (its kind, settings and migrations), which
    # the reader needs; the store's writers sit with the rest.
    "lib/history/store.c": "history reader",
    # What the weekly list needs, recorded per row; a migration records it.
    "lib/history/store_derive.c": "history reader",
    "lib/history/store_error.c": "history reader",
}

RANK = {module: rank for rank, row in enumerate(LAYERS) for module in row}


def module_of(source):
    """lib/input/reader.c -> input, lib/plan.c -> engine, cli/dqa.c -> cli."""
    if source in PLACED:
        return PLACED[source]
    parts = source.split("/")
    if parts[0] == "cli":
        return "cli"
    if parts[0] == "lib":
        return parts[1] if len(parts) > 2 else "engine"
    return None


def source_root(build_dir):
    with open(os.path.join(build_dir, "meson-info", "meson-info.json")) as f:
        return json.load(f)["directories"]["source"]


def load_objects(build_dir):
    """{object path: source path relative to the project} for lib/ and cli/."""
    with open(os.path.join(build_dir, "compile_commands.json")) as f:
        commands = json.load(f)
    root = source_root(build_dir)
    objects = {}
    for entry in commands:
        source = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
        relative = os.path.relpath(source, root)
        if not (entry["output"].startswith("lib/libdqa.a.p/")
                or entry["output"].startswith("cli/dqa.p/")):
            continue
        objects[os.path.join(build_dir, entry["output"])] = relative
    return objects


def symbols(paths):
    """{object path: (defined, undefined) global symbol names}, one nm run."""
    out = subprocess.run(["nm", "-P", "-A"] + sorted(paths), check=True,
                         capture_output=True, text=True).stdout
    tables = {path: (set(), set()) for path in paths}
    for line in out.splitlines():
        path, _, entry = line.partition(": ")
        fields = entry.split()
        if path not in tables or len(fields) < 2:
            continue
        name, kind = fields[0], fields[1]
        defined, undefined = tables[path]
        if kind in ("U", "w", "v"):
            undefined.add(name)
        elif kind.isupper():
            defined.add(name)
    return tables


def build_graph(objects):
    """{source: set of (callee source, symbol)} from the objects' symbols."""
    tables = {objects[obj]: table for obj, table in symbols(list(objects)).items()}
    owner = {}
    for source, (defined, _) in tables.items():
        for name in defined:
            owner[name] = source
    graph = {}
    for source, (_, undefined) in tables.items():
        graph[source] = {(owner[name], name) for name in undefined
                         if name in owner and owner[name] != source}
    return graph


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan's)."""
    sys.setrecursionlimit(max(1000, 4 * len(graph)))
    index, low, stack, found = {}, {}, [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        for callee in sorted({callee for callee, _ in graph.get(node, ())}):
            if callee not in index:
                visit(callee)
                low[node] = min(low[node], low[callee])
            elif callee in stack:
                low[node] = min(low[node], index[callee])
        if low[node] == index[node]:
            component = stack[stack.index(node):]
            del stack[stack.index(node):]
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def public_names(header_text):
    """Every identifier lib/dqa.h declares or mentions outside comments."""
    text = re.sub(r"/\*.*?\*/", " ", header_text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))


def check(graph, public):
    """Every violation, one line each: cycles, upward calls, cli beyond dqa.h."""
    problems = []
    for component in cycles(graph):
        problems.append("call cycle between objects: " + ", ".join(component))
    for caller in sorted(graph):
        caller_module = module_of(caller)
        for callee, name in sorted(graph[caller]):
            callee_module = module_of(callee)
            if caller_module == callee_module:
                continue
            if caller_module not in RANK or callee_module not in RANK:
                problems.append(f"{caller} -> {callee} ({name}): module not in LAYERS")
                continue
            if RANK[callee_module] > RANK[caller_module]:
                problems.append(f"upward call {caller_module} -> {callee_module}: "
                                f"{caller} uses {name} from {callee}")
            if caller_module == "cli" and name not in public:
                problems.append(f"cli uses {name} from {callee}, not declared in lib/dqa.h")
    return problems


def module_graph(graph):
    counts = {}
    for caller, edges in graph.items():
        for callee, _ in edges:
            key = (module_of(caller), module_of(callee))
            if key[0] != key[1]:
                counts[key] = counts.get(key, 0) + 1
    return counts


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    build_dir = argv[1]
    objects = load_objects(build_dir)
    if not objects:
        print(f"check_layers: no lib/ or cli/ objects in {build_dir}", file=sys.stderr)
        return 2
    graph = build_graph(objects)
    if "--graph" in argv[2:]:
        for (caller, callee), count in sorted(module_graph(graph).items(),
                                              key=lambda item: (RANK.get(item[0][0], 99), item[0])):
            print(f"{caller} -> {callee}: {count}")
    with open(os.path.join(source_root(build_dir), "lib", "dqa.h")) as f:
        public = public_names(f.read())
    problems = check(graph, public)
    for line in problems:
        print(line)
    print(f"check_layers: {len(objects)} objects, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
