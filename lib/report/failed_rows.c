/* The rows an audit kept (lib/rowlog.h), written out in file order: the
 * failed-rows file (CSV with a BOM, CRLF and defused cells, or JSON Lines;
 * one line per row and failing check), the valid and invalid records of
 * the quarantine split, and the per-unit failed-row files of the report
 * folder. Columns: dqa(1), OUTPUT, Failed rows. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../result.h"
#include "../input/xlsx.h"
#include "../rowlog.h"
#include "../util/error.h"
#include "../util/fileio.h"
#include "../util/paths.h"
#include "write_behind.h"
#include "escape.h"
#include "failed_rows.h"
#include "json_writer.h"
#include "labels.h"

#define UTF8_BOM "\xEF\xBB\xBF"

/* Rows between two looks at the cancel flag. */
enum { CANCEL_EVERY = 4096 };

static const char *input_name(const struct rowlog *log, uint32_t input)
{
	const char *path = log->inputs[input];
	return strcmp(path, "-") ? path_shown(path, log->show_paths) : "<stdin>";
}

/* How every line is written: the checks' labels in the report's language
 * and, for CSV, the cells every line repeats, escaped once rather than per
 * line (a few hundred thousand lines go through here); the format. */
struct line_style {
	const struct rowlog *log;
	char **labels;                /* per check */
	bool jsonl;
	struct strbuf *unit_cells;    /* per unit: "unit,unit_name," */
	struct strbuf *input_cells;   /* per input: "input," */
	struct strbuf *check_cells;   /* per check: "check,label," */
};

static void release_cells(struct strbuf *cells, size_t n)
{
	for (size_t i = 0; cells && i < n; i++)
		strbuf_release(&cells[i]);
	free(cells);
}

static void style_release(struct line_style *s)
{
	for (size_t i = 0; s->labels && i < s->log->nchecks; i++)
		free(s->labels[i]);
	free(s->labels);
	release_cells(s->unit_cells, s->log->nunits);
	release_cells(s->input_cells, s->log->ninputs);
	release_cells(s->check_cells, s->log->nchecks);
	*s = (struct line_style){.log = s->log};
}

/* The workbook cell of a failure (Sheet1!C17), or "" when its input is
 * not a workbook, into ref. */
static void failure_cell(struct strbuf *ref, const struct rowlog *log,
			 const struct rowlog_row *row, const struct rowlog_failure *f)
{
	strbuf_reset(ref);
	if (log->sheets && log->sheets[row->input])
		xlsx_cell_ref(ref, log->sheets[row->input], log->checks[f->check].first_col,
			      row->line);
}

static const char *unit_full_name(const struct rowlog *log, uint32_t unit)
{
	return log->unit_full_names ? log->unit_full_names[unit] : NULL;
}

/* Cells followed by their commas. */
static void put_cells(struct strbuf *sb, const char *first, const char *second)
{
	csv_put(sb, first);
	strbuf_putc(sb, ',');
	if (second) {
		csv_put(sb, second);
		strbuf_putc(sb, ',');
	}
}

/* The repeated cells of every CSV line, escaped. false: out of memory. */
static bool cells_init(struct line_style *s)
{
	const struct rowlog *log = s->log;
	s->unit_cells = calloc(log->nunits + 1, sizeof *s->unit_cells);
	s->input_cells = calloc(log->ninputs + 1, sizeof *s->input_cells);
	s->check_cells = calloc(log->nchecks + 1, sizeof *s->check_cells);
	if (!s->unit_cells || !s->input_cells || !s->check_cells)
		return false;
	bool failed = false;
	for (uint32_t u = 0; u < log->nunits; u++) {
		const char *full_name = unit_full_name(log, u);
		put_cells(&s->unit_cells[u], log->unit_names[u], full_name ? full_name : "");
		failed |= s->unit_cells[u].failed;
	}
	for (uint32_t i = 0; log->ninputs > 1 && i < log->ninputs; i++) {
		put_cells(&s->input_cells[i], input_name(log, i), NULL);
		failed |= s->input_cells[i].failed;
	}
	for (size_t i = 0; i < log->nchecks; i++) {
		put_cells(&s->check_cells[i], log->checks[i].id, s->labels[i]);
		failed |= s->check_cells[i].failed;
	}
	return !failed;
}

