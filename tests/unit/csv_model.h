/* A slow, line-by-line model of the reader's grammar, written from Python's
 * Modules/_csv.c (csv.reader, default dialect, strict=False, the file
 * opened with newline=''): the input is split into physical lines (each
 * ending at "\r\n", '\r' or '\n'), every character of a line is fed to
 * Python's state machine, then an end-of-line event. It also names the
 * flaws dqa reports (reader.h). Records are serialised as
 * "@LINE FLAW FLAW_LINE:FLAW_COL" then "|LEN:BYTES" per field and '\n', the
 * form tests/unit/test_csv_chunk.c and tests/fuzz/fuzz_csv.c give dqa's
 * records too (model_record). Header-only: the unit test and the fuzz target
 * both include it. */
#ifndef DQA_CSV_MODEL_H
#define DQA_CSV_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "input/reader.h"
#include "util/strbuf.h"

/* dqa's record in the model's form. */
static inline void model_record(struct strbuf *out, const struct record *rec)
{
	strbuf_printf(out, "@%llu %u %llu:%u", (unsigned long long)rec->line, rec->flaw,
		      (unsigned long long)rec->flaw_line, rec->flaw_col);
	for (size_t i = 0; i < rec->n; i++) {
		strbuf_printf(out, "|%zu:", rec->lens[i]);
		strbuf_add(out, rec->fields[i], rec->lens[i]);
	}
	strbuf_putc(out, '\n');
}

enum model_state { M_START_RECORD, M_START_FIELD, M_IN_FIELD, M_IN_QUOTED_FIELD,
		   M_QUOTE_IN_QUOTED_FIELD, M_EAT_CRNL };

struct model {
	enum model_state state;
	char delim, quote;
	struct strbuf field, fields;   /* the field being read; the record's */
	uint64_t line, record_line, flaw_line, quote_line;
	unsigned flaw, flaw_col, quote_col, style;
	bool after_quote;              /* the field's own flaw is whitespace after its quote */
	struct strbuf *out;
};

static inline void model_flaw(struct model *m, unsigned what, uint64_t line, unsigned col)
{
	if (!m->flaw)
		m->flaw = what, m->flaw_line = line, m->flaw_col = col;
}

static inline void model_save_field(struct model *m)
{
	strbuf_printf(&m->fields, "|%zu:", m->field.len);
	if (m->field.len)
		strbuf_add(&m->fields, m->field.buf, m->field.len);
	strbuf_reset(&m->field);
}

static inline void model_emit(struct model *m)
{
	strbuf_printf(m->out, "@%llu %u %llu:%u", (unsigned long long)m->record_line, m->flaw,
		      (unsigned long long)m->flaw_line, m->flaw_col);
	if (m->fields.len)
		strbuf_add(m->out, m->fields.buf, m->fields.len);
	strbuf_putc(m->out, '\n');
	strbuf_reset(&m->fields);
	m->flaw = 0, m->flaw_line = 0, m->flaw_col = 0;
	m->after_quote = false;
}

static inline bool model_blank(const struct strbuf *s)
{
	for (size_t i = 0; i < s->len; i++)
		if (s->buf[i] != ' ' && s->buf[i] != '\t')
			return false;
	return true;
}

