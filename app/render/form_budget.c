/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * form_budget: the budget question (see form_budget.h). Every figure the
 * page shows is computed here from the submitted choices, so the page is
 * whole without JavaScript; public/yourvoice.js recomputes the same
 * figures with the same rounding as choices change, from the data-*
 * attributes written here, and words them with the templates written here
 * (data-t-*: translated by gettext, with %1$s, %2$s, %3$s for the amounts),
 * so the script holds no text of its own. May use: core, survey,
 * render/html and render/form.
 */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "render/form.h"
#include "render/form_budget.h"
#include "render/html.h"

/* The i-th value submitted under name, or NULL. */
static const char *value_at(const struct form_values *v, const char *name)
{
	for (size_t k = 0; v != NULL && k < v->n; k++)
		if (strcmp(v->v[k].name, name) == 0)
			return v->v[k].value;
	return NULL;
}

static int value_has(const struct form_values *v, const char *name, const char *value)
{
	for (size_t k = 0; v != NULL && k < v->n; k++)
		if (strcmp(v->v[k].name, name) == 0 && strcmp(v->v[k].value, value) == 0)
			return 1;
	return 0;
}

/* The change chosen in s: an allowed step of min..max, else 0 (what the
 * select shows when nothing or something else was sent). */
static int chosen_bp(const char *s, int min_bp, int max_bp, int step_bp)
{
	int bp;

	if (s == NULL || survey_parse_hundredths(s, &bp) != 0 || bp < min_bp || bp > max_bp ||
	    (step_bp > 0 && (bp - min_bp) % step_bp != 0))
		return 0;
	return bp;
}

/* The template tpl with %1$s, %2$s and %3$s replaced by a1, a2 and a3 (the
 * same substitution as the script's). */
static const char *fill(struct arena *a, const char *tpl, const char *a1, const char *a2,
			const char *a3)
{
	const char *args[3] = {a1, a2, a3};
	size_t cap = strlen(tpl) + 1, n = 0;
	char *out;

	for (int i = 0; i < 3; i++)
		cap += args[i] ? strlen(args[i]) : 0;
	cap += cap; /* an argument may appear twice */
	out = arena_alloc(a, cap);
	if (out == NULL)
		return tpl;
	for (const char *p = tpl; *p != '\0' && n + 1 < cap;) {
		if (p[0] == '%' && p[1] >= '1' && p[1] <= '3' && p[2] == '$' && p[3] == 's') {
			const char *v = args[p[1] - '1'];
			size_t len = v ? strlen(v) : 0;

			if (n + len + 1 > cap)
				break;
			memcpy(out + n, v ? v : "", len);
			n += len;
			p += 4;
		} else {
			out[n++] = *p++;
		}
	}
	out[n] = '\0';
	return out;
}

/* Money with pence: "£90.24" (no thousands separator below £1,000). */
static void money_pence(char out[FORM_MONEY_MAX], long long pence)
{
	char whole[FORM_MONEY_MAX];
	size_t n;
	long long p = pence < 0 ? -pence : pence;

	form_money_text(whole, (p / 100) * 100);
	n = strlen(whole);
	if (pence < 0 && whole[0] != '-') {
		memmove(whole + 1, whole, n + 1);
		whole[0] = '-';
		n++;
	}
	if (n + 4 > FORM_MONEY_MAX) {
		memcpy(out, whole, n + 1);
		return;
	}
	memcpy(out, whole, n);
	out[n] = '.';
	out[n + 1] = (char)('0' + (p % 100) / 10);
	out[n + 2] = (char)('0' + p % 10);
	out[n + 3] = '\0';
}

/* The balance templates, in the order of the states below. */
enum balance_state { B_SHORT, B_EXACT, B_OVER, B_ADDS, B_SPARE, B_BALANCED, B_OVERSPEND, B_N };
static const char *const state_names[B_N] = {"short", "exact",	  "over",     "adds",
					     "spare", "balanced", "overspend"};

