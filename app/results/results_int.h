/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * results_int: what the files of the results accumulator share (private to
 * app/results/results*.c): the accumulator's structures and the helpers
 * one file defines for another. results.c builds and frees it,
 * results_add.c parses and counts each response, results_json.c and
 * results_budget.c make the figures. Uses core/ and survey/ only.
 */
#ifndef YV_RESULTS_RESULTS_INT_H
#define YV_RESULTS_RESULTS_INT_H

#include <stddef.h>
#include <time.h>

#include <jansson.h>

#include "results/results.h"

#define NO_GROUP ((size_t)-1)
#define G_NONE "_none"	     /* the breakdown question was not answered */
#define G_OUTSIDE "_outside" /* a postcode in no area of the map */
#define G_UNKNOWN "_unknown" /* in-area flag not known */

/* The values of a number or date question as a histogram: distinct values
 * with how many gave each (in order once results_num_sort() ran), so the
 * stored totals (results/totals.h) keep and add them exactly, and medians
 * and quantiles read the order statistics from the counts. */
struct numpair {
	double v;
	size_t c;
};
struct numvec {
	struct numpair *v;
	size_t n, cap; /* distinct values */
	size_t total;  /* values */
	int unsorted;
};

/* Counts for one question in one group. */
struct qacc {
	size_t answered;
	size_t *counts;	  /* choice/multi/ranking first preferences: per option; scale: per point */
	size_t other;	  /* texts given in the specify box */
	size_t dont_know; /* scale */
	/* Sums of the record keys (sdc.h) of the responses in each count above,
	 * modulo 2^32 (so modulo 256 too): the cell keys. */
	unsigned ak, *ck, ok, dkk;
	unsigned **line_ck, *ct_ck; /* budget: per line, per step; council tax */
	unsigned metk, cuts_onlyk, taxk, bothk, neitherk; /* budget: who met the target */
	long long *points;				  /* ranking: Borda points per option */
	size_t *ranked;	      /* ranking: times each option was ranked */
	struct numvec nums;   /* number, date (day numbers) */
	size_t **line_counts; /* budget: per line, per step */
	size_t *ct_counts;    /* budget: council tax per step */
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
	unsigned gen;	    /* == results.gen when touched by this response */
	unsigned char *sel; /* choice/multi: chosen options */
	int other;
	int scale; /* point index, -1 none */
	int dk;
	int *rank; /* ranking: place per option, 0 none */
	double num;
	int has_num;
	int *bp;	    /* budget: change per line */
	unsigned char *has; /* budget: line given */
	int ct_bp, ct_has;
};

enum dim_kind { DIM_QUESTION, DIM_AREA, DIM_IN_AREA };

struct dim {
	enum dim_kind kind;
	size_t qi; /* DIM_QUESTION: question index */
	size_t ngroups;
	struct qset *groups;
	size_t cur; /* this response's group */
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
	size_t *hash; /* open addressing: question index + 1, 0 empty */
	size_t hsize;
	size_t postcode_qi; /* first postcode question, NO_GROUP if none */
	struct scratch *sc;
	size_t *touched;
	size_t ntouched;
	unsigned gen;
	struct qset all;
	struct dim *dims;
	size_t ndims;
	size_t flagged;
	struct kvvec days, channels, langs;
	struct strvec *other_texts;    /* per question, with_text only */
	unsigned rkey;		       /* record key of the response being added */
	const struct results_out *out; /* during results_json_out() */
	time_t out_now;		       /* the time results_json_out() was asked for */
};

/* results.c: a number's histogram: count more of value x; take count of x
 * out (-1 when fewer are there); sort it; the k-th smallest value (0-based) */
void results_num_add(struct numvec *v, double x, size_t count);
int results_num_take(struct numvec *v, double x, size_t count);
void results_num_sort(struct numvec *v);
double results_num_at(const struct numvec *v, size_t k);
/* results.c: the question index of an id, the number of steps of a range */
size_t results_find_q(const struct results *r, const char *s, size_t n);
size_t results_steps(int min, int max, int step);
/* results_add.c: a day number as YYYY-MM-DD */
void results_civil_from_days(long z, char out[32]);
/* results_json.c: published counts, shares and the figures of a question */
json_t *results_text_json(const struct survey_text *t);
json_t *results_real(double v, int places);
long long results_pub(const struct results *r, size_t c, unsigned k);
const size_t *results_pub_hist(const struct results *r, const size_t *counts, const unsigned *keys,
			       size_t n, size_t *tmp, size_t *total);
json_t *results_pctll(long long n, long long d);
double results_hist_quantile(const size_t *counts, size_t n, double base, double step, size_t total,
			     double p);
double results_hist_mean(const size_t *counts, size_t n, double base, double step, size_t total);
json_t *results_question_json(const struct results *r, size_t qi, const struct qacc *a, size_t resp,
			      unsigned rk, long long presp, int overall);
/* results_budget.c */
long long results_money_at(long long spend_pence, double bp);
void results_budget_json(const struct results *r, json_t *o, const struct survey_question *q,
			 const struct qacc *a);

#endif
