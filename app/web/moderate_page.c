/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * moderate_page: the written answers page /admin/answers/<id> (moderate.c
 * lists the family): the answers found by the search and filters, newest
 * first, a page at a time; the filter form (a plain GET form, so it works
 * without JavaScript); the form that splits chosen answers into a new theme;
 * and the links to the other pages. Each answer's card is moderate_card.c's.
 * Reads through store/moderation.h and web/themereview.h (where the
 * summaries place each answer); uses web/, render/ and text/redact.h.
 */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "render/html.h"
#include "render/page.h"
#include "results/themeview.h"
#include "text/redact.h"
#include "web/moderate_int.h"
#include "web/themereview.h"

/* The answers the page shows: v (n of them, read from the database), of
 * which show[0..nshow) are on this page; total matching. */
struct found {
	struct moderation_answer *v;
	size_t n, *show, nshow;
	long long total;
	int scan_capped; /* a text search checked only the newest SEARCH_SCAN */
	size_t npairs;	 /* answers the theme, area or stance filter names */
};

/* Whether hay contains needle, ASCII letters matched in either case. */
static int contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		size_t k = 0;

		while (k < n && hay[k] != '\0' &&
		       (hay[k] == needle[k] ||
			((unsigned char)hay[k] < 128 && (unsigned char)needle[k] < 128 &&
			 (hay[k] | 0x20) == (needle[k] | 0x20) &&
			 ((hay[k] | 0x20) >= 'a' && (hay[k] | 0x20) <= 'z'))))
			k++;
		if (k == n)
			return 1;
	}
	return n == 0;
}

/* One <select> of the filters: values and their words, the current one selected. */
static void filter_select(struct html *b, const char *name, const char *label, const char *any,
			  const char *const *values, const char *const *words, size_t n,
			  const char *cur)
{
	html_lit(b, "<div class=\"question\"><label class=\"question-label\" for=\"f-");
	html_text(b, name);
	html_lit(b, "\">");
	html_text(b, label);
	html_lit(b, "</label>\n<select name=\"");
	html_text(b, name);
	html_lit(b, "\" id=\"f-");
	html_text(b, name);
	html_lit(b, "\"><option value=\"\">");
	html_text(b, any);
	html_lit(b, "</option>");
	for (size_t i = 0; i < n; i++) {
		html_lit(b, "<option value=\"");
		html_text(b, values[i]);
		html_lit(b, "\"");
		if (cur != NULL && strcmp(cur, values[i]) == 0)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, words[i]);
		html_lit(b, "</option>");
	}
	html_lit(b, "</select></div>\n");
}

