/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * refine: what sharpens a grouping after the NMF — refinement by iterative
 * classification (themes_refine) — and choosing k from the data by
 * dissolving small themes and merging near-identical ones
 * (themes_dissolve_small). Uses only the corpus (themes.h) and
 * themes_int.h.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/map.h"
#include "text/text.h"
#include "text/themes.h"
#include "text/themes_int.h"

#define REFINE_CORE 0.6
#define REFINE_EPOCHS 5
#define REFINE_RATE 1.0
#define AUTO_MIN_SHARE 0.02
#define AUTO_MIN_ANSWERS 3

struct simrow {
	float sim;
	uint32_t d;
};

static int cmp_simrow(const void *a, const void *b)
{
	const struct simrow *x = a, *y = b;

	if (x->sim != y->sim)
		return x->sim < y->sim ? 1 : -1;
	return (x->d > y->d) - (x->d < y->d);
}

/* Softmax regression of the themes z on the answers core[ncore] (shuffled
 * in place), SGD in a seeded order, weights into w (K × V). */
static void train_softmax(const struct themes_corpus *c, const float *x, int K, const int *z,
			  uint32_t *core, size_t ncore, float *w, uint64_t *rngp)
{
	size_t V = c->nterms;
	double lr = REFINE_RATE, p[THEMES_MAX_K], cw[THEMES_MAX_K];
	int epochs = REFINE_EPOCHS;
	uint64_t rng = *rngp;

	/* Softmax regression on the cores, SGD in a seeded order. */
	memset(w, 0, (size_t)K * V * sizeof(float));
	{
		size_t per[THEMES_MAX_K] = {0};

		for (size_t i = 0; i < ncore; i++)
			per[z[core[i]]]++;
		for (int k = 0; k < K; k++)
			cw[k] = per[k] ? (double)ncore / ((double)K * (double)per[k]) : 1.0;
	}
	for (int e = 0; e < epochs; e++) {
		double rate = lr / (1.0 + e);

		for (size_t i = ncore; i > 1; i--) { /* Fisher–Yates */
			size_t j = (size_t)(rng_next(&rng) % i);
			uint32_t t = core[i - 1];

			core[i - 1] = core[j];
			core[j] = t;
		}
		for (size_t ii = 0; ii < ncore; ii++) {
			size_t d = core[ii];
			double mx = -INFINITY, sum = 0;

			for (int k = 0; k < K; k++) {
				double s = 0;

				for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
					s += x[i] * w[(size_t)k * V + c->col[i]];
				p[k] = s;
				if (s > mx)
					mx = s;
			}
			for (int k = 0; k < K; k++) {
				p[k] = exp(p[k] - mx);
				sum += p[k];
			}
			for (int k = 0; k < K; k++) {
				double g = (((k == z[d]) ? 1.0 : 0.0) - p[k] / sum) * cw[z[d]];

				if (g > -1e-4 && g < 1e-4)
					continue;
				for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
					w[(size_t)k * V + c->col[i]] += (float)(rate * g * x[i]);
			}
		}
	}
	*rngp = rng;
}

/*
 * Sharpen a grouping the way short-text clustering is refined in the
 * literature: keep each theme's core (the answers most similar to its
 * centre), train a linear softmax classifier on the cores only, and let it
 * reassign every answer; repeat. Outliers stop dragging the centres, and
 * words that only ever appear with one theme pull their answers to it.
 */
