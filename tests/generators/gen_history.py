#!/usr/bin/env python3
"""Writes testdata/history/nightly.csv: 21 nightly runs (2026-11-02 to
2026-11-22, ISO weeks 2026-W45 to W47) of dataset 'citizens' over six of
Hanoi's wards (real codes of rules/refs/hanoi-units.csv), each with one
planted behaviour:

  00004  Phường Ba Đình    steady around 95 (pass)
  00008  Phường Ngọc Hà    fine until 2026-11-18, then drops to about 70 (fail)
  00025  Phường Giảng Võ   reported missing (rows 0) from 2026-11-10 on
  00070  Phường Hoàn Kiếm  around 85 every night (warn)
  00082  Phường Cửa Nam    scores fine but its data (marker) never changes from 2026-11-12 on
  00091  Phường Phú Thượng no line at all after 2026-11-15 (stopped being audited)

The format is the one 'dqa audit --history' writes (see dqa(1), HISTORY).
Scores are rounded to two decimals as dqa writes them; the dataset rows
average the units' scores. Deterministic: run it again for the same file.
"""
import datetime
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "testdata" / "history" / "nightly.csv"
HEADER = "run_at,rules,dataset,scope,unit,criterion,score,status,rows,fingerprint,marker"
CRITERIA = ["correct", "sufficient", "alive"]
UNITS = ["00004", "00008", "00025", "00070", "00082", "00091"]


def status(score):
    return "pass" if score >= 90 else "warn" if score >= 75 else "fail"


def unit_night(rng, unit, day):
    """(score, rows, marker) of a unit on a night, or None: no line at all."""
    date = datetime.date(2026, 11, 2) + datetime.timedelta(days=day)
    noise = rng.uniform(-1.5, 1.5)
    marker = f"rows:{rng.getrandbits(64):016x}"
    if unit == "00004":
        return round(95 + noise, 2), 100 + day, marker
    if unit == "00008":
        base = 92 if date < datetime.date(2026, 11, 18) else 70
        return round(base + noise, 2), 80, marker
    if unit == "00025":
        if date >= datetime.date(2026, 11, 10):
            return 0.0, 0, ""
        return round(93 + noise, 2), 50, marker
    if unit == "00070":
        return round(85 + noise, 2), 60, marker
    if unit == "00082":
        if date >= datetime.date(2026, 11, 12):
            marker = "rows:00000000000016aa"
        return round(94 + noise, 2), 70, marker
    if unit == "00091":
        if date > datetime.date(2026, 11, 15):
            return None
        return round(96 + noise, 2), 40, marker


def main():
    rng = random.Random(48)
    lines = [HEADER]
    for day in range(21):
        run_at = (datetime.date(2026, 11, 2) + datetime.timedelta(days=day)).isoformat() + "T23:00:00Z"
        fingerprint = f"{rng.getrandbits(64):016x}"
        scores = []
        for unit in UNITS:
            night = unit_night(rng, unit, day)
            if night is None:
                continue
            score, rows, marker = night
            st = "missing" if rows == 0 else status(score)
            for c in CRITERIA:
                lines.append(f"{run_at},rules/citizens.yaml,citizens,unit,{unit},{c},{score:.2f},,{rows},{fingerprint},")
            lines.append(f"{run_at},rules/citizens.yaml,citizens,unit,{unit},overall,{score:.2f},{st},{rows},{fingerprint},{marker}")
            scores.append(score)
        mean = round(sum(scores) / len(scores), 2)
        lines.append(f"{run_at},rules/citizens.yaml,citizens,dataset,,overall,{mean:.2f},{status(mean)},0,{fingerprint},")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
