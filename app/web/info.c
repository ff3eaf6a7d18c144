/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * info: the pages a UK public-sector site must have, in both languages:
 * accessibility statement, privacy notice (general, and per survey at
 * /s/<id>/privacy), cookies and contact. Their text is interface text,
 * translated through the gettext catalogues like every other string.
 */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "render/html.h"
#include "render/page.h"
#include "web/handlers.h"
#include "web/pages.h"

struct info_page {
	const char *path;
	const char *title;
	const char *paras[8];
};

static const struct info_page pages[] = {
    {"/accessibility",
     N_("Accessibility statement"),
     {N_("This service is run by the council. We want as many people as possible to be able to use "
	 "it. You should be able to change colours, contrast levels and fonts, zoom in up to 400% "
	 "without the text spilling off the screen, navigate the whole service using just a "
	 "keyboard or speech recognition software, and listen to it using a screen reader."),
      N_("Every page works without JavaScript. Every question has a label, hints and error "
	 "messages are tied to the fields they describe, and the service is available in English "
	 "and Welsh."),
      N_("This service aims to meet the Web Content Accessibility Guidelines version 2.2 AA "
	 "standard. It is tested with automated checks on every page and in both languages."),
      N_("If you find a problem, or need a consultation in another format such as large print, "
	 "easy read, audio or braille, contact the council: we will reply within 5 working days. "
	 "If you are not happy with how we respond, contact the Equality Advisory and Support "
	 "Service (EASS)."),
      NULL}},
    {"/privacy",
     N_("Privacy notice"),
     {N_("The council is the data controller for the answers you give. We use them to understand "
	 "what residents think, and publish only figures and summaries that cannot identify you."),
      N_("We do not store your IP address, and our logs do not record it."),
      N_("Each consultation says how long personal answers, such as an email address, are kept. "
	 "Unfinished answers you saved are kept for a limited time after you last saved them."),
      N_("You have rights under UK data protection law, including to see the data we hold about "
	 "you and to complain to the Information Commissioner's Office."),
      NULL}},
    {"/cookies",
     N_("Cookies"),
     {N_("We only use cookies that the service needs to work. We do not use analytics or "
	 "advertising cookies, so we do not ask for your consent."),
      N_("yv_s keeps your answers together while you fill in a consultation. It expires when you "
	 "close your browser."),
      N_("yv_lang remembers whether you chose English or Welsh, for one year."),
      N_("yv_done lets us show your receipt once, just after you send your response. It is deleted "
	 "when the receipt has been shown, and after ten minutes at most."),
      N_("yv_sent_ followed by a consultation's name remembers, for one year, that this browser "
	 "has sent a response to a consultation that accepts one response per browser."),
      NULL}},
    {"/contact",
     N_("Contact"),
     {N_("Each consultation names the officer who runs it, with an email address and a phone "
	 "number, on its privacy notice page."),
      N_("You can contact the council in Welsh or English. We will reply in the language you use."),
      NULL}},
};

/* /accessibility, /privacy, /cookies, /contact (GET and HEAD). */
void handle_info(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	(void)rp;
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		const struct info_page *ip = &pages[i];
		struct page_ctx p = {rq->lang, ip->path, _(ip->title)};
		struct html *b = html_over(&rs->body);

		if (strcmp(rq->path, ip->path) != 0)
			continue;
		rs->content_type = "text/html; charset=utf-8";
		page_begin(b, &p);
		html_lit(b, "<h1>");
		html_text(b, _(ip->title));
		html_lit(b, "</h1>\n");
		for (size_t k = 0; ip->paras[k] != NULL; k++) {
			html_lit(b, "<p>");
			html_text(b, _(ip->paras[k]));
			html_lit(b, "</p>\n");
		}
		page_end(b, &p);
		return;
	}
	web_error(app, rq, rs, 404);
}

/* /s/<survey>/privacy. */
void handle_survey_privacy(struct app *app, struct req *rq, struct resp *rs,
			   const struct route_parts *rp)
{
	const struct survey *s = rp->survey;
	const char *path = arena_printf(rq->a, "/s/%s/privacy", s->id);
	struct page_ctx p = {rq->lang, path ? path : "/", _("Privacy notice")};
	struct html *b = html_over(&rs->body);
	const char *text = survey_text_get(&s->privacy, rq->lang);

	(void)app;
	rs->content_type = "text/html; charset=utf-8";
	page_begin(b, &p);
	page_heading(b, survey_text_get(&s->title, rq->lang), _("Privacy notice"));
	html_paragraphs(b, text, NULL);
	html_lit(b, "\n");
	if (s->privacy_url != NULL) {
		html_lit(b, "<p><a href=\"");
		html_text(b, s->privacy_url);
		html_lit(b, "\">");
		html_text(b, _("Read the full privacy notice"));
		html_lit(b, "</a></p>\n");
	}
	html_lit(b, "<h2>");
	html_text(b, _("Contact"));
	html_lit(b, "</h2>\n<p>");
	html_text(b, survey_text_get(&s->organisation, rq->lang));
	html_lit(b, "<br>");
	html_text(b, s->contact_name);
	html_lit(b, "<br><a href=\"mailto:");
	html_text(b, s->contact_email);
	html_lit(b, "\">");
	html_text(b, s->contact_email);
	html_lit(b, "</a><br>");
	html_text(b, s->contact_phone);
	html_lit(b, "</p>\n<p><a href=\"/privacy\">");
	html_text(b, _("How the council handles your answers"));
	html_lit(b, "</a></p>\n");
	page_end(b, &p);
}
