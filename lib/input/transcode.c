/* The encodings table and the two ways of decoding: iconv, and a table
 * decoder for the Vietnamese font encodings glibc does not have as their
 * users mean them (see vn_legacy.c). */
#include "transcode.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "vn_legacy.h"

enum decoder { DECODE_NONE, DECODE_ICONV, DECODE_TCVN3, DECODE_VNI };

struct encoding {
	const char *name;
	enum decoder decoder;
	const char *iconv_name;
};

/* The first name of each is the one messages use. */
static const struct encoding encodings[] = {
	{"utf-8", DECODE_NONE, NULL},
	{"utf8", DECODE_NONE, NULL},
	{"windows-1258", DECODE_ICONV, "CP1258"},
	{"cp1258", DECODE_ICONV, "CP1258"},
	{"tcvn3", DECODE_TCVN3, NULL},
	{"vni", DECODE_VNI, NULL},
	{"latin1", DECODE_ICONV, "ISO-8859-1"},
	{"iso-8859-1", DECODE_ICONV, "ISO-8859-1"},
	{"windows-1252", DECODE_ICONV, "CP1252"},
	/* glibc's UTF-16 takes the byte order from the byte order mark (and
	 * drops it); without one, big-endian. */
	{"utf-16", DECODE_ICONV, "UTF-16"},
};

enum { NENCODINGS = sizeof encodings / sizeof *encodings };

const struct encoding *encoding_find(const char *name)
{
	for (size_t i = 0; i < NENCODINGS; i++)
		if (strcasecmp(encodings[i].name, name) == 0)
			return &encodings[i];
	return NULL;
}

bool encoding_is_utf8(const struct encoding *e)
{
	return !e || e->decoder == DECODE_NONE;
}

bool encoding_is_utf16(const struct encoding *e)
{
	return e && strcmp(e->name, "utf-16") == 0;
}

const char *encoding_name(const struct encoding *e)
{
	return e ? e->name : "utf-8";
}

size_t encoding_names(const char **names, size_t cap)
{
	size_t n = 0;
	for (; n < NENCODINGS && n < cap; n++)
		names[n] = encodings[n].name;
	return n;
}

struct transcoder {
	const struct encoding *e;
	iconv_t cd;
};

struct transcoder *transcoder_new(const struct encoding *e)
{
	struct transcoder *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->e = e;
	t->cd = (iconv_t)-1;
	if (e->decoder == DECODE_ICONV && (t->cd = iconv_open("UTF-8", e->iconv_name)) == (iconv_t)-1) {
		free(t);
		return NULL;
	}
	return t;
}

void transcoder_free(struct transcoder *t)
{
	if (t && t->cd != (iconv_t)-1)
		iconv_close(t->cd);
	free(t);
}

static enum transcode_status run_iconv(struct transcoder *t, const unsigned char *in, size_t len,
				       bool last, size_t *used, char *out, size_t cap,
				       size_t *made)
{
	char *inp = (char *)in, *outp = out;
	size_t inleft = len, outleft = cap;
	size_t rc = iconv(t->cd, &inp, &inleft, &outp, &outleft);
	int why = rc == (size_t)-1 ? errno : 0;
	/* CP1258 holds a base letter back in case a tone mark follows: at the
	 * end of the input, it is written out. */
	if (last && why == 0)
		iconv(t->cd, NULL, NULL, &outp, &outleft);
	*used = len - inleft;
	*made = cap - outleft;
	return why == EILSEQ || (why == EINVAL && last) ? TRANSCODE_INVALID : TRANSCODE_OK;
}

/* One TCVN3 or VNI character (and the mark after it) at in[i], as NFC
 * UTF-8 into out; returns the input bytes used, 0 when in[i] is not in
 * the encoding. */
static size_t decode_one(enum decoder d, const unsigned char *in, size_t len, size_t i,
			 utf8proc_int32_t cps[4], size_t *ncps)
{
	utf8proc_int32_t cur = in[i];
	*ncps = 0;
	if (d == DECODE_TCVN3) {
		utf8proc_int32_t letter = cur < 0x80 ? cur : vn_tcvn3_letter(cur);
		cps[(*ncps)++] = letter;
		return letter || cur == 0 ? 1 : 0;
	}
	utf8proc_int32_t next = i + 1 < len ? in[i + 1] : -1;
	return vn_vni_decode_one(cur, next, cps, ncps);
}

