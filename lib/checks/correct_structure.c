/* correct.structure (implicit): a record has as many fields as the header.
 * Short rows read their missing fields as empty; extra fields are ignored. */
#include "check.h"
#include <stdio.h>


static bool structure_row(struct bound_check *b, const struct plan_row *row, char *note,
			  size_t cap)
{
	if (row->nfields_read == b->plan->nheader)
		return true;
	if (note)
		snprintf(note, cap, "%zu fields, the header has %zu", row->nfields_read,
			 b->plan->nheader);
	return false;
}

const struct check_ops check_structure = {
	.kind = "structure", .scope = SCOPE_ROW, .shape = SHAPE_NONE, .implicit = true,
	.row = structure_row,
};
