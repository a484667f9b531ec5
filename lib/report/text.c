/* The terminal summary, rendered from the result document like every
 * report (so `dqa report --format text` repeats what `dqa audit` printed):
 * the overall line, the dataset-level checks, one row per unit worst first
 * with its six criterion scores, then the warning list. Always in English. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../result.h"
#include "../util/round.h"
#include "../util/values.h"
#include "report.h"

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

/* Writes at most max characters of s, control characters and invalid UTF-8
 * as '?'. Returns the number of characters written. */
static size_t put_safe(FILE *out, const char *s, size_t max)
{
	size_t shown = 0;
	size_t len = strlen(s), i = 0;
	for (; i < len && shown < max; shown++) {
		unsigned char c = (unsigned char)s[i];
		size_t ch = lead_length(c);
		if (ch > len - i || utf8_valid_prefix(s + i, ch) != ch ||
		    (ch == 1 && (c < 0x20 || c == 0x7f))) {
			fputc('?', out);
			i++;
		} else {
			fwrite(s + i, 1, ch, out);
			i += ch;
		}
	}
	return shown;
}

static void put_name(FILE *out, const char *name, int width)
{
	size_t shown = put_safe(out, name[0] ? name : "(empty)", (size_t)width);
	fprintf(out, "%*s", width - (int)shown, "");
}

static void put_padded_score(FILE *out, double v, int width, int decimals)
{
	if (isnan(v))
		fprintf(out, "%*s", width, "-");
	else
		fprintf(out, "%*.*f", width, decimals, round_to(v, decimals));
}

static int unit_width(const json_t *units)
{
	int width = 4;
	size_t i;
	const json_t *u;
	json_array_foreach(units, i, u) {
		const char *name = doc_str(u, "unit");
		int w = name[0] ? (int)utf8_length(name, strlen(name)) : 7;
		if (w > width)
			width = w;
	}
	return width > UNIT_WIDTH_MAX ? UNIT_WIDTH_MAX : width;
}

