/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * journey: a resident's way through a survey, page by page: /s/<id> (the
 * first shown page), /s/<id>/<page-id>, /s/<id>/check (check your answers
 * and send), /s/<id>/done (receipt), save and resume (/resume/<code>), and
 * invitation codes. Progress lives server-side in a partial save keyed by
 * the hash of a session cookie, so the resident can leave and come back on
 * another device with a resume code. Every form carries an anti-forgery
 * token derived from the session (HMAC under the server key); the final
 * send carries a one-time submission id so a replayed POST is answered with
 * the first receipt. The response is stored in one transaction, and the
 * receipt is shown only after COMMIT.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/i18n.h"
#include "core/log.h"
#include "core/mail.h"
#include "geo/geo.h"
#include "render/form.h"
#include "render/html.h"
#include "render/page.h"
#include "store/responses.h"
#include "store/saves.h"
#include "survey/answer.h"
#include "web/handlers.h"
#include "web/journey.h"
#include "web/session.h"

#define SID_HEX 32
#define PARTIAL_MAX_JSON (2 * 1024 * 1024)
#define PARTIAL_MAX_FIELDS 5000
/* The receipt cookie lives long enough to reach the receipt page, and is
 * cleared once that page has been shown. */
#define DONE_COOKIE_SECONDS 600
#define YV_STR2(x) #x
#define YV_STR(x) YV_STR2(x)

struct journey {
	struct app *app;
	struct req *rq;
	struct resp *rs;
	const struct survey *s;
	struct session sess;
	/* The partial save of this session, if any. */
	int have_partial;
	long long partial_id;
	size_t page_index;
	long long invitation_id; /* 0: none */
	const char *email;       /* NULL: none given */
	long long started;       /* when the partial save was created (Unix time) */
	struct http_params saved;
	/* Officers' preview (officer.c): pages post back to the preview, with
	 * the officer's token, and nothing is stored. NULL for residents. */
	const char *preview_csrf;
};

/* ---------- session, anti-forgery token (session.h) ---------- */

static void session_start(struct journey *j)
{
	session_ensure(j->app, j->rq, j->rs, &j->sess);
}

static const char *csrf_token(struct journey *j)
{
	return session_csrf(j->app, j->rq, &j->sess);
}

static int csrf_ok(struct journey *j)
{
	return session_csrf_ok(j->app, j->rq, &j->sess);
}

/* A page with a heading and one paragraph, and a link. */
static void message_page(struct journey *j, int status, const char *title, const char *text,
                         const char *link, const char *link_text)
{
	struct page_ctx p = {j->rq->lang, j->rq->path, title};
	struct buf *b = &j->rs->body;

	resp_html(j->rs);
	j->rs->status = status;
	page_begin(b, &p);
	html_lit(b, "<h1>");
	html_text(b, title);
	html_lit(b, "</h1>\n<p>");
	html_text(b, text);
	html_lit(b, "</p>\n");
	if (link != NULL) {
		html_lit(b, "<p><a href=\"");
		html_text(b, link);
		html_lit(b, "\">");
		html_text(b, link_text);
		html_lit(b, "</a></p>\n");
	}
	page_end(b, &p);
}

static void expired_form(struct journey *j)
{
	const char *back = arena_printf(j->rq->a, "/s/%s", j->s->id);

	message_page(j, 403, _("Your form has expired"),
	             _("For your security, this form can only be sent from the page it came from, with cookies turned on. Go back to the consultation and try again: the answers you saved are kept."),
	             back, _("Go to the consultation"));
}

/* ---------- partial saves ---------- */

static enum http_err params_from_json(struct arena *a, const char *text, struct http_params *out)
{
	json_error_t err;
	json_t *root = json_loads(text, 0, &err), *arr;
	const char *key;
	enum http_err e = HTTP_OK;

	memset(out, 0, sizeof(*out));
	if (root == NULL || !json_is_object(root)) {
		json_decref(root);
		return HTTP_ERR_ENCODING;
	}
	json_object_foreach(root, key, arr)
	{
		size_t i;
		json_t *v;

		if (!json_is_array(arr))
			continue;
		json_array_foreach(arr, i, v)
		{
			if (json_is_string(v) && e == HTTP_OK)
				e = http_params_add(a, out, PARTIAL_MAX_FIELDS, key, json_string_value(v));
		}
	}
	json_decref(root);
	return e;
}

static char *params_to_json(struct arena *a, const struct http_params *p)
{
	json_t *root = json_object();
	char *text, *copy = NULL;

	for (size_t i = 0; i < p->n; i++) {
		json_t *arr = json_object_get(root, p->v[i].name);

		if (arr == NULL) {
			arr = json_array();
			json_object_set_new(root, p->v[i].name, arr);
		}
		json_array_append_new(arr, json_string(p->v[i].value));
	}
	text = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	if (text != NULL && strlen(text) <= PARTIAL_MAX_JSON)
		copy = arena_strdup(a, text);
	free(text);
	return copy;
}

/* Load this session's partial save for the survey. STORE_OK even if none. */
static enum store_err partial_load(struct journey *j)
{
	struct saves_row row;
	enum store_err e;

	j->have_partial = 0;
	memset(&j->saved, 0, sizeof(j->saved));
	e = saves_get(&j->app->store, j->rq->a, j->s->id, j->sess.hash, &row);
	if (e == STORE_NOT_FOUND)
		return STORE_OK;
	if (e != STORE_OK)
		return e;
	j->have_partial = 1;
	j->partial_id = row.id;
	if (params_from_json(j->rq->a, row.answers, &j->saved) != HTTP_OK)
		memset(&j->saved, 0, sizeof(j->saved));
	j->page_index = row.page_index;
	j->invitation_id = row.invitation_id;
	j->email = row.email;
	j->started = row.created;
	return STORE_OK;
}

/* Write j->saved and j->page_index, creating the partial save if needed. */
static enum store_err partial_store(struct journey *j)
{
	const char *json = params_to_json(j->rq->a, &j->saved);
	const char *lang = survey_lang_code(j->rq->lang);
	enum store_err e;

	if (json == NULL)
		return STORE_ERROR;
	if (j->have_partial)
		return saves_update(&j->app->store, j->partial_id, json, j->page_index, lang,
		                    j->app->cfg.partial_days);
	{
		/* The resume code is made when the resident asks for one; until
		 * then the row holds the hash of a code nobody knows. */
		char unknown[65], hash[65];
		long long id = 0;
		struct saves_new n = {.survey_id = j->s->id,
		                      .session_hash = j->sess.hash,
		                      .resume_hash = hash,
		                      .lang = lang,
		                      .answers = json,
		                      .page_index = j->page_index,
		                      .invitation_id = j->invitation_id,
		                      .days = j->app->cfg.partial_days};

		token_hex(unknown, 32);
		token_sha256(unknown, hash);
		e = saves_insert(&j->app->store, &n, &id);
		if (e == STORE_OK) {
			j->have_partial = 1;
			j->partial_id = id;
		}
		return e;
	}
}

/* ---------- answers ---------- */

/* Does field name belong to question qid (qid itself or qid.<part>)? */
static int field_of(const char *name, const char *qid)
{
	size_t n = strlen(qid);

	return strncmp(name, qid, n) == 0 && (name[n] == '\0' || name[n] == '.');
}

static const struct survey_question *question_of_field(const struct survey *s, const char *name)
{
	for (size_t p = 0; p < s->npages; p++)
		for (size_t k = 0; k < s->pages[p].nquestions; k++)
			if (field_of(name, s->pages[p].questions[k].id))
				return &s->pages[p].questions[k];
	return NULL;
}

/* Gather the answer of q from params, in the shape answer.h expects. */
static void collect_one(struct arena *a, const struct http_params *params,
                        const struct survey_question *q, struct survey_answer *ans,
                        const char **other)
{
	const char **v = NULL;
	size_t n = 0, want;

	ans->qid = q->id;
	ans->values = NULL;
	ans->n = 0;
	*other = NULL;
	switch (q->type) {
	case SQ_RANKING:
	case SQ_BUDGET:
	case SQ_DATE: {
		static const char *const dparts[] = {"day", "month", "year"};
		int any = 0;

		if (q->type == SQ_RANKING)
			want = q->nchoices;
		else if (q->type == SQ_DATE)
			want = 3;
		else
			want = q->budget->nlines + (q->budget->has_council_tax ? 1 : 0);
		v = arena_calloc(a, want + 1, sizeof(*v));
		if (v == NULL)
			return;
		for (size_t i = 0; i < want; i++) {
			const char *suffix, *name, *val;

			if (q->type == SQ_RANKING)
				suffix = q->choices[i].value;
			else if (q->type == SQ_DATE)
				suffix = dparts[i];
			else
				suffix = i < q->budget->nlines ? q->budget->lines[i].id : "council-tax";
			name = arena_printf(a, "%s.%s", q->id, suffix);
			val = name ? http_param_get(params, name) : NULL;
			v[i] = val ? val : "";
			if (val != NULL && val[0] != '\0')
				any = 1;
		}
		n = any ? want : 0;
		break;
	}
	default: {
		size_t cnt = http_param_count(params, q->id);

		v = arena_calloc(a, cnt + 1, sizeof(*v));
		if (v == NULL)
			return;
		for (size_t i = 0; i < params->n; i++)
			if (strcmp(params->v[i].name, q->id) == 0 && params->v[i].value[0] != '\0')
				v[n++] = params->v[i].value;
		if (q->other != NULL) {
			const char *name = arena_printf(a, "%s.other", q->id);

			*other = name ? http_param_get(params, name) : NULL;
		}
		break;
	}
	}
	ans->values = v;
	ans->n = n;
}

