/* What `dqa audit` and `dqa report` share: the report language, trend
 * lines from a history, and writing the report folder and one report on
 * standard output. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const char *const lang_choices[] = {"vi", "en", NULL};

dqa_lang cli_lang(const char *choice)
{
	dqa_lang lang;
	if (choice && dqa_lang_parse(choice, &lang) == 0)
		return lang;
	return dqa_lang_from_environment();
}

int cli_add_history(dqa_report *rep, const char *path, bool may_be_missing)
{
	if (may_be_missing && access(path, F_OK) < 0 && errno == ENOENT)
		return 0;
	dqa_history *h = NULL;
	dqa_error err = {0};
	dqa_history_query totals_only = DQA_HISTORY_QUERY_INIT;
	totals_only.totals_only = true;
	totals_only.dataset = dqa_report_dataset(rep);
	int rc = cli_history_load(path, &totals_only, &h);
	if (rc == 0 && dqa_report_add_history(rep, h, &err) < 0)
		rc = report_error(&err);
	dqa_history_free(h);
	return rc;
}

int cli_write_reports(const dqa_report *rep, const char *dir, const char *format, dqa_lang lang,
		      bool quiet, const char *color)
{
	dqa_error err = {0};
	if (dir) {
		size_t nfiles = 0;
		if (dqa_report_write_dir(rep, dir, lang, &nfiles, &err) < 0)
			return report_error(&err);
		if (!quiet)
			fprintf(stderr, "dqa: wrote %zu files to %s/ (open %s/index.html)\n", nfiles,
				dir, dir);
	}
	if (!format)
		return 0;
	if (!strcmp(format, "text")) {
		dqa_report_write_text(rep, lang, stdout, cli_use_color(color));
		return cli_flush_stdout();
	}
	size_t len;
	char *text;
	if (dqa_report_render(&text, &len, rep, format, lang, &err) < 0)
		return report_error(&err);
	fwrite(text, 1, len, stdout);
	free(text);
	return cli_flush_stdout();
}
