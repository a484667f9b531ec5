#!/usr/bin/env python3
"""Generate testdata/citizens.csv and testdata/citizens.csv.gz, the synthetic citizen
registry audited by rules/examples/citizens.yaml.

Deterministic (fixed seed, stdlib only): running it again yields the same bytes.
Every defect is planted on purpose, at rates that vary per ward so that a few wards
fail, some warn and most pass. The expected audit is computed independently by
tests/independent/expected_citizens.py; this script only prints what it planted.

usage: gen_citizens.py [OUTPUT_DIR]     (default: <repo>/testdata)
"""

import collections
import csv
import datetime
import gzip
import io
import os
import random
import sys
import unicodedata
from itertools import islice

SEED = 20261122
NOW = datetime.date(2026, 11, 22)          # the audit date the tests pass as --now
MAX_AGE_DAYS = 180                         # alive.fresh max_age in citizens.yaml
HEADER = ["citizen_id", "full_name", "gender", "birth_date", "phone", "ward_code",
          "address", "household_size", "income", "updated_at"]

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WARDS_CSV = os.path.join(REPO, "rules", "refs", "hanoi-units.csv")

# Expected wards that get no rows at all: reported as "missing" units.
MISSING_WARDS = ["00226", "08995", "10210"]
# Wards with fewer rows than `rows: {min: 10, per_unit: true}` asks for.
TINY_WARDS = {"00082": 3, "00376": 5, "09574": 6, "09955": 8, "10369": 9}
# Units outside the reference list: a foreign code, a plausible typo, and the empty code.
STRAY_UNITS = {"99999": 4, "00002": 3, "": 3}

# Per-ward quality profiles: (defect rate multiplier, share of stale updated_at).
# Wards not listed are "ordinary": multiplier drawn in [0.4, 1.6], 0-4 % stale.
PROFILES = {
    # failing wards: very stale and/or very messy
    "00385": (20.0, 1.00),
    "09706": (12.0, 0.45),
    "09955": (15.0, 1.00),      # tiny as well
    # warning wards
    "00103": (8.0, 0.20), "00301": (3.0, 0.55), "00541": (6.0, 0.30),
    "00619": (1.0, 0.65), "00679": (10.0, 0.10), "09634": (5.0, 0.35),
    "09856": (7.0, 0.25), "10015": (4.0, 0.45), "10237": (9.0, 0.15),
    # sloppy but passing
    "00160": (4.0, 0.08), "00352": (5.0, 0.05), "00602": (4.0, 0.10),
    "09552": (5.0, 0.06), "09772": (4.0, 0.12), "10096": (5.0, 0.05),
    "10441": (3.0, 0.15),
}

# Base probability per row of each planted defect (multiplied by the ward's multiplier).
BASE_RATES = {
    "citizen_id_malformed": 0.006,
    "citizen_id_empty": 0.002,
    "citizen_id_duplicate": 0.006,
    "full_name_empty": 0.002,
    "full_name_blank": 0.002,
    "full_name_spacing": 0.008,
    "full_name_too_long": 0.003,
    "gender_invalid": 0.006,
    "birth_date_invalid": 0.006,
    "phone_invalid": 0.008,
    "address_spacing": 0.010,
    "household_size_not_integer": 0.005,
    "household_size_out_of_range": 0.004,
    "income_not_number": 0.006,
    "updated_at_unparseable": 0.003,
}

SURNAMES = (["Nguyễn"] * 38 + ["Trần"] * 11 + ["Lê"] * 10 + ["Phạm"] * 7 + ["Hoàng"] * 5
            + ["Vũ"] * 4 + ["Đặng"] * 3 + ["Bùi"] * 3 + ["Đỗ"] * 3 + ["Ngô"] * 2
            + ["Dương", "Đào", "Đinh", "Hồ", "Lý", "Mai", "Phan", "Tạ", "Trịnh", "Lương",
               "Hà", "Tô", "Chu", "Kiều"])
