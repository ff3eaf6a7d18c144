/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * series: /t/<series>, /t/<series>.json and /t/<series>.csv, the trust and
 * satisfaction figures of a tracked series over its waves. A wave is a
 * survey declaring <series id="…" wave="…"/>; a question asked (same id) in
 * two waves or more is tracked; results/series.h says what its figure is
 * and how the interval and the test of change are computed. Each wave's
 * figures are its PUBLIC results (publish_public_figures: the perturbed
 * counts of /r/<wave>.json, breakdowns as they are published), so the
 * series discloses nothing the waves' own pages do not; a wave whose
 * results are not public yet is listed without figures.
 *
 * Uses results/series (figures), render/ (page, line chart), publish.c
 * (public figures and publication state), resp.c.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "render/html.h"
#include "render/page.h"
#include "render/svg_line.h"
#include "results/feed.h"
#include "results/series.h"
#include "web/handlers.h"
#include "web/pages.h"
#include "web/series_int.h"

enum { OUT_PAGE, OUT_JSON, OUT_CSV };

static int cmp_wave(const void *a, const void *b)
{
	const struct wave *x = a, *y = b;

	return strcmp(x->s->series_wave, y->s->series_wave);
}

static const struct survey_question *question_of(const struct survey *s, const char *qid)
{
	for (size_t p = 0; p < s->npages; p++)
		for (size_t i = 0; i < s->pages[p].nquestions; i++)
			if (strcmp(s->pages[p].questions[i].id, qid) == 0)
				return &s->pages[p].questions[i];
	return NULL;
}

/* The tracked questions: asked in two waves or more, with a figure kind,
 * in the order of the latest wave that asks them. */
static int find_tracked(struct req *rq, struct series *sr)
{
	sr->t = arena_calloc(rq->a, SERIES_MAX_QUESTIONS, sizeof(*sr->t));
	if (sr->t == NULL)
		return -1;
	for (size_t wi = sr->nw; wi-- > 0;) {
		const struct survey *s = sr->w[wi].s;

		for (size_t p = 0; p < s->npages; p++)
			for (size_t i = 0; i < s->pages[p].nquestions; i++) {
				const struct survey_question *q = &s->pages[p].questions[i];
				size_t asked = 0, k;

				if (series_kind_of(q) == SERIES_NONE)
					continue;
				for (k = 0; k < sr->nt && strcmp(sr->t[k].qid, q->id) != 0; k++)
					;
				if (k < sr->nt || sr->nt == SERIES_MAX_QUESTIONS)
					continue;
				for (size_t v = 0; v < sr->nw; v++)
					asked += question_of(sr->w[v].s, q->id) != NULL;
				if (asked < 2)
					continue;
				sr->t[sr->nt].qid = q->id;
				sr->t[sr->nt].q = q;
				sr->t[sr->nt].kind = series_kind_of(q);
				sr->nt++;
			}
	}
	return 0;
}

/* Each tracked question's figure in each public wave, and the test of the
 * change between the last two waves with one. */
static int figures(struct req *rq, struct series *sr)
{
	for (size_t k = 0; k < sr->nt; k++) {
		struct tracked *t = &sr->t[k];

		t->pts = arena_calloc(rq->a, sr->nw, sizeof(*t->pts));
		if (t->pts == NULL)
			return -1;
		t->from = t->to = -1;
		for (size_t v = 0; v < sr->nw; v++) {
			const struct survey_question *q = question_of(sr->w[v].s, t->qid);

			if (q == NULL || sr->w[v].res == NULL || series_kind_of(q) != t->kind)
				continue;
			t->pts[v] = series_point_of(q, series_question_json(sr->w[v].res, t->qid));
			if (t->pts[v].kind == SERIES_NONE)
				continue;
			t->from = t->to;
			t->to = (int)v;
		}
		if (t->from >= 0 && t->kind == SERIES_SHARE) {
			t->z = series_z(t->pts[t->from].k, t->pts[t->from].n, t->pts[t->to].k,
					t->pts[t->to].n);
			t->has_test = 1;
		} else if (t->from >= 0 && t->pts[t->from].has_ci && t->pts[t->to].has_ci) {
			const struct series_point *p1 = &t->pts[t->from], *p2 = &t->pts[t->to];

			t->z = series_welch(p1->value, p1->sd, p1->n, p2->value, p2->sd, p2->n,
					    &t->df);
			t->has_test = t->df > 0;
		}
	}
	return 0;
}

