/* The workbook (its sheets, epoch, shared strings and cell styles), then
 * the chosen sheet row by row. Parts are read by xlsx_part.c, values
 * written by xlsx_format.c. */
#include "xlsx.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "limits.h"
#include "pg.h"
#include "xlsx_format.h"
#include "xlsx_part.h"
#include "xlsx_sst.h"
#include "xml_scan.h"
#include "zip_entry.h"

/* Excel's last column, XFD. */
enum { XLSX_MAX_COLUMN = 16384 };

struct sheet_entry {
	char *name, *rel_id;
};

struct xlsx {
	struct zip_archive archive;
	const char *name;
	const struct dialect *dialect;
	const struct limits *limits;
	dqa_error *err;
	bool date1904;
	struct sheet_entry *sheets;
	size_t nsheets;
	char *target;                 /* the chosen sheet's part */
	const char *sheet_name;       /* the chosen sheet's name */
	const char *want_rel;
	struct xlsx_sst *sst;         /* read by its own thread */
	bool in_rph, collect;
	/* styles */
	struct { unsigned id; struct xlsx_format f; } *custom;
	size_t ncustom;
	struct xlsx_format *xf;
	size_t nxf;
	bool in_cell_xfs;
	/* the sheet */
	struct strbuf text;           /* the cell's <v> or inline text */
	struct strbuf row;            /* the row's values, each followed by NUL */
	size_t *at, *lens, ncols, cap, width;
	const char **fields;
	uint64_t row_number, last_row;
	uint64_t passed;              /* the last row passed to fn: a part
				       * read again passes only those after */
	size_t col;                   /* of the current cell, from 0 */
	bool cell_open;               /* its start was read and accepted */
	char type[8];
	size_t style;
	bool in_is;
	bool header_done;
	record_fn fn;
	void *ctx;
	int stop;
};

bool xlsx_named(const char *path)
{
	const char *hash = strrchr(path, '#');
	size_t len = hash ? (size_t)(hash - path) : strlen(path);
	return len > 5 && (strncasecmp(path + len - 5, ".xlsx", 5) == 0 ||
			   strncasecmp(path + len - 5, ".xlsm", 5) == 0);
}

const char *xlsx_input_file(const char *operand, char *buf, size_t cap)
{
	if (strcmp(operand, "-") == 0 || pg_is_uri(operand))
		return NULL;
	struct stat st;
	const char *hash = strrchr(operand, '#');
	snprintf(buf, cap, "%.*s", hash && xlsx_named(operand) && stat(operand, &st) < 0
				   ? (int)(hash - operand) : (int)strlen(operand), operand);
	return buf;
}

/* --- workbook.xml and its relationships ---------------------------------- */

static int workbook_start(void *ctx, struct xlsx_part *p, const char *name, const char **attrs)
{
	struct xlsx *x = ctx;
	if (strcmp(name, "workbookPr") == 0) {
		const char *d = xlsx_attr(attrs, "date1904");
		x->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
	} else if (strcmp(name, "sheet") == 0) {
		const char *sheet = xlsx_attr(attrs, "name"), *id = xlsx_attr(attrs, "id");
		if (!sheet || !id)
			return xlsx_part_fail(p, "a sheet without a name or relationship");
		struct sheet_entry *s = realloc(x->sheets, (x->nsheets + 1) * sizeof *s);
		if (!s)
			return xlsx_part_fail(p, "out of memory");
		x->sheets = s;
		s[x->nsheets++] = (struct sheet_entry){strdup(sheet), strdup(id)};
	}
	return 0;
}

static int rels_start(void *ctx, struct xlsx_part *p, const char *name, const char **attrs)
{
	struct xlsx *x = ctx;
	const char *id = xlsx_attr(attrs, "Id"), *target = xlsx_attr(attrs, "Target");
	if (strcmp(name, "Relationship") != 0 || !id || !target || strcmp(id, x->want_rel) != 0)
		return 0;
	size_t len = strlen(target) + 4;
	if (!(x->target = malloc(len)))
		return xlsx_part_fail(p, "out of memory");
	if (target[0] == '/')
		snprintf(x->target, len, "%s", target + 1);
	else
		snprintf(x->target, len, "xl/%s", target);
	return 0;
}

