#!/usr/bin/env python3
"""Deterministic generator of the benchmark data: a citizen-register-like CSV
of Hanoi wards with Vietnamese names and addresses and planted defects at
known rates (DEFECTS below), plus a gzip -6 copy. Same seed and row count,
same bytes. Columns generate a batch at a time to stay fast in CPython.

usage: gen.py [--rows N] [--seed S] [--now YYYY-MM-DD] [--out FILE.csv]
"""
import argparse
import csv
import datetime as dt
import itertools
import os
import random
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
WARDS = os.path.join(HERE, "..", "rules", "refs", "hanoi-units.csv")
BATCH = 50_000
HEADER = ("stt,citizen_id,full_name,gender,birth_date,phone,email,ward_code,"
          "address,household_size,updated_at,status")

# (name, share of rows); applied per batch as an exact count of rows.
DEFECTS = [
    ("blank_name", 0.002),        # full_name '' (and 1 in 4 of them '   ')
    ("padded_name", 0.004),       # leading, trailing or doubled space
    ("padded_address", 0.003),
    ("bad_id", 0.004),            # 11 or 13 digits, a letter, century digit 7
    ("duplicate_id", 0.003),      # the id of an earlier row
    ("id_gender_mismatch", 0.002),
    ("blank_id", 0.0005),
    ("unknown_ward", 0.002),      # 99999, lost leading zeros, a name
    ("blank_ward", 0.0005),
    ("stale_updated_at", 0.07),   # 1 to 6 years old (max_age is 365 days)
    ("blank_updated_at", 0.001),
    ("future_birth_date", 0.001),
    ("bad_birth_date", 0.001),    # 30 February, dd/mm/yyyy
    ("bad_phone", 0.01),          # 9 or 11 digits, +84, old 01x prefix
    ("bad_email", 0.003),
    ("bad_gender", 0.002),        # nam, Nu, male
    ("bad_status", 0.002),        # case or spelling variants
    ("bad_household_size", 0.002),
    ("comma_address", 0.02),      # quoted: "Số 12, ngõ 34, phố Huế"
    ("newline_address", 0.0003),  # quoted, with an embedded line break
    ("quote_address", 0.0002),    # quoted, with "" inside
]

FAMILY = [("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 41),
          ("Huỳnh", 10), ("Phan", 45), ("Vũ", 39), ("Võ", 12), ("Đặng", 21), ("Bùi", 20),
          ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 8),
          ("Trịnh", 6), ("Đào", 6), ("Mai", 5), ("Cao", 4), ("Lương", 4), ("Tạ", 3),
          ("Chu", 3), ("Kiều", 2), ("Lưu", 3), ("Tô", 2), ("Hà", 4), ("Khúc", 1)]
MIDDLE = {
    "Nam": ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân",
            "Tiến", "Mạnh", "Ngọc", "Anh", "Trung", "Quốc", "Gia", "Đình", "Hoàng", "Bá"],
    "Nữ": ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Hồng",
           "Thúy", "Mai", "Kim", "Bích", "Khánh", "Hải", "Diệu", "Quỳnh", "Bảo", "Lan"],
}
GIVEN = {
    "Nam": ["Anh", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Giang", "Hải", "Hiếu",
            "Hoàng", "Hùng", "Huy", "Khánh", "Khoa", "Kiên", "Long", "Lâm", "Minh", "Nam",
            "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành",
            "Tiến", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Hưng", "Lộc",
            "Thịnh", "Trọng", "Khải", "Đông", "Bảo", "Hậu"],
    "Nữ": ["An", "Anh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền",
           "Hoa", "Huyền", "Hương", "Lan", "Liên", "Linh", "Loan", "Ly", "Mai", "My",
           "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm",
           "Thảo", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Yến", "Hồng",
           "Thư", "Nhi", "Vy", "Diệp", "Xuân", "Khuê", "Ánh"],
}
STREETS = ["phố Hàng Bạc", "phố Hàng Đào", "phố Hàng Gai", "phố Hàng Bông", "phố Huế",
           "phố Bà Triệu", "phố Lò Đúc", "phố Tôn Đức Thắng", "phố Kim Mã", "phố Đội Cấn",
           "phố Nguyễn Thái Học", "phố Trần Hưng Đạo", "phố Lý Thường Kiệt", "phố Đinh Tiên Hoàng",
           "phố Chùa Bộc", "phố Thái Hà", "phố Tây Sơn", "phố Khâm Thiên", "phố Minh Khai",
           "phố Bạch Mai", "phố Giải Phóng", "phố Trương Định", "phố Hoàng Hoa Thám",
           "phố Thụy Khuê", "phố Lạc Long Quân", "phố Xuân Thủy", "phố Cầu Giấy",
           "phố Trần Duy Hưng", "phố Nguyễn Trãi", "phố Khương Trung", "phố Nguyễn Văn Cừ",
           "phố Ngọc Lâm", "phố Lĩnh Nam", "phố Tam Trinh", "phố Vĩnh Hưng",
           "đường Láng", "đường Giải Phóng", "đường Trường Chinh", "đường Nguyễn Văn Linh",
           "đường Âu Cơ", "đường Lạc Long Quân", "đường Phạm Văn Đồng", "đường Hồ Tùng Mậu"]
