/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themes (web): themes on the results pages, in the open data, and the
 * officers' theme moderation page /admin/themes/<id> (see themes.h).
 *
 * Moderation page: for each analysed question, each theme with its share,
 * phrases and quote candidates. Officers with access to the survey can
 * rename a theme (English and Welsh labels, THEME_LABEL_MAX bytes each),
 * merge it into another or undo that, and hide a quote from publication
 * with a reason (a row of answer_moderation, shared with the answers list)
 * or show it again. Every POST re-checks role and survey permission (the
 * anti-forgery token was checked by handle_admin), names only keys and
 * quotes present in the current summary, and is written to the audit log.
 * Decisions name stable theme keys, so they survive recomputation
 * (results/themeview.h); they are applied when a page is drawn, so the
 * public page, JSON and CSV show them on the next request.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/log.h"
#include "render/csv.h"
#include "render/html.h"
#include "render/page.h"
#include "render/svg.h"
#include "results/summariser.h"
#include "results/themeview.h"
#include "web/admin.h"
#include "web/handlers.h"
#include "web/readstore.h"
#include "web/themes.h"

#define THEME_LABEL_MAX 120 /* bytes, as theme_decision.label_* */
#define HIDE_REASON_MAX 255 /* bytes, as answer_moderation.reason */
#define MOVE_MAX 500	    /* answers moved or split out by one form */

static const char *str_of(json_t *v)
{
	return json_string_value(v) ? json_string_value(v) : "";
}

static const struct survey_question *analysed(const struct survey *s, const char *qid)
{
	for (size_t i = 0; qid != NULL && i < s->nanalysed; i++)
		if (strcmp(s->analysed[i]->id, qid) == 0)
			return s->analysed[i];
	return NULL;
}

/*
 * Each worker keeps the parsed summary of each question it has shown, with
 * the stamp (fingerprint and time) it was stored under: a request reads the
 * stamp, a few bytes, and fetches and parses the summary (which lists every
 * member answer) only when it changed. Process memory, not the arena.
 */
struct stored_cache {
	char *survey, *qid, *stamp;
	json_t *stored;
	time_t at;
};
static struct stored_cache *scache;
static size_t nscache;

/* The stored summary of one question (new reference), NULL when none;
 * *err on a database failure. */
static json_t *stored_load(struct store *db, struct req *rq, const struct survey *s, const char *qid,
			   time_t *at, int *err)
{
	struct store_arg a[] = {STORE_STR(s->id), STORE_STR(qid)};
	struct store_rows r, st;
	struct stored_cache *c = NULL;
	json_t *j;

	*err = 0;
	if (store_query(db, ST_THEMES_SUMMARY_STAMP, a, 2, rq->a, 1, &st) != STORE_OK) {
		*err = 1;
		return NULL;
	}
	if (st.nrows != 1 || STORE_CELL(&st, 0, 0) == NULL)
		return NULL;
	for (size_t i = 0; i < nscache; i++)
		if (strcmp(scache[i].survey, s->id) == 0 && strcmp(scache[i].qid, qid) == 0)
			c = &scache[i];
	if (c != NULL && strcmp(c->stamp, STORE_CELL(&st, 0, 0)) == 0) {
		*at = c->at;
		return json_incref(c->stored);
	}
	if (store_query(db, ST_THEMES_SUMMARY_GET, a, 2, rq->a, 1, &r) != STORE_OK) {
		*err = 1;
		return NULL;
	}
	if (r.nrows != 1 || STORE_CELL(&r, 0, 0) == NULL)
		return NULL;
	*at = (time_t)strtoll(STORE_CELL(&r, 0, 2) ? STORE_CELL(&r, 0, 2) : "0", NULL, 10);
	j = json_loads(STORE_CELL(&r, 0, 0), 0, NULL);
	if (j == NULL)
		return NULL;
	if (c == NULL) {
		struct stored_cache *grown = realloc(scache, (nscache + 1) * sizeof(*scache));

		if (grown == NULL)
			return j; /* not cached; still shown */
		scache = grown;
		c = &scache[nscache++];
		c->survey = strdup(s->id);
		c->qid = strdup(qid);
		c->stamp = NULL;
		c->stored = NULL;
		if (c->survey == NULL || c->qid == NULL)
			log_fatal("themes: out of memory");
	}
	free(c->stamp);
	json_decref(c->stored);
	/* the stamp read before the summary: at worst a newer summary is kept
	 * under an older stamp, and read again on the next request */
	c->stamp = strdup(STORE_CELL(&st, 0, 0));
	if (c->stamp == NULL)
		log_fatal("themes: out of memory");
	c->stored = json_incref(j);
	c->at = *at;
	return j;
}

static json_t *question_load(struct store *db, struct req *rq, const struct survey *s,
			     const char *qid, int officer)
{
	time_t at = 0;
	int err;
	json_t *stored = stored_load(db, rq, s, qid, &at, &err), *out;

	if (err)
		return NULL;
	out = summariser_view(db, s, qid, stored, at, rq->a, officer);
	json_decref(stored);
	return out;
}

static json_t *themes_load_from(struct store *db, struct req *rq, const struct survey *s, int officer)
{
	json_t *out = json_array();

	for (size_t i = 0; i < s->nanalysed; i++) {
		json_t *q = question_load(db, rq, s, s->analysed[i]->id, officer);

		if (q == NULL) {
			json_decref(out);
			return NULL;
		}
		json_array_append_new(out, q);
	}
	return out;
}

/*
 * The public view reads where the request's results come from (a replica
 * that is current, readstore.h: a hidden quote never comes back because a
 * replica lagged); the officers' moderation view reads the primary.
 */
json_t *themes_load(struct app *app, struct req *rq, const struct survey *s, int officer)
{
	struct store *db = officer ? &app->store : app_read_store(app, rq);
	json_t *out = themes_load_from(db, rq, s, officer);

	if (out == NULL && db != &app->store) {
		app_read_store_failed(app, rq, db);
		out = themes_load_from(&app->store, rq, s, officer);
	}
	return out;
}