/* The sheet asked for: by position from 1 when all digits, else by name. */
static int pick_sheet(struct xlsx *x, const char *want)
{
	if (x->nsheets == 0)
		return error_at(x->err, DQA_EINPUT, x->name, DQA_NOPOS,
				"save it from a spreadsheet program as an Excel workbook (.xlsx)",
				"the workbook has no sheets");
	size_t pick = 0;
	if (want && want[0] && strspn(want, "0123456789") == strlen(want)) {
		pick = strtoul(want, NULL, 10);
		if (pick < 1 || pick > x->nsheets)
			return error_at(x->err, DQA_EINPUT, x->name, DQA_NOPOS, NULL,
					"no sheet %s: the workbook has %zu", want, x->nsheets);
		pick--;
	} else if (want) {
		for (pick = 0; pick < x->nsheets && strcmp(x->sheets[pick].name, want) != 0; pick++)
			;
		if (pick == x->nsheets) {
			char names[200] = "";
			for (size_t i = 0; i < x->nsheets; i++)
				snprintf(names + strlen(names), sizeof names - strlen(names), "%s'%s'",
					 i ? ", " : "", x->sheets[i].name);
			return error_at(x->err, DQA_EINPUT, x->name, DQA_NOPOS, NULL,
					"no sheet named '%s' (sheets: %s)", want, names);
		}
	}
	x->want_rel = x->sheets[pick].rel_id;
	x->sheet_name = x->sheets[pick].name;
	return 0;
}

/* --- styles.xml: the number format of each cell style -------------------- */

static int styles_start(void *ctx, struct xlsx_part *p, const char *name, const char **attrs)
{
	struct xlsx *x = ctx;
	const char *id = xlsx_attr(attrs, "numFmtId");
	if (strcmp(name, "cellXfs") == 0) {
		x->in_cell_xfs = true;
	} else if (strcmp(name, "numFmt") == 0 && id && xlsx_attr(attrs, "formatCode")) {
		void *grown = realloc(x->custom, (x->ncustom + 1) * sizeof *x->custom);
		if (!grown)
			return xlsx_part_fail(p, "out of memory");
		x->custom = grown;
		x->custom[x->ncustom].id = (unsigned)strtoul(id, NULL, 10);
		x->custom[x->ncustom++].f = xlsx_code_format(xlsx_attr(attrs, "formatCode"));
	} else if (strcmp(name, "xf") == 0 && x->in_cell_xfs) {
		if (x->nxf >= x->limits->max_shared_strings)
			return xlsx_part_fail(p, "too many cell styles");
		struct xlsx_format *xf = realloc(x->xf, (x->nxf + 1) * sizeof *xf);
		if (!xf)
			return xlsx_part_fail(p, "out of memory");
		x->xf = xf;
		unsigned fmt = id ? (unsigned)strtoul(id, NULL, 10) : 0;
		xf[x->nxf] = xlsx_builtin_format(fmt);
		for (size_t i = 0; i < x->ncustom; i++)
			if (x->custom[i].id == fmt)
				xf[x->nxf] = x->custom[i].f;
		x->nxf++;
	}
	return 0;
}

static int styles_end(void *ctx, struct xlsx_part *p, const char *name)
{
	(void)p;
	struct xlsx *x = ctx;
	if (strcmp(name, "cellXfs") == 0)
		x->in_cell_xfs = false;
	return 0;
}

/* --- the sheet ------------------------------------------------------------ */

/* The column of a reference such as "C17" (from 0), or SIZE_MAX. */
static size_t column_of(const char *ref)
{
	size_t col = 0, letters = 0;
	for (; *ref >= 'A' && *ref <= 'Z' && letters < 3; ref++, letters++)
		col = col * 26 + (size_t)(*ref - 'A' + 1);
	return letters && *ref >= '0' && *ref <= '9' ? col - 1 : SIZE_MAX;
}

