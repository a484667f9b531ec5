#!/usr/bin/env python3
"""Writes tests/cli/check-legacy-encoding/data.csv: real Vietnamese strings in
four forms (composed NFC, decomposed NFD, TCVN3 and VNI mojibake), Western
names that must not be taken for mojibake, and edge values.

Mojibake is produced the way it happens: the text is encoded in the legacy
8-bit font encoding, then those bytes are read as Windows-1252 and stored as
UTF-8. TCVN3 bytes come from glibc's TCVN5712-1 converter (iconv), the
official TCVN 5712:1993 table; VNI bytes from the VNI font layout written out
below (base letter, then one mark byte for the diacritics). Run once; the
output is committed.
"""
import csv
import pathlib
import subprocess
import unicodedata

OUT = pathlib.Path(__file__).resolve().parent.parent / "cli" / "check-legacy-encoding" / "data.csv"

VIETNAMESE = [
    "Nguyễn Văn Đức", "Trần Thị Hồng", "Lê Hoàng Anh", "Phạm Minh Tuấn",
    "Hoàng Thị Thuỷ", "Đặng Quốc Việt", "Bùi Xuân Trường", "Đỗ Thị Hương",
    "Ngô Bảo Châu", "Dương Thị Yến", "Lý Thường Kiệt",
    "Số 12 phố Huế, phường Hàng Bài, quận Hoàn Kiếm, Hà Nội",
    "Xã Đông Anh, huyện Đông Anh", "Hà", "Lê", "Huế", "Tú",
]

# Names and words that use Latin-1 letters and must pass.
WESTERN = [
    "Hélène Dupré", "François Müller", "José Núñez", "João Gonçalves",
    "Søren Kierkegaard", "Björn Åström", "Raphaël", "Anaïs Noël", "Chloé",
    "août", "Ærøskøbing", "MÜLLER", "5 µg/ml", "Brand® Café", "§ 4 Abs. 2",
    "© 2024 Sở Y tế", "Hoàng Hoá Ngoãn", "Thuý Quỳnh",
]

# VNI: tone marks after a plain vowel (and after ơ, ư, y), the circumflex
# with each tone after a/e/o, the breve with each tone after a; index 0 is
# no tone, then acute, grave, hook above, tilde, dot below.
TONES = ["\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
VNI_TONE = ["", "ù", "ø", "û", "õ", "ï"]
VNI_CIRCUMFLEX = ["â", "á", "à", "å", "ã", "ä"]
VNI_BREVE = ["ê", "é", "è", "ú", "ü", "ë"]
VNI_I = ["i", "í", "ì", "æ", "ó", "ò"]


def vni_letter(ch):
    """One letter in VNI, as Windows-1252 shows its bytes."""
    if ch.lower() == "đ":
        return "Ñ" if ch.isupper() else "ñ"
    parts = unicodedata.normalize("NFD", ch)
    base, marks = parts[0], parts[1:]
    if base.lower() not in "aeiouy" or not marks:
        return ch
    upper = base.isupper()
    tone = next((TONES.index(m) + 1 for m in marks if m in TONES), 0)
    if "\u0302" in marks:
        out = base + VNI_CIRCUMFLEX[tone]
    elif "\u0306" in marks:
        out = base + VNI_BREVE[tone]
    elif "\u031b" in marks:       # ơ, ư: one byte each, then the tone
        out = ("ô" if base.lower() == "o" else "ö") + VNI_TONE[tone]
    elif base.lower() == "i":
        out = VNI_I[tone]
    elif base.lower() == "y" and tone == 5:
        out = "î"
    else:
        out = base + VNI_TONE[tone]
    return out.upper() if upper else out


def vni(text):
    return "".join(vni_letter(ch) for ch in unicodedata.normalize("NFC", text))


def tcvn3(text):
    data = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"],
                          input=text.encode(), capture_output=True, check=True).stdout
    assert all(b < 0x80 or 0xA1 <= b <= 0xFE for b in data), text
    return data.decode("cp1252")


def main():
    rows = [("form", "text")]
    for text in VIETNAMESE:
        rows += [("composed", unicodedata.normalize("NFC", text)),
                 ("decomposed", unicodedata.normalize("NFD", text)),
                 ("tcvn3", tcvn3(text)), ("vni", vni(text))]
    rows.append(("vni", vni("NGUYỄN VĂN ĐỨC")))
    rows += [("western", text) for text in WESTERN]
    long_text = "Nguyễn Văn Đức " * 400
    rows += [("empty", ""), ("long", long_text), ("long-vni", vni(long_text))]
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


if __name__ == "__main__":
    main()
