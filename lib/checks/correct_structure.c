/* correct.structure (implicit): a record is well-formed RFC 4180 and has as
 * many fields as the header. Records that are not are still read (as
 * Python's csv.reader reads them): short rows read their missing fields as
 * empty, extra fields are ignored; the note says why and shows the record's
 * raw text. A blank line is clean.blank_rows' business, not this one's.
 * Blank header names (read as column_N) count once, on the first record. */
#include "check.h"

#include <stdio.h>
#include <string.h>

/* Raw text in a note is cut to this many bytes. */
enum { RAW_SHOWN = 120 };

static const char *eol_name(unsigned eol)
{
	return eol == EOL_LF ? "LF" : eol == EOL_CRLF ? "CRLF" : "CR";
}

/* The record's text for a note, lines ends shown as \r and \n, cut at a
 * character boundary; withheld when a column is pii (its bytes are not
 * told apart from the others'). */
static void raw_text(const struct plan *p, const struct record *rec, char *out, size_t cap)
{
	for (size_t i = 0; i < p->nheader; i++)
		if (plan_column_pii(p, (int)i)) {
			snprintf(out, cap, "(raw text withheld: pii columns)");
			return;
		}
	char raw[RAW_SHOWN + 2];
	size_t n = record_raw_text(rec, raw, sizeof raw);
	bool cut = n == RAW_SHOWN + 1;
	if (cut)
		for (n = RAW_SHOWN; n > 0 && ((unsigned char)raw[n] & 0xC0) == 0x80; n--)
			;
	size_t k = 0;
	for (size_t i = 0; i < n && k + 4 < cap; i++) {
		char ch = raw[i];
		if (ch == '\n' || ch == '\r' || ch == '\0') {
			out[k++] = '\\';
			out[k++] = ch == '\n' ? 'n' : ch == '\r' ? 'r' : '0';
		} else {
			out[k++] = ch;
		}
	}
	if (cut && k + 4 < cap)
		out[k++] = '.', out[k++] = '.', out[k++] = '.';
	out[k] = '\0';
}

static void describe(const struct plan *p, const struct record *rec, char *note, size_t cap)
{
	char raw[RAW_SHOWN * 2 + 8];
	raw_text(p, rec, raw, sizeof raw);
	if (rec->flaw == FLAW_OPEN_QUOTE) {
		snprintf(note, cap, "quoted field opened on line %llu, column %u runs to the end "
			 "of the file: %s", (unsigned long long)rec->flaw_line, rec->flaw_col, raw);
	} else if (rec->flaw == FLAW_LINE_ENDING) {
		snprintf(note, cap, "line ending %s unlike the first line's (line %llu)",
			 eol_name(rec->eol),
			 (unsigned long long)rec->flaw_line);
	} else if (rec->flaw) {
		snprintf(note, cap, "%s (line %llu, column %u): %s", record_flaw_name(rec->flaw),
			 (unsigned long long)rec->flaw_line, rec->flaw_col, raw);
	} else {
		bool missing = rec->n < p->nheader;
		size_t by = missing ? p->nheader - rec->n : rec->n - p->nheader;
		snprintf(note, cap, "%zu %s (%zu fields, the header has %zu): %s", by,
			 missing ? (by == 1 ? "cell missing" : "cells missing")
				 : (by == 1 ? "extra cell" : "extra cells"), rec->n, p->nheader, raw);
	}
}

static bool structure_row(struct bound_check *b, const struct plan_row *row, char *note,
			  size_t cap)
{
	const struct plan *p = b->plan;
	const struct record *rec = row->rec;
	/* A header finding (blank names) is counted once, on the first record. */
	if (p->header_note && row->input == 0 && row->line == p->first_row_line) {
		if (note)
			snprintf(note, cap, "%s", p->header_note);
		return false;
	}
	if (!rec->flaw && (rec->n == p->nheader || rec->n == 0))
		return true;
	if (note)
		describe(b->plan, rec, note, cap);
	return false;
}

const struct check_ops check_structure = {
	.kind = "structure", .scope = SCOPE_ROW, .shape = SHAPE_NONE, .implicit = true,
	.row = structure_row,
};
