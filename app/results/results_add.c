/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * results_add: one response into the accumulator (see results.h). Each
 * stored answer row is parsed into a per-question scratch (which options,
 * which scale point, which budget changes), then the scratch is applied to
 * the overall counts and to the counts of the one group the response falls
 * in for each breakdown. Uses core/ and survey/ only.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/uktime.h"
#include "core/log.h"
#include "results/results.h"
#include "results/results_int.h"
#include "results/sdc.h"
#include "survey/answer.h"

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

void results_civil_from_days(long z, char out[32])
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
	size_t qi = results_find_q(r, row->qid, dot ? (size_t)(dot - row->qid) : strlen(row->qid));
	const struct survey_question *q;
	struct scratch *c;

	if (qi == NO_GROUP || row->value == NULL)
		return;
	q = r->qs[qi];
	switch (q->type) {
	case SQ_CHOICE:
	case SQ_MULTI:
		if (dot != NULL) {
			if (strcmp(dot + 1, "other") != 0 || q->other == NULL ||
			    row->value[0] == '\0')
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
		if ((q->type == SQ_NUMBER ? parse_number(row->value, &v)
					  : parse_date(row->value, &v)) != 0)
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
			if (bp < ln->min_bp || bp > ln->max_bp ||
			    (bp - ln->min_bp) % ln->step_bp != 0)
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
				results_num_add(&a->nums, c->num, 1);
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
				int bp = c->has[l]	  ? c->bp[l]
					 : ln->min_bp > 0 ? ln->min_bp
					 : ln->max_bp < 0 ? ln->max_bp
							  : 0;

				c->bp[l] = bp;
				a->line_counts[l][(bp - ln->min_bp) / ln->step_bp]++;
				a->line_ck[l][(bp - ln->min_bp) / ln->step_bp] += rk;
				cut |= bp < 0;
			}
			if (b->has_council_tax) {
				if (!c->ct_has)
					c->ct_bp = b->ct_min_bp > 0   ? b->ct_min_bp
						   : b->ct_max_bp < 0 ? b->ct_max_bp
								      : 0;
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
