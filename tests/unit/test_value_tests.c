/* The value tests the profile runs on every field, against byte-at-a-time
 * readings of their rules or the audit's checks that have no shortcut:
 * value_trimmed and value_double_space read sixteen or eight bytes at a
 * time and the last ones again; legacy_encoding_suspect scans the bytes
 * the same way for a character that can be a sign before it runs
 * clean.legacy_encoding's heuristic; placeholder_default turns most values
 * down by their first byte before it folds them; email_valid and
 * hostname_problem read bytes by bit masks. */
#include "tap.h"
#include "checks/check.h"
#include "checks/value_tests.h"
#include "checks/text.h"
#include "plan.h"
#include "rules/rules.h"

extern const struct check_ops check_legacy_encoding, check_placeholder;

/* The state of tap_xorshift, seeded: every run is the same test. */
static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static unsigned next_random(unsigned n)
{
	return (unsigned)(tap_xorshift(&rng) % n);
}

/* One edit of buf's *len bytes at at: how 0 deletes the byte there, 1
 * inserts c while the text is shorter than most, any other writes c over
 * it. */
static void edit_byte(char *buf, size_t *len, size_t at, char c, unsigned how, size_t most)
{
	if (how == 0 && at < *len) {
		memmove(buf + at, buf + at + 1, *len - at - 1);
		(*len)--;
	} else if (how == 1 && *len < most) {
		memmove(buf + at + 1, buf + at, *len - at);
		buf[at] = c;
		(*len)++;
	} else if (at < *len) {
		buf[at] = c;
	}
}

/* Appends one random piece of text to buf at *len: ASCII that neighbours
 * signs (base vowels, letters, space, digit), any character of
 * U+0080-U+00FF, a Vietnamese letter of U+1EA0-U+1EF9 or ă đ ơ ư, a
 * combining mark, U+212B or the Kelvin sign, or a stray byte (a lead
 * without its continuation, a lone continuation). */
static void add_piece(char *buf, size_t *len)
{
	static const char ascii[] = "aeouyAEOUYnNhHtT 1-";
	static const char *const others[] = {
		"\xC4\x83", "\xC4\x91", "\xC6\xA1", "\xC6\xB0", "\xCC\x80", "\xCC\x81", "\xCC\xA3",
		"\xE2\x84\xAB", "\xE2\x84\xAA", "\xE2\x84", "\xC3", "\xC2", "\xE2", "\x84", "\xAB", "\xFF",
	};
	unsigned kind = next_random(8), cp;
	switch (kind) {
	case 0: case 1: case 2:
		buf[(*len)++] = ascii[next_random(sizeof ascii - 1)];
		break;
	case 3: case 4:
		cp = 0x80 + next_random(0x80);
		buf[(*len)++] = (char)(0xC0 | cp >> 6);
		buf[(*len)++] = (char)(0x80 | (cp & 0x3F));
		break;
	case 5:
		cp = 0x1EA0 + next_random(0x5A);
		buf[(*len)++] = (char)(0xE0 | cp >> 12);
		buf[(*len)++] = (char)(0x80 | (cp >> 6 & 0x3F));
		buf[(*len)++] = (char)(0x80 | (cp & 0x3F));
		break;
	default: {
		const char *o = others[next_random(sizeof others / sizeof *others)];
		memcpy(buf + *len, o, strlen(o));
		*len += strlen(o);
	}
	}
}

/* legacy_encoding_suspect against the check's row test (the heuristic on
 * every non-ASCII value) on 300,000 strings of 0 to 19 pieces: every
 * length around the eight-byte words the scan reads, signs at every
 * position and next to every kind of neighbour. */
static void legacy_as_the_check(void)
{
	struct check def = {.ops = &check_legacy_encoding};
	struct bound_check b = {.def = &def};
	dqa_error err = {0};
	EXPECT(check_legacy_encoding.bind(&b, NULL, &err) == 0);
	int col = 0, wrong = 0, suspects = 0;
	b.cols = &col;
	for (int n = 0; n < 300000; n++) {
		char buf[128];
		size_t len = 0, pieces = next_random(20);
		for (size_t k = 0; k < pieces; k++)
			add_piece(buf, &len);
		buf[len] = '\0';
		const char *fields[] = {buf};
		struct plan_row row = {.fields = fields, .lens = &len};
		bool suspect = legacy_encoding_suspect(buf, len);
		suspects += suspect;
		if (suspect == check_legacy_encoding.row(&b, &row, NULL, 0))
			if (wrong++ < 10)
				fprintf(stderr, "legacy_encoding_suspect(\"%s\") = %d\n", buf, suspect);
	}
	check_legacy_encoding.unbind(&b);
	EXPECT(wrong == 0);
	/* Both answers are common, so a scan that always or never passes fails. */
	EXPECT(suspects > 30000 && suspects < 270000);
	EXPECT(!legacy_encoding_suspect("S\xE1\xBB\x91 39 ng\xC3\xB5 86 ph\xE1\xBB\x91 Ch\xC3\xB9"
					"a B\xE1\xBB\x99""c", 33));
	EXPECT(legacy_encoding_suspect("Nguy\xC3\x94n", 7));
}

