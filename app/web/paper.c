/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * paper: the page /s/<id>/paper (?lang=cy): a survey's printable paper form
 * (render/paper.h) in the page frame, for officers to print and post to
 * residents who do not go online, and for residents to print themselves.
 * Public like the survey itself; the same HTML `yourvoice paper` prints.
 */
#include "config.h"

#include "core/i18n.h"
#include "render/html.h"
#include "render/page.h"
#include "render/paper.h"
#include "web/handlers.h"
#include "web/pages.h"

void handle_survey_paper(struct app *app, struct req *rq, struct resp *rs,
			 const struct route_parts *rp)
{
	const struct survey *s = rp->survey;
	const char *path = arena_printf(rq->a, "/s/%s/paper", s->id);
	const char *title =
	    arena_printf(rq->a, "%s: %s", _("Paper form"), survey_text_get(&s->title, rq->lang));
	struct page_ctx p = {rq->lang, path ? path : "/", title ? title : _("Paper form")};
	struct html *b = html_over(&rs->body);

	resp_html(rs);
	page_begin(b, &p);
	if (paper_form(b, rq->a, s, rq->lang) != 0) {
		resp_reset(rs);
		web_error(app, rq, rs, 413);
		return;
	}
	page_end(b, &p);
}
