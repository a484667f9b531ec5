/* Vietnamese identifier arithmetic: citizen-ID structure and the tax-code
 * check digit (see vn_ident.h). */
#include "vn_ident.h"

#include <pthread.h>
#include <string.h>

#include "note.h"
#include "../util/values.h"

enum { CITIZEN_ID_DIGITS = 12, TAX_BODY_DIGITS = 9, FIRST_CENTURY = 1900 };

bool digits_only(const char *s, size_t len)
{
	return first_non_digit(s, len) == len;
}

/* The 63 province codes of the citizen ID: Circular 07/2016/TT-BCA, Article
 * 7 and its annex (amended by Circular 06/2021/TT-BCA), as they stood before
 * the 2025 merger of provinces. */
static const struct province {
	char code[4];
	const char *name;
} provinces[] = {
	{"001", "Hà Nội"}, {"002", "Hà Giang"}, {"004", "Cao Bằng"}, {"006", "Bắc Kạn"},
	{"008", "Tuyên Quang"}, {"010", "Lào Cai"}, {"011", "Điện Biên"}, {"012", "Lai Châu"},
	{"014", "Sơn La"}, {"015", "Yên Bái"}, {"017", "Hòa Bình"}, {"019", "Thái Nguyên"},
	{"020", "Lạng Sơn"}, {"022", "Quảng Ninh"}, {"024", "Bắc Giang"}, {"025", "Phú Thọ"},
	{"026", "Vĩnh Phúc"}, {"027", "Bắc Ninh"}, {"030", "Hải Dương"}, {"031", "Hải Phòng"},
	{"033", "Hưng Yên"}, {"034", "Thái Bình"}, {"035", "Hà Nam"}, {"036", "Nam Định"},
	{"037", "Ninh Bình"}, {"038", "Thanh Hóa"}, {"040", "Nghệ An"}, {"042", "Hà Tĩnh"},
	{"044", "Quảng Bình"}, {"045", "Quảng Trị"}, {"046", "Thừa Thiên Huế"},
	{"048", "Đà Nẵng"}, {"049", "Quảng Nam"}, {"051", "Quảng Ngãi"}, {"052", "Bình Định"},
	{"054", "Phú Yên"}, {"056", "Khánh Hòa"}, {"058", "Ninh Thuận"}, {"060", "Bình Thuận"},
	{"062", "Kon Tum"}, {"064", "Gia Lai"}, {"066", "Đắk Lắk"}, {"067", "Đắk Nông"},
	{"068", "Lâm Đồng"}, {"070", "Bình Phước"}, {"072", "Tây Ninh"}, {"074", "Bình Dương"},
	{"075", "Đồng Nai"}, {"077", "Bà Rịa - Vũng Tàu"}, {"079", "Hồ Chí Minh"},
	{"080", "Long An"}, {"082", "Tiền Giang"}, {"083", "Bến Tre"}, {"084", "Trà Vinh"},
	{"086", "Vĩnh Long"}, {"087", "Đồng Tháp"}, {"089", "An Giang"}, {"091", "Kiên Giang"},
	{"092", "Cần Thơ"}, {"093", "Hậu Giang"}, {"094", "Sóc Trăng"}, {"095", "Bạc Liêu"},
	{"096", "Cà Mau"},
};

enum { NPROVINCES = sizeof provinces / sizeof *provinces };

/* The index in provinces of each three-digit code, -1 for none: a table
 * read instead of a search, whose branches mispredict (a profile looks up
 * every 12-digit value). Built from provinces on first use. */
static signed char province_at[1000];
static pthread_once_t province_once = PTHREAD_ONCE_INIT;

static int code_number(const char *code3)
{
	return (code3[0] - '0') * 100 + (code3[1] - '0') * 10 + (code3[2] - '0');
}

static void index_provinces(void)
{
	memset(province_at, -1, sizeof province_at);
	for (size_t i = 0; i < NPROVINCES; i++)
		province_at[code_number(provinces[i].code)] = (signed char)i;
}

const char *vn_province_name(const char *code3)
{
	if (first_non_digit(code3, 3) < 3)
		return NULL;
	pthread_once(&province_once, index_provinces);
	int at = province_at[code_number(code3)];
	return at < 0 ? NULL : provinces[at].name;
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
	static const int weights[TAX_BODY_DIGITS] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
	int sum = 0;
	for (int i = 0; i < TAX_BODY_DIGITS; i++)
		sum += weights[i] * digit_at(d9, (size_t)i);
	int check = 10 - sum % 11;
	return check == 10 ? -1 : check;
}
