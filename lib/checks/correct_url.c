/* correct.url: an absolute web address SCHEME://[USER@]HOST[:PORT][/PATH]
 * [?QUERY][#FRAGMENT]; the scheme one of `schemes` (http and https by
 * default), the host a DNS name, an IPv4 address or a bracketed IPv6 one. */
#include <string.h>
#include <strings.h>

#include "check.h"
#include "hostname.h"
#include "note.h"
#include "value_tests.h"
#include "../util/values.h"

enum { PORT_MAX = 65535, IPV4_PARTS = 4, OCTET_MAX = 255 };

struct url_config {
	const char **schemes;
	size_t nschemes;
};

static bool scheme_char(char c, bool first)
{
	bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return alpha || (!first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
}

static int url_configure(struct check *c, const struct ynode *map, struct rules_ctx *ctx)
{
	static const char *default_schemes[] = {"http", "https"};
	struct url_config *cfg = arena_alloc(&ctx->rules->arena, sizeof *cfg);
	RETURN_IF_NOMEM(cfg, ctx->err);
	c->config = cfg;
	cfg->schemes = default_schemes;
	cfg->nschemes = 2;
	const struct ynode *v = map ? ymap_get(map, "schemes") : NULL;
	if (!v)
		return 0;
	FORWARD_IF_ERROR(param_string_list(ctx, v, "schemes", &cfg->schemes, &cfg->nschemes));
	for (size_t i = 0; i < cfg->nschemes; i++) {
		const char *s = cfg->schemes[i];
		bool ok = s[0] != '\0';
		for (size_t k = 0; s[k] && ok; k++)
			ok = scheme_char(s[k], k == 0);
		if (!ok)
			return rules_error(ctx, v->kind == YNODE_SEQ ? v->items[i] : v,
					   "a scheme is a letter then letters, digits, '+', '-' or '.'",
					   "bad scheme '%s'", s);
	}
	return 0;
}

static bool scheme_allowed(const char *const *schemes, size_t nschemes, const char *s, size_t len)
{
	for (size_t i = 0; i < nschemes; i++)
		if (strlen(schemes[i]) == len && strncasecmp(schemes[i], s, len) == 0)
			return true;
	return false;
}

/* Four dot-separated numbers 0-255; a name of digits and dots that is not
 * one is no host either. */
static bool ipv4(const char *s, size_t len)
{
	unsigned parts = 0, value = 0, digits = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] >= '0' && s[i] <= '9') {
			value = value * 10 + (unsigned)(s[i] - '0');
			if (++digits > 3 || value > OCTET_MAX)
				return false;
		} else if (i == len || s[i] == '.') {
			if (!digits)
				return false;
			parts++, value = 0, digits = 0;
		} else {
			return false;
		}
	}
	return parts == IPV4_PARTS;
}

static bool all_digits_and_dots(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && s[i] != '.')
			return false;
	return true;
}

static bool ipv6_literal(const char *s, size_t len)
{
	if (len < 2)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!strchr("0123456789abcdefABCDEF:.", s[i]))
			return false;
	return memchr(s, ':', len) != NULL;
}

/* HOST[:PORT] of the authority, userinfo already cut off. */
static const char *hostport_problem(const char *s, size_t len)
{
	const char *host = s, *port = NULL;
	size_t host_len = len;
	if (len && s[0] == '[') {
		const char *close = memchr(s, ']', len);
		if (!close || !ipv6_literal(s + 1, (size_t)(close - s) - 1))
			return "bad IPv6 address in brackets";
		host_len = (size_t)(close - s) + 1;
		if (host_len < len && s[host_len] != ':')
			return "text after the IPv6 address";
	} else {
		const char *colon = memchr(s, ':', len);
		host_len = colon ? (size_t)(colon - s) : len;
		if (host_len == 0)
			return "missing host";
		const char *why = all_digits_and_dots(s, host_len)
			? (ipv4(s, host_len) ? NULL : "bad IPv4 address")
			: hostname_problem(host, host_len);
		if (why)
			return why;
	}
	if (host_len < len) {
		port = s + host_len + 1;
		int64_t n;
		size_t port_len = len - host_len - 1;
		if (!port_len || port[0] == '+' || port[0] == '-' ||
		    !value_integer(port, port_len, &n) || n < 1 || n > PORT_MAX)
			return "port must be a number from 1 to 65535";
	}
	return NULL;
}

static bool hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Path, query and fragment: no spaces or control characters, '%' only as
 * %XX; UTF-8 text passes (an IRI), invalid UTF-8 does not. */
static const char *rest_problem(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ')
			return "space in the address (write %20)";
		if (c < 0x20 || c == 0x7F)
			return "control character in the address";
		if (c == '%' && !(i + 2 < len && hex(s[i + 1]) && hex(s[i + 2])))
			return "'%' not followed by two hex digits";
	}
	return utf8_valid_prefix(s, len) == len ? NULL : "invalid UTF-8 in the address";
}

bool url_valid(const char *s, size_t len, const char *const *schemes, size_t nschemes,
	       char *note, size_t cap)
{
	size_t i = 0;
	while (i < len && scheme_char(s[i], i == 0))
		i++;
	if (i == 0 || len - i < 3 || memcmp(s + i, "://", 3) != 0)
		return note_fail(note, cap, true, "missing SCHEME://", NULL);
	if (!scheme_allowed(schemes, nschemes, s, i))
		return note_fail(note, cap, true, "scheme not allowed", "%.*s", (int)i, s);
	const char *authority = s + i + 3;
	size_t rest = len - i - 3, auth_len = 0;
	while (auth_len < rest && !strchr("/?#", authority[auth_len]))
		auth_len++;
	const char *why = rest_problem(authority, rest);
	if (!why) {
		const char *at = NULL;
		for (size_t k = 0; k < auth_len; k++)
			if (authority[k] == '@')
				at = authority + k;
		const char *host = at ? at + 1 : authority;
		why = hostport_problem(host, auth_len - (size_t)(host - authority));
	}
	return why ? note_fail(note, cap, true, why, NULL) : true;
}

static bool url_row(struct bound_check *b, const struct plan_row *row, char *note, size_t cap)
{
	const struct url_config *cfg = b->def->config;
	return url_valid(row->fields[b->cols[0]], row->lens[b->cols[0]], cfg->schemes,
			 cfg->nschemes, note, cap);
}

static const char *const url_params[] = {"schemes", NULL};

const struct check_ops check_url = {
	.kind = "url", .scope = SCOPE_ROW, .shape = SHAPE_COLUMN, .params = url_params,
	.configure = url_configure, .row = url_row,
};
