#include "inflate.h"

#include <stdlib.h>
#include <zlib.h>

struct inflater {
	z_stream stream;
	bool ready;
};

struct inflater *inflater_new(void)
{
	struct inflater *z = calloc(1, sizeof *z);
	/* 15 + 16: a gzip wrapper around a 32 KiB window. */
	if (z && inflateInit2(&z->stream, 15 + 16) != Z_OK) {
		free(z);
		return NULL;
	}
	return z;
}

void inflater_reset(struct inflater *z)
{
	inflateReset(&z->stream);
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
