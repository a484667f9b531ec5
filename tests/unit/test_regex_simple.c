/* The simple-pattern matcher: which patterns it takes, a few matches by
 * hand, and a differential test against PCRE2 itself on random patterns
 * from its grammar and near it, and random subjects. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/regex_simple.h"
#include "tap.h"

enum {
	PATTERNS = 20000,            /* random patterns in the differential test */
	SUBJECTS = 50,              /* random subjects per accepted pattern */
	TEXT_MAX = 1024,
};

static bool simple(const char *pattern)
{
	struct regex_simple re;
	return regex_simple_compile(&re, pattern, strlen(pattern));
}

static void grammar(void)
{
	/* The benchmark's three: two simple, the email pattern not, as
	 * [a-z0-9.-]+ may have to give its last '.' back to \. */
	EXPECT(simple("^0[35789][0-9]{8}$"));
	EXPECT(simple("^0[0-9]{2}[0-3][0-9]{8}$"));
	EXPECT(simple("^[0-9]{3}[13]"));
	EXPECT(!simple("^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$"));

	/* Without '$' a pattern must need a byte: PCRE2's JIT and interpreter
	 * disagree on an empty match before invalid UTF-8. */
	EXPECT(!simple("^"));
	EXPECT(!simple("^a*"));
	EXPECT(!simple("^a{0}"));
	EXPECT(simple("^a*b"));
	EXPECT(simple("^$"));
	EXPECT(simple("^a*$"));
	EXPECT(simple("^\\d+\\.\\d{2}$"));
	EXPECT(simple("^[-a-z_]+:[0-9]*$"));
	EXPECT(simple("^[a-z-]{1,3}[0-9]"));
	EXPECT(simple("^[\\d\\-\\]x]{2,}$"));
	EXPECT(simple("^a{0}b{0,}c{1,1000}$"));
	EXPECT(simple("^[a^$.*+?(){}|]?0"));
	/* The next item may be empty: what follows it could take the byte. */
	EXPECT(!simple("^a*b?a"));
	EXPECT(simple("^a*b?c"));
	EXPECT(simple("^[0-9]*x?[a-w]"));
	EXPECT(!simple("^[0-9]*x?[a-z]"));
	EXPECT(simple("^a*b*$"));

	const char *not_simple[] = {
		"", "0[0-9]", "\\A0", "(?i)^a", "^a|b", "^(a)", "^.", "^a$b", "^a$$",
		"^[^0-9]", "^[]a]", "^[[:digit:]]", "^[.a.]", "^[:a]", "^[=a]", "^[a", "^[z-a]", "^[a-z-0]", "^[--/]",
		"^[\\d-z]", "^[\\.-z]", "^[a-\\d]", "^\\w", "^\\s", "^\\n", "^\\x41", "^\\1",
		"^\\Qa\\E", "^\\", "^a*?", "^a++", "^a{2}?", "^a{2}{3}", "^a{", "^a{,3}",
		"^a{3,1}", "^a{x}", "^a{1001}", "^*", "^^", "^]", "^}", "^\xc3\xa9",
		"^[\xc3\xa9]", "^\t",
	};
	for (size_t i = 0; i < sizeof not_simple / sizeof *not_simple; i++) {
		if (simple(not_simple[i])) {
			fprintf(stderr, "taken but should not be: '%s'\n", not_simple[i]);
			tap_failures++;
		}
	}
	struct regex_simple re;
	EXPECT(!regex_simple_compile(&re, "^a\0", 3));
	char many[2 * REGEX_SIMPLE_MAX_ITEMS + 4] = "^";
	for (int i = 0; i < REGEX_SIMPLE_MAX_ITEMS; i++)
		strcat(many, "0");
	EXPECT(simple(many));
	strcat(many, "0");
	EXPECT(!simple(many));
}

static bool matches(const char *pattern, const char *subject, size_t len)
{
	struct regex_simple re;
	bool ok = regex_simple_compile(&re, pattern, strlen(pattern));
	EXPECT(ok);
	return ok && regex_simple_match(&re, subject, len);
}

