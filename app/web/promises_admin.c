/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * promises_admin: the officers' pages of a survey's commitments.
 *   /admin/promises/<id>        the commitments with their history, and
 *                               (officers) the form to add one
 *   /admin/promises/<id>/<n>    one commitment: (officers) the form to
 *                               record a dated update (a change of status,
 *                               with a note in each language; a reason when
 *                               dropped) and the form to change it
 * The router has checked the account may see the survey (RF_MAY), that a
 * POST carries the session's token and comes from an officer, and the
 * fields' limits; here each value is checked and every problem is shown
 * next to its field in the officer's language (422), what was typed kept.
 * Every change and its audit row are one transaction (store/commitments.h).
 * The question or theme a commitment answers is chosen from the survey's
 * questions and its approved themes, by name.
 * Uses store/commitments.h, web/admin.c, web/themereview.c (approved
 * themes) and the family's promises.c.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/i18n.h"
#include "core/utf8.h"
#include "render/html.h"
#include "render/page.h"
#include "web/admin.h"
#include "web/promises_int.h"
#include "web/themereview.h"

#define TEXT_MAX_CHARS 2000
#define OWNER_MAX_CHARS 120

/* A choice of what a commitment answers. */
struct answer_opt {
	const char *value; /* q:<question> or t:<question>:<theme> */
	const char *label; /* in the officer's language */
	const char *en, *cy;
	int theme;
};

struct form_err {
	const char *field, *msg;
};

struct form_state {
	struct form_err err[12];
	size_t nerr;
};

static void add_err(struct form_state *f, const char *field, const char *msg)
{
	if (f->nerr < sizeof(f->err) / sizeof(f->err[0]))
		f->err[f->nerr++] = (struct form_err){field, msg};
}

static const char *err_of(const struct form_state *f, const char *field)
{
	for (size_t i = 0; f != NULL && i < f->nerr; i++)
		if (strcmp(f->err[i].field, field) == 0)
			return f->err[i].msg;
	return NULL;
}

/* The survey's questions, then its approved themes (officers' view). */
static size_t answer_options(struct app *app, struct req *rq, const struct survey *s,
			     struct answer_opt **out)
{
	size_t cap = 0, n = 0;
	struct answer_opt *v;
	json_t *themes = themereview_load(app, rq, s, 1), *e, *t;
	size_t i, k;

	for (size_t p = 0; p < s->npages; p++)
		cap += s->pages[p].nquestions;
	json_array_foreach(themes, i, e) cap += json_array_size(json_object_get(e, "themes"));
	v = arena_alloc(rq->a, (cap + 1) * sizeof(*v));
	*out = v;
	if (v == NULL) {
		json_decref(themes);
		return 0;
	}
	for (size_t p = 0; p < s->npages; p++)
		for (size_t q = 0; q < s->pages[p].nquestions; q++) {
			const struct survey_question *qq = &s->pages[p].questions[q];

			v[n].value = arena_printf(rq->a, "q:%s", qq->id);
			v[n].label = survey_text_get(&qq->label, rq->lang);
			v[n].en = survey_text_get(&qq->label, LANG_EN);
			v[n].cy = survey_text_get(&qq->label, LANG_CY);
			v[n].theme = 0;
			n++;
		}
	json_array_foreach(themes, i, e)
	{
		const char *qid = json_string_value(json_object_get(e, "question"));
		const struct survey_question *qq = qid ? survey_find_question(s, qid) : NULL;

		if (qq == NULL)
			continue;
		json_array_foreach(json_object_get(e, "themes"), k, t)
		{
			const char *key = json_string_value(json_object_get(t, "id"));
			json_t *lab = json_object_get(t, "label");

			if (key == NULL || !json_is_true(json_object_get(t, "approved")) ||
			    n >= cap)
				continue;
			v[n].value = arena_printf(rq->a, "t:%s:%s", qid, key);
			v[n].label =
			    arena_printf(rq->a, "%s: %s", survey_text_get(&qq->label, rq->lang),
					 themereview_label_text(rq, t));
			v[n].en =
			    arena_printf(rq->a, "%s: %s", survey_text_get(&qq->label, LANG_EN),
					 json_string_value(json_object_get(lab, "en")));
			v[n].cy =
			    arena_printf(rq->a, "%s: %s", survey_text_get(&qq->label, LANG_CY),
					 json_string_value(json_object_get(lab, "cy")));
			v[n].theme = 1;
			n++;
		}
	}
	json_decref(themes);
	return n;
}

