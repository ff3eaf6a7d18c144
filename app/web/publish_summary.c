/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * publish_summary: the parts of the results page /r/<id> and its briefing
 * that read the figures as words: the plain-language summary at the top,
 * the glossary of the method words, and the cross-tables of the
 * breakdowns (each question by the groups of a breakdown). Everything here
 * reads the one figure set the page and the open data are built from
 * (publish.c: disclosure-controlled when public), never a count of its
 * own, so a sentence always says what /r/<id>.json says. Writes HTML only
 * through render/html.h.
 */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "render/html.h"
#include "render/page.h"
#include "web/handlers.h"
#include "web/publish_int.h"
#include "web/themereview.h"

/* The label in the reader's language, else English, else "". */
static const char *lbl(json_t *label, enum yv_lang l)
{
	const char *v = json_string_value(json_object_get(label, survey_lang_code(l)));

	if (v == NULL)
		v = json_string_value(json_object_get(label, "en"));
	return v ? v : "";
}

static long long jint(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

const char *publish_pct(struct arena *a, json_t *v)
{
	if (!json_is_number(v))
		return "–";
	return arena_printf(a, "%.1f%%", json_number_value(v));
}

static const char *change(struct arena *a, json_t *v)
{
	if (!json_is_number(v))
		return "–";
	return arena_printf(a, "%+.10g%%", json_number_value(v));
}

const char *publish_channel_name(const char *key)
{
	return strcmp(key, "en") == 0		  ? "English"
	       : strcmp(key, "cy") == 0		  ? "Cymraeg"
	       : strcmp(key, "web") == 0	  ? _("Online")
	       : strcmp(key, "paper") == 0	  ? _("Paper")
	       : strcmp(key, "phone") == 0	  ? _("Phone")
	       : strcmp(key, "face-to-face") == 0 ? _("Face to face")
	       : strcmp(key, "email") == 0	  ? _("Email")
						  : key;
}

const char *publish_group_name(json_t *g, enum yv_lang l)
{
	const char *id = json_string_value(json_object_get(g, "id"));

	if (json_is_object(json_object_get(g, "label")))
		return lbl(json_object_get(g, "label"), l);
	if (id == NULL)
		return "";
	return strcmp(id, "_none") == 0	     ? _("Not answered")
	       : strcmp(id, "_outside") == 0 ? _("Outside the area map")
	       : strcmp(id, "_unknown") == 0 ? _("Not known")
	       : strcmp(id, "yes") == 0	     ? _("In the area")
					     : _("Outside the area");
}

const char *publish_breakdown_name(json_t *d, enum yv_lang l)
{
	const char *kind = json_string_value(json_object_get(d, "kind"));

	if (kind != NULL && strcmp(kind, "area") == 0)
		return _("By area");
	if (kind != NULL && strcmp(kind, "in-area") == 0)
		return _("Living in the area");
	return lbl(json_object_get(d, "label"), l);
}

const char *publish_scale_end(const struct survey *s, const char *qid, int top, enum yv_lang l)
{
	const struct survey_question *sq = qid ? survey_find_question(s, qid) : NULL;
	const char *t = NULL;

	if (sq != NULL)
		t = survey_text_get(top ? &sq->scale_max_label : &sq->scale_min_label, l);
	if (t == NULL || t[0] == '\0')
		return top ? _("the top of the scale") : _("the bottom of the scale");
	return t;
}

/* The index in opts of the entry with the largest number at key (the
 * first of equals), or -1 when none has a positive figure. */
static long largest(json_t *opts, const char *key)
{
	json_t *o;
	size_t i;
	long best = -1;
	double bv = 0;

	json_array_foreach(opts, i, o)
	{
		json_t *v = json_object_get(o, key);

		if (json_is_number(v) && json_number_value(v) > bv) {
			bv = json_number_value(v);
			best = (long)i;
		}
	}
	return best;
}

static void item(struct html *b, const char *s)
{
	html_lit(b, "<li>");
	html_text(b, s);
	html_lit(b, "</li>\n");
}

/* "Online 40, Paper 3" from the perturbed counts of by_channel. */
static const char *channels_text(struct arena *a, json_t *by)
{
	const char *key, *out = "";
	json_t *v;

	json_object_foreach(by, key, v) out =
	    arena_printf(a, "%s%s%s %lld", out, out[0] ? ", " : "", publish_channel_name(key),
			 (long long)json_integer_value(v));
	return out;
}

static void summary_question(struct req *rq, struct html *b, const struct survey *s, json_t *q)
{
	const char *type = json_string_value(json_object_get(q, "type"));
	const char *title = lbl(json_object_get(q, "label"), rq->lang);
	const char *qid = json_string_value(json_object_get(q, "id"));
	json_t *opts = json_object_get(q, "options");
	long k;

	if (type == NULL || json_is_true(json_object_get(q, "suppressed")) ||
	    jint(q, "answered") <= 0)
		return;
	if (strcmp(type, "choice") == 0 || strcmp(type, "multi") == 0) {
		k = largest(opts, "pct_answered");
		if (k < 0)
			return;
		item(b,
		     arena_printf(
			 rq->a,
			 _("%s: the answer given most was “%s”, by %s of those who answered."),
			 title,
			 lbl(json_object_get(json_array_get(opts, (size_t)k), "label"), rq->lang),
			 publish_pct(rq->a, json_object_get(json_array_get(opts, (size_t)k),
							    "pct_answered"))));
	} else if (strcmp(type, "scale") == 0 && json_is_number(json_object_get(q, "agree_pct"))) {
		item(b, arena_printf(rq->a,
				     _("%s: %s answered towards “%s” and %s towards “%s” (the "
				       "rest in the middle)."),
				     title, publish_pct(rq->a, json_object_get(q, "agree_pct")),
				     publish_scale_end(s, qid, 1, rq->lang),
				     publish_pct(rq->a, json_object_get(q, "disagree_pct")),
				     publish_scale_end(s, qid, 0, rq->lang)));
	} else if (strcmp(type, "ranking") == 0) {
		k = largest(opts, "points");
		if (k < 0)
			return;
		item(b,
		     arena_printf(
			 rq->a,
			 _("%s: ranked highest overall (Borda count) was “%s”, with %lld points."),
			 title,
			 lbl(json_object_get(json_array_get(opts, (size_t)k), "label"), rq->lang),
			 jint(json_array_get(opts, (size_t)k), "points")));
	} else if (strcmp(type, "budget") == 0) {
		json_t *lines = json_object_get(q, "lines"), *l, *hi = NULL, *lo = NULL;
		json_t *ct = json_object_get(q, "council_tax");
		size_t i;

		json_array_foreach(lines, i, l)
		{
			json_t *v = json_object_get(l, "median_change_pct");

			if (!json_is_number(v))
				continue;
			if (hi == NULL || json_number_value(v) > json_number_value(json_object_get(
								     hi, "median_change_pct")))
				hi = l;
			if (lo == NULL || json_number_value(v) < json_number_value(json_object_get(
								     lo, "median_change_pct")))
				lo = l;
		}
		if (hi == NULL)
			return;
		item(b,
		     arena_printf(rq->a,
				  _("%s: residents most protected “%s” (median change %s) and cut "
				    "“%s” the most (median change %s)."),
				  title, lbl(json_object_get(hi, "label"), rq->lang),
				  change(rq->a, json_object_get(hi, "median_change_pct")),
				  lbl(json_object_get(lo, "label"), rq->lang),
				  change(rq->a, json_object_get(lo, "median_change_pct"))));
		if (json_is_object(ct) && json_is_number(json_object_get(ct, "median_pct")))
			item(b,
			     arena_printf(rq->a,
					  _("%s: the median council tax change residents chose "
					    "was %s."),
					  title, change(rq->a, json_object_get(ct, "median_pct"))));
	}
}

/* The stance most of a theme's answers take, in words, or NULL. */
static const char *main_stance(json_t *t)
{
	json_t *so = json_object_get(t, "stance"), *v;
	const char *key, *best = NULL;
	double bv = 0;

	json_object_foreach(so, key, v) if (json_is_number(v) && json_number_value(v) > bv)
	{
		bv = json_number_value(v);
		best = key;
	}
	if (best == NULL)
		return NULL;
	return strcmp(best, "praise") == 0	 ? _("mostly praise")
	       : strcmp(best, "complaint") == 0	 ? _("mostly complaints")
	       : strcmp(best, "suggestion") == 0 ? _("mostly suggestions")
						 : _("mostly neutral");
}

/* The top three approved themes of each analysed question. */
static void summary_themes(struct req *rq, struct html *b, json_t *res)
{
	json_t *q;
	size_t i;

	json_array_foreach(json_object_get(res, "questions"), i, q)
	{
		const char *qid = json_string_value(json_object_get(q, "id"));
		json_t *tq = qid ? themereview_question(json_object_get(res, "themes"), qid) : NULL;
		json_t *list = json_object_get(tq, "themes"), *t;
		const char *out = "";
		size_t k;

		if (json_array_size(list) == 0)
			continue;
		json_array_foreach(list, k, t)
		{
			const char *st = main_stance(t);

			if (k >= 3)
				break;
			out = arena_printf(rq->a, "%s%s“%s” (%.1f%%%s%s)", out, k ? "; " : "",
					   lbl(json_object_get(t, "label"), rq->lang),
					   json_number_value(json_object_get(t, "share")) * 100.0,
					   st ? ", " : "", st ? st : "");
		}
		item(b,
		     arena_printf(rq->a, _("%s: the main themes in the written answers were %s."),
				  lbl(json_object_get(q, "label"), rq->lang), out));
	}
}

void publish_summary(struct req *rq, struct html *b, const struct survey *s, json_t *res)
{
	json_t *resp = json_object_get(res, "respondents"), *q;
	json_t *dc = json_object_get(res, "disclosure_control");
	long long total = jint(resp, "total");
	size_t i;

	html_lit(b, "<section class=\"summary\" id=\"summary\" aria-labelledby=\"summary-h\">\n"
		    "<h2 id=\"summary-h\">");
	html_text(b, _("Summary"));
	html_lit(b, "</h2>\n<ul class=\"summary-list\">\n");
	item(b, arena_printf(rq->a,
			     ngettext_("%lld person responded.", "%lld people responded.", total),
			     total));
	if (json_object_size(json_object_get(resp, "by_channel")) > 0)
		item(b, arena_printf(rq->a, _("How they responded: %s."),
				     channels_text(rq->a, json_object_get(resp, "by_channel"))));
	if (json_is_true(json_object_get(dc, "too_few"))) {
		item(b, _("Too few people have responded for the answers to be published without "
			  "identifying anyone."));
	} else {
		json_array_foreach(json_object_get(res, "questions"), i, q)
		    summary_question(rq, b, s, q);
		summary_themes(rq, b, res);
	}
	html_lit(b, "</ul>\n<p class=\"meta\">");
	html_text(b, _("Shares are of those who answered each question. Words such as “median” "
		       "and “Borda count” are explained under “Words used on this page”."));
	html_lit(b, " <a href=\"#glossary\">");
	html_text(b, _("Words used on this page"));
	html_lit(b, "</a></p>\n</section>\n");
}

static void term(struct html *b, const char *t, const char *d)
{
	html_lit(b, "<dt>");
	html_text(b, t);
	html_lit(b, "</dt><dd>");
	html_text(b, d);
	html_lit(b, "</dd>\n");
}

void publish_glossary(struct req *rq, struct html *b, json_t *res)
{
	html_lit(
	    b,
	    "<section class=\"result glossary\" id=\"glossary\" aria-labelledby=\"glossary-h\">\n"
	    "<h2 id=\"glossary-h\">");
	html_text(b, _("Words used on this page"));
	html_lit(b, "</h2>\n<dl class=\"glossary-list\">\n");
	term(b, _("Share"),
	     _("Of the people who answered a question, the percentage who gave an answer. People "
	       "who skipped the question are not counted in it."));
	term(b, _("Median"),
	     _("The middle value: half the answers are at or below it and half at or above it. "
	       "A few very high or low answers do not move it, unlike the mean."));
	term(b, _("Mean"),
	     _("The average: all the answers added up and divided by how many there are."));
	term(b, _("Borda count"),
	     _("A way of combining rankings: an option gets the most points for each first place, "
	       "one fewer for each second place, and so on. The option with the most points is "
	       "ranked highest overall."));
	term(b, _("Residents' budget"),
	     _("Every service at the median change residents chose for it, added up."));
	term(b, _("Theme"),
	     _("A group of written answers that say similar things, found by computer and "
	       "checked by council officers."));
	term(b,
	     arena_printf(rq->a, _("Small groups (fewer than %lld)"), jint(res, "min_group_size")),
	     _("Figures for a group with too few people are not shown (they are suppressed), and "
	       "sometimes one more group is hidden too, so that no one's answers can be worked "
	       "out."));
	term(b, _("Cell-key perturbation"),
	     _("A method from the UK census: each count may be moved up or down by a small "
	       "amount, always the same wherever it appears, so that no one can be identified by "
	       "subtracting one figure from another."));
	term(b, _("Snapshot"),
	     _("Figures for groups are counted once, when the results are published or the "
	       "consultation closes, not as responses come in."));
	html_lit(b, "</dl>\n</section>\n");
}

/* The group's figures of question qid, or NULL. */
static json_t *group_question(json_t *g, const char *qid)
{
	json_t *q;
	size_t i;

	json_array_foreach(json_object_get(g, "questions"), i, q)
	{
		const char *id = json_string_value(json_object_get(q, "id"));

		if (id != NULL && strcmp(id, qid) == 0)
			return q;
	}
	return NULL;
}

/* The option of value v in a group's question figures, or NULL. */
static json_t *option_of(json_t *gq, json_t *v)
{
	json_t *o;
	size_t i;

	json_array_foreach(json_object_get(gq, "options"), i,
			   o) if (json_equal(json_object_get(o, "value"), v)) return o;
	return NULL;
}

static void cell(struct html *b, const char *s)
{
	html_lit(b, "<td class=\"num\">");
	html_text(b, s);
	html_lit(b, "</td>");
}

/* One cross-table: question q (its overall figures, for the columns) by
 * the groups of breakdown d. */
static void crosstab(struct req *rq, struct html *b, const struct survey *s, json_t *res, json_t *d,
		     json_t *q, size_t di)
{
	const char *type = json_string_value(json_object_get(q, "type"));
	const char *qid = json_string_value(json_object_get(q, "id"));
	const char *caption =
	    arena_printf(rq->a, _("%s: %s"), lbl(json_object_get(q, "label"), rq->lang),
			 publish_breakdown_name(d, rq->lang));
	int scale = strcmp(type, "scale") == 0;
	json_t *opts = json_object_get(q, "options"), *o, *g;
	size_t i, k, ncols = scale ? 3 : json_array_size(opts);

	html_lit(b, "<div class=\"crosstab\" id=\"");
	html_text(b, arena_printf(rq->a, "by-%zu-%s", di, qid));
	html_lit(b, "\">\n");
	page_table_region(b, caption);
	html_text(b, caption);
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Group"));
	page_th(b, _("Respondents"));
	if (scale) {
		page_th(b, arena_printf(rq->a, _("Towards “%s”"),
					publish_scale_end(s, qid, 1, rq->lang)));
		page_th(b, arena_printf(rq->a, _("Towards “%s”"),
					publish_scale_end(s, qid, 0, rq->lang)));
		page_th(b, _("Mean"));
	} else {
		json_array_foreach(opts, i, o)
		    page_th(b, lbl(json_object_get(o, "label"), rq->lang));
	}
	html_lit(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(json_object_get(d, "groups"), k, g)
	{
		json_t *gq = group_question(g, qid);

		html_lit(b, "<tr><th scope=\"row\">");
		html_text(b, publish_group_name(g, rq->lang));
		html_lit(b, "</th>");
		if (json_is_true(json_object_get(g, "suppressed"))) {
			html_lit(b, "<td class=\"suppressed\">");
			html_text(b, arena_printf(rq->a, _("fewer than %lld"),
						  jint(res, "min_group_size")));
			html_lit(b, "</td>");
			for (i = 0; i < ncols; i++)
				cell(b, "–");
			html_lit(b, "</tr>\n");
			continue;
		}
		html_lit(b, "<td class=\"num\">");
		html_int(b, jint(g, "respondents"));
		html_lit(b, "</td>");
		if (gq == NULL || json_is_true(json_object_get(gq, "suppressed"))) {
			for (i = 0; i < ncols; i++)
				cell(b, "–");
		} else if (scale) {
			json_t *m = json_object_get(gq, "mean");

			cell(b, publish_pct(rq->a, json_object_get(gq, "agree_pct")));
			cell(b, publish_pct(rq->a, json_object_get(gq, "disagree_pct")));
			cell(b, json_is_number(m)
				    ? arena_printf(rq->a, "%.10g", json_number_value(m))
				    : "–");
		} else {
			json_array_foreach(opts, i, o) cell(
			    b, publish_pct(rq->a, json_object_get(
						      option_of(gq, json_object_get(o, "value")),
						      "pct_answered")));
		}
		html_lit(b, "</tr>\n");
	}
	html_lit(b, "</tbody></table>\n</div>\n</div>\n");
}

void publish_crosstabs(struct req *rq, struct html *b, const struct survey *s, json_t *res,
		       json_t *d, size_t di)
{
	const char *by = json_string_value(json_object_get(d, "by"));
	json_t *q;
	size_t i;
	int any = 0;

	json_array_foreach(json_object_get(res, "questions"), i, q)
	{
		const char *type = json_string_value(json_object_get(q, "type"));
		const char *qid = json_string_value(json_object_get(q, "id"));

		if (type == NULL || qid == NULL || (by != NULL && strcmp(qid, by) == 0) ||
		    json_is_true(json_object_get(q, "suppressed")) ||
		    (strcmp(type, "choice") != 0 && strcmp(type, "multi") != 0 &&
		     strcmp(type, "scale") != 0))
			continue;
		if (!any) {
			html_lit(b, "<p class=\"meta\">");
			html_text(b,
				  arena_printf(rq->a,
					       _("How each group answered (%s): shares of those in "
						 "the group who answered each question."),
					       publish_breakdown_name(d, rq->lang)));
			html_lit(b, "</p>\n");
			any = 1;
		}
		crosstab(rq, b, s, res, d, q, di);
	}
}
