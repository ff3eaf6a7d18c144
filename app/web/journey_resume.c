/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * journey_resume: save and come back later (journey_int.h): the page that
 * gives a resume code, emailing its link to an address the resident types,
 * and /resume, where a code opens its save in this browser once and is
 * swapped for a new one. It may use core/ (tokens, mail), survey/,
 * render/, store/saves.h, web/ rate limits and the journey's shared parts.
 */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "core/mail.h"
#include "render/html.h"
#include "render/page.h"
#include "store/saves.h"
#include "web/handlers.h"
#include "web/journey_int.h"

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
		low[n] =
		    (email[n] >= 'A' && email[n] <= 'Z') ? (char)(email[n] - 'A' + 'a') : email[n];
	low[n] = '\0';
	rc = web_rate_limit(j->app, j->rq, j->rs, "resume-mail",
			    (unsigned)j->app->cfg.resume_mail_per_hour, RESUME_WINDOW_SECONDS);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	token_sign(j->app->key, arena_printf(j->rq->a, "resume mail to:%s", low), key);
	rc = web_count_hit(j->app, j->rs, key, "resume-mail-to",
			   (unsigned)j->app->cfg.resume_mail_per_hour, RESUME_WINDOW_SECONDS);
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
	subject = arena_printf(j->rq->a, "%s: %s", _("Your saved answers"),
			       survey_text_get(&j->s->title, yl));
	body =
	    arena_printf(j->rq->a, "%s\n\n%s\n\n%s %s\n\n%s\n", _("To carry on answering, go to:"),
			 resume_link(j, code), _("Your resume code is"), code,
			 _("The code works once: when you use it, we give you a new one."));
	i18n_use(survey_lang_code(j->rq->lang));
	if (subject == NULL || body == NULL)
		return -1;
	rc = mail_send(j->app->cfg.sendmail, j->app->cfg.mail_from, to, subject, body);
	return rc == 0 ? 0 : -1;
}

/* The new code of a save, its link, and how long saves are kept. */
static void resume_code_block(struct journey *j, struct html *b, const char *code)
{
	const char *link = resume_link(j, code);

	html_lit(b, "<p>");
	html_text(b, _("Your resume code is"));
	html_lit(b, "<br><strong class=\"receipt\" id=\"resume-code\">");
	html_text(b, code);
	html_lit(b, "</strong></p>\n<p>");
	html_text(b,
		  _("To carry on, on this or another device, go to this link or type the code at"));
	html_lit(
	    b,
	    " <a href=\"/resume\">/resume</a>:</p>\n<p><a id=\"resume-link\" href=\"/resume?code=");
	html_urlpart(b, code);
	html_lit(b, "\">");
	html_text(b, link);
	html_lit(b, "</a></p>\n<p>");
	html_text(b, _("The code works once: when you use it, we give you a new one."));
	html_lit(b, " ");
	html_text(
	    b, arena_printf(j->rq->a,
			    _("We keep unfinished answers for %d days after you last saved them."),
			    j->app->cfg.partial_days));
	html_lit(b, "</p>\n");
}

/* The form that emails the link with code to an address the resident types
 * now (never one stored before: see resume_with). Nothing without a
 * configured sendmail. */
static void resume_email_form(struct journey *j, struct html *b, const char *code)
{
	if (j->app->cfg.sendmail[0] == '\0')
		return;
	html_lit(b, "<h2>");
	html_text(b, _("Email me the link"));
	html_lit(b, "</h2>\n<form method=\"post\" action=\"/s/");
	html_urlpart(b, j->s->id);
	html_lit(b, "/save\" novalidate>\n");
	journey_hidden_fields(j, b);
	html_lit(b, "<input type=\"hidden\" name=\"code\" value=\"");
	html_text(b, code);
	html_lit(b,
		 "\">\n<div class=\"question\">\n<label class=\"question-label\" for=\"f-email\">");
	html_text(b, _("Email address"));
	html_lit(b, " <span class=\"optional\">(");
	html_text(b, _("optional"));
	html_lit(b, ")</span></label>\n<div class=\"hint\" id=\"hint-email\">");
	html_text(b, _("We will only use it to send you this link and, when you send your "
		       "response, your receipt."));
	html_lit(
	    b, "</div>\n<input type=\"email\" name=\"email\" id=\"f-email\" autocomplete=\"email\" "
	       "spellcheck=\"false\" aria-describedby=\"hint-email\">\n</div>\n<button "
	       "type=\"submit\" class=\"button button-secondary\">");
	html_text(b, _("Send the link"));
	html_lit(b, "</button>\n</form>\n");
}

