/* File names of the unit pages under units/. Unit names come from the data,
 * so a name is used as is only when it is short and made of [A-Za-z0-9_-]
 * (upper case only when no other unit has the name in another case, so
 * that "CA.html" never meets "ca.html" on a file system that ignores case);
 * any other name becomes a slug (accents dropped) plus "~" and a hash of
 * the full name. No file name can leave the folder ('/', '..', NUL), and
 * names that differ only by case or collide after slugging get different
 * files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "report.h"

enum { PLAIN_MAX = 64, SLUG_MAX = 48 };

static bool plain_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

static bool is_plain(const char *name)
{
	size_t len = strlen(name);
	if (len == 0 || len > PLAIN_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!plain_char((unsigned char)name[i]))
			return false;
	return true;
}

/* FNV-1a: small, stable across platforms and runs. */
static uint32_t name_hash(const char *name)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

/* The letter a code point stands for in a slug, or 0 for a separator.
 * Decomposition has already split accents off; đ does not decompose. */
static char slug_letter(utf8proc_int32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')
		return (char)c;
	if (c == 0x110 || c == 0x111)   /* Đ đ */
		return 'd';
	return 0;
}

/* Names in UTF-8 lose their accents ("Phường Ngọc Hà" -> "phuong-ngoc-ha"):
 * decomposed, marks dropped. Other bytes (invalid UTF-8) are separators. */
static void slug(const char *name, char out[SLUG_MAX + 1])
{
	utf8proc_uint8_t *plain = NULL;
	bool mapped = utf8proc_map((const utf8proc_uint8_t *)name, 0, &plain,
				   UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
				   UTF8PROC_STRIPMARK) >= 0;
	const utf8proc_uint8_t *p = mapped ? plain : (const utf8proc_uint8_t *)name;
	size_t n = 0;
	while (*p && n < SLUG_MAX) {
		utf8proc_int32_t c = -1;
		utf8proc_ssize_t len = mapped ? utf8proc_iterate(p, -1, &c) : 1;
		if (!mapped)
			c = *p < 0x80 ? *p : -1;
		char letter = slug_letter(c);
		if (letter)
			out[n++] = letter;
		else if (n && out[n - 1] != '-')
			out[n++] = '-';
		p += len > 0 ? len : 1;
	}
	while (n && out[n - 1] == '-')
		n--;
	out[n] = '\0';
	free(plain);
}

static bool has_upper(const char *name)
{
	for (; *name; name++)
		if (*name >= 'A' && *name <= 'Z')
			return true;
	return false;
}

/* Whether another unit's name is this one in another letter case. */
static bool case_twin(const json_t *units, size_t self, const char *name)
{
	size_t i;
	json_t *u;
	json_array_foreach(units, i, u)
		if (i != self && strcasecmp(doc_str(u, "unit"), name) == 0)
			return true;
	return false;
}

static char *file_name(const char *name, bool plain_allowed)
{
	char buf[SLUG_MAX + 32];
	if (plain_allowed && is_plain(name)) {
		snprintf(buf, sizeof buf, "%s.html", name);
	} else {
		char s[SLUG_MAX + 1];
		slug(name, s);
		snprintf(buf, sizeof buf, "%s~%08x.html", s[0] ? s : "unit", name_hash(name));
	}
	return strdup(buf);
}

struct named {
	const char *file;
	size_t unit;
};

static int by_file(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	return c ? c : (x->unit > y->unit) - (x->unit < y->unit);
}

/* Two units left with one file name (a hash collision, or a hand-edited
 * result naming a unit twice): later ones get "~2", "~3", ... before
 * ".html", a form no plain name and no hashed name can take. */
static int separate_duplicates(struct dqa_report *rep, size_t n)
{
	struct named *sorted = malloc((n + 1) * sizeof *sorted);
	char **renamed = calloc(n + 1, sizeof *renamed);
	int rc = sorted && renamed ? 0 : -1;
	for (size_t i = 0; i < n && !rc; i++)
		sorted[i] = (struct named){rep->unit_files[i], i};
	if (!rc)
		qsort(sorted, n, sizeof *sorted, by_file);
	size_t copy = 1;
	for (size_t i = 1; i < n && !rc; i++) {
		copy = strcmp(sorted[i].file, sorted[i - 1].file) ? 1 : copy + 1;
		if (copy == 1)
			continue;
		size_t stem = strlen(sorted[i].file) - strlen(".html");
		char *name = malloc(stem + 32);
		if (!name)
			rc = -1;
		else
			snprintf(name, stem + 32, "%.*s~%zu.html", (int)stem, sorted[i].file, copy);
		renamed[sorted[i].unit] = name;
	}
	for (size_t i = 0; i < n && renamed; i++) {
		if (!renamed[i])
			continue;
		free(rep->unit_files[i]);
		rep->unit_files[i] = renamed[i];
	}
	free(renamed);
	free(sorted);
	return rc;
}

int report_name_units(struct dqa_report *rep)
{
	size_t n = json_array_size(rep->units);
	rep->unit_files = calloc(n + 1, sizeof *rep->unit_files);
	if (!rep->unit_files)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *name = doc_str(json_array_get(rep->units, i), "unit");
		rep->unit_files[i] = file_name(name, !has_upper(name) ||
						     !case_twin(rep->units, i, name));
		if (!rep->unit_files[i])
			return -1;
	}
	return separate_duplicates(rep, n);
}
