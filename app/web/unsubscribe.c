/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * unsubscribe: /unsubscribe?n=<subscriber>&c=<code>, the link in every
 * email to residents who asked to be told about results
 * (results/notifier.h). GET shows what the link stops and one button;
 * POST (the button, or a mail program's one-click request of RFC 8058)
 * deletes the address and what was sent to it at once. The code is made
 * from the subscriber's salt with the installation key and compared in
 * constant time; it travels in the query string, which no log records.
 * A link used already, or a wrong code, gets the same page: nothing on
 * the list, nothing to say whose address it was.
 *
 * Uses store/notify, results/notifier (the code), render/, resp.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/i18n.h"
#include "render/html.h"
#include "render/page.h"
#include "results/notifier.h"
#include "store/notify.h"
#include "web/pages.h"

/* The subscriber the link names, when its code is right: 1, 0 (no such
 * subscriber or a wrong code), -1 when the database cannot say. */
static int lookup(struct app *app, struct req *rq, const struct route_parts *rp,
		  struct notify_subscriber *sub)
{
	const char *n = rp->value[0], *c = rp->value[1];
	char want[65];
	long long id;

	if (n == NULL || c == NULL)
		return 0;
	id = strtoll(n, NULL, 10);
	switch (notify_subscriber_get(&app->store, rq->a, id, sub)) {
	case STORE_OK:
		break;
	case STORE_NOT_FOUND:
		return 0;
	default:
		return -1;
	}
	notifier_unsub_code(app->key, sub->salt, want);
	return strlen(c) == 64 && sodium_memcmp(want, c, 64) == 0;
}

static void page(struct req *rq, struct resp *rs, const char *title, const char *text,
		 const struct route_parts *rp, int button)
{
	struct page_ctx p = {rq->lang, "/unsubscribe", title};
	struct html *b = html_over(&rs->body);

	resp_html(rs);
	resp_header(rs, "Referrer-Policy", "no-referrer");
	page_begin(b, &p);
	html_lit(b, "<h1>");
	html_text(b, title);
	html_lit(b, "</h1>\n<p>");
	html_text(b, text);
	html_lit(b, "</p>\n");
	if (button) {
		html_lit(b, "<form method=\"post\" action=\"/unsubscribe?n=");
		html_urlpart(b, rp->value[0]);
		html_lit(b, "&amp;c=");
		html_urlpart(b, rp->value[1]);
		html_lit(b, "\">\n<button type=\"submit\" class=\"button\">");
		html_text(b, _("Stop these emails"));
		html_lit(b, "</button>\n</form>\n");
	}
	html_lit(b, "<p><a href=\"/\">");
	html_text(b, _("Go to the list of consultations"));
	html_lit(b, "</a></p>\n");
	page_end(b, &p);
}

void unsubscribe_route(struct app *app, struct req *rq, struct resp *rs,
		       const struct route_parts *rp)
{
	struct notify_subscriber sub;
	int found = lookup(app, rq, rp, &sub);
	const struct survey *s;

	if (found < 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (!found) {
		page(rq, rs, _("You will get no more emails"),
		     _("This link is not on our list: it was used already, or the consultation's "
		       "addresses were deleted when its retention period ended. We will not "
		       "email you about it."),
		     rp, 0);
		return;
	}
	s = survey_set_find(app->surveys, sub.survey_id);
	if (rq->method == M_POST) {
		if (notify_unsubscribe(&app->store, sub.id) != STORE_OK) {
			web_error(app, rq, rs, 503);
			return;
		}
		page(rq, rs, _("You will get no more emails"),
		     arena_printf(rq->a,
				  _("We have deleted your email address from the list for “%s”. "
				    "We will not email you about it again."),
				  s ? survey_text_get(&s->title, rq->lang) : sub.survey_id),
		     rp, 0);
		return;
	}
	page(rq, rs, _("Stop emails about this consultation"),
	     arena_printf(rq->a,
			  _("You asked us to email you about the results of “%s”. Press the "
			    "button to stop: we will delete your email address from the list."),
			  s ? survey_text_get(&s->title, rq->lang) : sub.survey_id),
	     rp, 1);
}