void xlsx_cell_ref(struct strbuf *out, const char *sheet, size_t col, uint64_t row)
{
	bool plain = *sheet != '\0';
	for (const unsigned char *c = (const unsigned char *)sheet; *c && plain; c++)
		plain = *c >= 0x80 || *c == '_' || *c == '.' || (*c >= '0' && *c <= '9') ||
			((*c | 0x20) >= 'a' && (*c | 0x20) <= 'z');
	if (plain) {
		strbuf_puts(out, sheet);
	} else {
		strbuf_putc(out, '\'');
		for (const char *c = sheet; *c; c++) {
			if (*c == '\'')
				strbuf_putc(out, '\'');
			strbuf_putc(out, *c);
		}
		strbuf_putc(out, '\'');
	}
	if (col == SIZE_MAX) {
		strbuf_printf(out, "!%llu:%llu", (unsigned long long)row, (unsigned long long)row);
		return;
	}
	char letters[8];
	size_t n = 0;
	for (size_t c = col + 1; c && n < sizeof letters; c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	strbuf_putc(out, '!');
	while (n)
		strbuf_putc(out, letters[--n]);
	strbuf_printf(out, "%llu", (unsigned long long)row);
}

/* Makes room for field `col` of the row, filling skipped cells with empty
 * fields. */
static int reach_column(struct xlsx *x, struct xlsx_part *p, size_t col)
{
	size_t max = x->limits->max_columns < XLSX_MAX_COLUMN ? x->limits->max_columns
							      : XLSX_MAX_COLUMN;
	if (col >= max)
		return xlsx_part_fail(p, "row %llu has a cell in column %zu, past %zu (limits: max_columns)",
				      (unsigned long long)x->row_number, col + 1, max);
	if (col >= x->cap) {
		size_t cap = col + 1 > x->cap * 2 ? col + 1 : x->cap * 2;
		size_t *at = realloc(x->at, cap * sizeof *at);
		if (at)
			x->at = at;
		size_t *lens = realloc(x->lens, cap * sizeof *lens);
		if (lens)
			x->lens = lens;
		const char **fields = realloc(x->fields, cap * sizeof *fields);
		if (fields)
			x->fields = fields;
		if (!at || !lens || !fields)
			return xlsx_part_fail(p, "out of memory");
		x->cap = cap;
	}
	while (x->ncols <= col) {
		x->at[x->ncols] = SIZE_MAX;   /* empty */
		x->lens[x->ncols++] = 0;
	}
	return 0;
}

/* strtoul's value of s, quicker for the plain digits that sheets hold
 * in their millions of cells. */
static unsigned long cell_number(const char *s, char **end)
{
	unsigned long n = 0;
	size_t i = 0;
	for (; s[i] >= '0' && s[i] <= '9' && i < 9; i++)
		n = n * 10 + (unsigned long)(s[i] - '0');
	if (i == 0 || i == 9)
		return strtoul(s, end, 10);
	*end = (char *)s + i;
	return n;
}

/* A cell's start, with its reference, type and style attributes (NULL
 * when absent). */
static int cell_start(struct xlsx *x, struct xlsx_part *p, const char *ref, const char *t,
		      const char *s)
{
	size_t col = ref ? column_of(ref) : x->ncols;
	if (col == SIZE_MAX)
		return xlsx_part_fail(p, "a cell reference '%.20s' that is not one", ref);
	if (col < x->ncols && x->at[col] != SIZE_MAX)
		return xlsx_part_fail(p, "cell %.20s given twice", ref);
	if (!t || (t[0] && !t[1])) {   /* "s", "n", "b": most cells */
		x->type[0] = t ? t[0] : 'n';
		x->type[1] = '\0';
	} else {
		size_t tlen = strnlen(t, sizeof x->type - 1);
		memcpy(x->type, t, tlen);
		x->type[tlen] = '\0';
	}
	char *end;
	x->style = s ? cell_number(s, &end) : 0;
	x->col = col;
	strbuf_reset(&x->text);
	if (col == x->ncols && col < x->cap && col < x->limits->max_columns &&
	    col < XLSX_MAX_COLUMN) {   /* the next cell of the row: reach_column's common case */
		x->at[x->ncols] = SIZE_MAX;
		x->lens[x->ncols++] = 0;
	} else {
		FORWARD_IF_ERROR(reach_column(x, p, col));
	}
	x->cell_open = true;
	return 0;
}

/* The value of the cell just closed, as text, into the row: v[0, len),
 * NUL-ended. */
static int cell_end(struct xlsx *x, struct xlsx_part *p, const char *v, size_t len)
{
	/* expat reports the end of a cell whose start was refused */
	if (!x->cell_open)
		return xlsx_part_fail(p, "a cell that ends without a valid start");
	x->cell_open = false;
	x->at[x->col] = x->row.len;
	if (x->type[0] == 's' && x->type[1] == '\0') {
		size_t i = 0, k = 0;
		for (unsigned d; k < len && len < 10 && (d = (unsigned char)v[k] - '0') <= 9; k++)
			i = i * 10 + d;   /* most indices: plain digits */
		if (k < len || k == 0) {
			char *end;
			unsigned long n = cell_number(v, &end);
			i = len && !*end ? n : SIZE_MAX;
		}
		const char *s;
		size_t slen, count;
		int got = xlsx_sst_get(x->sst, i, &s, &slen, &count);
		if (got < 0)      /* xlsx_scan reports the table's error */
			return xlsx_part_fail(p, "the shared strings could not be read");
		if (got > 0)
			return xlsx_part_fail(p, "cell with shared string %.20s, of %zu", v, count);
		strbuf_add(&x->row, s, slen);
	} else if (strcmp(x->type, "b") == 0) {
		strbuf_puts(&x->row, len == 0 ? "" : strcmp(v, "0") == 0 ? "FALSE" : "TRUE");
	} else if (strcmp(x->type, "n") == 0) {
		struct xlsx_format f = x->style < x->nxf ? x->xf[x->style]
							 : (struct xlsx_format){XLSX_GENERAL, 0};
		xlsx_number_text(&x->row, v, len, f, x->date1904);
	} else {
		strbuf_add(&x->row, v, len);   /* str, inlineStr, e, d: as written */
	}
	x->lens[x->col] = x->row.len - x->at[x->col];
	if (x->lens[x->col] > x->limits->max_field)
		return xlsx_part_fail(p, "a cell of more than %zu bytes (limits: max_field)",
				      x->limits->max_field);
	strbuf_putc(&x->row, '\0');
	return x->row.failed ? xlsx_part_fail(p, "out of memory") : 0;
}

static int row_end(struct xlsx *x, struct xlsx_part *p)
{
	if (x->ncols == 0 || x->row_number < dialect_header_line(x->dialect) ||
	    x->row_number <= x->passed)
		return 0;
	if (!x->header_done)
		x->width = x->ncols;
	x->header_done = true;
	if (x->ncols < x->width && reach_column(x, p, x->width - 1) < 0)
		return -1;
	for (size_t i = 0; i < x->ncols; i++)
		x->fields[i] = x->at[i] == SIZE_MAX ? "" : x->row.buf + x->at[i];
	struct record rec = {.fields = x->fields, .lens = x->lens, .n = x->ncols,
			     .line = x->row_number, .raw = "", .delimiter = ',', .quote = '"',
			     .eol = EOL_LF, .sheet = x->sheet_name};
	int rc = x->fn(x->ctx, &rec);
	x->passed = x->row_number;
	return rc ? xlsx_part_stop(p, rc) : 0;
}

static int sheet_start(void *ctx, struct xlsx_part *p, const char *name, const char **attrs)
{
	struct xlsx *x = ctx;
	if (name[0] == 'c' && name[1] == '\0') {
		/* One pass over a cell's few attributes (r, s, t), which are
		 * never namespaced, instead of a lookup each. */
		const char *ref = NULL, *t = NULL, *s = NULL;
		for (size_t i = 0; attrs[i]; i += 2)
			if (attrs[i][0] && !attrs[i][1])
				switch (attrs[i][0]) {
				case 'r': ref = attrs[i + 1]; break;
				case 't': t = attrs[i + 1]; break;
				case 's': s = attrs[i + 1]; break;
				}
		return cell_start(x, p, ref, t, s);
	}
	if (name[0] == 'v' && name[1] == '\0') {
		x->collect = true;
	} else if (strcmp(name, "row") == 0) {
		const char *r = xlsx_attr(attrs, "r");
		uint64_t n = r ? strtoull(r, NULL, 10) : x->last_row + 1;
		if (n <= x->last_row || n > XLSX_MAX_ROW)
			return xlsx_part_fail(p, "row number %.20s out of order or past %d",
					      r ? r : "?", XLSX_MAX_ROW);
		x->row_number = x->last_row = n;
		x->ncols = 0;
		strbuf_reset(&x->row);
	} else if (strcmp(name, "is") == 0) {
		x->in_is = true;
	} else if (strcmp(name, "rPh") == 0) {
		x->in_rph = true;
	} else if (strcmp(name, "t") == 0) {
		x->collect = x->in_is && !x->in_rph;
	}
	return 0;
}

/* A whole cell from the scanner's direct path: what its start, its <v>
 * or <is><t> text and its end do, when no element around it (a phonetic
 * run, an open cell) would make them do otherwise. */
static int sheet_cell(void *ctx, struct xlsx_part *p, const struct xml_cell *c)
{
	struct xlsx *x = ctx;
	if (x->cell_open || x->collect || x->in_is || x->in_rph)
		return 1;
	FORWARD_IF_ERROR(cell_start(x, p, c->ref, c->type, c->style));
	return cell_end(x, p, c->value, c->value_len);
}

static void sheet_restart(void *ctx)
{
	struct xlsx *x = ctx;
	x->last_row = 0;
	x->ncols = 0;
	x->cell_open = x->collect = x->in_is = x->in_rph = false;
	strbuf_reset(&x->text);
	strbuf_reset(&x->row);
}

static int sheet_end(void *ctx, struct xlsx_part *p, const char *name)
{
	struct xlsx *x = ctx;
	if (name[0] == 'c' && name[1] == '\0')
		return cell_end(x, p, x->text.buf ? x->text.buf : "", x->text.len);
	if ((name[0] == 'v' || name[0] == 't') && name[1] == '\0') {
		x->collect = false;
	} else if (strcmp(name, "is") == 0) {
		x->in_is = false;
	} else if (strcmp(name, "rPh") == 0) {
		x->in_rph = false;
	} else if (strcmp(name, "row") == 0) {
		return row_end(x, p);
	}
	return 0;
}

/* --- the whole ------------------------------------------------------------ */

static void release(struct xlsx *x)
{
	zip_archive_close(&x->archive);
	for (size_t i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rel_id);
	}
	free(x->sheets);
	free(x->target);
	free(x->custom);
	free(x->xf);
	strbuf_release(&x->text);
	strbuf_release(&x->row);
	free(x->at);
	free(x->lens);
	free(x->fields);
}

