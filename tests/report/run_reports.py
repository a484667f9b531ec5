#!/usr/bin/env python3
"""Report tests that need more than a golden file; each writes into a fresh
temporary folder and checks it with check_folder.py.

  run_reports.py example DQA ROOT   the shipped example in en and vi; `dqa
                                    report` re-renders the audit's folder
                                    byte for byte
  run_reports.py hostile DQA [N]    N units (10,000 when not given) plus
                                    hostile unit names and values (script
                                    tags, formula prefixes, path traversal,
                                    case twins, a 300-byte name), generated
                                    here
  run_reports.py size DQA           126 units x 30 checks: index.html < 2 MB
  run_reports.py suite DQA ROOT     the three shipped examples as one city,
                                    audited on three nights with --history,
                                    in en and vi: the dashboard, the city's
                                    and every dataset's history pages

The hostile data also goes through every page and table of the other
commands: the history pages of the report folder, dqa trend and dqa
warnings in every format, and a suite holding the hostile dataset.
"""
import json
import re
import csv
import io
import os
import pathlib
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
# Memory spares the disk of a machine shared with other jobs (10,000 unit
# pages); the files and checks are the same either way.
SCRATCH = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795392000", LC_ALL="C.UTF-8")


def run(*args, cwd=None):
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=ENV, capture_output=True,
                          text=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))}: exit {proc.returncode}\n{proc.stderr}")
    return proc


def check(folder, *options):
    proc = subprocess.run([sys.executable, str(HERE / "check_folder.py"), str(folder),
                           *map(str, options)], capture_output=True, text=True)
    print(proc.stdout, end="")
    if proc.returncode != 0:
        sys.exit(f"check_folder.py {folder} failed")


# The audit's failed-row files and their links on the unit pages: result.json
# does not hold the rows, so a re-rendered folder has neither (dqa(1)).
FAILED_ROWS_LINK = re.compile(r'<p class="notice"><a href="[^"]*\.failed\.csv" download>.*?</p>\n')


def without_failed_rows(folder):
    return {p.relative_to(folder): FAILED_ROWS_LINK.sub("", p.read_text())
            for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".failed.csv")}


def same_folders(a, b):
    left, right = without_failed_rows(a), without_failed_rows(b)
    different = sorted(str(k) for k in left.keys() ^ right.keys())
    different += sorted(str(k) for k in left.keys() & right.keys() if left[k] != right[k])
    if different:
        sys.exit(f"{a} and {b} differ: {different[:5]}")


def example(dqa, root):
    with tempfile.TemporaryDirectory(prefix="dqa-report-", dir=SCRATCH) as tmp:
        tmp = pathlib.Path(tmp)
        run(dqa, "audit", "rules/examples/citizens.yaml", "testdata/citizens.csv",
            "--now", "2026-11-22", "-q", "--out", tmp / "en", cwd=root)
        check(tmp / "en")
        # elsewhere, where the map file's path leads nowhere: result.json
        # holds the map's shapes, so the folder is the audit's again
        (tmp / "elsewhere").mkdir()
        (tmp / "elsewhere" / "result.json").write_bytes((tmp / "en" / "result.json").read_bytes())
        run(dqa, "report", "result.json", "--out", tmp / "again", "--lang", "en",
            cwd=tmp / "elsewhere")
        same_folders(tmp / "en", tmp / "again")
        if '<svg class="map"' not in (tmp / "again" / "index.html").read_text():
            sys.exit("the re-rendered index.html has no map")
        run(dqa, "report", tmp / "en" / "result.json", "--out", tmp / "vi", "--lang", "vi",
            cwd=root)
        check(tmp / "vi")
        html = (tmp / "vi" / "index.html").read_text()
        for word in ("đúng", "đủ", "sạch", "sống", "thống nhất", "dùng chung", "không đạt"):
            if word not in html:
                sys.exit(f"vi index.html lacks {word!r}")
        # the notation of each language, worked out by Python from result.json
        result = json.loads((tmp / "en" / "result.json").read_text())
        rows, score = f"{result['rows']:,}", f"{result['score']:.2f}"
        en = (tmp / "en" / "index.html").read_text()
        if f"Rows: {rows}<" not in en or f"<b>{score}</b>" not in en:
            sys.exit(f"en index.html lacks 'Rows: {rows}' or the score {score}")
        rows_vi, score_vi = rows.replace(",", "."), score.replace(".", ",")
        if f"Số dòng: {rows_vi}<" not in html or f"<b>{score_vi}</b>" not in html:
            sys.exit(f"vi index.html lacks 'Số dòng: {rows_vi}' or the score {score_vi}")
        print("re-rendered folder is identical; vi labels present; numbers in each "
              "language's notation")


