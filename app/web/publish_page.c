/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * publish_page: the results page /r/<id> (and the officers' view of it)
 * from the figure set of results/results.h: per question type a table and
 * an inline SVG chart (render/svg.h) with the same figures, the
 * breakdowns from the snapshot, the themes of analysed questions
 * (web/themereview.h), the disclosure-control note. Writes HTML only through
 * render/html.h. Serving, caching and the open data are publish.c.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/log.h"
#include "render/html.h"
#include "render/page.h"
#include "render/svg.h"
#include "results/results.h"
#include "web/handlers.h"
#include "web/promises.h"
#include "web/publish_int.h"
#include "web/themereview.h"

/* The label in the reader's language, else English, else any. */
static const char *lbl(json_t *label, enum yv_lang l)
{
	const char *v = json_string_value(json_object_get(label, survey_lang_code(l)));
	const char *key;
	json_t *x;

	if (v != NULL)
		return v;
	v = json_string_value(json_object_get(label, "en"));
	if (v != NULL)
		return v;
	json_object_foreach(label, key, x) return json_string_value(x) ? json_string_value(x) : "";
	return "";
}

static long long jint(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static double jnum(json_t *o, const char *k)
{
	return json_number_value(json_object_get(o, k));
}

/* "50.0%", or a dash when there is no figure. */
static const char *fmt_pct(struct arena *a, json_t *v)
{
	if (!json_is_number(v))
		return "–";
	return arena_printf(a, "%.1f%%", json_number_value(v));
}

static const char *fmt_num(struct arena *a, json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (!json_is_number(v))
		return "–";
	return arena_printf(a, "%.10g", json_number_value(v));
}

/* Whole pounds with thousands separators: "£1,234,567", "-£500". */
static const char *fmt_money(struct arena *a, long long pence)
{
	char digits[32], out[48];
	long long pounds = llabs((pence >= 0 ? pence + 50 : pence - 50) / 100);
	size_t n, k = 0;

	snprintf(digits, sizeof(digits), "%lld", pounds);
	n = strlen(digits);
	if (pence <= -50)
		out[k++] = '-';
	memcpy(out + k, "£", 2);
	k += 2;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = digits[i];
	}
	out[k] = '\0';
	return arena_strdup(a, out);
}

static const char *fmt_change(struct arena *a, json_t *v)
{
	if (!json_is_number(v))
		return "–";
	return arena_printf(a, "%+.10g%%", json_number_value(v));
}

static void td(struct html *b, const char *s)
{
	html_lit(b, "<td>");
	html_text(b, s);
	html_lit(b, "</td>");
}

static void td_int(struct html *b, long long v)
{
	html_lit(b, "<td class=\"num\">");
	html_int(b, v);
	html_lit(b, "</td>");
}

static void td_num(struct html *b, const char *s)
{
	html_lit(b, "<td class=\"num\">");
	html_text(b, s);
	html_lit(b, "</td>");
}

static void row_head(struct html *b, const char *s)
{
	html_lit(b, "<tr><th scope=\"row\">");
	html_text(b, s);
	html_lit(b, "</th>");
}

static void para(struct html *b, const char *s)
{
	html_lit(b, "<p>");
	html_text(b, s);
	html_lit(b, "</p>\n");
}

/* A description of bars for <desc>: "Car: 50.0%; Bus: 25.0%". */
static const char *bars_desc(struct arena *a, const char *intro, const struct svg_bar *bars,
			     size_t n)
{
	struct buf d;
	const char *out;

	buf_init(&d, 8192);
	buf_puts(&d, intro);
	for (size_t i = 0; i < n; i++)
		buf_printf(&d, "%s%s: %s", i ? "; " : " ", bars[i].label, bars[i].value_text);
	buf_putc(&d, '.');
	out = arena_strdup(a, buf_cstr(&d));
	buf_release(&d);
	return out;
}

static const char *chart_id(struct arena *a, const char *qid, const char *what)
{
	return arena_printf(a, "chart-%s%s", qid, what);
}

/* The indices of arr ordered by the number at key, largest first (equal
 * ones in their order), so that a chart lists what it shows in order. */
static size_t *order_by(struct arena *a, json_t *arr, const char *key)
{
	size_t n = json_array_size(arr), *ix = arena_calloc(a, n + 1, sizeof(*ix));

	if (ix == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		double v = json_number_value(json_object_get(json_array_get(arr, i), key));
		size_t j = i;

		while (j > 0 && json_number_value(
				    json_object_get(json_array_get(arr, ix[j - 1]), key)) < v) {
			ix[j] = ix[j - 1];
			j--;
		}
		ix[j] = i;
	}
	return ix;
}

static void choice_q(struct req *rq, struct html *b, json_t *q, const char *title)
{
	json_t *opts = json_object_get(q, "options"), *o;
	size_t n = json_array_size(opts), i;
	struct svg_bar *bars = arena_calloc(rq->a, n + 1, sizeof(*bars));
	size_t *ix = order_by(rq->a, opts, "pct_answered");

	if (bars == NULL || ix == NULL)
		return;
	for (i = 0; i < n; i++) {
		o = json_array_get(opts, ix[i]);
		bars[i].label = lbl(json_object_get(o, "label"), rq->lang);
		bars[i].value = jnum(o, "pct_answered");
		bars[i].value_text = fmt_pct(rq->a, json_object_get(o, "pct_answered"));
	}
	html_lit(b, "<div class=\"result-figure\">\n");
	svg_bars(b, chart_id(rq->a, json_string_value(json_object_get(q, "id")), ""), title,
		 bars_desc(rq->a,
			   _("Share of those who answered choosing each option, from the most "
			     "chosen."),
			   bars, n),
		 bars, n, 100, 0);
	page_table_region(b, title);
	html_text(b, title);
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Option"));
	page_th(b, _("Responses"));
	page_th(b, _("Share of those who answered"));
	page_th(b, _("Share of all respondents"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		o = json_array_get(opts, ix[i]);
		row_head(b, bars[i].label);
		td_int(b, jint(o, "count"));
		td_num(b, fmt_pct(rq->a, json_object_get(o, "pct_answered")));
		td_num(b, fmt_pct(rq->a, json_object_get(o, "pct_respondents")));
		html_lit(b, "</tr>\n");
	}
	html_lit(b, "</tbody></table>\n</div>\n</div>\n");
	if (json_object_get(q, "other_texts_count") != NULL) {
		html_lit(b, "<p class=\"meta\">");
		html_text(b, _("Answers written in \"other\":"));
		html_lit(b, " ");
		html_int(b, jint(q, "other_texts_count"));
		html_lit(b, ". ");
		html_text(b, _("They are read by officers and not published here."));
		html_lit(b, "</p>\n");
	}
}

static void scale_q(struct req *rq, struct html *b, const struct survey *s, json_t *q,
		    const char *title)
{
	const char *qid = json_string_value(json_object_get(q, "id"));
	json_t *dist = json_object_get(q, "distribution"), *o;
	size_t n = json_array_size(dist), i;
	struct svg_bar *bars = arena_calloc(rq->a, n + 1, sizeof(*bars));

	if (bars == NULL)
		return;
	json_array_foreach(dist, i, o)
	{
		long long v = jint(o, "value");

		bars[i].label =
		    v == jint(q, "min")
			? arena_printf(rq->a, "%lld %s", v, publish_scale_end(s, qid, 0, rq->lang))
		    : v == jint(q, "max")
			? arena_printf(rq->a, "%lld %s", v, publish_scale_end(s, qid, 1, rq->lang))
			: arena_printf(rq->a, "%lld", v);
		bars[i].value = jnum(o, "pct");
		bars[i].value_text = fmt_pct(rq->a, json_object_get(o, "pct"));
	}
	html_lit(b, "<div class=\"result-figure\">\n");
	svg_bars(b, chart_id(rq->a, json_string_value(json_object_get(q, "id")), ""), title,
		 bars_desc(rq->a,
			   _("Share of those who gave a rating choosing each point of the scale, "
			     "in the order of the scale."),
			   bars, n),
		 bars, n, 100, 0);
	page_table_region(b, title);
	html_text(b, title);
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Rating"));
	page_th(b, _("Responses"));
	page_th(b, _("Share"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(dist, i, o)
	{
		row_head(b, bars[i].label);
		td_int(b, jint(o, "count"));
		td_num(b, bars[i].value_text);
		html_lit(b, "</tr>\n");
	}
	html_lit(b, "</tbody></table>\n</div>\n</div>\n<dl class=\"figures\">\n<dt>");
	html_text(b, _("Mean"));
	html_lit(b, "</dt><dd>");
	html_text(b, fmt_num(rq->a, json_object_get(q, "mean")));
	html_lit(b, "</dd>\n<dt>");
	html_text(b, _("Median"));
	html_lit(b, "</dt><dd>");
	html_text(b, fmt_num(rq->a, json_object_get(q, "median")));
	html_lit(b, "</dd>\n<dt>");
	html_text(b, arena_printf(rq->a, _("Towards “%s” (above the middle)"),
				  publish_scale_end(s, qid, 1, rq->lang)));
	html_lit(b, "</dt><dd>");
	html_text(b, fmt_pct(rq->a, json_object_get(q, "agree_pct")));
	html_lit(b, "</dd>\n<dt>");
	html_text(b, arena_printf(rq->a, _("Towards “%s” (below the middle)"),
				  publish_scale_end(s, qid, 0, rq->lang)));
	html_lit(b, "</dt><dd>");
	html_text(b, fmt_pct(rq->a, json_object_get(q, "disagree_pct")));
	html_lit(b, "</dd>\n<dt>");
	html_text(b, _("Don't know"));
	html_lit(b, "</dt><dd>");
	html_int(b, jint(q, "dont_know"));
	html_lit(b, "</dd>\n</dl>\n");
}

static void ranking_q(struct req *rq, struct html *b, json_t *q, const char *title)
{
	json_t *opts = json_object_get(q, "options"), *o;
	size_t n = json_array_size(opts), i;
	struct svg_bar *bars = arena_calloc(rq->a, n + 1, sizeof(*bars));

	if (bars == NULL)
		return;
	json_array_foreach(opts, i, o)
	{
		bars[i].label = lbl(json_object_get(o, "label"), rq->lang);
		bars[i].value = (double)jint(o, "points");
		bars[i].value_text = arena_printf(rq->a, "%lld", jint(o, "points"));
	}
	html_lit(b, "<div class=\"result-figure\">\n");
	svg_bars(b, chart_id(rq->a, json_string_value(json_object_get(q, "id")), ""), title,
		 bars_desc(rq->a, _("Borda points of each option."), bars, n), bars, n, 0, 0);
	page_table_region(b, title);
	html_text(b, title);
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Position"));
	page_th(b, _("Option"));
	page_th(b, _("Points"));
	page_th(b, _("First choice"));
	page_th(b, _("Share with it first"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(opts, i, o)
	{
		html_lit(b, "<tr>");
		td_int(b, jint(o, "position"));
		html_lit(b, "<th scope=\"row\">");
		html_text(b, bars[i].label);
		html_lit(b, "</th>");
		td_int(b, jint(o, "points"));
		td_int(b, jint(o, "first"));
		td_num(b, fmt_pct(rq->a, json_object_get(o, "first_pct")));
		html_lit(b, "</tr>\n");
	}
	html_lit(b, "</tbody></table>\n</div>\n</div>\n<p class=\"meta\">");
	html_text(b, arena_printf(
			 rq->a,
			 _("Method: Borda count. Each of the %lld places earns points, the first "
			   "%lld, the next one fewer, and so on; an option not ranked earns none."),
			 jint(q, "places"), jint(q, "places")));
	html_lit(b, "</p>\n");
}

static void stats_q(struct req *rq, struct html *b, json_t *q, const char *title)
{
	static const char *const keys[] = {"count", "min", "q1", "median", "q3", "max", "mean"};
	const char *names[] = {_("Answers"), _("Lowest"),	  _("Lower quartile"),
			       _("Median"),  _("Upper quartile"), _("Highest"),
			       _("Mean")};

	html_lit(b, "<div class=\"result-figure\">\n");
	if (json_is_number(json_object_get(q, "min"))) {
		double v[5] = {jnum(q, "min"), jnum(q, "q1"), jnum(q, "median"), jnum(q, "q3"),
			       jnum(q, "max")};

		svg_box(b, chart_id(rq->a, json_string_value(json_object_get(q, "id")), ""), title,
			arena_printf(rq->a,
				     _("Box plot: lowest %s, lower quartile %s, median %s, upper "
				       "quartile %s, highest %s."),
				     fmt_num(rq->a, json_object_get(q, "min")),
				     fmt_num(rq->a, json_object_get(q, "q1")),
				     fmt_num(rq->a, json_object_get(q, "median")),
				     fmt_num(rq->a, json_object_get(q, "q3")),
				     fmt_num(rq->a, json_object_get(q, "max"))),
			v, v[0], v[4]);
	}
	page_table_region(b, title);
	html_text(b, title);
	html_lit(b, "</caption>\n<tbody>\n");
	for (size_t i = 0; i < 7; i++) {
		row_head(b, names[i]);
		td_num(b, fmt_num(rq->a, json_object_get(q, keys[i])));
		html_lit(b, "</tr>\n");
	}
	html_lit(b, "</tbody></table>\n</div>\n");
	if (json_is_true(json_object_get(q, "withheld_until_close"))) {
		html_lit(b, "<p class=\"note\">");
		html_text(b, _("The lowest, highest, middle and average answers are shown when the "
			       "consultation closes: while it is open, comparing the figures "
			       "before and after one response could give that response away."));
		html_lit(b, "</p>\n");
	}
	html_lit(b, "</div>\n");
}

static void budget_q(struct req *rq, struct html *b, json_t *q, const char *title)
{
	json_t *lines = json_object_get(q, "lines"), *rb = json_object_get(q, "residents_budget"),
	       *ct = json_object_get(q, "council_tax"), *met = json_object_get(q, "met_target"), *l;
	size_t n = json_array_size(lines), i;
	struct svg_bar *bars = arena_calloc(rq->a, n + 1, sizeof(*bars));
	size_t *ix = order_by(rq->a, lines, "median_change_pct");

	if (bars == NULL || ix == NULL)
		return;
	if (!json_is_object(rb)) {
		para(b, _("No one has answered this question yet."));
		return;
	}
	for (i = 0; i < n; i++) {
		l = json_array_get(lines, ix[i]);
		bars[i].label = lbl(json_object_get(l, "label"), rq->lang);
		bars[i].value = jnum(l, "median_change_pct");
		bars[i].value_text = fmt_change(rq->a, json_object_get(l, "median_change_pct"));
	}
	html_lit(b, "<h3>");
	html_text(b, _("The residents' budget"));
	html_lit(b, "</h3>\n");
	para(b, _("Each service at the median change residents chose, against its current budget. "
		  "Services are listed by that median change, from the most protected to the most "
		  "cut."));
	html_lit(b, "<div class=\"result-figure\">\n");
	svg_bars(b, chart_id(rq->a, json_string_value(json_object_get(q, "id")), ""), title,
		 bars_desc(rq->a,
			   _("Median change residents chose for each service, sorted from the "
			     "most protected to the most cut."),
			   bars, n),
		 bars, n, 0, 1);
	page_table_region(b, arena_printf(rq->a, "%s: %s", title, _("The residents' budget")));
	html_text(b, arena_printf(rq->a, "%s: %s", title, _("The residents' budget")));
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Service"));
	page_th(b, _("Current budget"));
	page_th(b, _("Residents' budget"));
	page_th(b, _("Median change"));
	page_th(b, _("Mean change"));
	page_th(b, _("Cut"));
	page_th(b, _("Kept"));
	page_th(b, _("Increased"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		json_t *rl = NULL, *x;
		size_t k;

		l = json_array_get(lines, ix[i]);
		json_array_foreach(
		    json_object_get(rb, "lines"), k,
		    x) if (json_equal(json_object_get(x, "id"), json_object_get(l, "id"))) rl = x;
		row_head(b, bars[i].label);
		td_num(b, fmt_money(rq->a, jint(l, "spend_pence")));
		td_num(b, rl ? fmt_money(rq->a, jint(rl, "proposed_pence")) : "–");
		td_num(b, bars[i].value_text);
		td_num(b, fmt_change(rq->a, json_object_get(l, "mean_change_pct")));
		td_num(b, fmt_pct(rq->a, json_object_get(l, "cut_pct")));
		td_num(b, fmt_pct(rq->a, json_object_get(l, "kept_pct")));
		td_num(b, fmt_pct(rq->a, json_object_get(l, "increased_pct")));
		html_lit(b, "</tr>\n");
	}
	html_lit(b, "</tbody></table>\n</div>\n</div>\n<dl class=\"figures\">\n");
	if (json_is_object(ct)) {
		html_lit(b, "<dt>");
		html_text(b, _("Council tax rise (median)"));
		html_lit(b, "</dt><dd>");
		html_text(b, fmt_change(rq->a, json_object_get(ct, "median_pct")));
		html_lit(b, "</dd>\n<dt>");
		html_text(b, _("Council tax rise (mean)"));
		html_lit(b, "</dt><dd>");
		html_text(b, fmt_change(rq->a, json_object_get(ct, "mean_pct")));
		html_lit(b, "</dd>\n");
	}
	html_lit(b, "<dt>");
	html_text(b, _("Savings in the residents' budget"));
	html_lit(b, "</dt><dd>");
	html_text(b, fmt_money(rq->a, jint(rb, "savings_pence")));
	html_lit(b, "</dd>\n<dt>");
	html_text(b, _("Savings needed"));
	html_lit(b, "</dt><dd>");
	html_text(b, fmt_money(rq->a, jint(rb, "target_pence")));
	html_lit(b, "</dd>\n<dt>");
	html_text(b, _("Does the residents' budget meet the target?"));
	html_lit(b, "</dt><dd>");
	if (json_is_true(json_object_get(rb, "meets_target"))) {
		html_text(b, _("Yes, it meets the target"));
	} else {
		html_text(b, _("No, it is short by"));
		html_lit(b, " ");
		html_text(b, fmt_money(rq->a, jint(rb, "shortfall_pence")));
	}
	html_lit(b, "</dd>\n<dt>");
	html_text(b, _("Respondents whose own budget met the target"));
	html_lit(b, "</dt><dd>");
	html_int(b, jint(met, "count"));
	html_lit(b, " (");
	html_text(b, fmt_pct(rq->a, json_object_get(met, "pct")));
	html_lit(b, "): ");
	html_text(b, _("by cuts only"));
	html_lit(b, " ");
	html_int(b, jint(met, "cuts_only"));
	html_lit(b, ", ");
	html_text(b, _("by council tax only"));
	html_lit(b, " ");
	html_int(b, jint(met, "council_tax_only"));
	html_lit(b, ", ");
	html_text(b, _("by both"));
	html_lit(b, " ");
	html_int(b, jint(met, "cuts_and_council_tax"));
	html_lit(b, "</dd>\n</dl>\n");
}

static void question(struct req *rq, struct html *b, json_t *q, const struct survey *s,
		     json_t *themes)
{
	const char *type = json_string_value(json_object_get(q, "type"));
	const char *title = lbl(json_object_get(q, "label"), rq->lang);

	html_lit(b, "<section class=\"result\" id=\"q-");
	html_text(b, json_string_value(json_object_get(q, "id")));
	html_lit(b, "\">\n<h2>");
	html_text(b, title);
	html_lit(b, "</h2>\n");
	if (json_is_true(json_object_get(q, "suppressed"))) {
		/* fewer respondents in all than the minimum group size */
		para(b, _("Too few people have responded for the answers to this question to be "
			  "published without identifying anyone."));
		html_lit(b, "</section>\n");
		return;
	}
	html_lit(b, "<p class=\"meta\">");
	html_text(b, arena_printf(rq->a, _("%lld answered, %lld did not answer."),
				  jint(q, "answered"), jint(q, "not_answered")));
	html_lit(b, "</p>\n");
	if (strcmp(type, "choice") == 0 || strcmp(type, "multi") == 0)
		choice_q(rq, b, q, title);
	else if (strcmp(type, "scale") == 0)
		scale_q(rq, b, s, q, title);
	else if (strcmp(type, "ranking") == 0)
		ranking_q(rq, b, q, title);
	else if ((strcmp(type, "number") == 0 || strcmp(type, "date") == 0) &&
		 json_object_get(q, "count") != NULL)
		stats_q(rq, b, q, title);
	else if (strcmp(type, "number") == 0 || strcmp(type, "date") == 0)
		para(b,
		     _("They are read by officers and not published here.")); /* personal="true" */
	else if (strcmp(type, "budget") == 0)
		budget_q(rq, b, q, title);
	else if (!themereview_html(rq, b, s, themes, json_string_value(json_object_get(q, "id")),
				   title))
		para(b, _("Written answers are read by officers and are not published here."));
	html_lit(b, "</section>\n");
}

static void breakdowns(struct req *rq, struct html *b, const struct survey *s, json_t *res,
		       int crosstabs)
{
	json_t *br = json_object_get(res, "breakdowns"), *d, *g,
	       *asof = json_object_get(res, "breakdowns_as_of");
	size_t i, k;

	if (json_is_true(json_object_get(res, "breakdowns_pending"))) {
		html_lit(b, "<section class=\"result\" id=\"breakdowns\">\n<h2>");
		html_text(b, _("Who responded"));
		html_lit(b, "</h2>\n");
		para(b, _("Figures for each group of respondents (by area and by answer) are "
			  "published when the consultation closes or when officers publish the "
			  "results, never while responses come in, so that no one's answers can be "
			  "worked out by comparing them over time."));
		html_lit(b, "</section>\n");
		return;
	}
	if (json_array_size(br) == 0)
		return;
	html_lit(b, "<section class=\"result\" id=\"breakdowns\">\n<h2>");
	html_text(b, _("Who responded"));
	html_lit(b, "</h2>\n");
	if (json_is_object(asof)) {
		html_lit(b, "<p class=\"meta\" id=\"breakdowns-as-of\">");
		html_text(b, arena_printf(
				 rq->a,
				 _("Figures for each group as counted on %s, from %lld responses."),
				 json_string_value(json_object_get(asof, "taken_at"))
				     ? json_string_value(json_object_get(asof, "taken_at"))
				     : "",
				 jint(asof, "respondents")));
		html_lit(b, "</p>\n");
	}
	para(b, arena_printf(
		    rq->a,
		    _("Groups of fewer than %lld respondents are not shown, so that no one can be "
		      "identified. The open data has every figure for each group shown."),
		    jint(res, "min_group_size")));
	json_array_foreach(br, i, d)
	{
		const char *cap = publish_breakdown_name(d, rq->lang);

		html_lit(b, "<h3>");
		html_text(b, cap);
		html_lit(b, "</h3>\n");
		page_table_region(b, arena_printf(rq->a, "%s: %s", _("Respondents"), cap));
		html_text(b, arena_printf(rq->a, "%s: %s", _("Respondents"), cap));
		html_lit(b, "</caption>\n<thead><tr>");
		page_th(b, _("Group"));
		page_th(b, _("Respondents"));
		html_lit(b, "</tr></thead>\n<tbody>\n");
		json_array_foreach(json_object_get(d, "groups"), k, g)
		{
			row_head(b, publish_group_name(g, rq->lang));
			if (json_is_true(json_object_get(g, "suppressed")))
				td(b, arena_printf(rq->a, _("fewer than %lld"),
						   jint(res, "min_group_size")));
			else
				td_int(b, jint(g, "respondents"));
			html_lit(b, "</tr>\n");
		}
		html_lit(b, "</tbody></table>\n</div>\n");
		if (crosstabs)
			publish_crosstabs(rq, b, s, res, d, i);
	}
	html_lit(b, "</section>\n");
}

static void counts_table(struct req *rq, struct html *b, json_t *obj, const char *caption,
			 const char *col)
{
	const char *key;
	json_t *v;

	(void)rq;
	page_table_region(b, caption);
	html_text(b, caption);
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, col);
	page_th(b, _("Respondents"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	json_object_foreach(obj, key, v)
	{
		const char *name = publish_channel_name(key);

		row_head(b, name);
		td_int(b, json_integer_value(v));
		html_lit(b, "</tr>\n");
	}
	html_lit(b, "</tbody></table>\n</div>\n");
}

/* The officers' view says so, whether the results are published, and links back. */
static void officer_notice(struct html *b, const struct survey *s, const struct publication *pub)
{
	html_lit(b, "<div class=\"notice notice-preview\" role=\"note\"><p><strong>");
	html_text(b, _("Officers' view"));
	html_lit(b, "</strong> ");
	html_text(b, pub->is_public ? _("These results are published.")
				    : _("These results are not published: only officers and "
					"councillors with access see them."));
	html_lit(b, " <a href=\"/admin\">");
	html_text(b, _("Back to the officers' pages"));
	html_lit(b, "</a>");
	if (s->nanalysed > 0) {
		html_lit(b, " <a href=\"/admin/themes/");
		html_urlpart(b, s->id);
		html_lit(b, "\">");
		html_text(b, _("Themes and quotes"));
		html_lit(b, "</a>");
	}
	html_lit(b, "</p></div>\n");
}

/* How many responses were flagged as suspicious, and whether they are counted. */
static void flagged_note(struct req *rq, struct html *b, json_t *res, long long nf)
{
	html_lit(b, "<p id=\"flagged\">");
	if (json_is_true(json_object_get(res, "flagged_excluded")))
		html_text(
		    b, arena_printf(rq->a,
				    ngettext_("%lld more response was flagged as suspicious (for "
					      "example, sent much faster than a person could fill "
					      "in the form) and is left out of these figures.",
					      "%lld more responses were flagged as suspicious (for "
					      "example, sent much faster than a person could fill "
					      "in the form) and are left out of these figures.",
					      nf),
				    nf));
	else
		html_text(b, arena_printf(
				 rq->a,
				 ngettext_("%lld of these responses was flagged as suspicious (for "
					   "example, sent much faster than a person could fill in "
					   "the form); it is included in these figures.",
					   "%lld of these responses were flagged as suspicious "
					   "(for example, sent much faster than a person could "
					   "fill in the form); they are included in these figures.",
					   nf),
				 nf));
	html_lit(b, "</p>\n");
}

/* Who responded: by channel, by language, by day. */
static void responses_section(struct req *rq, struct html *b, json_t *resp)
{
	json_t *d;
	size_t i;

	html_lit(b, "<section class=\"result\" id=\"responses\">\n<h2>");
	html_text(b, _("Responses"));
	html_lit(b, "</h2>\n");
	counts_table(rq, b, json_object_get(resp, "by_channel"), _("How people responded"),
		     _("Channel"));
	counts_table(rq, b, json_object_get(resp, "by_language"), _("Language of the response"),
		     _("Language"));
	page_table_region(b, _("Responses per day"));
	html_text(b, _("Responses per day"));
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Day"));
	page_th(b, _("Respondents"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(json_object_get(resp, "by_day"), i, d)
	{
		row_head(b, json_string_value(json_object_get(d, "day")));
		td_int(b, jint(d, "count"));
		html_lit(b, "</tr>\n");
	}
	html_lit(b, "</tbody></table>\n</div>\n</section>\n");
}

/* The method of the disclosure control, when the figures went through it. */
static void method_section(struct html *b, json_t *res)
{
	if (!json_is_object(json_object_get(res, "disclosure_control")))
		return;
	html_lit(b, "<section class=\"result\" id=\"method\">\n<h2>");
	html_text(b, _("How these figures protect respondents"));
	html_lit(b, "</h2>\n");
	para(b, _("Method: cell-key perturbation, the method used for the UK census. Every "
		  "count except the total number of responses may be moved by up to 2, by "
		  "the same amount wherever it appears (this page, the JSON and the CSV); "
		  "counts of 1 and 2 are shown as 0 or 3. Percentages are worked out from "
		  "the counts as shown. So no one's answers can be found by subtracting "
		  "one figure from another."));
	html_lit(b, "</section>\n");
}

/*
 * The page and the briefing share one body: the summary first, then "You
 * said, we did", who responded, each question, the breakdowns, the method
 * and the glossary. The briefing is the printable frame (no navigation),
 * without the per-day counts and the cross-tables, each part starting a
 * printed page.
 */
static void render(struct req *rq, struct resp *rs, const struct survey *s, json_t *res, time_t now,
		   const struct publication *pub, int officer_view, int briefing)
{
	const char *path = arena_printf(rq->a, briefing ? "/r/%s/briefing" : "/r/%s", s->id);
	const char *title = survey_text_get(&s->title, rq->lang);
	struct page_ctx p = {
	    rq->lang, path ? path : "/",
	    arena_printf(rq->a, "%s: %s", briefing ? _("Briefing") : _("Results"), title)};
	struct html *b = html_over(&rs->body);
	json_t *resp = json_object_get(res, "respondents"), *q;
	const char *ysw = pub->ysw[rq->lang] ? pub->ysw[rq->lang] : pub->ysw[LANG_EN];
	size_t i;

	if (ysw == NULL)
		ysw = survey_text_get(&s->you_said_we_did, rq->lang);
	rs->content_type = "text/html; charset=utf-8";
	if (briefing)
		page_begin_print(b, &p);
	else
		page_begin(b, &p);
	if (officer_view)
		officer_notice(b, s, pub);
	html_lit(b, "<p class=\"caption\">");
	html_text(b, briefing ? _("Briefing on the results") : _("Results"));
	html_lit(b, "</p>\n<h1>");
	html_text(b, title);
	html_lit(b, "</h1>\n");
	if (now < s->closes_at) {
		html_lit(b, "<div class=\"notice notice-warning\"><p>");
		html_text(b, _("This consultation is still open: these results are provisional and "
			       "will change as more people respond."));
		html_lit(b, "</p></div>\n");
	}
	html_lit(b, "<p class=\"meta\">");
	if (now >= s->closes_at) {
		html_text(b, _("Closed"));
		html_lit(b, " ");
		page_datetime(b, s->closes_at, rq->lang);
		html_lit(b, ". ");
	}
	html_text(b, _("Open data:"));
	html_lit(b, " <a href=\"/r/");
	html_urlpart(b, s->id);
	html_lit(b, ".json\">JSON</a>, <a href=\"/r/");
	html_urlpart(b, s->id);
	html_lit(b, ".csv\">CSV</a>.");
	if (!briefing && !officer_view) {
		html_lit(b, " <a href=\"/r/");
		html_urlpart(b, s->id);
		html_lit(b, "/briefing\">");
		html_text(b, _("Printable briefing"));
		html_lit(b, "</a>");
	}
	html_lit(b, "</p>\n");
	publish_summary(rq, b, s, res);
	if (jint(resp, "flagged") > 0)
		flagged_note(rq, b, res, jint(resp, "flagged"));
	if (ysw[0] != '\0') {
		html_lit(b,
			 "<section class=\"you-said briefing-part\" id=\"you-said-we-did\">\n<h2>");
		html_text(b, _("You said, we did"));
		html_lit(b, "</h2>\n");
		html_paragraphs(b, ysw, NULL);
		html_lit(b, "</section>\n");
	}
	promises_section(rq, b, s, pub->promises);
	if (briefing) {
		html_lit(b, "<section class=\"result briefing-part\" id=\"responses\">\n<h2>");
		html_text(b, _("Responses"));
		html_lit(b, "</h2>\n");
		counts_table(rq, b, json_object_get(resp, "by_channel"), _("How people responded"),
			     _("Channel"));
		html_lit(b, "</section>\n");
	} else {
		responses_section(rq, b, resp);
	}
	html_lit(b, "<div class=\"briefing-part\" id=\"questions\">\n");
	json_array_foreach(json_object_get(res, "questions"), i, q)
	    question(rq, b, q, s, json_object_get(res, "themes"));
	html_lit(b, "</div>\n<div class=\"briefing-part\">\n");
	breakdowns(rq, b, s, res, !briefing);
	method_section(b, res);
	publish_glossary(rq, b, res);
	html_lit(b, "</div>\n");
	if (briefing)
		page_end_print(b, &p);
	else
		page_end(b, &p);
}

void publish_render_page(struct req *rq, struct resp *rs, const struct survey *s, json_t *res,
			 time_t now, const struct publication *pub, int officer_view)
{
	render(rq, rs, s, res, now, pub, officer_view, 0);
}

void publish_render_briefing(struct req *rq, struct resp *rs, const struct survey *s, json_t *res,
			     time_t now, const struct publication *pub, int officer_view)
{
	render(rq, rs, s, res, now, pub, officer_view, 1);
}
