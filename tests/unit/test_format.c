/* The one notation of the reports: scores, changes and counts per language,
 * local times with their zone, the terminal escaper, and check notes in
 * Vietnamese. Expected strings worked out by hand (a count is grouped by
 * threes from the right; Asia/Ho_Chi_Minh is UTC+07:00 without DST). */
#include <stdlib.h>
#include <time.h>

#include "dqa.h"
#include "report/escape.h"
#include "report/format.h"
#include "report/report.h"
#include "tap.h"

typedef void number_fn(struct strbuf *sb, double v, dqa_lang lang);

static void expect_sb(struct strbuf *sb, const char *want)
{
	EXPECT(!sb->failed);
	EXPECT_STR(sb->len ? sb->buf : "", want);
	strbuf_reset(sb);
}

static void counts(void)
{
	struct strbuf sb = STRBUF_INIT;
	static const struct {
		uint64_t n;
		const char *en, *vi;
	} cases[] = {
		{0, "0", "0"}, {999, "999", "999"}, {1000, "1,000", "1.000"},
		{3376, "3,376", "3.376"}, {1511443, "1,511,443", "1.511.443"},
		{3000000, "3,000,000", "3.000.000"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		put_count(&sb, cases[i].n, DQA_LANG_EN);
		expect_sb(&sb, cases[i].en);
		put_count(&sb, cases[i].n, DQA_LANG_VI);
		expect_sb(&sb, cases[i].vi);
	}
	strbuf_release(&sb);
}

static void scores(void)
{
	struct strbuf sb = STRBUF_INIT;
	/* 65.625 is exact in binary: half away from zero gives 65.63, printf 65.62 */
	put_score(&sb, 65.625, 2, DQA_LANG_EN);
	expect_sb(&sb, "65.63");
	put_score(&sb, 88.8888, 2, DQA_LANG_VI);
	expect_sb(&sb, "88,89");
	put_score(&sb, 66.66, 1, DQA_LANG_VI);
	expect_sb(&sb, "66,7");
	put_score(&sb, -0.001, 2, DQA_LANG_EN);
	expect_sb(&sb, "0.00");
	put_score(&sb, 0.0 / 0.0, 2, DQA_LANG_EN);
	expect_sb(&sb, "-");
	put_change(&sb, 1.234, DQA_LANG_EN);
	expect_sb(&sb, "+1.23");
	put_change(&sb, -20.224, DQA_LANG_VI);
	expect_sb(&sb, "-20,22");
	put_change(&sb, 0.004, DQA_LANG_EN);
	expect_sb(&sb, "0.00");
	put_plain_number(&sb, 0.0, true, "");
	expect_sb(&sb, "+0.00");
	EXPECT_STR(list_separator(DQA_LANG_VI), "; ");
	EXPECT_STR(list_separator(DQA_LANG_EN), ", ");
	strbuf_release(&sb);
}

/* SVG coordinates: one decimal, half away from zero, '.' in every
 * language, no ".0" and no "-0". */
static void svg_numbers(void)
{
	struct strbuf sb = STRBUF_INIT;
	static const struct {
		double v;
		const char *want;
	} cases[] = {
		{12.0, "12"}, {12.04, "12"}, {12.05, "12.1"}, {799.96, "800"}, {0.25, "0.3"},
		{-3.25, "-3.3"}, {-0.04, "0"}, {0.0, "0"}, {1234.5, "1234.5"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		put_svg_number(&sb, cases[i].v);
		expect_sb(&sb, cases[i].want);
	}
	strbuf_release(&sb);
}

static void times(void)
{
	struct strbuf sb = STRBUF_INIT;
	dqa_error err = {0};
	EXPECT(dqa_time_zone_set("Asia/Ho_Chi_Minh", &err) == 0);
	int64_t t = 1795305600;   /* 2026-11-22T00:00:00Z */
	put_time(&sb, t, DQA_LANG_EN);
	expect_sb(&sb, "2026-11-22 07:00 (UTC+07:00)");
	put_time(&sb, t, DQA_LANG_VI);
	expect_sb(&sb, "22/11/2026 07:00 (UTC+07:00)");
	put_time_text(&sb, "2026-11-22T17:30:00Z", DQA_LANG_VI, html_put);
	expect_sb(&sb, "23/11/2026 00:30 (UTC+07:00)");
	put_time_text(&sb, "<not a time>", DQA_LANG_EN, html_put);
	expect_sb(&sb, "&lt;not a time&gt;");
	put_day(&sb, t, DQA_LANG_VI);
	expect_sb(&sb, "22/11/2026");
	EXPECT(dqa_time_zone_set("UTC", &err) == 0);
	put_time(&sb, t, DQA_LANG_EN);
	expect_sb(&sb, "2026-11-22 00:00 (UTC)");
	EXPECT(dqa_time_zone_set("../../etc/passwd", &err) == DQA_EARG);
	EXPECT(dqa_time_zone_set("Nowhere/Atlantis", &err) == DQA_EARG);
	strbuf_release(&sb);
}

static void terminal(void)
{
	struct strbuf sb = STRBUF_INIT;
	EXPECT(term_put(&sb, "a\tb\033[31mc", SIZE_MAX) == 9);
	expect_sb(&sb, "a?b?[31mc");
	term_put_padded(&sb, "Phường", 8);
	expect_sb(&sb, "Phường  ");
	/* cut: the last character that fits gives way to an ellipsis */
	term_put_padded(&sb, "Phường Đông", 6);
	expect_sb(&sb, "Phườn\u2026");
	term_put_padded(&sb, "Phường", 6);
	expect_sb(&sb, "Phường");
	term_put_padded(&sb, "\xff" "abcdef", 6);
	expect_sb(&sb, "?abcd\u2026");
	term_put(&sb, "\xff" "x", SIZE_MAX);
	expect_sb(&sb, "?x");
	strbuf_release(&sb);
}

static void notes(void)
{
	struct strbuf sb = STRBUF_INIT;
	put_note(&sb, "not title: 12 upper (first at line 1138)", DQA_LANG_VI);
	expect_sb(&sb, "không viết hoa đầu mỗi từ: 12 viết hoa (đầu tiên ở dòng 1138)");
	put_note(&sb, "placeholder 'NA'", DQA_LANG_VI);
	expect_sb(&sb, "giá trị giữ chỗ 'NA'");
	put_note(&sb, "missing or empty: 'contact'", DQA_LANG_VI);
	expect_sb(&sb, "thiếu hoặc trống: 'contact'");
	/* quoted values from the data are never translated */
	put_note(&sb, "placeholder 'missing or empty'", DQA_LANG_VI);
	expect_sb(&sb, "giá trị giữ chỗ 'missing or empty'");
	put_note(&sb, "placeholder 'NA'", DQA_LANG_EN);
	expect_sb(&sb, "placeholder 'NA'");
	strbuf_release(&sb);
}

int main(void)
{
	counts();
	scores();
	svg_numbers();
	times();
	terminal();
	notes();
	return TAP_DONE();
}
