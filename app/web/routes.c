/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * routes: the one route table of the service. Every page the service
 * answers is one line here: its methods, its path pattern, its handler,
 * what the router checks before the handler runs (anti-forgery token,
 * signed in, officer role, access to the survey) and the fixed fields it
 * reads with their checks and limits. The matcher is route.c (it says in
 * which order the checks run); routedef.h says what a pattern may hold.
 *
 * A resident's form routes (RF_CSRF outside /admin) name their handler as
 * their refusal: the router never lets a forged POST reach a handler's
 * action, and the resident still sees the page that handler has always
 * shown for an expired form (after its own checks of the survey's state).
 * The answers a resident types on a survey page are not fixed fields:
 * the journey reads and checks them against the survey file.
 *
 * Uses the handlers' headers only (handlers.h, journey.h, admin.h).
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "store/feedback.h"
#include "store/users.h"
#include "web/admin.h"
#include "web/editor.h"
#include "web/feedback.h"
#include "web/findable.h"
#include "web/handlers.h"
#include "web/journey.h"
#include "web/officer.h"
#include "web/versions.h"
#include "web/pages.h"
#include "web/promises.h"
#include "web/routes.h"
#include "web/translate.h"

/* ---- adapters to the journey's handlers (journey.c, myresponse.c) ---- */

static void page_get(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	handle_page_get(app, rq, rs, rp->survey, rp->page);
}

static void page_post(struct app *app, struct req *rq, struct resp *rs,
		      const struct route_parts *rp)
{
	handle_page_post(app, rq, rs, rp->survey, rp->page);
}

static void done(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	handle_survey_done(app, rq, rs, rp->survey);
}

static void check_get(struct app *app, struct req *rq, struct resp *rs,
		      const struct route_parts *rp)
{
	handle_check_get(app, rq, rs, rp->survey);
}

static void check_post(struct app *app, struct req *rq, struct resp *rs,
		       const struct route_parts *rp)
{
	handle_check_post(app, rq, rs, rp->survey);
}

static void save_email(struct app *app, struct req *rq, struct resp *rs,
		       const struct route_parts *rp)
{
	handle_save_email(app, rq, rs, rp->survey);
}

static void invitation(struct app *app, struct req *rq, struct resp *rs,
		       const struct route_parts *rp)
{
	handle_invitation(app, rq, rs, rp->survey);
}

static void resume(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	handle_resume(app, rq, rs, rp->route->kind ? rp->rest : NULL);
}

static void my_response(struct app *app, struct req *rq, struct resp *rs,
			const struct route_parts *rp)
{
	(void)rp;
	handle_my_response(app, rq, rs);
}

/* /r/<survey>[.json|.csv|/briefing]: the published results (404 until they
 * are public). */
static void results(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	struct publication pub;

	if (publication_load(app, rq, rp->survey, time(NULL), &pub) != 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (!pub.is_public) {
		web_error(app, rq, rs, 404);
		return;
	}
	publish_serve(app, rq, rs, rp->survey, rp->route->kind, &pub, 0);
}

/* Anything else under /admin: the sign-in page when signed out, else 404. */
static void admin_unknown(struct app *app, struct req *rq, struct resp *rs,
			  const struct route_parts *rp)
{
	(void)rp;
	web_error(app, rq, rs, 404);
}

/* ---- validators of fixed fields ---- */

static int valid_mode(const char *v)
{
	return strcmp(v, "file") == 0 || strcmp(v, "published") == 0 || strcmp(v, "hidden") == 0;
}

static int valid_channel(const char *v)
{
	return strcmp(v, "paper") == 0 || strcmp(v, "phone") == 0 ||
	       strcmp(v, "face-to-face") == 0 || strcmp(v, "email") == 0;
}

static int valid_one(const char *v)
{
	return strcmp(v, "1") == 0;
}

/* ---- declared fields ---- */

#define FIELDS(f) f, sizeof(f) / sizeof(f[0])

static int valid_digits(const char *v)
{
	return v[0] != '\0' && strspn(v, "0123456789") == strlen(v);
}

static int valid_hex64(const char *v)
{
	return strlen(v) == 64 && strspn(v, "0123456789abcdef") == 64;
}

static const struct route_field unsubscribe_fields[] = {
    {"n", RS_QUERY, 19, valid_digits, 0},
    {"c", RS_QUERY, 64, valid_hex64, 0},
};

static const struct route_field sign_in_fields[] = {
    {"username", RS_FORM, 64, users_name_valid, 0},
    {"password", RS_FORM, 256, NULL, 0},
};

static const struct route_field enter_fields[] = {
    {"channel", RS_FORM, 12, valid_channel, 0},
};

static const struct route_field entered_fields[] = {
    {"channel", RS_QUERY, 12, valid_channel, 0},
};

static const struct route_field publication_get_fields[] = {
    {"saved", RS_QUERY, 8, NULL, 0},
};

static const struct route_field publication_fields[] = {
    {"mode", RS_FORM, 9, valid_mode, RFF_REQUIRED},
    {"ysw_en", RS_FORM, 10000, NULL, RFF_STRICT},
    {"ysw_cy", RS_FORM, 10000, NULL, RFF_STRICT},
    {"exclude_flagged", RS_FORM, 1, valid_one, 0},
};

/* The officers' decisions on themes and on answers: the handlers check
 * each value further (an analysed question, a theme of it, ids, label and
 * reason lengths) and say what is wrong; these are the outer limits. */
#define FREE_TEXT_MAX 65536
#define ID_LIST_MAX (1u << 20)

static const struct route_field theme_decision_fields[] = {
    {"action", RS_FORM, 32, NULL, 0},
    {"question", RS_FORM, 64, NULL, 0},
    {"theme", RS_FORM, 64, NULL, 0},
    {"into", RS_FORM, 64, NULL, 0},
    {"response", RS_FORM, ID_LIST_MAX, NULL, 0},
    {"label_en", RS_FORM, FREE_TEXT_MAX, NULL, 0},
    {"label_cy", RS_FORM, FREE_TEXT_MAX, NULL, 0},
    {"reason", RS_FORM, FREE_TEXT_MAX, NULL, 0},
};

static const struct route_field answer_decision_fields[] = {
    {"response", RS_FORM, 32, NULL, 0},
    {"question", RS_FORM, 64, NULL, 0},
    {"reason", RS_FORM, FREE_TEXT_MAX, NULL, 0},
};

/* Commitments (promises.c, promises_admin.c): the handlers check each
 * value further and say what is wrong beside its field; these are the
 * outer limits (2,000 characters of text may take 8,000 bytes). */
#define PROMISE_TEXT_MAX 8000

static const struct route_field promises_filter_fields[] = {
    {"status", RS_QUERY, 16, promise_filter_valid, 0},
};

static const struct route_field promise_get_fields[] = {
    {"saved", RS_QUERY, 8, NULL, 0},
};

static const struct route_field promise_fields[] = {
    {"action", RS_FORM, 16, NULL, 0},
    {"text_en", RS_FORM, PROMISE_TEXT_MAX, NULL, 0},
    {"text_cy", RS_FORM, PROMISE_TEXT_MAX, NULL, 0},
    {"answers", RS_FORM, 400, NULL, 0},
    {"owner", RS_FORM, 600, NULL, 0},
    {"due", RS_FORM, 32, promise_date_valid, 0},
    {"status", RS_FORM, 16, promise_status_valid, 0},
    {"date", RS_FORM, 32, promise_date_valid, 0},
    {"note_en", RS_FORM, PROMISE_TEXT_MAX, NULL, 0},
    {"note_cy", RS_FORM, PROMISE_TEXT_MAX, NULL, 0},
};

/* The public feedback page's settings (feedback.c). */
static const struct route_field feedback_fields[] = {
    {"enabled", RS_FORM, 1, valid_one, RFF_STRICT},
    {"every", RS_FORM, 8, feedback_every_valid, RFF_REQUIRED},
};

/* ---- the table ---- */

/* The stored versions of a survey (versions.c): two version numbers to compare. */
static const struct route_field diff_fields[] = {
    {"from", RS_QUERY, 10, versions_valid_number, RFF_REQUIRED},
    {"to", RS_QUERY, 10, versions_valid_number, RFF_REQUIRED},
};
static const struct route_field versions_fields[] = {
    {"done", RS_QUERY, 10, versions_valid_number, 0},
};
static const struct route_field rollback_fields[] = {
    {"version", RS_FORM, 10, versions_valid_number, RFF_REQUIRED},
    {"reason", RS_FORM, 500, NULL, RFF_STRICT},
    {"confirm", RS_FORM, 1, NULL, 0},
};

/* The survey editor (editor.c): the text area and the uploaded file may
 * be larger than max_field (the decoder asks this table). */
static const struct route_field edit_get_fields[] = {
    {"saved", RS_QUERY, 10, versions_valid_number, 0},
    {"published", RS_QUERY, 10, versions_valid_number, 0},
};
static const struct route_field edit_fields[] = {
    {"action", RS_FORM, 16, editor_valid_action, RFF_REQUIRED},
    {"xml", RS_FORM, EDITOR_XML_MAX, NULL, 0},
    {"file", RS_FORM, EDITOR_XML_MAX, NULL, 0},
    {"reason", RS_FORM, 500, NULL, RFF_STRICT},
    {"confirm", RS_FORM, 1, valid_one, 0},
    {"preview_page", RS_FORM, 64, editor_valid_id, 0},
};
static const struct route_field new_fields[] = {
    {"id", RS_FORM, 64, editor_valid_id, 0},
    {"from", RS_FORM, 64, NULL, 0},
};

#define ADMIN (RF_SIGNED_IN | RF_CSRF)

const struct route web_routes[] = {
    /* methods, pattern, handler, flags, fields, refusal, kind */
    {RM_ANY, "/healthz", handle_health, RF_EARLY, NULL, 0, NULL, 0},
    {RM_READ, "/", handle_home, 0, NULL, 0, NULL, 0},
    {RM_READ, "/accessibility", handle_info, 0, NULL, 0, NULL, 0},
    {RM_READ, "/privacy", handle_info, 0, NULL, 0, NULL, 0},
    {RM_READ, "/cookies", handle_info, 0, NULL, 0, NULL, 0},
    {RM_READ, "/contact", handle_info, 0, NULL, 0, NULL, 0},

    /* a resident's way through a survey */
    {RM_READ, "/s/<survey>", page_get, 0, NULL, 0, NULL, 0},
    {RM_POST, "/s/<survey>", page_post, RF_CSRF, NULL, 0, page_post, 0},
    {RM_READ, "/s/<survey>/done", done, 0, NULL, 0, NULL, 0},
    {RM_READ, "/s/<survey>/check", check_get, 0, NULL, 0, NULL, 0},
    {RM_POST, "/s/<survey>/check", check_post, RF_CSRF, NULL, 0, check_post, 0},
    {RM_POST, "/s/<survey>/save", save_email, RF_CSRF, NULL, 0, save_email, 0},
    {RM_POST, "/s/<survey>/invitation", invitation, RF_CSRF, NULL, 0, invitation, 0},
    {RM_READ, "/s/<survey>/privacy", handle_survey_privacy, 0, NULL, 0, NULL, 0},
    {RM_READ, "/s/<survey>/paper", handle_survey_paper, 0, NULL, 0, NULL, 0},
    {RM_READ, "/s/<survey>/<page>", page_get, 0, NULL, 0, NULL, 0},
    {RM_POST, "/s/<survey>/<page>", page_post, RF_CSRF, NULL, 0, page_post, 0},
    {RM_ALL, "/resume", resume, RF_CSRF, NULL, 0, resume, 0},
    {RM_READ, "/resume/<rest...>", resume, 0, NULL, 0, NULL, 1},
    {RM_ALL, "/my-response", my_response, RF_CSRF, NULL, 0, my_response, 0},

    /* published results and their open data */
    {RM_READ, "/r/<survey>", results, 0, NULL, 0, NULL, 0},
    {RM_READ, "/r/<survey>.json", results, 0, NULL, 0, NULL, 1},
    {RM_READ, "/r/<survey>.csv", results, 0, NULL, 0, NULL, 2},
    /* every consultation with public results, newest first (findable.c) */
    {RM_READ, "/results", handle_results_index, 0, NULL, 0, NULL, 0},

    /* the link in every email to residents who asked to be told: the code
     * in the query is the credential (a mail program's one-click POST has
     * no session), so no anti-forgery token */
    {RM_ALL, "/unsubscribe", unsubscribe_route, 0, FIELDS(unsubscribe_fields), NULL, 0},

    /* a tracked series of surveys over its waves (trust, satisfaction) */
    {RM_READ, "/t/<rest>", series_route, 0, NULL, 0, NULL, 0},

    /* commitments made in reply to consultations, and their open data */
    {RM_READ, "/promises", promises_public, 0, FIELDS(promises_filter_fields), NULL, 0},
    {RM_READ, "/promises.json", promises_public, 0, NULL, 0, NULL, 1},
    {RM_READ, "/promises.csv", promises_public, 0, NULL, 0, NULL, 2},
    {RM_READ, "/r/<survey>/briefing", results, 0, NULL, 0, NULL, 3},
    /* compliments and complaints of a standing feedback survey (feedback.c) */
    {RM_READ, "/feedback", feedback_public, 0, NULL, 0, NULL, 0},
    {RM_READ, "/feedback.json", feedback_public, 0, NULL, 0, NULL, 1},

    /* officers and councillors */
    {RM_POST, "/admin/sign-in", admin_sign_in, RF_CSRF, FIELDS(sign_in_fields),
     admin_sign_in_refused, 0},
    {RM_ALL, "/admin", officer_dashboard, ADMIN, NULL, 0, NULL, 0},
    {RM_ALL, "/admin/", officer_dashboard, ADMIN, NULL, 0, NULL, 0},
    {RM_POST, "/admin/sign-out", admin_sign_out, ADMIN, NULL, 0, NULL, 0},
    {RM_ALL, "/admin/surveys", officer_surveys, ADMIN | RF_OFFICER, NULL, 0, NULL, 0},
    {RM_POST, "/admin/surveys/reload", officer_reload, ADMIN | RF_OFFICER, NULL, 0, NULL, 0},
    {RM_POST, "/admin/enter/<survey>", officer_enter, ADMIN | RF_OFFICER | RF_MAY,
     FIELDS(enter_fields), NULL, 0},
    {RM_READ, "/admin/channels", officer_channels, ADMIN, NULL, 0, NULL, 0},
    {RM_READ, "/admin/channels.csv", officer_channels, ADMIN, NULL, 0, NULL, 1},
    {RM_READ, "/admin/enter/<survey>/done", officer_entered, ADMIN | RF_OFFICER | RF_MAY,
     FIELDS(entered_fields), NULL, 0},
    {RM_ALL, "/admin/results/<survey>", officer_results, ADMIN | RF_MAY, NULL, 0, NULL, 0},
    {RM_ALL, "/admin/results/<survey>.json", officer_results, ADMIN | RF_MAY, NULL, 0, NULL, 1},
    {RM_ALL, "/admin/results/<survey>.csv", officer_results, ADMIN | RF_MAY, NULL, 0, NULL, 2},
    {RM_READ, "/admin/publish/<survey>", officer_publication, ADMIN | RF_OFFICER | RF_MAY,
     FIELDS(publication_get_fields), NULL, 0},
    {RM_POST, "/admin/publish/<survey>", officer_publication_save, ADMIN | RF_OFFICER | RF_MAY,
     FIELDS(publication_fields), NULL, 0},
    {RM_POST, "/admin/publish/<survey>/feedback", feedback_settings_post,
     ADMIN | RF_OFFICER | RF_MAY, FIELDS(feedback_fields), NULL, 0},
    {RM_ALL, "/admin/preview/<survey>", officer_preview, ADMIN | RF_OFFICER | RF_MAY, NULL, 0, NULL,
     0},
    {RM_ALL, "/admin/preview/<survey>/<page>", officer_preview, ADMIN | RF_OFFICER | RF_MAY, NULL,
     0, NULL, 0},
    {RM_ALL, "/admin/answers/<survey>", moderate_answers_route, ADMIN | RF_MAY, NULL, 0, NULL, 0},
    {RM_ALL, "/admin/answers/<survey>/<rest>", moderate_answers_route, ADMIN | RF_MAY,
     FIELDS(answer_decision_fields), NULL, 0},
    /* refusals of exports are audited by the handler: no role declared here */
    {RM_ALL, "/admin/export/<survey>", moderate_export_route, ADMIN, NULL, 0, NULL, 0},
    {RM_ALL, "/admin/export/<survey>.csv", moderate_export_route, ADMIN, NULL, 0, NULL, 1},
    {RM_ALL, "/admin/export/<survey>.json", moderate_export_route, ADMIN, NULL, 0, NULL, 2},
    /* themes.c checks "analysed questions" (404) before access (403) */
    {RM_ALL, "/admin/themes/<survey>", themes_admin, ADMIN, FIELDS(theme_decision_fields), NULL, 0},
    /* commitments: councillors read, officers with the survey change */
    {RM_READ, "/admin/promises/<survey>", promises_admin, ADMIN | RF_MAY,
     FIELDS(promise_get_fields), NULL, 0},
    {RM_POST, "/admin/promises/<survey>", promises_admin_post, ADMIN | RF_OFFICER | RF_MAY,
     FIELDS(promise_fields), NULL, 0},
    {RM_READ, "/admin/promises/<survey>/<rest>", promises_admin_item, ADMIN | RF_MAY,
     FIELDS(promise_get_fields), NULL, 0},
    {RM_POST, "/admin/promises/<survey>/<rest>", promises_admin_item_post,
     ADMIN | RF_OFFICER | RF_MAY, FIELDS(promise_fields), NULL, 0},
    {RM_READ, "/admin/versions/<survey>", versions_page, ADMIN | RF_OFFICER | RF_MAY,
     FIELDS(versions_fields), NULL, 0},
    {RM_POST, "/admin/rollback/<survey>", versions_rollback, ADMIN | RF_OFFICER | RF_MAY,
     FIELDS(rollback_fields), NULL, 0},
    {RM_READ, "/admin/diff/<survey>", versions_diff, ADMIN | RF_OFFICER | RF_MAY,
     FIELDS(diff_fields), NULL, 0},
    /* a survey's texts for translators: side by side, CSV and XLIFF out,
     * an upload checked and shown, the updated file as a download (the
     * routes of one pattern stay together: the router reads them as one) */
    {RM_READ, "/admin/translate/<survey>", translate_page, ADMIN | RF_OFFICER | RF_MAY, NULL, 0,
     NULL, 0},
    {RM_POST, "/admin/translate/<survey>", translate_upload, ADMIN | RF_OFFICER | RF_MAY, NULL, 0,
     NULL, 0},
    {RM_READ, "/admin/translate/<survey>.csv", translate_page, ADMIN | RF_OFFICER | RF_MAY, NULL, 0,
     NULL, 1},
    {RM_READ, "/admin/translate/<survey>.xlf", translate_page, ADMIN | RF_OFFICER | RF_MAY, NULL, 0,
     NULL, 2},
    {RM_POST, "/admin/translate/<survey>.xml", translate_download, ADMIN | RF_OFFICER | RF_MAY,
     NULL, 0, NULL, 0},
    /* the survey editor: <rest> may be a survey not served yet (a new
     * draft), so the handlers check the account's access themselves */
    {RM_READ, "/admin/edit/<rest>", editor_page, ADMIN | RF_OFFICER, FIELDS(edit_get_fields), NULL,
     0},
    {RM_POST, "/admin/edit/<rest>", editor_post, ADMIN | RF_OFFICER, FIELDS(edit_fields), NULL, 0},
    {RM_ALL, "/admin/new", editor_new, ADMIN | RF_OFFICER, FIELDS(new_fields), NULL, 0},
    {RM_ANY, "/admin/<rest...>", admin_unknown, ADMIN, NULL, 0, NULL, 0},
};

const size_t web_nroutes = sizeof(web_routes) / sizeof(web_routes[0]);
