#!/usr/bin/env python3
"""Golden cases for dataset: encoding.

  gen_encodings.py encode ENCODING SOURCE OUT   SOURCE (UTF-8) saved in ENCODING
  gen_encodings.py verify SOURCE COLUMN         compares the unit names of a
                                                dqa JSON report on stdin with
                                                SOURCE's COLUMN

The bytes come from outside dqa: windows-1258, latin1 and utf-16 from
iconv; TCVN3 from glibc's TCVN5712-1 (checked to use only the VN3 bytes
0xA1-0xFE) and VNI from the VNI font layout written out in gen_vn_legacy.py.
verify then checks dqa's decoding against the original text, in NFC.
"""
import csv
import json
import subprocess
import sys
import unicodedata

import gen_vn_legacy

ICONV = {"windows-1258": "WINDOWS-1258", "latin1": "ISO-8859-1", "utf-16": "UTF-16"}


def encode(encoding, text):
    if encoding in ICONV:
        return subprocess.run(["iconv", "-f", "UTF-8", "-t", ICONV[encoding]],
                              input=text.encode(), capture_output=True, check=True).stdout
    if encoding == "tcvn3":
        return gen_vn_legacy.tcvn3(text).encode("cp1252")
    if encoding == "vni":
        return gen_vn_legacy.vni(text).encode("cp1252")
    raise SystemExit(f"unknown encoding {encoding}")


def verify(source, column):
    with open(source, encoding="utf-8", newline="") as f:
        expected = sorted({unicodedata.normalize("NFC", row[column]) for row in csv.DictReader(f)})
    report = json.load(sys.stdin)
    got = sorted(u["unit"] for u in report["units"])
    for name in got:
        print(("ok  " if name in expected else "BAD ") + name)
    print("all units decoded as in the source" if got == expected else
          f"MISMATCH: expected {expected}")


def main():
    if sys.argv[1] == "encode":
        with open(sys.argv[3], encoding="utf-8") as f:
            data = encode(sys.argv[2], f.read())
        with open(sys.argv[4], "wb") as f:
            f.write(data)
    else:
        verify(sys.argv[2], sys.argv[3])


if __name__ == "__main__":
    main()
