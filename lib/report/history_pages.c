/* The history views end to end: lib/history computes the trend or the
 * weekly list, history_view.h renders it, and this file writes the result
 * to a stream (dqa trend, dqa warnings) or as pages of a report folder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/error.h"
#include "history_view.h"
#include "report.h"

static const char *const format_names[] = {"text", "csv", "json", "md", "html"};

int dqa_view_format_parse(const char *name, dqa_view_format *out)
{
	for (size_t i = 0; i < sizeof format_names / sizeof *format_names; i++)
		if (strcmp(name, format_names[i]) == 0) {
			*out = (dqa_view_format)i;
			return 0;
		}
	return DQA_EARG;
}

static int write_out(struct strbuf *sb, FILE *out, dqa_error *err)
{
	int rc = 0;
	if (sb->failed)
		rc = error_nomem(err);
	else if (sb->len && fwrite(sb->buf, 1, sb->len, out) != sb->len)
		rc = error_at(err, DQA_EIO, NULL, DQA_NOPOS, NULL, "cannot write the output");
	strbuf_release(sb);
	return rc;
}

int dqa_trend_write(const char *store, const dqa_trend_options *opts, dqa_view_format format,
		    FILE *out, dqa_error *err)
{
	struct trend t;
	FORWARD_IF_ERROR(trend_build_store(&t, store, opts, err));
	struct view_style st = {format, opts->lang, opts->color, opts->width, NULL, NULL};
	struct strbuf sb = STRBUF_INIT;
	if (format == DQA_VIEW_HTML)
		render_trend_html(&t, &st, &sb);
	else
		render_trend(&t, &st, &sb);
	trend_release(&t);
	return write_out(&sb, out, err);
}

int dqa_weekly_write(const char *store, const dqa_weekly_options *opts, dqa_view_format format,
		     FILE *out, dqa_error *err)
{
	struct weekly w;
	FORWARD_IF_ERROR(weekly_build_store(&w, store, opts, err));
	struct view_style st = {format, opts->lang, false, 0, NULL, NULL};
	struct strbuf sb = STRBUF_INIT;
	if (format == DQA_VIEW_HTML)
		render_weekly_html(w.lists, w.nlists, &w.options, &st, &sb);
	else
		render_weekly(w.lists, w.nlists, &w.options, &st, &sb);
	weekly_release(&w);
	return write_out(&sb, out, err);
}

/* The report whose folder the pages go to, and the last link asked for. */
struct folder_links {
	const struct dqa_report *rep;
	char href[512];
};

/* The index of the report's unit of that name, or the number of its units
 * for a unit the report does not have (a unit of an earlier run only). */
static size_t report_unit_at(const struct dqa_report *rep, const char *unit)
{
	size_t i;
	const json_t *u;
	json_array_foreach(rep->units, i, u)
		if (strcmp(doc_str(u, "unit"), unit) == 0)
			return i;
	return json_array_size(rep->units);
}

/* units/FILE.html of the report's unit of that name, NULL for a unit the
 * report does not have. */
static const char *report_unit_href(const void *ctx, const char *dataset, const char *unit)
{
	struct folder_links *links = (struct folder_links *)ctx;
	(void)dataset;
	size_t i = report_unit_at(links->rep, unit);
	if (i == json_array_size(links->rep->units))
		return NULL;
	snprintf(links->href, sizeof links->href, "units/%s", links->rep->unit_files[i]);
	return links->href;
}

/* The name the report gives the unit (its expected units' name column),
 * "" when none or for a unit the report does not have. */
static const char *report_unit_name(const struct dqa_report *rep, const char *unit)
{
	return doc_str(json_array_get(rep->units, report_unit_at(rep, unit)), "unit_name");
}

static void name_series(struct trend *t, const struct dqa_report *rep)
{
	for (size_t i = 0; i < t->ndatasets; i++)
		for (size_t k = 0; k < t->datasets[i].nseries; k++) {
			struct trend_series *s = &t->datasets[i].series[k];
			if (s->unit)
				s->name = report_unit_name(rep, s->unit);
		}
}

static void name_items(struct weekly *w, const struct dqa_report *rep)
{
	for (size_t i = 0; i < w->nlists; i++)
		for (size_t k = 0; k < w->lists[i].nitems; k++)
			w->lists[i].items[k].name = report_unit_name(rep, w->lists[i].items[k].unit);
}

static int write_page(const char *dir, const char *name, struct strbuf *sb, dqa_error *err)
{
	int rc = sb->failed ? error_nomem(err)
			    : dqa_write_file_atomic(dir, name, sb->buf, sb->len, err);
	strbuf_release(sb);
	return rc;
}

int dqa_report_write_history_pages(dqa_report *rep, const dqa_history *h, const char *dir,
				   dqa_lang lang, size_t *nfiles, dqa_error *err)
{
	if (nfiles)
		*nfiles = 0;
	const char *dataset = doc_str(rep->doc, "dataset");
	dqa_trend_options topts = DQA_TREND_OPTIONS_INIT;
	topts.dataset = dataset;
	topts.lang = lang;
	struct trend t;
	dqa_error ignored = {0};
	/* No run of the dataset yet: no pages, not an error. */
	if (trend_build(&t, h, &topts, &ignored) < 0)
		return ignored.code == DQA_ENOMEM ? error_at(err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL,
							     "out of memory") : 0;
	struct folder_links links = {rep, ""};
	struct view_style st = {DQA_VIEW_HTML, lang, false, 0, report_unit_href, &links};
	struct strbuf sb = STRBUF_INIT;
	name_series(&t, rep);
	render_trend_html(&t, &st, &sb);
	trend_release(&t);
	FORWARD_IF_ERROR(write_page(dir, "trend.html", &sb, err));
	dqa_weekly_options wopts = DQA_WEEKLY_OPTIONS_INIT;
	wopts.dataset = dataset;
	wopts.lang = lang;
	struct weekly w;
	FORWARD_IF_ERROR(weekly_build(&w, h, &wopts, err));
	name_items(&w, rep);
	render_weekly_html(w.lists, w.nlists, &w.options, &st, &sb);
	weekly_release(&w);
	FORWARD_IF_ERROR(write_page(dir, "warnings.html", &sb, err));
	/* index.html again, now with links to the pages */
	rep->history_pages = true;
	rep->unit_pages = true;
	render_html_index(rep, lang, &sb);
	FORWARD_IF_ERROR(write_page(dir, "index.html", &sb, err));
	if (nfiles)
		*nfiles = 3;
	return 0;
}
