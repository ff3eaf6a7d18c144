/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * officer: the pages under /admin for officers and councillors: sign-in
 * and sign-out, the list of consultations they may see with live response
 * counts, the preview of any loaded survey (officers), paper and phone
 * responses entered by officers through the residents' own form (marked
 * with their channel), and the survey files with their check status and a
 * reload (officers with every survey). Written answers, flags and exports
 * are moderate.c's, reached through moderate_handle() with the signed-in
 * account (web/admin.h).
 *
 * Sign-in sessions: a random cookie (yv_admin: HttpOnly, SameSite=Strict,
 * Path=/admin, Secure over HTTPS) made anew at every sign-in, so a cookie
 * planted before sign-in is worthless; the database keeps its SHA-256 and
 * ends it after USERS_SESSION_IDLE_SECONDS without use (and
 * USERS_SESSION_MAX_SECONDS after sign-in in any case). Every form carries a token
 * derived from the session. Failed sign-ins are limited per user name and
 * per network; every sign-in, failure, reload and sign-out is audited.
 */
#include "config.h"

#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/log.h"
#include "render/html.h"
#include "render/page.h"
#include "results/results.h"
#include "store/audit.h"
#include "store/users.h"
#include "web/admin.h"
#include "web/handlers.h"
#include "web/journey.h"
#include "web/session.h"

#define LOGIN_TRIES_PER_USER 5            /* a user name, from one network */
#define LOGIN_TRIES_PER_USER_ANYWHERE 20  /* a user name, from all networks together */
#define LOGIN_TRIES_PER_NETWORK 30        /* any user names, from one network */
#define LOGIN_WINDOW_SECONDS 900

/* 0, or -1 when the row could not be written (logged). */
static int audit(struct app *app, long long user_id, const char *username, const char *action,
                 const char *survey_id, const char *detail)
{
	struct audit_actor who = {user_id, username};

	return audit_add(&app->store, &who, action, survey_id, detail);
}

/* The signed-in account: 1, 0 when none, -1 when the database cannot say. */
static int admin_load(struct app *app, struct req *rq, struct admin *ad)
{
	const char *c = http_param_get(&rq->cookies, "yv_admin");
	struct store_rows r, sv;

	memset(ad, 0, sizeof(*ad));
	if (!session_hex_valid(c, SESSION_HEX))
		return 0;
	memcpy(ad->sid, c, SESSION_HEX + 1);
	token_sha256(ad->sid, ad->sid_hash);
	{
		struct store_arg a[] = {STORE_STR(ad->sid_hash), STORE_INT(USERS_SESSION_IDLE_SECONDS),
		                        STORE_INT(USERS_SESSION_MAX_SECONDS)};

		if (store_query(&app->store, ST_ADMIN_SESSION_GET, a, 3, rq->a, 1, &r) != STORE_OK)
			return -1;
	}
	if (r.nrows != 1)
		return 0;
	ad->user_id = strtoll(STORE_CELL(&r, 0, 0), NULL, 10);
	ad->username = STORE_CELL(&r, 0, 1);
	ad->role = STORE_CELL(&r, 0, 2);
	ad->display = STORE_CELL(&r, 0, 3);
	ad->officer = strcmp(ad->role, "officer") == 0;
	{
		struct store_arg a[] = {STORE_INT(ad->user_id)};
		struct store_arg t[] = {STORE_STR(ad->sid_hash)};

		if (store_query(&app->store, ST_USER_SURVEYS, a, 1, rq->a, 1000, &sv) != STORE_OK ||
		    store_exec(&app->store, ST_ADMIN_SESSION_TOUCH, t, 1, NULL, NULL) != STORE_OK)
			return -1;
	}
	if (sv.nrows > 0) {
		ad->surveys = arena_calloc(rq->a, sv.nrows, sizeof(char *));
		if (ad->surveys == NULL)
			return -1;
		for (size_t i = 0; i < sv.nrows; i++)
			ad->surveys[i] = STORE_CELL(&sv, i, 0);
		ad->nsurveys = sv.nrows;
	}
	return 1;
}

static int admin_can(const struct admin *ad, const char *survey_id)
{
	if (ad->surveys == NULL)
		return 1;
	for (size_t i = 0; i < ad->nsurveys; i++)
		if (strcmp(ad->surveys[i], survey_id) == 0)
			return 1;
	return 0;
}

