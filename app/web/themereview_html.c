/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themereview_html: the themes section of the results pages (/r/<id> and
 * /admin/results/<id>, for each analysed question: status, chart, table,
 * descriptions and quotes, themes by area), and the pieces the officers'
 * review page shows the same way: labels (an English one standing in for a
 * Welsh one marked), descriptions, stances, shares and status lines
 * (themereview_int.h lists the family). Writes HTML only through
 * render/html.h; reads nothing from the database.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "render/html.h"
#include "render/page.h"
#include "render/svg.h"
#include "results/themeview.h"
#include "web/themereview_int.h"

json_t *themereview_question(json_t *themes, const char *qid)
{
	size_t i;
	json_t *q;

	json_array_foreach(themes, i,
			   q) if (strcmp(json_string_value(json_object_get(q, "question"))
					     ? json_string_value(json_object_get(q, "question"))
					     : "",
					 qid) == 0) return q;
	return NULL;
}

static const char *theme_label(json_t *t, enum yv_lang l)
{
	const char *v =
	    json_string_value(json_object_get(json_object_get(t, "label"), survey_lang_code(l)));

	if (v == NULL || v[0] == '\0')
		v = json_string_value(json_object_get(t, "automatic_label"));
	return v != NULL ? v : "";
}

/* Whether a Welsh reader gets the English label of t (no Welsh one yet). */
static int label_is_english(json_t *t, enum yv_lang l)
{
	return l == LANG_CY && json_is_true(json_object_get(t, "label_cy_fallback"));
}

/* The label as plain text (charts, captions, options): marked when it is
 * English standing in for Welsh. */
const char *themereview_label_text(struct req *rq, json_t *t)
{
	const char *v = theme_label(t, rq->lang);

	return label_is_english(t, rq->lang) ? arena_printf(rq->a, "%s %s", v, _("(in English)"))
					     : v;
}

/* The label as HTML: an English one on a Welsh page in lang="en", marked. */
void themereview_label_html(struct req *rq, struct html *b, json_t *t)
{
	if (!label_is_english(t, rq->lang)) {
		html_text(b, theme_label(t, rq->lang));
		return;
	}
	html_lit(b, "<span lang=\"en\">");
	html_text(b, theme_label(t, rq->lang));
	html_lit(b, "</span> <span class=\"meta\">");
	html_text(b, _("(in English)"));
	html_lit(b, "</span>");
}

/* The public quotes of a theme (or of Other) as a list; hidden ones left out. */
static void quote_list_html(struct html *b, json_t *quotes)
{
	size_t k;
	json_t *qq;

	html_lit(b, "<ul class=\"theme-quotes\">\n");
	json_array_foreach(quotes, k, qq)
	{
		if (json_is_true(json_object_get(qq, "hidden")))
			continue;
		html_lit(b, "<li><blockquote><p>");
		html_text(b, json_string_value(json_object_get(qq, "text")));
		html_lit(b, "</p></blockquote></li>\n");
	}
	html_lit(b, "</ul>\n");
}

/* The description, when the method gave one, in the reader's language. */
void themereview_description_html(struct req *rq, struct html *b, json_t *t)
{
	const char *d = json_string_value(
	    json_object_get(json_object_get(t, "description"), survey_lang_code(rq->lang)));
	int english =
	    rq->lang == LANG_CY && json_is_true(json_object_get(t, "description_cy_fallback"));

	if (d == NULL || d[0] == '\0')
		return;
	if (english)
		html_lit(b, "<p class=\"theme-description\" lang=\"en\">");
	else
		html_lit(b, "<p class=\"theme-description\">");
	html_text(b, d);
	if (english) {
		html_lit(b, " <span class=\"meta\" lang=\"cy\">");
		html_text(b, _("(in English)"));
		html_lit(b, "</span>");
	}
	html_lit(b, "</p>\n");
}

/* The stance words, in the reader's language. */
static const char *stance_text(const char *s)
{
	return strcmp(s, "praise") == 0	      ? _("praise")
	       : strcmp(s, "complaint") == 0  ? _("complaint")
	       : strcmp(s, "suggestion") == 0 ? _("suggestion")
					      : _("neutral");
}

