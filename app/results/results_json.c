/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * results_json: the figures (results_json_out, see results.h): per
 * question, per breakdown group, with every count perturbed when
 * published, and the suppression of small groups. Budget questions'
 * figures are results_budget.c. Uses core/ and survey/ only.
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

/* ---- figures ---- */

json_t *results_text_json(const struct survey_text *t)
{
	json_t *o = json_object();

	for (int l = 0; l < LANG_N; l++)
		if (t->t[l] != NULL)
			json_object_set_new(o, survey_lang_code((enum yv_lang)l),
					    json_string(t->t[l]));
	return o;
}

/* A real rounded to `places` decimals (jansson prints it back exactly with
 * JSON_REAL_PRECISION, see results_dump). */
json_t *results_real(double v, int places)
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
long long results_pub(const struct results *r, size_t c, unsigned k)
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
const size_t *results_pub_hist(const struct results *r, const size_t *counts, const unsigned *keys,
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
		tmp[i] = (size_t)results_pub(r, counts[i], keys[i]);
		t += tmp[i];
	}
	*total = t;
	return tmp;
}

json_t *results_pctll(long long n, long long d)
{
	return d <= 0 ? json_null() : results_real(100.0 * (double)n / (double)d, 1);
}

/* Quantile p (R type 7) of the n values of v (sorted). */
static double quantile(const struct numvec *v, size_t n, double p)
{
	double h = (double)(n - 1) * p;
	size_t lo = (size_t)floor(h);
	double frac = h - (double)lo, a;

	if (lo + 1 >= n)
		return results_num_at(v, n - 1);
	a = results_num_at(v, lo);
	return a + frac * (results_num_at(v, lo + 1) - a);
}

/* Quantile p of a histogram: counts[i] of value base + i * step. */
double results_hist_quantile(const size_t *counts, size_t n, double base, double step, size_t total,
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

double results_hist_mean(const size_t *counts, size_t n, double base, double step, size_t total)
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
	long long answered = results_pub(r, a->answered, a->ak);

	for (size_t i = 0; i < q->nchoices; i++) {
		json_t *o = json_object();
		long long c = results_pub(r, a->counts[i], a->ck[i]);

		json_object_set_new(o, "value", json_string(q->choices[i].value));
		json_object_set_new(o, "label", results_text_json(&q->choices[i].label));
		json_object_set_new(o, "count", json_integer((json_int_t)c));
		json_object_set_new(o, "pct_answered", results_pctll(c, answered));
		json_object_set_new(o, "pct_respondents", results_pctll(c, resp));
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
	size_t n = a->nums.total;
	/* The histogram is sorted where it is kept: the order does not matter
	 * to the accumulator. results_json() owns r non-const. */
	struct numvec *v = &((struct qacc *)a)->nums;
	double sum = 0;

	json_object_set_new(o, "count", json_integer((json_int_t)results_pub(r, n, a->ak)));
	/* A number's or date's quantiles and mean are single answers or exact
	 * sums: in published figures of a survey still open (live), two moments
	 * one response apart would give that response. They are shown from the
	 * close, when the figures stop moving (docs/privacy.md). */
	if (perturbing(r) && r->out_now < r->s->closes_at) {
		for (size_t k = 0; k < 5; k++)
			json_object_set_new(o, names[k], json_null());
		json_object_set_new(o, "mean", json_null());
		if (q->type == SQ_NUMBER)
			json_object_set_new(o, "sd", json_null());
		json_object_set_new(o, "withheld_until_close", json_true());
		return;
	}
	if (n > 0) {
		/* added one by one in order, as a list of the values would be */
		results_num_sort(v);
		for (size_t i = 0; i < v->n; i++)
			for (size_t c = 0; c < v->v[i].c; c++)
				sum += v->v[i].v;
	}
	for (size_t k = 0; k < 5; k++) {
		if (n == 0) {
			json_object_set_new(o, names[k], json_null());
		} else if (q->type == SQ_DATE) {
			char d[32];
			double h = (double)(n - 1) * ps[k];

			results_civil_from_days((long)results_num_at(v, (size_t)floor(h)), d);
			json_object_set_new(o, names[k], json_string(d));
		} else {
			json_object_set_new(o, names[k], results_real(quantile(v, n, ps[k]), 2));
		}
	}
	if (n == 0) {
		json_object_set_new(o, "mean", json_null());
	} else if (q->type == SQ_DATE) {
		char d[32];

		results_civil_from_days((long)floor(sum / (double)n + 0.5), d);
		json_object_set_new(o, "mean", json_string(d));
	} else {
		json_object_set_new(o, "mean", results_real(sum / (double)n, 2));
	}
	/* A number's sample standard deviation (n - 1), for the 95 % interval
	 * of its mean on a series page (results/series.h): an exact sum like
	 * the mean, published from the close like it. */
	if (q->type == SQ_NUMBER) {
		double ss = 0, m = n > 0 ? sum / (double)n : 0;

		for (size_t i = 0; n > 1 && i < v->n; i++)
			ss += (double)v->v[i].c * (v->v[i].v - m) * (v->v[i].v - m);
		json_object_set_new(
		    o, "sd", n > 1 ? results_real(sqrt(ss / (double)(n - 1)), 4) : json_null());
	}
}

/* A ranking question: options by Borda points (see results.h). */
static void ranking_json(const struct results *r, json_t *o, const struct survey_question *q,
			 const struct qacc *a)
{
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
		json_object_set_new(p, "label", results_text_json(&q->choices[i].label));
		json_object_set_new(p, "position", json_integer((json_int_t)k + 1));
		json_object_set_new(p, "points", json_integer(a->points[i]));
		json_object_set_new(
		    p, "first", json_integer((json_int_t)results_pub(r, a->counts[i], a->ck[i])));
		json_object_set_new(p, "first_pct",
				    results_pctll(results_pub(r, a->counts[i], a->ck[i]),
						  results_pub(r, a->answered, a->ak)));
		json_object_set_new(p, "ranked", json_integer((json_int_t)a->ranked[i]));
		json_array_append_new(arr, p);
	}
	json_object_set_new(o, "options", arr);
	free(it);
}

