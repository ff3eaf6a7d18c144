/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * series_int.h: what the page of /t/<series> (series.c) and its CSV
 * (series_csv.c) share. Private to those two files.
 */
#ifndef YV_WEB_SERIES_INT_H
#define YV_WEB_SERIES_INT_H

#include <jansson.h>

#include "core/buf.h"
#include "results/series.h"
#include "web/web.h"

#define SERIES_MAX_WAVES 60
#define SERIES_MAX_QUESTIONS 200

struct wave {
	const struct survey *s;
	json_t *res;	 /* public figures, NULL when not public */
	int counting;	 /* a large wave still being counted */
	long long total; /* respondents counted (public waves) */
};

struct tracked {
	const char *qid;
	const struct survey_question *q; /* in the latest wave that asks it */
	enum series_kind kind;
	struct series_point *pts; /* one per wave */
	int from, to;		  /* the last two waves with a figure, -1 if fewer */
	double z;		  /* share: pooled z; mean: Welch's t (has_test) */
	double df;		  /* mean: Welch's degrees of freedom */
	int has_test;		  /* a test of the change could be made */
};

struct series {
	const char *id;
	struct wave *w;
	size_t nw;
	struct tracked *t;
	size_t nt;
};

/* The CSV of /t/<series>.csv: one row per tracked question and wave. */
void series_csv(struct buf *b, const struct series *sr, enum yv_lang l);

#endif
