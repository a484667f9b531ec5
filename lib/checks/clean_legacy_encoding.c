/* clean.legacy_encoding: flags Vietnamese typed in a legacy 8-bit font
 * encoding, TCVN3 (ABC) or VNI, then read as Windows-1252 and stored as
 * UTF-8 ("NguyÔn" and "Nguyeãn" for "Nguyễn"). A heuristic: it counts
 * signs of each encoding, strong ones (2 points) that ordinary text does
 * not produce and weak ones (1 point) that French, Spanish or German words
 * also show, and fails a value at 2 points. The note names the encoding
 * and shows the value decoded from it. dqa-rules(5) lists the signs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text.h"
#include "value_tests.h"
#include "../input/vn_legacy.h"

enum legacy { TCVN3, VNI, NENCODINGS };

static const char *const encoding_names[NENCODINGS] = {"TCVN3 (ABC)", "VNI"};

enum { STRONG = 2, WEAK = 1, FAIL_AT = 2 };

/* TCVN3 letters that Windows-1252 shows as symbols, and which neighbour
 * makes one a strong sign (a letter on the other side only: weak). "®",
 * "§" and "µ" only count on the side where Vietnamese puts them and
 * Western text does not (not "Brand®", "§ 4", "5 µg"). */
enum side { EITHER, BEFORE, AFTER, BOTH };
static const struct {
	utf8proc_int32_t cp;
	enum side strong_with;
} tcvn3_symbols[] = {
	{0xA1, BEFORE}, {0xA2, EITHER}, {0xA3, EITHER}, {0xA4, EITHER}, {0xA5, EITHER},
	{0xA6, EITHER}, {0xA7, AFTER},  {0xA8, EITHER}, {0xA9, EITHER}, {0xAA, EITHER},
	{0xAB, BOTH},   {0xAC, EITHER}, {0xAD, EITHER}, {0xAE, AFTER},  {0xB5, BEFORE},
	{0xB6, EITHER}, {0xB7, EITHER}, {0xB8, EITHER}, {0xB9, EITHER}, {0xBB, BOTH},
	{0xBC, EITHER}, {0xBD, EITHER}, {0xBE, EITHER}, {0xD7, EITHER}, {0xF7, EITHER},
};

/* Base + mark pairs that real words also contain: genuine Vietnamese
 * ("Hoàng", "Hoá", "Ngoãn": never a sign) and French, Spanish or
 * Portuguese names ("Raphaël", "Loïc", "Raúl", "Leões": weak). */
static const char *const vni_genuine[] = {"oá", "oà", "oã"};
static const char *const vni_weak[] = {
	"aé", "aë", "aï", "aú", "aü", "eï", "eõ", "oï", "où", "oû", "uï",
};

static utf8proc_int32_t lower(utf8proc_int32_t cp)
{
	return cp < 0 ? cp : utf8proc_tolower(cp);
}

static bool pair_in(const char *const *list, size_t n, utf8proc_int32_t a,
		    utf8proc_int32_t b)
{
	for (size_t i = 0; i < n; i++) {
		utf8proc_int32_t x, y;
		const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)list[i];
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &x);
		utf8proc_iterate(p + k, -1, &y);
		if (lower(a) == x && lower(b) == y)
			return true;
	}
	return false;
}

