/* The terminal summary: the overall line, one row per unit worst first with
 * its six criterion scores, then the warning list. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../result.h"
#include "../timeparse.h"
#include "../values.h"

enum { UNIT_WIDTH_MAX = 24 };

static const char *const short_names[DQA_CRITERIA] = {
	"correct", "suffic.", "clean", "alive", "unified", "shared",
};

struct style {
	bool color;
};

static const char *status_color(dqa_status s)
{
	switch (s) {
	case DQA_PASS: return "\033[32m";
	case DQA_WARN: return "\033[33m";
	case DQA_FAIL: return "\033[31m";
	case DQA_MISSING: return "\033[1;31m";
	default: return "";
	}
}

static void put_status(FILE *out, const struct style *st, dqa_status s)
{
	if (st->color)
		fprintf(out, "%s%s\033[0m", status_color(s), dqa_status_name(s));
	else
		fputs(dqa_status_name(s), out);
}

/* Unit names come from the data: control characters must not reach the
 * terminal, and overlong names are cut to keep the table aligned. */
static size_t lead_length(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static void put_name(FILE *out, const char *name, int width)
{
	if (!name[0]) {
		fprintf(out, "%-*s", width, "(empty)");
		return;
	}
	int shown = 0;
	size_t len = strlen(name), i = 0;
	for (; i < len && shown < width; shown++) {
		unsigned char c = (unsigned char)name[i];
		size_t ch = lead_length(c);
		if (ch > len - i || utf8_valid_prefix(name + i, ch) != ch) {
			fputc('?', out);
			i++;
		} else if (ch == 1 && (c < 0x20 || c == 0x7f)) {
			fputc('?', out);
			i++;
		} else {
			fwrite(name + i, 1, ch, out);
			i += ch;
		}
	}
	for (; shown < width; shown++)
		fputc(' ', out);
}

/* Half away from zero, as result.json rounds: printf alone would show an
 * exact 65.625 as 65.62 where the JSON says 65.63. */
static double round_to(double v, int decimals)
{
	double scale = 1;
	for (int i = 0; i < decimals; i++)
		scale *= 10;
	return round(v * scale) / scale;
}

static void put_score(FILE *out, double v, int width, int decimals)
{
	if (isnan(v))
		fprintf(out, "%*s", width, "-");
	else
		fprintf(out, "%*.*f", width, decimals, round_to(v, decimals));
}

static int unit_width(const struct dqa_result *r)
{
	int width = 4;
	for (size_t i = 0; i < r->nunits; i++) {
		int w = (int)utf8_length(r->units[i].name, strlen(r->units[i].name));
		if (!r->units[i].name[0])
			w = 7;
		if (w > width)
			width = w;
	}
	return width > UNIT_WIDTH_MAX ? UNIT_WIDTH_MAX : width;
}

static int by_score(const void *a, const void *b)
{
	const struct res_unit *ua = *(const struct res_unit *const *)a;
	const struct res_unit *ub = *(const struct res_unit *const *)b;
	double sa = isnan(ua->score) ? INFINITY : ua->score;
	double sb = isnan(ub->score) ? INFINITY : ub->score;
	if (sa != sb)
		return sa < sb ? -1 : 1;
	return strcmp(ua->name, ub->name);
}

static void write_header(FILE *out, const struct dqa_result *r, const struct style *st)
{
	char now[21];
	time_format_iso(r->now, now);
	size_t missing = 0;
	for (size_t i = 0; i < r->nunits; i++)
		missing += r->units[i].missing;
	fprintf(out, "dqa %s: dataset %s, rules %s\n", DQA_VERSION, r->dataset, r->rules_path);
	fprintf(out, "%llu row%s in %zu input%s, %zu unit%s", (unsigned long long)r->rows,
		r->rows == 1 ? "" : "s", r->ninputs, r->ninputs == 1 ? "" : "s", r->nunits,
		r->nunits == 1 ? "" : "s");
	if (missing)
		fprintf(out, " (%zu missing)", missing);
	fprintf(out, ", now %s\n\n", now);
	fputs("overall ", out);
	put_score(out, r->score, 6, 2);
	fputc(' ', out);
	put_status(out, st, r->status);
	fputs("\n ", out);
	for (int k = 0; k < DQA_CRITERIA; k++) {
		if (!r->criterion_used[k])
			continue;
		fprintf(out, " %s ", dqa_criterion_name(k));
		put_score(out, r->criteria[k], 1, 1);
	}
	fputs("\n\n", out);
}

static void write_units(FILE *out, const struct dqa_result *r, const struct style *st)
{
	int width = unit_width(r);
	fprintf(out, "%-*s %8s %7s", width, "unit", "rows", "score");
	for (int k = 0; k < DQA_CRITERIA; k++)
		fprintf(out, " %7s", short_names[k]);
	fputs("  status\n", out);
	const struct res_unit **order = malloc((r->nunits + 1) * sizeof *order);
	if (!order)
		return;
	for (size_t i = 0; i < r->nunits; i++)
		order[i] = &r->units[i];
	qsort(order, r->nunits, sizeof *order, by_score);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct res_unit *u = order[i];
		put_name(out, u->name, width);
		fprintf(out, " %8llu ", (unsigned long long)u->rows);
		put_score(out, u->score, 7, 2);
		for (int k = 0; k < DQA_CRITERIA; k++) {
			fputc(' ', out);
			put_score(out, u->criteria[k], 7, 1);
		}
		fputs("  ", out);
		put_status(out, st, u->status);
		fputc('\n', out);
	}
	free(order);
}

static void write_warnings(FILE *out, const struct dqa_result *r, const struct style *st)
{
	if (!r->nwarnings) {
		fprintf(out, "\nno warnings: every unit scores at least %g\n", r->warn_below);
		return;
	}
	fprintf(out, "\nwarnings: %zu unit%s below %g, worst first\n", r->nwarnings,
		r->nwarnings == 1 ? "" : "s", r->warn_below);
	int width = unit_width(r);
	for (size_t i = 0; i < r->nwarnings; i++) {
		const struct res_unit *u = &r->units[r->warnings[i]];
		fputs("  ", out);
		put_name(out, u->name, width);
		fputc(' ', out);
		put_score(out, u->score, 6, 2);
		fputc(' ', out);
		put_status(out, st, u->status);
		fprintf(out, "%*s", 8 - (int)strlen(dqa_status_name(u->status)), "");
		if (u->missing)
			fputs("no rows", out);
		for (size_t k = 0; k < u->nreasons; k++) {
			const struct res_check *c = &u->checks[u->reasons[k]];
			fprintf(out, "%s%s %.1f", k ? ", " : "", c->id, round_to(c->score, 1));
		}
		fputc('\n', out);
	}
}

int dqa_result_write_memory(const dqa_result *res, FILE *out)
{
	for (size_t i = 0; i < res->nmemory; i++) {
		const struct res_memory *m = &res->memory[i];
		fprintf(out, "dqa: %s: %llu key%s, %.1f MB\n", m->id, (unsigned long long)m->entries,
			m->entries == 1 ? "" : "s", (double)m->bytes / 1e6);
	}
	return ferror(out) ? DQA_EIO : 0;
}

int dqa_result_write_text(const dqa_result *res, FILE *out, bool color)
{
	struct style st = {color};
	write_header(out, res, &st);
	write_units(out, res, &st);
	write_warnings(out, res, &st);
	return ferror(out) ? DQA_EIO : 0;
}
