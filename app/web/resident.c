/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * resident: the pages a resident sees: the list of consultations, a
 * survey's form, its submission and the receipt. A submission is checked
 * question by question (survey/answer.h), stored in one transaction, and
 * only after COMMIT is the resident sent to the receipt. A replayed POST
 * carries the same one-time submission id and is answered with the first
 * receipt, never stored twice.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "core/log.h"
#include "render/form.h"
#include "render/html.h"
#include "render/page.h"
#include "results/results.h"
#include "survey/answer.h"
#include "web/handlers.h"

#define SUBMIT_TRIES 3
#define SID_HEX 32

/* One row to store: answer.question_id, ord, value. */
struct stored {
	const char *field;
	unsigned ord;
	const char *value;
};

/* What a resident submitted, gathered per question (survey/answer.h order). */
struct collected {
	struct survey_answer *answers; /* one per question of the survey */
	const char **other;            /* "please specify" text per question */
	size_t n;
};

static void html_page(struct resp *rs)
{
	rs->content_type = "text/html; charset=utf-8";
	resp_header(rs, "Cache-Control", "no-store");
}

static int survey_state(const struct survey *s, time_t now)
{
	if (now < s->opens_at)
		return -1;
	if (now >= s->closes_at)
		return 1;
	return 0;
}

void handle_home(struct app *app, struct req *rq, struct resp *rs)
{
	struct page_ctx p = {rq->lang, "/", _("Consultations")};
	struct buf *b = &rs->body;
	time_t now = time(NULL);
	size_t open = 0, closed = 0;

	html_page(rs);
	page_begin(b, &p);
	html_lit(b, "<h1>");
	html_text(b, _("Have your say"));
	html_lit(b, "</h1>\n<h2>");
	html_text(b, _("Open consultations"));
	html_lit(b, "</h2>\n<ul class=\"survey-list\">\n");
	for (size_t i = 0; i < survey_set_count(app->surveys); i++) {
		const struct survey *s = survey_set_at(app->surveys, i);

		if (survey_state(s, now) != 0)
			continue;
		open++;
		html_lit(b, "<li><a href=\"/s/");
		html_urlpart(b, s->id);
		html_lit(b, "\">");
		html_text(b, survey_text_get(&s->title, rq->lang));
		html_lit(b, "</a>\n<p>");
		html_text(b, survey_text_get(&s->summary, rq->lang));
		html_lit(b, "</p>\n<p class=\"meta\">");
		html_text(b, _("Closes"));
		html_lit(b, " ");
		page_datetime(b, s->closes_at, rq->lang);
		html_lit(b, "</p></li>\n");
	}
	html_lit(b, "</ul>\n");
	if (open == 0) {
		html_lit(b, "<p>");
		html_text(b, _("There are no open consultations at the moment."));
		html_lit(b, "</p>\n");
	}
	for (size_t i = 0; i < survey_set_count(app->surveys); i++) {
		const struct survey *s = survey_set_at(app->surveys, i);

		if (survey_state(s, now) != 1)
			continue;
		if (closed++ == 0) {
			html_lit(b, "<h2>");
			html_text(b, _("Closed consultations"));
			html_lit(b, "</h2>\n<ul class=\"survey-list\">\n");
		}
		html_lit(b, "<li>");
		html_text(b, survey_text_get(&s->title, rq->lang));
		html_lit(b, "\n<p class=\"meta\">");
		html_text(b, _("Closed"));
		html_lit(b, " ");
		page_datetime(b, s->closes_at, rq->lang);
		html_lit(b, ". ");
		if (results_public(s, now)) {
			html_lit(b, "<a href=\"/r/");
			html_urlpart(b, s->id);
			html_lit(b, "\">");
			html_text(b, _("Read the results"));
			html_lit(b, "</a>");
		} else {
			html_text(b, _("Results due"));
			html_lit(b, " ");
			page_datetime(b, s->results_at, rq->lang);
		}
		html_lit(b, "</p></li>\n");
	}
	if (closed > 0)
		html_lit(b, "</ul>\n");
	page_end(b, &p);
}

