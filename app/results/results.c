/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * results: the accumulator and the figures (see results.h for the methods).
 * Each response is first parsed into a per-question scratch (which options,
 * which scale point, which budget changes), then that scratch is applied to
 * the overall counts and to the counts of the one group the response falls
 * in for each breakdown. Only counts are kept, except the values of number
 * and date questions, which quartiles need.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/log.h"
#include "core/uktime.h"
#include "results/results.h"
#include "results/sdc.h"
#include "survey/answer.h"

#define NO_GROUP ((size_t)-1)
#define G_NONE "_none"       /* the breakdown question was not answered */
#define G_OUTSIDE "_outside" /* a postcode in no area of the map */
#define G_UNKNOWN "_unknown" /* in-area flag not known */

struct numvec {
	double *v;
	size_t n, cap;
};

/* Counts for one question in one group. */
struct qacc {
	size_t answered;
	size_t *counts;      /* choice/multi/ranking first preferences: per option; scale: per point */
	size_t other;        /* texts given in the specify box */
	size_t dont_know;    /* scale */
	/* Sums of the record keys (sdc.h) of the responses in each count above,
	 * modulo 2^32 (so modulo 256 too): the cell keys. */
	unsigned ak, *ck, ok, dkk;
	unsigned **line_ck, *ct_ck;                  /* budget: per line, per step; council tax */
	unsigned metk, cuts_onlyk, taxk, bothk, neitherk; /* budget: who met the target */
	long long *points;   /* ranking: Borda points per option */
	size_t *ranked;      /* ranking: times each option was ranked */
	struct numvec nums;  /* number, date (day numbers) */
	size_t **line_counts; /* budget: per line, per step */
	size_t *ct_counts;   /* budget: council tax per step */
	size_t met, cuts_only, tax_only, both, neither;
};

/* All the questions of one group. */
struct qset {
	size_t respondents;
	unsigned rk; /* cell key of respondents */
	struct qacc *q;
};

/* One response's parsed answer to one question. */
struct scratch {
	unsigned gen;         /* == results.gen when touched by this response */
	unsigned char *sel;   /* choice/multi: chosen options */
	int other;
	int scale;            /* point index, -1 none */
	int dk;
	int *rank;            /* ranking: place per option, 0 none */
	double num;
	int has_num;
	int *bp;              /* budget: change per line */
	unsigned char *has;   /* budget: line given */
	int ct_bp, ct_has;
};

enum dim_kind { DIM_QUESTION, DIM_AREA, DIM_IN_AREA };

struct dim {
	enum dim_kind kind;
	size_t qi;            /* DIM_QUESTION: question index */
	size_t ngroups;
	struct qset *groups;
	size_t cur;           /* this response's group */
};

struct strvec {
	char **v;
	size_t n, cap;
};

struct kv {
	char *key;
	size_t count;
	unsigned k; /* cell key */
};

struct kvvec {
	struct kv *v;
	size_t n, cap;
};

struct results {
	const struct survey *s;
	struct results_opts o;
	const struct survey_question **qs;
	size_t nq;
	size_t *hash;         /* open addressing: question index + 1, 0 empty */
	size_t hsize;
	size_t postcode_qi;   /* first postcode question, NO_GROUP if none */
	struct scratch *sc;
	size_t *touched;
	size_t ntouched;
	unsigned gen;
	struct qset all;
	struct dim *dims;
	size_t ndims;
	size_t flagged;
	struct kvvec days, channels, langs;
	struct strvec *other_texts; /* per question, with_text only */
	unsigned rkey;              /* record key of the response being added */
	const struct results_out *out; /* during results_json_out() */
	time_t out_now;                /* the time results_json_out() was asked for */
};

static uint32_t hash_str(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Index of the question whose id is s[0..n), NO_GROUP if none. */
static size_t find_q(const struct results *r, const char *s, size_t n)
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

static size_t steps(int min, int max, int step)
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
			a->counts = xcalloc((size_t)(q->scale_max - q->scale_min + 1), sizeof(size_t));
			a->ck = xcalloc((size_t)(q->scale_max - q->scale_min + 1), sizeof(unsigned));
			break;
		case SQ_BUDGET: {
			const struct survey_budget *b = q->budget;

			a->line_counts = xcalloc(b->nlines, sizeof(size_t *));
			a->line_ck = xcalloc(b->nlines, sizeof(unsigned *));
			for (size_t l = 0; l < b->nlines; l++) {
				size_t ns = steps(b->lines[l].min_bp, b->lines[l].max_bp, b->lines[l].step_bp);

				a->line_counts[l] = xcalloc(ns, sizeof(size_t));
				a->line_ck[l] = xcalloc(ns, sizeof(unsigned));
			}
			if (b->has_council_tax) {
				a->ct_counts = xcalloc(steps(b->ct_min_bp, b->ct_max_bp, b->ct_step_bp),
				                       sizeof(size_t));
				a->ct_ck = xcalloc(steps(b->ct_min_bp, b->ct_max_bp, b->ct_step_bp),
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
		r->dims[nd].qi = find_q(r, q->id, strlen(q->id));
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
		size_t qi = find_q(r, o->by, strlen(o->by));

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

/* Count key in v; the last key used is checked first (days arrive in order). */
static void kv_count(struct kvvec *v, const char *key, unsigned rk)
{
	if (key == NULL || key[0] == '\0')
		key = "unknown";
	if (v->n > 0 && strcmp(v->v[v->n - 1].key, key) == 0) {
		v->v[v->n - 1].count++;
		v->v[v->n - 1].k += rk;
		return;
	}
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i].key, key) == 0) {
			v->v[i].count++;
			v->v[i].k += rk;
			return;
		}
	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 16;
		v->v = xrealloc(v->v, v->cap * sizeof(*v->v));
	}
	v->v[v->n].key = xstrdup(key);
	v->v[v->n].count = 1;
	v->v[v->n].k = rk;
	v->n++;
}

static void numvec_push(struct numvec *v, double x)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 64;
		v->v = xrealloc(v->v, v->cap * sizeof(double));
	}
	v->v[v->n++] = x;
}

/* Day z (from 1970-01-01) as YYYY-MM-DD. */
static void civil_from_days(long z, char out[32])
{
	long long y;
	unsigned m, d;

	date_civil_from_days(z, &y, &m, &d);
	snprintf(out, 32, "%04lld-%02u-%02u", y, m, d);
}

