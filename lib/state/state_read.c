/* Reading a state file back (state.h): the header is checked before a
 * byte of the payload is believed, and every read after it is bounded. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "state.h"
#include "../checks/check.h"
#include "../rowlog.h"

static int corrupt(const struct state_file *f, const char *what, dqa_error *err)
{
	return frame_corrupt(&state_dataset_kind, f->path, what, err);
}

/* A list of strings, each read as a count first. */
static const char **get_strings(struct state_file *f, struct state_in *in, size_t *n,
				bool *oom)
{
	*n = state_get_count(in, 1);
	const char **list = arena_alloc(&f->arena, (*n + 1) * sizeof *list);
	if (!list) {
		*oom = true;
		return NULL;
	}
	for (size_t i = 0; i < *n && !in->bad; i++)
		list[i] = state_get_str(in, &f->arena, oom);
	return list;
}

static void read_rows(struct state_file *f, struct state_in *in, bool *oom)
{
	struct state_meta *m = &f->meta;
	uint64_t kept = state_get_u64(in);
	in->bad |= kept > STATE_ROWS_RECORDS;
	m->rows_kept = (enum state_rows_kept)kept;
	if (in->bad || kept == STATE_ROWS_NONE)
		return;
	m->unmasked = state_get_bool(in);
	m->header_line = state_get_strn(in, &f->arena, &m->header_len, oom);
	m->eol = state_get_str(in, &f->arena, oom);
	m->rows.len = state_get_u64(in);
	uint64_t crc = state_get_u64(in);
	in->bad |= !m->header_line || !m->eol || crc > UINT32_MAX;
	m->rows.crc = (uint32_t)crc;
	m->sheets = arena_alloc(&f->arena, (m->ninputs + 1) * sizeof *m->sheets);
	if (!m->sheets) {
		*oom = true;
		return;
	}
	for (size_t i = 0; i < m->ninputs && !in->bad; i++)
		m->sheets[i] = state_get_str(in, &f->arena, oom);
}

static int read_meta(struct state_file *f, struct state_in *in, dqa_error *err)
{
	struct state_meta *m = &f->meta;
	bool oom = false;
	m->dqa_version = state_get_str(in, &f->arena, &oom);
	m->rules_path = state_get_str(in, &f->arena, &oom);
	m->rules_hash = state_get_u64(in);
	m->inputs = get_strings(f, in, &m->ninputs, &oom);
	m->index = state_get_u32(in);
	m->count = state_get_u32(in);
	m->now = state_get_i64(in);
	m->samples = state_get_u32(in);
	m->unit = state_get_str(in, &f->arena, &oom);
	m->header = get_strings(f, in, &m->nheader, &oom);
	size_t nids;
	m->check_ids = get_strings(f, in, &nids, &oom);
	m->nchecks = nids / 2;
	read_rows(f, in, &oom);
	RETURN_NOMEM_UNLESS(!oom, err);
	if (in->bad || !m->dqa_version || !m->rules_path || nids % 2 || !m->ninputs ||
	    !m->nheader || m->index < 1 || m->index > m->count)
		return corrupt(f, "bad description of the audit", err);
	for (size_t i = 0; i < m->ninputs; i++)
		if (!m->inputs[i])
			return corrupt(f, "bad input name", err);
	for (size_t i = 0; i < m->nheader; i++)
		if (!m->header[i])
			return corrupt(f, "bad column name", err);
	for (size_t i = 0; i < nids; i++)
		if (!m->check_ids[i])
			return corrupt(f, "bad check id", err);
	if (m->samples > STATE_MAX_SAMPLES)
		return corrupt(f, "bad number of samples", err);
	return frame_check_dqa_version(f->path, m->dqa_version, err);
}

int state_open_buffer(struct state_file *f, const char *path, const unsigned char *data,
		      size_t len, dqa_error *err)
{
	*f = (struct state_file){.path = path};
	FORWARD_IF_ERROR(frame_open(&state_dataset_kind, path, data, len, &f->plan_part, err));
	return read_meta(f, &f->plan_part, err);
}

int state_open(struct state_file *f, const char *path, dqa_error *err)
{
	unsigned char *data;
	size_t len;
	FORWARD_IF_ERROR(state_read_file(path, &data, &len, err));
	int rc = state_open_buffer(f, path, data, len, err);
	f->owned = data;
	return rc;
}

/* Maps the state's units to w's, adding their rows. */
static int load_units(struct state_in *in, struct plan *w, size_t **units, size_t *nunits,
		      dqa_error *err)
{
	w->rows += state_get_u64(in);
	*nunits = state_get_count(in, 2);
	*units = calloc(*nunits + 1, sizeof **units);
	RETURN_IF_NOMEM(*units, err);
	for (size_t k = 0; k < *nunits && !in->bad; k++) {
		size_t len;
		const char *name = state_get_view(in, &len);
		uint64_t rows = state_get_u64(in);
		in->bad |= !name;
		if (in->bad)
			break;
		long u = plan_unit(w, name, len);
		RETURN_NOMEM_UNLESS(u >= 0, err);
		(*units)[k] = (size_t)u;
		w->unit_rows[u] += rows;
	}
	return 0;
}

