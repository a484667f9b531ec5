/* The page shell shared by index.html and units/UNIT.html. Every page carries
 * its own small stylesheet so it stays one self-contained file. */
#include <math.h>

#include "escape.h"
#include "html.h"
#include "labels.h"
#include "messages.h"

static const char stylesheet[] =
	":root{--pass:#2e7d32;--warn:#f9a825;--fail:#c62828;--missing:#6a1b9a;--na:#9e9e9e}"
	"*{box-sizing:border-box}"
	"body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",Arial,"
	"sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}"
	"header,main,footer{max-width:1120px;margin:0 auto;padding:10px 16px}"
	"header{background:#fff;border-bottom:1px solid #ddd;max-width:none}"
	"header>*{max-width:1088px;margin-left:auto;margin-right:auto}"
	"h1{font-size:1.45em;margin:.2em auto}h2{font-size:1.15em;margin:1.4em 0 .5em}"
	"h3{font-size:1em;margin:1.2em 0 .3em}"
	".meta{color:#555;font-size:.88em;display:flex;flex-wrap:wrap;gap:2px 18px;padding:0;"
	"list-style:none}"
	".cards{display:flex;flex-wrap:wrap;gap:8px;margin:10px auto}"
	".card{background:#fff;border:1px solid #ddd;border-top:4px solid var(--na);"
	"border-radius:6px;padding:6px 12px;min-width:118px;flex:1 1 118px}"
	".card.big{flex:2 1 200px}.card small{color:#555;display:block}"
	".card b{display:block;font-size:1.5em;font-variant-numeric:tabular-nums}"
	".card.big b{font-size:2.2em}"
	".b-pass{border-top-color:var(--pass)}.b-warn{border-top-color:var(--warn)}"
	".b-fail{border-top-color:var(--fail)}.b-missing{border-top-color:var(--missing)}"
	".st{display:inline-block;padding:0 8px;border-radius:9px;color:#fff;font-size:.82em;"
	"white-space:nowrap;background:var(--na)}"
	".st-pass{background:var(--pass)}.st-warn{background:var(--warn);color:#000}"
	".st-fail{background:var(--fail)}.st-missing{background:var(--missing)}"
	"table{border-collapse:collapse;width:100%;background:#fff}"
	"th,td{padding:3px 8px;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}"
	"th{background:#eef0f3;font-weight:600}.n{text-align:right;font-variant-numeric:tabular-nums}"
	"td.c-pass{background:#c8e6c9}td.c-warn{background:#fff59d}td.c-fail{background:#ffcdd2}"
	"td.c-missing{background:#e1bee7}td.c-na{color:#888}"
	".scroll{overflow-x:auto;max-width:100%}"
	"th[data-sort]{cursor:pointer;user-select:none;white-space:nowrap}"
	"th[data-sort]::after{content:\" \\2195\";color:#999}"
	".tools{display:flex;gap:8px;margin:6px 0;flex-wrap:wrap}"
	"input,select{font:inherit;padding:4px 6px;border:1px solid #bbb;border-radius:4px}"
	".charts{display:flex;flex-wrap:wrap;gap:16px}.charts>section{flex:1 1 340px;min-width:0}"
	"svg{max-width:100%;height:auto;background:#fff}svg text{font-size:11px;fill:#333}"
	".h-pass{fill:var(--pass)}.h-warn{fill:var(--warn)}.h-fail{fill:var(--fail)}"
	".h-missing{fill:var(--missing)}.h-na{fill:var(--na)}"
	".bar{height:12px;min-width:120px;font-size:1px;"
	"background:linear-gradient(to right,var(--fail) var(--w),#e6e6e6 0)}"
	".empty{color:#888;font-style:italic}"
	".hint{background:#fff8e1;border-left:4px solid var(--warn);padding:6px 10px;margin:6px 0}"
	".notice{background:#f3e5f5;border-left:4px solid var(--missing);padding:6px 10px}"
	"code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}"
	"td.v code{overflow-wrap:anywhere;white-space:pre-wrap}td.n,td.key code{white-space:nowrap}"
	".cid{display:block;color:#555;font-size:.8em;font-weight:normal}"
	"ul.reasons{margin:0;padding-left:1.1em}ul.reasons li+li{margin-top:.25em}"
	".tall{max-height:85vh;overflow:auto}table.hm thead th{position:sticky;top:0;z-index:1}"
	".charts>section.wide{flex-basis:100%}.charts svg{max-width:560px}table.bars th{white-space:nowrap}details>summary{cursor:pointer;margin:1em 0 .5em}"
	"section.fix{background:#fff;border:1px solid #ddd;border-left:4px solid var(--fail);"
	"border-radius:6px;padding:2px 14px 8px;margin:12px 0}section.fix p{margin:.4em 0}"
	"table.samples{width:auto;min-width:40%}.charts svg{width:100%}"
	".down,.card.down b{color:var(--fail)}.up,.card.up b{color:var(--pass)}"
	"a{color:#0b57d0}footer{color:#666;font-size:.85em}"
	"svg.spark{background:none;vertical-align:middle;height:auto}"
	"svg.spark polyline{fill:none;stroke:#0b57d0;stroke-width:1.5}"
	"td.spark small{margin-left:4px}figure{margin:0}figcaption{font-size:.88em;color:#555}"
	"figure svg.spark{background:#fff;width:100%;max-width:640px}"
	"svg.map{display:block;width:100%;max-width:640px;margin:0 auto}"
	"svg.map path{stroke:#fff;stroke-width:.6;fill-rule:evenodd}"
	"svg.map a:hover path,svg.map a:focus path{stroke:#000;stroke-width:1.5}"
	"svg.map .hatch{stroke:var(--missing);stroke-width:1.5}"
	"svg.map path[fill]{stroke:var(--missing)}"
	".legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 14px;padding:0;margin:6px 0;"
	"font-size:.88em}.legend li::before{content:\"\";display:inline-block;width:14px;"
	"height:14px;margin-right:5px;vertical-align:-2px;border:1px solid #bbb}"
	".sw-pass::before{background:var(--pass)}.sw-warn::before{background:var(--warn)}"
	".sw-fail::before{background:var(--fail)}.sw-na::before{background:var(--na)}"
	".sw-hatch::before{background:repeating-linear-gradient(45deg,#fff 0 2px,var(--missing) 2px "
	"3.5px)}"
	"@media (max-width:600px){body{font-size:14px}th,td{padding:3px 5px}.bar{min-width:40px}"
	".bars td.n{white-space:normal}"
	/* Phones: rows of a stacked table become cards, each value under its
	 * column's name (data-l), instead of a table scrolling sideways. */
	"table.stack thead{display:none}table.stack,table.stack tbody{display:block}"
	"table.stack tr{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:0 6px;"
	"border:1px solid #ddd;border-radius:6px;margin:0 0 8px;padding:4px 2px}"
	"table.stack tr[hidden]{display:none}"
	"table.stack td{display:block;border:0;text-align:left;padding:1px 5px}"
	"table.stack td:first-child,table.stack td.wide{grid-column:1/-1}"
	"table.stack td:first-child{font-weight:600}"
	"table.stack td[data-l]::before{content:attr(data-l);display:block;font-size:.75em;"
	"color:#555;font-weight:400}}"
	"@media print{@page{size:A4;margin:12mm}"
	"body{background:#fff;font-size:9.5pt}.tools,.noprint{display:none}"
	"header{border:0}header,main,footer{max-width:none;padding:0 0 6px}"
	"tr,.card,svg,h2,h3{break-inside:avoid}h2,h3{break-after:avoid}"
	".scroll{overflow:visible}.tall{max-height:none}th[data-sort]::after{content:none}"
	"a{color:inherit;text-decoration:none}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

