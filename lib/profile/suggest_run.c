/* dqa_profile_suggest: loads the unit reference lists a unit column is
 * matched against, then writes the suggested rule file. */
#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "../input/reader.h"
#include "../util/strbuf.h"

struct ref_read {
	const char *column;
	int col;                 /* -1 until the header is read */
	struct strset *values;
	const char *path;
	dqa_error *err;
};

static int on_ref_record(void *ctx, const struct record *rec)
{
	struct ref_read *r = ctx;
	if (r->col < 0) {
		for (size_t i = 0; i < rec->n && r->col < 0; i++)
			if (strlen(r->column) == rec->lens[i] &&
			    memcmp(r->column, rec->fields[i], rec->lens[i]) == 0)
				r->col = (int)i;
		if (r->col < 0)
			return error_at(r->err, DQA_EARG, r->path, DQA_NOPOS, NULL,
					"no column '%s' in the header", r->column);
		return 0;
	}
	if ((size_t)r->col < rec->n && rec->lens[r->col] &&
	    strset_put(r->values, rec->fields[r->col], rec->lens[r->col], NULL) < 0)
		return error_at(r->err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL, "out of memory");
	return 0;
}

/* Reads the values of "PATH#COLUMN" into values. */
static int load_ref(const char *spec, struct strset *values, dqa_error *err)
{
	const char *hash = strrchr(spec, '#');
	if (!hash || hash == spec || !hash[1])
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS, "write PATH#COLUMN",
				"bad unit reference '%s'", spec);
	char *path = strndup(spec, (size_t)(hash - spec));
	RETURN_IF_NOMEM(path, err);
	struct ref_read r = {hash + 1, -1, values, path, err};
	struct dialect d = DIALECT_INIT;
	int rc = reader_scan(path, &d, on_ref_record, &r, err);
	free(path);
	return rc;
}

static char *suggest_text(const dqa_profile *p, const char *const *unit_refs, size_t nrefs,
			  size_t *len, dqa_error *err)
{
	struct strset *values = calloc(nrefs ? nrefs : 1, sizeof *values);
	struct unit_ref_list *refs = calloc(nrefs ? nrefs : 1, sizeof *refs);
	int rc = values && refs ? 0 : error_at(err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL,
					       "out of memory");
	for (size_t i = 0; rc == 0 && i < nrefs; i++) {
		refs[i] = (struct unit_ref_list){unit_refs[i], &values[i]};
		rc = load_ref(unit_refs[i], &values[i], err);
	}
	struct strbuf out = STRBUF_INIT;
	if (rc == 0)
		rc = suggest_write(p, refs, nrefs, &out, err);
	for (size_t i = 0; values && i < nrefs; i++)
		strset_release(&values[i]);
	free(values);
	free(refs);
	*len = out.len;
	char *text = rc == 0 ? strbuf_detach(&out) : NULL;
	strbuf_release(&out);
	if (rc == 0 && !text)
		error_nomem(err);
	return text;
}

int dqa_profile_suggest(char **out, size_t *len, const dqa_profile *p,
			const char *const *unit_refs, size_t nrefs, dqa_error *err)
{
	*err = (dqa_error){0};
	*out = suggest_text(p, unit_refs, nrefs, len, err);
	return *out ? 0 : err->code ? err->code : error_nomem(err);
}