static bool trimmed_by_bytes(const char *s, size_t len)
{
	if (len == 0)
		return true;
	const char *edges = " \t\r\n";
	if (memchr(edges, s[0], 4) || memchr(edges, s[len - 1], 4))
		return false;
	for (size_t i = 0; i + 1 < len; i++)
		if (s[i] == ' ' && s[i + 1] == ' ')
			return false;
	return true;
}

/* Every length to 26, a pair of spaces (or a space and a tab, which is no
 * pair) starting at every position, and one space at every position. */
static void trimmed_everywhere(void)
{
	char buf[32];
	int wrong = 0;
	for (size_t len = 0; len <= 26; len++)
		for (size_t at = 0; at <= len; at++)
			for (int kind = 0; kind < 3; kind++) {
				memset(buf, 'a', sizeof buf);
				if (at < len)
					buf[at] = ' ';
				if (kind > 0 && at + 1 < len)
					buf[at + 1] = kind == 1 ? ' ' : '\t';
				wrong += value_trimmed(buf, len) != trimmed_by_bytes(buf, len);
			}
	EXPECT(wrong == 0);
	EXPECT(!value_trimmed("abcdefghijklmnop  q", 19) && value_trimmed("abcdefghijklmnop q", 18));
}

/* value_double_space (a space byte and its successor from one load, the
 * last word's pairs from where the words stopped) against memmem on
 * 200,000 strings of 0 to 40 bytes of spaces and of the bytes a borrow
 * between bytes would take for spaces: ! (0x21), 0xA0, tab, NUL. */
static void double_space_random(void)
{
	static const char bytes[] = {' ', ' ', ' ', 'a', '!', '\xA0', '\t', '\0', '\x1F'};
	int wrong = 0, pairs = 0;
	for (int n = 0; n < 200000; n++) {
		char buf[48];
		size_t len = next_random(41);
		for (size_t i = 0; i < len; i++)
			buf[i] = bytes[next_random(sizeof bytes)];
		bool pair = memmem(buf, len, "  ", 2) != NULL;
		pairs += pair;
		wrong += value_double_space(buf, len) != pair;
	}
	EXPECT(wrong == 0);
	EXPECT(pairs > 50000 && pairs < 150000);
}

/* placeholder_default against clean.placeholder's row test with the
 * default list (every value folded and compared), and the inline tests of
 * its first and second bytes against both, on 200,000 values: the placeholders in
 * other cases, decomposed, with the Kelvin sign, spaces, tabs and line
 * ends around them or a byte changed, put in or taken out; and names,
 * numbers, IDs and phone numbers. */
static void placeholder_as_the_check(void)
{
	static const char *const bases[] = {
		"N/A", "#N/A", "NA", "null", "none", "-", "--", "?", "0", "0000000000", "0000-00-00",
		"00/00/0000", "x", "kh\xC3\xB4ng c\xC3\xB3", "ch\xC6\xB0""a c\xC3\xB3",
		"kho\xCC\x82\xCC\x81ng co\xCC\x81", "\xE2\x84\xAAh\xC3\x94NG C\xC3\x93", "Nguy\xE1\xBB\x85n",
		"Nam", "0963546594", "1939-08-16", "12", "n/a ", "xx", "CH\xC6\xAF""A C\xC3\x93",
	};
	static const char bytes[] = " \t\r\nnNaA/#-?0xXkKcC1lo\xC3";
	struct dqa_rules rules = {.arena = ARENA_INIT};
	dqa_error err = {0};
	struct rules_ctx ctx = {&rules, &err, NULL};
	struct check def = {.ops = &check_placeholder};
	struct bound_check b = {.def = &def};
	EXPECT(check_placeholder.configure(&def, NULL, &ctx) == 0);
	EXPECT(check_placeholder.bind(&b, NULL, &err) == 0);
	struct text_buf tb = {0};
	int col = 0, wrong = 0, flagged = 0;
	b.cols = &col;
	for (int n = 0; n < 200000; n++) {
		char buf[64];
		const char *base = bases[next_random(sizeof bases / sizeof *bases)];
		size_t len = strlen(base);
		memcpy(buf, base, len);
		for (unsigned changes = next_random(4); changes > 0; changes--) {
			size_t at = next_random((unsigned)len + 1);
			char c = bytes[next_random(sizeof bytes - 1)];
			unsigned how = next_random(4);
			edit_byte(buf, &len, at, c, how, 40);
		}
		if (len == 0)
			continue;
		buf[len] = '\0';
		const char *fields[] = {buf};
		struct plan_row row = {.fields = fields, .lens = &len};
		bool slow = !check_placeholder.row(&b, &row, NULL, 0);
		bool fast = placeholder_default(buf, len, &tb);
		flagged += slow;
		bool may = placeholder_default_may_start((unsigned char)buf[0]) &&
			   (len < 2 || placeholder_default_may_follow((unsigned char)buf[1]));
		if ((fast != slow || (slow && !may)) &&
		    wrong++ < 10)
			fprintf(stderr, "placeholder_default(\"%s\") = %d\n", buf, fast);
	}
	text_buf_release(&tb);
	check_placeholder.unbind(&b);
	arena_release(&rules.arena);
	EXPECT(wrong == 0);
	EXPECT(flagged > 20000 && flagged < 180000);
}