struct all_answers {
	size_t nq;
	const struct survey_question **q;
	struct survey_answer *v;
	const char **other;
	struct survey_answers set;
};

/* Every question's answer from params, in survey order. -1 if out of memory. */
static int collect_all(struct arena *a, const struct survey *s, const struct http_params *params,
                       struct all_answers *out)
{
	size_t n = 0, i = 0;

	for (size_t p = 0; p < s->npages; p++)
		n += s->pages[p].nquestions;
	out->nq = n;
	out->q = arena_calloc(a, n + 1, sizeof(*out->q));
	out->v = arena_calloc(a, n + 1, sizeof(*out->v));
	out->other = arena_calloc(a, n + 1, sizeof(*out->other));
	if (out->q == NULL || out->v == NULL || out->other == NULL)
		return -1;
	for (size_t p = 0; p < s->npages; p++)
		for (size_t k = 0; k < s->pages[p].nquestions; k++, i++) {
			out->q[i] = &s->pages[p].questions[k];
			collect_one(a, params, out->q[i], &out->v[i], &out->other[i]);
		}
	out->set.v = out->v;
	out->set.n = n;
	return 0;
}

/* The rows to store for one answered question. */
static size_t rows_for(struct arena *a, const struct survey_question *q,
                       const struct survey_answer *ans, const char *other, struct responses_answer *out,
                       size_t max)
{
	size_t k = 0;

	if (ans->n == 0)
		return 0;
	switch (q->type) {
	case SQ_RANKING:
		for (size_t i = 0; i < ans->n && k < max; i++)
			if (ans->values[i][0] != '\0')
				out[k++] = (struct responses_answer){arena_printf(a, "%s.%s", q->id, q->choices[i].value), 0,
				                           ans->values[i]};
		return k;
	case SQ_BUDGET:
		for (size_t i = 0; i < ans->n && k < max; i++)
			out[k++] = (struct responses_answer){
			        arena_printf(a, "%s.%s", q->id,
			                     i < q->budget->nlines ? q->budget->lines[i].id : "council-tax"),
			        0, ans->values[i][0] ? ans->values[i] : "0"};
		return k;
	case SQ_DATE: {
		int d = (int)strtol(ans->values[0], NULL, 10), m = (int)strtol(ans->values[1], NULL, 10),
		    y = (int)strtol(ans->values[2], NULL, 10);

		out[k++] = (struct responses_answer){q->id, 0, arena_printf(a, "%04d-%02d-%02d", y, m, d)};
		return k;
	}
	default:
		for (size_t i = 0; i < ans->n && k < max; i++)
			out[k++] = (struct responses_answer){q->id, (unsigned)i, ans->values[i]};
		if (q->other != NULL && other != NULL && other[0] != '\0' && k < max)
			out[k++] = (struct responses_answer){arena_printf(a, "%s.other", q->id), 0, other};
		return k;
	}
}

/* ---------- pages ---------- */

static size_t page_index_of(const struct survey *s, const struct survey_page *pg)
{
	return (size_t)(pg - s->pages);
}

static const char *page_path(struct journey *j, size_t idx)
{
	if (j->preview_csrf != NULL)
		return idx >= j->s->npages
		               ? arena_printf(j->rq->a, "/admin/preview/%s", j->s->id)
		               : arena_printf(j->rq->a, "/admin/preview/%s/%s", j->s->id, j->s->pages[idx].id);
	if (idx >= j->s->npages)
		return arena_printf(j->rq->a, "/s/%s/check", j->s->id);
	return arena_printf(j->rq->a, "/s/%s/%s", j->s->id, j->s->pages[idx].id);
}

static void redirect(struct resp *rs, const char *to)
{
	rs->status = 303;
	resp_header(rs, "Location", to ? to : "/");
	rs->content_type = "text/plain; charset=utf-8";
}

/* The shown page before idx, or (size_t)-1. */
static size_t prev_page(struct journey *j, size_t idx, const struct survey_answers *a)
{
	while (idx-- > 0)
		if (survey_page_shown(&j->s->pages[idx], a))
			return idx;
	return (size_t)-1;
}

static void hidden_fields(struct journey *j, struct buf *b)
{
	html_lit(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, j->preview_csrf ? j->preview_csrf : csrf_token(j));
	html_lit(b, "\">\n<input type=\"hidden\" name=\"lang\" value=\"");
	html_text(b, survey_lang_code(j->rq->lang));
	html_lit(b, "\">\n");
}

static void caption(struct journey *j, struct buf *b)
{
	html_lit(b, "<span class=\"caption\">");
	html_text(b, survey_text_get(&j->s->title, j->rq->lang));
	html_lit(b, "</span>\n");
}

/*
 * One page of the survey: values are what to show in the inputs (saved or
 * just posted), errors[k] the message for question k of the page or NULL.
 */
static void render_page(struct journey *j, size_t idx, const struct http_params *values,
                        const char **errors)
{
	const struct survey *s = j->s;
	const struct survey_page *pg = &s->pages[idx];
	enum yv_lang lang = j->rq->lang;
	struct all_answers all;
	const char *heading = survey_text_get(&pg->heading, lang);
	const char *title = heading[0] ? heading : survey_text_get(&s->title, lang);
	const char *self = page_path(j, idx);
	struct page_ctx p = {lang, self ? self : "/", title};
	struct buf *b = &j->rs->body;
	size_t nerr = 0, shown = 0, pos = 0, prev;

	if (collect_all(j->rq->a, s, values, &all) != 0) {
		web_error(j->app, j->rq, j->rs, 413);
		return;
	}
	for (size_t k = 0; errors && k < pg->nquestions; k++)
		nerr += errors[k] != NULL;
	for (size_t i = 0; i < s->npages; i++) {
		if (!survey_page_shown(&s->pages[i], &all.set) && i != idx)
			continue;
		shown++;
		if (i <= idx)
			pos = shown;
	}
	if (nerr > 0)
		p.title = arena_printf(j->rq->a, "%s: %s", _("Error"), title);
	resp_html(j->rs);
	page_begin(b, &p);
	if (j->preview_csrf != NULL) {
		html_lit(b, "<div class=\"notice notice-preview\" role=\"note\"><p><strong>");
		html_text(b, _("Preview"));
		html_lit(b, "</strong> ");
		html_text(b, _("This is how residents see this page. Nothing you enter here is stored."));
		html_lit(b, " <a href=\"/admin\">");
		html_text(b, _("Back to the officers' pages"));
		html_lit(b, "</a></p></div>\n");
	}
	prev = prev_page(j, idx, &all.set);
	if (prev != (size_t)-1)
		page_back_link(b, page_path(j, prev));
	if (nerr > 0) {
		page_errors_begin(b);
		for (size_t k = 0; k < pg->nquestions; k++)
			if (errors[k] != NULL)
				page_error_item(b, arena_printf(j->rq->a, "#q-%s", pg->questions[k].id), NULL,
				                errors[k]);
		page_errors_end(b);
	}
	caption(j, b);
	html_lit(b, "<h1>");
	html_text(b, title);
	html_lit(b, "</h1>\n<p class=\"progress\">");
	buf_printf(b, _("Step %zu of %zu"), pos, shown);
	html_lit(b, "</p>\n");
	if (idx == survey_next_page(s, 0, &all.set)) {
		html_lit(b, "<p class=\"lead\">");
		html_text(b, survey_text_get(&s->summary, lang));
		html_lit(b, "</p>\n");
	}
	if (survey_text_get(&pg->intro, lang)[0] != '\0') {
		html_lit(b, "<p>");
		html_text(b, survey_text_get(&pg->intro, lang));
		html_lit(b, "</p>\n");
	}
	html_lit(b, "<form method=\"post\" action=\"");
	html_text(b, self);
	html_lit(b, "\" novalidate>\n");
	hidden_fields(j, b);
	if (idx == survey_next_page(s, 0, &all.set) && s->access == SURVEY_ANONYMOUS &&
	    j->preview_csrf == NULL) {
		html_lit(b, "<div class=\"hp\" aria-hidden=\"true\"><label for=\"f-website\">");
		html_text(b, _("Leave this empty"));
		html_lit(b, "</label> <input type=\"text\" name=\"website\" id=\"f-website\" tabindex=\"-1\" autocomplete=\"off\"></div>\n");
	}
	for (size_t k = 0; k < pg->nquestions; k++) {
		const struct survey_question *q = &pg->questions[k];

		/* A question hidden by an answer on an earlier page is left out;
		 * one that depends on this page is shown, and counts only when its
		 * condition holds (answer.h). */
		if (q->cond != NULL && !survey_question_shown(s, q, &all.set) && !errors)
			continue;
		form_question(b, j->rq->a, q, lang, values, errors ? errors[k] : NULL);
	}
	html_lit(b, "<div class=\"button-group\">\n<button type=\"submit\" class=\"button\" name=\"action\" value=\"continue\">");
	html_text(b, _("Continue"));
	html_lit(b, "</button>\n");
	if (j->preview_csrf == NULL) {
		html_lit(b, "<button type=\"submit\" class=\"button button-secondary\" name=\"action\" value=\"save\">");
		html_text(b, _("Save and come back later"));
		html_lit(b, "</button>\n");
	}
	html_lit(b, "</div>\n</form>\n");
	page_end(b, &p);
}

