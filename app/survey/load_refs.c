/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * load_refs: cross-references, checked once every question is known:
 * show-if conditions (compiled, and every question they name must exist on
 * an earlier page with the compared value among its answers) and the
 * metadata that names questions (breakdowns, analysed free text).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "survey/load_int.h"

struct ref_check {
	struct loader *l;
	const xmlNode *n;
	const char *what;
	size_t page_index;
};

/* Whether value can ever be an answer to q (for the types whose answers
 * are fixed values); 1 for the other types. */
static int possible_value(const struct survey_question *q, const char *v)
{
	switch (q->type) {
	case SQ_CHOICE:
	case SQ_MULTI:
		for (size_t i = 0; i < q->nchoices; i++)
			if (strcmp(q->choices[i].value, v) == 0)
				return 1;
		return 0;
	case SQ_SCALE: {
		char *end;
		long n = strtol(v, &end, 10);

		if (q->dont_know && strcmp(v, "dont-know") == 0)
			return 1;
		return *v != '\0' && *end == '\0' && n >= q->scale_min && n <= q->scale_max;
	}
	default:
		return 1;
	}
}

static int ref_check(void *ctx, const struct survey_cond_ref *ref)
{
	struct ref_check *rc = ctx;
	char id[SURVEY_ID_MAX + 2], value[256];
	const struct survey_question *q;

	if (ref->qid_len > SURVEY_ID_MAX) {
		load_err_at(rc->l, rc->n,
			    "show-if of %s names a question id longer than 63 characters",
			    rc->what);
		return 0;
	}
	memcpy(id, ref->qid, ref->qid_len);
	id[ref->qid_len] = '\0';
	q = survey_find_question(rc->l->s, id);
	if (q == NULL) {
		load_err_at(rc->l, rc->n, "show-if of %s names unknown question '%s'", rc->what,
			    id);
		return 0;
	}
	if (q->page_index >= rc->page_index)
		load_err_at(rc->l, rc->n,
			    "show-if of %s names question '%s', which is not on an earlier page",
			    rc->what, id);
	if (ref->value != NULL && ref->value_len < sizeof(value)) {
		memcpy(value, ref->value, ref->value_len);
		value[ref->value_len] = '\0';
		if (!possible_value(q, value))
			load_err_at(
			    rc->l, rc->n,
			    "show-if of %s compares question '%s' with '%s', which is not one "
			    "of its answers",
			    rc->what, id, value);
	}
	return 0;
}

/* Compile one show-if and check the questions it names. */
struct survey_cond *load_cond(struct loader *l, const xmlNode *n, const char *src, const char *what,
			      size_t page_index)
{
	struct ref_check rc = {l, n, what, page_index};
	struct survey_cond *c;
	char err[256];
	if (src == NULL)
		return NULL;
	c = survey_cond_compile(src, err, sizeof(err));
	if (c == NULL) {
		load_err_at(l, n, "show-if of %s is not a valid condition: %s", what, err);
		return NULL;
	}
	if (survey_cond_refs(src, ref_check, &rc) < 0)
		load_err_at(
		    l, n,
		    "show-if of %s: answer() takes one question id in quotes, e.g. answer('age')",
		    what);
	if (survey_cond_eval_err(c, NULL, err, sizeof(err)) < 0)
		load_err_at(l, n, "show-if of %s cannot be evaluated: %s", what, err);
	return c;
}

static const struct survey_question *ref_question(struct loader *l, const xmlNode *n,
						  const char *what)
{
	const char *qid = load_attr(l, n, "question");
	const struct survey_question *q = qid ? survey_find_question(l->s, qid) : NULL;

	if (q == NULL)
		load_err_at(l, n, "%s names unknown question '%s'", what, qid ? qid : "");
	return q;
}

/* The <contradiction>s of budget questions: each names a choice or multi
 * question of the survey and one of its options. */
static void budget_refs(struct loader *l)
{
	struct survey *s = l->s;

	for (size_t p = 0; p < s->npages; p++)
		for (size_t k = 0; k < s->pages[p].nquestions; k++) {
			const struct survey_question *bq = &s->pages[p].questions[k];
			const struct survey_budget *b = bq->budget;

			for (size_t i = 0;
			     bq->type == SQ_BUDGET && b != NULL && i < b->ncontradictions; i++) {
				const struct survey_budget_contradiction *x = &b->contradictions[i];
				const struct survey_question *q = survey_find_question(s, x->qid);

				if (q == NULL || (q->type != SQ_CHOICE && q->type != SQ_MULTI))
					survey_diags_add(
					    l->d, l->path, x->line_no, x->col,
					    "<contradiction> names '%s', which is not a "
					    "<choice> or <multi> question of this survey",
					    x->qid);
				else if (!possible_value(q, x->value))
					survey_diags_add(
					    l->d, l->path, x->line_no, x->col,
					    "<contradiction>: '%s' is not an answer of "
					    "question '%s'",
					    x->value, q->id);
				else
					continue;
				l->nerr++;
			}
		}
}

