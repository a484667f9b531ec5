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
#include "../util/hugepage.h"
#include "../util/paths.h"
#include "file_sink.h"
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
 * line (a few hundred thousand lines go through here); the format; two
 * scratch buffers for a line's cell reference and joined values. */
struct line_style {
	const struct rowlog *log;
	char **labels;                /* per check */
	bool jsonl;
	struct strbuf *unit_cells;    /* per unit: "unit,unit_name," */
	struct strbuf *input_cells;   /* per input: "input," */
	struct strbuf *check_cells;   /* per check: "check,label," */
	struct strbuf scratch, joined;   /* a line's cell reference, its joined values */
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
	strbuf_release(&s->scratch);
	strbuf_release(&s->joined);
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

/* A line number and its comma at p, two digits at a time, without
 * printf's cost per line; returns the end. */
static char *put_line_number(char *p, uint64_t line)
{
	static const char pairs[] =
		"0001020304050607080910111213141516171819"
		"2021222324252627282930313233343536373839"
		"4041424344454647484950515253545556575859"
		"6061626364656667686970717273747576777879"
		"8081828384858687888990919293949596979899";
	char digits[24];
	size_t at = sizeof digits;
	digits[--at] = ',';
	for (; line >= 100; line /= 100) {
		at -= 2;
		memcpy(digits + at, pairs + 2 * (line % 100), 2);
	}
	if (line >= 10) {
		at -= 2;
		memcpy(digits + at, pairs + 2 * line, 2);
	} else {
		digits[--at] = (char)('0' + line);
	}
	memcpy(p, digits + at, sizeof digits - at);
	return p + (sizeof digits - at);
}

static char *put_bytes(char *p, const struct strbuf *cells)
{
	if (cells->len)
		memcpy(p, cells->buf, cells->len);
	return p + cells->len;
}

/* The values cell's text: one value alone, several as
 * "column=value; column=value" (in joined). */
static void failure_values(struct strbuf *joined, const struct rowlog_check *c,
			   const struct rowlog_failure *f, const char **text, size_t *len)
{
	if (c->ncols == 1) {
		*text = f->values[0];
		*len = f->lens[0];
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
	*text = joined->buf ? joined->buf : "";
	*len = joined->len;
}

/* A CSV line: room for its longest escaping is reserved once, then every
 * cell is written in place (a few hundred thousand lines come here). */
static void csv_line(struct strbuf *sb, struct line_style *s, const struct rowlog_row *row,
		     const struct rowlog_failure *f)
{
	const struct rowlog *log = s->log;
	const struct strbuf *unit = &s->unit_cells[row->unit];
	const struct strbuf *input = &s->input_cells[row->input];
	const struct strbuf *check = &s->check_cells[f->check];
	if (log->sheets)
		failure_cell(&s->scratch, log, row, f);
	const char *values;
	size_t values_len;
	failure_values(&s->joined, &log->checks[f->check], f, &values, &values_len);
	size_t room = unit->len + input->len + 24 + check->len + CSV_CELL_MAX(values_len) +
		      CSV_CELL_MAX(f->note_len) + 3;
	if (log->sheets)
		room += CSV_CELL_MAX(s->scratch.len) + 1;
	for (size_t k = 0; k < log->nkey; k++)
		room += CSV_CELL_MAX(row->key_lens[k]) + 1;
	sb->failed |= s->scratch.failed || s->joined.failed;
	if (!strbuf_reserve(sb, room))
		return;
	char *p = sb->buf + sb->len;
	p = put_bytes(p, unit);
	p = put_bytes(p, input);
	p = put_line_number(p, row->line);
	if (log->sheets) {
		p = csv_cell(p, s->scratch.buf ? s->scratch.buf : "", s->scratch.len);
		*p++ = ',';
	}
	for (size_t k = 0; k < log->nkey; k++) {
		p = csv_cell(p, row->keys[k], row->key_lens[k]);
		*p++ = ',';
	}
	p = put_bytes(p, check);
	p = csv_cell(p, values, values_len);
	*p++ = ',';
	p = csv_cell(p, f->note, f->note_len);
	*p++ = '\r';
	*p++ = '\n';
	strbuf_written(sb, p);
}

static void json_line(struct strbuf *sb, struct line_style *s, const struct rowlog_row *row,
		      const struct rowlog_failure *f)
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
		failure_cell(&s->scratch, log, row, f);
		jw_key(&w, "cell");
		jw_stringn(&w, s->scratch.buf ? s->scratch.buf : "", s->scratch.len);
		sb->failed |= s->scratch.failed;
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
static void put_line(struct strbuf *sb, struct line_style *s, const struct rowlog_row *row,
		     const struct rowlog_failure *f)
{
	(s->jsonl ? json_line : csv_line)(sb, s, row, f);
}

/* Whether the row fails a check of severity error: an invalid record. */
static bool row_invalid(const struct rowlog *log, const struct rowlog_row *row)
{
	for (size_t i = 0; i < row->nfailures; i++)
		if (log->checks[row->failures[i].check].error)
			return true;
	return false;
}

/* One output: a file made atomically, or the caller's stream ("-"). Its
 * lines gather in pending, OUTPUT_CHUNK bytes at a time, and a thread of
 * its own writes them while the next are made. */
struct output {
	const char *path;
	struct atomic_file file;
	FILE *f;
	struct strbuf pending;
	struct file_sink sink;
	struct write_behind writer;
};

/* 1 MiB: each hand-over between the threads can cost a wake-up and a
 * wait for a core; at 128 KiB the 2,000,000-row benchmark's 28.7 MB took
 * three times as long after the scan, at 4 MiB the first lines wait. The
 * buffers handed over move to huge pages once they hold HANDOVER_SMALL
 * (a small audit's few lines do not pay for zeroing 2 MiB): on small
 * pages the benchmark's took about 1,300 page faults after the scan. */
enum { OUTPUT_CHUNK = 1 << 20, HANDOVER_SMALL = 1 << 16 };

/* Moves a hand-over buffer that holds HANDOVER_SMALL to its huge page. */
static void handover_buffer(struct strbuf *sb)
{
	if (sb->len >= HANDOVER_SMALL && sb->cap < HUGE_PAGE_BYTES)
		hugepage_strbuf(sb, HUGE_PAGE_BYTES);
}

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

/* The same once pending holds a chunk. */
static int output_put(struct output *o, dqa_error *err)
{
	handover_buffer(&o->pending);
	return o->pending.len < OUTPUT_CHUNK && !o->pending.failed ? 0 : output_flush(o, err);
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
	file_sink_stop(&o->sink);
	atomic_file_discard(&o->file);
	strbuf_release(&o->pending);
}

/* The rows reach the outputs in three stages on three threads: the
 * caller's merges them from the log's spools (rowlog_read_rows), the
 * formatter's turns them into lines (rows, style, lines, written, and the
 * outputs' pending lines are its alone until it ends), and each output's
 * writer writes its lines. */
struct writer {
	const struct rowlog *log;
	const dqa_rows_output *opts;
	struct line_style style;
	struct output failed, valid, invalid;
	struct rowlog_rows *rows;
	struct write_behind formatter;
	dqa_error format_err;         /* why the formatter stopped */
	uint64_t lines;
	dqa_rows_written *written;
};

static int write_row(struct writer *w, const struct rowlog_row *row, dqa_error *err)
{
	if (w->failed.f) {
		for (size_t i = 0; i < row->nfailures; i++) {
			if (w->opts->failed_max && w->lines == w->opts->failed_max) {
				w->written->left_out += row->nfailures - i;
				break;
			}
			put_line(&w->failed.pending, &w->style, row, &row->failures[i]);
			w->lines++;
		}
		FORWARD_IF_ERROR(output_put(&w->failed, err));
	}
	if (!row->raw)
		return 0;
	bool invalid = row_invalid(w->log, row);
	(invalid ? &w->written->invalid : &w->written->valid)[0]++;
	struct output *o = invalid ? &w->invalid : &w->valid;
	if (!o->f)
		return 0;
	strbuf_add(&o->pending, row->raw, row->raw_len);
	return output_put(o, err);
}

/* The formatter's work: the lines of a batch of merged rows. */
static int format_rows(void *ctx, const char *buf, size_t len)
{
	struct writer *w = ctx;
	for (const char *at = buf; at < buf + len;) {
		const struct rowlog_row *row = rowlog_rows_next(w->rows, &at, &w->format_err);
		if (!row || write_row(w, row, &w->format_err) < 0)
			return EIO;   /* the error is in format_err */
	}
	return 0;
}

/* The next merged rows, OUTPUT_CHUNK bytes of them when there are: the
 * first HANDOVER_SMALL, then the rest on the batch's huge page. */
static int next_batch(struct rowlog_reader *r, struct strbuf *batch, dqa_error *err)
{
	FORWARD_IF_ERROR(rowlog_read_rows(r, batch, HANDOVER_SMALL, err));
	handover_buffer(batch);
	return rowlog_read_rows(r, batch, OUTPUT_CHUNK, err);
}

/* Merges the rows and hands them to the formatter a batch at a time until
 * they end, an error, or a cancel. */
static int feed_rows(struct writer *w, dqa_error *err)
{
	struct rowlog_reader *r = rowlog_read(w->log, err);
	if (!r)
		return err->code;
	struct strbuf batch = STRBUF_INIT;
	int rc = 0;
	while (rc == 0) {
		if (dqa_cancelled()) {
			rc = error_at(err, DQA_ECANCELED, NULL, DQA_NOPOS, NULL, "cancelled");
		} else if ((rc = next_batch(r, &batch, err)) == 0) {
			if (!batch.len)
				break;
			if (write_behind_put(&w->formatter, &batch) != 0)
				break;   /* the formatter stopped: its error */
		}
	}
	strbuf_release(&batch);
	rowlog_read_end(r);
	return rc;
}

static int write_all(struct writer *w, FILE *out, dqa_error *err)
{
	const struct rowlog *log = w->log;
	FORWARD_IF_ERROR(output_open(&w->failed, w->opts->failed, out, err));
	FORWARD_IF_ERROR(output_open(&w->valid, w->opts->valid, out, err));
	FORWARD_IF_ERROR(output_open(&w->invalid, w->opts->invalid, out, err));
	if (w->failed.f && !w->opts->jsonl) {
		strbuf_puts(&w->failed.pending, UTF8_BOM);
		csv_header(&w->failed.pending, log);
	}
	if (w->valid.f)
		strbuf_add(&w->valid.pending, log->header, log->header_len);
	if (w->invalid.f)
		strbuf_add(&w->invalid.pending, log->header, log->header_len);
	RETURN_IF_NOMEM(w->rows = rowlog_rows_new(log), err);
	int saved = write_behind_start(&w->formatter,
				       (struct write_behind_sink){format_rows, NULL, w});
	if (saved)
		return error_at(err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL,
				"cannot start a thread: %s", strerror(saved));
	int rc = feed_rows(w, err);
	if (write_behind_end(&w->formatter) != 0 && rc == 0) {
		*err = w->format_err;
		rc = err->code;
	}
	w->written->failed = w->lines;
	FORWARD_IF_ERROR(rc);
	FORWARD_IF_ERROR(output_finish(&w->failed, err));
	FORWARD_IF_ERROR(output_finish(&w->valid, err));
	FORWARD_IF_ERROR(output_finish(&w->invalid, err));
	FORWARD_IF_ERROR(output_close(&w->failed, err));
	FORWARD_IF_ERROR(output_close(&w->valid, err));
	return output_close(&w->invalid, err);
}

int dqa_result_write_rows(const dqa_result *res, const dqa_rows_output *opts, FILE *out,
			  dqa_rows_written *written, dqa_error *err)
{
	dqa_rows_written none;
	*(written ? written : &none) = (dqa_rows_written){0};
	const struct rowlog *log = res->rowlog;
	bool split = opts->valid || opts->invalid;
	if (!log || (split && !log->raw))
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS, NULL,
				"the audit kept no rows (dqa_audit_options keep_failed_rows, "
				"keep_records)");
	struct writer w = {.log = log, .opts = opts, .written = written ? written : &none};
	err->code = 0;
	int rc = style_init(&w.style, log, opts->lang, opts->jsonl, err);
	if (rc == 0)
		rc = write_all(&w, out, err);
	write_behind_end(&w.formatter);
	rowlog_rows_free(w.rows);
	style_release(&w.style);
	output_release(&w.failed);
	output_release(&w.valid);
	output_release(&w.invalid);
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
static int collect(const struct dqa_report *rep, struct line_style *style,
		   const size_t *map, struct strbuf *files, dqa_error *err)
{
	const struct rowlog *log = rep->rowlog;
	struct rowlog_reader *r = rowlog_read(log, err);
	if (!r)
		return err->code;
	err->code = 0;
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
			put_line(sb, style, row, &row->failures[k]);
			f->lines++;
		}
		if (sb->failed)
			rc = error_nomem(err);
	}
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