json_t *themes_members(struct app *app, struct req *rq, const struct survey *s, const char *qid,
		       int *err)
{
	time_t at = 0;
	json_t *st = stored_load(&app->store, rq, s, qid, &at, err), *dec, *mov, *out;

	if (st == NULL)
		return NULL;
	dec = summariser_decisions(&app->store, s, qid, rq->a);
	mov = summariser_moves(&app->store, s, qid, rq->a);
	out = dec != NULL && mov != NULL ? themeview_members(st, dec, mov) : NULL;
	if (dec == NULL || mov == NULL)
		*err = 1;
	json_decref(st);
	json_decref(dec);
	json_decref(mov);
	return out;
}

/* ---- rendering ------------------------------------------------------------ */

json_t *themes_question(json_t *themes, const char *qid)
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
const char *themes_label_text(struct req *rq, json_t *t)
{
	const char *v = theme_label(t, rq->lang);

	return label_is_english(t, rq->lang) ? arena_printf(rq->a, "%s %s", v, _("(in English)"))
					      : v;
}

/* The label as HTML: an English one on a Welsh page in lang="en", marked. */
static void theme_label_html(struct req *rq, struct buf *b, json_t *t)
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

/* The description, when the method gave one, in the reader's language. */
/* The public quotes of a theme (or of Other) as a list; hidden ones left out. */
static void quote_list_html(struct buf *b, json_t *quotes)
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

static void theme_description_html(struct req *rq, struct buf *b, json_t *t)
{
	const char *d = json_string_value(
	    json_object_get(json_object_get(t, "description"), survey_lang_code(rq->lang)));
	int english = rq->lang == LANG_CY &&
		      json_is_true(json_object_get(t, "description_cy_fallback"));

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
	return strcmp(s, "praise") == 0	     ? _("praise")
	       : strcmp(s, "complaint") == 0  ? _("complaint")
	       : strcmp(s, "suggestion") == 0 ? _("suggestion")
					      : _("neutral");
}

/* "praise 50.0%, complaint 30.0%, …" of a theme, or "–" when not known. */
static void stance_html(struct req *rq, struct buf *b, json_t *t)
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

static const char *pct(struct arena *a, double share)
{
	return arena_printf(a, "%.1f%%", share * 100.0);
}

/* "Summary of 120 answers, updated 1 March 2026, 09:00." and the status lines. */
static int status_lines(struct req *rq, struct buf *b, json_t *q)
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