HOSTILE_UNITS = [
    "<script>alert(1)</script>", "../../escape", "/etc/passwd", "..", ".", "",
    '=HYPERLINK("http://example.com")', "+cmd", "-2", "@SUM(A1)", "\tTab", "Ward A",
    "ward a", "WARD-A", "ward-a", "a/b\\c", "x" * 300, "Phường Đông Ngạc",
]
HOSTILE_VALUES = ["<img src=x onerror=alert(1)>", "=1+2", "@cmd", "-1", "</td></tr>",
                  "a]]>b", "\u2028line"]


def hostile(dqa, units):
    with tempfile.TemporaryDirectory(prefix="dqa-hostile-", dir=SCRATCH) as tmp:
        tmp = pathlib.Path(tmp)
        (tmp / "rules.yaml").write_text(
            "version: 1\ndataset: {name: hostile, unit: unit, key: [id]}\n"
            "columns:\n  phone: {type: string, pii: true}\n"
            "correct:\n  - regex: {column: phone, pattern: '^0[0-9]{9}$',"
            " message: '<b>call</b> =HYPERLINK(\"x\")'}\n"
            "sufficient:\n  - not_null: {columns: [name]}\n"
            "clean:\n  - unique: [id]\n  - trimmed: [name]\n")
        with open(tmp / "data.csv", "w", newline="") as f:
            out = csv.writer(f)
            out.writerow(["id", "unit", "name", "phone"])
            for i in range(units):
                out.writerow([i, f"u{i:05d}", f"name {i}", f"09{i:08d}"])
            for i, unit in enumerate(HOSTILE_UNITS):
                for j, value in enumerate(HOSTILE_VALUES):
                    out.writerow([i * 10 + j, unit, value, value])
        start = time.monotonic()
        run(dqa, "audit", "rules.yaml", "data.csv", "--now", "2026-11-22", "-q",
            "--out", "out", cwd=tmp)
        seconds = time.monotonic() - start
        if sorted(p.name for p in tmp.iterdir()) != ["data.csv", "out", "rules.yaml"]:
            sys.exit(f"files written outside out/: {sorted(p.name for p in tmp.iterdir())}")
        check(tmp / "out", "--pages", 60)
        pages = [p for p in (tmp / "out" / "units").iterdir() if p.suffix == ".html"]
        if len(pages) != units + len(HOSTILE_UNITS):
            sys.exit(f"{len(pages)} unit pages for {units + len(HOSTILE_UNITS)} units")
        hostile_pages = [p for p in pages if not p.name.startswith("u")]
        for page in hostile_pages:
            text = page.read_text()
            if "<img" in text or "<script" in text or "<b>call" in text:
                sys.exit(f"{page.name}: markup from the data is not escaped")
        index = (tmp / "out" / "index.html").read_text()
        if "&lt;script&gt;alert(1)&lt;/script&gt;" not in index:
            sys.exit("index.html does not show the script-tag unit name as text")
        print(f"{units} + {len(HOSTILE_UNITS)} units: audit and report folder in "
              f"{seconds:.1f} s; hostile pages {sorted(p.name for p in hostile_pages)}")
        hostile_history(dqa, tmp)


def tidy_clean(path):
    proc = subprocess.run(["tidy", "-e", "-q", str(path)], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"tidy: {path}: {proc.stderr.strip()[:500]}")


def check_view(name, fmt, text, tmp):
    """One format of dqa trend or dqa warnings on the hostile history."""
    if fmt == "html":
        page = tmp / f"{name}.html"
        page.write_text(text)
        tidy_clean(page)
        if "<script" in text or "<img" in text:
            sys.exit(f"{name} html: markup from the data is not escaped")
        if "&lt;script&gt;alert(1)&lt;/script&gt;" not in text:
            sys.exit(f"{name} html: the script-tag unit name is not shown as text")
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        for row in rows[1:]:
            for cell in row[1:3]:
                if cell and cell[0] in "=+-@\t\r":
                    sys.exit(f"{name} csv: cell {cell!r} is not defused")
    elif fmt == "json":
        json.loads(text)
    elif fmt == "md":
        if re.search(r"(?<!\\)<", text):
            sys.exit(f"{name} md: an unescaped '<'")
    if fmt in ("text", "md") and re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text):
        sys.exit(f"{name} {fmt}: a control character from the data reaches the output")


