#!/usr/bin/env python3
"""The map of dataset.map, checked from outside dqa.

  map_test.py DQA MAP_SIMPLIFY ROOT

1. The simplifier (map_simplify, the reports' Douglas–Peucker) keeps exactly
   the points a Python recomputation of the documented algorithm keeps
   (dqa(1), MAP): on known polygons and on the shipped Hanoi map at 200 m.
2. An audit of four units with a small map: the SVG is well-formed XML
   (xmllint), each feature is one path whose coordinates are the
   equirectangular projection recomputed here, linked to its unit page and
   titled with its name and score; units without rows are hatched; units
   not on the map are listed under it; result.json holds each path;
   `dqa report` draws the same map, also with the result and the map file
   moved; the Vietnamese page writes scores with a decimal comma.
3. Hanoi's 126 units with the shipped map: every unit drawn, the page
   under 1.5 MB; 11 units of the data not on the map folded under it.
4. A suite's city dashboard draws the mapped dataset's map.
"""

import json
import math
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

EARTH_RADIUS_M = 6371008.8
MAP_SIZE = 800.0
SVG = "{http://www.w3.org/2000/svg}"


def seg_dist(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    l2 = dx * dx + dy * dy
    t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2 if l2 > 0 else 0
    t = max(0.0, min(1.0, t))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def farthest(pts, first, last):
    best, most = first, -1.0
    for i in range(first + 1, last):
        d = seg_dist(pts[i], pts[first], pts[last])
        if d > most:
            best, most = i, d
    return best, most


def douglas_peucker(pts, tol):
    """The documented ring simplification: split at the point farthest from
    the first, keep each half's farthest point, then plain Douglas–Peucker."""
    n = len(pts)
    if n < 5:
        return list(range(n))
    split = max(range(1, n - 1), key=lambda i: (math.hypot(pts[i][0] - pts[0][0],
                                                           pts[i][1] - pts[0][1]), -i))
    a, _ = farthest(pts, 0, split)
    b, _ = farthest(pts, split, n - 1)
    keep = {0, split, n - 1, a, b}

    def mark(first, last):
        i, d = farthest(pts, first, last)
        if i != first and d > tol:
            keep.add(i)
            mark(first, i)
            mark(i, last)

    for first, last in ((0, a), (a, split), (split, b), (b, n - 1)):
        mark(first, last)
    return sorted(keep)


def plane(features):
    lons = [p[0] for f in features for r in rings(f) for p in r]
    lats = [p[1] for f in features for r in rings(f) for p in r]
    rad = math.pi / 180
    ys = EARTH_RADIUS_M * rad
    xs = ys * math.cos((min(lats) + max(lats)) / 2 * rad)
    return min(lons), max(lats), xs, ys, (max(lons) - min(lons)) * xs, (max(lats) - min(lats)) * ys


def rings(feature):
    g = feature["geometry"]
    polygons = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
    return [r for p in polygons for r in p]


def simplified(features, tol):
    lon0, lat1, xs, ys, _, _ = plane(features)
    out = []
    for f in features:
        for r in rings(f):
            m = [((lon - lon0) * xs, (lat1 - lat) * ys) for lon, lat in r]
            out.append([r[i] for i in douglas_peucker(m, tol)])
    return out


def svg_number(v):
    tenths = math.floor(abs(v) * 10 + 0.5 + 1e-9)
    text = str(tenths // 10) + ("." + str(tenths % 10) if tenths % 10 else "")
    return ("-" + text) if v < 0 and tenths else text


def expected_path(feature, features):
    lon0, lat1, xs, ys, w, h = plane(features)
    scale = MAP_SIZE / max(w, h)
    parts = []
    for r in rings(feature):
        pts = [svg_number((lon - lon0) * xs * scale) + " " + svg_number((lat1 - lat) * ys * scale)
               for lon, lat in r[:-1]]
        parts.append("M" + pts[0] + "L" + " ".join(pts[1:]) + "Z")
    return "".join(parts)


def run(*args, cwd=None, check=True):
    p = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)
    if check and p.returncode not in (0, 1):
        sys.exit(f"{args}: exit {p.returncode}\n{p.stderr}")
    return p


def fail(message):
    sys.exit("map: " + message)


def collection(features):
    return {"type": "FeatureCollection", "features": features}


def square(code, x, y, size, key="id", hole=False):
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    coords = [ring]
    if hole:
        q = size / 4
        coords.append([[x + q, y + q], [x + q, y + 3 * q], [x + 3 * q, y + 3 * q],
                       [x + 3 * q, y + q], [x + q, y + q]])
    f = {"type": "Feature", "properties": {"name": code},
         "geometry": {"type": "Polygon", "coordinates": coords}}
    if key == "id":
        f["id"] = code
    else:
        f["properties"][key] = code
    return f


def check_simplifier(simplify, tmp, root):
    # A square with points along its sides within 5 m, a spike of 80 m,
    # and a ring of 1 m across (smaller than any tolerance): known answers.
    lat, lon, d = 21.0, 105.8, 0.001   # about 104 m x 111 m
    side = [[lon + d * i / 10, lat] for i in range(11)]
    wobble = [[lon + d, lat + d * i / 10 + (0.00002 if i % 2 else 0)] for i in range(1, 11)]
    top = [[lon + d - d * i / 10, lat + d] for i in range(1, 11)]
    spike = [[lon - 0.0008, lat + d / 2]]
    ring = side + wobble + top + [[lon, lat + d * 0.7]] + spike + [[lon, lat + d * 0.3]] + [side[0]]
    tiny = [[106.0 + 1e-6 * math.cos(t / 8 * 2 * math.pi), 21.0 + 1e-6 * math.sin(t / 8 * 2 * math.pi)]
            for t in range(8)]
    tiny.append(tiny[0])
    features = [{"type": "Feature", "id": "A", "properties": {},
                 "geometry": {"type": "Polygon", "coordinates": [ring]}},
                {"type": "Feature", "id": "B", "properties": {},
                 "geometry": {"type": "Polygon", "coordinates": [tiny]}}]
    cases = [(collection(features), 10.0)]
    shipped = json.loads((root / "rules/refs/hanoi-units.geojson").read_text())
    cases.append((shipped, 200.0))
    for number, (doc, tol) in enumerate(cases):
        src, dst = tmp / f"in{number}.geojson", tmp / f"out{number}.geojson"
        src.write_text(json.dumps(doc))
        run(simplify, src, dst, tol)
        got = [r for f in json.loads(dst.read_text())["features"] for r in rings(f)]
        want = simplified(doc["features"], tol)
        if len(got) != len(want):
            fail(f"case {number}: {len(got)} rings, expected {len(want)}")
        for k, (g, w) in enumerate(zip(got, want)):
            if len(g) != len(w) or any(abs(a - c) > 1e-7 or abs(b - e) > 1e-7
                                       for (a, b), (c, e) in zip(g, w)):
                fail(f"case {number} ring {k}: kept {len(g)} points, Python keeps {len(w)}")
            if g[0] != g[-1] or len(g) < 4:
                fail(f"case {number} ring {k}: not a closed polygon after simplification")
        if number == 0:
            # the corners and the spike (with the points it turns at)
            # stay; the wobble and the points along the sides go
            corners = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d],
                       [lon, lat + d * 0.7], spike[0], [lon, lat + d * 0.3], [lon, lat]]
            if any(abs(p[0] - q[0]) > 1e-9 or abs(p[1] - q[1]) > 1e-9
                   for p, q in zip(got[0], corners)) or len(got[0]) != len(corners):
                fail(f"known square: kept {got[0]}")
            if len(got[1]) != 5:
                fail(f"a ring 1 m across keeps {len(got[1])} points, not 5")
    print("map: the simplifier keeps what a Python Douglas–Peucker keeps (known polygons, Hanoi at 200 m)")


