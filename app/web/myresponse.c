/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * myresponse: /my-response, where a resident uses a receipt code to see
 * what is stored for it (the questions and answers in their language, as
 * check your answers showed them), download it as JSON or CSV (subject
 * access: question text and answer labels beside the ids) or withdraw the
 * response while the survey is open, after a second page that asks "are
 * you sure?" (only its own POST withdraws). Codes are unguessable; a wrong
 * code gets the same answer whether or not any code like it exists, and
 * tries are rate-limited per client network (web_rate_limit).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/csv.h"
#include "core/i18n.h"
#include "render/form.h"
#include "render/html.h"
#include "render/page.h"
#include "store/responses.h"
#include "web/handlers.h"
#include "web/session.h"

#define RECEIPT_TRIES_PER_WINDOW 10
#define RECEIPT_WINDOW_SECONDS 600

struct found {
	long long id;
	const struct survey *s; /* NULL if the survey is no longer loaded */
	const char *survey_id, *lang, *channel, *status, *submitted_at;
	char receipt[TOKEN_RECEIPT_LEN + 1];
};

static void form_page(struct app *app, struct req *rq, struct resp *rs, struct session *sess,
		      const char *error, const char *typed)
{
	struct page_ctx p = {rq->lang, "/my-response", _("Your response")};
	struct html *b = html_over(&rs->body);

	resp_html(rs);
	if (error != NULL) {
		rs->status = 422;
		p.title = arena_printf(rq->a, "%s: %s", _("Error"), _("Your response"));
	}
	page_begin(b, &p);
	if (error != NULL) {
		page_errors_begin(b);
		page_error_item(b, "#f-receipt", NULL, error);
		page_errors_end(b);
	}
	html_lit(b, "<h1>");
	html_text(b, _("See, download or withdraw your response"));
	html_lit(b, "</h1>\n<p>");
	html_text(b, _("Type the receipt code you were given when you sent your response."));
	html_lit(b, "</p>\n<form method=\"post\" action=\"/my-response\" novalidate>\n"
		    "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, session_csrf(app, rq, sess));
	html_lit(b, "\">\n<input type=\"hidden\" name=\"lang\" value=\"");
	html_text(b, survey_lang_code(rq->lang));
	html_lit(b, "\">\n<div class=\"question");
	if (error != NULL)
		html_lit(b, " question-error");
	html_lit(b, "\">\n<label class=\"question-label\" for=\"f-receipt\">");
	html_text(b, _("Receipt code"));
	html_lit(b, "</label>\n<div class=\"hint\" id=\"hint-receipt\">");
	html_text(b, _("For example ABCD-EFGH-JKMN."));
	html_lit(b, "</div>\n");
	if (error != NULL) {
		html_lit(b, "<p class=\"error-message\" id=\"error-receipt\"><span "
			    "class=\"visually-hidden\">");
		html_text(b, _("Error:"));
		html_lit(b, "</span> ");
		html_text(b, error);
		html_lit(b, "</p>\n");
	}
	html_lit(b, "<input type=\"text\" name=\"receipt\" id=\"f-receipt\" autocomplete=\"off\" "
		    "spellcheck=\"false\" value=\"");
	html_text(b, typed ? typed : "");
	html_lit(b, "\" aria-describedby=\"hint-receipt");
	if (error != NULL)
		html_lit(b, " error-receipt");
	html_lit(b, "\">\n</div>\n<button type=\"submit\" class=\"button\" name=\"action\" "
		    "value=\"show\">");
	html_text(b, _("Continue"));
	html_lit(b, "</button>\n</form>\n");
	page_end(b, &p);
}

/*
 * The response behind the typed receipt code. 1 found, 0 not found (or
 * malformed), -1 database unavailable, -2 too many tries from this network.
 */
static int lookup(struct app *app, struct req *rq, struct resp *rs, const char *typed,
		  struct found *f)
{
	struct responses_row row;
	enum store_err e;
	int limited = web_rate_limit(app, rq, rs, "receipt", RECEIPT_TRIES_PER_WINDOW,
				     RECEIPT_WINDOW_SECONDS);

	if (limited < 0)
		return -1;
	if (limited > 0)
		return -2;
	if (typed == NULL || strlen(typed) > 40 || token_receipt_normalise(typed, f->receipt) != 0)
		return 0;
	{
		/* only a keyed hash of each receipt is stored (token.h) */
		char h[65];

		token_code_hash(app->key, f->receipt, h);
		e = responses_by_receipt(&app->store, rq->a, h, &row);
	}
	if (e == STORE_NOT_FOUND)
		return 0;
	if (e != STORE_OK)
		return -1;
	f->id = row.id;
	f->survey_id = row.survey_id;
	f->lang = row.lang;
	f->channel = row.channel;
	f->status = row.status;
	f->submitted_at = row.submitted_at;
	f->s = survey_set_find(app->surveys, f->survey_id);
	return 1;
}

/* ---------- answers in words ---------- */

/* One stored answer row in words: the question it belongs to, the item of
 * the question it is about (a ranked option, a budget line; "" for none)
 * and the answer as the resident read it. */
struct readable {
	const struct survey_question *q;
	const char *item;
	const char *answer;
};

static const char *option_label(const struct survey_question *q, const char *value, enum yv_lang l)
{
	for (size_t i = 0; i < q->nchoices; i++)
		if (strcmp(q->choices[i].value, value) == 0)
			return survey_text_get(&q->choices[i].label, l);
	return value;
}

/* The question of a stored field ("qid" or "qid.<part>") and its part. */
static const struct survey_question *question_of(const struct survey *s, const char *field,
						 const char **part)
{
	const char *dot = strchr(field, '.');
	char qid[80];
	size_t n = dot ? (size_t)(dot - field) : strlen(field);

	*part = dot ? dot + 1 : NULL;
	if (s == NULL || n == 0 || n >= sizeof(qid))
		return NULL;
	memcpy(qid, field, n);
	qid[n] = '\0';
	return survey_find_question(s, qid);
}

/* Words for one stored row a (see journey_submit.c for how rows are
 * stored: ranks per option, budget changes per line, dates as ISO). */
static struct readable readable_of(struct arena *a, const struct survey *s,
				   const struct responses_answer *v, enum yv_lang l)
{
	struct readable r = {NULL, "", v->value};
	const char *part;
	const struct survey_question *q = question_of(s, v->field, &part);

	if (q == NULL)
		return r;
	r.q = q;
	switch (q->type) {
	case SQ_CHOICE:
	case SQ_MULTI:
		if (part != NULL && strcmp(part, "other") == 0)
			r.item = _("Please specify");
		else
			r.answer = option_label(q, v->value, l);
		break;
	case SQ_SCALE:
		r.answer = strcmp(v->value, "dont-know") == 0
			       ? _("Don't know")
			       : arena_printf(a, "%s / %d", v->value, q->scale_max);
		break;
	case SQ_RANKING:
		if (part != NULL)
			r.item = option_label(q, part, l);
		break;
	case SQ_BUDGET:
		if (part != NULL && q->budget != NULL) {
			r.item = strcmp(part, "council-tax") == 0
				     ? survey_text_get(&q->budget->ct_label, l)
				     : part;
			for (size_t i = 0; i < q->budget->nlines; i++)
				if (strcmp(q->budget->lines[i].id, part) == 0)
					r.item = survey_text_get(&q->budget->lines[i].label, l);
			r.answer = arena_printf(
			    a, "%s%s%%",
			    v->value[0] != '-' && strcmp(v->value, "0") != 0 ? "+" : "", v->value);
		}
		break;
	case SQ_DATE:
		r.answer = form_date_text(a, v->value, l);
		break;
	case SQ_POSTCODE: {
		char pc[16];

		if (survey_postcode_normalise(v->value, pc, sizeof(pc)) == 0)
			r.answer = arena_strdup(a, pc);
		break;
	}
	default:
		break;
	}
	if (r.answer == NULL)
		r.answer = v->value;
	return r;
}

/* The stored rows of f's response; -1 when the database is not there. */
static int answers_of(struct app *app, struct req *rq, const struct found *f,
		      struct responses_answer **v, size_t *n)
{
	return responses_answers(&app->store, rq->a, f->id, v, n) == STORE_OK ? 0 : -1;
}

/* The answers as check your answers showed them: the questions in survey
 * order, each with its answers (an item's rows as "item: answer"). */
static void answers_list(struct html *b, struct arena *a, const struct found *f,
			 const struct responses_answer *v, size_t n, enum yv_lang l)
{
	const struct survey *s = f->s;
	struct readable *r = arena_calloc(a, n + 1, sizeof(*r));
	int any = 0;

	if (r == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		r[i] = readable_of(a, s, &v[i], l);
	html_lit(b, "<h2>");
	html_text(b, _("Your answers"));
	html_lit(b, "</h2>\n");
	for (size_t p = 0; s != NULL && p < s->npages; p++)
		for (size_t k = 0; k < s->pages[p].nquestions; k++) {
			const struct survey_question *q = &s->pages[p].questions[k];
			int first = 1;
			/* a ranking is listed in its order, "1. Schools", as on check
			 * your answers; other answers as stored */
			int ranking = q->type == SQ_RANKING;
			size_t passes = ranking ? q->nchoices : 1;

			for (size_t i = 0, pass = 1; pass <= passes; i++) {
				if (i == n) {
					i = (size_t)-1;
					pass++;
					continue;
				}
				if (r[i].q != q ||
				    (ranking && strtoul(v[i].value, NULL, 10) != pass))
					continue;
				if (!any)
					html_lit(b, "<dl class=\"summary-list\" id=\"answers\">\n");
				any = 1;
				if (first) {
					html_lit(b, "<div class=\"summary-row\"><dt>");
					html_text(b, survey_text_get(&q->label, l));
					html_lit(b, "</dt><dd class=\"summary-value\">");
				} else {
					html_lit(b, "<br>");
				}
				first = 0;
				if (ranking) {
					html_int(b, (long long)pass);
					html_lit(b, ". ");
					html_text(b, r[i].item);
					continue;
				}
				if (r[i].item[0] != '\0') {
					html_text(b, r[i].item);
					html_lit(b, ": ");
				}
				html_text(b, r[i].answer);
			}
			if (!first)
				html_lit(b, "</dd></div>\n");
		}
	if (any) {
		html_lit(b, "</dl>\n");
		return;
	}
	html_lit(b, "<p>");
	html_text(b, n > 0 ? _("This consultation is no longer on the site, so its answers can "
			       "only be downloaded.")
			   : _("No answers are stored for this response."));
	html_lit(b, "</p>\n");
}

/* The hidden fields of every form about f. */
static void found_fields(struct html *b, struct app *app, struct req *rq, struct session *sess,
			 const struct found *f)
{
	html_lit(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, session_csrf(app, rq, sess));
	html_lit(b, "\">\n<input type=\"hidden\" name=\"lang\" value=\"");
	html_text(b, survey_lang_code(rq->lang));
	html_lit(b, "\">\n<input type=\"hidden\" name=\"receipt\" value=\"");
	html_text(b, f->receipt);
	html_lit(b, "\">\n");
}

static void summary_page(struct app *app, struct req *rq, struct resp *rs, struct session *sess,
			 const struct found *f, const char *notice)
{
	struct page_ctx p = {rq->lang, "/my-response", _("Your response")};
	struct html *b = html_over(&rs->body);
	int open = f->s != NULL && survey_state_at(f->s, time(NULL)) == SURVEY_OPEN;
	int withdrawn = strcmp(f->status, "withdrawn") == 0;

	resp_html(rs);
	page_begin(b, &p);
	page_status(b, notice);
	html_lit(b, "<h1>");
	html_text(b, _("Your response"));
	html_lit(b, "</h1>\n<dl class=\"summary-list\">\n<div class=\"summary-row\"><dt>");
	html_text(b, _("Consultation"));
	html_lit(b, "</dt><dd class=\"summary-value\">");
	html_text(b, f->s ? survey_text_get(&f->s->title, rq->lang) : f->survey_id);
	html_lit(b, "</dd></div>\n<div class=\"summary-row\"><dt>");
	html_text(b, _("Receipt code"));
	html_lit(b, "</dt><dd class=\"summary-value\" id=\"receipt\">");
	html_text(b, f->receipt);
	html_lit(b, "</dd></div>\n<div class=\"summary-row\"><dt>");
	html_text(b, _("Sent"));
	html_lit(b, "</dt><dd class=\"summary-value\">");
	html_text(b, f->submitted_at);
	html_lit(b, "</dd></div>\n<div class=\"summary-row\"><dt>");
	html_text(b, _("Status"));
	html_lit(b, "</dt><dd class=\"summary-value\" id=\"status\">");
	html_text(b, withdrawn ? _("Withdrawn") : _("Counted"));
	html_lit(b, "</dd></div>\n</dl>\n");
	if (!withdrawn) {
		struct responses_answer *v;
		size_t n;

		if (answers_of(app, rq, f, &v, &n) == 0)
			answers_list(b, rq->a, f, v, n, rq->lang);
	}
	html_lit(b, "<form method=\"post\" action=\"/my-response\" novalidate>\n");
	found_fields(b, app, rq, sess, f);
	html_lit(b, "<h2>");
	html_text(b, _("Download what we hold"));
	html_lit(b, "</h2>\n<p>");
	html_text(b, _("A file with everything stored for this receipt code: each question and "
		       "answer in words, with the ids the council uses. JSON is for programs, CSV "
		       "opens in a spreadsheet."));
	html_lit(b, "</p>\n<div class=\"button-group\">\n<button type=\"submit\" "
		    "class=\"button button-secondary\" name=\"action\" value=\"download\">");
	html_text(b, _("Download your response (JSON)"));
	html_lit(b, "</button>\n<button type=\"submit\" class=\"button button-secondary\" "
		    "name=\"action\" value=\"download-csv\">");
	html_text(b, _("Download your response (CSV)"));
	html_lit(b, "</button>\n</div>\n");
	if (!withdrawn && open) {
		html_lit(b, "<h2>");
		html_text(b, _("Withdraw your response"));
		html_lit(b, "</h2>\n<p>");
		html_text(b, _("Your answers will be deleted and not counted in the results. You "
			       "will be asked to confirm."));
		html_lit(b, "</p>\n<button type=\"submit\" class=\"button button-warning\" "
			    "name=\"action\" value=\"withdraw\">");
		html_text(b, _("Withdraw your response"));
		html_lit(b, "</button>\n");
	} else if (!withdrawn) {
		html_lit(b, "<p>");
		html_text(
		    b,
		    _("The consultation has closed, so the response can no longer be withdrawn."));
		html_lit(b, "</p>\n");
	}
	html_lit(b, "</form>\n<p><a href=\"/\">");
	html_text(b, _("See other consultations"));
	html_lit(b, "</a></p>\n");
	page_end(b, &p);
}

/* The second step of a withdrawal: nothing is withdrawn until this page's
 * own button is pressed (action withdraw-confirm). */
static void confirm_page(struct app *app, struct req *rq, struct resp *rs, struct session *sess,
			 const struct found *f)
{
	struct page_ctx p = {rq->lang, "/my-response",
			     _("Are you sure you want to withdraw your response?")};
	struct html *b = html_over(&rs->body);

	resp_html(rs);
	resp_header(rs, "Cache-Control", "no-store");
	page_begin(b, &p);
	html_lit(b, "<h1>");
	html_text(b, _("Are you sure you want to withdraw your response?"));
	html_lit(b, "</h1>\n<p>");
	html_text(b,
		  arena_printf(rq->a,
			       _("Your response to %s will be deleted and will not be counted in "
				 "the results. This cannot be undone."),
			       f->s ? survey_text_get(&f->s->title, rq->lang) : f->survey_id));
	html_lit(b, "</p>\n<form method=\"post\" action=\"/my-response\" novalidate>\n");
	found_fields(b, app, rq, sess, f);
	html_lit(b, "<div class=\"button-group\">\n<button type=\"submit\" class=\"button "
		    "button-warning\" name=\"action\" value=\"withdraw-confirm\">");
	html_text(b, _("Yes, withdraw my response"));
	html_lit(b, "</button>\n<button type=\"submit\" class=\"button button-secondary\" "
		    "name=\"action\" value=\"show\">");
	html_text(b, _("No, keep my response"));
	html_lit(b, "</button>\n</div>\n</form>\n");
	page_end(b, &p);
}

static void download(struct app *app, struct req *rq, struct resp *rs, const struct found *f,
		     int csv)
{
	struct responses_answer *v;
	size_t n;
	json_t *root, *answers;
	char *text;
	static const char *const cols[] = {"question_id", "question", "field",
					   "item",	  "value",    "answer"};

	if (answers_of(app, rq, f, &v, &n) != 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	resp_header(rs, "Cache-Control", "no-store");
	if (csv) {
		rs->content_type = "text/csv; charset=utf-8";
		resp_header(
		    rs, "Content-Disposition",
		    arena_printf(rq->a, "attachment; filename=\"response-%s.csv\"", f->receipt));
		for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
			if (c > 0)
				buf_puts(&rs->body, ",");
			csv_cell(&rs->body, cols[c]);
		}
		buf_puts(&rs->body, "\r\n");
		for (size_t i = 0; i < n; i++) {
			struct readable r = readable_of(rq->a, f->s, &v[i], rq->lang);
			const char *cells[6];

			cells[0] = r.q ? r.q->id : v[i].field;
			cells[1] = r.q ? survey_text_get(&r.q->label, rq->lang) : "";
			cells[2] = v[i].field;
			cells[3] = r.item;
			cells[4] = v[i].value;
			cells[5] = r.answer;
			for (size_t c = 0; c < 6; c++) {
				if (c > 0)
					buf_puts(&rs->body, ",");
				csv_cell(&rs->body, cells[c]);
			}
			buf_puts(&rs->body, "\r\n");
		}
		return;
	}
	root = json_object();
	answers = json_array();
	json_object_set_new(root, "receipt", json_string(f->receipt));
	json_object_set_new(root, "survey", json_string(f->survey_id));
	if (f->s != NULL)
		json_object_set_new(root, "survey_title",
				    json_string(survey_text_get(&f->s->title, rq->lang)));
	json_object_set_new(root, "submitted_at", json_string(f->submitted_at));
	json_object_set_new(root, "language", json_string(f->lang));
	json_object_set_new(root, "channel", json_string(f->channel));
	json_object_set_new(root, "status", json_string(f->status));
	for (size_t i = 0; i < n; i++) {
		struct readable r = readable_of(rq->a, f->s, &v[i], rq->lang);
		json_t *o = json_object();

		json_object_set_new(o, "question_id", json_string(r.q ? r.q->id : v[i].field));
		if (r.q != NULL)
			json_object_set_new(o, "question",
					    json_string(survey_text_get(&r.q->label, rq->lang)));
		json_object_set_new(o, "field", json_string(v[i].field));
		if (r.item[0] != '\0')
			json_object_set_new(o, "item", json_string(r.item));
		json_object_set_new(o, "ord", json_integer((json_int_t)v[i].ord));
		json_object_set_new(o, "value", json_string(v[i].value));
		json_object_set_new(o, "answer", json_string(r.answer));
		json_array_append_new(answers, o);
	}
	json_object_set_new(root, "answers", answers);
	text = json_dumps(root, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	json_decref(root);
	if (text == NULL) {
		web_error(app, rq, rs, 500);
		return;
	}
	rs->content_type = "application/json; charset=utf-8";
	resp_header(rs, "Content-Disposition",
		    arena_printf(rq->a, "attachment; filename=\"response-%s.json\"", f->receipt));
	buf_puts(&rs->body, text);
	buf_puts(&rs->body, "\n");
	free(text);
}

/* Withdraw f's response (store/responses.h: one transaction with its
 * answers deleted and the survey's figures to be counted again). 0 or -1. */
static int withdraw(struct app *app, struct found *f)
{
	if (responses_withdraw(&app->store, f->id, f->survey_id, NULL) != STORE_OK)
		return -1;
	f->status = "withdrawn";
	return 0;
}

void handle_my_response(struct app *app, struct req *rq, struct resp *rs)
{
	const char *action = http_param_get(&rq->form, "action");
	const char *typed = http_param_get(&rq->form, "receipt");
	struct session sess;
	struct found f;
	int rc;

	if (rq->method != M_POST) {
		session_ensure(app, rq, rs, &sess);
		form_page(app, rq, rs, &sess, NULL, NULL);
		return;
	}
	if (!session_csrf_ok(app, rq, &sess)) {
		session_ensure(app, rq, rs, &sess);
		form_page(app, rq, rs, &sess, _("Your form has expired"), NULL);
		rs->status = 403;
		return;
	}
	memset(&f, 0, sizeof(f));
	rc = lookup(app, rq, rs, typed, &f);
	if (rc == -1) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (rc == -2) {
		web_error(app, rq, rs, 429);
		return;
	}
	if (rc == 0) {
		form_page(app, rq, rs, &sess,
			  _("We could not find a response with that receipt code. Check it and try "
			    "again."),
			  typed);
		return;
	}
	if (action != NULL &&
	    (strcmp(action, "download") == 0 || strcmp(action, "download-csv") == 0)) {
		download(app, rq, rs, &f, strcmp(action, "download-csv") == 0);
		return;
	}
	if (action != NULL && strcmp(action, "withdraw") == 0 &&
	    strcmp(f.status, "withdrawn") != 0 && f.s != NULL &&
	    survey_state_at(f.s, time(NULL)) == SURVEY_OPEN) {
		/* the first step only asks: nothing is withdrawn here */
		confirm_page(app, rq, rs, &sess, &f);
		return;
	}
	if (action != NULL &&
	    (strcmp(action, "withdraw") == 0 || strcmp(action, "withdraw-confirm") == 0)) {
		if (strcmp(f.status, "withdrawn") == 0 || f.s == NULL ||
		    survey_state_at(f.s, time(NULL)) != SURVEY_OPEN) {
			summary_page(app, rq, rs, &sess, &f, NULL);
			rs->status = 409;
			return;
		}
		if (withdraw(app, &f) != 0) {
			web_error(app, rq, rs, 503);
			return;
		}
		summary_page(app, rq, rs, &sess, &f,
			     _("Your response has been withdrawn. It will not be counted, and your "
			       "answers have been deleted."));
		return;
	}
	summary_page(app, rq, rs, &sess, &f, NULL);
}
