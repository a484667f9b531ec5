/* Varints and length-prefixed strings for shard state files (codec.h). */
#include "codec.h"

#include <string.h>

enum { VARINT_MAX = 10 };

void state_put_u64(struct strbuf *sb, uint64_t v)
{
	unsigned char buf[VARINT_MAX];
	size_t n = 0;
	do {
		buf[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		buf[n++] |= v ? 0x80 : 0;
	} while (v);
	strbuf_add(sb, buf, n);
}

void state_put_i64(struct strbuf *sb, int64_t v)
{
	state_put_u64(sb, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

void state_put_bool(struct strbuf *sb, bool v)
{
	state_put_u64(sb, v ? 1 : 0);
}

void state_put_bytes(struct strbuf *sb, const void *data, size_t len)
{
	state_put_u64(sb, len);
	strbuf_add(sb, data, len);
}

void state_put_str(struct strbuf *sb, const char *s)
{
	if (!s) {
		state_put_u64(sb, 0);
		return;
	}
	state_put_strn(sb, s, strlen(s));
}

void state_put_strn(struct strbuf *sb, const char *s, size_t len)
{
	state_put_u64(sb, len + 1);
	strbuf_add(sb, s, len);
}

uint64_t state_get_u64(struct state_in *in)
{
	uint64_t v = 0;
	for (unsigned shift = 0; !in->bad && shift < 7 * VARINT_MAX; shift += 7) {
		if (in->p >= in->end)
			break;
		unsigned char c = *in->p++;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
	}
	in->bad = true;
	return 0;
}

unsigned state_get_u32(struct state_in *in)
{
	uint64_t v = state_get_u64(in);
	in->bad |= v > UINT32_MAX;
	return (unsigned)v;
}

int64_t state_get_i64(struct state_in *in)
{
	uint64_t z = state_get_u64(in);
	return (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
}

bool state_get_bool(struct state_in *in)
{
	uint64_t v = state_get_u64(in);
	if (v > 1)
		in->bad = true;
	return v == 1;
}

const unsigned char *state_get_bytes(struct state_in *in, size_t *len)
{
	uint64_t n = state_get_u64(in);
	if (in->bad || n > (uint64_t)(in->end - in->p)) {
		in->bad = true;
		*len = 0;
		return NULL;
	}
	const unsigned char *at = in->p;
	in->p += n;
	*len = (size_t)n;
	return at;
}

const char *state_get_view(struct state_in *in, size_t *len)
{
	uint64_t n = state_get_u64(in);
	*len = 0;
	if (in->bad || n == 0)
		return NULL;
	if (n - 1 > (uint64_t)(in->end - in->p)) {
		in->bad = true;
		return NULL;
	}
	const char *s = (const char *)in->p;
	*len = (size_t)(n - 1);
	in->p += *len;
	return s;
}

const char *state_get_str(struct state_in *in, struct arena *a, bool *oom)
{
	size_t len;
	return state_get_strn(in, a, &len, oom);
}

const char *state_get_strn(struct state_in *in, struct arena *a, size_t *len, bool *oom)
{
	const char *view = state_get_view(in, len);
	if (!view)
		return NULL;
	const char *s = arena_strndup(a, view, *len);
	if (!s)
		*oom = true;
	return s;
}

size_t state_get_count(struct state_in *in, size_t min_bytes)
{
	uint64_t n = state_get_u64(in);
	if (in->bad || n > (uint64_t)(in->end - in->p) / (min_bytes ? min_bytes : 1)) {
		in->bad = true;
		return 0;
	}
	return (size_t)n;
}

size_t state_get_unit(struct state_in *in, const size_t *units, size_t nunits)
{
	uint64_t k = state_get_u64(in);
	if (in->bad || k >= nunits) {
		in->bad = true;
		return 0;
	}
	return units[k];
}

struct state_in state_get_blob(struct state_in *in)
{
	size_t len;
	const unsigned char *at = state_get_bytes(in, &len);
	return (struct state_in){at, at ? at + len : NULL, in->bad};
}
