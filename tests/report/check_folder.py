#!/usr/bin/env python3
"""Checks a report folder written by `dqa audit --out` or `dqa report --out`
against its own result.json, with tools other than dqa:

  - the folder holds exactly the report files, nothing else (no temporary
    files left, no unit page outside units/);
  - one unit page per unit, with a safe, unique file name, and every link of
    index.html to a unit page resolves;
  - index.html and the unit pages pass `tidy -e -q` without a warning, and no
    page carries a script but the one index.html table script;
  - junit.xml validates against tests/report/junit.xsd (xmllint) and its
    counts are those of result.json: a "dataset" suite of the dataset-level
    checks (when there are any), then one suite per unit;
  - the CSV files parse, have the row counts result.json implies, and no
    cell starts with a formula character;
  - summary.md carries no raw HTML;
  - the history pages trend.html and warnings.html (written with
    --history), when present, pass tidy, carry no script, and every link
    of theirs resolves to a file of the folder.

A suite's folder (it holds suite.json) is checked the same way: exactly
suite.json, summary.md, index.html (the city dashboard), the history pages
when present and one report folder per dataset of suite.json, each checked
as above; the dashboard and the city's history pages pass tidy, carry no
script, and every link of theirs resolves (into the datasets' folders and
unit pages).

usage: check_folder.py DIR [--pages N] [--max-index-bytes B]
"""
import html as html_lib
import urllib.parse
import argparse
import csv
import io
import json
import pathlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = pathlib.Path(__file__).resolve().parent
FILES = {"index.html", "result.json", "scores.csv", "checks.csv", "warnings.csv",
         "summary.md", "junit.xml", "units"}
HISTORY_PAGES = {"trend.html", "warnings.html"}
SUITE_FILES = {"suite.json", "summary.md", "index.html"}
PAGE_NAME = re.compile(r"^[a-z0-9_-]{1,64}(~[0-9a-f]{8})?(~[0-9]+)?\.html$")
FORMULA = ("=", "+", "-", "@", "\t", "\r")

problems = []


def problem(text):
    problems.append(text)


def map_lines(path):
    """The lines of the page's map (<svg class="map"> to its </svg>)."""
    lines = path.read_text().split("\n")
    first = next((i for i, line in enumerate(lines, 1) if line.startswith('<svg class="map"')), 0)
    last = next((i for i, line in enumerate(lines, 1) if i > first and "</svg>" in line), 0)
    return range(first, last + 1) if first else range(0)


def tidy(path):
    """tidy -e -q finds nothing, but for the href of the map's SVG links:
    tidy 5.6 knows SVG 1.1's xlink:href no more than SVG 2's href."""
    proc = subprocess.run(["tidy", "-e", "-q", str(path)], capture_output=True, text=True)
    svg = map_lines(path)
    left = [line for line in proc.stderr.strip().split("\n") if line and not (
        re.match(r'line (\d+) column \d+ - Warning: <a> proprietary attribute "href"$', line)
        and int(line.split()[1]) in svg)]
    if left or proc.returncode > 1:
        problem(f"tidy: {path.name}: {chr(10).join(left)[:500]}")


def check_links(page):
    """Every relative link of page resolves to a file; returns their count."""
    text = page.read_text()
    if "<script" in text:
        problem(f"{page.name} carries a script")
    links = [html_lib.unescape(h) for h in re.findall(r'href="([^"]*)"', text)]
    for link in links:
        if re.match(r"^[a-z]+:|^#", link):
            continue
        target = page.parent / urllib.parse.unquote(link)
        if not target.is_file():
            problem(f"{page.name} links to missing {link!r}")
    return len(links)


def check_history_pages(folder):
    for name in sorted(HISTORY_PAGES & {p.name for p in folder.iterdir()}):
        tidy(folder / name)
        check_links(folder / name)


