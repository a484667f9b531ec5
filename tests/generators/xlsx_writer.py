#!/usr/bin/env python3
"""A minimal Excel workbook writer for the tests: the XML parts written by
hand into a ZIP with Python's zipfile, so that every feature dqa reads can be
put in a workbook on purpose (shared, inline and rich strings, number formats
and dates, booleans, gaps, the 1904 epoch) and so can hostile ones.

  write_workbook(path, sheets, date1904=False, num_fmts=None, styles=None)

sheets: [(name, rows)], rows: [(row_number, [cell, ...])]; a cell is
(ref, kind, value, style): kind "s" (shared string), "inline", "rich" (a list
of runs), "n" (number text), "b" (bool), "str", "e", or None for no value.
num_fmts: {id: code}; styles: [numFmtId, ...] (cellXfs in order).
"""
import zipfile
from xml.sax.saxutils import escape

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def text(s):
    space = ' xml:space="preserve"' if s != s.strip() else ""
    return f"<t{space}>{escape(s)}</t>"


def sheet_xml(rows, strings):
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {NS}><sheetData>']
    for number, cells in rows:
        out.append(f'<row r="{number}">')
        for ref, kind, value, style in cells:
            s = f' s="{style}"' if style is not None else ""
            r = f' r="{ref}"' if ref else ""
            if kind == "s":
                if value not in strings:
                    strings[value] = len(strings)
                out.append(f'<c{r}{s} t="s"><v>{strings[value]}</v></c>')
            elif kind == "inline":
                out.append(f'<c{r}{s} t="inlineStr"><is>{text(value)}</is></c>')
            elif kind == "rich":
                runs = "".join(f"<r><rPr><b/></rPr>{text(v)}</r>" for v in value)
                out.append(f'<c{r}{s} t="inlineStr"><is>{runs}</is></c>')
            elif kind == "b":
                out.append(f'<c{r}{s} t="b"><v>{1 if value else 0}</v></c>')
            elif kind in ("str", "e"):
                out.append(f'<c{r}{s} t="{kind}"><v>{escape(value)}</v></c>')
            elif kind == "n":
                out.append(f'<c{r}{s}><v>{value}</v></c>')
            else:
                out.append(f'<c{r}{s}/>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def write_workbook(path, sheets, date1904=False, num_fmts=None, styles=None,
                   compression=zipfile.ZIP_DEFLATED, force_zip64=False):
    strings = {}
    parts = {}
    for i, (name, rows) in enumerate(sheets):
        parts[f"xl/worksheets/sheet{i + 1}.xml"] = sheet_xml(rows, strings)
    wb = "".join(f'<sheet name="{escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                 for i, (n, _) in enumerate(sheets))
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    rels = "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/'
                   f'officeDocument/2006/relationships/worksheet" '
                   f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
    sst = "".join(f"<si>{text(s)}</si>" for s in sorted(strings, key=strings.get))
    fmts = "".join(f'<numFmt numFmtId="{k}" formatCode="{escape(v)}"/>'
                   for k, v in (num_fmts or {}).items())
    xfs = "".join(f'<xf numFmtId="{f}" applyNumberFormat="1"/>' for f in (styles or [0]))
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    with zipfile.ZipFile(path, "w", compression) as z:
        z.writestr("[Content_Types].xml", head + '<Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", f"{head}<workbook {NS} {RNS}>{pr}<sheets>{wb}</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels", f'{head}<Relationships xmlns="http://schemas.'
                   f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        z.writestr("xl/sharedStrings.xml", f'{head}<sst {NS} count="{len(strings)}" '
                   f'uniqueCount="{len(strings)}">{sst}</sst>')
        z.writestr("xl/styles.xml", f"{head}<styleSheet {NS}><numFmts>{fmts}</numFmts>"
                   f"<cellXfs>{xfs}</cellXfs></styleSheet>")
        for name, data in parts.items():
            with z.open(name, "w", force_zip64=force_zip64) as f:
                f.write(data.encode("utf-8"))


def rows_from_table(table, kind_of=lambda value: "s"):
    """Rows of a table (lists of strings; the header first) with every
    non-empty value a cell of kind_of(value), empty values left out."""
    rows = []
    for n, values in enumerate(table, start=1):
        cells = [(f"{col_name(i)}{n}", kind_of(v), v, None) for i, v in enumerate(values) if v != ""]
        rows.append((n, cells))
    return rows