/* Closed, not yet open, or by invitation: 0 when the journey may go on. */
static int gate(struct journey *j)
{
	enum survey_state st = survey_state_at(j->s, time(NULL));
	struct buf *b = &j->rs->body;

	if (st != SURVEY_OPEN) {
		const char *path = arena_printf(j->rq->a, "/s/%s", j->s->id);
		struct page_ctx p = {j->rq->lang, path ? path : "/", survey_text_get(&j->s->title, j->rq->lang)};

		resp_html(j->rs);
		j->rs->status = j->rq->method == M_POST ? 403 : 200;
		page_begin(b, &p);
		html_lit(b, "<h1>");
		html_text(b, survey_text_get(&j->s->title, j->rq->lang));
		html_lit(b, "</h1>\n<p class=\"notice\">");
		if (st == SURVEY_NOT_YET_OPEN) {
			html_text(b, _("This consultation is not open yet. It opens on"));
			html_lit(b, " ");
			page_datetime(b, j->s->opens_at, j->rq->lang);
		} else {
			html_text(b, _("This consultation closed on"));
			html_lit(b, " ");
			page_datetime(b, j->s->closes_at, j->rq->lang);
			html_lit(b, ". ");
			html_text(b, _("Results are due on"));
			html_lit(b, " ");
			page_datetime(b, j->s->results_at, j->rq->lang);
		}
		html_lit(b, ".</p>\n");
		page_end(b, &p);
		return -1;
	}
	return 0;
}

static void unavailable(struct journey *j)
{
	web_error(j->app, j->rq, j->rs, 503);
}

static void invitation_form(struct journey *j, const char *error, const char *typed)
{
	const char *path = arena_printf(j->rq->a, "/s/%s", j->s->id);
	const char *title = survey_text_get(&j->s->title, j->rq->lang);
	struct page_ctx p = {j->rq->lang, path ? path : "/", title};
	struct buf *b = &j->rs->body;

	resp_html(j->rs);
	if (error != NULL) {
		j->rs->status = 422;
		p.title = arena_printf(j->rq->a, "%s: %s", _("Error"), title);
	}
	page_begin(b, &p);
	if (error != NULL) {
		page_errors_begin(b);
		page_error_item(b, "#f-invitation", NULL, error);
		page_errors_end(b);
	}
	caption(j, b);
	html_lit(b, "<h1>");
	html_text(b, _("Enter your invitation code"));
	html_lit(b, "</h1>\n<p>");
	html_text(b, survey_text_get(&j->s->summary, j->rq->lang));
	html_lit(b, "</p>\n<form method=\"post\" action=\"/s/");
	html_urlpart(b, j->s->id);
	html_lit(b, "/invitation\" novalidate>\n");
	hidden_fields(j, b);
	html_lit(b, "<div class=\"question");
	if (error != NULL)
		html_lit(b, " question-error");
	html_lit(b, "\">\n<label class=\"question-label\" for=\"f-invitation\">");
	html_text(b, _("Invitation code"));
	html_lit(b, "</label>\n<div class=\"hint\" id=\"hint-invitation\">");
	html_text(b, _("It is on the letter or email we sent you, for example ABCD-EFGH-JKMN."));
	html_lit(b, "</div>\n");
	if (error != NULL) {
		html_lit(b, "<p class=\"error-message\" id=\"error-invitation\"><span class=\"visually-hidden\">");
		html_text(b, _("Error:"));
		html_lit(b, "</span> ");
		html_text(b, error);
		html_lit(b, "</p>\n");
	}
	html_lit(b, "<input type=\"text\" name=\"code\" id=\"f-invitation\" autocomplete=\"off\" spellcheck=\"false\" value=\"");
	html_text(b, typed ? typed : "");
	html_lit(b, "\" aria-describedby=\"hint-invitation");
	if (error != NULL)
		html_lit(b, " error-invitation");
	html_lit(b, "\">\n</div>\n<button type=\"submit\" class=\"button\">");
	html_text(b, _("Continue"));
	html_lit(b, "</button>\n</form>\n");
	page_end(b, &p);
}

/* One response per browser, when the survey asks for it: a long-lived
 * cookie scoped to the survey's path marks a browser that has sent one. */
static const char *sent_cookie_name(struct journey *j)
{
	return arena_printf(j->rq->a, "yv_sent_%s", j->s->id);
}

/* Start or continue the journey: session, partial save, invitation. 0 to go on. */
static int journey_open(struct journey *j, int for_post)
{
	if (gate(j) != 0)
		return -1;
	if (j->s->once_per == SURVEY_ONCE_BROWSER &&
	    http_param_get(&j->rq->cookies, sent_cookie_name(j)) != NULL) {
		message_page(j, 200, _("You have already responded"),
		             _("A response to this consultation has already been sent from this browser. To see, download or withdraw it, use your receipt code."),
		             "/my-response", _("See, download or withdraw your response"));
		return -1;
	}
	if (for_post) {
		if (!csrf_ok(j)) {
			expired_form(j);
			return -1;
		}
	} else {
		session_start(j);
	}
	/* A session started by this very request cannot have saved anything. */
	if (http_param_get(&j->rq->cookies, "yv_s") != NULL && partial_load(j) != STORE_OK) {
		unavailable(j);
		return -1;
	}
	if (j->s->access == SURVEY_INVITATION && j->invitation_id == 0) {
		invitation_form(j, NULL, NULL);
		j->rs->status = 200;
		return -1;
	}
	return 0;
}

/* An answer error that Continue refuses and a save must refuse too: any
 * value that is too long, too many, not one of the question's own or not
 * in its format (which also bounds its length). What is merely missing or
 * unfinished may be saved, to be completed later. */
static int limit_error(enum survey_answer_err e)
{
	switch (e) {
	case SA_OK:
	case SA_REQUIRED:
	case SA_TOO_FEW:
	case SA_OTHER_MISSING:
	case SA_RANKING_INCOMPLETE:
	case SA_BUDGET_INCOMPLETE:
	case SA_BUDGET_TARGET_MISSED:
		return 0;
	default:
		return 1;
	}
}

/*
 * Check page idx; errors[k] gets the message for question k of the page.
 * For Continue (save 0): the questions shown, every error. For a save
 * (save 1): every question of the page (shown or not, since a save keeps
 * them all), only the errors of limit_error(), so that a save is held to
 * exactly the limits of Continue. Returns how many failed.
 */
static size_t check_page(struct req *rq, const struct survey *s, size_t idx,
                         const struct all_answers *all, const char **errors, int save)
{
	size_t nerr = 0;

	for (size_t k = 0; k < s->pages[idx].nquestions; k++) {
		const struct survey_question *q = &s->pages[idx].questions[k];
		struct survey_answer_detail det;
		enum survey_answer_err ae;
		size_t qi = 0;

		while (qi < all->nq && all->q[qi] != q)
			qi++;
		if (save ? qi >= all->nq : !survey_question_shown(s, q, &all->set))
			continue;
		ae = survey_answer_check(q, all->v[qi].values, all->v[qi].n, all->other[qi], &det);
		if (ae != SA_OK && (!save || limit_error(ae))) {
			errors[k] = form_error_message(rq->a, q, ae, &det, rq->lang);
			nerr++;
		}
	}
	return nerr;
}

void handle_page_get(struct app *app, struct req *rq, struct resp *rs, const struct survey *s,
                     const struct survey_page *pg)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs, .s = s};
	struct all_answers all;
	size_t idx;

	if (journey_open(&j, 0) != 0)
		return;
	if (collect_all(rq->a, s, &j.saved, &all) != 0) {
		web_error(app, rq, rs, 413);
		return;
	}
	if (pg == NULL) {
		idx = survey_next_page(s, 0, &all.set);
	} else {
		idx = page_index_of(s, pg);
		/* A page hidden by earlier answers is skipped. */
		if (!survey_page_shown(pg, &all.set)) {
			redirect(rs, page_path(&j, survey_next_page(s, idx, &all.set)));
			return;
		}
	}
	if (idx >= s->npages) {
		redirect(rs, page_path(&j, idx));
		return;
	}
	render_page(&j, idx, &j.saved, NULL);
}

/* Replace the saved fields of page idx's questions with the posted ones. */
static int merge_page(struct journey *j, size_t idx)
{
	struct http_params merged = {0};

	for (size_t i = 0; i < j->saved.n; i++) {
		const struct survey_question *q = question_of_field(j->s, j->saved.v[i].name);

		/* Fields starting with '_' are the service's own notes (flags). */
		if (j->saved.v[i].name[0] != '_' && (q == NULL || q->page_index == idx))
			continue;
		if (http_params_add(j->rq->a, &merged, PARTIAL_MAX_FIELDS, j->saved.v[i].name,
		                    j->saved.v[i].value) != HTTP_OK)
			return -1;
	}
	for (size_t i = 0; i < j->rq->form.n; i++) {
		const struct survey_question *q = question_of_field(j->s, j->rq->form.v[i].name);

		if (q == NULL || q->page_index != idx || j->rq->form.v[i].value[0] == '\0')
			continue;
		if (http_params_add(j->rq->a, &merged, PARTIAL_MAX_FIELDS, j->rq->form.v[i].name,
		                    j->rq->form.v[i].value) != HTTP_OK)
			return -1;
	}
	j->saved = merged;
	return 0;
}

