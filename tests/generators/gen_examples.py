#!/usr/bin/env python3
"""Generate the data of the second and third shipped examples:

  testdata/health-facilities.csv   health facilities by ward (rules/examples/health-facilities.yaml)
  testdata/businesses.csv          business registrations by ward (rules/examples/businesses.yaml)
  testdata/history/businesses.csv  two earlier nightly runs of 'businesses' (stalled, rows_change)

Deterministic (fixed seed, stdlib plus iconv for TCVN3): running it again yields the same
bytes. Owners and directors are drawn from testdata/citizens.csv (run gen_citizens.py
first), so that linkable and agrees_with have a real register to join. Every defect is
planted on purpose and counted; the expected audits are computed independently by
tests/independent/expected_health.py and expected_businesses.py, not from these counts.

usage: gen_examples.py
"""

import collections
import csv
import datetime
import io
import os
import random
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_citizens as cit      # noqa: E402  names, streets, wards
import gen_vn_legacy as legacy  # noqa: E402  TCVN3 and VNI mojibake

SEED = 20261123
NOW = datetime.date(2026, 11, 22)
REPO = cit.REPO
TESTDATA = os.path.join(REPO, "testdata")

TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3]


# --- shared helpers -------------------------------------------------------------------

def tax_check_digit(nine):
    """The check digit of nine digits, or None when their weighted sum is a multiple of 11."""
    r = sum(int(d) * w for d, w in zip(nine, TAX_WEIGHTS)) % 11
    return None if r == 0 else str(10 - r)


def make_tax_code(rng, used):
    while True:
        nine = "01" + "%07d" % rng.randint(1, 9999999)       # 01: registered in Hà Nội
        check = tax_check_digit(nine)
        if check is not None and nine + check not in used:
            used.add(nine + check)
            return nine + check


def wrong_check_digit(code):
    right = code[9]
    return code[:9] + str((int(right) + 3) % 10)


def mobile(rng):
    return rng.choice(cit.PHONE_PREFIXES) + "%07d" % rng.randint(0, 9999999)


def landline(rng):
    return "024" + rng.choice("3456") + "%07d" % rng.randint(0, 9999999)


def day_between(rng, first, last):
    return cit.rand_date(rng, first, last)


def dmy(day, padded=True):
    return ("%02d/%02d/%04d" if padded else "%d/%d/%04d") % (day.day, day.month, day.year)


def plant_defects(rng, row, rates, factor, plant, taken, planted):
    """Each defect with probability rate x factor, at most one per field (the defect's
    first word); duplicates are planted later, in file order."""
    spoilt = set()
    for defect, rate in rates.items():
        field = defect.split("_")[0]
        if "duplicate" in defect or field in spoilt or rng.random() >= rate * factor:
            continue
        if plant(rng, row, defect, taken):
            spoilt.add(field)
            planted[defect] += 1
    row["_factor"] = factor


def write_csv(path, header, records):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(records)
    with open(path, "w", encoding="utf-8", errors="surrogateescape", newline="") as f:
        f.write(buf.getvalue())
    return buf.getvalue().count("\n")