/* ---- form fields ---- */

/* A form being written: ids are prefix + field name. */
struct fw {
	struct req *rq;
	struct html *b;
	const char *prefix;
	const struct form_state *f;
};

static void label_hint_error(struct fw *w, const char *name, const char *label, const char *hint,
			     const char *msg)
{
	struct html *b = w->b;

	html_lit(b, "<div class=\"question");
	if (msg != NULL)
		html_lit(b, " question-error");
	html_lit(b, "\">\n<label class=\"question-label\" for=\"");
	html_text(b, w->prefix);
	html_text(b, name);
	html_lit(b, "\">");
	html_text(b, label);
	html_lit(b, "</label>\n");
	if (hint != NULL) {
		html_lit(b, "<div class=\"hint\" id=\"hint-");
		html_text(b, w->prefix);
		html_text(b, name);
		html_lit(b, "\">");
		html_text(b, hint);
		html_lit(b, "</div>\n");
	}
	if (msg != NULL) {
		html_lit(b, "<p class=\"error-message\" id=\"error-");
		html_text(b, w->prefix);
		html_text(b, name);
		html_lit(b, "\"><span class=\"visually-hidden\">");
		html_text(b, _("Error:"));
		html_lit(b, "</span> ");
		html_text(b, msg);
		html_lit(b, "</p>\n");
	}
}

/* id="…" name="…" aria-describedby="…" of a control. */
static void control_attrs(struct fw *w, const char *name, int hint, int error)
{
	struct html *b = w->b;

	html_lit(b, " name=\"");
	html_text(b, name);
	html_lit(b, "\" id=\"");
	html_text(b, w->prefix);
	html_text(b, name);
	html_lit(b, "\"");
	if (hint || error) {
		html_lit(b, " aria-describedby=\"");
		if (hint) {
			html_lit(b, "hint-");
			html_text(b, w->prefix);
			html_text(b, name);
		}
		if (error) {
			if (hint)
				html_lit(b, " ");
			html_lit(b, "error-");
			html_text(b, w->prefix);
			html_text(b, name);
		}
		html_lit(b, "\"");
	}
}

/* A text box or, when area, a text area (dates are typed as YYYY-MM-DD in
 * a text box: the hint and the messages say so, whatever the browser). */
static void field(struct fw *w, const char *name, const char *label, const char *hint,
		  const char *value, int area, int welsh, const char *type)
{
	const char *msg = err_of(w->f, name);
	struct html *b = w->b;

	label_hint_error(w, name, label, hint, msg);
	if (area) {
		html_lit(b, "<textarea rows=\"3\"");
	} else {
		html_lit(b, "<input type=\"");
		html_text(b, type);
		html_lit(b, "\"");
	}
	control_attrs(w, name, hint != NULL, msg != NULL);
	if (welsh)
		html_lit(b, " lang=\"cy\"");
	if (area) {
		html_lit(b, ">");
		html_text(b, value ? value : "");
		html_lit(b, "</textarea>\n</div>\n");
	} else {
		html_lit(b, " value=\"");
		html_text(b, value ? value : "");
		html_lit(b, "\">\n</div>\n");
	}
}

