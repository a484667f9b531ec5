/* correct.email: a practical e-mail address check, not full RFC 5322:
 * LOCAL@DOMAIN with one '@', an unquoted dot-atom local part and a DNS
 * domain name (hostname.h). Notes name the rule, never the address. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "hostname.h"
#include "note.h"
#include "value_tests.h"

enum { ADDRESS_MAX_BYTES = 254, LOCAL_MAX_BYTES = 64 };

/* Letters, digits and !#$%&'*+/=?^_`{|}~-. (RFC 5322 atext and the dot):
 * a bit per ASCII byte, below 64 and from 64, not strchr on every byte. */
static bool local_char(char c)
{
	const uint64_t below_64 = 0x3FFULL << '0' | 1ULL << '!' | 1ULL << '#' | 1ULL << '$' |
				  1ULL << '%' | 1ULL << '&' | 1ULL << '\'' | 1ULL << '*' | 1ULL << '+' |
				  1ULL << '/' | 1ULL << '=' | 1ULL << '?' | 1ULL << '-' | 1ULL << '.';
	const uint64_t from_64 = 0x3FFFFFFULL << ('A' - 64) | 0x3FFFFFFULL << ('a' - 64) |
				 1ULL << ('^' - 64) | 1ULL << ('_' - 64) | 1ULL << ('`' - 64) |
				 1ULL << ('{' - 64) | 1ULL << ('|' - 64) | 1ULL << ('}' - 64) |
				 1ULL << ('~' - 64);
	unsigned char u = (unsigned char)c;
	return u < 64 ? below_64 >> u & 1 : u < 128 && (from_64 >> (u - 64) & 1);
}

static const char *local_problem(const char *s, size_t len)
{
	if (len == 0)
		return "empty local part";
	if (len > LOCAL_MAX_BYTES)
		return "local part longer than 64 characters";
	if (s[0] == '.' || s[len - 1] == '.')
		return "local part starts or ends with '.'";
	for (size_t i = 0; i < len; i++) {
		if (!local_char(s[i]))
			return (unsigned char)s[i] >= 0x80 ? "non-ASCII local part"
				: "local part has a character outside letters, digits and !#$%&'*+/=?^_`{|}~-.";
		if (s[i] == '.' && s[i + 1] == '.')
			return "local part has '..'";
	}
	return NULL;
}

bool email_valid(const char *s, size_t len, char *note, size_t cap)
{
	const char *at = memchr(s, '@', len);
	if (!at)
		return note_fail(note, cap, true, "missing '@'", NULL);
	size_t local_len = (size_t)(at - s);
	if (memchr(at + 1, '@', len - local_len - 1))
		return note_fail(note, cap, true, "more than one '@'", NULL);
	if (len > ADDRESS_MAX_BYTES)
		return note_fail(note, cap, true, "longer than 254 characters", NULL);
	const char *why = local_problem(s, local_len);
	if (!why)
		why = hostname_problem(at + 1, len - local_len - 1);
	return why ? note_fail(note, cap, true, why, NULL) : true;
}

static bool email_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	return email_valid(row->fields[b->cols[0]], row->lens[b->cols[0]], note, cap);
}

const struct check_ops check_email = {
	.kind = "email", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .row = email_row,
};
