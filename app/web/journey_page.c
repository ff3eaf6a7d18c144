/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * journey_page: the page flow of a resident's journey (journey_int.h):
 * a survey's pages, shown (GET) and answered (POST: checked, kept in the
 * partial save, then the next shown page or the same page with its
 * errors), and check your answers, the page that sends. It may use core/,
 * survey/, render/ and the journey's shared parts (journey.c); it stores
 * only through journey_partial_store (the sealed cookie, or the stored
 * save for "Save and come back later" and answers too large for a cookie:
 * docs/journey-saves.md).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "render/form.h"
#include "render/form_budget.h"
#include "render/html.h"
#include "render/page.h"
#include "web/handlers.h"
#include "web/findable.h"
#include "web/journey_int.h"

/* ---------- pages ---------- */

/* What was submitted or saved, as the render-level pairs form_question()
 * reads (render/ knows nothing of HTTP); in the request arena. */
static const struct form_values *form_values_of(struct arena *a, const struct http_params *p)
{
	struct form_values *fv;
	struct form_value *v;

	if (p == NULL)
		return NULL;
	fv = arena_calloc(a, 1, sizeof(*fv));
	v = arena_calloc(a, p->n ? p->n : 1, sizeof(*v));
	if (fv == NULL || v == NULL)
		return NULL;
	for (size_t i = 0; i < p->n; i++) {
		v[i].name = p->v[i].name;
		v[i].value = p->v[i].value;
	}
	fv->v = v;
	fv->n = p->n;
	return fv;
}

/* The id of the input an error summary links to for q's error: its answer
 * checked again for where the problem is (the ranked option at fault, the
 * "please specify" box...), else its first input. */
static const char *error_target(struct arena *a, const struct survey *s,
				const struct all_answers *all, const struct survey_question *q)
{
	struct survey_answer_detail det;
	enum survey_answer_err ae = SA_REQUIRED;

	(void)s;
	for (size_t i = 0; i < all->nq; i++)
		if (all->q[i] == q) {
			ae = survey_answer_check(q, all->v[i].values, all->v[i].n, all->other[i],
						 &det);
			break;
		}
	if (ae == SA_OK)
		ae = SA_REQUIRED;
	return form_error_target(a, q, ae, ae == SA_REQUIRED ? NULL : &det);
}

/*
 * One page of the survey: values are what to show in the inputs (saved or
 * just posted), errors[k] the message for question k of the page or NULL.
 */