/* "praise 50.0%, complaint 30.0%, …" of a theme, or "–" when not known. */
void themereview_stance_html(struct req *rq, struct html *b, json_t *t)
{
	json_t *so = json_object_get(t, "stance");
	int first = 1;

	if (!json_is_object(so)) {
		html_lit(b, "–");
		return;
	}
	for (int i = 0; i < THEMEVIEW_NSTANCES; i++) {
		const char *name = themeview_stance_name(i);
		json_t *v = json_object_get(so, name);

		if (!json_is_number(v))
			continue;
		if (!first)
			html_lit(b, ", ");
		html_text(b, arena_printf(rq->a, "%s %.0f%%", stance_text(name),
					  json_number_value(v) * 100.0));
		first = 0;
	}
}

static const char *area_name(const struct survey *s, const char *id, enum yv_lang l)
{
	for (size_t i = 0; i < s->nareas; i++)
		if (strcmp(s->areas[i].id, id) == 0)
			return survey_text_get(&s->areas[i].name, l);
	return id;
}

const char *themereview_pct(struct arena *a, double share)
{
	return arena_printf(a, "%.1f%%", share * 100.0);
}

/* "Summary of 120 answers, updated 1 March 2026, 09:00." and the status lines. */
int themereview_status_lines(struct req *rq, struct html *b, json_t *q)
{
	const char *status = json_string_value(json_object_get(q, "status"));
	long long answers = json_integer_value(json_object_get(q, "answers"));

	if (status == NULL || strcmp(status, "pending") == 0) {
		html_lit(b, "<p class=\"meta themes-status\">");
		html_text(b, _("There is no summary of themes yet: it is made in the background "
			       "within a few minutes of answers arriving."));
		html_lit(b, "</p>\n");
		return 0;
	}
	if (strcmp(status, "too_few") == 0) {
		html_lit(b, "<p class=\"meta themes-status\">");
		html_text(b, arena_printf(rq->a,
					  _("Too few written answers to summarise into themes yet "
					    "(%lld so far; at least %lld are needed)."),
					  answers,
					  json_integer_value(json_object_get(q, "min_answers"))));
		html_lit(b, "</p>\n");
		return 0;
	}
	html_lit(b, "<p class=\"meta themes-status\">");
	html_text(b, arena_printf(rq->a,
				  ngettext_("Summary of %lld written answer, updated",
					    "Summary of %lld written answers, updated", answers),
				  answers));
	html_lit(b, " ");
	page_datetime(b, (time_t)json_integer_value(json_object_get(q, "computed_at_unix")),
		      rq->lang);
	html_lit(b, ".</p>\n");
	return 1;
}

/* The chart of the themes' shares, opening the figure that the table
 * (themes_table) closes. */
static void themes_chart(struct req *rq, struct html *b, const struct svg_bar *bars, size_t n,
			 const char *qid, const char *title)
{
	struct buf d;

	buf_init(&d, 8192);
	buf_puts(&d, _("Share of written answers in each theme."));
	for (size_t i = 0; i < n; i++)
		buf_printf(&d, " %s: %s;", bars[i].label, bars[i].value_text);
	html_lit(b, "<div class=\"result-figure\">\n");
	svg_bars(b, arena_printf(rq->a, "chart-themes-%s", qid), title,
		 arena_strdup(rq->a, buf_cstr(&d)), bars, n, 100, 0);
	buf_release(&d);
}

/* A row of the table that is not a theme: name, count, share, and words
 * in the last column ("–" in the stance column when there is one). */
static void group_row(struct html *b, const char *name, long long count, const char *share,
		      int stances, const char *words)
{
	html_lit(b, "<tr><th scope=\"row\">");
	html_text(b, name);
	html_lit(b, "</th><td class=\"num\">");
	html_int(b, count);
	html_lit(b, "</td><td class=\"num\">");
	html_text(b, share);
	html_lit(b, "</td><td>");
	if (stances)
		html_lit(b, "–</td><td>");
	if (words != NULL)
		html_text(b, words);
	html_lit(b, "</td></tr>\n");
}

/* The rows after the themes: the Other group, the themes officers have not
 * yet reviewed, and the answers with no clear theme. */
