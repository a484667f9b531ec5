/* Vietnamese identifier arithmetic: the tax-code check digit, province
 * codes, the citizen-ID structure, and host-name syntax. */
#include "tap.h"
#include "checks/hostname.h"
#include "checks/vn_ident.h"

static int citizen(const char *s, int64_t now_year)
{
	char note[128];
	return vn_citizen_id_valid(s, strlen(s), now_year, true, NULL, note, sizeof note);
}

static const char *host(const char *s)
{
	return hostname_problem(s, strlen(s));
}

/* first_non_digit reads eight bytes at a time: against a byte at a time,
 * one non-digit (every byte value) at every position of runs of 1 to 24. */
static void first_non_digit_words(void)
{
	char buf[32];
	int wrong = 0;
	for (size_t len = 1; len <= 24; len++)
		for (size_t at = 0; at <= len; at++)
			for (int b = 0; b < 256; b++) {
				memset(buf, '7', sizeof buf);
				if (at < len)
					buf[at] = (char)b;
				size_t want = at < len && (b < '0' || b > '9') ? at : len;
				wrong += first_non_digit(buf, len) != want;
			}
	EXPECT(wrong == 0);
	EXPECT(first_non_digit("0123456789012", 13) == 13 && first_non_digit("12345678/9", 10) == 8);
}

int main(void)
{
	first_non_digit_words();
	/* 0*31 + 1*29 + 0*23 + 0*19 + 2*17 + 3*13 + 3*7 + 4*5 + 8*3 = 167;
	 * 167 mod 11 = 2; check digit 10 - 2 = 8 (0100233488) */
	EXPECT(vn_tax_check_digit("010023348") == 8);
	EXPECT(vn_tax_check_digit("010010910") == 6);   /* Viettel 0100109106 */
	EXPECT(vn_tax_check_digit("030058856") == 9);   /* Vinamilk 0300588569 */
	/* sum 1*29 + 1*23 + 1*3 = 55 = 5 * 11: 10 - 0 = 10, no digit fits */
	EXPECT(vn_tax_check_digit("011000001") == -1);
	/* sum 10 (1*7 + 1*3), 10 mod 11 = 10: check digit 0 */
	EXPECT(vn_tax_check_digit("000000101") == 0);

	EXPECT_STR(vn_province_name("001"), "Hà Nội");
	EXPECT_STR(vn_province_name("096"), "Cà Mau");
	EXPECT_STR(vn_province_name("079"), "Hồ Chí Minh");
	EXPECT(!vn_province_name("000") && !vn_province_name("003") && !vn_province_name("097"));
	EXPECT(!vn_province_name("0a1") && !vn_province_name("00/") && !vn_province_name(":01"));
	int known = 0;
	char code[4] = "000";
	for (int i = 0; i < 1000; i++) {
		code[0] = (char)('0' + i / 100), code[1] = (char)('0' + i / 10 % 10),
		code[2] = (char)('0' + i % 10);
		known += vn_province_name(code) != NULL;
	}
	EXPECT(known == 63);

	struct vn_citizen who;
	EXPECT(vn_citizen_id_valid("079304001234", 12, 2026, true, &who, NULL, 0));
	EXPECT(who.birth_year == 2004 && who.female);
	EXPECT(vn_citizen_id_valid("001085012345", 12, 2026, true, &who, NULL, 0));
	EXPECT(who.birth_year == 1985 && !who.female);
	EXPECT(citizen("038226000001", 2026) && !citizen("038226000001", 2025));
	EXPECT(!citizen("001404000123", 2026) && citizen("001404000123", 2104));
	EXPECT(!citizen("00120400012", 2026) && !citizen("0012040001234", 2026));
	EXPECT(!citizen("099204000123", 2026) && !citizen("00120400012x", 2026));

	char note[64];
	vn_citizen_id_valid("099204000123", 12, 2026, true, NULL, note, sizeof note);
	EXPECT_STR(note, "unknown province code: 099");
	vn_citizen_id_valid("099204000123", 12, 2026, false, NULL, note, sizeof note);
	EXPECT_STR(note, "unknown province code");
	vn_citizen_id_valid("001299000001", 12, 2026, true, NULL, note, 12);
	EXPECT_STR(note, "birth year ");    /* truncated to the buffer */

	EXPECT(!host("hanoi.gov.vn") && !host("xn--hni-0na5e.vn") && !host("a-b.c1.io"));
	EXPECT(host("localhost") && host("") && host("a..vn") && host("-a.vn") && host("a-.vn"));
	EXPECT(host("a.123") && host("hà.vn") && host("a_b.vn"));
	EXPECT(!host("123.vn"));
	return TAP_DONE();
}