MIDDLE = {
    "Nam": ["Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân", "Mạnh",
            "Tiến", "Trọng", "Duy", "Anh"],
    "Nữ": ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Phương", "Minh", "Bích", "Hồng",
           "Thùy", "Kim", "Lan", "Khánh"],
}
GIVEN = {
    "Nam": ["An", "Anh", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hoàng", "Hùng",
            "Huy", "Khánh", "Khoa", "Kiên", "Long", "Minh", "Nam", "Nghĩa", "Phong", "Phúc",
            "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Trung", "Tuấn", "Tùng", "Việt",
            "Vinh", "Lâm", "Đông", "Hưng", "Toàn"],
    "Nữ": ["Anh", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hạnh", "Hoa", "Huyền", "Hương",
           "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung",
           "Oanh", "Phương", "Quỳnh", "Thảo", "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Xuân",
           "Diệp", "Hiền", "Thư", "Trâm"],
}
STREETS = ["Hàng Bột", "Tôn Đức Thắng", "Kim Mã", "Láng", "Nguyễn Trãi", "Giải Phóng",
           "Trường Chinh", "Xã Đàn", "Hoàng Quốc Việt", "Cầu Giấy", "Đội Cấn", "Lạc Long Quân",
           "Âu Cơ", "Nguyễn Văn Cừ", "Ngọc Lâm", "Minh Khai", "Bạch Mai", "Trần Duy Hưng",
           "Lê Văn Lương", "Nguyễn Chí Thanh", "Phạm Văn Đồng", "Kim Ngưu", "Tam Trinh",
           "Lĩnh Nam", "Thụy Khuê", "Hoàng Hoa Thám", "Văn Cao", "Đê La Thành", "Tây Sơn",
           "Thái Hà", "Chùa Bộc", "Khâm Thiên", "Lò Đúc", "Hàng Bài", "Bà Triệu", "Huế"]
BUILDINGS = ["CT1", "CT2", "CT3", "HH1A", "HH2B", "N04", "B4", "A2", "17T3", "24T1"]
QUOTED_PLACES = ['khu tập thể "Nhà máy Dệt 8-3"', 'chung cư "Hoàng Anh Gia Lai"',
                 'khu đô thị "Văn Quán"', 'tập thể "Bộ Công an"', 'chung cư "Mipec"',
                 'khu tập thể "Thành Công"']
PHONE_PREFIXES = ["032", "033", "034", "035", "036", "037", "038", "039", "056", "058",
                  "070", "076", "077", "078", "079", "081", "082", "083", "084", "085",
                  "086", "088", "089", "090", "091", "093", "094", "096", "097", "098"]


def load_wards():
    """(code, full name) of Hanoi's 126 units since 1 July 2025, in code order."""
    with open(WARDS_CSV, encoding="utf-8", newline="") as f:
        return [(r["unit_code"], r["unit_full_name"]) for r in csv.DictReader(f)]


def in_address(ward_name):
    """"Phường Ba Đình" is written "phường Ba Đình" inside an address."""
    return ward_name[0].lower() + ward_name[1:]


def rand_date(rng, first, last):
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def make_citizen_id(rng, birth, gender, used):
    """12 digits shaped like a Vietnamese citizen ID: province 001 (Hanoi), a
    century/gender digit, two birth-year digits, then six random digits."""
    century_gender = (0 if birth.year < 2000 else 2) + (1 if gender == "Nữ" else 0)
    while True:
        cid = "001%d%02d%06d" % (century_gender, birth.year % 100, rng.randint(0, 999999))
        if cid not in used:
            used.add(cid)
            return cid


def make_name(rng, gender):
    return " ".join([rng.choice(SURNAMES), rng.choice(MIDDLE[gender]), rng.choice(GIVEN[gender])])


def make_address(rng, ward_name):
    """A clean address; about half carry commas, so they need CSV quoting anyway."""
    number = rng.randint(1, 220)
    street = rng.choice(STREETS)
    style = rng.random()
    if style < 0.35:
        return "Số %d ngõ %d phố %s" % (number, rng.randint(1, 180), street)
    if style < 0.80:
        return "Số %d, ngõ %d, phố %s, %s, Hà Nội" % (
            number, rng.randint(1, 180), street, in_address(ward_name))
    if style < 0.95:
        return "Phòng %d, tòa %s, %s" % (rng.randint(101, 2412), rng.choice(BUILDINGS), ward_name)
    return "Số %d phố %s" % (number, street)


def clean_row(rng, ward, used_ids):
    code, ward_name = ward
    gender = "Nam" if rng.random() < 0.49 else "Nữ"
    birth = rand_date(rng, datetime.date(1935, 1, 1), datetime.date(2025, 12, 31))
    phone = "" if rng.random() < 0.08 else rng.choice(PHONE_PREFIXES) + "%07d" % rng.randint(0, 9999999)
    income = "" if rng.random() < 0.10 else str(rng.randrange(0, 60_000_000, 50_000))
    updated = rand_date(rng, NOW - datetime.timedelta(days=MAX_AGE_DAYS - 1), NOW)
    return {
        "citizen_id": make_citizen_id(rng, birth, gender, used_ids),
        "full_name": make_name(rng, gender),
        "gender": gender,
        "birth_date": birth.isoformat(),
        "phone": phone,
        "ward_code": code,
        "address": make_address(rng, ward_name),
        "household_size": str(rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6, 7, 8])),
        "income": income,
        "updated_at": updated.isoformat(),
    }


# --- planted defects: each mutates one field of a row -------------------------------

