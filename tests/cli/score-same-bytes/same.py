"""Prints how each result.json differs from the one of the plain file: the
paths that differ, with both values; timing fields and input names aside."""
import json
import sys


def flat(value, path, out):
    if isinstance(value, dict):
        for k, v in value.items():
            flat(v, path + "." + k if path else k, out)
    elif isinstance(value, list) and value and isinstance(value[0], dict) and "id" in value[0]:
        for v in value:
            flat(v, "%s[%s]" % (path, v["id"]), out)
    elif isinstance(value, list) and value and isinstance(value[0], dict) and "unit" in value[0]:
        for v in value:
            flat(v, "%s[%s]" % (path, v["unit"]), out)
    else:
        out[path] = value
    return out


def load(name):
    doc = json.load(open(name))
    for key in ("generated_at", "inputs"):
        doc.pop(key)
    return flat(doc, "", {})


base = load("file.json")
for name in sys.argv[1:]:
    other = load(name)
    diff = sorted(k for k in set(base) | set(other) if base.get(k, "-") != other.get(k, "-"))
    print("%s: %s" % (name, "same as file.json" if not diff else "differs from file.json in"))
    for k in diff:
        print("  %s: %s -> %s" % (k, json.dumps(base.get(k, "-")), json.dumps(other.get(k, "-"))))
