/* The streaming JSON writer against jansson itself: every document is
 * written twice, once with jw_* and once as a jansson tree dumped with the
 * flags result.json used to be dumped with, and the bytes must agree. */
#include <float.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/json_writer.h"
#include "tap.h"

#define DUMP_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

/* A document under construction in both forms. */
struct twin {
	struct strbuf sb;
	struct json_writer w;
	json_t *root;
};

static void twin_init(struct twin *t)
{
	t->sb = (struct strbuf)STRBUF_INIT;
	jw_init(&t->w, &t->sb);
	t->root = json_array();
	jw_begin_array(&t->w);
}

/* Closes the document and reports the first byte where the two differ. */
static void twin_check(struct twin *t, const char *what)
{
	jw_end_array(&t->w);
	char *expected = json_dumps(t->root, DUMP_FLAGS);
	char *got = strbuf_detach(&t->sb);
	EXPECT(expected && got);
	if (expected && got && strcmp(expected, got) != 0) {
		size_t at = 0;
		while (expected[at] == got[at])
			at++;
		fprintf(stderr, "%s: differs at byte %zu\n  jansson: %.60s\n  writer:  %.60s\n",
			what, at, expected + (at > 20 ? at - 20 : 0), got + (at > 20 ? at - 20 : 0));
		tap_failures++;
	}
	free(expected);
	free(got);
	json_decref(t->root);
}

static bool jansson_accepts(const char *s, size_t len)
{
	json_t *v = json_stringn(s, len);
	bool ok = v != NULL;
	json_decref(v);
	return ok;
}

/* What the writer promises for bad UTF-8, computed with jansson as the
 * judge of validity: the longest prefix it accepts, U+FFFD for the byte
 * that stops it, and on from the next byte. */
static json_t *repaired(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(s);
	while (len) {
		size_t ok = len;
		while (ok && !jansson_accepts(s, ok))
			ok--;
		strbuf_add(&sb, s, ok);
		if (ok == len)
			break;
		strbuf_add(&sb, "\xEF\xBF\xBD", 3);
		s += ok + 1;
		len -= ok + 1;
	}
	json_t *v = json_stringn(sb.buf ? sb.buf : "", sb.len);
	strbuf_release(&sb);
	return v;
}

static const double tricky_reals[] = {
	0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 0.295, 2.5, 99.995, 100.0, 66.67, 1.0 / 3,
	2.0 / 3, 1e-07, 1e-05, 0.0001, 0.000123, 1e+20, 1e+21, 1e15, 1e16, 1e17,
	123456789012345.0, 1234567890123456.0, 999999999999999.0, 9999999999999999.0,
	0.123456789012345678, 1e100, 1e-100, 1e300, 5e-324, DBL_MIN, DBL_MAX, -DBL_MAX,
	-DBL_MIN, 1e-4, 1e-5, 12345.678, -77.78, 4503599627370496.5,
};

static const char *const tricky_strings[] = {
	"", "plain", "quote \" in", "back\\slash", "slash / stays", "\b\f\n\r\t",
	"\x01\x02\x03\x04\x05\x06\x07\x0b\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"
	"\x19\x1a\x1b\x1c\x1d\x1e\x1f",
	"del \x7f stays", "Nữ, thường trú, đã chuyển đi", "emoji \xF0\x9F\x98\x80",
	"\xEF\xBF\xBD already", "lone \x80 continuation", "overlong \xC0\xAF slash",
	"truncated \xC3", "truncated \xE1\xBB", "surrogate \xED\xA0\x80", "too big \xF4\x90\x80\x80",
	"\xF5\xFF\xFE", "\xC3\xA9\xC3", "mixed \x01\xff\"\\\x7f\xE1\xBB\xAF",
};

static void fixed_values(void)
{
	struct twin t;
	twin_init(&t);
	for (size_t i = 0; i < sizeof tricky_reals / sizeof *tricky_reals; i++) {
		jw_real(&t.w, tricky_reals[i]);
		json_array_append_new(t.root, json_real(tricky_reals[i]));
	}
	for (size_t i = 0; i < sizeof tricky_strings / sizeof *tricky_strings; i++) {
		jw_string(&t.w, tricky_strings[i]);
		json_array_append_new(t.root, repaired(tricky_strings[i]));
	}
	const long long ints[] = {0, 1, -1, 9, 10, -10, 1234567890123, INT64_MAX, INT64_MIN};
	for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
		jw_integer(&t.w, ints[i]);
		json_array_append_new(t.root, json_integer(ints[i]));
	}
	jw_null(&t.w);
	jw_bool(&t.w, true);
	jw_bool(&t.w, false);
	json_array_append_new(t.root, json_null());
	json_array_append_new(t.root, json_true());
	json_array_append_new(t.root, json_false());
	jw_begin_array(&t.w);
	jw_end_array(&t.w);
	jw_begin_object(&t.w);
	jw_end_object(&t.w);
	json_array_append_new(t.root, json_array());
	json_array_append_new(t.root, json_object());
	twin_check(&t, "fixed values");
}

/* Values with a length keep their NUL bytes, as jansson's json_stringn
 * values do: \u0000, the rest escaped and repaired as always. */
static void counted_values(void)
{
	static const struct {
		const char *s;
		size_t len;
	} values[] = {
		{"\0", 1}, {"B\0nh", 4}, {"\0\0", 2}, {"end\0", 4}, {"\0\"\x01\xC3\xA9\0", 6},
	};
	struct twin t;
	twin_init(&t);
	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		jw_stringn(&t.w, values[i].s, values[i].len);
		json_array_append_new(t.root, json_stringn(values[i].s, values[i].len));
	}
	twin_check(&t, "counted values");

	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;
	jw_init(&w, &sb);
	jw_stringn(&w, "a\0b\xff", 4);
	char *text = strbuf_detach(&sb);
	EXPECT_STR(text, "\"a\\u0000b\xEF\xBF\xBD\"");
	free(text);
}

