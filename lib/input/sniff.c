/* The table of formats known by their magic bytes, and JSON known by its
 * first character. */
#include "sniff.h"

#include <string.h>

struct magic {
	const char *bytes;
	size_t len;
	const char *format;     /* "is ..." */
	const char *advice;     /* what to do instead */
	const char *instead_of; /* "not ..." */
};

#define M(s) s, sizeof s - 1
/* Longer prefixes first where one begins another (UTF-32LE, UTF-16LE). */
static const struct magic magics[] = {
	{M("PK\x03\x04"), "a ZIP archive", "give the CSV file inside it", "CSV"},
	{M("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), "an old Excel workbook (.xls)",
	 "save it as an Excel Workbook (.xlsx) or as CSV UTF-8", "a format dqa reads"},
	{M("PAR1"), "a Parquet file", "export it as CSV UTF-8", "CSV"},
	{M("%PDF-"), "a PDF document", "audit the CSV extract the document was made from", "CSV"},
	{M("\x89PNG\r\n\x1A\n"), "a PNG image", "give the CSV extract", "CSV"},
	{M("\xFF\xD8\xFF"), "a JPEG image", "give the CSV extract", "CSV"},
	{M("GIF87a"), "a GIF image", "give the CSV extract", "CSV"},
	{M("GIF89a"), "a GIF image", "give the CSV extract", "CSV"},
	{M("\xFF\xFE\x00\x00"), "UTF-32 text", "save it as CSV UTF-8", "UTF-8"},
	{M("\x00\x00\xFE\xFF"), "UTF-32 text", "save it as CSV UTF-8", "UTF-8"},
	{M("\xFF\xFE"), "UTF-16 text", "save it as CSV UTF-8, or set dataset: {encoding: utf-16}", "UTF-8"},
	{M("\xFE\xFF"), "UTF-16 text", "save it as CSV UTF-8, or set dataset: {encoding: utf-16}", "UTF-8"},
};
#undef M

/* A workbook is a ZIP archive whose first member names its kind: an
 * OpenDocument file starts with "mimetype", an Office Open XML file with
 * "[Content_Types].xml" or a part under xl/. The name sits at byte 30 of
 * the first local file header. */
static const char *zip_kind(const unsigned char *p, size_t len)
{
	static const char ods[] = "application/vnd.oasis.opendocument.spreadsheet";
	if (len > 30 + 8 && memcmp(p + 30, "mimetype", 8) == 0)
		return memmem(p, len, ods, sizeof ods - 1) ? "an OpenDocument spreadsheet (.ods)"
							   : NULL;
	if ((len > 30 + 19 && memcmp(p + 30, "[Content_Types].xml", 19) == 0) ||
	    (len > 30 + 3 && memcmp(p + 30, "xl/", 3) == 0))
		return "an Excel workbook (.xlsx)";
	return NULL;
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* JSON and NDJSON start with an object, or with an array whose first item
 * is a value: "[{", "[1", "[\"", "[]". A CSV header never starts so. */
static bool looks_like_json(const unsigned char *p, size_t len)
{
	size_t i = 0;
	while (i < len && is_space(p[i]))
		i++;
	if (i == len || (p[i] != '{' && p[i] != '['))
		return false;
	if (p[i] == '{')
		return true;
	for (i++; i < len && is_space(p[i]); i++)
		;
	return i < len && strchr("{[\"]-0123456789", p[i]) != NULL;
}

int input_format_parse(const char *name, enum input_format *out)
{
	static const struct {
		const char *name;
		enum input_format format;
	} names[] = {{"csv", INPUT_CSV}, {"ndjson", INPUT_JSON}, {"jsonl", INPUT_JSON},
		     {"json", INPUT_JSON}, {"xlsx", INPUT_XLSX}};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i].name) == 0) {
			*out = names[i].format;
			return 0;
		}
	return -1;
}

int sniff_text(const unsigned char *head, size_t len, const char *name, bool utf16,
	       enum input_format want, enum input_format *found, dqa_error *err)
{
	*found = want != INPUT_AUTO ? want : looks_like_json(head, len) ? INPUT_JSON : INPUT_CSV;
	for (size_t i = 0; i < sizeof magics / sizeof *magics; i++) {
		const struct magic *m = &magics[i];
		if (len < m->len || memcmp(head, m->bytes, m->len) != 0)
			continue;
		if (utf16 && strcmp(m->format, "UTF-16 text") == 0)
			return 0;
		const char *workbook = i == 0 ? zip_kind(head, len) : NULL;
		if (workbook && strstr(workbook, "(.xlsx)")) {
			*found = INPUT_XLSX;
			return 0;
		}
		return error_at(err, DQA_EINPUT, NULL, DQA_NOPOS,
				workbook ? "export the sheet as CSV UTF-8" : m->advice,
				"%s is %s, not %s", name, workbook ? workbook : m->format,
				m->instead_of);
	}
	return 0;
}