static void other_rows(struct req *rq, struct html *b, json_t *q, int stances)
{
	json_t *oth = json_object_get(q, "other"), *aw = json_object_get(q, "awaiting_review");
	long long answers = json_integer_value(json_object_get(q, "answers"));
	long long unthemed = json_integer_value(json_object_get(q, "unthemed"));

	if (json_integer_value(json_object_get(oth, "count")) > 0)
		group_row(b, _("Other"), json_integer_value(json_object_get(oth, "count")),
			  themereview_pct(rq->a, json_number_value(json_object_get(oth, "share"))),
			  stances, _("answers on subjects few others raised"));
	if (json_integer_value(json_object_get(aw, "count")) > 0) {
		long long themes = json_integer_value(json_object_get(aw, "themes"));

		group_row(b,
			  arena_printf(rq->a,
				       ngettext_("%lld theme awaiting review",
						 "%lld themes awaiting review", themes),
				       themes),
			  json_integer_value(json_object_get(aw, "count")),
			  themereview_pct(rq->a, json_number_value(json_object_get(aw, "share"))),
			  stances, _("not yet checked by officers"));
	}
	group_row(b, _("No clear theme"), unthemed,
		  themereview_pct(rq->a, answers ? (double)unthemed / (double)answers : 0), stances,
		  NULL);
}