static int parse_date(const char *s, double *out)
{
	char *end;
	long y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = strtol(s, &end, 10);
	if (end != s + 4)
		return -1;
	m = strtol(s + 5, &end, 10);
	if (end != s + 7 || m < 1 || m > 12)
		return -1;
	d = strtol(s + 8, &end, 10);
	if (end != s + 10 || d < 1 || d > 31)
		return -1;
	*out = (double)date_days_from_civil(y, (unsigned)m, (unsigned)d);
	return 0;
}

static int parse_number(const char *s, double *out)
{
	char tmp[64], *end;
	size_t k = 0;

	for (; *s && k + 1 < sizeof(tmp); s++)
		if (*s != ',')
			tmp[k++] = *s;
	if (*s != '\0' || k == 0)
		return -1;
	tmp[k] = '\0';
	errno = 0;
	*out = strtod(tmp, &end);
	if (*end != '\0' || errno != 0 || !isfinite(*out))
		return -1;
	return 0;
}

static int parse_int(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v < -1000000 || v > 1000000)
		return -1;
	*out = (int)v;
	return 0;
}

static size_t choice_index(const struct survey_question *q, const char *v)
{
	for (size_t i = 0; i < q->nchoices; i++)
		if (strcmp(q->choices[i].value, v) == 0)
			return i;
	return NO_GROUP;
}

static struct scratch *touch(struct results *r, size_t qi)
{
	struct scratch *c = &r->sc[qi];
	const struct survey_question *q = r->qs[qi];

	if (c->gen == r->gen)
		return c;
	c->gen = r->gen;
	memset(c->sel, 0, q->nchoices);
	memset(c->rank, 0, q->nchoices * sizeof(int));
	c->other = 0;
	c->scale = -1;
	c->dk = 0;
	c->has_num = 0;
	if (q->type == SQ_BUDGET) {
		memset(c->bp, 0, q->budget->nlines * sizeof(int));
		memset(c->has, 0, q->budget->nlines);
	}
	c->ct_bp = 0;
	c->ct_has = 0;
	r->touched[r->ntouched++] = qi;
	return c;
}

static void parse_row(struct results *r, const struct results_row *row)
{
	const char *dot = strchr(row->qid, '.');
	size_t qi = find_q(r, row->qid, dot ? (size_t)(dot - row->qid) : strlen(row->qid));
	const struct survey_question *q;
	struct scratch *c;

	if (qi == NO_GROUP || row->value == NULL)
		return;
	q = r->qs[qi];
	switch (q->type) {
	case SQ_CHOICE:
	case SQ_MULTI:
		if (dot != NULL) {
			if (strcmp(dot + 1, "other") != 0 || q->other == NULL || row->value[0] == '\0')
				return;
			c = touch(r, qi);
			c->other = 1;
			if (r->other_texts != NULL) {
				struct strvec *t = &r->other_texts[qi];

				if (t->n == t->cap) {
					t->cap = t->cap ? 2 * t->cap : 16;
					t->v = xrealloc(t->v, t->cap * sizeof(char *));
				}
				t->v[t->n++] = xstrdup(row->value);
			}
		} else {
			size_t i = choice_index(q, row->value);

			if (i == NO_GROUP)
				return;
			c = touch(r, qi);
			c->sel[i] = 1;
		}
		return;
	case SQ_SCALE: {
		int v;

		if (dot != NULL)
			return;
		if (strcmp(row->value, "dont-know") == 0 && q->dont_know) {
			touch(r, qi)->dk = 1;
			return;
		}
		if (parse_int(row->value, &v) != 0 || v < q->scale_min || v > q->scale_max)
			return;
		touch(r, qi)->scale = v - q->scale_min;
		return;
	}
	case SQ_RANKING: {
		size_t i;
		int place;

		if (dot == NULL)
			return;
		i = choice_index(q, dot + 1);
		if (i == NO_GROUP || parse_int(row->value, &place) != 0 || place < 1 ||
		    (size_t)place > q->rank_count)
			return;
		touch(r, qi)->rank[i] = place;
		return;
	}
	case SQ_NUMBER:
	case SQ_DATE: {
		double v;

		if (dot != NULL)
			return;
		if ((q->type == SQ_NUMBER ? parse_number(row->value, &v) : parse_date(row->value, &v)) != 0)
			return;
		c = touch(r, qi);
		c->num = v;
		c->has_num = 1;
		return;
	}
	case SQ_BUDGET: {
		const struct survey_budget *b = q->budget;
		int bp;

		if (dot == NULL || survey_parse_hundredths(row->value, &bp) != 0)
			return;
		if (strcmp(dot + 1, "council-tax") == 0) {
			if (!b->has_council_tax || bp < b->ct_min_bp || bp > b->ct_max_bp ||
			    (bp - b->ct_min_bp) % b->ct_step_bp != 0)
				return;
			c = touch(r, qi);
			c->ct_bp = bp;
			c->ct_has = 1;
			return;
		}
		for (size_t l = 0; l < b->nlines; l++) {
			const struct survey_budget_line *ln = &b->lines[l];

			if (strcmp(ln->id, dot + 1) != 0)
				continue;
			if (bp < ln->min_bp || bp > ln->max_bp || (bp - ln->min_bp) % ln->step_bp != 0)
				return;
			c = touch(r, qi);
			c->bp[l] = bp;
			c->has[l] = 1;
			return;
		}
		return;
	}
	default:
		if (dot == NULL && row->value[0] != '\0')
			touch(r, qi)->has_num = 1;
		return;
	}
}