/* The waves of series id, each with its public figures: 0, 1 when there is
 * no such series, -1 on a database error. */
static int load(struct app *app, struct req *rq, const char *id, struct series *sr)
{
	size_t ns = survey_set_count(app->surveys);

	memset(sr, 0, sizeof(*sr));
	sr->id = id;
	sr->w = arena_calloc(rq->a, SERIES_MAX_WAVES, sizeof(*sr->w));
	if (sr->w == NULL)
		return -1;
	for (size_t i = 0; i < ns && sr->nw < SERIES_MAX_WAVES; i++) {
		const struct survey *s = survey_set_at(app->surveys, i);

		if (s->series_id != NULL && strcmp(s->series_id, id) == 0 &&
		    survey_state_at(s, time(NULL)) != SURVEY_NOT_YET_OPEN)
			sr->w[sr->nw++].s = s;
	}
	if (sr->nw == 0)
		return 1;
	qsort(sr->w, sr->nw, sizeof(*sr->w), cmp_wave);
	for (size_t v = 0; v < sr->nw; v++) {
		struct publication pub;
		int rc;

		if (publication_load(app, rq, sr->w[v].s, time(NULL), &pub) != 0)
			return -1;
		if (!pub.is_public)
			continue;
		rc = publish_public_figures(app, rq, sr->w[v].s, &pub, &sr->w[v].res);
		if (rc < 0)
			return -1;
		sr->w[v].counting = rc == 1;
		if (sr->w[v].res != NULL)
			sr->w[v].total = (long long)json_integer_value(
			    json_object_get(json_object_get(sr->w[v].res, "respondents"), "total"));
	}
	if (find_tracked(rq, sr) != 0 || figures(rq, sr) != 0)
		return -1;
	return 0;
}

static void release(struct series *sr)
{
	for (size_t v = 0; v < sr->nw; v++)
		json_decref(sr->w[v].res);
}

/* The series' name: the latest wave's <series><name>, else its title. */
static const char *series_name(const struct series *sr, enum yv_lang l)
{
	const struct survey *last = sr->w[sr->nw - 1].s;
	const char *n = survey_text_get(&last->series_name, l);

	return n[0] != '\0' ? n : survey_text_get(&last->title, l);
}

static void fmt_figure(char *out, size_t len, enum series_kind kind, double v)
{
	if (kind == SERIES_SHARE)
		snprintf(out, len, "%.1f%%", 100 * v);
	else
		snprintf(out, len, "%.2f", v);
}

/* ---- JSON ---- */

static json_t *text_json(const char *en, const char *cy)
{
	json_t *o = json_object();

	json_object_set_new(o, "en", json_string(en));
	json_object_set_new(o, "cy", json_string(cy));
	return o;
}

