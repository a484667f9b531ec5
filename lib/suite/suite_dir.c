/* A suite's outputs: the terminal summary, and the report folder with one
 * sub-folder per dataset (each a dataset report folder), suite.json,
 * summary.md and the city dashboard index.html; with a history, the trend
 * and warning pages of the city and of every dataset. Rendering is
 * lib/report's (suite_view.h, history_view.h); this file decides what goes
 * where and links the pages together. */
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

/* The datasets' reports, for their folders and the links into them. */
struct city {
	const dqa_suite *suite;
	dqa_report **reports;
	char href[4096];          /* the last link asked for */
};

static void city_release(struct city *c)
{
	for (size_t i = 0; c->reports && i < c->suite->ndatasets; i++)
		dqa_report_free(c->reports[i]);
	free(c->reports);
}

static int city_init(struct city *c, const dqa_suite *s, dqa_error *err)
{
	*c = (struct city){.suite = s};
	c->reports = calloc(s->ndatasets + 1, sizeof *c->reports);
	RETURN_IF_NOMEM(c->reports, err);
	for (size_t i = 0; i < s->ndatasets; i++)
		if (dqa_report_from_result(&c->reports[i], s->datasets[i].result, err) < 0) {
			city_release(c);
			return err->code;
		}
	return 0;
}

/* DATASET/units/FILE.html, NULL for a unit or dataset the suite lacks. */
static const char *city_unit_href(const void *ctx, const char *dataset, const char *unit)
{
	struct city *c = (struct city *)ctx;
	for (size_t i = 0; i < c->suite->ndatasets; i++) {
		const dqa_report *rep = c->reports[i];
		if (strcmp(c->suite->datasets[i].name, dataset) != 0)
			continue;
		size_t k;
		const json_t *u;
		json_array_foreach(rep->units, k, u)
			if (strcmp(doc_str(u, "unit"), unit) == 0) {
				snprintf(c->href, sizeof c->href, "%s/units/%s", dataset,
					 rep->unit_files[k]);
				return c->href;
			}
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

int dqa_suite_write_dir(const dqa_suite *s, const char *dir, dqa_lang lang, size_t *nfiles,
			dqa_error *err)
{
	struct city c;
	FORWARD_IF_ERROR(city_init(&c, s, err));
	size_t written = 0;
	int rc = 0;
	for (size_t i = 0; i < s->ndatasets && rc == 0; i++) {
		char *sub = sub_dir(dir, s->datasets[i].name);
		size_t n = 0;
		rc = sub ? dqa_report_write_dir(c.reports[i], sub, lang, &n, err)
			 : error_nomem(err);
		written += n;
		free(sub);
	}
	char *json = NULL;
	if (rc == 0)
		rc = dqa_suite_json(&json, s, err);
	if (rc == 0 && (rc = dqa_write_file_atomic(dir, "suite.json", json, strlen(json), err)) == 0)
		written++;
	free(json);
	struct strbuf sb = STRBUF_INIT;
	if (rc == 0) {
		render_suite_md(s->json, lang, &sb);
		if ((rc = write_buffer(dir, "summary.md", &sb, err)) == 0)
			written++;
	}
	if (rc == 0) {
		struct suite_links links = {city_unit_href, &c, false};
		render_suite_html(s->json, &links, lang, &sb);
		if ((rc = write_buffer(dir, "index.html", &sb, err)) == 0)
			written++;
	}
	city_release(&c);
	if (nfiles)
		*nfiles = written;
	return rc;
}

/* The city's trend.html and warnings.html: every dataset of the history. */
static int write_city_pages(struct city *c, const dqa_history *h, const char *dir, dqa_lang lang,
			    dqa_error *err)
{
	struct view_style st = {DQA_VIEW_HTML, lang, false, 0, city_unit_href, c};
	dqa_trend_options topts = DQA_TREND_OPTIONS_INIT;
	topts.lang = lang;
	struct trend t;
	FORWARD_IF_ERROR(trend_build(&t, h, &topts, err));
	struct strbuf sb = STRBUF_INIT;
	render_trend_html(&t, &st, &sb);
	trend_release(&t);
	FORWARD_IF_ERROR(write_buffer(dir, "trend.html", &sb, err));
	dqa_weekly_options wopts = DQA_WEEKLY_OPTIONS_INIT;
	wopts.lang = lang;
	struct weekly w;
	FORWARD_IF_ERROR(weekly_build(&w, h, &wopts, err));
	render_weekly_html(w.lists, w.nlists, &w.options, &st, &sb);
	weekly_release(&w);
	FORWARD_IF_ERROR(write_buffer(dir, "warnings.html", &sb, err));
	/* index.html again, now with links to the pages */
	struct suite_links links = {city_unit_href, c, true};
	render_suite_html(c->suite->json, &links, lang, &sb);
	return write_buffer(dir, "index.html", &sb, err);
}

int dqa_suite_write_history_pages(const dqa_suite *s, const dqa_history *h, const char *dir,
				  dqa_lang lang, size_t *nfiles, dqa_error *err)
{
	struct city c;
	FORWARD_IF_ERROR(city_init(&c, s, err));
	size_t written = 0;
	int rc = 0;
	for (size_t i = 0; i < s->ndatasets && rc == 0; i++) {
		char *sub = sub_dir(dir, s->datasets[i].name);
		size_t n = 0;
		rc = sub ? dqa_report_write_history_pages(c.reports[i], h, sub, lang, &n, err)
			 : error_nomem(err);
		written += n;
		free(sub);
	}
	if (rc == 0 && (rc = write_city_pages(&c, h, dir, lang, err)) == 0)
		written += 2;
	city_release(&c);
	if (nfiles)
		*nfiles = written;
	return rc;
}
