/* Where records end, found without parsing fields: the quote state of the
 * reader's grammar (csv_chunk.h), tracked exactly, so that input can be cut into chunks that
 * each start at a record boundary (a parallel scan needs no guessing). */
#ifndef DQA_CSV_BOUNDARY_H
#define DQA_CSV_BOUNDARY_H

#include <stddef.h>

/* buf starts at a record boundary. Returns the offset just past the last
 * line end in buf[0..len) after which a new record starts (outside any
 * quoted field; a CR only when a byte other than '\n' follows it in buf),
 * or 0 when there is none. */
size_t csv_last_boundary(const char *buf, size_t len, char delimiter, char quote);

/* Like csv_last_boundary, but the first such offset: where the first
 * record (the header) ends. */
size_t csv_first_boundary(const char *buf, size_t len, char delimiter, char quote);

#endif