static int load_sample(struct state_in *in, struct plan *w, const struct bound_check *b,
		       struct res_sample *s, dqa_error *err)
{
	bool oom = false;
	uint64_t input = state_get_u64(in);
	*s = (struct res_sample){.line = state_get_u64(in), .input_index = (uint32_t)input,
				 .nvalues = b->def->ncols};
	s->note = state_get_str(in, w->out, &oom);
	s->cell = state_get_str(in, w->out, &oom);
	in->bad |= input >= w->ninputs;
	if (in->bad)
		return 0;
	if (w->ninputs > 1)
		s->input = w->inputs[input];
	s->names = arena_alloc(w->out, (s->nvalues + 1) * sizeof *s->names);
	s->values = arena_alloc(w->out, (s->nvalues + 1) * sizeof *s->values);
	s->lens = arena_alloc(w->out, (s->nvalues + 1) * sizeof *s->lens);
	RETURN_NOMEM_UNLESS(s->names && s->values && s->lens, err);
	for (size_t v = 0; v < s->nvalues; v++) {
		s->names[v] = w->header[b->cols[v]];
		s->values[v] = state_get_strn(in, w->out, &s->lens[v], &oom);
		in->bad |= !s->values[v] && !oom;
	}
	RETURN_NOMEM_UNLESS(!oom, err);
	s->nkeys = state_get_count(in, 4);
	in->bad |= s->nkeys != 0 && s->nkeys != w->nkey_cols;
	if (in->bad || !s->nkeys)
		return 0;
	s->keys = arena_alloc(w->out, (s->nkeys + 1) * sizeof *s->keys);
	s->key_lens = arena_alloc(w->out, (s->nkeys + 1) * sizeof *s->key_lens);
	RETURN_NOMEM_UNLESS(s->keys && s->key_lens, err);
	for (size_t k = 0; k < s->nkeys && !in->bad; k++) {
		s->keys[k] = state_get_strn(in, w->out, &s->key_lens[k], &oom);
		in->bad |= !s->keys[k] && !oom;
	}
	RETURN_NOMEM_UNLESS(!oom, err);
	return 0;
}

static int load_tallies(struct state_in *in, struct plan *w, const size_t *units,
			size_t nunits, dqa_error *err)
{
	for (size_t k = 0; k < nunits && !in->bad; k++) {
		size_t used = state_get_count(in, 4);
		for (size_t j = 0; j < used && !in->bad; j++) {
			uint64_t check = state_get_u64(in);
			in->bad |= check >= w->nchecks;
			if (in->bad)
				break;
			struct tally *t = plan_tally(w, units[k], (size_t)check);
			t->evaluated = state_get_u64(in);
			t->failed = state_get_u64(in);
			uint64_t nsamples = state_get_u64(in);
			in->bad |= nsamples > w->opts.samples || t->failed > t->evaluated;
			if (in->bad || !nsamples)
				continue;
			/* A loaded plan is only read by plan_merge: room for its own. */
			t->samples = arena_alloc(w->out, nsamples * sizeof *t->samples);
			RETURN_IF_NOMEM(t->samples, err);
			for (t->nsamples = 0; t->nsamples < nsamples && !in->bad; t->nsamples++)
				FORWARD_IF_ERROR(load_sample(in, w, &w->checks[check],
							     &t->samples[t->nsamples], err));
		}
	}
	return 0;
}

static int load_checks(struct state_in *in, struct plan *w, const size_t *units,
		       size_t nunits, dqa_error *err)
{
	for (size_t i = 0; i < w->nchecks && !in->bad; i++) {
		struct bound_check *b = &w->checks[i];
		if (!b->def->ops->load)
			continue;
		struct state_in blob = state_get_blob(in);
		if (blob.bad)
			break;
		FORWARD_IF_ERROR(b->def->ops->load(b, &blob, units, nunits, err));
		in->bad |= blob.bad || blob.p != blob.end;
	}
	return 0;
}

int state_load(struct state_file *f, struct plan *w, dqa_error *err)
{
	struct state_in *in = &f->plan_part;
	int rc = load_units(in, w, &f->units, &f->nunits, err);
	if (rc == 0)
		rc = load_tallies(in, w, f->units, f->nunits, err);
	if (rc == 0)
		rc = load_checks(in, w, f->units, f->nunits, err);
	if (rc == 0 && (in->bad || in->p != in->end))
		rc = corrupt(f, "its counts do not fit the rule set", err);
	return rc;
}

/* The rows file of f, opened, when it is the one f describes. */
static int open_rows(const struct state_file *f, const char *path, FILE **out, dqa_error *err)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return error_at(err, DQA_EINPUT, path, DQA_NOPOS,
				"keep each state with the .rows file its shard wrote beside it",
				"cannot read the shard's kept rows: %s", strerror(errno));
	unsigned char buf[1 << 16];
	uLong crc = 0;
	uint64_t len = 0;
	for (size_t n; (n = fread(buf, 1, sizeof buf, in)) > 0; len += n)
		crc = crc32_z(crc, buf, n);
	if (ferror(in) || len != f->meta.rows.len || crc != f->meta.rows.crc ||
	    fseek(in, 0, SEEK_SET) != 0) {
		fclose(in);
		return error_at(err, DQA_EINPUT, path, DQA_NOPOS,
				"keep each state with the .rows file its shard wrote beside it",
				"not the kept rows of %s: their length or checksum differs", f->path);
	}
	*out = in;
	return 0;
}

int state_add_rows(const struct state_file *f, struct rowlog *log, dqa_error *err)
{
	size_t n = strlen(f->path) + sizeof STATE_ROWS_SUFFIX;
	char *path = malloc(n);
	RETURN_IF_NOMEM(path, err);
	snprintf(path, n, "%s" STATE_ROWS_SUFFIX, f->path);
	FILE *in = NULL;
	int rc = open_rows(f, path, &in, err);
	free(path);
	FORWARD_IF_ERROR(rc);
	if (!rowlog_add_saved(log, in, f->units, f->nunits)) {
		fclose(in);
		return error_nomem(err);
	}
	return 0;
}

void state_close(struct state_file *f)
{
	free(f->units);
	free(f->owned);
	arena_release(&f->arena);
	*f = (struct state_file){0};
}
