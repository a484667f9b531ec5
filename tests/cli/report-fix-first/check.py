# Recomputes, without dqa, what the unit pages must show: the fix order
# (cost descending, then failed rows, then rule order) from result.json,
# the same order in the warning reasons,
# and every sample's record key from data.csv (pii masked: all but the
# last two characters as '*', dqa(1) SAMPLES).
import csv, html.parser, json, pathlib, sys

out = pathlib.Path(sys.argv[1])
doc = json.loads((out / "result.json").read_text())
records = list(csv.reader(open("data.csv", newline="", encoding="utf-8")))
header, by_line = records[0], {i + 1: r for i, r in enumerate(records)}

def masked(v):
    return "*" * (len(v) - 2) + v[-2:] if len(v) > 2 else "*" * len(v)

class Fixes(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.in_fix, self.in_cid = [], False, False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and a.get("class") == "fix":
            self.in_fix = True
        if self.in_fix and tag == "small" and a.get("class") == "cid":
            self.in_cid = True
            self.ids.append("")
    def handle_endtag(self, tag):
        if tag == "small":
            self.in_cid = False
        if tag == "h3":
            self.in_fix = False
    def handle_data(self, data):
        if self.in_cid:
            self.ids[-1] += data

problems = 0
for k, unit in enumerate(doc["units"]):
    failing = [(i, c) for i, c in enumerate(unit["checks"]) if c["status"] == "fail"]
    want = [c["id"] for i, c in sorted(failing, key=lambda p: (-p[1]["cost"], -p[1]["failed"], p[0]))]
    name = unit["unit"] or "_empty"
    page = out / "units" / (name + ".html")
    p = Fixes()
    p.feed(page.read_text())
    got = p.ids
    if got != want:
        print(f"{name}: fix order {got}, expected {want}")
        problems += 1
    for c in unit["checks"]:
        for s in c["samples"]:
            if "key" not in s:
                continue
            row = dict(zip(header, by_line[s["line"]]))
            want_key = {"record_id": row["record_id"], "name": masked(row["name"])}
            if s["key"] != want_key:
                print(f"{name} {c['id']} line {s['line']}: key {s['key']}, expected {want_key}")
                problems += 1
    print(f"{name}: {len(want)} fixes in order: {', '.join(want)}")
# Warning reasons (result.json, then summary.md and the terminal, which
# print them in this order) rank as the fixes do, over every check that
# cost points: the first three.
for w in doc["warnings"]:
    unit = next(u for u in doc["units"] if u["unit"] == w["unit"])
    costly = [(i, c) for i, c in enumerate(unit["checks"]) if (c.get("cost") or 0) > 0]
    want = [c["id"] for i, c in sorted(costly, key=lambda p: (-p[1]["cost"], -p[1]["failed"], p[0]))][:3]
    got = [r.rsplit(" ", 1)[0] for r in w["reasons"] if r != "no rows"]
    if got != want:
        print(f"{w['unit']}: reasons {got}, expected {want}")
        problems += 1
    print(f"{w['unit']}: reasons in order: {', '.join(got)}")
sys.exit(1 if problems else 0)
