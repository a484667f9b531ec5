/* An archive entry (zip_entry.h) inflated ahead by a thread of its own
 * into a small ring of buffers while the caller parses what came before:
 * a sheet's inflating and its XML then share two cores. The ring bounds
 * how far the thread runs ahead (a ZIP bomb inflates no further than the
 * caller reads). Used by xlsx_part.c. */
#ifndef DQA_ZIP_PIPE_H
#define DQA_ZIP_PIPE_H

#include <stddef.h>

struct zip_entry;
struct zip_pipe;

/* Starts inflating e (open, not read yet); NULL when out of memory. For
 * an entry of one buffer or less, or when the thread cannot be started,
 * zip_pipe_read inflates on the caller's thread instead. */
struct zip_pipe *zip_pipe_start(struct zip_entry *e);

/* As zip_entry_read: fills out[0, cap) with the entry's next bytes, how
 * many (fewer only at its end), or zip_entry_read's negative error. */
long zip_pipe_read(struct zip_pipe *p, char *out, size_t cap);

/* Stops the thread, wherever it is, and frees the pipe; the entry can be
 * closed then. */
void zip_pipe_stop(struct zip_pipe *p);

#endif
