/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * feedback (web): /feedback, /feedback.json and the schedule's settings on
 * the publication page (feedback.h). Everything shown comes from the
 * stored snapshot of the last scheduled update; the only thing read live
 * is which quotes officers have hidden since (a hidden quote goes at
 * once) and the commitments (not figures). HTML only through
 * render/html.h.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/log.h"
#include "render/html.h"
#include "render/page.h"
#include "results/feedback.h"
#include "results/feed.h"
#include "results/summariser.h"
#include "results/themeview.h"
#include "store/feedback.h"
#include "web/admin.h"
#include "web/feedback.h"
#include "web/handlers.h"
#include "web/promises.h"
#include "web/themereview.h"

/* One enabled page with its survey and parsed snapshot. */
struct fb {
	const struct survey *s;
	struct feedback_page fp;
	json_t *snap;
};

static const char *every_text(const char *every)
{
	return strcmp(every, "week") == 0    ? _("every week")
	       : strcmp(every, "month") == 0 ? _("every month")
					     : _("every three months");
}

/* The enabled pages of standing surveys loaded now, each brought up to
 * date when its update is due: how many into v (at most FEEDBACK_PAGES_MAX),
 * -1 on a database error. */
static int load(struct app *app, struct req *rq, struct fb *v)
{
	const char **ids;
	size_t n, k = 0;

	if (feedback_page_enabled(&app->store, rq->a, &ids, &n) != 0)
		return -1;
	for (size_t i = 0; i < n && k < FEEDBACK_PAGES_MAX; i++) {
		const struct survey *s = survey_set_find(app->surveys, ids[i]);
		struct publication pub;

		if (s == NULL || !s->standing)
			continue;
		/* only what /r/<id> may publish: nothing while its results are not public */
		if (publication_load(app, rq, s, time(NULL), &pub) != 0)
			return -1;
		if (!pub.is_public)
			continue;
		/* the background process usually did it already */
		if (feedback_update_due(&app->store, s, rq->a) < 0)
			log_warn("feedback: %s: the scheduled update failed", s->id);
		if (feedback_page_get(&app->store, rq->a, s->id, &v[k].fp) != 0)
			return -1;
		if (!v[k].fp.enabled || v[k].fp.snapshot == NULL)
			continue;
		v[k].snap = json_loads(v[k].fp.snapshot, 0, NULL);
		if (v[k].snap == NULL)
			continue;
		v[k].s = s;
		k++;
	}
	return (int)k;
}

/* Quotes hidden since the snapshot, per question ({qid: {response id: …}}). */
static json_t *hidden_now(struct app *app, struct req *rq, const struct fb *f)
{
	json_t *out = json_object(), *q;
	size_t i;

	json_array_foreach(json_object_get(f->snap, "questions"), i, q)
	{
		const char *qid = json_string_value(json_object_get(q, "question"));
		json_t *h = qid ? summariser_hidden(&app->store, f->s, qid, rq->a) : NULL;

		if (h == NULL) {
			json_decref(out);
			return NULL;
		}
		json_object_set_new(out, qid, h);
	}
	return out;
}

static int quote_hidden(json_t *hidden, const char *qid, json_t *quote)
{
	const char *id = json_string_value(json_object_get(quote, "id"));

	return id == NULL || json_object_get(json_object_get(hidden, qid), id) != NULL;
}

static const char *question_label(const struct survey *s, const char *qid, enum yv_lang l)
{
	const struct survey_question *q = qid ? survey_find_question(s, qid) : NULL;

	return q ? survey_text_get(&q->label, l) : (qid ? qid : "");
}

/* ---- the page ------------------------------------------------------------ */

/* A count, or why it is not shown: a theme's count is suppressed only
 * under min_group; a stance cell may also be suppressed to protect
 * another (secondary suppression), so it says only "not shown". */
static void cell(struct req *rq, struct html *b, json_t *v, unsigned min_group, int stance)
{
	html_lit(b, "<td class=\"num\">");
	if (json_is_integer(v))
		html_text(b, arena_printf(rq->a, "%lld", (long long)json_integer_value(v)));
	else if (stance)
		html_text(b, _("not shown"));
	else
		html_text(b, arena_printf(rq->a, _("fewer than %u"), min_group));
	html_lit(b, "</td>");
}