/* The exact text of a few values, so the test also says what it expects
 * without jansson in the room. */
static void exact_text(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;
	jw_init(&w, &sb);
	jw_begin_object(&w);
	jw_key(&w, "r");
	jw_begin_array(&w);
	jw_real(&w, 1e20);
	jw_real(&w, -0.0);
	jw_real(&w, 1e-7);
	jw_real(&w, 100);
	jw_real(&w, NAN);
	jw_real(&w, -INFINITY);
	jw_end_array(&w);
	jw_key(&w, "s");
	jw_string(&w, "\x1f\x7f\xff\"");
	jw_key(&w, "e");
	jw_begin_object(&w);
	jw_end_object(&w);
	jw_end_object(&w);
	char *text = strbuf_detach(&sb);
	EXPECT_STR(text, "{\n  \"r\": [\n    1e20,\n    -0.0,\n    1e-7,\n    100.0,\n"
			 "    null,\n    null\n  ],\n  \"s\": \"\\u001F\x7f\xEF\xBF\xBD\\\"\",\n"
			 "  \"e\": {}\n}");
	free(text);
}

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint64_t next(void)
{
	return tap_xorshift(&rng);
}

static double random_real(void)
{
	switch (next() % 5) {
	case 0: { /* any finite bit pattern */
		double v;
		do {
			uint64_t bits = next();
			memcpy(&v, &bits, sizeof v);
		} while (!isfinite(v));
		return v;
	}
	case 1: /* a score as result.json rounds it */
		return round((double)(next() % 1000001) / 100) / 100;
	case 2: /* a decimal of up to 17 digits, point anywhere */
		return (double)(next() % 100000000000000000u) / pow(10, (double)(next() % 25));
	case 3: /* cents of any size, around the writer's shortcut for them */
		return (next() % 2 ? -1 : 1) * (double)(next() % (uint64_t)pow(10, (double)(next() % 19))) / 100;
	default: /* a power of ten around the %g switch to exponents */
		return (next() % 2 ? -1 : 1) * pow(10, (double)(next() % 50) - 25);
	}
}

/* Random strings built from the tricky pieces, NUL-terminated in buf. */
static const char *random_string(char *buf, size_t cap, bool valid_only)
{
	static const char *const pieces[] = {
		"a", "Z9", " ", "\"", "\\", "/", "\x01", "\x1f", "\x7f", "\b", "\n", "\t", "\r",
		"\xC3\xA9", "\xE1\xBB\xAF", "\xF0\x9F\x98\x80", "\xEF\xBF\xBD",
		/* invalid from here */
		"\x80", "\xC0\xAF", "\xC3", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF5", "\xFF",
		"\xE1\xBB",
	};
	const size_t nvalid = 17, npieces = sizeof pieces / sizeof *pieces;
	size_t len = 0, n = next() % 9;
	for (size_t i = 0; i < n; i++) {
		const char *p = pieces[next() % (valid_only ? nvalid : npieces)];
		size_t plen = strlen(p);
		if (len + plen >= cap)
			break;
		memcpy(buf + len, p, plen);
		len += plen;
	}
	buf[len] = '\0';
	return buf;
}

/* One random value written both ways; containers recurse. */
static json_t *random_value(struct json_writer *w, int depth)
{
	char buf[128];
	unsigned kind = (unsigned)(next() % (depth < 5 ? 8 : 6));
	switch (kind) {
	case 0:
		jw_null(w);
		return json_null();
	case 1: {
		bool b = next() % 2;
		jw_bool(w, b);
		return json_boolean(b);
	}
	case 2: {
		long long v = (long long)next() >> (next() % 64);
		jw_integer(w, v);
		return json_integer(v);
	}
	case 3:
	case 4: {
		double v = random_real();
		jw_real(w, v);
		return json_real(v);
	}
	case 5:
		random_string(buf, sizeof buf, false);
		jw_string(w, buf);
		return repaired(buf);
	case 6: {
		json_t *arr = json_array();
		jw_begin_array(w);
		for (size_t i = 0, n = next() % 5; i < n; i++)
			json_array_append_new(arr, random_value(w, depth + 1));
		jw_end_array(w);
		return arr;
	}
	default: {
		json_t *obj = json_object();
		jw_begin_object(w);
		for (size_t i = 0, n = next() % 5; i < n; i++) {
			char key[160];
			/* keys are distinct, as a jansson object keeps them */
			snprintf(key, sizeof key, "%s#%zu", random_string(buf, sizeof buf, true), i);
			jw_key(w, key);
			json_object_set_new(obj, key, random_value(w, depth + 1));
		}
		jw_end_object(w);
		return obj;
	}
	}
}

static void random_documents(void)
{
	for (int doc = 0; doc < 2000; doc++) {
		struct twin t;
		twin_init(&t);
		for (size_t i = 0, n = next() % 6; i < n; i++)
			json_array_append_new(t.root, random_value(&t.w, 1));
		twin_check(&t, "random document");
	}
}

static void many_reals(void)
{
	struct twin t;
	twin_init(&t);
	for (int i = 0; i < 200000; i++) {
		double v = random_real();
		jw_real(&t.w, v);
		json_array_append_new(t.root, json_real(v));
	}
	twin_check(&t, "random reals");
}

int main(void)
{
	fixed_values();
	counted_values();
	exact_text();
	random_documents();
	many_reals();
	return TAP_DONE();
}