void html_begin(struct strbuf *out, dqa_lang lang, const char *title_prefix, const char *title)
{
	strbuf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
			   HTML_GENERATOR_MARKER "\n"
			   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			   "<title>", lang == DQA_LANG_VI ? "vi" : "en");
	html_put(out, title_prefix);
	strbuf_puts(out, ": ");
	html_put(out, title);
	strbuf_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n", stylesheet);
}

void html_end(struct strbuf *out)
{
	strbuf_puts(out, "</body>\n</html>\n");
}

const char *html_status_class(dqa_status s)
{
	static const char *const classes[] = {"pass", "warn", "fail", "missing", "na"};
	return classes[(unsigned)s <= DQA_NO_SCORE ? s : DQA_NO_SCORE];
}

void html_badge(struct strbuf *out, dqa_lang lang, dqa_status s)
{
	strbuf_printf(out, "<span class=\"st st-%s\">%s</span>", html_status_class(s),
		      msg_status(lang, s));
}

void html_label(struct strbuf *out, const char *label)
{
	if (!label)
		return;
	strbuf_puts(out, " data-l=\"");
	html_put(out, label);
	strbuf_putc(out, '"');
}

void html_score_cell(struct strbuf *out, const char *label, double score, dqa_status s,
		     int decimals, dqa_lang lang)
{
	strbuf_printf(out, "<td class=\"n c-%s\" data-v=\"%.2f\"", html_status_class(s),
		      isnan(score) ? -1.0 : score);
	html_label(out, label);
	strbuf_putc(out, '>');
	put_score(out, score, decimals, lang);
	strbuf_puts(out, "</td>");
}