static void save_page(struct journey *j);

void handle_page_post(struct app *app, struct req *rq, struct resp *rs, const struct survey *s,
                      const struct survey_page *pg)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs, .s = s};
	const char *action = http_param_get(&rq->form, "action");
	struct all_answers all;
	const char **errors;
	size_t idx, nerr = 0;

	if (journey_open(&j, 1) != 0)
		return;
	if (pg == NULL) {
		struct all_answers saved;

		if (collect_all(rq->a, s, &j.saved, &saved) != 0) {
			web_error(app, rq, rs, 413);
			return;
		}
		idx = survey_next_page(s, 0, &saved.set);
		if (idx >= s->npages) {
			redirect(rs, page_path(&j, idx));
			return;
		}
	} else {
		idx = page_index_of(s, pg);
	}
	if (merge_page(&j, idx) != 0) {
		web_error(app, rq, rs, 413);
		return;
	}
	/* A robot fills the field people never see: noted, and the response
	 * flagged for officers rather than refused. */
	{
		const char *hp = http_param_get(&rq->form, "website");

		if (hp != NULL && hp[0] != '\0' && http_param_get(&j.saved, "_flag") == NULL)
			http_params_add(rq->a, &j.saved, PARTIAL_MAX_FIELDS, "_flag", "honeypot");
	}
	if (action != NULL && strcmp(action, "save") == 0) {
		/* Save what was typed, complete or not, and give a resume code;
		 * but within the limits of Continue (length, number of values,
		 * options that exist, formats), or a save would store what a send
		 * refuses. */
		if (collect_all(rq->a, s, &j.saved, &all) != 0) {
			web_error(app, rq, rs, 413);
			return;
		}
		errors = arena_calloc(rq->a, s->pages[idx].nquestions + 1, sizeof(*errors));
		if (errors == NULL) {
			web_error(app, rq, rs, 413);
			return;
		}
		if (check_page(rq, s, idx, &all, errors, 1) > 0) {
			render_page(&j, idx, &rq->form, errors);
			rs->status = 422;
			return;
		}
		if (j.page_index < idx)
			j.page_index = idx;
		if (partial_store(&j) != STORE_OK) {
			unavailable(&j);
			return;
		}
		save_page(&j);
		return;
	}
	if (collect_all(rq->a, s, &j.saved, &all) != 0) {
		web_error(app, rq, rs, 413);
		return;
	}
	errors = arena_calloc(rq->a, s->pages[idx].nquestions + 1, sizeof(*errors));
	if (errors == NULL) {
		web_error(app, rq, rs, 413);
		return;
	}
	nerr = check_page(rq, s, idx, &all, errors, 0);
	if (nerr > 0) {
		render_page(&j, idx, &rq->form, errors);
		rs->status = 422;
		return;
	}
	{
		size_t next = survey_next_page(s, idx + 1, &all.set);

		if (j.page_index < next)
			j.page_index = next;
		if (partial_store(&j) != STORE_OK) {
			/* Keep what the resident typed: the same page, with a banner. */
			render_page(&j, idx, &rq->form, NULL);
			rs->status = 503;
			resp_header(rs, "Retry-After", "30");
			return;
		}
		redirect(rs, page_path(&j, next));
	}
}

/* ---------- save and resume ---------- */

/*
 * A resume code is shown once, stored only as a keyed hash (token.h) and
 * works once: using it binds the save to the browser and gives a new
 * code. It never appears in a URL path that a log records: links carry
 * it in the query string (the nginx log formats record the path only),
 * and /resume/<code> (the older form of the link) only shows the
 * confirmation form, whose POST carries the code in its body.
 */
#define RESUME_WINDOW_SECONDS 3600
#define RESUME_EMAIL_MAX 254

/* The link to the confirmation form of a code. */
static const char *resume_link(struct journey *j, const char *code)
{
	return arena_printf(j->rq->a, "%s/resume?code=%s", j->app->cfg.public_url, code);
}

/*
 * May one more resume email go to email from this network? Limits per
 * network and per address (a keyed hash of its lower-case form).
 * 1 yes, 0 no, -1 database error.
 */
static int resume_mail_allowed(struct journey *j, const char *email)
{
	char key[65], low[RESUME_EMAIL_MAX + 1];
	size_t n = 0;
	int rc;

	for (; email[n] != '\0' && n < RESUME_EMAIL_MAX; n++)
		low[n] = (email[n] >= 'A' && email[n] <= 'Z') ? (char)(email[n] - 'A' + 'a') : email[n];
	low[n] = '\0';
	rc = web_rate_limit(j->app, j->rq, j->rs, "resume-mail", (unsigned)j->app->cfg.resume_mail_per_hour,
	                    RESUME_WINDOW_SECONDS);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	token_sign(j->app->key, arena_printf(j->rq->a, "resume mail to:%s", low), key);
	rc = web_count_hit(j->app, j->rs, key, "resume-mail-to", (unsigned)j->app->cfg.resume_mail_per_hour,
	                   RESUME_WINDOW_SECONDS);
	return rc < 0 ? -1 : !rc;
}

/* Email code to `to` in the language lang ("en"/"cy"). 0 sent, -1 not. */
static int resume_mail_send(struct journey *j, const char *to, const char *lang, const char *code)
{
	int l = survey_lang_parse(lang ? lang : "");
	enum yv_lang yl = l < 0 ? j->rq->lang : (enum yv_lang)l;
	const char *subject, *body;
	int rc;

	i18n_use(survey_lang_code(yl));
	subject = arena_printf(j->rq->a, "%s: %s", _("Your saved answers"), survey_text_get(&j->s->title, yl));
	body = arena_printf(j->rq->a, "%s\n\n%s\n\n%s %s\n\n%s\n", _("To carry on answering, go to:"),
	                    resume_link(j, code), _("Your resume code is"), code,
	                    _("The code works once: when you use it, we give you a new one."));
	i18n_use(survey_lang_code(j->rq->lang));
	if (subject == NULL || body == NULL)
		return -1;
	rc = mail_send(j->app->cfg.sendmail, j->app->cfg.mail_from, to, subject, body);
	return rc == 0 ? 0 : -1;
}

/* The new code of a save, its link, and how long saves are kept. */
static void resume_code_block(struct journey *j, struct buf *b, const char *code)
{
	const char *link = resume_link(j, code);

	html_lit(b, "<p>");
	html_text(b, _("Your resume code is"));
	html_lit(b, "<br><strong class=\"receipt\" id=\"resume-code\">");
	html_text(b, code);
	html_lit(b, "</strong></p>\n<p>");
	html_text(b, _("To carry on, on this or another device, go to this link or type the code at"));
	html_lit(b, " <a href=\"/resume\">/resume</a>:</p>\n<p><a id=\"resume-link\" href=\"/resume?code=");
	html_urlpart(b, code);
	html_lit(b, "\">");
	html_text(b, link);
	html_lit(b, "</a></p>\n<p>");
	html_text(b, _("The code works once: when you use it, we give you a new one."));
	html_lit(b, " ");
	buf_printf(b, _("We keep unfinished answers for %d days after you last saved them."),
	           j->app->cfg.partial_days);
	html_lit(b, "</p>\n");
}

/* The form that emails the link with code to an address the resident types
 * now (never one stored before: see resume_with). Nothing without a
 * configured sendmail. */
static void resume_email_form(struct journey *j, struct buf *b, const char *code)
{
	if (j->app->cfg.sendmail[0] == '\0')
		return;
	html_lit(b, "<h2>");
	html_text(b, _("Email me the link"));
	html_lit(b, "</h2>\n<form method=\"post\" action=\"/s/");
	html_urlpart(b, j->s->id);
	html_lit(b, "/save\" novalidate>\n");
	hidden_fields(j, b);
	html_lit(b, "<input type=\"hidden\" name=\"code\" value=\"");
	html_text(b, code);
	html_lit(b, "\">\n<div class=\"question\">\n<label class=\"question-label\" for=\"f-email\">");
	html_text(b, _("Email address"));
	html_lit(b, " <span class=\"optional\">(");
	html_text(b, _("optional"));
	html_lit(b, ")</span></label>\n<div class=\"hint\" id=\"hint-email\">");
	html_text(b, _("We will only use it to send you this link and, when you send your response, your receipt."));
	html_lit(b, "</div>\n<input type=\"email\" name=\"email\" id=\"f-email\" autocomplete=\"email\" spellcheck=\"false\" aria-describedby=\"hint-email\">\n</div>\n<button type=\"submit\" class=\"button button-secondary\">");
	html_text(b, _("Send the link"));
	html_lit(b, "</button>\n</form>\n");
}

static void save_page(struct journey *j)
{
	char code[TOKEN_RECEIPT_LEN + 1], hash[65];
	const char *path = arena_printf(j->rq->a, "/s/%s", j->s->id);
	struct page_ctx p = {j->rq->lang, path ? path : "/", _("Your answers have been saved")};
	struct buf *b = &j->rs->body;

	token_receipt(code);
	token_code_hash(j->app->key, code, hash);
	if (saves_set_resume(&j->app->store, j->partial_id, hash) != STORE_OK) {
		unavailable(j);
		return;
	}
	resp_html(j->rs);
	page_begin(b, &p);
	caption(j, b);
	html_lit(b, "<h1>");
	html_text(b, _("Your answers have been saved"));
	html_lit(b, "</h1>\n");
	resume_code_block(j, b, code);
	resume_email_form(j, b, code);
	html_lit(b, "<p><a href=\"");
	html_text(b, page_path(j, j->page_index));
	html_lit(b, "\">");
	html_text(b, _("Carry on answering now"));
	html_lit(b, "</a></p>\n");
	page_end(b, &p);
}