void journey_save_page(struct journey *j)
{
	char code[TOKEN_RECEIPT_LEN + 1], hash[65];
	const char *path = arena_printf(j->rq->a, "/s/%s", j->s->id);
	struct page_ctx p = {j->rq->lang, path ? path : "/", _("Your answers have been saved")};
	struct html *b = html_over(&j->rs->body);

	token_receipt(code);
	token_code_hash(j->app->key, code, hash);
	if (saves_set_resume(&j->app->store, j->partial_id, hash) != STORE_OK) {
		journey_unavailable(j);
		return;
	}
	resp_html(j->rs);
	page_begin(b, &p);
	journey_caption(j, b);
	html_lit(b, "<h1>");
	html_text(b, _("Your answers have been saved"));
	html_lit(b, "</h1>\n");
	resume_code_block(j, b, code);
	resume_email_form(j, b, code);
	html_lit(b, "<p><a href=\"");
	html_text(b, journey_page_path(j, j->page_index));
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
	back = journey_page_path(&j, j.page_index);
	if (!j.have_partial || code == NULL || strlen(code) > 40 ||
	    token_receipt_normalise(code, norm) != 0) {
		journey_expired_form(&j);
		return;
	}
	token_code_hash(app->key, norm, hash);
	e = saves_by_resume(&app->store, rq->a, hash, &found);
	if (e != STORE_OK && e != STORE_NOT_FOUND) {
		journey_unavailable(&j);
		return;
	}
	if (e == STORE_NOT_FOUND || found.id != j.partial_id) {
		journey_expired_form(&j);
		return;
	}
	if (email == NULL || !survey_email_ok(email)) {
		journey_message(
		    &j, 422, _("Enter an email address in the right format, like name@example.com"),
		    _("Your answers are saved. Keep your resume code, or go back and type your "
		      "email address again."),
		    back, _("Carry on answering now"));
		return;
	}
	allowed = resume_mail_allowed(&j, email);
	if (allowed < 0) {
		journey_unavailable(&j);
		return;
	}
	if (allowed == 0) {
		journey_message(&j, 429, _("We cannot send more emails just now"),
				_("We have sent as many links as we can to this address, or from "
				  "your network, for the moment. Your answers are saved: keep your "
				  "resume code, or try again in an hour."),
				back, _("Carry on answering now"));
		return;
	}
	if (saves_set_email(&app->store, j.partial_id, email) != STORE_OK) {
		journey_unavailable(&j);
		return;
	}
	if (resume_mail_send(&j, email, survey_lang_code(rq->lang), norm) != 0) {
		journey_message(
		    &j, 503, _("Sorry, we could not send the email"),
		    _("Your answers are saved. Keep your resume code and try again later."), back,
		    _("Carry on answering now"));
		return;
	}
	journey_message(&j, 200, _("We have sent you the link"),
			_("Check your email. If it has not arrived in a few minutes, check your "
			  "spam folder. Your resume code works too."),
			back, _("Carry on answering now"));
}

/* The form that resumes with a code: prefilled when the code came in a
 * link. error: shown above it, or NULL. */
static void resume_form(struct journey *j, const char *code, const char *error)
{
	struct page_ctx p = {j->rq->lang, "/resume", _("Carry on with your saved answers")};
	struct html *b = html_over(&j->rs->body);

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
			 ? _("Check the code, then press Continue to open these saved answers in "
			     "this browser. Nothing changes until you do.")
			 : _("Type the resume code you were given when you saved your answers."));
	html_lit(b, "</p>\n<form method=\"post\" action=\"/resume\" novalidate>\n");
	journey_hidden_fields(j, b);
	html_lit(b, "<div class=\"question\">\n<label class=\"question-label\" for=\"f-code\">");
	html_text(b, _("Resume code"));
	html_lit(b, "</label>\n<div class=\"hint\" id=\"hint-code\">");
	html_text(b,
		  _("You were given it when you saved your answers, for example ABCD-EFGH-JKMN."));
	html_lit(b,
		 "</div>\n<input type=\"text\" name=\"code\" id=\"f-code\" autocomplete=\"off\" "
		 "spellcheck=\"false\" maxlength=\"40\" aria-describedby=\"hint-code\" value=\"");
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
	struct page_ctx p = {j->rq->lang, "/resume",
			     _("You already have saved answers in this browser")};
	struct html *b = html_over(&j->rs->body);

	resp_html(j->rs);
	page_begin(b, &p);
	journey_caption(j, b);
	html_lit(b, "<h1>");
	html_text(b, _("You already have saved answers in this browser"));
	html_lit(b, "</h1>\n<p>");
	html_text(
	    b,
	    _("This browser holds answers to this consultation, and the resume code opens another "
	      "set. Only one set can be kept here. Which do you want to carry on with?"));
	html_lit(b, "</p>\n<form method=\"post\" action=\"/resume\" novalidate>\n");
	journey_hidden_fields(j, b);
	html_lit(b, "<input type=\"hidden\" name=\"code\" value=\"");
	html_text(b, code);
	html_lit(b, "\">\n<button type=\"submit\" class=\"button\" name=\"keep\" value=\"mine\" "
		    "id=\"keep-mine\">");
	html_text(b, _("Keep the answers in this browser"));
	html_lit(b, "</button>\n<button type=\"submit\" class=\"button button-secondary\" "
		    "name=\"keep\" value=\"code\" id=\"keep-code\">");
	html_text(b,
		  _("Use the answers saved under the code, and delete the ones in this browser"));
	html_lit(b, "</button>\n</form>\n");
	page_end(b, &p);
}

