/* A profile's formats (dqa(1), PROFILES): dispatch to the writers, and the
 * folder of all three. Apart from profile.c, which the JSON writer reads
 * the sorted units from. */
#include <stdlib.h>
#include <string.h>

#include "../util/error.h"
#include "../util/fileio.h"
#include "../util/strbuf.h"
#include "../profile/profile.h"

int dqa_profile_render(char **out, size_t *len, const dqa_profile *p, const char *format,
		       dqa_lang lang, dqa_error *err)
{
	*out = NULL;
	struct strbuf text = STRBUF_INIT;
	if (strcmp(format, "json") == 0)
		profile_write_json(p, &text);
	else if (strcmp(format, "html") == 0)
		profile_write_html(p, lang, &text);
	else if (strcmp(format, "text") == 0 || strcmp(format, "md") == 0)
		profile_write_text(p, &text, format[0] == 'm');
	else
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS, "formats: text, json, md, html",
				"unknown profile format '%s'", format);
	*len = text.len;
	*out = strbuf_detach(&text);
	return *out ? 0 : error_nomem(err);
}

int dqa_profile_write_dir(const dqa_profile *p, const char *dir, dqa_lang lang, dqa_error *err)
{
	static const struct {
		const char *name, *format;
	} files[] = {{"profile.json", "json"}, {"profile.md", "md"}, {"profile.html", "html"}};
	struct file_batch batch;
	file_batch_init(&batch);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof files / sizeof *files; i++) {
		size_t len;
		char *text;
		rc = dqa_profile_render(&text, &len, p, files[i].format, lang, err);
		if (rc == 0)
			rc = file_batch_add(&batch, dir, files[i].name, text, len, err);
		free(text);
	}
	if (rc == 0)
		rc = file_batch_commit(&batch, err);
	file_batch_release(&batch);
	return rc;
}