void journey_render_page(struct journey *j, size_t idx, const struct http_params *values,
			 const char **errors)
{
	const struct survey *s = j->s;
	const struct survey_page *pg = &s->pages[idx];
	enum yv_lang lang = j->rq->lang;
	struct all_answers all, sofar, *counted = &all;
	const struct form_values *fvalues;
	const char *heading = survey_text_get(&pg->heading, lang);
	const char *title = heading[0] ? heading : survey_text_get(&s->title, lang);
	const char *self = journey_page_path(j, idx);
	struct page_ctx p = {lang, self ? self : "/", title};
	struct html *b = html_over(&j->rs->body);
	size_t nerr = 0, shown = 0, pos = 0, undecided = 0, prev;

	if (journey_collect_all(j->rq->a, s, values, &all) != 0) {
		web_error(j->app, j->rq, j->rs, 413);
		return;
	}
	for (size_t k = 0; errors && k < pg->nquestions; k++)
		nerr += errors[k] != NULL;
	/* The pages shown so far, this one, and those still to come that can
	 * be shown: a page that may open on an answer still to be given is
	 * counted (as "up to"), so the count never grows as the resident goes. */
	if (values != &j->saved && journey_collect_all(j->rq->a, s, &j->saved, &sofar) == 0)
		counted = &sofar;
	for (size_t i = 0; i < s->npages; i++) {
		int may = i < idx    ? survey_page_shown(&s->pages[i], &counted->set)
			  : i == idx ? 1
				     : survey_page_may_show(s, i, idx, &counted->set);

		if (!may)
			continue;
		shown++;
		undecided += may == 2;
		if (i <= idx)
			pos = shown;
	}
	if (nerr > 0)
		p.title = arena_printf(j->rq->a, "%s: %s", _("Error"), title);
	resp_html(j->rs);
	page_begin(b, &p);
	if (j->preview_csrf != NULL) {
		html_lit(b, "<div class=\"notice notice-preview\" role=\"note\"><p><strong>");
		html_text(b, _("Preview"));
		html_lit(b, "</strong> ");
		html_text(
		    b, _("This is how residents see this page. Nothing you enter here is stored."));
		html_lit(b, " <a href=\"/admin\">");
		html_text(b, _("Back to the officers' pages"));
		html_lit(b, "</a></p></div>\n");
	}
	prev = journey_prev_page(j, idx, &all.set);
	if (prev != (size_t)-1)
		page_back_link(b, journey_page_path(j, prev));
	if (nerr > 0) {
		page_errors_begin(b);
		for (size_t k = 0; k < pg->nquestions; k++)
			if (errors[k] != NULL)
				page_error_item(b,
						arena_printf(j->rq->a, "#%s",
							     error_target(j->rq->a, s, &all,
									  &pg->questions[k])),
						NULL, errors[k]);
		page_errors_end(b);
	}
	journey_caption(j, b);
	html_lit(b, "<h1>");
	html_text(b, title);
	html_lit(b, "</h1>\n<p class=\"progress\">");
	if (undecided > 0)
		html_text(b, arena_printf(j->rq->a, _("Step %zu of up to %zu"), pos, shown));
	else
		html_text(b, arena_printf(j->rq->a, _("Step %zu of %zu"), pos, shown));
	html_lit(b, "</p>\n");
	if (idx == survey_next_page(s, 0, &all.set)) {
		html_paragraphs(b, survey_text_get(&s->summary, lang), "lead");
		html_lit(b, "\n");
		/* results already public (live) are linked from the start */
		if (j->preview_csrf == NULL) {
			struct findable f;

			findable_status(j->app, j->rq, s, time(NULL), &f);
			if (f.kind != FINDABLE_NONE) {
				html_lit(b, "<p class=\"results-link\">");
				findable_link(b, j->rq, s, &f);
				html_lit(b, "</p>\n");
			}
		}
	}
	html_paragraphs(b, survey_text_get(&pg->intro, lang), NULL);
	html_lit(b, "\n");
	html_lit(b, "<form method=\"post\" action=\"");
	html_text(b, self);
	html_lit(b, "\" novalidate>\n");
	journey_hidden_fields(j, b);
	if (idx == survey_next_page(s, 0, &all.set) && s->access == SURVEY_ANONYMOUS &&
	    j->preview_csrf == NULL) {
		html_lit(b, "<div class=\"hp\" aria-hidden=\"true\"><label for=\"f-website\">");
		html_text(b, _("Leave this empty"));
		html_lit(b, "</label> <input type=\"text\" name=\"website\" id=\"f-website\" "
			    "tabindex=\"-1\" autocomplete=\"off\"></div>\n");
	}
	fvalues = form_values_of(j->rq->a, values);
	for (size_t k = 0; k < pg->nquestions; k++) {
		const struct survey_question *q = &pg->questions[k];

		/* A question hidden by an answer on an earlier page is left out;
		 * one that depends on this page is shown, and counts only when its
		 * condition holds (answer.h). */
		if (q->cond != NULL && !survey_question_shown(s, q, &all.set) && !errors)
			continue;
		form_question(b, j->rq->a, q, lang, fvalues, errors ? errors[k] : NULL);
	}
	html_lit(b, "<div class=\"button-group\">\n<button type=\"submit\" class=\"button\" "
		    "name=\"action\" value=\"continue\">");
	html_text(b, _("Continue"));
	html_lit(b, "</button>\n");
	/* No save for later in a preview, nor when staff enter a response. */
	if (j->preview_csrf == NULL && http_param_get(&j->saved, "_channel") == NULL) {
		html_lit(b, "<button type=\"submit\" class=\"button button-secondary\" "
			    "name=\"action\" value=\"save\">");
		html_text(b, _("Save and come back later"));
		html_lit(b, "</button>\n");
	}
	html_lit(b, "</div>\n</form>\n");
	page_end(b, &p);
}

/* An answer error that Continue refuses and a save must refuse too: any
 * value that is too long, too many, not one of the question's own or not
 * in its format (which also bounds its length). What is merely missing or
 * unfinished may be saved, to be completed later. */
