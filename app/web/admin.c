/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * admin: what every page family under /admin shares: the signed-in
 * account of a request (sessions), sign-in and sign-out, the anti-forgery
 * token of officers' forms, the audit wrappers, who may see which survey,
 * and the 403 page. The router (route.c) loads the account and checks the
 * token before any /admin handler runs.
 *
 * Sign-in sessions: a random cookie (yv_admin: HttpOnly, SameSite=Strict,
 * Path=/admin, Secure over HTTPS) made anew at every sign-in, so a cookie
 * planted before sign-in is worthless; the database keeps its SHA-256 and
 * ends it after USERS_SESSION_IDLE_SECONDS without use (and
 * USERS_SESSION_MAX_SECONDS after sign-in in any case). Every form carries a token
 * derived from the session. Failed sign-ins are limited per user name and
 * per network; every sign-in, failure and sign-out is audited.
 *
 * Uses store/ (sessions, users, audit), render/, web/resp.c and
 * web/session.c; included by route.c, routes.c and the page families.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "render/html.h"
#include "render/page.h"
#include "store/audit.h"
#include "store/sessions.h"
#include "store/users.h"
#include "web/admin.h"
#include "web/session.h"

#define LOGIN_TRIES_PER_USER 5		 /* a user name, from one network */
#define LOGIN_TRIES_PER_USER_ANYWHERE 20 /* a user name, from all networks together */
#define LOGIN_TRIES_PER_NETWORK 30	 /* any user names, from one network */
#define LOGIN_WINDOW_SECONDS 900

int admin_audit_as(struct app *app, long long user_id, const char *username, const char *action,
		   const char *survey_id, const char *detail)
{
	struct audit_actor who = {user_id, username};

	return audit_add(&app->store, &who, action, survey_id, detail);
}

int admin_load(struct app *app, struct req *rq, struct admin *ad)
{
	const char *c = http_param_get(&rq->cookies, "yv_admin");
	struct session_account acc;
	int rc;

	memset(ad, 0, sizeof(*ad));
	if (!session_hex_valid(c, SESSION_HEX))
		return 0;
	memcpy(ad->sid, c, SESSION_HEX + 1);
	token_sha256(ad->sid, ad->sid_hash);
	rc = sessions_get(&app->store, rq->a, ad->sid_hash, USERS_SESSION_IDLE_SECONDS,
			  USERS_SESSION_MAX_SECONDS, &acc);
	if (rc <= 0)
		return rc;
	ad->user_id = acc.user_id;
	ad->username = acc.username;
	ad->role = acc.role;
	ad->display = acc.display;
	ad->officer = strcmp(ad->role, "officer") == 0;
	ad->surveys = acc.surveys;
	ad->nsurveys = acc.nsurveys;
	return 1;
}

int admin_may(const struct admin *ad, const char *survey_id)
{
	if (ad->surveys == NULL)
		return 1;
	for (size_t i = 0; i < ad->nsurveys; i++)
		if (strcmp(ad->surveys[i], survey_id) == 0)
			return 1;
	return 0;
}

const char *admin_form_token(struct app *app, struct req *rq, const struct admin *ad)
{
	char tag[65];

	token_sign(app->key, arena_printf(rq->a, "admin:%s", ad->sid), tag);
	return arena_strdup(rq->a, tag);
}

int admin_token_ok(struct app *app, struct req *rq, const struct admin *ad)
{
	const char *t = http_param_get(&rq->form, "csrf");

	return t != NULL && token_verify(app->key, arena_printf(rq->a, "admin:%s", ad->sid), t);
}

void admin_signin_page(struct app *app, struct req *rq, struct resp *rs, const char *error,
		       const char *typed)
{
	struct session sess;
	struct page_ctx p = {rq->lang, "/admin", _("Sign in")};
	struct html *b = html_over(&rs->body);

	session_ensure(app, rq, rs, &sess);
	if (error != NULL) {
		rs->status = 422;
		p.title = arena_printf(rq->a, "%s: %s", _("Error"), _("Sign in"));
	}
	resp_html(rs);
	page_begin(html_over(&rs->body), &p);
	if (error != NULL) {
		page_errors_begin(b);
		page_error_item(b, "#f-username", NULL, error);
		page_errors_end(b);
	}
	html_lit(b, "<h1>");
	html_text(b, _("Sign in to manage consultations"));
	html_lit(b, "</h1>\n<p>");
	html_text(b, _("For council officers and councillors. Residents do not need an account."));
	html_lit(b, "</p>\n<form method=\"post\" action=\"/admin/sign-in\" novalidate>\n<input "
		    "type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, session_csrf(app, rq, &sess));
	html_lit(b, "\">\n<input type=\"hidden\" name=\"lang\" value=\"");
	html_text(b, survey_lang_code(rq->lang));
	html_lit(
	    b, "\">\n<div class=\"question\"><label class=\"question-label\" for=\"f-username\">");
	html_text(b, _("User name"));
	html_lit(b, "</label>\n<input type=\"text\" name=\"username\" id=\"f-username\" "
		    "autocomplete=\"username\" spellcheck=\"false\" value=\"");
	html_text(b, typed ? typed : "");
	html_lit(b, "\"></div>\n<div class=\"question\"><label class=\"question-label\" "
		    "for=\"f-password\">");
	html_text(b, _("Password"));
	html_lit(
	    b,
	    "</label>\n<input type=\"password\" name=\"password\" id=\"f-password\" "
	    "autocomplete=\"current-password\"></div>\n<button type=\"submit\" class=\"button\">");
	html_text(b, _("Sign in"));
	html_lit(b, "</button>\n</form>\n");
	page_end(b, &p);
}

/*
 * Sign-in attempts are counted before the password is checked, so that
 * guesses sent at once cannot all pass a count taken before any failed,
 * and a success takes its hit back: only failures count. Three counters:
 * one user name from one network, the same name from all networks
 * together (a guesser spread over many networks), and one network over all
 * names. 1 when one is over its limit, 0 when none, -1 on a database error;
 * with refund, takes the hits back.
 */
static int login_count(struct app *app, struct req *rq, const char *user, int refund)
{
	char net[65], anywhere[65];
	const char *ubucket = arena_printf(rq->a, "login:%s", user);
	const struct {
		const char *key, *bucket;
		unsigned limit;
	} c[] = {
	    {net, ubucket, LOGIN_TRIES_PER_USER},
	    {anywhere, ubucket, LOGIN_TRIES_PER_USER_ANYWHERE},
	    {net, "login-net", LOGIN_TRIES_PER_NETWORK},
	};
	int over = 0;

	web_network_key(app, rq, net);
	token_sign(app->key, "login: all networks", anywhere);
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		if (refund) {
			web_count_refund(app, c[i].key, c[i].bucket, LOGIN_WINDOW_SECONDS);
			continue;
		}
		switch (web_count_hit(app, NULL, c[i].key, c[i].bucket, c[i].limit,
				      LOGIN_WINDOW_SECONDS)) {
		case 0:
			break;
		case 1:
			over = 1;
			break;
		default:
			return -1;
		}
	}
	return over;
}

