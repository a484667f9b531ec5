/* utf8_valid against the scalar answer, utf8_valid_prefix(s, len) == len:
 * every 1-, 2- and 3-byte sequence and a dense sample of 4-byte ones placed
 * in a 64-byte buffer of ASCII or Vietnamese text, random mutations of
 * Vietnamese text, sequences cut short by the end of the text. Each
 * implementation is held to it: AVX2 (when this CPU has it), the portable
 * fallback (what runs without AVX2), and utf8_valid itself. */
#include <stdint.h>
#include <stdlib.h>

#include "tap.h"
#include "util/utf8_valid.h"
#include "util/values.h"

enum { BUF = 64, MAX_SHOWN = 8 };

struct impl {
	const char *name;
	utf8_valid_fn *fn;
};

static struct impl impls[3];
static size_t nimpls;

/* Valid text to place sequences in: one all ASCII, one Vietnamese (whose
 * characters a placed sequence may cut, which only makes more cases). */
static const char ascii_text[] =
	"stt,citizen_id,full_name,gender,birth_date,phone,email,ward_code,address";
static const char viet_text[] =
	"Nguyễn Ngọc Lộc,Nữ,Số 57 phố Đinh Tiên Hoàng,thường trú,tạm vắng,đã chuyển đi";
/* Long ASCII runs between Vietnamese words, so that mutations land on
 * both sides of the AVX2 path's 64-byte ASCII skip. */
static const char mixed_text[] =
	"1,001049519358,Nguyễn Ngọc Lộc,Nam,1949-10-17,0345543980,loc.nguyen36@gmail.com,"
	"00082,So 57 pho Dinh Tien Hoang va ngo 27/16 duong Nguyen Van Linh phuong 3,"
	"2026-09-03 22:15:01,thường trú\n2,033085291293,Ngô Xuân Minh,Nam,1985-11-01,"
	"0395802679,,00085,Số 43 ngách 27/16 ngõ 91 đường Nguyễn Văn Linh,4,tạm trú 𝄞\n";

static void show(const unsigned char *s, size_t len, const char *name, bool want)
{
	fprintf(stderr, "%s says %s, utf8_valid_prefix %s:", name, want ? "invalid" : "valid",
		want ? "valid" : "invalid");
	for (size_t i = 0; i < len; i++)
		fprintf(stderr, " %02X", s[i]);
	fputc('\n', stderr);
}

static void agree(const unsigned char *s, size_t len)
{
	bool want = utf8_valid_prefix((const char *)s, len) == len;
	for (size_t k = 0; k < nimpls; k++) {
		if (impls[k].fn((const char *)s, len) == want)
			continue;
		if (tap_failures < MAX_SHOWN)
			show(s, len, impls[k].name, want);
		tap_failures++;
	}
}

/* seq[0, n) at offset off of a 64-byte buffer of background text. */
static void placed(const unsigned char *seq, size_t n, size_t off, const char *text)
{
	unsigned char buf[BUF];
	memcpy(buf, text, BUF);
	memcpy(buf + off, seq, n);
	agree(buf, BUF);
}

static void every_short_sequence(void)
{
	unsigned char seq[3];
	for (unsigned v = 0; v < 256; v++) {
		seq[0] = (unsigned char)v;
		for (size_t off = 0; off + 1 <= BUF; off++) {
			placed(seq, 1, off, ascii_text);
			placed(seq, 1, off, viet_text);
		}
	}
	for (unsigned v = 0; v < 1u << 16; v++) {
		seq[0] = (unsigned char)(v >> 8), seq[1] = (unsigned char)v;
		for (size_t off = 0; off + 2 <= BUF; off++)
			placed(seq, 2, off, off & 1 ? viet_text : ascii_text);
	}
}

/* All 2^24 sequences at every offset would be 10^9 buffers: each one goes
 * to an offset that turns with it, and those starting with a lead byte
 * also to one where they straddle a 16-byte lane, the 32-byte vector or
 * the end of the buffer. */
static void every_three_byte_sequence(void)
{
	static const size_t straddle[] = {14, 15, 30, 31, 61};
	unsigned char seq[3];
	for (uint32_t v = 0; v < 1u << 24; v++) {
		seq[0] = (unsigned char)(v >> 16), seq[1] = (unsigned char)(v >> 8);
		seq[2] = (unsigned char)v;
		const char *text = v & 1 ? viet_text : ascii_text;
		placed(seq, 3, v % (BUF - 2), text);
		if (seq[0] >= 0xC0)
			placed(seq, 3, straddle[v % 5], text);
	}
}

