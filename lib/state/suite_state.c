/* Writing and reading suite state files (suite_state.h): the frame, what
 * suite run the shard belongs to, then each dataset it audited. */
#include <stdlib.h>
#include <string.h>

#include "suite_state.h"
#include "state.h"
#include "../util/error.h"

size_t suite_state_begin(struct strbuf *out, const struct suite_state_meta *m, size_t n)
{
	size_t start = frame_start(out);
	state_put_str(out, DQA_VERSION);
	state_put_str(out, m->suite_path);
	state_put_u64(out, m->suite_hash);
	state_put_u64(out, m->index);
	state_put_u64(out, m->count);
	state_put_u64(out, m->ndatasets);
	state_put_i64(out, m->now);
	state_put_u64(out, m->samples);
	state_put_u64(out, n);
	return start;
}

void suite_state_add(struct strbuf *out, size_t index, const char *name,
		     const struct strbuf *state)
{
	state_put_u64(out, index);
	state_put_str(out, name);
	state_put_bytes(out, state->buf ? state->buf : "", state->len);
	out->failed |= state->failed;
}

void suite_state_end(struct strbuf *out, size_t start)
{
	frame_seal(out, start, &state_suite_kind);
}

static int corrupt(const struct suite_state *f, const char *what, dqa_error *err)
{
	return frame_corrupt(&state_suite_kind, f->path, what, err);
}

static int read_meta(struct suite_state *f, struct state_in *in, dqa_error *err)
{
	struct suite_state_meta *m = &f->meta;
	bool oom = false;
	m->dqa_version = state_get_str(in, &f->arena, &oom);
	m->suite_path = state_get_str(in, &f->arena, &oom);
	m->suite_hash = state_get_u64(in);
	m->index = state_get_u32(in);
	m->count = state_get_u32(in);
	m->ndatasets = state_get_u64(in);
	m->now = state_get_i64(in);
	m->samples = state_get_u32(in);
	RETURN_NOMEM_UNLESS(!oom, err);
	if (in->bad || !m->dqa_version || !m->suite_path || m->index < 1 || m->index > m->count ||
	    m->samples > STATE_MAX_SAMPLES)
		return corrupt(f, "bad description of the suite run", err);
	return frame_check_dqa_version(f->path, m->dqa_version, err);
}

/* The datasets of shard I of N are I-1, I-1+N, ... (0-based), in order. */
static int read_datasets(struct suite_state *f, struct state_in *in, dqa_error *err)
{
	const struct suite_state_meta *m = &f->meta;
	f->n = state_get_count(in, 3);
	f->datasets = arena_alloc(&f->arena, (f->n + 1) * sizeof *f->datasets);
	RETURN_IF_NOMEM(f->datasets, err);
	bool oom = false;
	size_t want = m->index - 1;
	for (size_t k = 0; k < f->n && !in->bad; k++, want += m->count) {
		struct suite_state_dataset *d = &f->datasets[k];
		d->index = (size_t)state_get_u64(in);
		d->name = state_get_str(in, &f->arena, &oom);
		d->state = state_get_bytes(in, &d->len);
		in->bad |= d->index != want || want >= m->ndatasets || !d->name;
	}
	RETURN_NOMEM_UNLESS(!oom, err);
	if (in->bad || in->p != in->end || want < m->ndatasets)
		return corrupt(f, "its datasets do not fit its shard", err);
	return 0;
}

int suite_state_open(struct suite_state *f, const char *path, dqa_error *err)
{
	*f = (struct suite_state){.path = path};
	size_t len;
	FORWARD_IF_ERROR(state_read_file(path, &f->data, &len, err));
	struct state_in in;
	FORWARD_IF_ERROR(frame_open(&state_suite_kind, path, f->data, len, &in, err));
	FORWARD_IF_ERROR(read_meta(f, &in, err));
	return read_datasets(f, &in, err);
}

void suite_state_close(struct suite_state *f)
{
	free(f->data);
	arena_release(&f->arena);
	*f = (struct suite_state){0};
}