static int style_init(struct line_style *s, const struct rowlog *log, dqa_lang lang, bool jsonl,
		      dqa_error *err)
{
	*s = (struct line_style){.log = log, .jsonl = jsonl};
	s->labels = calloc(log->nchecks + 1, sizeof *s->labels);
	RETURN_IF_NOMEM(s->labels, err);
	for (size_t i = 0; i < log->nchecks; i++) {
		const struct rowlog_check *c = &log->checks[i];
		struct check_label_source src = {
			.id = c->id, .kind = c->kind,
			.columns = c->columns, .ncolumns = c->ncols,
			.label_en = c->label_en, .label_vi = c->label_vi,
			.type = c->type, .expr = c->expr,
		};
		struct strbuf label = STRBUF_INIT;
		check_label(&label, lang, &src);
		if (label.failed || !(s->labels[i] = strbuf_detach(&label))) {
			strbuf_release(&label);
			style_release(s);
			return error_nomem(err);
		}
	}
	if (!jsonl && !cells_init(s)) {
		style_release(s);
		return error_nomem(err);
	}
	return 0;
}

static void csv_header(struct strbuf *sb, const struct rowlog *log)
{
	strbuf_puts(sb, "unit,unit_name,");
	if (log->ninputs > 1)
		strbuf_puts(sb, "input,");
	strbuf_puts(sb, "line,");
	if (log->sheets)
		strbuf_puts(sb, "cell,");
	for (size_t k = 0; k < log->nkey; k++) {
		csv_put(sb, log->key_names[k]);
		strbuf_putc(sb, ',');
	}
	strbuf_puts(sb, "check,label,values,note\r\n");
}

/* A line number and its comma, without printf's cost per line. */
static void put_line_number(struct strbuf *sb, uint64_t line)
{
	char digits[24];
	size_t at = sizeof digits;
	digits[--at] = ',';
	do {
		digits[--at] = (char)('0' + line % 10);
		line /= 10;
	} while (line);
	strbuf_add(sb, digits + at, sizeof digits - at);
}

/* One value alone, several as "column=value; column=value". */
static void csv_values(struct strbuf *sb, struct strbuf *joined, const struct rowlog_check *c,
		       const struct rowlog_failure *f)
{
	if (c->ncols == 1) {
		csv_putn(sb, f->values[0], f->lens[0]);
		return;
	}
	strbuf_reset(joined);
	for (size_t i = 0; i < c->ncols; i++) {
		if (i)
			strbuf_add(joined, "; ", 2);
		strbuf_puts(joined, c->columns[i]);
		strbuf_putc(joined, '=');
		strbuf_add(joined, f->values[i], f->lens[i]);
	}
	csv_putn(sb, joined->buf ? joined->buf : "", joined->len);
	sb->failed |= joined->failed;
}

/* scratch: a line's cell or joined values. */
static void csv_line(struct strbuf *sb, const struct line_style *s, struct strbuf *scratch,
		     const struct rowlog_row *row, const struct rowlog_failure *f)
{
	const struct rowlog *log = s->log;
	const struct strbuf *unit = &s->unit_cells[row->unit];
	strbuf_add(sb, unit->buf, unit->len);
	if (log->ninputs > 1)
		strbuf_add(sb, s->input_cells[row->input].buf, s->input_cells[row->input].len);
	put_line_number(sb, row->line);
	if (log->sheets) {
		failure_cell(scratch, log, row, f);
		csv_putn(sb, scratch->buf ? scratch->buf : "", scratch->len);
		strbuf_putc(sb, ',');
		sb->failed |= scratch->failed;
	}
	for (size_t k = 0; k < log->nkey; k++) {
		csv_putn(sb, row->keys[k], row->key_lens[k]);
		strbuf_putc(sb, ',');
	}
	const struct strbuf *check = &s->check_cells[f->check];
	strbuf_add(sb, check->buf, check->len);
	csv_values(sb, scratch, &log->checks[f->check], f);
	strbuf_putc(sb, ',');
	csv_putn(sb, f->note, f->note_len);
	strbuf_add(sb, "\r\n", 2);
}

