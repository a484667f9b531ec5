/* summary.md: a short Markdown summary for a CI job summary or a pull
 * request comment. Long lists are cut so the comment stays readable (and
 * under the size limits CI systems put on summaries). */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "labels.h"
#include "messages.h"
#include "report.h"

enum { WARNINGS_SHOWN = 30, CHECKS_SHOWN = 20 };

static void overview(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	const json_t *doc = rep->doc;
	strbuf_printf(out, "# %s: ", msg(lang, M_TITLE));
	md_put(out, doc_str(doc, "dataset"));
	strbuf_printf(out, "\n\n**%s: ", msg(lang, M_OVERALL));
	put_score(out, doc_num(doc, "score"), 2, lang);
	strbuf_printf(out, " (%s)**\n\n", msg_status(lang, doc_status(doc, "status")));
	strbuf_printf(out, "- %s: ", msg(lang, M_ROWS));
	put_count(out, doc_count(doc, "rows"), lang);
	strbuf_printf(out, "\n- %s: ", msg(lang, M_UNITS));
	put_count(out, json_array_size(rep->units), lang);
	strbuf_printf(out, "\n- %s: ", msg(lang, M_NOW));
	put_time_text(out, doc_str(doc, "now"), lang, md_put);
	strbuf_printf(out, "\n- %s: ", msg(lang, M_RULES));
	md_put(out, doc_str(doc, "rules"));
	const json_t *t = json_object_get(doc, "thresholds");
	strbuf_printf(out, "\n- %s: %s ", msg(lang, M_THRESHOLDS), msg(lang, M_PASS_FROM));
	put_score(out, doc_num(t, "warn_below"), 2, lang);
	strbuf_printf(out, "%s%s ", list_separator(lang), msg(lang, M_FAIL_BELOW));
	put_score(out, doc_num(t, "fail_below"), 2, lang);
	strbuf_printf(out, "\n\n| %s | %s | %s |\n|---|---:|---|\n", msg(lang, M_CRITERION),
		      msg(lang, M_SCORE), msg(lang, M_STATUS));
	for (int k = 0; k < DQA_CRITERIA; k++) {
		double v = doc_criterion(doc, k);
		strbuf_printf(out, "| %s | ", msg_criterion_title(lang, k));
		put_score(out, v, 2, lang);
		strbuf_printf(out, " | %s |\n", msg_status(lang, doc_status_of(rep, v)));
	}
}

static void put_label(struct strbuf *out, const json_t *check, dqa_lang lang)
{
	struct strbuf label = STRBUF_INIT;
	check_label_doc(&label, lang, check);
	md_put(out, label.buf ? label.buf : "");
	out->failed |= label.failed;
	strbuf_release(&label);
}

/* The dataset-level checks, with why each failing one failed: the fix list
 * of whoever publishes the dataset. */
static void dataset_checks(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	size_t n = json_array_size(rep->dataset_checks), i;
	if (!n)
		return;
	strbuf_printf(out, "\n## %s\n\n%s\n\n| %s | %s | %s | %s |\n|---|---:|---|---|\n",
		      msg(lang, M_DATASET_CHECKS), msg(lang, M_DATASET_CHECKS_NOTE),
		      msg(lang, M_CHECK), msg(lang, M_SCORE), msg(lang, M_STATUS),
		      msg(lang, M_REASONS));
	const json_t *c;
	json_array_foreach(rep->dataset_checks, i, c) {
		bool failed = strcmp(doc_str(c, "status"), "fail") == 0;
		strbuf_puts(out, "| ");
		put_label(out, c, lang);
		strbuf_puts(out, " | ");
		put_score(out, doc_num(c, "score"), 2, lang);
		strbuf_printf(out, " | %s | ", msg_status(lang, doc_status(c, "status")));
		if (failed) {
			struct strbuf why = STRBUF_INIT;
			put_failure_summary(&why, c, lang);
			md_put(out, why.buf ? why.buf : "");
			out->failed |= why.failed;
			strbuf_release(&why);
		}
		strbuf_puts(out, " |\n");
	}
}

static void warnings(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	const json_t *list = json_object_get(rep->doc, "warnings");
	size_t n = json_array_size(list);
	strbuf_printf(out, "\n## %s (%zu, %s)\n\n", msg(lang, M_WARNINGS), n,
		      msg(lang, M_WORST_FIRST));
	if (!n && !json_array_size(rep->units)) {
		strbuf_printf(out, "%s\n", msg(lang, M_NO_UNITS));
		return;
	}
	if (!n) {
		strbuf_printf(out, "%s.\n", msg(lang, M_NO_WARNINGS));
		return;
	}
	strbuf_printf(out, "| %s | %s | %s | %s |\n|---|---:|---|---|\n", msg(lang, M_UNIT),
		      msg(lang, M_SCORE), msg(lang, M_STATUS), msg(lang, M_REASONS));
	for (size_t i = 0; i < n && i < WARNINGS_SHOWN; i++) {
		const json_t *w = json_array_get(list, i);
		strbuf_puts(out, "| ");
		struct strbuf title = STRBUF_INIT;
		put_unit_title(&title, w, lang);
		md_put(out, title.buf ? title.buf : "");
		out->failed |= title.failed;
		strbuf_release(&title);
		strbuf_puts(out, " | ");
		put_score(out, doc_num(w, "score"), 2, lang);
		strbuf_printf(out, " | %s | ", msg_status(lang, doc_status(w, "status")));
		put_reasons(out, w,
			    json_array_get(rep->units, doc_unit_index(rep->units, doc_str(w, "unit"))),
			    lang, md_put);
		strbuf_puts(out, " |\n");
	}
	if (n > WARNINGS_SHOWN)
		strbuf_printf(out, "\n... +%zu %s\n", n - WARNINGS_SHOWN, msg(lang, M_AND_MORE));
}

static void checks(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	struct check_total *totals;
	size_t n = report_check_totals(rep, &totals);
	if (n == (size_t)-1) {
		out->failed = true;
		return;
	}
	if (!n) {
		free(totals);
		return;
	}
	strbuf_printf(out, "\n## %s\n\n| %s | %s | %s | %s |\n|---|---:|---:|---:|\n",
		      msg(lang, M_CHECK_BARS), msg(lang, M_CHECK), msg(lang, M_FAILED),
		      msg(lang, M_EVALUATED), msg(lang, M_UNITS_BELOW));
	for (size_t i = 0; i < n && i < CHECKS_SHOWN; i++) {
		strbuf_puts(out, "| ");
		put_label(out, totals[i].check, lang);
		strbuf_puts(out, " | ");
		put_count(out, totals[i].failed, lang);
		strbuf_puts(out, " | ");
		put_count(out, totals[i].evaluated, lang);
		strbuf_puts(out, " | ");
		put_count(out, totals[i].units_failing, lang);
		strbuf_puts(out, " |\n");
	}
	if (n > CHECKS_SHOWN)
		strbuf_printf(out, "\n... +%zu\n", n - CHECKS_SHOWN);
	free(totals);
}

void render_markdown(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	overview(rep, lang, out);
	dataset_checks(rep, lang, out);
	warnings(rep, lang, out);
	checks(rep, lang, out);
	strbuf_printf(out, "\n_%s result.json._\n", msg(lang, M_MADE_BY));
}
