/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* editor: officers write a survey's XML in the browser (editor.h). */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "render/html.h"
#include "render/page.h"
#include "store/responses.h"
#include "store/surveyxml.h"
#include "web/admin.h"
#include "web/editor.h"
#include "web/journey.h"

#define DIAGS_SHOWN 200 /* messages listed at once */

/* A survey that passes the check, to start from ("%s" is the id, twice). */
static const char empty_template[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<survey xmlns=\"urn:yourvoice:survey:1\" id=\"%s\" languages=\"en cy\">\n"
    "  <title xml:lang=\"en\">New survey</title>\n"
    "  <title xml:lang=\"cy\">Arolwg newydd</title>\n"
    "  <summary xml:lang=\"en\">Tell us what you think.</summary>\n"
    "  <summary xml:lang=\"cy\">Dywedwch wrthym beth yw eich barn.</summary>\n"
    "  <organisation xml:lang=\"en\">The council</organisation>\n"
    "  <organisation xml:lang=\"cy\">Y cyngor</organisation>\n"
    "  <contact>\n"
    "    <name>Consultation team</name>\n"
    "    <email>consultation@council.example</email>\n"
    "    <phone>01632 960 000</phone>\n"
    "    <address>\n"
    "      <line>County Hall</line>\n"
    "    </address>\n"
    "  </contact>\n"
    "  <dates opens=\"2026-01-01T09:00\" closes=\"2099-12-31T23:59\" results=\"2100-01-31\"/>\n"
    "  <privacy href=\"https://council.example/privacy\">\n"
    "    <notice xml:lang=\"en\">Your answers are used only to plan council services.</notice>\n"
    "    <notice xml:lang=\"cy\">Dim ond i gynllunio gwasanaethau’r cyngor y defnyddir eich "
    "atebion.</notice>\n"
    "  </privacy>\n"
    "  <access mode=\"anonymous\"/>\n"
    "  <retention days=\"365\"/>\n"
    "  <page id=\"your-views\">\n"
    "    <heading xml:lang=\"en\">Your views</heading>\n"
    "    <heading xml:lang=\"cy\">Eich barn</heading>\n"
    "    <long-text id=\"views\" required=\"true\" max-length=\"2000\">\n"
    "      <label xml:lang=\"en\">What do you think?</label>\n"
    "      <label xml:lang=\"cy\">Beth yw eich barn?</label>\n"
    "    </long-text>\n"
    "  </page>\n"
    "</survey>\n";

int editor_valid_action(const char *v)
{
	return strcmp(v, "check") == 0 || strcmp(v, "draft") == 0 || strcmp(v, "publish") == 0 ||
	       strcmp(v, "preview-en") == 0 || strcmp(v, "preview-cy") == 0;
}

int editor_valid_id(const char *v)
{
	return survey_id_valid(v, strlen(v));
}

/* What the editor is working on. */
struct ed {
	const char *id;
	const struct survey *served; /* NULL: not served yet (a new survey) */
	const char *xml;	     /* the text shown in the text area */
	size_t len;
	long long stored; /* > 0: this text is stored as that version */
	const char *state;
	struct survey_diags d; /* the check's messages */
	int checked;	       /* 1: d holds a check's result */
	int failed;	       /* the check failed */
	int warnings;	       /* d holds survey_compare warnings to confirm */
	const char *status;    /* a confirmation to show */
	const char *reason;
};

/* Whether survey id is known: served, or stored in some version. 1, 0,
 * -1 when the database cannot say. */
static int known(struct app *app, struct req *rq, const char *id)
{
	struct surveyxml_version *v;
	size_t n;

	if (survey_set_find(app->surveys, id) != NULL)
		return 1;
	if (surveyxml_history(&app->store, rq->a, id, &v, &n) != STORE_OK)
		return -1;
	return n > 0;
}

/* Which page of the text a preview shows: every page of the text as it
 * loads (none when it does not: the preview then shows the check). */
static void preview_page_choice(struct html *b, struct req *rq, const struct ed *e)
{
	struct survey_diags d;
	struct survey *s = NULL;
	const char *name = arena_printf(rq->a, "%s.xml", e->id);

	survey_diags_init(&d);
	if (name != NULL && survey_load_memory(name, e->xml, e->len, &s, &d) == 0 &&
	    s->npages > 1) {
		html_lit(b, "<div class=\"field\"><label for=\"preview_page\">");
		html_text(b, _("Page to preview"));
		html_lit(b, "</label>\n<select id=\"preview_page\" name=\"preview_page\" "
			    "class=\"select\">\n");
		for (size_t i = 0; i < s->npages; i++) {
			html_lit(b, "<option value=\"");
			html_text(b, s->pages[i].id);
			html_lit(b, "\">");
			html_text(b, arena_printf(rq->a, _("Page %zu of %zu"), i + 1, s->npages));
			html_lit(b, ": ");
			html_text(b, survey_text_get(&s->pages[i].heading, rq->lang));
			html_lit(b, "</option>\n");
		}
		html_lit(b, "</select></div>\n");
	}
	survey_free(s);
	survey_diags_release(&d);
}

/* The text as `yourvoice check` prints it, each message a link to its line. */
static void diag_summary(struct html *b, struct req *rq, const struct ed *e)
{
	page_errors_begin(b);
	for (size_t k = 0; k < e->d.n && k < DIAGS_SHOWN; k++) {
		const struct survey_diag *g = &e->d.v[k];

		page_error_item(
		    b, g->line > 0 ? arena_printf(rq->a, "#L%d", g->line) : "#xml", NULL,
		    arena_printf(rq->a, "%s:%d:%d: %s", g->file, g->line, g->col, g->message));
	}
	page_errors_end(b);
}

/* The submitted text, numbered, each line with its anchor (#L12). */
static void listing(struct html *b, const char *t, size_t len)
{
	size_t line = 1;
	const char *p = t, *e = t + len;

	page_table_region(b, _("The checked text, line by line"));
	html_text(b, _("The checked text, line by line"));
	html_lit(b, "</caption>\n<thead><tr>");
	page_th(b, _("Line"));
	page_th(b, _("Text"));
	html_lit(b, "</tr></thead>\n<tbody>\n");
	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(e - p);

		html_lit(b, "<tr id=\"L");
		html_int(b, (long long)line);
		html_lit(b, "\"><td class=\"diff-num\">");
		html_int(b, (long long)line);
		html_lit(b, "</td><td><code class=\"diff-text\">");
		html_textn(b, p, n);
		html_lit(b, "</code></td></tr>\n");
		line++;
		p += n + (nl != NULL);
	}
	html_lit(b, "</tbody>\n</table>\n</div>\n");
}