static int read_workbook(struct xlsx *x, const char *file, const char *sheet)
{
	const struct limits *l = x->limits;
	const struct xlsx_handlers workbook = {workbook_start, NULL, NULL, NULL, NULL, NULL, NULL};
	const struct xlsx_handlers rels = {rels_start, NULL, NULL, NULL, NULL, NULL, NULL};
	const struct xlsx_handlers styles = {styles_start, styles_end, NULL, NULL, NULL, NULL, NULL};
	FORWARD_IF_ERROR(xlsx_part_parse(&x->archive, "xl/workbook.xml", false, x->name, l, &workbook,
					 x, x->err));
	FORWARD_IF_ERROR(pick_sheet(x, sheet));
	FORWARD_IF_ERROR(xlsx_part_parse(&x->archive, "xl/_rels/workbook.xml.rels", false, x->name, l,
					 &rels, x, x->err));
	if (!x->target)
		return error_at(x->err, DQA_EINPUT, x->name, DQA_NOPOS, NULL,
				"not an Excel workbook: sheet relationship '%s' missing", x->want_rel);
	FORWARD_IF_ERROR(xlsx_sst_start(&x->sst, file, x->name, l, x->err));
	FORWARD_IF_ERROR(xlsx_part_parse(&x->archive, "xl/styles.xml", true, x->name, l, &styles, x,
					 x->err));
	return 0;
}

