/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themereview: the officers' theme review page /admin/themes/<id>
 * (themereview.h; themereview_int.h lists the family), and at its end the
 * dispatch of its GET and POST.
 *
 * Review page: for each analysed question, each theme with its share,
 * phrases and quote candidates. Officers with access to the survey can
 * rename a theme (English and Welsh labels, THEME_LABEL_MAX bytes each),
 * merge it into another or undo that, and hide a quote from publication
 * with a reason (a row of answer_moderation, shared with the answers list)
 * or show it again (themereview_post.c). Every POST re-checks role and
 * survey permission (the anti-forgery token was checked by handle_admin),
 * names only keys and quotes present in the current summary, and is written
 * to the audit log. Decisions name stable theme keys, so they survive
 * recomputation (results/themeview.h); they are applied when a page is
 * drawn, so the public page, JSON and CSV show them on the next request.
 * Uses web/, render/ and results/themeview.h.
 */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "render/html.h"
#include "render/page.h"
#include "web/handlers.h"
#include "web/themereview_int.h"

static void hidden_input(struct html *b, const char *name, const char *value)
{
	html_lit(b, "<input type=\"hidden\" name=\"");
	html_text(b, name);
	html_lit(b, "\" value=\"");
	html_text(b, value);
	html_lit(b, "\">\n");
}

static void form_open(struct app *app, struct req *rq, struct html *b, const struct admin *ad,
		      const struct survey *s, const char *action, const char *qid, const char *key)
{
	html_lit(b, "<form method=\"post\" action=\"/admin/themes/");
	html_urlpart(b, s->id);
	html_lit(b, "\" class=\"theme-form\">\n");
	hidden_input(b, "csrf", admin_form_token(app, rq, ad));
	hidden_input(b, "action", action);
	hidden_input(b, "question", qid);
	if (key != NULL)
		hidden_input(b, "theme", key);
}

/* The labels boxes of the rename, make and split forms: English required
 * for a made theme (req), Welsh optional; cur (may be NULL) fills them. */
static void label_inputs(struct req *rq, struct html *b, const char *fid, json_t *cur, int req)
{
	for (int l = 0; l < LANG_N; l++) {
		const char *code = survey_lang_code((enum yv_lang)l);
		const char *id = arena_printf(rq->a, "label-%s-%s", code, fid);
		const char *v = cur ? json_string_value(json_object_get(cur, code)) : NULL;

		html_lit(b, "<div class=\"question\"><label for=\"");
		html_text(b, id);
		html_lit(b, "\">");
		html_text(b, l == LANG_EN ? _("Label in English") : _("Label in Welsh"));
		html_lit(b, "</label>\n<input type=\"text\" class=\"input\" maxlength=\"120\" "
			    "name=\"label_");
		html_text(b, code);
		html_lit(b, "\" id=\"");
		html_text(b, id);
		html_lit(b, "\" value=\"");
		html_text(b, v ? v : "");
		html_lit(b, "\"");
		if (l == LANG_CY)
			html_lit(b, " lang=\"cy\"");
		else if (req)
			html_lit(b, " required");
		html_lit(b, "></div>\n");
	}
}

/* "/admin/answers/<id>?theme=<question>:<key>": the answers of one theme. */
static void theme_answers_link(struct req *rq, struct html *b, const struct survey *s,
			       const char *qid, json_t *t)
{
	html_lit(b, "<p><a href=\"/admin/answers/");
	html_urlpart(b, s->id);
	html_lit(b, "?theme=");
	html_urlpart(
	    b, arena_printf(rq->a, "%s:%s", qid, json_string_value(json_object_get(t, "id"))));
	html_lit(b, "\">");
	html_text(b, arena_printf(rq->a, _("Read the answers in the theme %s"),
				  themereview_label_text(rq, t)));
	html_lit(b, "</a></p>\n");
}

/* A theme's heading, state, figures, description, stances and the link to
 * its answers. */
