/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * results_budget: the figures of a budget question (lines ordered from
 * most protected to most cut, the residents' budget, who met the target),
 * for results_json.c. Uses core/ and survey/ only.
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

/* Money for a change of bp (possibly fractional) hundredths of a percent of spend. */
long long results_money_at(long long spend_pence, double bp)
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

static json_t *dist_json(const struct results *r, const size_t *counts, const unsigned *ck,
			 size_t n, int min_bp, int step_bp, long long total)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		long long c = results_pub(r, counts[i], ck[i]);

		json_object_set_new(o, "change_pct",
				    results_real((min_bp + step_bp * (double)i) / 100.0, 2));
		json_object_set_new(o, "count", json_integer((json_int_t)c));
		json_object_set_new(o, "pct", results_pctll(c, total));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* The figures of one line, at position k (from 0) of the order. */
static json_t *line_json(const struct results *r, const struct qacc *a,
			 const struct survey_budget *b, const struct line_order *o, size_t k,
			 long long pn)
{
	size_t l = o->l, n = a->answered;
	const struct survey_budget_line *ln = &b->lines[l];
	size_t ns = results_steps(ln->min_bp, ln->max_bp, ln->step_bp), cut = 0, kept = 0, up = 0;
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
	json_object_set_new(lo, "label", results_text_json(&ln->label));
	json_object_set_new(lo, "position", json_integer((json_int_t)k + 1));
	json_object_set_new(lo, "spend_pence", json_integer(ln->spend_pence));
	json_object_set_new(
	    lo, "distribution",
	    dist_json(r, a->line_counts[l], a->line_ck[l], ns, ln->min_bp, ln->step_bp, pn));
	json_object_set_new(lo, "mean_change_pct",
			    n ? results_real(o->mean / 100.0, 2) : json_null());
	json_object_set_new(lo, "median_change_pct",
			    n ? results_real(o->median / 100.0, 2) : json_null());
	json_object_set_new(lo, "mean_change_pence",
			    n ? json_integer(results_money_at(ln->spend_pence, o->mean))
			      : json_null());
	json_object_set_new(lo, "median_change_pence",
			    n ? json_integer(results_money_at(ln->spend_pence, o->median))
			      : json_null());
	json_object_set_new(lo, "cut_pct", results_pctll(results_pub(r, cut, cutk), pn));
	json_object_set_new(lo, "kept_pct", results_pctll(results_pub(r, kept, keptk), pn));
	json_object_set_new(lo, "increased_pct", results_pctll(results_pub(r, up, upk), pn));
	return lo;
}

/* The council tax figures; its median change into *median. */
static json_t *council_tax_json(const struct results *r, const struct qacc *a,
				const struct survey_budget *b, long long pn, double *median)
{
	size_t ns = results_steps(b->ct_min_bp, b->ct_max_bp, b->ct_step_bp), n = a->answered;
	json_t *ct = json_object();
	size_t *tmp = xcalloc(ns, sizeof(size_t)), hn;
	const size_t *h = results_pub_hist(r, a->ct_counts, a->ct_ck, ns, tmp, &hn);
	double mean = n && hn ? results_hist_mean(h, ns, b->ct_min_bp, b->ct_step_bp, hn) : 0;
	double ct_median =
	    n && hn ? results_hist_quantile(h, ns, b->ct_min_bp, b->ct_step_bp, hn, 0.5) : 0;

	free(tmp);
	json_object_set_new(ct, "label", results_text_json(&b->ct_label));
	json_object_set_new(
	    ct, "distribution",
	    dist_json(r, a->ct_counts, a->ct_ck, ns, b->ct_min_bp, b->ct_step_bp, pn));
	json_object_set_new(ct, "mean_pct", n ? results_real(mean / 100.0, 2) : json_null());
	json_object_set_new(ct, "median_pct", n ? results_real(ct_median / 100.0, 2) : json_null());
	json_object_set_new(
	    ct, "median_income_pence",
	    n ? json_integer((long long)llround((double)b->ct_income_per_step_pence * ct_median /
						b->ct_step_bp))
	      : json_null());
	*median = ct_median;
	return ct;
}

/* The residents' budget: every line at its median change med[l], the
 * council tax at ct_median. */
static json_t *residents_budget(const struct survey_budget *b, const double *med, double ct_median)
{
	json_t *rb = json_object(), *rblines = json_array();
	long long rb_change = 0, ct_income = 0, savings;

	for (size_t l = 0; l < b->nlines; l++) {
		const struct survey_budget_line *ln = &b->lines[l];
		long long ch = results_money_at(ln->spend_pence, med[l]);
		json_t *lo = json_object();

		rb_change += ch;
		json_object_set_new(lo, "id", json_string(ln->id));
		json_object_set_new(lo, "current_pence", json_integer(ln->spend_pence));
		json_object_set_new(lo, "change_pct", results_real(med[l] / 100.0, 2));
		json_object_set_new(lo, "change_pence", json_integer(ch));
		json_object_set_new(lo, "proposed_pence", json_integer(ln->spend_pence + ch));
		json_array_append_new(rblines, lo);
	}
	if (b->has_council_tax)
		ct_income = (long long)llround((double)b->ct_income_per_step_pence * ct_median /
					       b->ct_step_bp);
	savings = -rb_change + ct_income;
	json_object_set_new(rb, "lines", rblines);
	json_object_set_new(rb, "council_tax_pct",
			    b->has_council_tax ? results_real(ct_median / 100.0, 2) : json_null());
	json_object_set_new(rb, "council_tax_income_pence", json_integer(ct_income));
	json_object_set_new(rb, "change_pence", json_integer(rb_change));
	json_object_set_new(rb, "savings_pence", json_integer(savings));
	json_object_set_new(rb, "target_pence", json_integer(b->target_pence));
	json_object_set_new(rb, "meets_target", json_boolean(savings >= b->target_pence));
	json_object_set_new(
	    rb, "shortfall_pence",
	    json_integer(savings >= b->target_pence ? 0 : b->target_pence - savings));
	return rb;
}

void results_budget_json(const struct results *r, json_t *o, const struct survey_question *q,
			 const struct qacc *a)
{
	long long pn = results_pub(r, a->answered, a->ak);
	const struct survey_budget *b = q->budget;
	size_t n = a->answered;
	struct line_order *ord = xcalloc(b->nlines, sizeof(*ord));
	json_t *lines = json_array(), *t;
	double *med = xcalloc(b->nlines, sizeof(double));
	double ct_median = 0;

	t = json_object();
	json_object_set_new(t, "kind",
			    json_string(b->target == ST_SAVINGS ? "savings" : "balance"));
	json_object_set_new(t, "amount_pence", json_integer(b->target_pence));
	json_object_set_new(o, "target", t);

	for (size_t l = 0; l < b->nlines; l++) {
		const struct survey_budget_line *ln = &b->lines[l];
		size_t ns = results_steps(ln->min_bp, ln->max_bp, ln->step_bp);

		size_t *tmp = xcalloc(ns, sizeof(size_t)), hn;
		const size_t *h =
		    results_pub_hist(r, a->line_counts[l], a->line_ck[l], ns, tmp, &hn);

		ord[l].l = l;
		ord[l].mean = n && hn ? results_hist_mean(h, ns, ln->min_bp, ln->step_bp, hn) : 0;
		ord[l].median =
		    n && hn ? results_hist_quantile(h, ns, ln->min_bp, ln->step_bp, hn, 0.5) : 0;
		free(tmp);
	}
	qsort(ord, b->nlines, sizeof(*ord), cmp_line);
	for (size_t k = 0; k < b->nlines; k++) {
		size_t l = ord[k].l;

		json_array_append_new(lines, line_json(r, a, b, &ord[k], k, pn));
		med[l] = ord[k].median;
	}
	json_object_set_new(o, "lines", lines);

	json_object_set_new(o, "council_tax",
			    b->has_council_tax ? council_tax_json(r, a, b, pn, &ct_median)
					       : json_null());

	/* The residents' budget: every line at its median change. */
	json_object_set_new(o, "residents_budget",
			    n > 0 ? residents_budget(b, med, ct_median) : json_null());
	t = json_object();
	json_object_set_new(t, "count", json_integer((json_int_t)results_pub(r, a->met, a->metk)));
	json_object_set_new(t, "pct", results_pctll(results_pub(r, a->met, a->metk), pn));
	json_object_set_new(t, "cuts_only",
			    json_integer((json_int_t)results_pub(r, a->cuts_only, a->cuts_onlyk)));
	json_object_set_new(t, "council_tax_only",
			    json_integer((json_int_t)results_pub(r, a->tax_only, a->taxk)));
	json_object_set_new(t, "cuts_and_council_tax",
			    json_integer((json_int_t)results_pub(r, a->both, a->bothk)));
	json_object_set_new(t, "neither",
			    json_integer((json_int_t)results_pub(r, a->neither, a->neitherk)));
	json_object_set_new(o, "met_target", t);
	free(ord);
	free(med);
}