/* A page saying the survey is closed or not open yet (no form). */
static void not_open_page(struct req *rq, struct resp *rs, const struct survey *s, int state)
{
	const char *path = arena_printf(rq->a, "/s/%s", s->id);
	struct page_ctx p = {rq->lang, path ? path : "/",
	                     survey_text_get(&s->title, rq->lang)};
	struct buf *b = &rs->body;

	html_page(rs);
	rs->status = rq->method == M_POST ? 403 : 200;
	page_begin(b, &p);
	html_lit(b, "<h1>");
	html_text(b, survey_text_get(&s->title, rq->lang));
	html_lit(b, "</h1>\n<p class=\"notice\">");
	if (state < 0) {
		html_text(b, _("This consultation is not open yet. It opens on"));
		html_lit(b, " ");
		page_datetime(b, s->opens_at, rq->lang);
	} else {
		html_text(b, _("This consultation closed on"));
		html_lit(b, " ");
		page_datetime(b, s->closes_at, rq->lang);
		html_lit(b, ". ");
		html_text(b, _("Results are due on"));
		html_lit(b, " ");
		page_datetime(b, s->results_at, rq->lang);
	}
	html_lit(b, ".</p>\n");
	page_end(b, &p);
}

static void invitation_page(struct req *rq, struct resp *rs, const struct survey *s)
{
	const char *path = arena_printf(rq->a, "/s/%s", s->id);
	struct page_ctx p = {rq->lang, path ? path : "/", survey_text_get(&s->title, rq->lang)};

	html_page(rs);
	rs->status = 403;
	page_begin(&rs->body, &p);
	html_lit(&rs->body, "<h1>");
	html_text(&rs->body, survey_text_get(&s->title, rq->lang));
	html_lit(&rs->body, "</h1>\n<p class=\"notice\">");
	html_text(&rs->body, _("This consultation is by invitation only, and answering it online with an invitation code is not available yet. Contact the council for a paper copy."));
	html_lit(&rs->body, "</p>\n");
	page_end(&rs->body, &p);
}

/* The form, with the values and error messages of a failed attempt if any. */
static void render_form(struct req *rq, struct resp *rs, const struct survey *s,
                        const struct http_params *values, const char **errors,
                        const char *banner, const char *sid)
{
	const char *path = arena_printf(rq->a, "/s/%s", s->id);
	const char *title = survey_text_get(&s->title, rq->lang);
	struct page_ctx p = {rq->lang, path ? path : "/", title};
	struct buf *b = &rs->body;
	size_t nerr = 0, qi = 0;

	if (errors != NULL)
		for (size_t pi = 0; pi < s->npages; pi++)
			for (size_t k = 0; k < s->pages[pi].nquestions; k++, qi++)
				nerr += errors[qi] != NULL;
	if (nerr > 0)
		p.title = arena_printf(rq->a, "%s: %s", _("Error"), title);
	html_page(rs);
	page_begin(b, &p);
	if (banner != NULL) {
		html_lit(b, "<div class=\"notice notice-warning\" role=\"alert\"><p>");
		html_text(b, banner);
		html_lit(b, "</p></div>\n");
	}
	if (nerr > 0) {
		html_lit(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">\n<h2>");
		html_text(b, _("There is a problem"));
		html_lit(b, "</h2>\n<ul>\n");
		qi = 0;
		for (size_t pi = 0; pi < s->npages; pi++) {
			for (size_t k = 0; k < s->pages[pi].nquestions; k++, qi++) {
				if (errors[qi] == NULL)
					continue;
				html_lit(b, "<li><a href=\"#q-");
				html_text(b, s->pages[pi].questions[k].id);
				html_lit(b, "\">");
				html_text(b, errors[qi]);
				html_lit(b, "</a></li>\n");
			}
		}
		html_lit(b, "</ul>\n</div>\n");
	}
	html_lit(b, "<h1>");
	html_text(b, title);
	html_lit(b, "</h1>\n<p class=\"lead\">");
	html_text(b, survey_text_get(&s->summary, rq->lang));
	html_lit(b, "</p>\n<form method=\"post\" action=\"/s/");
	html_urlpart(b, s->id);
	html_lit(b, "\" novalidate>\n<input type=\"hidden\" name=\"sid\" value=\"");
	html_text(b, sid);
	html_lit(b, "\">\n<input type=\"hidden\" name=\"lang\" value=\"");
	html_text(b, survey_lang_code(rq->lang));
	html_lit(b, "\">\n");
	qi = 0;
	for (size_t pi = 0; pi < s->npages; pi++) {
		const struct survey_page *pg = &s->pages[pi];
		const char *heading = survey_text_get(&pg->heading, rq->lang);
		const char *intro = survey_text_get(&pg->intro, rq->lang);

		html_lit(b, "<section class=\"survey-page\">\n");
		if (heading[0] != '\0') {
			html_lit(b, "<h2>");
			html_text(b, heading);
			html_lit(b, "</h2>\n");
		}
		if (intro[0] != '\0') {
			html_lit(b, "<p>");
			html_text(b, intro);
			html_lit(b, "</p>\n");
		}
		for (size_t k = 0; k < pg->nquestions; k++, qi++)
			form_question(b, rq->a, &pg->questions[k], rq->lang, values,
			              errors ? errors[qi] : NULL);
		html_lit(b, "</section>\n");
	}
	html_lit(b, "<button type=\"submit\" class=\"button\">");
	html_text(b, _("Submit your response"));
	html_lit(b, "</button>\n</form>\n");
	page_end(b, &p);
}

