/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page: the shared HTML frame (see page.h). */
#include "config.h"

#include <string.h>
#include <time.h>

#include "assets.h"
#include "core/i18n.h"
#include "core/uktime.h"
#include "render/html.h"
#include "render/page.h"

void page_begin(struct buf *b, const struct page_ctx *p)
{
	const char *code = survey_lang_code(p->lang);
	enum yv_lang other = p->lang == LANG_CY ? LANG_EN : LANG_CY;

	html_lit(b, "<!DOCTYPE html>\n<html lang=\"");
	html_text(b, code);
	html_lit(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html_text(b, p->title);
	html_lit(b, " – ");
	html_text(b, _("Your Voice"));
	html_lit(b, "</title>\n<link rel=\"stylesheet\" href=\"" YV_CSS_HREF "\">\n"
	            "<script src=\"" YV_JS_HREF "\" defer></script>\n</head>\n<body>\n"
	            "<a class=\"skip-link\" href=\"#main\">");
	html_text(b, _("Skip to main content"));
	html_lit(b, "</a>\n<header class=\"site-header\">\n<a class=\"site-name\" href=\"/\">");
	html_text(b, _("Your Voice"));
	html_lit(b, "</a>\n<nav class=\"lang-toggle\" aria-label=\"");
	html_text(b, _("Language"));
	html_lit(b, "\"><a href=\"");
	html_urlpath(b, p->path);
	if (other == LANG_CY)
		html_lit(b, "?lang=cy\" hreflang=\"cy\" lang=\"cy\">Cymraeg</a>");
	else
		html_lit(b, "?lang=en\" hreflang=\"en\" lang=\"en\">English</a>");
	html_lit(b, "</nav>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n");
}

void page_end(struct buf *b, const struct page_ctx *p)
{
	(void)p;
	html_lit(b, "</main>\n<footer class=\"site-footer\">\n<nav aria-label=\"");
	html_text(b, _("Support links"));
	html_lit(b, "\"><a href=\"/accessibility\">");
	html_text(b, _("Accessibility statement"));
	html_lit(b, "</a> <a href=\"/privacy\">");
	html_text(b, _("Privacy notice"));
	html_lit(b, "</a> <a href=\"/cookies\">");
	html_text(b, _("Cookies"));
	html_lit(b, "</a> <a href=\"/contact\">");
	html_text(b, _("Contact"));
	html_lit(b, "</a> <a href=\"/resume\">");
	html_text(b, _("Carry on with your saved answers"));
	html_lit(b, "</a></nav>\n<p>");
	html_text(b, _("Your Voice: consultations of your council."));
	html_lit(b, "</p>\n</footer>\n</body>\n</html>\n");
}

void page_heading(struct buf *b, const char *caption, const char *title)
{
	html_lit(b, "<span class=\"caption\">");
	html_text(b, caption);
	html_lit(b, "</span>\n<h1>");
	html_text(b, title);
	html_lit(b, "</h1>\n");
}

void page_table_open(struct buf *b)
{
	html_lit(b, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_text(b, _("Table of figures"));
	html_lit(b, "\">\n<table class=\"results-table\"><caption>");
}

void page_th(struct buf *b, const char *s)
{
	html_lit(b, "<th scope=\"col\">");
	html_text(b, s);
	html_lit(b, "</th>");
}

void page_status(struct buf *b, const char *msg)
{
	if (msg == NULL)
		return;
	html_lit(b, "<div class=\"notice\" role=\"status\"><p>");
	html_text(b, msg);
	html_lit(b, "</p></div>\n");
}

void page_back_link(struct buf *b, const char *href)
{
	html_lit(b, "<a class=\"back-link\" href=\"");
	html_text(b, href);
	html_lit(b, "\">");
	html_text(b, _("Back"));
	html_lit(b, "</a>\n");
}

void page_errors_begin(struct buf *b)
{
	html_lit(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">\n<h2>");
	html_text(b, _("There is a problem"));
	html_lit(b, "</h2>\n<ul>\n");
}

void page_error_item(struct buf *b, const char *href, const char *prefix, const char *text)
{
	html_lit(b, "<li><a href=\"");
	html_text(b, href);
	html_lit(b, "\">");
	if (prefix != NULL) {
		html_text(b, prefix);
		html_lit(b, ": ");
	}
	html_text(b, text);
	html_lit(b, "</a></li>\n");
}

void page_errors_end(struct buf *b)
{
	html_lit(b, "</ul>\n</div>\n");
}

void page_datetime(struct buf *b, time_t t, enum yv_lang lang)
{
	static const char *const months_en[] = {"January", "February", "March", "April",
	                                        "May", "June", "July", "August",
	                                        "September", "October", "November", "December"};
	static const char *const months_cy[] = {"Ionawr", "Chwefror", "Mawrth", "Ebrill",
	                                        "Mai", "Mehefin", "Gorffennaf", "Awst",
	                                        "Medi", "Hydref", "Tachwedd", "Rhagfyr"};
	struct tm tm;

	uktime_local(t, &tm);
	buf_printf(b, "%d %s %d, %02d:%02d", tm.tm_mday,
	           (lang == LANG_CY ? months_cy : months_en)[tm.tm_mon], tm.tm_year + 1900,
	           tm.tm_hour, tm.tm_min);
}
