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
 *
 * This file owns the journey's state that every step shares (see
 * journey_int.h for the family): the session and anti-forgery token, the
 * partial save and its JSON, the answers gathered from fields, the common
 * page parts, the gate before any page, and invitation codes. It may use
 * core/, survey/, render/, store/saves.h and store/responses.h, and web/.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/i18n.h"
#include "core/sealed.h"
#include "render/html.h"
#include "render/page.h"
#include "store/responses.h"
#include "store/saves.h"
#include "web/handlers.h"
#include "web/findable.h"
#include "web/journey_int.h"

#define PARTIAL_MAX_JSON (2 * 1024 * 1024)
/* Bytes of the sealed cookie's value at most: with its name and
 * attributes, well under the 4,096 bytes browsers keep of one cookie. */
#define JOURNEY_COOKIE_MAX 3800
/* What every cookie the browser sends us may add up to once ours is set:
 * nginx refuses a request whose Cookie line passes 8 KB
 * (large_client_header_buffers) with an error the resident cannot get
 * past, so answers in progress of several surveys at once must never take
 * a browser there; past this, the stored save holds them. */
#define JOURNEY_COOKIES_TOTAL_MAX 6144

/* ---------- session, anti-forgery token (session.h) ---------- */

void journey_session_start(struct journey *j)
{
	session_ensure(j->app, j->rq, j->rs, &j->sess);
}

static const char *csrf_token(struct journey *j)
{
	return session_csrf(j->app, j->rq, &j->sess);
}

int journey_csrf_ok(struct journey *j)
{
	return session_csrf_ok(j->app, j->rq, &j->sess);
}

/* A page with a heading and one paragraph, and a link. */
void journey_message(struct journey *j, int status, const char *title, const char *text,
		     const char *link, const char *link_text)
{
	struct page_ctx p = {j->rq->lang, j->rq->path, title};
	struct html *b = html_over(&j->rs->body);

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

void journey_expired_form(struct journey *j)
{
	const char *back = arena_printf(j->rq->a, "/s/%s", j->s->id);

	journey_message(j, 403, _("Your form has expired"),
			_("For your security, this form can only be sent from the page it came "
			  "from, with cookies turned on. Go back to the consultation and try "
			  "again: the answers you saved are kept."),
			back, _("Go to the consultation"));
}

void journey_unavailable(struct journey *j)
{
	web_error(j->app, j->rq, j->rs, 503);
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
				e = http_params_add(a, out, PARTIAL_MAX_FIELDS, key,
						    json_string_value(v));
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

/* ---------- the sealed cookie (docs/journey-saves.md) ---------- */

/* yv_j_<survey id>, for every path: /resume must see it too. */
static const char *cookie_name(struct journey *j)
{
	return arena_printf(j->rq->a, "yv_j_%s", j->s->id);
}

/* What a cookie is sealed for: this survey and this session. */
static const char *cookie_context(struct journey *j)
{
	return arena_printf(j->rq->a, "journey:%s:%s", j->s->id, j->sess.id);
}

static void cookie_set(struct journey *j, const char *value)
{
	const char *name = cookie_name(j);

	if (name == NULL)
		return;
	resp_header(j->rs, "Set-Cookie",
		    value != NULL
			? arena_printf(j->rq->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s", name,
				       value, j->rq->https ? "; Secure" : "")
			: arena_printf(j->rq->a, "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax%s",
				       name, j->rq->https ? "; Secure" : ""));
}

void journey_cookie_clear(struct journey *j)
{
	if (http_param_get(&j->rq->cookies, cookie_name(j)) != NULL || j->in_cookie)
		cookie_set(j, NULL);
	j->in_cookie = 0;
}

/* Whether a cookie of vlen bytes under our name keeps every cookie the
 * browser sends within JOURNEY_COOKIES_TOTAL_MAX ("name=value; " each). */
static int cookie_fits(struct journey *j, const char *name, size_t vlen)
{
	const struct http_params *c = &j->rq->cookies;
	size_t total = strlen(name) + 1 + vlen;

	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].name, name) != 0)
			total += strlen(c->v[i].name) + 1 + c->v[i].len + 2;
	return total <= JOURNEY_COOKIES_TOTAL_MAX;
}

/*
 * The state sealed: "<page index>\n<invitation id>\n<started>\n<answers
 * JSON>"; started 0 says that nothing is saved yet (the cookie only tells
 * that no stored save exists). NULL when it does not fit.
 */
