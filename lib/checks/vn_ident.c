/* Vietnamese identifier arithmetic: citizen-ID structure and the tax-code
 * check digit (see vn_ident.h). */
#include "vn_ident.h"

#include <string.h>

#include "note.h"
#include "../util/values.h"

enum { CITIZEN_ID_DIGITS = 12, FIRST_CENTURY = 1900 };

bool digits_only(const char *s, size_t len)
{
	return first_non_digit(s, len) == len;
}

/* The 63 province codes of the citizen ID: Circular 07/2016/TT-BCA, Article
 * 7 and its annex (amended by Circular 06/2021/TT-BCA), as they stood before
 * the 2025 merger of provinces. Indexed by the code's number (all are below
 * 100): a table read instead of a search, whose branches mispredict (a
 * profile looks up every 12-digit value). */
static const char *const province_names[100] = {
	[1] = "Hà Nội", [2] = "Hà Giang", [4] = "Cao Bằng", [6] = "Bắc Kạn",
	[8] = "Tuyên Quang", [10] = "Lào Cai", [11] = "Điện Biên", [12] = "Lai Châu",
	[14] = "Sơn La", [15] = "Yên Bái", [17] = "Hòa Bình", [19] = "Thái Nguyên",
	[20] = "Lạng Sơn", [22] = "Quảng Ninh", [24] = "Bắc Giang", [25] = "Phú Thọ",
	[26] = "Vĩnh Phúc", [27] = "Bắc Ninh", [30] = "Hải Dương", [31] = "Hải Phòng",
	[33] = "Hưng Yên", [34] = "Thái Bình", [35] = "Hà Nam", [36] = "Nam Định",
	[37] = "Ninh Bình", [38] = "Thanh Hóa", [40] = "Nghệ An", [42] = "Hà Tĩnh",
	[44] = "Quảng Bình", [45] = "Quảng Trị", [46] = "Thừa Thiên Huế", [48] = "Đà Nẵng",
	[49] = "Quảng Nam", [51] = "Quảng Ngãi", [52] = "Bình Định", [54] = "Phú Yên",
	[56] = "Khánh Hòa", [58] = "Ninh Thuận", [60] = "Bình Thuận", [62] = "Kon Tum",
	[64] = "Gia Lai", [66] = "Đắk Lắk", [67] = "Đắk Nông", [68] = "Lâm Đồng",
	[70] = "Bình Phước", [72] = "Tây Ninh", [74] = "Bình Dương", [75] = "Đồng Nai",
	[77] = "Bà Rịa - Vũng Tàu", [79] = "Hồ Chí Minh", [80] = "Long An",
	[82] = "Tiền Giang", [83] = "Bến Tre", [84] = "Trà Vinh", [86] = "Vĩnh Long",
	[87] = "Đồng Tháp", [89] = "An Giang", [91] = "Kiên Giang", [92] = "Cần Thơ",
	[93] = "Hậu Giang", [94] = "Sóc Trăng", [95] = "Bạc Liêu", [96] = "Cà Mau",
};

const char *vn_province_name(const char *code3)
{
	/* A byte at a time: one that is no digit ends the code (a NUL too). */
	if (code3[0] != '0')
		return NULL;
	unsigned tens = (unsigned char)code3[1] - '0';
	if (tens > 9)
		return NULL;
	unsigned units = (unsigned char)code3[2] - '0';
	return units > 9 ? NULL : province_names[tens * 10 + units];
}

static int digit_at(const char *s, size_t i)
{
	return s[i] - '0';
}

/* Digit 4 encodes century and gender: 0/1 born 1900-1999 male/female, 2/3
 * 2000-2099, 4/5 2100-2199, 6/7 2200-2299, 8/9 2300-2399. */
bool vn_citizen_id_valid(const char *s, size_t len, int64_t now_year, bool show_detail,
			 struct vn_citizen *out, char *note, size_t cap)
{
	size_t bad = first_non_digit(s, len);
	if (bad < len && bad < CITIZEN_ID_DIGITS)
		return note_fail(note, cap, true, "not a digit", "character %zu", bad + 1);
	if (len != CITIZEN_ID_DIGITS)
		return note_fail(note, cap, true, "12 digits expected", "got %zu characters",
				 utf8_length(s, len));
	if (!vn_province_name(s))
		return note_fail(note, cap, show_detail, "unknown province code", "%.3s", s);
	int code = digit_at(s, 3);
	int century = FIRST_CENTURY + code / 2 * 100;
	if (century > now_year)
		return note_fail(note, cap, show_detail, "century-gender digit is in the future",
				 "%d means born %d-%d", code, century, century + 99);
	int year = century + digit_at(s, 4) * 10 + digit_at(s, 5);
	if (year > now_year)
		return note_fail(note, cap, show_detail, "birth year is after now",
				 "%d > %lld", year, (long long)now_year);
	if (out)
		*out = (struct vn_citizen){.birth_year = year, .female = code % 2 == 1};
	return true;
}

/* Weights of the enterprise tax code (mã số thuế), N1..N9 -> N10; the
 * check digit is 10 - (sum mod 11), and no code exists when that is 10.
 * Structure: Circular 105/2020/TT-BTC, Article 5. The weights and the
 * "10 - sum mod 11" rule are as in python-stdnum's stdnum/vn/mst.py
 * (calc_check_digit) and were confirmed here against published codes of
 * Viettel 0100109106, FPT 0101248141, Vinamilk 0300588569 and
 * Vietcombank 0100112437. */
int vn_tax_check_digit(const char *d9)
{
	/* Written out: a loop over a table of the weights takes twice the
	 * instructions, and a profile asks on every 10-digit value. */
	int sum = 31 * digit_at(d9, 0) + 29 * digit_at(d9, 1) + 23 * digit_at(d9, 2) +
		  19 * digit_at(d9, 3) + 17 * digit_at(d9, 4) + 13 * digit_at(d9, 5) +
		  7 * digit_at(d9, 6) + 5 * digit_at(d9, 7) + 3 * digit_at(d9, 8);
	int check = 10 - sum % 11;
	return check == 10 ? -1 : check;
}