def citizen_id_malformed(rng, row):
    cid = row["citizen_id"]
    row["citizen_id"] = rng.choice([
        cid[:11],                              # 11 digits
        cid + str(rng.randint(0, 9)),          # 13 digits
        cid[:6] + " " + cid[6:],               # space inside
        cid[:11] + "A",                        # letter
        "0" + cid[4:12],                       # old 9-digit identity card number
    ])


def citizen_id_empty(rng, row):
    row["citizen_id"] = ""


def full_name_empty(rng, row):
    row["full_name"] = ""


def full_name_blank(rng, row):
    row["full_name"] = rng.choice([" ", "  ", "   "])


def full_name_spacing(rng, row):
    name = row["full_name"]
    first, rest = name.split(" ", 1)
    row["full_name"] = rng.choice([" " + name, name + " ", first + "  " + rest, "  " + name + " "])


def full_name_too_long(rng, row):
    # a note typed into the name field; always well over 60 code points
    row["full_name"] = "%s (chủ hộ, tạm trú tại số %d ngõ %d phố %s từ năm %d)" % (
        row["full_name"], rng.randint(1, 99), rng.randint(1, 99), rng.choice(STREETS),
        rng.randint(2005, 2024))


def gender_invalid(rng, row):
    row["gender"] = rng.choice(["nam", "NAM", "nữ", "Nu", "M", "F", "Khác", ""])


def birth_date_invalid(rng, row):
    year = row["birth_date"][:4]
    row["birth_date"] = rng.choice([
        year + "-02-30", year + "-13-01", year + "-04-31", "2023-02-29", "1900-02-29",
        "12/05/" + year, year + "0512", "",
    ])


def phone_invalid(rng, row):
    digits = rng.choice(PHONE_PREFIXES)[1:] + "%07d" % rng.randint(0, 9999999)
    row["phone"] = rng.choice([
        "+84" + digits, "84" + digits, "0" + digits[:2] + " " + digits[2:5] + " " + digits[5:],
        "0" + digits[:-1], "024" + "%07d" % rng.randint(0, 9999999), "0" + digits + "5",
    ])


def address_spacing(rng, row):
    addr = row["address"]
    i = addr.find(" ")
    row["address"] = rng.choice([addr[:i] + "  " + addr[i + 1:], addr + " ", " " + addr])


def household_size_not_integer(rng, row):
    row["household_size"] = rng.choice(["2.5", "3.0", "ba", "", " 3", "4 người"])


def household_size_out_of_range(rng, row):
    row["household_size"] = rng.choice(["0", "21", "25", "-1", "100"])


def income_not_number(rng, row):
    row["income"] = rng.choice(["1.200.000", "12,500,000", "abc", "7tr", "N/A", "8 500 000"])


def updated_at_unparseable(rng, row):
    row["updated_at"] = rng.choice(["22/11/2026", "2026-11-31", "2026-09-31", "2026/10/05", ""])


DEFECTS = [(name, globals()[name]) for name in BASE_RATES if name != "citizen_id_duplicate"]


def defect_field(defect):
    """The column a defect spoils: the longest column name its name starts with."""
    return max((c for c in HEADER if defect.startswith(c + "_")), key=len)


def stale_date(rng):
    """A date 181 days to 3 years before NOW: fails max_age 180d."""
    return rand_date(rng, NOW - datetime.timedelta(days=3 * 365),
                     NOW - datetime.timedelta(days=MAX_AGE_DAYS + 1)).isoformat()


def ward_profile(rng, code):
    if code in PROFILES:
        return PROFILES[code]
    return (rng.uniform(0.4, 1.6), rng.uniform(0.0, 0.04))


