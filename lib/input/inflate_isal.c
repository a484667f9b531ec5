#include "inflate.h"

#include <isa-l/igzip_lib.h>
#include <stdlib.h>

struct inflater {
	struct inflate_state state;
	uint32_t wrapper;         /* ISAL_GZIP, or ISAL_GZIP_NO_HDR: raw, CRC kept */
};

static struct inflater *make(uint32_t wrapper)
{
	struct inflater *z = malloc(sizeof *z);
	if (z) {
		z->wrapper = wrapper;
		inflater_reset(z);
	}
	return z;
}

struct inflater *inflater_new(void)
{
	return make(ISAL_GZIP);
}

struct inflater *inflater_new_raw(void)
{
	return make(ISAL_GZIP_NO_HDR);
}

void inflater_reset(struct inflater *z)
{
	isal_inflate_init(&z->state);
	z->state.crc_flag = z->wrapper;
}

unsigned long inflater_crc(const struct inflater *z)
{
	return z->state.crc;
}

/* In zlib's words, which users may search for. */
static const char *describe(int rc)
{
	switch (rc) {
	case ISAL_INVALID_BLOCK: return "invalid block type";
	case ISAL_INVALID_SYMBOL: return "invalid code";
	case ISAL_INVALID_LOOKBACK: return "invalid distance too far back";
	case ISAL_INVALID_WRAPPER: return "incorrect header check";
	case ISAL_UNSUPPORTED_METHOD: return "unknown compression method";
	case ISAL_INCORRECT_CHECKSUM: return "incorrect data check";
	default: return "invalid gzip data";
	}
}

int inflater_run(struct inflater *z, const unsigned char *in, size_t in_len, size_t *consumed,
		 unsigned char *out, size_t out_cap, size_t *produced, bool *member_end,
		 const char **error)
{
	struct inflate_state *s = &z->state;
	s->next_in = (uint8_t *)in;
	s->avail_in = (uint32_t)in_len;
	s->next_out = out;
	s->avail_out = (uint32_t)out_cap;
	int rc = isal_inflate(s);
	*consumed = in_len - s->avail_in;
	*produced = out_cap - s->avail_out;
	*member_end = s->block_state == ISAL_BLOCK_FINISH;
	if (rc < 0) {
		*error = describe(rc);
		return -1;
	}
	return 0;
}

void inflater_free(struct inflater *z)
{
	free(z);
}