/* Apply the parsed response to one group's counts. */
static void apply(struct results *r, struct qset *set)
{
	/* The scratch is fixed up in place (missing budget lines), the same
	 * for every group the response is applied to. */
	unsigned rk = r->rkey;

	set->respondents++;
	set->rk += rk;
	for (size_t t = 0; t < r->ntouched; t++) {
		size_t qi = r->touched[t];
		const struct survey_question *q = r->qs[qi];
		struct scratch *c = &r->sc[qi];
		struct qacc *a = &set->q[qi];

		a->ak += rk;
		switch (q->type) {
		case SQ_CHOICE:
		case SQ_MULTI:
			a->answered++;
			for (size_t i = 0; i < q->nchoices; i++) {
				a->counts[i] += c->sel[i];
				a->ck[i] += c->sel[i] ? rk : 0;
			}
			a->other += (size_t)c->other;
			a->ok += c->other ? rk : 0;
			break;
		case SQ_SCALE:
			a->answered++;
			if (c->dk) {
				a->dont_know++;
				a->dkk += rk;
			} else if (c->scale >= 0) {
				a->counts[c->scale]++;
				a->ck[c->scale] += rk;
			}
			break;
		case SQ_RANKING:
			a->answered++;
			for (size_t i = 0; i < q->nchoices; i++) {
				if (c->rank[i] == 0)
					continue;
				a->ranked[i]++;
				a->points[i] += (long long)q->rank_count - c->rank[i] + 1;
				if (c->rank[i] == 1) {
					a->counts[i]++;
					a->ck[i] += rk;
				}
			}
			break;
		case SQ_NUMBER:
		case SQ_DATE:
			a->answered++;
			/* A personal one (a date of birth) is counted, never
			 * summed up: its lowest and highest are one person's. */
			if (!survey_question_is_personal(q))
				numvec_push(&a->nums, c->num);
			break;
		case SQ_BUDGET: {
			const struct survey_budget *b = q->budget;
			struct survey_budget_sums sums;
			int cut = 0;

			a->answered++;
			/* A line or the council tax missing from the stored rows
			 * (rows written by hand) counts as no change, or as the
			 * smallest rise when no rise is not allowed. */
			for (size_t l = 0; l < b->nlines; l++) {
				const struct survey_budget_line *ln = &b->lines[l];
				int bp = c->has[l] ? c->bp[l] : ln->min_bp > 0 ? ln->min_bp : ln->max_bp < 0 ? ln->max_bp : 0;

				c->bp[l] = bp;
				a->line_counts[l][(bp - ln->min_bp) / ln->step_bp]++;
				a->line_ck[l][(bp - ln->min_bp) / ln->step_bp] += rk;
				cut |= bp < 0;
			}
			if (b->has_council_tax) {
				if (!c->ct_has)
					c->ct_bp = b->ct_min_bp > 0 ? b->ct_min_bp : b->ct_max_bp < 0 ? b->ct_max_bp : 0;
				a->ct_counts[(c->ct_bp - b->ct_min_bp) / b->ct_step_bp]++;
				a->ct_ck[(c->ct_bp - b->ct_min_bp) / b->ct_step_bp] += rk;
			}
			survey_budget_sum(b, c->bp, c->ct_bp, &sums);
			if (sums.met) {
				a->met++;
				a->metk += rk;
				if (cut && c->ct_bp > 0) {
					a->both++;
					a->bothk += rk;
				} else if (cut) {
					a->cuts_only++;
					a->cuts_onlyk += rk;
				} else if (c->ct_bp > 0) {
					a->tax_only++;
					a->taxk += rk;
				} else {
					a->neither++;
					a->neitherk += rk;
				}
			}
			break;
		}
		default:
			a->answered++;
			break;
		}
	}
}

void results_add(struct results *r, const struct results_response *resp)
{
	if (resp->flagged)
		r->flagged++;
	if (resp->flagged && r->o.exclude_flagged)
		return;
	if (++r->gen == 0) { /* wrapped: forget every stamp */
		for (size_t i = 0; i < r->nq; i++)
			r->sc[i].gen = 0;
		r->gen = 1;
	}
	r->ntouched = 0;
	for (size_t i = 0; i < resp->nrows; i++)
		parse_row(r, &resp->rows[i]);
	/* Budget lines left at no change are stored as "0"; a budget with any
	 * line given counts every line (missing ones as 0). Ranking with no
	 * place, or a scale/number without a value, is not an answer. */
	{
		size_t k = 0;

		for (size_t t = 0; t < r->ntouched; t++) {
			size_t qi = r->touched[t];
			const struct scratch *c = &r->sc[qi];
			int keep = 1;

			switch (r->qs[qi]->type) {
			case SQ_CHOICE:
			case SQ_MULTI: {
				int any = c->other;

				for (size_t i = 0; i < r->qs[qi]->nchoices; i++)
					any |= c->sel[i];
				keep = any;
				break;
			}
			case SQ_SCALE:
				keep = c->dk || c->scale >= 0;
				break;
			case SQ_NUMBER:
			case SQ_DATE:
				keep = c->has_num;
				break;
			default:
				break;
			}
			if (keep)
				r->touched[k++] = qi;
		}
		r->ntouched = k;
	}
	r->rkey = resp->rkey;
	kv_count(&r->days, resp->day, r->rkey);
	kv_count(&r->channels, resp->channel, r->rkey);
	kv_count(&r->langs, resp->lang, r->rkey);
	apply(r, &r->all);
	for (size_t d = 0; d < r->ndims; d++) {
		struct dim *dm = &r->dims[d];
		size_t g = 0;

		switch (dm->kind) {
		case DIM_QUESTION: {
			const struct survey_question *q = r->qs[dm->qi];
			const struct scratch *c = &r->sc[dm->qi];

			g = q->nchoices; /* not answered */
			if (c->gen == r->gen)
				for (size_t i = 0; i < q->nchoices; i++)
					if (c->sel[i]) {
						g = i;
						break;
					}
			break;
		}
		case DIM_AREA: {
			const struct survey_area *ar = NULL;

			g = r->s->nareas + 1; /* not answered */
			for (size_t i = 0; i < resp->nrows; i++) {
				if (strcmp(resp->rows[i].qid, r->qs[r->postcode_qi]->id) != 0)
					continue;
				ar = survey_area_for_postcode(r->s, resp->rows[i].value);
				g = r->s->nareas; /* outside the map */
				if (ar != NULL)
					g = (size_t)(ar - r->s->areas);
				break;
			}
			break;
		}
		case DIM_IN_AREA:
			g = resp->in_area == 1 ? 0 : resp->in_area == 0 ? 1 : 2;
			break;
		}
		apply(r, &dm->groups[g]);
	}
}

int results_public(const struct survey *s, time_t now)
{
	switch (s->publication) {
	case SURVEY_PUBLISH_AFTER_CLOSE:
		return now >= s->closes_at && now >= s->results_at;
	case SURVEY_PUBLISH_LIVE:
		return now >= s->opens_at;
	default:
		return 0;
	}
}

size_t results_max_rows(const struct survey *s)
{
	size_t n = 0;

	for (size_t p = 0; p < s->npages; p++)
		for (size_t i = 0; i < s->pages[p].nquestions; i++) {
			const struct survey_question *q = &s->pages[p].questions[i];

			if (q->type == SQ_BUDGET)
				n += q->budget->nlines + 1;
			else
				n += q->nchoices + 2;
		}
	return n;
}

