/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * resident: the home page, listing open consultations first and then
 * closed ones, each with a link to its results whenever they are public
 * (web/findable.h), else when they are due or that they are late. A
 * survey's own pages are in journey.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/log.h"
#include "render/form.h"
#include "render/html.h"
#include "render/page.h"
#include "results/results.h"
#include "survey/answer.h"
#include "web/findable.h"
#include "web/handlers.h"
#include "web/pages.h"

void handle_home(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	struct page_ctx p = {rq->lang, "/", _("Consultations")};
	struct html *b = html_over(&rs->body);
	time_t now = time(NULL);
	size_t open = 0, closed = 0, public = 0;
	struct findable f;

	(void)rp;
	resp_html(rs);
	page_begin(b, &p);
	html_lit(b, "<h1>");
	html_text(b, _("Have your say"));
	html_lit(b, "</h1>\n<h2>");
	html_text(b, _("Open consultations"));
	html_lit(b, "</h2>\n<ul class=\"survey-list\">\n");
	for (size_t i = 0; i < survey_set_count(app->surveys); i++) {
		const struct survey *s = survey_set_at(app->surveys, i);

		if (survey_state_at(s, now) != SURVEY_OPEN)
			continue;
		open++;
		html_lit(b, "<li><a href=\"/s/");
		html_urlpart(b, s->id);
		html_lit(b, "\">");
		html_text(b, survey_text_get(&s->title, rq->lang));
		html_lit(b, "</a>\n");
		html_paragraphs(b, survey_text_get(&s->summary, rq->lang), NULL);
		html_lit(b, "\n<p class=\"meta\">");
		if (s->standing) {
			html_text(b, _("Open all year round."));
		} else {
			html_text(b, _("Closes"));
			html_lit(b, " ");
			page_survey_date(b, s, SURVEY_DATE_CLOSES, rq->lang);
			html_lit(b, ".");
		}
		findable_status(app, rq, s, now, &f);
		if (f.kind != FINDABLE_NONE) {
			public++;
			html_lit(b, " ");
			findable_link(b, rq, s, &f);
		}
		html_lit(b, "</p></li>\n");
	}
	html_lit(b, "</ul>\n");
	if (open == 0) {
		html_lit(b, "<p>");
		html_text(b, _("There are no open consultations at the moment."));
		html_lit(b, "</p>\n");
	}
	for (size_t i = 0; i < survey_set_count(app->surveys); i++) {
		const struct survey *s = survey_set_at(app->surveys, i);

		if (survey_state_at(s, now) != SURVEY_CLOSED)
			continue;
		if (closed++ == 0) {
			html_lit(b, "<h2>");
			html_text(b, _("Closed consultations"));
			html_lit(b, "</h2>\n<ul class=\"survey-list\">\n");
		}
		html_lit(b, "<li>");
		html_text(b, survey_text_get(&s->title, rq->lang));
		html_lit(b, "\n<p class=\"meta\">");
		html_text(b, _("Closed"));
		html_lit(b, " ");
		page_survey_date(b, s, SURVEY_DATE_CLOSES, rq->lang);
		html_lit(b, ". ");
		/* The officers' decision wins; if the database cannot say, the
		 * survey file's rule does. */
		findable_status(app, rq, s, now, &f);
		if (f.kind != FINDABLE_NONE) {
			public++;
			findable_link(b, rq, s, &f);
		} else {
			findable_note(b, rq, s, &f);
		}
		html_lit(b, "</p></li>\n");
	}
	if (closed > 0)
		html_lit(b, "</ul>\n");
	if (public > 0) {
		html_lit(b, "<p><a href=\"/results\">");
		html_text(b, _("All published results"));
		html_lit(b, "</a></p>\n");
	}
	page_end(b, &p);
}
