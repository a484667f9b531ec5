/* YAML scalars in the rule files dqa writes (suggest, import-schema). */
#include "yaml_write.h"

#include <string.h>
#include <strings.h>

const char *yaml_line_break(const char *s, size_t len, size_t *n)
{
	*n = 0;
	if (len >= 2 && memcmp(s, "\xC2\x85", 2) == 0)
		return *n = 2, "\\N";
	if (len >= 3 && memcmp(s, "\xE2\x80\xA8", 3) == 0)
		return *n = 3, "\\L";
	if (len >= 3 && memcmp(s, "\xE2\x80\xA9", 3) == 0)
		return *n = 3, "\\P";
	return NULL;
}

void yaml_put_scalar(struct strbuf *out, const char *s, size_t len)
{
	bool plain = len > 0 && !strchr("-?:,[]{}#&*!|>'\"%@` ", s[0]) && s[len - 1] != ' ';
	size_t n;
	for (size_t i = 0; plain && i < len; i++)
		plain = (unsigned char)s[i] >= 0x20 && s[i] != 0x7f &&
			!strchr(":#,[]{}\"'\\", s[i]) && !yaml_line_break(s + i, len - i, &n);
	static const char *const reserved[] = {"true", "false", "yes", "no", "null", "on",
					       "off", "y", "n", "~"};
	for (size_t i = 0; plain && i < sizeof reserved / sizeof *reserved; i++)
		plain = !(strlen(reserved[i]) == len && strncasecmp(reserved[i], s, len) == 0);
	/* Digits would read back as a number; the value is text. */
	bool numeric = true;
	for (size_t i = 0; i < len && numeric; i++)
		numeric = strchr("0123456789+-.eE", s[i]) && s[i];
	plain = plain && !numeric;
	if (plain) {
		strbuf_add(out, s, len);
		return;
	}
	strbuf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *brk = yaml_line_break(s + i, len - i, &n);
		if (brk) {
			strbuf_puts(out, brk);
			i += n - 1;
		} else if (c == '"' || c == '\\')
			strbuf_printf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			strbuf_printf(out, "\\x%02x", c);
		else
			strbuf_putc(out, (char)c);
	}
	strbuf_putc(out, '"');
}