static json_t *to_json(const struct series *sr)
{
	json_t *root = json_object(), *waves = json_array(), *qs = json_array();

	json_object_set_new(root, "series", json_string(sr->id));
	json_object_set_new(root, "name",
			    text_json(series_name(sr, LANG_EN), series_name(sr, LANG_CY)));
	json_object_set_new(
	    root, "method",
	    json_string(
		"share: positive answers (scale: above the midpoint; choice: options "
		"marked positive) of those who answered, from each wave's published "
		"(perturbed) counts; ci95: Wilson score interval; change: two-sided test of "
		"two proportions (pooled z) between the last two waves with a figure, "
		"larger_than_chance when |z| > 1.96; mean: of the published answers, "
		"ci95: Student t interval mean +/- t(0.975, n-1) * sd / sqrt(n) from the "
		"published mean, sd and count; change of a mean: Welch's t test, "
		"larger_than_chance when |t| > t(0.975, df) (Welch-Satterthwaite df)"));
	for (size_t v = 0; v < sr->nw; v++) {
		json_t *w = json_object();

		json_object_set_new(w, "wave", json_string(sr->w[v].s->series_wave));
		json_object_set_new(w, "survey", json_string(sr->w[v].s->id));
		json_object_set_new(w, "public", json_boolean(sr->w[v].res != NULL));
		json_object_set_new(w, "responses",
				    sr->w[v].res != NULL ? json_integer(sr->w[v].total)
							 : json_null());
		json_array_append_new(waves, w);
	}
	for (size_t k = 0; k < sr->nt; k++) {
		const struct tracked *t = &sr->t[k];
		json_t *q = json_object(), *pts = json_array();

		json_object_set_new(q, "id", json_string(t->qid));
		json_object_set_new(q, "label",
				    text_json(survey_text_get(&t->q->label, LANG_EN),
					      survey_text_get(&t->q->label, LANG_CY)));
		json_object_set_new(q, "figure",
				    json_string(t->kind == SERIES_SHARE ? "share" : "mean"));
		for (size_t v = 0; v < sr->nw; v++) {
			const struct series_point *p = &t->pts[v];
			json_t *o = json_object();

			json_object_set_new(o, "wave", json_string(sr->w[v].s->series_wave));
			if (p->kind == SERIES_NONE) {
				json_object_set_new(o, "value", json_null());
			} else {
				json_object_set_new(o, "base", json_integer(p->n));
				if (p->kind == SERIES_SHARE)
					json_object_set_new(o, "positive", json_integer(p->k));
				if (p->kind == SERIES_MEAN)
					json_object_set_new(
					    o, "sd", p->has_ci ? json_real(p->sd) : json_null());
				if (p->kind == SERIES_SHARE || p->has_ci) {
					json_t *ci = json_array();

					json_array_append_new(ci, json_real(p->lo));
					json_array_append_new(ci, json_real(p->hi));
					json_object_set_new(o, "ci95", ci);
				} else {
					json_object_set_new(o, "ci95", json_null());
				}
				json_object_set_new(o, "value", json_real(p->value));
			}
			json_array_append_new(pts, o);
		}
		json_object_set_new(q, "waves", pts);
		if (t->from >= 0) {
			json_t *c = json_object();

			json_object_set_new(c, "from", json_string(sr->w[t->from].s->series_wave));
			json_object_set_new(c, "to", json_string(sr->w[t->to].s->series_wave));
			json_object_set_new(c, "difference",
					    json_real(t->pts[t->to].value - t->pts[t->from].value));
			if (t->kind == SERIES_SHARE) {
				json_object_set_new(c, "z", json_real(t->z));
				json_object_set_new(c, "larger_than_chance",
						    json_boolean(fabs(t->z) > 1.96));
			} else if (t->has_test) {
				json_object_set_new(c, "t", json_real(t->z));
				json_object_set_new(c, "df", json_real(t->df));
				json_object_set_new(c, "larger_than_chance",
						    json_boolean(fabs(t->z) > series_t975(t->df)));
			}
			json_object_set_new(q, "change", c);
		} else {
			json_object_set_new(q, "change", json_null());
		}
		json_array_append_new(qs, q);
	}
	json_object_set_new(root, "waves", waves);
	json_object_set_new(root, "questions", qs);
	return root;
}

/* ---- the page ---- */

