#!/usr/bin/env python3
"""Validates JSON files against the subset of JSON Schema that
findings.schema.json uses (type, required, additionalProperties, enum,
minimum, minLength, items), so the test needs no package beyond Python.

usage: validate.py SCHEMA FILE...
"""
import json
import sys

TYPES = {"array": list, "object": dict, "string": str, "integer": int, "null": type(None)}


def problems(schema, value, where):
    kinds = schema.get("type")
    if kinds is not None:
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if not any(isinstance(value, TYPES[k]) and not (k == "integer" and isinstance(value, bool))
                   for k in kinds):
            yield f"{where}: {value!r} is not {' or '.join(kinds)}"
            return
    if "enum" in schema and value not in schema["enum"]:
        yield f"{where}: {value!r} is not one of {schema['enum']}"
    if "minimum" in schema and isinstance(value, int) and value < schema["minimum"]:
        yield f"{where}: {value} < {schema['minimum']}"
    if "minLength" in schema and isinstance(value, str) and len(value) < schema["minLength"]:
        yield f"{where}: shorter than {schema['minLength']}"
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                yield f"{where}: no '{key}'"
        props = schema.get("properties", {})
        for key, item in value.items():
            if key in props:
                yield from problems(props[key], item, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                yield f"{where}: unexpected '{key}'"
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            yield from problems(schema["items"], item, f"{where}[{i}]")


def main(argv):
    schema = json.load(open(argv[1], encoding="utf-8"))
    found = [p for path in argv[2:]
             for p in problems(schema, json.load(open(path, encoding="utf-8")), path)]
    for p in found:
        print(p, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