void handle_save_email(struct app *app, struct req *rq, struct resp *rs, const struct survey *s)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs, .s = s};
	const char *code = http_param_get(&rq->form, "code");
	const char *email = http_param_get(&rq->form, "email");
	char norm[TOKEN_RECEIPT_LEN + 1], hash[65];
	struct saves_resume found;
	const char *back;
	int allowed;
	enum store_err e;

	if (journey_open(&j, 1) != 0)
		return;
	back = page_path(&j, j.page_index);
	if (!j.have_partial || code == NULL || strlen(code) > 40 || token_receipt_normalise(code, norm) != 0) {
		expired_form(&j);
		return;
	}
	token_code_hash(app->key, norm, hash);
	e = saves_by_resume(&app->store, rq->a, hash, &found);
	if (e != STORE_OK && e != STORE_NOT_FOUND) {
		unavailable(&j);
		return;
	}
	if (e == STORE_NOT_FOUND || found.id != j.partial_id) {
		expired_form(&j);
		return;
	}
	if (email == NULL || !survey_email_ok(email)) {
		message_page(&j, 422, _("Enter an email address in the right format, like name@example.com"),
		             _("Your answers are saved. Keep your resume code, or go back and type your email address again."),
		             back, _("Carry on answering now"));
		return;
	}
	allowed = resume_mail_allowed(&j, email);
	if (allowed < 0) {
		unavailable(&j);
		return;
	}
	if (allowed == 0) {
		message_page(&j, 429, _("We cannot send more emails just now"),
		             _("We have sent as many links as we can to this address, or from your network, for the moment. Your answers are saved: keep your resume code, or try again in an hour."),
		             back, _("Carry on answering now"));
		return;
	}
	if (saves_set_email(&app->store, j.partial_id, email) != STORE_OK) {
		unavailable(&j);
		return;
	}
	if (resume_mail_send(&j, email, survey_lang_code(rq->lang), norm) != 0) {
		message_page(&j, 503, _("Sorry, we could not send the email"),
		             _("Your answers are saved. Keep your resume code and try again later."), back,
		             _("Carry on answering now"));
		return;
	}
	message_page(&j, 200, _("We have sent you the link"),
	             _("Check your email. If it has not arrived in a few minutes, check your spam folder. Your resume code works too."),
	             back, _("Carry on answering now"));
}

/* The form that resumes with a code: prefilled when the code came in a
 * link. error: shown above it, or NULL. */
static void resume_form(struct journey *j, const char *code, const char *error)
{
	struct page_ctx p = {j->rq->lang, "/resume", _("Carry on with your saved answers")};
	struct buf *b = &j->rs->body;

	resp_html(j->rs);
	page_begin(b, &p);
	if (error != NULL) {
		page_errors_begin(b);
		page_error_item(b, "#f-code", NULL, error);
		page_errors_end(b);
	}
	html_lit(b, "<h1>");
	html_text(b, _("Carry on with your saved answers"));
	html_lit(b, "</h1>\n<p>");
	html_text(b, code != NULL && code[0] != '\0'
	                 ? _("Check the code, then press Continue to open these saved answers in this browser. Nothing changes until you do.")
	                 : _("Type the resume code you were given when you saved your answers."));
	html_lit(b, "</p>\n<form method=\"post\" action=\"/resume\" novalidate>\n");
	hidden_fields(j, b);
	html_lit(b, "<div class=\"question\">\n<label class=\"question-label\" for=\"f-code\">");
	html_text(b, _("Resume code"));
	html_lit(b, "</label>\n<div class=\"hint\" id=\"hint-code\">");
	html_text(b, _("You were given it when you saved your answers, for example ABCD-EFGH-JKMN."));
	html_lit(b, "</div>\n<input type=\"text\" name=\"code\" id=\"f-code\" autocomplete=\"off\" spellcheck=\"false\" maxlength=\"40\" aria-describedby=\"hint-code\" value=\"");
	if (code != NULL && strlen(code) <= 40)
		html_text(b, code);
	html_lit(b, "\">\n</div>\n<button type=\"submit\" class=\"button\">");
	html_text(b, _("Continue"));
	html_lit(b, "</button>\n</form>\n");
	page_end(b, &p);
}

/* Both this browser and the code hold a save of one survey: which to keep? */
static void resume_choice(struct journey *j, const char *code)
{
	struct page_ctx p = {j->rq->lang, "/resume", _("You already have saved answers in this browser")};
	struct buf *b = &j->rs->body;

	resp_html(j->rs);
	page_begin(b, &p);
	caption(j, b);
	html_lit(b, "<h1>");
	html_text(b, _("You already have saved answers in this browser"));
	html_lit(b, "</h1>\n<p>");
	html_text(b, _("This browser holds answers to this consultation, and the resume code opens another set. Only one set can be kept here. Which do you want to carry on with?"));
	html_lit(b, "</p>\n<form method=\"post\" action=\"/resume\" novalidate>\n");
	hidden_fields(j, b);
	html_lit(b, "<input type=\"hidden\" name=\"code\" value=\"");
	html_text(b, code);
	html_lit(b, "\">\n<button type=\"submit\" class=\"button\" name=\"keep\" value=\"mine\" id=\"keep-mine\">");
	html_text(b, _("Keep the answers in this browser"));
	html_lit(b, "</button>\n<button type=\"submit\" class=\"button button-secondary\" name=\"keep\" value=\"code\" id=\"keep-code\">");
	html_text(b, _("Use the answers saved under the code, and delete the ones in this browser"));
	html_lit(b, "</button>\n</form>\n");
	page_end(b, &p);
}

/*
 * POST /resume: check the code (limited per network and for all networks
 * together), ask which save to keep when this browser holds another, then
 * bind the save to this browser, retire the code and give a new one. The
 * new code is shown, never emailed, and the address stored with the save
 * is dropped: whoever planted a code with their own address must not be
 * sent the code to what this resident types next (issue 16). A resident
 * who wants it emailed saves again with their address.
 */
static void resume_with(struct app *app, struct req *rq, struct resp *rs, const char *typed)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs};
	const char *keep = http_param_get(&rq->form, "keep");
	char norm[TOKEN_RECEIPT_LEN + 1], hash[65], fresh[TOKEN_RECEIPT_LEN + 1], fresh_hash[65], all[65];
	struct page_ctx p = {rq->lang, "/resume", _("Your answers are open in this browser")};
	struct buf *b = &rs->body;
	struct saves_resume found;
	size_t page;
	long long id;
	int lim, used = 0;
	enum store_err e;

	if (!csrf_ok(&j)) {
		session_start(&j);
		resume_form(&j, typed, _("For your security, this form can only be sent from the page it came from, with cookies turned on. Press Continue again."));
		rs->status = 403;
		return;
	}
	lim = web_rate_limit(app, rq, rs, "resume", (unsigned)app->cfg.resume_per_hour, RESUME_WINDOW_SECONDS);
	if (lim == 0) {
		token_sign(app->key, "resume: all networks", all);
		lim = web_count_hit(app, rs, all, "resume-all", (unsigned)app->cfg.resume_per_hour_all,
		                    RESUME_WINDOW_SECONDS);
	}
	if (lim != 0) {
		web_error(app, rq, rs, lim < 0 ? 503 : 429);
		return;
	}
	if (typed == NULL || strlen(typed) > 40 || token_receipt_normalise(typed, norm) != 0) {
		resume_form(&j, typed, _("We could not find saved answers for that code. Check the code and try again. Codes look like ABCD-EFGH-JKMN."));
		rs->status = 404;
		return;
	}
	token_code_hash(app->key, norm, hash);
	e = saves_by_resume(&app->store, rq->a, hash, &found);
	if (e != STORE_OK && e != STORE_NOT_FOUND) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (e == STORE_NOT_FOUND || (j.s = survey_set_find(app->surveys, found.survey_id)) == NULL) {
		resume_form(&j, typed, _("We could not find saved answers for that code. Check the code and try again. Codes look like ABCD-EFGH-JKMN."));
		rs->status = 404;
		return;
	}
	if (!found.live) {
		message_page(&j, 410, _("Your saved answers have expired"),
		             _("We delete unfinished answers some time after they were last saved. You can start the consultation again."),
		             arena_printf(rq->a, "/s/%s", j.s->id), _("Go to the consultation"));
		return;
	}
	id = found.id;
	page = found.page_index;
	/* Never drop this browser's own save without asking. */
	if (partial_load(&j) != STORE_OK) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (j.have_partial && j.partial_id != id) {
		if (keep != NULL && strcmp(keep, "mine") == 0) {
			redirect(rs, page_path(&j, j.page_index));
			return;
		}
		if (keep == NULL || strcmp(keep, "code") != 0) {
			resume_choice(&j, norm);
			return;
		}
	}
	/* Use the code: one transaction drops the save this browser chose to
	 * give up, and swaps the code for a new one, only if nobody used it
	 * meanwhile. */
	token_receipt(fresh);
	token_code_hash(app->key, fresh, fresh_hash);
	e = saves_resume_swap(&app->store, j.s->id, j.sess.hash, id, hash, fresh_hash, &used);
	if (e != STORE_OK) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (!used) {
		resume_form(&j, typed, _("We could not find saved answers for that code. Check the code and try again. Codes look like ABCD-EFGH-JKMN."));
		rs->status = 404;
		return;
	}
	resp_html(rs);
	page_begin(b, &p);
	caption(&j, b);
	html_lit(b, "<h1>");
	html_text(b, _("Your answers are open in this browser"));
	html_lit(b, "</h1>\n<p>");
	html_text(b, _("The code you used no longer works. Here is a new one for next time."));
	html_lit(b, "</p>\n");
	resume_code_block(&j, b, fresh);
	html_lit(b, "<p id=\"resume-not-emailed\">");
	html_text(b, _("We have not emailed this new code to anyone. To have it emailed to you, give your email address below."));
	html_lit(b, "</p>\n");
	resume_email_form(&j, b, fresh);
	html_lit(b, "<p><a class=\"button\" id=\"resume-continue\" href=\"");
	html_text(b, page_path(&j, page));
	html_lit(b, "\">");
	html_text(b, _("Carry on answering now"));
	html_lit(b, "</a></p>\n");
	page_end(b, &p);
}