static void json_line(struct strbuf *sb, const struct line_style *s, struct strbuf *scratch,
		      const struct rowlog_row *row, const struct rowlog_failure *f)
{
	const struct rowlog *log = s->log;
	const struct rowlog_check *c = &log->checks[f->check];
	const char *full_name = unit_full_name(log, row->unit);
	struct json_writer w;
	jw_init_line(&w, sb);
	jw_begin_object(&w);
	jw_key(&w, "unit");
	jw_string(&w, log->unit_names[row->unit]);
	jw_key(&w, "unit_name");
	if (full_name)
		jw_string(&w, full_name);
	else
		jw_null(&w);
	if (log->ninputs > 1) {
		jw_key(&w, "input");
		jw_string(&w, input_name(log, row->input));
	}
	jw_key(&w, "line");
	jw_integer(&w, (long long)row->line);
	if (log->sheets && log->sheets[row->input]) {
		failure_cell(scratch, log, row, f);
		jw_key(&w, "cell");
		jw_stringn(&w, scratch->buf ? scratch->buf : "", scratch->len);
		sb->failed |= scratch->failed;
	}
	jw_key(&w, "key");
	jw_begin_object(&w);
	for (size_t k = 0; k < log->nkey; k++) {
		jw_key(&w, log->key_names[k]);
		jw_stringn(&w, row->keys[k], row->key_lens[k]);
	}
	jw_end_object(&w);
	jw_key(&w, "check");
	jw_string(&w, c->id);
	jw_key(&w, "label");
	jw_string(&w, s->labels[f->check]);
	jw_key(&w, "values");
	jw_begin_object(&w);
	for (size_t i = 0; i < c->ncols; i++) {
		jw_key(&w, c->columns[i]);
		jw_stringn(&w, f->values[i], f->lens[i]);
	}
	jw_end_object(&w);
	jw_key(&w, "note");
	jw_stringn(&w, f->note, f->note_len);
	jw_end_object(&w);
	strbuf_putc(sb, '\n');
}

/* The line of one failure of row, CSV (CRLF) or JSON Lines (LF). */
static void put_line(struct strbuf *sb, const struct line_style *s, struct strbuf *scratch,
		     const struct rowlog_row *row, const struct rowlog_failure *f)
{
	(s->jsonl ? json_line : csv_line)(sb, s, scratch, row, f);
}

/* Whether the row fails a check of severity error: an invalid record. */
static bool row_invalid(const struct rowlog *log, const struct rowlog_row *row)
{
	for (size_t i = 0; i < row->nfailures; i++)
		if (log->checks[row->failures[i].check].error)
			return true;
	return false;
}

/* One output: a file made atomically, or the caller's stream ("-"). A
 * thread of its own writes its header (pending) and then each batch's
 * lines while the next are made. */
struct output {
	const char *path;
	struct atomic_file file;
	FILE *f;
	struct strbuf pending;
	struct file_sink sink;
	struct write_behind writer;
};

/* The rows of a batch, 1 MiB: each hand-over between the threads can
 * cost a wake-up and a wait for a core; at 128 KiB the 2,000,000-row
 * benchmark's 28.7 MB took three times as long after the scan, at 4 MiB
 * the first lines wait. */
enum { OUTPUT_CHUNK = 1 << 20 };

static int write_error(const struct output *o, int saved, dqa_error *err)
{
	return error_at(err, DQA_EIO, strcmp(o->path, "-") ? o->path : "<stdout>", DQA_NOPOS, NULL,
			"cannot write: %s", strerror(saved));
}

static int output_open(struct output *o, const char *path, FILE *out, dqa_error *err)
{
	o->path = path;
	if (!path)
		return 0;
	if (!strcmp(path, "-")) {
		o->f = out;
	} else {
		FORWARD_IF_ERROR(atomic_file_open(&o->file, path, err));
		o->f = o->file.f;
	}
	int saved = write_behind_start(&o->writer, file_sink(&o->sink, o->f,
								  o->file.f && !o->file.in_place));
	return saved ? write_error(o, saved, err) : 0;
}

/* Hands what pending holds to the writer. */
static int output_flush(struct output *o, dqa_error *err)
{
	RETURN_NOMEM_UNLESS(!o->pending.failed, err);
	if (!o->pending.len)
		return 0;
	int saved = write_behind_put(&o->writer, &o->pending);
	return saved ? write_error(o, saved, err) : 0;
}

/* Hands over the last lines: the writer writes them, and flushes a file
 * to disk, while the other outputs finish. */
static int output_finish(struct output *o, dqa_error *err)
{
	if (!o->f)
		return 0;
	FORWARD_IF_ERROR(output_flush(o, err));
	write_behind_finish(&o->writer);
	return 0;
}

/* Waits for the writer, then makes the file visible (atomic_file_rename:
 * the writer did the fsync). */
