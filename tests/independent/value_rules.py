"""Row-level value rules of dqa-rules(5), written from the man page alone for the
independent expectations of the shipped examples: Vietnamese identifiers, phone,
e-mail, URL, decimal, and the clean checks on text. Each predicate returns True when
the value passes. Values are str decoded with surrogateescape, so each byte that is not
valid UTF-8 is one lone surrogate (U+DC80-U+DCFF).
"""

import re
import unicodedata

DIGITS = "0123456789"

# ----------------------------------------------------------------------------------
# vn_citizen_id: the 63 province codes before the 2025 merger (Circular 07/2016/TT-BCA).
# ----------------------------------------------------------------------------------
PROVINCE_CODES = set("""
001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034
035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068
070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096""".split())
assert len(PROVINCE_CODES) == 63

MALE = {"nam", "male", "m", "1"}
FEMALE = {"nữ", "nỮ", "female", "f", "2"}    # Nữ and its capital NỮ, ASCII letters folded


def all_ascii_digits(value):
    return value != "" and all(c in DIGITS for c in value)


def citizen_id_birth_year(value, now_year):
    """The birth year the 12 digits encode, or None when the ID is malformed."""
    if len(value) != 12 or not all_ascii_digits(value):
        return None
    if value[:3] not in PROVINCE_CODES:
        return None
    year = 1900 + int(value[3]) // 2 * 100 + int(value[4:6])
    return year if year <= now_year else None


def vn_citizen_id(value, now_year, birth=None, gender=None, parse_birth=None):
    """birth and gender are the cross-checked values (None: no such column);
    parse_birth(text) gives a year or None."""
    year = citizen_id_birth_year(value, now_year)
    if year is None:
        return False
    if birth:
        if len(birth) == 4 and all_ascii_digits(birth):
            birth_year = int(birth)
        else:
            birth_year = parse_birth(birth)
        if birth_year is None or birth_year != year:
            return False
    if gender:
        spelled = "".join(c.lower() if c.isascii() else c for c in gender)
        male = int(value[3]) % 2 == 0
        if spelled in MALE:
            return male
        if spelled in FEMALE:
            return not male
        return gender == "0"
    return True


# ----------------------------------------------------------------------------------
# vn_tax_code
# ----------------------------------------------------------------------------------
TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def ten_digit_tax_code(code):
    if len(code) != 10 or not all_ascii_digits(code) or code[2:9] == "0000000":
        return False
    remainder = sum(int(d) * w for d, w in zip(code, TAX_WEIGHTS)) % 11
    return remainder != 0 and int(code[9]) == 10 - remainder


def vn_tax_code(value, allow_personal_id=False, now_year=None):
    if len(value) == 14 and value[10] == "-":
        branch = value[11:]
        return (ten_digit_tax_code(value[:10]) and all_ascii_digits(branch)
                and branch != "000")
    if allow_personal_id and len(value) == 12:
        return citizen_id_birth_year(value, now_year) is not None
    return ten_digit_tax_code(value)


# ----------------------------------------------------------------------------------
# vn_phone
# ----------------------------------------------------------------------------------
def phone_normal_form(value):
    """The digits-only national form of a valid Vietnamese phone number, or None."""
    rest = value
    if rest.startswith("+84"):
        rest, national = rest[3:], False
    elif rest.startswith("84"):
        rest, national = rest[2:], False
    else:
        national = True
    # digit groups separated by single spaces, dots or dashes; a separator may
    # follow the country code but not end the value or double up
    groups = re.split(r"[ .-]", rest)
    if not national and groups and groups[0] == "":
        groups = groups[1:]
    if not groups or any(g == "" or not all_ascii_digits(g) for g in groups):
        return None
    digits = "".join(groups)
    if not national:
        digits = "0" + digits
    if len(digits) == 10 and digits[:2] in ("03", "05", "07", "08", "09"):
        return digits
    if len(digits) == 11 and digits.startswith("02"):
        return digits
    return None