static bool is_letter(utf8proc_int32_t cp)
{
	if (cp < 0)
		return false;
	utf8proc_category_t cat = utf8proc_category(cp);
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

static int tcvn3_symbol(utf8proc_int32_t cp)
{
	for (size_t i = 0; i < sizeof tcvn3_symbols / sizeof *tcvn3_symbols; i++)
		if (tcvn3_symbols[i].cp == cp)
			return (int)i;
	return -1;
}

/* A letter, or a TCVN3 letter shown as a symbol ("®­êng" is one word). */
static bool wordish(utf8proc_int32_t cp)
{
	return is_letter(cp) || tcvn3_symbol(cp) >= 0;
}

struct evidence {
	unsigned points[NENCODINGS];
	size_t first_at[NENCODINGS];        /* character index, from 1 */
	utf8proc_int32_t first[NENCODINGS][2];
};

static void add_sign(struct evidence *ev, enum legacy e, unsigned points, size_t at,
		     utf8proc_int32_t a, utf8proc_int32_t b)
{
	if (!points)
		return;
	if (!ev->points[e] || (points == STRONG && ev->points[e] < STRONG)) {
		ev->first_at[e] = at;
		ev->first[e][0] = a;
		ev->first[e][1] = b;
	}
	ev->points[e] += points;
}

static unsigned tcvn3_points(utf8proc_int32_t prev, utf8proc_int32_t cur,
			     utf8proc_int32_t next)
{
	int sym = tcvn3_symbol(cur);
	if (sym >= 0) {
		bool before = wordish(prev), after = wordish(next);
		bool strong;
		switch (tcvn3_symbols[sym].strong_with) {
		case BEFORE: strong = before; break;
		case AFTER: strong = after; break;
		case BOTH: strong = before && after; break;
		default: strong = before || after; break;
		}
		return strong ? STRONG : before || after ? WEAK : 0;
	}
	/* TCVN3 lower-case letters that Windows-1252 shows as capitals:
	 * a capital right after a small letter ("NguyÔn", "TrÇn"). */
	bool latin1_capital = cur >= 0xC0 && cur <= 0xDE && cur != 0xD7;
	return latin1_capital && prev >= 0 && utf8proc_islower(prev) ? STRONG : 0;
}

/* Points for cur as VNI; *pair is set when the sign is prev and cur. */
static unsigned vni_points(utf8proc_int32_t prev, utf8proc_int32_t cur,
			   utf8proc_int32_t next, bool *pair)
{
	*pair = true;
	if (vn_vni_mark(prev, cur) >= 0) {
		if (pair_in(vni_genuine, sizeof vni_genuine / sizeof *vni_genuine, prev, cur))
			return 0;
		return pair_in(vni_weak, sizeof vni_weak / sizeof *vni_weak, prev, cur) ? WEAK
											    : STRONG;
	}
	/* "ươ" is "öô"; a word starting with "ñ" is "đ". */
	if (lower(prev) == 0xF6 && lower(cur) == 0xF4)
		return STRONG;
	*pair = false;
	return lower(cur) == 0xF1 && !is_letter(prev) && is_letter(next) ? STRONG : 0;
}

/* Reads code point at s[*i], advancing *i; -1 for an invalid byte. */
static utf8proc_int32_t next_cp(const char *s, size_t len, size_t *i)
{
	if (*i >= len)
		return -1;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
					      (utf8proc_ssize_t)(len - *i), &cp);
	*i += k > 0 ? (size_t)k : 1;
	return k > 0 ? cp : -1;
}

static void gather(const char *s, size_t len, struct evidence *ev)
{
	size_t i = 0;
	bool more = len > 0;
	utf8proc_int32_t prev = -1, cur = next_cp(s, len, &i);
	for (size_t at = 1; more; at++) {
		more = i < len;
		utf8proc_int32_t next = next_cp(s, len, &i);
		add_sign(ev, TCVN3, tcvn3_points(prev, cur, next), at, cur, -1);
		bool pair;
		unsigned points = vni_points(prev, cur, next, &pair);
		add_sign(ev, VNI, points, pair ? at - 1 : at, pair ? prev : cur, pair ? cur : -1);
		prev = cur;
		cur = next;
	}
}

/* The value read as `e` would have been written, in NFC, in tb. */
static const char *decode(struct text_buf *tb, enum legacy e, const char *s, size_t len,
			  size_t *out_len)
{
	/* A VNI pair becomes at most a base and three marks. */
	if (!text_buf_reserve(tb, 2 * len + 2))
		return NULL;
	size_t i = 0, n = 0;
	utf8proc_int32_t cur = next_cp(s, len, &i), next;
	bool more = len > 0;
	while (more) {
		more = i < len;
		next = next_cp(s, len, &i);
		if (cur < 0)
			cur = 0xFFFD;
		if (e == VNI && vn_vni_decode_one(cur, next, tb->cps, &n) == 2) {
			more = i < len;
			next = next_cp(s, len, &i);
		} else if (e == TCVN3) {
			utf8proc_int32_t letter = vn_tcvn3_letter(cur);
			tb->cps[n++] = letter ? letter : cur;
		}
		cur = next;
	}
	utf8proc_ssize_t bytes = utf8proc_reencode(tb->cps, (utf8proc_ssize_t)n,
						   UTF8PROC_COMPOSE);
	if (bytes < 0)
		return NULL;
	*out_len = (size_t)bytes;
	return (const char *)tb->cps;
}

/* The evidence for each encoding in ev; the likelier encoding returned. */
static enum legacy weigh(const char *s, size_t len, struct evidence *ev)
{
	*ev = (struct evidence){0};
	gather(s, len, ev);
	return ev->points[VNI] > ev->points[TCVN3] ||
			       (ev->points[VNI] == ev->points[TCVN3] &&
				ev->first_at[VNI] < ev->first_at[TCVN3])
		       ? VNI : TCVN3;
}

