#!/usr/bin/env python3
"""Every output a person reads goes through lib/report, the rendering layer.

Fails when a C file of lib/ outside lib/report writes to a stream, escapes
for a format, writes markup or formats a score by hand. The few machine
formats written elsewhere are listed below with why; anything new there
must go through lib/report instead (or earn its own line here).

  render_boundary.py LIB_DIR
"""
import pathlib
import re
import sys

PATTERNS = {
    "stdio write": r"\b(v?f?printf|fputs|fputc|putc|puts|fwrite|putchar)\s*\(",
    "format escaper": r"\b(html_put|xml_put|csv_put|md_put|term_put)n?\s*\(",
    "JSON text": r"\bjson_dumps\s*\(|\bjw_[a-z_]+\s*\(",
    "markup": r"\"[^\"]*<(html|td|tr|table|div|span|p|h[1-6]|svg)\b",
    "score notation": r"\"[^\"]*%[+]?\.[12]f",
}

# file -> kinds it may use, and why
ALLOWED = {
    "history/history_write.c": ({"score notation"}, "the history's scores: a machine format"),
    "history/history_export.c": ({"stdio write", "score notation"},
                                 "a CSV history (dqa history export): a machine format"),
    "suite/suite_doc.c": ({"JSON text"}, "suite.json: a machine format"),
    "checks/alive_rows_change.c": ({"score notation"},
                                   "a check note: an English code in result.json, "
                                   "translated by lib/report/notes.c"),
    # diagnostics for stderr stay English, like every error (dqa(1), LANGUAGE)
    "gate.c": ({"score notation"}, "the gate's reason, a diagnostic"),
    "history/baseline.c": ({"score notation"}, "the regression message, a diagnostic"),
    "history/baseline_rules.c": ({"score notation"}, "the regression message, a diagnostic"),
    "util/error.c": ({"stdio write"}, "a failed ASSERT's message on stderr, then abort"),
    "rowlog.c": ({"stdio write"}, "the failed rows' binary spool, read back by lib/report"),
    "rowlog_read.c": ({"stdio write"}, "a shard's kept rows in the spool's binary layout"),
    # rule files and schemas: machine formats, read by dqa and other tools
    "profile/suggest.c": ({"score notation"}, "a suggested rule file's comments (YAML)"),
    "profile/holdout.c": ({"score notation"}, "the holdout's comments for that rule file"),
    "profile/schema_export.c": ({"JSON text"}, "a Frictionless Table Schema"),
}

COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


def main():
    lib = pathlib.Path(sys.argv[1])
    problems = []
    for path in sorted(lib.rglob("*.c")):
        rel = path.relative_to(lib).as_posix()
        if rel.startswith("report/"):
            continue
        text = COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), path.read_text())
        allowed = ALLOWED.get(rel, (set(), ""))[0]
        for kind, pattern in PATTERNS.items():
            if kind in allowed:
                continue
            for m in re.finditer(pattern, text):
                line = text.count("\n", 0, m.start()) + 1
                problems.append(f"lib/{rel}:{line}: {kind} outside lib/report: {m.group().strip()}")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} output written outside the rendering layer (lib/report)")
        return 1
    print("every output format is written by lib/report")
    return 0


if __name__ == "__main__":
    sys.exit(main())
