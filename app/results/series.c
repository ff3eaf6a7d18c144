/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* series: figures of tracked questions over the waves of a series (series.h). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "results/series.h"

#define Z95 1.959963984540054

enum series_kind series_kind_of(const struct survey_question *q)
{
	switch (q->type) {
	case SQ_SCALE:
		return SERIES_SHARE;
	case SQ_CHOICE:
		for (size_t i = 0; i < q->nchoices; i++)
			if (q->choices[i].positive)
				return SERIES_SHARE;
		return SERIES_NONE;
	case SQ_NUMBER:
		return survey_question_is_personal(q) ? SERIES_NONE : SERIES_MEAN;
	default:
		return SERIES_NONE;
	}
}

void series_wilson(long long k, long long n, double *lo, double *hi)
{
	double p, z2, den, mid, half;

	if (n <= 0) {
		*lo = *hi = 0;
		return;
	}
	p = (double)k / (double)n;
	z2 = Z95 * Z95;
	den = 1 + z2 / (double)n;
	mid = (p + z2 / (2.0 * (double)n)) / den;
	half = Z95 * sqrt(p * (1 - p) / (double)n + z2 / (4.0 * (double)n * (double)n)) / den;
	*lo = mid - half < 0 ? 0 : mid - half;
	*hi = mid + half > 1 ? 1 : mid + half;
}

double series_z(long long k1, long long n1, long long k2, long long n2)
{
	double p1, p2, p, se;

	if (n1 <= 0 || n2 <= 0)
		return 0;
	p1 = (double)k1 / (double)n1;
	p2 = (double)k2 / (double)n2;
	p = (double)(k1 + k2) / (double)(n1 + n2);
	if (p <= 0 || p >= 1)
		return 0;
	se = sqrt(p * (1 - p) * (1.0 / (double)n1 + 1.0 / (double)n2));
	return (p2 - p1) / se;
}

/* The Cornish-Fisher expansion of t(0.975, df) about the normal quantile. */
static double t975_expansion(double df)
{
	double z = Z95, z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z;

	return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df) +
	       (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df * df * df) +
	       (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df * df * df * df);
}

double series_t975(double df)
{
	/* the tables for df 1..7, where the expansion is off by more than 1e-4 */
	static const double table[] = {0,	    12.706204736, 4.302652730, 3.182446305,
				       2.776445105, 2.570581836,  2.446911851, 2.364624252};
	double lo, hi, a, b;

	if (df < 1)
		return 0;
	if (df >= 8)
		return t975_expansion(df);
	/* between two table entries (a Welch df): linear in 1/df */
	lo = floor(df);
	hi = lo + 1;
	a = table[(int)lo];
	b = hi >= 8 ? t975_expansion(hi) : table[(int)hi];
	if (df == lo)
		return a;
	return a + (b - a) * (1 / lo - 1 / df) / (1 / lo - 1 / hi);
}

void series_mean_ci(double m, double sd, long long n, double *lo, double *hi)
{
	double half = n >= 2 ? series_t975((double)(n - 1)) * sd / sqrt((double)n) : 0;

	*lo = m - half;
	*hi = m + half;
}

double series_welch(double m1, double sd1, long long n1, double m2, double sd2, long long n2,
		    double *df)
{
	double v1, v2, se2;

	*df = 0;
	if (n1 < 2 || n2 < 2)
		return 0;
	v1 = sd1 * sd1 / (double)n1;
	v2 = sd2 * sd2 / (double)n2;
	se2 = v1 + v2;
	if (se2 <= 0)
		return 0;
	*df = se2 * se2 / (v1 * v1 / (double)(n1 - 1) + v2 * v2 / (double)(n2 - 1));
	return (m2 - m1) / sqrt(se2);
}

const json_t *series_question_json(const json_t *results, const char *qid)
{
	const json_t *qs = json_object_get(results, "questions"), *q;
	size_t i;

	json_array_foreach(qs, i, q)
	{
		const char *id = json_string_value(json_object_get(q, "id"));

		if (id != NULL && strcmp(id, qid) == 0)
			return q;
	}
	return NULL;
}

static long long int_of(const json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

struct series_point series_point_of(const struct survey_question *q, const json_t *qj)
{
	struct series_point pt = {SERIES_NONE, 0, 0, 0, 0, 0, 0, 0};
	enum series_kind kind = series_kind_of(q);
	const json_t *v;
	size_t i;

	if (qj == NULL || kind == SERIES_NONE || json_is_true(json_object_get(qj, "suppressed")))
		return pt;
	if (kind == SERIES_MEAN) {
		v = json_object_get(qj, "mean");
		if (!json_is_number(v) || int_of(qj, "count") <= 0)
			return pt;
		pt.kind = SERIES_MEAN;
		pt.n = int_of(qj, "count");
		pt.value = json_number_value(v);
		v = json_object_get(qj, "sd");
		if (json_is_number(v) && pt.n >= 2) {
			pt.sd = json_number_value(v);
			pt.has_ci = 1;
			series_mean_ci(pt.value, pt.sd, pt.n, &pt.lo, &pt.hi);
		}
		return pt;
	}
	if (q->type == SQ_SCALE) {
		/* above the midpoint: 2 * value > min + max */
		json_array_foreach(json_object_get(qj, "distribution"), i, v)
		{
			long long val = int_of(v, "value");

			if (2 * val > (long long)q->scale_min + q->scale_max)
				pt.k += int_of(v, "count");
		}
		pt.n = int_of(qj, "rated");
	} else {
		json_array_foreach(json_object_get(qj, "options"), i, v)
		{
			const char *value = json_string_value(json_object_get(v, "value"));

			for (size_t c = 0; value != NULL && c < q->nchoices; c++)
				if (q->choices[c].positive &&
				    strcmp(q->choices[c].value, value) == 0)
					pt.k += int_of(v, "count");
		}
		pt.n = int_of(qj, "answered");
	}
	if (pt.n <= 0)
		return pt;
	if (pt.k > pt.n)
		pt.k = pt.n; /* perturbed counts may pass their total by a little */
	pt.kind = SERIES_SHARE;
	pt.value = (double)pt.k / (double)pt.n;
	series_wilson(pt.k, pt.n, &pt.lo, &pt.hi);
	return pt;
}