/* ---- figures ---- */

static json_t *text_json(const struct survey_text *t)
{
	json_t *o = json_object();

	for (int l = 0; l < LANG_N; l++)
		if (t->t[l] != NULL)
			json_object_set_new(o, survey_lang_code((enum yv_lang)l), json_string(t->t[l]));
	return o;
}

/* A real rounded to `places` decimals (jansson prints it back exactly with
 * JSON_REAL_PRECISION, see results_dump). */
static json_t *real(double v, int places)
{
	double f = places == 1 ? 10.0 : places == 2 ? 100.0 : 1.0;

	if (!isfinite(v))
		return json_null();
	v = round(v * f) / f;
	if (v == 0.0)
		v = 0.0; /* no -0 */
	return json_real(v);
}

/* Whether the figures being built are published ones (perturbed). */
static int perturbing(const struct results *r)
{
	return r->out != NULL && r->out->perturb;
}

/*
 * The published value of count c with cell key k: perturbed, or exact for
 * officers. No count can exceed the number of respondents, which is
 * published exactly, so a perturbed value above it is shown as that number
 * ("31 answered" of 30 respondents would only puzzle a reader); a function
 * of the published value and the published total tells nothing more. Not
 * with fewer than 3 respondents, where it would publish a 1 or a 2.
 */
static long long P(const struct results *r, size_t c, unsigned k)
{
	long long v;

	if (!perturbing(r))
		return (long long)c;
	v = sdc_perturb((long long)c, k);
	/* not below 3, so that no 1 or 2 is ever published */
	if (r->all.respondents >= 3 && v > (long long)r->all.respondents)
		v = (long long)r->all.respondents;
	return v;
}

/*
 * The histogram the averages of published figures are computed from: in
 * published figures each bar is its perturbed count (the one the
 * distribution shows), so a mean or median agrees with the bars beside it
 * and carries their noise: two moments a single response apart can no
 * longer be differenced into that response (docs/privacy.md). tmp has n
 * places; *total gets the histogram's total. Officers get counts as is.
 */
static const size_t *pub_hist(const struct results *r, const size_t *counts, const unsigned *keys,
                              size_t n, size_t *tmp, size_t *total)
{
	size_t t = 0;

	if (!perturbing(r)) {
		for (size_t i = 0; i < n; i++)
			t += counts[i];
		*total = t;
		return counts;
	}
	for (size_t i = 0; i < n; i++) {
		tmp[i] = (size_t)P(r, counts[i], keys[i]);
		t += tmp[i];
	}
	*total = t;
	return tmp;
}

static json_t *pctll(long long n, long long d)
{
	return d <= 0 ? json_null() : real(100.0 * (double)n / (double)d, 1);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Quantile p (R type 7) of sorted v[0..n), n > 0. */
static double quantile(const double *v, size_t n, double p)
{
	double h = (double)(n - 1) * p;
	size_t lo = (size_t)floor(h);
	double frac = h - (double)lo;

	if (lo + 1 >= n)
		return v[n - 1];
	return v[lo] + frac * (v[lo + 1] - v[lo]);
}

/* Quantile p of a histogram: counts[i] of value base + i * step. */
static double hist_quantile(const size_t *counts, size_t n, double base, double step, size_t total,
                            double p)
{
	double h = (double)(total - 1) * p;
	size_t lo = (size_t)floor(h), seen = 0;
	double frac = h - (double)lo, vlo = base, vhi = base;
	int have_lo = 0;

	for (size_t i = 0; i < n; i++) {
		if (counts[i] == 0)
			continue;
		if (!have_lo && seen + counts[i] > lo) {
			vlo = base + step * (double)i;
			have_lo = 1;
		}
		if (seen + counts[i] > lo + 1 || (lo + 1 >= total && have_lo)) {
			vhi = base + step * (double)i;
			break;
		}
		seen += counts[i];
	}
	if (lo + 1 >= total)
		vhi = vlo;
	return vlo + frac * (vhi - vlo);
}

static double hist_mean(const size_t *counts, size_t n, double base, double step, size_t total)
{
	double sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += (double)counts[i] * (base + step * (double)i);
	return total ? sum / (double)total : NAN;
}

static size_t hist_total(const size_t *counts, size_t n)
{
	size_t t = 0;

	for (size_t i = 0; i < n; i++)
		t += counts[i];
	return t;
}

/* Shares are of the published counts, so that they agree with them. */
static json_t *options_json(const struct results *r, const struct survey_question *q,
                            const struct qacc *a, long long resp)
{
	json_t *arr = json_array();
	long long answered = P(r, a->answered, a->ak);

	for (size_t i = 0; i < q->nchoices; i++) {
		json_t *o = json_object();
		long long c = P(r, a->counts[i], a->ck[i]);

		json_object_set_new(o, "value", json_string(q->choices[i].value));
		json_object_set_new(o, "label", text_json(&q->choices[i].label));
		json_object_set_new(o, "count", json_integer((json_int_t)c));
		json_object_set_new(o, "pct_answered", pctll(c, answered));
		json_object_set_new(o, "pct_respondents", pctll(c, resp));
		json_array_append_new(arr, o);
	}
	return arr;
}

struct rank_item {
	size_t i;
	long long points;
	size_t first;
};

static int cmp_rank(const void *x, const void *y)
{
	const struct rank_item *a = x, *b = y;

	if (a->points != b->points)
		return a->points > b->points ? -1 : 1;
	if (a->first != b->first)
		return a->first > b->first ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

static void stats_json(const struct results *r, json_t *o, const struct survey_question *q,
                       const struct qacc *a)
{
	static const char *const names[] = {"min", "q1", "median", "q3", "max"};
	static const double ps[] = {0, 0.25, 0.5, 0.75, 1};
	size_t n = a->nums.n;
	/* The values are sorted where they are kept: the order does not matter
	 * to the accumulator, and the next sort (after more responses) then
	 * starts from nearly sorted data. results_json() owns r non-const. */
	double *v = ((struct qacc *)a)->nums.v, sum = 0;

	json_object_set_new(o, "count", json_integer((json_int_t)P(r, n, a->ak)));
	/* A number's or date's quantiles and mean are single answers or exact
	 * sums: in published figures of a survey still open (live), two moments
	 * one response apart would give that response. They are shown from the
	 * close, when the figures stop moving (docs/privacy.md). */
	if (perturbing(r) && r->out_now < r->s->closes_at) {
		for (size_t k = 0; k < 5; k++)
			json_object_set_new(o, names[k], json_null());
		json_object_set_new(o, "mean", json_null());
		json_object_set_new(o, "withheld_until_close", json_true());
		return;
	}
	if (n > 0) {
		qsort(v, n, sizeof(double), cmp_double);
		for (size_t i = 0; i < n; i++)
			sum += v[i];
	}
	for (size_t k = 0; k < 5; k++) {
		if (n == 0) {
			json_object_set_new(o, names[k], json_null());
		} else if (q->type == SQ_DATE) {
			char d[32];
			double h = (double)(n - 1) * ps[k];

			civil_from_days((long)v[(size_t)floor(h)], d);
			json_object_set_new(o, names[k], json_string(d));
		} else {
			json_object_set_new(o, names[k], real(quantile(v, n, ps[k]), 2));
		}
	}
	if (n == 0) {
		json_object_set_new(o, "mean", json_null());
	} else if (q->type == SQ_DATE) {
		char d[32];

		civil_from_days((long)floor(sum / (double)n + 0.5), d);
		json_object_set_new(o, "mean", json_string(d));
	} else {
		json_object_set_new(o, "mean", real(sum / (double)n, 2));
	}
}

/* Money for a change of bp (possibly fractional) hundredths of a percent of spend. */
static long long money_at(long long spend_pence, double bp)
{
	return (long long)llround((double)spend_pence * bp / 10000.0);
}

struct line_order {
	size_t l;
	double mean, median;
};

static int cmp_line(const void *x, const void *y)
{
	const struct line_order *a = x, *b = y;

	if (a->mean != b->mean)
		return a->mean > b->mean ? -1 : 1;
	if (a->median != b->median)
		return a->median > b->median ? -1 : 1;
	return (a->l > b->l) - (a->l < b->l);
}

static json_t *dist_json(const struct results *r, const size_t *counts, const unsigned *ck, size_t n,
                         int min_bp, int step_bp, long long total)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		long long c = P(r, counts[i], ck[i]);

		json_object_set_new(o, "change_pct", real((min_bp + step_bp * (double)i) / 100.0, 2));
		json_object_set_new(o, "count", json_integer((json_int_t)c));
		json_object_set_new(o, "pct", pctll(c, total));
		json_array_append_new(arr, o);
	}
	return arr;
}

