/* Header names: UTF-8 required (a rule file could not name them
 * otherwise), blank ones numbered, duplicates refused all at once. */
#include "header.h"

#include <stdio.h>
#include <string.h>

#include "../util/strset.h"
#include "transcode.h"
#include "../util/values.h"

/* Room for the names listed in one message. */
enum { LIST_CAP = 512 };

static struct dqa_pos header_pos(const struct record *header)
{
	return (struct dqa_pos){(unsigned)header->line, 1, 1};
}

static int not_utf8(const struct record *header, size_t i, const char *input, dqa_error *err)
{
	const char *s = header->fields[i];
	size_t len = header->lens[i];
	size_t bad = utf8_valid_prefix(s, len);
	const char *guess = encoding_guess(s, len);
	char hint[160];
	snprintf(hint, sizeof hint, "set dataset: {encoding: %s}, the encoding the file was "
		 "saved in, or save it as CSV UTF-8", guess ? guess : "NAME");
	return error_at(err, DQA_EINPUT, input, header_pos(header), hint,
			"header field %zu is not valid UTF-8 (byte 0x%02X at offset %zu)", i + 1,
			(unsigned char)s[bad], bad);
}

/* Appends "'name' (fields 2 and 4)" for each name seen twice or more. */
static int duplicates(char **names, size_t n, const struct record *header, const char *input,
		      dqa_error *err)
{
	struct strset seen = STRSET_INIT;
	char list[LIST_CAP] = "";
	size_t used = 0, found = 0;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		uint64_t first = i;
		int added = strset_put(&seen, names[i], strlen(names[i]), &first);
		if (added < 0)
			rc = error_nomem(err);
		else if (!added && used < sizeof list)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s'%s' (fields %llu and %zu)",
						 found++ ? ", " : "", names[i],
						 (unsigned long long)first + 1, i + 1);
		else if (!added)
			found++;
	}
	strset_release(&seen);
	if (rc == 0 && found)
		rc = error_at(err, DQA_EINPUT, input, header_pos(header),
			      "rename them in the extract, so that every column has its own name",
			      "duplicate column%s in the header: %s", found > 1 ? "s" : "", list);
	return rc;
}

int header_names(const struct record *header, const char *input, struct arena *a,
		 char ***out, const char **note, dqa_error *err)
{
	*note = NULL;
	char **names = arena_alloc(a, (header->n + 1) * sizeof *names);
	RETURN_IF_NOMEM(names, err);
	char list[LIST_CAP] = "";
	size_t used = 0, nblank = 0;
	for (size_t i = 0; i < header->n; i++) {
		if (utf8_valid_prefix(header->fields[i], header->lens[i]) != header->lens[i])
			return not_utf8(header, i, input, err);
		if (!value_blank(header->fields[i], header->lens[i])) {
			names[i] = arena_strndup(a, header->fields[i], header->lens[i]);
			RETURN_IF_NOMEM(names[i], err);
			continue;
		}
		char name[32];
		snprintf(name, sizeof name, "column_%zu", i + 1);
		RETURN_IF_NOMEM(names[i] = arena_strdup(a, name), err);
		if (used < sizeof list)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%zu",
						 nblank ? ", " : "", i + 1);
		nblank++;
	}
	names[header->n] = NULL;
	FORWARD_IF_ERROR(duplicates(names, header->n, header, input, err));
	if (nblank) {
		char text[LIST_CAP + 96];
		snprintf(text, sizeof text, "header (line %llu): field%s %s ha%s no name, read as column_N",
			 (unsigned long long)header->line, nblank > 1 ? "s" : "", list,
			 nblank > 1 ? "ve" : "s");
		RETURN_IF_NOMEM(*note = arena_strdup(a, text), err);
	}
	*out = names;
	return 0;
}