/* One character (c >= 0) or the end of a line (c < 0) at column col. */
static inline void model_char(struct model *m, int c, unsigned col)
{
	bool eol = c < 0, nl = c == '\n' || c == '\r';
	switch (m->state) {
	case M_START_RECORD:
		if (eol)
			break;
		if (nl) {
			m->state = M_EAT_CRNL;
			break;
		}
		m->state = M_START_FIELD;
		/* fall through */
	case M_START_FIELD:
		if (nl || eol) {
			model_save_field(m);
			m->state = eol ? M_START_RECORD : M_EAT_CRNL;
		} else if (c == m->quote) {
			m->state = M_IN_QUOTED_FIELD;
			m->quote_line = m->line, m->quote_col = col;
		} else if (c == m->delim) {
			model_save_field(m);
		} else {
			strbuf_putc(&m->field, (char)c);
			m->state = M_IN_FIELD;
		}
		break;
	case M_IN_FIELD:
		if (nl || eol) {
			model_save_field(m);
			m->state = eol ? M_START_RECORD : M_EAT_CRNL;
		} else if (c == m->delim) {
			model_save_field(m);
			m->state = M_START_FIELD;
			m->after_quote = false;
		} else {
			if (m->after_quote && c != ' ' && c != '\t' && m->flaw == FLAW_SPACE_AFTER_QUOTE)
				m->flaw = FLAW_TEXT_AFTER_QUOTE;
			if (c == m->quote)
				model_flaw(m, model_blank(&m->field) ? FLAW_SPACE_BEFORE_QUOTE
								     : FLAW_QUOTE_IN_FIELD, m->line, col);
			strbuf_putc(&m->field, (char)c);
		}
		break;
	case M_IN_QUOTED_FIELD:
		if (eol)
			;
		else if (c == m->quote)
			m->state = M_QUOTE_IN_QUOTED_FIELD;
		else
			strbuf_putc(&m->field, (char)c);
		break;
	case M_QUOTE_IN_QUOTED_FIELD:
		if (c == m->quote) {
			strbuf_putc(&m->field, (char)c);
			m->state = M_IN_QUOTED_FIELD;
		} else if (c == m->delim) {
			model_save_field(m);
			m->state = M_START_FIELD;
		} else if (nl || eol) {
			model_save_field(m);
			m->state = eol ? M_START_RECORD : M_EAT_CRNL;
		} else {
			model_flaw(m, c == ' ' || c == '\t' ? FLAW_SPACE_AFTER_QUOTE
							    : FLAW_TEXT_AFTER_QUOTE, m->line, col);
			m->after_quote = m->flaw_line == m->line && m->flaw_col == col;
			strbuf_putc(&m->field, (char)c);
			m->state = M_IN_FIELD;
		}
		break;
	case M_EAT_CRNL:
		if (eol)
			m->state = M_START_RECORD;
		break;
	}
}

/* The records of buf into out; *widest_span (when not NULL) gets the most
 * bytes a record takes, its line end included: what max_record bounds. */
static inline void model_parse(const char *buf, size_t len, char delim, char quote,
			       struct strbuf *out, size_t *widest_span)
{
	struct model m = {.delim = delim, .quote = quote, .field = STRBUF_INIT,
			  .fields = STRBUF_INIT, .out = out};
	size_t record_start = 0, widest = 0;
	for (size_t pos = 0; pos < len;) {
		size_t end = pos;
		while (end < len && buf[end] != '\n' && buf[end] != '\r')
			end++;
		unsigned style = end == len ? EOL_NONE : buf[end] == '\n' ? EOL_LF
			       : end + 1 < len && buf[end + 1] == '\n' ? EOL_CRLF : EOL_CR;
		end += style == EOL_NONE ? 0 : style == EOL_CRLF ? 2 : 1;
		m.line++;
		if (m.state == M_START_RECORD)
			m.record_line = m.line, record_start = pos;
		for (size_t i = pos; i < end; i++)
			model_char(&m, (unsigned char)buf[i], (unsigned)(i - pos + 1));
		model_char(&m, -1, 0);
		if (m.state == M_START_RECORD) {
			/* Ended unlike the first record: a line ending flaw. */
			if (m.style == EOL_NONE)
				m.style = style;
			else if (style != EOL_NONE && style != m.style)
				model_flaw(&m, FLAW_LINE_ENDING, m.line,
					   (unsigned)(end - pos) - (style == EOL_CRLF ? 1 : 0));
			model_emit(&m);
			widest = end - record_start > widest ? end - record_start : widest;
		}
		pos = end;
	}
	if (m.state != M_START_RECORD) {   /* a quoted field open at the end */
		model_flaw(&m, FLAW_OPEN_QUOTE, m.quote_line, m.quote_col);
		model_save_field(&m);
		model_emit(&m);
		widest = len - record_start > widest ? len - record_start : widest;
	}
	if (widest_span)
		*widest_span = widest;
	strbuf_release(&m.field);
	strbuf_release(&m.fields);
}

#endif