void handle_survey_form(struct app *app, struct req *rq, struct resp *rs, const struct survey *s)
{
	char sid[SID_HEX + 1];
	int state = survey_state(s, time(NULL));

	(void)app;
	if (state != 0) {
		not_open_page(rq, rs, s, state);
		return;
	}
	if (s->access == SURVEY_INVITATION) {
		invitation_page(rq, rs, s);
		return;
	}
	token_hex(sid, SID_HEX / 2);
	render_form(rq, rs, s, NULL, NULL, NULL, sid);
}

/* Values of the first field called name, as a 0/1-element array. */
static size_t field_values(struct req *rq, const char *name, const char ***out)
{
	size_t n = http_param_count(&rq->form, name), j = 0;
	const char **v = arena_calloc(rq->a, n + 1, sizeof(*v));

	if (v == NULL)
		return 0;
	for (size_t i = 0; i < rq->form.n; i++)
		if (strcmp(rq->form.v[i].name, name) == 0)
			v[j++] = rq->form.v[i].value;
	*out = v;
	return j;
}

/* Gather the answer of q from the form, in the shape answer.h expects. */
static void collect_one(struct req *rq, const struct survey_question *q, struct survey_answer *ans,
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
		v = arena_calloc(rq->a, want + 1, sizeof(*v));
		if (v == NULL)
			return;
		for (size_t i = 0; i < want; i++) {
			const char *suffix;
			const char *name, *val;

			if (q->type == SQ_RANKING)
				suffix = q->choices[i].value;
			else if (q->type == SQ_DATE)
				suffix = dparts[i];
			else
				suffix = i < q->budget->nlines ? q->budget->lines[i].id : "council-tax";
			name = arena_printf(rq->a, "%s.%s", q->id, suffix);
			val = name ? http_param_get(&rq->form, name) : NULL;
			v[i] = val ? val : "";
			if (val != NULL && val[0] != '\0')
				any = 1;
		}
		n = any ? want : 0;
		break;
	}
	default:
		n = field_values(rq, q->id, &v);
		if (q->other != NULL) {
			const char *name = arena_printf(rq->a, "%s.other", q->id);

			*other = name ? http_param_get(&rq->form, name) : NULL;
		}
		break;
	}
	ans->values = v;
	ans->n = n;
}