void admin_sign_in_refused(struct app *app, struct req *rq, struct resp *rs,
			   const struct route_parts *rp)
{
	(void)rp;
	admin_signin_page(app, rq, rs, _("Your form has expired"), NULL);
	rs->status = 403;
}

/* POST /admin/sign-in: the router has checked the form's token and the
 * fields (username: a valid user name; password: at most 256 bytes). */
void admin_sign_in(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	/* A valid Argon2id string of a random password: checked when the user
	 * does not exist, so a wrong name takes as long as a wrong password. */
	static char dummy[USERS_HASH_MAX];
	const char *user = route_value(rp, "username");
	const char *pw = route_value(rp, "password");
	struct user_login u;
	int found, ok;

	if (user == NULL || pw == NULL) {
		admin_signin_page(app, rq, rs, _("The user name or password is not right"),
				  route_sent(rp, "username"));
		return;
	}
	switch (login_count(app, rq, user, 0)) {
	case 0:
		break;
	case 1: {
		char retry[16];

		admin_audit_as(app, 0, user, "sign-in-refused", NULL, "too many failed attempts");
		snprintf(retry, sizeof(retry), "%d", LOGIN_WINDOW_SECONDS);
		resp_header(rs, "Retry-After", retry);
		web_error(app, rq, rs, 429);
		return;
	}
	default:
		web_error(app, rq, rs, 503);
		return;
	}
	found = users_login_get(&app->store, rq->a, user, &u);
	if (found < 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (dummy[0] == '\0') {
		char rnd[33];

		token_hex(rnd, 16);
		users_hash_password(rnd, dummy);
	}
	ok = users_check_password(found ? u.hash : dummy, pw) && found && !u.disabled;
	if (!ok) {
		admin_audit_as(app, found ? u.id : 0, user, "sign-in-failed", NULL, NULL);
		admin_signin_page(app, rq, rs, _("The user name or password is not right"), user);
		return;
	}
	{
		char sid[SESSION_HEX + 1], sid_hash[65];

		/* A new session at every sign-in: no fixation. */
		token_hex(sid, SESSION_HEX / 2);
		token_sha256(sid, sid_hash);
		if (sessions_add(&app->store, sid_hash, u.id) != STORE_OK) {
			web_error(app, rq, rs, 503);
			return;
		}
		login_count(app, rq, user, 1);
		admin_audit_as(app, u.id, user, "sign-in", NULL, NULL);
		resp_header(rs, "Set-Cookie",
			    arena_printf(rq->a,
					 "yv_admin=%s; Path=/admin; HttpOnly; SameSite=Strict%s",
					 sid, rq->https ? "; Secure" : ""));
		rs->status = 303;
		resp_header(rs, "Location", "/admin");
	}
}

/* POST /admin/sign-out. */
void admin_sign_out(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	const struct admin *ad = rp->admin;

	(void)rq;
	sessions_end(&app->store, ad->sid_hash);
	admin_audit_as(app, ad->user_id, ad->username, "sign-out", NULL, NULL);
	resp_header(rs, "Set-Cookie",
		    "yv_admin=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict");
	rs->status = 303;
	resp_header(rs, "Location", "/admin");
}

void admin_forbidden(struct app *app, struct req *rq, struct resp *rs)
{
	struct page_ctx p = {rq->lang, rq->path, _("You cannot do that")};

	(void)app;
	rs->status = 403;
	resp_html(rs);
	page_begin(html_over(&rs->body), &p);
	html_lit(html_over(&rs->body), "<h1>");
	html_text(html_over(&rs->body), _("You cannot do that"));
	html_lit(html_over(&rs->body), "</h1>\n<p>");
	html_text(
	    html_over(&rs->body),
	    _("Your account does not allow this. Ask the officer who runs the consultation."));
	html_lit(html_over(&rs->body), "</p>\n<p><a href=\"/admin\">");
	html_text(html_over(&rs->body), _("Back to the officers' pages"));
	html_lit(html_over(&rs->body), "</a></p>\n");
	page_end(html_over(&rs->body), &p);
}

int admin_audit(struct app *app, const struct admin *ad, const char *action, const char *survey_id,
		const char *detail)
{
	return admin_audit_as(app, ad->user_id, ad->username, action, survey_id, detail);
}
