/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themes_int: what the files of the themes stage share and nothing else
 * includes: limits, the label candidate, the small helpers and the
 * functions one file calls in another.
 *   corpus.c   answers → terms (bags and sequences), themes_corpus_*
 *   gsdmm.c    GSDMM for short single-topic answers; relabelling by size
 *   kmeans.c   TF-IDF, the fit of a grouping, the k-means++ start of NMF
 *   nmf.c      NMF (HALS), several runs and their consensus
 *   refine.c   refinement by iterative classification; k from the data
 *   labels.c   label candidates per theme (terms) and the term-based label
 *   phrases.c  labels from the answers' own noun phrases, English and Welsh
 *   quotes.c   representative quotes, cut to 300 characters
 *   summary.c  the summary: redaction first, stance, "nothing", Other,
 *              accounting, areas, the JSON
 */
#ifndef YV_TEXT_THEMES_INT_H
#define YV_TEXT_THEMES_INT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "text/themes.h"

#define VOCAB_MAX 20000
#define MAX_TOKENS 4096 /* tokens read per answer; the rest ignored */
#define NO_TERM UINT32_MAX
#define SHORT_TEXT_WORDS 12.0	    /* mean content words at or below: short answers */
#define FIT_CHOICE_MAX_ANSWERS 2000 /* up to this many: NMF or GSDMM, by fit */
#define FIT_CHOICE_MAX_SHARE 0.30   /* a grouping with a larger theme is a catch-all */
#define AUTO_K_MAX 20
#define AUTO_MERGE_COS 0.25	  /* themes whose centres are this alike merge... */
#define AUTO_MERGE_MAX_SHARE 0.25 /* ...unless that makes a catch-all */
#define AUTO_K_MIN 5
#define QUOTE_MIN_CHARS 40
#define QUOTE_MAX_CHARS 300
#define LABEL_CANDS 16

/* ---- random numbers (splitmix64: small, fast, same everywhere) -------- */

static inline uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline double rng_unit(uint64_t *s)
{
	return (double)(rng_next(s) >> 11) * (1.0 / 9007199254740992.0);
}
static inline int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* A label candidate: a term or a 2–3 term phrase and its score. */
struct cand {
	double score;
	uint32_t t[3];	/* terms; NO_TERM when shorter */
	uint32_t order; /* tie-break */
};

/* Sublinear TF-IDF weights (IDF squared) of the corpus's bags, one per
 * nonzero, L2-normalised per answer. Caller frees. */
float *themes_tfidf(const struct themes_corpus *c);

/* ---- what the grouping files call in one another ---------------------- */

/* Renumber the themes of z by decreasing size (first member breaks ties);
 * returns how many are non-empty (gsdmm.c). */
int themes_relabel(int *z, size_t n, int K);

/* The best of several spherical k-means++ runs on the TF-IDF rows x:
 * centres (k × V, unit length) into H, themes into z (kmeans.c). */
void themes_kmeans_best(const struct themes_corpus *c, const float *x, int k, uint64_t seed,
			float *H, int *z);

/* The consensus of R groupings zr[r] (themes in [0, k) or -1) into z:
 * voting k-means on the label vectors, from run 0 (nmf.c). */
void themes_consensus(size_t n, int k, int R, int *const *zr, int *z);

/* Refinement by iterative classification, `rounds` times (refine.c). */
void themes_refine(const struct themes_corpus *c, const float *x, int K, int *z, int rounds,
		   uint64_t seed);

/* Choosing k: dissolve themes under 2% or 3 answers, then merge the most
 * alike while more than AUTO_K_MIN remain (refine.c). */
void themes_dissolve_small(const struct themes_corpus *c, const float *x, int K, int *z,
			   int *second);

/* Per theme (z in [0, K) or -1), its best LABEL_CANDS candidates into
 * top[k * LABEL_CANDS ...] (ntop[k] of them) and up to 3 phrases. */
void themes_label_cands(const struct themes_corpus *c, const int *z, int K, struct cand *top,
			int *ntop, json_t **phrases);

/* The label of one theme (caller frees), not reusing a key in *used (which
 * it extends); *cy gets the Welsh wording or NULL. */
char *themes_choose_label(const struct themes_corpus *c, const struct cand *top, int ntop,
			  char ***used, size_t *nused, char **cy);

/* Labels from the answers' own noun phrases (phrases.c): en[k] set for
 * every theme, cy[k] NULL without Welsh wording; phrases[k] replaced by
 * other phrases of the theme when it has some. 0, or -1 without the
 * linguistic data. */
int themes_labels(const struct themes_corpus *c, const struct themes_answer *a, const int *z, int K,
		  const struct cand *top, const int *ntop, const char *data_dir, char **en,
		  char **cy, json_t **phrases);

/* A quote object {"id", "text", "cut"?} of at most 300 characters. */
json_t *themes_quote_obj(const char *id, const char *s);

/* Up to `want` quotes per theme (array of K, caller frees it and owns the
 * JSON arrays). */
json_t **themes_quotes(const struct themes_corpus *c, const struct themes_answer *a, const int *z,
		       int K, int want, const unsigned char *unquotable,
		       const unsigned char *stance, const double (*split)[4]);

#endif