static int limit_error(enum survey_answer_err e)
{
	switch (e) {
	case SA_OK:
	case SA_REQUIRED:
	case SA_TOO_FEW:
	case SA_OTHER_MISSING:
	case SA_RANKING_INCOMPLETE:
	case SA_BUDGET_INCOMPLETE:
	case SA_BUDGET_TARGET_MISSED:
		return 0;
	default:
		return 1;
	}
}

/*
 * Check page idx; errors[k] gets the message for question k of the page.
 * For Continue (save 0): the questions shown, every error. For a save
 * (save 1): every question of the page (shown or not, since a save keeps
 * them all), only the errors of limit_error(), so that a save is held to
 * exactly the limits of Continue. Returns how many failed.
 */
size_t journey_check_page(struct req *rq, const struct survey *s, size_t idx,
			  const struct all_answers *all, const char **errors, int save)
{
	size_t nerr = 0;

	for (size_t k = 0; k < s->pages[idx].nquestions; k++) {
		const struct survey_question *q = &s->pages[idx].questions[k];
		struct survey_answer_detail det;
		enum survey_answer_err ae;
		size_t qi = 0;

		while (qi < all->nq && all->q[qi] != q)
			qi++;
		if (save ? qi >= all->nq : !survey_question_shown(s, q, &all->set))
			continue;
		ae = survey_answer_check(q, all->v[qi].values, all->v[qi].n, all->other[qi], &det);
		if (ae != SA_OK && (!save || limit_error(ae))) {
			errors[k] = form_error_message(rq->a, q, ae, &det, rq->lang);
			nerr++;
		}
	}
	return nerr;
}

void handle_page_get(struct app *app, struct req *rq, struct resp *rs, const struct survey *s,
		     const struct survey_page *pg)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs, .s = s};
	struct all_answers all;
	size_t idx;

	if (journey_open(&j, 0) != 0)
		return;
	if (journey_collect_all(rq->a, s, &j.saved, &all) != 0) {
		web_error(app, rq, rs, 413);
		return;
	}
	if (pg == NULL) {
		idx = survey_next_page(s, 0, &all.set);
	} else {
		idx = journey_page_index(s, pg);
		/* A page hidden by earlier answers is skipped. */
		if (!survey_page_shown(pg, &all.set)) {
			journey_redirect(rs,
					 journey_page_path(&j, survey_next_page(s, idx, &all.set)));
			return;
		}
	}
	if (idx >= s->npages) {
		journey_redirect(rs, journey_page_path(&j, idx));
		return;
	}
	journey_render_page(&j, idx, &j.saved, NULL);
}

/* Replace the saved fields of page idx's questions with the posted ones. */
static int merge_page(struct journey *j, size_t idx)
{
	struct http_params merged = {0};

	for (size_t i = 0; i < j->saved.n; i++) {
		const struct survey_question *q =
		    journey_question_of_field(j->s, j->saved.v[i].name);

		/* Fields starting with '_' are the service's own notes (flags). */
		if (j->saved.v[i].name[0] != '_' && (q == NULL || q->page_index == idx))
			continue;
		if (http_params_add(j->rq->a, &merged, PARTIAL_MAX_FIELDS, j->saved.v[i].name,
				    j->saved.v[i].value) != HTTP_OK)
			return -1;
	}
	for (size_t i = 0; i < j->rq->form.n; i++) {
		const struct survey_question *q =
		    journey_question_of_field(j->s, j->rq->form.v[i].name);

		const char *value = j->rq->form.v[i].value;
		char pc[16];

		if (q == NULL || q->page_index != idx || value[0] == '\0')
			continue;
		/* A postcode is kept in its one written form, "SY16 1AA" however
		 * it was typed; one not in UK format is kept as typed, for its
		 * error message. */
		if (q->type == SQ_POSTCODE && strcmp(j->rq->form.v[i].name, q->id) == 0 &&
		    survey_postcode_normalise(value, pc, sizeof(pc)) == 0)
			value = arena_strndup(j->rq->a, pc, strlen(pc));
		if (value == NULL || http_params_add(j->rq->a, &merged, PARTIAL_MAX_FIELDS,
						     j->rq->form.v[i].name, value) != HTTP_OK)
			return -1;
	}
	j->saved = merged;
	return 0;
}