static void budget_json(const struct results *r, json_t *o, const struct survey_question *q,
                        const struct qacc *a)
{
	long long pn = P(r, a->answered, a->ak);
	const struct survey_budget *b = q->budget;
	size_t n = a->answered;
	struct line_order *ord = xcalloc(b->nlines, sizeof(*ord));
	json_t *lines = json_array(), *rb = json_object(), *rblines = json_array(), *t;
	double *med = xcalloc(b->nlines, sizeof(double));
	double ct_median = 0;
	long long rb_change = 0, ct_income = 0, savings;

	t = json_object();
	json_object_set_new(t, "kind", json_string(b->target == ST_SAVINGS ? "savings" : "balance"));
	json_object_set_new(t, "amount_pence", json_integer(b->target_pence));
	json_object_set_new(o, "target", t);

	for (size_t l = 0; l < b->nlines; l++) {
		const struct survey_budget_line *ln = &b->lines[l];
		size_t ns = steps(ln->min_bp, ln->max_bp, ln->step_bp);

		size_t *tmp = xcalloc(ns, sizeof(size_t)), hn;
		const size_t *h = pub_hist(r, a->line_counts[l], a->line_ck[l], ns, tmp, &hn);

		ord[l].l = l;
		ord[l].mean = n && hn ? hist_mean(h, ns, ln->min_bp, ln->step_bp, hn) : 0;
		ord[l].median = n && hn ? hist_quantile(h, ns, ln->min_bp, ln->step_bp, hn, 0.5) : 0;
		free(tmp);
	}
	qsort(ord, b->nlines, sizeof(*ord), cmp_line);
	for (size_t k = 0; k < b->nlines; k++) {
		size_t l = ord[k].l;
		const struct survey_budget_line *ln = &b->lines[l];
		size_t ns = steps(ln->min_bp, ln->max_bp, ln->step_bp), cut = 0, kept = 0, up = 0;
		unsigned cutk = 0, keptk = 0, upk = 0;
		json_t *lo = json_object();

		for (size_t i = 0; i < ns; i++) {
			int bp = ln->min_bp + ln->step_bp * (int)i;

			if (bp < 0) {
				cut += a->line_counts[l][i];
				cutk += a->line_ck[l][i];
			} else if (bp == 0) {
				kept += a->line_counts[l][i];
				keptk += a->line_ck[l][i];
			} else {
				up += a->line_counts[l][i];
				upk += a->line_ck[l][i];
			}
		}
		json_object_set_new(lo, "id", json_string(ln->id));
		json_object_set_new(lo, "label", text_json(&ln->label));
		json_object_set_new(lo, "position", json_integer((json_int_t)k + 1));
		json_object_set_new(lo, "spend_pence", json_integer(ln->spend_pence));
		json_object_set_new(lo, "distribution",
		                    dist_json(r, a->line_counts[l], a->line_ck[l], ns, ln->min_bp, ln->step_bp, pn));
		json_object_set_new(lo, "mean_change_pct", n ? real(ord[k].mean / 100.0, 2) : json_null());
		json_object_set_new(lo, "median_change_pct", n ? real(ord[k].median / 100.0, 2) : json_null());
		json_object_set_new(lo, "mean_change_pence",
		                    n ? json_integer(money_at(ln->spend_pence, ord[k].mean)) : json_null());
		json_object_set_new(lo, "median_change_pence",
		                    n ? json_integer(money_at(ln->spend_pence, ord[k].median)) : json_null());
		json_object_set_new(lo, "cut_pct", pctll(P(r, cut, cutk), pn));
		json_object_set_new(lo, "kept_pct", pctll(P(r, kept, keptk), pn));
		json_object_set_new(lo, "increased_pct", pctll(P(r, up, upk), pn));
		json_array_append_new(lines, lo);
		med[l] = ord[k].median;
	}
	json_object_set_new(o, "lines", lines);

	if (b->has_council_tax) {
		size_t ns = steps(b->ct_min_bp, b->ct_max_bp, b->ct_step_bp);
		json_t *ct = json_object();
		size_t *tmp = xcalloc(ns, sizeof(size_t)), hn;
		const size_t *h = pub_hist(r, a->ct_counts, a->ct_ck, ns, tmp, &hn);
		double mean = n && hn ? hist_mean(h, ns, b->ct_min_bp, b->ct_step_bp, hn) : 0;

		ct_median = n && hn ? hist_quantile(h, ns, b->ct_min_bp, b->ct_step_bp, hn, 0.5) : 0;
		free(tmp);
		json_object_set_new(ct, "label", text_json(&b->ct_label));
		json_object_set_new(ct, "distribution",
		                    dist_json(r, a->ct_counts, a->ct_ck, ns, b->ct_min_bp, b->ct_step_bp, pn));
		json_object_set_new(ct, "mean_pct", n ? real(mean / 100.0, 2) : json_null());
		json_object_set_new(ct, "median_pct", n ? real(ct_median / 100.0, 2) : json_null());
		json_object_set_new(ct, "median_income_pence",
		                    n ? json_integer((long long)llround((double)b->ct_income_per_step_pence *
		                                                        ct_median / b->ct_step_bp))
		                      : json_null());
		json_object_set_new(o, "council_tax", ct);
	} else {
		json_object_set_new(o, "council_tax", json_null());
	}

	/* The residents' budget: every line at its median change. */
	if (n > 0) {
		for (size_t l = 0; l < b->nlines; l++) {
			const struct survey_budget_line *ln = &b->lines[l];
			long long ch = money_at(ln->spend_pence, med[l]);
			json_t *lo = json_object();

			rb_change += ch;
			json_object_set_new(lo, "id", json_string(ln->id));
			json_object_set_new(lo, "current_pence", json_integer(ln->spend_pence));
			json_object_set_new(lo, "change_pct", real(med[l] / 100.0, 2));
			json_object_set_new(lo, "change_pence", json_integer(ch));
			json_object_set_new(lo, "proposed_pence", json_integer(ln->spend_pence + ch));
			json_array_append_new(rblines, lo);
		}
		if (b->has_council_tax)
			ct_income = (long long)llround((double)b->ct_income_per_step_pence * ct_median /
			                               b->ct_step_bp);
		savings = -rb_change + ct_income;
		json_object_set_new(rb, "lines", rblines);
		json_object_set_new(rb, "council_tax_pct", b->has_council_tax ? real(ct_median / 100.0, 2) : json_null());
		json_object_set_new(rb, "council_tax_income_pence", json_integer(ct_income));
		json_object_set_new(rb, "change_pence", json_integer(rb_change));
		json_object_set_new(rb, "savings_pence", json_integer(savings));
		json_object_set_new(rb, "target_pence", json_integer(b->target_pence));
		json_object_set_new(rb, "meets_target", json_boolean(savings >= b->target_pence));
		json_object_set_new(rb, "shortfall_pence",
		                    json_integer(savings >= b->target_pence ? 0 : b->target_pence - savings));
		json_object_set_new(o, "residents_budget", rb);
	} else {
		json_decref(rblines);
		json_decref(rb);
		json_object_set_new(o, "residents_budget", json_null());
	}
	t = json_object();
	json_object_set_new(t, "count", json_integer((json_int_t)P(r, a->met, a->metk)));
	json_object_set_new(t, "pct", pctll(P(r, a->met, a->metk), pn));
	json_object_set_new(t, "cuts_only", json_integer((json_int_t)P(r, a->cuts_only, a->cuts_onlyk)));
	json_object_set_new(t, "council_tax_only", json_integer((json_int_t)P(r, a->tax_only, a->taxk)));
	json_object_set_new(t, "cuts_and_council_tax", json_integer((json_int_t)P(r, a->both, a->bothk)));
	json_object_set_new(t, "neither", json_integer((json_int_t)P(r, a->neither, a->neitherk)));
	json_object_set_new(o, "met_target", t);
	free(ord);
	free(med);
}