/* The rows to store for one answered question. */
static size_t rows_for(struct req *rq, const struct survey_question *q,
                       const struct survey_answer *ans, const char *other, struct stored *out,
                       size_t max)
{
	size_t k = 0;

	if (ans->n == 0)
		return 0;
	switch (q->type) {
	case SQ_RANKING:
		for (size_t i = 0; i < ans->n && k < max; i++)
			if (ans->values[i][0] != '\0')
				out[k++] = (struct stored){arena_printf(rq->a, "%s.%s", q->id,
				                                        q->choices[i].value),
				                           0, ans->values[i]};
		return k;
	case SQ_BUDGET:
		for (size_t i = 0; i < ans->n && k < max; i++)
			out[k++] = (struct stored){
			        arena_printf(rq->a, "%s.%s", q->id,
			                     i < q->budget->nlines ? q->budget->lines[i].id : "council-tax"),
			        0, ans->values[i][0] ? ans->values[i] : "0"};
		return k;
	case SQ_DATE: {
		int d = (int)strtol(ans->values[0], NULL, 10), m = (int)strtol(ans->values[1], NULL, 10),
		    y = (int)strtol(ans->values[2], NULL, 10);

		out[k++] = (struct stored){q->id, 0, arena_printf(rq->a, "%04d-%02d-%02d", y, m, d)};
		return k;
	}
	default:
		for (size_t i = 0; i < ans->n && k < max; i++)
			if (ans->values[i][0] != '\0')
				out[k++] = (struct stored){q->id, (unsigned)i, ans->values[i]};
		if (q->other != NULL && other != NULL && other[0] != '\0' && k < max)
			out[k++] = (struct stored){arena_printf(rq->a, "%s.other", q->id), 0, other};
		return k;
	}
}

/* Store one response in one transaction; receipt filled on success. */
static enum store_err store_response(struct app *app, struct req *rq, const struct survey *s,
                                     const char *sid, const struct stored *rows, size_t nrows,
                                     char *receipt)
{
	const char *lang = survey_lang_code(rq->lang);
	enum store_err e = STORE_OK;

	for (int attempt = 0; attempt < SUBMIT_TRIES; attempt++) {
		unsigned long long rid = 0;

		token_receipt(receipt);
		e = store_begin(&app->store);
		if (e != STORE_OK)
			return e;
		struct store_arg ver[] = {STORE_STR(s->id), STORE_STR(s->version_hash)};
		e = store_exec(&app->store, ST_VERSION_ENSURE, ver, 2, NULL, NULL);
		if (e == STORE_OK) {
			struct store_arg ins[] = {STORE_STR(s->id), STORE_STR(s->version_hash),
			                          STORE_STR(receipt), STORE_STR(sid), STORE_STR(lang)};
			e = store_exec(&app->store, ST_RESPONSE_INSERT, ins, 5, NULL, &rid);
		}
		for (size_t i = 0; e == STORE_OK && i < nrows; i++) {
			struct store_arg a[] = {STORE_INT((long long)rid), STORE_STR(s->id),
			                        STORE_STR(rows[i].field), STORE_INT(rows[i].ord),
			                        STORE_STR(rows[i].value)};
			e = store_exec(&app->store, ST_ANSWER_INSERT, a, 5, NULL, NULL);
		}
		if (e == STORE_OK)
			e = store_commit(&app->store);
		else
			store_rollback(&app->store);
		if (e == STORE_OK)
			return STORE_OK;
		if (e == STORE_DUPLICATE) {
			/* The same submission id already stored: answer with its receipt.
			 * Otherwise the random receipt collided: try another. */
			struct store_rows r;
			struct store_arg q[] = {STORE_STR(sid)};
			enum store_err e2 =
			        store_query(&app->store, ST_RESPONSE_BY_SUBMISSION, q, 1, rq->a, 1, &r);

			if (e2 != STORE_OK)
				return e2;
			if (r.nrows == 1 && strcmp(STORE_CELL(&r, 0, 1), s->id) == 0) {
				snprintf(receipt, TOKEN_RECEIPT_LEN + 1, "%s", STORE_CELL(&r, 0, 0));
				return STORE_OK;
			}
			if (r.nrows == 1)
				return STORE_ERROR; /* a submission id of another survey */
			continue;
		}
		if (e != STORE_RETRY)
			return e;
	}
	return e;
}