void handle_page_post(struct app *app, struct req *rq, struct resp *rs, const struct survey *s,
		      const struct survey_page *pg)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs, .s = s};
	const char *action = http_param_get(&rq->form, "action");
	struct all_answers all;
	const char **errors;
	size_t idx, nerr = 0;

	if (journey_open(&j, 1) != 0)
		return;
	if (pg == NULL) {
		struct all_answers saved;

		if (journey_collect_all(rq->a, s, &j.saved, &saved) != 0) {
			web_error(app, rq, rs, 413);
			return;
		}
		idx = survey_next_page(s, 0, &saved.set);
		if (idx >= s->npages) {
			journey_redirect(rs, journey_page_path(&j, idx));
			return;
		}
	} else {
		idx = journey_page_index(s, pg);
	}
	if (merge_page(&j, idx) != 0) {
		web_error(app, rq, rs, 413);
		return;
	}
	/* A robot fills the field people never see: noted, and the response
	 * flagged for officers rather than refused. */
	{
		const char *hp = http_param_get(&rq->form, "website");

		if (hp != NULL && hp[0] != '\0' && http_param_get(&j.saved, "_flag") == NULL)
			http_params_add(rq->a, &j.saved, PARTIAL_MAX_FIELDS, "_flag", "honeypot");
	}
	if (action != NULL && strcmp(action, "recalculate") == 0) {
		/* "Update my total" (a budget without JavaScript): the same page
		 * again with every entry kept and its totals worked out; nothing
		 * checked, nothing stored. */
		journey_render_page(&j, idx, &j.saved, NULL);
		return;
	}
	if (action != NULL && strcmp(action, "save") == 0) {
		/* Save what was typed, complete or not, and give a resume code;
		 * but within the limits of Continue (length, number of values,
		 * options that exist, formats), or a save would store what a send
		 * refuses. */
		if (journey_collect_all(rq->a, s, &j.saved, &all) != 0) {
			web_error(app, rq, rs, 413);
			return;
		}
		errors = arena_calloc(rq->a, s->pages[idx].nquestions + 1, sizeof(*errors));
		if (errors == NULL) {
			web_error(app, rq, rs, 413);
			return;
		}
		if (journey_check_page(rq, s, idx, &all, errors, 1) > 0) {
			journey_render_page(&j, idx, &rq->form, errors);
			rs->status = 422;
			return;
		}
		if (j.page_index < idx)
			j.page_index = idx;
		/* A save to come back to, on any device: durable, in the
		 * database, whatever the cookie held. */
		j.force_store = 1;
		if (journey_partial_store(&j) != STORE_OK) {
			journey_unavailable(&j);
			return;
		}
		journey_save_page(&j);
		return;
	}
	if (journey_collect_all(rq->a, s, &j.saved, &all) != 0) {
		web_error(app, rq, rs, 413);
		return;
	}
	errors = arena_calloc(rq->a, s->pages[idx].nquestions + 1, sizeof(*errors));
	if (errors == NULL) {
		web_error(app, rq, rs, 413);
		return;
	}
	nerr = journey_check_page(rq, s, idx, &all, errors, 0);
	if (nerr > 0) {
		journey_render_page(&j, idx, &rq->form, errors);
		rs->status = 422;
		return;
	}
	{
		size_t next = survey_next_page(s, idx + 1, &all.set);

		if (j.page_index < next)
			j.page_index = next;
		if (journey_partial_store(&j) != STORE_OK) {
			/* Keep what the resident typed: the same page, with a banner. */
			journey_render_page(&j, idx, &rq->form, NULL);
			rs->status = 503;
			resp_header(rs, "Retry-After", "30");
			return;
		}
		journey_redirect(rs, journey_page_path(&j, next));
	}
}

/* ---------- check your answers ---------- */

static const char *choice_label(const struct survey_question *q, const char *value, enum yv_lang l)
{
	for (size_t i = 0; i < q->nchoices; i++)
		if (strcmp(q->choices[i].value, value) == 0)
			return survey_text_get(&q->choices[i].label, l);
	return value;
}