static const char *balance_template(enum balance_state st)
{
	switch (st) {
	case B_SHORT:
		/* TRANSLATORS: %1$s: savings found so far; %2$s: what is left to find. */
		return _("You have found %1$s: %2$s still to find");
	case B_EXACT:
		/* TRANSLATORS: %1$s: the savings target, met exactly. */
		return _("You have found the %1$s needed");
	case B_OVER:
		/* TRANSLATORS: %1$s: savings found; %2$s: how much over; %3$s: the target. */
		return _("You have found %1$s: %2$s more than the %3$s needed");
	case B_ADDS:
		/* TRANSLATORS: %1$s: what the choices add to spending; %2$s: left to find. */
		return _("Your choices add %1$s to spending: %2$s still to find");
	case B_SPARE:
		return _("Your choices stay within the budget, with %1$s to spare");
	case B_BALANCED:
		return _("Your choices balance the budget exactly");
	case B_OVERSPEND:
		return _("Your choices overspend the budget by %1$s");
	case B_N:
		break;
	}
	return "";
}

/* The state of the balance and its words for sums. */
static const char *balance_text(struct arena *a, const struct survey_budget *bg,
				const struct survey_budget_sums *s, enum balance_state *st)
{
	char found[FORM_MONEY_MAX], diff[FORM_MONEY_MAX], target[FORM_MONEY_MAX];
	long long d = s->savings_pence - s->target_pence;

	form_money_text(found, s->savings_pence < 0 ? -s->savings_pence : s->savings_pence);
	form_money_text(diff, d < 0 ? -d : d);
	form_money_text(target, s->target_pence);
	if (bg->target == ST_BALANCE)
		*st = d > 0 ? B_SPARE : d == 0 ? B_BALANCED : B_OVERSPEND;
	else if (d == 0)
		*st = B_EXACT;
	else if (d > 0)
		*st = B_OVER;
	else
		*st = s->savings_pence < 0 ? B_ADDS : B_SHORT;
	switch (*st) {
	case B_SHORT:
	case B_ADDS:
		return fill(a, balance_template(*st), found, diff, NULL);
	case B_EXACT:
		return fill(a, balance_template(*st), target, NULL, NULL);
	case B_OVER:
		return fill(a, balance_template(*st), found, diff, target);
	default:
		return fill(a, balance_template(*st), diff, NULL, NULL);
	}
}

/* Invisible copies of every wording of the balance, filled with the
 * longest amount the budget can give, under the live text: its box is as
 * tall as the tallest from the start, so the services never move. */
static void balance_sizers(struct html *h, struct arena *a, const struct survey_budget *bg)
{
	long long most = bg->target_pence;
	char m[FORM_MONEY_MAX];

	for (size_t i = 0; i < bg->nlines; i++)
		most += bg->lines[i].spend_pence;
	most += survey_budget_ct_income(bg, bg->ct_max_bp);
	form_money_text(m, most);
	for (int i = 0; i < B_N; i++) {
		if ((bg->target == ST_BALANCE) != (i >= B_SPARE))
			continue;
		html_lit(
		    h,
		    "<span class=\"consequence-sizer budget-total-sizer\" aria-hidden=\"true\">");
		html_text(h, fill(a, balance_template((enum balance_state)i), m, m, m));
		html_lit(h, "</span>\n");
	}
}

/* What the chosen change means for a service line. */
static const char *line_consequence(struct arena *a, const struct survey_budget_line *l, int bp,
				    enum yv_lang lang)
{
	const struct survey_budget_level *lv = survey_budget_level_applying(l, bp);
	char pv[24];

	if (bp == 0)
		return _("No change: the service carries on as it is.");
	if (lv == NULL)
		return _("The council has not described the effect of this change.");
	form_hundredths(pv, lv->change_bp, 1);
	return arena_printf(a, "%s%%: %s", pv, survey_text_get(&lv->meaning, lang));
}

/* The council-tax templates: a rise with and without the Band D figure,
 * and no rise. */
static const char *ct_template(int with_band_d, int rise)
{
	if (!rise)
		return with_band_d ? _("No rise: a Band D home pays the same as now.")
				   : _("No rise: council tax stays as it is.");
	if (with_band_d)
		/* TRANSLATORS: %1$s: income a year; %2$s and %3$s: the cost to a Band D home a
		 * year and a week, like "£90.24" and "£1.74". */
		return _("Raises %1$s a year. A Band D home would pay %2$s more a year (%3$s a "
			 "week).");
	return _("Raises %1$s a year.");
}