static int output_close(struct output *o, dqa_error *err)
{
	if (!o->f)
		return 0;
	int saved = write_behind_end(&o->writer);
	if (saved)
		return write_error(o, saved, err);
	if (o->file.f)
		return atomic_file_rename(&o->file, err);
	if (fflush(o->f) != 0)
		return write_error(o, errno ? errno : EIO, err);
	return 0;
}

static void output_release(struct output *o)
{
	write_behind_end(&o->writer);
	atomic_file_discard(&o->file);
	strbuf_release(&o->pending);
}

/* The rows reach the outputs in three stages: the caller's thread merges
 * them from the log's spools (rowlog_read_rows) a batch at a time and hands
 * the batches in turn to FORMATTERS threads, which turn them into lines;
 * it takes each batch's lines back in batch order and hands them to each
 * output's writer thread. The scan is over: a formatter per core. */
enum { FORMATTERS = 2 };

enum { FAILED, VALID, INVALID, OUTPUTS };

struct writer;

/* Between a batch's hand-over and the taking of its lines, everything here
 * but w is the formatter thread's alone. */
struct formatter {
	const struct writer *w;
	struct rowlog_rows *rows;
	struct strbuf scratch;        /* a line's cell or joined values */
	struct strbuf lines[OUTPUTS];
	uint64_t first_line;          /* failed-row lines before the batch */
	uint64_t valid, invalid;      /* the batch's records */
	bool busy;                    /* a batch handed over, lines not taken */
	struct write_behind thread;
	dqa_error err;                /* why it stopped */
};

struct writer {
	const struct rowlog *log;
	const dqa_rows_output *opts;
	struct line_style style;
	struct output outputs[OUTPUTS];
	struct formatter formatters[FORMATTERS];
};

/* The lines of a row whose failed-row lines start at *line (the global
 * count, which decides the cut at failed_max whatever the batches), and
 * its record. */
static void format_row(struct formatter *f, const struct rowlog_row *row, uint64_t *line)
{
	const struct writer *w = f->w;
	uint64_t max = w->opts->failed_max;
	if (w->outputs[FAILED].f) {
		for (size_t i = 0; i < row->nfailures && (!max || *line + i < max); i++)
			put_line(&f->lines[FAILED], &w->style, &f->scratch, row, &row->failures[i]);
		*line += row->nfailures;
	}
	if (!row->raw)
		return;
	bool invalid = row_invalid(w->log, row);
	(invalid ? &f->invalid : &f->valid)[0]++;
	size_t o = invalid ? INVALID : VALID;
	if (w->outputs[o].f)
		strbuf_add(&f->lines[o], row->raw, row->raw_len);
}

/* A formatter thread's work: the lines of a batch of merged rows. */
static int format_rows(void *ctx, const char *buf, size_t len)
{
	struct formatter *f = ctx;
	uint64_t line = f->first_line;
	for (const char *at = buf; at < buf + len;) {
		const struct rowlog_row *row = rowlog_rows_next(f->rows, &at, &f->err);
		if (!row)
			return EIO;   /* the error is in err */
		format_row(f, row, &line);
	}
	for (size_t o = 0; o < OUTPUTS; o++) {
		if (f->lines[o].failed) {
			error_nomem(&f->err);
			return ENOMEM;
		}
	}
	return 0;
}

static int formatter_start(struct formatter *f, const struct writer *w, dqa_error *err)
{
	f->w = w;
	RETURN_IF_NOMEM(f->rows = rowlog_rows_new(w->log), err);
	int saved = write_behind_start(&f->thread,
				       (struct write_behind_sink){format_rows, NULL, f});
	if (saved)
		return error_at(err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL,
				"cannot start a thread: %s", strerror(saved));
	return 0;
}

static void formatter_release(struct formatter *f)
{
	write_behind_end(&f->thread);
	rowlog_rows_free(f->rows);
	strbuf_release(&f->scratch);
	for (size_t o = 0; o < OUTPUTS; o++)
		strbuf_release(&f->lines[o]);
}

/* Waits for the batch f holds, counts its records and hands its lines to
 * the outputs' writers. */