/* The search fields of the filter form: text, theme, area, channel, stance. */
static void search_fields(struct req *rq, struct html *b, const struct survey *s,
			  const struct filters *f, json_t *views)
{
	static const char *const channels[] = {"web", "paper", "phone", "face-to-face",
					       "email"}; /* response.channel */
	const char *cw[] = {_("Online"), _("Paper"), _("Phone"), _("Face to face"), _("Email")};
	const char *sv[THEMEVIEW_NSTANCES], *sw[THEMEVIEW_NSTANCES];
	const char **av = arena_calloc(rq->a, s->nareas + 1, sizeof(*av));
	const char **aw = arena_calloc(rq->a, s->nareas + 1, sizeof(*aw));
	size_t i, k;
	json_t *q, *t;

	html_lit(b, "<div class=\"question\"><label class=\"question-label\" for=\"f-text\">");
	html_text(b, _("Answers containing"));
	html_lit(b, "</label>\n<input type=\"search\" class=\"input\" name=\"text\" id=\"f-text\" "
		    "maxlength=\"200\" value=\"");
	html_text(b, f->text ? f->text : "");
	html_lit(b, "\"></div>\n");
	if (json_array_size(views) > 0) {
		const char *cur = moderate_theme_value(rq, f);

		html_lit(
		    b, "<div class=\"question\"><label class=\"question-label\" for=\"f-theme\">");
		html_text(b, _("Theme"));
		html_lit(b, "</label>\n<select name=\"theme\" id=\"f-theme\"><option value=\"\">");
		html_text(b, _("Any theme"));
		html_lit(b, "</option>");
		json_array_foreach(views, i, q)
		{
			const char *qid = json_string_value(json_object_get(q, "question"));
			const struct survey_question *sq = survey_find_question(s, qid);

			if (json_array_size(json_object_get(q, "themes")) == 0)
				continue;
			html_lit(b, "<optgroup label=\"");
			html_text(b, sq ? survey_text_get(&sq->label, rq->lang) : qid);
			html_lit(b, "\">");
			json_array_foreach(json_object_get(q, "themes"), k, t)
			{
				const char *v =
				    arena_printf(rq->a, "%s:%s", qid,
						 json_string_value(json_object_get(t, "id")));

				html_lit(b, "<option value=\"");
				html_text(b, v);
				html_lit(b, "\"");
				if (cur != NULL && strcmp(cur, v) == 0)
					html_lit(b, " selected");
				html_lit(b, ">");
				html_text(b, themereview_label_text(rq, t));
				html_lit(b, "</option>");
			}
			html_lit(b, "</optgroup>");
		}
		html_lit(b, "</select></div>\n");
	}
	if (av != NULL && aw != NULL && s->nareas > 0) {
		for (i = 0; i < s->nareas; i++) {
			av[i] = s->areas[i].id;
			aw[i] = survey_text_get(&s->areas[i].name, rq->lang);
		}
		filter_select(b, "area", _("Area"), _("Any area"), av, aw, s->nareas, f->area);
	}
	filter_select(b, "channel", _("Channel"), _("Any channel"), channels, cw, 5, f->channel);
	for (int x = 0; x < THEMEVIEW_NSTANCES; x++) {
		sv[x] = themeview_stance_name(x);
		sw[x] = moderate_stance_word(sv[x]);
	}
	filter_select(b, "stance", _("Praise, complaint or suggestion"), _("Any"), sv, sw,
		      THEMEVIEW_NSTANCES, f->stance);
	if (f->response > 0) {
		html_lit(b, "<input type=\"hidden\" name=\"response\" value=\"");
		html_int(b, f->response);
		html_lit(b, "\">\n");
	}
}

/* Where each answer of the analysed questions is now (theme, area,
 * stance), and the themes' names, for the filters and the cards: 0, or -1
 * when the database failed (nothing is then held). */
static int places_load(struct app *app, struct req *rq, const struct survey *s,
		       struct theme_places *tp)
{
	memset(tp, 0, sizeof(*tp));
	if (s->nanalysed == 0)
		return 0;
	tp->views = themereview_load(app, rq, s, 1);
	tp->members = arena_calloc(rq->a, s->nanalysed, sizeof(*tp->members));
	if (tp->views == NULL || tp->members == NULL) {
		json_decref(tp->views);
		memset(tp, 0, sizeof(*tp));
		return -1;
	}
	for (size_t k = 0; k < s->nanalysed; k++) {
		int dberr = 0;

		tp->members[k] = themereview_members(app, rq, s, s->analysed[k]->id, &dberr);
		if (dberr) {
			for (size_t x = 0; x <= k; x++)
				json_decref(tp->members[x]);
			json_decref(tp->views);
			memset(tp, 0, sizeof(*tp));
			return -1;
		}
	}
	return 0;
}

static void places_release(const struct survey *s, struct theme_places *tp)
{
	for (size_t k = 0; tp->members != NULL && k < s->nanalysed; k++)
		json_decref(tp->members[k]);
	json_decref(tp->views);
}

