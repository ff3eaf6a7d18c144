/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * results: the accumulator's life (see results.h for the methods): built
 * for a survey and its breakdowns, freed, its totals read. Only counts are
 * kept, except the values of number and date questions, which quartiles
 * need. Counting a response is results_add.c, the figures results_json.c
 * and results_budget.c; their shared structures are results_int.h. Uses
 * core/ and survey/ only.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"
#include "results/results.h"
#include "results/results_int.h"
#include "results/sdc.h"
#include "survey/answer.h"

static uint32_t hash_str(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Index of the question whose id is s[0..n), NO_GROUP if none. */
size_t results_find_q(const struct results *r, const char *s, size_t n)
{
	size_t i = hash_str(s, n) & (r->hsize - 1);

	while (r->hash[i] != 0) {
		const char *id = r->qs[r->hash[i] - 1]->id;

		if (strncmp(id, s, n) == 0 && id[n] == '\0')
			return r->hash[i] - 1;
		i = (i + 1) & (r->hsize - 1);
	}
	return NO_GROUP;
}

void results_num_add(struct numvec *v, double x, size_t count)
{
	if (v->n > 0 && v->v[v->n - 1].v == x) {
		v->v[v->n - 1].c += count;
		v->total += count;
		return;
	}
	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 16;
		v->v = xrealloc(v->v, v->cap * sizeof(*v->v));
	}
	if (v->n > 0 && x < v->v[v->n - 1].v)
		v->unsorted = 1;
	v->v[v->n].v = x;
	v->v[v->n].c = count;
	v->n++;
	v->total += count;
}

int results_num_take(struct numvec *v, double x, size_t count)
{
	for (size_t i = v->n; i-- > 0;) {
		if (v->v[i].v != x)
			continue;
		if (v->v[i].c < count)
			return -1;
		v->v[i].c -= count;
		v->total -= count;
		if (v->v[i].c == 0) {
			memmove(&v->v[i], &v->v[i + 1], (v->n - i - 1) * sizeof(*v->v));
			v->n--;
		}
		return 0;
	}
	return -1;
}

static int cmp_pair(const void *x, const void *y)
{
	double a = ((const struct numpair *)x)->v, b = ((const struct numpair *)y)->v;

	return (a > b) - (a < b);
}

void results_num_sort(struct numvec *v)
{
	size_t k = 0;

	if (!v->unsorted)
		return;
	qsort(v->v, v->n, sizeof(*v->v), cmp_pair);
	for (size_t i = 0; i < v->n; i++) {
		if (k > 0 && v->v[k - 1].v == v->v[i].v)
			v->v[k - 1].c += v->v[i].c;
		else
			v->v[k++] = v->v[i];
	}
	v->n = k;
	v->unsorted = 0;
}

double results_num_at(const struct numvec *v, size_t k)
{
	for (size_t i = 0; i < v->n; i++) {
		if (k < v->v[i].c)
			return v->v[i].v;
		k -= v->v[i].c;
	}
	return v->n > 0 ? v->v[v->n - 1].v : 0;
}

size_t results_steps(int min, int max, int step)
{
	return step > 0 && max >= min ? (size_t)((max - min) / step) + 1 : 1;
}

