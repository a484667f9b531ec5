#!/usr/bin/env python3
"""dqa profile's value kinds and shapes against Python's own reading.

usage: verify_kinds.py DQA

The profile runs a kind test only on values whose characters let it pass
(lib/profile/kinds.c); this checks that the counts stay those of every
test on every value. Writes columns of tricky values (signs, exponents, decimal
commas, leading zeros, dates in every format with one- and two-digit
fields, phone numbers with and without +84, 84 and separators, Latin-1 and
Vietnamese letters) and recomputes from the grammars of dqa(1) and
dqa-rules(5): integers and numbers by regular expressions, dates with
datetime.strptime, phones by the correct.vn_phone rules, codes, and the
shape of each letter from its Unicode category (unicodedata). Then the
whole shape, length and UTF-8 validity of values chosen against the shape
pass's fast paths (digit runs read eight bytes at a time, two-byte letters
and U+1E00-U+1EFF by table, the rest by utf8proc): runs of 7 to 17 bytes,
runs past the shape's 40 characters, mixed scripts, four-byte characters
and invalid UTF-8, one value a column.
"""
import csv
import datetime
import json
import random
import re
import subprocess
import sys
import tempfile
import unicodedata

FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y", "%d.%m.%Y", "%m/%d/%Y",
           "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%d/%m/%Y %H:%M:%S"]


def integer(v):
    if len(v) > 1 and v[0] == "0" or not re.fullmatch(r"[+-]?[0-9]+", v):
        return False
    return -2**63 <= int(v) <= 2**63 - 1


def number_grammar(v):
    return re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?", v) is not None


def number(v):
    leading_zero = len(v) > 1 and v[0] == "0"
    return integer(v) or ((not leading_zero or v[1] == ".") and number_grammar(v))


def decimal_comma(v):
    i = v.find(",")
    return (v.count(",") == 1 and "." not in v and len(v) < 64 and 0 < i < len(v) - 1
            and number_grammar(v.replace(",", ".")))


def formats(v):
    found = []
    for f in FORMATS:
        try:
            datetime.datetime.strptime(v, f)
            found.append(f)
        except ValueError:
            pass
    return found


def phone(v):
    """correct.vn_phone: 0, +84 or 84, then digits with single spaces, dots
    or dashes between them; 03/05/07/08/09 and 10 digits, or 02 and 11."""
    if not 10 <= len(v) <= 20:
        return False
    start = 3 if v.startswith("+84") else 2 if v.startswith("84") else 0
    national = "0" if start else ""
    if not start and v.startswith("+"):
        return False
    for i in range(start, len(v)):
        c = v[i]
        if c.isdigit() and c.isascii():
            national += c
        elif c not in " .-" or i == 0 or i + 1 == len(v) or v[i + 1] in " .-":
            return False
    if len(national) < 2 or national[0] != "0":
        return False
    if national[1] == "0" and v[0] != "0":
        return False
    if national[1] not in "235789":
        return False
    return len(national) == (11 if national[1] == "2" else 10)


def code(v):
    return (len(v) <= 40 and re.fullmatch(r"[A-Za-z0-9_./-]+", v) is not None
            and re.search(r"[0-9]", v) is not None)


def expected_kinds(values):
    kinds, times = {}, {}
    for v in values:
        first = v[0]
        numeric = first.isdigit() or first in "+-."
        found = formats(v) if numeric else []
        for f in found:
            times[f] = times.get(f, 0) + 1
        names = set()
        if any("%H" not in f for f in found):
            names.add("date")
        if any("%H" in f for f in found):
            names.add("datetime")
        if numeric and integer(v):
            names.add("integer")
        if numeric and number(v):
            names.add("number")
        if numeric and decimal_comma(v):
            names.add("decimal_comma")
        if numeric and phone(v):
            names.add("phone")
        if code(v):
            names.add("code")
        for n in names:
            kinds[n] = kinds.get(n, 0) + 1
    return kinds, times


