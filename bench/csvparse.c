/* The speed-of-parsing reference of bench/run: a bare libcsv parse of one
 * CSV file (plain or gzip, read through zlib's gz layer as lib/source.c
 * does), set up as lib/csv_chunk.c sets it up (no space trimming). Prints
 * the records (header included) and fields it counted. */
#include <csv.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

enum { READ_SIZE = 256 * 1024 };

struct counts {
	uint64_t records, fields;
};

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void on_field(void *data, size_t len, void *opaque)
{
	(void)data, (void)len;
	((struct counts *)opaque)->fields++;
}

static void on_record(int terminator, void *opaque)
{
	(void)terminator;
	((struct counts *)opaque)->records++;
}

static int parse(gzFile in, struct csv_parser *p, struct counts *n, const char *path)
{
	static char buf[READ_SIZE];
	int got;
	while ((got = gzread(in, buf, sizeof buf)) > 0)
		if (csv_parse(p, buf, (size_t)got, on_field, on_record, n) != (size_t)got) {
			fprintf(stderr, "csvparse: %s: %s\n", path, csv_strerror(csv_error(p)));
			return -1;
		}
	if (got < 0) {
		int code;
		fprintf(stderr, "csvparse: %s: %s\n", path, gzerror(in, &code));
		return -1;
	}
	csv_fini(p, on_field, on_record, n);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: csvparse FILE\n");
		return 2;
	}
	int fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	gzFile in = fd < 0 ? NULL : gzdopen(fd, "rb");
	if (!in) {
		perror(argv[1]);
		return 3;
	}
	gzbuffer(in, READ_SIZE);
	struct csv_parser p;
	if (csv_init(&p, 0) != 0) {
		fprintf(stderr, "csvparse: out of memory\n");
		return 3;
	}
	csv_set_space_func(&p, no_space);
	struct counts n = {0, 0};
	int rc = parse(in, &p, &n, argv[1]);
	csv_free(&p);
	gzclose(in);
	if (rc == 0)
		printf("%" PRIu64 " records, %" PRIu64 " fields\n", n.records, n.fields);
	return rc == 0 ? 0 : 3;
}
