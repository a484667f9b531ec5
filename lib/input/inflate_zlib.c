#include "inflate.h"

#include <stdlib.h>
#include <zlib.h>

struct inflater {
	z_stream stream;
	bool raw;
	uLong crc;                /* of a raw stream's output */
};

static struct inflater *make(int window_bits)
{
	struct inflater *z = calloc(1, sizeof *z);
	if (z && inflateInit2(&z->stream, window_bits) != Z_OK) {
		free(z);
		return NULL;
	}
	if (z) {
		z->raw = window_bits < 0;
		z->crc = crc32(0, NULL, 0);
	}
	return z;
}

struct inflater *inflater_new(void)
{
	return make(15 + 16);     /* a gzip wrapper around a 32 KiB window */
}

struct inflater *inflater_new_raw(void)
{
	return make(-15);
}

void inflater_reset(struct inflater *z)
{
	inflateReset(&z->stream);
	z->crc = crc32(0, NULL, 0);
}

unsigned long inflater_crc(const struct inflater *z)
{
	return z->crc;
}

int inflater_run(struct inflater *z, const unsigned char *in, size_t in_len, size_t *consumed,
		 unsigned char *out, size_t out_cap, size_t *produced, bool *member_end,
		 const char **error)
{
	z_stream *s = &z->stream;
	s->next_in = (Bytef *)in;
	s->avail_in = (uInt)in_len;
	s->next_out = out;
	s->avail_out = (uInt)out_cap;
	int rc = inflate(s, Z_NO_FLUSH);
	*consumed = in_len - s->avail_in;
	*produced = out_cap - s->avail_out;
	*member_end = rc == Z_STREAM_END;
	if (z->raw)
		z->crc = crc32(z->crc, out, (uInt)*produced);
	if (rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR)
		return 0;
	*error = s->msg ? s->msg : "invalid gzip data";
	return -1;
}

void inflater_free(struct inflater *z)
{
	if (!z)
		return;
	inflateEnd(&z->stream);
	free(z);
}