/* What each character of U+0080-U+00FF (indexed from U+0080) can be in
 * gather: a SIGN wherever it stands (a TCVN3 symbol, × ÷ ñ ö), a sign
 * after a letter (a CAPITAL: TCVN3 after a small one, VNI after a base), or
 * a VNI mark of these groups (vni_marks in vn_legacy.c, lower case) after a
 * base vowel that takes one: tones 1, circumflex 2, breve 4. */
enum { TO = 1, CI = 2, BR = 4, CP = 8, SG = 16 };
static const unsigned char latin1_signs[128] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, SG, SG, SG, SG, SG, SG, SG, SG, SG, SG, SG, SG, SG, SG, 0,
	0, 0, 0, 0, 0, SG, SG, SG, SG, SG, SG, SG, SG, SG, SG, 0,
	CP|CI, CP|CI, CP|CI, CP|CI, CP|CI, CP|CI, CP, CP, CP|BR, CP|BR, CP|BR, CP|BR, CP, CP, CP, CP|TO,
	CP, SG, CP, CP, CP, CP|TO, SG, SG, CP|TO, CP|TO, CP|BR, CP|TO, CP|BR, CP, CP, 0,
	CI, CI, CI, CI, CI, CI, 0, 0, BR, BR, BR, BR, 0, 0, 0, TO,
	0, SG, 0, 0, 0, TO, SG, SG, TO, TO, BR, TO, BR, 0, 0, 0,
};

static unsigned vni_base_groups_before(const unsigned char *p, size_t i)
{
	switch (i >= 1 ? p[i - 1] | 0x20 : 0) {
	case 'a': return 7;
	case 'e': case 'o': return 3;
	case 'u': case 'y': return 1;
	}
	/* ô Ô ö Ö */
	return i >= 2 && p[i - 2] == 0xC3 &&
	       (p[i - 1] == 0xB4 || p[i - 1] == 0x94 || p[i - 1] == 0xB6 || p[i - 1] == 0x96);
}

/* oá oà oã, which Vietnamese writes (vni_genuine). */
static bool genuine_pair(const unsigned char *p, size_t i, unsigned cp)
{
	unsigned lower = cp | 0x20;
	return (p[i - 1] | 0x20) == 'o' && (lower == 0xE0 || lower == 0xE1 || lower == 0xE3);
}

/* 0x80 in exactly the bytes of w that are C2 or C3 (the lead bytes of
 * U+0080-U+00FF) or E2 (that of U+212B): no borrow between bytes, so that
 * a word read again over bytes already passed can be masked. */
static uint64_t sign_leads(uint64_t w)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t latin1 = (w ^ 0xC2C2C2C2C2C2C2C2ULL) & 0xFEFEFEFEFEFEFEFEULL;
	uint64_t e2 = w ^ 0xE2E2E2E2E2E2E2E2ULL;
	return ~((((latin1 & low7) + low7) | latin1 | low7) & (((e2 & low7) + low7) | e2 | low7));
}

/* Whether the character U+0080 + index at p[i] can be a sign
 * (latin1_signs). Vietnamese in NFC holds mostly small letters that are
 * none: ì í ò ó ô ý anywhere, the others after a consonant. */
static bool latin1_sign(const unsigned char *p, size_t i, unsigned index)
{
	unsigned can = latin1_signs[index];
	if (!can)
		return false;
	if (can & SG)
		return true;
	if ((can & CP) && i > 0 &&
	    (p[i - 1] >= 0x80 || ((p[i - 1] | 0x20) >= 'a' && (p[i - 1] | 0x20) <= 'z')))
		return true;
	unsigned marks = can & (TO | CI | BR);
	return marks && (marks & vni_base_groups_before(p, i)) && !genuine_pair(p, i, 0x80 + index);
}

/* Whether the character at p[i] (a byte C2, C3 or E2) can be a sign. */
static bool sign_at(const unsigned char *p, size_t i, size_t len)
{
	if (p[i] == 0xE2)
		return i + 2 < len && p[i + 1] == 0x84 && p[i + 2] == 0xAB;
	if (i + 1 >= len || (p[i + 1] & 0xC0) != 0x80)
		return true;
	return latin1_sign(p, i, (p[i] & 1u) << 6 | (p[i + 1] & 0x3Fu));
}