/* Whether member e (theme, area, stance) passes the filters. */
static int member_matches(const struct filters *f, json_t *e)
{
	const char *theme = json_string_value(json_object_get(e, "theme"));
	const char *area = json_string_value(json_object_get(e, "area"));
	const char *stance = json_string_value(json_object_get(e, "stance"));

	if (f->theme_key != NULL && strcmp(theme ? theme : "", f->theme_key) != 0)
		return 0;
	if (f->area != NULL && (area == NULL || strcmp(area, f->area) != 0))
		return 0;
	if (f->stance != NULL && (stance == NULL || strcmp(stance, f->stance) != 0))
		return 0;
	return 1;
}

/* The questions searched (comma-separated) and, when theme, area or stance
 * is asked, the answers the summaries place there as "response/question"
 * pairs (*pairs NULL when not asked). -1 when the arena is full. */
static int search_lists(struct req *rq, const struct survey *s, const struct fields *fs,
			const struct filters *f, const struct theme_places *tp,
			struct moderation_search *q, size_t *npairs)
{
	int by_summary = f->theme_q != NULL || f->area != NULL || f->stance != NULL;
	struct buf list, pairs;

	buf_init(&list, 8192);
	for (size_t i = 0; i < fs->n; i++)
		if (moderate_is_free_text(&fs->v[i]) &&
		    (f->q == NULL || strcmp(f->q, fs->v[i].id) == 0) &&
		    (!by_summary || moderate_is_analysed(s, fs->v[i].id)) &&
		    (f->theme_q == NULL || strcmp(f->theme_q, fs->v[i].id) == 0)) {
			if (list.len > 0)
				buf_putc(&list, ',');
			buf_puts(&list, fs->v[i].id);
		}
	buf_init(&pairs, 4u << 20);
	for (size_t k = 0; by_summary && k < s->nanalysed && *npairs < PAIRS_MAX; k++) {
		const char *qid = s->analysed[k]->id, *rid;
		json_t *e;

		if ((f->q != NULL && strcmp(f->q, qid) != 0) ||
		    (f->theme_q != NULL && strcmp(f->theme_q, qid) != 0))
			continue;
		json_object_foreach(tp->members[k], rid, e)
		{
			if (!member_matches(f, e))
				continue;
			if (*npairs >= PAIRS_MAX)
				break;
			buf_printf(&pairs, "%s%s/%s", *npairs ? "," : "", rid, qid);
			(*npairs)++;
		}
	}
	q->fields = arena_strdup(rq->a, buf_cstr(&list));
	q->pairs = by_summary ? arena_strdup(rq->a, buf_cstr(&pairs)) : NULL;
	buf_release(&list);
	buf_release(&pairs);
	return q->fields == NULL || (by_summary && q->pairs == NULL) ? -1 : 0;
}

/* The text is searched in what the reader sees: the answer as redacted (so
 * a search cannot tell whether someone wrote a given email address or
 * phone number), and for councillors never a hidden one. The database
 * narrows the rows first (the raw text contains it); the newest SEARCH_SCAN
 * of those are checked. */
static int text_search(struct app *app, struct req *rq, const struct admin *ad,
		       const struct filters *f, const struct moderation_search *q,
		       struct found *out)
{
	struct redactor *rd = moderate_redactor(app);
	struct buf red;
	size_t kept = 0, from = (size_t)(f->page - 1) * ANSWERS_PER_PAGE;

	if (moderation_answers_search(&app->store, rq->a, q, SEARCH_SCAN, 0, &out->v, &out->n) !=
	    STORE_OK)
		return -1;
	out->scan_capped = out->n >= SEARCH_SCAN;
	out->show = arena_calloc(rq->a, ANSWERS_PER_PAGE + 1, sizeof(*out->show));
	buf_init(&red, TEXT_MAX_BYTES);
	for (size_t i = 0; out->show != NULL && i < out->n; i++) {
		const char *v = out->v[i].value;

		if (!ad->officer && out->v[i].hidden_reason != NULL)
			continue;
		buf_reset(&red);
		if (v == NULL || redact_text(rd, v, strlen(v), &red) < 0 || red.overflow ||
		    !contains_nocase(buf_cstr(&red), f->text))
			continue;
		if (kept >= from && out->nshow < ANSWERS_PER_PAGE)
			out->show[out->nshow++] = i;
		kept++;
	}
	buf_release(&red);
	out->total = (long long)kept;
	return out->show != NULL ? 0 : -1;
}