/*
 * One question's figures for a set of respondents: resp of them with
 * record keys summing to rk, published as presp (the true total overall,
 * the perturbed group count in a breakdown). Published figures perturb
 * every count (sdc.h) and take shares of the perturbed counts; means,
 * medians, quartiles, Borda points and budget figures stay as computed.
 */
json_t *results_question_json(const struct results *r, size_t qi, const struct qacc *a, size_t resp,
			      unsigned rk, long long presp, int overall)
{
	const struct survey_question *q = r->qs[qi];
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(q->id));
	json_object_set_new(o, "type", json_string(survey_qtype_name(q->type)));
	json_object_set_new(o, "label", results_text_json(&q->label));
	if (perturbing(r) && r->out->too_few) {
		/* fewer respondents in all than the minimum group: no figures */
		json_object_set_new(o, "suppressed", json_true());
		return o;
	}
	json_object_set_new(o, "answered",
			    json_integer((json_int_t)results_pub(r, a->answered, a->ak)));
	json_object_set_new(
	    o, "not_answered",
	    json_integer((json_int_t)results_pub(r, resp - a->answered, rk - a->ak)));
	switch (q->type) {
	case SQ_CHOICE:
	case SQ_MULTI:
		json_object_set_new(o, "options", options_json(r, q, a, presp));
		if (q->other != NULL) {
			json_object_set_new(
			    o, "other_texts_count",
			    json_integer((json_int_t)results_pub(r, a->other, a->ok)));
			if (overall && r->other_texts != NULL) {
				json_t *arr = json_array();

				for (size_t i = 0; i < r->other_texts[qi].n; i++)
					json_array_append_new(arr,
							      json_string(r->other_texts[qi].v[i]));
				json_object_set_new(o, "other_texts", arr);
			}
		}
		break;
	case SQ_SCALE: {
		size_t np = (size_t)(q->scale_max - q->scale_min + 1),
		       num = hist_total(a->counts, np);
		size_t agree = 0, disagree = 0, neutral = 0;
		unsigned agk = 0, dik = 0, nek = 0, numk = 0;
		long long pnum;
		double mid = (q->scale_min + q->scale_max) / 2.0;
		json_t *dist = json_array();

		for (size_t i = 0; i < np; i++)
			numk += a->ck[i];
		pnum = results_pub(r, num, numk);
		for (size_t i = 0; i < np; i++) {
			json_t *p = json_object();
			int v = q->scale_min + (int)i;
			long long c = results_pub(r, a->counts[i], a->ck[i]);

			json_object_set_new(p, "value", json_integer(v));
			json_object_set_new(p, "count", json_integer((json_int_t)c));
			json_object_set_new(p, "pct", results_pctll(c, pnum));
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
		json_object_set_new(o, "dont_know",
				    json_integer((json_int_t)results_pub(r, a->dont_know, a->dkk)));
		{
			size_t *tmp = xcalloc(np, sizeof(size_t)), hn;
			const size_t *h = results_pub_hist(r, a->counts, a->ck, np, tmp, &hn);

			json_object_set_new(
			    o, "mean",
			    num && hn
				? results_real(results_hist_mean(h, np, q->scale_min, 1, hn), 2)
				: json_null());
			json_object_set_new(
			    o, "median",
			    num && hn
				? results_real(
				      results_hist_quantile(h, np, q->scale_min, 1, hn, 0.5), 2)
				: json_null());
			free(tmp);
		}
		json_object_set_new(o, "agree_pct",
				    results_pctll(results_pub(r, agree, agk), pnum));
		json_object_set_new(o, "neutral_pct",
				    results_pctll(results_pub(r, neutral, nek), pnum));
		json_object_set_new(o, "disagree_pct",
				    results_pctll(results_pub(r, disagree, dik), pnum));
		break;
	}
	case SQ_RANKING:
		ranking_json(r, o, q, a);
		break;
	case SQ_NUMBER:
	case SQ_DATE:
		/* Personal: only how many answered, like an email question. */
		if (!survey_question_is_personal(q))
			stats_json(r, o, q, a);
		break;
	case SQ_BUDGET:
		results_budget_json(r, o, q, a);
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
		json_array_append_new(arr, results_question_json(r, i, &set->q[i], set->respondents,
								 set->rk, presp, overall));
	return arr;
}

/* Channels and languages in a fixed order (the usual ones first, as the
 * survey lists them, then any other by name), not in the order responses
 * came: the same figures then read the same from a recount, the stored
 * totals (results/totals.h) and after a withdrawal. */
static int kv_rank(const char *k)
{
	static const char *const known[] = {"web", "paper", "phone", "en", "cy"};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(k, known[i]) == 0)
			return (int)i;
	return 100;
}