/* The table of the themes: count, share, stances when known, phrases. */
static void themes_table(struct req *rq, struct html *b, json_t *q, const struct svg_bar *bars,
			 const char *title)
{
	json_t *list = json_object_get(q, "themes"), *t, *p;
	size_t i, k;
	int stances = 0;

	page_table_region(b, arena_printf(rq->a, _("Themes: %s"), title));
	html_text(b, arena_printf(rq->a, _("Themes: %s"), title));
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Theme"));
	page_th(b, _("Answers"));
	page_th(b, _("Share"));
	json_array_foreach(list, i, t) if (json_is_object(json_object_get(t, "stance"))) stances =
	    1;
	if (stances)
		page_th(b, _("Praise, complaints and suggestions"));
	page_th(b, _("Common phrases"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(list, i, t)
	{
		html_lit(b, "<tr><th scope=\"row\">");
		themereview_label_html(rq, b, t);
		html_lit(b, "</th><td class=\"num\">");
		html_int(b, json_integer_value(json_object_get(t, "count")));
		html_lit(b, "</td><td class=\"num\">");
		html_text(b, bars[i].value_text);
		html_lit(b, "</td><td>");
		if (stances) {
			themereview_stance_html(rq, b, t);
			html_lit(b, "</td><td>");
		}
		json_array_foreach(json_object_get(t, "phrases"), k, p)
		{
			if (k > 0)
				html_lit(b, ", ");
			html_text(b, json_string_value(p) ? json_string_value(p) : "");
		}
		html_lit(b, "</td></tr>\n");
	}
	other_rows(rq, b, q, stances);
	html_lit(b, "</tbody></table>\n</div>\n</div>\n");
}

/* Each theme's description and quotes, then Other's quotes. */
static void themes_quotes(struct req *rq, struct html *b, json_t *q, const struct svg_bar *bars)
{
	json_t *oq = json_object_get(json_object_get(q, "other"), "quotes"), *t;
	size_t i;

	json_array_foreach(json_object_get(q, "themes"), i, t)
	{
		json_t *quotes = json_object_get(t, "quotes");

		if (json_array_size(quotes) == 0 && json_object_get(t, "description") == NULL)
			continue;
		html_lit(b, "<h4>");
		html_text(b, arena_printf(rq->a, _("What people said: %s"), bars[i].label));
		html_lit(b, "</h4>\n");
		themereview_description_html(rq, b, t);
		if (json_array_size(quotes) == 0)
			continue;
		quote_list_html(b, quotes);
	}
	if (json_array_size(oq) > 0) {
		html_lit(b, "<h4>");
		html_text(b, arena_printf(rq->a, _("What people said: %s"), _("Other")));
		html_lit(b, "</h4>\n");
		quote_list_html(b, oq);
	}
}

/* One area's row: its answers and each theme's share, or "fewer than N". */
static void area_row(struct req *rq, struct html *b, const struct survey *s, json_t *q, json_t *ar,
		     size_t n)
{
	size_t i;

	html_lit(b, "<tr><th scope=\"row\">");
	html_text(b, area_name(s, json_string_value(json_object_get(ar, "area")), rq->lang));
	html_lit(b, "</th>");
	if (json_is_true(json_object_get(ar, "suppressed"))) {
		html_lit(b, "<td>");
		html_text(b,
			  arena_printf(rq->a, _("fewer than %lld"),
				       json_integer_value(json_object_get(q, "min_group_size"))));
		html_lit(b, "</td>");
		for (i = 0; i < n; i++)
			html_lit(b, "<td class=\"num\">–</td>");
	} else {
		json_t *e;

		html_lit(b, "<td class=\"num\">");
		html_int(b, json_integer_value(json_object_get(ar, "responses")));
		html_lit(b, "</td>");
		json_array_foreach(json_object_get(ar, "themes"), i, e)
		{
			html_lit(b, "<td class=\"num\">");
			html_text(b, themereview_pct(
					 rq->a, json_number_value(json_object_get(e, "share"))));
			html_lit(b, "</td>");
		}
	}
	html_lit(b, "</tr>\n");
}

/* The themes by area, areas too small to show suppressed. */
static void themes_by_area(struct req *rq, struct html *b, const struct survey *s, json_t *q,
			   const struct svg_bar *bars, size_t n, const char *title)
{
	json_t *ar;
	size_t i, k;

	page_table_region(b, arena_printf(rq->a, _("Themes by area: %s"), title));
	html_text(b, arena_printf(rq->a, _("Themes by area: %s"), title));
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Area"));
	page_th(b, _("Answers"));
	for (i = 0; i < n; i++)
		page_th(b, bars[i].label);
	html_lit(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(json_object_get(q, "by_area"), k, ar) area_row(rq, b, s, q, ar, n);
	html_lit(b, "</tbody></table>\n</div>\n<p class=\"meta\">");
	html_text(b, arena_printf(rq->a,
				  _("Areas with fewer than %lld written answers are not "
				    "shown, so that no one can be identified."),
				  json_integer_value(json_object_get(q, "min_group_size"))));
	html_lit(b, "</p>\n");
}

int themereview_html(struct req *rq, struct html *b, const struct survey *s, json_t *themes,
		     const char *qid, const char *title)
{
	json_t *q = themereview_question(themes, qid), *list, *t;
	struct svg_bar *bars;
	size_t i, n;

	if (q == NULL)
		return 0;
	html_lit(b, "<div class=\"themes\" id=\"themes-");
	html_text(b, qid);
	html_lit(b, "\">\n<h3>");
	html_text(b, _("Themes in the written answers"));
	html_lit(b, "</h3>\n");
	if (!themereview_status_lines(rq, b, q)) {
		html_lit(b, "</div>\n");
		return 1;
	}
	list = json_object_get(q, "themes");
	n = json_array_size(list);
	html_lit(b, "<p>");
	html_text(b, _("Each answer is counted once, in the theme it is closest to; quotes have "
		       "personal details removed."));
	html_lit(b, "</p>\n");
	if (json_is_true(json_object_get(q, "reviewed"))) {
		html_lit(b, "<p class=\"themes-reviewed\">");
		html_text(b, _("These themes were grouped by computer and reviewed by council "
			       "officers."));
		html_lit(b, "</p>\n");
	}
	bars = arena_calloc(rq->a, n + 1, sizeof(*bars));
	if (bars == NULL) {
		html_lit(b, "</div>\n");
		return 1;
	}
	json_array_foreach(list, i, t)
	{
		bars[i].label = themereview_label_text(rq, t);
		bars[i].value = json_number_value(json_object_get(t, "share")) * 100.0;
		bars[i].value_text =
		    themereview_pct(rq->a, json_number_value(json_object_get(t, "share")));
	}
	themes_chart(rq, b, bars, n, qid, title);
	themes_table(rq, b, q, bars, title);
	themes_quotes(rq, b, q, bars);
	if (json_array_size(json_object_get(q, "by_area")) > 0 && n > 0)
		themes_by_area(rq, b, s, q, bars, n, title);
	html_lit(b, "</div>\n");
	return 1;
}