static const char *ct_consequence(struct arena *a, const struct survey_budget *bg, int ct)
{
	char inc[FORM_MONEY_MAX], year[FORM_MONEY_MAX], week[FORM_MONEY_MAX];
	long long y = survey_budget_band_d_cost(bg, ct);

	form_money_text(inc, survey_budget_ct_income(bg, ct));
	money_pence(year, y);
	money_pence(week, survey_budget_per_week(y));
	return fill(a, ct_template(bg->ct_band_d_pence > 0, ct != 0), inc, year, week);
}

/* The live consequence text, over invisible copies of every possible text
 * so that its box is as tall as the longest from the start: changing the
 * level never moves the page. */
static void consequence_box(struct html *h, const char *id, const char *text,
			    const char *const *all, size_t nall)
{
	html_lit(h, "<div class=\"consequence-box\">\n<p class=\"consequence\" id=\"");
	html_text(h, id);
	html_lit(h, "\" aria-live=\"polite\">");
	html_text(h, text);
	html_lit(h, "</p>\n");
	for (size_t i = 0; i < nall; i++) {
		html_lit(h, "<span class=\"consequence-sizer\" aria-hidden=\"true\">");
		html_text(h, all[i]);
		html_lit(h, "</span>\n");
	}
	html_lit(h, "</div>\n");
}

/* The − and + buttons around a select, shown by the script only. */
static void step_button(struct html *h, struct arena *a, const char *field_id, int up,
			const char *label)
{
	html_lit(h, "<button type=\"button\" class=\"step ");
	if (up)
		html_lit(h, "step-up");
	else
		html_lit(h, "step-down");
	html_lit(h, "\" data-for=\"");
	html_text(h, field_id);
	html_lit(h, "\" hidden><span aria-hidden=\"true\">");
	if (up)
		html_lit(h, "+");
	else
		html_lit(h, "−");
	html_lit(h, "</span><span class=\"visually-hidden\">");
	html_text(h, arena_printf(a, up ? _("Increase: %s") : _("Decrease: %s"), label));
	html_lit(h, "</span></button>\n");
}

