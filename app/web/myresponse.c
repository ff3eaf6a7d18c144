/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * myresponse: /my-response, where a resident uses a receipt code to see
 * what is stored for it, download it as JSON (subject access) or withdraw
 * the response while the survey is open. Codes are unguessable; a wrong
 * code gets the same answer whether or not any code like it exists, and
 * tries are rate-limited per client network (web_rate_limit).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/i18n.h"
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
	html_lit(b, "<form method=\"post\" action=\"/my-response\" novalidate>\n<input "
		    "type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, session_csrf(app, rq, sess));
	html_lit(b, "\">\n<input type=\"hidden\" name=\"lang\" value=\"");
	html_text(b, survey_lang_code(rq->lang));
	html_lit(b, "\">\n<input type=\"hidden\" name=\"receipt\" value=\"");
	html_text(b, f->receipt);
	html_lit(b, "\">\n<h2>");
	html_text(b, _("Download what we hold"));
	html_lit(b, "</h2>\n<p>");
	html_text(b, _("A file with everything stored for this receipt code, in JSON format."));
	html_lit(b, "</p>\n<button type=\"submit\" class=\"button button-secondary\" "
		    "name=\"action\" value=\"download\">");
	html_text(b, _("Download your response"));
	html_lit(b, "</button>\n");
	if (!withdrawn && open) {
		html_lit(b, "<h2>");
		html_text(b, _("Withdraw your response"));
		html_lit(b, "</h2>\n<p>");
		html_text(b, _("Your answers will be deleted and not counted in the results. This "
			       "cannot be undone."));
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
	html_lit(b, "</form>\n");
	page_end(b, &p);
}

static void download(struct app *app, struct req *rq, struct resp *rs, const struct found *f)
{
	struct responses_answer *v;
	size_t n;
	json_t *root, *answers;
	char *text;

	if (responses_answers(&app->store, rq->a, f->id, &v, &n) != STORE_OK) {
		web_error(app, rq, rs, 503);
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
		json_t *o = json_object();

		json_object_set_new(o, "field", json_string(v[i].field));
		json_object_set_new(o, "ord", json_integer((json_int_t)v[i].ord));
		json_object_set_new(o, "value", json_string(v[i].value));
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
	resp_header(rs, "Cache-Control", "no-store");
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
	if (action != NULL && strcmp(action, "download") == 0) {
		download(app, rq, rs, &f);
		return;
	}
	if (action != NULL && strcmp(action, "withdraw") == 0) {
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
