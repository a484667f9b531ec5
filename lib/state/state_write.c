/* Writing a shard's plan as a state file (state.h): a fixed header (magic,
 * format version, CRC-32 and length of the payload), then the payload:
 * what audit it belongs to, then units, tallies and check states. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "state.h"
#include "../checks/check.h"

static void put_meta(struct strbuf *out, const struct plan *p, uint64_t rules_hash,
		     unsigned index, unsigned count)
{
	state_put_str(out, DQA_VERSION);
	state_put_str(out, p->rules->path);
	state_put_u64(out, rules_hash);
	state_put_u64(out, p->ninputs);
	for (size_t i = 0; i < p->ninputs; i++)
		state_put_str(out, p->inputs[i]);
	state_put_u64(out, index);
	state_put_u64(out, count);
	state_put_i64(out, p->opts.now);
	state_put_u64(out, p->opts.samples);
	state_put_str(out, p->opts.unit);
	state_put_u64(out, p->nheader);
	for (size_t i = 0; i < p->nheader; i++)
		state_put_str(out, p->header[i]);
	state_put_u64(out, 2 * p->nchecks);   /* id and kind of each */
	for (size_t i = 0; i < p->nchecks; i++) {
		state_put_str(out, p->checks[i].def->id);
		state_put_str(out, p->checks[i].def->ops->kind);
	}
}

static bool tally_used(const struct tally *t)
{
	return t->evaluated || t->failed || t->nsamples;
}

static void put_sample(struct strbuf *out, const struct res_sample *s)
{
	state_put_u64(out, s->input_index);
	state_put_u64(out, s->line);
	state_put_str(out, s->note);
	for (size_t v = 0; v < s->nvalues; v++)
		state_put_str(out, s->values[v]);
}

/* Per unit: its name and rows, then the tallies it has (most are empty). */
static void put_units(struct strbuf *out, struct plan *p)
{
	state_put_u64(out, p->rows);
	state_put_u64(out, p->nunits);
	for (size_t u = 0; u < p->nunits; u++) {
		state_put_str(out, p->unit_names[u]);
		state_put_u64(out, p->unit_rows[u]);
	}
	for (size_t u = 0; u < p->nunits; u++) {
		size_t used = 0;
		for (size_t i = 0; i < p->nchecks; i++)
			used += tally_used(plan_tally(p, u, i));
		state_put_u64(out, used);
		for (size_t i = 0; i < p->nchecks; i++) {
			const struct tally *t = plan_tally(p, u, i);
			if (!tally_used(t))
				continue;
			state_put_u64(out, i);
			state_put_u64(out, t->evaluated);
			state_put_u64(out, t->failed);
			state_put_u64(out, t->nsamples);
			for (size_t k = 0; k < t->nsamples; k++)
				put_sample(out, &t->samples[k]);
		}
	}
}

static int put_checks(struct strbuf *out, const struct plan *p, dqa_error *err)
{
	struct strbuf blob = STRBUF_INIT;
	for (size_t i = 0; i < p->nchecks; i++) {
		const struct bound_check *b = &p->checks[i];
		if (!b->def->ops->save) {
			/* State that merges but cannot be saved would merge wrong. */
			if (b->def->ops->merge) {
				strbuf_release(&blob);
				return dqa_fail(err, DQA_EARG, NULL, DQA_NOPOS, NULL,
						"check kind '%s' cannot be sharded yet",
						b->def->ops->kind);
			}
			continue;
		}
		strbuf_reset(&blob);
		b->def->ops->save(b, &blob);
		state_put_bytes(out, blob.buf ? blob.buf : "", blob.len);
		out->failed |= blob.failed;
	}
	strbuf_release(&blob);
	return 0;
}

/* The fixed header: magic, format version, CRC-32 and payload length. */
static void put_header(unsigned char *h, const struct strbuf *payload)
{
	uint32_t version = STATE_FORMAT;
	uint32_t crc = (uint32_t)crc32_z(0, (const unsigned char *)payload->buf, payload->len);
	uint64_t len = payload->len;
	memcpy(h, "DQASTATE", 8);
	for (int i = 0; i < 4; i++) {
		h[8 + i] = (unsigned char)(version >> (8 * i));
		h[12 + i] = (unsigned char)(crc >> (8 * i));
	}
	for (int i = 0; i < 8; i++)
		h[16 + i] = (unsigned char)(len >> (8 * i));
}

static int write_at(const char *path, const char *data, size_t len, dqa_error *err)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return dqa_write_file_atomic(".", path, data, len, err);
	char *dir = strndup(path, slash == path ? 1 : (size_t)(slash - path));
	RETURN_IF_NOMEM(dir, err);
	int rc = dqa_write_file_atomic(dir, slash + 1, data, len, err);
	free(dir);
	return rc;
}

int state_write(struct plan *p, unsigned index, unsigned count, const char *path,
		dqa_error *err)
{
	uint64_t rules_hash;
	FORWARD_IF_ERROR(state_rules_hash(p->rules->path, &rules_hash, err));
	struct strbuf out = STRBUF_INIT;
	static const char room[STATE_HEADER];
	strbuf_add(&out, room, sizeof room);   /* the header, once the payload is known */
	put_meta(&out, p, rules_hash, index, count);
	put_units(&out, p);
	int rc = put_checks(&out, p, err);
	if (rc == 0 && out.failed)
		rc = dqa_fail(err, DQA_ENOMEM, NULL, DQA_NOPOS, NULL, "out of memory");
	if (rc == 0) {
		struct strbuf payload = {out.buf + STATE_HEADER, out.len - STATE_HEADER, 0, false};
		put_header((unsigned char *)out.buf, &payload);
		rc = write_at(path, out.buf, out.len, err);
	}
	strbuf_release(&out);
	return rc;
}