static void theme_table(struct req *rq, struct html *b, json_t *q, const char *title,
			unsigned min_group, const char *qid)
{
	static const char *const stances[] = {"praise", "complaint", "suggestion", "neutral"};
	const char *heads[] = {_("Praise"), _("Complaint"), _("Suggestion"), _("Neutral")};
	json_t *t;
	size_t i;

	html_lit(b, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"");
	html_text(b, arena_printf(rq->a, "fb-cap-%s", qid));
	html_lit(b, "\">\n<table class=\"results-table\">\n<caption id=\"");
	html_text(b, arena_printf(rq->a, "fb-cap-%s", qid));
	html_lit(b, "\">");
	html_text(b, arena_printf(rq->a, _("Themes of “%s”, by what the answers say"), title));
	html_lit(b, "</caption>\n<thead><tr><th scope=\"col\">");
	html_text(b, _("Theme"));
	html_lit(b, "</th><th scope=\"col\" class=\"num\">");
	html_text(b, _("Answers"));
	html_lit(b, "</th>");
	for (int x = 0; x < 4; x++) {
		html_lit(b, "<th scope=\"col\" class=\"num\">");
		html_text(b, heads[x]);
		html_lit(b, "</th>");
	}
	html_lit(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(json_object_get(q, "themes"), i, t)
	{
		json_t *st = json_object_get(t, "stance");

		html_lit(b, "<tr><th scope=\"row\">");
		html_text(b, themereview_label_text(rq, t));
		html_lit(b, "</th>");
		cell(rq, b, json_object_get(t, "count"), min_group, 0);
		for (int x = 0; x < 4; x++) {
			if (!json_is_object(st)) {
				html_lit(b, "<td class=\"num\">–</td>");
				continue;
			}
			cell(rq, b, json_object_get(st, stances[x]), min_group, 1);
		}
		html_lit(b, "</tr>\n");
	}
	html_lit(b, "</tbody>\n</table>\n</div>\n");
}

static void question_section(struct req *rq, struct html *b, const struct fb *f, json_t *q,
			     json_t *hidden, unsigned min_group)
{
	const char *qid = json_string_value(json_object_get(q, "question"));
	const char *status = json_string_value(json_object_get(q, "status"));
	const char *title = question_label(f->s, qid, rq->lang);
	long long answers = json_integer_value(json_object_get(q, "answers"));
	long long awaiting = json_integer_value(json_object_get(q, "awaiting_review"));
	json_t *themes = json_object_get(q, "themes"), *t;
	size_t i;

	html_lit(b, "<section class=\"feedback-question\">\n<h2>");
	html_text(b, title);
	html_lit(b, "</h2>\n<p>");
	if (status == NULL || strcmp(status, "ready") != 0) {
		html_text(b, status != NULL && strcmp(status, "too_few") == 0
				 ? _("Too few written answers yet to show their themes.")
				 : _("The themes of these answers have not been summarised yet."));
		html_lit(b, "</p>\n</section>\n");
		return;
	}
	html_text(b, arena_printf(rq->a,
				  ngettext_("%lld written answer summarised.",
					    "%lld written answers summarised.", answers),
				  answers));
	if (awaiting > 0) {
		html_lit(b, " ");
		html_text(b, arena_printf(rq->a,
					  ngettext_("%lld is in themes officers have not reviewed "
						    "yet.",
						    "%lld are in themes officers have not reviewed "
						    "yet.",
						    awaiting),
					  awaiting));
	}
	html_lit(b, "</p>\n");
	if (json_array_size(themes) == 0) {
		html_lit(b, "<p>");
		html_text(b, _("No theme has been reviewed by officers yet."));
		html_lit(b, "</p>\n</section>\n");
		return;
	}
	theme_table(rq, b, q, title, min_group, qid);
	json_array_foreach(themes, i, t)
	{
		json_t *qt;
		size_t j, shown = 0;

		json_array_foreach(json_object_get(t, "quotes"), j,
				   qt) if (!quote_hidden(hidden, qid, qt)) shown++;
		if (shown == 0)
			continue;
		html_lit(b, "<h3>");
		html_text(b, themereview_label_text(rq, t));
		html_lit(b, "</h3>\n<ul class=\"quotes\">\n");
		json_array_foreach(json_object_get(t, "quotes"), j, qt)
		{
			if (quote_hidden(hidden, qid, qt))
				continue;
			html_lit(b, "<li><blockquote><p>");
			html_text(b, json_string_value(json_object_get(qt, "text")));
			html_lit(b, "</p></blockquote></li>\n");
		}
		html_lit(b, "</ul>\n");
	}
	html_lit(b, "</section>\n");
}

static void render(struct app *app, struct req *rq, struct resp *rs, struct fb *v, int n)
{
	struct page_ctx p = {rq->lang, "/feedback", _("Compliments and complaints")};
	struct html *b = html_over(&rs->body);

	resp_html(rs);
	page_begin(b, &p);
	html_lit(b, "<h1>");
	html_text(b, _("Compliments and complaints"));
	html_lit(b, "</h1>\n<p>");
	html_text(b, _("What residents tell us about our services, good and bad: the themes of "
		       "their compliments, complaints and suggestions, what the answers in each "
		       "theme say, a few of their words, and what we have committed to do in "
		       "reply. The themes were grouped by computer and reviewed by council "
		       "officers; personal details are removed from every quote."));
	html_lit(b, "</p>\n");
	for (int k = 0; k < n; k++) {
		struct fb *f = &v[k];
		unsigned min_group =
		    (unsigned)json_integer_value(json_object_get(f->snap, "min_group_size"));
		json_t *hidden = hidden_now(app, rq, f), *q;
		size_t i;

		if (n > 1) {
			html_lit(b, "<h2>");
			html_text(b, survey_text_get(&f->s->title, rq->lang));
			html_lit(b, "</h2>\n");
		}
		html_lit(b, "<p class=\"feedback-updated\" id=\"updated\">");
		html_text(b, arena_printf(rq->a, _("Updated on %s, %s. Next update on %s."),
					  f->fp.updated ? f->fp.updated : "–",
					  every_text(f->fp.every), f->fp.next ? f->fp.next : "–"));
		html_lit(b, "</p>\n<p>");
		html_text(b,
			  arena_printf(rq->a,
				       _("Figures for fewer than %u answers are not shown, so "
					 "that no one can be recognised (nor, where it would give "
					 "such a figure away, the next smallest)."),
				       min_group));
		html_lit(b, " <a href=\"/s/");
		html_urlpart(b, f->s->id);
		html_lit(b, "\">");
		html_text(b, _("Tell us about your own contact with the council"));
		html_lit(b, "</a> · <a href=\"/feedback.json\">");
		html_text(b, _("Open data (JSON)"));
		html_lit(b, "</a></p>\n");
		if (hidden == NULL) {
			log_error("feedback: %s: cannot read the hidden quotes", f->s->id);
			hidden = json_object();
		}
		json_array_foreach(json_object_get(f->snap, "questions"), i, q)
		    question_section(rq, b, f, q, hidden, min_group ? min_group : 10);
		json_decref(hidden);
		promises_section(rq, b, f->s, promises_load(app, rq, f->s));
	}
	page_end(b, &p);
}

/* The open data: the snapshot without the quotes' ids. */
static json_t *to_json(struct app *app, struct req *rq, struct fb *v, int n)
{
	json_t *out = json_object(), *pages = json_array();

	for (int k = 0; k < n; k++) {
		json_t *pg = json_object(), *qs = json_array(), *q,
		       *hidden = hidden_now(app, rq, &v[k]);
		size_t i;

		if (hidden == NULL)
			hidden = json_object();
		json_object_set_new(pg, "survey", json_string(v[k].s->id));
		json_object_set_new(pg, "title",
				    json_pack("{s:s, s:s}", "en",
					      survey_text_get(&v[k].s->title, LANG_EN), "cy",
					      survey_text_get(&v[k].s->title, LANG_CY)));
		json_object_set_new(pg, "updated",
				    v[k].fp.updated ? json_string(v[k].fp.updated) : json_null());
		json_object_set_new(pg, "next_update",
				    v[k].fp.next ? json_string(v[k].fp.next) : json_null());
		json_object_set_new(pg, "every", json_string(v[k].fp.every));
		json_object_set(pg, "min_group_size", json_object_get(v[k].snap, "min_group_size"));
		json_array_foreach(json_object_get(v[k].snap, "questions"), i, q)
		{
			const char *qid = json_string_value(json_object_get(q, "question"));
			json_t *oq = json_deep_copy(q), *t;
			size_t j;

			json_object_set_new(oq, "label",
					    json_pack("{s:s, s:s}", "en",
						      question_label(v[k].s, qid, LANG_EN), "cy",
						      question_label(v[k].s, qid, LANG_CY)));
			json_array_foreach(json_object_get(oq, "themes"), j, t)
			{
				json_t *quotes = json_array(), *qt;
				size_t x;

				json_array_foreach(json_object_get(t, "quotes"), x, qt)
				{
					if (quote_hidden(hidden, qid, qt))
						continue;
					json_object_del(qt, "id");
					json_array_append(quotes, qt);
				}
				json_object_set_new(t, "quotes", quotes);
			}
			json_array_append_new(qs, oq);
		}
		json_decref(hidden);
		json_object_set_new(pg, "questions", qs);
		json_object_set_new(pg, "commitments", json_string("/promises.json"));
		json_array_append_new(pages, pg);
	}
	json_object_set_new(out, "feedback", pages);
	return out;
}

void feedback_public(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	struct fb v[FEEDBACK_PAGES_MAX];
	int n;

	memset(v, 0, sizeof(v));
	n = load(app, rq, v);
	if (n <= 0) {
		web_error(app, rq, rs, n < 0 ? 503 : 404);
		return;
	}
	resp_header(rs, "Cache-Control", "public, max-age=60");
	if (rp->route->kind == 1) {
		json_t *j = to_json(app, rq, v, n);

		rs->content_type = "application/json; charset=utf-8";
		resp_header(rs, "Access-Control-Allow-Origin", "*");
		results_dump_json(&rs->body, j, 1);
		json_decref(j);
	} else {
		render(app, rq, rs, v, n);
	}
	for (int k = 0; k < n; k++)
		json_decref(v[k].snap);
}

/* ---- the officers' settings ---------------------------------------------- */

void feedback_publish_section(struct app *app, struct req *rq, struct html *b,
			      const struct admin *ad, const struct survey *s)
{
	static const char *const units[] = {"week", "month", "quarter"};
	const char *labels[] = {_("Every week"), _("Every month"), _("Every three months")};
	struct feedback_page fp;
	int rc;

	if (!s->standing)
		return;
	rc = feedback_page_get(&app->store, rq->a, s->id, &fp);
	if (rc < 0)
		return;
	html_lit(b, "<section id=\"feedback-page\">\n<h2>");
	html_text(b, _("Public page of compliments and complaints"));
	html_lit(b, "</h2>\n<p>");
	html_text(b, _("A standing feedback survey can have a public page, /feedback, with the "
		       "themes you approved of its written answers, what each theme's answers say, "
		       "redacted quotes and the commitments made in reply. The page is updated on "
		       "the schedule you choose, not as answers come in."));
	html_lit(b, "</p>\n<p id=\"feedback-status\">");
	if (rc == 0 && fp.enabled && fp.updated != NULL)
		html_text(b,
			  arena_printf(rq->a, _("Updated on %s, %s. Next update on %s."),
				       fp.updated, every_text(fp.every), fp.next ? fp.next : "–"));
	else if (rc == 0 && fp.enabled)
		html_text(b, _("The page is on; its first update is being made."));
	else
		html_text(b, _("The page is off."));
	html_lit(b, "</p>\n<form method=\"post\" action=\"/admin/publish/");
	html_urlpart(b, s->id);
	html_lit(b, "/feedback\" novalidate>\n<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, admin_form_token(app, rq, ad));
	html_lit(b, "\">\n<div class=\"question\"><div class=\"option\"><input type=\"checkbox\" "
		    "name=\"enabled\" id=\"feedback-enabled\" value=\"1\"");
	if (rc == 0 && fp.enabled)
		html_lit(b, " checked");
	html_lit(b, "> <label for=\"feedback-enabled\">");
	html_text(b, _("Publish the page /feedback for this survey"));
	html_lit(b, "</label></div></div>\n<div class=\"question\"><fieldset><legend>");
	html_text(b, _("How often the page is updated"));
	html_lit(b, "</legend>\n");
	for (int i = 0; i < 3; i++) {
		html_lit(b,
			 "<div class=\"option\"><input type=\"radio\" name=\"every\" id=\"every-");
		html_text(b, units[i]);
		html_lit(b, "\" value=\"");
		html_text(b, units[i]);
		html_lit(b, "\"");
		if ((rc == 0 && strcmp(fp.every, units[i]) == 0) || (rc != 0 && i == 1))
			html_lit(b, " checked");
		html_lit(b, "> <label for=\"every-");
		html_text(b, units[i]);
		html_lit(b, "\">");
		html_text(b, labels[i]);
		html_lit(b, "</label></div>\n");
	}
	html_lit(b, "</fieldset></div>\n<button type=\"submit\" class=\"button\">");
	html_text(b, _("Save the page's settings"));
	html_lit(b, "</button>\n</form>\n</section>\n");
}

void feedback_settings_post(struct app *app, struct req *rq, struct resp *rs,
			    const struct route_parts *rp)
{
	const struct admin *ad = rp->admin;
	const struct survey *s = rp->survey;
	const char *every = route_value(rp, "every");
	int enabled = route_value(rp, "enabled") != NULL;
	struct audit_actor who = {ad->user_id, ad->username};

	if (!s->standing) {
		web_error(app, rq, rs, 404);
		return;
	}
	if (every == NULL)
		every = "month";
	if (feedback_page_set(&app->store, &who, s->id, enabled, every,
			      arena_printf(rq->a, "%s, %s", enabled ? "on" : "off", every)) !=
	    STORE_OK) {
		web_error(app, rq, rs, 503);
		return;
	}
	/* the first snapshot at once, so the page never shows empty */
	if (enabled && feedback_update_due(&app->store, s, rq->a) < 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	rs->status = 303;
	resp_header(rs, "Location", arena_printf(rq->a, "/admin/publish/%s?saved=1", s->id));
}
