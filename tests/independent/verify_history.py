#!/usr/bin/env python3
"""Checks 'dqa trend' and 'dqa warnings' on testdata/history/nightly.csv
against values computed here from the CSV alone, following dqa(1):

trend    last = the unit's latest score; change since the last run = last
         minus the score before it; since last week = last minus the score at
         the latest run at or before (the dataset's latest run - 7 days).
warnings for ISO week W: a unit known by the end of W is listed when its
         last run in W has status missing, when it has no run in W, when it is
         below target (status warn/fail, or score < --target), or when its
         marker is the same in the last --stalled-runs runs; the streak counts
         weeks in a row listed, W included.

usage: verify_history.py DQA ROOT
"""
import csv
import datetime
import json
import subprocess
import sys

WEEK = datetime.timedelta(days=7)


def load(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def when(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")


def r2(x):
    return None if x is None else round(x + 0.0, 2)


def expected_trend(rows):
    runs = sorted({when(r["run_at"]) for r in rows if r["scope"] == "dataset"})
    series = {}
    for r in rows:
        if r["criterion"] != "overall":
            continue
        key = None if r["scope"] == "dataset" else r["unit"]
        series.setdefault(key, {})[when(r["run_at"])] = float(r["score"])
    latest = runs[-1]
    week_ref = max(t for t in runs if t <= latest - WEEK)
    out = {}
    for unit, scores in series.items():
        times = sorted(scores)
        last = scores[times[-1]]
        before = [scores[t] for t in times[:-1]]
        since_run = last - before[-1] if before else None
        at_week = [scores[t] for t in times if t <= week_ref]
        since_week = last - at_week[-1] if at_week else None
        out[unit] = (last, r2(since_run), r2(since_week), [scores.get(t) for t in runs])
    worse = sorted((u for u, v in out.items() if u and v[2] is not None and v[2] < 0),
                   key=lambda u: (out[u][2], u))
    return runs, out, worse


def listed(entries, monday, target, stalled_runs):
    """(listed, seen, item) for one unit's time-sorted overall rows."""
    end = monday + WEEK
    upto = [e for e in entries if when(e["run_at"]) < end]
    if not upto:
        return False, False, None
    e = upto[-1]
    if when(e["run_at"]) < monday or e["status"] == "missing":
        return True, True, {"unit": e["unit"], "score": None, "status": "missing",
                            "missing": True, "below_target": False, "stalled": False}
    score = float(e["score"])
    below = score < target if target is not None else e["status"] in ("warn", "fail")
    key = e["marker"] or e["fingerprint"]
    same = 0
    for x in reversed([x for x in upto if x["status"] != "missing"]):
        if (x["marker"] or x["fingerprint"]) != key:
            break
        same += 1
    stalled = same >= stalled_runs
    return below or stalled, True, {"unit": e["unit"], "score": score, "status": e["status"],
                                    "missing": False, "below_target": below, "stalled": stalled,
                                    "stalled_runs": same}


def expected_warnings(rows, week, target=None, stalled_runs=3):
    year, w = week.split("-W")
    monday = datetime.datetime.combine(datetime.date.fromisocalendar(int(year), int(w), 1),
                                       datetime.time())
    units = {}
    for r in rows:
        if r["scope"] == "unit" and r["criterion"] == "overall":
            units.setdefault(r["unit"], []).append(r)
    items = []
    for unit, entries in units.items():
        entries.sort(key=lambda e: when(e["run_at"]))
        on, _, item = listed(entries, monday, target, stalled_runs)
        if not on:
            continue
        streak, m = 1, monday - WEEK
        while listed(entries, m, target, stalled_runs)[0]:
            streak, m = streak + 1, m - WEEK
        item["streak"] = streak
        items.append(item)
    items.sort(key=lambda i: (-1 if i["score"] is None else i["score"], i["unit"]))
    return items


def run(dqa, *args):
    out = subprocess.run([dqa, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    dqa, root = sys.argv[1], sys.argv[2]
    path = f"{root}/testdata/history/nightly.csv"
    rows = load(path)
    problems = []

    runs, series, worse = expected_trend(rows)
    got = run(dqa, "trend", path, "--format", "json")["datasets"][0]
    if got["runs"] != [t.strftime("%Y-%m-%dT%H:%M:%SZ") for t in runs]:
        problems.append("trend: runs differ")
    for s in got["series"]:
        last, since_run, since_week, scores = series[s["unit"]]
        if (s["last"], s["change_last_run"], s["change_last_week"], s["scores"]) != \
                (last, since_run, since_week, scores):
            problems.append(f"trend: unit {s['unit']}: got {s}, expected "
                            f"{(last, since_run, since_week)}")
    if got["worse"] != worse:
        problems.append(f"trend: worse {got['worse']} != {worse}")
    if len(got["series"]) != len(series):
        problems.append("trend: number of series differs")

    for week, target in (("2026-W45", None), ("2026-W46", None), ("2026-W47", None),
                         ("2026-W47", 95.0), ("2026-W53", None)):
        args = ["warnings", path, "--week", week, "--format", "json"]
        if target is not None:
            args += ["--target", str(target)]
        got = run(dqa, *args)["lists"][0]["listed"]
        want = expected_warnings(rows, week, target)
        keys = ("unit", "score", "status", "missing", "below_target", "stalled", "streak")
        got_k = [{k: g[k] for k in keys} for g in got]
        want_k = [{k: w[k] for k in keys} for w in want]
        if got_k != want_k:
            problems.append(f"warnings {week} target {target}:\n  got  {got_k}\n  want {want_k}")

    for p in problems:
        print(p)
    print(f"history: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
