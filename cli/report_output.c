/* What `dqa audit` and `dqa report` share: the report language, and
 * writing the report folder and one report on standard output. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

dqa_lang cli_default_lang(void)
{
	/* the POSIX order of precedence for messages */
	const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const char *v = getenv(names[i]);
		if (v && v[0])
			return dqa_lang_from_locale(v);
	}
	return DQA_LANG_EN;
}

int cli_write_reports(const dqa_report *rep, const char *dir, const char *format, dqa_lang lang,
		      bool quiet, int color)
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
		dqa_report_write_text(rep, stdout, cli_use_color(color));
		return cli_flush_stdout();
	}
	size_t len;
	char *text = dqa_report_render(rep, format, lang, &len, &err);
	if (!text)
		return report_error(&err);
	fwrite(text, 1, len, stdout);
	free(text);
	return cli_flush_stdout();
}