void themes_refine(const struct themes_corpus *c, const float *x, int K, int *z, int rounds,
		   uint64_t seed)
{
	size_t n = c->ndocs, V = c->nterms;
	float *cen = malloc((size_t)K * (V ? V : 1) * sizeof(float));
	float *w = malloc((size_t)K * (V ? V : 1) * sizeof(float));
	struct simrow *rows = malloc((n ? n : 1) * sizeof(*rows));
	uint32_t *core = malloc((n ? n : 1) * sizeof(*core));
	double q = REFINE_CORE;
	uint64_t rng = seed ^ 0xabcdef12345ULL;

	if (cen == NULL || w == NULL || rows == NULL || core == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	for (int r = 0; r < rounds; r++) {
		size_t ncore = 0, nr = 0;

		memset(cen, 0, (size_t)K * V * sizeof(float));
		for (size_t d = 0; d < n; d++)
			if (z[d] >= 0)
				for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
					cen[(size_t)z[d] * V + c->col[i]] += x[i];
		for (int k = 0; k < K; k++) {
			double norm = 0;

			for (size_t t = 0; t < V; t++)
				norm += (double)cen[(size_t)k * V + t] * cen[(size_t)k * V + t];
			norm = norm > 0 ? 1.0 / sqrt(norm) : 0;
			for (size_t t = 0; t < V; t++)
				cen[(size_t)k * V + t] *= (float)norm;
		}
		for (int k = 0; k < K; k++) {
			size_t start = nr, keep;

			for (size_t d = 0; d < n; d++) {
				double dot = 0;

				if (z[d] != k)
					continue;
				for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
					dot += x[i] * cen[(size_t)k * V + c->col[i]];
				rows[nr].sim = (float)dot;
				rows[nr].d = (uint32_t)d;
				nr++;
			}
			if (nr - start > 1)
				qsort(rows + start, nr - start, sizeof(*rows), cmp_simrow);
			keep = (size_t)ceil((double)(nr - start) * q);
			for (size_t i = 0; i < keep; i++)
				core[ncore++] = rows[start + i].d;
		}
		train_softmax(c, x, K, z, core, ncore, w, &rng);
		for (size_t d = 0; d < n; d++) {
			int best = -1;
			double bs = -INFINITY;

			if (c->row[d] == c->row[d + 1])
				continue;
			for (int k = 0; k < K; k++) {
				double s = 0;

				for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
					s += x[i] * w[(size_t)k * V + c->col[i]];
				if (s > bs) {
					bs = s;
					best = k;
				}
			}
			z[d] = best;
		}
	}
	free(cen);
	free(w);
	free(rows);
	free(core);
}

/* Merge the two most alike themes (cosine of their TF-IDF centres cen,
 * K × V, at least AUTO_MERGE_COS) while more than AUTO_K_MIN remain:
 * one topic split in two ("potholes" and "road potholes") becomes one,
 * and Welsh answers meet the English ones of their topic. */
static void merge_alike(const struct themes_corpus *c, int K, int *z, int *second, float *cen,
			size_t *size, int *alive, int nalive, size_t themed)
{
	size_t n = c->ndocs, V = c->nterms;

	while (nalive > AUTO_K_MIN) {
		double best = AUTO_MERGE_COS, nrm[THEMES_MAX_K];
		int ba = -1, bb = -1;

		for (int k = 0; k < K; k++) {
			double s2 = 0;

			if (!alive[k])
				continue;
			for (size_t t = 0; t < V; t++)
				s2 += (double)cen[(size_t)k * V + t] * cen[(size_t)k * V + t];
			nrm[k] = sqrt(s2);
		}
		for (int a = 0; a < K; a++)
			for (int b = a + 1; b < K; b++) {
				double dot = 0, cs;

				if (!alive[a] || !alive[b] || nrm[a] == 0 || nrm[b] == 0 ||
				    (double)(size[a] + size[b]) >
					AUTO_MERGE_MAX_SHARE * (double)themed)
					continue;
				for (size_t t = 0; t < V; t++)
					dot +=
					    (double)cen[(size_t)a * V + t] * cen[(size_t)b * V + t];
				cs = dot / (nrm[a] * nrm[b]);
				if (cs > best) {
					best = cs;
					ba = a;
					bb = b;
				}
			}
		if (ba < 0)
			break;
		if (size[bb] > size[ba]) {
			int tmp = ba;

			ba = bb;
			bb = tmp;
		}
		for (size_t d = 0; d < n; d++) {
			if (z[d] == bb)
				z[d] = ba;
			if (second[d] == bb || second[d] == z[d])
				second[d] = -1;
		}
		for (size_t t = 0; t < V; t++)
			cen[(size_t)ba * V + t] += cen[(size_t)bb * V + t];
		size[ba] += size[bb];
		size[bb] = 0;
		alive[bb] = 0;
		nalive--;
	}
}

/*
 * Choosing k from the data: start from AUTO_K_MAX themes (one per ten
 * answers on small sets) and dissolve those holding less than
 * AUTO_MIN_SHARE of the themed answers or fewer than AUTO_MIN_ANSWERS,
 * smallest first,
 * while more than AUTO_K_MIN remain; their answers go to the nearest
 * remaining centre.
 */
void themes_dissolve_small(const struct themes_corpus *c, const float *x, int K, int *z,
			   int *second)
{
	size_t n = c->ndocs, V = c->nterms, themed = 0;
	float *cen = calloc((size_t)K * (V ? V : 1), sizeof(float));
	size_t size[THEMES_MAX_K] = {0};
	int alive[THEMES_MAX_K], nalive = 0;

	if (cen == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	for (size_t d = 0; d < n; d++)
		if (z[d] >= 0) {
			size[z[d]]++;
			themed++;
			for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
				cen[(size_t)z[d] * V + c->col[i]] += x[i];
		}
	for (int k = 0; k < K; k++) {
		alive[k] = size[k] > 0;
		nalive += alive[k];
	}
	while (nalive > AUTO_K_MIN) {
		int small = -1;

		for (int k = 0; k < K; k++)
			if (alive[k] && (small < 0 || size[k] < size[small]))
				small = k;
		if (small < 0 || ((double)size[small] >= AUTO_MIN_SHARE * (double)themed &&
				  size[small] >= AUTO_MIN_ANSWERS))
			break;
		alive[small] = 0;
		nalive--;
		for (size_t d = 0; d < n; d++) {
			double best = -1;
			int bk = -1;

			if (second[d] == small)
				second[d] = -1;
			if (z[d] != small)
				continue;
			for (int k = 0; k < K; k++) {
				double dot = 0;

				if (!alive[k])
					continue;
				for (size_t i = c->row[d]; i < c->row[d + 1]; i++)
					dot += x[i] * cen[(size_t)k * V + c->col[i]];
				if (dot > best) {
					best = dot;
					bk = k;
				}
			}
			z[d] = bk;
			if (second[d] == bk)
				second[d] = -1;
			if (bk >= 0)
				size[bk]++;
		}
	}
	/* Then merge the most alike themes. */
	merge_alike(c, K, z, second, cen, size, alive, nalive, themed);
	free(cen);
}