static void theme_head(struct req *rq, struct html *b, const struct survey *s, const char *qid,
		       json_t *t, const char *fid)
{
	int approved = json_is_true(json_object_get(t, "approved"));

	html_lit(b, "<section class=\"theme\" id=\"theme-");
	html_text(b, fid);
	html_lit(b, "\">\n<h3>");
	themereview_label_html(rq, b, t);
	html_lit(b, "</h3>\n");
	if (approved) {
		html_lit(b, "<p class=\"tag\"><strong>");
		html_text(b, _("Approved"));
		html_lit(b, "</strong>: ");
		html_text(b, _("shown on the results pages and in the open data."));
	} else {
		html_lit(b, "<p class=\"tag tag-hidden\"><strong>");
		html_text(b, _("Awaiting review"));
		html_lit(b, "</strong>: ");
		html_text(b, _("not published until an officer approves it."));
	}
	html_lit(b, "</p>\n<p class=\"meta\">");
	html_text(b, arena_printf(
			 rq->a, _("%lld answers (%s)."),
			 json_integer_value(json_object_get(t, "count")),
			 themereview_pct(rq->a, json_number_value(json_object_get(t, "share")))));
	if (json_is_true(json_object_get(t, "created"))) {
		html_lit(b, " ");
		html_text(b, _("Made by an officer."));
	} else if (json_is_true(json_object_get(t, "renamed"))) {
		html_lit(b, " ");
		html_text(b,
			  arena_printf(rq->a, _("Automatic label: %s."),
				       json_string_value(json_object_get(t, "automatic_label"))));
	}
	html_lit(b, "</p>\n");
	themereview_description_html(rq, b, t);
	if (json_is_object(json_object_get(t, "stance"))) {
		html_lit(b, "<p class=\"meta\">");
		html_text(b, _("Praise, complaints and suggestions"));
		html_lit(b, ": ");
		themereview_stance_html(rq, b, t);
		html_lit(b, "</p>\n");
	}
	theme_answers_link(rq, b, s, qid, t);
}

/* The approval form, and the themes merged into this one (with the forms
 * that undo each merge). */
static void theme_approval(struct app *app, struct req *rq, struct html *b, const struct admin *ad,
			   const struct survey *s, const char *qid, json_t *t, int can)
{
	const char *key = json_string_value(json_object_get(t, "id"));
	const char *label = themereview_label_text(rq, t);
	int approved = json_is_true(json_object_get(t, "approved"));
	json_t *m;
	size_t k;

	if (can) {
		form_open(app, rq, b, ad, s, approved ? "unapprove" : "approve", qid, key);
		html_lit(b, "<button type=\"submit\" class=\"button\">");
		html_text(b, approved
				 ? arena_printf(rq->a, _("Withdraw the approval of %s"), label)
				 : arena_printf(rq->a, _("Approve %s for publication"), label));
		html_lit(b, "</button>\n</form>\n");
	}
	/* merged into this one, by name */
	json_array_foreach(json_object_get(t, "merged_from"), k, m)
	{
		const char *mlabel = themereview_label_text(rq, m);

		html_lit(b, "<p class=\"meta\">");
		html_text(b, arena_printf(rq->a, _("Includes the theme %s, merged by an officer."),
					  mlabel));
		html_lit(b, "</p>\n");
		if (can) {
			form_open(app, rq, b, ad, s, "unmerge", qid,
				  json_string_value(json_object_get(m, "id")));
			html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
			html_text(b, arena_printf(rq->a, _("Undo the merge of %s"), mlabel));
			html_lit(b, "</button>\n</form>\n");
		}
	}
}

/* One quote of a theme, with its state and (officers) the form that hides
 * it or shows it again. */
