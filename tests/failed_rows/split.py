#!/usr/bin/env python3
"""The quarantine split of dqa(1): --valid-rows and --invalid-rows hold, after
the input's header line, every record of the input exactly once and in input
order, each as its raw text with its line end (a last record without one gets
the header's). Records are found with Python's csv module; a record is invalid
when it fails a check of severity error (here: the id pattern, a ragged row, a
blank line, bytes that are not UTF-8; the trimmed check has severity warning).
Inputs: quoted newlines, CRLF and LF, a BOM, no final newline, and a
Windows-1258 file (whose records come out as UTF-8).

usage: split.py DQA_BINARY
"""

import csv
import io
import os
import re
import subprocess
import sys
import tempfile

RULES = """version: 1
dataset: {name: split, unit: ward, encoding: %s}
correct:
  - regex: {column: id, pattern: '^[0-9]{3}$'}
clean:
  - trimmed: {column: note, severity: warning}
"""

UTF8 = ("\ufeffid,ward,name,note\r\n"
        "001,A,\"Nguyễn\r\nVăn\",ok\r\n"
        "02,B,Trần, padded \r\n"
        "003,A\r\n"
        "\r\n"
        "004,C,\"say \"\"hi\"\"\",\"a\nb\"\n"
        "005,C,L\udcea,x\r\n"
        "x06,A,Lê,=1+1\r\n"
        "007,B,end,no newline")

CP1258 = "id,ward,name,note\n001,A,Cà Mau,ok\n2,B,Đà Đen,x\n003,C,\"Hà\nTây\",y"


def records(text):
    """(raw text of each record with its line end, fields) after the header."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(text, newline=""))
    out, consumed = [], 0
    for fields in reader:
        raw = "".join(lines[consumed:reader.line_num])
        consumed = reader.line_num
        out.append((raw, fields))
    return out[1:]


def invalid(fields, raw, eol):
    """A ragged row, a blank line or a line end unlike the header's fail the
    implicit correct.structure or clean.blank_rows; bytes that are not UTF-8
    clean.encoding; an id not of 3 digits the regex."""
    bad_bytes = any(0xDC80 <= ord(c) <= 0xDCFF for f in fields for c in f)
    other_end = raw.endswith("\n") and not raw.endswith(eol) or (eol == "\n" and raw.endswith("\r\n"))
    return (len(fields) != 4 or not re.fullmatch(r"[0-9]{3}", fields[0]) or bad_bytes
            or other_end)


def run(binary, tmp, encoding, data, text):
    rules = os.path.join(tmp, "rules.yaml")
    with open(rules, "w") as f:
        f.write(RULES % encoding)
    path = os.path.join(tmp, "data.csv")
    with open(path, "wb") as f:
        f.write(data)
    valid, bad = os.path.join(tmp, "valid.csv"), os.path.join(tmp, "invalid.csv")
    proc = subprocess.run([binary, "audit", rules, path, "--quiet", "--now", "2026-11-22",
                           "--valid-rows", valid, "--invalid-rows", bad], capture_output=True)
    if proc.returncode not in (0, 1):
        sys.exit("split.py: dqa failed: " + proc.stderr.decode("utf-8", "replace"))
    with open(valid, "rb") as f:
        got_valid = f.read().decode("utf-8", errors="surrogateescape")
    with open(bad, "rb") as f:
        got_invalid = f.read().decode("utf-8", errors="surrogateescape")
    problems = []
    body = text.lstrip("\ufeff")
    header = body[:body.index("\n") + 1]
    for name, got in (("valid", got_valid), ("invalid", got_invalid)):
        if not got.startswith(header):
            problems.append("%s %s: does not start with the input's header" % (encoding, name))
    eol = "\r\n" if header.endswith("\r\n") else "\n"
    want = records(body)
    if not want[-1][0].endswith("\n"):
        want[-1] = (want[-1][0] + eol, want[-1][1])
    want_valid = "".join(raw for raw, fields in want if not invalid(fields, raw, eol))
    want_invalid = "".join(raw for raw, fields in want if invalid(fields, raw, eol))
    if got_valid[len(header):] != want_valid:
        problems.append("%s valid: %r, expected %r" % (encoding, got_valid[len(header):],
                                                       want_valid))
    if got_invalid[len(header):] != want_invalid:
        problems.append("%s invalid: %r, expected %r" % (encoding, got_invalid[len(header):],
                                                         want_invalid))
    if not want_valid or not want_invalid:
        problems.append("%s: the test data should give both kinds of records" % encoding)
    return problems


def main():
    binary = sys.argv[1]
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        problems += run(binary, tmp, "utf-8", UTF8.encode("utf-8", errors="surrogateescape"), UTF8)
        problems += run(binary, tmp, "windows-1258", CP1258.encode("cp1258"), CP1258)
    for p in problems:
        print("split.py: " + p)
    if not problems:
        print("split.py: ok: valid and invalid records partition the input in order")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