def check_files(folder, result):
    names = {p.name for p in folder.iterdir()} - HISTORY_PAGES
    if names != FILES:
        problem(f"folder holds {sorted(names)}, expected {sorted(FILES)}")
    files = sorted(p.name for p in (folder / "units").iterdir())
    pages = [name for name in files if not name.endswith(".failed.csv")]
    check_failed_rows(folder, [name for name in files if name.endswith(".failed.csv")], pages)
    if len(pages) != len(result["units"]):
        problem(f"{len(pages)} unit pages for {len(result['units'])} units")
    for name in pages:
        if not PAGE_NAME.match(name):
            problem(f"unsafe unit page name {name!r}")
    return pages


def check_failed_rows(folder, failed, pages):
    """units/UNIT.failed.csv (dqa(1)): beside its unit's page, which links to it,
    a CSV with a byte order mark whose records end in CRLF."""
    for name in failed:
        page = name[:-len(".failed.csv")] + ".html"
        if page not in pages:
            problem(f"units/{name} has no unit page")
            continue
        if f'href="{name}"' not in (folder / "units" / page).read_text():
            problem(f"units/{page} does not link to {name}")
        data = (folder / "units" / name).read_bytes()
        if not data.startswith(b"\xef\xbb\xbfunit,") or not data.endswith(b"\r\n"):
            problem(f"units/{name} is not a CSV with a byte order mark and CRLF")


def check_index(folder, result, pages, max_bytes):
    html = (folder / "index.html").read_text()
    if max_bytes and len(html.encode()) > max_bytes:
        problem(f"index.html is {len(html.encode())} bytes, over {max_bytes}")
    links = re.findall(r'href="units/([^"]*)"', html)
    table = re.search(r'<table id="units".*?</table>', html, re.S).group(0)
    in_table = re.findall(r'href="units/([^"]*)"', table)
    if sorted(in_table) != pages:
        problem("the unit table does not link every unit page exactly once")
    known = set(pages)
    missing = {link for link in links if link not in known}
    if missing:
        problem(f"index.html links to missing pages {sorted(missing)[:5]}")
    if html.count("<script") != 1:
        problem(f"index.html has {html.count('<script')} scripts, expected 1")
    warnings = re.search(r"<h2>[^<]*\((\d+)\)</h2>", html)
    if not warnings or int(warnings.group(1)) != len(result["warnings"]):
        problem("index.html does not count the warnings of result.json")


def check_pages(folder, pages, how_many):
    step = max(1, len(pages) // how_many) if how_many else 1
    for name in pages[::step]:
        text = (folder / "units" / name).read_text()
        if "<script" in text:
            problem(f"units/{name} carries a script")
        tidy(folder / "units" / name)


def check_junit(folder, result):
    proc = subprocess.run(["xmllint", "--noout", "--schema", str(HERE / "junit.xsd"),
                           str(folder / "junit.xml")], capture_output=True, text=True)
    if proc.returncode != 0:
        problem(f"junit.xml does not validate: {proc.stderr.strip()[:500]}")
        return
    root = ET.parse(folder / "junit.xml").getroot()
    cases = root.findall("./testsuite/testcase")
    failures = root.findall("./testsuite/testcase/failure")
    missing = [u for u in result["units"] if u["status"] == "missing"]
    dataset_checks = result["dataset_checks"]
    want_cases = sum(len(u["checks"]) for u in result["units"]) + len(missing)
    want_cases += len(dataset_checks)
    want_failures = sum(c["status"] == "fail" for u in result["units"] for c in u["checks"])
    want_failures += len(missing) + sum(c["status"] == "fail" for c in dataset_checks)
    if (len(cases), len(failures)) != (want_cases, want_failures):
        problem(f"junit.xml has {len(cases)} cases, {len(failures)} failures; "
                f"result.json implies {want_cases}, {want_failures}")
    if (root.get("tests"), root.get("failures")) != (str(want_cases), str(want_failures)):
        problem("junit.xml totals disagree with its test cases")
    names = [s.get("name") for s in root.findall("./testsuite")]
    if names != ["dataset"] * bool(dataset_checks) + [u["unit"] for u in result["units"]]:
        problem("junit.xml suites are not the dataset and the units of result.json, in order")


def read_csv(path):
    data = path.read_bytes()
    if not data.startswith(b"\xef\xbb\xbf"):
        problem(f"{path.name} has no UTF-8 BOM")
    rows = list(csv.reader(io.StringIO(data[3:].decode(), newline="")))
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA):
                problem(f"{path.name}: formula cell {cell[:40]!r}")
    return rows[0], rows[1:]