static void qset_init(struct results *r, struct qset *set)
{
	set->respondents = 0;
	set->q = xcalloc(r->nq, sizeof(*set->q));
	for (size_t i = 0; i < r->nq; i++) {
		const struct survey_question *q = r->qs[i];
		struct qacc *a = &set->q[i];

		switch (q->type) {
		case SQ_CHOICE:
		case SQ_MULTI:
			a->counts = xcalloc(q->nchoices, sizeof(size_t));
			a->ck = xcalloc(q->nchoices, sizeof(unsigned));
			break;
		case SQ_RANKING:
			a->counts = xcalloc(q->nchoices, sizeof(size_t));
			a->ck = xcalloc(q->nchoices, sizeof(unsigned));
			a->points = xcalloc(q->nchoices, sizeof(long long));
			a->ranked = xcalloc(q->nchoices, sizeof(size_t));
			break;
		case SQ_SCALE:
			a->counts =
			    xcalloc((size_t)(q->scale_max - q->scale_min + 1), sizeof(size_t));
			a->ck =
			    xcalloc((size_t)(q->scale_max - q->scale_min + 1), sizeof(unsigned));
			break;
		case SQ_BUDGET: {
			const struct survey_budget *b = q->budget;

			a->line_counts = xcalloc(b->nlines, sizeof(size_t *));
			a->line_ck = xcalloc(b->nlines, sizeof(unsigned *));
			for (size_t l = 0; l < b->nlines; l++) {
				size_t ns = results_steps(b->lines[l].min_bp, b->lines[l].max_bp,
							  b->lines[l].step_bp);

				a->line_counts[l] = xcalloc(ns, sizeof(size_t));
				a->line_ck[l] = xcalloc(ns, sizeof(unsigned));
			}
			if (b->has_council_tax) {
				a->ct_counts = xcalloc(
				    results_steps(b->ct_min_bp, b->ct_max_bp, b->ct_step_bp),
				    sizeof(size_t));
				a->ct_ck = xcalloc(
				    results_steps(b->ct_min_bp, b->ct_max_bp, b->ct_step_bp),
				    sizeof(unsigned));
			}
			break;
		}
		default:
			break;
		}
	}
}

static void qset_release(struct results *r, struct qset *set)
{
	for (size_t i = 0; i < r->nq; i++) {
		struct qacc *a = &set->q[i];

		free(a->counts);
		free(a->ck);
		free(a->points);
		free(a->ranked);
		free(a->nums.v);
		if (a->line_counts != NULL)
			for (size_t l = 0; l < r->qs[i]->budget->nlines; l++) {
				free(a->line_counts[l]);
				free(a->line_ck[l]);
			}
		free(a->line_counts);
		free(a->line_ck);
		free(a->ct_counts);
		free(a->ct_ck);
	}
	free(set->q);
}

static int by_matches(const struct results_opts *o, const char *name)
{
	return o->by == NULL || strcmp(o->by, name) == 0;
}

struct results *results_new(const struct survey *s, const struct results_opts *o)
{
	struct results *r = xcalloc(1, sizeof(*r));
	size_t k = 0, nd = 0, found = 0;

	r->s = s;
	r->o = *o;
	if (r->o.min_group == 0)
		r->o.min_group = s->min_group_size ? s->min_group_size : 10;
	for (size_t p = 0; p < s->npages; p++)
		r->nq += s->pages[p].nquestions;
	r->qs = xcalloc(r->nq, sizeof(*r->qs));
	for (size_t p = 0; p < s->npages; p++)
		for (size_t i = 0; i < s->pages[p].nquestions; i++)
			r->qs[k++] = &s->pages[p].questions[i];
	for (r->hsize = 16; r->hsize < 2 * r->nq; r->hsize *= 2)
		;
	r->hash = xcalloc(r->hsize, sizeof(size_t));
	r->postcode_qi = NO_GROUP;
	for (size_t i = 0; i < r->nq; i++) {
		size_t h = hash_str(r->qs[i]->id, strlen(r->qs[i]->id)) & (r->hsize - 1);

		while (r->hash[h] != 0)
			h = (h + 1) & (r->hsize - 1);
		r->hash[h] = i + 1;
		if (r->qs[i]->type == SQ_POSTCODE && r->postcode_qi == NO_GROUP)
			r->postcode_qi = i;
	}
	r->sc = xcalloc(r->nq, sizeof(*r->sc));
	r->touched = xcalloc(r->nq, sizeof(size_t));
	for (size_t i = 0; i < r->nq; i++) {
		const struct survey_question *q = r->qs[i];

		r->sc[i].sel = xcalloc(q->nchoices, 1);
		r->sc[i].rank = xcalloc(q->nchoices, sizeof(int));
		if (q->type == SQ_BUDGET) {
			r->sc[i].bp = xcalloc(q->budget->nlines, sizeof(int));
			r->sc[i].has = xcalloc(q->budget->nlines, 1);
		}
	}
	qset_init(r, &r->all);
	if (r->o.with_text)
		r->other_texts = xcalloc(r->nq, sizeof(*r->other_texts));