def number_values(rnd):
    fixed = ["0", "00", "007", "0.5", "00.5", "01.5", ".5", "5.", "-.5", "+.5", "1e5", "1E-3",
             "2e+7", "1e", "e5", "1.2.3", "+2", "-0", "+0012", "-", "+", "12,5", "-12,5", "5,",
             "0,5", "007,5", "1,2,3", "1,2.3", "1e5,3", "9223372036854775807",
             "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "1-2",
             "1+2", "2026-01-01", "1 2", "12a", "0x1F", "1_000", "1/2", "+84", "-1e-5", "3.14e2"]
    out = fixed[:]
    for _ in range(400):
        sign = rnd.choice(["", "", "-", "+"])
        body = str(rnd.randint(0, 10**rnd.randint(1, 12)))
        form = rnd.randrange(5)
        if form == 1:
            body += "." + str(rnd.randint(0, 999))
        elif form == 2:
            body += "," + str(rnd.randint(0, 999))
        elif form == 3:
            body += rnd.choice("eE") + rnd.choice(["", "-", "+"]) + str(rnd.randint(0, 30))
        elif form == 4:
            body = "0" * rnd.randint(1, 2) + body
        out.append(sign + body)
    return out


def date_values(rnd):
    out = ["2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10", "31/04/2026", "001/01/2026",
           "2026-1-1", "1/1/2026", "2026/1/1", "1.1.2026", "2026-01-01T24:00:00",
           "2026-01-01T23:59:59Z", "2026-01-01 7:5:3", "2026-01-01T07:05", "26-01-01",
           "20260101", "2026-01-01x", "2026–01–01", "12/31/2026", "31/12/2026 23:59:59",
           "2026.01.01", "2024-02-29 12:00:00", "2023-02-29T00:00:00", "2026-12-31T23:59:60",
           "2026-01-01 24:00:00", "2026-01-01T23:60:00Z", "29/02/2024", "29/02/2023",
           "02/29/2024", "00/01/2026", "13/13/2026", "2000-02-29", "1900-02-29", " 2026-01-01",
           "2026-01-01 ", "2026-04-31", "2026-01-01 00:00:00Z"]
    for _ in range(400):
        d = datetime.datetime(rnd.randint(1950, 2030), rnd.randint(1, 12), rnd.randint(1, 28),
                              rnd.randint(0, 23), rnd.randint(0, 59), rnd.randint(0, 59))
        f = rnd.choice(FORMATS)
        v = d.strftime(f)
        if rnd.random() < 0.3:
            v = re.sub(r"(?<![0-9])0(?=[0-9])", "", v)   # one-digit fields
        out.append(v)
    return out


def phone_values(rnd):
    out = ["0912345678", "+84912345678", "84912345678", "0912 345 678", "0912.345.678",
           "0912-345-678", "0912  345678", " 0912345678", "0912345678 ", "+840912345678",
           "02438234567", "+842438234567", "0212345678", "0112345678", "0612345678",
           "091234567", "09123456789", "849123456789", "+1912345678", "0912345a78",
           "0912/345/678", "(091)2345678", "0912-345 678", "84 912 345 678", "+84 912-345-678"]
    for _ in range(400):
        prefix = rnd.choice(["0", "0", "+84", "84", ""])
        digits = rnd.choice("0123456789") + "".join(rnd.choice("0123456789")
                                                    for _ in range(rnd.randint(7, 10)))
        v = prefix + digits
        if rnd.random() < 0.4:
            cut = rnd.randint(1, len(v) - 1)
            v = v[:cut] + rnd.choice([" ", ".", "-", "  ", "/"]) + v[cut:]
        out.append(v)
    return out


def letter_values():
    points = list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00))
    return [chr(cp) for cp in points if unicodedata.category(chr(cp))[0] in "LM"]


def shape_of(ch):
    cat = unicodedata.category(ch)
    return "A" if cat == "Lu" else "a" if cat in ("Ll", "Lt", "Lm", "Lo", "Mn") else "?"


SHAPE_MAX = 40


def full_shape(raw):
    """The shape rules of dqa(1) on raw bytes: a digit is 9 but a leading 0
    stays, a run of letters (Lu, Ll, Lt, Lm, Lo, Mn) is A or a by its first,
    other ASCII stays, any other character or bad byte is ?."""
    text = raw.decode("utf-8", "surrogateescape")
    out, in_word = [], False
    for i, ch in enumerate(text):
        if "0" <= ch <= "9":
            out.append("0" if i == 0 and ch == "0" else "9")
            in_word = False
        elif 0xDC80 <= ord(ch) <= 0xDCFF:
            out.append("?")
            in_word = False
        else:
            letter = shape_of(ch) if not ch.isascii() else (
                "A" if ch.isupper() else "a" if ch.islower() else None)
            letter = None if letter == "?" else letter
            if letter is None:
                out.append(ch if ch.isascii() else "?")
            elif not in_word:
                out.append(letter)
            in_word = letter is not None
    return "".join(out)[:SHAPE_MAX]


