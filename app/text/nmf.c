/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * nmf: NMF with HALS updates on the TF-IDF of the answers, from the best
 * k-means start; for short answers several runs, their consensus and a
 * refinement (themes_nmf). Uses only the corpus (themes.h), kmeans.c and
 * refine.c through themes_int.h.
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

#define NMF_ITERS_MIN 15
#define NMF_ITERS_MAX 45
#define NMF_WORK 6e8 /* multiply-adds the NMF may spend, about a second */
#define REFINE_ROUNDS 6
#define ENSEMBLE_RUNS 5
#define ENSEMBLE_WORK 4e9
#define CONSENSUS_REFINE 2
#define NMF_SECOND 0.6 /* a second theme needs this share of the first's weight */

/* One HALS update of W (n × k) for X ≈ W H: A = X H^T, B = H H^T; on the
 * first iteration W starts from the projections. */
static void hals_w(const struct themes_corpus *c, const float *x, int k, const float *Ht, float *W,
		   float *A, double *B, int it)
{
	size_t n = c->ndocs, V = c->nterms;

	/* W step: A = X H^T, B = H H^T */
	memset(A, 0, n * (size_t)k * sizeof(float));
	for (size_t d = 0; d < n; d++) {
		float *a = A + d * (size_t)k;

		for (size_t i = c->row[d]; i < c->row[d + 1]; i++) {
			const float *h = Ht + (size_t)c->col[i] * (size_t)k;

			for (int j = 0; j < k; j++)
				a[j] += x[i] * h[j];
		}
	}
	memset(B, 0, THEMES_MAX_K * THEMES_MAX_K * sizeof(*B));
	for (size_t t = 0; t < V; t++) {
		const float *h = Ht + t * (size_t)k;

		for (int i = 0; i < k; i++)
			for (int j = 0; j < k; j++)
				B[i * k + j] += (double)h[i] * h[j];
	}
	for (size_t d = 0; d < n; d++) {
		float *w = W + d * (size_t)k, *a = A + d * (size_t)k;

		if (c->row[d] == c->row[d + 1])
			continue;
		if (it == 0) /* start from the projections */
			for (int j = 0; j < k; j++)
				w[j] = a[j] > 0 ? a[j] : 0;
		for (int j = 0; j < k; j++) {
			double num = a[j], v;

			if (B[j * k + j] <= 0)
				continue;
			for (int i = 0; i < k; i++)
				num -= (double)w[i] * B[i * k + j];
			v = w[j] + num / B[j * k + j];
			w[j] = v > 0 ? (float)v : 0.0f;
		}
	}
}

/* One HALS update of H (kept as Ht, V × k): C = X^T W, B = W^T W. */
static void hals_h(const struct themes_corpus *c, const float *x, int k, const float *W, float *Ht,
		   float *C, double *B)
{
	size_t n = c->ndocs, V = c->nterms;

	/* H step: C = X^T W (V × k), B = W^T W */
	memset(C, 0, V * (size_t)k * sizeof(float));
	memset(B, 0, THEMES_MAX_K * THEMES_MAX_K * sizeof(*B));
	for (size_t d = 0; d < n; d++) {
		const float *w = W + d * (size_t)k;

		for (size_t i = c->row[d]; i < c->row[d + 1]; i++) {
			float *cc = C + (size_t)c->col[i] * (size_t)k;

			for (int j = 0; j < k; j++)
				cc[j] += x[i] * w[j];
		}
		for (int i = 0; i < k; i++)
			if (w[i] != 0)
				for (int j = 0; j < k; j++)
					B[i * k + j] += (double)w[i] * w[j];
	}
	for (size_t t = 0; t < V; t++) {
		float *h = Ht + t * (size_t)k, *cc = C + t * (size_t)k;

		for (int j = 0; j < k; j++) {
			double num = cc[j], v;

			if (B[j * k + j] <= 0)
				continue;
			for (int i = 0; i < k; i++)
				num -= (double)h[i] * B[i * k + j];
			v = h[j] + num / B[j * k + j];
			h[j] = v > 0 ? (float)v : 0.0f;
		}
	}
}