static void theme_quote(struct app *app, struct req *rq, struct html *b, const struct admin *ad,
			const struct survey *s, const char *qid, json_t *qq, int can)
{
	const char *rid = json_string_value(json_object_get(qq, "id"));
	int hidden = json_is_true(json_object_get(qq, "hidden"));
	const char *rfid = arena_printf(rq->a, "reason-%s-%s", qid, rid);

	/* A hidden quote, and why, are for the officers who decide:
	 * councillors read what may be published (as on the answers page). */
	if (hidden && !can)
		return;
	html_lit(b, "<li");
	if (hidden)
		html_lit(b, " class=\"quote-hidden\"");
	html_lit(b, "><blockquote><p>");
	html_text(b, json_string_value(json_object_get(qq, "text")));
	html_lit(b, "</p></blockquote>\n");
	if (json_is_true(json_object_get(qq, "truncated"))) {
		html_lit(b, "<p><a href=\"/admin/answers/");
		html_urlpart(b, s->id);
		html_lit(b, "?q=");
		html_urlpart(b, qid);
		html_lit(b, "&amp;response=");
		html_urlpart(b, rid);
		html_lit(b, "\">");
		html_text(b, _("Read the whole answer"));
		html_lit(b, "</a></p>\n");
	}
	if (json_is_true(json_object_get(qq, "published"))) {
		html_lit(b, "<p class=\"meta\">");
		html_text(b, _("Shown on the results pages."));
		html_lit(b, "</p>\n");
	}
	if (hidden) {
		html_lit(b, "<p><strong>");
		html_text(b, _("Hidden from publication."));
		html_lit(b, "</strong> ");
		html_text(b, arena_printf(rq->a, _("Reason: %s"),
					  json_string_value(json_object_get(qq, "reason"))));
		html_lit(b, "</p>\n");
		if (can) {
			form_open(app, rq, b, ad, s, "unhide", qid, NULL);
			hidden_input(b, "response", rid);
			html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
			html_text(b, _("Show this quote again"));
			html_lit(b, "</button>\n</form>\n");
		}
	} else if (can) {
		form_open(app, rq, b, ad, s, "hide", qid, NULL);
		hidden_input(b, "response", rid);
		html_lit(b, "<label for=\"");
		html_text(b, rfid);
		html_lit(b, "\">");
		html_text(b, _("Reason for hiding this quote"));
		html_lit(b, "</label>\n<input type=\"text\" name=\"reason\" id=\"");
		html_text(b, rfid);
		html_lit(b, "\" maxlength=\"255\" required class=\"input\">\n<button "
			    "type=\"submit\" class=\"button button-secondary\">");
		html_text(b, _("Hide from publication"));
		html_lit(b, "</button>\n</form>\n");
	}
	html_lit(b, "</li>\n");
}

/* The officers' forms that rename the theme and merge it into another. */
static void theme_edit(struct app *app, struct req *rq, struct html *b, const struct admin *ad,
		       const struct survey *s, const char *qid, json_t *list, json_t *t,
		       const char *fid)
{
	const char *key = json_string_value(json_object_get(t, "id"));
	const char *label = themereview_label_text(rq, t);
	json_t *o;
	size_t k;

	/* rename */
	form_open(app, rq, b, ad, s, "rename", qid, key);
	html_lit(b, "<fieldset><legend>");
	html_text(b, arena_printf(rq->a, _("Rename the theme %s"), label));
	html_lit(b, "</legend>\n");
	label_inputs(rq, b, fid, json_object_get(t, "label"), 0);
	html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
	html_text(b, _("Save the labels"));
	html_lit(b, "</button>\n</fieldset>\n</form>\n");
	/* merge */
	if (json_array_size(list) > 1) {
		const char *mid = arena_printf(rq->a, "merge-%s", fid);

		form_open(app, rq, b, ad, s, "merge", qid, key);
		html_lit(b, "<label for=\"");
		html_text(b, mid);
		html_lit(b, "\">");
		html_text(b, arena_printf(rq->a, _("Merge %s into"), label));
		html_lit(b, "</label>\n<select name=\"into\" id=\"");
		html_text(b, mid);
		html_lit(b, "\">\n");
		json_array_foreach(list, k, o)
		{
			const char *ok = json_string_value(json_object_get(o, "id"));

			if (strcmp(ok, key) == 0)
				continue;
			html_lit(b, "<option value=\"");
			html_text(b, ok);
			html_lit(b, "\">");
			html_text(b, themereview_label_text(rq, o));
			html_lit(b, "</option>\n");
		}
		html_lit(b,
			 "</select>\n<button type=\"submit\" class=\"button button-secondary\">");
		html_text(b, _("Merge"));
		html_lit(b, "</button>\n</form>\n");
	}
}

