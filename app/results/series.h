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
 *    (withheld while it is open, like /r/<id>.json); no interval, since
 *    the open data gives no spread.
 * Shares get a 95 % Wilson score interval; the change since the previous
 * wave is "larger than chance" when a two-sided test of two proportions
 * (pooled z) gives |z| > 1.96, i.e. p < 0.05. No SQL, no HTTP.
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
	double lo, hi;	       /* 95 % interval of a share */
};

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