/* The answers of this page: 0, or -1 when the database failed. */
static int answers_find(struct app *app, struct req *rq, const struct admin *ad,
			const struct survey *s, const struct fields *fs, const struct filters *f,
			const struct theme_places *tp, struct found *out)
{
	struct moderation_search q = {
	    .survey_id = s->id,
	    .hidden_only = f->hidden_only,
	    .flagged_only = f->flagged_only,
	    .text = f->text,
	    .channel = f->channel,
	    .response = f->response,
	};

	memset(out, 0, sizeof(*out));
	if (search_lists(rq, s, fs, f, tp, &q, &out->npairs) != 0)
		return -1;
	if (f->text != NULL)
		return text_search(app, rq, ad, f, &q, out);
	if (moderation_answers_count(&app->store, rq->a, &q, &out->total) != STORE_OK ||
	    moderation_answers_search(&app->store, rq->a, &q, ANSWERS_PER_PAGE,
				      (size_t)(f->page - 1) * ANSWERS_PER_PAGE, &out->v,
				      &out->n) != STORE_OK)
		return -1;
	out->nshow = out->n;
	out->show = arena_calloc(rq->a, out->nshow + 1, sizeof(*out->show));
	for (size_t i = 0; out->show != NULL && i < out->nshow; i++)
		out->show[i] = i;
	return out->show != NULL ? 0 : -1;
}

/* The page's opening: the error of a refused POST or the message of a
 * decision made, the heading and what the page is for. */
static void page_top(struct req *rq, struct html *b, const struct admin *ad, const struct survey *s,
		     const struct form_error *err, struct page_ctx *p)
{
	const char *done = http_param_get(&rq->query_params, "done");

	page_begin(b, p);
	page_back_link(b, "/admin");
	if (err != NULL) {
		page_errors_begin(b);
		page_error_item(b,
				arena_printf(rq->a, "#reason-%s-%s-%s", err->action, err->rid,
					     err->field ? err->field : "response"),
				NULL, err->message);
		page_errors_end(b);
	} else if (done != NULL) {
		const char *msg =
		    strcmp(done, "hidden") == 0	   ? _("The answer is hidden from publication.")
		    : strcmp(done, "shown") == 0   ? _("The answer is no longer hidden.")
		    : strcmp(done, "flagged") == 0 ? _("The response is flagged as suspicious. It "
						       "is counted apart in the results.")
		    : strcmp(done, "cleared") == 0 ? _("The flag is cleared.")
		    : strcmp(done, "moved") == 0 ? _("The answer is moved to the theme you chose.")
		    : strcmp(done, "split") == 0
			? _("The new theme is made of the answers you chose.")
			: NULL;

		page_status(b, msg);
	}
	page_heading(b, survey_text_get(&s->title, rq->lang), _("Written answers"));
	html_lit(b, "<p>");
	html_text(b, _("Personal details such as email addresses, phone numbers and postcodes are "
		       "redacted and marked. An answer hidden from publication is never quoted in "
		       "published results or open data."));
	html_lit(b, "</p>\n");
	if (!ad->officer) {
		html_lit(b, "<p>");
		html_text(b, _("You can read these answers. Only officers can hide answers or flag "
			       "responses."));
		html_lit(b, "</p>\n");
	}
}