/* One line (a service, or the council tax when l is NULL). */
static void budget_line(struct html *h, struct arena *a, const struct survey_question *q,
			const struct survey_budget_line *l, enum yv_lang lang, int cur)
{
	const struct survey_budget *bg = q->budget;
	const char *lid = l ? l->id : "council-tax";
	const char *name = arena_printf(a, "%s.%s", q->id, lid);
	const char *fid = arena_printf(a, "f-%s", name);
	const char *cid = arena_printf(a, "c-%s", name);
	const char *label = survey_text_get(l ? &l->label : &bg->ct_label, lang);
	const char *desc = survey_text_get(l ? &l->description : &bg->ct_description, lang);
	int min = l ? l->min_bp : bg->ct_min_bp, max = l ? l->max_bp : bg->ct_max_bp;
	int step = l ? l->step_bp : bg->ct_step_bp;
	size_t nsteps = survey_budget_steps(min, max, step), nall = 0;
	const char **all = arena_calloc(a, nsteps + 1, sizeof(*all));

	if (name == NULL || fid == NULL || cid == NULL || all == NULL)
		return;
	html_lit(h, "<div class=\"budget-line");
	if (l == NULL)
		html_lit(h, " budget-line-tax");
	html_lit(h, "\" role=\"group\" aria-labelledby=\"l-");
	html_text(h, name);
	html_lit(h, "\">\n<div class=\"budget-line-head\"><label id=\"l-");
	html_text(h, name);
	html_lit(h, "\" for=\"");
	html_text(h, fid);
	html_lit(h, "\">");
	html_text(h, label);
	html_lit(h, "</label>");
	if (l != NULL) {
		html_lit(h, " <span class=\"spend\">");
		html_text(h, _("Current spend:"));
		html_lit(h, " ");
		form_money(h, l->spend_pence);
		html_lit(h, "</span>");
	}
	html_lit(h, "</div>\n<div class=\"stepper\">\n");
	step_button(h, a, fid, 0, label);
	html_lit(h, "<select name=\"");
	html_text(h, name);
	html_lit(h, "\" id=\"");
	html_text(h, fid);
	html_lit(h, "\" aria-describedby=\"");
	html_text(h, cid);
	html_lit(h, "\" data-budget=\"");
	html_text(h, q->id);
	if (l != NULL) {
		html_lit(h, "\" data-spend=\"");
		html_int(h, l->spend_pence);
	} else {
		html_lit(h, "\" data-income-per-step=\"");
		html_int(h, bg->ct_income_per_step_pence);
		html_lit(h, "\" data-step=\"");
		html_int(h, bg->ct_step_bp);
		html_lit(h, "\" data-band-d=\"");
		html_int(h, bg->ct_band_d_pence);
	}
	html_lit(h, "\">");
	for (size_t i = 0; i < nsteps; i++) {
		int bp = survey_budget_step(min, step, i);
		char v[24], pv[24];
		const char *meaning;

		form_hundredths(v, bp, 0);
		form_hundredths(pv, bp, 1);
		html_lit(h, "<option value=\"");
		html_text(h, v);
		html_lit(h, "\"");
		if (bp == cur)
			html_lit(h, " selected");
		if (l != NULL) {
			meaning = line_consequence(a, l, bp, lang);
			html_lit(h, " data-meaning=\"");
			html_text(h, meaning);
			html_lit(h, "\">");
			html_text(h, pv);
			html_lit(h, "% (");
			form_money(h, survey_budget_line_change(l, bp));
			html_lit(h, ")</option>");
		} else {
			meaning = ct_consequence(a, bg, bp);
			html_lit(h, " data-meaning=\"");
			html_text(h, meaning);
			html_lit(h, "\">");
			html_text(h, pv);
			html_lit(h, "% (");
			form_money(h, survey_budget_ct_income(bg, bp));
			html_lit(h, ")</option>");
		}
		/* each different text once, for the box's height */
		{
			size_t k = 0;

			while (k < nall && strcmp(all[k], meaning) != 0)
				k++;
			if (k == nall)
				all[nall++] = meaning;
		}
	}
	html_lit(h, "</select>\n");
	step_button(h, a, fid, 1, label);
	html_lit(h, "</div>\n");
	consequence_box(h, cid, l ? line_consequence(a, l, cur, lang) : ct_consequence(a, bg, cur),
			all, nall);
	/* The description and every level's meaning, on demand. */
	if (desc[0] != '\0' || (l != NULL && l->nlevels > 0)) {
		html_lit(h, "<details class=\"budget-more\"><summary>");
		html_text(h, arena_printf(a, _("More about %s"), label));
		html_lit(h, "</summary>\n");
		if (desc[0] != '\0') {
			html_lit(h, "<p>");
			html_text(h, desc);
			html_lit(h, "</p>\n");
		}
		if (l != NULL && l->nlevels > 0) {
			html_lit(h, "<ul class=\"levels\">\n");
			for (size_t k = 0; k < l->nlevels; k++) {
				const char *m = survey_text_get(&l->levels[k].meaning, lang);
				char pv[24];

				if (m[0] == '\0')
					continue;
				form_hundredths(pv, l->levels[k].change_bp, 1);
				html_lit(h, "<li>");
				html_text(h, pv);
				html_lit(h, "%: ");
				html_text(h, m);
				html_lit(h, "</li>\n");
			}
			html_lit(h, "</ul>\n");
		}
		html_lit(h, "</details>\n");
	}
	html_lit(h, "</div>\n");
}

/* The prompts of q whose other answer is given in values: each written,
 * hidden unless the allocation contradicts it now (the script shows and
 * hides them as choices change). */