static const char *cookie_seal(struct journey *j, const char *json, long long started)
{
	const char *ctx = cookie_context(j);
	const char *text = arena_printf(j->rq->a, "%zu\n%lld\n%lld\n%s", j->page_index,
					j->invitation_id, started, json);

	if (ctx == NULL || text == NULL)
		return NULL;
	return sealed_seal(j->rq->a, j->app->key, ctx, text, strlen(text), JOURNEY_COOKIE_MAX);
}

/* Read the sealed state into j. 0, or -1 when it is not ours. */
static int cookie_read(struct journey *j, const char *value)
{
	const char *ctx = cookie_context(j), *text, *p;
	unsigned long long page, inv, started;
	char *end;

	if (ctx == NULL || strlen(value) > JOURNEY_COOKIE_MAX)
		return -1;
	text = sealed_open(j->rq->a, j->app->key, ctx, value, NULL);
	if (text == NULL)
		return -1;
	p = text;
	page = strtoull(p, &end, 10);
	if (end == p || *end != '\n')
		return -1;
	p = end + 1;
	inv = strtoull(p, &end, 10);
	if (end == p || *end != '\n')
		return -1;
	p = end + 1;
	started = strtoull(p, &end, 10);
	if (end == p || *end != '\n')
		return -1;
	p = end + 1;
	j->in_cookie = 1;
	/* Kept as long as a stored save would be, from when it was started. */
	if (started == 0 || (long long)started + (long long)j->app->cfg.partial_days * 86400 <
				(long long)time(NULL))
		return 0;
	if (params_from_json(j->rq->a, p, &j->saved) != HTTP_OK)
		return -1;
	j->have_partial = 1;
	j->page_index = (size_t)page;
	j->invitation_id = (long long)inv;
	j->started = (long long)started;
	return 0;
}

void journey_cookie_refused(struct journey *j)
{
	cookie_set(j, NULL);
	j->in_cookie = 0;
	journey_message(j, 400, _("We could not use your answers in progress"),
			_("This browser sent answers in progress that were not written for this "
			  "visit, or that were changed after we wrote them, so we have not used "
			  "them. Anything you saved with “Save and come back later” is kept: carry "
			  "on answering, or use your resume code."),
			arena_printf(j->rq->a, "/s/%s", j->s->id),
			_("Carry on with the consultation"));
}

/*
 * Load this session's answers in progress for the survey: from the sealed
 * cookie when the request carries one (no database work), else from the
 * stored save. STORE_OK even if none; a cookie that is not ours sets
 * cookie_refused and loads nothing.
 */
enum store_err journey_partial_load(struct journey *j)
{
	const char *c = http_param_get(&j->rq->cookies, cookie_name(j));
	struct saves_row row;
	enum store_err e;

	j->have_partial = 0;
	j->in_cookie = 0;
	j->partial_id = 0;
	memset(&j->saved, 0, sizeof(j->saved));
	if (c != NULL && c[0] != '\0') {
		if (cookie_read(j, c) == 0)
			return STORE_OK;
		memset(&j->saved, 0, sizeof(j->saved));
		j->have_partial = 0;
		j->in_cookie = 0;
		j->cookie_refused = 1;
		return STORE_OK;
	}
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
	j->loaded_json = row.answers;
	j->loaded_lang = row.lang;
	j->loaded_page = row.page_index;
	return STORE_OK;
}

/* Write j->saved and j->page_index: the sealed cookie while it fits and no
 * durability is asked for, else the stored save. */
enum store_err journey_partial_store(struct journey *j)
{
	const char *json = params_to_json(j->rq->a, &j->saved);
	const char *lang = survey_lang_code(j->rq->lang);
	enum store_err e;

