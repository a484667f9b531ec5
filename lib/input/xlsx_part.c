/* One part of a workbook, streamed from the archive into expat. A DOCTYPE
 * is refused outright (no part of a workbook has one), which rules out
 * entity expansion ("billion laughs") before expat's own guard. */
#include "xlsx_part.h"

#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <minizip/unzip.h>

#include "limits.h"

enum { PART_SLICE = 64 * 1024 };

struct xlsx_part {
	XML_Parser xml;
	const char *name, *path;
	const struct xlsx_handlers *h;
	void *ctx;
	dqa_error *err;
	bool failed;
	int stopped;              /* xlsx_part_stop's rc */
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

static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
		       const XML_Char *pubid, int internal)
{
	(void)name, (void)sysid, (void)pubid, (void)internal;
	xlsx_part_fail(ud, "a document type declaration, which no workbook part has");
}

static int parse_open_part(unzFile zip, struct xlsx_part *p, const struct limits *limits)
{
	char slice[PART_SLICE];
	size_t total = 0;
	for (;;) {
		RETURN_IF_CANCELLED(p->err);
		int n = unzReadCurrentFile(zip, slice, sizeof slice);
		if (n < 0)
			return error_at(p->err, DQA_EINPUT, p->name, DQA_NOPOS,
					"the workbook is damaged or truncated; fetch it again",
					"corrupt ZIP data in %s (minizip error %d)", p->path, n);
		total += (size_t)n;
		if (total > limits->max_xlsx_part)
			return error_at(p->err, DQA_EINPUT, p->name, DQA_NOPOS,
					"a ZIP bomb, or raise limits: max_xlsx_part in the rule file",
					"%s inflates to more than %zu bytes (limits: max_xlsx_part)",
					p->path, limits->max_xlsx_part);
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

int xlsx_part_parse(void *zip, const char *path, bool optional, const char *name,
		    const struct limits *limits, const struct xlsx_handlers *h, void *ctx,
		    dqa_error *err)
{
	if (unzLocateFile(zip, path, 1) != UNZ_OK) {
		if (optional)
			return 1;
		return error_at(err, DQA_EINPUT, name, DQA_NOPOS,
				"save it from a spreadsheet program as an Excel workbook (.xlsx)",
				"not an Excel workbook: it has no %s", path);
	}
	if (unzOpenCurrentFile(zip) != UNZ_OK)
		return error_at(err, DQA_EINPUT, name, DQA_NOPOS,
				"the workbook is damaged or encrypted; save it again",
				"cannot open %s in the archive", path);
	struct xlsx_part p = {.xml = XML_ParserCreate("UTF-8"), .name = name, .path = path,
			      .h = h, .ctx = ctx, .err = err};
	int rc;
	if (!p.xml) {
		rc = error_nomem(err);
	} else {
		XML_SetUserData(p.xml, &p);
		XML_SetElementHandler(p.xml, on_start, on_end);
		XML_SetCharacterDataHandler(p.xml, on_text);
		XML_SetStartDoctypeDeclHandler(p.xml, on_doctype);
		rc = parse_open_part(zip, &p, limits);
		if (rc == 0 && p.failed)
			rc = err->code;
		if (rc == 0 && p.stopped)
			rc = p.stopped;
		XML_ParserFree(p.xml);
	}
	if (unzCloseCurrentFile(zip) == UNZ_CRCERROR && rc == 0)
		rc = error_at(err, DQA_EINPUT, name, DQA_NOPOS,
			      "the workbook is damaged; fetch it again", "CRC error in %s", path);
	return rc;
}