static void page_prompts(struct html *h, struct arena *a, const struct survey_question *q,
			 enum yv_lang lang, const struct form_values *values, const int *changes,
			 int ct)
{
	const struct survey_budget *bg = q->budget;
	int any = 0;

	for (size_t i = 0; i < bg->ncontradictions; i++) {
		const struct survey_budget_contradiction *c = &bg->contradictions[i];
		const char *on;

		if (!value_has(values, c->qid, c->value))
			continue;
		if (!any)
			html_lit(h, "<div class=\"budget-prompts\" aria-live=\"polite\">\n");
		any = 1;
		on = c->line < bg->nlines ? bg->lines[c->line].id : "council-tax";
		html_lit(h, "<div class=\"notice budget-prompt\" data-field=\"");
		html_text(h, arena_printf(a, "%s.%s", q->id, on));
		html_lit(h, "\" data-when=\"");
		if (c->when == SBW_CUT)
			html_lit(h, "cut");
		else if (c->when == SBW_NO_CHANGE)
			html_lit(h, "no-change");
		else
			html_lit(h, "rise");
		html_lit(h, "\"");
		if (!survey_budget_contradicts(bg, c, changes, ct))
			html_lit(h, " hidden");
		html_lit(h, "><p><strong>");
		html_text(h, _("Check this:"));
		html_lit(h, "</strong> ");
		html_text(h, survey_text_get(&c->message, lang));
		html_lit(h, "</p></div>\n");
	}
	if (any)
		html_lit(h, "</div>\n");
}

void form_budget_question(struct html *h, struct arena *a, const struct survey_question *q,
			  enum yv_lang lang, const struct form_values *values, const char *error)
{
	const struct survey_budget *bg = q->budget;
	int *changes = arena_calloc(a, bg->nlines + 1, sizeof(int));
	int ct = 0;
	struct survey_budget_sums sums;
	enum balance_state st;
	const char *text, *hint = survey_text_get(&q->hint, lang);
	char target[FORM_MONEY_MAX];

	if (changes == NULL)
		return;
	for (size_t i = 0; i < bg->nlines; i++) {
		const struct survey_budget_line *l = &bg->lines[i];

		changes[i] = chosen_bp(value_at(values, arena_printf(a, "%s.%s", q->id, l->id)),
				       l->min_bp, l->max_bp, l->step_bp);
	}
	if (bg->has_council_tax)
		ct = chosen_bp(value_at(values, arena_printf(a, "%s.council-tax", q->id)),
			       bg->ct_min_bp, bg->ct_max_bp, bg->ct_step_bp);
	survey_budget_sum(bg, changes, ct, &sums);
	text = balance_text(a, bg, &sums, &st);

	html_lit(h, "<div class=\"question budget");
	if (error != NULL)
		html_lit(h, " question-error");
	html_lit(h, "\" id=\"q-");
	html_text(h, q->id);
	html_lit(h, "\">\n<fieldset");
	if (hint[0] != '\0' || error != NULL) {
		html_lit(h, " aria-describedby=\"");
		if (hint[0] != '\0') {
			html_lit(h, "hint-");
			html_text(h, q->id);
		}
		if (error != NULL) {
			if (hint[0] != '\0')
				html_lit(h, " ");
			html_lit(h, "error-");
			html_text(h, q->id);
		}
		html_lit(h, "\"");
	}
	html_lit(h, ">\n<legend>");
	html_text(h, survey_text_get(&q->label, lang));
	if (!q->required) {
		html_lit(h, " <span class=\"optional\">(");
		html_text(h, _("optional"));
		html_lit(h, ")</span>");
	}
	html_lit(h, "</legend>\n");
	if (hint[0] != '\0') {
		html_lit(h, "<div class=\"hint\" id=\"hint-");
		html_text(h, q->id);
		html_lit(h, "\">");
		html_text(h, hint);
		html_lit(h, "</div>\n");
	}
	if (error != NULL) {
		html_lit(h, "<p class=\"error-message\" id=\"error-");
		html_text(h, q->id);
		html_lit(h, "\"><span class=\"visually-hidden\">");
		html_text(h, _("Error:"));
		html_lit(h, "</span> ");
		html_text(h, error);
		html_lit(h, "</p>\n");
	}