/* The edit page: messages, the form, and the listing of a checked text. */
static void edit_page(struct app *app, struct req *rq, struct resp *rs,
		      const struct route_parts *rp, struct ed *e)
{
	const char *path = arena_printf(rq->a, "/admin/edit/%s", e->id);
	const char *title = _("Edit the survey");
	const char *caption = e->served ? survey_text_get(&e->served->title, rq->lang) : e->id;
	struct html *b = html_over(&rs->body);

	if (path == NULL) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (e->failed)
		title = arena_printf(rq->a, "%s: %s", _("Error"), title);
	resp_page_begin(rq, rs, path, title);
	page_back_link(b, e->served ? arena_printf(rq->a, "/admin/versions/%s", e->id) : "/admin");
	if (e->checked && e->failed)
		diag_summary(b, rq, e);
	page_heading(b, caption, _("Edit the survey"));
	if (e->status != NULL)
		page_status(b, e->status);
	if (e->checked && !e->failed && !e->warnings)
		page_status(b, _("The survey passes the check: yourvoice check finds no problem."));
	if (e->warnings) {
		html_lit(b, "<div class=\"notice\" role=\"note\"><h2>");
		html_text(b, _("Confirm the changes"));
		html_lit(b, "</h2>\n<p>");
		html_text(b,
			  _("This survey already has responses. Publishing this text changes what "
			    "some of their answers mean (as yourvoice check --previous warns):"));
		html_lit(b, "</p>\n<ul class=\"plain check-errors\">\n");
		for (size_t k = 0; k < e->d.n && k < DIAGS_SHOWN; k++) {
			html_lit(b, "<li><a href=\"#L");
			html_int(b, e->d.v[k].line);
			html_lit(b, "\"><code>");
			html_text(b,
				  arena_printf(rq->a, "%s:%d:%d: %s", e->d.v[k].file,
					       e->d.v[k].line, e->d.v[k].col, e->d.v[k].message));
			html_lit(b, "</code></a></li>\n");
		}
		html_lit(b, "</ul>\n<p>");
		html_text(b,
			  _("To publish it anyway, tick the box below and choose Publish again."));
		html_lit(b, "</p></div>\n");
	}
	html_lit(b, "<p>");
	html_text(b, _("The survey's file as XML, as described in the authoring guide. Check it "
		       "as often as you like: nothing is stored until you save a draft or publish. "
		       "A draft is kept in the history even when it fails the check; only a "
		       "survey that passes the check can be published."));
	html_lit(b, "</p>\n");
	if (e->stored > 0) {
		html_lit(b, "<p>");
		html_text(b, _("Shown: version"));
		html_lit(b, " ");
		html_int(b, e->stored);
		html_lit(b, " (");
		html_text(b, strcmp(e->state, "draft") == 0 ? _("Draft") : _("Published"));
		html_lit(b, ").</p>\n");
	}
	html_lit(b, "<form method=\"post\" action=\"");
	html_text(b, path);
	html_lit(b, "\" enctype=\"multipart/form-data\">\n"
		    "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, admin_form_token(app, rq, rp->admin));
	html_lit(b, "\">\n<div class=\"field\"><label for=\"xml\">");
	html_text(b, _("Survey XML"));
	html_lit(b, "</label>\n<textarea id=\"xml\" name=\"xml\" rows=\"24\" class=\"textarea "
		    "xml-editor\" spellcheck=\"false\" autocapitalize=\"off\">");
	html_textn(b, e->xml, e->len);
	html_lit(b, "</textarea></div>\n<div class=\"field\"><label for=\"file\">");
	html_text(b, _("Or upload an XML file instead of the text above"));
	html_lit(b, "</label>\n<p class=\"hint\" id=\"file-hint\">");
	html_text(b, _("When you choose a file, its content is used and the text above is "
		       "ignored."));
	html_lit(b, "</p>\n<input type=\"file\" id=\"file\" name=\"file\" accept=\".xml,text/xml,"
		    "application/xml\" aria-describedby=\"file-hint\"></div>\n"
		    "<div class=\"field\"><label for=\"reason\">");
	html_text(b, _("Reason for the change (kept in the history)"));
	html_lit(b,
		 "</label>\n<input type=\"text\" id=\"reason\" name=\"reason\" maxlength=\"500\" "
		 "class=\"input\" value=\"");
	html_text(b, e->reason ? e->reason : "");
	html_lit(b, "\"></div>\n");
	if (e->warnings) {
		html_lit(b, "<div class=\"field\"><input type=\"checkbox\" id=\"confirm\" "
			    "name=\"confirm\" value=\"1\"> <label for=\"confirm\">");
		html_text(b, _("I have read the warnings and want to publish these changes"));
		html_lit(b, "</label></div>\n");
	}
	preview_page_choice(b, rq, e);
	html_lit(b, "<div class=\"button-group\">\n"
		    "<button type=\"submit\" class=\"button\" name=\"action\" value=\"check\">");
	html_text(b, _("Check"));
	html_lit(b, "</button>\n<button type=\"submit\" class=\"button button-secondary\" "
		    "name=\"action\" value=\"preview-en\">");
	html_text(b, _("Preview in English"));
	html_lit(b, "</button>\n<button type=\"submit\" class=\"button button-secondary\" "
		    "name=\"action\" value=\"preview-cy\">");
	html_text(b, _("Preview in Welsh"));
	html_lit(b, "</button>\n<button type=\"submit\" class=\"button button-secondary\" "
		    "name=\"action\" value=\"draft\">");
	html_text(b, _("Save as draft"));
	html_lit(b, "</button>\n<button type=\"submit\" class=\"button\" name=\"action\" "
		    "value=\"publish\">");
	html_text(b, _("Publish"));
	html_lit(b, "</button>\n</div>\n</form>\n");
	if (e->checked || e->warnings) {
		listing(b, e->xml, e->len);
	}
	if (e->served != NULL) {
		html_lit(b, "<p><a href=\"/admin/versions/");
		html_urlpart(b, e->id);
		html_lit(b, "\">");
		html_text(b, _("Versions of this survey"));
		html_lit(b, "</a></p>\n");
	}
	resp_page_end(rq, rs, path, title);
}

/* The survey in <rest> the account may edit: its id, or NULL with rs filled. */
static const char *edit_target(struct app *app, struct req *rq, struct resp *rs,
			       const struct route_parts *rp)
{
	int k;

	if (!survey_id_valid(rp->rest, strlen(rp->rest))) {
		web_error(app, rq, rs, 404);
		return NULL;
	}
	k = known(app, rq, rp->rest);
	if (k < 0) {
		web_error(app, rq, rs, 503);
		return NULL;
	}
	if (k == 0) {
		web_error(app, rq, rs, 404);
		return NULL;
	}
	if (!admin_may(rp->admin, rp->rest)) {
		admin_forbidden(app, rq, rs);
		return NULL;
	}
	return rp->rest;
}

/* GET /admin/edit/<survey>: the newest version (a draft newer than the
 * served one, else the served one). */
void editor_page(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	struct ed e = {0};
	struct surveyxml_version *h, v;
	size_t n;
	const char *saved = route_value(rp, "saved"), *published = route_value(rp, "published");

	if ((e.id = edit_target(app, rq, rs, rp)) == NULL)
		return;
	e.served = survey_set_find(app->surveys, e.id);
	if (surveyxml_history(&app->store, rq->a, e.id, &h, &n) != STORE_OK || n == 0 ||
	    surveyxml_get(&app->store, rq->a, e.id, h[0].version, &v) != STORE_OK) {
		web_error(app, rq, rs, 503);
		return;
	}
	e.xml = v.xml;
	e.len = v.size;
	e.stored = v.version;
	e.state = v.state;
	if (saved != NULL)
		e.status = arena_printf(rq->a, _("Saved as draft version %s."), saved);
	if (published != NULL)
		e.status = arena_printf(
		    rq->a, _("Version %s is published: every instance serves it within seconds."),
		    published);
	survey_diags_init(&e.d);
	edit_page(app, rq, rs, rp, &e);
	survey_diags_release(&e.d);
}

/* The submitted text: the uploaded file when one was chosen, else the text
 * area with the browser's CR LF line ends made LF. NULL with rs filled. */
static const char *submitted(struct app *app, struct req *rq, struct resp *rs,
			     const struct route_parts *rp, size_t *len)
{
	const char *f = route_value(rp, "file"), *x = route_value(rp, "xml");
	char *o;
	size_t k = 0;

	if (http_param_get(&rq->form, "file:binary") != NULL) {
		web_error(app, rq, rs, 400);
		return NULL;
	}
	if (f != NULL && f[0] != '\0') {
		*len = strlen(f);
		return f;
	}
	if (x == NULL) {
		web_error(app, rq, rs, route_sent(rp, "xml") != NULL ? 413 : 400);
		return NULL;
	}
	if ((o = arena_alloc(rq->a, strlen(x) + 1)) == NULL) {
		web_error(app, rq, rs, 413);
		return NULL;
	}
	for (const char *p = x; *p; p++)
		if (!(p[0] == '\r' && p[1] == '\n'))
			o[k++] = *p;
	o[k] = '\0';
	*len = k;
	return o;
}

static long long store_version(struct app *app, const struct route_parts *rp, struct ed *e,
			       enum surveyxml_state state, const char *action)
{
	struct audit_actor who = {rp->admin->user_id, rp->admin->username};
	struct surveyxml_new nv = {0};
	long long version = 0;

	nv.survey_id = e->id;
	nv.xml = e->xml;
	nv.size = e->len;
	nv.origin = SURVEYXML_WEB;
	nv.author = rp->admin->username;
	nv.reason = e->reason != NULL && e->reason[0] != '\0' ? e->reason : NULL;
	nv.state = state;
	if (surveyxml_add(&app->store, &who, action, &nv, &version) != STORE_OK)
		return -1;
	return version;
}

/* POST /admin/edit/<survey>: check, preview, save as draft or publish. */
void editor_post(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	const char *action = route_value(rp, "action");
	const char *name;
	struct survey *fresh = NULL;
	struct ed e = {0};

	if ((e.id = edit_target(app, rq, rs, rp)) == NULL)
		return;
	if (action == NULL) {
		web_error(app, rq, rs, 400);
		return;
	}
	if ((e.xml = submitted(app, rq, rs, rp, &e.len)) == NULL)
		return;
	if (e.len > SURVEYXML_MAX) {
		web_error(app, rq, rs, 413);
		return;
	}
	e.served = survey_set_find(app->surveys, e.id);
	e.reason = route_value(rp, "reason");
	name = arena_printf(rq->a, "%s.xml", e.id);
	survey_diags_init(&e.d);
	e.checked = 1;
	e.failed = name == NULL || survey_load_memory(name, e.xml, e.len, &fresh, &e.d) != 0;

	if (strncmp(action, "preview-", 8) == 0 && !e.failed) {
		/* the chosen page (else the first) as residents see it, in the
		 * chosen language; the
		 * preview's form posts nowhere that stores answers */
		struct req pr = *rq;

		pr.method = M_GET;
		pr.lang = strcmp(action, "preview-cy") == 0 ? LANG_CY : LANG_EN;
		i18n_use(survey_lang_code(pr.lang));
		const char *pid = route_value(rp, "preview_page");

		journey_preview(app, &pr, rs, fresh, pid ? survey_find_page(fresh, pid) : NULL,
				admin_form_token(app, rq, rp->admin));
		admin_audit(app, rp->admin, "survey-preview", e.id, action + 8);
	} else if (strcmp(action, "draft") == 0) {
		long long v = store_version(app, rp, &e, SURVEYXML_DRAFT, "survey-draft");

		if (v < 0) {
			web_error(app, rq, rs, 503);
		} else if (e.failed) {
			e.stored = v;
			e.state = "draft";
			e.status =
			    arena_printf(rq->a,
					 _("Saved as draft version %lld, but it fails the check: "
					   "it cannot be published until the problems below are "
					   "put right."),
					 v);
			rs->status = 422;
			edit_page(app, rq, rs, rp, &e);
		} else {
			rs->status = 303;
			resp_header(rs, "Location",
				    arena_printf(rq->a, "/admin/edit/%s?saved=%lld", e.id, v));
		}
	} else if (strcmp(action, "publish") == 0 && !e.failed) {
		long long answers =
			      e.served ? responses_complete_count(&app->store, rq->a, e.id) : 0,
			  v;

		if (answers < 0) {
			web_error(app, rq, rs, 503);
		} else if (answers > 0 && route_value(rp, "confirm") == NULL &&
			   survey_compare(e.served, fresh, &e.d) > 0) {
			e.checked = 0;
			e.warnings = 1;
			edit_page(app, rq, rs, rp, &e);
		} else if ((v = store_version(app, rp, &e, SURVEYXML_PUBLISHED, "survey-publish")) <
			   0) {
			web_error(app, rq, rs, 503);
		} else {
			/* at once here; the other instances notice within seconds */
			if (app->master_pid > 0 && (long)getppid() == app->master_pid)
				kill((pid_t)app->master_pid, SIGHUP);
			rs->status = 303;
			resp_header(
			    rs, "Location",
			    e.served
				? arena_printf(rq->a, "/admin/versions/%s?done=%lld", e.id, v)
				: arena_printf(rq->a, "/admin/edit/%s?published=%lld", e.id, v));
		}
	} else {
		/* check, or a preview or publication refused by the check */
		if (e.failed) {
			rs->status = 422;
			if (strcmp(action, "publish") == 0) {
				e.status = _("Nothing was published: the survey fails the check.");
				admin_audit(app, rp->admin, "survey-publish-refused", e.id, NULL);
			}
		}
		edit_page(app, rq, rs, rp, &e);
	}
	survey_free(fresh);
	survey_diags_release(&e.d);
}

/* ---------- a new survey ---------- */

static void new_page(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp,
		     const char *error, const char *id_sent)
{
	const char *path = "/admin/new", *title = _("Create a survey");
	struct html *b = html_over(&rs->body);
	const char *from = route_value(rp, "from");

	if (error != NULL)
		title = arena_printf(rq->a, "%s: %s", _("Error"), title);
	resp_page_begin(rq, rs, path, title);
	page_back_link(b, "/admin");
	if (error != NULL) {
		page_errors_begin(b);
		page_error_item(b, "#id", NULL, error);
		page_errors_end(b);
	}
	html_lit(b, "<h1>");
	html_text(b, _("Create a survey"));
	html_lit(b, "</h1>\n<p>");
	html_text(b, _("Start from an empty survey that passes the check, or from a copy of a "
		       "survey the service serves. The new survey is saved as a draft and opens in "
		       "the editor; residents see nothing until you publish it."));
	html_lit(b, "</p>\n<form method=\"post\" action=\"/admin/new\">\n"
		    "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, admin_form_token(app, rq, rp->admin));
	html_lit(b, "\">\n<div class=\"field");
	if (error != NULL)
		html_lit(b, " field-error");
	html_lit(b, "\"><label for=\"id\">");
	html_text(b, _("Survey id"));
	html_lit(b, "</label>\n<p class=\"hint\" id=\"id-hint\">");
	html_text(b, _("Lower-case letters, digits and hyphens, for example library-hours-2027. It "
		       "is the survey's address (/s/library-hours-2027) and cannot be changed "
		       "later."));
	html_lit(b, "</p>\n");
	if (error != NULL) {
		html_lit(
		    b,
		    "<p class=\"error-message\" id=\"id-error\"><span class=\"visually-hidden\">");
		html_text(b, _("Error"));
		html_lit(b, ":</span> ");
		html_text(b, error);
		html_lit(b, "</p>\n");
	}
	html_lit(b, "<input type=\"text\" id=\"id\" name=\"id\" class=\"input\" maxlength=\"64\" "
		    "autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"id-hint");
	if (error != NULL)
		html_lit(b, " id-error");
	html_lit(b, "\" value=\"");
	html_text(b, id_sent ? id_sent : "");
	html_lit(b, "\"></div>\n<div class=\"field\"><label for=\"from\">");
	html_text(b, _("Start from"));
	html_lit(b, "</label>\n<select id=\"from\" name=\"from\">\n<option value=\"\">");
	html_text(b, _("An empty survey"));
	html_lit(b, "</option>\n");
	for (size_t i = 0; i < survey_set_count(app->surveys); i++) {
		const struct survey *s = survey_set_at(app->surveys, i);

		if (!admin_may(rp->admin, s->id))
			continue;
		html_lit(b, "<option value=\"");
		html_text(b, s->id);
		html_lit(b, "\"");
		if (from != NULL && strcmp(from, s->id) == 0)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, arena_printf(rq->a, _("A copy of %s"),
					  survey_text_get(&s->title, rq->lang)));
		html_lit(b, " (");
		html_text(b, s->id);
		html_lit(b, ")</option>\n");
	}
	html_lit(b, "</select></div>\n<button type=\"submit\" class=\"button\">");
	html_text(b, _("Create and open the editor"));
	html_lit(b, "</button>\n</form>\n");
	resp_page_end(rq, rs, path, title);
}

/* The bytes of survey from with its root's id="from" made id="id". */
static char *copy_with_id(struct arena *a, const char *xml, const char *from, const char *id)
{
	const char *root = strstr(xml, "<survey"), *at;
	const char *old = arena_printf(a, "id=\"%s\"", from);

	if (root == NULL || old == NULL || (at = strstr(root, old)) == NULL)
		return NULL;
	return arena_printf(a, "%.*sid=\"%s\"%s", (int)(at - xml), xml, id, at + strlen(old));
}

/* GET and POST /admin/new */
void editor_new(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	const char *id = route_value(rp, "id"), *from = route_value(rp, "from");
	const char *xml;
	struct ed e = {0};
	long long v;
	int k;

	if (rq->method != M_POST) {
		new_page(app, rq, rs, rp, NULL, NULL);
		return;
	}
	if (id == NULL) {
		rs->status = 422;
		new_page(app, rq, rs, rp,
			 _("Enter an id of lower-case letters, digits and hyphens, starting with a "
			   "letter"),
			 route_sent(rp, "id"));
		return;
	}
	if (!admin_may(rp->admin, id)) {
		admin_forbidden(app, rq, rs);
		return;
	}
	if ((k = known(app, rq, id)) != 0) {
		if (k < 0) {
			web_error(app, rq, rs, 503);
			return;
		}
		rs->status = 422;
		new_page(app, rq, rs, rp,
			 _("A survey with this id already exists: choose another id"), id);
		return;
	}
	if (from != NULL && from[0] != '\0') {
		struct surveyxml_version sv;

		if (survey_set_find(app->surveys, from) == NULL || !admin_may(rp->admin, from) ||
		    surveyxml_get(&app->store, rq->a, from, 0, &sv) != STORE_OK ||
		    (xml = copy_with_id(rq->a, sv.xml, from, id)) == NULL) {
			web_error(app, rq, rs, 400);
			return;
		}
	} else if ((xml = arena_printf(rq->a, empty_template, id)) == NULL) {
		web_error(app, rq, rs, 503);
		return;
	}
	e.id = id;
	e.xml = xml;
	e.len = strlen(xml);
	e.reason = from != NULL && from[0] != '\0' ? arena_printf(rq->a, "created from %s", from)
						   : "created from the empty template";
	if ((v = store_version(app, rp, &e, SURVEYXML_DRAFT, "survey-create")) < 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	rs->status = 303;
	resp_header(rs, "Location", arena_printf(rq->a, "/admin/edit/%s?saved=%lld", id, v));
}