/*
 * One question's figures for a set of respondents: resp of them with
 * record keys summing to rk, published as presp (the true total overall,
 * the perturbed group count in a breakdown). Published figures perturb
 * every count (sdc.h) and take shares of the perturbed counts; means,
 * medians, quartiles, Borda points and budget figures stay as computed.
 */
static json_t *question_json(const struct results *r, size_t qi, const struct qacc *a, size_t resp,
                             unsigned rk, long long presp, int overall)
{
	const struct survey_question *q = r->qs[qi];
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(q->id));
	json_object_set_new(o, "type", json_string(survey_qtype_name(q->type)));
	json_object_set_new(o, "label", text_json(&q->label));
	if (perturbing(r) && r->out->too_few) {
		/* fewer respondents in all than the minimum group: no figures */
		json_object_set_new(o, "suppressed", json_true());
		return o;
	}
	json_object_set_new(o, "answered", json_integer((json_int_t)P(r, a->answered, a->ak)));
	json_object_set_new(o, "not_answered", json_integer((json_int_t)P(r, resp - a->answered, rk - a->ak)));
	switch (q->type) {
	case SQ_CHOICE:
	case SQ_MULTI:
		json_object_set_new(o, "options", options_json(r, q, a, presp));
		if (q->other != NULL) {
			json_object_set_new(o, "other_texts_count", json_integer((json_int_t)P(r, a->other, a->ok)));
			if (overall && r->other_texts != NULL) {
				json_t *arr = json_array();

				for (size_t i = 0; i < r->other_texts[qi].n; i++)
					json_array_append_new(arr, json_string(r->other_texts[qi].v[i]));
				json_object_set_new(o, "other_texts", arr);
			}
		}
		break;
	case SQ_SCALE: {
		size_t np = (size_t)(q->scale_max - q->scale_min + 1), num = hist_total(a->counts, np);
		size_t agree = 0, disagree = 0, neutral = 0;
		unsigned agk = 0, dik = 0, nek = 0, numk = 0;
		long long pnum;
		double mid = (q->scale_min + q->scale_max) / 2.0;
		json_t *dist = json_array();

		for (size_t i = 0; i < np; i++)
			numk += a->ck[i];
		pnum = P(r, num, numk);
		for (size_t i = 0; i < np; i++) {
			json_t *p = json_object();
			int v = q->scale_min + (int)i;
			long long c = P(r, a->counts[i], a->ck[i]);

			json_object_set_new(p, "value", json_integer(v));
			json_object_set_new(p, "count", json_integer((json_int_t)c));
			json_object_set_new(p, "pct", pctll(c, pnum));
			json_array_append_new(dist, p);
			if (v > mid) {
				agree += a->counts[i];
				agk += a->ck[i];
			} else if (v < mid) {
				disagree += a->counts[i];
				dik += a->ck[i];
			} else {
				neutral += a->counts[i];
				nek += a->ck[i];
			}
		}
		json_object_set_new(o, "min", json_integer(q->scale_min));
		json_object_set_new(o, "max", json_integer(q->scale_max));
		json_object_set_new(o, "distribution", dist);
		json_object_set_new(o, "rated", json_integer((json_int_t)pnum));
		json_object_set_new(o, "dont_know", json_integer((json_int_t)P(r, a->dont_know, a->dkk)));
		{
			size_t *tmp = xcalloc(np, sizeof(size_t)), hn;
			const size_t *h = pub_hist(r, a->counts, a->ck, np, tmp, &hn);

			json_object_set_new(o, "mean", num && hn ? real(hist_mean(h, np, q->scale_min, 1, hn), 2)
			                                         : json_null());
			json_object_set_new(o, "median",
			                    num && hn ? real(hist_quantile(h, np, q->scale_min, 1, hn, 0.5), 2)
			                              : json_null());
			free(tmp);
		}
		json_object_set_new(o, "agree_pct", pctll(P(r, agree, agk), pnum));
		json_object_set_new(o, "neutral_pct", pctll(P(r, neutral, nek), pnum));
		json_object_set_new(o, "disagree_pct", pctll(P(r, disagree, dik), pnum));
		break;
	}
	case SQ_RANKING: {
		struct rank_item *it = xcalloc(q->nchoices, sizeof(*it));
		json_t *arr = json_array();

		for (size_t i = 0; i < q->nchoices; i++)
			it[i] = (struct rank_item){i, a->points[i], a->counts[i]};
		qsort(it, q->nchoices, sizeof(*it), cmp_rank);
		json_object_set_new(o, "method", json_string("borda"));
		json_object_set_new(o, "places", json_integer((json_int_t)q->rank_count));
		for (size_t k = 0; k < q->nchoices; k++) {
			size_t i = it[k].i;
			json_t *p = json_object();

			json_object_set_new(p, "value", json_string(q->choices[i].value));
			json_object_set_new(p, "label", text_json(&q->choices[i].label));
			json_object_set_new(p, "position", json_integer((json_int_t)k + 1));
			json_object_set_new(p, "points", json_integer(a->points[i]));
			json_object_set_new(p, "first", json_integer((json_int_t)P(r, a->counts[i], a->ck[i])));
			json_object_set_new(p, "first_pct", pctll(P(r, a->counts[i], a->ck[i]), P(r, a->answered, a->ak)));
			json_object_set_new(p, "ranked", json_integer((json_int_t)a->ranked[i]));
			json_array_append_new(arr, p);
		}
		json_object_set_new(o, "options", arr);
		free(it);
		break;
	}
	case SQ_NUMBER:
	case SQ_DATE:
		/* Personal: only how many answered, like an email question. */
		if (!survey_question_is_personal(q))
			stats_json(r, o, q, a);
		break;
	case SQ_BUDGET:
		budget_json(r, o, q, a);
		break;
	default:
		break;
	}
	return o;
}