	/* The balance: sticky, so it stays in view while choosing. */
	form_money_text(target, bg->target_pence);
	html_lit(h, "<div class=\"budget-balance\" id=\"balance-");
	html_text(h, q->id);
	html_lit(h, "\" data-question=\"");
	html_text(h, q->id);
	html_lit(h, "\" data-target=\"");
	html_int(h, bg->target == ST_SAVINGS ? bg->target_pence : 0);
	html_lit(h, "\" data-kind=\"");
	if (bg->target == ST_SAVINGS)
		html_lit(h, "savings");
	else
		html_lit(h, "balance");
	html_lit(h, "\"");
	for (int i = 0; i < B_N; i++) {
		if ((bg->target == ST_BALANCE) != (i >= B_SPARE))
			continue;
		html_lit(h, " data-t-");
		html_text(h, state_names[i]);
		html_lit(h, "=\"");
		html_text(h, balance_template((enum balance_state)i));
		html_lit(h, "\"");
	}
	html_lit(h, ">\n<p class=\"budget-target\">");
	if (bg->target == ST_SAVINGS) {
		html_text(h, _("Savings to find:"));
		html_lit(h, " ");
		html_text(h, target);
	} else {
		html_text(h, _("Your choices must stay within the current total budget."));
	}
	html_lit(h, "</p>\n<div class=\"consequence-box\">\n<p class=\"budget-total ");
	html_text(h, state_names[st]);
	if (sums.met)
		html_lit(h, " met");
	html_lit(h, "\" aria-live=\"polite\" aria-atomic=\"true\">");
	html_text(h, text);
	html_lit(h, "</p>\n");
	balance_sizers(h, a, bg);
	html_lit(h,
		 "</div>\n<button type=\"submit\" class=\"button button-secondary budget-update\" "
		 "name=\"action\" value=\"recalculate\">");
	html_text(h, _("Update my total"));
	html_lit(h, "</button>\n</div>\n");

	for (size_t i = 0; i < bg->nlines; i++)
		budget_line(h, a, q, &bg->lines[i], lang, changes[i]);
	if (bg->has_council_tax) {
		html_lit(h, "<div class=\"budget-ct-templates\" hidden");
		html_lit(h, " data-t-rise=\"");
		html_text(h, ct_template(bg->ct_band_d_pence > 0, 1));
		html_lit(h, "\" data-t-none=\"");
		html_text(h, ct_template(bg->ct_band_d_pence > 0, 0));
		html_lit(h, "\"></div>\n");
		budget_line(h, a, q, NULL, lang, ct);
	}
	page_prompts(h, a, q, lang, values, changes, ct);
	html_lit(h, "</fieldset>\n</div>\n");
}

size_t form_budget_prompts(struct html *h, struct arena *a, const struct survey_question *q,
			   enum yv_lang lang, const struct survey_answers *answers,
			   const char *change_href)
{
	const struct survey_budget *bg = q->budget;
	int *changes = arena_calloc(a, bg->nlines + 1, sizeof(int));
	const struct survey_answer *mine = NULL;
	int ct = 0;
	size_t n = 0;

	if (changes == NULL)
		return 0;
	for (size_t i = 0; i < answers->n; i++)
		if (strcmp(answers->v[i].qid, q->id) == 0)
			mine = &answers->v[i];
	if (mine == NULL || mine->n == 0)
		return 0;
	for (size_t i = 0; i < mine->n && i <= bg->nlines; i++) {
		int bp = 0;

		if (survey_parse_hundredths(mine->values[i], &bp) != 0)
			bp = 0;
		if (i < bg->nlines)
			changes[i] = bp;
		else
			ct = bp;
	}
	for (size_t i = 0; i < bg->ncontradictions; i++) {
		const struct survey_budget_contradiction *c = &bg->contradictions[i];
		int said = 0;

		for (size_t k = 0; k < answers->n && !said; k++) {
			if (strcmp(answers->v[k].qid, c->qid) != 0)
				continue;
			for (size_t m = 0; m < answers->v[k].n; m++)
				said |= strcmp(answers->v[k].values[m], c->value) == 0;
		}
		if (!said || !survey_budget_contradicts(bg, c, changes, ct))
			continue;
		html_lit(h, "<div class=\"notice budget-prompt\" role=\"note\"><p><strong>");
		html_text(h, _("Check this:"));
		html_lit(h, "</strong> ");
		html_text(h, survey_text_get(&c->message, lang));
		html_lit(h, "</p>");
		if (change_href != NULL) {
			html_lit(h, "<p><a href=\"");
			html_text(h, change_href);
			html_lit(h, "\">");
			html_text(h, _("Change your budget"));
			html_lit(h, "</a></p>");
		}
		html_lit(h, "</div>\n");
		n++;
	}
	return n;
}