#define MATCHES(pattern, subject) matches(pattern, subject, sizeof subject - 1)

static void by_hand(void)
{
	const char *phone = "^0[35789][0-9]{8}$";
	EXPECT(MATCHES(phone, "0912345678"));
	EXPECT(MATCHES(phone, "0912345678\n"));
	EXPECT(!MATCHES(phone, "0912345678\n\n"));
	EXPECT(!MATCHES(phone, "0912345678\r\n"));
	EXPECT(!MATCHES(phone, "091234567"));
	EXPECT(!MATCHES(phone, "09123456789"));
	EXPECT(!MATCHES(phone, "0212345678"));
	EXPECT(!MATCHES(phone, ""));
	EXPECT(MATCHES("^[0-9]{3}[13]", "0011 and the rest"));
	EXPECT(!MATCHES("^[0-9]{3}[13]", "001"));
	EXPECT(MATCHES("^$", ""));
	EXPECT(MATCHES("^$", "\n"));
	EXPECT(!MATCHES("^$", "\xc3\xa9"));
	EXPECT(!MATCHES("^a+", "\xff"));
	EXPECT(MATCHES("^a+", "a\xff"));
	EXPECT(MATCHES("^a+\\.?$", "aaa."));
	EXPECT(!MATCHES("^a+\\.?$", "aaa.."));
	EXPECT(matches("^a?$", "\0", 1) == false);
}

/* splitmix64: a fixed seed makes every run the same test. */
static uint64_t rng_state = 20261122;