/* The sentence on the change between the last two waves with a figure. */
static void change_sentence(struct html *b, struct req *rq, const struct series *sr,
			    const struct tracked *t)
{
	char a[32], c[32];

	html_lit(b, "<p class=\"series-change\">");
	if (t->from < 0) {
		html_text(b, _("There are not yet two waves with figures to compare."));
		html_lit(b, "</p>\n");
		return;
	}
	fmt_figure(a, sizeof(a), t->kind, t->pts[t->from].value);
	fmt_figure(c, sizeof(c), t->kind, t->pts[t->to].value);
	if (t->kind == SERIES_MEAN && !t->has_test)
		html_text(b, arena_printf(rq->a,
					  _("The average went from %s in %s to %s in %s. No "
					    "interval is given for averages: the published figures "
					    "have no measure of spread."),
					  a, sr->w[t->from].s->series_wave, c,
					  sr->w[t->to].s->series_wave));
	else if (t->kind == SERIES_MEAN && fabs(t->z) > series_t975(t->df))
		html_text(b, arena_printf(rq->a,
					  _("The average went from %s in %s to %s in %s: a change "
					    "larger than chance alone would give (p < 0.05)."),
					  a, sr->w[t->from].s->series_wave, c,
					  sr->w[t->to].s->series_wave));
	else if (t->kind == SERIES_MEAN)
		html_text(b, arena_printf(
				 rq->a,
				 _("The average went from %s in %s to %s in %s: a change "
				   "no larger than chance alone could give, so it may not be "
				   "a real change."),
				 a, sr->w[t->from].s->series_wave, c, sr->w[t->to].s->series_wave));
	else if (fabs(t->z) > 1.96)
		html_text(b, arena_printf(
				 rq->a,
				 t->z > 0 ? _("The share rose from %s in %s to %s in %s: a "
					      "change larger than chance alone would "
					      "give (p < 0.05).")
					  : _("The share fell from %s in %s to %s in %s: a "
					      "change larger than chance alone would "
					      "give (p < 0.05)."),
				 a, sr->w[t->from].s->series_wave, c, sr->w[t->to].s->series_wave));
	else
		html_text(b, arena_printf(rq->a,
					  _("The share went from %s in %s to %s in %s: a change "
					    "no larger than chance alone could give, so it may "
					    "not be a real change."),
					  a, sr->w[t->from].s->series_wave, c,
					  sr->w[t->to].s->series_wave));
	html_lit(b, "</p>\n");
}