def hostile_history(dqa, tmp):
    """The hostile units through the history pages, trend, warnings and a suite."""
    # two runs, so trend and warnings have a change to show; the folder of
    # the second gets the history pages
    run(dqa, "audit", "rules.yaml", "data.csv", "--now", "2026-11-15", "-q", "--history",
        "history.db", cwd=tmp)
    run(dqa, "audit", "rules.yaml", "data.csv", "--now", "2026-11-22", "-q", "--history",
        "history.db", "--out", "hist", cwd=tmp)
    check(tmp / "hist", "--pages", 20)
    for name in ("trend", "warnings"):
        for lang in ("en", "vi"):
            for fmt in ("text", "csv", "json", "md", "html"):
                out = run(dqa, name, "history.db", "--format", fmt, "--lang", lang,
                          cwd=tmp).stdout
                check_view(name, fmt, out, tmp)
    # One suite run of the hostile dataset (its units are slow enough once):
    # its folder with the city's history pages in vi, its terminal summary
    # in en.
    (tmp / "city.yaml").write_text(
        "version: 1\nname: hostile-city\ndatasets:\n  - {rules: rules.yaml, data: [data.csv]}\n")
    run(dqa, "audit", "--suite", "city.yaml", "--now", "2026-11-22", "-q", "--lang", "vi",
        "--history", "city.db", "--out", "city", cwd=tmp)
    check(tmp / "city", "--pages", 10)
    out = run(dqa, "audit", "--suite", "city.yaml", "--now", "2026-11-22", "--lang", "en",
              cwd=tmp).stdout
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out):
        sys.exit("suite text: a control character from the data reaches the terminal")
    print("hostile units: history pages, trend and warnings in every format and language, "
          "and a suite of them are escaped and tidy")


def suite(dqa, root):
    with tempfile.TemporaryDirectory(prefix="dqa-suite-", dir=SCRATCH) as tmp:
        tmp = pathlib.Path(tmp)
        examples = ("citizens", "health-facilities", "businesses")
        (tmp / "city.yaml").write_text("version: 1\nname: hanoi\ndatasets:\n" + "".join(
            f"  - {{rules: {root}/rules/examples/{e}.yaml, data: [{root}/testdata/{e}.csv]}}\n"
            for e in examples))
        for lang in ("en", "vi"):
            for now in ("2026-11-08", "2026-11-15", "2026-11-22"):
                run(dqa, "audit", "--suite", "city.yaml", "--now", now, "-q", "--lang", lang,
                    "--history", f"h-{lang}.db", "--out", lang, cwd=tmp)
            check(tmp / lang, "--pages", 20)
        print("the city of the three examples: dashboard and history pages in en and vi")


def size(dqa):
    with tempfile.TemporaryDirectory(prefix="dqa-size-", dir=SCRATCH) as tmp:
        tmp = pathlib.Path(tmp)
        columns = [f"c{i:02d}" for i in range(10)]
        checks = "".join(f"  - regex: {{column: {c}, pattern: '^[0-9]+$'}}\n"
                         f"  - length: {{column: {c}, max: 6}}\n" for c in columns)
        trimmed = "".join(f"  - trimmed: [{c}]\n" for c in columns)
        (tmp / "rules.yaml").write_text(
            "version: 1\ndataset: {name: size, unit: unit}\ncorrect:\n" + checks +
            "clean:\n" + trimmed)
        with open(tmp / "data.csv", "w", newline="") as f:
            out = csv.writer(f)
            out.writerow(["unit", *columns])
            for u in range(126):
                for r in range(40):
                    bad = (u + r) % 7 == 0
                    out.writerow([f"{u:05d}"] + [f" x{r}{u}0000 " if bad else str(r)
                                                 for _ in columns])
        lint = run(dqa, "lint", "rules.yaml", "data.csv", cwd=tmp).stdout
        if "(30 checks)" not in lint:
            sys.exit(f"expected 30 checks: {lint}")
        run(dqa, "audit", "rules.yaml", "data.csv", "--now", "2026-11-22", "-q",
            "--out", "out", cwd=tmp)
        check(tmp / "out", "--pages", 20, "--max-index-bytes", 2_000_000)
        total = sum(p.stat().st_size for p in (tmp / "out" / "units").iterdir())
        print(f"126 units x 30 checks: unit pages {total} bytes in all")


def main():
    mode = sys.argv[1]
    if mode == "example":
        example(pathlib.Path(sys.argv[2]).resolve(), pathlib.Path(sys.argv[3]))
    elif mode == "hostile":
        hostile(pathlib.Path(sys.argv[2]).resolve(), int(sys.argv[3]) if len(sys.argv) > 3 else 10000)
    elif mode == "size":
        size(pathlib.Path(sys.argv[2]).resolve())
    elif mode == "suite":
        suite(pathlib.Path(sys.argv[2]).resolve(), pathlib.Path(sys.argv[3]).resolve())
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