/*
 * /resume: GET shows the form (prefilled from /resume/<code> or
 * /resume?code=) and changes nothing; POST resumes.
 */
void handle_resume(struct app *app, struct req *rq, struct resp *rs, const char *code)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs};

	if (rq->method == M_POST) {
		resume_with(app, rq, rs, http_param_get(&rq->form, "code"));
		return;
	}
	if (code == NULL)
		code = http_param_get(&rq->query_params, "code");
	session_start(&j);
	if (code != NULL && code[0] != '\0' && !token_receipt_valid(code)) {
		resume_form(&j, NULL, _("We could not find saved answers for that code. Check the code and try again. Codes look like ABCD-EFGH-JKMN."));
		rs->status = 404;
		return;
	}
	resume_form(&j, code, NULL);
}

/* ---------- invitation codes ---------- */

void handle_invitation(struct app *app, struct req *rq, struct resp *rs, const struct survey *s)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs, .s = s};
	const char *code = http_param_get(&rq->form, "code");
	char norm[TOKEN_RECEIPT_LEN + 1], hash[65];
	long long invitation = 0;
	enum store_err e;

	if (gate(&j) != 0)
		return;
	if (!csrf_ok(&j)) {
		expired_form(&j);
		return;
	}
	if (code == NULL || code[0] == '\0') {
		invitation_form(&j, _("Enter your invitation code"), code);
		return;
	}
	if (strlen(code) > 40 || token_receipt_normalise(code, norm) != 0) {
		invitation_form(&j, _("We do not recognise that code, or it has been used. Check it and try again."), code);
		return;
	}
	token_code_hash(app->key, norm, hash);
	e = responses_invitation_find(&app->store, s->id, hash, &invitation);
	if (e != STORE_OK && e != STORE_NOT_FOUND) {
		unavailable(&j);
		return;
	}
	if (e == STORE_NOT_FOUND) {
		invitation_form(&j, _("We do not recognise that code, or it has been used. Check it and try again."), code);
		return;
	}
	if (partial_load(&j) != STORE_OK) {
		unavailable(&j);
		return;
	}
	j.invitation_id = invitation;
	if (j.have_partial) {
		if (saves_set_invitation(&app->store, j.partial_id, j.invitation_id) != STORE_OK) {
			unavailable(&j);
			return;
		}
	} else if (partial_store(&j) != STORE_OK) {
		unavailable(&j);
		return;
	}
	redirect(rs, arena_printf(rq->a, "/s/%s", s->id));
}

/* ---------- check your answers, send ---------- */

static const char *choice_label(const struct survey_question *q, const char *value, enum yv_lang l)
{
	for (size_t i = 0; i < q->nchoices; i++)
		if (strcmp(q->choices[i].value, value) == 0)
			return survey_text_get(&q->choices[i].label, l);
	return value;
}

static void answer_text(struct buf *b, struct arena *a, const struct survey_question *q,
                        const struct survey_answer *ans, const char *other, enum yv_lang l)
{
	if (ans->n == 0) {
		html_text(b, _("Not answered"));
		return;
	}
	switch (q->type) {
	case SQ_CHOICE:
	case SQ_MULTI:
		for (size_t i = 0; i < ans->n; i++) {
			if (i > 0)
				html_lit(b, "<br>");
			html_text(b, choice_label(q, ans->values[i], l));
			if (q->other != NULL && strcmp(ans->values[i], q->other->value) == 0 && other &&
			    other[0]) {
				html_lit(b, ": ");
				html_text(b, other);
			}
		}
		break;
	case SQ_SCALE:
		if (strcmp(ans->values[0], "dont-know") == 0)
			html_text(b, _("Don't know"));
		else {
			html_text(b, ans->values[0]);
			buf_printf(b, " / %d", q->scale_max);
		}
		break;
	case SQ_RANKING:
		for (size_t r = 1; r <= q->nchoices; r++)
			for (size_t i = 0; i < ans->n; i++)
				if (ans->values[i][0] && strtoul(ans->values[i], NULL, 10) == r) {
					buf_printf(b, "%zu. ", r);
					html_text(b, survey_text_get(&q->choices[i].label, l));
					html_lit(b, "<br>");
				}
		break;
	case SQ_DATE:
		html_text(b, arena_printf(a, "%s/%s/%s", ans->values[0], ans->values[1], ans->values[2]));
		break;
	case SQ_BUDGET: {
		const struct survey_budget *bg = q->budget;
		int *changes = arena_calloc(a, bg->nlines + 1, sizeof(int));
		int ct = 0;
		struct survey_budget_sums sums;

		if (changes == NULL)
			return;
		html_lit(b, "<ul class=\"plain\">");
		for (size_t i = 0; i < ans->n; i++) {
			int bp = 0;

			survey_parse_hundredths(ans->values[i][0] ? ans->values[i] : "0", &bp);
			if (i < bg->nlines)
				changes[i] = bp;
			else
				ct = bp;
			html_lit(b, "<li>");
			html_text(b, i < bg->nlines ? survey_text_get(&bg->lines[i].label, l)
			                            : survey_text_get(&bg->ct_label, l));
			{
				char pv[24];

				form_hundredths(pv, bp, 1);
				html_lit(b, ": ");
				buf_puts(b, pv);
				html_lit(b, "%");
			}
			html_lit(b, "</li>");
		}
		html_lit(b, "</ul>");
		survey_budget_sum(bg, changes, ct, &sums);
		html_text(b, _("Savings:"));
		html_lit(b, " ");
		form_money(b, sums.savings_pence);
		break;
	}
	default:
		html_text(b, ans->values[0]);
		break;
	}
}

static void render_check(struct journey *j, struct all_answers *all, const char **errors)
{
	const struct survey *s = j->s;
	enum yv_lang l = j->rq->lang;
	const char *self = arena_printf(j->rq->a, "/s/%s/check", s->id);
	struct page_ctx p = {l, self ? self : "/", _("Check your answers before sending them")};
	struct buf *b = &j->rs->body;
	unsigned char *keep = arena_calloc(j->rq->a, all->nq + 1, 1);
	char sid[SID_HEX + 1];
	size_t nerr = 0, last;

	if (keep == NULL) {
		web_error(j->app, j->rq, j->rs, 413);
		return;
	}
	survey_answers_filter(s, &all->set, keep);
	for (size_t i = 0; errors && i < all->nq; i++)
		nerr += errors[i] != NULL;
	token_hex(sid, SID_HEX / 2);
	resp_html(j->rs);
	page_begin(b, &p);
	last = prev_page(j, s->npages, &all->set);
	if (last != (size_t)-1)
		page_back_link(b, page_path(j, last));
	if (nerr > 0) {
		page_errors_begin(b);
		for (size_t i = 0; i < all->nq; i++)
			if (errors[i] != NULL)
				page_error_item(b,
				                arena_printf(j->rq->a, "%s#q-%s", page_path(j, all->q[i]->page_index),
				                             all->q[i]->id),
				                survey_text_get(&all->q[i]->label, l), errors[i]);
		page_errors_end(b);
	}
	caption(j, b);
	html_lit(b, "<h1>");
	html_text(b, _("Check your answers before sending them"));
	html_lit(b, "</h1>\n");
	for (size_t pi = 0; pi < s->npages; pi++) {
		const struct survey_page *pg = &s->pages[pi];
		int any = 0;

		if (!survey_page_shown(pg, &all->set))
			continue;
		for (size_t i = 0; i < all->nq; i++) {
			const struct survey_question *q = all->q[i];

			if (q->page_index != pi || (!keep[i] && all->v[i].n > 0) ||
			    !survey_question_shown(s, q, &all->set))
				continue;
			if (!any) {
				html_lit(b, "<h2>");
				html_text(b, survey_text_get(&pg->heading, l)[0] ? survey_text_get(&pg->heading, l)
				                                                 : survey_text_get(&s->title, l));
				html_lit(b, "</h2>\n<dl class=\"summary-list\">\n");
				any = 1;
			}
			html_lit(b, "<div class=\"summary-row\"><dt>");
			html_text(b, survey_text_get(&q->label, l));
			html_lit(b, "</dt><dd class=\"summary-value\">");
			answer_text(b, j->rq->a, q, &all->v[i], all->other[i], l);
			html_lit(b, "</dd><dd class=\"summary-action\"><a href=\"");
			html_text(b, page_path(j, pi));
			html_lit(b, "#q-");
			html_text(b, q->id);
			html_lit(b, "\">");
			html_text(b, _("Change"));
			html_lit(b, "<span class=\"visually-hidden\"> ");
			html_text(b, survey_text_get(&q->label, l));
			html_lit(b, "</span></a></dd></div>\n");
		}
		if (any)
			html_lit(b, "</dl>\n");
	}
	html_lit(b, "<h2>");
	html_text(b, _("Now send your response"));
	html_lit(b, "</h2>\n<p>");
	html_text(b, _("When you send it you will get a receipt code that proves your response was recorded."));
	html_lit(b, "</p>\n<form method=\"post\" action=\"");
	html_text(b, self);
	html_lit(b, "\" novalidate>\n");
	hidden_fields(j, b);
	html_lit(b, "<input type=\"hidden\" name=\"sid\" value=\"");
	html_text(b, sid);
	html_lit(b, "\">\n<button type=\"submit\" class=\"button\">");
	html_text(b, _("Send your response"));
	html_lit(b, "</button>\n</form>\n");
	page_end(b, &p);
}