static int cmp_kv_rank(const void *x, const void *y)
{
	const struct kv *a = x, *b = y;
	int ra = kv_rank(a->key), rb = kv_rank(b->key);

	return ra != rb ? (ra > rb) - (ra < rb) : strcmp(a->key, b->key);
}

static json_t *kv_json(const struct results *r, const struct kvvec *v)
{
	json_t *o = json_object();
	struct kv *sorted = xcalloc(v->n + 1, sizeof(*sorted));

	if (v->n > 0)
		memcpy(sorted, v->v, v->n * sizeof(*sorted));
	qsort(sorted, v->n, sizeof(*sorted), cmp_kv_rank);
	for (size_t i = 0; i < v->n; i++)
		json_object_set_new(
		    o, sorted[i].key,
		    json_integer((json_int_t)results_pub(r, sorted[i].count, sorted[i].k)));
	free(sorted);
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
	json_array_foreach(r->out->prev, i, d)
	{
		if (!json_is_string(json_object_get(d, "by")) ||
		    strcmp(json_string_value(json_object_get(d, "by")), by) != 0)
			continue;
		json_array_foreach(
		    json_object_get(d, "groups"), k,
		    g) if (json_is_string(json_object_get(g, "id")) &&
			   strcmp(json_string_value(json_object_get(g, "id")), id) ==
			       0) return json_is_true(json_object_get(g, "suppressed"));
	}
	return 0;
}

static json_t *dim_json(const struct results *r, const struct dim *dm)
{
	json_t *o = json_object(), *groups = json_array();
	unsigned char *sup = xcalloc(dm->ngroups, 1), *prev = xcalloc(dm->ngroups, 1);
	size_t nsup = 0, smallest = NO_GROUP;
	const char *by = dm->kind == DIM_QUESTION ? r->qs[dm->qi]->id
			 : dm->kind == DIM_AREA	  ? "area"
						  : "in-area";
	int prev_held = 0;

	switch (dm->kind) {
	case DIM_QUESTION:
		json_object_set_new(o, "by", json_string(r->qs[dm->qi]->id));
		json_object_set_new(o, "kind", json_string("question"));
		json_object_set_new(o, "label", results_text_json(&r->qs[dm->qi]->label));
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
				if (!sup[g] && dm->groups[g].respondents > 0 &&
				    (pass == 1 || prev[g]) &&
				    (smallest == NO_GROUP ||
				     dm->groups[g].respondents < dm->groups[smallest].respondents))
					smallest = g;
		if (smallest != NO_GROUP)
			sup[smallest] = 1;
	}
	for (size_t g = 0; g < dm->ngroups; g++) {
		json_t *go = json_object();
		const struct survey_text *label = NULL;
		const char *id = group_id(r, dm, g, &label);

		json_object_set_new(go, "id", json_string(id));
		json_object_set_new(go, "label", label ? results_text_json(label) : json_null());
		json_object_set_new(go, "suppressed", json_boolean(sup[g]));
		if (sup[g]) {
			json_object_set_new(go, "respondents", json_null());
		} else {
			long long pr = results_pub(r, dm->groups[g].respondents, dm->groups[g].rk);

			json_object_set_new(go, "respondents", json_integer((json_int_t)pr));
			json_object_set_new(go, "questions",
					    questions_json(r, &dm->groups[g], pr, 0));
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
	json_object_set_new(sv, "title", results_text_json(&s->title));
	json_object_set_new(sv, "organisation", results_text_json(&s->organisation));
	iso_time(s->opens_at, t);
	json_object_set_new(sv, "opens_at", json_string(t));
	/* a standing survey never closes and has no results date: null */
	iso_time(s->closes_at, t);
	json_object_set_new(sv, "closes_at", s->standing ? json_null() : json_string(t));
	iso_time(s->results_at, t);
	json_object_set_new(sv, "results_at", s->standing ? json_null() : json_string(t));
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
		json_object_set_new(
		    d, "count",
		    json_integer((json_int_t)results_pub(r, sorted[i].count, sorted[i].k)));
		json_array_append_new(days, d);
	}
	free(sorted);
	json_object_set_new(resp, "by_day", days);
	json_object_set_new(o, "respondents", resp);
	json_object_set_new(o, "questions",
			    questions_json(r, &r->all, (long long)r->all.respondents, 1));
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
		json_object_set_new(o, "you_said_we_did",
				    any ? results_text_json(&s->you_said_we_did) : json_null());
	}
	return o;
}