/* Whether one of the bytes from p[from] that leads marks starts a sign:
 * byte from + k by bit k << shift (3 for sign_leads' words, 0 for
 * sign_lead_bits). */
static bool sign_in(const unsigned char *p, size_t from, size_t len, uint64_t leads,
		    unsigned shift)
{
	for (; leads; leads &= leads - 1)
		if (sign_at(p, from + ((size_t)__builtin_ctzll(leads) >> shift), len))
			return true;
	return false;
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* A bit for each of the 16 bytes at p that is C2, C3 or E2. */
static unsigned sign_lead_bits(const unsigned char *p)
{
	__m128i x = _mm_loadu_si128((const __m128i *)p);
	__m128i latin1 = _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xFE)),
					_mm_set1_epi8((char)0xC2));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(latin1,
							_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE2))));
}
#endif

/* False when gather cannot find a sign in s: every sign is a character of
 * U+00A1-U+00FF (or U+212B, whose lower case is a VNI mark) that
 * latin1_sign names. Vietnamese in NFC mostly passes this scan without the
 * heuristic's per-character Unicode lookups: sixteen (with SSE2) or eight
 * bytes at a time for the lead bytes C2, C3 and E2 (the last bytes read
 * again, masked, rather than byte by byte), whose characters alone are
 * tested. */
static bool may_carry_sign(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
#if defined(__SSE2__)
	if (len >= 16) {
		for (; i + 16 <= len; i += 16)
			if (sign_in(p, i, len, sign_lead_bits(p + i), 0))
				return true;
		return i < len && sign_in(p, len - 16, len,
					  sign_lead_bits(p + len - 16) & ~0u << (i + 16 - len), 0);
	}
#endif
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w;
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, sizeof w);
		if (sign_in(p, i, len, sign_leads(w), 3))
			return true;
	}
	if (i < len && len >= 8) {
		memcpy(&w, p + len - 8, sizeof w);
		return sign_in(p, len - 8, len, sign_leads(w) & ~0ULL << 8 * (i + 8 - len), 3);
	}
#endif
	for (; i < len; i++)
		if (((p[i] & 0xFE) == 0xC2 || p[i] == 0xE2) && sign_at(p, i, len))
			return true;
	return false;
}

bool legacy_encoding_suspect(const char *s, size_t len)
{
	if (!may_carry_sign(s, len))
		return false;
	struct evidence ev;
	enum legacy e = weigh(s, len, &ev);
	return ev.points[e] >= FAIL_AT;
}

static int legacy_bind(struct bound_check *b, const struct plan *plan, dqa_error *err)
{
	(void)plan;
	b->state = calloc(1, sizeof(struct text_buf));
	RETURN_IF_NOMEM(b->state, err);
	return 0;
}

/* Bytes of the decoded value a note shows; longer ones end in "...". */
enum { DECODED_SHOWN_CAP = 160 };

static void explain(struct text_buf *tb, enum legacy e, const struct evidence *ev,
		    const char *s, size_t len, char *note, size_t cap)
{
	char sign[16] = "";
	size_t used = 0;
	for (size_t k = 0; k < 2 && ev->first[e][k] >= 0; k++)
		used += (size_t)utf8proc_encode_char(ev->first[e][k],
						      (utf8proc_uint8_t *)sign + used);
	sign[used] = '\0';
	char shown[DECODED_SHOWN_CAP] = "?";
	size_t decoded_len;
	const char *decoded = decode(tb, e, s, len, &decoded_len);
	if (decoded)
		text_clip(shown, sizeof shown, decoded, decoded_len);
	snprintf(note, cap, "looks like %s (\"%s\" at character %zu), decoded: \"%s\"",
		 encoding_names[e], sign, ev->first_at[e], shown);
}

static bool legacy_row(struct bound_check *b, const struct plan_row *row, char *note,
		       size_t cap)
{
	int col = b->cols[0];
	const char *s = row->fields[col];
	size_t len = row->lens[col];
	if (text_is_ascii(s, len))
		return true;
	struct evidence ev;
	enum legacy e = weigh(s, len, &ev);
	if (ev.points[e] < FAIL_AT)
		return true;
	if (note)
		explain(b->state, e, &ev, s, len, note, cap);
	return false;
}

static void legacy_unbind(struct bound_check *b)
{
	text_buf_release(b->state);
	free(b->state);
}

const struct check_ops check_legacy_encoding = {
	.kind = "legacy_encoding", .scope = SCOPE_ROW, .shape = SHAPE_PER_COLUMN,
	.bind = legacy_bind, .row = legacy_row, .unbind = legacy_unbind,
};
