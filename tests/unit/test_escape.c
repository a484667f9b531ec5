/* The report escapers, one per format: what each makes of markup, quotes,
 * control characters and the NUL bytes that sample values keep (shown as
 * U+2400 in every format). */
#include <stdlib.h>
#include <string.h>

#include "report/escape.h"
#include "tap.h"

#define NUL_SHOWN "\xE2\x90\x80"

typedef void escaper(struct strbuf *sb, const char *s, size_t len);

static void expect_escaped(escaper *put, const char *s, size_t len, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	put(&sb, s, len);
	EXPECT(!sb.failed);
	EXPECT_STR(sb.len ? sb.buf : "", want);
	strbuf_release(&sb);
}

static void html(void)
{
	expect_escaped(html_putn, "<a href='x'>&\"", 14, "&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
	expect_escaped(html_putn, "B\0nh", 4, "B" NUL_SHOWN "nh");
	expect_escaped(html_putn, "\0\x01\x7f", 3, NUL_SHOWN "\xEF\xBF\xBD\xEF\xBF\xBD");
}

static void xml(void)
{
	expect_escaped(xml_putn, "<'&'>\t\n\r", 8, "&lt;&apos;&amp;&apos;&gt;&#9;&#10;&#13;");
	expect_escaped(xml_putn, "B\0nh", 4, "B" NUL_SHOWN "nh");
	expect_escaped(xml_putn, "\0\x01\x7f", 3, NUL_SHOWN);
	/* U+FFFF dropped; a cut sequence at the end is not read past */
	expect_escaped(xml_putn, "a\xEF\xBF\xBF" "b\xEF\xBF", 7, "ab\xEF\xBF");
}

static void csv(void)
{
	expect_escaped(csv_putn, "a,b", 3, "\"a,b\"");
	expect_escaped(csv_putn, "say \"hi\"", 8, "\"say \"\"hi\"\"\"");
	expect_escaped(csv_putn, "=1+1", 4, "\"'=1+1\"");
	expect_escaped(csv_putn, "B\0nh", 4, "B" NUL_SHOWN "nh");
	expect_escaped(csv_putn, "\0,", 2, "\"" NUL_SHOWN ",\"");
	expect_escaped(csv_putn, "", 0, "");
	/* every formula lead defused, only at the start; a leading space,
	 * CR or LF anywhere quoted; a plain cell as it is */
	expect_escaped(csv_putn, "+1", 2, "\"'+1\"");
	expect_escaped(csv_putn, "-2", 2, "\"'-2\"");
	expect_escaped(csv_putn, "@x", 2, "\"'@x\"");
	expect_escaped(csv_putn, "\tx", 2, "\"'\tx\"");
	expect_escaped(csv_putn, "\rx", 2, "\"'\rx\"");
	expect_escaped(csv_putn, "a=b-c", 5, "a=b-c");
	expect_escaped(csv_putn, " lead", 5, "\" lead\"");
	expect_escaped(csv_putn, "a\nb", 3, "\"a\nb\"");
	expect_escaped(csv_putn, "a\rb", 3, "\"a\rb\"");
	expect_escaped(csv_putn, "Nguy\xe1\xbb\x85n V\xc4\x83n", 13, "Nguy\xe1\xbb\x85n V\xc4\x83n");
}

/* CSV's rule as dqa(1) states it, byte by byte: quoted when the cell holds
 * a comma, quote, CR or LF, starts with a space or is defused; defused
 * (a leading single quote) when it starts with = + - @ tab or CR; quotes
 * doubled; NUL shown as U+2400. */
static void reference_csv(struct strbuf *sb, const char *s, size_t len)
{
	bool defuse = len && s[0] && strchr("=+-@\t\r", s[0]);
	bool quote = defuse || (len && s[0] == ' ');
	for (size_t i = 0; i < len; i++)
		quote |= s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (quote)
		strbuf_putc(sb, '"');
	if (defuse)
		strbuf_putc(sb, '\'');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			strbuf_puts(sb, "\"\"");
		else if (!s[i])
			strbuf_puts(sb, NUL_SHOWN);
		else
			strbuf_putc(sb, s[i]);
	}
	if (quote)
		strbuf_putc(sb, '"');
}

/* csv_cell reads a cell's bytes a word at a time: on random cells of 0 to
 * 40 bytes with the special bytes anywhere, each held in a buffer of its
 * exact length (so that a sanitizer sees a read past it), it writes what
 * the rule above writes and stays within CSV_CELL_MAX. */
static void csv_random(void)
{
	static const char alphabet[] = ",\"\r\n\0=+-@\t *a9\xc4\x83";
	uint64_t state = 0x6373765f63656c6cu;
	for (int n = 0; n < 200000; n++) {
		size_t len = tap_xorshift(&state) % 41;
		char *cell = malloc(len + 1);
		for (size_t i = 0; i < len; i++) {
			uint64_t r = tap_xorshift(&state);
			/* mostly plain bytes, so that long plain runs occur */
			cell[i] = r % 4 ? "abcXYZ019*.:"[r / 4 % 12] : alphabet[r / 4 % (sizeof alphabet - 1)];
		}
		struct strbuf want = STRBUF_INIT;
		reference_csv(&want, cell, len);
		char out[CSV_CELL_MAX(40) + 8];
		memset(out, '#', sizeof out);
		size_t got = (size_t)(csv_cell(out, cell, len) - out);
		EXPECT(got <= CSV_CELL_MAX(len) && out[CSV_CELL_MAX(len)] == '#');
		EXPECT(got == want.len && !memcmp(out, want.buf ? want.buf : "", got));
		strbuf_release(&want);
		free(cell);
		if (tap_failures)
			return;
	}
}

static void markdown(void)
{
	expect_escaped(md_putn, "a|b *c*", 7, "a\\|b \\*c\\*");
	expect_escaped(md_putn, "B\0nh\n\x01", 6, "B" NUL_SHOWN "nh  ");
}

/* The NUL-terminated forms are the same escapers. */
static void terminated(void)
{
	struct strbuf sb = STRBUF_INIT;
	html_put(&sb, "<");
	xml_put(&sb, "'");
	csv_put(&sb, "a,b");
	md_put(&sb, "|");
	EXPECT_STR(sb.buf, "&lt;&apos;\"a,b\"\\|");
	strbuf_release(&sb);
}

int main(void)
{
	html();
	xml();
	csv();
	csv_random();
	markdown();
	terminated();
	return TAP_DONE();
}