static uint64_t next_random(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static unsigned below(unsigned n)
{
	return (unsigned)(next_random() % n);
}

static const char *pick(const char *const *list, size_t n)
{
	return list[below((unsigned)n)];
}

#define PICK(list) pick(list, sizeof list / sizeof *list)

struct text {
	char s[TEXT_MAX];
	size_t len;
};

static void put(struct text *t, const char *s, size_t n)
{
	if (t->len + n >= TEXT_MAX)
		return;
	memcpy(t->s + t->len, s, n);
	t->len += n;
}

static void puts_text(struct text *t, const char *s)
{
	put(t, s, strlen(s));
}

static void put_char(struct text *t, const char *pool)
{
	put(t, pool + below((unsigned)strlen(pool)), 1);
}

/* Mostly grammar, now and then a near miss of it. */
static bool now_and_then(void)
{
	return below(25) == 0;
}

static void gen_class(struct text *t)
{
	static const char *const escapes[] = {"\\d", "\\-", "\\]", "\\.", "\\\\", "\\[", "\\^"};
	static const char *const odd[] = {
		"[:digit:]", "\\w", "\\s", "\\n", "\xc3\xa9", "[", "]", "^", "\\b", "-", "\x80",
	};
	puts_text(t, "[");
	for (unsigned i = 0, n = 1 + below(4); i < n; i++) {
		if (now_and_then()) {
			puts_text(t, PICK(odd));
			continue;
		}
		switch (below(4)) {
		case 0:
			put_char(t, "0123456789abcxyz.-_^$+*?(){}|@ :=");
			break;
		case 1:
			put_char(t, "0123abcxA!");
			puts_text(t, "-");
			put_char(t, "3789cxyzZ/");
			break;
		case 2:
			puts_text(t, PICK(escapes));
			break;
		default:
			put_char(t, "0123456789");
		}
	}
	if (!now_and_then())
		puts_text(t, "]");
}

static void gen_atom(struct text *t)
{
	static const char *const escapes[] = {
		"\\.", "\\-", "\\+", "\\$", "\\^", "\\[", "\\]", "\\{", "\\}", "\\\\", "\\*",
		"\\?", "\\|", "\\/", "\\(", "\\)", "\\ ", "\\#",
	};
	static const char *const odd[] = {
		".", "\\w", "\\s", "\\x41", "\\b", "(a)", "a|b", "\xc3\xa9", "\\1", "}", "]", "{",
		"\\n", "\\Qa\\E", "(?i)", "\t", "\\D", "\\h", "\\R", "\xff", "$", "^", "\\z",
	};
	if (now_and_then()) {
		puts_text(t, PICK(odd));
		return;
	}
	switch (below(6)) {
	case 0: case 1:
		put_char(t, "0123456789abczAZ_@%,:;!&'\"=<>~` #/-");
		break;
	case 2:
		puts_text(t, "\\d");
		break;
	case 3:
		puts_text(t, PICK(escapes));
		break;
	default:
		gen_class(t);
	}
}

static void gen_quantifier(struct text *t)
{
	static const char *const plain[] = {"", "", "", "", "?", "*", "+"};
	static const char *const odd[] = {
		"{,3}", "{3,1}", "{x}", "*?", "++", "{2}?", "{", "{1001}", "??", "{2}{3}", "{1,",
		"{ 2}", "?+", "{1000}", "{0}",
	};
	char braces[16];
	if (now_and_then()) {
		puts_text(t, PICK(odd));
		return;
	}
	switch (below(4)) {
	case 0:
		snprintf(braces, sizeof braces, "{%u}", below(5));
		break;
	case 1:
		snprintf(braces, sizeof braces, "{%u,}", below(4));
		break;
	case 2: {
		unsigned n = below(4);
		snprintf(braces, sizeof braces, "{%u,%u}", n, n + below(4));
		break;
	}
	default:
		snprintf(braces, sizeof braces, "%s", PICK(plain));
	}
	puts_text(t, braces);
}

static void gen_pattern(struct text *t)
{
	static const char *const starts[] = {"", "(?i)^", "\\A", "a", "^^"};
	static const char *const ends[] = {"\\z", "\\Z", "$$", "$a", "\n"};
	t->len = 0;
	puts_text(t, now_and_then() ? PICK(starts) : "^");
	for (unsigned i = 0, n = below(7); i < n; i++) {
		gen_atom(t);
		gen_quantifier(t);
	}
	if (now_and_then())
		puts_text(t, PICK(ends));
	else if (below(5) < 3)
		puts_text(t, "$");
}

/* One byte item i matches, found by trying random ASCII bytes. */
static char byte_of(const struct regex_simple *re, uint32_t i)
{
	for (;;) {
		unsigned c = below(128);
		if (re->classes[c] >> i & 1)
			return (char)c;
	}
}

/* A subject built to match re, then now and then damaged; or noise. */
static void gen_subject(const struct regex_simple *re, struct text *t)
{
	static const char *const tails[] = {
		"\n", "\r\n", "\r", "\n\n", "x", "\xc3\xa9", "\xe2\x82", "\x80", "\xff", "0", " ",
		"\n0",
	};
	t->len = 0;
	if (below(6) == 0) {
		for (unsigned i = 0, n = below(14); i < n; i++)
			put_char(t, "0123456789abz.-_@ \n\x80\xc3\xa9\xff");
		return;
	}
	for (uint32_t i = 0; i < re->nitems; i++) {
		const struct regex_simple_item *item = &re->items[i];
		/* Now and then a long run, for PCRE2's match limit. */
		uint32_t count = item->min + (below(8) == 0 ? below(300) : below(3));
		if (item->max != REGEX_SIMPLE_UNBOUNDED && count > item->max)
			count = item->max;
		for (uint32_t k = 0; k < count; k++)
			put(t, &(char){byte_of(re, i)}, 1);
	}
	for (unsigned m = below(3); m > 0; m--) {
		size_t at = t->len ? below((unsigned)t->len) : 0;
		switch (below(4)) {
		case 0:
			if (t->len)
				t->s[at] = "0a.-\n\x80\xff\xc3"[below(8)];
			break;
		case 1:
			if (t->len) {
				memmove(t->s + at, t->s + at + 1, t->len - at - 1);
				t->len--;
			}
			break;
		case 2:
			t->len = at;
			break;
		default:
			puts_text(t, PICK(tails));
		}
	}
}

static void show(const char *what, const char *s, size_t len)
{
	fprintf(stderr, "  %s: '", what);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		fprintf(stderr, c >= ' ' && c < 0x7f && c != '\\' ? "%c" : "\\x%02x", c);
	}
	fprintf(stderr, "'\n");
}

