/* dqa audit --suite FILE: every dataset of the suite audited, its report
 * folder and history rows written as it is done (or, with --shard and
 * --state, a shard's datasets saved as a suite state), then the city-wide
 * summary on stdout (text or json) and the quality gate over the whole
 * suite; dqa merge of suite states ends the same way. */
#include <stdlib.h>
#include <string.h>

#include "result_output.h"

/* The summary on stdout, after the run wrote the folder and history. */
static int emit(const dqa_suite *s, const struct result_output *o, const dqa_suite_sink *sink)
{
	if (o->out && !o->quiet)
		fprintf(stderr, "dqa: wrote %zu files to %s\n", sink->nfiles, o->out);
	if (o->quiet)
		return 0;
	if (o->format && strcmp(o->format, "json") == 0) {
		char *json;
		dqa_error err = {0};
		if (dqa_suite_json(&json, s, &err) < 0)
			return report_error(&err);
		fputs(json, stdout);
		free(json);
	} else {
		dqa_suite_write_text(s, cli_lang(o->lang), stdout);
	}
	return cli_flush_stdout();
}

/* As for one dataset: status fail (here: of any dataset) or a score (here:
 * the mean of the datasets') below --fail-under fails the gate. */
static int gate(const dqa_suite *s, const struct result_output *o)
{
	dqa_gate_input in = {dqa_suite_score(s), dqa_suite_status(s), false, o->fail_under, true};
	char why[256];
	if (dqa_gate(&in, why, sizeof why))
		return EXIT_PASS;
	fprintf(stderr, "dqa: quality gate failed: %s\n", why);
	return EXIT_GATE;
}

int suite_output_check(const struct command_help *help, const struct result_output *o)
{
	if (o->baseline || (o->format && strcmp(o->format, "text") && strcmp(o->format, "json")))
		return usage_error(help, "a suite's report is --format text or json, and it "
				   "takes no --baseline");
	return 0;
}

static dqa_suite_sink sink_of(const struct result_output *o)
{
	dqa_suite_sink sink = DQA_SUITE_SINK_INIT;
	sink.dir = o->out;
	sink.history = o->history;
	sink.lang = cli_lang(o->lang);
	return sink;
}

/* The summary and the gate: the exit status. */
static int finish(const dqa_suite *s, const struct result_output *o, const dqa_suite_sink *sink)
{
	int rc = emit(s, o, sink);
	return rc ? rc : gate(s, o);
}

int audit_suite(const char *path, const dqa_audit_options *opts, const struct result_output *o)
{
	dqa_suite *s = NULL;
	dqa_error err = {0};
	dqa_suite_sink sink = sink_of(o);
	int rc = 0;
	if (dqa_suite_load(&s, path, &err) < 0 || dqa_suite_run(s, opts, &sink, &err) < 0)
		rc = report_error(&err);
	if (rc == 0)
		rc = finish(s, o, &sink);
	dqa_suite_free(s);
	return rc;
}

int audit_suite_shard(const char *path, const dqa_audit_options *opts, unsigned shard,
		      unsigned shards, const char *state, bool quiet)
{
	dqa_suite *s = NULL;
	dqa_error err = {0};
	size_t ndatasets = 0;
	uint64_t rows = 0;
	int rc = 0;
	if (dqa_suite_load_shard(&s, path, shard, shards, &err) < 0 ||
	    dqa_suite_shard(s, opts, state, &ndatasets, &rows, &err) < 0)
		rc = report_error(&err);
	if (rc == 0 && !quiet)
		fprintf(stderr, "dqa: suite shard %u/%u: %zu dataset%s, %llu rows, state in %s\n",
			shard, shards, ndatasets, ndatasets == 1 ? "" : "s", (unsigned long long)rows,
			state);
	dqa_suite_free(s);
	return rc;
}

int merge_suite(const char *const *states, size_t n, const dqa_merge_options *opts,
		const struct result_output *o)
{
	dqa_suite *s = NULL;
	dqa_error err = {0};
	dqa_suite_sink sink = sink_of(o);
	int rc = 0;
	if (dqa_suite_merge(&s, states, n, opts, &sink, &err) < 0)
		rc = report_error(&err);
	if (rc == 0)
		rc = finish(s, o, &sink);
	dqa_suite_free(s);
	return rc;
}
