#!/usr/bin/env python3
"""The sheet's XML as writers other than Excel may put it, read as Python's
xml.etree reads it: namespace prefixes, single quotes and spaces around
'=', references (&amp; &#233; &#x1F600;), CR LF and lone CR in values, a
byte order mark without a declaration, '>' and UTF-8 in attribute values,
and, past the first rows, a comment, CDATA and a processing instruction
(which the sheet scanner leaves to expat, reading the part again: no row
may be lost or passed twice). Malformed sheets end with exit 3 and the
error, line and column that Python's pyexpat reports for the same bytes.
A table of 6,000 shared strings (read by its own thread, in batches,
while the sheet is parsed), the sheet asking for them last first, gives
each row its strings.

  xlsx_xml.py DQA
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from xml.parsers import expat

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "generators"))
from xlsx_writer import write_workbook  # noqa: E402

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
COLUMNS = ["a", "b", "c"]
RULES = "version: 1\ndataset: {name: x}\ncorrect:\n" + "".join(
    f"  - regex: {{column: {c}, pattern: '^NEVER$'}}\n" for c in COLUMNS)
VALUES = ["plain", "a &amp; b &lt;c&gt; &quot;q&quot; &apos;", "caf&#233; &#x1F600;",
          "two\r\nlines\rthree", "tab\there ] ]] x", "Hà Nội", "  spaced  "]


def sheet(rows=300, prefix="", quote='"', eq="=", special_at=None, special="", attr_extra=""):
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{NS}"' if prefix else f'xmlns="{NS}"'
    out = [f"<{p}worksheet {xmlns}><{p}sheetData>"]
    for r in range(1, rows + 1):
        if r == special_at:
            out.append(special)
        extra = attr_extra if r == 5 else ""
        out.append(f"<{p}row r{eq}{quote}{r}{quote}{extra}>")
        for i, col in enumerate(COLUMNS):
            text = col if r == 1 else VALUES[(r + i) % len(VALUES)] + f" {r}"
            ref = f"{'ABC'[i]}{r}"
            if i == 1 and r > 1:
                out.append(f"<{p}c r{eq}{quote}{ref}{quote} t{eq}{quote}str{quote}>"
                           f"<{p}v>{text}</{p}v></{p}c>")
            else:
                out.append(f"<{p}c  r {eq} {quote}{ref}{quote}\n t={quote}inlineStr{quote} >"
                           f"<{p}is><{p}r><{p}t>{text}</{p}t></{p}r><{p}rPh><{p}t>ignored</{p}t>"
                           f"</{p}rPh></{p}is></{p}c>")
        out.append(f"</{p}row>")
    out.append(f"</{p}sheetData></{p}worksheet>")
    return "".join(out).encode()


def expected(xml_bytes):
    """Row number -> {column: value}, as xml.etree reads the sheet."""
    root = ET.fromstring(xml_bytes)
    want = {}
    for row in root.iter(f"{{{NS}}}row"):
        values = {}
        for i, c in enumerate(row.iter(f"{{{NS}}}c")):
            v = c.find(f"{{{NS}}}v")
            if v is not None:
                values[COLUMNS[i]] = v.text or ""
            else:   # <is>: its <t>, or the <t> of each run; never those of <rPh>
                inline = c.find(f"{{{NS}}}is")
                runs = [inline] + inline.findall(f"{{{NS}}}r")
                values[COLUMNS[i]] = "".join(t.text or "" for r in runs
                                             for t in r.findall(f"{{{NS}}}t"))
        want[int(row.get("r"))] = values
    del want[1]
    return want


def workbook(tmp, name, sheet_bytes):
    path = os.path.join(tmp, name)
    write_workbook(path, [("S", [(1, [("A1", "inline", "x", None)])])])
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = sheet_bytes
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)
    return path


def audit(dqa, tmp, path):
    rules = os.path.join(tmp, "rules.yaml")
    with open(rules, "w") as f:
        f.write(RULES)
    return subprocess.run([dqa, "audit", rules, path, "--format", "json", "--threads", "2",
                           "--samples", "1000", "--now", "2026-11-22"], capture_output=True,
                          text=True, timeout=60)


def got_values(out):
    """Row number -> {column: value}; None when a row was passed twice."""
    got = {}
    for unit in json.loads(out.stdout)["units"]:
        for chk in unit["checks"]:
            lines = [s["line"] for s in chk.get("samples", [])]
            if len(lines) != len(set(lines)):
                return None
            for s in chk.get("samples", []):
                for c, v in s["values"].items():
                    got.setdefault(s["line"], {})[c] = v
    return got


def pyexpat_error(xml_bytes):
    p = expat.ParserCreate("UTF-8")
    try:
        p.Parse(xml_bytes, True)
    except expat.ExpatError as e:
        return f"at line {e.lineno}, column {e.offset + 1}: {expat.ErrorString(e.code)}"
    sys.exit("the malformed sheet parses in pyexpat")


def main():
    dqa = sys.argv[1]
    failures = []
    comment = "<!-- a comment -->"
    cdata_row = ('<row r="150"><c r="A150" t="inlineStr"><is><t><![CDATA[<raw> & ]]></t></is></c>'
                 '<c r="B150" t="str"><v>x</v></c><c r="C150" t="str"><v>y</v></c></row>')
    valid = {
        "prefixed names": sheet(prefix="x"),
        "single quotes, spaces around =": sheet(quote="'", eq=" = "),
        "byte order mark, no declaration": b"\xef\xbb\xbf" + sheet(),
        "'>' and UTF-8 in an attribute": sheet(attr_extra=' note="a>b đ"'),
        "a comment past row 150": sheet(special_at=150, special=comment),
        "a processing instruction past row 200": sheet(special_at=200, special="<?pi data?>"),
        "CDATA in row 150": sheet(rows=149) .replace(b"</sheetData>", cdata_row.encode()
                                                      + b"</sheetData>"),
        "a declaration": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' + sheet(),
    }
    base = sheet()
    cut = base.index(b'<row r="200">')
    malformed = {
        "mismatched tag at row 200": base[:cut] + b'<row r="200"></rowx>' + base[cut:],
        "invalid UTF-8 at row 200": base[:cut] + b'<row r="200"><c t="str"><v>\xff</v></c></row>'
        + base[cut + 13:],
        "undefined entity": base[:cut] + b'<row r="200"><c t="str"><v>&nbsp;</v></c></row>',
        "]]> in text": base[:cut] + b'<row r="200"><c t="str"><v>a]]>b</v></c></row>',
        "attribute given twice": base[:cut] + b'<row r="200" r="201">' + base[cut + 13:],
        "text after the end": base + b"x",
        "cut short": base[:-40],
        "a DOCTYPE after the start": base[:cut] + b"<!DOCTYPE x>" + base[cut:],
    }
    with tempfile.TemporaryDirectory() as tmp:
        for label, xml_bytes in valid.items():
            out = audit(dqa, tmp, workbook(tmp, "v.xlsx", xml_bytes))
            if out.returncode not in (0, 1):
                failures.append(f"{label}: exit {out.returncode}: {out.stderr}")
                continue
            got, want = got_values(out), expected(xml_bytes)
            if got is None:
                failures.append(f"{label}: a row passed twice")
            elif got != want:
                diff = [n for n in sorted(set(got) | set(want)) if got.get(n) != want.get(n)]
                failures.append(f"{label}: row {diff[0]}: dqa {got.get(diff[0])}, "
                                f"xml.etree {want.get(diff[0])}")
            else:
                print(f"ok: {label}: {len(want)} rows agree")
        for label, xml_bytes in malformed.items():
            out = audit(dqa, tmp, workbook(tmp, "m.xlsx", xml_bytes))
            want = "malformed XML in xl/worksheets/sheet1.xml " + pyexpat_error(xml_bytes)
            if out.returncode != 3 or want not in out.stderr or out.stdout:
                failures.append(f"{label}: exit {out.returncode}, {out.stderr.strip()!r}, "
                                f"want exit 3 and {want!r}")
            else:
                print(f"ok: {label}: {want}")
        # 6,000 strings (two batches), the table's order the reverse of the sheet's
        wide = COLUMNS + ["d", "e", "f"]
        rows = [(1, [(f"{'ABCDEF'[i]}1", "inline", c, None) for i, c in enumerate(wide)])]
        want = {}
        for r in range(2, 1002):
            values = [f"{c}-{r}-{'đ' * (r % 7)}" for c in wide]
            rows.append((r, [(f"{'ABCDEF'[i]}{r}", "s", v, None) for i, v in enumerate(values)]))
            want[r] = dict(zip(COLUMNS, values))
        path = os.path.join(tmp, "strings.xlsx")
        write_workbook(path, [("S", rows)])
        with zipfile.ZipFile(path) as z:
            sst = z.read("xl/sharedStrings.xml").decode()
            sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
        head, items = sst.split("<si>", 1)
        items = ["<si>" + x for x in items[:-len("</sst>")].split("<si>")]
        n = len(items)
        reversed_sst = head + "".join(reversed(items)) + "</sst>"
        reversed_sheet = re.sub(r"<v>(\d+)</v>", lambda m: f"<v>{n - 1 - int(m.group(1))}</v>",
                                sheet_xml)
        with zipfile.ZipFile(path) as z:
            parts = {name: z.read(name) for name in z.namelist()}
        parts["xl/sharedStrings.xml"] = reversed_sst.encode()
        parts["xl/worksheets/sheet1.xml"] = reversed_sheet.encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, b in parts.items():
                z.writestr(name, b)
        out = audit(dqa, tmp, path)
        got = got_values(out) if out.returncode in (0, 1) else None
        if got != want:
            failures.append(f"6,000 shared strings, last first: exit {out.returncode}, "
                            f"{out.stderr.strip()!r}")
        else:
            print(f"ok: {n} shared strings, last first: {len(want)} rows agree")
    for f in failures:
        print("FAILED:", f)
    sys.exit(1 if failures else 0)


main()
