/* The report escapers, one per format: what each makes of markup, quotes,
 * control characters and the NUL bytes that sample values keep (shown as
 * U+2400 in every format). */
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
	markdown();
	terminated();
	return TAP_DONE();
}
