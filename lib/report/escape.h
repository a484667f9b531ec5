/* Putting values from data and rules into reports safely: HTML, XML,
 * CSV (with formula injection defused), Markdown and the terminal. Each format has one
 * escaper, taking len bytes (the _put forms take a NUL-terminated string);
 * a NUL byte, which sample values keep, shows as U+2400 (␀) in all four. */
#ifndef DQA_REPORT_ESCAPE_H
#define DQA_REPORT_ESCAPE_H

#include "../util/strbuf.h"

/* HTML text or attribute value: & < > " ' escaped, other control
 * characters (which HTML forbids) shown as U+FFFD. */
void html_putn(struct strbuf *sb, const char *s, size_t len);
void html_put(struct strbuf *sb, const char *s);
/* XML 1.0 text or attribute value: escaped, and the characters XML cannot
 * carry at all (controls other than tab, LF, CR) dropped, NUL aside. */
void xml_putn(struct strbuf *sb, const char *s, size_t len);
void xml_put(struct strbuf *sb, const char *s);
/* One CSV text cell (RFC 4180 quoting). A cell a spreadsheet would run as a
 * formula (first character = + - @ tab CR) gets a leading single quote. */
void csv_putn(struct strbuf *sb, const char *s, size_t len);
void csv_put(struct strbuf *sb, const char *s);
/* The same cell written at out, which has room for CSV_CELL_MAX(len)
 * bytes (each byte at most a three-byte NUL sign, two quotes and the
 * defusing one); returns the end of what was written (no NUL). */
#define CSV_CELL_MAX(len) (3 * (size_t)(len) + 3)
char *csv_cell(char *out, const char *s, size_t len);
/* Markdown table-cell text: punctuation Markdown or HTML would interpret is
 * backslash-escaped, line breaks become spaces. */
void md_putn(struct strbuf *sb, const char *s, size_t len);
void md_put(struct strbuf *sb, const char *s);

/* Terminal text: at most max characters (code points) of s, control
 * characters and invalid UTF-8 shown as '?', so data cannot move the
 * cursor or recolour the screen. Returns the characters written. */
size_t term_put(struct strbuf *sb, const char *s, size_t max);
/* term_put padded with spaces to width characters (cut to it, its last
 * character then an ellipsis): a column. */
void term_put_padded(struct strbuf *sb, const char *s, size_t width);

#endif
