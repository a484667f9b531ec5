#!/usr/bin/env python3
"""index.html's layout at scale: 229 units and 7-digit counts.

A small audit of 229 units, its result.json's counts multiplied by 10,007
(scores and statuses stay: every ratio is the same), rendered by
`dqa report` in en and vi. Then:

1. Markup and style, always: every count of the "Failures by check" table
   is the sum Python makes from result.json, written with the language's
   thousands separator ("4,583,206" in en, "4.583.206" in vi); the table's
   numbers do not wrap; a check id breaks only after its dots (<wbr>),
   never inside a word; the units heatmap sits in a scrolling box
   (max-height) whose header cells stick to its top (position: sticky).
2. In headless Chromium, when it is installed (scripts/setup does not need
   it): the page in an iframe 1280 and 390 CSS pixels wide (the media
   queries see the iframe's width). No cell of the failures table is
   clipped (scrollWidth > clientWidth) and the table is no wider than its
   box; no id line-wraps inside a word; at 1280 px, the heatmap scrolled by
   600 px keeps its header row at the top of its box.

usage: layout.py DQA [--keep DIR]   (DIR: keep the report folders there)
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

UNITS = 229
SCALE = 10_007
COLUMNS = ["household_registration_number", "place_of_origin_commune", "v"]
RULES = """version: 1
dataset:
  name: layout
  unit: ward
correct:
  - regex: {column: household_registration_number, pattern: '^[0-9]{12}$'}
  - length: {column: place_of_origin_commune, max: 40}
  - regex: {column: v, pattern: '^[0-9]+$'}
sufficient:
  - not_null: {columns: [household_registration_number, place_of_origin_commune]}
"""

HARNESS = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="PAGE" width="WIDTH" height="1600" style="border:0"></iframe>
<pre id="layout-result"></pre><script>
document.getElementById('f').addEventListener('load', function () {
  var d = this.contentDocument, out = {clipped: [], wide: [], broken: [], sticky: null};
  var bars = d.querySelector('table.bars');
  bars.querySelectorAll('th, td').forEach(function (c) {
    if (c.offsetParent !== null && c.scrollWidth > c.clientWidth + 1)
      out.clipped.push(c.textContent.slice(0, 40) + ' ' + c.scrollWidth + '>' + c.clientWidth);
  });
  var box = bars.parentElement;
  if (bars.getBoundingClientRect().width > box.clientWidth + 1)
    out.wide.push('table ' + bars.getBoundingClientRect().width + ' > box ' + box.clientWidth);
  d.querySelectorAll('table.bars .cid').forEach(function (id) {
    var r = d.createRange();
    id.childNodes.forEach(function (node) {
      if (node.nodeType !== 3 || !node.textContent.length) return;
      r.selectNodeContents(node);
      var tops = {};
      Array.prototype.forEach.call(r.getClientRects(), function (q) { tops[Math.round(q.top)] = 1; });
      if (Object.keys(tops).length > 1) out.broken.push(node.textContent);
    });
  });
  var hm = d.querySelector('table.hm'), th = hm.querySelector('thead th');
  if (th.offsetParent !== null) {
    var scroller = hm.closest('.tall');
    scroller.scrollTop = 600;
    out.sticky = {scrolled: scroller.scrollTop,
                  offset: Math.round(th.getBoundingClientRect().top - scroller.getBoundingClientRect().top)};
  }
  document.getElementById('layout-result').textContent = 'LAYOUT ' + JSON.stringify(out);
});
</script></body></html>
"""


def fail(message):
    sys.exit("layout: " + message)


def run(*args, cwd=None):
    p = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        fail(f"{args}: exit {p.returncode}\n{p.stderr}")
    return p


def make_result(dqa, tmp):
    (tmp / "rules.yaml").write_text(RULES)
    lines = ["ward," + ",".join(COLUMNS)]
    for u in range(UNITS):
        for r in range(2):
            bad = (u + r) % 3 == 0
            lines.append(f"{u:05d},{'12345' if bad else '123456789012'},"
                         f"{'x' * (50 if bad else 10)},{'y' if bad and u % 2 else 7}")
    (tmp / "data.csv").write_text("\n".join(lines) + "\n")
    run(dqa, "audit", "rules.yaml", "data.csv", "--now", "2026-11-22", "-q", "--format", "json",
        "--out", "small", cwd=tmp)
    result = json.loads((tmp / "small" / "result.json").read_text())
    result["rows"] *= SCALE
    for unit in result["units"]:
        unit["rows"] *= SCALE
        for check in unit["checks"]:
            for key in ("evaluated", "failed"):
                check[key] *= SCALE
    (tmp / "big.json").write_text(json.dumps(result, ensure_ascii=False))
    return result