static void admin_theme(struct app *app, struct req *rq, struct html *b, const struct admin *ad,
			const struct survey *s, const char *qid, json_t *list, json_t *t, int can)
{
	const char *key = json_string_value(json_object_get(t, "id"));
	const char *fid = arena_printf(rq->a, "%s-%s", qid, key);
	json_t *qq;
	size_t k;

	theme_head(rq, b, s, qid, t, fid);
	theme_approval(app, rq, b, ad, s, qid, t, can);
	html_lit(b, "<h4>");
	html_text(b, _("Quotes"));
	html_lit(b, "</h4>\n<ul class=\"theme-quotes\">\n");
	json_array_foreach(json_object_get(t, "quotes"), k, qq)
	    theme_quote(app, rq, b, ad, s, qid, qq, can);
	html_lit(b, "</ul>\n");
	if (can)
		theme_edit(app, rq, b, ad, s, qid, list, t, fid);
	html_lit(b, "</section>\n");
}

/* The "Other" group on the officers' page: its count and quotes. */
static void admin_other(struct app *app, struct req *rq, struct html *b, const struct admin *ad,
			const struct survey *s, const char *qid, json_t *q, int can)
{
	json_t *o = json_object_get(q, "other"), *qq;
	size_t k;

	if (json_integer_value(json_object_get(o, "count")) == 0)
		return;
	html_lit(b, "<section class=\"theme\">\n<h3>");
	html_text(b, _("Other"));
	html_lit(b, "</h3>\n<p class=\"meta\">");
	html_text(b, arena_printf(
			 rq->a, _("%lld answers (%s)."),
			 json_integer_value(json_object_get(o, "count")),
			 themereview_pct(rq->a, json_number_value(json_object_get(o, "share")))));
	html_lit(b, " ");
	html_text(b, _("Answers on subjects few others raised; always published as a count."));
	html_lit(b, "</p>\n<ul class=\"theme-quotes\">\n");
	json_array_foreach(json_object_get(o, "quotes"), k, qq)
	{
		const char *rid = json_string_value(json_object_get(qq, "id"));
		int hidden = json_is_true(json_object_get(qq, "hidden"));

		if (hidden && !can)
			continue;
		html_lit(b, "<li");
		if (hidden)
			html_lit(b, " class=\"quote-hidden\"");
		html_lit(b, "><blockquote><p>");
		html_text(b, json_string_value(json_object_get(qq, "text")));
		html_lit(b, "</p></blockquote>\n");
		if (can && rid != NULL) {
			form_open(app, rq, b, ad, s, hidden ? "unhide" : "hide", qid, NULL);
			hidden_input(b, "response", rid);
			if (!hidden) {
				const char *rfid = arena_printf(rq->a, "reason-%s-%s", qid, rid);

				html_lit(b, "<label for=\"");
				html_text(b, rfid);
				html_lit(b, "\">");
				html_text(b, _("Reason for hiding this quote"));
				html_lit(b, "</label>\n<input type=\"text\" name=\"reason\" id=\"");
				html_text(b, rfid);
				html_lit(b, "\" maxlength=\"255\" required class=\"input\">\n");
			}
			html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
			html_text(b,
				  hidden ? _("Show this quote again") : _("Hide from publication"));
			html_lit(b, "</button>\n</form>\n");
		}
		html_lit(b, "</li>\n");
	}
	html_lit(b, "</ul>\n</section>\n");
}