STATUS = [("thường trú", 78), ("tạm trú", 12), ("tạm vắng", 4), ("đã chuyển đi", 4), ("đã mất", 2)]
BAD_STATUS = ["Thường trú", "thuong tru", "tạm  trú", "thường trú ", "TT", "khác"]
# Province codes of the CCCD (first 3 digits); Hanoi (001) dominates a Hanoi register.
PROVINCES = [("001", 620), ("034", 40), ("036", 35), ("037", 20), ("038", 40), ("040", 35),
             ("042", 25), ("030", 20), ("033", 25), ("035", 15), ("022", 15), ("031", 20),
             ("026", 15), ("027", 15), ("019", 10), ("024", 15), ("079", 30), ("048", 10),
             ("046", 10), ("044", 10), ("045", 5), ("025", 10), ("017", 10), ("015", 5)]
PHONE_PREFIXES = ["032", "033", "034", "035", "036", "037", "038", "039", "052", "056",
                  "058", "070", "076", "077", "078", "079", "081", "082", "083", "084",
                  "085", "086", "088", "089", "090", "091", "093", "094", "096", "097",
                  "098", "099"]
MAIL_DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com",
                "hanoi.gov.vn", "vnpt.vn", "fpt.vn"]


def ascii_fold(s):
    """Vietnamese text to lower-case ASCII, as people write e-mail names."""
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s)
                   if not unicodedata.combining(c)).lower()


def nfc(seq):
    return [unicodedata.normalize("NFC", s) for s in seq]


def read_wards():
    with open(WARDS, encoding="utf-8", newline="") as f:
        return [(row["unit_code"], row["unit_full_name"]) for row in csv.DictReader(f)]


def csv_field(s):
    if "," in s or '"' in s or "\n" in s or "\r" in s:
        return '"' + s.replace('"', '""') + '"'
    return s