static void status_select(struct fw *w, const char *value)
{
	static const char *const values[] = {"planned", "in-progress", "done", "late", "dropped"};
	const char *msg = err_of(w->f, "status");
	struct html *b = w->b;

	label_hint_error(w, "status", _("Status"),
			 _("A commitment planned or in progress shows as late by itself from the "
			   "day after its due date. Dropping one needs a reason."),
			 msg);
	html_lit(b, "<select");
	control_attrs(w, "status", 1, msg != NULL);
	html_lit(b, ">\n");
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		html_lit(b, "<option value=\"");
		html_text(b, values[i]);
		html_lit(b, "\"");
		if (value != NULL && strcmp(value, values[i]) == 0)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, promise_status_text(values[i]));
		html_lit(b, "</option>\n");
	}
	html_lit(b, "</select>\n</div>\n");
}

static void answers_select(struct fw *w, const struct answer_opt *o, size_t n, const char *value)
{
	const char *msg = err_of(w->f, "answers");
	struct html *b = w->b;
	int group = -1;

	label_hint_error(w, "answers", _("What it answers (optional)"),
			 _("The question, or an approved theme of what residents said, that this "
			   "commitment replies to."),
			 msg);
	html_lit(b, "<select");
	control_attrs(w, "answers", 1, msg != NULL);
	html_lit(b, ">\n<option value=\"\">");
	html_text(b, _("Not one question or theme"));
	html_lit(b, "</option>\n");
	for (size_t i = 0; i < n; i++) {
		if (o[i].theme != group) {
			if (group >= 0)
				html_lit(b, "</optgroup>\n");
			html_lit(b, "<optgroup label=\"");
			html_text(b, o[i].theme ? _("Approved themes") : _("Questions"));
			html_lit(b, "\">\n");
			group = o[i].theme;
		}
		html_lit(b, "<option value=\"");
		html_text(b, o[i].value);
		html_lit(b, "\"");
		if (value != NULL && strcmp(value, o[i].value) == 0)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, o[i].label);
		html_lit(b, "</option>\n");
	}
	if (group >= 0)
		html_lit(b, "</optgroup>\n");
	html_lit(b, "</select>\n</div>\n");
}

