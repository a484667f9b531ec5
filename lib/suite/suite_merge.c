/* dqa merge of suite states: the states of every shard of one suite run,
 * checked to belong together, the suite file and its rule files loaded,
 * and each dataset finished from its own state by the dataset merge; the
 * result is the suite dqa_suite_run gives. The suite merge of
 * docs/internals/merge.md (which names all three). */
#include <stdlib.h>
#include <string.h>

#include "suite.h"
#include "../util/error.h"
#include "../state/state.h"
#include "../state/suite_state.h"

/* What differs between two suite states, or NULL. */
static const char *difference(const struct suite_state_meta *a, const struct suite_state_meta *b)
{
	if (strcmp(a->suite_path, b->suite_path) != 0)
		return "another suite file";
	if (a->suite_hash != b->suite_hash || a->ndatasets != b->ndatasets)
		return "another version of the suite file";
	if (a->count != b->count)
		return "another shard count";
	if (a->now != b->now)
		return "another --now";
	if (a->samples != b->samples)
		return "another --samples";
	return NULL;
}

static struct shard_ref ref_of(const void *first, const void *item)
{
	const struct suite_state *f = item;
	return (struct shard_ref){f->meta.index, f->meta.count, f->path, 0,
				  difference(&((const struct suite_state *)first)->meta, &f->meta)};
}

/* The suite file, as the shards read it; its datasets without their data. */
static int load_suite(struct dqa_suite **s, const struct suite_state_meta *m, dqa_error *err)
{
	FORWARD_IF_ERROR(suite_load(s, m->suite_path, 0, 0, &m->suite_hash, err));
	if ((*s)->ndatasets != m->ndatasets)
		return error_at(err, DQA_EARG, m->suite_path, DQA_NOPOS, NULL,
				"the suite file lists %zu datasets, the states %zu",
				(*s)->ndatasets, m->ndatasets);
	return 0;
}

/* One dataset from its state in f (entry), as dqa_merge_run finishes it. */
static int merge_dataset(struct suite_dataset *d, const struct suite_state *f,
			 const struct suite_state_dataset *entry, const dqa_merge_options *opts,
			 dqa_error *err)
{
	if (strcmp(entry->name, d->name) != 0)
		return frame_corrupt(&state_suite_kind, f->path, "its datasets are not the suite's",
				     err);
	struct state_file st;
	int rc = state_open_buffer(&st, f->path, entry->state, entry->len, err);
	if (rc == 0 && (st.meta.now != f->meta.now || st.meta.samples != f->meta.samples))
		rc = frame_corrupt(&state_suite_kind, f->path, "a dataset of another run", err);
	if (rc == 0)
		rc = state_check_set(&st, 1, err);
	if (rc == 0)
		rc = state_merge(&d->result, d->rules, &st, 1, opts, err);
	state_close(&st);
	return rc;
}

/* Each dataset merged and finished in turn, as dqa_suite_run does. */
static int merge(struct dqa_suite *s, const struct suite_state *files,
		 const dqa_merge_options *opts, dqa_error *err)
{
	const struct suite_state_meta *m = &files[0].meta;
	FORWARD_IF_ERROR(suite_begin(s, err));
	for (size_t i = 0; i < s->ndatasets; i++) {
		const struct suite_state *f = &files[i % m->count];
		FORWARD_IF_ERROR(merge_dataset(&s->datasets[i], f, &f->datasets[i / m->count], opts,
					       err));
		FORWARD_IF_ERROR(suite_finish_dataset(s, i, err));
	}
	FORWARD_IF_ERROR(suite_build_doc(s, m->now, opts->generated_at, opts->show_paths, err));
	return suite_write_city(s, err);
}

int dqa_suite_merge(dqa_suite **out, const char *const *paths, size_t n,
		    const dqa_merge_options *opts, dqa_suite_sink *sink, dqa_error *err)
{
	*out = NULL;
	if (n == 0)
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS, NULL, "no state files given");
	if (opts->rules)
		return error_at(err, DQA_EARG, NULL, DQA_NOPOS, NULL,
				"suite states take no rule file: the suite file names them");
	struct suite_state *files = calloc(n, sizeof *files);
	RETURN_IF_NOMEM(files, err);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = suite_state_open(&files[i], paths[i], err);
	if (rc == 0)
		rc = state_check_shards(files, n, sizeof *files, ref_of,
					"merge the states of one suite run: same suite file and options",
					err);
	struct dqa_suite *s = NULL;
	if (rc == 0)
		rc = load_suite(&s, &files[0].meta, err);
	if (rc == 0) {
		s->sink = sink;
		rc = merge(s, files, opts, err);
	}
	for (size_t i = 0; i < n; i++)
		suite_state_close(&files[i]);
	free(files);
	if (rc < 0) {
		dqa_suite_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

bool dqa_state_is_suite(const char *path)
{
	FILE *f = fopen(path, "rb");
	char magic[8];
	bool suite = f && fread(magic, 1, sizeof magic, f) == sizeof magic &&
		     memcmp(magic, state_suite_kind.magic, sizeof magic) == 0;
	if (f)
		fclose(f);
	return suite;
}