class Generator:
    def __init__(self, seed, now):
        self.rng = random.Random(seed)
        rng = self.rng
        wards = read_wards()
        if len(wards) != 126:
            sys.exit(f"gen.py: expected 126 wards in {WARDS}, found {len(wards)}")
        self.ward_codes = [c for c, _ in wards]
        self.ward_weights = [0.5 + rng.random() for _ in wards]   # uneven ward sizes
        self.family, self.family_w = zip(*FAMILY)
        self.family = nfc(self.family)
        self.middle = {g: nfc(v) for g, v in MIDDLE.items()}
        self.given = {g: nfc(v) for g, v in GIVEN.items()}
        self.streets = nfc(STREETS)
        self.status, self.status_w = zip(*STATUS)
        self.status = nfc(self.status)
        self.provinces, self.province_w = zip(*PROVINCES)
        self.fold = {s: ascii_fold(s) for s in
                     list(self.family) + sum(self.middle.values(), []) + sum(self.given.values(), [])}
        self.now = dt.datetime.combine(now, dt.time(), dt.timezone.utc)
        self.now_s = int(self.now.timestamp())
        first, last = dt.date(1930, 1, 1), now - dt.timedelta(days=1)
        self.birth_days = [dt.date.fromordinal(o).isoformat()
                           for o in range(first.toordinal(), last.toordinal() + 1)]
        # The days updated_at can fall on: from 7 years before now (older
        # than any stale value) to now; update_first is the first as days
        # since 1970.
        oldest = now - dt.timedelta(days=7 * 366)
        self.update_first = (oldest - dt.date(1970, 1, 1)).days
        self.update_days = [dt.date.fromordinal(o).isoformat()
                            for o in range(oldest.toordinal(), now.toordinal() + 1)]
        self.minutes = [f"{m // 60:02d}:{m % 60:02d}" for m in range(1440)]
        self.recent_ids = []
        self.planted = {name: 0 for name, _ in DEFECTS}

    def day_string(self, epoch_s):
        """'YYYY-MM-DD HH:MM:SS' of epoch seconds, from tables (this is per row)."""
        d, s = divmod(epoch_s, 86400)
        m, s = divmod(s, 60)
        return f"{self.update_days[d - self.update_first]} {self.minutes[m]}:{s:02d}"

    def batch(self, first_stt, n):
        rng, r = self.rng, self.rng.random
        gender = rng.choices(("Nam", "Nữ"), k=n)
        family = rng.choices(self.family, self.family_w, k=n)
        mid_m, mid_f = self.middle["Nam"], self.middle["Nữ"]
        giv_m, giv_f = self.given["Nam"], self.given["Nữ"]
        middle = [rng.choice(mid_m if g == "Nam" else mid_f) for g in gender]
        given = [rng.choice(giv_m if g == "Nam" else giv_f) for g in gender]
        names = [f"{a} {b} {c}" for a, b, c in zip(family, middle, given)]
        nbirth = len(self.birth_days)
        birth_idx = [int(r() * nbirth) for _ in range(n)]
        birth = [self.birth_days[i] for i in birth_idx]
        province = rng.choices(self.provinces, self.province_w, k=n)
        ids = []
        for p, g, b in zip(province, gender, birth):
            century = (0 if b < "2000" else 2) + (g == "Nữ")
            ids.append(f"{p}{century}{b[2:4]}{int(r() * 1e6):06d}")
        phone = [f"{p}{int(r() * 1e7):07d}" for p in rng.choices(PHONE_PREFIXES, k=n)]
        for i in rng.sample(range(n), n // 20):       # 5% give no phone
            phone[i] = ""
        fold = self.fold
        email = ["" if r() < 0.65 else
                 f"{fold[c]}.{fold[a]}{int(r() * 100)}@{rng.choice(MAIL_DOMAINS)}"
                 for a, c in zip(family, given)]
        ward = rng.choices(self.ward_codes, self.ward_weights, k=n)
        streets = rng.choices(self.streets, k=n)
        address = []
        for s in streets:
            x = r()
            if x < 0.45:
                address.append(f"Số {int(r() * 200) + 1} ngõ {int(r() * 300) + 1} {s}")
            elif x < 0.7:
                address.append(f"Số {int(r() * 150) + 1} {s}")
            elif x < 0.9:
                address.append(f"Số {int(r() * 60) + 1} ngách {int(r() * 80) + 1}/{int(r() * 20) + 1}"
                               f" ngõ {int(r() * 300) + 1} {s}")
            else:
                address.append(f"Tổ {int(r() * 40) + 1} {s}")
        household = [str(k) for k in rng.choices(range(1, 11), (8, 20, 24, 22, 12, 7, 3, 2, 1, 1), k=n)]
        year = 365 * 86400
        updated = [self.day_string(self.now_s - 1 - int(r() * (year - 1))) for _ in range(n)]
        status = rng.choices(self.status, self.status_w, k=n)
        cols = dict(names=names, gender=gender, birth=birth, ids=ids, phone=phone, email=email,
                    ward=ward, address=address, household=household, updated=updated,
                    status=status)
        self.plant(cols, n)
        self.recent_ids = (self.recent_ids + ids)[-2 * BATCH:]
        a = [csv_field(s) for s in cols["address"]]
        return "".join(
            f"{first_stt + i},{c_id},{nm},{g},{b},{p},{e},{w},{ad},{h},{u},{st}\n"
            for i, (c_id, nm, g, b, p, e, w, ad, h, u, st) in enumerate(zip(
                ids, names, gender, birth, phone, email, ward, a, household, updated, status)))

    def plant(self, cols, n):
        """Rewrites an exact share of the batch's rows per defect."""
        rng, r = self.rng, self.rng.random
        ids, names, address = cols["ids"], cols["names"], cols["address"]
        for defect, rate in DEFECTS:
            whole, frac = divmod(rate * n, 1)
            rows = rng.sample(range(n), int(whole) + (r() < frac))
            self.planted[defect] += len(rows)
            for i in rows:
                if defect == "blank_name":
                    names[i] = "   " if r() < 0.25 else ""
                elif defect == "padded_name":
                    names[i] = rng.choice((" " + names[i], names[i] + " ",
                                           names[i].replace(" ", "  ", 1)))
                elif defect == "padded_address":
                    address[i] = rng.choice((address[i] + " ", " " + address[i],
                                             address[i].replace(" ", "  ", 1)))
                elif defect == "bad_id":
                    ids[i] = rng.choice((ids[i][:-1], ids[i] + "7", ids[i][:5] + "O" + ids[i][6:],
                                         ids[i][:3] + "7" + ids[i][4:]))
                elif defect == "duplicate_id" and self.recent_ids:
                    ids[i] = rng.choice(self.recent_ids)
                elif defect == "duplicate_id" and i > 0:
                    ids[i] = ids[int(r() * i)]
                elif defect == "id_gender_mismatch":
                    cols["gender"][i] = "Nam" if cols["gender"][i] == "Nữ" else "Nữ"
                elif defect == "blank_id":
                    ids[i] = ""
                elif defect == "unknown_ward":
                    cols["ward"][i] = rng.choice(("99999", cols["ward"][i].lstrip("0"),
                                                  "00002", "Phúc Xá"))
                elif defect == "blank_ward":
                    cols["ward"][i] = ""
                elif defect == "stale_updated_at":
                    age = 366 * 86400 + int(r() * 5 * 365 * 86400)
                    cols["updated"][i] = self.day_string(self.now_s - age)
                elif defect == "blank_updated_at":
                    cols["updated"][i] = ""
                elif defect == "future_birth_date":
                    day = self.now.date() + dt.timedelta(days=1 + int(r() * 3000))
                    cols["birth"][i] = day.isoformat()
                elif defect == "bad_birth_date":
                    b = cols["birth"][i]
                    cols["birth"][i] = rng.choice((b[:5] + "02-30", f"{b[8:]}/{b[5:7]}/{b[:4]}",
                                                   b[:5] + "13" + b[7:]))
                elif defect == "bad_phone":
                    p = cols["phone"][i] or "0912345678"
                    cols["phone"][i] = rng.choice((p[:-1], p + "1", "+84" + p[1:], "01" + p[2:] + "5",
                                                   p[:4] + " " + p[4:]))
                elif defect == "bad_email":
                    e = cols["email"][i] or "hoa.nguyen@gmail.com"
                    cols["email"][i] = rng.choice((e.replace("@", ""), e.replace("@", " @"),
                                                   e.split("@")[0] + "@gmail"))
                elif defect == "bad_gender":
                    cols["gender"][i] = rng.choice(("nam", "Nu", "male", "nữ"))
                elif defect == "bad_status":
                    cols["status"][i] = unicodedata.normalize("NFC", rng.choice(BAD_STATUS))
                elif defect == "bad_household_size":
                    cols["household"][i] = rng.choice(("0", "", "25", "3.5e1", "hai", "-1"))
                elif defect == "comma_address":
                    address[i] = address[i].replace(" ngõ", ", ngõ").replace(" phố", ", phố") \
                        .replace(" đường", ", đường") + ", Hà Nội"
                elif defect == "newline_address":
                    address[i] = address[i].replace(" ", "\n", 2).replace("\n", " ", 1)
                elif defect == "quote_address":
                    address[i] = address[i] + ' (khu "Hoa Sữa")'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=2_000_000)
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--now", default="2026-11-22", help="the audit's reference date (UTC)")
    ap.add_argument("--out", help="output CSV (default bench/data/citizens-ROWS-sSEED.csv)")
    args = ap.parse_args()
    now = dt.date.fromisoformat(args.now)
    out = args.out or os.path.join(HERE, "data", f"citizens-{args.rows}-s{args.seed}.csv")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    gen = Generator(args.seed, now)
    tmp, tmp_gz = out + ".tmp", out + ".gz.tmp"
    # gzip -6 (gzip's default level, what extracts usually come with) runs in
    # its own process, compressing while Python generates.
    with open(tmp, "wb") as f, open(tmp_gz, "wb") as gz_out:
        gz = subprocess.Popen(["gzip", "-6", "-n", "-c"], stdin=subprocess.PIPE, stdout=gz_out)
        batches = (gen.batch(start + 1, min(BATCH, args.rows - start))
                   for start in range(0, args.rows, BATCH))
        for text in itertools.chain([HEADER + "\n"], batches):
            data = text.encode("utf-8")
            f.write(data)
            gz.stdin.write(data)
        gz.stdin.close()
        if gz.wait() != 0:
            sys.exit("gen.py: gzip failed")
    os.replace(tmp_gz, out + ".gz")
    os.replace(tmp, out)
    planted = ", ".join(f"{k} {v}" for k, v in gen.planted.items())
    print(f"gen.py: wrote {out} and {out}.gz ({args.rows} rows); planted: {planted}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