int xlsx_scan(const char *path, const char *sheet, const struct dialect *dialect, record_fn fn,
	      void *ctx, dqa_error *err)
{
	/* A path that is not a file but whose part before '#' is names a sheet. */
	char *file = strdup(path);
	RETURN_IF_NOMEM(file, err);
	struct stat st;
	char *hash = strrchr(file, '#');
	if (hash && stat(path, &st) < 0) {
		*hash = '\0';
		sheet = hash + 1;
	}
	struct xlsx x = {.archive = {NULL, -1}, .name = path, .dialect = dialect, .err = err,
			 .fn = fn, .ctx = ctx,
			 .limits = dialect->limits ? dialect->limits : &limits_default,
			 .text = STRBUF_INIT, .row = STRBUF_INIT};
	int rc = 0;
	if (zip_archive_open(&x.archive, file) < 0)
		rc = error_at(err, DQA_EINPUT, path, DQA_NOPOS,
			      "the workbook is damaged or truncated; fetch it again",
			      "cannot read the workbook: not a readable ZIP archive");
	if (rc == 0)
		rc = read_workbook(&x, file, sheet);
	const struct xlsx_handlers rows = {sheet_start, sheet_end, &x.text, &x.collect,
					   sheet_restart, sheet_cell, NULL};
	if (rc == 0)
		rc = xlsx_part_parse(&x.archive, x.target, false, path, x.limits, &rows, &x, err);
	/* The table's error first: it was read before the sheet once. */
	if (x.sst) {
		dqa_error sst_err = {0};
		int sst_rc = xlsx_sst_finish(x.sst, rc != 0, &sst_err);
		if (sst_rc < 0) {
			*err = sst_err;
			rc = sst_rc;
		}
	}
	release(&x);
	free(file);
	return rc < 0 ? rc : 0;
}