static int take_lines(struct writer *w, struct formatter *f, dqa_rows_written *written,
		      dqa_error *err)
{
	if (!f->busy)
		return 0;
	f->busy = false;
	if (write_behind_wait(&f->thread) != 0) {
		*err = f->err;
		return err->code;
	}
	written->valid += f->valid;
	written->invalid += f->invalid;
	f->valid = f->invalid = 0;
	for (size_t o = 0; o < OUTPUTS; o++) {
		if (!f->lines[o].len)
			continue;
		int saved = write_behind_put(&w->outputs[o].writer, &f->lines[o]);
		if (saved)
			return write_error(&w->outputs[o], saved, err);
	}
	return 0;
}

/* Merges the rows and hands them to the formatters in turn, a batch at a
 * time, taking each one's lines before its next batch, until the rows
 * end, an error, or a cancel; then the last lines in order. *lines: the
 * failed-row lines of all the rows, before the cut. */
static int feed_rows(struct writer *w, dqa_rows_written *written, uint64_t *lines,
		     dqa_error *err)
{
	struct rowlog_reader *r = rowlog_read(w->log, err);
	if (!r)
		return err->code;
	struct strbuf batch = STRBUF_INIT;
	int rc = 0;
	size_t n = 0;
	for (; rc == 0; n++) {
		struct formatter *f = &w->formatters[n % FORMATTERS];
		uint64_t first_line = *lines;
		if (dqa_cancelled()) {
			rc = error_at(err, DQA_ECANCELED, NULL, DQA_NOPOS, NULL, "cancelled");
		} else if ((rc = rowlog_read_rows(r, &batch, OUTPUT_CHUNK, lines, err)) == 0) {
			if (!batch.len)
				break;
			if ((rc = take_lines(w, f, written, err)) == 0) {
				f->first_line = first_line;
				f->busy = true;
				/* an error of the formatter's shows when its lines are taken */
				(void)write_behind_put(&f->thread, &batch);
			}
		}
	}
	for (size_t i = 0; rc == 0 && i < FORMATTERS; i++)
		rc = take_lines(w, &w->formatters[(n + i) % FORMATTERS], written, err);
	strbuf_release(&batch);
	rowlog_read_end(r);
	return rc;
}

static int write_all(struct writer *w, FILE *out, dqa_rows_written *written, dqa_error *err)
{
	const struct rowlog *log = w->log;
	struct output *failed = &w->outputs[FAILED];
	FORWARD_IF_ERROR(output_open(failed, w->opts->failed, out, err));
	FORWARD_IF_ERROR(output_open(&w->outputs[VALID], w->opts->valid, out, err));
	FORWARD_IF_ERROR(output_open(&w->outputs[INVALID], w->opts->invalid, out, err));
	if (failed->f && !w->opts->jsonl) {
		strbuf_puts(&failed->pending, UTF8_BOM);
		csv_header(&failed->pending, log);
	}
	for (size_t o = VALID; o <= INVALID; o++)
		if (w->outputs[o].f)
			strbuf_add(&w->outputs[o].pending, log->header, log->header_len);
	for (size_t o = 0; o < OUTPUTS; o++)
		if (w->outputs[o].f)
			FORWARD_IF_ERROR(output_flush(&w->outputs[o], err));
	for (size_t i = 0; i < FORMATTERS; i++)
		FORWARD_IF_ERROR(formatter_start(&w->formatters[i], w, err));
	uint64_t lines = 0;
	FORWARD_IF_ERROR(feed_rows(w, written, &lines, err));
	if (failed->f) {
		uint64_t max = w->opts->failed_max;
		written->failed = max && lines > max ? max : lines;
		written->left_out = lines - written->failed;
	}
	for (size_t o = 0; o < OUTPUTS; o++)
		FORWARD_IF_ERROR(output_finish(&w->outputs[o], err));
	for (size_t o = 0; o < OUTPUTS; o++)
		FORWARD_IF_ERROR(output_close(&w->outputs[o], err));
	return 0;
}

int dqa_result_write_rows(const dqa_result *res, const dqa_rows_output *opts, FILE *out,
			  dqa_rows_written *written, dqa_error *err)
{
	dqa_rows_written none;
	written = written ? written : &none;
	*written = (dqa_rows_written){0};
	const struct rowlog *log = res->rowlog;
	bool split = opts->valid || opts->invalid;
	if (!log || (split && !log->raw))
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS, NULL,
				"the audit kept no rows (dqa_audit_options keep_failed_rows, "
				"keep_records)");
	struct writer w = {.log = log, .opts = opts};
	err->code = 0;
	int rc = style_init(&w.style, log, opts->lang, opts->jsonl, err);
	if (rc == 0)
		rc = write_all(&w, out, written, err);
	for (size_t i = 0; i < FORMATTERS; i++)
		formatter_release(&w.formatters[i]);
	style_release(&w.style);
	for (size_t o = 0; o < OUTPUTS; o++)
		output_release(&w.outputs[o]);
	return rc;
}

