/* The spreadsheet reports: scores.csv (long format, one row per unit and
 * criterion, the dataset's own rows first), checks.csv (the dataset-level
 * checks, then unit x check counts) and warnings.csv. The scope column
 * tells dataset rows (unit empty) from a unit's; unit_name is the unit's
 * name from expected_units (empty without one). Headers,
 * criterion names and statuses are the JSON's codes in every language, so
 * scripts can read them; text cells are defused against formula injection. */
#include <math.h>

#include "../util/round.h"
#include "escape.h"
#include "report.h"

static void put_number(struct strbuf *sb, double v)
{
	if (!isnan(v))
		strbuf_printf(sb, "%.2f", round_to(v, 2));
}

static void put_lead(struct strbuf *sb, const struct dqa_report *rep, const json_t *unit)
{
	csv_put(sb, doc_str(rep->doc, "dataset"));
	strbuf_putc(sb, ',');
	csv_put(sb, doc_str(unit, "unit"));
	strbuf_putc(sb, ',');
	csv_put(sb, doc_str(unit, "unit_name"));
	strbuf_putc(sb, ',');
}

/* dataset,scope,unit,unit_name, for the dataset (unit NULL) or a unit. */
static void put_scoped_lead(struct strbuf *sb, const struct dqa_report *rep, const json_t *unit)
{
	csv_put(sb, doc_str(rep->doc, "dataset"));
	strbuf_puts(sb, unit ? ",unit," : ",dataset,");
	csv_put(sb, unit ? doc_str(unit, "unit") : "");
	strbuf_putc(sb, ',');
	csv_put(sb, unit ? doc_str(unit, "unit_name") : "");
	strbuf_putc(sb, ',');
}

static void score_row(struct strbuf *sb, const struct dqa_report *rep, const json_t *unit,
		      const char *criterion, double score, dqa_status status)
{
	put_scoped_lead(sb, rep, unit);
	strbuf_printf(sb, "%s,", criterion);
	put_number(sb, score);
	strbuf_printf(sb, ",%s,%llu\r\n", dqa_status_name(status),
		      (unsigned long long)doc_count(unit ? unit : rep->doc, "rows"));
}

void render_csv_scores(const struct dqa_report *rep, struct strbuf *out)
{
	strbuf_puts(out, "dataset,scope,unit,unit_name,criterion,score,status,rows\r\n");
	score_row(out, rep, NULL, "overall", doc_num(rep->doc, "score"),
		  doc_status(rep->doc, "status"));
	for (int k = 0; k < DQA_CRITERIA; k++) {
		double v = doc_criterion(rep->doc, k);
		score_row(out, rep, NULL, dqa_criterion_name(k), v, doc_status_of(rep, v));
	}
	size_t i;
	json_t *u;
	json_array_foreach(rep->units, i, u) {
		dqa_status status = doc_status(u, "status");
		score_row(out, rep, u, "overall", doc_num(u, "score"), status);
		for (int k = 0; k < DQA_CRITERIA; k++) {
			double v = doc_criterion(u, k);
			score_row(out, rep, u, dqa_criterion_name(k), v,
				  doc_criterion_status(rep, u, v));
		}
	}
}

/* One cell of the strings of a JSON array, joined with sep. */
static void put_joined(struct strbuf *sb, const json_t *array, const char *sep)
{
	struct strbuf joined = STRBUF_INIT;
	size_t i;
	json_t *item;
	json_array_foreach(array, i, item) {
		if (i)
			strbuf_puts(&joined, sep);
		strbuf_puts(&joined, json_string_value(item) ? json_string_value(item) : "");
	}
	csv_put(sb, joined.buf ? joined.buf : "");
	sb->failed |= joined.failed;
	strbuf_release(&joined);
}

static void check_row(struct strbuf *out, const struct dqa_report *rep, const json_t *unit,
		      const json_t *c)
{
	put_scoped_lead(out, rep, unit);
	csv_put(out, doc_str(c, "id"));
	strbuf_putc(out, ',');
	csv_put(out, doc_str(c, "criterion"));
	strbuf_putc(out, ',');
	csv_put(out, doc_str(c, "kind"));
	strbuf_putc(out, ',');
	put_joined(out, json_object_get(c, "columns"), "+");
	strbuf_printf(out, ",%llu,%llu,", (unsigned long long)doc_count(c, "evaluated"),
		      (unsigned long long)doc_count(c, "failed"));
	csv_put(out, doc_str(c, "counts"));
	strbuf_putc(out, ',');
	put_number(out, doc_num(c, "score"));
	strbuf_putc(out, ',');
	put_number(out, doc_num(c, "min_ratio"));
	strbuf_putc(out, ',');
	csv_put(out, doc_str(c, "status"));
	strbuf_putc(out, ',');
	put_number(out, doc_num(c, "cost"));
	strbuf_putc(out, ',');
	csv_put(out, doc_str(c, "note"));
	strbuf_puts(out, "\r\n");
}

void render_csv_checks(const struct dqa_report *rep, struct strbuf *out)
{
	strbuf_puts(out, "dataset,scope,unit,unit_name,check,criterion,kind,columns,evaluated,failed,counts,"
			 "score,min_ratio,status,cost,note\r\n");
	size_t i, j;
	json_t *u, *c;
	json_array_foreach(rep->dataset_checks, i, c)
		check_row(out, rep, NULL, c);
	json_array_foreach(rep->units, i, u)
		json_array_foreach(json_object_get(u, "checks"), j, c)
			check_row(out, rep, u, c);
}

void render_csv_warnings(const struct dqa_report *rep, struct strbuf *out)
{
	strbuf_puts(out, "dataset,unit,unit_name,score,status,reasons\r\n");
	size_t i;
	json_t *w;
	json_array_foreach(json_object_get(rep->doc, "warnings"), i, w) {
		put_lead(out, rep, w);
		put_number(out, doc_num(w, "score"));
		strbuf_putc(out, ',');
		csv_put(out, doc_str(w, "status"));
		strbuf_putc(out, ',');
		put_joined(out, json_object_get(w, "reasons"), "; ");
		strbuf_puts(out, "\r\n");
	}
}
