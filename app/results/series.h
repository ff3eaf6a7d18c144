/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * series: the figures of a tracked series (trust, satisfaction) over its
 * waves, for /t/<series>. Each wave is one survey declaring
 * <series id="…" wave="…"/>; a question with the same id in several waves
 * is tracked. Its figure in a wave comes from that wave's PUBLIC results
 * (the same perturbed counts as /r/<wave>.json, so nothing here can be
 * told apart from what is published already):
 *  - scale: the share above the midpoint of min..max, of those who gave a
 *    number ("don't know" left out);
 *  - choice: the share choosing an option marked positive="true", of those
 *    who answered (a choice with no positive option is not tracked);
 *  - number: the mean, once the wave's figures are published in full
 *    (withheld while it is open, like /r/<id>.json), with the published
 *    sample standard deviation "sd".
 * Shares get a 95 % Wilson score interval; the change since the previous
 * wave is "larger than chance" when a two-sided test of two proportions
 * (pooled z) gives |z| > 1.96, i.e. p < 0.05. Means get a 95 % Student t
 * interval, mean ± t(0.975, n − 1) · sd / √n, with n the published count
 * (not a normal one: waves of a few dozen answers would get too narrow an
 * interval); their change is tested with Welch's t test (unequal
 * variances, Welch–Satterthwaite degrees of freedom), larger than chance
 * when |t| exceeds t(0.975, df). No SQL, no HTTP.
 */
#ifndef YV_RESULTS_SERIES_H
#define YV_RESULTS_SERIES_H

#include <jansson.h>

#include "survey/survey.h"

enum series_kind { SERIES_NONE = 0, SERIES_SHARE, SERIES_MEAN };

/* One tracked question's figure in one wave. */
struct series_point {
	enum series_kind kind; /* SERIES_NONE: no figure this wave (suppressed, withheld) */
	long long k, n;	       /* shares: positive answers of n */
	double value;	       /* share (0..1) or mean */
	double lo, hi;	       /* 95 % interval (of a mean: when has_ci) */
	double sd;	       /* a mean's published standard deviation */
	int has_ci;	       /* a mean with an interval (n >= 2 and a spread) */
};

/* The 0.975 quantile of Student's t with df degrees of freedom: from
 * df = 8 a Cornish-Fisher expansion about the normal quantile (within
 * 3e-5 of the tables), below it the tables (a df between two whole
 * numbers, as Welch's may be, interpolated linearly in 1/df); 0 when
 * df < 1. */
double series_t975(double df);

/* The 95 % t interval of a mean m with standard deviation sd of n answers. */
void series_mean_ci(double m, double sd, long long n, double *lo, double *hi);

/* Welch's t statistic of the difference m2 - m1 of two means, and its
 * degrees of freedom into *df; 0 (and *df 0) when it cannot be computed. */
double series_welch(double m1, double sd1, long long n1, double m2, double sd2, long long n2,
		    double *df);

/* What q's figure would be: SERIES_SHARE for a scale and a choice with a
 * positive option, SERIES_MEAN for a number question, else SERIES_NONE. */
enum series_kind series_kind_of(const struct survey_question *q);

/* The 95 % Wilson score interval of k out of n into *lo, *hi (0..1);
 * 0, 0 when n is 0. */
void series_wilson(long long k, long long n, double *lo, double *hi);

/* The pooled z statistic of the difference p2 - p1 of two proportions k1/n1
 * and k2/n2; 0 when either n is 0 or the pooled share is 0 or 1. */
double series_z(long long k1, long long n1, long long k2, long long n2);

/* q's figure from the question object qj of a wave's public results (an
 * element of "questions"). */
struct series_point series_point_of(const struct survey_question *q, const json_t *qj);

/* The question object with id qid in a wave's results, or NULL. */
const json_t *series_question_json(const json_t *results, const char *qid);

#endif