def register():
    """Citizens that can own a business or direct a facility: a well-formed, first-seen
    12-digit ID, an ISO birth date from 1940 to 2004 and a gender of Nam or Nữ."""
    with open(os.path.join(TESTDATA, "citizens.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen, people = set(), []
    for r in rows:
        cid = r["citizen_id"]
        fresh = cid not in seen
        seen.add(cid)
        if not fresh or len(cid) != 12 or not cid.isdigit() or r["gender"] not in ("Nam", "Nữ"):
            continue
        try:
            born = datetime.date.fromisoformat(r["birth_date"])
        except ValueError:
            continue
        if 1940 <= born.year <= 2004 and r["full_name"].strip() == r["full_name"] != "":
            people.append((cid, r["full_name"], r["gender"], born))
    return people, seen


def unregistered_id(rng, taken):
    """A well-formed citizen ID (province 001, consistent century digit) of nobody in the
    register, with its birth date and gender."""
    while True:
        born = day_between(rng, datetime.date(1950, 1, 1), datetime.date(2000, 12, 31))
        gender = rng.choice(["Nam", "Nữ"])
        cid = "001%d%02d%06d" % (1 if gender == "Nữ" else 0, born.year % 100, rng.randint(0, 999999))
        if cid not in taken:
            taken.add(cid)
            return cid, cit.make_name(rng, gender), gender, born


# --- health facilities ----------------------------------------------------------------

HEALTH_HEADER = ["facility_code", "facility_name", "facility_type", "ward_code", "address",
                 "tax_code", "phone", "email", "website", "licensed_on", "beds", "latitude",
                 "longitude", "director_id", "inspected_on", "updated_at"]
# Expected wards without any facility: missing units, and codes `covers` never sees.
HEALTH_MISSING = ["00190", "09604", "10342"]
# Wards whose newest update is older than 90 days (alive.fresh with measure: newest).
HEALTH_STALE = ["00097", "00466", "09676", "10045"]
# A ward that writes licence dates unpadded (1/3/2015): valid dates, another format.
HEALTH_UNPADDED = ["00622"]
# Messy wards: every defect rate times 15.
HEALTH_MESSY = ["00127", "00508", "09871"]
PHARMACY_BRANDS = ["An Khang", "Long Châu", "Pharmacity", "Minh Châu", "Trung Sơn", "Hồng Đức",
                   "Phúc Khang", "Thái An", "Bảo Ngọc", "Tâm Đức", "Việt Pháp", "Hà Thành"]
CLINIC_KINDS = ["Phòng khám đa khoa", "Phòng khám nha khoa", "Phòng khám nhi",
                "Phòng khám mắt", "Phòng khám tai mũi họng", "Phòng khám sản phụ khoa"]
HOSPITAL_NAMES = ["Bệnh viện đa khoa Hồng Ngọc", "Bệnh viện Thu Cúc", "Bệnh viện đa khoa Medlatec",
                  "Bệnh viện đa khoa Tâm Anh", "Bệnh viện Việt Pháp", "Bệnh viện Hòe Nhai",
                  "Bệnh viện đa khoa Đức Giang", "Bệnh viện Thanh Nhàn"]
DOMAINS = ["gmail.com", "yahoo.com.vn", "hanoi.gov.vn", "suckhoe.vn", "benhvien.vn"]
HEALTH_RATES = {
    "duplicate_code": 0.004, "name_nfd": 0.006, "name_tcvn3": 0.004, "name_vni": 0.004,
    "address_nfd": 0.004, "address_vni": 0.003, "tax_bad": 0.010, "tax_placeholder": 0.004,
    "phone_bad": 0.010, "phone_placeholder": 0.004, "phone_other_format": 0.020,
    "email_bad": 0.010, "email_placeholder": 0.004, "website_bad": 0.010, "licensed_bad": 0.010,
    "beds_bad": 0.08, "coordinate_bad": 0.010, "director_unlinked": 0.030,
    "inspected_future": 0.006, "inspected_before_licence": 0.006, "name_empty": 0.003,
    "name_western": 0.004,
}


def facility_name(rng, kind, ward_name):
    if kind == "Trạm y tế":
        return "Trạm y tế " + cit.in_address(ward_name)
    if kind == "Nhà thuốc":
        return "Nhà thuốc " + rng.choice(PHARMACY_BRANDS) + rng.choice(["", "", " %d" % rng.randint(1, 99)])
    if kind == "Phòng khám":
        return rng.choice(CLINIC_KINDS) + " " + rng.choice(cit.GIVEN["Nam"] + cit.GIVEN["Nữ"])
    return rng.choice(HOSPITAL_NAMES) + rng.choice(["", " cơ sở %d" % rng.randint(2, 5)])


def slug(text):
    plain = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in plain.lower() if c.isalnum() and c.isascii())


def health_row(rng, ward, serial, kind, people, tax_used):
    code, ward_name = ward
    licensed = day_between(rng, datetime.date(1995, 1, 1), datetime.date(2026, 6, 30))
    inspected = ("" if rng.random() < 0.3 else
                 day_between(rng, max(licensed, datetime.date(2023, 1, 1)), NOW).isoformat())
    name = facility_name(rng, kind, ward_name)
    site = slug(name.split(" ", 2)[-1])[:20] or "yte"
    person = rng.choice(people)
    return {
        "facility_code": "HN-%s-%03d" % (code, serial),
        "facility_name": name,
        "facility_type": kind,
        "ward_code": code,
        "address": cit.make_address(rng, ward_name),
        "tax_code": "" if kind == "Trạm y tế" else make_tax_code(rng, tax_used)
        + (rng.choice(["-001", "-002", "-003"]) if kind == "Nhà thuốc" and rng.random() < 0.3 else ""),
        "phone": landline(rng) if kind in ("Trạm y tế", "Bệnh viện") else mobile(rng),
        "email": "" if rng.random() < 0.25 else "%s%d@%s" % (site, rng.randint(1, 99), rng.choice(DOMAINS)),
        "website": "" if kind != "Bệnh viện" and rng.random() < 0.7 else "https://%s.vn/" % site,
        "licensed_on": dmy(licensed, padded=code not in HEALTH_UNPADDED),
        "beds": str(rng.randint(30, 800)) if kind == "Bệnh viện" else
        str(rng.randint(2, 10)) if kind == "Trạm y tế" else "0",
        "latitude": "%.6f" % rng.uniform(20.95, 21.10),
        "longitude": "%.6f" % rng.uniform(105.75, 105.92),
        "director_id": person[0],
        "inspected_on": inspected,
        "updated_at": day_between(rng, NOW - datetime.timedelta(days=120), NOW).isoformat(),
    }


def plant_health(rng, row, defect, taken):
    """Spoils one field of row; returns False when the defect does not apply to it."""
    if defect == "name_nfd":
        row["facility_name"] = unicodedata.normalize("NFD", row["facility_name"])
    elif defect == "name_tcvn3":
        row["facility_name"] = legacy.tcvn3(row["facility_name"])
    elif defect == "name_vni":
        row["facility_name"] = legacy.vni(row["facility_name"])
    elif defect == "name_empty":
        row["facility_name"] = rng.choice(["", " "])
    elif defect == "name_western":
        # Latin-1 letters in French names: one weak sign passes, two fail (a documented
        # false positive of legacy_encoding)
        row["facility_name"] = rng.choice(["Phòng khám nha khoa Raphaël", "Nhà thuốc Noël",
                                           "Phòng khám Việt Pháp Raphaël Loïc", "Nhà thuốc Hélène"])
    elif defect == "address_nfd":
        row["address"] = unicodedata.normalize("NFD", row["address"])
    elif defect == "address_vni":
        row["address"] = legacy.vni(row["address"])
    elif defect == "tax_bad":
        if not row["tax_code"]:
            return False
        code = row["tax_code"][:10]
        row["tax_code"] = rng.choice([wrong_check_digit(code), code[:9], code + "001",
                                      code + "-000", code[:3] + "." + code[3:]])
    elif defect == "tax_placeholder":
        row["tax_code"] = rng.choice(["0000000000", "N/A", "chưa có"])
    elif defect == "phone_bad":
        row["phone"] = rng.choice(["01" + "%09d" % rng.randint(0, 10**9 - 1),   # pre-2018 11-digit mobile
                                   mobile(rng)[:9], "(024) " + landline(rng)[3:], "0912abc345",
                                   "+84 " + mobile(rng), "84-24-" + landline(rng)[3:],
                                   mobile(rng) + " / " + mobile(rng)])
    elif defect == "phone_placeholder":
        row["phone"] = rng.choice(["không có", "-", "N/A"])
    elif defect == "phone_other_format":
        digits = row["phone"]
        if len(digits) == 10:
            row["phone"] = rng.choice(["+84" + digits[1:], digits[:4] + "." + digits[4:7] + "." + digits[7:],
                                       digits[:4] + " " + digits[4:7] + " " + digits[7:]])
        else:
            row["phone"] = rng.choice([digits[:3] + " " + digits[3:7] + " " + digits[7:],
                                       "+84 " + digits[1:3] + " " + digits[3:]])
    elif defect == "email_bad":
        user = "lienhe%d" % rng.randint(1, 99)
        row["email"] = rng.choice([user + "@benhvien", user + ".@gmail.com", user + "@@gmail.com",
                                   user + " @gmail.com", user + "@gmail..com", "Liên hệ: " + user + "@gmail.com"])
    elif defect == "email_placeholder":
        row["email"] = rng.choice(["N/A", "không có"])
    elif defect == "website_bad":
        host = slug(row["facility_name"])[:12] or "yte"
        row["website"] = rng.choice(["www.%s.vn" % host, "http//%s.vn" % host, "https://%s .vn" % host,
                                     "ftp://%s.vn/" % host, "https://%s.vn/100%%" % host])
    elif defect == "licensed_bad":
        year = row["licensed_on"][-4:]
        row["licensed_on"] = rng.choice(["31/02/" + year, year + "-05-12", "15/08/1985",
                                         dmy(NOW + datetime.timedelta(days=rng.randint(10, 400))), ""])
    elif defect == "beds_bad":
        if row["facility_type"] != "Bệnh viện":
            return False
        row["beds"] = rng.choice(["0", "5", "", "nhiều"])
    elif defect == "coordinate_bad":
        column = rng.choice(["latitude", "longitude"])
        value = row[column]
        row[column] = rng.choice([value.replace(".", ","), value + "7", "", value[:-7] + "°"])
    elif defect == "director_unlinked":
        row["director_id"] = rng.choice([unregistered_id(rng, taken)[0], ""])
    elif defect == "inspected_future":
        row["inspected_on"] = (NOW + datetime.timedelta(days=rng.randint(1, 60))).isoformat()
    elif defect == "inspected_before_licence":
        licensed = row["licensed_on"]
        if "/" not in licensed or licensed.count("/") != 2:
            return False
        d, m, y = (int(x) for x in licensed.split("/"))
        row["inspected_on"] = (datetime.date(y, m, d) - datetime.timedelta(days=rng.randint(1, 300))).isoformat()
    else:
        raise ValueError(defect)
    return True


def generate_health(rng, wards, people, taken):
    planted = collections.Counter()
    rows, tax_used = [], set()
    for ward in wards:
        code = ward[0]
        if code in HEALTH_MISSING:
            continue
        kinds = (["Trạm y tế"] + ["Nhà thuốc"] * rng.randint(6, 16) + ["Phòng khám"] * rng.randint(1, 5)
                 + ["Bệnh viện"] * rng.choice([0, 0, 0, 1, 1, 2]))
        factor = 15.0 if code in HEALTH_MESSY else rng.uniform(0.3, 1.7)
        for serial, kind in enumerate(kinds, 1):
            row = health_row(rng, ward, serial, kind, people, tax_used)
            if code in HEALTH_STALE:
                row["updated_at"] = day_between(rng, NOW - datetime.timedelta(days=500),
                                                NOW - datetime.timedelta(days=91)).isoformat()
            plant_defects(rng, row, HEALTH_RATES, factor, plant_health, taken, planted)
            rows.append(row)
    # Units outside the ward list: a mistyped code and an empty one.
    for code, count in (("00002", 4), ("", 2)):
        for serial in range(count):
            ward = rng.choice(wards)
            row = health_row(rng, ward, 900 + serial, "Nhà thuốc", people, tax_used)
            row["ward_code"] = code
            row["_factor"] = 1.0
            rows.append(row)
            planted["ward_not_in_list"] += 1
    # Facility codes copied from an earlier row: the later row fails clean.unique.
    for i in range(1, len(rows)):
        if rng.random() < HEALTH_RATES["duplicate_code"] * rows[i]["_factor"]:
            rows[i]["facility_code"] = rows[rng.randrange(i)]["facility_code"]
            planted["duplicate_code"] += 1
    return [[r[c] for c in HEALTH_HEADER] for r in rows], planted


# --- businesses -----------------------------------------------------------------------

BUSINESS_HEADER = ["tax_code", "enterprise_name", "legal_form", "owner_id", "owner_name",
                   "owner_gender", "owner_birth_date", "ward_code", "address", "registered_on",
                   "status", "dissolved_on", "capital_million_vnd", "employees", "phone",
                   "notes", "updated_at"]
BUSINESS_MISSING = ["00283", "00685", "10144", "10459"]
BUSINESS_TINY = {"00136": 2, "09556": 4}
BUSINESS_MESSY = ["00175", "00613", "09910"]
# Wards whose data has not moved: their newest updated_at equals the one the two earlier
# runs of the history recorded (alive.stalled, runs: 3).
BUSINESS_STALLED = ["00091", "00430", "09700", "10273"]
# Wards whose newest updated_at was the same in one earlier run only: not stalled.
BUSINESS_SAME_ONCE = ["00199", "09022"]
# Wards whose row count moved by more than 25 % since the last run (alive.rows_change).
BUSINESS_JUMP = {"00229": 0.5, "00592": 1.6, "09895": 0.6}
# Wards absent from the history (not judged by stalled and rows_change) ...
BUSINESS_NEW = ["00337", "09664"]
# ... and a ward missing in the latest earlier run, judged against the one before.
BUSINESS_CAME_BACK = ["00475"]
LEGAL_FORMS = (["Công ty TNHH"] * 5 + ["Công ty cổ phần"] * 2 + ["Doanh nghiệp tư nhân"]
               + ["Hộ kinh doanh"] * 6 + ["Chi nhánh"])
TRADES = ["THƯƠNG MẠI", "DỊCH VỤ", "XÂY DỰNG", "ĐẦU TƯ", "CÔNG NGHỆ", "VẬN TẢI", "DU LỊCH",
          "THỰC PHẨM", "IN ẤN", "NỘI THẤT", "GIÁO DỤC", "TƯ VẤN", "ĐIỆN TỬ", "MAY MẶC"]
BRANDS = ["HOÀNG LONG", "AN PHÁT", "MINH ANH", "THÀNH CÔNG", "PHÚ THỊNH", "ĐẠI VIỆT",
          "HÀ THÀNH", "NAM SƠN", "TRƯỜNG AN", "BẢO CHÂU", "KIM NGÂN", "THĂNG LONG", "HỒNG HÀ"]
STATUSES = ["Đang hoạt động"] * 17 + ["Tạm ngừng kinh doanh"] * 2 + ["Giải thể"]
NOTES = ["", "", "", "Đăng ký thay đổi lần 2", "Chuyển trụ sở từ quận Đống Đa",
         "Ngành nghề chính: bán lẻ\nNgành phụ: bán buôn", "Bổ sung vốn điều lệ\tnăm 2024",
         "Đã nộp báo cáo tài chính 2025"]
BUSINESS_RATES = {
    "tax_bad": 0.010, "tax_duplicate": 0.006, "name_case": 0.010, "name_mixed": 0.008,
    "name_spacing": 0.008, "name_empty": 0.002, "owner_bad_id": 0.008, "owner_year": 0.006,
    "owner_gender": 0.006, "owner_birth_day": 0.010, "owner_unregistered": 0.030,
    "address_cp1258": 0.006, "notes_control": 0.010, "notes_cp1258": 0.004,
    "registered_future": 0.006, "registered_bad": 0.004, "dissolved_missing": 0.10,
    "dissolved_before": 0.10, "capital_bad": 0.010, "employees_bad": 0.020,
    "phone_bad": 0.010, "phone_format": 0.020,
}


def enterprise_name(rng, form, owner_name):
    if form == "Hộ kinh doanh":
        return "HỘ KINH DOANH " + owner_name.upper()
    prefix = {"Công ty TNHH": "CÔNG TY TNHH", "Công ty cổ phần": "CÔNG TY CỔ PHẦN",
              "Doanh nghiệp tư nhân": "DOANH NGHIỆP TƯ NHÂN",
              "Chi nhánh": "CHI NHÁNH CÔNG TY TNHH"}[form]
    return "%s %s %s" % (prefix, rng.choice(TRADES), rng.choice(BRANDS))


def business_row(rng, ward, owners, tax_used):
    """owners() gives the next owner; a citizen registers one household business at most."""
    code, ward_name = ward
    form = rng.choice(LEGAL_FORMS)
    cid, name, gender, born = owners(form == "Hộ kinh doanh")
    if form == "Hộ kinh doanh":
        tax = cid            # a household business files under its owner's citizen ID
    else:
        tax = make_tax_code(rng, tax_used) + ("-%03d" % rng.randint(1, 20) if form == "Chi nhánh" else "")
    registered = day_between(rng, datetime.date(2005, 1, 1), datetime.date(2026, 10, 31))
    status = rng.choice(STATUSES)
    dissolved = (day_between(rng, registered, NOW).isoformat() if status == "Giải thể" else "")
    employees = rng.randint(1, 9) if form == "Hộ kinh doanh" else rng.randint(2, 300)
    capital = (rng.randrange(50, 5000, 10) if form == "Hộ kinh doanh"
               else rng.randrange(500, 200000, 100))
    return {
        "tax_code": tax, "enterprise_name": enterprise_name(rng, form, name), "legal_form": form,
        "owner_id": cid, "owner_name": name, "owner_gender": gender,
        "owner_birth_date": dmy(born), "ward_code": code,
        "address": cit.make_address(rng, ward_name),
        "registered_on": registered.isoformat(), "status": status, "dissolved_on": dissolved,
        "capital_million_vnd": "%d.%03d" % (capital, rng.choice([0, 0, 0, 500, 250])) if rng.random() < 0.3
        else str(capital),
        "employees": str(employees),
        "phone": "" if rng.random() < 0.15 else mobile(rng),
        "notes": rng.choice(NOTES),
        "updated_at": day_between(rng, NOW - datetime.timedelta(days=60), NOW).isoformat(),
    }


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def cp1258_bytes(text):
    """TEXT saved in Windows-1258, as lone surrogates that write_csv turns back into bytes:
    what a UTF-8 reader sees when a legacy tool wrote the file."""
    raw = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            raw += ch.encode("cp1258")
        except UnicodeEncodeError:
            # Windows-1258 has the letters with a circumflex, breve or horn, but the
            # tone as a separate combining mark after them
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            raw += (base + "".join(c for c in parts if c in TONE_MARKS)).encode("cp1258")
    return raw.decode("utf-8", errors="surrogateescape")


def plant_business(rng, row, defect, taken):
    form = row["legal_form"]
    if defect == "tax_bad":
        code = row["tax_code"]
        if len(code) < 10 or form == "Hộ kinh doanh":
            return False
        row["tax_code"] = rng.choice([wrong_check_digit(code[:10]), code[:10] + code[11:] if "-" in code
                                      else code + "002", code[:8], "00" + "0" * 7 + code[9]])
    elif defect == "name_case":
        row["enterprise_name"] = row["enterprise_name"].title()
    elif defect == "name_mixed":
        words = row["enterprise_name"].split(" ")
        row["enterprise_name"] = " ".join(w if i < 2 else w.lower() for i, w in enumerate(words))
    elif defect == "name_spacing":
        row["enterprise_name"] = rng.choice([row["enterprise_name"] + " ", " " + row["enterprise_name"],
                                             row["enterprise_name"].replace(" ", "  ", 1)])
    elif defect == "name_empty":
        row["enterprise_name"] = ""
    elif defect == "owner_bad_id":
        cid = row["owner_id"]
        row["owner_id"] = rng.choice(["099" + cid[3:], cid[:11], cid[:3] + "4" + cid[4:], cid[:6] + " " + cid[6:]])
    elif defect == "owner_year":
        d, m, y = row["owner_birth_date"].split("/")
        row["owner_birth_date"] = "%s/%s/%d" % (d, m, int(y) + rng.choice([-1, 1]))
    elif defect == "owner_gender":
        # the opposite gender, or another spelling: ASCII case does not matter, and 0
        # (not recorded) is not cross-checked
        row["owner_gender"] = rng.choice(["Nữ" if row["owner_gender"] == "Nam" else "Nam",
                                          "NAM", "nam", "M", "F", "male", "Female", "1", "2", "0",
                                          "Khác", "Nu", "NỮ"])
    elif defect == "owner_birth_day":
        d, m, y = (int(x) for x in row["owner_birth_date"].split("/"))
        day = datetime.date(y, m, d)
        shifted = day + datetime.timedelta(days=rng.choice([-20, -1, 1, 31]))
        if shifted.year != day.year:
            return False
        row["owner_birth_date"] = dmy(shifted)
    elif defect == "owner_unregistered":
        cid, name, gender, born = unregistered_id(rng, taken)
        row.update(owner_id=cid, owner_name=name, owner_gender=gender, owner_birth_date=dmy(born))
        if form == "Hộ kinh doanh":
            row["tax_code"] = cid
            row["enterprise_name"] = "HỘ KINH DOANH " + name.upper()
    elif defect == "address_cp1258":
        row["address"] = cp1258_bytes(row["address"])
    elif defect == "notes_control":
        row["notes"] = rng.choice(["Đã xác minh\x07", "Ghi chú\x0bcũ", "Mã cũ\x1b[0m", "Sửa\x7f lỗi",
                                   "Dòng 1\r\nDòng 2", "Chuyển đổi\u0085xong"])
    elif defect == "notes_cp1258":
        row["notes"] = cp1258_bytes("Đã đối chiếu với sổ đăng ký")
    elif defect == "registered_future":
        row["registered_on"] = (NOW + datetime.timedelta(days=rng.randint(1, 200))).isoformat()
        row["dissolved_on"] = ""
        row["status"] = "Đang hoạt động"
    elif defect == "registered_bad":
        row["registered_on"] = rng.choice(["2025-02-29", "15/03/2019", "2019-13-01", ""])
    elif defect == "dissolved_missing":
        if row["status"] != "Giải thể":
            return False
        row["dissolved_on"] = rng.choice(["", " "])
    elif defect == "dissolved_before":
        if row["status"] != "Giải thể":
            return False
        registered = datetime.date.fromisoformat(row["registered_on"])
        row["dissolved_on"] = (registered - datetime.timedelta(days=rng.randint(1, 90))).isoformat()
    elif defect == "capital_bad":
        capital = row["capital_million_vnd"].split(".")[0]
        row["capital_million_vnd"] = rng.choice([capital + ",5", capital + ".12345", "1.500.000",
                                                 "5e3", capital + " triệu", "9" * 14])
    elif defect == "employees_bad":
        if form != "Hộ kinh doanh":
            return False
        row["employees"] = rng.choice(["12", "25", "", "khoảng 5"])
    elif defect == "phone_bad":
        row["phone"] = rng.choice(["01" + "%09d" % rng.randint(0, 10**9 - 1), mobile(rng)[:8], "090-123-45-678",
                                   "(024)38251234"])
    elif defect == "phone_format":
        if not row["phone"]:
            return False
        digits = row["phone"]
        row["phone"] = rng.choice(["+84" + digits[1:], "84" + digits[1:],
                                   digits[:4] + " " + digits[4:7] + " " + digits[7:]])
    else:
        raise ValueError(defect)
    return True


def business_count(rng, code):
    base = BUSINESS_TINY.get(code, rng.randint(14, 34))
    return base


def generate_businesses(rng, wards, people, taken):
    planted = collections.Counter()
    rows, tax_used, counts = [], set(), {}
    pool = list(people)
    rng.shuffle(pool)
    cycle, households = iter(pool * 3), set()

    def owners(household):
        person = next(cycle)
        while household and person[0] in households:
            person = next(cycle)
        if household:
            households.add(person[0])
        return person
    for ward in wards:
        code = ward[0]
        if code in BUSINESS_MISSING:
            continue
        count = business_count(rng, code)
        counts[code] = count
        factor = 12.0 if code in BUSINESS_MESSY else rng.uniform(0.3, 1.7)
        for _ in range(count):
            row = business_row(rng, ward, owners, tax_used)
            plant_defects(rng, row, BUSINESS_RATES, factor, plant_business, taken, planted)
            rows.append(row)
    # Ward codes the population register never uses: a typo and a code from another city.
    for code, count in (("00005", 3), ("79001", 2)):
        for _ in range(count):
            row = business_row(rng, rng.choice(wards), owners, tax_used)
            row["ward_code"] = code
            row["_factor"] = 1.0
            rows.append(row)
            counts[code] = counts.get(code, 0) + 1
            planted["ward_not_in_register"] += 1
    rng.shuffle(rows)
    for i in range(1, len(rows)):
        if rng.random() < BUSINESS_RATES["tax_duplicate"] * rows[i]["_factor"]:
            rows[i]["tax_code"] = rows[rng.randrange(i)]["tax_code"]
            planted["tax_duplicate"] += 1
    return rows, counts, planted


# --- the history of 'businesses': two earlier nightly runs ----------------------------

HISTORY_RUNS = ["2026-11-08T00:00:00Z", "2026-11-15T00:00:00Z"]
HISTORY_HEADER = "run_at,rules,dataset,scope,unit,criterion,score,status,rows,fingerprint,marker"


def newest_update(rows, code):
    dates = []
    for r in rows:
        if r["ward_code"] == code:
            try:
                dates.append(datetime.date.fromisoformat(r["updated_at"]))
            except ValueError:
                pass
    return max(dates) if dates else None


def history_lines(rng, rows, counts):
    """One overall line per unit and run, then the dataset line, as dqa audit --history
    writes them (criterion lines left out: stalled and rows_change read overall lines)."""
    lines = [HISTORY_HEADER]
    for run_index, run_at in enumerate(HISTORY_RUNS):
        total = 0
        for code in sorted(counts):
            if code in BUSINESS_NEW:
                continue
            rows_now = counts[code]
            if code in BUSINESS_CAME_BACK and run_index == 1:
                lines.append("%s,rules/examples/businesses.yaml,businesses,unit,%s,overall,0.00,missing,0,,"
                             % (run_at, code))
                continue
            before = round(rows_now * BUSINESS_JUMP.get(code, rng.choice([0.9, 1.0, 1.0, 1.1])))
            newest = newest_update(rows, code)
            if newest is None:
                marker = ""
            elif code in BUSINESS_STALLED or (code in BUSINESS_SAME_ONCE and run_index == 1):
                marker = "alive.stalled.updated_at=%sT00:00:00Z" % newest.isoformat()
            else:
                marker = "alive.stalled.updated_at=%sT00:00:00Z" % (newest - datetime.timedelta(
                    days=14 - 7 * run_index + rng.randint(1, 5))).isoformat()
            score = rng.uniform(80, 99)
            status = "pass" if score >= 90 else "warn"
            lines.append("%s,rules/examples/businesses.yaml,businesses,unit,%s,overall,%.2f,%s,%d,,%s"
                         % (run_at, code, score, status, before, marker))
            total += before
        lines.append("%s,rules/examples/businesses.yaml,businesses,dataset,,overall,91.00,pass,%d,,"
                     % (run_at, total))
    return lines


def stall(rows):
    """Stalled wards keep the dates of the earlier runs: nothing newer than 2026-11-01
    (and so do the wards that match one earlier run, so that it lies in its past)."""
    cutoff = datetime.date(2026, 11, 1)
    for r in rows:
        if r["ward_code"] in BUSINESS_STALLED + BUSINESS_SAME_ONCE:
            try:
                day = datetime.date.fromisoformat(r["updated_at"])
            except ValueError:
                continue
            if day > cutoff:
                r["updated_at"] = (cutoff - datetime.timedelta(days=(day - cutoff).days % 40)).isoformat()


def main():
    rng = random.Random(SEED)
    wards = cit.load_wards()
    people, taken = register()

    records, planted = generate_health(rng, wards, people, taken)
    path = os.path.join(TESTDATA, "health-facilities.csv")
    lines = write_csv(path, HEALTH_HEADER, records)
    print("wrote %s: %d records, %d lines" % (path, len(records), lines))
    for name in sorted(planted):
        print("  %-28s %4d" % (name, planted[name]))

    rows, counts, planted = generate_businesses(rng, wards, people, taken)
    stall(rows)
    path = os.path.join(TESTDATA, "businesses.csv")
    lines = write_csv(path, BUSINESS_HEADER, [[r[c] for c in BUSINESS_HEADER] for r in rows])
    print("wrote %s: %d records, %d lines" % (path, len(rows), lines))
    for name in sorted(planted):
        print("  %-28s %4d" % (name, planted[name]))

    history = os.path.join(TESTDATA, "history", "businesses.csv")
    with open(history, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(history_lines(rng, rows, counts)) + "\n")
    print("wrote %s" % history)


if __name__ == "__main__":
    main()