	if (json == NULL)
		return STORE_ERROR;
	if (!j->force_store && j->partial_id == 0) {
		long long started = j->started ? j->started : (long long)time(NULL);
		const char *v = cookie_seal(j, json, started);
		const char *name = cookie_name(j);

		if (v != NULL && name != NULL && cookie_fits(j, name, strlen(v))) {
			cookie_set(j, v);
			j->in_cookie = 1;
			j->have_partial = 1;
			j->started = started;
			return STORE_OK;
		}
		/* Too large for a cookie (a long text answer), or too much with
		 * the browser's other cookies: the stored save holds it from now
		 * on (and the cookie, if any, goes). */
	}
	if (j->partial_id != 0) {
		/* Nothing new: no write. */
		if (j->loaded_json != NULL && strcmp(j->loaded_json, json) == 0 &&
		    j->loaded_page == j->page_index && j->loaded_lang != NULL &&
		    strcmp(j->loaded_lang, lang) == 0)
			return STORE_OK;
		e = saves_update(&j->app->store, j->partial_id, json, j->page_index, lang,
				 j->app->cfg.partial_days);
		if (e == STORE_OK) {
			j->loaded_json = json;
			j->loaded_lang = lang;
			j->loaded_page = j->page_index;
		}
		return e;
	}
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
		if (e == STORE_DUPLICATE) {
			/* This session has a stored save the request did not load
			 * (the browser sent a cookie over it: a "Save and come
			 * back later" whose answer never arrived, a cookie put
			 * back): the save is brought up to date, not refused. */
			struct saves_row row;

			e = saves_get(&j->app->store, j->rq->a, j->s->id, j->sess.hash, &row);
			if (e == STORE_OK) {
				id = row.id;
				e = saves_update(&j->app->store, id, json, j->page_index, lang,
						 j->app->cfg.partial_days);
			}
		}
		if (e == STORE_OK) {
			j->have_partial = 1;
			j->partial_id = id;
			j->loaded_json = json;
			j->loaded_lang = lang;
			j->loaded_page = j->page_index;
			/* The stored save is the state from now on. */
			journey_cookie_clear(j);
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

const struct survey_question *journey_question_of_field(const struct survey *s, const char *name)
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
				suffix =
				    i < q->budget->nlines ? q->budget->lines[i].id : "council-tax";
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

/* Every question's answer from params, in survey order. -1 if out of memory. */
int journey_collect_all(struct arena *a, const struct survey *s, const struct http_params *params,
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

/* ---------- common page parts, the gate ---------- */

size_t journey_page_index(const struct survey *s, const struct survey_page *pg)
{
	return (size_t)(pg - s->pages);
}

const char *journey_page_path(struct journey *j, size_t idx)
{
	if (j->preview_csrf != NULL)
		return idx >= j->s->npages ? arena_printf(j->rq->a, "/admin/preview/%s", j->s->id)
					   : arena_printf(j->rq->a, "/admin/preview/%s/%s",
							  j->s->id, j->s->pages[idx].id);
	if (idx >= j->s->npages)
		return arena_printf(j->rq->a, "/s/%s/check", j->s->id);
	return arena_printf(j->rq->a, "/s/%s/%s", j->s->id, j->s->pages[idx].id);
}

void journey_redirect(struct resp *rs, const char *to)
{
	rs->status = 303;
	resp_header(rs, "Location", to ? to : "/");
	rs->content_type = "text/plain; charset=utf-8";
}

/* The shown page before idx, or (size_t)-1. */
size_t journey_prev_page(struct journey *j, size_t idx, const struct survey_answers *a)
{
	while (idx-- > 0)
		if (survey_page_shown(&j->s->pages[idx], a))
			return idx;
	return (size_t)-1;
}

void journey_hidden_fields(struct journey *j, struct html *b)
{
	html_lit(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, j->preview_csrf ? j->preview_csrf : csrf_token(j));
	html_lit(b, "\">\n<input type=\"hidden\" name=\"lang\" value=\"");
	html_text(b, survey_lang_code(j->rq->lang));
	html_lit(b, "\">\n");
}

const char *journey_channel_name(const char *channel)
{
	if (channel == NULL || strcmp(channel, "web") == 0)
		return _("online");
	if (strcmp(channel, "paper") == 0)
		return _("paper");
	if (strcmp(channel, "phone") == 0)
		return _("phone");
	if (strcmp(channel, "face-to-face") == 0)
		return _("face to face");
	if (strcmp(channel, "email") == 0)
		return _("email");
	return channel;
}

void journey_caption(struct journey *j, struct html *b)
{
	const char *channel = http_param_get(&j->saved, "_channel");

	/* A response staff enter for a resident: say so on every page, with
	 * the channel and who is entering it. */
	if (channel != NULL && j->preview_csrf == NULL) {
		const char *by = http_param_get(&j->saved, "_entered_by");

		html_lit(b, "<div class=\"notice notice-assisted\" role=\"note\" "
			    "id=\"assisted-entry\"><p><strong>");
		html_text(b, _("Assisted entry"));
		html_lit(b, "</strong> ");
		html_text(b, arena_printf(j->rq->a, _("Channel: %s. Entered by: %s."),
					  journey_channel_name(channel), by ? by : ""));
		html_lit(b, "</p></div>\n");
	}
	html_lit(b, "<span class=\"caption\">");
	html_text(b, survey_text_get(&j->s->title, j->rq->lang));
	html_lit(b, "</span>\n");
}

/* Closed, not yet open, or by invitation: 0 when the journey may go on. */
int journey_gate(struct journey *j)
{
	enum survey_state st = survey_state_at(j->s, time(NULL));
	struct html *b = html_over(&j->rs->body);

	if (st != SURVEY_OPEN) {
		const char *path = arena_printf(j->rq->a, "/s/%s", j->s->id);
		struct page_ctx p = {j->rq->lang, path ? path : "/",
				     survey_text_get(&j->s->title, j->rq->lang)};

		resp_html(j->rs);
		j->rs->status = j->rq->method == M_POST ? 403 : 200;
		page_begin(b, &p);
		html_lit(b, "<h1>");
		html_text(b, survey_text_get(&j->s->title, j->rq->lang));
		html_lit(b, "</h1>\n<p class=\"notice\">");
		if (st == SURVEY_NOT_YET_OPEN) {
			html_text(b, _("This consultation is not open yet. It opens on"));
			html_lit(b, " ");
			page_survey_date(b, j->s, SURVEY_DATE_OPENS, j->rq->lang);
			html_lit(b, ".</p>\n");
		} else {
			struct findable f;

			html_text(b, _("This consultation closed on"));
			html_lit(b, " ");
			page_survey_date(b, j->s, SURVEY_DATE_CLOSES, j->rq->lang);
			html_lit(b, ".</p>\n<p class=\"results-link\">");
			/* where its results are, or when they are due */
			findable_status(j->app, j->rq, j->s, time(NULL), &f);
			if (f.kind != FINDABLE_NONE)
				findable_link(b, j->rq, j->s, &f);
			else
				findable_note(b, j->rq, j->s, &f);
			html_lit(b, "</p>\n");
		}
		page_end(b, &p);
		return -1;
	}
	return 0;
}

/* One response per browser, when the survey asks for it: a long-lived
 * cookie scoped to the survey's path marks a browser that has sent one. */
const char *journey_sent_cookie(struct journey *j)
{
	return arena_printf(j->rq->a, "yv_sent_%s", j->s->id);
}

int journey_already_sent(struct journey *j)
{
	if (j->s->once_per != SURVEY_ONCE_BROWSER ||
	    http_param_get(&j->rq->cookies, journey_sent_cookie(j)) == NULL)
		return 0;
	journey_message(
	    j, 200, _("You have already responded"),
	    _("A response to this consultation has already been sent from this browser. "
	      "To see, download or withdraw it, use your receipt code."),
	    "/my-response", _("See, download or withdraw your response"));
	return -1;
}

/* Start or continue the journey: session, partial save, invitation. 0 to go on. */
int journey_open(struct journey *j, int for_post)
{
	if (journey_gate(j) != 0)
		return -1;
	if (journey_already_sent(j) != 0)
		return -1;
	if (for_post) {
		if (!journey_csrf_ok(j)) {
			journey_expired_form(j);
			return -1;
		}
	} else {
		journey_session_start(j);
	}
	/* A session started by this very request cannot have saved anything
	 * (unless a cookie says so, which is then refused). */
	if (http_param_get(&j->rq->cookies, "yv_s") != NULL ||
	    http_param_get(&j->rq->cookies, cookie_name(j)) != NULL) {
		if (journey_partial_load(j) != STORE_OK) {
			journey_unavailable(j);
			return -1;
		}
		if (j->cookie_refused) {
			journey_cookie_refused(j);
			return -1;
		}
	}
	/* Shown a page with nothing saved anywhere: an empty sealed state
	 * tells the next request so, and spares it a read of the database. */
	if (!for_post && !j->have_partial && !j->in_cookie && j->preview_csrf == NULL) {
		const char *v = cookie_seal(j, "{}", 0);

		if (v != NULL) {
			cookie_set(j, v);
			j->in_cookie = 1;
		}
	}
	if (j->s->access == SURVEY_INVITATION && j->invitation_id == 0) {
		journey_invitation_form(j, NULL, NULL);
		j->rs->status = 200;
		return -1;
	}
	return 0;
}

/* ---------- invitation codes ---------- */

void journey_invitation_form(struct journey *j, const char *error, const char *typed)
{
	const char *path = arena_printf(j->rq->a, "/s/%s", j->s->id);
	const char *title = survey_text_get(&j->s->title, j->rq->lang);
	struct page_ctx p = {j->rq->lang, path ? path : "/", title};
	struct html *b = html_over(&j->rs->body);

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
	journey_caption(j, b);
	html_lit(b, "<h1>");
	html_text(b, _("Enter your invitation code"));
	html_lit(b, "</h1>\n");
	html_paragraphs(b, survey_text_get(&j->s->summary, j->rq->lang), NULL);
	html_lit(b, "\n<form method=\"post\" action=\"/s/");
	html_urlpart(b, j->s->id);
	html_lit(b, "/invitation\" novalidate>\n");
	journey_hidden_fields(j, b);
	html_lit(b, "<div class=\"question");
	if (error != NULL)
		html_lit(b, " question-error");
	html_lit(b, "\">\n<label class=\"question-label\" for=\"f-invitation\">");
	html_text(b, _("Invitation code"));
	html_lit(b, "</label>\n<div class=\"hint\" id=\"hint-invitation\">");
	html_text(b, _("It is on the letter or email we sent you, for example ABCD-EFGH-JKMN."));
	html_lit(b, "</div>\n");
	if (error != NULL) {
		html_lit(b, "<p class=\"error-message\" id=\"error-invitation\"><span "
			    "class=\"visually-hidden\">");
		html_text(b, _("Error:"));
		html_lit(b, "</span> ");
		html_text(b, error);
		html_lit(b, "</p>\n");
	}
	html_lit(b, "<input type=\"text\" name=\"code\" id=\"f-invitation\" autocomplete=\"off\" "
		    "spellcheck=\"false\" value=\"");
	html_text(b, typed ? typed : "");
	html_lit(b, "\" aria-describedby=\"hint-invitation");
	if (error != NULL)
		html_lit(b, " error-invitation");
	html_lit(b, "\">\n</div>\n<button type=\"submit\" class=\"button\">");
	html_text(b, _("Continue"));
	html_lit(b, "</button>\n</form>\n");
	page_end(b, &p);
}

void handle_invitation(struct app *app, struct req *rq, struct resp *rs, const struct survey *s)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs, .s = s};
	const char *code = http_param_get(&rq->form, "code");
	char norm[TOKEN_RECEIPT_LEN + 1], hash[65];
	long long invitation = 0;
	enum store_err e;

	if (journey_gate(&j) != 0)
		return;
	if (!journey_csrf_ok(&j)) {
		journey_expired_form(&j);
		return;
	}
	if (code == NULL || code[0] == '\0') {
		journey_invitation_form(&j, _("Enter your invitation code"), code);
		return;
	}
	if (strlen(code) > 40 || token_receipt_normalise(code, norm) != 0) {
		journey_invitation_form(&j,
					_("We do not recognise that code, or it has been used. "
					  "Check it and try again."),
					code);
		return;
	}
	token_code_hash(app->key, norm, hash);
	e = responses_invitation_find(&app->store, s->id, hash, &invitation);
	if (e != STORE_OK && e != STORE_NOT_FOUND) {
		journey_unavailable(&j);
		return;
	}
	if (e == STORE_NOT_FOUND) {
		journey_invitation_form(&j,
					_("We do not recognise that code, or it has been used. "
					  "Check it and try again."),
					code);
		return;
	}
	if (journey_partial_load(&j) != STORE_OK) {
		journey_unavailable(&j);
		return;
	}
	if (j.cookie_refused) {
		journey_cookie_refused(&j);
		return;
	}
	j.invitation_id = invitation;
	if (j.partial_id != 0) {
		if (saves_set_invitation(&app->store, j.partial_id, j.invitation_id) != STORE_OK) {
			journey_unavailable(&j);
			return;
		}
	} else if (journey_partial_store(&j) != STORE_OK) {
		journey_unavailable(&j);
		return;
	}
	journey_redirect(rs, arena_printf(rq->a, "/s/%s", s->id));
}