struct tally {
	unsigned accepted, compared, matched, disagreed;
};

/* 1 a match, 0 none, -1 an error such as a limit. */
static int answer(int rc)
{
	return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

struct pcre2_run {
	pcre2_match_data *md;
	pcre2_match_context *mctx;
};

/* PCRE2 with the lowest limits at which the library still lets the simple
 * program answer for this subject: those must give PCRE2 room to answer. */
static int pcre2_says(pcre2_code *code, const struct regex_simple *re,
		      const struct text *subject, uint32_t options, struct pcre2_run *run)
{
	uint32_t match_limit = 4 * ((uint32_t)subject->len + re->nitems + 2);
	uint32_t depth_limit = 2 * re->nitems + 4;
	EXPECT(subject->len < regex_simple_reach(re, match_limit, depth_limit));
	EXPECT(regex_simple_reach(re, match_limit - 1, depth_limit) <= subject->len);
	EXPECT(regex_simple_reach(re, match_limit, depth_limit - 1) == 0);
	pcre2_set_match_limit(run->mctx, match_limit);
	pcre2_set_depth_limit(run->mctx, depth_limit);
	return pcre2_match(code, (PCRE2_SPTR)subject->s, subject->len, 0, options, run->md,
			   run->mctx);
}

static void differ_on(const struct text *pattern, struct tally *tally, struct pcre2_run *run)
{
	struct regex_simple re;
	if (!regex_simple_compile(&re, pattern->s, pattern->len))
		return;
	tally->accepted++;
	int errcode;
	PCRE2_SIZE offset;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern->s, pattern->len,
					 PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &errcode, &offset, NULL);
	if (!code) {
		fprintf(stderr, "taken, but PCRE2 refuses it:\n");
		show("pattern", pattern->s, pattern->len);
		tally->disagreed++;
		return;
	}
	bool jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
	for (unsigned i = 0; i < SUBJECTS; i++) {
		struct text subject;
		gen_subject(&re, &subject);
		bool ours = regex_simple_match(&re, subject.len ? subject.s : NULL, subject.len);
		/* Both paths the library may take: the JIT and the interpreter. */
		int interpreted = pcre2_says(code, &re, &subject, PCRE2_NO_JIT, run);
		int compiled = jit ? pcre2_says(code, &re, &subject, 0, run) : interpreted;
		tally->compared++;
		tally->matched += ours;
		if (answer(interpreted) == ours && answer(compiled) == ours)
			continue;
		if (tally->disagreed++ < 10) {
			fprintf(stderr, "simple says %d, PCRE2 %d (JIT %d):\n", ours, interpreted,
				compiled);
			show("pattern", pattern->s, pattern->len);
			show("subject", subject.s, subject.len);
		}
	}
	pcre2_code_free(code);
}

static void differential(void)
{
	struct tally tally = {0};
	struct pcre2_run run = {pcre2_match_data_create(1, NULL), pcre2_match_context_create(NULL)};
	for (unsigned i = 0; i < PATTERNS; i++) {
		struct text pattern;
		gen_pattern(&pattern);
		differ_on(&pattern, &tally, &run);
	}
	pcre2_match_data_free(run.md);
	pcre2_match_context_free(run.mctx);
	printf("# %u patterns, %u taken; %u subjects compared, %u matched\n", PATTERNS,
	       tally.accepted, tally.compared, tally.matched);
	EXPECT(tally.disagreed == 0);
	/* Enough of each outcome for the comparison to mean something. */
	EXPECT(tally.accepted > PATTERNS / 3);
	EXPECT(tally.matched > tally.compared / 4 && tally.matched < tally.compared * 3 / 4);
}

int main(void)
{
	grammar();
	by_hand();
	differential();
	return TAP_DONE();
}
