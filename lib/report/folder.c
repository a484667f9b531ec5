/* Rendering by format name, and the report folder: every file written
 * atomically, result.json first and index.html last, so a reader who sees
 * the new index.html finds everything it links to. */
#include <stdlib.h>
#include <string.h>

#include "../util/error.h"
#include "../util/fileio.h"
#include "failed_rows.h"
#include "report.h"

typedef void render_fn(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out);

static void json_text(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	(void)lang;
	strbuf_add(out, rep->json, rep->json_len);
}

/* Spreadsheets (Excel above all) read UTF-8 CSV correctly only with a BOM. */
static void put_bom(struct strbuf *out)
{
	strbuf_puts(out, "\xEF\xBB\xBF");
}

static void scores_csv(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	(void)lang;
	put_bom(out);
	render_csv_scores(rep, out);
}

static void checks_csv(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	(void)lang;
	put_bom(out);
	render_csv_checks(rep, out);
}

static void warnings_csv(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	(void)lang;
	put_bom(out);
	render_csv_warnings(rep, out);
}

struct report_file {
	const char *format;       /* --format name, NULL: only in the folder */
	const char *file;
	render_fn *render;
};

/* In writing order; index.html stays last. */
static const struct report_file files[] = {
	{"json", "result.json", json_text},
	{"csv", "scores.csv", scores_csv},
	{NULL, "checks.csv", checks_csv},
	{NULL, "warnings.csv", warnings_csv},
	{"md", "summary.md", render_markdown},
	{"junit", "junit.xml", render_junit},
	{"html", "index.html", render_html_index},
};

enum { NFILES = sizeof files / sizeof *files };

static const struct report_file *find_format(const char *format)
{
	for (size_t i = 0; i < NFILES; i++)
		if (files[i].format && strcmp(files[i].format, format) == 0)
			return &files[i];
	return NULL;
}

bool dqa_report_format_known(const char *format)
{
	return find_format(format) != NULL;
}

int dqa_report_render(char **out, size_t *len, const dqa_report *rep, const char *format,
		      dqa_lang lang, dqa_error *err)
{
	*out = NULL;
	const struct report_file *f = find_format(format);
	if (!f)
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS, "use json, csv, md, junit or html",
				"unknown report format '%s'", format);
	struct strbuf text = STRBUF_INIT;
	f->render(rep, lang, &text);
	*len = text.len;
	*out = strbuf_detach(&text);
	return *out ? 0 : error_nomem(err);
}

static int add_buffer(struct file_batch *batch, const char *dir, const char *name,
		      const struct strbuf *out, dqa_error *err)
{
	if (out->failed)
		return error_nomem(err);
	return file_batch_add(batch, dir, name, out->buf ? out->buf : "", out->len, err);
}

static int add_unit_pages(struct file_batch *batch, const struct dqa_report *rep,
			  const char *units_dir, dqa_lang lang, dqa_error *err)
{
	struct strbuf page = STRBUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < json_array_size(rep->units) && rc == 0; i++) {
		strbuf_reset(&page);
		render_html_unit(rep, i, lang, &page);
		rc = add_buffer(batch, units_dir, rep->unit_files[i], &page, err);
	}
	strbuf_release(&page);
	return rc;
}

static int add_file(struct file_batch *batch, const struct dqa_report *rep, const char *dir,
		    dqa_lang lang, const struct report_file *f, dqa_error *err)
{
	struct strbuf out = STRBUF_INIT;
	f->render(rep, lang, &out);
	int rc = add_buffer(batch, dir, f->file, &out, err);
	strbuf_release(&out);
	return rc;
}

/* Every file goes to a temporary first and all reach the disk with one
 * flush, then each is renamed into place in writing order: one fsync per
 * file made 10,000 unit pages take minutes on a disk. */
void dqa_report_set_failed_rows_max(dqa_report *rep, uint64_t max)
{
	rep->failed_rows_max = max;
}

int dqa_report_write_dir(const dqa_report *rep, const char *dir, dqa_lang lang, size_t *nfiles,
			 dqa_error *err)
{
	char units_dir[4096];
	if (snprintf(units_dir, sizeof units_dir, "%s/units", dir) >= (int)sizeof units_dir)
		return error_at(err, DQA_EIO, dir, DQA_NOPOS, NULL, "path too long");
	struct file_batch batch;
	file_batch_init(&batch);
	int rc = 0;
	/* the folder's index.html links to the unit pages written with it */
	struct dqa_report linked = *rep;
	linked.unit_pages = true;
	rep = &linked;
	for (size_t i = 0; i + 1 < NFILES && rc == 0; i++)
		rc = add_file(&batch, rep, dir, lang, &files[i], err);
	if (rc == 0)
		rc = failed_rows_add_unit_files(&batch, rep, units_dir, lang, err);
	if (rc == 0)
		rc = add_unit_pages(&batch, rep, units_dir, lang, err);
	if (rc == 0)
		rc = add_file(&batch, rep, dir, lang, &files[NFILES - 1], err);
	if (rc == 0)
		rc = file_batch_commit(&batch, err);
	if (rc == 0)
		rc = report_remove_stale_pages(rep, units_dir, err);
	if (nfiles)
		*nfiles = batch.done;
	file_batch_release(&batch);
	return rc;
}
