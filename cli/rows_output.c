/* dqa audit --failed-rows, --valid-rows, --invalid-rows: the row files,
 * written through dqa_result_write_rows after the audit. */
#include <string.h>

#include "rows_output.h"

const char *const rows_formats[] = {"csv", "jsonl", NULL};

void rows_output_init(struct rows_output *r)
{
	*r = (struct rows_output){.format = rows_formats[0]};
}

bool rows_output_wanted(const struct rows_output *r)
{
	return r->failed || r->valid || r->invalid;
}

static bool to_stdout(const char *path)
{
	return path && !strcmp(path, "-");
}

bool rows_output_on_stdout(const struct rows_output *r)
{
	return to_stdout(r->failed) || to_stdout(r->valid) || to_stdout(r->invalid);
}

int rows_output_check(const struct command_help *help, const struct rows_output *r)
{
	int on_stdout = to_stdout(r->failed) + to_stdout(r->valid) + to_stdout(r->invalid);
	if (on_stdout > 1)
		return usage_error(help, "only one of --failed-rows, --valid-rows and "
				   "--invalid-rows can be '-' (stdout)");
	return 0;
}

void rows_output_options(const struct rows_output *r, bool folder, dqa_audit_options *opts)
{
	opts->keep_failed_rows = r->failed || folder;
	opts->keep_records = r->valid || r->invalid;
	opts->unmasked = r->unmasked;
}

int rows_output_write(const dqa_result *res, const struct rows_output *r, dqa_lang lang,
		      bool quiet)
{
	if (!rows_output_wanted(r))
		return 0;
	dqa_rows_output o = {r->failed, !strcmp(r->format, "jsonl"), r->max_given ? r->max : 0,
			     r->valid, r->invalid, lang};
	dqa_rows_written n;
	dqa_error err = {0};
	if (dqa_result_write_rows(res, &o, stdout, &n, &err) < 0)
		return report_error(&err);
	if (!quiet && r->failed && !to_stdout(r->failed))
		fprintf(stderr, "dqa: wrote %llu failed-row lines to %s\n",
			(unsigned long long)n.failed, r->failed);
	if (n.left_out)
		fprintf(stderr, "dqa: %llu failed-row lines left out (--failed-rows-max %u)\n",
			(unsigned long long)n.left_out, r->max);
	if (!quiet && (r->valid || r->invalid))
		fprintf(stderr, "dqa: %llu valid and %llu invalid records\n",
			(unsigned long long)n.valid, (unsigned long long)n.invalid);
	return 0;
}