def totals(result):
    """{check id: (failed, evaluated)} summed over the units, for the
    checks that evaluated something (dqa(1): the others have no share)."""
    out = {}
    for unit in result["units"]:
        for c in unit["checks"]:
            f, e = out.get(c["id"], (0, 0))
            out[c["id"]] = (f + c["failed"], e + c["evaluated"])
    return {k: v for k, v in out.items() if v[1]}


def grouped(n, sep):
    return f"{n:,}".replace(",", sep)


def check_markup(page, result, lang):
    sep = "," if lang == "en" else "."
    table = re.search(r'<table class="bars stack">(.*?)</table>', page, re.S)
    if not table:
        fail(f"{lang}: no failures-by-check table")
    rows = re.findall(r'<small class="cid">(.*?)</small>.*?<td class="n"[^>]*>[^(]*\((.*?)\)</td>',
                      table.group(1), re.S)
    want = totals(result)
    if len(rows) != len(want):
        fail(f"{lang}: {len(rows)} rows in the failures table, result.json has {len(want)} checks")
    seven = 0
    for cid, counts in rows:
        check_id = re.sub(r"<wbr>", "", re.sub(r"</?code>", "", cid))
        failed, evaluated = want[check_id]
        expected = f"{grouped(failed, sep)}/<wbr>{grouped(evaluated, sep)}"
        if counts != expected:
            fail(f"{lang}: {check_id} shows ({counts}), expected ({expected})")
        seven += evaluated >= 1_000_000
        # a break may follow a dot, never fall inside a word
        for piece in re.sub(r"</?code>", "", cid).split("<wbr>")[:-1]:
            if not piece.endswith("."):
                fail(f"{lang}: {check_id} may break after {piece!r}")
    if not seven:
        fail(f"{lang}: no 7-digit count in the table")
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    for rule in (r"td\.n[,{][^}]*white-space:nowrap", r"table\.hm thead th\{[^}]*position:sticky;top:0",
                 r"\.tall\{max-height:[^;}]+;overflow:auto"):
        if not re.search(rule, style):
            fail(f"{lang}: the stylesheet lacks {rule}")
    if not re.search(r'<div class="scroll tall"><table id="units" class="hm', page):
        fail(f"{lang}: the units heatmap is not in its scrolling box")


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def measure(browser, folder, width):
    harness = folder / f"layout-{width}.html"
    harness.write_text(HARNESS.replace("PAGE", "index.html").replace("WIDTH", str(width)))
    p = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                        "--allow-file-access-from-files", "--window-size=1400,1700",
                        "--dump-dom", harness.as_uri()],
                       capture_output=True, text=True, timeout=120)
    harness.unlink()
    m = re.search(r"LAYOUT (\{.*?\})</pre>", p.stdout)
    if not m:
        fail(f"chromium gave no measurement at {width} px:\n{p.stderr[-2000:]}")
    return json.loads(m.group(1).replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&"))


def check_chromium(browser, folder, lang):
    for width in (1280, 390):
        got = measure(browser, folder, width)
        for what in ("clipped", "wide", "broken"):
            if got[what]:
                fail(f"{lang} at {width} px: {what}: {got[what][:5]}")
        sticky = got["sticky"]
        if width == 1280:
            if not sticky or sticky["scrolled"] < 600 or abs(sticky["offset"]) > 1:
                fail(f"{lang} at 1280 px: the heatmap header does not stay on top: {sticky}")
        print(f"layout: {lang} at {width} px: no clipped cell, table within its box, "
              f"ids whole" + (", heatmap header stays on top" if width == 1280 else ""))


def main():
    dqa = pathlib.Path(sys.argv[1]).resolve()
    keep = pathlib.Path(sys.argv[3]).resolve() if sys.argv[2:3] == ["--keep"] else None
    with tempfile.TemporaryDirectory(prefix="dqa-layout-", dir=os.environ.get("TMPDIR")) as t:
        tmp = keep or pathlib.Path(t)
        tmp.mkdir(parents=True, exist_ok=True)
        result = make_result(dqa, tmp)
        browser = chromium()
        for lang in ("en", "vi"):
            shutil.rmtree(tmp / lang, ignore_errors=True)
            run(dqa, "report", "big.json", "--out", lang, "--lang", lang, cwd=tmp)
            check_markup((tmp / lang / "index.html").read_text(), result, lang)
            print(f"layout: {lang}: 7-digit counts summed as Python sums them, "
                  f"grouped; ids break only after dots; sticky heatmap header styled")
            if browser:
                check_chromium(browser, tmp / lang, lang)
        if not browser:
            print("layout: no chromium: the rendered layout was not measured")


if __name__ == "__main__":
    main()