static const char *admin_csrf(struct app *app, struct req *rq, const struct admin *ad)
{
	char tag[65];

	token_sign(app->key, arena_printf(rq->a, "admin:%s", ad->sid), tag);
	return arena_strdup(rq->a, tag);
}

static int admin_csrf_ok(struct app *app, struct req *rq, const struct admin *ad)
{
	const char *t = http_param_get(&rq->form, "csrf");

	return t != NULL && token_verify(app->key, arena_printf(rq->a, "admin:%s", ad->sid), t);
}

static void frame_begin(struct req *rq, struct resp *rs, struct page_ctx *p)
{
	(void)rq;
	resp_html(rs);
	page_begin(&rs->body, p);
}

static void signin_page(struct app *app, struct req *rq, struct resp *rs, const char *error,
                        const char *typed)
{
	struct session sess;
	struct page_ctx p = {rq->lang, "/admin", _("Sign in")};
	struct buf *b = &rs->body;

	session_ensure(app, rq, rs, &sess);
	if (error != NULL) {
		rs->status = 422;
		p.title = arena_printf(rq->a, "%s: %s", _("Error"), _("Sign in"));
	}
	frame_begin(rq, rs, &p);
	if (error != NULL) {
		page_errors_begin(b);
		page_error_item(b, "#f-username", NULL, error);
		page_errors_end(b);
	}
	html_lit(b, "<h1>");
	html_text(b, _("Sign in to manage consultations"));
	html_lit(b, "</h1>\n<p>");
	html_text(b, _("For council officers and councillors. Residents do not need an account."));
	html_lit(b, "</p>\n<form method=\"post\" action=\"/admin/sign-in\" novalidate>\n<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, session_csrf(app, rq, &sess));
	html_lit(b, "\">\n<input type=\"hidden\" name=\"lang\" value=\"");
	html_text(b, survey_lang_code(rq->lang));
	html_lit(b, "\">\n<div class=\"question\"><label class=\"question-label\" for=\"f-username\">");
	html_text(b, _("User name"));
	html_lit(b, "</label>\n<input type=\"text\" name=\"username\" id=\"f-username\" autocomplete=\"username\" spellcheck=\"false\" value=\"");
	html_text(b, typed ? typed : "");
	html_lit(b, "\"></div>\n<div class=\"question\"><label class=\"question-label\" for=\"f-password\">");
	html_text(b, _("Password"));
	html_lit(b, "</label>\n<input type=\"password\" name=\"password\" id=\"f-password\" autocomplete=\"current-password\"></div>\n<button type=\"submit\" class=\"button\">");
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
		switch (web_count_hit(app, NULL, c[i].key, c[i].bucket, c[i].limit, LOGIN_WINDOW_SECONDS)) {
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

static void sign_in(struct app *app, struct req *rq, struct resp *rs)
{
	/* A valid Argon2id string of a random password: checked when the user
	 * does not exist, so a wrong name takes as long as a wrong password. */
	static char dummy[USERS_HASH_MAX];
	const char *user = http_param_get(&rq->form, "username");
	const char *pw = http_param_get(&rq->form, "password");
	struct session sess;
	struct store_rows r;
	const char *hash = NULL;
	int ok = 0;

	if (!session_csrf_ok(app, rq, &sess)) {
		signin_page(app, rq, rs, _("Your form has expired"), NULL);
		rs->status = 403;
		return;
	}
	if (user == NULL || pw == NULL || !users_name_valid(user) || strlen(pw) > 256) {
		signin_page(app, rq, rs, _("The user name or password is not right"), user);
		return;
	}
	switch (login_count(app, rq, user, 0)) {
	case 0:
		break;
	case 1: {
		char retry[16];

		audit(app, 0, user, "sign-in-refused", NULL, "too many failed attempts");
		snprintf(retry, sizeof(retry), "%d", LOGIN_WINDOW_SECONDS);
		resp_header(rs, "Retry-After", retry);
		web_error(app, rq, rs, 429);
		return;
	}
	default:
		web_error(app, rq, rs, 503);
		return;
	}
	{
		struct store_arg a[] = {STORE_STR(user)};

		if (store_query(&app->store, ST_USER_BY_NAME, a, 1, rq->a, 1, &r) != STORE_OK) {
			web_error(app, rq, rs, 503);
			return;
		}
	}
	if (dummy[0] == '\0') {
		char rnd[33];

		token_hex(rnd, 16);
		users_hash_password(rnd, dummy);
	}
	hash = r.nrows == 1 ? STORE_CELL(&r, 0, 1) : dummy;
	ok = users_check_password(hash, pw) && r.nrows == 1 && strcmp(STORE_CELL(&r, 0, 3), "0") == 0;
	if (!ok) {
		audit(app, r.nrows == 1 ? strtoll(STORE_CELL(&r, 0, 0), NULL, 10) : 0, user,
		      "sign-in-failed", NULL, NULL);
		signin_page(app, rq, rs, _("The user name or password is not right"), user);
		return;
	}
	{
		char sid[SESSION_HEX + 1], sid_hash[65];
		long long uid = strtoll(STORE_CELL(&r, 0, 0), NULL, 10);

		/* A new session at every sign-in: no fixation. */
		token_hex(sid, SESSION_HEX / 2);
		token_sha256(sid, sid_hash);
		struct store_arg a[] = {STORE_STR(sid_hash), STORE_INT(uid)};
		if (store_exec(&app->store, ST_ADMIN_SESSION_INSERT, a, 2, NULL, NULL) != STORE_OK) {
			web_error(app, rq, rs, 503);
			return;
		}
		login_count(app, rq, user, 1);
		audit(app, uid, user, "sign-in", NULL, NULL);
		resp_header(rs, "Set-Cookie",
		            arena_printf(rq->a, "yv_admin=%s; Path=/admin; HttpOnly; SameSite=Strict%s", sid,
		                         rq->https ? "; Secure" : ""));
		rs->status = 303;
		resp_header(rs, "Location", "/admin");
	}
}

static const char *state_text(const struct survey *s)
{
	switch (survey_state_at(s, time(NULL))) {
	case SURVEY_NOT_YET_OPEN:
		return _("Not open yet");
	case SURVEY_OPEN:
		return _("Open");
	default:
		return _("Closed");
	}
}

/* A link in a survey's row of the dashboard: the visible text, then the
 * survey's title for screen readers, so every link says what it is for. */
static void row_link(struct buf *b, struct req *rq, const char *prefix, const struct survey *s,
                     const char *text)
{
	html_lit(b, "<a href=\"");
	html_text(b, prefix);
	html_urlpart(b, s->id);
	html_lit(b, "\">");
	html_text(b, text);
	html_lit(b, "<span class=\"visually-hidden\"> ");
	html_text(b, survey_text_get(&s->title, rq->lang));
	html_lit(b, "</span></a>");
}

static void dashboard(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad)
{
	struct page_ctx p = {rq->lang, "/admin", _("Consultations you manage")};
	struct buf *b = &rs->body;

	frame_begin(rq, rs, &p);
	html_lit(b, "<p class=\"caption\">");
	html_text(b, _("Signed in as"));
	html_lit(b, " ");
	html_text(b, ad->display);
	html_lit(b, " (");
	html_text(b, ad->officer ? _("officer") : _("councillor"));
	html_lit(b, ")</p>\n<h1>");
	html_text(b, _("Consultations you manage"));
	html_lit(b, "</h1>\n<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_text(b, _("Consultations you manage"));
	html_lit(b, "\">\n<table class=\"table\">\n<caption class=\"visually-hidden\">");
	html_text(b, _("Consultations you manage"));
	html_lit(b, "</caption>\n<thead><tr><th scope=\"col\">");
	html_text(b, _("Consultation"));
	html_lit(b, "</th><th scope=\"col\">");
	html_text(b, _("Status"));
	html_lit(b, "</th><th scope=\"col\">");
	html_text(b, _("Responses"));
	html_lit(b, "</th>");
	html_lit(b, "<th scope=\"col\">");
	html_text(b, _("Results"));
	html_lit(b, "</th>");
	if (ad->officer) {
		html_lit(b, "<th scope=\"col\">");
		html_text(b, _("Preview"));
		html_lit(b, "</th><th scope=\"col\">");
		html_text(b, _("Paper or phone response"));
		html_lit(b, "</th>");
	}
	html_lit(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < survey_set_count(app->surveys); i++) {
		const struct survey *s = survey_set_at(app->surveys, i);
		struct store_rows r;
		struct store_arg a[] = {STORE_STR(s->id)};

		if (!admin_can(ad, s->id))
			continue;
		if (store_query(&app->store, ST_RESPONSE_COUNT, a, 1, rq->a, 1, &r) != STORE_OK) {
			resp_reset(rs);
			web_error(app, rq, rs, 503);
			return;
		}
		html_lit(b, "<tr id=\"survey-");
		html_text(b, s->id);
		html_lit(b, "\"><td>");
		html_text(b, survey_text_get(&s->title, rq->lang));
		html_lit(b, "</td><td>");
		html_text(b, state_text(s));
		html_lit(b, "</td><td class=\"count\">");
		html_text(b, STORE_CELL(&r, 0, 0));
		html_lit(b, "</td><td>");
		row_link(b, rq, "/admin/results/", s, _("Results"));
		html_lit(b, " ");
		row_link(b, rq, "/admin/answers/", s, _("Written answers"));
		if (s->nanalysed > 0) {
			html_lit(b, " ");
			row_link(b, rq, "/admin/themes/", s, _("Themes"));
		}
		if (ad->officer) {
			html_lit(b, " ");
			row_link(b, rq, "/admin/publish/", s, _("Publication"));
			html_lit(b, " ");
			row_link(b, rq, "/admin/export/", s, _("Export responses"));
		}
		html_lit(b, "</td>");
		if (ad->officer) {
			html_lit(b, "<td>");
			row_link(b, rq, "/admin/preview/", s, _("Preview"));
			html_lit(b, "</td><td>");
			if (survey_state_at(s, time(NULL)) == SURVEY_OPEN) {
				const char *fid = arena_printf(rq->a, "channel-%s", s->id);

				html_lit(b, "<form method=\"post\" action=\"/admin/enter/");
				html_urlpart(b, s->id);
				html_lit(b, "\" class=\"inline-form\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
				html_text(b, admin_csrf(app, rq, ad));
				html_lit(b, "\">\n<label class=\"visually-hidden\" for=\"");
				html_text(b, fid);
				html_lit(b, "\">");
				html_text(b, _("How the response came in"));
				html_lit(b, "</label><select name=\"channel\" id=\"");
				html_text(b, fid);
				html_lit(b, "\"><option value=\"paper\">");
				html_text(b, _("Paper"));
				html_lit(b, "</option><option value=\"phone\">");
				html_text(b, _("Phone"));
				html_lit(b, "</option></select>\n<button type=\"submit\" class=\"button button-secondary\">");
				html_text(b, _("Enter a response"));
				html_lit(b, "<span class=\"visually-hidden\"> ");
				html_text(b, survey_text_get(&s->title, rq->lang));
				html_lit(b, "</span></button>\n</form>");
			}
			html_lit(b, "</td>");
		}
		html_lit(b, "</tr>\n");
	}
	html_lit(b, "</tbody>\n</table>\n</div>\n");
	if (ad->officer) {
		html_lit(b, "<p><a href=\"/admin/surveys\">");
		html_text(b, _("Survey files and reloading"));
		html_lit(b, "</a></p>\n");
	}
	html_lit(b, "<form method=\"post\" action=\"/admin/sign-out\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, admin_csrf(app, rq, ad));
	html_lit(b, "\">\n<button type=\"submit\" class=\"button button-secondary\">");
	html_text(b, _("Sign out"));
	html_lit(b, "</button>\n</form>\n");
	page_end(b, &p);
}

/* The survey files with their check status, and the reload button. */
static void surveys_page(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad)
{
	struct page_ctx p = {rq->lang, "/admin/surveys", _("Survey files")};
	struct buf *b = &rs->body;
	DIR *d = opendir(app->cfg.surveys_dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	frame_begin(rq, rs, &p);
	page_back_link(b, "/admin");
	if (http_param_get(&rq->query_params, "reloaded") != NULL) {
		page_status(b, _("The service is reloading the survey files. If any file fails the check, the surveys already loaded keep serving: see below."));
	}
	html_lit(b, "<h1>");
	html_text(b, _("Survey files"));
	html_lit(b, "</h1>\n<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_text(b, _("Survey files"));
	html_lit(b, "\">\n<table class=\"table\">\n<caption class=\"visually-hidden\">");
	html_text(b, _("Survey files"));
	html_lit(b, "</caption>\n<thead><tr><th scope=\"col\">");
	html_text(b, _("File"));
	html_lit(b, "</th><th scope=\"col\">");
	html_text(b, _("Loaded version"));
	html_lit(b, "</th><th scope=\"col\">");
	html_text(b, _("Check"));
	html_lit(b, "</th></tr></thead>\n<tbody>\n");
	while (d != NULL && (e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char **nn;

		if (len < 5 || strcmp(e->d_name + len - 4, ".xml") != 0 || n >= 1000)
			continue;
		nn = arena_alloc(rq->a, (n + 1) * sizeof(*nn));
		if (nn == NULL)
			break;
		if (n > 0)
			memcpy(nn, names, n * sizeof(*nn));
		nn[n++] = arena_strdup(rq->a, e->d_name);
		names = nn;
	}
	if (d != NULL)
		closedir(d);
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && strcmp(names[k - 1], names[k]) > 0; k--) {
			char *t = names[k];

			names[k] = names[k - 1];
			names[k - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		char id[64];
		const char *path = arena_printf(rq->a, "%s/%s", app->cfg.surveys_dir, names[i]);
		const struct survey *loaded;
		struct survey_diags diags;
		struct survey *fresh = NULL;

		snprintf(id, sizeof(id), "%.*s", (int)(strlen(names[i]) - 4), names[i]);
		if (!admin_can(ad, id))
			continue;
		loaded = survey_set_find(app->surveys, id);
		survey_diags_init(&diags);
		survey_load_file(path, &fresh, &diags);
		html_lit(b, "<tr><td>");
		html_text(b, names[i]);
		html_lit(b, "</td><td>");
		if (loaded != NULL)
			html_textn(b, loaded->version_hash, 12);
		else
			html_text(b, _("not loaded"));
		html_lit(b, "</td><td>");
		if (fresh != NULL && loaded != NULL && strcmp(fresh->version_hash, loaded->version_hash) != 0)
			html_text(b, _("Passes; changed since it was loaded: reload to publish the change"));
		else if (fresh != NULL)
			html_text(b, _("Passes"));
		else {
			html_lit(b, "<ul class=\"plain check-errors\">");
			for (size_t k = 0; k < diags.n && k < 20; k++) {
				html_lit(b, "<li>");
				html_text(b, names[i]);
				buf_printf(b, ":%d:%d: ", diags.v[k].line, diags.v[k].col);
				html_text(b, diags.v[k].message);
				html_lit(b, "</li>");
			}
			html_lit(b, "</ul>");
		}
		html_lit(b, "</td></tr>\n");
		if (fresh != NULL)
			survey_free(fresh);
		survey_diags_release(&diags);
	}
	html_lit(b, "</tbody>\n</table>\n</div>\n");
	if (ad->surveys == NULL) {
		html_lit(b, "<form method=\"post\" action=\"/admin/surveys/reload\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
		html_text(b, admin_csrf(app, rq, ad));
		html_lit(b, "\">\n<button type=\"submit\" class=\"button\">");
		html_text(b, _("Reload the survey files"));
		html_lit(b, "</button>\n</form>\n");
	}
	page_end(b, &p);
}

/* Publish or unpublish a survey's results and write "You said, we did". */
static void publication_page(struct app *app, struct req *rq, struct resp *rs,
                             const struct admin *ad, const struct survey *s, const char *notice)
{
	const char *path = arena_printf(rq->a, "/admin/publish/%s", s->id);
	struct page_ctx p = {rq->lang, path, _("Publication")};
	struct buf *b = &rs->body;
	struct publication pub;
	const char *mode;

	if (publication_load(app, rq, s, time(NULL), &pub) != 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	mode = !pub.decided ? "file" : pub.published ? "published" : "hidden";
	frame_begin(rq, rs, &p);
	page_back_link(b, "/admin");
	page_status(b, notice);
	html_lit(b, "<span class=\"caption\">");
	html_text(b, survey_text_get(&s->title, rq->lang));
	html_lit(b, "</span>\n<h1>");
	html_text(b, _("Publication"));
	html_lit(b, "</h1>\n<p id=\"public-now\">");
	html_text(b, pub.is_public ? _("The results are public now.") : _("The results are not public now."));
	html_lit(b, " <a href=\"/admin/results/");
	html_urlpart(b, s->id);
	html_lit(b, "\">");
	html_text(b, _("See the results"));
	html_lit(b, "</a></p>\n<form method=\"post\" action=\"");
	html_text(b, path);
	html_lit(b, "\" novalidate>\n<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, admin_csrf(app, rq, ad));
	html_lit(b, "\">\n<div class=\"question\"><fieldset><legend>");
	html_text(b, _("Who can see the results"));
	html_lit(b, "</legend>\n");
	{
		static const char *const values[] = {"file", "published", "hidden"};
		const char *labels[] = {_("As the survey file says"), _("Published: everyone"),
		                        _("Not published: officers and councillors only")};

		for (int i = 0; i < 3; i++) {
			html_lit(b, "<div class=\"option\"><input type=\"radio\" name=\"mode\" id=\"mode-");
			html_text(b, values[i]);
			html_lit(b, "\" value=\"");
			html_text(b, values[i]);
			html_lit(b, "\"");
			if (strcmp(mode, values[i]) == 0)
				html_lit(b, " checked");
			html_lit(b, "> <label for=\"mode-");
			html_text(b, values[i]);
			html_lit(b, "\">");
			html_text(b, labels[i]);
			html_lit(b, "</label></div>\n");
		}
	}
	html_lit(b, "</fieldset></div>\n<div class=\"question\"><div class=\"option\"><input type=\"checkbox\""
	            " name=\"exclude_flagged\" id=\"exclude-flagged\" value=\"1\" aria-describedby=\"exclude-flagged-hint\"");
	if (pub.exclude_flagged)
		html_lit(b, " checked");
	html_lit(b, "> <label for=\"exclude-flagged\">");
	html_text(b, _("Leave responses flagged as suspicious out of the figures"));
	html_lit(b, "</label></div>\n<p class=\"hint\" id=\"exclude-flagged-hint\">");
	html_text(b, _("Flags come from the checks on each response (a robot trap, a form sent too fast, many responses from one network) and from officers. Flagged responses are always counted apart; review them on the written answers page before leaving them out."));
	html_lit(b, "</p></div>\n");
	for (int l = 0; l < LANG_N; l++) {
		html_lit(b, "<div class=\"question\"><label class=\"question-label\" for=\"ysw-");
		html_text(b, survey_lang_code((enum yv_lang)l));
		html_lit(b, "\">");
		html_text(b, l == LANG_EN ? _("You said, we did (English)") : _("You said, we did (Welsh)"));
		html_lit(b, "</label>\n<textarea rows=\"5\" name=\"ysw_");
		html_text(b, survey_lang_code((enum yv_lang)l));
		html_lit(b, "\" id=\"ysw-");
		html_text(b, survey_lang_code((enum yv_lang)l));
		html_lit(b, "\"");
		if (l == LANG_CY)
			html_lit(b, " lang=\"cy\"");
		html_lit(b, ">");
		html_text(b, pub.ysw[l] ? pub.ysw[l] : survey_text_get(&s->you_said_we_did, (enum yv_lang)l));
		html_lit(b, "</textarea></div>\n");
	}
	html_lit(b, "<button type=\"submit\" class=\"button\">");
	html_text(b, _("Save"));
	html_lit(b, "</button>\n</form>\n");
	page_end(b, &p);
}

static void publication_save(struct app *app, struct req *rq, struct resp *rs,
                             const struct admin *ad, const struct survey *s)
{
	const char *mode = http_param_get(&rq->form, "mode");
	const char *en = http_param_get(&rq->form, "ysw_en");
	const char *cy = http_param_get(&rq->form, "ysw_cy");
	const char *ex = http_param_get(&rq->form, "exclude_flagged");
	int published, exclude = ex != NULL && strcmp(ex, "1") == 0;

	if (mode == NULL || (strcmp(mode, "file") != 0 && strcmp(mode, "published") != 0 &&
	                     strcmp(mode, "hidden") != 0) ||
	    (en && strlen(en) > 10000) || (cy && strlen(cy) > 10000)) {
		web_error(app, rq, rs, 400);
		return;
	}
	published = strcmp(mode, "file") == 0 ? -1 : strcmp(mode, "published") == 0;
	{
		struct store_arg a[] = {STORE_STR(s->id), published < 0 ? STORE_NULL : STORE_INT(published),
		                        en && en[0] ? STORE_STR(en) : STORE_NULL,
		                        cy && cy[0] ? STORE_STR(cy) : STORE_NULL, STORE_INT(exclude),
		                        STORE_STR(ad->username)};

		/* the figures' cache is keyed by exclude_flagged too: no recount needed */
		if (admin_decide(app, ad, s, ST_PUBLICATION_SET, a, 6, 0,
		                 published < 0 ? "publication-as-file" : published ? "publish" : "unpublish",
		                 exclude ? arena_printf(rq->a, "%s, flagged left out", mode) : mode) != STORE_OK) {
			web_error(app, rq, rs, 503);
			return;
		}
	}
	/* Publishing freezes the figures by group as they are now (docs/privacy.md);
	 * a survey still being counted gets its snapshot at close. */
	if (published == 1 && publish_snapshot(app, rq, s, "publish") < 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	/* Post, redirect, get: a refresh shows the page, it does not save again. */
	rs->status = 303;
	resp_header(rs, "Location", arena_printf(rq->a, "/admin/publish/%s?saved=1", s->id));
}

static void forbidden(struct app *app, struct req *rq, struct resp *rs)
{
	struct page_ctx p = {rq->lang, rq->path, _("You cannot do that")};

	(void)app;
	rs->status = 403;
	frame_begin(rq, rs, &p);
	html_lit(&rs->body, "<h1>");
	html_text(&rs->body, _("You cannot do that"));
	html_lit(&rs->body, "</h1>\n<p>");
	html_text(&rs->body, _("Your account does not allow this. Ask the officer who runs the consultation."));
	html_lit(&rs->body, "</p>\n<p><a href=\"/admin\">");
	html_text(&rs->body, _("Back to the officers' pages"));
	html_lit(&rs->body, "</a></p>\n");
	page_end(&rs->body, &p);
}

void handle_admin(struct app *app, struct req *rq, struct resp *rs)
{
	const char *path = rq->path;
	struct admin ad;
	int in;

	rq->route = "/admin";
	if (strcmp(path, "/admin/sign-in") == 0) {
		rq->route = "/admin/sign-in";
		if (rq->method == M_POST)
			sign_in(app, rq, rs);
		else
			web_error(app, rq, rs, 405);
		return;
	}
	in = admin_load(app, rq, &ad);
	if (in < 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (in == 0) {
		/* Signed out: every admin page is the sign-in page. */
		if (rq->method == M_POST) {
			signin_page(app, rq, rs, _("Your form has expired"), NULL);
			rs->status = 403;
		} else {
			signin_page(app, rq, rs, NULL, NULL);
		}
		return;
	}
	if (rq->method == M_POST && !admin_csrf_ok(app, rq, &ad)) {
		audit(app, ad.user_id, ad.username, "refused-forged-form", NULL, path);
		forbidden(app, rq, rs);
		return;
	}
	if (strcmp(path, "/admin") == 0 || strcmp(path, "/admin/") == 0) {
		dashboard(app, rq, rs, &ad);
		return;
	}
	if (strcmp(path, "/admin/sign-out") == 0 && rq->method == M_POST) {
		struct store_arg a[] = {STORE_STR(ad.sid_hash)};

		store_exec(&app->store, ST_ADMIN_SESSION_DELETE, a, 1, NULL, NULL);
		audit(app, ad.user_id, ad.username, "sign-out", NULL, NULL);
		resp_header(rs, "Set-Cookie", "yv_admin=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict");
		rs->status = 303;
		resp_header(rs, "Location", "/admin");
		return;
	}
	if (strcmp(path, "/admin/surveys") == 0) {
		rq->route = "/admin/surveys";
		if (!ad.officer)
			forbidden(app, rq, rs);
		else
			surveys_page(app, rq, rs, &ad);
		return;
	}
	if (strcmp(path, "/admin/surveys/reload") == 0 && rq->method == M_POST) {
		rq->route = "/admin/surveys/reload";
		if (!ad.officer || ad.surveys != NULL) {
			forbidden(app, rq, rs);
			return;
		}
		audit(app, ad.user_id, ad.username, "reload-surveys", NULL, NULL);
		/* The master validates the files and keeps the old set on
		 * failure. Only our own master: a worker orphaned by a master
		 * that died must not signal whatever adopted it (init). */
		if (app->master_pid > 0 && (long)getppid() == app->master_pid)
			kill((pid_t)app->master_pid, SIGHUP);
		rs->status = 303;
		resp_header(rs, "Location", "/admin/surveys?reloaded=1");
		return;
	}
	if (strncmp(path, "/admin/enter/", 13) == 0 && rq->method == M_POST) {
		const struct survey *s = survey_set_find(app->surveys, path + 13);
		const char *channel = http_param_get(&rq->form, "channel");

		rq->route = "/admin/enter/<id>";
		if (s == NULL) {
			web_error(app, rq, rs, 404);
			return;
		}
		if (!ad.officer || !admin_can(&ad, s->id) || survey_state_at(s, time(NULL)) != SURVEY_OPEN ||
		    channel == NULL || (strcmp(channel, "paper") != 0 && strcmp(channel, "phone") != 0)) {
			forbidden(app, rq, rs);
			return;
		}
		if (journey_start_staff_entry(app, rq, rs, s, channel, ad.username) != 0) {
			web_error(app, rq, rs, 503);
			return;
		}
		audit(app, ad.user_id, ad.username, "enter-response", s->id, channel);
		rs->status = 303;
		resp_header(rs, "Location", arena_printf(rq->a, "/s/%s", s->id));
		return;
	}
	if (strncmp(path, "/admin/results/", 15) == 0) {
		char id[64];
		int kind;
		const char *r = arena_printf(rq->a, "/r/%s", path + 15);
		const struct survey *s;
		struct publication pub;

		rq->route = "/admin/results/<id>";
		if (r == NULL || publish_parse_path(r, id, sizeof(id), &kind) != 0 ||
		    (s = survey_set_find(app->surveys, id)) == NULL) {
			web_error(app, rq, rs, 404);
			return;
		}
		if (!admin_can(&ad, id)) {
			forbidden(app, rq, rs);
			return;
		}
		if (publication_load(app, rq, s, time(NULL), &pub) != 0) {
			web_error(app, rq, rs, 503);
			return;
		}
		publish_serve(app, rq, rs, s, kind, &pub, 1);
		return;
	}
	if (strncmp(path, "/admin/themes/", 14) == 0) {
		rq->route = "/admin/themes/<id>";
		themes_admin(app, rq, rs, &ad, path + 14);
		return;
	}
	if (strncmp(path, "/admin/publish/", 15) == 0) {
		const struct survey *s = survey_set_find(app->surveys, path + 15);

		rq->route = "/admin/publish/<id>";
		if (s == NULL) {
			web_error(app, rq, rs, 404);
			return;
		}
		if (!ad.officer || !admin_can(&ad, s->id)) {
			forbidden(app, rq, rs);
			return;
		}
		if (rq->method == M_POST)
			publication_save(app, rq, rs, &ad, s);
		else
			publication_page(app, rq, rs, &ad, s,
			                 http_param_get(&rq->query_params, "saved") != NULL ? _("Saved.") : NULL);
		return;
	}
	if (strncmp(path, "/admin/preview/", 15) == 0) {
		char id[64];
		const char *rest = path + 15, *slash = strchr(rest, '/');
		size_t n = slash ? (size_t)(slash - rest) : strlen(rest);
		const struct survey *s;
		const struct survey_page *pg = NULL;

		rq->route = "/admin/preview/<id>";
		if (n == 0 || n >= sizeof(id)) {
			web_error(app, rq, rs, 404);
			return;
		}
		memcpy(id, rest, n);
		id[n] = '\0';
		s = survey_set_find(app->surveys, id);
		if (s == NULL || (slash != NULL && (pg = survey_find_page(s, slash + 1)) == NULL)) {
			web_error(app, rq, rs, 404);
			return;
		}
		if (!ad.officer || !admin_can(&ad, id)) {
			forbidden(app, rq, rs);
			return;
		}
		journey_preview(app, rq, rs, s, pg, admin_csrf(app, rq, &ad));
		return;
	}
	if (moderate_handle(app, rq, rs, &ad))
		return;
	web_error(app, rq, rs, 404);
}

int admin_audit(struct app *app, const struct admin *ad, const char *action, const char *survey_id,
                const char *detail)
{
	return audit(app, ad->user_id, ad->username, action, survey_id, detail);
}

enum store_err admin_decide(struct app *app, const struct admin *ad, const struct survey *s,
                            enum store_stmt st, const struct store_arg *a, size_t na, int recount,
                            const char *action, const char *detail)
{
	struct audit_actor who = {ad->user_id, ad->username};

	return audit_decide(&app->store, &who, s->id, st, a, na, recount, action, detail);
}

int admin_may(const struct admin *ad, const char *survey_id)
{
	return admin_can(ad, survey_id);
}

const char *admin_form_token(struct app *app, struct req *rq, const struct admin *ad)
{
	return admin_csrf(app, rq, ad);
}

void admin_forbidden(struct app *app, struct req *rq, struct resp *rs)
{
	forbidden(app, rq, rs);
}