/* The filters: a plain GET form, so it works without JavaScript. */
static void filter_form(struct req *rq, struct html *b, const struct survey *s,
			const struct fields *fs, const struct filters *f, json_t *views,
			const char *path)
{
	static const char *const v[] = {"all", "hidden", "flagged"};
	const char *l[] = {_("Every answer"), _("Hidden from publication"),
			   _("From responses flagged as suspicious")};

	html_lit(b, "<form method=\"get\" action=\"");
	html_text(b, path);
	html_lit(b, "\" class=\"filters\">\n<div class=\"question\"><label "
		    "class=\"question-label\" for=\"f-q\">");
	html_text(b, _("Question"));
	html_lit(b, "</label>\n<select name=\"q\" id=\"f-q\"><option value=\"\">");
	html_text(b, _("All written answers"));
	html_lit(b, "</option>");
	for (size_t i = 0; i < fs->n; i++) {
		if (!moderate_is_free_text(&fs->v[i]))
			continue;
		html_lit(b, "<option value=\"");
		html_text(b, fs->v[i].id);
		html_lit(b, "\"");
		if (f->q != NULL && strcmp(f->q, fs->v[i].id) == 0)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, moderate_field_label(rq, &fs->v[i]));
		html_lit(b, "</option>");
	}
	html_lit(b, "</select></div>\n<div class=\"question\"><label class=\"question-label\" "
		    "for=\"f-show\">");
	html_text(b, _("Show"));
	html_lit(b, "</label>\n<select name=\"show\" id=\"f-show\">");
	for (int i = 0; i < 3; i++) {
		html_lit(b, "<option value=\"");
		html_text(b, v[i]);
		html_lit(b, "\"");
		if (strcmp(moderate_show_value(f), v[i]) == 0)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, l[i]);
		html_lit(b, "</option>");
	}
	html_lit(b, "</select></div>\n");
	search_fields(rq, b, s, f, views);
	html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
	html_text(b, _("Filter"));
	html_lit(b, "</button>\n</form>\n");
}

/* "12 answers · page 1 of 2 · …": how many match, and what was not searched. */
static void count_line(struct req *rq, struct html *b, const struct filters *f,
		       const struct found *fd, long pages, const char *path)
{
	html_lit(b, "<p class=\"meta\" id=\"answer-count\">");
	html_text(
	    b, arena_printf(rq->a, ngettext_("%lld answer", "%lld answers", fd->total), fd->total));
	if (pages > 1) {
		html_lit(b, " · ");
		html_text(b, arena_printf(rq->a, _("page %ld of %ld"), f->page, pages));
	}
	if (fd->scan_capped) {
		html_lit(b, " · ");
		html_text(b, _("only the newest 5,000 answers containing the text are searched"));
	}
	if (fd->npairs >= PAIRS_MAX) {
		html_lit(b, " · ");
		html_text(
		    b,
		    _("only the first 100,000 answers of the theme, area or stance are searched"));
	}
	if (f->response > 0) {
		html_lit(b, " · ");
		html_text(b, arena_printf(rq->a, _("Response %lld only."), f->response));
		html_lit(b, " <a href=\"");
		html_text(b, path);
		html_lit(b, "\">");
		html_text(b, _("Show every answer"));
		html_lit(b, "</a>");
	}
	html_lit(b, "</p>\n");
}