def tricky_values():
    digits = "31415926535897932384626433832795028841971693993751"
    out = [digits[:n].encode() for n in (7, 8, 9, 15, 16, 17, 41, 48)]
    out += [b"0" + digits[:n].encode() for n in (6, 7, 8, 15, 16)]
    out += [digits[:n].encode() + tail for n in (7, 8, 9, 16)
            for tail in (b"a", b"-", "\u00e9".encode(), b"\xff")]
    words = ["Nguyễn Thị Ánh", "Москва-2024", "東京タワー", "Ελλάδα", "ǅemal", "ʰa", "e\u0301x",
             "\ufb01le", "\u216b", "€100", "“quoted”", "\U0001f600x", "\u1e9e", "\u1efa\u1eff",
             "\u1e00\u1e01", "ßtraße", "x×y÷z", "ăĂđĐĩĨũŨơƠưƯ", "abcdefghijklmnopq",
             "ABCDEFGH12345678abcdefgh", "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v2",
             "Đường Nguyễn Trãi " * 4, "9 a " * 15]
    out += [w.encode() for w in words]
    out += [b"abc\xff", b"\xc3", b"\xc3(", b"\xe1\xbb", b"\xe1\xbbx", b"\xed\xa0\x80",
            b"\xc0\x80", b"\xf4\x90\x80\x80", b"\x80abc", "Nguyễn".encode() + b"\xc3",
            b"12345678\xe1\xbb\x85"]
    return out


def check_tricky(dqa):
    """Each tricky value in a column of its own: its shape, its length in
    characters when it is UTF-8, and whether dqa finds it invalid."""
    values = tricky_values()
    header = b",".join(b"c%d" % i for i in range(len(values)))
    with tempfile.NamedTemporaryFile("wb", suffix=".csv") as f:
        f.write(header + b"\n" + b",".join(values) + b"\n")
        f.flush()
        out = subprocess.run([dqa, "profile", f.name, "--format", "json",
                              "--now", "2026-11-22T00:00:00Z"],
                             capture_output=True, check=True).stdout
    got = json.loads(out)["columns"]
    failures = 0
    for raw, col in zip(values, got):
        try:
            chars, valid = len(raw.decode("utf-8")), True
        except UnicodeDecodeError:
            chars, valid = None, False
        shape = col["shapes"][0]["shape"]
        invalid = col["hygiene"].get("invalid_utf8", 0) == 1
        if (shape != full_shape(raw) or invalid == valid
                or (valid and col["length"]["min"] != chars)):
            failures += 1
            print(f"{raw!r}: shape {shape!r} length {col['length']} invalid {invalid}, "
                  f"expected {full_shape(raw)!r} {chars} {not valid}")
    return failures


# clean.placeholder's default list, as dqa-rules(5) gives it.
PLACEHOLDERS = {p.casefold() for p in [
    "N/A", "#N/A", "NA", "null", "none", "-", "--", "?", "0", "0000000000",
    "0000-00-00", "00/00/0000", "x", "không có", "chưa có"]}


def placeholder(v):
    return unicodedata.normalize("NFC", v.strip(" \t\r\n")).casefold() in PLACEHOLDERS


def placeholder_values():
    """The default placeholders in other cases, spaced and decomposed, with
    near misses: the profile skips folding by the bytes a value holds."""
    out = []
    for p in ["N/A", "#N/A", "NA", "null", "none", "-", "--", "?", "0", "0000000000",
              "0000-00-00", "00/00/0000", "x", "không có", "chưa có"]:
        out += [p, p.upper(), p.title(), " " + p + " ", unicodedata.normalize("NFD", p),
                unicodedata.normalize("NFD", p.upper()) + "\t", p + "0", p + "s", "0" + p]
    out += ["\u212ahông có", "\u212aHÔNG CÓ", "không  có", "khong co", "n/a/", "NUL",
            "00000000000", "0000-00-01", "00-00-0000", "Ｘ", "x\u0301", "Nguyễn", "chua co",
            "0" * 10 + "\u0301", "?\u0301", "-\u0302"]
    return out