/* Bytes at every edge of the tables' classes. */
static const unsigned char edges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
				      0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4,
				      0xF5, 0xFF};
#define NEDGES (sizeof edges / sizeof edges[0])

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t next(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* Lead bytes E0..FF before every second byte and edge bytes after, then
 * a million random 4-byte sequences, at offsets that turn. */
static void four_byte_sequences(void)
{
	unsigned char seq[4];
	size_t turn = 0;
	for (unsigned lead = 0xE0; lead <= 0xFF; lead++)
		for (unsigned second = 0; second < 256; second++)
			for (size_t a = 0; a < NEDGES; a++)
				for (size_t b = 0; b < NEDGES; b++, turn++) {
					seq[0] = (unsigned char)lead, seq[1] = (unsigned char)second;
					seq[2] = edges[a], seq[3] = edges[b];
					placed(seq, 4, turn % (BUF - 3), turn & 1 ? viet_text : ascii_text);
				}
	for (int i = 0; i < 1000000; i++) {
		uint32_t r = next();
		memcpy(seq, &r, sizeof r);
		seq[0] |= 0xF0;
		placed(seq, 4, next() % (BUF - 3), i & 1 ? viet_text : ascii_text);
	}
}

/* Valid text with one to three bytes replaced, dropped or cut, checked
 * from a random start to a random end. */
static void mutations(void)
{
	enum { ROUNDS = 2000000 };
	const size_t len = sizeof mixed_text - 1;
	unsigned char buf[sizeof mixed_text];
	for (int i = 0; i < ROUNDS; i++) {
		memcpy(buf, mixed_text, len);
		size_t n = len;
		for (uint32_t k = next() % 3 + 1; k > 0; k--) {
			size_t at = next() % n;
			switch (next() % 4) {
			case 0:
				buf[at] = (unsigned char)next();
				break;
			case 1:
				buf[at] = edges[next() % NEDGES];
				break;
			case 2:
				memmove(buf + at, buf + at + 1, n - at - 1);
				n--;
				break;
			default:
				buf[at] ^= (unsigned char)(1u << (next() % 8));
			}
		}
		size_t start = next() % 4, end = n - next() % 8;
		agree(buf + start, end > start ? end - start : 0);
	}
}

/* A multibyte character cut short at the end of the text, the text before
 * it of every length, so the cut falls at every place in the last vector
 * and before a 64-byte ASCII run. */
static void truncated_ends(void)
{
	static const char *const chars[] = {"é", "ễ", "Đ", "ữ", "€", "\xEF\xBF\xBF", "𝄞",
					    "\xF4\x8F\xBF\xBF"};
	unsigned char buf[3 * BUF + 8];
	for (size_t c = 0; c < sizeof chars / sizeof chars[0]; c++) {
		size_t clen = strlen(chars[c]);
		for (size_t before = 0; before <= 2 * BUF; before++) {
			for (size_t cut = 1; cut <= clen; cut++) {
				if (before % 2)
					memcpy(buf, mixed_text, before);
				else
					memset(buf, 'a', before);
				memcpy(buf + before, chars[c], cut);
				agree(buf, before + cut);
				/* the same, followed by ASCII: an open sequence
				 * before text the fast path skips */
				memset(buf + before + cut, 'z', BUF);
				agree(buf, before + cut + BUF);
			}
		}
	}
}

int main(void)
{
	utf8_valid_fn *avx2 = utf8_valid_avx2();
	if (avx2)
		impls[nimpls++] = (struct impl){"avx2", avx2};
	else
		fprintf(stderr, "# no AVX2 on this CPU: the portable path only\n");
	impls[nimpls++] = (struct impl){"portable", utf8_valid_portable};
	impls[nimpls++] = (struct impl){"utf8_valid", utf8_valid};
	EXPECT(sizeof ascii_text > BUF && sizeof viet_text > BUF);
	EXPECT(utf8_valid(mixed_text, sizeof mixed_text - 1));
	EXPECT(!utf8_valid("\xED\xA0\x80", 3));   /* a surrogate */
	EXPECT(utf8_valid("", 0));
	every_short_sequence();
	every_three_byte_sequence();
	four_byte_sequences();
	mutations();
	truncated_ends();
	return TAP_DONE();
}