/* --- the report folder's units/UNIT.failed.csv ---------------------------- */

void failed_rows_file_name(const struct dqa_report *rep, size_t unit, char *out, size_t cap)
{
	const char *page = rep->unit_files[unit];
	size_t stem = strlen(page) - strlen(".html");
	snprintf(out, cap, "%.*s" FAILED_ROWS_FILE_SUFFIX, (int)stem, page);
}

struct unit_name {
	const char *name;
	size_t unit;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct unit_name *)a)->name, ((const struct unit_name *)b)->name);
}

/* For each unit of the log, the index of its unit in rep (SIZE_MAX: none). */
static size_t *map_units(const struct dqa_report *rep, const struct rowlog *log)
{
	size_t n = json_array_size(rep->units);
	struct unit_name *names = malloc((n + 1) * sizeof *names);
	size_t *map = malloc((log->nunits + 1) * sizeof *map);
	if (!names || !map) {
		free(names);
		free(map);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		names[i] = (struct unit_name){doc_str(json_array_get(rep->units, i), "unit"), i};
	qsort(names, n, sizeof *names, by_name);
	for (size_t u = 0; u < log->nunits; u++) {
		struct unit_name key = {log->unit_names[u], 0};
		const struct unit_name *hit = bsearch(&key, names, n, sizeof *names, by_name);
		map[u] = hit ? hit->unit : SIZE_MAX;
	}
	free(names);
	return map;
}

/* Each unit's lines, bounded by rep->failed_rows_max, in one buffer per unit. */
static int collect(const struct dqa_report *rep, const struct line_style *style,
		   const size_t *map, struct strbuf *files, dqa_error *err)
{
	const struct rowlog *log = rep->rowlog;
	struct rowlog_reader *r = rowlog_read(log, err);
	if (!r)
		return err->code;
	err->code = 0;
	struct strbuf scratch = STRBUF_INIT;
	const struct rowlog_row *row;
	int rc = 0;
	for (uint64_t n = 0; rc == 0 && (row = rowlog_next(r, err)); n++) {
		if (n % CANCEL_EVERY == 0 && dqa_cancelled()) {
			rc = error_at(err, DQA_ECANCELED, NULL, DQA_NOPOS, NULL, "cancelled");
			break;
		}
		size_t i = map[row->unit];
		if (i == SIZE_MAX || !row->nfailures)
			continue;
		struct unit_failed_rows *f = &rep->failed_rows[i];
		struct strbuf *sb = &files[i];
		if (!sb->len) {
			strbuf_puts(sb, UTF8_BOM);
			csv_header(sb, log);
		}
		f->rows++;
		for (size_t k = 0; k < row->nfailures; k++) {
			if (rep->failed_rows_max && f->lines == rep->failed_rows_max) {
				f->left_out += row->nfailures - k;
				break;
			}
			put_line(sb, style, &scratch, row, &row->failures[k]);
			f->lines++;
		}
		if (sb->failed)
			rc = error_nomem(err);
	}
	strbuf_release(&scratch);
	rowlog_read_end(r);
	return rc ? rc : err->code;
}

int failed_rows_add_unit_files(struct file_batch *batch, const struct dqa_report *rep,
			       const char *units_dir, dqa_lang lang, dqa_error *err)
{
	if (!rep->rowlog)
		return 0;
	size_t n = json_array_size(rep->units);
	memset(rep->failed_rows, 0, n * sizeof *rep->failed_rows);
	size_t *map = map_units(rep, rep->rowlog);
	struct strbuf *files = calloc(n + 1, sizeof *files);
	struct line_style style;
	int rc = map && files ? style_init(&style, rep->rowlog, lang, false, err) : error_nomem(err);
	if (rc == 0) {
		rc = collect(rep, &style, map, files, err);
		style_release(&style);
	}
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (!files[i].len)
			continue;
		char name[4096];
		failed_rows_file_name(rep, i, name, sizeof name);
		rc = file_batch_add(batch, units_dir, name, files[i].buf, files[i].len, err);
	}
	for (size_t i = 0; files && i < n; i++)
		strbuf_release(&files[i]);
	free(files);
	free(map);
	return rc;
}
