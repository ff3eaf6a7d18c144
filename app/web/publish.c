/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * publish: the public results of a survey: the page /r/<id> and the open
 * data /r/<id>.json and /r/<id>.csv. All three render the one figure set
 * that app/results builds from the database (results/feed.h), so they
 * always agree. Results are public only when the survey's publication rule
 * says so (results_public); otherwise, and for unknown surveys, 404.
 * Charts are inline SVG (render/svg.h) with the same figures in a table
 * beside them; free text is never shown, only how many answered, except
 * through the themes of the questions the survey marks for analysis
 * (web/themes.h: summarised, redacted, moderated by officers).
 * The public figures go through disclosure control (docs/privacy.md): every
 * count perturbed with its cell key (results/sdc.h), and figures by group
 * only from the latest frozen snapshot (results/feed.h), taken when officers
 * publish (publish_snapshot) and at the first request after close. The
 * officers' view (/admin/results/<id>) has the exact figures.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/log.h"
#include "render/csv.h"
#include "render/html.h"
#include "render/page.h"
#include "render/svg.h"
#include "results/feed.h"
#include "results/results.h"
#include "results/sdc.h"
#include "results/themeview.h"
#include "store/publication.h"
#include "web/handlers.h"
#include "web/themes.h"
#include "web/readstore.h"

enum out_kind { OUT_PAGE, OUT_JSON, OUT_CSV };

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
	json_object_foreach(label, key, x)
		return json_string_value(x) ? json_string_value(x) : "";
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

static void td(struct buf *b, const char *s)
{
	html_lit(b, "<td>");
	html_text(b, s);
	html_lit(b, "</td>");
}

static void td_int(struct buf *b, long long v)
{
	html_lit(b, "<td class=\"num\">");
	html_int(b, v);
	html_lit(b, "</td>");
}

static void td_num(struct buf *b, const char *s)
{
	html_lit(b, "<td class=\"num\">");
	html_text(b, s);
	html_lit(b, "</td>");
}

static void row_head(struct buf *b, const char *s)
{
	html_lit(b, "<tr><th scope=\"row\">");
	html_text(b, s);
	html_lit(b, "</th>");
}

static void para(struct buf *b, const char *s)
{
	html_lit(b, "<p>");
	html_text(b, s);
	html_lit(b, "</p>\n");
}

/* A description of bars for <desc>: "Car: 50.0%; Bus: 25.0%". */
static const char *bars_desc(struct arena *a, const char *intro, const struct svg_bar *bars, size_t n)
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