static void admin_page(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
		       const struct survey *s, const char *notice)
{
	const char *path = arena_printf(rq->a, "/admin/themes/%s", s->id);
	struct page_ctx p = {
	    rq->lang, path,
	    arena_printf(rq->a, "%s: %s", _("Themes"), survey_text_get(&s->title, rq->lang))};
	struct html *b = html_over(&rs->body);
	json_t *themes = themereview_load(app, rq, s, 1), *q, *t;
	size_t i, k;
	int can = ad->officer;

	if (themes == NULL) {
		web_error(app, rq, rs, 503);
		return;
	}
	resp_html(rs);
	page_begin(b, &p);
	page_back_link(b, "/admin");
	page_status(b, notice);
	page_heading(b, survey_text_get(&s->title, rq->lang), _("Themes in the written answers"));
	html_lit(b, "<p>");
	html_text(b, can ? _("Themes are grouped by computer. Check each one: rename, merge or "
			     "split themes, move answers, hide quotes that should not be "
			     "published, and approve each theme: only approved themes are "
			     "published. Your decisions show on the results pages and in the open "
			     "data at once, and are kept when the summary is brought up to date.")
			 : _("Councillors can read the themes; officers decide on labels, merges "
			     "and quotes."));
	html_lit(b, " <a href=\"/admin/results/");
	html_urlpart(b, s->id);
	html_lit(b, "\">");
	html_text(b, _("See the results"));
	html_lit(b, "</a></p>\n");
	json_array_foreach(themes, i, q)
	{
		const char *qid = json_string_value(json_object_get(q, "question"));
		const struct survey_question *sq = themereview_analysed(s, qid);

		html_lit(b, "<section class=\"result\" id=\"q-");
		html_text(b, qid);
		html_lit(b, "\">\n<h2>");
		html_text(b, sq ? survey_text_get(&sq->label, rq->lang) : qid);
		html_lit(b, "</h2>\n");
		if (themereview_status_lines(rq, b, q)) {
			json_t *aw = json_object_get(q, "awaiting_review");

			html_lit(b, "<p class=\"meta\">");
			html_text(b,
				  arena_printf(
				      rq->a,
				      ngettext_("%lld theme awaiting review.",
						"%lld themes awaiting review.",
						json_integer_value(json_object_get(aw, "themes"))),
				      json_integer_value(json_object_get(aw, "themes"))));
			html_lit(b, "</p>\n");
			json_array_foreach(json_object_get(q, "themes"), k, t) admin_theme(
			    app, rq, b, ad, s, qid, json_object_get(q, "themes"), t, can);
			admin_other(app, rq, b, ad, s, qid, q, can);
			if (can) {
				const char *fid = arena_printf(rq->a, "new-%s", qid);

				form_open(app, rq, b, ad, s, "create", qid, NULL);
				html_lit(b, "<fieldset><legend>");
				html_text(b, _("Make a new theme"));
				html_lit(b, "</legend>\n<p class=\"hint\">");
				html_text(b, _("Then move answers into it from the list of written "
					       "answers."));
				html_lit(b, "</p>\n");
				label_inputs(rq, b, fid, NULL, 1);
				html_lit(
				    b,
				    "<button type=\"submit\" class=\"button button-secondary\">");
				html_text(b, _("Make the theme"));
				html_lit(b, "</button>\n</fieldset>\n</form>\n");
			}
		}
		html_lit(b, "</section>\n");
	}
	json_decref(themes);
	page_end(b, &p);
}

/* The message after a decision, from the redirect's ?done= (NULL if none). */
static const char *done_notice(const char *done)
{
	if (done == NULL)
		return NULL;
	return strcmp(done, "renamed") == 0    ? _("The labels are saved.")
	       : strcmp(done, "merged") == 0   ? _("The themes are merged.")
	       : strcmp(done, "unmerged") == 0 ? _("The merge is undone.")
	       : strcmp(done, "hidden") == 0   ? _("The quote is hidden from publication.")
	       : strcmp(done, "shown") == 0    ? _("The quote can be published again.")
	       : strcmp(done, "approved") == 0 ? _("The theme is approved: it is published.")
	       : strcmp(done, "unapproved") == 0
		   ? _("The approval is withdrawn: the theme is no longer published.")
	       : strcmp(done, "created") == 0 ? _("The theme is made. Move answers into it from "
						  "the list of written answers.")
					      : NULL;
}

/* Route (routes.c): /admin/themes/<survey>, signed in, forged POSTs
 * already refused, the survey resolved. */
void themes_admin(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	const struct admin *ad = rp->admin;
	const struct survey *s = rp->survey;

	if (s->nanalysed == 0) {
		web_error(app, rq, rs, 404);
		return;
	}
	if (!admin_may(ad, s->id)) {
		admin_forbidden(app, rq, rs);
		return;
	}
	if (rq->method == M_POST) {
		/* councillors read only: checked again on every POST */
		if (!ad->officer) {
			admin_audit(app, ad, "refused-theme-decision", s->id, NULL);
			admin_forbidden(app, rq, rs);
			return;
		}
		admin_post(app, rq, rs, ad, s, rp);
		return;
	}
	if (rq->method != M_GET && rq->method != M_HEAD) {
		web_error(app, rq, rs, 405);
		return;
	}
	admin_page(app, rq, rs, ad, s, done_notice(http_param_get(&rq->query_params, "done")));
}