static enum transcode_status run_table(struct transcoder *t, const unsigned char *in,
				       size_t len, bool last, size_t *used, char *out,
				       size_t cap, size_t *made)
{
	size_t i = 0, o = 0;
	enum transcode_status status = TRANSCODE_OK;
	while (i < len && o < cap) {
		if (in[i] < 0x80 && !(t->e->decoder == DECODE_VNI && vn_vni_is_base(in[i]))) {
			out[o++] = (char)in[i++];
			continue;
		}
		/* A VNI base letter last in the input may take a mark from the next read. */
		if (i + 1 == len && !last && t->e->decoder == DECODE_VNI)
			break;
		utf8proc_int32_t cps[8];
		size_t ncps;
		size_t k = decode_one(t->e->decoder, in, len, i, cps, &ncps);
		if (!k) {
			status = TRANSCODE_INVALID;
			break;
		}
		utf8proc_ssize_t n = utf8proc_reencode(cps, (utf8proc_ssize_t)ncps, UTF8PROC_COMPOSE);
		if ((size_t)n > cap - o)
			break;
		memcpy(out + o, cps, (size_t)n);
		o += (size_t)n;
		i += k;
	}
	*used = i;
	*made = o;
	return status;
}

enum transcode_status transcode_run(struct transcoder *t, const unsigned char *in, size_t len,
				    bool last, size_t *used, char *out, size_t cap, size_t *made)
{
	if (t->e->decoder == DECODE_ICONV)
		return run_iconv(t, in, len, last, used, out, cap, made);
	return run_table(t, in, len, last, used, out, cap, made);
}

/* Scoring a decoding as Vietnamese text: letters only Vietnamese uses
 * count 2, other Latin-1 letters 1; what a wrong decoding shows costs 3:
 * two toned vowels in a row ("éý"), a capital right after a small letter
 * ("NguyÔn"), a symbol or control character, a mark left uncomposed. */
static bool vietnamese_only(utf8proc_int32_t c)
{
	return (c >= 0x1EA0 && c <= 0x1EF9) || c == 0x102 || c == 0x103 || c == 0x110 ||
	       c == 0x111 || c == 0x128 || c == 0x129 || c == 0x168 || c == 0x169 ||
	       c == 0x1A0 || c == 0x1A1 || c == 0x1AF || c == 0x1B0;
}

static bool toned(utf8proc_int32_t c)
{
	utf8proc_int32_t parts[4];
	int options;
	utf8proc_ssize_t n = utf8proc_decompose_char(c, parts, 4, UTF8PROC_DECOMPOSE, &options);
	for (utf8proc_ssize_t k = 1; k < n && k < 4; k++)
		if (parts[k] == 0x300 || parts[k] == 0x301 || parts[k] == 0x303 ||
		    parts[k] == 0x309 || parts[k] == 0x323)
			return true;
	return false;
}

static int score_text(const char *s, size_t len)
{
	int score = 0;
	utf8proc_int32_t prev = ' ';
	for (utf8proc_ssize_t i = 0, k; (size_t)i < len; i += k) {
		utf8proc_int32_t c;
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)len - i, &c);
		if (k <= 0)
			return -1000;
		utf8proc_category_t cat = utf8proc_category(c);
		bool wrong = (c < 0x20 && c != '\t') ||
			     (c >= 0x80 && (cat >= UTF8PROC_CATEGORY_SM || cat == UTF8PROC_CATEGORY_MN)) ||
			     (utf8proc_isupper(c) && utf8proc_islower(prev)) ||
			     (c >= 0x80 && toned(c) && prev >= 0x80 && toned(prev));
		score += wrong ? -3 : vietnamese_only(c) ? 2 : c >= 0xC0 && c < 0x100 ? 1 : 0;
		prev = c;
	}
	return score;
}

/* The decoding of bytes in e, NFC, into out (cap bytes); its length, or
 * SIZE_MAX when a byte is not in e. */
static size_t decode_all(const struct encoding *e, const char *s, size_t len, char *out,
			 size_t cap)
{
	struct transcoder *t = transcoder_new(e);
	size_t used, made;
	enum transcode_status st = t ? transcode_run(t, (const unsigned char *)s, len, true, &used,
						     out, cap, &made)
				     : TRANSCODE_INVALID;
	transcoder_free(t);
	return st == TRANSCODE_OK && used == len ? made : SIZE_MAX;
}

const char *encoding_guess(const char *s, size_t len)
{
	static const char *const candidates[] = {"windows-1258", "tcvn3", "vni"};
	enum { GUESS_BYTES = 256 };
	char out[GUESS_BYTES * 4 + TRANSCODE_MIN_OUT];
	len = len < GUESS_BYTES ? len : GUESS_BYTES;
	const char *best = NULL;
	int best_score = 0;
	for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
		size_t n = decode_all(encoding_find(candidates[i]), s, len, out, sizeof out);
		/* Windows-1258 wins a tie: Excel on Vietnamese Windows saves in it. */
		int score = n == SIZE_MAX ? -1000 : score_text(out, n) + (i == 0);
		if (score > best_score)
			best = candidates[i], best_score = score;
	}
	return best;
}
