/* TCVN3 and VNI tables. TCVN3 is glibc's TCVN5712-1 charmap for the
 * bytes 0xA1-0xFE only: glibc also reads 0x01-0x17 and 0x80-0xA0 as
 * capitals (TCVN 5712 VN1) and 0xB0-0xB4 as combining marks, which the
 * VN3 fonts people typed with never produce. */
#include "vn_legacy.h"

#include <stdint.h>

/* TCVN 5712:1993 (glibc's TCVN5712-1 charmap): the letter each byte
 * 0xA1-0xFE stands for. 0xB0-0xB4 are combining marks there that VN3
 * fonts leave unused; they are kept as they are (0). */
enum { TCVN3_FIRST = 0xA1, TCVN3_LAST = 0xFE };
static const uint16_t tcvn3_letters[TCVN3_LAST - TCVN3_FIRST + 1] = {
	0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110, 0x0103,
	0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0, 0,
	0,      0,      0,      0,      0x00E0, 0x1EA3, 0x00E3, 0x00E1,
	0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4, 0x1EAE,
	0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7, 0x1EA9,
	0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD, 0x00E9,
	0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC, 0x1EC9,
	0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2, 0x1ED4,
	0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED1,
	0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9, 0x1ED6,
	0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF, 0x1EE9,
	0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5,
};

/* VNI writes a toned vowel as its base letter and one mark byte. Each mark
 * as Windows-1252 shows it, the bases it follows, and the combining
 * diacritics it stands for, in canonical order (dot below first) so that
 * they compose into one letter when decoding. */
enum { TONES_AEOUY = 1, CIRCUMFLEX_AEO = 2, BREVE_A = 4 };
static const struct {
	utf8proc_int32_t mark;
	unsigned group;
	utf8proc_int32_t diacritics[2];
} vni_marks[] = {
	{0xF9, TONES_AEOUY, {0x0301}},    {0xF8, TONES_AEOUY, {0x0300}},
	{0xFB, TONES_AEOUY, {0x0309}},    {0xF5, TONES_AEOUY, {0x0303}},
	{0xEF, TONES_AEOUY, {0x0323}},
	{0xE2, CIRCUMFLEX_AEO, {0x0302}}, {0xE1, CIRCUMFLEX_AEO, {0x0302, 0x0301}},
	{0xE0, CIRCUMFLEX_AEO, {0x0302, 0x0300}}, {0xE5, CIRCUMFLEX_AEO, {0x0302, 0x0309}},
	{0xE3, CIRCUMFLEX_AEO, {0x0302, 0x0303}}, {0xE4, CIRCUMFLEX_AEO, {0x0323, 0x0302}},
	{0xEA, BREVE_A, {0x0306}},        {0xE9, BREVE_A, {0x0306, 0x0301}},
	{0xE8, BREVE_A, {0x0306, 0x0300}}, {0xFA, BREVE_A, {0x0306, 0x0309}},
	{0xFC, BREVE_A, {0x0306, 0x0303}}, {0xEB, BREVE_A, {0x0323, 0x0306}},
};

/* VNI letters of one byte: ơ ư đ and the toned i and ỵ. */
static const struct {
	utf8proc_int32_t byte, letter;
} vni_singles[] = {
	{0xF4, 0x01A1}, {0xF6, 0x01B0}, {0xF1, 0x0111}, {0xE6, 0x1EC9},
	{0xF3, 0x0129}, {0xF2, 0x1ECB}, {0xEE, 0x1EF5},
};

static utf8proc_int32_t lower(utf8proc_int32_t cp)
{
	return cp < 0 ? cp : utf8proc_tolower(cp);
}

static unsigned vni_bases(utf8proc_int32_t base)
{
	switch (lower(base)) {
	case 'a': return TONES_AEOUY | CIRCUMFLEX_AEO | BREVE_A;
	case 'e': case 'o': return TONES_AEOUY | CIRCUMFLEX_AEO;
	case 'u': case 'y': case 0xF4: case 0xF6: return TONES_AEOUY;
	default: return 0;
	}
}

static utf8proc_int32_t same_case(utf8proc_int32_t letter, utf8proc_int32_t as)
{
	return utf8proc_isupper(as) ? utf8proc_toupper(letter) : letter;
}

int vn_vni_mark(utf8proc_int32_t base, utf8proc_int32_t mark)
{
	if (base < 0 || mark < 0 || utf8proc_isupper(base) != utf8proc_isupper(mark))
		return -1;
	unsigned groups = vni_bases(base);
	for (size_t i = 0; i < sizeof vni_marks / sizeof *vni_marks; i++)
		if (lower(mark) == vni_marks[i].mark && (groups & vni_marks[i].group))
			return (int)i;
	return -1;
}

int vn_vni_is_base(utf8proc_int32_t b)
{
	return vni_bases(b) != 0;
}

utf8proc_int32_t vn_tcvn3_letter(utf8proc_int32_t byte)
{
	return byte >= TCVN3_FIRST && byte <= TCVN3_LAST ? tcvn3_letters[byte - TCVN3_FIRST] : 0;
}

size_t vn_vni_decode_one(utf8proc_int32_t cur, utf8proc_int32_t next,
			     utf8proc_int32_t *out, size_t *n)
{
	int mark = vn_vni_mark(cur, next);
	utf8proc_int32_t base = lower(cur);
	if (mark >= 0 || base == 0xF4 || base == 0xF6) {
		/* ơ and ư as base letter and horn, so a tone composes onto them */
		bool horn = base == 0xF4 || base == 0xF6;
		out[(*n)++] = horn ? same_case(base == 0xF4 ? 'o' : 'u', cur) : cur;
		if (horn)
			out[(*n)++] = 0x031B;
		for (size_t k = 0; mark >= 0 && k < 2 && vni_marks[mark].diacritics[k]; k++)
			out[(*n)++] = vni_marks[mark].diacritics[k];
		return mark >= 0 ? 2 : 1;
	}
	for (size_t k = 0; k < sizeof vni_singles / sizeof *vni_singles; k++)
		if (base == vni_singles[k].byte) {
			out[(*n)++] = same_case(vni_singles[k].letter, cur);
			return 1;
		}
	out[(*n)++] = cur;
	return 1;
}
