/* libFuzzer target: the workbook reader (xlsx.h). Byte 0 chooses: odd, the
 * rest is the whole file (archives however broken); even, the rest is the
 * sheet, shared strings and styles XML, split at NUL bytes, stored into a
 * well-formed archive with minizip so the XML parts are what is fuzzed.
 * Every record must have NUL-terminated fields within the small limits,
 * rows padded to the first one's width, and lines in increasing order;
 * a workbook read without an error must have parts that expat itself
 * finds well-formed (the sheet and shared strings are read by the
 * scanner of xml_scan.h, which must refuse what expat refuses). */
#include <expat.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <minizip/zip.h>

#include "input/limits.h"
#include "input/xlsx.h"
#include "tempfile.h"

static const struct limits fuzz_limits = {
	.max_field = 256, .max_record = 4096, .max_columns = 64, .max_xlsx_part = 1 << 20,
	.max_shared_strings = 1000, .max_shared_bytes = 1 << 16};

struct seen {
	uint64_t line;
	size_t width;
};

static int check(void *ctx, const struct record *rec)
{
	struct seen *s = ctx;
	if (rec->line <= s->line || rec->line > XLSX_MAX_ROW || rec->n > fuzz_limits.max_columns)
		abort();
	if (s->width && rec->n < s->width)
		abort();
	s->width = s->width ? s->width : rec->n;
	s->line = rec->line;
	for (size_t i = 0; i < rec->n; i++)
		if (rec->fields[i][rec->lens[i]] != '\0' || rec->lens[i] > fuzz_limits.max_field)
			abort();
	return 0;
}

static void add(zipFile z, const char *name, const uint8_t *data, size_t len)
{
	if (zipOpenNewFileInZip(z, name, NULL, NULL, 0, NULL, 0, NULL, 0, 0) != ZIP_OK ||
	    zipWriteInFileInZip(z, data, (unsigned)len) != ZIP_OK || zipCloseFileInZip(z) != ZIP_OK)
		abort();
}

static const char workbook[] =
	"<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels[] =
	"<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
		       const XML_Char *pubid, int internal)
{
	(void)name, (void)sysid, (void)pubid, (void)internal;
	*(bool *)ud = true;
}

/* Whether expat, as xlsx_part.c sets it up, parses data without an error. */
static bool well_formed(const uint8_t *data, size_t len)
{
	XML_Parser xml = XML_ParserCreate("UTF-8");
	bool doctype = false;
	if (!xml)
		abort();
	XML_SetUserData(xml, &doctype);
	XML_SetStartDoctypeDeclHandler(xml, on_doctype);
	bool ok = XML_Parse(xml, (const char *)data, (int)len, 1) == XML_STATUS_OK && !doctype;
	XML_ParserFree(xml);
	return ok;
}

static const char *const part_names[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
					 "xl/styles.xml"};

/* The parts of data, split at NUL bytes, in order: added to the archive z,
 * or (z NULL) each required to be well-formed. */
static void each_part(zipFile z, const uint8_t *data, size_t len)
{
	for (size_t i = 0; i < 3; i++) {
		const uint8_t *nul = memchr(data, 0, len);
		size_t part = nul ? (size_t)(nul - data) : len;
		if (z)
			add(z, part_names[i], data, part);
		else if (!well_formed(data, part))
			abort();
		data += part + (nul != NULL);
		len -= part + (nul != NULL);
		if (!nul)
			break;
	}
}

/* The parts of data, split at NUL bytes, into an archive at path. */
static void write_parts(const char *path, const uint8_t *data, size_t len)
{
	zipFile z = zipOpen(path, APPEND_STATUS_CREATE);
	if (!z)
		abort();
	add(z, "[Content_Types].xml", (const uint8_t *)"<Types/>", 8);
	add(z, "xl/workbook.xml", (const uint8_t *)workbook, sizeof workbook - 1);
	add(z, "xl/_rels/workbook.xml.rels", (const uint8_t *)rels, sizeof rels - 1);
	each_part(z, data, len);
	if (zipClose(z, NULL) != ZIP_OK)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *path = fuzz_tempfile(data + 1, size - 1, ".xlsx");
	if (!(data[0] & 1))
		write_parts(path, data + 1, size - 1);
	struct dialect d = DIALECT_INIT;
	d.limits = &fuzz_limits;
	struct seen s = {0};
	dqa_error err = {0};
	if (xlsx_scan(path, NULL, &d, check, &s, &err) == 0 && !(data[0] & 1))
		each_part(NULL, data + 1, size - 1);
	return 0;
}