/* Every kept answer checked; errors[i] set per question. Returns the count. */
static size_t check_all(struct journey *j, struct all_answers *all, const char **errors)
{
	unsigned char *keep = arena_calloc(j->rq->a, all->nq + 1, 1);
	size_t nerr = 0;

	if (keep == NULL)
		return 1;
	survey_answers_filter(j->s, &all->set, keep);
	for (size_t i = 0; i < all->nq; i++) {
		struct survey_answer_detail det;
		enum survey_answer_err ae;

		if (!survey_question_shown(j->s, all->q[i], &all->set))
			continue;
		ae = survey_answer_check(all->q[i], all->v[i].values, all->v[i].n, all->other[i], &det);
		if (ae != SA_OK) {
			errors[i] = form_error_message(j->rq->a, all->q[i], ae, &det, j->rq->lang);
			nerr++;
		}
	}
	return nerr;
}

void handle_check_get(struct app *app, struct req *rq, struct resp *rs, const struct survey *s)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs, .s = s};
	struct all_answers all;
	const char **errors;

	if (journey_open(&j, 0) != 0)
		return;
	if (!j.have_partial) {
		redirect(rs, arena_printf(rq->a, "/s/%s", s->id));
		return;
	}
	if (collect_all(rq->a, s, &j.saved, &all) != 0 ||
	    (errors = arena_calloc(rq->a, all.nq + 1, sizeof(*errors))) == NULL) {
		web_error(app, rq, rs, 413);
		return;
	}
	render_check(&j, &all, check_all(&j, &all, errors) > 0 ? errors : NULL);
}

/*
 * The receipt already given for this submission id, if any. 1 found, 0
 * not, -1 error. Only a keyed hash of the id and of the receipt is
 * stored: the receipt is derived again from the id (token_receipt_derive).
 */
static int receipt_for_sid(struct journey *j, const char *sid, char *receipt)
{
	struct responses_ref ref;
	enum store_err e;
	char h[65];

	token_code_hash(j->app->key, sid, h);
	e = responses_by_submission(&j->app->store, j->rq->a, h, &ref);
	if (e != STORE_OK && e != STORE_NOT_FOUND)
		return -1;
	if (e == STORE_OK && strcmp(ref.survey_id, j->s->id) == 0) {
		token_receipt_derive(j->app->key, sid, receipt);
		return 1;
	}
	return 0;
}

/* 'web', or 'paper'/'phone' for a response staff enter for a resident
 * (started from /admin/enter: only the server writes '_' fields). */
static const char *journey_channel(struct journey *j)
{
	const char *c = http_param_get(&j->saved, "_channel");

	return c != NULL && (strcmp(c, "paper") == 0 || strcmp(c, "phone") == 0) ? c : "web";
}

/*
 * Coarse geography of a response: country and region of the client address
 * (never the address itself), and whether it is in the survey's area, from
 * the postcode the resident gave (when the survey has an area map and a
 * postcode question). in_area is -1 when unknown.
 */
struct coarse_geo {
	struct geo_result where;
	int in_area;
};

static void coarse_geo(struct journey *j, const struct responses_answer *rows, size_t nrows,
                       struct coarse_geo *out)
{
	char ip[64];

	web_client_address(j->app, j->rq, ip, sizeof(ip));
	/* A response staff enter comes from the council's office, not the resident. */
	if (strcmp(journey_channel(j), "web") == 0)
		geo_lookup(j->app->geo, ip, &out->where);
	else
		memset(&out->where, 0, sizeof(out->where));
	out->in_area = -1;
	if (j->s->nareas == 0)
		return;
	for (size_t i = 0; i < nrows; i++) {
		const struct survey_question *q = survey_find_question(j->s, rows[i].field);

		if (q != NULL && q->type == SQ_POSTCODE) {
			out->in_area = survey_area_for_postcode(j->s, rows[i].value) != NULL;
			return;
		}
	}
}

/* Store the response in one transaction (store/responses.h): version,
 * response, answers, invitation used, partial save deleted. receipt gets
 * the code to show. STORE_DUPLICATE: the invitation was used already. */
static enum store_err store_response(struct journey *j, const char *sid,
                                     const struct responses_answer *rows, size_t nrows,
                                     const char *flag, char *receipt)
{
	struct coarse_geo g;
	char receipt_hash[65], sid_hash[65];
	struct responses_new r = {.survey_id = j->s->id,
	                          .version_hash = j->s->version_hash,
	                          .receipt_hash = receipt_hash,
	                          .sid_hash = sid_hash,
	                          .lang = survey_lang_code(j->rq->lang),
	                          .channel = journey_channel(j),
	                          .invitation_id = j->invitation_id,
	                          .flag = flag,
	                          .partial_id = j->partial_id,
	                          .answers = rows,
	                          .nanswers = nrows};
	enum store_err e;
	int found;

	coarse_geo(j, rows, nrows, &g);
	r.country = g.where.country;
	r.region = g.where.region;
	r.in_area = g.in_area;
	/* The receipt follows from the submission id under the key, so a
	 * replayed send gets it again though neither is stored in the clear. */
	token_receipt_derive(j->app->key, sid, receipt);
	token_code_hash(j->app->key, receipt, receipt_hash);
	token_code_hash(j->app->key, sid, sid_hash);
	e = responses_send(&j->app->store, &r);
	if (e != STORE_DUPLICATE)
		return e;
	/* The same submission id stored meanwhile: answer with its receipt.
	 * Otherwise the invitation was used, or two submission ids gave one
	 * receipt (60 bits: as good as never). */
	found = receipt_for_sid(j, sid, receipt);
	if (found != 0)
		return found > 0 ? STORE_OK : STORE_UNAVAILABLE;
	return STORE_DUPLICATE;
}

static void done_redirect(struct journey *j, const char *receipt)
{
	const char *msg = arena_printf(j->rq->a, "%s.%s", j->s->id, receipt);
	char tag[65];

	token_sign(j->app->key, msg ? msg : "", tag);
	resp_header(j->rs, "Set-Cookie",
	            arena_printf(j->rq->a, "yv_done=%s.%s; Path=/s/%s/done; Max-Age=" YV_STR(DONE_COOKIE_SECONDS) "; HttpOnly; SameSite=Lax%s",
	                         msg, tag, j->s->id, j->rq->https ? "; Secure" : ""));
	if (j->s->once_per == SURVEY_ONCE_BROWSER && strcmp(journey_channel(j), "web") == 0)
		resp_header(j->rs, "Set-Cookie",
		            arena_printf(j->rq->a, "%s=1; Path=/s/%s; Max-Age=31536000; HttpOnly; SameSite=Lax%s",
		                         sent_cookie_name(j), j->s->id, j->rq->https ? "; Secure" : ""));
	redirect(j->rs, arena_printf(j->rq->a, "/s/%s/done", j->s->id));
	buf_puts(&j->rs->body, receipt);
	buf_puts(&j->rs->body, "\n");
}

/*
 * Why this response should be looked at by an officer, or NULL: the
 * honeypot was filled, an anonymous survey was answered faster than a
 * person could, or many responses came from one network within the hour.
 * Flagged responses are stored and counted apart, never refused.
 */
static const char *response_flag(struct journey *j)
{
	const char *hp = http_param_get(&j->saved, "_flag");
	unsigned per_hour = j->s->rate_limit_per_hour ? j->s->rate_limit_per_hour
	                                              : (unsigned)j->app->cfg.submit_per_hour;
	const char *bucket = arena_printf(j->rq->a, "submit:%s", j->s->id);

	if (hp != NULL)
		return hp;
	/* Staff entering paper or phone responses are neither robots nor a burst. */
	if (strcmp(journey_channel(j), "web") != 0)
		return NULL;
	if (j->s->access == SURVEY_ANONYMOUS && j->app->cfg.min_fill_seconds > 0 &&
	    (long long)time(NULL) - j->started < j->app->cfg.min_fill_seconds)
		return "too-fast";
	if (bucket != NULL && web_rate_limit(j->app, j->rq, NULL, bucket, per_hour, 3600) > 0)
		return "many-from-network";
	/* The same for the client's provider (ASN), with a limit fit for a
	 * provider that serves much of the area. */
	{
		char ip[64], key[65];
		struct geo_result g;

		web_client_address(j->app, j->rq, ip, sizeof(ip));
		geo_lookup(j->app->geo, ip, &g);
		if (g.asn != 0 && bucket != NULL) {
			token_sign(j->app->key, arena_printf(j->rq->a, "asn:%lu", g.asn), key);
			if (web_count_hit(j->app, NULL, key, bucket, (unsigned)j->app->cfg.submit_per_hour_asn,
			                  3600) > 0)
				return "many-from-provider";
		}
	}
	return NULL;
}