void html_score_card(struct strbuf *out, const char *label, double score, dqa_status s,
		     dqa_lang lang)
{
	strbuf_printf(out, "<div class=\"card b-%s\"><small>", html_status_class(s));
	html_put(out, label);
	strbuf_puts(out, "</small><b>");
	put_score(out, score, 2, lang);
	strbuf_puts(out, "</b>");
	html_badge(out, lang, s);
	strbuf_puts(out, "</div>\n");
}

void html_put_unit(struct strbuf *out, const json_t *unit, dqa_lang lang)
{
	struct strbuf title = STRBUF_INIT;
	put_unit_title(&title, unit, lang);
	html_put(out, title.buf ? title.buf : "");
	out->failed |= title.failed;
	strbuf_release(&title);
}

void html_put_check(struct strbuf *out, const json_t *check, dqa_lang lang)
{
	struct strbuf label = STRBUF_INIT;
	check_label_doc(&label, lang, check);
	html_put(out, label.buf ? label.buf : "");
	out->failed |= label.failed;
	strbuf_release(&label);
	strbuf_puts(out, "<small class=\"cid\">");
	html_put_id(out, doc_str(check, "id"));
	strbuf_puts(out, "</small>");
}

void html_put_reasons(struct strbuf *out, const json_t *warning, const json_t *unit,
		      dqa_lang lang)
{
	const json_t *reasons = json_object_get(warning, "reasons");
	if (!json_array_size(reasons))
		return;
	struct strbuf text = STRBUF_INIT;
	strbuf_puts(out, "<ul class=\"reasons\">");
	size_t i;
	const json_t *reason;
	json_array_foreach(reasons, i, reason) {
		strbuf_reset(&text);
		const json_t *check = put_reason(&text, json_string_value(reason)
							? json_string_value(reason) : "", unit, lang);
		strbuf_puts(out, "<li>");
		html_put(out, text.buf ? text.buf : "");
		if (check) {
			strbuf_puts(out, "<small class=\"cid\">");
			html_put_id(out, doc_str(check, "id"));
			strbuf_puts(out, "</small>");
		}
		strbuf_puts(out, "</li>");
	}
	strbuf_puts(out, "</ul>");
	out->failed |= text.failed;
	strbuf_release(&text);
}

void html_put_id(struct strbuf *out, const char *id)
{
	strbuf_puts(out, "<code>");
	for (const char *p = id; *p; p++) {
		char one[2] = {*p, '\0'};
		html_put(out, one);
		if (*p == '.' && p[1])
			strbuf_puts(out, "<wbr>");
	}
	strbuf_puts(out, "</code>");
}

void html_head_row(struct strbuf *out, const char *const *labels, const char *kinds,
		   bool sortable)
{
	strbuf_puts(out, "<thead><tr>");
	for (size_t i = 0; labels[i]; i++) {
		bool numeric = kinds[i] == 'n';
		strbuf_printf(out, "<th%s", numeric ? " class=\"n\"" : "");
		if (sortable)
			strbuf_printf(out, " data-sort=\"%c\"", numeric ? 'n' : 't');
		strbuf_putc(out, '>');
		html_put(out, labels[i]);
		strbuf_puts(out, "</th>");
	}
	strbuf_puts(out, "</tr></thead>\n");
}