static void question_table(struct html *b, struct req *rq, const struct series *sr,
			   const struct tracked *t, const char *label)
{
	char f[32], lo[32], hi[32];
	const char *caption = arena_printf(rq->a, _("Figures by wave: %s"), label);

	html_lit(b, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_text(b, caption);
	html_lit(b, "\">\n<table class=\"results-table series-table\"><caption>");
	html_text(b, caption);
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Wave"));
	page_th(b, _("Answered"));
	page_th(b, t->kind == SERIES_SHARE ? _("Positive") : _("Average"));
	page_th(b, _("95% interval"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	for (size_t v = 0; v < sr->nw; v++) {
		const struct series_point *p = &t->pts[v];

		html_lit(b, "<tr><th scope=\"row\">");
		html_text(b, sr->w[v].s->series_wave);
		html_lit(b, "</th>");
		if (p->kind == SERIES_NONE) {
			html_lit(b, "<td colspan=\"");
			html_int(b, 3);
			html_lit(b, "\">");
			html_text(b, sr->w[v].res == NULL ? _("Results not published yet")
							  : _("No figure for this wave"));
			html_lit(b, "</td></tr>\n");
			continue;
		}
		fmt_figure(f, sizeof(f), t->kind, p->value);
		html_lit(b, "<td class=\"count\">");
		html_int(b, p->n);
		html_lit(b, "</td><td class=\"count\">");
		html_text(b, f);
		html_lit(b, "</td>");
		if (t->kind == SERIES_SHARE || p->has_ci) {
			fmt_figure(lo, sizeof(lo), t->kind, p->lo);
			fmt_figure(hi, sizeof(hi), t->kind, p->hi);
			html_lit(b, "<td class=\"count\">");
			html_text(b, arena_printf(rq->a, _("%s to %s"), lo, hi));
			html_lit(b, "</td>");
		} else {
			html_lit(b, "<td class=\"count\">–</td>");
		}
		html_lit(b, "</tr>\n");
	}
	html_lit(b, "</tbody>\n</table>\n</div>\n");
}

static void question_section(struct html *b, struct req *rq, const struct series *sr,
			     const struct tracked *t, size_t k)
{
	const char *label = survey_text_get(&t->q->label, rq->lang);
	struct svg_point *pts = arena_calloc(rq->a, sr->nw, sizeof(*pts));
	double ymax = 1;

	html_lit(b, "<section class=\"series-question\" aria-labelledby=\"tq-");
	html_int(b, (long long)k);
	html_lit(b, "\">\n<h2 id=\"tq-");
	html_int(b, (long long)k);
	html_lit(b, "\">");
	html_text(b, label);
	html_lit(b, "</h2>\n<p class=\"caption\">");
	if (t->kind == SERIES_SHARE)
		html_text(b,
			  t->q->type == SQ_SCALE
			      ? _("Figure: the share who answered above the middle of the scale, "
				  "of those who gave a number. The bars on the chart show each 95% "
				  "interval.")
			      : _("Figure: the share who gave a positive answer, of those who "
				  "answered. The bars on the chart show each 95% interval."));
	else
		html_text(b, _("Figure: the average answer. The bars on the chart show each 95% "
			       "interval (Student's t)."));
	html_lit(b, "</p>\n");
	change_sentence(b, rq, sr, t);
	if (pts != NULL) {
		for (size_t v = 0; v < sr->nw; v++) {
			pts[v].label = sr->w[v].s->series_wave;
			pts[v].has = t->pts[v].kind != SERIES_NONE;
			pts[v].value = t->pts[v].value;
			pts[v].lo = t->pts[v].lo;
			pts[v].hi = t->pts[v].hi;
			if (t->kind == SERIES_MEAN && pts[v].has && pts[v].value > ymax)
				ymax = pts[v].value;
			if (t->kind == SERIES_MEAN && pts[v].has && t->pts[v].has_ci &&
			    pts[v].hi > ymax)
				ymax = pts[v].hi;
			if (t->kind == SERIES_MEAN && pts[v].has && !t->pts[v].has_ci)
				pts[v].lo = pts[v].hi = pts[v].value;
			if (t->kind == SERIES_MEAN && pts[v].lo < 0)
				pts[v].lo = 0; /* the chart's axis starts at 0 */
		}
		if (t->kind == SERIES_MEAN) {
			char top[32];

			ymax = ceil(ymax);
			snprintf(top, sizeof(top), "%.0f", ymax);
			svg_line(b, arena_printf(rq->a, "tc-%zu", k), label,
				 _("A line chart of the figure in each wave; the table below "
				   "gives the figures."),
				 pts, sr->nw, 0, ymax, "0", arena_printf(rq->a, "%s", top));
		} else {
			svg_line(b, arena_printf(rq->a, "tc-%zu", k), label,
				 _("A line chart of the share in each wave with its 95% interval; "
				   "the table below gives the figures."),
				 pts, sr->nw, 0, 1, "0%", "100%");
		}
	}
	question_table(b, rq, sr, t, label);
	html_lit(b, "</section>\n");
}

static void waves_list(struct html *b, struct req *rq, const struct series *sr)
{
	html_lit(b, "<h2>");
	html_text(b, _("Waves"));
	html_lit(b, "</h2>\n<ul class=\"series-waves\">\n");
	for (size_t v = 0; v < sr->nw; v++) {
		const struct wave *w = &sr->w[v];

		html_lit(b, "<li>");
		html_text(b, w->s->series_wave);
		html_lit(b, ": ");
		if (w->res != NULL) {
			html_lit(b, "<a href=\"/r/");
			html_urlpart(b, w->s->id);
			html_lit(b, "\">");
			html_text(b, survey_text_get(&w->s->title, rq->lang));
			html_lit(b, "</a> (");
			html_text(
			    b, arena_printf(rq->a,
					    ngettext_("%lld response", "%lld responses", w->total),
					    w->total));
			html_lit(b, ")");
		} else {
			html_text(b, survey_text_get(&w->s->title, rq->lang));
			html_lit(b, " (");
			html_text(b, w->counting ? _("being counted")
						 : _("results not published yet"));
			html_lit(b, ")");
		}
		html_lit(b, "</li>\n");
	}
	html_lit(b, "</ul>\n");
}

static void render(struct req *rq, struct resp *rs, const struct series *sr)
{
	const char *name = series_name(sr, rq->lang);
	const char *path = arena_printf(rq->a, "/t/%s", sr->id);
	struct page_ctx p = {rq->lang, path ? path : "/", name};
	struct html *b = html_over(&rs->body);

	resp_html(rs);
	page_begin(b, &p);
	html_lit(b, "<h1>");
	html_text(b, name);
	html_lit(b, "</h1>\n<p>");
	html_text(b, _("The same questions asked in each wave of this series, and how the answers "
		       "changed. Each figure comes from that wave's published results. The 95% "
		       "interval is the range the true figure most likely lies in, given how many "
		       "answered; a change is called larger than chance when a test of the two "
		       "waves gives p < 0.05."));
	html_lit(b, "</p>\n<p>");
	html_lit(b, "<a href=\"/t/");
	html_urlpart(b, sr->id);
	html_lit(b, ".csv\">");
	html_text(b, _("Download the figures (CSV)"));
	html_lit(b, "</a> · <a href=\"/t/");
	html_urlpart(b, sr->id);
	html_lit(b, ".json\">");
	html_text(b, _("Open data (JSON)"));
	html_lit(b, "</a></p>\n");
	waves_list(b, rq, sr);
	if (sr->nt == 0) {
		html_lit(b, "<p>");
		html_text(b, _("No question is asked in two waves yet."));
		html_lit(b, "</p>\n");
	}
	for (size_t k = 0; k < sr->nt; k++)
		question_section(b, rq, sr, &sr->t[k], k);
	page_end(b, &p);
}

/* /t/<rest>: <series>, <series>.json or <series>.csv. */
void series_route(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	const char *rest = rp->rest, *dot = strrchr(rest, '.');
	size_t n = dot ? (size_t)(dot - rest) : strlen(rest);
	int kind = OUT_PAGE, rc;
	struct series sr;
	char *id;

	if (dot != NULL && strcmp(dot, ".json") == 0)
		kind = OUT_JSON;
	else if (dot != NULL && strcmp(dot, ".csv") == 0)
		kind = OUT_CSV;
	else if (dot != NULL)
		n = 0;
	if (!survey_id_valid(rest, n)) {
		web_error(app, rq, rs, 404);
		return;
	}
	id = arena_printf(rq->a, "%.*s", (int)n, rest);
	memset(&sr, 0, sizeof(sr));
	rc = id ? load(app, rq, id, &sr) : -1;
	if (rc != 0) {
		release(&sr);
		web_error(app, rq, rs, rc > 0 ? 404 : 503);
		return;
	}
	resp_header(rs, "Cache-Control", "public, max-age=60");
	if (kind == OUT_JSON) {
		json_t *j = to_json(&sr);

		rs->content_type = "application/json; charset=utf-8";
		resp_header(rs, "Access-Control-Allow-Origin", "*");
		results_dump_json(&rs->body, j, 1);
		json_decref(j);
	} else if (kind == OUT_CSV) {
		rs->content_type = "text/csv; charset=utf-8; header=present";
		resp_header(rs, "Access-Control-Allow-Origin", "*");
		resp_header(rs, "Content-Disposition",
			    arena_printf(rq->a, "inline; filename=\"%s-series.csv\"", id));
		series_csv(&rs->body, &sr, rq->lang);
	} else {
		render(rq, rs, &sr);
	}
	release(&sr);
}
