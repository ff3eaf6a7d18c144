/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * compare: what changed between two versions of one survey that alters the
 * meaning of answers already stored (responses record the version hash they
 * answered). Editing a live survey is allowed; `yourvoice check --previous`
 * uses this to flag such edits for the officer to think twice.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "survey/survey.h"

static int str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static int text_eq(const struct survey_text *a, const struct survey_text *b)
{
	for (int i = 0; i < LANG_N; i++)
		if (!str_eq(a->t[i], b->t[i]))
			return 0;
	return 1;
}

static const struct survey_choice *find_choice(const struct survey_question *q, const char *value)
{
	for (size_t i = 0; i < q->nchoices; i++)
		if (strcmp(q->choices[i].value, value) == 0)
			return &q->choices[i];
	return NULL;
}

static const struct survey_budget_line *find_line(const struct survey_budget *b, const char *id)
{
	for (size_t i = 0; i < b->nlines; i++)
		if (strcmp(b->lines[i].id, id) == 0)
			return &b->lines[i];
	return NULL;
}

struct cmp {
	const struct survey *nw;
	struct survey_diags *d;
	size_t n;
};

__attribute__((format(printf, 4, 5))) static void flag(struct cmp *c, int line, int col,
						       const char *fmt, ...)
{
	char msg[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	survey_diags_add(c->d, c->nw->path, line, col, "warning: %s", msg);
	c->n++;
}

static void compare_budget(struct cmp *c, const struct survey_question *q,
			   const struct survey_budget *o, const struct survey_budget *n)
{
	if (o->target != n->target || o->target_pence != n->target_pence)
		flag(c, q->line, q->col, "question '%s': the budget target changed", q->id);
	for (size_t i = 0; i < o->nlines; i++) {
		const struct survey_budget_line *ol = &o->lines[i], *nl = find_line(n, ol->id);

		if (nl == NULL) {
			flag(c, q->line, q->col, "question '%s': service '%s' was removed", q->id,
			     ol->id);
			continue;
		}
		if (ol->spend_pence != nl->spend_pence || ol->min_bp != nl->min_bp ||
		    ol->max_bp != nl->max_bp || ol->step_bp != nl->step_bp)
			flag(c, nl->line, nl->col,
			     "question '%s': the spend or allowed changes of service '%s' changed",
			     q->id, ol->id);
	}
	if (o->has_council_tax != n->has_council_tax || o->ct_min_bp != n->ct_min_bp ||
	    o->ct_max_bp != n->ct_max_bp || o->ct_step_bp != n->ct_step_bp ||
	    o->ct_income_per_step_pence != n->ct_income_per_step_pence)
		flag(c, q->line, q->col, "question '%s': the council tax line changed", q->id);
}

static void compare_question(struct cmp *c, const struct survey_question *o,
			     const struct survey_question *n)
{
	if (o->type != n->type) {
		flag(c, n->line, n->col, "question '%s' changed from <%s> to <%s>", n->id,
		     survey_qtype_name(o->type), survey_qtype_name(n->type));
		return;
	}
	if (!text_eq(&o->label, &n->label))
		flag(c, n->line, n->col, "the label of question '%s' changed", n->id);
	/* What retention and exports do with the answers already stored. */
	if (survey_question_is_personal(n) && !survey_question_is_personal(o))
		flag(c, n->line, n->col,
		     "question '%s' is now personal data: answers already given to it will be "
		     "deleted after retention and left out of exports without the personal-data "
		     "permission",
		     n->id);
	else if (!survey_question_is_personal(n) && survey_question_is_personal(o))
		flag(c, n->line, n->col,
		     "question '%s' is no longer personal data: answers already given to it will "
		     "be kept (redacted) after retention and exported without the personal-data "
		     "permission",
		     n->id);
	for (size_t i = 0; i < o->nchoices; i++) {
		const struct survey_choice *nc = find_choice(n, o->choices[i].value);

		if (nc == NULL)
			flag(c, n->line, n->col, "option '%s' of question '%s' was removed",
			     o->choices[i].value, n->id);
		else if (!text_eq(&o->choices[i].label, &nc->label))
			flag(c, nc->line, nc->col,
			     "the label of option '%s' of question '%s' changed", nc->value, n->id);
	}
	switch (n->type) {
	case SQ_SCALE:
		if (o->scale_min != n->scale_min || o->scale_max != n->scale_max ||
		    !text_eq(&o->scale_min_label, &n->scale_min_label) ||
		    !text_eq(&o->scale_max_label, &n->scale_max_label))
			flag(c, n->line, n->col, "the points or end labels of scale '%s' changed",
			     n->id);
		break;
	case SQ_NUMBER:
		if (!text_eq(&o->unit, &n->unit))
			flag(c, n->line, n->col, "the unit of question '%s' changed", n->id);
		break;
	case SQ_RANKING:
		if (o->rank_count != n->rank_count)
			flag(c, n->line, n->col,
			     "ranking '%s' now ranks %zu options instead of %zu", n->id,
			     n->rank_count, o->rank_count);
		break;
	case SQ_BUDGET:
		compare_budget(c, n, o->budget, n->budget);
		break;
	default:
		break;
	}
}

size_t survey_compare(const struct survey *old, const struct survey *nw, struct survey_diags *d)
{
	struct cmp c = {nw, d, 0};
	size_t first = d->n;

	if (strcmp(old->version_hash, nw->version_hash) == 0)
		return 0;
	for (size_t i = 0; i < old->npages; i++)
		for (size_t j = 0; j < old->pages[i].nquestions; j++) {
			const struct survey_question *o = &old->pages[i].questions[j];
			const struct survey_question *n = survey_find_question(nw, o->id);

			if (n == NULL)
				flag(&c, nw->line, nw->col,
				     "question '%s' was removed: answers already given to it will "
				     "be left out",
				     o->id);
			else
				compare_question(&c, o, n);
		}
	survey_diags_sort(d, first);
	return c.n;
}
