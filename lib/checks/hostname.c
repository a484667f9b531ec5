/* DNS names in the letter-digit-hyphen form of RFC 1123 (internationalised
 * names must be written in their xn-- form). */
#include "hostname.h"

enum { NAME_MAX_BYTES = 253, LABEL_MAX_BYTES = 63 };

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

const char *hostname_problem(const char *s, size_t len)
{
	if (len == 0)
		return "empty domain";
	if (len > NAME_MAX_BYTES)
		return "domain longer than 253 characters";
	size_t labels = 0, start = 0;
	bool all_digits = true;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '.') {
			if (!is_alnum(s[i]) && s[i] != '-')
				return (unsigned char)s[i] >= 0x80
					? "non-ASCII domain (write it as xn--...)"
					: "domain has a character other than letters, digits, '-' and '.'";
			all_digits = all_digits && s[i] >= '0' && s[i] <= '9';
			continue;
		}
		size_t n = i - start;
		if (n == 0)
			return "empty domain label";
		if (n > LABEL_MAX_BYTES)
			return "domain label longer than 63 characters";
		if (s[start] == '-' || s[i - 1] == '-')
			return "domain label starts or ends with '-'";
		labels++;
		if (i < len)
			all_digits = true;
		start = i + 1;
	}
	if (labels < 2)
		return "domain needs a dot";
	if (all_digits)
		return "top-level domain is all digits";
	return NULL;
}