/* Metadata that names questions: checked once all questions are known. */
void load_refs(struct loader *l, xmlNode *root)
{
	struct survey *s = l->s;
	xmlNode *n = load_first_el(root, "breakdowns");
	size_t k;

	budget_refs(l);
	s->min_group_size = 10;
	if (n != NULL) {
		long long mg = load_attr_uint(l, n, "min-group-size", 10, 100000);
		size_t cnt = 0;

		s->min_group_size = mg < 0 ? 10 : (unsigned)mg;
		for (xmlNode *c = n->children; c != NULL; c = c->next)
			cnt += load_is_el(c, "by");
		s->breakdowns = arena_calloc(l->a, cnt ? cnt : 1, sizeof(*s->breakdowns));
		for (xmlNode *c = n->children; c != NULL; c = c->next) {
			const struct survey_question *q;

			if (load_is_el(c, "by-area")) {
				s->breakdown_by_area = 1;
				if (load_first_el(root, "areas") == NULL)
					load_err_at(l, c, "<by-area/> needs an <areas> map");
				continue;
			}
			if (!load_is_el(c, "by") || (q = ref_question(l, c, "breakdown")) == NULL)
				continue;
			if (q->type != SQ_CHOICE)
				load_err_at(l, c,
					    "breakdown question '%s' must be a <choice> question",
					    q->id);
			else if (survey_question_is_personal(q))
				load_err_at(
				    l, c,
				    "breakdown question '%s' is personal data: results may not "
				    "be broken down by it",
				    q->id);
			for (k = 0; k < s->nbreakdowns; k++)
				if (s->breakdowns[k] == q)
					break;
			if (k < s->nbreakdowns)
				load_err_at(l, c, "breakdown question '%s' is listed twice", q->id);
			else
				s->breakdowns[s->nbreakdowns++] = q;
		}
	}
	n = load_first_el(root, "themes");
	if (n != NULL) {
		size_t cnt = 0;

		for (xmlNode *c = n->children; c != NULL; c = c->next)
			cnt += load_is_el(c, "analyse");
		s->analysed = arena_calloc(l->a, cnt ? cnt : 1, sizeof(*s->analysed));
		for (xmlNode *c = n->children; c != NULL; c = c->next) {
			const struct survey_question *q;

			if (!load_is_el(c, "analyse") ||
			    (q = ref_question(l, c, "<analyse>")) == NULL)
				continue;
			if (q->type != SQ_SHORT_TEXT && q->type != SQ_LONG_TEXT)
				load_err_at(l, c,
					    "analysed question '%s' must be a <short-text> or "
					    "<long-text> question",
					    q->id);
			else if (survey_question_is_personal(q))
				load_err_at(
				    l, c,
				    "analysed question '%s' is personal data (personal=\"true\"): "
				    "its answers may not be summarised into themes",
				    q->id);
			for (k = 0; k < s->nanalysed; k++)
				if (s->analysed[k] == q)
					break;
			if (k < s->nanalysed)
				load_err_at(l, c, "analysed question '%s' is listed twice", q->id);
			else
				s->analysed[s->nanalysed++] = q;
		}
	}
	n = load_first_el(root, "notify");
	if (n != NULL) {
		const char *eid = load_attr(l, n, "email"), *cid = load_attr(l, n, "consent");
		const struct survey_question *q = eid ? survey_find_question(s, eid) : NULL;

		if (q == NULL)
			load_err_at(l, n, "<notify> names unknown question '%s'", eid ? eid : "");
		else if (q->type != SQ_EMAIL)
			load_err_at(l, n,
				    "<notify> email question '%s' must be an <email> question",
				    q->id);
		else
			s->notify_email = q;
		if (cid != NULL) {
			q = survey_find_question(s, cid);
			if (q == NULL)
				load_err_at(l, n, "<notify> names unknown consent question '%s'",
					    cid);
			else if (q->type != SQ_MULTI || q->nchoices != 1 || q->required)
				load_err_at(l, n,
					    "<notify> consent question '%s' must be an optional "
					    "<multi> with one option (a box the resident ticks)",
					    q->id);
			else
				s->notify_consent = q;
		}
	}
}