static void choice_q(struct req *rq, struct buf *b, json_t *q, const char *title)
{
	json_t *opts = json_object_get(q, "options"), *o;
	size_t n = json_array_size(opts), i;
	struct svg_bar *bars = arena_calloc(rq->a, n + 1, sizeof(*bars));

	if (bars == NULL)
		return;
	json_array_foreach(opts, i, o) {
		bars[i].label = lbl(json_object_get(o, "label"), rq->lang);
		bars[i].value = jnum(o, "pct_answered");
		bars[i].value_text = fmt_pct(rq->a, json_object_get(o, "pct_answered"));
	}
	html_lit(b, "<div class=\"result-figure\">\n");
	svg_bars(b, chart_id(rq->a, json_string_value(json_object_get(q, "id")), ""), title,
	         bars_desc(rq->a, _("Share of those who answered choosing each option."), bars, n), bars,
	         n, 100, 0);
	page_table_open(b);
	html_text(b, title);
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Option"));
	page_th(b, _("Responses"));
	page_th(b, _("Share of those who answered"));
	page_th(b, _("Share of all respondents"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(opts, i, o) {
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

static void scale_q(struct req *rq, struct buf *b, json_t *q, const char *title)
{
	json_t *dist = json_object_get(q, "distribution"), *o;
	size_t n = json_array_size(dist), i;
	struct svg_bar *bars = arena_calloc(rq->a, n + 1, sizeof(*bars));

	if (bars == NULL)
		return;
	json_array_foreach(dist, i, o) {
		bars[i].label = arena_printf(rq->a, "%lld", jint(o, "value"));
		bars[i].value = jnum(o, "pct");
		bars[i].value_text = fmt_pct(rq->a, json_object_get(o, "pct"));
	}
	html_lit(b, "<div class=\"result-figure\">\n");
	svg_bars(b, chart_id(rq->a, json_string_value(json_object_get(q, "id")), ""), title,
	         bars_desc(rq->a, _("Share of those who gave a rating choosing each point of the scale."),
	                   bars, n),
	         bars, n, 100, 0);
	page_table_open(b);
	html_text(b, title);
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Rating"));
	page_th(b, _("Responses"));
	page_th(b, _("Share"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(dist, i, o) {
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
	html_text(b, _("Agree (above the middle)"));
	html_lit(b, "</dt><dd>");
	html_text(b, fmt_pct(rq->a, json_object_get(q, "agree_pct")));
	html_lit(b, "</dd>\n<dt>");
	html_text(b, _("Disagree (below the middle)"));
	html_lit(b, "</dt><dd>");
	html_text(b, fmt_pct(rq->a, json_object_get(q, "disagree_pct")));
	html_lit(b, "</dd>\n<dt>");
	html_text(b, _("Don't know"));
	html_lit(b, "</dt><dd>");
	html_int(b, jint(q, "dont_know"));
	html_lit(b, "</dd>\n</dl>\n");
}

static void ranking_q(struct req *rq, struct buf *b, json_t *q, const char *title)
{
	json_t *opts = json_object_get(q, "options"), *o;
	size_t n = json_array_size(opts), i;
	struct svg_bar *bars = arena_calloc(rq->a, n + 1, sizeof(*bars));

	if (bars == NULL)
		return;
	json_array_foreach(opts, i, o) {
		bars[i].label = lbl(json_object_get(o, "label"), rq->lang);
		bars[i].value = (double)jint(o, "points");
		bars[i].value_text = arena_printf(rq->a, "%lld", jint(o, "points"));
	}
	html_lit(b, "<div class=\"result-figure\">\n");
	svg_bars(b, chart_id(rq->a, json_string_value(json_object_get(q, "id")), ""), title,
	         bars_desc(rq->a, _("Borda points of each option."), bars, n), bars, n, 0, 0);
	page_table_open(b);
	html_text(b, title);
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Position"));
	page_th(b, _("Option"));
	page_th(b, _("Points"));
	page_th(b, _("First choice"));
	page_th(b, _("Share with it first"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(opts, i, o) {
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
	html_text(b, arena_printf(rq->a, _("Method: Borda count. Each of the %lld places earns points, the first %lld, the next one fewer, and so on; an option not ranked earns none."),
	                          jint(q, "places"), jint(q, "places")));
	html_lit(b, "</p>\n");
}

static void stats_q(struct req *rq, struct buf *b, json_t *q, const char *title)
{
	static const char *const keys[] = {"count", "min", "q1", "median", "q3", "max", "mean"};
	const char *names[] = {_("Answers"), _("Lowest"), _("Lower quartile"), _("Median"),
	                       _("Upper quartile"), _("Highest"), _("Mean")};

	html_lit(b, "<div class=\"result-figure\">\n");
	if (json_is_number(json_object_get(q, "min"))) {
		double v[5] = {jnum(q, "min"), jnum(q, "q1"), jnum(q, "median"), jnum(q, "q3"), jnum(q, "max")};

		svg_box(b, chart_id(rq->a, json_string_value(json_object_get(q, "id")), ""), title,
		        arena_printf(rq->a, _("Box plot: lowest %s, lower quartile %s, median %s, upper quartile %s, highest %s."),
		                     fmt_num(rq->a, json_object_get(q, "min")), fmt_num(rq->a, json_object_get(q, "q1")),
		                     fmt_num(rq->a, json_object_get(q, "median")), fmt_num(rq->a, json_object_get(q, "q3")),
		                     fmt_num(rq->a, json_object_get(q, "max"))),
		        v, v[0], v[4]);
	}
	page_table_open(b);
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
		html_text(b, _("The lowest, highest, middle and average answers are shown when the consultation closes: while it is open, comparing the figures before and after one response could give that response away."));
		html_lit(b, "</p>\n");
	}
	html_lit(b, "</div>\n");
}

static void budget_q(struct req *rq, struct buf *b, json_t *q, const char *title)
{
	json_t *lines = json_object_get(q, "lines"), *rb = json_object_get(q, "residents_budget"),
	       *ct = json_object_get(q, "council_tax"), *met = json_object_get(q, "met_target"), *l;
	size_t n = json_array_size(lines), i;
	struct svg_bar *bars = arena_calloc(rq->a, n + 1, sizeof(*bars));

	if (bars == NULL)
		return;
	if (!json_is_object(rb)) {
		para(b, _("No one has answered this question yet."));
		return;
	}
	json_array_foreach(lines, i, l) {
		bars[i].label = lbl(json_object_get(l, "label"), rq->lang);
		bars[i].value = jnum(l, "median_change_pct");
		bars[i].value_text = fmt_change(rq->a, json_object_get(l, "median_change_pct"));
	}
	html_lit(b, "<h3>");
	html_text(b, _("The residents' budget"));
	html_lit(b, "</h3>\n");
	para(b, _("Each service at the median change residents chose, against its current budget. Services are listed from the most protected to the most cut."));
	html_lit(b, "<div class=\"result-figure\">\n");
	svg_bars(b, chart_id(rq->a, json_string_value(json_object_get(q, "id")), ""), title,
	         bars_desc(rq->a, _("Median change residents chose for each service, from the most protected to the most cut."), bars, n),
	         bars, n, 0, 1);
	page_table_open(b);
	html_text(b, _("The residents' budget"));
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
	json_array_foreach(lines, i, l) {
		json_t *rl = NULL, *x;
		size_t k;

		json_array_foreach(json_object_get(rb, "lines"), k, x)
			if (json_equal(json_object_get(x, "id"), json_object_get(l, "id")))
				rl = x;
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

static void question(struct req *rq, struct buf *b, json_t *q, const struct survey *s, json_t *themes)
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
		para(b, _("Too few people have responded for the answers to this question to be published without identifying anyone."));
		html_lit(b, "</section>\n");
		return;
	}
	html_lit(b, "<p class=\"meta\">");
	html_text(b, arena_printf(rq->a, _("%lld answered, %lld did not answer."), jint(q, "answered"),
	                          jint(q, "not_answered")));
	html_lit(b, "</p>\n");
	if (strcmp(type, "choice") == 0 || strcmp(type, "multi") == 0)
		choice_q(rq, b, q, title);
	else if (strcmp(type, "scale") == 0)
		scale_q(rq, b, q, title);
	else if (strcmp(type, "ranking") == 0)
		ranking_q(rq, b, q, title);
	else if ((strcmp(type, "number") == 0 || strcmp(type, "date") == 0) &&
	         json_object_get(q, "count") != NULL)
		stats_q(rq, b, q, title);
	else if (strcmp(type, "number") == 0 || strcmp(type, "date") == 0)
		para(b, _("They are read by officers and not published here.")); /* personal="true" */
	else if (strcmp(type, "budget") == 0)
		budget_q(rq, b, q, title);
	else if (!themes_html(rq, b, s, themes, json_string_value(json_object_get(q, "id")), title))
		para(b, _("Written answers are read by officers and are not published here."));
	html_lit(b, "</section>\n");
}

static void breakdowns(struct req *rq, struct buf *b, json_t *res)
{
	json_t *br = json_object_get(res, "breakdowns"), *d, *g, *asof = json_object_get(res, "breakdowns_as_of");
	size_t i, k;

	if (json_is_true(json_object_get(res, "breakdowns_pending"))) {
		html_lit(b, "<section class=\"result\" id=\"breakdowns\">\n<h2>");
		html_text(b, _("Who responded"));
		html_lit(b, "</h2>\n");
		para(b, _("Figures for each group of respondents (by area and by answer) are published when the consultation closes or when officers publish the results, never while responses come in, so that no one's answers can be worked out by comparing them over time."));
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
		html_text(b, arena_printf(rq->a, _("Figures for each group as counted on %s, from %lld responses."),
		                          json_string_value(json_object_get(asof, "taken_at")) ?
		                              json_string_value(json_object_get(asof, "taken_at")) : "",
		                          jint(asof, "respondents")));
		html_lit(b, "</p>\n");
	}
	para(b, arena_printf(rq->a, _("Groups of fewer than %lld respondents are not shown, so that no one can be identified. The open data has every figure for each group shown."),
	                     jint(res, "min_group_size")));
	json_array_foreach(br, i, d) {
		const char *kind = json_string_value(json_object_get(d, "kind"));
		const char *cap = strcmp(kind, "area") == 0      ? _("By area")
		                  : strcmp(kind, "in-area") == 0 ? _("Living in the area")
		                                                 : lbl(json_object_get(d, "label"), rq->lang);

		page_table_open(b);
		html_text(b, cap);
		html_lit(b, "</caption>\n<thead><tr>");
		page_th(b, _("Group"));
		page_th(b, _("Respondents"));
		html_lit(b, "</tr></thead>\n<tbody>\n");
		json_array_foreach(json_object_get(d, "groups"), k, g) {
			const char *id = json_string_value(json_object_get(g, "id"));
			const char *name = json_is_object(json_object_get(g, "label"))
			                           ? lbl(json_object_get(g, "label"), rq->lang)
			                   : strcmp(id, "_none") == 0    ? _("Not answered")
			                   : strcmp(id, "_outside") == 0 ? _("Outside the area map")
			                   : strcmp(id, "_unknown") == 0 ? _("Not known")
			                   : strcmp(id, "yes") == 0      ? _("In the area")
			                                                 : _("Outside the area");

			row_head(b, name);
			if (json_is_true(json_object_get(g, "suppressed")))
				td(b, arena_printf(rq->a, _("fewer than %lld"), jint(res, "min_group_size")));
			else
				td_int(b, jint(g, "respondents"));
			html_lit(b, "</tr>\n");
		}
		html_lit(b, "</tbody></table>\n</div>\n");
	}
	html_lit(b, "</section>\n");
}

static void counts_table(struct req *rq, struct buf *b, json_t *obj, const char *caption,
                         const char *col)
{
	const char *key;
	json_t *v;

	(void)rq;
	page_table_open(b);
	html_text(b, caption);
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, col);
	page_th(b, _("Respondents"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	json_object_foreach(obj, key, v) {
		const char *name = strcmp(key, "en") == 0      ? "English"
		                   : strcmp(key, "cy") == 0    ? "Cymraeg"
		                   : strcmp(key, "web") == 0   ? _("Online")
		                   : strcmp(key, "paper") == 0 ? _("Paper")
		                   : strcmp(key, "phone") == 0 ? _("Phone")
		                                               : key;

		row_head(b, name);
		td_int(b, json_integer_value(v));
		html_lit(b, "</tr>\n");
	}
	html_lit(b, "</tbody></table>\n</div>\n");
}

static void render_page(struct req *rq, struct resp *rs, const struct survey *s, json_t *res,
                        time_t now, const struct publication *pub, int officer_view)
{
	const char *path = arena_printf(rq->a, "/r/%s", s->id);
	const char *title = survey_text_get(&s->title, rq->lang);
	struct page_ctx p = {rq->lang, path ? path : "/", arena_printf(rq->a, "%s: %s", _("Results"), title)};
	struct buf *b = &rs->body;
	json_t *resp = json_object_get(res, "respondents"), *q, *d;
	const char *ysw = pub->ysw[rq->lang] ? pub->ysw[rq->lang] : pub->ysw[LANG_EN];
	size_t i;

	if (ysw == NULL)
		ysw = survey_text_get(&s->you_said_we_did, rq->lang);
	rs->content_type = "text/html; charset=utf-8";
	page_begin(b, &p);
	if (officer_view) {
		html_lit(b, "<div class=\"notice notice-preview\" role=\"note\"><p><strong>");
		html_text(b, _("Officers' view"));
		html_lit(b, "</strong> ");
		html_text(b, pub->is_public ? _("These results are published.")
		                            : _("These results are not published: only officers and councillors with access see them."));
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
	html_lit(b, "<p class=\"caption\">");
	html_text(b, _("Results"));
	html_lit(b, "</p>\n<h1>");
	html_text(b, title);
	html_lit(b, "</h1>\n");
	if (now < s->closes_at) {
		html_lit(b, "<div class=\"notice notice-warning\"><p>");
		html_text(b, _("This consultation is still open: these results are provisional and will change as more people respond."));
		html_lit(b, "</p></div>\n");
	}
	html_lit(b, "<p class=\"lead\">");
	html_text(b, arena_printf(rq->a, ngettext_("%lld person responded.", "%lld people responded.",
	                                           jint(resp, "total")),
	                          jint(resp, "total")));
	html_lit(b, "</p>\n");
	if (jint(resp, "flagged") > 0) {
		long long nf = jint(resp, "flagged");

		html_lit(b, "<p id=\"flagged\">");
		if (json_is_true(json_object_get(res, "flagged_excluded")))
			html_text(b, arena_printf(rq->a,
			                          ngettext_("%lld more response was flagged as suspicious (for example, sent much faster than a person could fill in the form) and is left out of these figures.",
			                                    "%lld more responses were flagged as suspicious (for example, sent much faster than a person could fill in the form) and are left out of these figures.",
			                                    nf),
			                          nf));
		else
			html_text(b, arena_printf(rq->a,
			                          ngettext_("%lld of these responses was flagged as suspicious (for example, sent much faster than a person could fill in the form); it is included in these figures.",
			                                    "%lld of these responses were flagged as suspicious (for example, sent much faster than a person could fill in the form); they are included in these figures.",
			                                    nf),
			                          nf));
		html_lit(b, "</p>\n");
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
	html_lit(b, ".csv\">CSV</a>.</p>\n");
	if (ysw[0] != '\0') {
		html_lit(b, "<section class=\"you-said\" id=\"you-said-we-did\">\n<h2>");
		html_text(b, _("You said, we did"));
		html_lit(b, "</h2>\n");
		para(b, ysw);
		html_lit(b, "</section>\n");
	}
	html_lit(b, "<section class=\"result\" id=\"responses\">\n<h2>");
	html_text(b, _("Responses"));
	html_lit(b, "</h2>\n");
	counts_table(rq, b, json_object_get(resp, "by_channel"), _("How people responded"), _("Channel"));
	counts_table(rq, b, json_object_get(resp, "by_language"), _("Language of the response"), _("Language"));
	page_table_open(b);
	html_text(b, _("Responses per day"));
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Day"));
	page_th(b, _("Respondents"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(json_object_get(resp, "by_day"), i, d) {
		row_head(b, json_string_value(json_object_get(d, "day")));
		td_int(b, jint(d, "count"));
		html_lit(b, "</tr>\n");
	}
	html_lit(b, "</tbody></table>\n</div>\n</section>\n");
	json_array_foreach(json_object_get(res, "questions"), i, q)
		question(rq, b, q, s, json_object_get(res, "themes"));
	breakdowns(rq, b, res);
	if (json_is_object(json_object_get(res, "disclosure_control"))) {
		html_lit(b, "<section class=\"result\" id=\"method\">\n<h2>");
		html_text(b, _("How these figures protect respondents"));
		html_lit(b, "</h2>\n");
		para(b, _("Method: cell-key perturbation, the method used for the UK census. Every count except the total number of responses may be moved by up to 2, by the same amount wherever it appears (this page, the JSON and the CSV); counts of 1 and 2 are shown as 0 or 3. Percentages are worked out from the counts as shown. So no one's answers can be found by subtracting one figure from another."));
		html_lit(b, "</section>\n");
	}
	page_end(b, &p);
}

/*
 * Each worker keeps, per survey, the accumulator it has built and the last
 * response id it counted; a request only streams the responses after that
 * id. Before that, one count query checks the accumulator is still exact:
 * the completed (and flagged) responses up to that id must be those
 * counted. A withdrawal, a flag, or a response committed late with a lower
 * id breaks the equality, and the figures are then rebuilt from scratch.
 * Officers' decisions (flag, clear, hide, unhide) also bump the survey's
 * moderation version (moderate.c): equal sums do not prove nothing changed
 * (one flag cleared while another is raised), so a changed version rebuilds
 * too. The version is read before the feed, so a decision taken while it
 * runs is noticed at the next request.
 * A worker's survey set never changes (a reload starts new workers), so
 * the survey pointers are stable keys. Process memory, not the arena.
 */
struct results_cache {
	const struct survey *s;
	struct results *r;
	unsigned long long last_id;
	long long version; /* moderation version when r was started */
	int exclude;       /* flagged responses left out of r */
};
static struct results_cache *cache;
static size_t ncache;

/*
 * A worker counts for at most results_time_budget seconds a request; what
 * it has counted by then is an exact prefix (every response up to
 * last_id), so the next request carries on from there. *counting is set
 * when the figures are not complete yet. st is the store counted from
 * (cached_results() below chooses it); version the survey's moderation
 * version, read before st was chosen.
 */
static struct results *cached_results_from(struct app *app, struct store *st,
                                           const struct survey *s, long long version, int exclude,
                                           int *counting)
{
	struct results_opts o = {.exclude_flagged = exclude};
	struct results_cache *c = NULL;
	long long count, flagged;
	time_t budget = app->cfg.results_time_budget;

	for (size_t i = 0; i < ncache; i++)
		if (cache[i].s == s)
			c = &cache[i];
	if (c == NULL) {
		struct results_cache *grown = realloc(cache, (ncache + 1) * sizeof(*cache));

		if (grown == NULL)
			log_fatal("results: out of memory");
		cache = grown;
		c = &cache[ncache++];
		c->s = s;
		c->r = NULL;
		c->last_id = 0;
	}
	if (c->r != NULL && (c->version != version || c->exclude != exclude)) {
		log_info("results: %s moderated (version %lld), recounting", s->id, version);
		results_free(c->r);
		c->r = NULL;
	}
	if (c->r != NULL && c->last_id > 0) {
		if (results_count_upto(st, s, c->last_id, &count, &flagged) != STORE_OK)
			return NULL;
		/* flagged responses left out are counted in flagged only */
		if ((size_t)(exclude ? count - flagged : count) != results_respondents(c->r) ||
		    (size_t)flagged != results_flagged(c->r)) {
			log_info("results: %s changed below response %llu, recounting", s->id, c->last_id);
			results_free(c->r);
			c->r = NULL;
		}
	}
	if (c->r == NULL) {
		c->r = results_new(s, &o);
		c->last_id = 0;
		c->version = version;
		c->exclude = exclude;
	}
	if (results_feed_until(st, s, c->r, &c->last_id, budget > 0 ? time(NULL) + budget : 1,
	                       counting) != STORE_OK) {
		/* A count cut off by an error must not be reused. */
		results_free(c->r);
		c->r = NULL;
		c->last_id = 0;
		*counting = 0;
		return NULL;
	}
	return *counting ? NULL : c->r;
}

/*
 * The figures come from the replica when readstore.c finds it has all the
 * primary had committed when this request began (so they never go
 * backwards), else from the primary; a replica that fails mid-read is set
 * aside and the primary answers. The moderation version is read first:
 * the store then chosen holds at least every decision it counts, so
 * figures are never filed under a version newer than their data.
 */
static struct results *cached_results(struct app *app, struct req *rq, const struct survey *s,
                                      int exclude, int *counting)
{
	struct store *st;
	struct results *r;
	long long version;

	*counting = 0;
	if (moderation_version(app, s, &version) != 0)
		return NULL;
	st = app_read_store(app, rq);
	r = cached_results_from(app, st, s, version, exclude, counting);
	if (r == NULL && !*counting && st != &app->store) {
		app_read_store_failed(app, rq, st);
		r = cached_results_from(app, &app->store, s, version, exclude, counting);
	}
	return r;
}

/* "/r/<id>", "/r/<id>.json", "/r/<id>.csv": the id and the kind, -1 if malformed. */
static int parse_path(const char *path, char *id, size_t idlen, enum out_kind *kind)
{
	const char *p = path + 3, *dot = strchr(p, '.');
	size_t n = dot ? (size_t)(dot - p) : strlen(p);

	*kind = OUT_PAGE;
	if (dot != NULL) {
		if (strcmp(dot, ".json") == 0)
			*kind = OUT_JSON;
		else if (strcmp(dot, ".csv") == 0)
			*kind = OUT_CSV;
		else
			return -1;
	}
	if (n >= idlen || !survey_id_valid(p, n))
		return -1;
	memcpy(id, p, n);
	id[n] = '\0';
	return 0;
}

int publication_load(struct app *app, struct req *rq, const struct survey *s, time_t now,
                     struct publication *pub)
{
	struct publication_row row;

	memset(pub, 0, sizeof(*pub));
	if (publication_get(&app->store, rq->a, s->id, &row) != 0)
		return -1;
	pub->decided = row.decided;
	pub->published = row.published;
	pub->ysw[LANG_EN] = row.ysw_en;
	pub->ysw[LANG_CY] = row.ysw_cy;
	pub->exclude_flagged = row.exclude_flagged;
	pub->is_public = pub->decided ? pub->published : results_public(s, now);
	return 0;
}

/* 503 while a large survey's responses are still being counted. */
static void counting_page(struct req *rq, struct resp *rs, const struct survey *s)
{
	const char *path = arena_printf(rq->a, "/r/%s", s->id);
	struct page_ctx p = {rq->lang, path ? path : "/", _("The results are being counted")};

	rs->status = 503;
	resp_html(rs);
	resp_header(rs, "Retry-After", "15");
	page_begin(&rs->body, &p);
	html_lit(&rs->body, "<h1>");
	html_text(&rs->body, _("The results are being counted"));
	html_lit(&rs->body, "</h1>\n<p>");
	html_text(&rs->body, _("So many people responded that counting takes a little while. Try again in a minute."));
	html_lit(&rs->body, "</p>\n");
	page_end(&rs->body, &p);
}

/* The public themes views of s (NULL on a database error), [] when s has none. */
static json_t *public_themes(struct app *app, struct req *rq, const struct survey *s)
{
	return s->nanalysed > 0 ? themes_load(app, rq, s, 0) : json_array();
}

/* Take a snapshot from r (every response counted). */
static int take_snapshot(struct app *app, struct req *rq, const struct survey *s, struct results *r,
                         const char *reason, json_t **snap)
{
	json_t *th = public_themes(app, rq, s);
	enum store_err e;

	if (th == NULL)
		return -1;
	e = results_snapshot_take(&app->store, s, r, th, reason, time(NULL), snap);
	json_decref(th);
	return e == STORE_OK ? 0 : -1;
}

int publish_snapshot(struct app *app, struct req *rq, const struct survey *s, const char *reason)
{
	struct publication pub;
	struct results *r;
	json_t *snap = NULL;
	int counting = 0, rc;

	sdc_set_key(app->key);
	if (publication_load(app, rq, s, time(NULL), &pub) != 0)
		return -1;
	r = cached_results(app, rq, s, pub.exclude_flagged, &counting);
	if (r == NULL)
		return counting ? 1 : -1;
	rc = take_snapshot(app, rq, s, r, reason, &snap);
	json_decref(snap);
	return rc;
}

/*
 * The public figures: survey-wide ones live, every count perturbed; the
 * breakdowns from the latest snapshot, a new one taken at the first
 * request after the survey closes (docs/privacy.md).
 */
static json_t *public_figures(struct app *app, struct req *rq, const struct survey *s, struct results *r,
                              time_t now)
{
	json_t *snap = NULL, *th, *res;

	if (results_snapshot_latest(&app->store, s, &snap) != STORE_OK)
		return NULL;
	if (now >= s->closes_at &&
	    (snap == NULL || json_integer_value(json_object_get(snap, "taken_at")) < (json_int_t)s->closes_at)) {
		json_decref(snap);
		snap = NULL;
		if (take_snapshot(app, rq, s, r, "close", &snap) != 0)
			return NULL;
	}
	th = s->nanalysed > 0 ? themes_load(app, rq, s, 0) : NULL;
	if (s->nanalysed > 0 && th == NULL) {
		json_decref(snap);
		return NULL;
	}
	res = results_public_json(r, snap, th, now);
	json_decref(th);
	json_decref(snap);
	return res;
}

void publish_serve(struct app *app, struct req *rq, struct resp *rs, const struct survey *s,
                   int kind, const struct publication *pub, int officer_view)
{
	struct results *r;
	time_t now = time(NULL);
	json_t *res;
	int counting = 0;

	sdc_set_key(app->key); /* record keys are counted as responses are fed */
	r = cached_results(app, rq, s, pub->exclude_flagged, &counting);
	if (r == NULL && counting) {
		counting_page(rq, rs, s);
		return;
	}
	if (r == NULL) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (officer_view) {
		res = results_json(r, now);
	} else {
		res = public_figures(app, rq, s, r, now);
		if (res == NULL) {
			web_error(app, rq, rs, 503);
			return;
		}
	}
	/* The officers' own "You said, we did" replaces the survey file's. */
	if (pub->ysw[LANG_EN] != NULL || pub->ysw[LANG_CY] != NULL) {
		json_t *y = json_object();

		for (int l = 0; l < LANG_N; l++)
			if (pub->ysw[l] != NULL)
				json_object_set_new(y, survey_lang_code((enum yv_lang)l), json_string(pub->ysw[l]));
		json_object_set_new(res, "you_said_we_did", y);
	}
	/* Themes of the analysed questions, with officers' decisions applied now
	 * (the public figures have theirs, by area from the snapshot). */
	if (s->nanalysed > 0 && officer_view) {
		json_t *th = themes_load(app, rq, s, 0);

		if (th == NULL) {
			json_decref(res);
			web_error(app, rq, rs, 503);
			return;
		}
		json_object_set_new(res, "themes", th);
	}
	/* Live results change with every response; published ones rarely. The
	 * officers' view is never cached. */
	resp_header(rs, "Cache-Control",
	            officer_view ? "no-store" : now < s->closes_at ? "public, max-age=60" : "public, max-age=600");
	switch (kind) {
	case OUT_JSON:
		rs->content_type = "application/json; charset=utf-8";
		if (!officer_view)
			resp_header(rs, "Access-Control-Allow-Origin", "*");
		results_dump_json(&rs->body, res, 1);
		break;
	case OUT_CSV:
		rs->content_type = "text/csv; charset=utf-8; header=present";
		if (!officer_view)
			resp_header(rs, "Access-Control-Allow-Origin", "*");
		resp_header(rs, "Content-Disposition",
		            arena_printf(rq->a, "inline; filename=\"%s-results.csv\"", s->id));
		csv_results(&rs->body, res);
		themeview_csv(&rs->body, s->id, json_object_get(res, "themes"));
		break;
	default:
		render_page(rq, rs, s, res, now, pub, officer_view);
		break;
	}
	json_decref(res);
	if (rs->body.overflow) {
		log_error("results: %s too large for one response", s->id);
		resp_reset(rs);
		web_error(app, rq, rs, 500);
	}
}

int publish_parse_path(const char *path, char *id, size_t idlen, int *kind)
{
	enum out_kind k;
	int rc = parse_path(path, id, idlen, &k);

	*kind = (int)k;
	return rc;
}

void handle_results(struct app *app, struct req *rq, struct resp *rs)
{
	char id[64];
	enum out_kind kind;
	const struct survey *s;
	struct publication pub;

	if (parse_path(rq->path, id, sizeof(id), &kind) != 0 ||
	    (s = survey_set_find(app->surveys, id)) == NULL) {
		web_error(app, rq, rs, 404);
		return;
	}
	if (publication_load(app, rq, s, time(NULL), &pub) != 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (!pub.is_public) {
		web_error(app, rq, rs, 404);
		return;
	}
	publish_serve(app, rq, rs, s, kind, &pub, 0);
}