static int sid_valid(const char *sid)
{
	if (sid == NULL || strlen(sid) != SID_HEX)
		return 0;
	for (const char *p = sid; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return 0;
	return 1;
}

void handle_survey_submit(struct app *app, struct req *rq, struct resp *rs,
                          const struct survey *s)
{
	const char *sid = http_param_get(&rq->form, "sid");
	int state = survey_state(s, time(NULL));
	size_t nq = 0, qi = 0, nerr = 0, nrows = 0, maxrows = 0;
	struct survey_answer *answers;
	struct survey_answers all;
	const char **others, **errors;
	struct stored *rows;
	char receipt[TOKEN_RECEIPT_LEN + 1];
	enum store_err e;

	if (state != 0) {
		not_open_page(rq, rs, s, state);
		return;
	}
	if (s->access == SURVEY_INVITATION) {
		invitation_page(rq, rs, s);
		return;
	}
	if (rq->content_type == NULL ||
	    strncmp(rq->content_type, "application/x-www-form-urlencoded", 33) != 0 ||
	    !sid_valid(sid)) {
		web_error(app, rq, rs, 400);
		return;
	}
	for (size_t pi = 0; pi < s->npages; pi++)
		nq += s->pages[pi].nquestions;
	answers = arena_calloc(rq->a, nq + 1, sizeof(*answers));
	others = arena_calloc(rq->a, nq + 1, sizeof(*others));
	errors = arena_calloc(rq->a, nq + 1, sizeof(*errors));
	if (answers == NULL || others == NULL || errors == NULL) {
		web_error(app, rq, rs, 413);
		return;
	}
	for (size_t pi = 0; pi < s->npages; pi++)
		for (size_t k = 0; k < s->pages[pi].nquestions; k++, qi++) {
			collect_one(rq, &s->pages[pi].questions[k], &answers[qi], &others[qi]);
			maxrows += answers[qi].n + 1;
		}
	all.v = answers;
	all.n = nq;

	rows = arena_calloc(rq->a, maxrows + 1, sizeof(*rows));
	if (rows == NULL) {
		web_error(app, rq, rs, 413);
		return;
	}
	qi = 0;
	for (size_t pi = 0; pi < s->npages; pi++) {
		for (size_t k = 0; k < s->pages[pi].nquestions; k++, qi++) {
			const struct survey_question *q = &s->pages[pi].questions[k];
			struct survey_answer_detail det;
			enum survey_answer_err ae;

			/* Answers to hidden questions are discarded, not checked. */
			if (!survey_question_shown(s, q, &all))
				continue;
			ae = survey_answer_check(q, answers[qi].values, answers[qi].n, others[qi], &det);
			if (ae != SA_OK) {
				errors[qi] = form_error_message(rq->a, q, ae, &det, rq->lang);
				nerr++;
				continue;
			}
			nrows += rows_for(rq, q, &answers[qi], others[qi], rows + nrows, maxrows - nrows);
		}
	}
	if (nerr > 0) {
		render_form(rq, rs, s, &rq->form, errors, NULL, sid);
		rs->status = 422;
		return;
	}
	e = store_response(app, rq, s, sid, rows, nrows, receipt);
	if (e != STORE_OK) {
		/* Keep what the resident typed: the same form, with a banner. */
		render_form(rq, rs, s, &rq->form, NULL,
		            _("Sorry, we could not save your response just now. Nothing has been lost: wait a minute and press the button again."),
		            sid);
		rs->status = 503;
		resp_header(rs, "Retry-After", "30");
		return;
	}
	/* Post/redirect/get: the receipt travels in a signed, short-lived cookie. */
	{
		const char *msg = arena_printf(rq->a, "%s.%s", s->id, receipt);
		char tag[65];
		const char *cookie, *loc;

		token_sign(app->key, msg, tag);
		cookie = arena_printf(rq->a, "yv_done=%s.%s; Path=/s/%s/done; Max-Age=3600; HttpOnly; SameSite=Lax%s",
		                      msg, tag, s->id, rq->https ? "; Secure" : "");
		loc = arena_printf(rq->a, "/s/%s/done", s->id);
		resp_header(rs, "Set-Cookie", cookie);
		resp_header(rs, "Location", loc);
		rs->status = 303;
		rs->content_type = "text/plain; charset=utf-8";
		buf_puts(&rs->body, receipt);
		buf_puts(&rs->body, "\n");
	}
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
	html_page(rs);
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