def template_values(rnd):
    """Runs of values that share a template (digits at the same places,
    the same other bytes) with a leading zero or not, and near misses: a
    digit where a letter was, another separator, one byte more."""
    bases = ["2026-07-19 00:55:02", "0963546594", "040039101440", "HN-00001-001",
             "ab12cd34ef56gh78", "x1234567", "12.345.678", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0"]
    out = []
    for _ in range(1500):
        v = list(rnd.choice(bases))
        for _ in range(rnd.randint(0, 3)):
            i = rnd.randrange(len(v))
            v[i] = rnd.choice("0123456789" if v[i].isdigit() and rnd.random() < 0.9
                              else "0123456789a-")
        if rnd.random() < 0.05:
            v.append(rnd.choice("0a-"))
        out.append("".join(v))
    return out


def profile_column(dqa, name, values):
    """dqa's profile of one column holding values, as JSON."""
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([name])
        w.writerows([v] for v in values)
        f.flush()
        out = subprocess.run([dqa, "profile", f.name, "--format", "json",
                              "--now", "2026-11-22T00:00:00Z"],
                             capture_output=True, text=True, check=True).stdout
    return json.loads(out)["columns"][0]


def check_templates(dqa, rnd):
    """The shapes of a column whose values mostly share a template (the
    profile reuses the last value's shape pass), fewer than the shape
    counter keeps, so that their counts are exact."""
    values = [v for v in template_values(rnd) if v.strip(" ")]
    col = profile_column(dqa, "t", values)
    want = {}
    for v in values:
        shape = full_shape(v.encode())
        want[shape] = want.get(shape, 0) + 1
    have = {s["shape"]: s["count"] for s in col["shapes"]}
    wrong = {s: n for s, n in have.items() if want.get(s) != n}
    if len(want) > 256 or not have or wrong or col["length"]["min"] != min(map(len, values)):
        print(f"template shapes {wrong} of {len(want)}, expected {[want.get(s) for s in wrong]}")
        return 1
    return 0


def check_placeholders(dqa):
    values = placeholder_values()
    col = profile_column(dqa, "p", values)
    have, want = col["hygiene"].get("placeholder", 0), sum(map(placeholder, values))
    if col["type"] != "text" or have != want:
        print(f"placeholders: {have} in a column of {col['type']}, expected {want} in text")
        return 1
    return 0


def main():
    dqa = sys.argv[1]
    rnd = random.Random(22)
    columns = {"number": number_values(rnd), "date": date_values(rnd), "phone": phone_values(rnd),
               "letter": letter_values()}
    rows = max(len(v) for v in columns.values())
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(list(columns))
        for i in range(rows):
            w.writerow([vals[i] if i < len(vals) else "" for vals in columns.values()])
        f.flush()
        out = subprocess.run([dqa, "profile", f.name, "--format", "json",
                              "--now", "2026-11-22T00:00:00Z"],
                             capture_output=True, text=True, check=True).stdout
    got = {c["name"]: c for c in json.loads(out)["columns"]}
    checked = ("integer", "number", "decimal_comma", "date", "datetime", "phone", "code")
    failures = 0
    for name, values in columns.items():
        values = [v for v in values if v.strip(" \t")]
        kinds, times = expected_kinds(values)
        have = {k: n for k, n in got[name]["kinds"].items() if k in checked}
        if have != kinds or got[name]["time_formats"] != times:
            failures += 1
            print(f"{name}: kinds {have} time_formats {got[name]['time_formats']}, "
                  f"expected {kinds} {times}")
    shapes = {}
    for ch in columns["letter"]:
        shapes[shape_of(ch)] = shapes.get(shape_of(ch), 0) + 1
    have = {s["shape"]: s["count"] for s in got["letter"]["shapes"]}
    if have != shapes:
        failures += 1
        print(f"letter shapes {have}, expected {shapes}")
    failures += check_tricky(dqa)
    failures += check_placeholders(dqa)
    failures += check_templates(dqa, rnd)
    print("ok" if not failures else f"{failures} columns differ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
