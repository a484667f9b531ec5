/* A suite's outputs: the terminal summary, and the report folder with one
 * sub-folder per dataset (each a dataset report folder, written as soon as
 * the dataset is audited), suite.json, summary.md and the city dashboard
 * index.html; with a history, each dataset's run and the trend and warning
 * pages of the city and of every dataset. Rendering is lib/report's
 * (suite_view.h, history_view.h); this file decides what goes where and
 * links the pages together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suite.h"
#include "../history/trend.h"
#include "../history/weekly.h"
#include "../report/report.h"
#include "../report/suite_view.h"
#include "../util/error.h"

int dqa_suite_write_text(const dqa_suite *s, dqa_lang lang, FILE *out)
{
	return render_suite_text_to(s->json, lang, out);
}

/* DATASET/units/FILE.html, NULL for a unit or dataset the suite lacks. */
static const char *city_unit_href(const void *ctx, const char *dataset, const char *unit)
{
	static _Thread_local char href[4096];
	const struct dqa_suite *s = ctx;
	for (size_t i = 0; i < json_array_size(s->unit_files); i++) {
		if (strcmp(s->datasets[i].name, dataset) != 0)
			continue;
		const char *file = json_string_value(
			json_object_get(json_array_get(s->unit_files, i), unit));
		if (!file)
			return NULL;
		snprintf(href, sizeof href, "%s/units/%s", dataset, file);
		return href;
	}
	return NULL;
}

static int write_buffer(const char *dir, const char *name, struct strbuf *sb, dqa_error *err)
{
	int rc = sb->failed ? error_nomem(err)
			    : dqa_write_file_atomic(dir, name, sb->buf, sb->len, err);
	strbuf_release(sb);
	return rc;
}

static char *sub_dir(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *sub = malloc(len);
	if (sub)
		snprintf(sub, len, "%s/%s", dir, name);
	return sub;
}

/* The dataset's trend.html and warnings.html from the store that now
 * holds its run, as a single audit with --out and --history writes them. */
static int dataset_history_pages(dqa_report *rep, const char *store, const char *dir,
				 dqa_lang lang, dqa_error *err)
{
	dqa_history_query q = DQA_HISTORY_QUERY_INIT;
	q.dataset = doc_str(rep->doc, "dataset");
	q.totals_only = true;
	dqa_history *h;
	FORWARD_IF_ERROR(dqa_history_load_query(&h, store, &q, err));
	int rc = dqa_report_write_history_pages(rep, h, dir, lang, NULL, err);
	dqa_history_free(h);
	return rc;
}

/* The dataset's report folder, summary lines, history run and pages. */
static int finish_with_report(struct dqa_suite *s, size_t i, dqa_report *rep, dqa_error *err)
{
	struct suite_dataset *d = &s->datasets[i];
	const dqa_suite_sink *sink = s->sink;
	char *sub = NULL;
	if (sink && sink->dir && !(sub = sub_dir(sink->dir, d->name)))
		return error_nomem(err);
	size_t n = 0;
	int rc = sub ? dqa_report_write_dir(rep, sub, sink->lang, &n, err) : 0;
	if (rc == 0 && sub)
		s->sink->nfiles += n;
	if (rc == 0)
		rc = suite_add_summary(s, i, rep->doc, rep->unit_files, err);
	if (rc == 0 && sink && sink->history)
		rc = dqa_history_append(sink->history, d->result, err);
	if (rc == 0 && sub && sink->history)
		rc = dataset_history_pages(rep, sink->history, sub, sink->lang, err);
	free(sub);
	return rc;
}

int suite_finish_dataset(struct dqa_suite *s, size_t i, dqa_error *err)
{
	struct suite_dataset *d = &s->datasets[i];
	dqa_report *rep = NULL;
	int rc = dqa_report_from_result(&rep, d->result, err);
	if (rc == 0)
		rc = finish_with_report(s, i, rep, err);
	dqa_report_free(rep);
	dqa_result_free(d->result);
	d->result = NULL;
	return rc;
}

/* The city's trend.html and warnings.html: every dataset of the store. */
static int write_history_pages(const struct dqa_suite *s, dqa_error *err)
{
	const dqa_suite_sink *sink = s->sink;
	struct view_style st = {DQA_VIEW_HTML, sink->lang, false, 0, city_unit_href, s};
	dqa_trend_options topts = DQA_TREND_OPTIONS_INIT;
	topts.lang = sink->lang;
	struct trend t;
	FORWARD_IF_ERROR(trend_build_store(&t, sink->history, &topts, err));
	struct strbuf sb = STRBUF_INIT;
	render_trend_html(&t, &st, &sb);
	trend_release(&t);
	FORWARD_IF_ERROR(write_buffer(sink->dir, "trend.html", &sb, err));
	dqa_weekly_options wopts = DQA_WEEKLY_OPTIONS_INIT;
	wopts.lang = sink->lang;
	struct weekly w;
	FORWARD_IF_ERROR(weekly_build_store(&w, sink->history, &wopts, err));
	render_weekly_html(w.lists, w.nlists, &w.options, &st, &sb);
	weekly_release(&w);
	return write_buffer(sink->dir, "warnings.html", &sb, err);
}

int suite_write_city(struct dqa_suite *s, dqa_error *err)
{
	const dqa_suite_sink *sink = s->sink;
	if (!sink || !sink->dir)
		return 0;
	char *json = NULL;
	FORWARD_IF_ERROR(dqa_suite_json(&json, s, err));
	int rc = dqa_write_file_atomic(sink->dir, "suite.json", json, strlen(json), err);
	free(json);
	FORWARD_IF_ERROR(rc);
	struct strbuf sb = STRBUF_INIT;
	render_suite_md(s->json, sink->lang, &sb);
	FORWARD_IF_ERROR(write_buffer(sink->dir, "summary.md", &sb, err));
	struct suite_links links = {city_unit_href, s, sink->history != NULL};
	render_suite_html(s->json, &links, sink->lang, &sb);
	FORWARD_IF_ERROR(write_buffer(sink->dir, "index.html", &sb, err));
	s->sink->nfiles += 3;
	return sink->history ? write_history_pages(s, err) : 0;
}
