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

The scanner reads a cell <c r=".." s=".." t=".."><v>..</v></c> (or
<is><t>..</t></is>, or none) and a shared string <si><t>..</t></si> on a
direct path, anything else on its general one: cells and strings at the
edges of that shape (attributes in another order, extra attributes,
references, CR and ']' in values, whitespace between the elements,
self-closing and empty cells, xml:space, rich runs) are read as
xml.etree reads them, mixed row by row with the plain shape.

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


# Cells at the edges of the direct path's shape, {ref} and {text} filled in.
EDGE_CELLS = [
    '<c r="{ref}" t="str"><v>{text}</v></c>',
    '<c t="str" r="{ref}"><v>{text}</v></c>',
    '<c s="0" t="inlineStr" r="{ref}"><is><t>{text}</t></is></c>',
    '<c r="{ref}" t="str" cm="1"><v>{text}</v></c>',
    '<c r="{ref}" t="str"><v>{text} &amp; &#233;</v></c>',
    '<c r="{ref}" t="str"><v>{text}\r\n] ]] x</v></c>',
    '<c r="{ref}" t="str"> <v>{text}</v>\n</c>',
    '<c\tr="{ref}"\nt="str" ><v>{text}</v></c >',
    '<c r="{ref}"/>',
    '<c r="{ref}" t="str"></c>',
    '<c r="{ref}" t="str"><v></v></c>',
    '<c r="{ref}" t="str"><v/></c>',
    "<c r='{ref}' t='inlineStr'><is><t xml:space=\"preserve\"> {text} </t></is></c>",
    '<c r="{ref}" t="inlineStr"><is><r><t>{text}</t></r><r><t>!</t></r></is></c>',
    '<c r="{ref}" t="str" s="0"><v>Hà Nội {text}</v></c>',
]


def edge_sheet(rows=120):
    out = [f'<worksheet xmlns="{NS}"><sheetData>']
    for r in range(1, rows + 1):
        out.append(f'<row r="{r}">')
        for i, col in enumerate(COLUMNS):
            ref = f"{'ABC'[i]}{r}"
            if r == 1:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{col}</t></is></c>')
            else:
                out.append(EDGE_CELLS[(r * 3 + i) % len(EDGE_CELLS)].format(ref=ref,
                                                                           text=f"v{r}"))
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out).encode()


# Shared strings at the edges of the direct path's shape, {text} filled in.
EDGE_STRINGS = [
    "<si><t>{text}</t></si>",
    '<si><t xml:space="preserve"> {text} </t></si>',
    "<si><r><t>{text}</t></r><r><rPr><b/></rPr><t>!</t></r></si>",
    "<si><t>{text} &lt;&amp;&gt;</t><rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh></si>",
    "<si><t>{text}\r\nx]</t></si>",
    "<si> <t>{text}</t> </si>",
    "<si><t/></si>",
    "<si><t>Hà Nội {text}</t></si>",
]


def edge_strings(tmp, rows=120):
    """A workbook whose shared strings take the edge shapes, and the rows
    xml.etree reads from it."""
    items, want = [], {}
    sheet_rows = [f'<row r="1">' + "".join(
        f'<c r="{"ABC"[i]}1" t="inlineStr"><is><t>{c}</t></is></c>'
        for i, c in enumerate(COLUMNS)) + "</row>"]
    for r in range(2, rows + 1):
        cells = []
        for i in range(len(COLUMNS)):
            items.append(EDGE_STRINGS[(r * 3 + i) % len(EDGE_STRINGS)].format(text=f"s{r}.{i}"))
            cells.append(f'<c r="{"ABC"[i]}{r}" t="s"><v>{len(items) - 1}</v></c>')
        sheet_rows.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    sst = (f'<sst xmlns="{NS}" count="{len(items)}" uniqueCount="{len(items)}">'
           + "".join(items) + "</sst>").encode()
    strings = []
    for si in ET.fromstring(sst):
        runs = [si] + si.findall(f"{{{NS}}}r")
        strings.append("".join(t.text or "" for r in runs for t in r.findall(f"{{{NS}}}t")))
    for r in range(2, rows + 1):
        want[r] = {c: strings[(r - 2) * len(COLUMNS) + i] for i, c in enumerate(COLUMNS)}
    sheet_bytes = (f'<worksheet xmlns="{NS}"><sheetData>' + "".join(sheet_rows)
                   + "</sheetData></worksheet>").encode()
    path = workbook(tmp, "sst.xlsx", sheet_bytes)
    replace_part(path, "xl/sharedStrings.xml", sst)
    return path, want


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
            elif c.find(f"{{{NS}}}is") is None:
                values[COLUMNS[i]] = ""
            else:   # <is>: its <t>, or the <t> of each run; never those of <rPh>
                inline = c.find(f"{{{NS}}}is")
                runs = [inline] + inline.findall(f"{{{NS}}}r")
                values[COLUMNS[i]] = "".join(t.text or "" for r in runs
                                             for t in r.findall(f"{{{NS}}}t"))
        want[int(row.get("r"))] = values
    del want[1]
    return want


def replace_part(path, name, data):
    """Rewrites the workbook at path with its part name holding data."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)


def workbook(tmp, name, sheet_bytes):
    path = os.path.join(tmp, name)
    write_workbook(path, [("S", [(1, [("A1", "inline", "x", None)])])])
    replace_part(path, "xl/worksheets/sheet1.xml", sheet_bytes)
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
        "cells at the edges of the direct path": edge_sheet(),
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
        "a cell's attribute given twice": base[:cut] + b'<row r="200"><c r="A200" r="A200" '
        b't="str"><v>x</v></c></row>' + base[cut:],
        "'<' in a cell's attribute": base[:cut] + b'<row r="200"><c r="A<200" t="str">'
        b'<v>x</v></c></row>' + base[cut:],
        "a cell's text cut by its end": base[:cut] + b'<row r="200"><c r="A200" t="str">'
        b'<v>x</c></v></row>' + base[cut:],
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
        path, want = edge_strings(tmp)
        out = audit(dqa, tmp, path)
        got = got_values(out) if out.returncode in (0, 1) else None
        if got != want:
            diff = [n for n in sorted(set(got or {}) | set(want)) if (got or {}).get(n) != want.get(n)]
            failures.append(f"shared strings at the edges of the direct path: exit "
                            f"{out.returncode}, {out.stderr.strip()!r}, row {diff[:1]}: "
                            f"dqa {(got or {}).get(diff[0]) if diff else None}, "
                            f"xml.etree {want.get(diff[0]) if diff else None}")
        else:
            print(f"ok: shared strings at the edges of the direct path: {len(want)} rows agree")
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