int themes_html(struct req *rq, struct buf *b, const struct survey *s, json_t *themes,
		const char *qid, const char *title)
{
	json_t *q = themes_question(themes, qid), *list, *t, *ar;
	size_t i, k, n;
	struct svg_bar *bars;
	long long answers;
	int stances = 0;

	if (q == NULL)
		return 0;
	html_lit(b, "<div class=\"themes\" id=\"themes-");
	html_text(b, qid);
	html_lit(b, "\">\n<h3>");
	html_text(b, _("Themes in the written answers"));
	html_lit(b, "</h3>\n");
	if (!status_lines(rq, b, q)) {
		html_lit(b, "</div>\n");
		return 1;
	}
	list = json_object_get(q, "themes");
	answers = json_integer_value(json_object_get(q, "answers"));
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
		bars[i].label = themes_label_text(rq, t);
		bars[i].value = json_number_value(json_object_get(t, "share")) * 100.0;
		bars[i].value_text = pct(rq->a, json_number_value(json_object_get(t, "share")));
	}
	{
		struct buf d;

		buf_init(&d, 8192);
		buf_puts(&d, _("Share of written answers in each theme."));
		for (i = 0; i < n; i++)
			buf_printf(&d, " %s: %s;", bars[i].label, bars[i].value_text);
		html_lit(b, "<div class=\"result-figure\">\n");
		svg_bars(b, arena_printf(rq->a, "chart-themes-%s", qid), title,
			 arena_strdup(rq->a, buf_cstr(&d)), bars, n, 100, 0);
		buf_release(&d);
	}
	page_table_open(b);
	html_text(b, arena_printf(rq->a, _("Themes: %s"), title));
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Theme"));
	page_th(b, _("Answers"));
	page_th(b, _("Share"));
	json_array_foreach(list, i, t) if (json_is_object(json_object_get(t, "stance"))) stances = 1;
	if (stances)
		page_th(b, _("Praise, complaints and suggestions"));
	page_th(b, _("Common phrases"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(list, i, t)
	{
		json_t *p;

		html_lit(b, "<tr><th scope=\"row\">");
		theme_label_html(rq, b, t);
		html_lit(b, "</th><td class=\"num\">");
		html_int(b, json_integer_value(json_object_get(t, "count")));
		html_lit(b, "</td><td class=\"num\">");
		html_text(b, bars[i].value_text);
		html_lit(b, "</td><td>");
		if (stances) {
			stance_html(rq, b, t);
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
	{
		/* the Other group, and themes officers have not yet reviewed */
		json_t *oth = json_object_get(q, "other"), *aw = json_object_get(q, "awaiting_review");

		if (json_integer_value(json_object_get(oth, "count")) > 0) {
			html_lit(b, "<tr><th scope=\"row\">");
			html_text(b, _("Other"));
			html_lit(b, "</th><td class=\"num\">");
			html_int(b, json_integer_value(json_object_get(oth, "count")));
			html_lit(b, "</td><td class=\"num\">");
			html_text(b, pct(rq->a, json_number_value(json_object_get(oth, "share"))));
			html_lit(b, "</td><td>");
			if (stances)
				html_lit(b, "–</td><td>");
			html_text(b, _("answers on subjects few others raised"));
			html_lit(b, "</td></tr>\n");
		}
		if (json_integer_value(json_object_get(aw, "count")) > 0) {
			html_lit(b, "<tr><th scope=\"row\">");
			html_text(b, arena_printf(rq->a,
						  ngettext_("%lld theme awaiting review",
							    "%lld themes awaiting review",
							    json_integer_value(json_object_get(aw, "themes"))),
						  json_integer_value(json_object_get(aw, "themes"))));
			html_lit(b, "</th><td class=\"num\">");
			html_int(b, json_integer_value(json_object_get(aw, "count")));
			html_lit(b, "</td><td class=\"num\">");
			html_text(b, pct(rq->a, json_number_value(json_object_get(aw, "share"))));
			html_lit(b, "</td><td>");
			if (stances)
				html_lit(b, "–</td><td>");
			html_text(b, _("not yet checked by officers"));
			html_lit(b, "</td></tr>\n");
		}
	}
	html_lit(b, "<tr><th scope=\"row\">");
	html_text(b, _("No clear theme"));
	html_lit(b, "</th><td class=\"num\">");
	html_int(b, json_integer_value(json_object_get(q, "unthemed")));
	html_lit(b, "</td><td class=\"num\">");
	html_text(b,
		  pct(rq->a, answers ? (double)json_integer_value(json_object_get(q, "unthemed")) /
					   (double)answers
				     : 0));
	html_lit(b, "</td><td>");
	if (stances)
		html_lit(b, "–</td><td>");
	html_lit(b, "</td></tr>\n</tbody></table>\n</div>\n</div>\n");
	/* descriptions and quotes */
	json_array_foreach(list, i, t)
	{
		json_t *quotes = json_object_get(t, "quotes");

		if (json_array_size(quotes) == 0 && json_object_get(t, "description") == NULL)
			continue;
		html_lit(b, "<h4>");
		html_text(b, arena_printf(rq->a, _("What people said: %s"), bars[i].label));
		html_lit(b, "</h4>\n");
		theme_description_html(rq, b, t);
		if (json_array_size(quotes) == 0)
			continue;
		quote_list_html(b, quotes);
	}
	{
		json_t *oq = json_object_get(json_object_get(q, "other"), "quotes");

		if (json_array_size(oq) > 0) {
			html_lit(b, "<h4>");
			html_text(b, arena_printf(rq->a, _("What people said: %s"), _("Other")));
			html_lit(b, "</h4>\n");
			quote_list_html(b, oq);
		}
	}
	/* by area */
	if (json_array_size(json_object_get(q, "by_area")) > 0 && n > 0) {
		page_table_open(b);
		html_text(b, arena_printf(rq->a, _("Themes by area: %s"), title));
		html_lit(b, "</caption>\n<thead><tr>");
		page_th(b, _("Area"));
		page_th(b, _("Answers"));
		for (i = 0; i < n; i++)
			page_th(b, bars[i].label);
		html_lit(b, "</tr></thead>\n<tbody>\n");
		json_array_foreach(json_object_get(q, "by_area"), k, ar)
		{
			html_lit(b, "<tr><th scope=\"row\">");
			html_text(b, area_name(s, json_string_value(json_object_get(ar, "area")),
					       rq->lang));
			html_lit(b, "</th>");
			if (json_is_true(json_object_get(ar, "suppressed"))) {
				html_lit(b, "<td>");
				html_text(b, arena_printf(rq->a, _("fewer than %lld"),
							  json_integer_value(json_object_get(
							      q, "min_group_size"))));
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
					html_text(b, pct(rq->a, json_number_value(
								    json_object_get(e, "share"))));
					html_lit(b, "</td>");
				}
			}
			html_lit(b, "</tr>\n");
		}
		html_lit(b, "</tbody></table>\n</div>\n<p class=\"meta\">");
		html_text(b,
			  arena_printf(rq->a,
				       _("Areas with fewer than %lld written answers are not "
					 "shown, so that no one can be identified."),
				       json_integer_value(json_object_get(q, "min_group_size"))));
		html_lit(b, "</p>\n");
	}
	html_lit(b, "</div>\n");
	return 1;
}

/* ---- the moderation page ----------------------------------------------------- */

static void hidden_input(struct buf *b, const char *name, const char *value)
{
	html_lit(b, "<input type=\"hidden\" name=\"");
	html_text(b, name);
	html_lit(b, "\" value=\"");
	html_text(b, value);
	html_lit(b, "\">\n");
}

static void form_open(struct app *app, struct req *rq, struct buf *b, const struct admin *ad,
		      const struct survey *s, const char *action, const char *qid, const char *key)
{
	html_lit(b, "<form method=\"post\" action=\"/admin/themes/");
	html_urlpart(b, s->id);
	html_lit(b, "\" class=\"theme-form\">\n");
	hidden_input(b, "csrf", admin_form_token(app, rq, ad));
	hidden_input(b, "action", action);
	hidden_input(b, "question", qid);
	if (key != NULL)
		hidden_input(b, "theme", key);
}

/* The labels boxes of the rename, make and split forms: English required
 * for a made theme (req), Welsh optional; cur (may be NULL) fills them. */
static void label_inputs(struct req *rq, struct buf *b, const char *fid, json_t *cur, int req)
{
	for (int l = 0; l < LANG_N; l++) {
		const char *code = survey_lang_code((enum yv_lang)l);
		const char *id = arena_printf(rq->a, "label-%s-%s", code, fid);
		const char *v = cur ? json_string_value(json_object_get(cur, code)) : NULL;

		html_lit(b, "<div class=\"question\"><label for=\"");
		html_text(b, id);
		html_lit(b, "\">");
		html_text(b, l == LANG_EN ? _("Label in English") : _("Label in Welsh"));
		html_lit(b, "</label>\n<input type=\"text\" class=\"input\" maxlength=\"120\" "
			    "name=\"label_");
		html_text(b, code);
		html_lit(b, "\" id=\"");
		html_text(b, id);
		html_lit(b, "\" value=\"");
		html_text(b, v ? v : "");
		html_lit(b, "\"");
		if (l == LANG_CY)
			html_lit(b, " lang=\"cy\"");
		else if (req)
			html_lit(b, " required");
		html_lit(b, "></div>\n");
	}
}

/* "/admin/answers/<id>?theme=<question>:<key>": the answers of one theme. */
static void theme_answers_link(struct req *rq, struct buf *b, const struct survey *s,
			       const char *qid, json_t *t)
{
	html_lit(b, "<p><a href=\"/admin/answers/");
	html_urlpart(b, s->id);
	html_lit(b, "?theme=");
	html_urlpart(b, arena_printf(rq->a, "%s:%s", qid, json_string_value(json_object_get(t, "id"))));
	html_lit(b, "\">");
	html_text(b, arena_printf(rq->a, _("Read the answers in the theme %s"),
				  themes_label_text(rq, t)));
	html_lit(b, "</a></p>\n");
}

static void admin_theme(struct app *app, struct req *rq, struct buf *b, const struct admin *ad,
			const struct survey *s, const char *qid, json_t *list, json_t *t, int can)
{
	const char *key = json_string_value(json_object_get(t, "id"));
	const char *label = themes_label_text(rq, t);
	const char *fid = arena_printf(rq->a, "%s-%s", qid, key);
	int approved = json_is_true(json_object_get(t, "approved"));
	json_t *qq, *m, *o;
	size_t k;

	html_lit(b, "<section class=\"theme\" id=\"theme-");
	html_text(b, fid);
	html_lit(b, "\">\n<h3>");
	theme_label_html(rq, b, t);
	html_lit(b, "</h3>\n");
	if (approved) {
		html_lit(b, "<p class=\"tag\"><strong>");
		html_text(b, _("Approved"));
		html_lit(b, "</strong>: ");
		html_text(b, _("shown on the results pages and in the open data."));
	} else {
		html_lit(b, "<p class=\"tag tag-hidden\"><strong>");
		html_text(b, _("Awaiting review"));
		html_lit(b, "</strong>: ");
		html_text(b, _("not published until an officer approves it."));
	}
	html_lit(b, "</p>\n<p class=\"meta\">");
	html_text(b, arena_printf(rq->a, _("%lld answers (%s)."),
				  json_integer_value(json_object_get(t, "count")),
				  pct(rq->a, json_number_value(json_object_get(t, "share")))));
	if (json_is_true(json_object_get(t, "created"))) {
		html_lit(b, " ");
		html_text(b, _("Made by an officer."));
	} else if (json_is_true(json_object_get(t, "renamed"))) {
		html_lit(b, " ");
		html_text(b,
			  arena_printf(rq->a, _("Automatic label: %s."),
				       json_string_value(json_object_get(t, "automatic_label"))));
	}
	html_lit(b, "</p>\n");
	theme_description_html(rq, b, t);
	if (json_is_object(json_object_get(t, "stance"))) {
		html_lit(b, "<p class=\"meta\">");
		html_text(b, _("Praise, complaints and suggestions"));
		html_lit(b, ": ");
		stance_html(rq, b, t);
		html_lit(b, "</p>\n");
	}
	theme_answers_link(rq, b, s, qid, t);
	if (can) {
		form_open(app, rq, b, ad, s, approved ? "unapprove" : "approve", qid, key);
		html_lit(b, "<button type=\"submit\" class=\"button\">");
		html_text(b, approved ? arena_printf(rq->a, _("Withdraw the approval of %s"), label)
				      : arena_printf(rq->a, _("Approve %s for publication"), label));
		html_lit(b, "</button>\n</form>\n");
	}
	/* merged into this one, by name */
	json_array_foreach(json_object_get(t, "merged_from"), k, m)
	{
		const char *mlabel = themes_label_text(rq, m);

		html_lit(b, "<p class=\"meta\">");
		html_text(b, arena_printf(rq->a, _("Includes the theme %s, merged by an officer."),
					  mlabel));
		html_lit(b, "</p>\n");
		if (can) {
			form_open(app, rq, b, ad, s, "unmerge", qid,
				  json_string_value(json_object_get(m, "id")));
			html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
			html_text(b, arena_printf(rq->a, _("Undo the merge of %s"), mlabel));
			html_lit(b, "</button>\n</form>\n");
		}
	}
	html_lit(b, "<h4>");
	html_text(b, _("Quotes"));
	html_lit(b, "</h4>\n<ul class=\"theme-quotes\">\n");
	json_array_foreach(json_object_get(t, "quotes"), k, qq)
	{
		const char *rid = json_string_value(json_object_get(qq, "id"));
		int hidden = json_is_true(json_object_get(qq, "hidden"));
		const char *rfid = arena_printf(rq->a, "reason-%s-%s", qid, rid);

		/* A hidden quote, and why, are for the officers who decide:
		 * councillors read what may be published (as on the answers page). */
		if (hidden && !can)
			continue;
		html_lit(b, "<li");
		if (hidden)
			html_lit(b, " class=\"quote-hidden\"");
		html_lit(b, "><blockquote><p>");
		html_text(b, json_string_value(json_object_get(qq, "text")));
		html_lit(b, "</p></blockquote>\n");
		if (json_is_true(json_object_get(qq, "truncated"))) {
			html_lit(b, "<p><a href=\"/admin/answers/");
			html_urlpart(b, s->id);
			html_lit(b, "?q=");
			html_urlpart(b, qid);
			html_lit(b, "&amp;response=");
			html_urlpart(b, rid);
			html_lit(b, "\">");
			html_text(b, _("Read the whole answer"));
			html_lit(b, "</a></p>\n");
		}
		if (json_is_true(json_object_get(qq, "published"))) {
			html_lit(b, "<p class=\"meta\">");
			html_text(b, _("Shown on the results pages."));
			html_lit(b, "</p>\n");
		}
		if (hidden) {
			html_lit(b, "<p><strong>");
			html_text(b, _("Hidden from publication."));
			html_lit(b, "</strong> ");
			html_text(b,
				  arena_printf(rq->a, _("Reason: %s"),
					       json_string_value(json_object_get(qq, "reason"))));
			html_lit(b, "</p>\n");
			if (can) {
				form_open(app, rq, b, ad, s, "unhide", qid, NULL);
				hidden_input(b, "response", rid);
				html_lit(
				    b,
				    "<button type=\"submit\" class=\"button button-secondary\">");
				html_text(b, _("Show this quote again"));
				html_lit(b, "</button>\n</form>\n");
			}
		} else if (can) {
			form_open(app, rq, b, ad, s, "hide", qid, NULL);
			hidden_input(b, "response", rid);
			html_lit(b, "<label for=\"");
			html_text(b, rfid);
			html_lit(b, "\">");
			html_text(b, _("Reason for hiding this quote"));
			html_lit(b, "</label>\n<input type=\"text\" name=\"reason\" id=\"");
			html_text(b, rfid);
			html_lit(b, "\" maxlength=\"255\" required class=\"input\">\n<button "
				    "type=\"submit\" class=\"button button-secondary\">");
			html_text(b, _("Hide from publication"));
			html_lit(b, "</button>\n</form>\n");
		}
		html_lit(b, "</li>\n");
	}
	html_lit(b, "</ul>\n");
	if (!can) {
		html_lit(b, "</section>\n");
		return;
	}
	/* rename */
	form_open(app, rq, b, ad, s, "rename", qid, key);
	html_lit(b, "<fieldset><legend>");
	html_text(b, arena_printf(rq->a, _("Rename the theme %s"), label));
	html_lit(b, "</legend>\n");
	label_inputs(rq, b, fid, json_object_get(t, "label"), 0);
	html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
	html_text(b, _("Save the labels"));
	html_lit(b, "</button>\n</fieldset>\n</form>\n");
	/* merge */
	if (json_array_size(list) > 1) {
		const char *mid = arena_printf(rq->a, "merge-%s", fid);

		form_open(app, rq, b, ad, s, "merge", qid, key);
		html_lit(b, "<label for=\"");
		html_text(b, mid);
		html_lit(b, "\">");
		html_text(b, arena_printf(rq->a, _("Merge %s into"), label));
		html_lit(b, "</label>\n<select name=\"into\" id=\"");
		html_text(b, mid);
		html_lit(b, "\">\n");
		json_array_foreach(list, k, o)
		{
			const char *ok = json_string_value(json_object_get(o, "id"));

			if (strcmp(ok, key) == 0)
				continue;
			html_lit(b, "<option value=\"");
			html_text(b, ok);
			html_lit(b, "\">");
			html_text(b, themes_label_text(rq, o));
			html_lit(b, "</option>\n");
		}
		html_lit(b,
			 "</select>\n<button type=\"submit\" class=\"button button-secondary\">");
		html_text(b, _("Merge"));
		html_lit(b, "</button>\n</form>\n");
	}
	html_lit(b, "</section>\n");
}

/* The "Other" group on the officers' page: its count and quotes. */
static void admin_other(struct app *app, struct req *rq, struct buf *b, const struct admin *ad,
			const struct survey *s, const char *qid, json_t *q, int can)
{
	json_t *o = json_object_get(q, "other"), *qq;
	size_t k;

	if (json_integer_value(json_object_get(o, "count")) == 0)
		return;
	html_lit(b, "<section class=\"theme\">\n<h3>");
	html_text(b, _("Other"));
	html_lit(b, "</h3>\n<p class=\"meta\">");
	html_text(b, arena_printf(rq->a, _("%lld answers (%s)."),
				  json_integer_value(json_object_get(o, "count")),
				  pct(rq->a, json_number_value(json_object_get(o, "share")))));
	html_lit(b, " ");
	html_text(b, _("Answers on subjects few others raised; always published as a count."));
	html_lit(b, "</p>\n<ul class=\"theme-quotes\">\n");
	json_array_foreach(json_object_get(o, "quotes"), k, qq)
	{
		const char *rid = json_string_value(json_object_get(qq, "id"));
		int hidden = json_is_true(json_object_get(qq, "hidden"));

		if (hidden && !can)
			continue;
		html_lit(b, "<li");
		if (hidden)
			html_lit(b, " class=\"quote-hidden\"");
		html_lit(b, "><blockquote><p>");
		html_text(b, json_string_value(json_object_get(qq, "text")));
		html_lit(b, "</p></blockquote>\n");
		if (can && rid != NULL) {
			form_open(app, rq, b, ad, s, hidden ? "unhide" : "hide", qid, NULL);
			hidden_input(b, "response", rid);
			if (!hidden) {
				const char *rfid = arena_printf(rq->a, "reason-%s-%s", qid, rid);

				html_lit(b, "<label for=\"");
				html_text(b, rfid);
				html_lit(b, "\">");
				html_text(b, _("Reason for hiding this quote"));
				html_lit(b, "</label>\n<input type=\"text\" name=\"reason\" id=\"");
				html_text(b, rfid);
				html_lit(b, "\" maxlength=\"255\" required class=\"input\">\n");
			}
			html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
			html_text(b, hidden ? _("Show this quote again") : _("Hide from publication"));
			html_lit(b, "</button>\n</form>\n");
		}
		html_lit(b, "</li>\n");
	}
	html_lit(b, "</ul>\n</section>\n");
}

static void admin_page(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
		       const struct survey *s, const char *notice)
{
	const char *path = arena_printf(rq->a, "/admin/themes/%s", s->id);
	struct page_ctx p = {
	    rq->lang, path,
	    arena_printf(rq->a, "%s: %s", _("Themes"), survey_text_get(&s->title, rq->lang))};
	struct buf *b = &rs->body;
	json_t *themes = themes_load(app, rq, s, 1), *q, *t;
	size_t i, k;
	int can = ad->officer;

	if (themes == NULL) {
		web_error(app, rq, rs, 503);
		return;
	}
	resp_html(rs);
	page_begin(b, &p);
	page_back_link(b, "/admin");
	page_status(b, notice);
	page_heading(b, survey_text_get(&s->title, rq->lang), _("Themes in the written answers"));
	html_lit(b, "<p>");
	html_text(b, can ? _("Themes are grouped by computer. Check each one: rename, merge or "
			     "split themes, move answers, hide quotes that should not be "
			     "published, and approve each theme: only approved themes are "
			     "published. Your decisions show on the results pages and in the open "
			     "data at once, and are kept when the summary is brought up to date.")
			 : _("Councillors can read the themes; officers decide on labels, merges "
			     "and quotes."));
	html_lit(b, " <a href=\"/admin/results/");
	html_urlpart(b, s->id);
	html_lit(b, "\">");
	html_text(b, _("See the results"));
	html_lit(b, "</a></p>\n");
	json_array_foreach(themes, i, q)
	{
		const char *qid = json_string_value(json_object_get(q, "question"));
		const struct survey_question *sq = analysed(s, qid);

		html_lit(b, "<section class=\"result\" id=\"q-");
		html_text(b, qid);
		html_lit(b, "\">\n<h2>");
		html_text(b, sq ? survey_text_get(&sq->label, rq->lang) : qid);
		html_lit(b, "</h2>\n");
		if (status_lines(rq, b, q)) {
			json_t *aw = json_object_get(q, "awaiting_review");

			html_lit(b, "<p class=\"meta\">");
			html_text(b, arena_printf(rq->a,
						  ngettext_("%lld theme awaiting review.",
							    "%lld themes awaiting review.",
							    json_integer_value(json_object_get(aw, "themes"))),
						  json_integer_value(json_object_get(aw, "themes"))));
			html_lit(b, "</p>\n");
			json_array_foreach(json_object_get(q, "themes"), k, t) admin_theme(
			    app, rq, b, ad, s, qid, json_object_get(q, "themes"), t, can);
			admin_other(app, rq, b, ad, s, qid, q, can);
			if (can) {
				const char *fid = arena_printf(rq->a, "new-%s", qid);

				form_open(app, rq, b, ad, s, "create", qid, NULL);
				html_lit(b, "<fieldset><legend>");
				html_text(b, _("Make a new theme"));
				html_lit(b, "</legend>\n<p class=\"hint\">");
				html_text(b, _("Then move answers into it from the list of written "
					       "answers."));
				html_lit(b, "</p>\n");
				label_inputs(rq, b, fid, NULL, 1);
				html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
				html_text(b, _("Make the theme"));
				html_lit(b, "</button>\n</fieldset>\n</form>\n");
			}
		}
		html_lit(b, "</section>\n");
	}
	json_decref(themes);
	page_end(b, &p);
}
/* The stored summary's theme keys and quote ids of one question, for checking a POST. */
static int summary_has(struct app *app, struct req *rq, const struct survey *s, const char *qid,
		       const char *key, const char *quote_id, int *err)
{
	time_t at;
	json_t *st = stored_load(&app->store, rq, s, qid, &at, err), *t, *q;
	size_t i, k;
	int found = 0;

	json_array_foreach(json_object_get(st, "themes"), i, t)
	{
		if (key != NULL && strcmp(json_string_value(json_object_get(t, "key"))
					      ? json_string_value(json_object_get(t, "key"))
					      : "",
					  key) == 0)
			found = 1;
		if (quote_id != NULL)
			json_array_foreach(
			    json_object_get(t, "quotes"), k,
			    q) if (strcmp(json_string_value(json_object_get(q, "id"))
					      ? json_string_value(json_object_get(q, "id"))
					      : "",
					  quote_id) == 0) found = 1;
	}
	json_array_foreach(json_object_get(st, "other_quotes"), k, q) if (
	    quote_id != NULL && strcmp(str_of(json_object_get(q, "id")), quote_id) == 0) found = 1;
	json_decref(st);
	return found;
}

static int id_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n > 0 && n < 20 && s[0] != '0' && strspn(s, "0123456789") == n;
}

/* The theme keyed `key` in an officers' view: a theme shown, or one merged
 * into it (then *merged is set). NULL when the view has none. */
static json_t *view_theme(json_t *view, const char *key, int *merged)
{
	size_t i, k;
	json_t *t, *m;

	if (merged != NULL)
		*merged = 0;
	if (key == NULL)
		return NULL;
	json_array_foreach(json_object_get(view, "themes"), i, t)
	{
		if (strcmp(str_of(json_object_get(t, "id")), key) == 0)
			return t;
		json_array_foreach(json_object_get(t, "merged_from"), k, m) if (
		    strcmp(str_of(json_object_get(m, "id")), key) == 0)
		{
			if (merged != NULL)
				*merged = 1;
			return m;
		}
	}
	return NULL;
}

/* A theme's English name for the audit log (officers read names, not keys). */
static const char *audit_name(json_t *view, const char *key)
{
	json_t *t = view_theme(view, key, NULL);
	const char *v = json_string_value(json_object_get(json_object_get(t, "label"), "en"));

	return v != NULL && v[0] ? v : "(unnamed theme)";
}

/*
 * The response ids a move or split names ("response", once or repeated):
 * a comma-separated list for ST_THEMES_MOVE in *out, the first in *first.
 * -1 when none, more than MOVE_MAX, or any is not an id.
 */
static int response_list(struct req *rq, struct arena *a, const char **out, const char **first,
			 size_t *n)
{
	struct buf l;

	*n = 0;
	*first = NULL;
	buf_init(&l, MOVE_MAX * 21);
	for (size_t i = 0; i < rq->form.n; i++) {
		const char *v = rq->form.v[i].value;

		if (strcmp(rq->form.v[i].name, "response") != 0)
			continue;
		if (!id_valid(v) || *n >= MOVE_MAX) {
			buf_release(&l);
			return -1;
		}
		if (*n == 0)
			*first = v;
		buf_printf(&l, "%s%s", *n ? "," : "", v);
		(*n)++;
	}
	*out = arena_strdup(a, buf_cstr(&l));
	buf_release(&l);
	return *n > 0 && *out != NULL ? 0 : -1;
}

/* Whether every response the form names is now in theme `key` (a split
 * takes answers out of the theme it splits). */
static int all_in_theme(struct app *app, struct req *rq, const struct survey *s, const char *qid,
			const char *key, int *err)
{
	json_t *m = themes_members(app, rq, s, qid, err);
	int ok = m != NULL;

	for (size_t i = 0; ok && i < rq->form.n; i++)
		if (strcmp(rq->form.v[i].name, "response") == 0 &&
		    strcmp(str_of(json_object_get(json_object_get(m, rq->form.v[i].value), "theme")),
			   key) != 0)
			ok = 0;
	json_decref(m);
	return ok;
}

/* Make a theme and (for a split) move answers into it, audited, in one
 * transaction. */
static enum store_err make_theme(struct app *app, const struct admin *ad, const struct survey *s,
				 const char *qid, const char *key, const char *en, const char *cy,
				 const char *ids, const char *action, const char *detail)
{
	struct store_arg c[] = {STORE_STR(s->id), STORE_STR(qid),	     STORE_STR(key),
				STORE_STR(en),	  cy[0] ? STORE_STR(cy) : STORE_NULL, STORE_STR(ad->username)};
	enum store_err e = store_begin(&app->store);

	if (e == STORE_OK)
		e = store_exec(&app->store, ST_THEMES_CREATE, c, 6, NULL, NULL);
	if (e == STORE_OK && ids != NULL) {
		struct store_arg m[] = {STORE_STR(key), STORE_STR(ad->username), STORE_STR(s->id),
					STORE_STR(qid), STORE_STR(ids)};

		e = store_exec(&app->store, ST_THEMES_MOVE, m, 5, NULL, NULL);
	}
	if (e == STORE_OK && admin_audit(app, ad, action, s->id, detail) != 0)
		e = STORE_ERROR;
	if (e == STORE_OK)
		e = store_commit(&app->store);
	if (e != STORE_OK)
		store_rollback(&app->store);
	return e;
}

static void admin_post(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
		       const struct survey *s)
{
	const char *action = http_param_get(&rq->form, "action");
	const char *qid = http_param_get(&rq->form, "question");
	const char *key = http_param_get(&rq->form, "theme");
	const char *into = http_param_get(&rq->form, "into");
	const char *rid = http_param_get(&rq->form, "response");
	const char *en = http_param_get(&rq->form, "label_en");
	const char *cy = http_param_get(&rq->form, "label_cy");
	const char *reason = http_param_get(&rq->form, "reason");
	const char *done = NULL, *location = NULL;
	enum store_err e = STORE_OK;
	int err = 0, merged = 0;
	json_t *view = NULL;

	if (action == NULL || analysed(s, qid) == NULL) {
		web_error(app, rq, rs, 400);
		return;
	}
	/* the officers' view as it is now: which themes exist, and their names */
	view = question_load(&app->store, rq, s, qid, 1);
	if (view == NULL) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (strcmp(action, "rename") == 0) {
		if (!themeview_key_valid(key) || view_theme(view, key, NULL) == NULL || en == NULL ||
		    cy == NULL || strlen(en) > THEME_LABEL_MAX || strlen(cy) > THEME_LABEL_MAX)
			goto bad;
		{
			struct store_arg a[] = {STORE_STR(s->id),
						STORE_STR(qid),
						STORE_STR(key),
						en[0] ? STORE_STR(en) : STORE_NULL,
						cy[0] ? STORE_STR(cy) : STORE_NULL,
						STORE_STR(ad->username)};

			e = admin_decide(app, ad, s, ST_THEMES_RENAME, a, 6, 0, "theme-rename",
					 arena_printf(rq->a, "%s: \"%s\" renamed en=%s cy=%s", qid,
						      audit_name(view, key), en, cy));
		}
		done = "renamed";
	} else if (strcmp(action, "merge") == 0 || strcmp(action, "unmerge") == 0) {
		int merge = action[0] == 'm';

		if (!themeview_key_valid(key) || (merge && view_theme(view, key, NULL) == NULL))
			goto bad;
		if (merge && (!themeview_key_valid(into) || strcmp(into, key) == 0 ||
			      view_theme(view, into, &merged) == NULL || merged))
			goto bad;
		if (merge) {
			/* refuse a cycle: `into` must not end up in `key` */
			json_t *t = view_theme(view, key, NULL), *m;
			size_t i;

			json_array_foreach(json_object_get(t, "merged_from"), i, m) if (
			    strcmp(str_of(json_object_get(m, "id")), into) == 0) goto bad;
		}
		{
			struct store_arg a[] = {STORE_STR(s->id), STORE_STR(qid), STORE_STR(key),
						merge ? STORE_STR(into) : STORE_NULL,
						STORE_STR(ad->username)};

			e = admin_decide(app, ad, s, ST_THEMES_MERGE, a, 5, 0,
					 merge ? "theme-merge" : "theme-unmerge",
					 merge ? arena_printf(rq->a, "%s: \"%s\" merged into \"%s\"",
							      qid, audit_name(view, key),
							      audit_name(view, into))
					       : arena_printf(rq->a, "%s: \"%s\" merge undone", qid,
							      audit_name(view, key)));
		}
		done = merge ? "merged" : "unmerged";
	} else if (strcmp(action, "approve") == 0 || strcmp(action, "unapprove") == 0) {
		int yes = action[0] == 'a';

		if (!themeview_key_valid(key) || view_theme(view, key, &merged) == NULL || merged)
			goto bad;
		{
			struct store_arg a[] = {STORE_STR(s->id),	 STORE_STR(qid),
						STORE_STR(key),		 STORE_INT(yes),
						STORE_STR(ad->username), STORE_STR(ad->username)};

			e = admin_decide(app, ad, s, ST_THEMES_APPROVE, a, 6, 0,
					 yes ? "theme-approve" : "theme-unapprove",
					 arena_printf(rq->a, "%s: \"%s\"", qid, audit_name(view, key)));
		}
		done = yes ? "approved" : "unapproved";
	} else if (strcmp(action, "create") == 0 || strcmp(action, "split") == 0) {
		int split = action[0] == 's';
		const char *ids = NULL, *first;
		char nk[32];
		size_t n = 0;
		time_t at;
		json_t *st, *dec;

		if (en == NULL || en[0] == '\0' || strlen(en) > THEME_LABEL_MAX ||
		    (cy != NULL && strlen(cy) > THEME_LABEL_MAX))
			goto bad;
		if (split && (!themeview_key_valid(key) || view_theme(view, key, &merged) == NULL ||
			      merged || response_list(rq, rq->a, &ids, &first, &n) != 0 ||
			      !all_in_theme(app, rq, s, qid, key, &err)))
			goto bad;
		st = stored_load(&app->store, rq, s, qid, &at, &err);
		dec = summariser_decisions(&app->store, s, qid, rq->a);
		if (st == NULL || dec == NULL) {
			json_decref(st);
			json_decref(dec);
			if (dec == NULL)
				err = 1;
			goto bad;
		}
		themeview_free_key(st, dec, nk, sizeof(nk));
		json_decref(st);
		json_decref(dec);
		e = make_theme(app, ad, s, qid, nk, en, cy ? cy : "", ids,
			       split ? "theme-split" : "theme-create",
			       split ? arena_printf(rq->a, "%s: %zu answers of \"%s\" split into \"%s\"",
						    qid, n, audit_name(view, key), en)
				     : arena_printf(rq->a, "%s: \"%s\" made", qid, en));
		done = split ? "split" : "created";
		if (split)
			location = arena_printf(rq->a, "/admin/answers/%s?theme=%s%%3A%s&done=split",
						s->id, qid, nk);
	} else if (strcmp(action, "move") == 0) {
		const char *ids, *first;
		size_t n;

		if (!themeview_key_valid(key) || view_theme(view, key, &merged) == NULL || merged ||
		    response_list(rq, rq->a, &ids, &first, &n) != 0)
			goto bad;
		{
			struct store_arg a[] = {STORE_STR(key), STORE_STR(ad->username),
						STORE_STR(s->id), STORE_STR(qid), STORE_STR(ids)};

			e = admin_decide(app, ad, s, ST_THEMES_MOVE, a, 5, 0, "theme-move",
					 arena_printf(rq->a, "%s: response %s%s moved to \"%s\"", qid,
						      first, n > 1 ? " and others" : "",
						      audit_name(view, key)));
		}
		done = "moved";
		location = arena_printf(rq->a, "/admin/answers/%s?q=%s&response=%s&done=moved",
					s->id, qid, first);
	} else if (strcmp(action, "hide") == 0) {
		if (!id_valid(rid) || reason == NULL || reason[0] == '\0' ||
		    strlen(reason) > HIDE_REASON_MAX ||
		    !summary_has(app, rq, s, qid, NULL, rid, &err))
			goto bad;
		{
			struct store_arg a[] = {STORE_INT(strtoll(rid, NULL, 10)), STORE_STR(qid),
						STORE_STR(s->id), STORE_STR(reason),
						STORE_STR(ad->username)};

			e = admin_decide(app, ad, s, ST_THEMES_QUOTE_HIDE, a, 5, 0, "quote-hide",
					 arena_printf(rq->a, "%s response %s: %s", qid, rid, reason));
		}
		done = "hidden";
	} else if (strcmp(action, "unhide") == 0) {
		if (!id_valid(rid))
			goto bad;
		{
			struct store_arg a[] = {STORE_INT(strtoll(rid, NULL, 10)), STORE_STR(qid),
						STORE_STR(s->id)};

			e = admin_decide(app, ad, s, ST_THEMES_QUOTE_UNHIDE, a, 3, 0,
					 "quote-unhide",
					 arena_printf(rq->a, "%s response %s", qid, rid));
		}
		done = "shown";
	} else {
		goto bad;
	}
	json_decref(view);
	if (e != STORE_OK) {
		web_error(app, rq, rs, 503);
		return;
	}
	/* Post, redirect, get: a refresh shows the page, it does not decide again. */
	rs->status = 303;
	resp_header(rs, "Location",
		    location != NULL ? location
				     : arena_printf(rq->a, "/admin/themes/%s?done=%s#q-%s", s->id,
						    done ? done : "", qid));
	return;
bad:
	json_decref(view);
	if (err) {
		web_error(app, rq, rs, 503);
		return;
	}
	web_error(app, rq, rs, 400);
}

/* The message after a decision, from the redirect's ?done= (NULL if none). */
static const char *done_notice(const char *done)
{
	if (done == NULL)
		return NULL;
	return strcmp(done, "renamed") == 0    ? _("The labels are saved.")
	       : strcmp(done, "merged") == 0   ? _("The themes are merged.")
	       : strcmp(done, "unmerged") == 0 ? _("The merge is undone.")
	       : strcmp(done, "hidden") == 0   ? _("The quote is hidden from publication.")
	       : strcmp(done, "shown") == 0    ? _("The quote can be published again.")
	       : strcmp(done, "approved") == 0 ? _("The theme is approved: it is published.")
	       : strcmp(done, "unapproved") == 0
		   ? _("The approval is withdrawn: the theme is no longer published.")
	       : strcmp(done, "created") == 0 ? _("The theme is made. Move answers into it from "
						   "the list of written answers.")
					       : NULL;
}

/* Route (routes.c): /admin/themes/<survey>, signed in, forged POSTs
 * already refused, the survey resolved. */
void themes_admin(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	const struct admin *ad = rp->admin;
	const struct survey *s = rp->survey;

	if (s->nanalysed == 0) {
		web_error(app, rq, rs, 404);
		return;
	}
	if (!admin_may(ad, s->id)) {
		admin_forbidden(app, rq, rs);
		return;
	}
	if (rq->method == M_POST) {
		/* councillors read only: checked again on every POST */
		if (!ad->officer) {
			admin_audit(app, ad, "refused-theme-decision", s->id, NULL);
			admin_forbidden(app, rq, rs);
			return;
		}
		admin_post(app, rq, rs, ad, s);
		return;
	}
	if (rq->method != M_GET && rq->method != M_HEAD) {
		web_error(app, rq, rs, 405);
		return;
	}
	admin_page(app, rq, rs, ad, s, done_notice(http_param_get(&rq->query_params, "done")));
}