/* correct.email's rules a byte at a time, with ranges and strchr as first
 * written: the reference for email_valid and hostname_problem, which read
 * the bytes by bit masks. NULL when s passes, else the rule it breaks. */
static const char *host_by_bytes(const char *s, size_t len)
{
	if (len == 0)
		return "empty domain";
	if (len > 253)
		return "domain longer than 253 characters";
	size_t labels = 0, start = 0;
	bool all_digits = true;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '.') {
			char c = s[i];
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) &&
			    c != '-')
				return (unsigned char)c >= 0x80
					? "non-ASCII domain (write it as xn--...)"
					: "domain has a character other than letters, digits, '-' and '.'";
			all_digits = all_digits && c >= '0' && c <= '9';
			continue;
		}
		size_t n = i - start;
		if (n == 0)
			return "empty domain label";
		if (n > 63)
			return "domain label longer than 63 characters";
		if (s[start] == '-' || s[i - 1] == '-')
			return "domain label starts or ends with '-'";
		labels++;
		if (i < len)
			all_digits = true;
		start = i + 1;
	}
	if (labels < 2)
		return "domain needs a dot";
	return all_digits ? "top-level domain is all digits" : NULL;
}

static const char *email_by_bytes(const char *s, size_t len)
{
	const char *at = memchr(s, '@', len);
	if (!at)
		return "missing '@'";
	size_t local = (size_t)(at - s);
	if (memchr(at + 1, '@', len - local - 1))
		return "more than one '@'";
	if (len > 254)
		return "longer than 254 characters";
	if (local == 0)
		return "empty local part";
	if (local > 64)
		return "local part longer than 64 characters";
	if (s[0] == '.' || s[local - 1] == '.')
		return "local part starts or ends with '.'";
	for (size_t i = 0; i < local; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c && strchr("!#$%&'*+/=?^_`{|}~-.", c))))
			return (unsigned char)c >= 0x80 ? "non-ASCII local part"
				: "local part has a character outside letters, digits and !#$%&'*+/=?^_`{|}~-.";
		if (c == '.' && s[i + 1] == '.')
			return "local part has '..'";
	}
	return host_by_bytes(at + 1, len - local - 1);
}

/* email_valid's note (and so hostname_problem's answer) against the
 * byte-at-a-time reading on 200,000 addresses with bytes changed, put in or
 * taken out: every ASCII byte class, a high byte, NUL, labels of 63 and 64
 * bytes. */
static void email_by_masks(void)
{
	static const char *const bases[] = {
		"minh.vo88@fpt.vn", "a@b.c", "x@1.2", "a..b@c.d", ".a@b.c", "a@-b.c", "a@b-.c",
		"a@b..c", "a@bc", "o'neil+tag@hanoi.gov.vn", "a@b.c9", "a@9.b",
		"a@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.vn",
	};
	static const char bytes[] = "a9Z.-@_!~ `{|}^/=?#$%&*+'\"(),:;<>[\\]\x80\xC3\x7F";
	int wrong = 0, valid = 0;
	for (int n = 0; n < 200000; n++) {
		char buf[96];
		const char *base = bases[next_random(sizeof bases / sizeof *bases)];
		size_t len = strlen(base);
		memcpy(buf, base, len);
		for (unsigned changes = next_random(4); changes > 0; changes--) {
			size_t at = next_random((unsigned)len + 1);
			char c = next_random(50) ? bytes[next_random(sizeof bytes - 1)] : '\0';
			unsigned how = next_random(3);
			edit_byte(buf, &len, at, c, how, 80);
		}
		buf[len] = '\0';
		char note[160] = "";
		const char *want = email_by_bytes(buf, len);
		bool ok = email_valid(buf, len, note, sizeof note);
		valid += ok;
		if ((ok != !want || (want && strcmp(note, want) != 0)) && wrong++ < 10)
			fprintf(stderr, "email_valid(\"%s\"): %d \"%s\", by bytes \"%s\"\n", buf, ok, note,
				want ? want : "");
	}
	EXPECT(wrong == 0);
	EXPECT(valid > 20000 && valid < 180000);
}

int main(void)
{
	trimmed_everywhere();
	double_space_random();
	legacy_as_the_check();
	placeholder_as_the_check();
	email_by_masks();
	return TAP_DONE();
}