	/* Breakdowns: the survey's questions, its area map, the in-area flag. */
	r->dims = xcalloc(s->nbreakdowns + 2, sizeof(*r->dims));
	for (size_t i = 0; i < s->nbreakdowns; i++) {
		const struct survey_question *q = s->breakdowns[i];

		if (!by_matches(o, q->id))
			continue;
		found++;
		r->dims[nd].kind = DIM_QUESTION;
		r->dims[nd].qi = results_find_q(r, q->id, strlen(q->id));
		r->dims[nd].ngroups = q->nchoices + 1;
		nd++;
	}
	if (s->nareas > 0 && r->postcode_qi != NO_GROUP && by_matches(o, "area") &&
	    (s->breakdown_by_area || o->by != NULL)) {
		found++;
		r->dims[nd].kind = DIM_AREA;
		r->dims[nd].ngroups = s->nareas + 2;
		nd++;
	}
	if (by_matches(o, "in-area")) {
		found++;
		r->dims[nd].kind = DIM_IN_AREA;
		r->dims[nd].ngroups = 3;
		nd++;
	}
	/* A choice question not declared as a breakdown may still be asked for. */
	if (o->by != NULL && found == 0) {
		size_t qi = results_find_q(r, o->by, strlen(o->by));

		if (qi != NO_GROUP && r->qs[qi]->type == SQ_CHOICE) {
			r->dims[nd].kind = DIM_QUESTION;
			r->dims[nd].qi = qi;
			r->dims[nd].ngroups = r->qs[qi]->nchoices + 1;
			nd++;
			found++;
		}
	}
	r->ndims = nd;
	for (size_t d = 0; d < nd; d++) {
		r->dims[d].groups = xcalloc(r->dims[d].ngroups, sizeof(struct qset));
		for (size_t g = 0; g < r->dims[d].ngroups; g++)
			qset_init(r, &r->dims[d].groups[g]);
	}
	if (o->by != NULL && found == 0) {
		results_free(r);
		return NULL;
	}
	return r;
}

void results_free(struct results *r)
{
	if (r == NULL)
		return;
	for (size_t d = 0; d < r->ndims; d++) {
		for (size_t g = 0; g < r->dims[d].ngroups; g++)
			qset_release(r, &r->dims[d].groups[g]);
		free(r->dims[d].groups);
	}
	free(r->dims);
	qset_release(r, &r->all);
	for (size_t i = 0; i < r->nq; i++) {
		free(r->sc[i].sel);
		free(r->sc[i].rank);
		free(r->sc[i].bp);
		free(r->sc[i].has);
		if (r->other_texts != NULL) {
			for (size_t k = 0; k < r->other_texts[i].n; k++)
				free(r->other_texts[i].v[k]);
			free(r->other_texts[i].v);
		}
	}
	free(r->other_texts);
	for (size_t i = 0; i < r->days.n; i++)
		free(r->days.v[i].key);
	for (size_t i = 0; i < r->channels.n; i++)
		free(r->channels.v[i].key);
	for (size_t i = 0; i < r->langs.n; i++)
		free(r->langs.v[i].key);
	free(r->days.v);
	free(r->channels.v);
	free(r->langs.v);
	free(r->sc);
	free(r->touched);
	free(r->hash);
	free(r->qs);
	free(r);
}

size_t results_respondents(const struct results *r)
{
	return r->all.respondents;
}

size_t results_nbreakdowns(const struct results *r)
{
	return r->ndims;
}

size_t results_flagged(const struct results *r)
{
	return r->flagged;
}