void handle_check_post(struct app *app, struct req *rq, struct resp *rs, const struct survey *s)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs, .s = s};
	const char *sid = http_param_get(&rq->form, "sid");
	char receipt[TOKEN_RECEIPT_LEN + 1];
	struct all_answers all;
	const char **errors;
	unsigned char *keep;
	struct responses_answer *rows;
	size_t nrows = 0, maxrows = 0;
	enum store_err e;
	int found;

	if (gate(&j) != 0)
		return;
	if (!csrf_ok(&j)) {
		expired_form(&j);
		return;
	}
	if (!session_hex_valid(sid, SID_HEX)) {
		web_error(app, rq, rs, 400);
		return;
	}
	/* A replayed send (double click, retry) gets the first receipt. */
	found = receipt_for_sid(&j, sid, receipt);
	if (found < 0) {
		unavailable(&j);
		return;
	}
	if (found > 0) {
		done_redirect(&j, receipt);
		return;
	}
	if (partial_load(&j) != STORE_OK) {
		unavailable(&j);
		return;
	}
	if (!j.have_partial) {
		redirect(rs, arena_printf(rq->a, "/s/%s", s->id));
		return;
	}
	if (s->access == SURVEY_INVITATION && j.invitation_id == 0) {
		invitation_form(&j, NULL, NULL);
		return;
	}
	if (collect_all(rq->a, s, &j.saved, &all) != 0 ||
	    (errors = arena_calloc(rq->a, all.nq + 1, sizeof(*errors))) == NULL ||
	    (keep = arena_calloc(rq->a, all.nq + 1, 1)) == NULL) {
		web_error(app, rq, rs, 413);
		return;
	}
	if (check_all(&j, &all, errors) > 0) {
		render_check(&j, &all, errors);
		rs->status = 422;
		return;
	}
	survey_answers_filter(s, &all.set, keep);
	for (size_t i = 0; i < all.nq; i++)
		maxrows += all.v[i].n + 1;
	rows = arena_calloc(rq->a, maxrows + 1, sizeof(*rows));
	if (rows == NULL) {
		web_error(app, rq, rs, 413);
		return;
	}
	for (size_t i = 0; i < all.nq; i++)
		if (keep[i])
			nrows += rows_for(rq->a, all.q[i], &all.v[i], all.other[i], rows + nrows,
			                  maxrows - nrows);
	e = store_response(&j, sid, rows, nrows, response_flag(&j), receipt);
	if (e == STORE_DUPLICATE) {
		message_page(&j, 409, _("This invitation code has already been used"),
		             _("Each invitation code can send one response. If you did not send one, contact the council."),
		             "/", _("Go to the list of consultations"));
		return;
	}
	if (e != STORE_OK) {
		/* Nothing is lost: the answers stay saved; the resident can press again. */
		render_check(&j, &all, NULL);
		rs->status = 503;
		resp_header(rs, "Retry-After", "30");
		return;
	}
	if (j.email != NULL && app->cfg.sendmail[0] != '\0') {
		const char *subject = arena_printf(rq->a, "%s: %s", _("Your receipt"),
		                                   survey_text_get(&s->title, rq->lang));
		const char *body = arena_printf(rq->a, "%s\n\n%s %s\n",
		                                _("Thank you: your response has been recorded."),
		                                _("Your receipt code is"), receipt);

		if (subject != NULL && body != NULL)
			mail_send(app->cfg.sendmail, app->cfg.mail_from, j.email, subject, body);
	}
	done_redirect(&j, receipt);
}

void handle_survey_done(struct app *app, struct req *rq, struct resp *rs, const struct survey *s)
{
	const char *c = http_param_get(&rq->cookies, "yv_done");
	const char *path = arena_printf(rq->a, "/s/%s/done", s->id);
	struct page_ctx p = {rq->lang, path ? path : "/", _("Response recorded")};
	struct buf *b = &rs->body;
	char receipt[TOKEN_RECEIPT_LEN + 1];
	int have = 0;

	/* yv_done = <survey id>.<receipt>.<tag> */
	if (c != NULL) {
		const char *dot2 = strrchr(c, '.');
		size_t idlen = strlen(s->id);

		if (dot2 != NULL && strncmp(c, s->id, idlen) == 0 && c[idlen] == '.' &&
		    (size_t)(dot2 - c) == idlen + 1 + TOKEN_RECEIPT_LEN) {
			const char *msg = arena_strndup(rq->a, c, (size_t)(dot2 - c));

			if (msg != NULL && token_verify(app->key, msg, dot2 + 1)) {
				memcpy(receipt, c + idlen + 1, TOKEN_RECEIPT_LEN);
				receipt[TOKEN_RECEIPT_LEN] = '\0';
				have = 1;
			}
		}
	}
	resp_html(rs);
	page_begin(b, &p);
	if (!have) {
		html_lit(b, "<h1>");
		html_text(b, survey_text_get(&s->title, rq->lang));
		html_lit(b, "</h1>\n<p>");
		html_text(b, _("There is no response to show here. If you submitted a response, keep the receipt code you were shown."));
		html_lit(b, "</p>\n<p><a href=\"/s/");
		html_urlpart(b, s->id);
		html_lit(b, "\">");
		html_text(b, _("Go to the consultation"));
		html_lit(b, "</a></p>\n");
		page_end(b, &p);
		return;
	}
	/* Shown once: a later visit (or the next person at a shared
	 * computer) finds no receipt here. */
	resp_header(rs, "Set-Cookie",
	            arena_printf(rq->a, "yv_done=; Path=/s/%s/done; Max-Age=0; HttpOnly; SameSite=Lax%s", s->id,
	                         rq->https ? "; Secure" : ""));
	html_lit(b, "<div class=\"panel-confirmation\">\n<h1>");
	html_text(b, _("Response recorded"));
	html_lit(b, "</h1>\n<p>");
	html_text(b, _("Your receipt code is"));
	html_lit(b, "<br><strong class=\"receipt\" id=\"receipt\">");
	html_text(b, receipt);
	html_lit(b, "</strong></p>\n</div>\n<p>");
	html_text(b, _("Thank you for taking part in"));
	html_lit(b, " ");
	html_text(b, survey_text_get(&s->title, rq->lang));
	html_lit(b, ".</p>\n<h2>");
	html_text(b, _("What happens next"));
	html_lit(b, "</h2>\n<p>");
	html_text(b, _("The consultation closes on"));
	html_lit(b, " ");
	page_datetime(b, s->closes_at, rq->lang);
	html_lit(b, ". ");
	html_text(b, _("We will publish what residents told us on"));
	html_lit(b, " ");
	page_datetime(b, s->results_at, rq->lang);
	html_lit(b, ".</p>\n<p>");
	html_text(b, _("Keep your receipt code: it proves your response was recorded."));
	html_lit(b, "</p>\n");
	page_end(b, &p);
}

/* ---------- officers' preview ---------- */

void journey_preview(struct app *app, struct req *rq, struct resp *rs, const struct survey *s,
                     const struct survey_page *pg, const char *csrf)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs, .s = s, .preview_csrf = csrf};
	struct all_answers all;
	size_t idx = pg ? page_index_of(s, pg) : 0;
	const char **errors;
	size_t nerr = 0;

	if (rq->method != M_POST) {
		render_page(&j, idx, &j.saved, NULL);
		return;
	}
	/* Check the page as a resident's would be, and store nothing. */
	if (collect_all(rq->a, s, &rq->form, &all) != 0 ||
	    (errors = arena_calloc(rq->a, s->pages[idx].nquestions + 1, sizeof(*errors))) == NULL) {
		web_error(app, rq, rs, 413);
		return;
	}
	nerr = check_page(rq, s, idx, &all, errors, 0);
	if (nerr > 0) {
		render_page(&j, idx, &rq->form, errors);
		rs->status = 422;
		return;
	}
	redirect(rs, page_path(&j, idx + 1 < s->npages ? idx + 1 : s->npages));
}

/* ---------- responses staff enter for residents ---------- */

int journey_start_staff_entry(struct app *app, struct req *rq, struct resp *rs, const struct survey *s,
                              const char *channel, const char *username)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs, .s = s};

	/* A fresh resident session for this entry, whatever the browser had. */
	token_hex(j.sess.id, SESSION_HEX / 2);
	token_sha256(j.sess.id, j.sess.hash);
	resp_header(rs, "Set-Cookie",
	            arena_printf(rq->a, "yv_s=%s; Path=/; HttpOnly; SameSite=Lax%s", j.sess.id,
	                         rq->https ? "; Secure" : ""));
	if (http_params_add(rq->a, &j.saved, PARTIAL_MAX_FIELDS, "_channel", channel) != HTTP_OK ||
	    http_params_add(rq->a, &j.saved, PARTIAL_MAX_FIELDS, "_entered_by", username) != HTTP_OK)
		return -1;
	return partial_store(&j) == STORE_OK ? 0 : -1;
}
