/* DNS names in the letter-digit-hyphen form of RFC 1123 (internationalised
 * names must be written in their xn-- form). */
#include "hostname.h"

#include <stdint.h>

enum { NAME_MAX_BYTES = 253, LABEL_MAX_BYTES = 63 };

/* A letter, digit or hyphen: a bit per ASCII byte, below 64 and from 64
 * (a table, not a chain of ranges, on every byte of every address). */
static bool ldh(unsigned char c)
{
	const uint64_t below_64 = 0x3FFULL << '0' | 1ULL << '-';
	const uint64_t from_64 = 0x3FFFFFFULL << ('A' - 64) | 0x3FFFFFFULL << ('a' - 64);
	return c < 64 ? below_64 >> c & 1 : c < 128 && (from_64 >> (c - 64) & 1);
}

/* Label by label: its bytes, then its length and ends; the name's last
 * label must not be all digits. */
const char *hostname_problem(const char *s, size_t len)
{
	if (len == 0)
		return "empty domain";
	if (len > NAME_MAX_BYTES)
		return "domain longer than 253 characters";
	size_t labels = 0, start = 0;
	for (;;) {
		size_t i = start;
		bool all_digits = true;
		for (; i < len && s[i] != '.'; i++) {
			unsigned char c = (unsigned char)s[i];
			if (!ldh(c))
				return c >= 0x80 ? "non-ASCII domain (write it as xn--...)"
						 : "domain has a character other than letters, digits, '-' and '.'";
			all_digits = all_digits && c >= '0' && c <= '9';
		}
		size_t n = i - start;
		if (n == 0)
			return "empty domain label";
		if (n > LABEL_MAX_BYTES)
			return "domain label longer than 63 characters";
		if (s[start] == '-' || s[i - 1] == '-')
			return "domain label starts or ends with '-'";
		labels++;
		if (i == len) {
			if (labels < 2)
				return "domain needs a dot";
			return all_digits ? "top-level domain is all digits" : NULL;
		}
		start = i + 1;
	}
}