/* The save is open in this browser: its new code fresh (shown, never
 * emailed), and the way on to its furthest page. */
static void resume_opened(struct journey *j, const char *fresh, size_t page)
{
	struct page_ctx p = {j->rq->lang, "/resume", _("Your answers are open in this browser")};
	struct html *b = html_over(&j->rs->body);

	resp_html(j->rs);
	page_begin(b, &p);
	journey_caption(j, b);
	html_lit(b, "<h1>");
	html_text(b, _("Your answers are open in this browser"));
	html_lit(b, "</h1>\n<p>");
	html_text(b, _("The code you used no longer works. Here is a new one for next time."));
	html_lit(b, "</p>\n");
	resume_code_block(j, b, fresh);
	html_lit(b, "<p id=\"resume-not-emailed\">");
	html_text(b, _("We have not emailed this new code to anyone. To have it emailed to you, "
		       "give your email address below."));
	html_lit(b, "</p>\n");
	resume_email_form(j, b, fresh);
	html_lit(b, "<p><a class=\"button\" id=\"resume-continue\" href=\"");
	html_text(b, journey_page_path(j, page));
	html_lit(b, "\">");
	html_text(b, _("Carry on answering now"));
	html_lit(b, "</a></p>\n");
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
	char norm[TOKEN_RECEIPT_LEN + 1], hash[65], fresh[TOKEN_RECEIPT_LEN + 1], fresh_hash[65],
	    all[65];
	struct saves_resume found;
	size_t page;
	long long id;
	int lim, used = 0;
	enum store_err e;

	if (!journey_csrf_ok(&j)) {
		journey_session_start(&j);
		resume_form(&j, typed,
			    _("For your security, this form can only be sent from the page it came "
			      "from, with cookies turned on. Press Continue again."));
		rs->status = 403;
		return;
	}
	lim = web_rate_limit(app, rq, rs, "resume", (unsigned)app->cfg.resume_per_hour,
			     RESUME_WINDOW_SECONDS);
	if (lim == 0) {
		token_sign(app->key, "resume: all networks", all);
		lim = web_count_hit(app, rs, all, "resume-all",
				    (unsigned)app->cfg.resume_per_hour_all, RESUME_WINDOW_SECONDS);
	}
	if (lim != 0) {
		web_error(app, rq, rs, lim < 0 ? 503 : 429);
		return;
	}
	if (typed == NULL || strlen(typed) > 40 || token_receipt_normalise(typed, norm) != 0) {
		resume_form(&j, typed,
			    _("We could not find saved answers for that code. Check the code and "
			      "try again. Codes look like ABCD-EFGH-JKMN."));
		rs->status = 404;
		return;
	}
	token_code_hash(app->key, norm, hash);
	e = saves_by_resume(&app->store, rq->a, hash, &found);
	if (e != STORE_OK && e != STORE_NOT_FOUND) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (e == STORE_NOT_FOUND ||
	    (j.s = survey_set_find(app->surveys, found.survey_id)) == NULL) {
		resume_form(&j, typed,
			    _("We could not find saved answers for that code. Check the code and "
			      "try again. Codes look like ABCD-EFGH-JKMN."));
		rs->status = 404;
		return;
	}
	if (!found.live) {
		journey_message(&j, 410, _("Your saved answers have expired"),
				_("We delete unfinished answers some time after they were last "
				  "saved. You can start the consultation again."),
				arena_printf(rq->a, "/s/%s", j.s->id), _("Go to the consultation"));
		return;
	}
	id = found.id;
	page = found.page_index;
	/* Never drop this browser's own save without asking. */
	if (journey_partial_load(&j) != STORE_OK) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (j.cookie_refused) {
		journey_cookie_refused(&j);
		return;
	}
	if (j.have_partial && j.partial_id != id) {
		if (keep != NULL && strcmp(keep, "mine") == 0) {
			journey_redirect(rs, journey_page_path(&j, j.page_index));
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
		resume_form(&j, typed,
			    _("We could not find saved answers for that code. Check the code and "
			      "try again. Codes look like ABCD-EFGH-JKMN."));
		rs->status = 404;
		return;
	}
	/* The resumed save is this browser's state now, not a sealed one. */
	journey_cookie_clear(&j);
	resume_opened(&j, fresh, page);
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
	journey_session_start(&j);
	if (code != NULL && code[0] != '\0' && !token_receipt_valid(code)) {
		resume_form(&j, NULL,
			    _("We could not find saved answers for that code. Check the code and "
			      "try again. Codes look like ABCD-EFGH-JKMN."));
		rs->status = 404;
		return;
	}
	resume_form(&j, code, NULL);
}