static json_t *questions_json(const struct results *r, const struct qset *set, long long presp,
                              int overall)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < r->nq; i++)
		json_array_append_new(arr, question_json(r, i, &set->q[i], set->respondents, set->rk,
		                                         presp, overall));
	return arr;
}

static json_t *kv_json(const struct results *r, const struct kvvec *v)
{
	json_t *o = json_object();

	for (size_t i = 0; i < v->n; i++)
		json_object_set_new(o, v->v[i].key, json_integer((json_int_t)P(r, v->v[i].count, v->v[i].k)));
	return o;
}

static int cmp_kv(const void *x, const void *y)
{
	return strcmp(((const struct kv *)x)->key, ((const struct kv *)y)->key);
}

/* The id of group g of dm. */
static const char *group_id(const struct results *r, const struct dim *dm, size_t g,
                            const struct survey_text **label)
{
	*label = NULL;
	switch (dm->kind) {
	case DIM_QUESTION: {
		const struct survey_question *q = r->qs[dm->qi];

		if (g < q->nchoices) {
			*label = &q->choices[g].label;
			return q->choices[g].value;
		}
		return G_NONE;
	}
	case DIM_AREA:
		if (g < r->s->nareas) {
			*label = &r->s->areas[g].name;
			return r->s->areas[g].id;
		}
		return g == r->s->nareas ? G_OUTSIDE : G_NONE;
	case DIM_IN_AREA:
		break;
	}
	return g == 0 ? "yes" : g == 1 ? "no" : G_UNKNOWN;
}

/* Whether group id of breakdown `by` was suppressed in the previous
 * published snapshot (r->out->prev, its "breakdowns" array). */
static int was_suppressed(const struct results *r, const char *by, const char *id)
{
	json_t *d, *g;
	size_t i, k;

	if (r->out == NULL || r->out->prev == NULL)
		return 0;
	json_array_foreach(r->out->prev, i, d) {
		if (!json_is_string(json_object_get(d, "by")) ||
		    strcmp(json_string_value(json_object_get(d, "by")), by) != 0)
			continue;
		json_array_foreach(json_object_get(d, "groups"), k, g)
			if (json_is_string(json_object_get(g, "id")) &&
			    strcmp(json_string_value(json_object_get(g, "id")), id) == 0)
				return json_is_true(json_object_get(g, "suppressed"));
	}
	return 0;
}