def svg_of(page):
    m = re.search(r'<svg class="map".*?</svg>', page, re.S)
    if not m:
        fail("no map in the page")
    return m.group(0)


def well_formed(svg, tmp):
    path = tmp / "map.svg"
    path.write_text(svg)
    p = run("xmllint", "--noout", path, check=False)
    if p.returncode:
        fail("the map is not well-formed XML:\n" + p.stderr)
    return ET.fromstring(svg)


def drawn(tree):
    """{code: (path element, href or None)} from the titles' codes."""
    out = {}
    for node in tree:
        if node.tag == SVG + "a":
            path = node.find(SVG + "path")
            out[path.find(SVG + "title").text.split(" ")[0].rstrip(":")] = (path, node.get("href"))
        elif node.tag == SVG + "path":
            out[node.find(SVG + "title").text.split(" ")[0].rstrip(":")] = (node, None)
    return out


def check_audit(dqa, tmp):
    # A, B on the map with rows (A passes, B fails), C with rows not on
    # the map, D expected and on the map without rows, E only on the map.
    features = [square("A", 105.80, 21.00, 0.01, "unit_code"),
                square("B", 105.81, 21.00, 0.01, "unit_code", hole=True),
                square("D", 105.80, 21.01, 0.01, "unit_code"),
                square("E", 105.81, 21.01, 0.01, "unit_code")]
    (tmp / "units.geojson").write_text(json.dumps(collection(features)))
    (tmp / "units.csv").write_text("code,name\nA,Phường An\nB,Xã Bình\nC,Phường Cầu\nD,Xã Đông\n",
                                   encoding="utf-8")
    (tmp / "rules.yaml").write_text(
        "version: 1\ndataset:\n  name: m\n  unit: u\n"
        "  expected_units: {file: units.csv, code: code, name: name}\n"
        "  map: {file: units.geojson, code: unit_code, tolerance: 1}\n"
        "correct:\n  - regex: {column: v, pattern: '^[0-9]+$'}\n")
    # B: 1 of 3 values pass the regex, structure passes: (33.33 + 100) / 2
    (tmp / "data.csv").write_text("u,v\nA,1\nA,2\nB,1\nB,x\nB,y\nC,3\n")
    run(dqa, "audit", "rules.yaml", "data.csv", "--now", "2026-11-22", "--out", "out", "-q", cwd=tmp)
    page = (tmp / "out/index.html").read_text()
    tree = well_formed(svg_of(page), tmp)
    paths = drawn(tree)
    if sorted(paths) != ["A", "B", "D", "E"]:
        fail(f"features drawn: {sorted(paths)}")
    for f in features:
        code = f["properties"]["unit_code"]
        path, href = paths[code]
        if path.get("d") != expected_path(f, features):
            fail(f"{code}: path {path.get('d')!r}, expected {expected_path(f, features)!r}")
        if code != "E" and href != f"units/{code}.html":
            fail(f"{code}: links to {href}")
    if paths["A"][0].get("class") != "h-pass" or paths["B"][0].get("class") != "h-fail":
        fail("A is not drawn as passing or B as failing")
    for code in "DE":
        if paths[code][0].get("fill") != "url(#map-hatch)":
            fail(f"{code} has no rows but is not hatched")
    if tree.find(f".//{SVG}pattern[@id='map-hatch']") is None:
        fail("no hatch pattern")
    legend = re.search(r'<ul class="legend">(.*?)</ul>', page)
    swatches = re.findall(r'<li class="sw-(\w+)"', legend.group(1)) if legend else []
    if swatches != ["pass", "fail", "hatch"]:
        fail(f"the legend shows {swatches}, not the colours drawn (pass, fail, hatched)")
    title = paths["A"][0].find(SVG + "title").text
    if title != "A · Phường An: 100.00":
        fail(f"A's title: {title!r}")
    off = re.search(r'<details class="off-map" open><summary>(.*?)</summary><p>(.*?)</p>', page)
    if not off or "C · Phường Cầu" not in off.group(2) or "(1)" not in off.group(1):
        fail("C, in the data but not on the map, is not listed under it")
    run(dqa, "report", "out/result.json", "--out", "again", "--lang", "vi", cwd=tmp)
    again = (tmp / "again/index.html").read_text()
    vi_paths = drawn(well_formed(svg_of(again), tmp))
    if [p.get("d") for p, _ in vi_paths.values()] != [p.get("d") for p, _ in paths.values()]:
        fail("dqa report draws another map")
    if vi_paths["B"][0].find(SVG + "title").text != "B · Xã Bình: 66,67":
        fail(f"vi title of B: {vi_paths['B'][0].find(SVG + 'title').text!r}")
    # result.json carries the drawing: the map file is not needed again
    result = json.loads((tmp / "out/result.json").read_text())
    shapes = {s["code"]: s["d"] for s in result["map"]["shapes"]}
    if shapes != {f["properties"]["unit_code"]: expected_path(f, features) for f in features}:
        fail(f"result.json's map shapes: {shapes}")
    (tmp / "units.geojson").rename(tmp / "moved.geojson")
    (tmp / "elsewhere").mkdir()
    (tmp / "out/result.json").rename(tmp / "elsewhere/result.json")
    run(dqa, "report", "result.json", "--out", "moved", cwd=tmp / "elsewhere")
    moved = (tmp / "elsewhere/moved/index.html").read_text()
    if svg_of(moved) != svg_of(page) or moved != page:
        fail("a result moved away from its map file draws another index.html")
    del result["map"]["shapes"]
    (tmp / "old.json").write_text(json.dumps(result))
    run(dqa, "report", "old.json", "--out", "old", cwd=tmp)
    old = (tmp / "old/index.html").read_text()
    if 'class="map"' in old or "This result holds no map shapes" not in old:
        fail("a result without map shapes does not say so")
    print("map: four units drawn as recomputed, linked, titled, hatched and listed (en, vi, "
          "dqa report, moved, without shapes)")


