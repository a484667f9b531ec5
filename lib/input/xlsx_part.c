/* One part of a workbook, streamed from the archive (zip_entry.h, inflated
 * ahead by zip_pipe.h's thread) into xml_scan.h when its handlers can
 * start again, else, or when the scanner stops short of the part's end,
 * into expat. A DOCTYPE is refused outright (no part of a workbook has
 * one), which rules out entity expansion ("billion laughs") before
 * expat's own guard. */
#include "xlsx_part.h"

#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <minizip/unzip.h>

#include "limits.h"
#include "xml_scan.h"
#include "zip_entry.h"
#include "zip_pipe.h"

/* The scanner's first buffer: a sheet's rows pass through it. */
enum { SCAN_BUFFER = 256 * 1024 };

struct xlsx_part {
	XML_Parser xml;           /* NULL while the scanner reads the part */
	const char *name, *path;
	const struct xlsx_handlers *h;
	void *ctx;
	dqa_error *err;
	bool failed;
	int stopped;              /* xlsx_part_stop's rc */
	uint64_t produced;        /* bytes of the part read so far */
};

static const char *local(const char *name)
{
	const char *colon = strrchr(name, ':');
	return colon ? colon + 1 : name;
}

const char *xlsx_attr(const char **attrs, const char *name)
{
	for (size_t i = 0; attrs[i]; i += 2)
		if (strcmp(local(attrs[i]), name) == 0)
			return attrs[i + 1];
	return NULL;
}

int xlsx_part_fail(struct xlsx_part *p, const char *fmt, ...)
{
	char why[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	if (!p->xml) {        /* expat, parsing the part again, will say where */
		p->failed = true;
		return -1;
	}
	if (!p->failed)
		error_at(p->err, DQA_EINPUT, p->name, DQA_NOPOS,
			 "open the workbook in a spreadsheet program and save it again",
			 "%s (%s, line %lu)", why, p->path,
			 (unsigned long)XML_GetCurrentLineNumber(p->xml));
	p->failed = true;
	XML_StopParser(p->xml, XML_FALSE);
	return -1;
}

int xlsx_part_stop(struct xlsx_part *p, int rc)
{
	p->stopped = rc;
	if (p->xml)
		XML_StopParser(p->xml, XML_FALSE);
	return -1;
}

static void on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
	struct xlsx_part *p = ud;
	if (p->h->start)
		p->h->start(p->ctx, p, local(name), attrs);
}

static void on_end(void *ud, const XML_Char *name)
{
	struct xlsx_part *p = ud;
	if (p->h->end)
		p->h->end(p->ctx, p, local(name));
}

static void on_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx_part *p = ud;
	if (p->h->collect && *p->h->collect)
		strbuf_add(p->h->text, s, (size_t)len);
}

static int scan_start(void *ud, const char *name, const char **attrs)
{
	struct xlsx_part *p = ud;
	return p->h->start ? p->h->start(p->ctx, p, name, attrs) : 0;
}

static int scan_end(void *ud, const char *name)
{
	struct xlsx_part *p = ud;
	return p->h->end ? p->h->end(p->ctx, p, name) : 0;
}

static int scan_cell(void *ud, const struct xml_cell *cell)
{
	struct xlsx_part *p = ud;
	return p->h->cell(p->ctx, p, cell);
}

static int scan_string(void *ud, const char *text, size_t len)
{
	struct xlsx_part *p = ud;
	return p->h->string(p->ctx, p, text, len);
}

static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
		       const XML_Char *pubid, int internal)
{
	(void)name, (void)sysid, (void)pubid, (void)internal;
	xlsx_part_fail(ud, "a document type declaration, which no workbook part has");
}

/* The part's next bytes into buf[0, cap): how many, or a negative code
 * with err filled (corrupt data, past max_xlsx_part). */
static long read_part(struct zip_pipe *in, struct xlsx_part *p, char *buf, size_t cap,
		      const struct limits *limits)
{
	RETURN_IF_CANCELLED(p->err);
	long n = zip_pipe_read(in, buf, cap);
	if (n < 0)
		return error_at(p->err, DQA_EINPUT, p->name, DQA_NOPOS,
				"the workbook is damaged or truncated; fetch it again",
				"corrupt ZIP data in %s (minizip error %ld)", p->path, n);
	p->produced += (uint64_t)n;
	if (p->produced > limits->max_xlsx_part)
		return error_at(p->err, DQA_EINPUT, p->name, DQA_NOPOS,
				"a ZIP bomb, or raise limits: max_xlsx_part in the rule file",
				"%s inflates to more than %zu bytes (limits: max_xlsx_part)",
				p->path, limits->max_xlsx_part);
	return n;
}

/* The part through the scanner: 0, XML_SCAN_OUT to parse it again with
 * expat, or a negative code (a read error, a record callback's). */