static json_t *dim_json(const struct results *r, const struct dim *dm)
{
	json_t *o = json_object(), *groups = json_array();
	unsigned char *sup = xcalloc(dm->ngroups, 1), *prev = xcalloc(dm->ngroups, 1);
	size_t nsup = 0, smallest = NO_GROUP;
	const char *by = dm->kind == DIM_QUESTION ? r->qs[dm->qi]->id
	                 : dm->kind == DIM_AREA   ? "area"
	                                          : "in-area";
	int prev_held = 0;

	switch (dm->kind) {
	case DIM_QUESTION:
		json_object_set_new(o, "by", json_string(r->qs[dm->qi]->id));
		json_object_set_new(o, "kind", json_string("question"));
		json_object_set_new(o, "label", text_json(&r->qs[dm->qi]->label));
		break;
	case DIM_AREA:
		json_object_set_new(o, "by", json_string("area"));
		json_object_set_new(o, "kind", json_string("area"));
		break;
	case DIM_IN_AREA:
		json_object_set_new(o, "by", json_string("in-area"));
		json_object_set_new(o, "kind", json_string("in-area"));
		break;
	}
	/* Primary suppression, then secondary: never exactly one group hidden
	 * (empty groups hide nothing and do not count). */
	for (size_t g = 0; g < dm->ngroups; g++) {
		const struct survey_text *label;

		prev[g] = was_suppressed(r, by, group_id(r, dm, g, &label));
		if (dm->groups[g].respondents > 0 && dm->groups[g].respondents < r->o.min_group) {
			sup[g] = 1;
			nsup++;
			prev_held |= prev[g];
		}
	}
	/* Decisions kept over time: while any group hidden in the previous
	 * snapshot is still too small, every group hidden then stays hidden,
	 * or the one that grew could be subtracted from the earlier combined
	 * figure to leave the one still small (docs/privacy.md). */
	if (prev_held)
		for (size_t g = 0; g < dm->ngroups; g++)
			if (prev[g] && !sup[g] && dm->groups[g].respondents > 0) {
				sup[g] = 1;
				nsup++;
			}
	if (nsup == 1) {
		/* the secondary is one hidden before if there is one, so the
		 * hidden pair does not move from snapshot to snapshot */
		for (int pass = 0; pass < 2 && smallest == NO_GROUP; pass++)
			for (size_t g = 0; g < dm->ngroups; g++)
				if (!sup[g] && dm->groups[g].respondents > 0 && (pass == 1 || prev[g]) &&
				    (smallest == NO_GROUP || dm->groups[g].respondents < dm->groups[smallest].respondents))
					smallest = g;
		if (smallest != NO_GROUP)
			sup[smallest] = 1;
	}
	for (size_t g = 0; g < dm->ngroups; g++) {
		json_t *go = json_object();
		const struct survey_text *label = NULL;
		const char *id = group_id(r, dm, g, &label);

		json_object_set_new(go, "id", json_string(id));
		json_object_set_new(go, "label", label ? text_json(label) : json_null());
		json_object_set_new(go, "suppressed", json_boolean(sup[g]));
		if (sup[g]) {
			json_object_set_new(go, "respondents", json_null());
		} else {
			long long pr = P(r, dm->groups[g].respondents, dm->groups[g].rk);

			json_object_set_new(go, "respondents", json_integer((json_int_t)pr));
			json_object_set_new(go, "questions", questions_json(r, &dm->groups[g], pr, 0));
		}
		json_array_append_new(groups, go);
	}
	json_object_set_new(o, "groups", groups);
	free(sup);
	free(prev);
	return o;
}

static void iso_time(time_t t, char out[21])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

json_t *results_json(struct results *r, time_t now)
{
	return results_json_out(r, now, NULL);
}

json_t *results_json_out(struct results *r, time_t now, const struct results_out *out)
{
	struct results_out o2;
	const struct survey *s = r->s;
	json_t *o = json_object(), *sv = json_object(), *resp = json_object(), *days = json_array(),
	       *br = json_array();
	struct kv *sorted = xcalloc(r->days.n, sizeof(*sorted));
	char t[21];
	static const char *const pubs[] = {"after-close", "live", "manual"};

	json_object_set_new(o, "format", json_string("yourvoice-results"));
	json_object_set_new(o, "format_version", json_integer(1));
	iso_time(now, t);
	json_object_set_new(o, "generated_at", json_string(t));
	json_object_set_new(sv, "id", json_string(s->id));
	json_object_set_new(sv, "title", text_json(&s->title));
	json_object_set_new(sv, "organisation", text_json(&s->organisation));
	iso_time(s->opens_at, t);
	json_object_set_new(sv, "opens_at", json_string(t));
	iso_time(s->closes_at, t);
	json_object_set_new(sv, "closes_at", json_string(t));
	iso_time(s->results_at, t);
	json_object_set_new(sv, "results_at", json_string(t));
	json_object_set_new(sv, "publication", json_string(pubs[s->publication]));
	json_object_set_new(o, "survey", sv);
	json_object_set_new(o, "min_group_size", json_integer(r->o.min_group));
	json_object_set_new(o, "flagged_excluded", json_boolean(r->o.exclude_flagged));

	json_object_set_new(resp, "total", json_integer((json_int_t)r->all.respondents));
	json_object_set_new(resp, "flagged", json_integer((json_int_t)r->flagged));
	r->out_now = now;
	if (out != NULL) {
		o2 = *out;
		o2.too_few = out->perturb && r->all.respondents < r->o.min_group;
		r->out = &o2;
	}
	json_object_set_new(resp, "by_channel", kv_json(r, &r->channels));
	json_object_set_new(resp, "by_language", kv_json(r, &r->langs));
	if (r->days.n > 0)
		memcpy(sorted, r->days.v, r->days.n * sizeof(*sorted));
	qsort(sorted, r->days.n, sizeof(*sorted), cmp_kv);
	for (size_t i = 0; i < r->days.n; i++) {
		json_t *d = json_object();

		json_object_set_new(d, "day", json_string(sorted[i].key));
		json_object_set_new(d, "count", json_integer((json_int_t)P(r, sorted[i].count, sorted[i].k)));
		json_array_append_new(days, d);
	}
	free(sorted);
	json_object_set_new(resp, "by_day", days);
	json_object_set_new(o, "respondents", resp);
	json_object_set_new(o, "questions", questions_json(r, &r->all, (long long)r->all.respondents, 1));
	if (out == NULL || out->breakdowns)
		for (size_t d = 0; d < r->ndims; d++)
			json_array_append_new(br, dim_json(r, &r->dims[d]));
	json_object_set_new(o, "breakdowns", br);
	if (out != NULL && out->perturb) {
		json_t *dc = json_object();

		json_object_set_new(dc, "method", json_string("cell-key perturbation"));
		json_object_set_new(dc, "documentation", json_string("docs/privacy.md"));
		json_object_set_new(dc, "max_change", json_integer(SDC_MAX_CHANGE));
		json_object_set_new(dc, "smallest_count", json_integer(3));
		json_object_set_new(dc, "too_few", json_boolean(r->out->too_few));
		json_object_set_new(o, "disclosure_control", dc);
	}
	r->out = NULL;
	{
		int any = 0;

		for (int l = 0; l < LANG_N; l++)
			any |= s->you_said_we_did.t[l] != NULL;
		json_object_set_new(o, "you_said_we_did", any ? text_json(&s->you_said_we_did) : json_null());
	}
	return o;
}