/* One NMF grouping from the k-means start on stream `start`, refined with
 * `seed` when `single`. */
static void nmf_once(const struct themes_corpus *c, const float *x, int k, uint64_t start,
		     int single, uint64_t seed, int *z, int *second)
{
	size_t n = c->ndocs, V = c->nterms;
	float *H, *Ht, *W, *A, *C;
	double B[THEMES_MAX_K * THEMES_MAX_K];
	int iters;

	H = malloc((size_t)k * (V ? V : 1) * sizeof(float));
	Ht = malloc((size_t)k * (V ? V : 1) * sizeof(float)); /* V × k */
	W = calloc((n ? n : 1) * (size_t)k, sizeof(float));
	A = malloc((n ? n : 1) * (size_t)k * sizeof(float));
	C = malloc((size_t)k * (V ? V : 1) * sizeof(float)); /* V × k */
	if (H == NULL || Ht == NULL || W == NULL || A == NULL || C == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	/* The start is the best of several k-means runs from fixed streams,
	 * like NNDSVD in scikit-learn: the same data always starts the same
	 * way, so themes do not move with the seed; the seed orders the
	 * refinement's stochastic updates. */
	themes_kmeans_best(c, x, k, start, H, z);
	iters = (int)(NMF_WORK / (2.0 * (double)c->row[n] * k + (double)n * k * k + 1));
	if (iters < NMF_ITERS_MIN)
		iters = NMF_ITERS_MIN;
	if (iters > NMF_ITERS_MAX)
		iters = NMF_ITERS_MAX;
	for (size_t t = 0; t < V; t++)
		for (int j = 0; j < k; j++)
			Ht[t * (size_t)k + (size_t)j] = H[(size_t)j * V + t];

	for (int it = 0; it < iters; it++) {
		hals_w(c, x, k, Ht, W, A, B, it);
		hals_h(c, x, k, W, Ht, C, B);
	}
	/* Assign: the heaviest theme, and a second one when nearly as heavy. */
	for (size_t d = 0; d < n; d++) {
		const float *w = W + d * (size_t)k;
		int best = -1, next = -1;

		for (int j = 0; j < k; j++) {
			if (w[j] <= 0)
				continue;
			if (best < 0 || w[j] > w[best]) {
				next = best;
				best = j;
			} else if (next < 0 || w[j] > w[next]) {
				next = j;
			}
		}
		z[d] = best;
		second[d] = (next >= 0 && w[next] >= NMF_SECOND * w[best]) ? next : -1;
	}
	if (single) {
		themes_refine(c, x, k, z, REFINE_ROUNDS, seed);
		for (size_t d = 0; d < n; d++)
			second[d] = -1;
	}
	free(H);
	free(Ht);
	free(W);
	free(A);
	free(C);
}

/*
 * Consensus of R groupings (voting k-means on the label vectors): each
 * theme is a distribution over the labels every run gave its members; an
 * answer joins the theme whose runs agree most with its own labels. Starts
 * from run 0; answers without terms (z = -1 in every run) stay out.
 */
void themes_consensus(size_t n, int k, int R, int *const *zr, int *z)
{
	double *prof = malloc((size_t)k * (size_t)R * (size_t)k * sizeof(double));
	size_t *size = malloc((size_t)k * sizeof(size_t));

	if (prof == NULL || size == NULL)
		xrealloc(NULL, (size_t)-1 / 2);
	memcpy(z, zr[0], n * sizeof(int));
	for (int it = 0; it < 20; it++) {
		size_t moved = 0;

		memset(prof, 0, (size_t)k * (size_t)R * (size_t)k * sizeof(double));
		memset(size, 0, (size_t)k * sizeof(size_t));
		for (size_t d = 0; d < n; d++) {
			if (z[d] < 0)
				continue;
			size[z[d]]++;
			for (int r = 0; r < R; r++)
				if (zr[r][d] >= 0)
					prof[((size_t)z[d] * (size_t)R + (size_t)r) * (size_t)k +
					     (size_t)zr[r][d]] += 1;
		}
		for (size_t d = 0; d < n; d++) {
			int best = z[d];
			double bs = -1;

			if (z[d] < 0)
				continue;
			for (int j = 0; j < k; j++) {
				double sc = 0;

				if (size[j] == 0)
					continue;
				for (int r = 0; r < R; r++)
					if (zr[r][d] >= 0)
						sc += prof[((size_t)j * (size_t)R + (size_t)r) *
							       (size_t)k +
							   (size_t)zr[r][d]];
				sc /= (double)size[j];
				if (sc > bs) {
					bs = sc;
					best = j;
				}
			}
			if (best != z[d]) {
				z[d] = best;
				moved++;
			}
		}
		if (moved == 0)
			break;
	}
	free(prof);
	free(size);
}

int themes_nmf(const struct themes_corpus *c, int k, int auto_k, int single, uint64_t seed, int *z,
	       int *second)
{
	size_t n = c->ndocs;
	float *x = themes_tfidf(c);
	int used, runs = 1;

	if (auto_k) /* start from AUTO_K_MAX, fewer for small sets */
		k = n / 10 < AUTO_K_MIN	  ? AUTO_K_MIN
		    : n / 10 > AUTO_K_MAX ? AUTO_K_MAX
					  : (int)(n / 10);
	if (single) {
		/* Several runs from different starts, then their consensus: one
		 * start's luck matters less. As many runs as the work budget
		 * allows (one on very large sets). */
		double work =
		    (2.0 * (double)c->row[n] + (double)n * k) * k * (NMF_ITERS_MAX + 20) + 1;

		/* Clamped as a double: on a tiny set the quotient passes INT_MAX. */
		double fit = ENSEMBLE_WORK / work;

		runs = fit < 1 ? 1 : fit > ENSEMBLE_RUNS ? ENSEMBLE_RUNS : (int)fit;
	}
	if (runs == 1) {
		nmf_once(c, x, k, 1, single, seed, z, second);
	} else {
		int *zr[ENSEMBLE_RUNS] = {0};

		for (int r = 0; r < runs; r++) {
			zr[r] = malloc((n ? n : 1) * sizeof(int));
			if (zr[r] == NULL)
				xrealloc(NULL, (size_t)-1 / 2);
			nmf_once(c, x, k, 1 + (uint64_t)r, single, seed + (uint64_t)r, zr[r],
				 second);
		}
		themes_consensus(n, k, runs, zr, z);
		themes_refine(c, x, k, z, CONSENSUS_REFINE, seed);
		for (size_t d = 0; d < n; d++)
			second[d] = -1;
		for (int r = 0; r < runs; r++)
			free(zr[r]);
	}
	if (auto_k)
		themes_dissolve_small(c, x, k, z, second);
	/* Relabel by size, carrying the second themes along. */
	{
		int *map_in = malloc((size_t)k * sizeof(int)),
		    *probe = malloc((size_t)k * sizeof(int));

		if (map_in == NULL || probe == NULL)
			xrealloc(NULL, (size_t)-1 / 2);
		/* relabel() rewrites z; learn its mapping on a probe of one answer
		 * per theme by relabelling z alongside an index copy. */
		for (int j = 0; j < k; j++)
			map_in[j] = -1;
		{
			int *zz = malloc((n ? n : 1) * sizeof(int));

			if (zz == NULL)
				xrealloc(NULL, (size_t)-1 / 2);
			memcpy(zz, z, n * sizeof(int));
			used = themes_relabel(z, n, k);
			for (size_t d = 0; d < n; d++)
				if (zz[d] >= 0)
					map_in[zz[d]] = z[d];
			free(zz);
		}
		for (size_t d = 0; d < n; d++) {
			int s2 = second[d] >= 0 ? map_in[second[d]] : -1;

			second[d] = (s2 >= 0 && s2 != z[d]) ? s2 : -1;
		}
		free(map_in);
		free(probe);
	}
	free(x);
	return used;
}
