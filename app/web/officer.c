/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * officer: the pages under /admin for officers and councillors: the list
 * of consultations they may see with live response counts, the preview
 * of any loaded survey (officers), paper and phone responses entered by
 * officers through the residents' own form (marked with their channel),
 * the results as officers see them, publication, and the survey files
 * with their check status and a reload (officers with every survey).
 * Sign-in, sessions and the rules of who may do what are admin.c's;
 * written answers, flags and exports moderate.c's; themes themes.c's.
 * Every handler here is a route of routes.c: the router has loaded the
 * account, refused forged forms and checked the role the route declares.
 *
 * Uses store/ (sessions, publication), render/, results/ and the web
 * files below it: resp.c, admin.c, journey.c (staff entry, preview),
 * publish.c (results pages).
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
#include "core/token.h"
#include "render/html.h"
#include "render/page.h"
#include "results/results.h"
#include "store/publication.h"
#include "store/responses.h"
#include "store/sessions.h"
#include "store/surveyxml.h"
#include "web/admin.h"
#include "web/handlers.h"
#include "web/feedback.h"
#include "web/journey.h"
#include "web/officer.h"
#include "web/promises.h"

static void frame_begin(struct req *rq, struct resp *rs, struct page_ctx *p)
{
	(void)rq;
	resp_html(rs);
	page_begin(html_over(&rs->body), p);
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
static void row_link(struct html *b, struct req *rq, const char *prefix, const struct survey *s,
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

/* Under a survey's count: how many came by each channel, when any came
 * other than online (a list, e.g. "online 12, paper 3"). -1 when the
 * database is not there. */
static int channel_counts(struct app *app, struct req *rq, struct html *b, const struct survey *s)
{
	struct responses_channel_count c[RESPONSES_CHANNELS_MAX];
	size_t n = 0;

	if (responses_channel_counts(&app->store, rq->a, s->id, c, &n) != STORE_OK)
		return -1;
	if (n == 0 || (n == 1 && strcmp(c[0].channel, "web") == 0))
		return 0;
	html_lit(b, "<ul class=\"channel-counts\">");
	for (size_t i = 0; i < n; i++) {
		html_lit(b, "<li data-channel=\"");
		html_text(b, c[i].channel);
		html_lit(b, "\">");
		html_text(b, journey_channel_name(c[i].channel));
		html_lit(b, " ");
		html_int(b, c[i].n);
		html_lit(b, "</li>");
	}
	html_lit(b, "</ul>");
	return 0;
}

static void dashboard(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad)
{
	struct page_ctx p = {rq->lang, "/admin", _("Consultations you manage")};
	struct html *b = html_over(&rs->body);

	frame_begin(rq, rs, &p);
	html_lit(b, "<p class=\"caption\">");
	html_text(b, _("Signed in as"));
	html_lit(b, " ");
	html_text(b, ad->display);
	html_lit(b, " (");
	html_text(b, ad->officer ? _("officer") : _("councillor"));
	html_lit(b, ")</p>\n<h1>");
	html_text(b, _("Consultations you manage"));
	html_lit(b,
		 "</h1>\n<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
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
		html_text(b, _("Enter a response for a resident"));
		html_lit(b, "</th>");
	}
	html_lit(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < survey_set_count(app->surveys); i++) {
		const struct survey *s = survey_set_at(app->surveys, i);
		long long count;

		if (!admin_may(ad, s->id))
			continue;
		count = responses_complete_count(&app->store, rq->a, s->id);
		if (count < 0) {
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
		html_int(b, count);
		if (channel_counts(app, rq, b, s) != 0) {
			resp_reset(rs);
			web_error(app, rq, rs, 503);
			return;
		}
		html_lit(b, "</td><td>");
		row_link(b, rq, "/admin/results/", s, _("Results"));
		html_lit(b, " ");
		row_link(b, rq, "/admin/answers/", s, _("Written answers"));
		if (s->nanalysed > 0) {
			html_lit(b, " ");
			row_link(b, rq, "/admin/themes/", s, _("Themes"));
		}
		html_lit(b, " ");
		row_link(b, rq, "/admin/promises/", s, _("Commitments"));
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
			html_lit(b, " <a href=\"/s/");
			html_urlpart(b, s->id);
			html_lit(b, "/paper\">");
			html_text(b, _("Paper form"));
			html_lit(b, "<span class=\"visually-hidden\"> ");
			html_text(b, survey_text_get(&s->title, rq->lang));
			html_lit(b, "</span></a> ");
			row_link(b, rq, "/admin/translate/", s, _("Translation"));
			html_lit(b, "</td><td>");
			if (survey_state_at(s, time(NULL)) == SURVEY_OPEN) {
				const char *fid = arena_printf(rq->a, "channel-%s", s->id);

				html_lit(b, "<form method=\"post\" action=\"/admin/enter/");
				html_urlpart(b, s->id);
				html_lit(b, "\" class=\"inline-form\">\n<input type=\"hidden\" "
					    "name=\"csrf\" value=\"");
				html_text(b, admin_form_token(app, rq, ad));
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
				html_lit(b, "</option><option value=\"face-to-face\">");
				html_text(b, _("Face to face"));
				html_lit(b, "</option><option value=\"email\">");
				html_text(b, _("Email"));
				html_lit(b, "</option></select>\n<button type=\"submit\" "
					    "class=\"button button-secondary\">");
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
	html_lit(b, "<p><a href=\"/admin/channels\">");
	html_text(b, _("Responses and their cost by channel"));
	html_lit(b, "</a></p>\n");
	promises_dashboard(app, rq, b, ad);
	if (ad->officer) {
		html_lit(b, "<p><a href=\"/admin/surveys\">");
		html_text(b, _("Survey files and reloading"));
		html_lit(b, "</a></p>\n<p><a href=\"/admin/new\">");
		html_text(b, _("Create a survey"));
		html_lit(b, "</a></p>\n");
	}
	html_lit(b, "<form method=\"post\" action=\"/admin/sign-out\">\n<input type=\"hidden\" "
		    "name=\"csrf\" value=\"");
	html_text(b, admin_form_token(app, rq, ad));
	html_lit(b, "\">\n<button type=\"submit\" class=\"button button-secondary\">");
	html_text(b, _("Sign out"));
	html_lit(b, "</button>\n</form>\n");
	page_end(b, &p);
}

/* The survey files with their check status, and the reload button. */
static void surveys_page(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad)
{
	struct page_ctx p = {rq->lang, "/admin/surveys", _("Survey files")};
	struct html *b = html_over(&rs->body);
	DIR *d = opendir(app->cfg.surveys_dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	frame_begin(rq, rs, &p);
	page_back_link(b, "/admin");
	if (http_param_get(&rq->query_params, "reloaded") != NULL) {
		page_status(b, _("The service is reloading the survey files. If any file fails the "
				 "check, the surveys already loaded keep serving: see below."));
	}
	html_lit(b, "<h1>");
	html_text(b, _("Survey files"));
	html_lit(b,
		 "</h1>\n<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
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
		if (!admin_may(ad, id))
			continue;
		loaded = survey_set_find(app->surveys, id);
		survey_diags_init(&diags);
		survey_load_file(path, &fresh, &diags);
		html_lit(b, "<tr><td>");
		html_text(b, names[i]);
		html_lit(b, "</td><td>");
		if (loaded != NULL) {
			html_textn(b, loaded->version_hash, 12);
			html_lit(b, " <a href=\"/admin/versions/");
			html_urlpart(b, loaded->id);
			html_lit(b, "\">");
			html_text(b, _("Versions"));
			html_lit(b, "</a> <a href=\"/admin/edit/");
			html_urlpart(b, loaded->id);
			html_lit(b, "\">");
			html_text(b, _("Edit"));
			html_lit(b, "<span class=\"visually-hidden\"> ");
			html_text(b, loaded->id);
			html_lit(b, "</span></a>");
		} else
			html_text(b, _("not loaded"));
		html_lit(b, "</td><td>");
		if (fresh != NULL && loaded != NULL &&
		    strcmp(fresh->version_hash, loaded->version_hash) != 0)
			html_text(
			    b,
			    _("Passes; changed since it was loaded: reload to publish the change"));
		else if (fresh != NULL)
			html_text(b, _("Passes"));
		else {
			html_lit(b, "<ul class=\"plain check-errors\">");
			for (size_t k = 0; k < diags.n && k < 20; k++) {
				html_lit(b, "<li>");
				html_text(b, names[i]);
				html_lit(b, ":");
				html_int(b, diags.v[k].line);
				html_lit(b, ":");
				html_int(b, diags.v[k].col);
				html_lit(b, ": ");
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
	html_lit(b, "</tbody>\n</table>\n</div>\n<p><a href=\"/admin/new\">");
	html_text(b, _("Create a survey"));
	html_lit(b, "</a></p>\n");
	{
		/* surveys created in the browser and not yet published */
		struct surveyxml_version *dv;
		size_t dn = 0, shown = 0;

		if (surveyxml_drafts_only(&app->store, rq->a, &dv, &dn) != STORE_OK)
			dn = 0;
		for (size_t i = 0; i < dn; i++) {
			if (!admin_may(ad, dv[i].survey_id))
				continue;
			if (shown++ == 0) {
				html_lit(b, "<h2>");
				html_text(b, _("Surveys not yet published"));
				html_lit(b, "</h2>\n<ul class=\"plain\">\n");
			}
			html_lit(b, "<li><a href=\"/admin/edit/");
			html_urlpart(b, dv[i].survey_id);
			html_lit(b, "\">");
			html_text(b, dv[i].survey_id);
			html_lit(b, "</a> (");
			html_text(b, _("Draft"));
			html_lit(b, " ");
			html_int(b, dv[i].version);
			html_lit(b, ", ");
			html_text(b, dv[i].created_at);
			html_lit(b, ")</li>\n");
		}
		if (shown > 0)
			html_lit(b, "</ul>\n");
	}
	if (ad->surveys == NULL) {
		html_lit(b, "<form method=\"post\" action=\"/admin/surveys/reload\">\n<input "
			    "type=\"hidden\" name=\"csrf\" value=\"");
		html_text(b, admin_form_token(app, rq, ad));
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
	struct html *b = html_over(&rs->body);
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
	html_text(b, pub.is_public ? _("The results are public now.")
				   : _("The results are not public now."));
	html_lit(b, " <a href=\"/admin/results/");
	html_urlpart(b, s->id);
	html_lit(b, "\">");
	html_text(b, _("See the results"));
	html_lit(b, "</a></p>\n<form method=\"post\" action=\"");
	html_text(b, path);
	html_lit(b, "\" novalidate>\n<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, admin_form_token(app, rq, ad));
	html_lit(b, "\">\n<div class=\"question\"><fieldset><legend>");
	html_text(b, _("Who can see the results"));
	html_lit(b, "</legend>\n");
	{
		static const char *const values[] = {"file", "published", "hidden"};
		const char *labels[] = {_("As the survey file says"), _("Published: everyone"),
					_("Not published: officers and councillors only")};

		for (int i = 0; i < 3; i++) {
			html_lit(
			    b,
			    "<div class=\"option\"><input type=\"radio\" name=\"mode\" id=\"mode-");
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
	html_lit(b, "</fieldset></div>\n<div class=\"question\"><div class=\"option\"><input "
		    "type=\"checkbox\""
		    " name=\"exclude_flagged\" id=\"exclude-flagged\" value=\"1\" "
		    "aria-describedby=\"exclude-flagged-hint\"");
	if (pub.exclude_flagged)
		html_lit(b, " checked");
	html_lit(b, "> <label for=\"exclude-flagged\">");
	html_text(b, _("Leave responses flagged as suspicious out of the figures"));
	html_lit(b, "</label></div>\n<p class=\"hint\" id=\"exclude-flagged-hint\">");
	html_text(
	    b,
	    _("Flags come from the checks on each response (a robot trap, a form sent too fast, "
	      "many responses from one network) and from officers. Flagged responses are always "
	      "counted apart; review them on the written answers page before leaving them out."));
	html_lit(b, "</p></div>\n");
	for (int l = 0; l < LANG_N; l++) {
		html_lit(b, "<div class=\"question\"><label class=\"question-label\" for=\"ysw-");
		html_text(b, survey_lang_code((enum yv_lang)l));
		html_lit(b, "\">");
		html_text(b, l == LANG_EN ? _("You said, we did (English)")
					  : _("You said, we did (Welsh)"));
		html_lit(b, "</label>\n<textarea rows=\"5\" name=\"ysw_");
		html_text(b, survey_lang_code((enum yv_lang)l));
		html_lit(b, "\" id=\"ysw-");
		html_text(b, survey_lang_code((enum yv_lang)l));
		html_lit(b, "\"");
		if (l == LANG_CY)
			html_lit(b, " lang=\"cy\"");
		html_lit(b, ">");
		html_text(b, pub.ysw[l] ? pub.ysw[l]
					: survey_text_get(&s->you_said_we_did, (enum yv_lang)l));
		html_lit(b, "</textarea></div>\n");
	}
	html_lit(b, "<button type=\"submit\" class=\"button\">");
	html_text(b, _("Save"));
	html_lit(b, "</button>\n</form>\n");
	feedback_publish_section(app, rq, b, ad, s);
	page_end(b, &p);
}

/* The POST of the publication page: the router has checked mode (one of
 * file, published, hidden), the texts' length and the checkbox. */
void officer_publication_save(struct app *app, struct req *rq, struct resp *rs,
			      const struct route_parts *rp)
{
	const struct admin *ad = rp->admin;
	const struct survey *s = rp->survey;
	const char *mode = route_value(rp, "mode");
	struct audit_actor who = {ad->user_id, ad->username};
	struct publication_set p;

	p.published = strcmp(mode, "file") == 0 ? -1 : strcmp(mode, "published") == 0;
	p.ysw_en = route_value(rp, "ysw_en");
	p.ysw_cy = route_value(rp, "ysw_cy");
	p.exclude_flagged = route_value(rp, "exclude_flagged") != NULL;
	if (publication_set(&app->store, &who, s->id, &p,
			    p.published < 0 ? "publication-as-file"
			    : p.published   ? "publish"
					    : "unpublish",
			    p.exclude_flagged ? arena_printf(rq->a, "%s, flagged left out", mode)
					      : mode) != STORE_OK) {
		web_error(app, rq, rs, 503);
		return;
	}
	/* Publishing freezes the figures by group as they are now (docs/privacy.md);
	 * a survey still being counted gets its snapshot at close. */
	if (p.published == 1 && publish_snapshot(app, rq, s, "publish") < 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	/* Post, redirect, get: a refresh shows the page, it does not save again. */
	rs->status = 303;
	resp_header(rs, "Location", arena_printf(rq->a, "/admin/publish/%s?saved=1", s->id));
}

/* GET /admin: the consultations the account may see. */
void officer_dashboard(struct app *app, struct req *rq, struct resp *rs,
		       const struct route_parts *rp)
{
	dashboard(app, rq, rs, rp->admin);
}

/* GET /admin/surveys (officers). */
void officer_surveys(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	surveys_page(app, rq, rs, rp->admin);
}

/* POST /admin/surveys/reload (officers with every survey). */
void officer_reload(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	const struct admin *ad = rp->admin;

	if (ad->surveys != NULL) {
		admin_forbidden(app, rq, rs);
		return;
	}
	admin_audit(app, ad, "reload-surveys", NULL, NULL);
	/* The master validates the files and keeps the old set on
	 * failure. Only our own master: a worker orphaned by a master
	 * that died must not signal whatever adopted it (init). */
	if (app->master_pid > 0 && (long)getppid() == app->master_pid)
		kill((pid_t)app->master_pid, SIGHUP);
	rs->status = 303;
	resp_header(rs, "Location", "/admin/surveys?reloaded=1");
}

/* POST /admin/enter/<survey> (officers): start a response a resident gave
 * on paper, by phone, face to face or by email; channel is checked by the
 * router. */
void officer_enter(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	const struct survey *s = rp->survey;
	const char *channel = route_value(rp, "channel");

	if (survey_state_at(s, time(NULL)) != SURVEY_OPEN || channel == NULL) {
		admin_forbidden(app, rq, rs);
		return;
	}
	if (journey_start_staff_entry(app, rq, rs, s, channel, rp->admin->username) != 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	admin_audit(app, rp->admin, "enter-response", s->id, channel);
	rs->status = 303;
	resp_header(rs, "Location", arena_printf(rq->a, "/s/%s", s->id));
}

/* The receipt of the response just entered, from the cookie the send set
 * (yv_entered = <survey id>.<receipt>.<tag>, signed as "entered:<id>.<receipt>"),
 * into receipt; 1 when there is one. */
static int entered_receipt(struct app *app, struct req *rq, const struct survey *s,
			   char receipt[TOKEN_RECEIPT_LEN + 1])
{
	const char *c = http_param_get(&rq->cookies, "yv_entered");
	const char *dot2 = c != NULL ? strrchr(c, '.') : NULL;
	size_t idlen = strlen(s->id);
	const char *msg;

	if (dot2 == NULL || strncmp(c, s->id, idlen) != 0 || c[idlen] != '.' ||
	    (size_t)(dot2 - c) != idlen + 1 + TOKEN_RECEIPT_LEN)
		return 0;
	msg = arena_printf(rq->a, "entered:%.*s", (int)(dot2 - c), c);
	if (msg == NULL || !token_verify(app->key, msg, dot2 + 1))
		return 0;
	memcpy(receipt, c + idlen + 1, TOKEN_RECEIPT_LEN);
	receipt[TOKEN_RECEIPT_LEN] = '\0';
	return 1;
}

/* GET /admin/enter/<survey>/done?channel= (officers): the response a
 * resident gave is stored; its receipt to pass on, "Enter another
 * response" by the same channel, and the way back to the officers' pages. */
void officer_entered(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	const struct survey *s = rp->survey;
	const char *channel = route_value(rp, "channel");
	const char *path = arena_printf(rq->a, "/admin/enter/%s/done", s->id);
	struct page_ctx p = {rq->lang, path ? path : "/admin", _("Response entered")};
	struct html *b = html_over(&rs->body);
	char receipt[TOKEN_RECEIPT_LEN + 1];
	int have = entered_receipt(app, rq, s, receipt);

	if (channel == NULL)
		channel = "paper";
	frame_begin(rq, rs, &p);
	if (have)
		resp_header(rs, "Set-Cookie",
			    arena_printf(rq->a,
					 "yv_entered=; Path=/admin/enter/%s/done; Max-Age=0; "
					 "HttpOnly; SameSite=Lax%s",
					 s->id, rq->https ? "; Secure" : ""));
	html_lit(b, "<div class=\"panel-confirmation\" id=\"entered\">\n<h1>");
	html_text(b, have ? _("Response entered") : _("Enter a response for a resident"));
	html_lit(b, "</h1>\n<p>");
	html_text(b, survey_text_get(&s->title, rq->lang));
	html_lit(b, "</p>\n");
	if (have) {
		html_lit(b, "<p>");
		html_text(b, _("Receipt code to give the resident:"));
		html_lit(b, "<br><strong class=\"receipt\">");
		html_text(b, receipt);
		html_lit(b, "</strong></p>\n");
	}
	html_lit(b, "</div>\n<p>");
	html_text(b, arena_printf(rq->a, _("Channel: %s. Entered by: %s."),
				  journey_channel_name(channel), rp->admin->username));
	html_lit(b, "</p>\n");
	if (survey_state_at(s, time(NULL)) == SURVEY_OPEN) {
		html_lit(b, "<form method=\"post\" action=\"/admin/enter/");
		html_urlpart(b, s->id);
		html_lit(b, "\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
		html_text(b, admin_form_token(app, rq, rp->admin));
		html_lit(b, "\">\n<input type=\"hidden\" name=\"channel\" value=\"");
		html_text(b, channel);
		html_lit(b, "\">\n<button type=\"submit\" class=\"button\">");
		html_text(b, _("Enter another response"));
		html_lit(b, "</button>\n</form>\n");
	}
	html_lit(b, "<p><a href=\"/admin\">");
	html_text(b, _("Back to the officers' pages"));
	html_lit(b, "</a></p>\n");
	page_end(b, &p);
}

/* /admin/results/<survey>[.json|.csv]: the results as officers see them
 * (published or not, marked, never cached); the route's kind: 0 page,
 * 1 JSON, 2 CSV. */
void officer_results(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	struct publication pub;

	if (publication_load(app, rq, rp->survey, time(NULL), &pub) != 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	publish_serve(app, rq, rs, rp->survey, rp->route->kind, &pub, 1);
}

/* GET /admin/publish/<survey> (officers). */
void officer_publication(struct app *app, struct req *rq, struct resp *rs,
			 const struct route_parts *rp)
{
	publication_page(app, rq, rs, rp->admin, rp->survey,
			 route_value(rp, "saved") != NULL ? _("Saved.") : NULL);
}

/* /admin/preview/<survey>[/<page>] (officers): a page as residents see it. */
void officer_preview(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	journey_preview(app, rq, rs, rp->survey, rp->page, admin_form_token(app, rq, rp->admin));
}
