/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page: the shared HTML frame (see page.h). May use: core, survey, render/html. */
#include "config.h"

#include <string.h>
#include <time.h>

#include "assets.h"
#include "core/i18n.h"
#include "core/uktime.h"
#include "render/html.h"
#include "render/page.h"

/* From the doctype to the opening <body> (the same head for every page). */
static void page_head(struct html *h, const struct page_ctx *p)
{
	html_lit(h, "<!DOCTYPE html>\n<html lang=\"");
	html_text(h, survey_lang_code(p->lang));
	html_lit(
	    h, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html_text(h, p->title);
	html_lit(h, " – ");
	html_text(h, _("Your Voice"));
	html_lit(h, "</title>\n<link rel=\"stylesheet\" href=\"" YV_CSS_HREF "\">\n"
		    "<script src=\"" YV_JS_HREF "\" defer></script>\n</head>\n");
}

/* The link to this page in the other language. */
static void page_lang_link(struct html *h, const struct page_ctx *p)
{
	html_lit(h, "<a href=\"");
	html_urlpath(h, p->path);
	if (p->lang != LANG_CY)
		html_lit(h, "?lang=cy\" hreflang=\"cy\" lang=\"cy\">Cymraeg</a>");
	else
		html_lit(h, "?lang=en\" hreflang=\"en\" lang=\"en\">English</a>");
}

void page_begin(struct html *h, const struct page_ctx *p)
{
	page_head(h, p);
	html_lit(h, "<body>\n<a class=\"skip-link\" href=\"#main\">");
	html_text(h, _("Skip to main content"));
	html_lit(h, "</a>\n<header class=\"site-header\">\n<a class=\"site-name\" href=\"/\">");
	html_text(h, _("Your Voice"));
	html_lit(h, "</a>\n<nav class=\"lang-toggle\" aria-label=\"");
	html_text(h, _("Language"));
	html_lit(h, "\">");
	page_lang_link(h, p);
	html_lit(h, "</nav>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n");
}

void page_begin_print(struct html *h, const struct page_ctx *p)
{
	page_head(h, p);
	html_lit(h, "<body class=\"print-page\">\n<header class=\"print-header\">\n<p>");
	html_text(h, _("Your Voice"));
	html_lit(h, " <span class=\"no-print\">");
	page_lang_link(h, p);
	html_lit(h, "</span></p>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n");
}

void page_end_print(struct html *h, const struct page_ctx *p)
{
	(void)p;
	html_lit(h, "</main>\n</body>\n</html>\n");
}

void page_end(struct html *h, const struct page_ctx *p)
{
	(void)p;
	html_lit(h, "</main>\n<footer class=\"site-footer\">\n<nav aria-label=\"");
	html_text(h, _("Support links"));
	html_lit(h, "\"><a href=\"/accessibility\">");
	html_text(h, _("Accessibility statement"));
	html_lit(h, "</a> <a href=\"/privacy\">");
	html_text(h, _("Privacy notice"));
	html_lit(h, "</a> <a href=\"/cookies\">");
	html_text(h, _("Cookies"));
	html_lit(h, "</a> <a href=\"/contact\">");
	html_text(h, _("Contact"));
	html_lit(h, "</a> <a href=\"/resume\">");
	html_text(h, _("Carry on with your saved answers"));
	html_lit(h, "</a></nav>\n<p>");
	html_text(h, _("Your Voice: consultations of your council."));
	html_lit(h, "</p>\n</footer>\n</body>\n</html>\n");
}

void page_heading(struct html *h, const char *caption, const char *title)
{
	html_lit(h, "<span class=\"caption\">");
	html_text(h, caption);
	html_lit(h, "</span>\n<h1>");
	html_text(h, title);
	html_lit(h, "</h1>\n");
}

void page_table_open(struct html *h)
{
	html_lit(h, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_text(h, _("Table of figures"));
	html_lit(h, "\">\n<table class=\"results-table\"><caption>");
}

void page_table_region(struct html *h, const char *label)
{
	html_lit(h, "<p class=\"scroll-hint\" hidden>");
	html_text(h, _("Scroll sideways to see every column."));
	html_lit(h, "</p>\n<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_text(h, label);
	html_lit(h, "\">\n<table class=\"results-table\"><caption>");
}

void page_th(struct html *h, const char *s)
{
	html_lit(h, "<th scope=\"col\">");
	html_text(h, s);
	html_lit(h, "</th>");
}

void page_status(struct html *h, const char *msg)
{
	if (msg == NULL)
		return;
	html_lit(h, "<div class=\"notice\" role=\"status\"><p>");
	html_text(h, msg);
	html_lit(h, "</p></div>\n");
}

void page_back_link(struct html *h, const char *href)
{
	html_lit(h, "<a class=\"back-link\" href=\"");
	html_text(h, href);
	html_lit(h, "\">");
	html_text(h, _("Back"));
	html_lit(h, "</a>\n");
}

void page_errors_begin(struct html *h)
{
	html_lit(h, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">\n<h2>");
	html_text(h, _("There is a problem"));
	html_lit(h, "</h2>\n<ul>\n");
}

void page_error_item(struct html *h, const char *href, const char *prefix, const char *text)
{
	html_lit(h, "<li><a href=\"");
	html_text(h, href);
	html_lit(h, "\">");
	if (prefix != NULL) {
		html_text(h, prefix);
		html_lit(h, ": ");
	}
	html_text(h, text);
	html_lit(h, "</a></li>\n");
}

void page_errors_end(struct html *h)
{
	html_lit(h, "</ul>\n</div>\n");
}

/* "1 March 2026": the day, month and year of t in Europe/London. */
static void date_part(struct html *h, time_t t, enum yv_lang lang, struct tm *tm)
{
	static const char *const months_en[] = {"January",   "February", "March",    "April",
						"May",	     "June",	 "July",     "August",
						"September", "October",	 "November", "December"};
	static const char *const months_cy[] = {"Ionawr", "Chwefror", "Mawrth",	    "Ebrill",
						"Mai",	  "Mehefin",  "Gorffennaf", "Awst",
						"Medi",	  "Hydref",   "Tachwedd",   "Rhagfyr"};

	uktime_local(t, tm);
	html_int(h, tm->tm_mday);
	html_lit(h, " ");
	html_text(h, (lang == LANG_CY ? months_cy : months_en)[tm->tm_mon]);
	html_lit(h, " ");
	html_int(h, tm->tm_year + 1900);
}

void page_date(struct html *h, time_t t, enum yv_lang lang)
{
	struct tm tm;

	date_part(h, t, lang, &tm);
}

void page_datetime(struct html *h, time_t t, enum yv_lang lang)
{
	struct tm tm;

	date_part(h, t, lang, &tm);
	html_lit(h, ", ");
	html_int_pad(h, tm.tm_hour, 2);
	html_lit(h, ":");
	html_int_pad(h, tm.tm_min, 2);
}

void page_survey_date(struct html *h, const struct survey *s, unsigned which, enum yv_lang lang)
{
	time_t t = which == SURVEY_DATE_OPENS	 ? s->opens_at
		   : which == SURVEY_DATE_CLOSES ? s->closes_at
						 : s->results_at;

	if (!(s->date_only & which)) {
		page_datetime(h, t, lang);
		return;
	}
	/* a closing date alone closes at the next midnight: show its day */
	page_date(h, which == SURVEY_DATE_CLOSES ? t - 1 : t, lang);
}