static void answer_text(struct html *b, struct arena *a, const struct survey_question *q,
			const struct survey_answer *ans, const char *other, enum yv_lang l)
{
	if (ans->n == 0) {
		html_text(b, _("Not answered"));
		return;
	}
	switch (q->type) {
	case SQ_CHOICE:
	case SQ_MULTI:
		for (size_t i = 0; i < ans->n; i++) {
			if (i > 0)
				html_lit(b, "<br>");
			html_text(b, choice_label(q, ans->values[i], l));
			if (q->other != NULL && strcmp(ans->values[i], q->other->value) == 0 &&
			    other && other[0]) {
				html_lit(b, ": ");
				html_text(b, other);
			}
		}
		break;
	case SQ_SCALE:
		if (strcmp(ans->values[0], "dont-know") == 0)
			html_text(b, _("Don't know"));
		else {
			html_text(b, ans->values[0]);
			html_lit(b, " / ");
			html_int(b, q->scale_max);
		}
		break;
	case SQ_RANKING:
		for (size_t r = 1; r <= q->nchoices; r++)
			for (size_t i = 0; i < ans->n; i++)
				if (ans->values[i][0] && strtoul(ans->values[i], NULL, 10) == r) {
					html_int(b, (long long)r);
					html_lit(b, ". ");
					html_text(b, survey_text_get(&q->choices[i].label, l));
					html_lit(b, "<br>");
				}
		break;
	case SQ_DATE:
		html_text(
		    b, arena_printf(a, "%s/%s/%s", ans->values[0], ans->values[1], ans->values[2]));
		break;
	case SQ_BUDGET: {
		const struct survey_budget *bg = q->budget;
		int *changes = arena_calloc(a, bg->nlines + 1, sizeof(int));
		int ct = 0;
		struct survey_budget_sums sums;

		if (changes == NULL)
			return;
		html_lit(b, "<ul class=\"plain\">");
		for (size_t i = 0; i < ans->n; i++) {
			int bp = 0;

			survey_parse_hundredths(ans->values[i][0] ? ans->values[i] : "0", &bp);
			if (i < bg->nlines)
				changes[i] = bp;
			else
				ct = bp;
			html_lit(b, "<li>");
			html_text(b, i < bg->nlines ? survey_text_get(&bg->lines[i].label, l)
						    : survey_text_get(&bg->ct_label, l));
			{
				char pv[24];

				form_hundredths(pv, bp, 1);
				html_lit(b, ": ");
				html_text(b, pv);
				html_lit(b, "%");
			}
			html_lit(b, "</li>");
		}
		html_lit(b, "</ul>");
		survey_budget_sum(bg, changes, ct, &sums);
		html_text(b, _("Savings:"));
		html_lit(b, " ");
		form_money(b, sums.savings_pence);
		break;
	}
	default:
		html_text(b, ans->values[0]);
		break;
	}
}