def check_hanoi(dqa, root, tmp):
    units = [line.split(",")[0] for line in
             (root / "rules/refs/hanoi-units.csv").read_text(encoding="utf-8").splitlines()[1:]]
    refs = root / "rules/refs"
    (tmp / "hanoi.yaml").write_text(
        "version: 1\ndataset:\n  name: hanoi\n  unit: ward_code\n"
        f"  expected_units: {{file: {refs}/hanoi-units.csv, code: unit_code, name: unit_full_name}}\n"
        f"  map: {refs}/hanoi-units.geojson\n"
        "correct:\n  - regex: {column: v, pattern: '^[0-9]+$'}\n")
    rows = ["ward_code,v"] + [f"{u},{i if i % 7 else 'x'}" for i, u in enumerate(units[1:])]
    rows += [f"X{i:02d},1" for i in range(11)]   # 11 units not on the map: folded
    (tmp / "hanoi.csv").write_text("\n".join(rows) + "\n")
    run(dqa, "audit", "hanoi.yaml", "hanoi.csv", "--now", "2026-11-22", "--out", "hanoi", "-q",
        cwd=tmp)
    page = (tmp / "hanoi/index.html").read_bytes()
    paths = drawn(well_formed(svg_of(page.decode()), tmp))
    if len(paths) != 126 or set(paths) != set(units):
        fail(f"Hanoi: {len(paths)} units drawn")
    if paths[units[0]][0].get("fill") != "url(#map-hatch)":
        fail(f"{units[0]}, without rows, is not hatched")
    if b'<details class="off-map"><summary>In the data but not on the map (11)</summary>' not in page:
        fail("11 units not on the map are not folded under it")
    if len(page) >= 1_500_000:
        fail(f"Hanoi's index.html is {len(page)} bytes")
    print(f"map: Hanoi's 126 units drawn, index.html {len(page):,} bytes (< 1.5 MB)")
    (tmp / "city.yaml").write_text("version: 1\nname: city\ndatasets:\n"
                                   "  - rules: hanoi.yaml\n    data: [hanoi.csv]\n")
    run(dqa, "audit", "--suite", "city.yaml", "--now", "2026-11-22", "--out", "city", "-q", cwd=tmp)
    city = drawn(well_formed(svg_of((tmp / "city/index.html").read_text()), tmp))
    if len(city) != 126 or not city[units[1]][1]:
        fail("the city dashboard does not draw the linked map")
    print("map: the city dashboard draws it, each unit linked")


def main():
    dqa, simplify, root = (pathlib.Path(a).resolve() for a in sys.argv[1:4])
    scratch = os.environ.get("TMPDIR")
    with tempfile.TemporaryDirectory(prefix="dqa-map-", dir=scratch) as t:
        tmp = pathlib.Path(t)
        check_simplifier(simplify, tmp, root)
        check_audit(dqa, tmp)
        check_hanoi(dqa, root, tmp)


if __name__ == "__main__":
    main()