static int by_score(const void *a, const void *b)
{
	const json_t *ua = *(const json_t *const *)a, *ub = *(const json_t *const *)b;
	double sa = doc_num(ua, "score"), sb = doc_num(ub, "score");
	sa = isnan(sa) ? INFINITY : sa;
	sb = isnan(sb) ? INFINITY : sb;
	if (sa != sb)
		return sa < sb ? -1 : 1;
	return strcmp(doc_str(ua, "unit"), doc_str(ub, "unit"));
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static void write_header(FILE *out, const json_t *doc, const struct style *st)
{
	const json_t *units = json_object_get(doc, "units");
	size_t missing = 0, i;
	const json_t *u;
	json_array_foreach(units, i, u)
		missing += doc_status(u, "status") == DQA_MISSING;
	size_t ninputs = json_array_size(json_object_get(doc, "inputs"));
	uint64_t rows = doc_count(doc, "rows");
	fprintf(out, "dqa %s: dataset %s, rules %s\n", doc_str(doc, "dqa_version"),
		doc_str(doc, "dataset"), doc_str(doc, "rules"));
	fprintf(out, "%llu row%s in %zu input%s, %zu unit%s", (unsigned long long)rows,
		plural(rows), ninputs, plural(ninputs), json_array_size(units),
		plural(json_array_size(units)));
	if (missing)
		fprintf(out, " (%zu missing)", missing);
	fprintf(out, ", now %s\n\n", doc_str(doc, "now"));
	fputs("overall ", out);
	put_padded_score(out, doc_num(doc, "score"), 6, 2);
	fputc(' ', out);
	put_status(out, st, doc_status(doc, "status"));
	fputs("\n ", out);
	int scored = 0;
	for (int k = 0; k < DQA_CRITERIA; k++) {
		double score = doc_criterion(doc, k);
		if (isnan(score))
			continue;     /* no score: not zero, so not shown */
		fprintf(out, " %s ", dqa_criterion_name(k));
		put_padded_score(out, score, 1, 1);
		scored++;
	}
	fputs(scored ? "\n\n" : " no criterion has a score\n\n", out);
}

/* The dataset-level checks, each with its score and, when it cost the
 * dataset points, why: the dataset's own fix list. */
static void write_dataset_checks(FILE *out, const json_t *checks, const struct style *st)
{
	size_t n = json_array_size(checks), i;
	if (!n)
		return;
	int width = 5;
	const json_t *c;
	json_array_foreach(checks, i, c) {
		const char *id = doc_str(c, "id");
		int w = (int)utf8_length(id, strlen(id));
		width = w > width ? w : width;
	}
	width = width > 2 * UNIT_WIDTH_MAX ? 2 * UNIT_WIDTH_MAX : width;
	fputs("dataset checks (judged once for the dataset, never charged to a unit)\n", out);
	json_array_foreach(checks, i, c) {
		fputs("  ", out);
		put_name(out, doc_str(c, "id"), width);
		fputc(' ', out);
		put_padded_score(out, doc_num(c, "score"), 6, 2);
		fputc(' ', out);
		const char *status = doc_str(c, "status");
		dqa_status shown = strcmp(status, "fail") == 0	? DQA_FAIL
				   : strcmp(status, "pass") == 0 ? DQA_PASS
								 : DQA_NO_SCORE;
		put_status(out, st, shown);
		fprintf(out, "%*s%llu of %llu %s failed", 5 - (int)strlen(dqa_status_name(shown)), "",
			(unsigned long long)doc_count(c, "failed"),
			(unsigned long long)doc_count(c, "evaluated"), doc_str(c, "counts"));
		if (doc_num(c, "cost") > 0) {
			fputs(", cost ", out);
			put_padded_score(out, doc_num(c, "cost"), 1, 2);
		}
		if (doc_str(c, "note")[0]) {
			fputs(": ", out);
			put_safe(out, doc_str(c, "note"), SIZE_MAX);
		}
		fputc('\n', out);
	}
	fputc('\n', out);
}

static void write_units(FILE *out, const json_t *units, const struct style *st)
{
	int width = unit_width(units);
	fprintf(out, "%-*s %8s %7s", width, "unit", "rows", "score");
	for (int k = 0; k < DQA_CRITERIA; k++)
		fprintf(out, " %7s", short_names[k]);
	fputs("  status\n", out);
	size_t n = json_array_size(units);
	const json_t **order = malloc((n + 1) * sizeof *order);
	if (!order)
		return;
	for (size_t i = 0; i < n; i++)
		order[i] = json_array_get(units, i);
	qsort(order, n, sizeof *order, by_score);
	for (size_t i = 0; i < n; i++) {
		const json_t *u = order[i];
		put_name(out, doc_str(u, "unit"), width);
		fprintf(out, " %8llu ", (unsigned long long)doc_count(u, "rows"));
		put_padded_score(out, doc_num(u, "score"), 7, 2);
		for (int k = 0; k < DQA_CRITERIA; k++) {
			fputc(' ', out);
			put_padded_score(out, doc_criterion(u, k), 7, 1);
		}
		fputs("  ", out);
		put_status(out, st, doc_status(u, "status"));
		fputc('\n', out);
	}
	free(order);
}

static void write_warnings(FILE *out, const json_t *doc, const struct style *st)
{
	const json_t *list = json_object_get(doc, "warnings");
	size_t n = json_array_size(list);
	double warn_below = doc_num(json_object_get(doc, "thresholds"), "warn_below");
	if (!n && !json_array_size(json_object_get(doc, "units"))) {
		fputs("\nno units: the extract has no rows\n", out);
		return;
	}
	if (!n) {
		fprintf(out, "\nno warnings: every unit scores at least %g\n", warn_below);
		return;
	}
	fprintf(out, "\nwarnings: %zu unit%s below %g, worst first\n", n, plural(n), warn_below);
	int width = unit_width(json_object_get(doc, "units"));
	size_t i, j;
	const json_t *w, *reason;
	json_array_foreach(list, i, w) {
		dqa_status status = doc_status(w, "status");
		fputs("  ", out);
		put_name(out, doc_str(w, "unit"), width);
		fputc(' ', out);
		put_padded_score(out, doc_num(w, "score"), 6, 2);
		fputc(' ', out);
		put_status(out, st, status);
		fprintf(out, "%*s", 8 - (int)strlen(dqa_status_name(status)), "");
		json_array_foreach(json_object_get(w, "reasons"), j, reason) {
			const char *s = json_string_value(reason);
			fputs(j ? ", " : "", out);
			/* a hand-edited file's control characters stay off the terminal */
			put_safe(out, s ? s : "", SIZE_MAX);
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

int dqa_report_write_text(const dqa_report *rep, FILE *out, bool color)
{
	struct style st = {color};
	write_header(out, rep->doc, &st);
	write_dataset_checks(out, rep->dataset_checks, &st);
	write_units(out, rep->units, &st);
	write_warnings(out, rep->doc, &st);
	return ferror(out) ? DQA_EIO : 0;
}