def undefused(cell):
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA) else cell


def check_csv(folder, result):
    header, scores = read_csv(folder / "scores.csv")
    score_col, name_col = header.index("score"), header.index("unit_name")
    units = [None] + [u["unit"] for u in result["units"]]
    keys = [None if r[1] == "dataset" else undefused(r[2]) for r in scores[::7]]
    if keys != units or len(scores) != 7 * len(units):
        problem("scores.csv does not hold 7 rows for the dataset, then per unit, in "
                "result.json order")
    for row, unit in zip(scores[::7], [result] + result["units"]):
        want = "" if unit["score"] is None else f"{unit['score']:.2f}"
        if row[score_col] != want:
            problem(f"scores.csv: {unit.get('unit', 'the dataset')!r} scores {row[score_col]}, "
                    f"result.json {want}")
            break
        if undefused(row[name_col]) != (unit.get("unit_name", "") if unit is not result else ""):
            problem(f"scores.csv: {unit.get('unit')!r} is named {row[name_col]!r}")
            break
    header, checks = read_csv(folder / "checks.csv")
    scope, check = header.index("scope"), header.index("check")
    want = [("dataset", c["id"]) for c in result["dataset_checks"]]
    want += [("unit", c["id"]) for u in result["units"] for c in u["checks"]]
    if [(r[scope], r[check]) for r in checks] != want:
        problem("checks.csv does not hold one row per dataset-level check, then per unit "
                "and check")
    header, warnings = read_csv(folder / "warnings.csv")
    unit_col = header.index("unit")
    if [undefused(r[unit_col]) for r in warnings] != [w["unit"] for w in result["warnings"]]:
        problem("warnings.csv is not the warning list of result.json")


def check_markdown(folder):
    text = (folder / "summary.md").read_text()
    raw = re.findall(r"(?<!\\)<", text)
    if raw:
        problem(f"summary.md has {len(raw)} unescaped '<'")


def check_report(folder, pages_shown, max_index_bytes):
    result = json.loads((folder / "result.json").read_text())
    pages = check_files(folder, result)
    check_index(folder, result, pages, max_index_bytes)
    tidy(folder / "index.html")
    check_pages(folder, pages, pages_shown)
    check_junit(folder, result)
    check_csv(folder, result)
    check_markdown(folder)
    check_history_pages(folder)
    print(f"{folder}: {len(pages)} unit pages, index.html "
          f"{(folder / 'index.html').stat().st_size} bytes")


def check_suite(folder, pages_shown):
    suite = json.loads((folder / "suite.json").read_text())
    datasets = [d["dataset"] for d in suite["summary"]["datasets"]]
    names = {p.name for p in folder.iterdir()} - HISTORY_PAGES
    if names != SUITE_FILES | set(datasets):
        problem(f"suite folder holds {sorted(names)}, expected "
                f"{sorted(SUITE_FILES | set(datasets))}")
    for name in datasets:
        check_report(folder / name, pages_shown, 0)
    tidy(folder / "index.html")
    links = check_links(folder / "index.html")
    if links < 2 * len(datasets):
        problem(f"the dashboard has {links} links for {len(datasets)} datasets")
    check_history_pages(folder)
    check_markdown(folder)
    print(f"{folder}: suite of {len(datasets)} datasets, dashboard with {links} links")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--pages", type=int, default=0, help="tidy about N unit pages (0: all)")
    ap.add_argument("--max-index-bytes", type=int, default=0)
    args = ap.parse_args()
    folder = pathlib.Path(args.folder)
    if (folder / "suite.json").is_file():
        check_suite(folder, args.pages)
    else:
        check_report(folder, args.pages, args.max_index_bytes)
    for p in problems:
        print(f"FAIL {folder}: {p}")
    print(f"{folder}: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