/* The chosen answers (boxes on the cards, form="split-form") make a new theme. */
static void split_form(struct app *app, struct req *rq, struct html *b, const struct admin *ad,
		       const struct survey *s, const struct filters *f)
{
	html_lit(b, "<form method=\"post\" id=\"split-form\" action=\"/admin/themes/");
	html_urlpart(b, s->id);
	html_lit(b, "\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, admin_form_token(app, rq, ad));
	html_lit(b, "\">\n<input type=\"hidden\" name=\"action\" value=\"split\">\n"
		    "<input type=\"hidden\" name=\"question\" value=\"");
	html_text(b, f->theme_q);
	html_lit(b, "\">\n<input type=\"hidden\" name=\"theme\" value=\"");
	html_text(b, f->theme_key);
	html_lit(b, "\">\n<fieldset><legend>");
	html_text(b, _("Split the chosen answers into a new theme"));
	html_lit(b, "</legend>\n<div class=\"question\"><label for=\"split-en\">");
	html_text(b, _("Label in English"));
	html_lit(
	    b,
	    "</label>\n<input type=\"text\" class=\"input\" name=\"label_en\" id=\"split-en\" "
	    "maxlength=\"120\" required></div>\n<div class=\"question\"><label for=\"split-cy\">");
	html_text(b, _("Label in Welsh"));
	html_lit(b,
		 "</label>\n<input type=\"text\" class=\"input\" name=\"label_cy\" id=\"split-cy\" "
		 "maxlength=\"120\" lang=\"cy\"></div>\n<button type=\"submit\" class=\"button\">");
	html_text(b, _("Make a new theme of the chosen answers"));
	html_lit(b, "</button>\n</fieldset>\n</form>\n");
}

/* Links to the newer and older pages of answers. */
static void pagination(struct req *rq, struct html *b, const struct survey *s,
		       const struct filters *f, long pages)
{
	html_lit(b, "<nav class=\"pagination\" aria-label=\"");
	html_text(b, _("Pages of answers"));
	html_lit(b, "\"><ul class=\"plain\">\n");
	if (f->page > 1) {
		html_lit(b, "<li><a rel=\"prev\" href=\"");
		html_text(b, moderate_answers_url(rq, s, f, f->page - 1, NULL));
		html_lit(b, "\">");
		html_text(b, _("Newer answers"));
		html_lit(b, "</a></li>\n");
	}
	if (f->page < pages) {
		html_lit(b, "<li><a rel=\"next\" href=\"");
		html_text(b, moderate_answers_url(rq, s, f, f->page + 1, NULL));
		html_lit(b, "\">");
		html_text(b, _("Older answers"));
		html_lit(b, "</a></li>\n");
	}
	html_lit(b, "</ul></nav>\n");
}

void answers_page(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
		  const struct survey *s, const struct fields *fs, const struct filters *f,
		  const struct form_error *err)
{
	const char *path = arena_printf(rq->a, "/admin/answers/%s", s->id);
	struct page_ctx p = {rq->lang, path, _("Written answers")};
	struct html *b = html_over(&rs->body);
	struct theme_places tp;
	struct found fd;
	long pages;

	if (moderate_redactor(app) == NULL) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (f->too_long) {
		web_error(app, rq, rs, 400);
		return;
	}
	if (places_load(app, rq, s, &tp) != 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (answers_find(app, rq, ad, s, fs, f, &tp, &fd) != 0) {
		web_error(app, rq, rs, 503);
		places_release(s, &tp);
		return;
	}
	pages = (long)((fd.total + ANSWERS_PER_PAGE - 1) / ANSWERS_PER_PAGE);
	if (err != NULL) {
		rs->status = 422;
		p.title = arena_printf(rq->a, "%s: %s", _("Error"), _("Written answers"));
	}
	resp_html(rs);
	page_top(rq, b, ad, s, err, &p);
	filter_form(rq, b, s, fs, f, tp.views, path);
	count_line(rq, b, f, &fd, pages, path);
	html_lit(b, "<ol class=\"answers\">\n");
	for (size_t n = 0; n < fd.nshow; n++)
		moderate_card(app, rq, b, ad, s, fs, f, &tp, &fd.v[fd.show[n]], err);
	html_lit(b, "</ol>\n");
	if (ad->officer && f->theme_q != NULL && fd.nshow > 0)
		split_form(app, rq, b, ad, s, f);
	if (fd.nshow == 0) {
		html_lit(b, "<p>");
		html_text(b, _("No written answers match."));
		html_lit(b, "</p>\n");
	}
	if (pages > 1)
		pagination(rq, b, s, f, pages);
	page_end(b, &p);
	places_release(s, &tp);
}