static int scan_open_part(struct zip_pipe *in, struct xlsx_part *p, const struct limits *limits)
{
	const struct xml_scan_handlers sh = {scan_start, scan_end, p->h->text, p->h->collect,
					     p->h->cell ? scan_cell : NULL,
					     p->h->string ? scan_string : NULL};
	struct xml_scan scan;
	xml_scan_init(&scan, &sh, p);
	size_t cap = SCAN_BUFFER, len = 0;
	char *buf = malloc(cap);
	int rc = buf ? 1 : error_nomem(p->err);
	while (rc == 1) {
		long n = read_part(in, p, buf + len, cap - len, limits);
		if (n < 0) {
			rc = (int)n;
			break;
		}
		len += (size_t)n;
		bool final = len < cap;
		long used = xml_scan_feed(&scan, buf, len, final);
		if (used < 0) {
			rc = p->stopped ? p->stopped : XML_SCAN_OUT;
			break;
		}
		memmove(buf, buf + used, len - (size_t)used);
		len -= (size_t)used;
		if (final)
			rc = 0;
		else if (len > cap / 2) {   /* a token longer than half the buffer */
			char *grown = realloc(buf, cap * 2);
			rc = grown ? 1 : error_nomem(p->err);
			buf = grown ? grown : buf;
			cap *= grown ? 2 : 1;
		}
	}
	free(buf);
	xml_scan_release(&scan);
	return rc;
}

static int parse_open_part(struct zip_pipe *in, struct xlsx_part *p, const struct limits *limits)
{
	char slice[ZIP_ENTRY_SLICE];
	for (;;) {
		long got = read_part(in, p, slice, sizeof slice, limits);
		if (got < 0)
			return (int)got;
		int n = (int)got;
		if (XML_Parse(p->xml, slice, n, n == 0) == XML_STATUS_ERROR) {
			if (p->stopped)
				return p->stopped;
			if (p->failed)
				return p->err->code;
			return error_at(p->err, DQA_EINPUT, p->name, DQA_NOPOS,
					"the workbook is damaged; save it again",
					"malformed XML in %s at line %lu, column %lu: %s", p->path,
					(unsigned long)XML_GetCurrentLineNumber(p->xml),
					(unsigned long)XML_GetCurrentColumnNumber(p->xml) + 1,
					XML_ErrorString(XML_GetErrorCode(p->xml)));
		}
		if (n == 0)
			return 0;
	}
}

/* The part through expat. */
static int expat_part(struct zip_pipe *in, struct xlsx_part *p, const struct limits *limits)
{
	if (!(p->xml = XML_ParserCreate("UTF-8")))
		return error_nomem(p->err);
	XML_SetUserData(p->xml, p);
	XML_SetElementHandler(p->xml, on_start, on_end);
	XML_SetCharacterDataHandler(p->xml, on_text);
	XML_SetStartDoctypeDeclHandler(p->xml, on_doctype);
	int rc = parse_open_part(in, p, limits);
	if (rc == 0 && p->failed)
		rc = p->err->code;
	if (rc == 0 && p->stopped)
		rc = p->stopped;
	XML_ParserFree(p->xml);
	return rc;
}

/* Opens the entry at path, found, with a pipe inflating it: 0, or -1 with
 * err filled (the entry closed). */
static int open_entry(const struct zip_archive *archive, const char *path, const char *name,
		      struct zip_entry *e, struct zip_pipe **in, dqa_error *err)
{
	if (unzLocateFile(archive->zip, path, 1) != UNZ_OK || zip_entry_open(e, archive) < 0) {
		zip_entry_close(e);
		return error_at(err, DQA_EINPUT, name, DQA_NOPOS,
				"the workbook is damaged or encrypted; save it again",
				"cannot open %s in the archive", path);
	}
	if (!(*in = zip_pipe_start(e))) {
		zip_entry_close(e);
		return error_nomem(err);
	}
	return 0;
}

/* zip_entry_close's answer, the pipe stopped first. */
static bool close_entry(struct zip_entry *e, struct zip_pipe *in)
{
	zip_pipe_stop(in);
	return zip_entry_close(e);
}

int xlsx_part_parse(const struct zip_archive *archive, const char *path, bool optional,
		    const char *name, const struct limits *limits, const struct xlsx_handlers *h,
		    void *ctx, dqa_error *err)
{
	if (unzLocateFile(archive->zip, path, 1) != UNZ_OK) {
		if (optional)
			return 1;
		return error_at(err, DQA_EINPUT, name, DQA_NOPOS,
				"save it from a spreadsheet program as an Excel workbook (.xlsx)",
				"not an Excel workbook: it has no %s", path);
	}
	struct zip_entry e;
	struct zip_pipe *in;
	FORWARD_IF_ERROR(open_entry(archive, path, name, &e, &in, err));
	struct xlsx_part p = {.name = name, .path = path, .h = h, .ctx = ctx, .err = err};
	int rc = h->restart ? scan_open_part(in, &p, limits) : XML_SCAN_OUT;
	if (rc == XML_SCAN_OUT) {
		/* From the part's start again, with expat. */
		if (h->restart) {
			close_entry(&e, in);
			h->restart(ctx);
			p.failed = false;
			p.produced = 0;
			FORWARD_IF_ERROR(open_entry(archive, path, name, &e, &in, err));
		}
		rc = expat_part(in, &p, limits);
	}
	if (!close_entry(&e, in) && rc == 0)
		rc = error_at(err, DQA_EINPUT, name, DQA_NOPOS,
			      "the workbook is damaged; fetch it again", "CRC error in %s", path);
	return rc;
}