def generate():
    rng = random.Random(SEED)
    wards = load_wards()
    by_code = {w[0]: w for w in wards}
    planted = collections.Counter()
    used_ids = set()
    rows = []

    for ward in wards:
        code = ward[0]
        if code in MISSING_WARDS:
            continue
        count = TINY_WARDS.get(code, rng.randint(13, 37))
        factor, stale_share = ward_profile(rng, code)
        for _ in range(count):
            row = clean_row(rng, ward, used_ids)
            row["_factor"] = factor
            row["_defects"] = set()     # fields already spoilt: at most one defect per field
            for name, plant in DEFECTS:
                field = defect_field(name)
                if rng.random() < BASE_RATES[name] * factor and field not in row["_defects"]:
                    plant(rng, row)
                    row["_defects"].add(field)
                    planted[name] += 1
            if rng.random() < stale_share and "updated_at" not in row["_defects"]:
                row["updated_at"] = stale_date(rng)
                row["_defects"].add("updated_at")
                planted["updated_at_stale"] += 1
            rows.append(row)

    # Rows outside the reference list: their ward names come from random real wards.
    for code, count in STRAY_UNITS.items():
        for _ in range(count):
            row = clean_row(rng, rng.choice(wards), used_ids)
            row["ward_code"] = code
            row["_factor"] = 1.0
            row["_defects"] = {"ward_code"}
            if rng.random() < 0.3:
                row["updated_at"] = stale_date(rng)
                row["_defects"].add("updated_at")
                planted["updated_at_stale"] += 1
            rows.append(row)
            planted["ward_code_empty" if code == "" else "ward_code_not_in_ref"] += 1

    rng.shuffle(rows)

    # Duplicates are planted in file order, so the copy is always the later row.
    # Half copy an id from the same ward, half from any ward; the source is a valid id.
    for i, row in enumerate(rows):
        if i == 0 or rng.random() >= BASE_RATES["citizen_id_duplicate"] * row["_factor"]:
            continue
        if "citizen_id" in row["_defects"]:
            continue
        earlier = [r for r in rows[:i] if "citizen_id" not in r["_defects"]]
        same_ward = [r for r in earlier if r["ward_code"] == row["ward_code"]]
        source = rng.choice(same_ward if same_ward and rng.random() < 0.5 else earlier)
        row["citizen_id"] = source["citizen_id"]
        row["_defects"].add("citizen_id")
        planted["citizen_id_duplicate_" + ("same_ward" if source["ward_code"] == row["ward_code"]
                                           else "other_ward")] += 1

    # Addresses that stress CSV quoting (embedded quotes and newlines), a few values that
    # are valid but unusual (they must pass) and a few ragged records. Each goes to its own
    # defect-free row, so no change undoes or hides another.
    spare = iter(rng.sample([r for r in rows if not r["_defects"]], 47))
    for row in islice(spare, 25):
        _, ward_name = by_code[row["ward_code"]]
        row["address"] = "Phòng %d nhà %s, %s, %s" % (
            rng.randint(101, 512), rng.choice(BUILDINGS), rng.choice(QUOTED_PLACES), ward_name)
        planted["address_with_double_quotes"] += 1
    for row in islice(spare, 7):
        _, ward_name = by_code[row["ward_code"]]
        row["address"] = "Số %d ngõ %d phố %s\n%s, Hà Nội" % (
            rng.randint(1, 99), rng.randint(1, 99), rng.choice(STREETS), ward_name)
        planted["address_with_newline"] += 1
    for row in islice(spare, 3):
        born = datetime.date.fromisoformat(row["birth_date"])
        row["birth_date"] = "%d-%d-%d" % (born.year, born.month, born.day)  # %m, %d: 1 or 2 digits
        planted["valid_birth_date_unpadded"] += 1
    for row in islice(spare, 3):
        row["updated_at"] = (NOW - datetime.timedelta(days=MAX_AGE_DAYS)).isoformat()  # exactly max_age
        planted["valid_updated_at_at_limit"] += 1
    for row in islice(spare, 2):
        row["updated_at"] = (NOW + datetime.timedelta(days=9)).isoformat()  # future dates pass
        planted["valid_updated_at_future"] += 1
    for row in islice(spare, 2):
        row["income"] = rng.choice(["1.5e7", "4500000."])                  # number grammar allows both
        planted["valid_income_unusual"] += 1
    ragged = list(spare)        # the last 5: a trailing comma, or the last field cut off
    for row in ragged:
        row["_ragged"] = "extra" if rng.random() < 0.6 else "short"
        planted["record_%s_field" % ("extra" if row["_ragged"] == "extra" else "missing")] += 1

    records = []
    for r in rows:
        record = [r[c] for c in HEADER]
        if r.get("_ragged") == "extra":
            record.append("")
        elif r.get("_ragged") == "short":
            record.pop()
        records.append(record)
    return records, planted


def write_outputs(records, out_dir):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")   # QUOTE_MINIMAL, LF record ends
    writer.writerow(HEADER)
    writer.writerows(records)
    data = unicodedata.normalize("NFC", buf.getvalue()).encode("utf-8")
    os.makedirs(out_dir, exist_ok=True)
    csv_path = os.path.join(out_dir, "citizens.csv")
    with open(csv_path, "wb") as f:
        f.write(data)
    # mtime=0 and a fixed name keep the gzip header, and so the bytes, reproducible
    with open(csv_path + ".gz", "wb") as raw:
        with gzip.GzipFile(filename="citizens.csv", mode="wb", fileobj=raw, mtime=0) as gz:
            gz.write(data)
    return csv_path, data


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "testdata")
    records, planted = generate()
    csv_path, data = write_outputs(records, out_dir)
    print("wrote %s (+ .gz): %d records, %d physical lines, %d bytes"
          % (csv_path, len(records), data.count(b"\n"), len(data)))
    for name in sorted(planted):
        print("  %-34s %4d" % (name, planted[name]))


if __name__ == "__main__":
    main()