static void csrf(struct app *app, struct req *rq, struct html *b, const struct admin *ad)
{
	html_lit(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(b, admin_form_token(app, rq, ad));
	html_lit(b, "\">\n");
}

static void error_summary(struct html *b, struct req *rq, const char *prefix,
			  const struct form_state *f)
{
	if (f == NULL || f->nerr == 0)
		return;
	page_errors_begin(b);
	for (size_t i = 0; i < f->nerr; i++)
		page_error_item(b, arena_printf(rq->a, "#%s%s", prefix, f->err[i].field), NULL,
				f->err[i].msg);
	page_errors_end(b);
}

/* The fields of a commitment (add and change forms). */
static void commitment_fields(struct fw *w, const struct answer_opt *o, size_t no,
			      const char *text_en, const char *text_cy, const char *answers,
			      const char *owner, const char *due)
{
	field(w, "text_en", _("What the council will do (English)"), NULL, text_en, 1, 0, NULL);
	field(w, "text_cy", _("What the council will do (Welsh)"), NULL, text_cy, 1, 1, NULL);
	answers_select(w, o, no, answers);
	field(w, "owner", _("Team responsible"), _("For example: Libraries and Culture"), owner, 0,
	      0, "text");
	field(w, "due", _("Due date"), _("For example 2027-03-31"), due, 0, 0, "text");
}

/* ---- checking what was sent ---- */

static int chars_ok(const char *v, size_t max)
{
	return utf8_count(v, strlen(v)) <= max;
}

/* What was sent for name, trimmed of surrounding spaces (arena); "" for none. */
static const char *sent(struct req *rq, const struct route_parts *rp, const char *name)
{
	const char *v = route_sent(rp, name);
	size_t n;

	if (v == NULL)
		return "";
	while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
		v++;
	n = strlen(v);
	while (n > 0 &&
	       (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
		n--;
	return arena_strndup(rq->a, v, n);
}

static void check_text(struct form_state *f, const char *name, const char *v, size_t max,
		       const char *empty, const char *too_long)
{
	if (v[0] == '\0')
		add_err(f, name, empty);
	else if (!chars_ok(v, max))
		add_err(f, name, too_long);
}

/* The commitment's own fields; *opt the chosen answer option (NULL: none). */
static void check_commitment(struct req *rq, const struct route_parts *rp, struct form_state *f,
			     const struct answer_opt *o, size_t no, struct commitment_fields *c)
{
	const char *answers = sent(rq, rp, "answers");

	c->text_en = sent(rq, rp, "text_en");
	c->text_cy = sent(rq, rp, "text_cy");
	c->owner = sent(rq, rp, "owner");
	c->due = sent(rq, rp, "due");
	c->answers = c->answers_en = c->answers_cy = NULL;
	check_text(f, "text_en", c->text_en, TEXT_MAX_CHARS,
		   _("Enter what the council will do, in English"),
		   _("Use at most 2,000 characters"));
	check_text(f, "text_cy", c->text_cy, TEXT_MAX_CHARS,
		   _("Enter what the council will do, in Welsh"),
		   _("Use at most 2,000 characters"));
	if (answers[0] != '\0') {
		for (size_t i = 0; i < no; i++)
			if (strcmp(o[i].value, answers) == 0) {
				c->answers = o[i].value;
				c->answers_en = o[i].en;
				c->answers_cy = o[i].cy;
			}
		if (c->answers == NULL)
			add_err(f, "answers", _("Choose a question or theme from the list"));
	}
	check_text(f, "owner", c->owner, OWNER_MAX_CHARS, _("Enter the team responsible"),
		   _("Use at most 120 characters"));
	if (c->due[0] == '\0')
		add_err(f, "due", _("Enter the due date"));
	else if (!promise_date_valid(c->due))
		add_err(f, "due", _("Enter the due date as a real date, for example 2027-03-31"));
}

/* An update's status and notes (a reason, required when dropped). */
static void check_update(struct req *rq, const struct route_parts *rp, struct form_state *f,
			 int first, const char **status, const char **note_en, const char **note_cy)
{
	*status = sent(rq, rp, "status");
	*note_en = sent(rq, rp, "note_en");
	*note_cy = sent(rq, rp, "note_cy");
	if (!promise_status_valid(*status)) {
		add_err(f, "status", _("Choose a status"));
		return;
	}
	if (strcmp(*status, "dropped") == 0) {
		check_text(f, "note_en", *note_en, TEXT_MAX_CHARS,
			   _("Give the reason it was dropped, in English"),
			   _("Use at most 2,000 characters"));
		check_text(f, "note_cy", *note_cy, TEXT_MAX_CHARS,
			   _("Give the reason it was dropped, in Welsh"),
			   _("Use at most 2,000 characters"));
	} else if (!first) {
		check_text(f, "note_en", *note_en, TEXT_MAX_CHARS, _("Enter a note in English"),
			   _("Use at most 2,000 characters"));
		check_text(f, "note_cy", *note_cy, TEXT_MAX_CHARS, _("Enter a note in Welsh"),
			   _("Use at most 2,000 characters"));
	} else {
		if (!chars_ok(*note_en, TEXT_MAX_CHARS))
			add_err(f, "note_en", _("Use at most 2,000 characters"));
		if (!chars_ok(*note_cy, TEXT_MAX_CHARS))
			add_err(f, "note_cy", _("Use at most 2,000 characters"));
	}
}

/* ---- the pages ---- */

static void frame(struct req *rq, struct resp *rs, struct page_ctx *p, const struct form_state *f)
{
	if (f != NULL && f->nerr > 0) {
		rs->status = 422;
		p->title = arena_printf(rq->a, "%s: %s", _("Error"), p->title);
	}
	resp_html(rs);
	page_begin(html_over(&rs->body), p);
}

/* The officers' view of one commitment: its facts and full history. */
static void commitment_block(struct req *rq, struct html *b, const struct survey *s,
			     const struct commitment *c, const char *today, int link)
{
	struct promise_event *ev;
	size_t n = promise_history(rq->a, c, today, &ev);
	const char *ans = promise_answers_text(s, c, rq->lang);

	html_lit(b, "<li class=\"promise\" id=\"commitment-");
	html_int(b, c->id);
	html_lit(b, "\">\n<h2 class=\"promise-text\">");
	html_text(b, rq->lang == LANG_CY ? c->text_cy : c->text_en);
	html_lit(b, "</h2>\n<dl class=\"promise-facts\">\n<div><dt>");
	html_text(b, _("Status"));
	html_lit(b, "</dt><dd><strong class=\"promise-status promise-");
	html_text(b, promise_status_now(c, today));
	html_lit(b, "\">");
	html_text(b, promise_status_text(promise_status_now(c, today)));
	html_lit(b, "</strong></dd></div>\n<div><dt>");
	html_text(b, _("Due"));
	html_lit(b, "</dt><dd>");
	html_text(b, c->due);
	html_lit(b, "</dd></div>\n<div><dt>");
	html_text(b, _("Who is responsible"));
	html_lit(b, "</dt><dd>");
	html_text(b, c->owner);
	html_lit(b, "</dd></div>\n");
	if (ans != NULL) {
		html_lit(b, "<div><dt>");
		html_text(b, _("In reply to"));
		html_lit(b, "</dt><dd>");
		html_text(b, ans);
		html_lit(b, "</dd></div>\n");
	}
	html_lit(b, "</dl>\n<h3 class=\"promise-history-title\">");
	html_text(b, _("History"));
	html_lit(b, "</h3>\n<ol class=\"promise-history\">\n");
	for (size_t i = 0; i < n; i++) {
		const char *note = rq->lang == LANG_CY ? ev[i].note_cy : ev[i].note_en;

		html_lit(b, "<li>");
		html_text(b, ev[i].date);
		html_lit(b, ": <strong class=\"promise-status promise-");
		html_text(b, ev[i].status);
		html_lit(b, "\">");
		html_text(b, promise_status_text(ev[i].status));
		html_lit(b, "</strong> ");
		if (ev[i].officer == NULL) {
			html_text(b, _("The due date passed without it being done."));
			html_lit(b, " (");
			html_text(b, _("automatic"));
			html_lit(b, ")");
		} else {
			if (ev[i].due_to != NULL) {
				html_text(b, _("Due date changed from"));
				html_lit(b, " ");
				html_text(b, ev[i].due_from);
				html_lit(b, " ");
				html_text(b, _("to"));
				html_lit(b, " ");
				html_text(b, ev[i].due_to);
				html_lit(b, ". ");
			}
			if (note != NULL && note[0] != '\0') {
				html_text(b, note);
				html_lit(b, " ");
			}
			html_lit(b, "(");
			html_text(b, ev[i].officer);
			html_lit(b, ")");
		}
		html_lit(b, "</li>\n");
	}
	html_lit(b, "</ol>\n");
	if (link) {
		html_lit(b, "<p><a href=\"/admin/promises/");
		html_urlpart(b, s->id);
		html_lit(b, "/");
		html_int(b, c->id);
		html_lit(b, "\">");
		html_text(b, _("Update or change this commitment"));
		html_lit(b, "</a></p>\n");
	}
	html_lit(b, "</li>\n");
}

static void list_page(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
		      const struct survey *s, const struct route_parts *rp,
		      const struct form_state *f, const char *notice)
{
	const char *path = arena_printf(rq->a, "/admin/promises/%s", s->id);
	struct page_ctx p = {rq->lang, path, _("Commitments")};
	struct html *b = html_over(&rs->body);
	char today[PROMISE_DATE_LEN + 1];
	struct commitment *v;
	struct answer_opt *o = NULL;
	size_t n, no = 0;
	struct fw w = {rq, b, "new-", f};

	promise_today(today);
	if (commitments_list(&app->store, rq->a, s->id, &v, &n) != 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	if (ad->officer)
		no = answer_options(app, rq, s, &o);
	frame(rq, rs, &p, f);
	page_back_link(b, "/admin");
	page_status(b, notice);
	error_summary(b, rq, "new-", f);
	html_lit(b, "<span class=\"caption\">");
	html_text(b, survey_text_get(&s->title, rq->lang));
	html_lit(b, "</span>\n<h1>");
	html_text(b, _("Commitments"));
	html_lit(b, "</h1>\n<p>");
	html_text(b, _("What the council will do in reply to this consultation. They are public "
		       "on the results page and on the commitments page whenever the results "
		       "are."));
	html_lit(b, " <a href=\"/promises\">");
	html_text(b, _("All our commitments"));
	html_lit(b, "</a></p>\n");
	if (n == 0) {
		html_lit(b, "<p id=\"no-commitments\">");
		html_text(b, _("No commitment yet."));
		html_lit(b, "</p>\n");
	}
	html_lit(b, "<ul class=\"promise-list\">\n");
	for (size_t i = 0; i < n; i++)
		commitment_block(rq, b, s, &v[i], today, 1);
	html_lit(b, "</ul>\n");
	if (ad->officer) {
		html_lit(b, "<h2 id=\"add\">");
		html_text(b, _("Add a commitment"));
		html_lit(b, "</h2>\n<form method=\"post\" action=\"");
		html_text(b, path);
		html_lit(b, "\" novalidate class=\"promise-form\">\n");
		csrf(app, rq, b, ad);
		commitment_fields(&w, o, no, f ? sent(rq, rp, "text_en") : NULL,
				  f ? sent(rq, rp, "text_cy") : NULL,
				  f ? sent(rq, rp, "answers") : NULL,
				  f ? sent(rq, rp, "owner") : NULL, f ? sent(rq, rp, "due") : NULL);
		status_select(&w, f ? sent(rq, rp, "status") : "planned");
		field(&w, "note_en", _("Note or reason (English)"),
		      _("Optional, except when the commitment is dropped: then say why."),
		      f ? sent(rq, rp, "note_en") : NULL, 1, 0, NULL);
		field(&w, "note_cy", _("Note or reason (Welsh)"), NULL,
		      f ? sent(rq, rp, "note_cy") : NULL, 1, 1, NULL);
		html_lit(b, "<button type=\"submit\" class=\"button\">");
		html_text(b, _("Add the commitment"));
		html_lit(b, "</button>\n</form>\n");
	}
	page_end(b, &p);
}

/* The commitment <rest> of s among v, or NULL. */
static const struct commitment *find(const struct commitment *v, size_t n, const char *rest)
{
	char *end;
	long long id;

	if (rest == NULL || rest[0] < '1' || rest[0] > '9' || strlen(rest) > 18)
		return NULL;
	errno = 0;
	id = strtoll(rest, &end, 10);
	if (errno != 0 || *end != '\0')
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

static void item_page(struct app *app, struct req *rq, struct resp *rs, const struct admin *ad,
		      const struct survey *s, const struct route_parts *rp, const char *action,
		      const struct form_state *f, const char *notice)
{
	const char *path;
	struct page_ctx p = {rq->lang, NULL, _("Commitment")};
	struct html *b = html_over(&rs->body);
	char today[PROMISE_DATE_LEN + 1];
	struct commitment *v;
	const struct commitment *c;
	struct answer_opt *o = NULL;
	size_t n, no = 0;
	const struct form_state *fu = action && strcmp(action, "update") == 0 ? f : NULL;
	const struct form_state *fe = action && strcmp(action, "edit") == 0 ? f : NULL;
	struct fw wu = {rq, b, "update-", fu}, we = {rq, b, "edit-", fe};

	promise_today(today);
	if (commitments_list(&app->store, rq->a, s->id, &v, &n) != 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	c = find(v, n, rp->rest);
	if (c == NULL) {
		web_error(app, rq, rs, 404);
		return;
	}
	path = arena_printf(rq->a, "/admin/promises/%s/%lld", s->id, c->id);
	p.path = path;
	if (ad->officer)
		no = answer_options(app, rq, s, &o);
	frame(rq, rs, &p, f);
	page_back_link(b, arena_printf(rq->a, "/admin/promises/%s", s->id));
	page_status(b, notice);
	error_summary(b, rq, fu ? "update-" : "edit-", f);
	html_lit(b, "<p class=\"caption\">");
	html_text(b, survey_text_get(&s->title, rq->lang));
	html_lit(b, "</p>\n<h1>");
	html_text(b, _("Commitment"));
	html_lit(b, "</h1>\n<ul class=\"promise-list\">\n");
	commitment_block(rq, b, s, c, today, 0);
	html_lit(b, "</ul>\n");
	if (!ad->officer) {
		page_end(b, &p);
		return;
	}
	html_lit(b, "<h2 id=\"update\">");
	html_text(b, _("Record an update"));
	html_lit(b, "</h2>\n<form method=\"post\" action=\"");
	html_text(b, path);
	html_lit(b, "\" novalidate class=\"promise-form\">\n");
	csrf(app, rq, b, ad);
	html_lit(b, "<input type=\"hidden\" name=\"action\" value=\"update\">\n");
	field(&wu, "date", _("Date of the update"), _("For example 2027-03-31"),
	      fu ? sent(rq, rp, "date") : today, 0, 0, "text");
	status_select(&wu, fu ? sent(rq, rp, "status") : c->status);
	field(&wu, "note_en", _("What happened (English)"),
	      _("When the commitment is dropped, say why."), fu ? sent(rq, rp, "note_en") : NULL, 1,
	      0, NULL);
	field(&wu, "note_cy", _("What happened (Welsh)"), NULL, fu ? sent(rq, rp, "note_cy") : NULL,
	      1, 1, NULL);
	html_lit(b, "<button type=\"submit\" class=\"button\">");
	html_text(b, _("Record the update"));
	html_lit(b, "</button>\n</form>\n<h2 id=\"edit\">");
	html_text(b, _("Change the commitment"));
	html_lit(b, "</h2>\n<form method=\"post\" action=\"");
	html_text(b, path);
	html_lit(b, "\" novalidate class=\"promise-form\">\n");
	csrf(app, rq, b, ad);
	html_lit(b, "<input type=\"hidden\" name=\"action\" value=\"edit\">\n");
	commitment_fields(&we, o, no, fe ? sent(rq, rp, "text_en") : c->text_en,
			  fe ? sent(rq, rp, "text_cy") : c->text_cy,
			  fe ? sent(rq, rp, "answers") : c->answers,
			  fe ? sent(rq, rp, "owner") : c->owner, fe ? sent(rq, rp, "due") : c->due);
	html_lit(b, "<button type=\"submit\" class=\"button button-secondary\">");
	html_text(b, _("Save the changes"));
	html_lit(b, "</button>\n</form>\n");
	page_end(b, &p);
}

/* ---- routes ---- */

void promises_admin(struct app *app, struct req *rq, struct resp *rs, const struct route_parts *rp)
{
	list_page(app, rq, rs, rp->admin, rp->survey, rp, NULL,
		  route_value(rp, "saved") != NULL ? _("Saved.") : NULL);
}

void promises_admin_post(struct app *app, struct req *rq, struct resp *rs,
			 const struct route_parts *rp)
{
	const struct admin *ad = rp->admin;
	const struct survey *s = rp->survey;
	struct audit_actor who = {ad->user_id, ad->username};
	struct form_state f = {0};
	struct commitment_fields c;
	struct answer_opt *o;
	size_t no = answer_options(app, rq, s, &o);
	const char *status, *note_en, *note_cy;
	char today[PROMISE_DATE_LEN + 1];
	long long id = 0;
	enum store_err e;

	promise_today(today);
	check_commitment(rq, rp, &f, o, no, &c);
	check_update(rq, rp, &f, 1, &status, &note_en, &note_cy);
	if (f.nerr > 0) {
		list_page(app, rq, rs, ad, s, rp, &f, NULL);
		return;
	}
	e = commitments_add(&app->store, &who, s->id, &c, today, status, note_en, note_cy,
			    arena_printf(rq->a, "due %s, %s, owner %s", c.due, status, c.owner),
			    &id);
	if (e != STORE_OK) {
		web_error(app, rq, rs, 503);
		return;
	}
	rs->status = 303;
	resp_header(rs, "Location",
		    arena_printf(rq->a, "/admin/promises/%s?saved=1#commitment-%lld", s->id, id));
}

void promises_admin_item(struct app *app, struct req *rq, struct resp *rs,
			 const struct route_parts *rp)
{
	item_page(app, rq, rs, rp->admin, rp->survey, rp, NULL, NULL,
		  route_value(rp, "saved") != NULL ? _("Saved.") : NULL);
}

void promises_admin_item_post(struct app *app, struct req *rq, struct resp *rs,
			      const struct route_parts *rp)
{
	const struct admin *ad = rp->admin;
	const struct survey *s = rp->survey;
	struct audit_actor who = {ad->user_id, ad->username};
	const char *action = sent(rq, rp, "action");
	struct form_state f = {0};
	struct commitment *v;
	const struct commitment *c;
	char today[PROMISE_DATE_LEN + 1];
	size_t n;
	enum store_err e;

	promise_today(today);
	if (commitments_list(&app->store, rq->a, s->id, &v, &n) != 0) {
		web_error(app, rq, rs, 503);
		return;
	}
	c = find(v, n, rp->rest);
	if (c == NULL) {
		web_error(app, rq, rs, 404);
		return;
	}
	if (strcmp(action, "update") == 0) {
		const char *date = sent(rq, rp, "date"), *status, *note_en, *note_cy;

		if (date[0] == '\0')
			add_err(&f, "date", _("Enter the date of the update"));
		else if (!promise_date_valid(date))
			add_err(&f, "date",
				_("Enter the date as a real date, for example 2027-03-31"));
		else if (strcmp(date, today) > 0)
			add_err(&f, "date", _("The date of an update cannot be in the future"));
		check_update(rq, rp, &f, 0, &status, &note_en, &note_cy);
		if (f.nerr > 0) {
			item_page(app, rq, rs, ad, s, rp, action, &f, NULL);
			return;
		}
		e = commitments_update(
		    &app->store, &who, s->id, c->id, date, status, note_en, note_cy,
		    arena_printf(rq->a, "commitment %lld: %s on %s", c->id, status, date));
	} else if (strcmp(action, "edit") == 0) {
		struct commitment_fields cf;
		struct answer_opt *o;
		size_t no = answer_options(app, rq, s, &o);

		check_commitment(rq, rp, &f, o, no, &cf);
		/* an answer chosen before that is no longer offered may stay */
		if (cf.answers == NULL && c->answers != NULL &&
		    strcmp(sent(rq, rp, "answers"), c->answers) == 0) {
			f.nerr = 0;
			check_commitment(rq, rp, &f, NULL, 0, &cf);
			for (size_t i = 0; i < f.nerr; i++)
				if (strcmp(f.err[i].field, "answers") == 0)
					f.err[i] = f.err[--f.nerr];
			cf.answers = c->answers;
			cf.answers_en = c->answers_en;
			cf.answers_cy = c->answers_cy;
		}
		if (f.nerr > 0) {
			item_page(app, rq, rs, ad, s, rp, action, &f, NULL);
			return;
		}
		e = commitments_edit(&app->store, &who, s->id, c->id, &cf, today,
				     arena_printf(rq->a,
						  "commitment %lld: due %s (was %s), owner %s",
						  c->id, cf.due, c->due, cf.owner));
	} else {
		web_error(app, rq, rs, 400);
		return;
	}
	if (e == STORE_NOT_FOUND) {
		web_error(app, rq, rs, 404);
		return;
	}
	if (e != STORE_OK) {
		web_error(app, rq, rs, 503);
		return;
	}
	rs->status = 303;
	resp_header(rs, "Location",
		    arena_printf(rq->a, "/admin/promises/%s/%lld?saved=1", s->id, c->id));
}
