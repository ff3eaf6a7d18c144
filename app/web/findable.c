/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * findable: whether and how a survey's results are public, the links and
 * notes the resident pages show for them, and /results, the list of every
 * consultation with public results (see findable.h).
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/log.h"
#include "render/html.h"
#include "render/page.h"
#include "results/feed.h"
#include "results/results.h"
#include "web/findable.h"

void findable_status(struct app *app, struct req *rq, const struct survey *s, time_t now,
		     struct findable *f)
{
	memset(f, 0, sizeof(*f));
	if (publication_load(app, rq, s, now, &f->pub) != 0) {
		memset(&f->pub, 0, sizeof(f->pub));
		f->pub.is_public = results_public(s, now);
		f->db_failed = 1;
	}
	if (f->pub.is_public) {
		if (now < s->closes_at)
			f->kind = FINDABLE_LIVE;
		else if (f->pub.decided && f->pub.published)
			f->kind = FINDABLE_PUBLISHED;
		else
			f->kind = FINDABLE_FINAL;
		return;
	}
	if (s->standing)
		return;
	if (now >= s->results_at)
		f->late = 1;
	else
		f->due = 1;
}

void findable_link(struct html *b, struct req *rq, const struct survey *s, const struct findable *f)
{
	(void)rq;
	if (f->kind == FINDABLE_NONE)
		return;
	html_lit(b, "<a href=\"/r/");
	html_urlpart(b, s->id);
	html_lit(b, "\">");
	html_text(b,
		  f->kind == FINDABLE_LIVE ? _("See the results so far") : _("Read the results"));
	html_lit(b, "</a>");
}

void findable_note(struct html *b, struct req *rq, const struct survey *s, const struct findable *f)
{
	if (f->kind != FINDABLE_NONE)
		return;
	if (f->late) {
		html_text(b, _("Results were due on"));
		html_lit(b, " ");
		page_survey_date(b, s, SURVEY_DATE_RESULTS, rq->lang);
		html_lit(b, " ");
		html_text(b, _("and are late."));
	} else if (f->due) {
		html_text(b, _("Results due"));
		html_lit(b, " ");
		page_survey_date(b, s, SURVEY_DATE_RESULTS, rq->lang);
		html_lit(b, ".");
	} else {
		html_text(b, _("The council will publish the results here."));
	}
}

const char *findable_kind_text(enum findable_kind k)
{
	switch (k) {
	case FINDABLE_LIVE:
		return _("Live results: they change as more people respond.");
	case FINDABLE_PUBLISHED:
		return _("Results published by the council after the consultation closed.");
	case FINDABLE_FINAL:
		return _("Final results: the consultation has closed.");
	default:
		return "";
	}
}

/* ---------- /results ---------- */

struct listed {
	const struct survey *s;
	struct findable f;
	time_t key; /* the last moment it was running: now while open */
};

/* Newest first: the most recently running first (every open one, the
 * latest opened first), then by closing date, then by id. */
static int cmp_listed(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;

	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	if (x->s->opens_at != y->s->opens_at)
		return x->s->opens_at > y->s->opens_at ? -1 : 1;
	return strcmp(x->s->id, y->s->id);
}

/* "Open since 1 April 2025, with no closing date.", "Opened ... Closes
 * ...", "Opened ... Closed ...". */
static void dates_line(struct html *b, struct req *rq, const struct survey *s, time_t now)
{
	if (s->standing) {
		html_text(b, _("Open since"));
		html_lit(b, " ");
		page_survey_date(b, s, SURVEY_DATE_OPENS, rq->lang);
		html_lit(b, ", ");
		html_text(b, _("with no closing date."));
	} else if (now < s->closes_at) {
		html_text(b, _("Opened"));
		html_lit(b, " ");
		page_survey_date(b, s, SURVEY_DATE_OPENS, rq->lang);
		html_lit(b, ". ");
		html_text(b, _("Closes"));
		html_lit(b, " ");
		page_survey_date(b, s, SURVEY_DATE_CLOSES, rq->lang);
		html_lit(b, ".");
	} else {
		html_text(b, _("Opened"));
		html_lit(b, " ");
		page_survey_date(b, s, SURVEY_DATE_OPENS, rq->lang);
		html_lit(b, ". ");
		html_text(b, _("Closed"));
		html_lit(b, " ");
		page_survey_date(b, s, SURVEY_DATE_CLOSES, rq->lang);
		html_lit(b, ".");
	}
}

void handle_results_index(struct app *app, struct req *rq, struct resp *rs,
			  const struct route_parts *rp)
{
	struct page_ctx p = {rq->lang, "/results", _("Published results")};
	struct html *b = html_over(&rs->body);
	size_t n = survey_set_count(app->surveys), k = 0;
	struct listed *v = arena_alloc(rq->a, (n ? n : 1) * sizeof(*v));
	time_t now = time(NULL);

	(void)rp;
	if (v == NULL) {
		web_error(app, rq, rs, 500);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct survey *s = survey_set_at(app->surveys, i);

		if (survey_state_at(s, now) == SURVEY_NOT_YET_OPEN)
			continue;
		v[k].s = s;
		findable_status(app, rq, s, now, &v[k].f);
		if (v[k].f.kind == FINDABLE_NONE)
			continue;
		v[k].key = now < s->closes_at ? now : s->closes_at;
		k++;
	}
	qsort(v, k, sizeof(*v), cmp_listed);
	resp_html(rs);
	/* the list changes with officers' decisions and with each response
	 * counted; a minute is as stale as the live figures may be */
	resp_header(rs, "Cache-Control", "public, max-age=60");
	page_begin(b, &p);
	html_lit(b, "<h1>");
	html_text(b, _("Published results"));
	html_lit(b, "</h1>\n<p>");
	html_text(b, _("Every consultation whose results are public, the most recent first."));
	html_lit(b, "</p>\n");
	if (k == 0) {
		html_lit(b, "<p>");
		html_text(b, _("No results have been published yet."));
		html_lit(b, "</p>\n");
		page_end(b, &p);
		return;
	}
	html_lit(b, "<ul class=\"survey-list results-list\">\n");
	for (size_t i = 0; i < k; i++) {
		const struct survey *s = v[i].s;
		long long count, flagged;

		html_lit(b, "<li id=\"results-");
		html_text(b, s->id);
		html_lit(b, "\"><a href=\"/r/");
		html_urlpart(b, s->id);
		html_lit(b, "\">");
		html_text(b, survey_text_get(&s->title, rq->lang));
		html_lit(b, "</a>\n<p class=\"results-kind\">");
		html_text(b, findable_kind_text(v[i].f.kind));
		html_lit(b, "</p>\n<p class=\"meta\">");
		dates_line(b, rq, s, now);
		/* The true total is public with the results (docs/privacy.md):
		 * the same count as /r/<id>, flagged responses left out when
		 * officers leave them out of the figures. */
		if (!v[i].f.db_failed &&
		    results_count_upto(&app->store, s, (unsigned long long)LLONG_MAX, &count,
				       &flagged) == STORE_OK) {
			long long total = v[i].f.pub.exclude_flagged ? count - flagged : count;

			html_lit(b, " ");
			html_text(
			    b, arena_printf(rq->a,
					    ngettext_("%lld response.", "%lld responses.", total),
					    total));
		}
		html_lit(b, "</p></li>\n");
	}
	html_lit(b, "</ul>\n");
	page_end(b, &p);
}