void journey_render_check(struct journey *j, struct all_answers *all, const char **errors)
{
	const struct survey *s = j->s;
	enum yv_lang l = j->rq->lang;
	const char *self = arena_printf(j->rq->a, "/s/%s/check", s->id);
	struct page_ctx p = {l, self ? self : "/", _("Check your answers before sending them")};
	struct html *b = html_over(&j->rs->body);
	unsigned char *keep = arena_calloc(j->rq->a, all->nq + 1, 1);
	char sid[SID_HEX + 1];
	size_t nerr = 0, last;

	if (keep == NULL) {
		web_error(j->app, j->rq, j->rs, 413);
		return;
	}
	survey_answers_filter(s, &all->set, keep);
	for (size_t i = 0; errors && i < all->nq; i++)
		nerr += errors[i] != NULL;
	token_hex(sid, SID_HEX / 2);
	resp_html(j->rs);
	page_begin(b, &p);
	last = journey_prev_page(j, s->npages, &all->set);
	if (last != (size_t)-1)
		page_back_link(b, journey_page_path(j, last));
	if (nerr > 0) {
		page_errors_begin(b);
		for (size_t i = 0; i < all->nq; i++)
			if (errors[i] != NULL)
				page_error_item(
				    b,
				    arena_printf(j->rq->a, "%s#%s",
						 journey_page_path(j, all->q[i]->page_index),
						 error_target(j->rq->a, s, all, all->q[i])),
				    NULL, errors[i]);
		page_errors_end(b);
	}
	journey_caption(j, b);
	html_lit(b, "<h1>");
	html_text(b, _("Check your answers before sending them"));
	html_lit(b, "</h1>\n");
	/* An answer that the budget contradicts, as the officer declared:
	 * said, never refused. */
	for (size_t i = 0; i < all->nq; i++)
		if (all->q[i]->type == SQ_BUDGET && survey_question_shown(s, all->q[i], &all->set))
			form_budget_prompts(
			    b, j->rq->a, all->q[i], l, &all->set,
			    arena_printf(j->rq->a, "%s#q-%s",
					 journey_page_path(j, all->q[i]->page_index),
					 all->q[i]->id));
	for (size_t pi = 0; pi < s->npages; pi++) {
		const struct survey_page *pg = &s->pages[pi];
		int any = 0;

		if (!survey_page_shown(pg, &all->set))
			continue;
		for (size_t i = 0; i < all->nq; i++) {
			const struct survey_question *q = all->q[i];

			if (q->page_index != pi || (!keep[i] && all->v[i].n > 0) ||
			    !survey_question_shown(s, q, &all->set))
				continue;
			if (!any) {
				html_lit(b, "<h2>");
				html_text(b, survey_text_get(&pg->heading, l)[0]
						 ? survey_text_get(&pg->heading, l)
						 : survey_text_get(&s->title, l));
				html_lit(b, "</h2>\n<dl class=\"summary-list\">\n");
				any = 1;
			}
			html_lit(b, "<div class=\"summary-row\"><dt>");
			html_text(b, survey_text_get(&q->label, l));
			html_lit(b, "</dt><dd class=\"summary-value\">");
			answer_text(b, j->rq->a, q, &all->v[i], all->other[i], l);
			html_lit(b, "</dd><dd class=\"summary-action\"><a href=\"");
			html_text(b, journey_page_path(j, pi));
			html_lit(b, "#q-");
			html_text(b, q->id);
			html_lit(b, "\">");
			html_text(b, _("Change"));
			html_lit(b, "<span class=\"visually-hidden\"> ");
			html_text(b, survey_text_get(&q->label, l));
			html_lit(b, "</span></a></dd></div>\n");
		}
		if (any)
			html_lit(b, "</dl>\n");
	}
	html_lit(b, "<h2>");
	html_text(b, _("Now send your response"));
	html_lit(b, "</h2>\n<p>");
	html_text(b, _("When you send it you will get a receipt code that proves your response was "
		       "recorded."));
	html_lit(b, "</p>\n<form method=\"post\" action=\"");
	html_text(b, self);
	html_lit(b, "\" novalidate>\n");
	journey_hidden_fields(j, b);
	html_lit(b, "<input type=\"hidden\" name=\"sid\" value=\"");
	html_text(b, sid);
	html_lit(b, "\">\n<button type=\"submit\" class=\"button\">");
	html_text(b, _("Send your response"));
	html_lit(b, "</button>\n</form>\n");
	page_end(b, &p);
}

/* Every kept answer checked; errors[i] set per question. Returns the count. */
size_t journey_check_all(struct journey *j, struct all_answers *all, const char **errors)
{
	unsigned char *keep = arena_calloc(j->rq->a, all->nq + 1, 1);
	size_t nerr = 0;

	if (keep == NULL)
		return 1;
	survey_answers_filter(j->s, &all->set, keep);
	for (size_t i = 0; i < all->nq; i++) {
		struct survey_answer_detail det;
		enum survey_answer_err ae;

		if (!survey_question_shown(j->s, all->q[i], &all->set))
			continue;
		ae = survey_answer_check(all->q[i], all->v[i].values, all->v[i].n, all->other[i],
					 &det);
		if (ae != SA_OK) {
			errors[i] = form_error_message(j->rq->a, all->q[i], ae, &det, j->rq->lang);
			nerr++;
		}
	}
	return nerr;
}

void handle_check_get(struct app *app, struct req *rq, struct resp *rs, const struct survey *s)
{
	struct journey j = {.app = app, .rq = rq, .rs = rs, .s = s};
	struct all_answers all;
	const char **errors;

	if (journey_open(&j, 0) != 0)
		return;
	if (!j.have_partial) {
		journey_redirect(rs, arena_printf(rq->a, "/s/%s", s->id));
		return;
	}
	if (journey_collect_all(rq->a, s, &j.saved, &all) != 0 ||
	    (errors = arena_calloc(rq->a, all.nq + 1, sizeof(*errors))) == NULL) {
		web_error(app, rq, rs, 413);
		return;
	}
	journey_render_check(&j, &all, journey_check_all(&j, &all, errors) > 0 ? errors : NULL);
}