def vn_phone(value, normalise=False):
    normal = phone_normal_form(value)
    return normal is not None and (not normalise or normal == value)


# ----------------------------------------------------------------------------------
# email and url
# ----------------------------------------------------------------------------------
LOCAL_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def host_name(host):
    labels = host.split(".")
    return (len(host) <= 253 and len(labels) >= 2
            and all(LABEL.fullmatch(label) for label in labels)
            and not all_ascii_digits(labels[-1]))


def email(value):
    if value.count("@") != 1 or len(value) > 254:
        return False
    local, domain = value.split("@")
    return (1 <= len(local) <= 64 and set(local) <= LOCAL_CHARS
            and not local.startswith(".") and not local.endswith(".") and ".." not in local
            and host_name(domain))


URL = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?:(?P<user>[^@/?#]*)@)?"
                 r"(?P<host>\[[^\]]*\]|[^:/?#]*)(?::(?P<port>[0-9]+))?(?P<rest>[/?#].*)?", re.S)


def ipv4(host):
    parts = host.split(".")
    return len(parts) == 4 and all(all_ascii_digits(p) and int(p) <= 255 for p in parts)


def url_text_ok(text):
    if any(c == " " or unicodedata.category(c) == "Cc" for c in text):
        return False
    return all(re.fullmatch(r"[0-9A-Fa-f]{2}", text[i + 1:i + 3] or "") for i, c in enumerate(text) if c == "%")


def url(value, schemes=("http", "https")):
    m = URL.fullmatch(value)
    if not m or m.group("scheme").lower() not in schemes:
        return False
    host = m.group("host")
    if not (host_name(host) or ipv4(host) or (host.startswith("[") and host.endswith("]") and len(host) > 2)):
        return False
    port = m.group("port")
    if port is not None and not 1 <= int(port) <= 65535:
        return False
    return url_text_ok(m.group("user") or "") and url_text_ok(m.group("rest") or "")


# ----------------------------------------------------------------------------------
# decimal
# ----------------------------------------------------------------------------------
def decimal(value, precision=None, scale=0, separator="."):
    sep = re.escape(separator)
    m = re.fullmatch(r"[+-]?([0-9]+)(?:%s([0-9]+))?" % sep, value)
    if not m:
        return False
    integer_digits = len(m.group(1).lstrip("0"))
    decimals = len(m.group(2) or "")
    if decimals > scale:
        return False
    return precision is None or integer_digits <= precision - scale


# ----------------------------------------------------------------------------------
# clean: text
# ----------------------------------------------------------------------------------
def has_invalid_utf8(value):
    return any("\udc80" <= c <= "\udcff" for c in value)


def utf8(value):
    return not has_invalid_utf8(value)


def nfc(value):
    if value.isascii():
        return True
    return not has_invalid_utf8(value) and unicodedata.is_normalized("NFC", value)


CONTROL_ALLOW = {"tab": "\t", "newline": "\n", "carriage_return": "\r"}


def no_control_chars(value, allow=("tab",)):
    allowed = {CONTROL_ALLOW[a] for a in allow}
    for c in value:
        o = ord(c)
        if (o < 0x20 and c not in allowed) or o == 0x7F or 0x80 <= o <= 0x9F:
            return False
    return True


def not_null(value):
    return value.strip(" \t") != ""


def trimmed(value):
    ends = (" ", "\t", "\r", "\n")
    return not (value.startswith(ends) or value.endswith(ends) or "  " in value)


DEFAULT_PLACEHOLDERS = ["N/A", "#N/A", "NA", "null", "none", "-", "--", "?", "0", "0000000000",
                        "x", "không có", "chưa có"]


def fold(text):
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def placeholder(value, placeholders=DEFAULT_PLACEHOLDERS):
    core = value.strip(" \t\r\n")
    return core == "" or fold(core) not in {fold(p) for p in placeholders}


# ----------------------------------------------------------------------------------
# legacy_encoding: the signs of TCVN3 and VNI mojibake as dqa-rules(5) lists them.
# ----------------------------------------------------------------------------------
TCVN3_SYMBOLS = set("¡¢£¤¥¦§¨©ª«¬\u00ad®µ¶·¸¹»¼½¾×÷")
VNI_TONES = set("ùøûõï")
VNI_CIRCUMFLEX = set("âáàåãä")
VNI_BREVE = set("êéèúüë")
VNI_NEVER = {"oá", "oà", "oã"}
VNI_WEAK = {"aé", "aë", "aï", "aú", "aü", "eï", "eõ", "oï", "où", "oû", "uï"}


def is_letter(c):
    return c is not None and unicodedata.category(c).startswith("L")


def tcvn3_points(value):
    points = 0
    for i, c in enumerate(value):
        before = value[i - 1] if i > 0 else None
        after = value[i + 1] if i + 1 < len(value) else None
        if c in TCVN3_SYMBOLS:
            if not (is_letter(before) or is_letter(after)):
                continue
            if c in "®§":
                strong = is_letter(after)
            elif c == "µ":
                strong = is_letter(before)
            elif c in "«»":
                strong = is_letter(before) and is_letter(after)
            else:
                strong = True
            points += 2 if strong else 1
        elif "\u00c0" <= c <= "\u00de" and c != "\u00d7" and before is not None and before.islower():
            points += 2
    return points


def vni_points(value):
    points = 0
    for i in range(len(value) - 1):
        base, mark = value[i], value[i + 1]
        pair = base + mark
        if pair.lower() in VNI_NEVER:
            continue
        same_case = (base.islower() and mark.islower()) or (base.isupper() and mark.isupper())
        lower_base, lower_mark = base.lower(), mark.lower()
        sign = same_case and (
            (lower_mark in VNI_TONES and lower_base in "aeouyôöơư")
            or (lower_mark in VNI_CIRCUMFLEX and lower_base in "aeo")
            or (lower_mark in VNI_BREVE and lower_base == "a"))
        if sign:
            points += 1 if pair.lower() in VNI_WEAK else 2
        elif pair.lower() == "öô" and same_case:
            points += 2
    for i, c in enumerate(value):
        if c in "ñÑ" and (i == 0 or not is_letter(value[i - 1])):
            points += 2
    return points


def legacy_encoding(value):
    if value.isascii():
        return True
    return tcvn3_points(value) < 2 and vni_points(value) < 2


# ----------------------------------------------------------------------------------
# case and same_format work on the whole dataset; these classify one value.
# ----------------------------------------------------------------------------------
def case_styles(value):
    """The set of styles the value satisfies (upper, lower, title), or None when it has
    no cased letter (it is not evaluated)."""
    cats = [unicodedata.category(c) for c in value]
    if not any(k in ("Lu", "Ll", "Lt") for k in cats):
        return None
    styles = set()
    if "Ll" not in cats:
        styles.add("upper")
    if "Lu" not in cats and "Lt" not in cats:
        styles.add("lower")
    words, word = [], []
    for c, k in zip(value, cats):
        if k[0] in "LM":
            word.append(k)
        elif word:
            words.append(word)
            word = []
    if word:
        words.append(word)
    if all(w[0] in ("Lu", "Lt") and not any(k in ("Lu", "Lt") for k in w[1:]) for w in words):
        styles.add("title")
    return styles


def shape(value):
    """Digits become 9, a run of letters (any non-ASCII character counts) one a, any
    other character stays; cut after 40 characters with "..."."""
    out, in_letters = [], False
    for c in value:
        letter = ("A" <= c <= "Z") or ("a" <= c <= "z") or not c.isascii()
        if letter and not in_letters:
            out.append("a")
        elif not letter:
            out.append("9" if c in DIGITS else c)
        in_letters = letter
    text = "".join(out)
    return text if len(text) <= 40 else text[:40] + "..."
