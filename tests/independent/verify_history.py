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
rules    a history with the rules_hash column (nightly.csv with the column
         added here, the hash changing twice): trend reads the same scores,
         and marks as rules_changed exactly the runs whose dataset row has
         another rules_hash than the run before. And the hash dqa audit
         records follows the bytes of the rule file and of the files it
         names, not their folder.

usage: verify_history.py DQA ROOT
"""
import csv
import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

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


def imported(dqa, csv_path, folder):
    """The CSV history loaded into a new store in folder: its path."""
    db = os.path.join(folder, os.path.basename(csv_path)[:-4] + ".db")
    subprocess.run([dqa, "history", "import", csv_path, "--history", db], check=True)
    return db


def last_run(store):
    """The rules hash and the (path, hash) of each file of the store's
    latest run, read with Python's sqlite3 (the schema of
    docs/internals/history.md)."""
    with sqlite3.connect(store) as db:
        run_id, rules_hash = db.execute(
            "SELECT id, rules_hash FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        files = db.execute("SELECT path, hash FROM run_files WHERE run_id = ? ORDER BY seq",
                           (run_id,)).fetchall()
    return rules_hash, files


def run(dqa, *args):
    out = subprocess.run([dqa, *args], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def with_rules_hash(rows, path, changes):
    """Writes rows as a history with the rules_hash and checks columns: the
    hash is 'h0', then 'h1', ... from each run time in changes on."""
    fields = list(rows[0].keys()) + ["rules_hash", "checks"]
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fields, lineterminator="\n")
        w.writeheader()
        for r in rows:
            n = sum(1 for c in changes if when(r["run_at"]) >= c)
            w.writerow({**r, "rules_hash": f"{n:016x}", "checks": ""})


def expected_rule_changes(path):
    runs = {}
    for r in load(path):
        if r["scope"] == "dataset" and r["criterion"] == "overall":
            runs[when(r["run_at"])] = r["rules_hash"]
    times = sorted(runs)
    return [t.strftime("%Y-%m-%dT%H:%M:%SZ") for prev, t in zip(times, times[1:])
            if runs[prev] and runs[t] and runs[prev] != runs[t]]


def recorded(dqa, folder, now):
    """The rules hash and file hashes an audit in folder records."""
    history = os.path.join(folder, "history.db")
    subprocess.run([dqa, "audit", os.path.join(folder, "rules.yaml"),
                    os.path.join(folder, "data.csv"), "--now", now, "-q",
                    "--history", history], check=True, capture_output=True)
    return last_run(history)


def recorded_hash(dqa, folder, now):
    return recorded(dqa, folder, now)[0]


def check_rule_hash(dqa, problems):
    """The hash changes with the rule file's bytes and a reference file's
    bytes, and not with the folder they are in."""
    with tempfile.TemporaryDirectory() as tmp:
        a = os.path.join(tmp, "a")
        os.makedirs(os.path.join(a, "refs"))
        with open(os.path.join(a, "rules.yaml"), "w") as f:
            f.write("version: 1\ndataset: {name: d}\n"
                    "unified:\n  - in_ref: {column: code, ref: refs/codes.csv#code}\n")
        with open(os.path.join(a, "refs", "codes.csv"), "w") as f:
            f.write("code\n1\n2\n")
        with open(os.path.join(a, "data.csv"), "w") as f:
            f.write("code\n1\n")
        first = recorded_hash(dqa, a, "2026-11-20")
        if len(first) != 16 or any(c not in "0123456789abcdef" for c in first):
            problems.append(f"rules_hash: {first!r} is not 16 hex digits")
        if recorded_hash(dqa, a, "2026-11-21") != first:
            problems.append("rules_hash: changed with nothing changed")
        b = os.path.join(tmp, "b")
        shutil.copytree(a, b)
        same_folder, before = recorded(dqa, b, "2026-11-22")
        if same_folder != first:
            problems.append("rules_hash: changed with the folder")
        with open(os.path.join(b, "refs", "codes.csv"), "a") as f:
            f.write("3\n")
        second, after = recorded(dqa, b, "2026-11-23")
        if second == first:
            problems.append("rules_hash: same after the reference file changed")
        names = [os.path.relpath(p, b) for p, _ in after]
        if names != ["rules.yaml", os.path.join("refs", "codes.csv")]:
            problems.append(f"run_files: {names}, expected the rule file, then the reference")
        if after[0][1] != before[0][1] or after[1][1] == before[1][1]:
            problems.append("run_files: the rule file's hash changed, or the reference's not, "
                            "after only the reference changed")
        with open(os.path.join(b, "rules.yaml"), "a") as f:
            f.write("# a comment\n")
        if recorded_hash(dqa, b, "2026-11-24") in (first, second):
            problems.append("rules_hash: same after the rule file changed")


def check_rule_changes(dqa, rows, problems):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "history.csv")
        with_rules_hash(rows, path, [datetime.datetime(2026, 11, 10, 23),
                                     datetime.datetime(2026, 11, 20, 23)])
        got = run(dqa, "trend", imported(dqa, path, tmp), "--format", "json")["datasets"][0]
        want = expected_rule_changes(path)
        if got["rules_changed"] != want or len(want) != 2:
            problems.append(f"trend: rules_changed {got['rules_changed']} != {want}")
        runs, series, _ = expected_trend(load(path))
        for s in got["series"]:
            if s["scores"] != series[s["unit"]][3]:
                problems.append(f"trend with rules_hash: unit {s['unit']} scores differ")


def main():
    dqa, root = sys.argv[1], sys.argv[2]
    path = f"{root}/testdata/history/nightly.csv"
    rows = load(path)
    problems = []
    tmp = tempfile.TemporaryDirectory()
    store = imported(dqa, path, tmp.name)

    runs, series, worse = expected_trend(rows)
    got = run(dqa, "trend", store, "--format", "json")["datasets"][0]
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
        args = ["warnings", store, "--week", week, "--format", "json"]
        if target is not None:
            args += ["--target", str(target)]
        got = run(dqa, *args)["lists"][0]["listed"]
        want = expected_warnings(rows, week, target)
        keys = ("unit", "score", "status", "missing", "below_target", "stalled", "streak")
        got_k = [{k: g[k] for k in keys} for g in got]
        want_k = [{k: w[k] for k in keys} for w in want]
        if got_k != want_k:
            problems.append(f"warnings {week} target {target}:\n  got  {got_k}\n  want {want_k}")

    got = run(dqa, "trend", store, "--format", "json")["datasets"][0]
    if got["rules_changed"] != []:
        problems.append("trend: a history without rules_hash marks rule changes")
    check_rule_changes(dqa, rows, problems)
    check_rule_hash(dqa, problems)

    tmp.cleanup()
    for p in problems:
        print(p)
    print(f"history: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
