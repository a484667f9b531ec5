/* junit.xml: one test suite per unit and one test case per unit x check,
 * failed when the check is below its threshold, with the reason and the
 * failed-row samples; checks that evaluated nothing are skipped. A missing
 * unit is one failed test case. The dataset-level checks come first, as a
 * suite of their own named "dataset" (classname dqa.DATASET). The shape is the common Jenkins/Surefire
 * one (tests/report/junit.xsd). */
#include <math.h>
#include <string.h>

#include "escape.h"
#include "messages.h"
#include "report.h"

static void attr(struct strbuf *out, const char *name, const char *value)
{
	strbuf_printf(out, " %s=\"", name);
	xml_put(out, value);
	strbuf_putc(out, '"');
}

static void put_samples(struct strbuf *out, const json_t *check, dqa_lang lang)
{
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(check, "samples"), i, s) {
		strbuf_printf(out, "%s %llu", msg(lang, M_LINE),
			      (unsigned long long)doc_count(s, "line"));
		if (doc_str(s, "cell")[0]) {
			strbuf_putc(out, ' ');
			xml_put(out, doc_str(s, "cell"));
		}
		if (doc_str(s, "file")[0]) {
			strbuf_puts(out, " (");
			xml_put(out, doc_str(s, "file"));
			strbuf_putc(out, ')');
		}
		strbuf_putc(out, ':');
		const char *name;
		json_t *value, *shown = sample_columns(s);
		out->failed |= !shown;
		json_object_foreach(shown, name, value) {
			size_t len;
			const char *text = doc_value(value, &len);
			strbuf_putc(out, ' ');
			xml_put(out, name);
			strbuf_puts(out, "=\"");
			xml_putn(out, text, len);
			strbuf_putc(out, '"');
		}
		json_decref(shown);
		if (doc_str(s, "note")[0]) {
			strbuf_puts(out, " (");
			xml_put(out, doc_str(s, "note"));
			strbuf_putc(out, ')');
		}
		strbuf_putc(out, '\n');
	}
}

static bool check_failed(const json_t *c)
{
	return strcmp(doc_str(c, "status"), "fail") == 0;
}

static bool check_skipped(const json_t *c)
{
	return !check_failed(c) && isnan(doc_num(c, "score"));
}

static void test_case(struct strbuf *out, const char *classname, const json_t *check,
		      dqa_lang lang)
{
	strbuf_puts(out, "    <testcase");
	attr(out, "name", doc_str(check, "id"));
	attr(out, "classname", classname);
	strbuf_puts(out, " time=\"0\"");
	if (check_failed(check)) {
		struct strbuf m = STRBUF_INIT;
		put_failure_summary(&m, check, lang);
		strbuf_puts(out, ">\n      <failure");
		attr(out, "message", m.buf ? m.buf : "");
		attr(out, "type", doc_str(check, "kind"));
		strbuf_putc(out, '>');
		out->failed |= m.failed;
		strbuf_release(&m);
		xml_put(out, msg_hint(lang, doc_str(check, "kind"),
			json_string_value(json_object_get(json_object_get(check, "params"), "type")),
			false));
		strbuf_putc(out, '\n');
		put_samples(out, check, lang);
		strbuf_puts(out, "</failure>\n    </testcase>\n");
	} else if (check_skipped(check)) {
		strbuf_puts(out, ">\n      <skipped/>\n    </testcase>\n");
	} else {
		strbuf_puts(out, "/>\n");
	}
}

static size_t count(const json_t *checks, bool (*pred)(const json_t *))
{
	size_t n = 0, i;
	json_t *c;
	json_array_foreach(checks, i, c)
		n += pred(c);
	return n;
}

/* A unit's suite (unit set), or the dataset's (unit NULL). */
static void test_suite(struct strbuf *out, const struct dqa_report *rep, const json_t *unit,
		       dqa_lang lang)
{
	const json_t *checks = unit ? json_object_get(unit, "checks") : rep->dataset_checks;
	bool missing = unit && doc_status(unit, "status") == DQA_MISSING;
	size_t tests = missing ? 1 : json_array_size(checks);
	size_t failures = missing ? 1 : count(checks, check_failed);
	struct strbuf classname = STRBUF_INIT;
	strbuf_printf(&classname, "dqa.%s", doc_str(rep->doc, "dataset"));
	if (unit)
		strbuf_printf(&classname, ".%s", doc_str(unit, "unit"));
	const char *cls = classname.buf ? classname.buf : "dqa";
	strbuf_puts(out, "  <testsuite");
	attr(out, "name", unit ? doc_str(unit, "unit") : "dataset");
	strbuf_printf(out, " tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" time=\"0\"",
		      tests, failures, missing ? 0 : count(checks, check_skipped));
	attr(out, "timestamp", doc_str(rep->doc, "generated_at"));
	strbuf_puts(out, ">\n");
	if (missing) {
		strbuf_puts(out, "    <testcase name=\"unit.present\"");
		attr(out, "classname", cls);
		strbuf_puts(out, " time=\"0\">\n      <failure");
		attr(out, "message", msg(lang, M_NO_ROWS));
		strbuf_puts(out, " type=\"missing\"/>\n    </testcase>\n");
	}
	size_t i;
	json_t *c;
	json_array_foreach(checks, i, c)
		test_case(out, cls, c, lang);
	strbuf_puts(out, "  </testsuite>\n");
	out->failed |= classname.failed;
	strbuf_release(&classname);
}

void render_junit(const struct dqa_report *rep, dqa_lang lang, struct strbuf *out)
{
	size_t tests = json_array_size(rep->dataset_checks);
	size_t failures = count(rep->dataset_checks, check_failed), i;
	json_t *u;
	json_array_foreach(rep->units, i, u) {
		const json_t *checks = json_object_get(u, "checks");
		if (doc_status(u, "status") == DQA_MISSING) {
			tests++, failures++;
			continue;
		}
		tests += json_array_size(checks);
		failures += count(checks, check_failed);
	}
	strbuf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites");
	struct strbuf name = STRBUF_INIT;
	strbuf_printf(&name, "dqa %s", doc_str(rep->doc, "dataset"));
	attr(out, "name", name.buf ? name.buf : "dqa");
	out->failed |= name.failed;
	strbuf_release(&name);
	strbuf_printf(out, " tests=\"%zu\" failures=\"%zu\" errors=\"0\" time=\"0\">\n", tests,
		      failures);
	if (json_array_size(rep->dataset_checks))
		test_suite(out, rep, NULL, lang);
	json_array_foreach(rep->units, i, u)
		test_suite(out, rep, u, lang);
	strbuf_puts(out, "</testsuites>\n");
}
