/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * themes: from answers to a theme summary (DESIGN.md §7, issues 4, 16, 17).
 *
 *   summary.c   redaction first (placeholders never become terms), then per
 *               answer its stance and whether it says "nothing to add"
 *               (stance.c); grouping; themes under the minimum size (1%, 5
 *               answers) dissolved, their answers rehomed when close or
 *               counted as Other; each answer counted once (theme counts +
 *               other + unthemed = responses); per-area shares with small
 *               areas and cells suppressed; the JSON (README.md)
 *   corpus.c    answers → normalised, tokenised, stop-worded, stemmed terms
 *               (text.h; Welsh through the glossary and Hunspell), as
 *               sequences (for phrases) and bags (for grouping)
 *   nmf.c, kmeans.c, refine.c, gsdmm.c (one file per method)
 *               NMF on TF-IDF of words and adjacent pairs; short answers one
 *               theme each, sharpened by iterative classification; longer
 *               ones a second theme ("also"); k from the data (5–20, small
 *               themes dissolved, near-identical ones merged); GSDMM kept as
 *               --method gsdmm
 *   labels.c    a unique 2–5 word label per theme (a phrase, or its two best
 *               words), English and Welsh, never from praise or filler words
 *   quotes.c    answers near the theme's centre, its main stance first, no
 *               near-duplicates, cut to 300 characters on a word
 *
 * Everything is deterministic given the input order and the seed.
 */
#ifndef YV_TEXT_THEMES_H
#define YV_TEXT_THEMES_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "text/text.h"

#define THEMES_MAX_K 100

enum themes_method { THEMES_METHOD_AUTO, THEMES_METHOD_GSDMM };

struct themes_opts {
	int k; /* 0: choose from the data (5–15) */
	uint64_t seed;
	int quotes;	      /* quotes per theme */
	int min_group;	      /* areas with fewer answers are suppressed */
	int lang;	      /* -1 auto per answer, else enum text_language */
	const char *data_dir; /* NULL: text_data_dir(NULL) */
	enum themes_method method;
	/* NULL, or one flag per answer: 1 = never pick it as a quote (an
	 * officer hid it); it still counts in its theme */
	const unsigned char *unquotable;
};

void themes_opts_default(struct themes_opts *o);

struct themes_answer {
	char *id, *text, *area; /* area may be NULL */
};

/* The sparse answer×term matrix and the term sequences. */
struct themes_corpus {
	size_t ndocs, nterms;
	/* bag of terms per answer, CSR: terms sorted by id */
	size_t *row; /* ndocs + 1 */
	uint32_t *col;
	float *cnt; /* raw counts */
	/* term sequence per answer; UINT32_MAX marks a break (stop word or
	 * punctuation) so that phrases never straddle one */
	size_t *seq_row; /* ndocs + 1 */
	uint32_t *seq;
	uint32_t *df;	     /* by term */
	unsigned char *pair; /* by term: 1 for an adjacent word pair */
	unsigned char *lang; /* by answer */
	char **surface;	     /* by term: its most frequent written form */
	char **surface_cy;   /* by term: its commonest Welsh written form, or NULL */
	double mean_words;   /* content words per answer that has any */
};

/*
 * Build the corpus. Terms seen in fewer than `min_df` answers are dropped
 * from the bags (but break phrases). Returns 0, or -1 when the linguistic
 * data cannot be loaded.
 */
int themes_corpus_build(struct themes_corpus *c, const struct themes_answer *a, size_t n, int lang,
			int min_df, int pairs, const char *data_dir);
void themes_corpus_release(struct themes_corpus *c);

/* Mean number of distinct terms over the answers that have any. */
double themes_mean_terms(const struct themes_corpus *c);

/*
 * The grouping methods. Both fill z[ndocs] with a theme in [0, k) or -1 (no
 * terms), numbered by decreasing size, and return the number of themes;
 * auto_k lets the data choose k in AUTO_K_MIN..AUTO_K_MAX.
 *
 * themes_nmf: NMF (HALS) on sublinear TF-IDF (IDF squared) from the best of
 * several k-means++ runs. With `single`, one theme per answer, sharpened by
 * iterative classification (a softmax classifier trained on each theme's
 * core reassigns every answer, a few rounds); without, second[d] gets a
 * second theme when its weight is at least 0.6 of the first's, else -1.
 *
 * themes_gsdmm: the Dirichlet multinomial mixture of Yin & Wang (2014),
 * collapsed Gibbs sampling then greedy sweeps; where the work budget
 * allows (small sets), up to 16 chains from fixed streams and their
 * consensus, so the seed does not move the themes. --method auto runs it beside
 * NMF on sets of up to FIT_CHOICE_MAX_ANSWERS answers and keeps the
 * grouping that fits the answers better (themes_cohesion), so short
 * single-topic answers can get it; --method gsdmm forces it.
 *
 * themes_cohesion: how well a grouping fits the answers themselves (no
 * labels): the mean cosine between each answer's TF-IDF vector and its
 * theme's centre; *largest gets the largest theme's share of the grouped
 * answers.
 */
double themes_cohesion(const struct themes_corpus *c, const int *z, int K, double *largest);
int themes_gsdmm(const struct themes_corpus *c, int k, int auto_k, uint64_t seed, int *z);
int themes_nmf(const struct themes_corpus *c, int k, int auto_k, int single, uint64_t seed, int *z,
	       int *second);

/* The whole command: a JSON summary (caller owns it) or NULL on error. */
json_t *themes_summarise(const struct themes_answer *a, size_t n, size_t skipped,
			 const struct themes_opts *o);

#endif
